"""Checks of a built static site in a real browser, as plain functions.

The site tests (``test_browser_site.py``) run them on every page of the built site; the
checker's own tests (``test_browser_checker.py``) run them on a tiny site with good and
deliberately broken pages, to show that each check reports what it is meant to.

Every check returns a list of :class:`Problem` (empty: nothing wrong). Nothing here
imports Playwright at module level, so the module imports in any environment.

The pieces:

* :func:`serve` serves a folder over HTTP on 127.0.0.1 (a free port), as a reader gets it.
* :func:`new_context` opens a browser context in light or dark mode.
* :func:`open_page` opens a page whose traffic and console are recorded;
  :func:`audit_page` loads one page in it and runs every per-page check on it (status, console,
  requests to other hosts, images, math, dark-mode figures, axe-core), and collects its
  links and anchors.
* :func:`crawl` audits every page reachable from ``index.html`` through same-site links
  (:func:`crawl_modes`: in light and dark mode at once);
  :func:`check_links` then checks every internal link and in-page anchor.
* :func:`check_mobile` and :func:`check_search` are the checks that are not run per page.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - only for type checkers
    from playwright.sync_api import Browser, BrowserContext, Page

#: axe-core impacts that fail a page.
FAILING_IMPACTS = ("serious", "critical")
#: Where a page's own content is (its figures); the theme's header and sidebars are not.
CONTENT = "main"
#: Longest wait for one page (load, MathJax, fonts, images), in milliseconds.
TIMEOUT_MS = 30_000

LIGHT, DARK = "light", "dark"

# pydata-sphinx-theme keeps the reader's choice in localStorage ("mode": light/dark/auto,
# "theme": the resolved light/dark) and applies it from an inline script in <head>.
# Setting both before any page script runs is what a reader who picked "dark" has.
_DARK_INIT = """
try {
  localStorage.setItem("mode", "dark");
  localStorage.setItem("theme", "dark");
} catch (e) {}
if (document.documentElement) {
  document.documentElement.dataset.mode = "dark";
  document.documentElement.dataset.theme = "dark";
}
"""


@dataclass(frozen=True)
class Problem:
    """One thing wrong on one page."""

    page: str  # site-relative path, e.g. "auto_examples/basics/plot_edges.html"
    check: str  # e.g. "status", "external-request", "image", "math", "axe:link-name"
    detail: str

    def __str__(self) -> str:
        return f"{self.page}: [{self.check}] {self.detail}"


def format_problems(problems: Iterable[Problem], *, max_pages: int = 8) -> str:
    """Group problems that are the same on many pages: one line each, with the pages."""
    pages: dict[tuple[str, str], list[str]] = defaultdict(list)
    for problem in problems:
        pages[(problem.check, problem.detail)].append(problem.page)
    lines = []
    for (check, detail), where in sorted(pages.items()):
        shown = ", ".join(where[:max_pages])
        more = f" (+{len(where) - max_pages} more)" if len(where) > max_pages else ""
        lines.append(f"[{check}] {detail}\n    on {len(where)} page(s): {shown}{more}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- serving


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(directory: str | Path) -> Iterator[str]:
    """Serve ``directory`` over HTTP on 127.0.0.1 (a free port); yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _same_site(url: str, base_url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "javascript", "mailto"):
        return True
    return parts.netloc == urllib.parse.urlsplit(base_url).netloc


