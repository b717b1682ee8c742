"""The parallel build's reading order (docs/_ext/convdemo_reading_order.py)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

from convdemo_reading_order import balanced_order, notebook_cost  # noqa: E402
from sphinx.util.parallel import make_chunks  # noqa: E402


def test_a_page_without_code_cells_costs_nothing_and_a_notebook_its_cells_and_kernel():
    assert notebook_cost("# Title\n\n```python\nx = 1\n```\n") == 0
    page = "# Title\n" + "```{code-cell} ipython3\nx = 1\n```\n" * 5
    assert notebook_cost(page) == 5 + 3
    drawn = page + "```{code-cell} ipython3\nfig = plt.figure()\npage_figure(fig, 'a', 'b')\n```\n"
    assert notebook_cost(drawn) == 6 + 3 + 2 * 5


def test_the_site_notebooks_are_spread_over_the_chunks_costliest_first():
    pages = sorted(ROOT.joinpath("docs").glob("*.md"))
    costs = {path.stem: notebook_cost(path.read_text(encoding="utf-8")) for path in pages}
    # the API pages: many, cheap (the real build has about 200 pages)
    names = sorted([*costs, *(f"generated/page{i:03d}" for i in range(180))])
    order = balanced_order(costs, names, 2)
    assert sorted(order) == names  # the same pages, each once
    chunks = make_chunks(order, 2)
    assert [len(chunk) for chunk in chunks] == [len(chunk) for chunk in make_chunks(names, 2)]
    loads = [sum(costs.get(name, 0) for name in chunk) for chunk in chunks]
    assert loads == sorted(loads, reverse=True)  # the chunks with most to do start first
    where = {name: i for i, chunk in enumerate(chunks) for name in chunk}
    assert where["worked_example"] != where["question"]  # in name order, they shared one
    in_name_order = [sum(costs.get(n, 0) for n in chunk) for chunk in make_chunks(names, 2)]
    assert max(loads) < max(in_name_order)
