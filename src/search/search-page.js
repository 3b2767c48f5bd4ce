// safestat: starts Pagefind's search interface on the search page (#search), with the words the
// page carries in its data- attributes (from the site's Fluent files, in the page's language).
// Without JavaScript this never runs, and the page shows how to browse instead.
// SAFESTAT_SEARCH_PARTS (written above this file by the build) names, for each language, the
// folders under the bundle of the parts its pages were indexed in: a large site is indexed in
// parts, and the first part of the page's language is opened and the others merged into it.
(function () {
  var element = document.getElementById("search");
  if (!element || typeof PagefindUI === "undefined") {
    return;
  }
  var words = element.dataset;
  var all = typeof SAFESTAT_SEARCH_PARTS === "undefined" ? {} : SAFESTAT_SEARCH_PARTS;
  var lang = document.documentElement.lang || "";
  var parts = all[lang] || all[lang.toLowerCase()] || all[lang.split("-")[0].toLowerCase()];
  if (!parts) {
    // No page of this language is indexed (a translated home page only, say): Pagefind would
    // search another language's pages instead, so say so and leave the browse list.
    var note = document.createElement("p");
    note.className = "search-nothing";
    note.textContent = words.nothing;
    element.appendChild(note);
    return;
  }
  var merged = [];
  for (var i = 1; i < parts.length; i++) {
    merged.push({ bundlePath: words.bundlePath + parts[i], language: lang.toLowerCase() });
  }
  new PagefindUI({
    element: "#search",
    bundlePath: words.bundlePath + parts[0],
    mergeIndex: merged,
    baseUrl: words.baseUrl,
    showImages: false,
    showSubResults: true,
    translations: {
      search_label: words.searchLabel,
      placeholder: words.placeholder,
      clear_search: words.clearSearch,
      load_more: words.loadMore,
      zero_results: words.zeroResults,
      one_result: words.oneResult,
      many_results: words.manyResults,
      searching: words.searching
    }
  });
  // A visible label for the search box (Pagefind's has only a title).
  var input = element.querySelector("input");
  if (input) {
    input.id = "search-input";
    var label = document.createElement("label");
    label.htmlFor = "search-input";
    label.className = "search-label";
    label.textContent = words.searchLabel;
    element.parentNode.insertBefore(label, element);
  }
})();
