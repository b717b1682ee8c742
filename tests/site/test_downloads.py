"""The downloads as readers use them (issue 26): every example page, downloaded script and
notebook states the one install line at its top; the workbook reads as numbers with openpyxl
(``data_only=True``) and pandas; the cite page states the data licence from its one source.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import numpy as np
import pytest

from convdemo.site.examples import INSTALL_LINE, RUN_PAGE, notebook_first_cell, script_header
from convdemo.site.figure_data import DATA_LICENCE

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(ROOT.glob("gallery/*/plot_*.py")) + sorted(ROOT.glob("tutorials/plot_*.py"))


def _page(site: Path, source: Path) -> Path:
    if source.parent.name == "tutorials":
        return site / "auto_tutorials" / f"{source.stem}.html"
    return site / "auto_examples" / source.parent.name / f"{source.stem}.html"


def _downloads(site: Path, pattern: str) -> list[Path]:
    return sorted(site.glob(f"_downloads/*/{pattern}"))


@pytest.mark.parametrize("source", EXAMPLES, ids=lambda path: path.stem)
def test_each_example_page_states_the_install_line_under_its_title(site, source):
    html = _page(site, source).read_text(encoding="utf-8")
    article = html[html.index("<article") :]
    line = re.search(r'<div class="convdemo-run-line[^"]*">(.*?)</div>', article, re.S)
    assert line is not None, "no install line"
    text = re.sub(r"<[^>]+>", "", line.group(1)).replace("&quot;", '"')
    assert INSTALL_LINE in text
    assert f'href="{"../" * (1 + (source.parent.name != "tutorials"))}{RUN_PAGE}.html"' in (
        line.group(1)
    )
    title = article.index("</h1>")
    figure = re.search(r"sphx-glr-single-img|sphx-glr-animation", article)
    assert title < line.start() < figure.start()  # before any figure


def test_every_downloaded_script_and_notebook_starts_with_it(site, citation):
    page_url = f"{citation['url']}{RUN_PAGE}.html"
    scripts = _downloads(site, "plot_*.py")
    notebooks = _downloads(site, "plot_*.ipynb")
    assert len(scripts) == len(notebooks) == len(EXAMPLES)
    for path in scripts:
        assert path.read_text(encoding="utf-8").startswith(script_header(page_url)), path.name
    for path in notebooks:
        first = json.loads(path.read_text(encoding="utf-8"))["cells"][0]
        assert first["cell_type"] == "code", path.name
        assert "".join(first["source"]) == notebook_first_cell(page_url), path.name
    zips = _downloads(site, "*.zip")
    assert zips
    for path in zips:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.endswith(".py"):
                    text = archive.read(name).decode("utf-8")
                    assert text.startswith(script_header(page_url)), (path.name, name)


def test_the_run_page_states_the_line(site):
    html = (site / f"{RUN_PAGE}.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html).replace("&quot;", '"')
    assert INSTALL_LINE in text
    for words in ("venv", "Jupyter", "--no-index --find-links", "pandas.read_csv(path)"):
        assert words in text, words


def test_the_cite_page_links_the_data_licence(site):
    html = (site / "cite.html").read_text(encoding="utf-8")
    short, _, url = DATA_LICENCE.partition(" (")
    link = re.search(rf'<a [^>]*href="{re.escape(url.rstrip(")"))}"[^>]*>([^<]+)</a>', html)
    assert link is not None and link.group(1).endswith(f"({short})"), link


def test_the_workbook_reads_as_numbers(site):
    openpyxl = pytest.importorskip("openpyxl")
    pd = pytest.importorskip("pandas")
    import convdemo as cd

    (path,) = _downloads(site, "convdemo_worked_example.xlsx")
    ranges = cd.write_workbook(io.BytesIO())  # where each array is, from the writer
    detector = cd.smiley_face_detector()
    _, _, pre2, relu2 = detector.trace(cd.draw_smiley(shape=(9, 9))[None])
    values = openpyxl.load_workbook(path, data_only=True)
    for name, expected in (("layer2[0]", pre2[0]), ("layer2_relu[0]", relu2[0])):
        sheet, area = ranges[name].split("!")
        got = [[cell.value for cell in row] for row in values[sheet.strip("'")][area]]
        np.testing.assert_array_equal(np.array(got, dtype=float), expected)
    frame = pd.read_excel(path, sheet_name="Layer 2", header=None)
    assert (frame == relu2[0].max()).to_numpy().sum() >= 1  # the face cell's 4, as a number
