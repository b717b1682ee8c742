"""Record the page addresses of a release: ``docs/_urls/<version>.txt``.

Run it when releasing, after building the site (``nox -s docs``)::

    python docs/_urls/record.py            # the site in docs/_build/html
    python docs/_urls/record.py SITE_DIR

It adds every ``.html`` page of the built site (redirect pages included) to the list of the
current version (``convdemo.__version__``) and keeps what the list already had. The docs
build then checks, for every list in this folder, that each address is still a page or a
redirect to one (tests/site/test_urls.py).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).parent.resolve()
ROOT = HERE.parents[1]
NOT_PAGES = ("_static/", "_sources/", "_downloads/", "_images/")


def current_version() -> str:
    text = (ROOT / "convdemo" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if match is None:
        raise SystemExit("no __version__ in convdemo/__init__.py")
    return match.group(1)


def site_pages(site: Path) -> set[str]:
    """Every .html page of a built site, as a path relative to its root."""
    pages = {path.relative_to(site).as_posix() for path in site.rglob("*.html")}
    return {page for page in pages if not page.startswith(NOT_PAGES)}


def main(argv: list[str]) -> int:
    site = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "_build" / "html"
    if not (site / "index.html").is_file():
        print(f"no built site at {site}: run `nox -s docs` first", file=sys.stderr)
        return 1
    target = HERE / f"{current_version()}.txt"
    recorded = set(target.read_text(encoding="utf-8").split()) if target.exists() else set()
    pages = site_pages(site)
    everything = sorted(recorded | pages)
    target.write_text("".join(f"{page}\n" for page in everything), encoding="utf-8")
    print(f"{target.relative_to(ROOT)}: {len(pages - recorded)} new, {len(everything)} in all")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
