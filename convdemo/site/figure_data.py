"""The numbers a figure shows, as files a reader can reuse: CSV per map, one ``.npz`` for all.

Every panel of a matplotlib figure holds the numbers it draws: an image (``imshow``: a
feature map, a kernel, a photo) its array, a curve its points, a bar chart its heights.
:func:`figure_arrays` reads them back from the figure itself, so what a download holds is
exactly what the figure shows, with no second copy kept by the example.
:func:`write_figure_data` writes them: one CSV per map or series that loads with defaults
(``pandas.read_csv(path)``, Python's ``csv``: one header row of column names, then the
numbers, each written as the shortest text that reads back as the same float), one
``.npz`` with every array, and one ``.json`` sidecar that says what each file holds, where
it comes from (the example, convdemo's version) and its licence (:data:`DATA_LICENCE`).
All are byte-stable and written atomically (``convdemo.site.atomic``); a file whose
bytes did not change is left as it was.

The gallery's scraper (``docs/_ext/gallery_hooks.py``) links them below each example's
figure; on the notebook pages (``docs/*.md``), ``figure_data_links`` writes them and returns
the same sentence of download links as MyST, which the cell below the figure displays.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .. import __version__
from .._checks import describe
from .atomic import write_bytes

__all__ = [
    "DATA_CLASS",
    "DATA_LICENCE",
    "PAGE_FIGURE_CLASS",
    "FigureDataLinks",
    "PageFigure",
    "download_sentence",
    "figure_arrays",
    "figure_data_links",
    "page_figure",
    "write_figure_data",
]

#: The licence of the site's figures and of their data.
DATA_LICENCE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return slug[:40].rstrip("_")


def figure_arrays(fig) -> dict[str, np.ndarray]:
    """Name -> array of every panel of ``fig`` that shows numbers, in the order of its axes.

    An image panel (``imshow``: a map, a kernel, a photo) gives the array it draws; a plot
    gives one ``(N, 2)`` array of its points (x, y) per curve or scatter, a bar chart the
    ``(N,)`` heights of its bars. Lines drawn across the axes (``axhline``, a threshold) are
    not data and are left out.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.

    Returns
    -------
    dict of str to numpy.ndarray
        ``"panel<i>"`` (1-based, over the axes that show numbers) followed by the panel's
        title, e.g. ``"panel2_layer_1_eye_map"``; a second image, curve or bar series on
        one axes gets a letter, and a curve its legend label. Masked cells are NaN. RGB
        images keep their colour axis.

    Raises
    ------
    TypeError
        If ``fig`` is not a matplotlib Figure.

    Examples
    --------
    >>> import numpy as np
    >>> from matplotlib.figure import Figure
    >>> fig = Figure()
    >>> ax, bars = fig.subplots(1, 2)
    >>> _ = ax.imshow(np.eye(2)); _ = ax.set_title("Identity (2x2)")
    >>> _ = bars.bar(["face", "jumble"], [4.0, 0.0])
    >>> {name: array.tolist() for name, array in figure_arrays(fig).items()}
    {'panel1_identity_2x2': [[1.0, 0.0], [0.0, 1.0]], 'panel2': [4.0, 0.0]}
    """
    return {name: array for name, array, _ in _panels(fig)}


def _panels(fig) -> list[tuple[str, np.ndarray, str]]:
    """(name, array, what its rows and columns are) of every panel showing numbers."""
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {describe(fig)}")
    found: list[tuple[str, np.ndarray, str]] = []
    panel = 0
    for ax in fig.axes:
        series = _series(ax)
        if not series:
            continue
        panel += 1
        title = _slug(ax.get_title())
        for index, (label, array, layout) in enumerate(series):
            name = f"panel{panel}" + (chr(ord("a") + index) if len(series) > 1 else "")
            name += "".join(f"_{part}" for part in (title, _slug(label)) if part)
            found.append((name, array, layout))
    return found


def _series(ax) -> list[tuple[str, np.ndarray, str]]:
    """What one axes shows as numbers: its images, else its bars, curves and scatters."""
    from matplotlib.collections import PathCollection
    from matplotlib.container import BarContainer

    images = ax.get_images()
    if images:
        return [
            (
                "",
                np.ma.filled(np.ma.masked_invalid(np.ma.asarray(i.get_array(), float)), np.nan),
                "rows top to bottom, as in the figure",
            )
            for i in images
        ]
    series = []
    names = [text.get_text() for text in ax.get_xticklabels()]
    for bars in (c for c in ax.containers if isinstance(c, BarContainer)):
        heights = np.array([patch.get_height() for patch in bars.patches], dtype=float)
        order = ", ".join(names) if len(names) == len(heights) and all(names) else ""
        layout = "one bar per row, left to right" + (f": {order}" if order else "")
        series.append(
            ("" if bars.get_label().startswith("_") else bars.get_label(), heights, layout)
        )
    axis_names = f"x ({ax.get_xlabel() or 'x'}), y ({ax.get_ylabel() or 'y'})"
    for line in ax.get_lines():
        if line.get_transform() is not ax.transData:  # axhline and the like: a level, not data
            continue
        x = np.asarray(line.get_xdata(), dtype=float)
        y = np.asarray(line.get_ydata(), dtype=float)
        label = "" if line.get_label().startswith("_") else line.get_label()
        series.append((label, np.column_stack([x, y]), f"one point per row; columns {axis_names}"))
    for points in (c for c in ax.collections if isinstance(c, PathCollection)):
        offsets = np.asarray(points.get_offsets(), dtype=float).reshape(-1, 2)
        if len(offsets) and points.get_offset_transform() is ax.transData:
            label = "" if points.get_label().startswith("_") else points.get_label()
            series.append((label, offsets, f"one point per row; columns {axis_names}"))
    return series


def _one_line(text: str) -> str:
    return " ".join(text.split())  # a label's line break too


def _header(title: str, name: str, shape: tuple[int, ...]) -> str:
    """The ``README`` string stored in the ``.npz``: what, from where, which licence."""
    lines = [
        f"{title}: {name}" if title else name,
        f"{' x '.join(str(n) for n in shape)} arrays",
        f"computed by convdemo {__version__} when the site was built",
        f"licence: {DATA_LICENCE}",
    ]
    return "\n".join(_one_line(line) for line in lines)


def _columns(array: np.ndarray, layout: str) -> list[str]:
    """The CSV's header row: what each column is."""
    if array.ndim == 1:
        return ["height"]
    if layout.startswith("one point per row"):
        return ["x", "y"]
    return [str(column) for column in range(array.shape[1])]


