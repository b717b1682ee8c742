"""The claims tests assert on what the gallery examples themselves compute.

``tests/claims/test_<stem>.py`` holds the claims of ``gallery/<section>/<stem>.py`` (or of
the tutorial ``tutorials/<stem>.py``). Its
``example`` fixture runs that example once per test session the way the site build does
(``gallery_hooks.gallery_reset`` of docs/_ext first: matplotlib's defaults and numpy's
global random state seeded), with matplotlib's Agg backend and ``plt.show`` closing the
figures, and hands the tests the example's globals and everything it printed. A test takes
its numbers from there, so a changed example is tested as it now stands, not as a copy of
its code once stood.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import io
import re
import runpy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
GALLERY = ROOT / "gallery"
TUTORIALS = ROOT / "tutorials"
HOOKS = ROOT / "docs" / "_ext" / "gallery_hooks.py"

if not GALLERY.is_dir():  # an unpacked sdist holds tests/ but not the gallery they check
    collect_ignore_glob = ["test_*.py"]


@dataclass(frozen=True)
class ExampleRun:
    """One run of a gallery example: its module globals and its printed text."""

    path: Path
    namespace: dict[str, Any]
    printed: str

    def __getitem__(self, name: str) -> Any:
        """The value the example left in its global variable ``name``."""
        try:
            return self.namespace[name]
        except KeyError:
            raise KeyError(f"{self.path.name} defines no global {name!r}") from None

    def line(self, pattern: str) -> str:
        """The one printed line in which the regular expression ``pattern`` is found."""
        found = [line for line in self.printed.splitlines() if re.search(pattern, line)]
        if len(found) != 1:
            raise AssertionError(
                f"{len(found)} lines printed by {self.path.name} match {pattern!r}, not 1"
            )
        return found[0]


@functools.cache
def _gallery_reset():
    """``gallery_reset`` of docs/_ext/gallery_hooks.py: what the site build runs first."""
    spec = importlib.util.spec_from_file_location("_claims_gallery_hooks", HOOKS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.gallery_reset


def run_example(path: Path) -> ExampleRun:
    """Run the example at ``path`` as ``__main__``, as the site build would, and keep it all."""
    import matplotlib
    import matplotlib.pyplot as plt
    import numpy as np

    def show(*args: Any, **kwargs: Any) -> None:  # where the build saves figures, close them
        plt.close("all")

    printed = io.StringIO()
    backend = matplotlib.get_backend()
    random_state = np.random.get_state()  # noqa: NPY002  (gallery_reset seeds it; put it back)
    with contextlib.ExitStack() as stack:
        patch = stack.enter_context(pytest.MonkeyPatch.context())
        patch.setenv("MPLBACKEND", "Agg")
        patch.setattr(plt, "show", show)
        stack.enter_context(matplotlib.rc_context())  # gallery_reset changes rcParams
        stack.callback(np.random.set_state, random_state)
        stack.callback(plt.switch_backend, backend)
        stack.callback(plt.close, "all")
        plt.switch_backend("Agg")
        _gallery_reset()({}, str(path))
        stack.enter_context(contextlib.chdir(path.parent))
        stack.enter_context(contextlib.redirect_stdout(printed))
        namespace = runpy.run_path(str(path), run_name="__main__")
    return ExampleRun(path, namespace, printed.getvalue())


@pytest.fixture(scope="session")
def gallery_runs():
    """``run(stem)``: the one run of ``gallery/*/<stem>.py`` (or ``tutorials/<stem>.py``)."""
    runs: dict[str, ExampleRun] = {}

    def run(stem: str) -> ExampleRun:
        if stem not in runs:
            paths = sorted(GALLERY.glob(f"*/{stem}.py")) + sorted(TUTORIALS.glob(f"{stem}.py"))
            if len(paths) != 1:
                raise LookupError(f"{len(paths)} examples or tutorials are named {stem}.py, not 1")
            runs[stem] = run_example(paths[0])
        return runs[stem]

    return run


@pytest.fixture(scope="module")
def example(request, gallery_runs) -> ExampleRun:
    """The run of the example whose claims the test module holds (test_<stem>.py)."""
    return gallery_runs(Path(request.module.__file__).stem.removeprefix("test_"))