def _is_external(url: str, base_url: str) -> bool:
    """A URL the browser would fetch from a host other than the site's."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "javascript", "mailto"):
        return False
    return parts.netloc != urllib.parse.urlsplit(base_url).netloc


def site_path(url: str, base_url: str) -> str:
    """The site-relative path of a same-site URL (no query, no fragment)."""
    path = urllib.parse.urlsplit(url).path
    base = urllib.parse.urlsplit(base_url).path
    rel = urllib.parse.unquote(path[len(base) :] if path.startswith(base) else path.lstrip("/"))
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    return rel


# --------------------------------------------------------------------------- browser


@contextlib.contextmanager
def blackhole() -> Iterator[str]:
    """A local address that refuses every connection (a socket bound, never listening).

    Given to the browser as its proxy (see :func:`launch_args`), it makes every request
    to another host fail at once, inside the machine; the site on 127.0.0.1 is not
    proxied. Blocking in the browser, rather than with ``page.route``, keeps Chromium's
    cache on (routing turns it off and doubles the time of every page).
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    try:
        yield f"127.0.0.1:{sock.getsockname()[1]}"
    finally:
        sock.close()


def launch_args(proxy: str | None = None) -> list[str]:
    """Chromium flags for a quiet, offline, headless run as root; with ``proxy`` (see
    :func:`blackhole`), every request to a host other than 127.0.0.1 is blocked."""
    args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    if proxy is not None:
        args += [f"--proxy-server=http://{proxy}", "--proxy-bypass-list=127.0.0.1;localhost"]
    return args


def new_context(browser: Browser, mode: str = LIGHT, **kwargs: Any) -> BrowserContext:
    """A fresh browser context in light or dark mode (the theme's switch and the OS's)."""
    if mode not in (LIGHT, DARK):
        raise ValueError(f"mode must be {LIGHT!r} or {DARK!r}, not {mode!r}")
    context = browser.new_context(color_scheme=mode, **kwargs)
    context.set_default_timeout(TIMEOUT_MS)
    if mode == DARK:
        context.add_init_script(_DARK_INIT)
    return context


class Recorder:
    """Watches one page: requests to other hosts, console errors, uncaught exceptions,
    same-site responses with an error status, failed same-site requests.

    Requests to other hosts are recorded here and blocked by the browser (its proxy is
    a :func:`blackhole`); ``blocked`` keeps how each one failed.
    """

    def __init__(self, page: Page, base_url: str) -> None:
        self.base_url = base_url
        self.reset()
        page.on("request", self._request)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("response", self._response)
        page.on("requestfailed", self._failed)

    def reset(self) -> None:
        """Forget what was recorded (before the next page is loaded)."""
        self.external: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.bad_responses: list[tuple[int, str]] = []
        self.failed: list[tuple[str, str]] = []
        self.blocked: list[tuple[str, str]] = []

    def _request(self, request: Any) -> None:
        if _is_external(request.url, self.base_url):
            self.external.append(request.url)

    def _console(self, message: Any) -> None:
        if message.type == "error":
            where = message.location.get("url", "") if message.location else ""
            self.console_errors.append(f"{message.text} ({where})" if where else message.text)

    def _response(self, response: Any) -> None:
        request = response.request
        if request.is_navigation_request() and request.frame.parent_frame is None:
            return  # the page itself: checked as its status
        if response.status >= 400:
            self.bad_responses.append((response.status, response.url))

    def _failed(self, request: Any) -> None:
        if _is_external(request.url, self.base_url):
            self.blocked.append((request.url, request.failure or "failed"))
            return  # already recorded as a request to another host
        self.failed.append((request.url, request.failure or "failed"))

    def problems(self, page_path: str) -> list[Problem]:
        found = []
        for url in dict.fromkeys(self.external):
            found.append(Problem(page_path, "external-request", f"request to another host: {url}"))
        for text in dict.fromkeys(self.console_errors):
            found.append(Problem(page_path, "console-error", text))
        for text in dict.fromkeys(self.page_errors):
            found.append(Problem(page_path, "page-error", text))
        for status, url in dict.fromkeys(self.bad_responses):
            rel = site_path(url, self.base_url)
            found.append(Problem(page_path, "http-status", f"{status} for {rel}"))
        for url, why in dict.fromkeys(self.failed):
            found.append(Problem(page_path, "request-failed", f"{why}: {url}"))
        return found


