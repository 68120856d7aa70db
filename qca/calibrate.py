"""Calibration: from raw values to set memberships (R's ``calibrate()``).

The first step of the data flow for fuzzy-set (and crisp) QCA: a raw,
interval-level variable (GDP per capita, percent urban, ...) becomes a
membership score in a set ("developed countries"), anchored by qualitative
thresholds the researcher chooses.

Methods (R QCA 3.25's ``calibrate()``, the same arguments and numbers):

``type="fuzzy", method="direct"`` (default)
    Three anchors ``"e=, c=, i="`` (full exclusion, crossover, full
    inclusion). Increasing when ``e < c < i``, decreasing when
    ``i < c < e``. With ``logistic=True`` the logistic function through
    ``1 - idm`` at ``e``, 0.5 at ``c`` and ``idm`` at ``i`` (Ragin 2008);
    with ``logistic=False`` a piecewise function, linear by default and
    bent by the ``below``/``above`` exponents, or following the empirical
    distribution of ``x`` between the anchors with ``ecdf=True``. Six
    anchors ``"e1=, c1=, i1=, i2=, c2=, e2="`` give a bell-shaped set
    (``i1=, c1=, e1=, e2=, c2=, i2=`` its inverse).
``type="fuzzy", method="indirect"``
    Ragin's indirect method: the cut points sort the cases into groups
    scored 0, 1/k, ..., 1 and a fractional-polynomial quasi-binomial GLM
    of those scores on ``x`` gives the memberships (needs statsmodels:
    ``pip install "qca[calibrate]"``).
``type="fuzzy", method="TFR"``
    Totally fuzzy and relative: the empirical distribution of ``x`` above
    its lowest category 1 (for Likert-type scales); no thresholds.
``type="crisp"``
    One or more cut points; a case scores the number of cut points at or
    below its value (0/1, or 0, 1, 2, ... for multi-value sets).

Missing values stay missing, in place. Anything else wrong with the input
(text in ``x``, anchors out of order, a missing or unknown anchor, the
crossover outside the range of ``x``) is a :class:`~qca.QCAError` saying
which.
"""

from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd
from scipy.special import expit

from .errors import QCAError

__all__ = ["calibrate", "Anchors", "parse_thresholds", "TYPES", "METHODS"]

TYPES = ("fuzzy", "crisp")
METHODS = ("direct", "indirect", "TFR")

_THREE = ("e", "c", "i")
_SIX = ("e1", "c1", "i1", "i2", "c2", "e2")

#: R's ``calibrate()`` rounds direct and indirect memberships this close to 0 or 1 to 0 or 1.
_FLOOR = 0.0001
_CEIL = 0.9999


@dataclass(frozen=True)
class Anchors:
    """Parsed calibration thresholds.

    Attributes
    ----------
    values : tuple of float
        The threshold values, in the order given (crisp and indirect cut
        points) or in the canonical anchor order ``e, c, i`` /
        ``e1, c1, i1, i2, c2, e2`` (fuzzy direct).
    names : tuple of str or None
        The anchor names, ``None`` for plain cut points.

    Examples
    --------
    >>> parse_thresholds("i=350, c=550, e=900")
    Anchors(values=(900.0, 550.0, 350.0), names=('e', 'c', 'i'))
    >>> parse_thresholds([550, 850]).values
    (550.0, 850.0)
    """

    values: tuple[float, ...]
    names: tuple[str, ...] | None = None

    def as_dict(self) -> dict[str, float]:
        """The anchors as ``{name: value}`` (cut points are named ``t1, t2, ...``).

        Examples
        --------
        >>> parse_thresholds("e=350, c=550, i=900").as_dict()
        {'e': 350.0, 'c': 550.0, 'i': 900.0}
        """
        names = self.names or tuple(f"t{k + 1}" for k in range(len(self.values)))
        return dict(zip(names, self.values))

    def __str__(self) -> str:
        if self.names is None:
            return ", ".join(_num(v) for v in self.values)
        return ", ".join(f"{n}={_num(v)}" for n, v in zip(self.names, self.values))


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() and abs(v) < 1e15 else repr(float(v))


