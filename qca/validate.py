"""Checks of public arguments, one helper per kind, each naming the argument at fault.

Every public function checks its arguments here before doing any work, so
a bad value fails at the call (not at the first callback, deep in a
search) with a :class:`~qca.QCAError` that names the argument, the value
and what to give instead.
"""

from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np

from .errors import QCAError

__all__ = ["check_fraction", "check_bool", "check_callable", "check_int", "check_optional_int", "check_choice",
           "check_model", "write_text"]


def check_fraction(name: str, value: Any) -> float:
    """A number in [0, 1] (a numeric text such as ``"0.9"`` is read as the number).

    Examples
    --------
    >>> check_fraction("incl_cut", "0.9")
    0.9
    >>> check_fraction("pri_cut", "abc")
    Traceback (most recent call last):
    ...
    qca.errors.QCAError: pri_cut='abc' is not a number: give a number from 0 to 1, e.g. pri_cut=0.5
    """
    if isinstance(value, (bool, np.bool_)) or value is None:
        raise QCAError(f"{name}={value!r}: give a number from 0 to 1, e.g. {name}=0.5")
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            raise QCAError(f"{name}={value!r} is not a number: give a number from 0 to 1, e.g. {name}=0.5") from None
    elif isinstance(value, (int, float, np.integer, np.floating)):
        number = float(value)
    else:
        raise QCAError(f"{name}={value!r} ({type(value).__name__}): give a number from 0 to 1, e.g. {name}=0.5")
    if math.isnan(number) or not 0.0 <= number <= 1.0:
        raise QCAError(f"{name}={value!r} is outside [0, 1]")
    return number


def check_bool(name: str, value: Any) -> bool:
    """True or False only: ``"no"`` or ``1`` is refused rather than read as true.

    Examples
    --------
    >>> check_bool("all_sol", False)
    False
    >>> check_bool("all_sol", "no")
    Traceback (most recent call last):
    ...
    qca.errors.QCAError: all_sol='no': give True or False
    """
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise QCAError(f"{name}={value!r}: give True or False")


def check_callable(name: str, value: Any, signature: str = "") -> Callable[..., Any] | None:
    """A function (or None), checked at the call rather than at its first use.

    Examples
    --------
    >>> check_callable("progress", None) is None
    True
    >>> check_callable("progress", 5, "progress(stage, done, total)")
    Traceback (most recent call last):
    ...
    qca.errors.QCAError: progress=5: give a function progress(stage, done, total), or None
    """
    if value is None or callable(value):
        return value
    raise QCAError(f"{name}={value!r}: give a function {signature or name + '(...)'}, or None")


def check_int(name: str, value: Any, minimum: int = 1) -> int:
    """A whole number at least ``minimum``.

    Examples
    --------
    >>> check_int("depth", 2)
    2
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise QCAError(f"{name}={value!r}: give a whole number, at least {minimum}")
    return int(value)


def check_choice(name: str, value: Any, choices: tuple[str, ...]) -> str:
    """One of ``choices`` (text).

    Examples
    --------
    >>> check_choice("relation", "necessity", ("necessity", "sufficiency"))
    'necessity'
    """
    if not isinstance(value, str) or value not in choices:
        raise QCAError(f"{name}={value!r}: choose one of {', '.join(repr(c) for c in choices)}")
    return value


def check_optional_int(name: str, value: Any, minimum: int = 0) -> int | None:
    """None, or a whole number at least ``minimum`` (e.g. ``max_cases``).

    Examples
    --------
    >>> check_optional_int("max_cases", None) is None, check_optional_int("max_cases", 3)
    (True, 3)
    """
    return None if value is None else check_int(name, value, minimum)


def check_model(value: Any, count: int) -> int:
    """The number of a model (0 is M1) among ``count`` models.

    Examples
    --------
    >>> check_model(0, 2)
    0
    >>> check_model(2, 2)
    Traceback (most recent call last):
    ...
    qca.errors.QCAError: model=2: the solution has 2 model(s), numbered from 0 (M1) to 1 (M2)
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) or not 0 <= value < count:
        raise QCAError(f"model={value!r}: the solution has {count} model(s), numbered from 0 (M1) to {count - 1} "
                       f"(M{count})" if count else f"model={value!r}: the solution has no model")
    return int(value)


def write_text(path: Any, text: str, newline: str | None = None) -> None:
    """Write ``text`` (UTF-8) to ``path``; a path that cannot be written is a QCAError naming it and why.

    Examples
    --------
    >>> write_text("/", "x")
    Traceback (most recent call last):
    ...
    qca.errors.QCAError: path='/' is a directory: give a file name, e.g. 'table.csv'
    """
    import os

    if not isinstance(path, (str, os.PathLike)) or not str(path):
        raise QCAError(f"path={path!r}: give a file name (str or pathlib.Path), or None to get the text back")
    if os.path.isdir(path):
        raise QCAError(f"path={str(path)!r} is a directory: give a file name, e.g. 'table.csv'")
    try:
        with open(path, "w", encoding="utf-8", newline=newline) as fh:
            fh.write(text)
    except OSError as err:
        raise QCAError(f"path={str(path)!r}: cannot write there ({err.strerror or err})") from None
