"""Sphinx configuration of the convdemo site.

Three promises shape it:

* offline, both ways: no intersphinx download, no dataset download, MathJax served
  from ``_static/mathjax`` (no CDN);
* strict: built with ``-W --keep-going -n``; an example or notebook that raises
  fails the build;
* reproducible: two clean builds give byte-identical output, in any folder (no timings,
  seeded randomness, one fixed date in every zip, a folder-free ``.buildinfo``).

And it is citable and portable: citations made from CITATION.cff (the "How to cite" page
and a "Cite this example" box on every example), link previews, redirects for moved pages,
and the whole site as one zip.

This file is configuration only: what the build does besides (generated files, the
landing figure, citations, previews and the bundle, reproducible zips, theme fixes, the
playground's data) is in the small extensions of docs/_ext, one job each.
"""

from __future__ import annotations

import os
import sys
import tomllib
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

# One thread for numpy's BLAS in every process of the build (set before numpy is imported;
# the gallery's workers, the notebooks' kernels and the steps beside the gallery inherit it):
# the build runs more processes than cores, and BLAS threads on top would spin on cores the
# others need. It also keeps the trained networks the same bits on any machine (a
# matrix product split over threads sums in another order).
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import convdemo
from convdemo.site.examples import RUN_PAGE, notebook_first_cell
from convdemo.site.reproducible import SOURCE_DATE_EPOCH

# Reproducibility for everything the build (and the notebook kernels) runs.
os.environ.setdefault("SOURCE_DATE_EPOCH", str(SOURCE_DATE_EPOCH))
# The trained example networks are trained once per build, not once per process (Sphinx,
# each notebook's kernel, each language's pass): convdemo/_trained_cache.py.
os.environ.setdefault("CONVDEMO_TRAINED_CACHE", str(HERE / "_build" / "trained"))

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
    # docs/_ext: the build hooks, one job each
    "convdemo_background",  # steps run in a process of their own beside the gallery
    "convdemo_reading_order",  # notebooks spread over the parallel reading chunks
    "convdemo_networks",  # the trained networks, trained once, before the examples run
    "convdemo_generated",  # files the pages need (the workbook, the ungrouped API page)
    "convdemo_landing",  # the landing page's figure and its alt text
    "convdemo_citation",  # citations from CITATION.cff, "Cite this example"
    "convdemo_publish",  # per-page preview images, the offline bundle
    "convdemo_reproducible",  # one fixed date in the zips; .buildinfo free of the folder
    "convdemo_theme_fixes",  # the basic.css the theme imports
    "playground_data",  # the playground's data (from convdemo) and its assets
    "draw_data",  # the "Draw a digit" page's trained network (from convdemo) and its assets
    "convdemo_worksheet",  # the printable worksheet and answer key (PDF)
    "convdemo_questions",  # "Check yourself" questions, the diagnostic page
    "convdemo_gallery_layout",  # gallery pages: each figure before its code; wide column
    "convdemo_downloads",  # the install line atop example pages and downloaded scripts
    "convdemo_offline_search",  # search snippets in the offline bundle (file://)
    "convdemo_i18n",  # hreflang alternates, the language switcher, computed texts' catalogue
    "convdemo_translation_status",  # translated builds mark each message (un)translated
    "convdemo_theme_strings",  # the theme's strings its own Italian catalogue leaves empty
    "convdemo_exercises",  # the exercise pages and their notebooks, from convdemo.exercises
]
# The modules of docs/_ext (named above and by string in sphinx_gallery_conf).
sys.path.insert(0, str(HERE / "_ext"))

exclude_patterns = [
    "_build",
    "jupyter_execute",
    "**.ipynb_checkpoints",
    # sphinx-gallery writes a notebook next to each example page: not a page of its own.
    "auto_examples/**/*.ipynb",
    # the exercises' notebooks are downloads, not pages (their pages are docs/exercises/)
    "generated/downloads/**",
    "auto_examples/**/*.py",
    "auto_examples/**/*.zip",
    "auto_examples/**/*.md5",
    "auto_tutorials/*.ipynb",
    "auto_tutorials/*.py",
    "auto_tutorials/*.zip",
    "auto_tutorials/*.md5",
    "_static/mathjax/README.md",
    "README.md",
]
templates_path = ["_templates"]
source_suffix = {".rst": "restructuredtext", ".md": "myst-nb"}
root_doc = "index"
language = "en"  # the source language; `nox -s docs` builds Italian too (-D language=it)
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
nb_render_markdown_format = "myst"  # markdown outputs may use roles: a figure's {download}s

# -- sphinx-gallery ----------------------------------------------------------------------------

sphinx_gallery_conf = {
    # The step-by-step tutorials (several ideas, in order) and the short examples (one idea
    # each). The tutorial folder, one example, runs first: its core to spare goes to the
    # steps that run beside the gallery (docs/_ext/convdemo_background.py).
    "examples_dirs": ["../tutorials", "../gallery"],
    "gallery_dirs": ["auto_tutorials", "auto_examples"],
    "filename_pattern": r"/plot_",  # every plot_*.py is executed
    "parallel": True,  # on as many processes as sphinx-build's -j (joblib)
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
    "image_srcset": ["2x"],  # hi-DPI screens get images at twice the resolution
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
    # every downloaded notebook opens with the install line (convdemo.site.examples)
    "first_notebook_cell": notebook_first_cell(f"{SITE_URL}{RUN_PAGE}.html"),
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
html_css_files = ["convdemo.css", "convdemo-a11y.css", "convdemo-cite.css", "convdemo-print.css"]
html_css_files += ["convdemo-i18n.css"]  # the language switcher
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
    # The reading order, each a top-level link at 1280 px (question, diagnostic before, answer,
    # exercises, gallery, playground, draw a digit, diagnostic after and worksheet, cite);
    # the rest (worked example, glossary, references, API, changelog) under "More".
    "header_links_before_dropdown": 9,
    # The search as an icon (Ctrl+K still opens it): the reading order's links, the search
    # and the theme switch in one row at 1280 px.
    # The language switcher stays in the header at every width (not in the phone's menu).
    "navbar_persistent": ["search-button", "convdemo-language"],
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
    "draw": [],
    "worked_example": [],
    "diagnostic": [],
    "after_reading": [],
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

# -- Translations ----------------------------------------------------------------------------
# One source, two languages: English at the root, Italian under it/ (docs/locale/README).
# `nox -s translations` extracts the messages (sphinx-build -b gettext) and refreshes
# docs/locale/it/LC_MESSAGES/*.po with sphinx-intl; `nox -s docs` builds both languages.
locale_dirs = ["locale"]
gettext_compact = False  # one catalogue per page: coverage is counted per page
gettext_uuid = False
gettext_location = False  # a moved line does not change the catalogues
convdemo_languages = {"en": "English", "it": "Italiano"}  # read by docs/_ext/convdemo_i18n.py
convdemo_site_url = SITE_URL  # hreflang alternates are absolute addresses
