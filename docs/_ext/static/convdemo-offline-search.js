/* The search page opened from disk (the offline bundle, file://): Sphinx's search builds
   each result's snippet by fetching the result's page, which the browser refuses for
   local files (CORS, origin "null"). Here, on file:// only, such a fetch is answered from
   _static/convdemo-search-texts.js instead: the text of every page, which the build writes
   (docs/_ext/convdemo_offline_search.py) and which loads with a <script> tag, as the
   search index itself does. Over http(s) nothing changes. */
(() => {
  "use strict";
  if (window.location.protocol !== "file:") return;
  const root = document.documentElement.dataset.content_root || "./";
  const base = new URL(root, window.location.href).href;
  const realFetch = window.fetch.bind(window);
  let texts = null;

  const loadTexts = () => {
    texts ??= new Promise((resolve) => {
      const script = document.createElement("script");
      script.src = `${base}_static/convdemo-search-texts.js`;
      script.onload = () => resolve(window.CONVDEMO_SEARCH_TEXTS || {});
      script.onerror = () => resolve({});
      document.head.appendChild(script);
    });
    return texts;
  };

  window.fetch = (resource, init) => {
    const address = typeof resource === "string" ? resource : resource.url;
    const url = new URL(address, window.location.href);
    url.hash = "";
    url.search = "";
    if (!url.href.startsWith(base)) return realFetch(resource, init);
    const page = decodeURIComponent(url.href.slice(base.length));
    return loadTexts().then((all) =>
      Object.hasOwn(all, page)
        ? new Response(all[page], { headers: { "Content-Type": "text/html" } })
        : realFetch(resource, init),
    );
  };
})();
