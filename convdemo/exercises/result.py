"""The checker's answer: a result that reads well as text, in Jupyter and on the site.

A :class:`CheckResult` is true when every case passed. Its ``repr`` is plain text (a
terminal, a doctest); ``_repr_markdown_`` and ``_repr_html_`` are what Jupyter and the
site's notebook pages show: a one-line verdict, the mistake named and explained, then the
failing case's inputs, the expected and the received output.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["CaseFailure", "CheckResult", "show_value"]


def show_value(value: Any) -> str:
    """A value as the learner would type it: arrays compactly, with their shape.

    Examples
    --------
    >>> show_value(np.array([[1.0, -2.5]]))
    'array of shape (1, 2):\\n[[ 1.  -2.5]]'
    >>> show_value(3)
    '3'
    """
    if isinstance(value, np.ndarray):
        body = np.array2string(
            value, precision=4, suppress_small=True, max_line_width=88, threshold=200, edgeitems=2
        )
        return f"array of shape {value.shape}:\n{body}"
    if isinstance(value, float):
        return f"{value:.6g}"
    return repr(value)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


@dataclass(frozen=True)
class CaseFailure:
    """The first case the learner's function got wrong.

    Attributes
    ----------
    index : int
        Its position among the cases, from 1.
    label : str
        What the case tests ("stride 2", "non-square 4x7 image", ...).
    inputs : dict
        The arguments it was called with.
    expected : object
        convdemo's answer.
    received : object
        The learner's answer (``None`` if the call raised or timed out).
    problem : str
        What is wrong, in a sentence: a wrong value, a wrong shape, an exception, a timeout.
    error : str or None
        The exception the function raised, with the learner's frames of its traceback.

    Examples
    --------
    >>> CaseFailure(1, "padding 0", {"size": 5}, 3, 4, "wrong value").problem
    'wrong value'
    """

    index: int
    label: str
    inputs: dict[str, Any]
    expected: Any
    received: Any
    problem: str
    error: str | None = None


@dataclass(frozen=True)
class CheckResult:
    """What :func:`convdemo.exercises.check` found: true if every case passed.

    Attributes
    ----------
    exercise : str
        The exercise's name.
    function_name : str
        The name of the function that was checked.
    n_cases : int
        How many cases the exercise has.
    n_passed : int
        How many passed before the first failure (all of them if it passed).
    failure : CaseFailure or None
        The first failing case.
    mistake : str or None
        The known mistake that explains every answer the function gave, by name.
    explanation : str or None
        What that mistake teaches.
    notes : tuple of str
        Anything else to say (no time limit could be set, ...).

    Examples
    --------
    >>> result = CheckResult("output-size", "output_size", 8, 8)
    >>> bool(result), result.passed
    (True, True)
    >>> print(result)
    output-size: output_size passed all 8 cases.
    """

    exercise: str
    function_name: str
    n_cases: int
    n_passed: int
    failure: CaseFailure | None = None
    mistake: str | None = None
    explanation: str | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def passed(self) -> bool:
        """True if every case passed."""
        return self.failure is None

    def __bool__(self) -> bool:
        return self.passed

    @property
    def verdict(self) -> str:
        """The result in one sentence."""
        if self.passed:
            return f"{self.exercise}: {self.function_name} passed all {self.n_cases} cases."
        failure = self.failure
        head = (
            f"{self.exercise}: {self.function_name} failed case {failure.index} of "
            f"{self.n_cases} ({failure.label})"
        )
        if self.mistake:
            return f"{head}. Known mistake: {self.mistake}."
        return _sentence(f"{head}: {failure.problem}")

    def _sections(self) -> list[tuple[str, str]]:
        failure = self.failure
        sections = [
            ("Inputs", "\n".join(f"{k} = {show_value(v)}" for k, v in failure.inputs.items()))
        ]
        if failure.expected is not None:
            sections.append(("Expected", show_value(failure.expected)))
        if failure.error is not None:
            sections.append(("Error", failure.error))
        elif failure.received is not None or "returned None" in failure.problem:
            sections.append(("Received", show_value(failure.received)))
        return sections

    def __str__(self) -> str:
        lines = [self.verdict]
        if not self.passed:
            if self.mistake:
                lines.append(self.explanation)
                lines.append(_sentence(f"On this case: {self.failure.problem}"))
            for title, body in self._sections():
                lines.append(f"{title}:")
                lines += [f"    {line}" for line in body.splitlines()]
        lines += list(self.notes)
        return "\n".join(lines)

    def __repr__(self) -> str:
        return str(self)

    def _repr_markdown_(self) -> str:
        mark = "✓" if self.passed else "✗"
        parts = [f"{mark} **{self.verdict}**"]
        if not self.passed:
            if self.mistake:
                parts.append(f"**{self.mistake}**: {self.explanation}")
                parts.append(_sentence(f"On this case: {self.failure.problem}"))
            for title, body in self._sections():
                parts.append(f"{title}:\n\n```text\n{body}\n```")
        parts += list(self.notes)
        return "\n\n".join(parts)

    def _repr_html_(self) -> str:
        state = "passed" if self.passed else "failed"
        mark = "✓" if self.passed else "✗"
        e = html.escape
        parts = [
            f'<div class="convdemo-check convdemo-check-{state}" role="status">',
            f'<p><span aria-hidden="true">{mark}</span> <strong>{e(self.verdict)}</strong></p>',
        ]
        if not self.passed:
            if self.mistake:
                parts.append(
                    f'<p class="convdemo-check-mistake"><strong>{e(self.mistake)}</strong>: '
                    f"{e(self.explanation)}</p>"
                )
                parts.append(f"<p>{e(_sentence('On this case: ' + self.failure.problem))}</p>")
            for title, body in self._sections():
                parts.append(f"<p>{e(title)}:</p><pre>{e(body)}</pre>")
        parts += [f"<p>{e(note)}</p>" for note in self.notes]
        parts.append("</div>")
        return "\n".join(parts)