_WAIT_JS = """
async (timeoutMs) => {
  const timeout = new Promise((resolve) => setTimeout(() => resolve("timeout"), timeoutMs));
  const ready = (async () => {
    const MJ = window.MathJax;
    if (MJ && MJ.startup && MJ.startup.promise) await MJ.startup.promise;
    await document.fonts.ready;
    const images = [...document.images];
    for (const img of images) if (img.loading === "lazy") img.loading = "eager";
    await Promise.all(images.map((img) => img.decode().catch(() => null)));
    return "ready";
  })();
  return Promise.race([ready, timeout]);
}
"""


def load(page: Page, url: str) -> tuple[int | None, list[Problem]]:
    """Open ``url`` and wait until MathJax has typeset, fonts and images are in."""
    response = page.goto(url, wait_until="load")
    status = response.status if response is not None else None
    state = page.evaluate(_WAIT_JS, TIMEOUT_MS // 2)
    problems = []
    if state != "ready":
        problems.append(Problem(url, "timeout", "MathJax/fonts/images not ready in time"))
    return status, problems


@contextlib.contextmanager
def open_page(context: BrowserContext, base_url: str) -> Iterator[tuple[Page, Recorder]]:
    """A new page in ``context`` whose traffic and console are recorded.

    One page serves many visits: :func:`audit_page` resets the record before each."""
    page = context.new_page()
    try:
        yield page, Recorder(page, base_url)
    finally:
        page.close()


# --------------------------------------------------------------------------- per-page checks


def check_status(path: str, status: int | None) -> list[Problem]:
    if status == 200:
        return []
    return [Problem(path, "status", f"HTTP {status} for the page itself")]


_IMAGES_JS = """
() => [...document.images]
  .filter((img) => !(img.complete && img.naturalWidth > 0))
  .map((img) => img.getAttribute("src") || img.currentSrc || "(no src)")
"""


def check_images(page: Page, path: str) -> list[Problem]:
    """Every <img> on the page is decoded (naturalWidth > 0)."""
    return [
        Problem(path, "image", f"image not decoded (naturalWidth 0): {src}")
        for src in page.evaluate(_IMAGES_JS)
    ]


_MATH_JS = r"""
() => {
  const out = [];
  const short = (text) => text.replace(/\s+/g, " ").trim().slice(0, 80);
  for (const el of document.querySelectorAll("span.math, div.math")) {
    if (!el.querySelector("mjx-container")) out.push("not typeset: " + short(el.textContent));
  }
  for (const el of document.querySelectorAll("mjx-merror")) {
    out.push("TeX error: " + short(el.getAttribute("data-mjx-error") || el.textContent));
  }
  const skip = "script, style, pre, code, kbd, samp, textarea, mjx-container, .highlight, .math";
  const tex = [
    /\\\(|\\\)|\\\[|\\\]|\$\$/,
    /\\(begin|end)\{/,
    /\\(frac|sum|int|sqrt|cdot|times|alpha|beta|sigma|mathbf|mathrm|left|right)\b/,
    /(^|[^\w$])\$[^$\s][^$\n]*[\\^_{}][^$\n]*\$/,
  ];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest(skip)) continue;
    const text = node.textContent;
    if (tex.some((re) => re.test(text))) out.push("raw TeX in text: " + short(text));
  }
  const hasMath = document.querySelector("span.math, div.math") !== null;
  if (hasMath && !window.MathJax) out.push("page has math but MathJax is not loaded");
  return out;
}
"""


def check_math(page: Page, path: str) -> list[Problem]:
    """All math is typeset by MathJax (no raw TeX left in the text, no TeX errors)."""
    return [Problem(path, "math", detail) for detail in page.evaluate(_MATH_JS)]


_DARK_FIGURES_JS = """
(selector) => {
  const root = document.querySelector(selector) || document.body;
  const out = [];
  for (const img of root.querySelectorAll("img")) {
    if (img.getClientRects().length === 0) continue;  // not shown in this mode
    const src = img.getAttribute("src") || "(no src)";
    for (let el = img; el && el !== document.documentElement; el = el.parentElement) {
      const style = getComputedStyle(el);
      const classes = typeof el.className === "string" ? el.className.trim().split(/\\s+/) : [];
      const on = el === img ? "<img>"
        : "<" + [el.tagName.toLowerCase(), ...classes.filter(Boolean)].join(".") + ">";
      const say = (what) => out.push(`${src}: ${what} on ${on}`);
      if (style.filter !== "none") say(`filter ${style.filter}`);
      if (style.mixBlendMode !== "normal") say(`mix-blend-mode ${style.mixBlendMode}`);
      if (parseFloat(style.opacity) < 1) say(`opacity ${style.opacity}`);
    }
  }
  return out;
}
"""


def check_dark_figures(page: Page, path: str) -> list[Problem]:
    """No CSS filter, blend mode or transparency changes a content image's colours."""
    return [
        Problem(path, "dark-figure", detail) for detail in page.evaluate(_DARK_FIGURES_JS, CONTENT)
    ]


def check_theme(page: Page, path: str, mode: str) -> list[Problem]:
    """The theme shows the mode asked for (``data-theme`` on <html>)."""
    theme = page.evaluate("() => document.documentElement.dataset.theme || null")
    if theme == mode:
        return []
    return [Problem(path, "theme", f"asked for {mode} mode, <html data-theme> is {theme!r}")]


@functools.cache
def _axe() -> Any:
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


_AXE_OPTIONS = {"resultTypes": ["violations"]}


def start_axe(page: Page) -> None:
    """Inject axe-core (bundled with axe-playwright-python, no network) and start a run on
    the page without waiting for it: two pages (light and dark) can then be checked at
    once, each in its own renderer process. :func:`axe_results` waits for the run."""
    page.evaluate(_axe().axe_script)
    page.evaluate(
        "(options) => { window.__convdemoAxe = axe.run(document, options); }", _AXE_OPTIONS
    )


def axe_results(page: Page, path: str, *, mode: str = LIGHT) -> list[Problem]:
    """The violations of impact serious or critical found by the run :func:`start_axe`
    started on the page."""
    results = page.evaluate("() => window.__convdemoAxe")
    found = []
    for violation in results["violations"]:
        if violation.get("impact") not in FAILING_IMPACTS:
            continue
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node.get("target", []))
            html = re.sub(r"\s+", " ", node.get("html", ""))[:160]
            summary = node.get("failureSummary", "").replace("\n", " ")[:240]
            found.append(
                Problem(
                    path,
                    f"axe:{violation['id']}",
                    f"{mode}, {violation['impact']}: {violation['help']} | {target} | {html}"
                    f" | {summary}",
                )
            )
    return found


