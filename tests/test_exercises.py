"""The exercises' checker: every reference solution passes, every known mistake is named,
and broken functions (raising, wrong shape, no return, endless) get a readable message."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from convdemo.exercises import (
    ANSWER_PARTS,
    EXERCISE_NAMES,
    EXERCISES,
    CheckResult,
    check,
    exercise,
    skeleton,
)
from convdemo.exercises.cases import CASES
from convdemo.exercises.mistakes import MISTAKES

WRONG = [(e.name, mistake) for e in EXERCISES for mistake in e.wrong_solutions]


def test_at_least_eight_exercises_in_the_order_of_the_answer_page():
    assert len(EXERCISES) >= 8
    parts = [e.part for e in EXERCISES]
    assert parts == sorted(parts) and set(parts) == set(ANSWER_PARTS)


@pytest.mark.parametrize("name", EXERCISE_NAMES)
def test_reference_solution_passes(name):
    result = check(name, exercise(name).solution)
    assert result.passed and bool(result)
    assert result.n_passed == result.n_cases == len(CASES[name]())
    assert "passed all" in repr(result) and "✓" in result._repr_html_()


@pytest.mark.parametrize(("name", "mistake"), WRONG)
def test_each_known_mistake_is_named(name, mistake):
    result = check(name, exercise(name).wrong_solutions[mistake])
    assert not result
    assert result.mistake == mistake
    assert f"Known mistake: {mistake}." in str(result)
    assert mistake in result._repr_html_() and mistake in result._repr_markdown_()


@pytest.mark.parametrize("name", EXERCISE_NAMES)
def test_every_listed_mistake_has_a_wrong_solution(name):
    assert set(exercise(name).wrong_solutions) == {m.name for m in MISTAKES[name]}


def test_the_issue_s_mistakes_are_all_recognised():
    named = {m.name for mistakes in MISTAKES.values() for m in mistakes}
    for mistake in (
        "flipped kernel",
        "forgot the bias",
        "read one channel",
        "off-by-one output size",
        "forgot the padding",
        "step instead of ReLU",
        "stride applied to the input",
    ):
        assert mistake in named


def test_cases_cover_the_edge_cases():
    labels = " ".join(case.label for case in CASES["conv2d-loops"]())
    inputs = [case.inputs for case in CASES["conv2d-loops"]()]
    assert any(i["padding"] == 0 for i in inputs) and any(i["padding"] > 0 for i in inputs)
    assert any(i["stride"] > 1 for i in inputs)
    assert any(i["x"].shape[1] != i["x"].shape[2] for i in inputs)  # non-square
    assert any(i["x"].shape[0] > 1 and i["weight"].shape[0] > 1 for i in inputs)
    assert "channels" in labels


def test_a_function_that_raises_gets_the_learner_s_frame():
    def conv_one_cell(image, kernel, row, col):
        return image[row + 100, col]

    result = check("conv-one-cell", conv_one_cell)
    assert not result and result.failure.index == 1
    assert result.failure.problem.startswith("it raised IndexError: index 100 is out of bounds")
    error = result.failure.error
    assert "in conv_one_cell" in error and "return image[row + 100, col]" in error
    assert "checker.py" not in error and "runner.py" not in error  # the learner's frames only
    assert "Expected:" in str(result) and "Error:" in str(result)


def test_a_wrong_shape_is_said_in_words():
    def conv2d_loops(x, weight, bias, stride=1, padding=0):
        return np.zeros((2, 2))

    result = check("conv2d-loops", conv2d_loops)
    assert result.failure.problem == (
        "the output has shape (2, 2); the expected shape is (1, 3, 3)"
    )
    assert result.mistake is None


def test_forgotten_return_and_non_numbers():
    def face_detector(eyes, mouth, bias=-2.5):
        total = eyes + mouth  # noqa: F841 - the learner forgot `return total`

    assert "did you forget the `return` line?" in str(check("face-detector", face_detector))

    def output_size(size, kernel, stride=1, padding=0, dilation=1):
        return "24"

    assert "not a whole number" in check("output-size", output_size).failure.problem


def test_an_endless_loop_is_stopped_by_the_time_limit():
    def receptive_field_sizes(layers):
        sizes = []
        while True:
            sizes.append(1)
            sizes.clear()

    result = check("receptive-field", receptive_field_sizes, time_limit=0.2)
    assert not result and result.failure.index == 1
    assert "more than the time limit of 0.2 s" in result.failure.problem


def test_except_exception_does_not_swallow_the_time_limit():
    def relu_map(feature_map):
        try:
            while True:
                pass
        except Exception:
            return feature_map

    assert "time limit" in check("relu-vs-step", relu_map, time_limit=0.1).failure.problem


def test_a_wrong_answer_then_a_crash_shows_the_wrong_answer_first():
    def output_size(size, kernel, stride=1, padding=0, dilation=1):
        if padding:
            raise ZeroDivisionError("no")
        return 23

    result = check("output-size", output_size)
    assert result.failure.index == 1 and result.failure.received == 23


def test_learner_mutating_inputs_does_not_change_the_expected_answer():
    def relu_map(feature_map):
        feature_map[feature_map < 0] = 0
        return feature_map

    assert check("relu-vs-step", relu_map)


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        ((3, lambda: 0), {}, TypeError, "exercise must be the name of an exercise"),
        (("no-such", lambda: 0), {}, ValueError, "exercise must be one of conv-one-cell"),
        (("output-size", "f"), {}, TypeError, "function must be a function"),
        (("output-size", len), {"time_limit": 0}, ValueError, "time_limit must be > 0"),
        (("output-size", len), {"time_limit": "1"}, TypeError, "time_limit must be a real"),
        (("output-size", len), {"time_limit": float("inf")}, ValueError, "time_limit must be"),
    ],
)
def test_bad_arguments_name_the_argument(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        check(*args, **kwargs)


def test_exercise_and_skeleton_refuse_unknown_names():
    with pytest.raises(ValueError, match="name must be one of"):
        skeleton("conv")
    with pytest.raises(TypeError, match="name must be the name of an exercise"):
        exercise(None)


@pytest.mark.parametrize("name", EXERCISE_NAMES)
def test_the_skeleton_is_the_signature_docstring_and_a_blank(name):
    item = exercise(name)
    code = skeleton(name)
    namespace: dict = {"np": np}
    exec(code, namespace)  # the skeleton is valid Python
    blank = namespace[item.function_name]
    assert blank.__doc__ == item.solution.__doc__
    result = check(name, blank)
    assert not result and "NotImplementedError" in result.failure.problem


def test_result_renders_in_three_forms():
    result = check("conv-one-cell", exercise("conv-one-cell").wrong_solutions["flipped kernel"])
    assert isinstance(result, CheckResult)
    html = result._repr_html_()
    assert html.startswith('<div class="convdemo-check convdemo-check-failed"')
    assert "<pre>" in html and "Expected" in html and "Received" in html
    markdown = result._repr_markdown_()
    assert markdown.startswith("✗ **conv-one-cell:") and "```text" in markdown


def test_importing_the_exercises_needs_numpy_only():
    code = (
        "import sys, convdemo.exercises; "
        "print(sorted(m for m in ('matplotlib', 'scipy', 'convdemo.site') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_notebook_cell_is_named_as_such_not_by_its_temporary_file():
    from convdemo.exercises.runner import format_error

    code = compile("def f():\n    return 1 / 0\n", "/tmp/ipykernel_515/3256477343.py", "exec")
    namespace: dict = {}
    exec(code, namespace)
    try:
        namespace["f"]()
    except ZeroDivisionError as error:
        text = format_error(error, "f")
    assert 'File "your notebook cell", line 2, in f' in text
    assert "ipykernel" not in text


def test_the_exercises_are_core_they_never_import_the_site():
    import ast
    from pathlib import Path

    import convdemo.exercises

    folder = Path(convdemo.exercises.__file__).parent
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert node.level <= 2 and "site" not in (node.module or ""), path.name
            elif isinstance(node, ast.Import):
                assert all(alias.name.split(".")[0] != "convdemo" for alias in node.names)
