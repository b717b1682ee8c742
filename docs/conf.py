"""Sphinx configuration of the convdemo site.

Three promises shape it:

* offline, both ways: no intersphinx download, no dataset download, MathJax served
  from ``_static/mathjax`` (no CDN);
* strict: built with ``-W --keep-going -n``; an example or notebook that raises
  fails the build;
* reproducible: two clean builds give byte-identical output (no timings, seeded
  randomness, fixed zip timestamps, fixed dates).

And it is citable and portable: citations made from CITATION.cff (the "How to cite" page
and a "Cite this example" box on every example), link previews, redirects for moved pages,
and the whole site as one zip (docs/_ext/convdemo_citation.py, convdemo_publish.py).
"""

from __future__ import annotations

import os
import sys
import tomllib
import zipfile
from pathlib import Path

import yaml  # comes with myst-parser

HERE = Path(__file__).parent.resolve()
ROOT = HERE.parent
# The package is installed (editable) into the docs environment; this line only helps a
# bare `sphinx-build` from a checkout. Notebook kernels get the same path via PYTHONPATH.
sys.path.insert(0, str(ROOT))
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
)
# Reproducibility for everything the build (and the notebook kernels) runs.
os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")

import convdemo

# -- Project -----------------------------------------------------------------------------

project = "convdemo"
author = "The convdemo developers"
copyright = "The convdemo developers"  # no year: the output must not depend on the date
release = convdemo.__version__
version = ".".join(release.split(".")[:2])

# Who and what to cite, and where the site lives, are written once: in CITATION.cff.
CITATION = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
SITE_URL = CITATION["url"]  # the published site's root, ending in "/"

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "numpydoc",
    "myst_nb",
    "sphinx_gallery.gen_gallery",
    "sphinx_copybutton",
    "sphinx_design",
    "sphinxcontrib.bibtex",
    "sphinx_reredirects",
    "sphinxext.opengraph",
    "convdemo_citation",  # docs/_ext: citations from CITATION.cff, "Cite this example"
    "convdemo_publish",  # docs/_ext: per-page preview images, the offline bundle
    "playground_data",  # docs/_ext: the playground's data (from convdemo) and its assets
    "convdemo_questions",  # docs/_ext: "Check yourself" questions, the diagnostic page
]
# The modules of docs/_ext (named above and by string in sphinx_gallery_conf).
sys.path.insert(0, str(HERE / "_ext"))

exclude_patterns = [
    "_build",
    "jupyter_execute",
    "**.ipynb_checkpoints",
    # sphinx-gallery writes a notebook next to each example page: not a page of its own.
    "auto_examples/**/*.ipynb",
    "auto_examples/**/*.py",
    "auto_examples/**/*.zip",
    "auto_examples/**/*.md5",
    "_static/mathjax/README.md",
    "README.md",
]
templates_path = ["_templates"]
source_suffix = {".rst": "restructuredtext", ".md": "myst-nb"}
root_doc = "index"
language = "en"
today_fmt = "%Y"  # nothing on a page shows the build date

# Nitpicky (-n): every cross-reference must resolve. The build is offline, so there is no
# intersphinx; references to numpy's, matplotlib's and Python's own types are ignored on
# purpose (they are written out in the docstrings anyway).
nitpick_ignore_regex = [
    (r"py:(class|obj|data|func|meth|attr|exc)", r"(numpy|np|matplotlib|skimage)(\..*)?"),
    (r"py:(class|obj)", r"(int|float|str|bool|tuple|list|dict|None|callable|object)"),
    (r"py:(class|obj)", r"(array_like|array-like|optional|default.*|iterable of .*|of)"),
    (r"py:(class|obj)", r"(Iterable|Iterator|Sequence)(\[.*\])?"),
    (r"py:(class|obj)", r"(collections\.abc|typing)\..*"),
    (r"py:(meth|func|attr)", r"(str|int|float|dict|list|tuple)\..*"),
]

# -- Autodoc, autosummary, numpydoc ------------------------------------------------------------