def check_axe(page: Page, path: str, *, mode: str = LIGHT) -> list[Problem]:
    """axe-core (bundled, no network): no violation of impact serious or critical."""
    start_axe(page)
    return axe_results(page, path, mode=mode)


_EXTERNAL_REFS_JS = """
() => {
  const refs = [];
  for (const el of document.querySelectorAll("link[href]")) {
    const rel = (el.getAttribute("rel") || "").toLowerCase();
    if (/(stylesheet|icon|preload|prefetch|preconnect|modulepreload|manifest)/.test(rel))
      refs.push(`<link rel=${rel}> ${el.href}`);
  }
  const sources = "script[src], iframe[src], img[src], source[src], video[src], audio[src], "
    + "embed[src], object[data]";
  for (const el of document.querySelectorAll(sources))
    refs.push(`<${el.tagName.toLowerCase()}> ${el.src || el.data}`);
  return refs;
}
"""


def check_external_references(page: Page, path: str, base_url: str) -> list[Problem]:
    """No element would fetch from another host (also preconnect hints, which make no
    request event)."""
    found = []
    for ref in page.evaluate(_EXTERNAL_REFS_JS):
        url = ref.rsplit(" ", 1)[-1]
        if _is_external(url, base_url):
            found.append(Problem(path, "external-reference", ref))
    return found


