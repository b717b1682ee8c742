"""Write it yourself: exercises with automatic checks whose feedback names the mistake.

Each exercise asks for one function (a skeleton with its signature and docstring, in the
order of the answer page). :func:`check` runs it on seeded and edge cases, compares every
answer with convdemo's own computation, and says which case failed, with its inputs, the
expected and the received output, and the known mistake that explains the answers::

    from convdemo.exercises import check, skeleton
    print(skeleton("conv-one-cell"))     # copy it, fill in the body, then:
    check("conv-one-cell", conv_one_cell)

The modules, one job each: ``convdemo.exercises.catalogue`` (the exercises),
``convdemo.exercises.cases`` (the cases and the right answers),
``convdemo.exercises.mistakes`` (the known mistakes), ``convdemo.exercises.runner``
(calling the learner's code within a time limit), ``convdemo.exercises.checker``
(:func:`check`), ``convdemo.exercises.result`` (what it returns). Importing it needs
numpy only.
"""

from __future__ import annotations

from .._checks import describe
from .catalogue import ANSWER_PARTS, EXERCISES, Exercise
from .checker import DEFAULT_TIME_LIMIT, check
from .mistakes import Mistake
from .result import CaseFailure, CheckResult

__all__ = [
    "ANSWER_PARTS",
    "DEFAULT_TIME_LIMIT",
    "EXERCISES",
    "EXERCISE_NAMES",
    "CaseFailure",
    "CheckResult",
    "Exercise",
    "Mistake",
    "check",
    "exercise",
    "skeleton",
]

#: The exercises' names, in the order of the answer page.
EXERCISE_NAMES: tuple[str, ...] = tuple(e.name for e in EXERCISES)


def exercise(name: str) -> Exercise:
    """The exercise called ``name``.

    Raises
    ------
    TypeError
        If ``name`` is not a string.
    ValueError
        If there is no such exercise.

    Examples
    --------
    >>> exercise("output-size").title
    'The output size'
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be the name of an exercise (a string), got {describe(name)}")
    for item in EXERCISES:
        if item.name == name:
            return item
    raise ValueError(f"name must be one of {', '.join(EXERCISE_NAMES)}; got {name!r}")


def skeleton(name: str) -> str:
    """The skeleton of exercise ``name``: its function's signature, docstring and a blank.

    Raises
    ------
    TypeError, ValueError
        As :func:`exercise`.

    Examples
    --------
    >>> print(skeleton("output-size").splitlines()[0])
    def output_size(size, kernel, stride=1, padding=0, dilation=1):
    """
    return exercise(name).skeleton()