def _threshold_number(value: Any, where: str) -> float:
    if isinstance(value, (bool, np.bool_)):
        raise QCAError(f"threshold {where} is {value!r}, not a number")
    if isinstance(value, str):
        text = value.strip()
        try:
            out = float(text)
        except ValueError:
            raise QCAError(f"threshold {where} is {value!r}, not a number") from None
    else:
        try:
            out = float(value)
        except (TypeError, ValueError):
            raise QCAError(f"threshold {where} is {value!r}, not a number") from None
    if not math.isfinite(out):
        raise QCAError(f"threshold {where} is {value!r}: thresholds must be finite numbers")
    return out


def parse_thresholds(thresholds: Any) -> Anchors:
    """Read thresholds given as R does, as a dict, a number or a list.

    Parameters
    ----------
    thresholds : str, dict, number or sequence of numbers
        ``"e=350, c=550, i=900"`` (anchor names from ``e, c, i`` or
        ``e1, c1, i1, i2, c2, e2``, in any order), plain numbers
        ``"550, 850"``, a dict ``{"e": 350, "c": 550, "i": 900}``, a
        number ``550`` or a list ``[350, 550, 900]``.

    Returns
    -------
    Anchors
        Named anchors are put in their canonical order.

    Raises
    ------
    QCAError
        An unknown or repeated anchor name, a mix of named and plain
        values, a value that is not a finite number, or no value at all.

    Examples
    --------
    >>> parse_thresholds("c=550, e=350, i=900").as_dict()
    {'e': 350.0, 'c': 550.0, 'i': 900.0}
    >>> parse_thresholds({"e": 350, "c": 550, "i": 900}).values
    (350.0, 550.0, 900.0)
    >>> parse_thresholds(550)
    Anchors(values=(550.0,), names=None)
    """
    if thresholds is None:
        raise QCAError('no thresholds given: pass e.g. thresholds="e=350, c=550, i=900"')
    pairs: list[tuple[str | None, Any]]
    if isinstance(thresholds, str):
        text = thresholds.replace("\u00a0", " ").strip()
        if not text:
            raise QCAError('thresholds "" are empty: pass e.g. thresholds="e=350, c=550, i=900"')
        pairs = []
        for part in re.split(r"[,;]", text):
            part = part.strip()
            if not part:
                raise QCAError(f"thresholds {thresholds!r} have an empty entry between commas")
            if "=" in part:
                name, _, value = part.partition("=")
                name = name.strip()
                if not name:
                    raise QCAError(f"threshold {part!r} in {thresholds!r} has no anchor name before '='")
                pairs.append((name, value.strip()))
            else:
                pairs.append((None, part))
    elif isinstance(thresholds, Mapping):
        pairs = [(k, v) for k, v in thresholds.items()]
        for k, _ in pairs:
            if not isinstance(k, str):
                raise QCAError(f"threshold name {k!r} is not text: use the anchor names e, c, i "
                               "(or e1, c1, i1, i2, c2, e2)")
        pairs = [(k.strip(), v) for k, v in pairs]
    elif isinstance(thresholds, (int, float, np.integer, np.floating)) and not isinstance(
            thresholds, (bool, np.bool_)):
        pairs = [(None, thresholds)]
    elif isinstance(thresholds, (pd.Series, np.ndarray, Sequence)) and not isinstance(thresholds, bytes):
        values = list(thresholds.tolist() if isinstance(thresholds, (pd.Series, np.ndarray)) else thresholds)
        if isinstance(thresholds, np.ndarray) and thresholds.ndim != 1:
            raise QCAError(f"thresholds must be one list of numbers, not an array of shape {thresholds.shape}")
        pairs = [(None, v) for v in values]
    else:
        raise QCAError(f"thresholds of type {type(thresholds).__name__} are not understood: pass "
                       'a string such as "e=350, c=550, i=900", a dict, a number or a list of numbers')
    if not pairs:
        raise QCAError('no thresholds given: pass e.g. thresholds="e=350, c=550, i=900"')

    named = [name is not None for name, _ in pairs]
    values = []
    for name, value in pairs:
        where = repr(name) if name is not None else repr(value)
        values.append(_threshold_number(value, where if name is None else f"{name}={value!r}"))
    if not any(named):
        return Anchors(tuple(values))
    if not all(named):
        plain = [str(v) for (n, v) in pairs if n is None]
        raise QCAError(f"thresholds {thresholds!r} mix named anchors with plain values ({', '.join(plain)}): "
                       "name every anchor (e=, c=, i=) or none")
    names = [name for name, _ in pairs]
    known = _THREE + _SIX
    for name in names:
        if name not in known:
            raise QCAError(f"unknown anchor {name!r} in thresholds {thresholds!r}: the anchors are "
                           "e, c, i (exclusion, crossover, inclusion) or e1, c1, i1, i2, c2, e2 (bell-shaped)")
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise QCAError(f"anchor {name!r} is given twice in thresholds {thresholds!r}")
        seen.add(name)
    three = [n for n in names if n in _THREE]
    six = [n for n in names if n in _SIX]
    if three and six:
        raise QCAError(f"thresholds {thresholds!r} mix the anchors e, c, i with the bell-shaped "
                       "e1, c1, i1, i2, c2, e2: use one set")
    order = _THREE if three else _SIX
    missing = [n for n in order if n not in seen]
    if missing:
        raise QCAError(f"anchor{'s' if len(missing) > 1 else ''} {', '.join(missing)} missing from "
                       f"thresholds {thresholds!r}: give all of {', '.join(order)}")
    by_name = dict(zip(names, values))
    return Anchors(tuple(by_name[n] for n in order), order)


