/* Accessibility fixes for markup that the theme and docutils write and no setting changes,
   found by the browser checks (tests/browser, `nox -s browser`). Include in docs/conf.py:
   html_js_files = [("convdemo-a11y.js", {"defer": "defer"})]. */
(function () {
  "use strict";

  function fix() {
    // pydata-sphinx-theme's navigation: the <summary> that opens a section of the table of
    // contents holds only an icon, so it has no name (axe-core: summary-name, serious).
    document.querySelectorAll("summary").forEach(function (summary) {
      if (summary.textContent.trim() || summary.hasAttribute("aria-label")) return;
      var item = summary.closest("li");
      var link = item ? item.querySelector(":scope > a") : null;
      var name = link ? link.textContent.trim() : "";
      summary.setAttribute(
        "aria-label",
        name ? "Show or hide the pages under " + name : "Show or hide this section",
      );
    });
    // docutils: the citations of a role="list" carry role="doc-biblioentry", deprecated in
    // DPUB-ARIA 1.1 in favour of listitem, so the list has no items that axe-core accepts
    // (aria-required-children, critical).
    document
      .querySelectorAll('[role="list"] > [role="doc-biblioentry"]')
      .forEach(function (entry) {
        entry.setAttribute("role", "listitem");
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fix);
  } else {
    fix();
  }
})();
