"""The pages read in an order that keeps every core busy while notebooks execute.

A parallel build (``-j``) reads the pages in chunks of consecutive names, one chunk per
process at a time. The pages that execute a notebook take seconds each (a Jupyter kernel
starts, its cells run, its figures are drawn); the others take milliseconds. In name order
the longest notebooks (``question``, ``worked_example``) share the last chunk, which runs
alone at the end. At ``env-before-read-docs``, which lets an extension reorder the pages
in place, the notebooks are spread over the chunks, the most costly first, each to the
chunk with least to do so far (the same chunks Sphinx then makes of the list:
:func:`sphinx.util.parallel.make_chunks`), and the chunks with the most to do come first.
A page's cost is guessed from its source (:func:`notebook_cost`: a kernel's start, its code
cells, the figures it draws, which cost most); the order changes nothing but the time.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx

#: A kernel's start and a figure drawn (for the page, in each language), in code cells'
#: worth of time.
KERNEL_START = 3
FIGURE = 5
_CODE_CELL = re.compile(r"^```\{code-cell\}", re.MULTILINE)
_FIGURE = re.compile(r"\b(?:page_figure|figure_data|subplots|plt\.figure)\(")


def notebook_cost(source: str) -> int:
    """What reading a page costs, roughly: 0 for a page that runs no code, else
    :data:`KERNEL_START` plus its code cells plus :data:`FIGURE` per figure it makes (the
    calls to ``plt.subplots``, ``plt.figure``, ``page_figure`` or a ``figure_data`` helper).

    Examples
    --------
    >>> notebook_cost("# A page")
    0
    >>> notebook_cost("# A notebook\\n```{code-cell} ipython3\\n1 + 1\\n```")
    4
    >>> notebook_cost("```{code-cell} ipython3\\nfig, ax = plt.subplots()\\n```")
    9
    """
    cells = len(_CODE_CELL.findall(source))
    return KERNEL_START + cells + FIGURE * len(_FIGURE.findall(source)) if cells else 0


def balanced_order(costs: dict[str, int], names: list[str], nproc: int) -> list[str]:
    """``names`` reordered so that the chunks of :func:`sphinx.util.parallel.make_chunks`
    share the ``costs`` (name -> cost; missing names cost 0) evenly, costliest chunk first.

    Examples
    --------
    >>> names = [f"page{i}" for i in range(6)] + ["big", "small"]
    >>> balanced_order({"big": 9, "small": 5}, names, 2)  # chunks of 4
    ['big', 'page0', 'page1', 'page2', 'small', 'page3', 'page4', 'page5']
    """
    from sphinx.util.parallel import make_chunks

    sizes = [len(chunk) for chunk in make_chunks(list(range(len(names))), nproc)]
    chunks: list[list[str]] = [[] for _ in sizes]
    loads = [0] * len(sizes)
    heavy = sorted((name for name in names if costs.get(name)), key=lambda n: (-costs[n], n))
    for name in heavy:
        open_chunks = [i for i in range(len(sizes)) if len(chunks[i]) < sizes[i]]
        i = min(open_chunks, key=lambda i: (loads[i], i))
        chunks[i].append(name)
        loads[i] += costs[name]
    light = iter(name for name in names if not costs.get(name))
    for i, size in enumerate(sizes):
        chunks[i] += [next(light) for _ in range(size - len(chunks[i]))]
    order = sorted(range(len(sizes)), key=lambda i: (-loads[i], i))
    return [name for i in order for name in chunks[i]]


def spread_notebooks(app: Sphinx, env, docnames: list[str]) -> None:
    """``env-before-read-docs``: reorder ``docnames`` in place (:func:`balanced_order`)."""
    if (app.parallel or 1) <= 1 or len(docnames) < 2:
        return
    costs = {}
    for docname in docnames:
        path = Path(env.doc2path(docname))
        if path.suffix == ".md":
            costs[docname] = notebook_cost(path.read_text(encoding="utf-8"))
    docnames[:] = balanced_order(costs, list(docnames), app.parallel)


def setup(app: Sphinx) -> dict:
    app.connect("env-before-read-docs", spread_notebooks)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