def _labels(x: Any, n: int) -> list[Any]:
    if isinstance(x, pd.Series):
        return [str(v) for v in x.index]
    return list(range(n))


def _as_numbers(x: Any) -> tuple[np.ndarray, list[str]]:
    """x as a float vector (NaN for missing), text and infinities refused by case."""
    if isinstance(x, pd.DataFrame):
        raise QCAError("x is a DataFrame: calibrate one column at a time, e.g. calibrate(df['DEV'], ...)")
    if isinstance(x, (str, bytes)):
        raise QCAError(f"x is the text {x!r}: pass the raw values (a list, array or pandas Series)")
    if isinstance(x, pd.Series):
        series = x
    else:
        arr = np.asarray(x, dtype=object) if not isinstance(x, np.ndarray) else x
        if arr.ndim == 0:
            arr = arr.reshape(1)
        if arr.ndim != 1:
            raise QCAError(f"x must be one column of values, not an array of shape {arr.shape}")
        series = pd.Series(arr, dtype=arr.dtype if arr.dtype != object else object)
    labels = _labels(x, len(series))
    if len(series) == 0:
        raise QCAError("x has no values to calibrate")
    where = "case" if isinstance(x, pd.Series) else "position"
    name = f"column {x.name!r}" if isinstance(x, pd.Series) and x.name is not None else "x"
    if pd.api.types.is_bool_dtype(series.dtype):
        values = series.to_numpy(dtype=float)
    elif pd.api.types.is_numeric_dtype(series.dtype):
        values = series.to_numpy(dtype=float, na_value=np.nan)
    else:
        values = np.empty(len(series))
        for k, v in enumerate(series.tolist()):
            if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v)):
                values[k] = np.nan
                continue
            if isinstance(v, (bool, np.bool_, int, float, np.integer, np.floating)):
                values[k] = float(v)
                continue
            if isinstance(v, str):
                text = v.strip()
                if text == "" or text.upper() in ("NA", "NAN"):
                    values[k] = np.nan
                    continue
                try:
                    values[k] = float(text)
                    continue
                except ValueError:
                    pass
            raise QCAError(f"{name} has the value {v!r} at {where} {labels[k]!r}, which is not a number: "
                           "calibrate needs numeric raw values (missing values may be left empty)")
    bad = np.flatnonzero(np.isinf(values))
    if bad.size:
        k = int(bad[0])
        raise QCAError(f"{name} has the value {values[k]} at {where} {labels[k]!r}: raw values must be finite")
    if np.isnan(values).all():
        raise QCAError(f"{name} has only missing values: nothing to calibrate")
    return values, labels


def _wrap(x: Any, values: np.ndarray) -> Any:
    if isinstance(x, pd.Series):
        return pd.Series(values, index=x.index, name=x.name)
    return values


