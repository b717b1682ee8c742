"""``check(exercise, function)``: run a learner's function on an exercise's cases.

For each case (``convdemo.exercises.cases``), the expected answer is computed by convdemo
first, then the learner's function is called on copies of the inputs, within the time limit
(``convdemo.exercises.runner``). The first case whose answer differs is the failure. A
known mistake (``convdemo.exercises.mistakes``) is named when its computed output equals
every answer the function gave, on every case where the mistake has a defined output.
"""

from __future__ import annotations

import copy
import numbers
from collections.abc import Callable
from typing import Any

import numpy as np

from .._checks import as_real, describe
from .cases import CASES, EXPECTED, Case
from .mistakes import MISTAKES, Mistake
from .result import CaseFailure, CheckResult
from .runner import call_with_time_limit, time_limit_available

__all__ = ["DEFAULT_TIME_LIMIT", "check"]

#: Seconds each case may take: the loops of the reference solutions need milliseconds.
DEFAULT_TIME_LIMIT = 2.0

_RTOL, _ATOL = 1e-6, 1e-9


def _problem(expected: Any, received: Any) -> str | None:
    """What is wrong with ``received``, in a sentence; None if it equals ``expected``."""
    if received is None:
        return "it returned None: did you forget the `return` line?"
    if isinstance(expected, list):  # a list of integers (receptive-field sizes)
        try:
            values = [int(v) if float(v) == int(v) else float(v) for v in received]
        except (TypeError, ValueError, OverflowError):
            return f"it returned {describe(received)}, not a list of numbers"
        if len(values) != len(expected):
            return f"it returned {len(values)} numbers for {len(expected)} layers"
        if values != expected:
            first = next(i for i, (a, b) in enumerate(zip(values, expected, strict=True)) if a != b)
            return f"the size after layer {first + 1} is {values[first]}, not {expected[first]}"
        return None
    if isinstance(expected, int):
        if isinstance(received, bool) or not isinstance(received, numbers.Real):
            return f"it returned {describe(received)}, not a whole number"
        if received != int(received):
            return f"it returned {received!r}, not a whole number of windows"
        return None if received == expected else f"{received!r} is not {expected}"
    if isinstance(expected, float):
        if isinstance(received, bool) or not isinstance(received, numbers.Real):
            if isinstance(received, np.ndarray) and received.size == 1:
                received = float(received.item())
            else:
                return f"it returned {describe(received)}, not a single number"
        if np.isclose(received, expected, rtol=_RTOL, atol=_ATOL):
            return None
        return f"{float(received):.6g} is not {expected:.6g}"
    try:
        array = np.asarray(received, dtype=float)
    except (TypeError, ValueError):
        return f"it returned {describe(received)}, not an array of numbers"
    if array.shape != expected.shape:
        return f"the output has shape {array.shape}; the expected shape is {expected.shape}"
    close = np.isclose(array, expected, rtol=_RTOL, atol=_ATOL)
    if close.all():
        return None
    first = tuple(int(i) for i in np.argwhere(~close)[0])
    return (
        f"{np.count_nonzero(~close)} of {expected.size} numbers differ; the first is at index "
        f"{first}: {array[first]:.6g} instead of {expected[first]:.6g}"
    )


def _stopped(index: int, case: Case, expected: Any, error: str | None, seconds: float):
    """The failure of a case that raised (``error``) or ran out of time (``error`` None)."""
    if error is None:
        problem = (
            f"it ran for more than the time limit of {seconds:g} s and was stopped "
            "(a loop that never ends? a counter that never changes?)"
        )
    else:
        problem = "it raised " + error.splitlines()[0].split(" raised ", 1)[1]
    return CaseFailure(index, case.label, case.inputs, expected, None, problem, error)


