// safestat serve: live reload. Injected into HTML responses by the preview server only.
// Reloads the page after a good build; shows (or clears) the build error overlay otherwise.
(function () {
  "use strict";
  var script = document.currentScript;
  var shownSite = script ? script.getAttribute("data-site") : null;
  var OVERLAY_ID = "safestat-overlay";

  function paragraph(className, text) {
    var p = document.createElement("p");
    p.className = className;
    p.textContent = text;
    return p;
  }

  function showError(error, lastGood) {
    var old = document.getElementById(OVERLAY_ID);
    var overlay = document.createElement("div");
    overlay.id = OVERLAY_ID;
    overlay.className = "safestat-overlay";
    overlay.setAttribute("role", "alert");
    overlay.appendChild(paragraph("safestat-overlay-title", "The site did not build"));
    if (error.location) {
      overlay.appendChild(paragraph("safestat-overlay-location", error.location));
    }
    var message = document.createElement("pre");
    message.className = "safestat-overlay-message";
    message.textContent = error.message;
    overlay.appendChild(message);
    overlay.appendChild(paragraph("safestat-overlay-hint", lastGood
      ? "Still showing the last good version. Fix the file and save: this page updates by itself."
      : "Fix the file and save: this page updates by itself."));
    if (old) {
      old.replaceWith(overlay);
    } else {
      document.body.appendChild(overlay);
    }
  }

  function clearError() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) {
      old.remove();
    }
  }

  var events = null;

  function connect() {
    events = new EventSource("/__safestat/events");
    events.addEventListener("state", function (event) {
      var state = JSON.parse(event.data);
      // The last state seen, for the browser tests and for anyone debugging the preview.
      window.__safestatLiveState = state;
      if (state.site !== shownSite) {
        events.close();
        window.location.reload();
        return;
      }
      if (state.error) {
        showError(state.error, state.last_good);
      } else {
        clearError();
      }
    });
  }

  // A page left for another is closed or kept in the back-forward cache: either way its stream
  // is closed, or the kept pages' streams would use up the browser's six connections to the
  // preview and the next page would never load. A page shown again from that cache reconnects,
  // and the state it then receives reloads it if the site changed meanwhile.
  window.addEventListener("pagehide", function () {
    if (events) {
      events.close();
      events = null;
    }
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && !events) {
      connect();
    }
  });
  connect();
})();