def _check_range(anchor: str, value: float, lo: float, hi: float, name: str) -> None:
    if value < lo or value > hi:
        raise QCAError(f"the crossover {anchor}={_num(value)} is outside the range of {name} "
                       f"({_num(lo)} to {_num(hi)}): every case would fall on one side of it; "
                       "choose a crossover between the smallest and the largest value")


def _clamp(fs: np.ndarray) -> np.ndarray:
    fs = fs.copy()
    fs[fs < _FLOOR] = 0.0
    fs[fs > _CEIL] = 1.0
    return fs


def _pow(ratio: np.ndarray, exponent: float) -> np.ndarray:
    """``ratio ** exponent`` with the ratio floored at 0: a value within R's tolerance of an
    anchor but just past it gives a tiny negative ratio, whose fractional power would be NaN."""
    return np.maximum(ratio, 0.0) ** exponent


def _near(x: np.ndarray, t: float) -> np.ndarray:
    """R's ``all.equal(x, t)`` (relative tolerance 1.5e-8)."""
    scale = np.where(np.abs(x) > 1.5e-8, np.abs(x), 1.0)
    return np.abs(x - t) / scale < 1.5e-8


def _logistic(x: np.ndarray, e: float, c: float, i: float, idm: float) -> np.ndarray:
    decreasing = e > i
    if decreasing:
        e, i = i, e
    slope = math.log(idm / (1 - idm))
    with np.errstate(invalid="ignore"):
        z = np.where(x < c, (x - c) * slope / (c - e), (x - c) * slope / (i - c))
    fs = expit(z)
    if decreasing:
        fs = 1 - fs
    return fs


def _linear(x: np.ndarray, e: float, c: float, i: float, below: float, above: float,
            use_ecdf: bool) -> np.ndarray:
    increasing = e < c
    fs = np.full(x.shape, np.nan)
    known = ~np.isnan(x)
    if use_ecdf:
        lo, hi = min(e, i), max(e, i)
        inside = np.sort(x[known & (x >= lo) & (x <= hi)])
        if inside.size == 0:
            raise QCAError(f"ecdf=True needs values of x between the anchors {_num(lo)} and {_num(hi)}; "
                           "there are none")

        def fn(v):
            return np.searchsorted(inside, v, side="right") / inside.size

        fc = fn(c)
    with np.errstate(invalid="ignore", divide="ignore"):
        if increasing:
            low = known & ((x < e) | _near(x, e))
            mid1 = known & ~low & ((x < c) | _near(x, c))
            mid2 = known & ~low & ~mid1 & ((x < i) | _near(x, i))
            high = known & ~low & ~mid1 & ~mid2
            fs[low] = 0.0
            fs[high] = 1.0
            if use_ecdf:
                fs[mid1] = (fn(x[mid1]) / fc) / 2
                fs[mid2] = 1 - ((1 - fn(x[mid2])) / (1 - fc)) / 2
            else:
                fs[mid1] = _pow((e - x[mid1]) / (e - c), below) / 2
                fs[mid2] = 1 - _pow((i - x[mid2]) / (i - c), above) / 2
        else:
            high = known & ((x < i) | _near(x, i))
            mid1 = known & ~high & ((x < c) | _near(x, c))
            mid2 = known & ~high & ~mid1 & ((x < e) | _near(x, e))
            low = known & ~high & ~mid1 & ~mid2
            fs[high] = 1.0
            fs[low] = 0.0
            if use_ecdf:
                fs[mid1] = 1 - (fn(x[mid1]) / fc) / 2
                fs[mid2] = ((1 - fn(x[mid2])) / (1 - fc)) / 2
            else:
                fs[mid1] = 1 - _pow((i - x[mid1]) / (i - c), above) / 2
                fs[mid2] = _pow((e - x[mid2]) / (e - c), below) / 2
    return fs


