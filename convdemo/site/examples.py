"""The one install line that runs every example the site offers for download.

Every example page, downloaded script (``.py``) and notebook (``.ipynb``) states it at its top,
from here: sphinx-gallery's ``first_notebook_cell`` (:func:`notebook_first_cell`), a build
hook that heads each downloadable script (:func:`with_script_header`), and a line under each
example page's title (``docs/_ext/convdemo_downloads.py``). The extra it names is
pyproject.toml's ``examples``: everything any example or notebook imports.
"""

from __future__ import annotations

__all__ = [
    "EXTRA",
    "INSTALL_LINE",
    "RUN_PAGE",
    "notebook_first_cell",
    "script_header",
    "with_script_header",
]

#: The extra of pyproject.toml that installs what every example imports.
EXTRA = "examples"

#: The one line a reader runs before any downloaded example.
INSTALL_LINE = f'pip install "convdemo[{EXTRA}]"'

#: The reader's page on running the examples (a document name of the site).
RUN_PAGE = "run_examples"

_FIRST_LINE = "# Run this example yourself: install convdemo and what its examples use, once:"


def _lines(page_url: str) -> list[str]:
    if not isinstance(page_url, str):
        raise TypeError(f"page_url must be a string, got {type(page_url).__name__}")
    lines = [_FIRST_LINE, f"#     {INSTALL_LINE}"]
    if page_url:
        lines.append(f"# (a fresh virtual environment, Jupyter, offline: {page_url})")
    return lines


def notebook_first_cell(page_url: str = "") -> str:
    """The code cell at the top of every downloaded notebook: the install line, as comments.

    In Jupyter, a reader runs the line with ``%pip`` in place of ``pip`` (the cell says so),
    which installs into the notebook's own kernel.

    Parameters
    ----------
    page_url : str, optional
        The address of the "Run the examples yourself" page, named in the cell.

    Returns
    -------
    str
        The cell's source: comments only, so running it changes nothing.

    Raises
    ------
    TypeError
        If ``page_url`` is not a string.

    Examples
    --------
    >>> print(notebook_first_cell())
    # Run this example yourself: install convdemo and what its examples use, once:
    #     pip install "convdemo[examples]"
    # In this notebook: %pip install "convdemo[examples]"
    """
    return "\n".join([*_lines(page_url), f"# In this notebook: %{INSTALL_LINE}"])


def script_header(page_url: str = "") -> str:
    """The comment lines at the top of every downloaded script, ending with a newline.

    Parameters
    ----------
    page_url : str, optional
        The address of the "Run the examples yourself" page, named in the header.

    Returns
    -------
    str
        Comment lines (a script's docstring stays its docstring below them).

    Raises
    ------
    TypeError
        If ``page_url`` is not a string.

    Examples
    --------
    >>> print(script_header(), end="")
    # Run this example yourself: install convdemo and what its examples use, once:
    #     pip install "convdemo[examples]"
    """
    return "\n".join(_lines(page_url)) + "\n"


def with_script_header(source: str, page_url: str = "") -> str:
    """``source`` headed by :func:`script_header`; unchanged if it already starts with it.

    Parameters
    ----------
    source : str
        A script's text.
    page_url : str, optional
        As for :func:`script_header`.

    Returns
    -------
    str
        The script with the header once at its top.

    Raises
    ------
    TypeError
        If ``source`` or ``page_url`` is not a string.

    Examples
    --------
    >>> once = with_script_header("print('an example')\\n")
    >>> with_script_header(once) == once, once.splitlines()[-1]
    (True, "print('an example')")
    """
    if not isinstance(source, str):
        raise TypeError(f"source must be a string, got {type(source).__name__}")
    header = script_header(page_url)
    return source if source.startswith(_FIRST_LINE) else header + source