autosummary_generate = True
autosummary_imported_members = True
autodoc_typehints = "none"  # types are in the numpydoc Parameters sections
autodoc_member_order = "bysource"
autodoc_default_options = {"inherited-members": False}
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False
numpydoc_attributes_as_param_list = True


def _write_ungrouped_api() -> None:
    """List the public names that api.md does not group yet on a page of their own.

    Every name in ``convdemo.__all__`` gets an API page even before someone files it under a
    heading of api.md; the page lives in the generated folder (removed by ``nox -s clean``).
    """
    import re

    grouped = set(re.findall(r"^ {3}(\w+)\s*$", (HERE / "api.md").read_text(), re.MULTILINE))
    ungrouped = [name for name in convdemo.__all__ if name != "__version__" and name not in grouped]
    lines = ["Not yet grouped", "===============", ""]
    if ungrouped:
        lines += [
            "Public names of :mod:`convdemo` that the :ref:`API reference <api>` does not",
            "list under a heading yet.",
            "",
            ".. currentmodule:: convdemo",
            "",
            ".. autosummary::",
            "   :toctree: .",
            "   :nosignatures:",
            "",
            *(f"   {name}" for name in ungrouped),
        ]
    else:
        lines.append("Every public name has its place in the :ref:`API reference <api>`.")
    target = HERE / "generated" / "api_ungrouped.rst"
    text = "\n".join(lines) + "\n"
    target.parent.mkdir(exist_ok=True)
    if not target.exists() or target.read_text() != text:  # keep no-change rebuilds cheap
        target.write_text(text)


_write_ungrouped_api()

# -- MyST-NB (narrative pages are markdown notebooks, executed at build time) ------------------

myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist", "attrs_inline"]
myst_heading_anchors = 3
nb_execution_mode = "cache"
nb_execution_timeout = 180
nb_execution_raise_on_error = True  # a failing cell fails the build
nb_execution_show_tb = True
nb_output_stderr = "warn"  # stray warnings in a cell become build warnings (and -W errors)
nb_merge_streams = True
nb_execution_cache_path = str(HERE / "_build" / ".jupyter_cache")
nb_ipywidgets_js = {}  # no widget scripts from a CDN

# -- sphinx-gallery ----------------------------------------------------------------------------

sphinx_gallery_conf = {
    "examples_dirs": ["../gallery"],
    "gallery_dirs": ["auto_examples"],
    "filename_pattern": r"/plot_",  # every plot_*.py is executed
    "subsection_order": [
        "../gallery/basics",
        "../gallery/feature_maps",
        "../gallery/channels",
        "../gallery/receptive_fields",
        "../gallery/nonlinearity",
        "../gallery/learned_features",
    ],
    "within_subsection_order": "gallery_hooks.ReadingOrder",
    "doc_module": ("convdemo",),
    "backreferences_dir": "generated/backreferences",
    "reference_url": {"convdemo": None},
    "image_scrapers": ("gallery_hooks.scrape_with_alt_text",),
    "reset_modules": ("gallery_hooks.gallery_reset",),
    "remove_config_comments": True,
    "download_all_examples": True,
    "only_warn_on_example_error": False,  # a raising example fails the build
    "abort_on_example_error": False,  # ... after reporting every failing example
    # Reproducible pages: no run timings, no memory figures.
    "write_computation_times": False,
    "min_reported_time": 10**9,
    "show_memory": False,
    "show_signature": False,
    "matplotlib_animations": False,
    "recommender": {"enable": False},
    "first_notebook_cell": None,
    "default_thumb_file": None,
}

# -- Math: MathJax 3 served by the site itself ------------------------------------------------

mathjax_path = "mathjax/tex-chtml.js"  # MathJax finds its fonts and extensions beside it

# -- References --------------------------------------------------------------------------

bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"

# -- HTML ---------------------------------------------------------------------------------