def _bell(x: np.ndarray, a: tuple[float, ...], below: float, above: float) -> np.ndarray:
    e1, c1, i1, i2, c2, e2 = a
    bell = e1 < c1
    fs = np.full(x.shape, np.nan)
    known = ~np.isnan(x)
    left = np.zeros(x.shape, dtype=bool)

    def take(cond):
        nonlocal left
        m = known & ~left & cond
        left = left | m
        return m

    with np.errstate(invalid="ignore", divide="ignore"):
        if bell:
            m = take((x < e1) | _near(x, e1)); fs[m] = 0.0
            m = take((x < c1) | _near(x, c1)); fs[m] = _pow((e1 - x[m]) / (e1 - c1), below) / 2
            m = take(x < i1); fs[m] = 1 - _pow((i1 - x[m]) / (i1 - c1), above) / 2
            m = take((x < i2) | _near(x, i2)); fs[m] = 1.0
            m = take((x < c2) | _near(x, c2)); fs[m] = 1 - _pow((i2 - x[m]) / (i2 - c2), above) / 2
            m = take((x < e2) | _near(x, e2)); fs[m] = _pow((e2 - x[m]) / (e2 - c2), below) / 2
            m = take(np.ones(x.shape, dtype=bool)); fs[m] = 0.0
        else:
            m = take((x < i1) | _near(x, i1)); fs[m] = 1.0
            m = take((x < c1) | _near(x, c1)); fs[m] = 1 - _pow((i1 - x[m]) / (i1 - c1), above) / 2
            m = take(x < e1); fs[m] = _pow((e1 - x[m]) / (e1 - c1), below) / 2
            m = take((x < e2) | _near(x, e2)); fs[m] = 0.0
            m = take((x < c2) | _near(x, c2)); fs[m] = _pow((e2 - x[m]) / (e2 - c2), below) / 2
            m = take((x < i2) | _near(x, i2)); fs[m] = 1 - _pow((i2 - x[m]) / (i2 - c2), above) / 2
            m = take(np.ones(x.shape, dtype=bool)); fs[m] = 1.0
    return fs


def _check_three(a: Anchors) -> None:
    e, c, i = a.values
    if not (e < c < i or i < c < e):
        raise QCAError(f"thresholds {a} are not ordered: the crossover c must lie strictly between "
                       "the exclusion anchor e and the inclusion anchor i (e < c < i for an increasing "
                       "set, i < c < e for a decreasing one)")


def _check_six(a: Anchors) -> None:
    e1, c1, i1, i2, c2, e2 = a.values
    if e1 < c1:
        if not (e1 < c1 < i1 <= i2 < c2 < e2):
            raise QCAError(f"bell-shaped thresholds {a} are not ordered: they must satisfy "
                           "e1 < c1 < i1 <= i2 < c2 < e2 (or, for the inverse shape, "
                           "i1 < c1 < e1 <= e2 < c2 < i2)")
    elif not (i1 < c1 < e1 <= e2 < c2 < i2):
        raise QCAError(f"inverse bell-shaped thresholds {a} are not ordered: they must satisfy "
                       "i1 < c1 < e1 <= e2 < c2 < i2 (or, for the bell shape, e1 < c1 < i1 <= i2 < c2 < e2)")


def _indirect(x: np.ndarray, cuts: np.ndarray) -> np.ndarray:
    try:
        import statsmodels.api as sm
    except ImportError:  # pragma: no cover - depends on the environment
        raise QCAError('method="indirect" fits a GLM with statsmodels, which is not installed: '
                       'pip install "qca[calibrate]" (or pip install statsmodels)') from None
    known = ~np.isnan(x)
    xs = x[known].copy()
    if (xs < 0).any():
        k = int(np.flatnonzero(xs < 0)[0])
        raise QCAError(f"the indirect method takes log(x), so x must not be negative; found {_num(xs[k])}")
    scores = np.round(np.linspace(0.0, 1.0, len(cuts) + 1), 3)
    y = scores[(xs[:, None] > cuts[None, :]).sum(axis=1)]
    xs[xs == 0] = 0.00001
    design = np.column_stack([np.ones_like(xs), np.log(xs), np.sqrt(xs), xs, xs ** 2])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = sm.GLM(y, design, family=sm.families.Binomial()).fit()
    fs = np.full(x.shape, np.nan)
    fs[known] = np.round(model.predict(design), 6)
    return _clamp(fs)


