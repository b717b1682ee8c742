"""Search with snippets in the offline bundle (issue 26).

Sphinx's search page loads the index with a ``<script>`` tag, which works from disk, but
it fetches every result's page to show a snippet, which a browser refuses over ``file://``.
So the build writes the text of every page into ``_static/convdemo-search-texts.js`` (a
script that assigns one global), and the search page gets
``_static/convdemo-offline-search.js``, which, over ``file://`` only, answers those fetches
from it. Each page is kept as the little HTML the snippet needs: its main content's text
and the elements with an ``id`` (a result may point at a section), nothing else.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from sphinx.application import Sphinx

TEXTS = "convdemo-search-texts.js"
SCRIPT = "convdemo-offline-search.js"
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
_SKIPPED = {"script", "style", "svg", "button", "noscript", "template"}


class _MainText(HTMLParser):
    """The ``[role=main]`` element of a page, as text in ``<div id>`` elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.stack: list[str] = []  # per open element inside main: what to close with
        self.inside = False
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        attributes = dict(attrs)
        if not self.inside:
            if attributes.get("role") == "main":
                self.inside = True
                self.stack = ["main"]
            return
        classes = (attributes.get("class") or "").split()
        if self.skipping or tag in _SKIPPED or "headerlink" in classes:
            self.skipping += 1
            self.stack.append("skip")
            return
        if attributes.get("id"):
            self.out.append(f'<div id="{html.escape(attributes["id"])}">')
            self.stack.append("div")
        else:
            self.stack.append("")
        if tag in {"p", "li", "pre", "h1", "h2", "h3", "h4", "dt", "dd", "tr"}:
            self.out.append(" ")

    def handle_endtag(self, tag):
        if not self.inside or tag in _VOID or not self.stack:
            return
        closing = self.stack.pop()
        if closing == "main":
            self.inside = False
        elif closing == "skip":
            self.skipping -= 1
        elif closing == "div":
            self.out.append("</div>")

    def handle_data(self, data):
        if self.inside and not self.skipping:
            self.out.append(html.escape(data, quote=False))


#: What the parser would skip anyway, cut out before it reads the page (a page with an
#: animation holds megabytes of it): whole script/style/svg elements, inline data URIs.
_CUT = re.compile(r"<(script|style|svg)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_DATA_URI = re.compile(r"""=\s*(["'])data:[^"']*\1""")


def page_text(page: str) -> str:
    """The little HTML of `page` that Sphinx's snippet maker reads (``[role=main]``)."""
    parser = _MainText()
    parser.feed(_DATA_URI.sub('=""', _CUT.sub("", page)))
    parser.close()
    body = " ".join("".join(parser.out).split())
    return f'<div role="main">{body}</div>'


def _file_text(path: str) -> str:
    return page_text(Path(path).read_text(encoding="utf-8"))


def write_texts(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: every page's text into ``_static/convdemo-search-texts.js``.

    The pages are read on as many processes as the build has (``-j``): a second of
    parsing per hundred pages, in every language's pass."""
    if exception is not None or app.builder.format != "html":
        return
    from convdemo.site.atomic import write_text

    out = Path(app.outdir)
    suffix = app.config.html_file_suffix or ".html"
    names = [f"{docname}{suffix}" for docname in sorted(app.env.found_docs)]
    names = [name for name in names if (out / name).is_file()]
    paths = [str(out / name) for name in names]
    if (app.parallel or 1) > 1 and len(paths) > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # forked: the pages' parser is already here, nothing to import again
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=app.parallel, mp_context=context) as pool:
            chunk = -(-len(paths) // (4 * app.parallel))
            found = list(pool.map(_file_text, paths, chunksize=chunk))
    else:
        found = [_file_text(path) for path in paths]
    texts = dict(zip(names, found, strict=True))
    payload = json.dumps(texts, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # "</" inside a string would end the script early if it were inlined; escape it anyway
    payload = payload.replace("</", "<\\/")
    write_text(out / "_static" / TEXTS, f"window.CONVDEMO_SEARCH_TEXTS = {payload};\n")


def search_page_script(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """The fetch override, on the search page only."""
    if pagename == "search":
        app.add_js_file(SCRIPT)


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", search_page_script)
    # After the pages are written, before the offline bundle is zipped (900).
    app.connect("build-finished", write_texts, priority=850)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
