"""Run every notebook the built site offers for download, as a reader would (issue 26).

``nox -s downloads`` runs this in a fresh virtual environment that holds only
``convdemo[examples]`` (the wheel built from this clone, versions from uv.lock) and
Jupyter's nbclient and ipykernel. Each notebook is copied into an empty temporary folder
and executed there by a Python kernel of that environment, so it sees the installed
package and nothing of the clone. The first cell of each must state the install line.

Usage: ``python tests/downloads/run_notebooks.py SITE [JOBS]`` (the built HTML folder; JOBS
notebooks at a time, default: one per core, at most 2: a notebook that trains a network
trains it on one thread). Prints one line per notebook and exits 1 if any failed.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

INSTALL_LINE = 'pip install "convdemo[examples]"'  # checked against convdemo.site.examples


def check_environment() -> None:
    """convdemo comes from the environment's site-packages, not from a source folder."""
    import convdemo
    from convdemo.site.examples import INSTALL_LINE as stated

    where = Path(convdemo.__file__).resolve()
    if "site-packages" not in where.parts:
        sys.exit(f"convdemo is imported from {where}, not from the installed wheel")
    if stated != INSTALL_LINE:
        sys.exit(f"the install line changed: {stated!r}; update {__file__}")


def notebooks(site: Path) -> list[Path]:
    found = sorted(site.glob("_downloads/*/plot_*.ipynb"), key=lambda path: path.name)
    if not found:
        sys.exit(f"no downloadable notebooks under {site}/_downloads: build the site first")
    return found


def run(path: Path, timeout: int = 900) -> tuple[bool, str, float]:
    began = time.perf_counter()
    ok, why = _execute(path, timeout)
    return ok, why, time.perf_counter() - began


def _execute(path: Path, timeout: int) -> tuple[bool, str]:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = nbformat.read(path, as_version=4)
    first = "".join(notebook.cells[0].source) if notebook.cells else ""
    if notebook.cells[0].cell_type != "code" or INSTALL_LINE not in first:
        return False, "its first cell does not state the install line"
    with tempfile.TemporaryDirectory(prefix="convdemo-notebook-") as folder:
        copy = Path(folder) / path.name
        shutil.copyfile(path, copy)
        client = NotebookClient(
            notebook,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": folder}},
        )
        try:
            client.execute()
        except CellExecutionError as error:
            return False, str(error).strip().splitlines()[-1]
    errors = [
        output
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    return not errors, json.dumps(errors[:1])[:300] if errors else ""


def main(argv: list[str]) -> int:
    from concurrent.futures import ProcessPoolExecutor, as_completed

    if len(argv) not in (1, 2):
        sys.exit(__doc__)
    check_environment()
    site = Path(argv[0]).resolve()
    jobs = int(argv[1]) if len(argv) == 2 else max(1, min(2, os.cpu_count() or 1))
    found = notebooks(site)
    failed = []
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(run, path): path for path in found}
        for index, future in enumerate(as_completed(futures), start=1):
            path = futures[future]
            ok, why, seconds = future.result()
            print(
                f"[{index}/{len(found)}] {'ok  ' if ok else 'FAIL'} {path.name} "
                f"({seconds:.0f} s){'' if ok else ': ' + why}",
                flush=True,
            )
            if not ok:
                failed.append(path.name)
    print(
        f"{len(found) - len(failed)} of {len(found)} notebooks ran in a fresh environment "
        f"({time.perf_counter() - start:.0f} s)"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