def _tfr(x: np.ndarray, name: str) -> np.ndarray:
    known = np.sort(x[~np.isnan(x)])
    n = known.size
    e1 = np.searchsorted(known, 1.0, side="right") / n
    if e1 >= 1:
        raise QCAError(f'method="TFR" reads {name} as a scale whose lowest category is 1, but no value is '
                       "above 1: every membership would be undefined")
    fs = np.full(x.shape, np.nan)
    ok = ~np.isnan(x)
    fs[ok] = np.maximum(0.0, (np.searchsorted(known, x[ok], side="right") / n - e1) / (1 - e1))
    return fs


def calibrate(x: Any, thresholds: Any = None, type: str = "fuzzy", method: str = "direct",
              logistic: bool = True, idm: float = 0.95, ecdf: bool = False,
              below: float = 1, above: float = 1) -> Any:
    """Calibrate raw values into set memberships, as R's ``calibrate()``.

    Parameters
    ----------
    x : array-like or pandas.Series
        The raw values of one variable; missing values (NaN, None, empty
        text) stay missing. A Series comes back as a Series with the same
        index and name.
    thresholds : str, dict, number or list
        Fuzzy direct: ``"e=350, c=550, i=900"`` (increasing),
        ``"i=350, c=550, e=900"`` (decreasing), bell-shaped
        ``"e1=, c1=, i1=, i2=, c2=, e2="`` (inverse bell
        ``"i1=, c1=, e1=, e2=, c2=, i2="``), the same as a dict, or a list of
        3 or 6 numbers in that order. Crisp: a number or a list of cut
        points. Indirect: a list of cut points. TFR: ``None``.
    type : {"fuzzy", "crisp"}
        Fuzzy memberships in [0, 1] or crisp levels 0, 1, ..., len(cut points).
    method : {"direct", "indirect", "TFR"}
        Fuzzy calibration method (see the module notes).
    logistic : bool
        Direct method with three anchors: the logistic function (True) or
        the piecewise linear/power function (False).
    idm : float
        Inclusion degree of membership at the inclusion anchor (logistic
        function), strictly between 0.5 and 1; ``1 - idm`` at exclusion.
    ecdf : bool
        With ``logistic=False``: memberships follow the empirical
        distribution of the values between the anchors.
    below, above : float
        With ``logistic=False`` or six anchors: exponents of the function
        below and above the crossover (1 = linear); positive.

    Returns
    -------
    numpy.ndarray or pandas.Series
        Float memberships (fuzzy) or integer levels (crisp; floats with NaN
        where ``x`` is missing).

    Raises
    ------
    QCAError
        Text or an infinite value in ``x`` (naming the case), thresholds
        that are missing, unknown, repeated, not ordered, or a crossover
        outside the range of ``x``; ``idm`` outside (0.5, 1); ``below`` or
        ``above`` not positive; an unknown ``type`` or ``method``.

    Notes
    -----
    As in R, direct and indirect memberships below 0.0001 become 0 and
    above 0.9999 become 1, and indirect memberships are rounded to six
    decimals. R does not check the order of three anchors nor that the
    crossover lies in the range of ``x``; this function does.

    Examples
    --------
    >>> import qca
    >>> dev = [720, 1098, 586, 468, 350]
    >>> qca.calibrate(dev, "e=350, c=550, i=900").round(3)
    array([0.807, 0.99 , 0.575, 0.23 , 0.05 ])
    >>> qca.calibrate(dev, "i=350, c=550, e=900").round(3)
    array([0.193, 0.01 , 0.425, 0.77 , 0.95 ])
    >>> qca.calibrate(dev, "e=350, c=550, i=900", logistic=False).round(3)
    array([0.743, 1.   , 0.551, 0.295, 0.   ])
    >>> qca.calibrate(dev, [550, 850], type="crisp")
    array([1, 2, 1, 0, 0])

    A Series keeps its case names:

    >>> import pandas as pd
    >>> s = pd.Series([720, None, 468], index=["AU", "BE", "EE"], name="DEV")
    >>> qca.calibrate(s, {"e": 350, "c": 550, "i": 900}).round(3)
    AU    0.807
    BE      NaN
    EE    0.230
    Name: DEV, dtype: float64
    """
    if type not in TYPES:
        raise QCAError(f"type={type!r} is not a calibration type: use 'fuzzy' or 'crisp'")
    if method not in METHODS:
        raise QCAError(f"method={method!r} is not a calibration method: use 'direct', 'indirect' or 'TFR'")
    values, _ = _as_numbers(x)
    name = f"column {x.name!r}" if isinstance(x, pd.Series) and x.name is not None else "x"
    known = values[~np.isnan(values)]
    lo, hi = float(known.min()), float(known.max())

    if method == "TFR":
        if type == "crisp":
            raise QCAError('method="TFR" gives fuzzy memberships: use type="fuzzy"')
        if thresholds is not None:
            raise QCAError(f'method="TFR" takes no thresholds (got {thresholds!r}): pass thresholds=None')
        return _wrap(x, _tfr(values, name))

    if type == "crisp" and (isinstance(thresholds, Mapping) or (isinstance(thresholds, str) and "=" in thresholds)):
        raise QCAError(f"named thresholds ({thresholds!r}) require type='fuzzy'; crisp calibration takes "
                       "plain cut points, e.g. thresholds=550 or [550, 850]")
    anchors = parse_thresholds(thresholds)

    if type == "crisp":
        if method != "direct":
            raise QCAError(f'method={method!r} applies to fuzzy calibration; crisp calibration takes only '
                           "cut points (leave method='direct')")
        if anchors.names is not None:
            raise QCAError(f"named thresholds ({anchors}) require type='fuzzy'; crisp calibration takes "
                           "plain cut points, e.g. thresholds=550 or [550, 850]")
        cuts = np.sort(np.array(anchors.values))
        for v in cuts:
            if v < lo or v > hi:
                raise QCAError(f"cut point {_num(v)} is outside the range of {name} ({_num(lo)} to {_num(hi)}): "
                               "every case would fall on one side of it")
        dup = [v for k, v in enumerate(cuts[1:]) if v == cuts[k]]
        if dup:
            raise QCAError(f"cut point {_num(dup[0])} is given twice: cut points must differ")
        levels = np.searchsorted(cuts, values, side="right")
        if np.isnan(values).any():
            out = levels.astype(float)
            out[np.isnan(values)] = np.nan
        else:
            out = levels.astype(np.int64)
        return _wrap(x, out)

    if method == "indirect":
        if anchors.names is not None:
            raise QCAError(f"the indirect method takes plain cut points, not named anchors ({anchors}): "
                           "e.g. thresholds=[50, 75, 90]")
        cuts = np.sort(np.array(anchors.values))
        return _wrap(x, _indirect(values, cuts))

    # fuzzy direct
    n = len(anchors.values)
    if n not in (3, 6):
        raise QCAError(f"fuzzy direct calibration needs 3 anchors (e, c, i) or 6 (e1, c1, i1, i2, c2, e2); "
                       f"got {n}: {anchors}")
    if anchors.names is None:
        anchors = Anchors(anchors.values, _THREE if n == 3 else _SIX)
    if isinstance(idm, (bool, np.bool_)) or not isinstance(idm, (int, float, np.integer, np.floating)) \
            or not 0.5 < float(idm) < 1:
        raise QCAError(f"idm={idm!r}: the inclusion degree of membership must be above 0.5 and below 1")
    shape_used = n == 6 or not logistic
    if shape_used:
        for label, val in (("below", below), ("above", above)):
            if isinstance(val, (bool, np.bool_)) or not isinstance(val, (int, float, np.integer, np.floating)) \
                    or not (math.isfinite(float(val)) and float(val) > 0):
                raise QCAError(f"{label}={val!r}: the shape exponents below and above must be positive numbers")
    if ecdf and (logistic or n == 6):
        warnings.warn("ecdf=True applies only to the piecewise function with three anchors "
                      "(logistic=False); it is ignored here, as in R", UserWarning, stacklevel=2)

    if n == 3:
        _check_three(anchors)
        e, c, i = anchors.values
        _check_range("c", c, lo, hi, name)
        if logistic:
            fs = _logistic(values, e, c, i, float(idm))
        else:
            fs = _linear(values, e, c, i, float(below), float(above), bool(ecdf))
    else:
        _check_six(anchors)
        _check_range("c1", anchors.values[1], lo, hi, name)
        _check_range("c2", anchors.values[4], lo, hi, name)
        fs = _bell(values, anchors.values, float(below), float(above))
    return _wrap(x, _clamp(fs))