html_theme = "pydata_sphinx_theme"
html_title = f"convdemo {release}"
html_short_title = "convdemo"
html_static_path = ["_static", "_ext/static"]  # _ext/static: the citation box's style
# convdemo-a11y.css/.js: fixes for what the browser checks (tests/browser) found in the
# theme's and the gallery's markup; after the theme's CSS.
html_css_files = ["convdemo.css", "convdemo-a11y.css", "convdemo-cite.css"]
html_js_files = [("convdemo-a11y.js", {"defer": "defer"})]
html_favicon = "_static/favicon.svg"  # a 3x3 edge kernel: negative left, positive right
html_last_updated_fmt = None
html_domain_indices = False  # three modules need no module index
html_show_sphinx = True
html_copy_source = True
html_context = {"default_mode": "auto", "convdemo_version": release}
html_theme_options = {
    "logo": {"text": f"convdemo {release}"},
    "navbar_align": "left",
    "header_links_before_dropdown": 6,
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "footer_start": ["copyright", "convdemo-version"],
    "footer_end": ["sphinx-version", "theme-version"],
    "secondary_sidebar_items": ["page-toc", "sourcelink"],
}
html_sidebars = {
    "index": [],
    "question": [],
    "answer": [],
    "glossary": [],
    "references": [],
    "cite": [],
    "changelog": [],
    "playground": [],
    "worked_example": [],
}

copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True

# -- Citation, stable URLs, link previews, offline bundle ----------------------------------

convdemo_citation = CITATION  # read by docs/_ext/convdemo_citation.py

# Moved pages leave a redirect behind (sphinx-reredirects): the mapping is kept beside the
# recorded URL lists of each release, which tests/site/test_urls.py checks.
# Targets are written from the site's root ("/new.html") and made relative to the old page
# here: the site must work under any prefix (a GitHub Pages project site) and from disk.
_MOVED = tomllib.loads((HERE / "_urls" / "redirects.toml").read_text(encoding="utf-8"))["redirects"]
redirects = {old: "../" * old.count("/") + new.lstrip("/") for old, new in _MOVED.items()}
redirect_html_template_file = "_urls/redirect.html"

# Link previews (sphinxext-opengraph). Every page gets one of the site's own figures as its
# image (docs/_ext/convdemo_publish.py); no social cards are drawn.
ogp_site_url = SITE_URL
ogp_site_name = "convdemo"
ogp_type = "website"
ogp_social_cards = {"enable": False}
ogp_custom_meta_tags = ['<meta name="twitter:card" content="summary_large_image" />']

# The offline bundle, <project>-<release>-site.zip at the site's root (convdemo_publish.py).
convdemo_bundle = True

# -- Build hooks ---------------------------------------------------------------------------

# A fixed date for every member of the gallery's "download all" zips (otherwise the zips
# change with every build).
ZIP_DATE = (2023, 11, 14, 22, 13, 20)
convdemo_bundle_date = ZIP_DATE  # ... and of every member of the offline bundle


def _normalise_zip(path: Path) -> None:
    with zipfile.ZipFile(path) as source:
        members = sorted(
            ((info.filename, source.read(info)) for info in source.infolist()),
            key=lambda item: item[0],
        )
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)


def _finish(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    for path in sorted(out.glob("_downloads/**/*.zip")):
        _normalise_zip(path)
    # pydata-sphinx-theme's styles/theme.css imports ../basic.css, which Sphinx 9 no
    # longer writes there; give it an empty file rather than a 404 on every page.
    basic = out / "_static" / "basic.css"
    if not basic.exists():
        basic.write_text("/* basic.css: intentionally empty (see docs/conf.py) */\n")


def _write_downloads(app) -> None:
    """Generate the files pages offer with {download} (docs/generated/: git-ignored, cleaned).

    A file is rewritten only when its bytes change, so a no-change rebuild re-reads nothing.
    """
    import io

    from convdemo import write_workbook

    target = HERE / "generated" / "downloads" / "convdemo_worked_example.xlsx"
    buffer = io.BytesIO()
    write_workbook(buffer)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_bytes() != buffer.getvalue():
        target.write_bytes(buffer.getvalue())


def setup(app) -> None:
    app.connect("builder-inited", _write_downloads)
    app.connect("build-finished", _finish)
