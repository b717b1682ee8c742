"""Calling the learner's function: one case at a time, within a time limit, errors made readable.

The time limit
--------------
Each call runs in the checker's own process and thread, so that the learner's ``print``
calls, breakpoints and globals behave as usual. On POSIX, in the main thread (a Jupyter
kernel, a script, pytest), the limit is a real-time interval timer (:func:`signal.setitimer`)
whose ``SIGALRM`` handler raises :class:`CaseTimeout` inside the learner's code, which stops an
infinite loop. Its limits:

* Python checks for signals between bytecodes: a single long call into compiled code (a
  huge ``numpy`` allocation, ``time.sleep`` on some platforms) is stopped only when it
  returns;
* a learner's bare ``except:`` (or ``except BaseException``) around the loop can swallow
  the timeout;
* where there is no ``SIGALRM`` (Windows) or the checker runs outside the main thread, no
  limit can be set safely; the call runs unbounded and the result says so.

A forked child process would stop anything, but it cannot show the learner's prints in their
notebook, does not exist on Windows, and copies the whole kernel: the timer is the choice.
"""

from __future__ import annotations

import math
import re
import signal
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["CallOutcome", "CaseTimeout", "call_with_time_limit", "time_limit_available"]

#: Frames from these folders are the checker's (or numpy's), not the learner's.
_PACKAGE_DIR = str(Path(__file__).resolve().parent)


class CaseTimeout(BaseException):
    """Raised inside the learner's function when its case runs past the time limit.

    A ``BaseException`` (like ``KeyboardInterrupt``), so that an ``except Exception`` in the
    learner's code does not swallow it.

    Examples
    --------
    >>> issubclass(CaseTimeout, Exception)
    False
    """


@dataclass(frozen=True)
class CallOutcome:
    """What one call of the learner's function gave.

    Attributes
    ----------
    value : object
        The return value (``None`` if the call raised or timed out).
    error : str or None
        The exception, formatted from the learner's frames only.
    timed_out : bool
        True if the time limit stopped the call.

    Examples
    --------
    >>> CallOutcome(3, None, False).value
    3
    """

    value: Any
    error: str | None
    timed_out: bool


def time_limit_available() -> bool:
    """Whether a time limit can be set here (POSIX ``setitimer``, main thread).

    Examples
    --------
    >>> isinstance(time_limit_available(), bool)
    True
    """
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _raise_timeout(signum, frame):
    raise CaseTimeout()


def _learner_frames(error: BaseException) -> list[traceback.FrameSummary]:
    frames = traceback.extract_tb(error.__traceback__)
    own = [f for f in frames if not f.filename.startswith(_PACKAGE_DIR)]
    # numpy's (or another library's) frames: keep the last frame of the learner's code that
    # called into them, and the library's last frame (where the message comes from).
    learner = [f for f in own if "site-packages" not in f.filename]
    return learner or own[-1:]


#: Jupyter's kernel compiles each cell into a temporary file with a new name every session.
_NOTEBOOK_CELL = re.compile(r"ipykernel_\d+[/\\]\d+\.py$")


def _shown_name(filename: str) -> str:
    """A frame's file as the learner knows it: a notebook cell has no file of its own."""
    return "your notebook cell" if _NOTEBOOK_CELL.search(filename) else filename


def format_error(error: BaseException, function_name: str) -> str:
    """The learner's exception as text: its type and message, then their frames only.

    Examples
    --------
    >>> def f():
    ...     return [][1]
    >>> try:
    ...     f()
    ... except IndexError as error:
    ...     text = format_error(error, "f")
    >>> text.splitlines()[0]
    'f raised IndexError: list index out of range'
    """
    message = "".join(traceback.format_exception_only(type(error), error)).strip()
    lines = [f"{function_name} raised {message}"]
    frames = _learner_frames(error)
    if frames:
        lines.append("Traceback (your code, most recent call last):")
        for frame in frames:
            lines.append(
                f'  File "{_shown_name(frame.filename)}", line {frame.lineno}, in {frame.name}'
            )
            if frame.line:
                lines.append(f"    {frame.line.strip()}")
    return "\n".join(lines)


def call_with_time_limit(
    function: Callable[..., Any], inputs: dict[str, Any], seconds: float
) -> CallOutcome:
    """Call ``function(**inputs)`` and stop it after ``seconds`` (where a limit is available).

    Parameters
    ----------
    function : callable
        The learner's function; nothing else is ever executed.
    inputs : dict
        Keyword arguments.
    seconds : float
        The time limit, above 0.

    Returns
    -------
    CallOutcome

    Examples
    --------
    >>> call_with_time_limit(lambda a: a + 1, {"a": 1}, 1.0).value
    2
    >>> def forever(a):
    ...     while True:
    ...         pass
    >>> call_with_time_limit(forever, {"a": 1}, 0.05).timed_out
    True
    """
    name = getattr(function, "__name__", "your function")
    limited = time_limit_available() and math.isfinite(seconds)
    previous = None
    try:
        if limited:
            previous = signal.signal(signal.SIGALRM, _raise_timeout)
            signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            value = function(**inputs)
        finally:
            if limited:
                signal.setitimer(signal.ITIMER_REAL, 0)
    except CaseTimeout:
        return CallOutcome(None, None, True)
    except Exception as error:  # the learner's error, reported, never raised
        return CallOutcome(None, format_error(error, name), False)
    finally:
        if limited:
            signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)
    return CallOutcome(value, None, False)