def _explains(mistake: Mistake, cases: list[Case], answers: list[Any]) -> bool:
    """Whether ``mistake`` produces every answer given (where it has a defined output),
    and differs from the right answer on at least one of them."""
    defined = 0
    for case, answer in zip(cases, answers, strict=False):
        try:
            predicted = mistake.predict(**copy.deepcopy(case.inputs))
        except (TypeError, ValueError):
            predicted = None
        if predicted is None:
            continue
        if _problem(predicted, answer) is not None:
            return False
        defined += 1
    return defined > 0


def _check_arguments(exercise: object, function: object, time_limit: object) -> float:
    if not isinstance(exercise, str):
        raise TypeError(
            f"exercise must be the name of an exercise (a string, one of "
            f"{', '.join(CASES)}), got {describe(exercise)}"
        )
    if exercise not in CASES:
        raise ValueError(f"exercise must be one of {', '.join(CASES)}; got {exercise!r}")
    if not callable(function):
        raise TypeError(f"function must be a function (callable), got {describe(function)}")
    return as_real(time_limit, "time_limit", positive=True)


def check(
    exercise: str, function: Callable[..., Any], *, time_limit: float = DEFAULT_TIME_LIMIT
) -> CheckResult:
    """Check a learner's solution of an exercise against convdemo's own computation.

    Parameters
    ----------
    exercise : str
        The exercise's name, one of :data:`convdemo.exercises.EXERCISE_NAMES`.
    function : callable
        The learner's function, with the skeleton's signature. It is the only code the
        checker runs; its exceptions are reported (with its own frames), never raised.
    time_limit : float, default 2.0
        Seconds each case may take before it is stopped (see
        ``convdemo.exercises.runner`` for how, and where no limit can be set).

    Returns
    -------
    CheckResult
        True if every case passed; otherwise the first failing case with its inputs, the
        expected and the received output, and the known mistake that explains the
        answers, if there is one.

    Raises
    ------
    TypeError
        If ``exercise`` is not a string, ``function`` not callable, or ``time_limit`` not
        a real number.
    ValueError
        If ``exercise`` is not the name of an exercise, or ``time_limit`` is not above 0
        and finite.

    Examples
    --------
    >>> def output_size(size, kernel, stride=1, padding=0, dilation=1):
    ...     return (size + 2 * padding - kernel) // stride  # two mistakes?
    >>> result = check("output-size", output_size)
    >>> bool(result)
    False
    >>> print(result.verdict)
    output-size: output_size failed case 1 of 8 (28 pixels, 5x5 kernel): 23 is not 24.
    """
    seconds = _check_arguments(exercise, function, time_limit)
    name = getattr(function, "__name__", "your function")
    cases = CASES[exercise]()
    answers: list[Any] = []
    failure: CaseFailure | None = None
    for index, case in enumerate(cases, start=1):
        expected = EXPECTED[exercise](**copy.deepcopy(case.inputs))
        outcome = call_with_time_limit(function, copy.deepcopy(case.inputs), seconds)
        if outcome.timed_out or outcome.error is not None:
            if failure is None:  # else the first wrong answer stays the failure shown
                failure = _stopped(index, case, expected, outcome.error, seconds)
            break
        answers.append(outcome.value)
        problem = _problem(expected, outcome.value)
        if problem is not None and failure is None:
            failure = CaseFailure(index, case.label, case.inputs, expected, outcome.value, problem)
    notes = ()
    if not time_limit_available():
        notes = ("No time limit could be set here (no SIGALRM, or not the main thread).",)
    if failure is None:
        return CheckResult(exercise, name, len(cases), len(cases), notes=notes)
    mistake = None
    if answers and failure.error is None and len(answers) >= failure.index:
        mistake = next((m for m in MISTAKES[exercise] if _explains(m, cases, answers)), None)
    return CheckResult(
        exercise,
        name,
        len(cases),
        failure.index - 1,
        failure,
        mistake.name if mistake else None,
        mistake.explanation if mistake else None,
        notes,
    )
