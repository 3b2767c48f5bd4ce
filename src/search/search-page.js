// safestat: starts Pagefind's search interface on the search page (#search), with the words the
// page carries in its data- attributes (from the site's Fluent files, in the page's language).
// Without JavaScript this never runs, and the page shows how to browse instead.
(function () {
  var element = document.getElementById("search");
  if (!element || typeof PagefindUI === "undefined") {
    return;
  }
  var words = element.dataset;
  new PagefindUI({
    element: "#search",
    bundlePath: words.bundlePath,
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