def _csv(array: np.ndarray, columns: list[str]) -> bytes:
    """One header row, then one row per array row; each number as its shortest exact text."""
    rows = array.reshape(len(array), -1)
    lines = [",".join(columns)]
    lines += [",".join(repr(float(value)) for value in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _sidecar(
    title: str, stem: str, csvs: list[tuple[str, str, np.ndarray, str, list[str]]], arrays: list
) -> bytes:
    """The ``.json`` that describes the figure's files (no comment lines in the data)."""
    licence, _, url = DATA_LICENCE.partition(" (")
    described = {
        "title": f"The numbers of figure {stem}",
        "source": _one_line(title) or stem,
        "created_by": f"convdemo {__version__}, when the site was built",
        "licence": {"name": licence, "url": url.rstrip(")")},
        "files": [
            {
                "path": file_name,
                "format": "csv",
                "panel": name,
                "shape": list(array.shape),
                "rows": _one_line(layout),
                "header": "the first row names the columns: "
                + ("the column index, 0 at the left" if columns[0] == "0" else ", ".join(columns)),
                "columns": columns,
            }
            for file_name, name, array, layout, columns in csvs
        ]
        + [
            {
                "path": f"{stem}.npz",
                "format": "npz",
                "arrays": [
                    {"name": name, "shape": list(array.shape), "rows": _one_line(layout)}
                    for name, array, layout in arrays
                ]
                + [{"name": "README", "shape": [], "rows": "this description, in short"}],
            }
        ],
    }
    return (json.dumps(described, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_figure_data(fig, folder: str | Path, stem: str, title: str = "") -> list[Path]:
    """Write the arrays ``fig`` shows: ``<stem>_<panel>.csv`` per map, curve or bar series,
    and ``<stem>.npz`` with all of them.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure (see :func:`figure_arrays`).
    folder : str or pathlib.Path
        An existing folder to write into.
    stem : str
        The files' common name (letters, digits, ``_``, ``-`` and ``.``).
    title : str, optional
        What the figure is (its page's title), written in each file's header.

    Returns
    -------
    list of pathlib.Path
        The files written: the CSVs, the ``.json`` sidecar, then the ``.npz``. A figure
        that shows no numbers (no image, curve, scatter or bar) writes nothing.

    Raises
    ------
    TypeError
        If ``fig`` is not a Figure, or ``stem`` or ``title`` not a string.
    ValueError
        If ``folder`` is not an existing folder or ``stem`` is empty or holds other
        characters.
    OSError
        If a file cannot be written (a read-only file, a full disk); the message names
        it, the old file is left whole and no partial file remains.

    Examples
    --------
    >>> import tempfile
    >>> import numpy as np
    >>> from matplotlib.figure import Figure
    >>> fig = Figure()
    >>> _ = fig.add_subplot().imshow(np.arange(6).reshape(2, 3))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     paths = write_figure_data(fig, folder, "example")
    ...     print([p.name for p in paths])
    ...     print(paths[0].read_text())
    ['example_panel1.csv', 'example.json', 'example.npz']
    0,1,2
    0.0,1.0,2.0
    3.0,4.0,5.0
    <BLANKLINE>
    """
    _check_arguments(fig, folder, stem, title)
    files = _files(_panels(fig), stem, title)
    written = []
    for name, data in files.items():
        path = Path(folder) / name
        if not path.is_file() or path.read_bytes() != data:  # an unchanged file keeps its mtime
            write_bytes(path, data)
        written.append(path)
    return written


def _check_arguments(fig, folder, stem, title) -> None:
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {describe(fig)}")
    for name, value in (("stem", stem), ("title", title)):
        if not isinstance(value, str):
            raise TypeError(f"{name} must be a string, got {describe(value)}")
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", stem):
        raise ValueError(f"stem must be letters, digits, '_', '-' or '.', got {stem!r}")
    if not isinstance(folder, str | os.PathLike):
        raise TypeError(f"folder must be a str or pathlib.Path, got {describe(folder)}")
    if not Path(folder).is_dir():
        raise ValueError(f"folder must be an existing folder, got {str(folder)!r}")


def _files(panels: list[tuple[str, np.ndarray, str]], stem: str, title: str) -> dict[str, bytes]:
    """File name -> bytes: a CSV per 1-D or 2-D array, the ``.json`` sidecar, then the
    ``.npz`` (nothing without arrays)."""
    if not panels:
        return {}
    files = {}
    csvs = []
    for name, array, layout in panels:
        if array.ndim > 2:
            continue  # an RGB photo is in the .npz only
        columns = _columns(array, layout)
        files[f"{stem}_{name}.csv"] = _csv(array, columns)
        csvs.append((f"{stem}_{name}.csv", name, array, layout, columns))
    files[f"{stem}.json"] = _sidecar(title, stem, csvs, panels)
    header = _header(title, "every panel of the figure", (len(panels),))
    arrays = {name: array for name, array, _ in panels}
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays, README=np.array(header))  # numpy dates members 1980
    files[f"{stem}.npz"] = buffer.getvalue()
    return files


# --------------------------------------------------------------------------- narrative pages
# The MyST-NB pages (docs/*.md) show the same downloads below their figures as the gallery's
# scraper (docs/_ext/gallery_hooks.py) writes below each example's: one sentence, one class.

#: The HTML class of the sentence that links a figure's data (the gallery's too).
DATA_CLASS = "convdemo-figure-data"


@dataclass(frozen=True)
class FigureDataLinks:
    """The files a figure's data was written to, and the MyST sentence linking them.

    A notebook cell whose value this is shows the sentence (``_repr_markdown_``); MyST-NB
    renders it with roles when ``nb_render_markdown_format = "myst"``.

    Parameters
    ----------
    paths : list of pathlib.Path
        The files written: the CSVs, then the ``.npz`` (empty for a figure without
        image panels).
    markdown : str
        A ``rst-class`` directive and the sentence of ``{download}`` links to ``paths``
        (empty when there is nothing to link).

    Raises
    ------
    TypeError
        If ``paths`` is not a list of paths or ``markdown`` not a string.

    Examples
    --------
    >>> links = FigureDataLinks([], "")
    >>> links.paths, links._repr_markdown_()
    ([], '')
    """

    paths: list[Path] = field(default_factory=list)
    markdown: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.paths, list) or not all(isinstance(p, Path) for p in self.paths):
            raise TypeError(f"paths must be a list of pathlib.Path, got {describe(self.paths)}")
        if not isinstance(self.markdown, str):
            raise TypeError(f"markdown must be a string, got {describe(self.markdown)}")

    def _repr_markdown_(self) -> str:
        return self.markdown

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        """What a notebook keeps of this value: the sentence, and a plain text that names
        the files without the folder they were built in (an executed notebook is then the
        same file from any checkout)."""
        names = ", ".join(path.name for path in self.paths)
        return {"text/markdown": self.markdown, "text/plain": f"<figure data: {names}>"}


def _licence_short() -> str:
    return DATA_LICENCE.split(" (", 1)[0]  # "CC BY 4.0"


def figure_data_links(
    fig, folder: str | Path, stem: str, title: str = "", *, root: str | Path = "."
) -> FigureDataLinks:
    """Write the arrays ``fig`` shows and return the download links to show below it.

    :func:`write_figure_data` writes the files into ``folder`` (made if missing); the
    links are Sphinx ``{download}`` roles with paths from ``root``, the documentation's
    source folder (a notebook page runs in it, so ``"."`` by default). The sentence is
    the gallery's: "The numbers of this figure (CC BY 4.0): all arrays (.npz); each map
    as CSV: panel1, panel2, ...", in a paragraph of class ``convdemo-figure-data``.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure (see :func:`figure_arrays`).
    folder : str or pathlib.Path
        Where to write the files: ``root`` or a folder inside it.
    stem : str
        The files' common name (letters, digits, ``_``, ``-`` and ``.``).
    title : str, optional
        What the figure is (its page), written in each file's header.
    root : str or pathlib.Path, default "."
        The existing folder the links are relative to (Sphinx's source folder).

    Returns
    -------
    FigureDataLinks
        The files and the MyST markdown; a notebook cell displays the markdown.

    Raises
    ------
    TypeError
        If ``fig`` is not a Figure, ``folder`` or ``root`` not a path, or ``stem`` or
        ``title`` not a string.
    ValueError
        If ``root`` is not an existing folder, ``folder`` is not inside it, or ``stem``
        is empty or holds other characters.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import numpy as np
    >>> from matplotlib.figure import Figure
    >>> fig = Figure()
    >>> _ = fig.add_subplot().imshow(np.eye(2))
    >>> with tempfile.TemporaryDirectory() as root:
    ...     links = figure_data_links(fig, Path(root) / "data", "page_fig", root=root)
    ...     print([path.name for path in links.paths])
    ...     print(links.markdown)
    ['page_fig_panel1.csv', 'page_fig.json', 'page_fig.npz']
    ```{rst-class} convdemo-figure-data
    ```
    <BLANKLINE>
    The numbers of this figure (CC BY 4.0): {download}`all arrays (.npz) </data/page_fig.npz>`;
    each panel as CSV: {download}`panel1 </data/page_fig_panel1.csv>`;
    {download}`what each file holds (.json) </data/page_fig.json>`.
    """
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {describe(fig)}")
    for name, value in (("folder", folder), ("root", root)):
        if not isinstance(value, str | os.PathLike):
            raise TypeError(f"{name} must be a str or pathlib.Path, got {describe(value)}")
    for name, value in (("stem", stem), ("title", title)):
        if not isinstance(value, str):
            raise TypeError(f"{name} must be a string, got {describe(value)}")
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", stem):
        raise ValueError(f"stem must be letters, digits, '_', '-' or '.', got {stem!r}")
    base = Path(root).resolve()
    if not base.is_dir():
        raise ValueError(f"root must be an existing folder, got {str(root)!r}")
    target = Path(base, folder).resolve()  # a relative folder is relative to root
    if not target.is_relative_to(base):
        raise ValueError(f"folder must be inside root ({str(root)!r}), got {str(folder)!r}")
    target.mkdir(parents=True, exist_ok=True)
    paths = write_figure_data(fig, target, stem, title=title)
    if not paths:
        return FigureDataLinks()

    def link(path: Path, text: str) -> str:
        return f"{{download}}`{text} </{path.relative_to(base).as_posix()}>`"

    line = download_sentence(paths, stem, link)
    return FigureDataLinks(paths, f"```{{rst-class}} {DATA_CLASS}\n```\n\n{line}")


def download_sentence(paths, stem: str, link) -> str:
    """The sentence of download links shown under a figure, in any markup.

    "The numbers of this figure (CC BY 4.0): all arrays (.npz); each panel as CSV: panel1,
    panel2." The gallery's scraper (rST) and :func:`figure_data_links` (MyST) both write
    it, each with its own `link`.

    Parameters
    ----------
    paths : sequence of pathlib.Path
        What :func:`write_figure_data` returned: the CSVs, the ``.json``, then the ``.npz``.
    stem : str
        The files' common name, as given to :func:`write_figure_data`.
    link : callable
        ``link(path, text)``: the markup of a download link to `path` that reads `text`.

    Returns
    -------
    str
        The sentence, ending with a full stop.

    Raises
    ------
    TypeError
        If `stem` is not a string or `link` is not callable.
    ValueError
        If `paths` is empty or does not end with a ``.npz`` file.

    Examples
    --------
    >>> from pathlib import Path
    >>> paths = [Path("fig_panel1_eye_map.csv"), Path("fig.json"), Path("fig.npz")]
    >>> print(download_sentence(paths, "fig", lambda path, text: f"[{text}]"))
    The numbers of this figure (CC BY 4.0): [all arrays (.npz)]; each panel as CSV: [panel1];
    [what each file holds (.json)].
    """
    if not isinstance(stem, str):
        raise TypeError(f"stem must be a string, got {describe(stem)}")
    if not callable(link):
        raise TypeError(f"link must be callable, got {describe(link)}")
    paths = [Path(path) for path in paths]
    if not paths or paths[-1].suffix != ".npz":
        raise ValueError("paths must be write_figure_data's files, ending with the .npz")
    npz = paths[-1]
    csvs = [path for path in paths if path.suffix == ".csv"]
    sidecars = [path for path in paths if path.suffix == ".json"]
    maps = ", ".join(link(csv, csv.stem.removeprefix(f"{stem}_").split("_", 1)[0]) for csv in csvs)
    line = DATA_SENTENCE.format(licence=_licence_short()) + " " + link(npz, DATA_ALL_ARRAYS)
    if maps:
        line += f"; {DATA_EACH_PANEL} {maps}"
    if sidecars:
        line += f"; {link(sidecars[0], DATA_SIDECAR)}"
    return f"{line}."


# The pieces of download_sentence, in English: the sentence is written once, when an example
# or a notebook runs, and the docs build puts it in the page's language from interface.po
# (docs/_ext/convdemo_downloads.py), keeping it out of the pages' catalogues, so that no
# translator copies file names.
#: The sentence's start (``{licence}``: the data licence's short name).
DATA_SENTENCE = "The numbers of this figure ({licence}):"
#: The link to the .npz file.
DATA_ALL_ARRAYS = "all arrays (.npz)"
#: Before the links to the panels' CSV files (each reads ``panel<n>``).
DATA_EACH_PANEL = "each panel as CSV:"
#: The link to the .json file.
DATA_SIDECAR = "what each file holds (.json)"


# --------------------------------------------------------------------------- page figures
# A narrative page's figure as MyST: its image with the alt text the cell computed
# (convdemo.plotting.set_alt_text), then its data downloads. MyST-NB takes an image's alt
# text only from hand-typed cell metadata; a Markdown output can say it from the values.

#: The HTML class of a narrative page's figure image.
PAGE_FIGURE_CLASS = "convdemo-page-figure"
#: The HTML class of one of its panels, cut out for a phone (``convdemo.site.panels``).
PANEL_CLASS = "convdemo-panel"
# sphinx-design's margin utility (1rem below): the gap a figure had before its data sentence
# when the two were outputs of separate cells; ``p.convdemo-figure-data`` pulls up 0.5rem.
_SPACING_CLASS = "sd-mb-3"


@dataclass(frozen=True)
class PageFigure:
    """A figure saved as a PNG, its alt text and its data links, shown as one MyST block.

    A notebook cell whose value this is shows the image (a MyST ``{image}`` directive
    with ``:alt:``, ``:width:`` and ``:height:`` in CSS pixels (unitless, as MyST-NB
    gives a notebook's images) and the class :data:`PAGE_FIGURE_CLASS`, with
    sphinx-design's ``sd-mb-3`` for the gap above the data sentence) followed by the
    sentence of :class:`FigureDataLinks`.

    Parameters
    ----------
    image : pathlib.Path
        The PNG file.
    link : str
        The image's path from the documentation's source folder, starting with ``/``.
    alt : str
        The alt text (one line).
    width, height : int
        The size to show the image at, in CSS pixels (positive).
    data : FigureDataLinks
        The figure's data downloads.

    Raises
    ------
    TypeError
        If an argument has another type.
    ValueError
        If ``alt`` is blank, ``link`` does not start with ``/`` or a size is not positive.

    Examples
    --------
    >>> from pathlib import Path
    >>> shown = PageFigure(Path("fig.png"), "/fig.png", "A 2 by 2 map.", 320, 240)
    >>> print(shown._repr_markdown_())
    ```{image} /fig.png
    :alt: A 2 by 2 map.
    :width: 320
    :height: 240
    :class: convdemo-page-figure sd-mb-3
    ```
    """

    image: Path
    link: str
    alt: str
    width: int
    height: int
    data: FigureDataLinks = field(default_factory=FigureDataLinks)
    #: Extra classes of the image (``convdemo-textpx-*``: its smallest text).
    classes: str = ""
    #: The figure's panels for a phone, stacked: ``(link, alt, width, height, classes)``
    #: each (``convdemo.site.panels``); empty for a figure that reads whole there.
    pieces: tuple[tuple[str, str, int, int, str], ...] = ()
    #: The figure's title, said above the stacked pieces (their crops leave it out).
    title: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.image, Path):
            raise TypeError(f"image must be a pathlib.Path, got {describe(self.image)}")
        for name in ("link", "alt"):
            if not isinstance(getattr(self, name), str):
                raise TypeError(f"{name} must be a string, got {describe(getattr(self, name))}")
        if not self.link.startswith("/"):
            raise ValueError(f"link must start with '/', got {self.link!r}")
        if not self.alt.strip():
            raise ValueError("alt must say what the figure shows, got a blank string")
        for name in ("width", "height"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool):
                raise TypeError(f"{name} must be an int, got {describe(value)}")
            if value < 1:
                raise ValueError(f"{name} must be positive, got {value}")
        if not isinstance(self.data, FigureDataLinks):
            raise TypeError(f"data must be a FigureDataLinks, got {describe(self.data)}")

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        """What a notebook keeps of this value: the MyST block, and a plain text without
        the folder the figure was built in (see :meth:`FigureDataLinks._repr_mimebundle_`)."""
        return {"text/markdown": self._repr_markdown_(), "text/plain": f"<figure {self.link}>"}

    def _repr_markdown_(self) -> str:
        alt = " ".join(self.alt.split())  # a directive option is one line
        classes = f"{PAGE_FIGURE_CLASS} {_SPACING_CLASS}" + (
            f" {self.classes}" if self.classes else ""
        )
        if self.pieces:
            classes += " convdemo-full"
        image = (
            f"```{{image}} {self.link}\n:alt: {alt}\n:width: {self.width}\n"
            f":height: {self.height}\n:class: {classes}\n```"
        )
        if self.pieces:  # the whole figure on a wide screen, its panels stacked on a phone
            title = " ".join(self.title.split())
            stacked = (
                [f'```{{raw}} html\n<p class="convdemo-panels-title">{html.escape(title)}</p>\n```']
                if title
                else []
            )
            stacked += [
                f"```{{image}} {link}\n:alt: {' '.join(text.split())}\n:width: {width}\n"
                f":height: {height}\n:class: {PANEL_CLASS} {extra}\n```"
                for link, text, width, height, extra in self.pieces
            ]
            image = (
                "`````{container} convdemo-reflow\n"
                + image
                + "\n\n````{container} convdemo-panels\n"
                + "\n\n".join(stacked)
                + "\n````\n`````"
            )
        return f"{image}\n\n{self.data.markdown}" if self.data.markdown else image


def _png_size(data: bytes) -> tuple[int, int]:
    """Width and height in pixels, from a PNG's header chunk."""
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def page_figure(
    fig, folder: str | Path, stem: str, title: str = "", *, root: str | Path = ".", scale: int = 2
) -> PageFigure:
    """Save ``fig`` as a PNG with its data files; return the MyST that shows both.

    The figure is saved as ``<stem>.png`` in ``folder`` the way the notebook's inline
    backend draws it (the tight box around what is drawn, the figure's colours), at
    ``scale`` times its resolution for hi-DPI screens and shown at its 1x size. Its alt
    text is the one given with :func:`convdemo.plotting.set_alt_text`, so the cell that
    draws the figure computes it. :func:`figure_data_links` writes the numbers it shows,
    linked below the image. A file whose bytes did not change is left as it was (PNGs
    carry no date or software version: two builds give the same bytes). If pyplot manages
    ``fig``, it is closed, so that the inline backend does not show it a second time.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure, with alt text.
    folder : str or pathlib.Path
        Where to write the files: ``root`` or a folder inside it.
    stem : str
        The files' common name (letters, digits, ``_``, ``-`` and ``.``).
    title : str, optional
        What the figure is (its page), written in each data file's header.
    root : str or pathlib.Path, default "."
        The existing folder the links are relative to (Sphinx's source folder).
    scale : int, default 2
        Pixels of the PNG per CSS pixel of the page (1 to 4).

    Returns
    -------
    PageFigure
        The files and the MyST markdown; a notebook cell displays the markdown.

    Raises
    ------
    TypeError
        If ``fig`` is not a Figure, ``scale`` not an int, or another argument has a type
        :func:`figure_data_links` refuses.
    ValueError
        If ``fig`` has no alt text, ``scale`` is not 1 to 4, or another argument has a
        value :func:`figure_data_links` refuses.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import numpy as np
    >>> from matplotlib.figure import Figure
    >>> from convdemo.plotting import set_alt_text
    >>> grid = np.eye(2)
    >>> fig = Figure(figsize=(2, 1), dpi=100)
    >>> _ = fig.add_subplot().imshow(grid)
    >>> fig = set_alt_text(fig, f"A {grid.shape[0]} by {grid.shape[1]} identity map.")
    >>> with tempfile.TemporaryDirectory() as root:
    ...     shown = page_figure(fig, Path(root) / "data", "page_fig", root=root)
    ...     print(shown.image.name, shown.image.is_file(), shown.width > 0)
    ...     print(shown._repr_markdown_().splitlines()[:2])
    page_fig.png True True
    ['```{image} /data/page_fig.png', ':alt: A 2 by 2 identity map.']
    """
    import sys

    from matplotlib.figure import Figure

    from ..plotting import get_alt_text
    from .panels import crop_class, cut_out, figure_title, png_bytes, render_rgba, text_px

    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {describe(fig)}")
    alt = get_alt_text(fig)
    if alt is None:
        raise ValueError("fig must have alt text: give it with convdemo.plotting.set_alt_text")
    if not isinstance(scale, int) or isinstance(scale, bool):
        raise TypeError(f"scale must be an int, got {describe(scale)}")
    if not 1 <= scale <= 4:
        raise ValueError(f"scale must be 1 to 4, got {scale}")
    # figure_data_links checks folder, stem, title and root before it writes anything.
    data = figure_data_links(fig, folder, stem, title, root=root)
    base = Path(root).resolve()
    image = Path(base, folder).resolve() / f"{stem}.png"
    # One drawing at the page's resolution: the image is its tight box (what
    # savefig(bbox_inches="tight") keeps), the phone's pieces are cut from it too.
    pixels = render_rgba(fig, scale * fig.dpi)
    box = _tight_box(fig)
    face = fig.get_facecolor()
    png = png_bytes(cut_out(pixels, box.extents, scale * fig.dpi, fill=face), dpi=scale * fig.dpi)
    if not image.is_file() or image.read_bytes() != png:  # an unchanged file keeps its mtime
        write_bytes(image, png)
    pieces = _pieces(fig, image, base, alt, scale, pixels)
    alts = [alt, *(piece[1] for piece in pieces)]
    _translations(fig, image, len(pieces), scale, alts, box)
    classes = crop_class(text_px(fig))
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close(fig)
    width, height = _png_size(png)
    link = f"/{image.relative_to(base).as_posix()}"
    return PageFigure(
        image,
        link,
        alt,
        max(1, width // scale),
        max(1, height // scale),
        data,
        classes=classes,
        pieces=pieces,
        title=figure_title(fig) if pieces else "",
    )


def _tight_box(fig):
    """The box (inches) ``savefig(bbox_inches="tight")`` keeps, of the figure as last drawn."""
    import matplotlib

    return fig.get_tightbbox().padded(matplotlib.rcParams["savefig.pad_inches"])


def _translations(fig, image: Path, pieces: int, scale: int, alts: list[str], box) -> None:
    """``fig`` again in each translated language (:func:`convdemo.site.i18n.figure_languages`),
    its titles and labels looked up, saved as Sphinx's localised images beside ``image``
    (``<stem>.it.png``, ``<stem>_piece<i>.it.png``): the translated build shows them. Each
    is cut to the English image's ``box``, so that it has the size the page gives the image;
    one drawing per language."""
    from .i18n import figure_languages, localised_filename, translated_figure, write_figure_texts
    from .panels import cut_out, panel_crops, png_bytes, render_rgba, save_crops

    english_crops = panel_crops(fig, laid_out=True) if pieces else []  # drawn in English
    dpi = scale * fig.dpi
    report = {}
    for language in figure_languages():
        with translated_figure(fig, language) as report[language]:
            pixels = render_rgba(fig, dpi)
            png = png_bytes(cut_out(pixels, box.extents, dpi, fill=fig.get_facecolor()), dpi=dpi)
            path = image.with_name(localised_filename(image.name, language))
            if not path.is_file() or path.read_bytes() != png:
                write_bytes(path, png)
            if pieces:
                crops = panel_crops(fig, laid_out=True)
                crops = crops if len(crops) == pieces else english_crops
                save_crops(
                    fig,
                    crops,
                    image.with_suffix(""),
                    dpi=fig.dpi,
                    scale=scale,
                    language=language,
                    pixels=pixels,
                )
        report[language].also([" ".join(text.split()) for text in alts])  # as the page says them
    write_figure_texts(image, report)


def _pieces(fig, image: Path, base: Path, alt: str, scale: int, pixels) -> tuple:
    """The figure's panels cut out for a phone, saved beside ``image`` (none if it reads
    whole there): ``(link, alt, width, height, classes)`` each. The first carries the
    figure's alt text (a phone shows the pieces instead of the whole)."""
    from .panels import crop_class, panel_crops, save_crops

    crops = panel_crops(fig, laid_out=True)  # as just drawn (``pixels``, at scale x dpi)
    files = save_crops(fig, crops, image.with_suffix(""), dpi=fig.dpi, scale=scale, pixels=pixels)
    pieces = []
    for i, (crop, file) in enumerate(zip(crops, files, strict=True), start=1):
        names = "; ".join(t for t in crop.titles if t)
        text = alt if i == 1 else f"Panel {i} of {len(crops)} of this figure"
        text += f": {names}" if i > 1 and names else ""
        width, height = _png_size(file.read_bytes())
        link = f"/{file.relative_to(base).as_posix()}"
        pieces.append(
            (link, text, max(1, width // scale), max(1, height // scale), crop_class(crop.text_px))
        )
    return tuple(pieces)