_LINKS_JS = """
() => ({
  links: [...document.querySelectorAll("a[href], area[href]")]
    .filter((a) => !a.getAttribute("href").startsWith("javascript:"))
    .map((a) => a.href),
  ids: [
    ...[...document.querySelectorAll("[id]")].map((el) => el.id),
    ...[...document.querySelectorAll("a[name]")].map((el) => el.getAttribute("name")),
  ],
})
"""


@dataclass
class PageReport:
    """What one visit of one page found."""

    path: str
    mode: str
    status: int | None = None
    problems: list[Problem] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # absolute URLs of every <a href>
    ids: set[str] = field(default_factory=set)  # every id (and <a name>) on the page


def audit_page(
    page: Page,
    recorder: Recorder,
    base_url: str,
    path: str,
    *,
    mode: str = LIGHT,
    axe: bool = True,
) -> PageReport:
    """Load one page (in an open page, see :func:`open_page`) and run every per-page check."""
    report = _audit_start(page, recorder, base_url, path, mode=mode, axe=axe)
    _audit_finish(page, report, axe=axe)
    return report


def _audit_start(
    page: Page, recorder: Recorder, base_url: str, path: str, *, mode: str, axe: bool
) -> PageReport:
    """Every check of :func:`audit_page` but axe-core's, which is only started."""
    report = PageReport(path=path, mode=mode)
    url = urllib.parse.urljoin(base_url, urllib.parse.quote(path))
    recorder.reset()
    report.status, problems = load(page, url)
    report.problems += [Problem(path, p.check, p.detail) for p in problems]
    report.problems += check_status(path, report.status)
    if report.status == 200:
        report.problems += check_images(page, path)
        report.problems += check_math(page, path)
        report.problems += check_external_references(page, path, base_url)
        if mode == DARK:
            report.problems += check_theme(page, path, mode)
            report.problems += check_dark_figures(page, path)
        found = page.evaluate(_LINKS_JS)
        report.links = found["links"]
        report.ids = set(found["ids"])
    # What the page itself did, before axe-core runs: axe fetches stylesheets again to
    # read their rules, and resolves their @imports against the page (a 404 that no reader
    # ever causes).
    report.problems += recorder.problems(path)
    if report.status == 200 and axe:
        start_axe(page)
    return report


def _audit_finish(page: Page, report: PageReport, *, axe: bool) -> None:
    if report.status == 200 and axe:
        report.problems += axe_results(page, report.path, mode=report.mode)


# --------------------------------------------------------------------------- crawling


def _crawlable(url: str, base_url: str) -> str | None:
    """The site path to crawl for a link, or None if it is not a same-site HTML page."""
    if not _same_site(url, base_url):
        return None
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        return None
    path = site_path(url, base_url)
    if not path.endswith(".html") or path.startswith(("_sources/", "_static/", "_downloads/")):
        return None
    return path


def crawl(
    context: BrowserContext,
    base_url: str,
    *,
    start: str = "index.html",
    mode: str = LIGHT,
    axe: bool = True,
    max_pages: int = 400,
) -> dict[str, PageReport]:
    """Audit every page reachable from ``start`` through same-site links (breadth first)."""
    return crawl_modes({mode: context}, base_url, start=start, axe=axe, max_pages=max_pages)[mode]


def crawl_modes(
    contexts: dict[str, BrowserContext],
    base_url: str,
    *,
    start: str = "index.html",
    axe: bool = True,
    max_pages: int = 400,
) -> dict[str, dict[str, PageReport]]:
    """:func:`crawl` in several modes at once (e.g. ``{LIGHT: light, DARK: dark}``): each
    page is audited in every mode, the axe-core runs of all modes side by side."""
    reports: dict[str, dict[str, PageReport]] = {mode: {} for mode in contexts}
    queue = deque([start])
    seen = {start}
    with contextlib.ExitStack() as stack:
        pages = {
            mode: stack.enter_context(open_page(context, base_url))
            for mode, context in contexts.items()
        }
        while queue:
            path = queue.popleft()
            started = [
                _audit_start(page, recorder, base_url, path, mode=mode, axe=axe)
                for mode, (page, recorder) in pages.items()
            ]
            for report in started:
                _audit_finish(pages[report.mode][0], report, axe=axe)
                reports[report.mode][path] = report
                for link in report.links:
                    target = _crawlable(link, base_url)
                    if target is not None and target not in seen and len(seen) < max_pages:
                        seen.add(target)
                        queue.append(target)
    return reports


def http_status(url: str) -> int:
    """The HTTP status of a same-site URL (HEAD, no browser)."""
    request = urllib.request.Request(url, method="HEAD")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def check_links(
    reports: dict[str, PageReport],
    base_url: str,
    *,
    status_of: Callable[[str], int] = http_status,
) -> list[Problem]:
    """Every same-site link resolves (no 404) and every #anchor exists on its target page.

    Pages that were crawled answer from their report; other targets (downloads, sources,
    images) are asked for their status over HTTP.
    """
    found = []
    statuses: dict[str, int] = {}
    for path, report in reports.items():
        for link in dict.fromkeys(report.links):
            if not _same_site(link, base_url):
                continue
            parts = urllib.parse.urlsplit(link)
            if parts.scheme not in ("http", "https"):
                continue
            target = site_path(link, base_url)
            fragment = urllib.parse.unquote(parts.fragment)
            if target in reports:
                status = reports[target].status or 0
            else:
                plain = urllib.parse.urlunsplit(parts._replace(query="", fragment=""))
                if plain not in statuses:
                    statuses[plain] = status_of(plain)
                status = statuses[plain]
            if status >= 400:
                found.append(Problem(path, "link", f"broken link ({status}): {target}"))
                continue
            if (
                fragment
                and fragment != "top"
                and target in reports
                and fragment not in reports[target].ids
            ):
                found.append(Problem(path, "anchor", f"no id {fragment!r} on {target}"))
    return found


# --------------------------------------------------------------------------- other checks

_MOBILE_JS = """
(selector) => {
  const doc = document.scrollingElement || document.documentElement;
  const root = document.querySelector(selector) || document.body;
  const wide = [...root.querySelectorAll("img")]
    .filter((img) => img.getClientRects().length > 0)
    .map((img) => ({src: img.getAttribute("src"), width: img.getBoundingClientRect().width}))
    .filter((img) => img.width > doc.clientWidth + 1);
  return {scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, wide};
}
"""


def check_mobile(page: Page, path: str) -> list[Problem]:
    """On a small viewport: no horizontal scrolling of the page, figures scale down."""
    found = page.evaluate(_MOBILE_JS, CONTENT)
    problems = []
    if found["scrollWidth"] > found["clientWidth"] + 1:
        problems.append(
            Problem(
                path,
                "mobile",
                f"page scrolls sideways: scrollWidth {found['scrollWidth']} > "
                f"clientWidth {found['clientWidth']}",
            )
        )
    for img in found["wide"]:
        problems.append(
            Problem(
                path,
                "mobile",
                f"image wider than the viewport ({img['width']:.0f} > "
                f"{found['clientWidth']} px): {img['src']}",
            )
        )
    return problems


def check_search(page: Page, *, timeout_ms: int = 15_000) -> list[str]:
    """Wait for Sphinx's search to finish on an open search page; return the result titles.

    Raises ``AssertionError`` if the search never finishes.
    """
    page.wait_for_function(
        """() => {
          const title = document.querySelector("#search-results h2");
          return title && title.textContent.trim() === "Search Results";
        }""",
        timeout=timeout_ms,
    )
    return page.eval_on_selector_all(
        "#search-results ul.search li",
        "(items) => items.map((li) => (li.querySelector('a') || li).textContent.trim())",
    )
