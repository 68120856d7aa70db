"""Sets: a case is a vector of memberships; crisp and fuzzy are kinds of set.

Every module that reads a condition or an outcome from a user's data frame
reads it here, as memberships (floats, ``NaN`` for a missing value), and
learns its *kind* from the values of the column:

``"crisp"``
    every known value is 0 or 1.
``"multivalue"``
    some known value is above 1: integer codes ``0 .. m-1`` with ``m > 2``
    (mvQCA); a gap in the levels, a negative or a non-integer code is a
    :class:`~qca.QCAError` naming the case, the column and the value.
    Read through :func:`qca.data.prepare` (the truth table); functions
    that read memberships refuse such a column unless they ask for it.
``"fuzzy"``
    every known value lies in [0, 1] and some lie strictly between.

A column of text, or a fuzzy column with a value outside [0, 1], is a
:class:`~qca.QCAError` naming the case, the column and the value.

The kinds are tried in the order of :data:`DETECTORS`, one
``(kind, detector)`` pair each; a detector looks at the known values and
says whether the column is of its kind (it may also raise a
:class:`~qca.QCAError` for a value that cannot belong to it). A new kind
slots in by adding a detector; the multi-value one sits before the fuzzy one.

Set operations follow fuzzy logic, which reduces to Boolean logic on 0/1:
NOT is ``1 - x``, AND the minimum, OR the maximum. Missing values follow
Kleene's three-valued logic generalised to memberships: an AND with a
known 0 is 0, an OR with a known 1 is 1, anything else a missing value
touches stays missing (:func:`fuzzy_and`, :func:`fuzzy_or`).

Examples
--------
>>> import pandas as pd
>>> df = pd.DataFrame({"A": [1, 0, 1], "B": [0.2, 0.7, 1.0]}, index=["x", "y", "z"])
>>> read_set(df, "A").kind, read_set(df, "B").kind
('crisp', 'fuzzy')
>>> read_set(df, "B").values.tolist()
[0.2, 0.7, 1.0]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np
import pandas as pd

from .errors import QCAError

__all__ = [
    "CRISP",
    "FUZZY",
    "MULTIVALUE",
    "levels_of",
    "KINDS",
    "DETECTORS",
    "SetColumn",
    "detect_kind",
    "read_set",
    "read_sets",
    "fuzzy_and",
    "fuzzy_or",
    "term_membership",
    "is_number",
]

CRISP = "crisp"
FUZZY = "fuzzy"
MULTIVALUE = "multivalue"


def is_number(value: object) -> bool:
    """Whether a single cell holds a number (bools count as 0/1).

    Examples
    --------
    >>> is_number(0.5), is_number("0.5")
    (True, False)
    """
    return isinstance(value, (int, float, np.integer, np.floating, np.bool_, bool))


def _is_crisp(values: np.ndarray, column: str, names: Sequence[str], positions: np.ndarray) -> bool:
    return bool(np.isin(values, (0.0, 1.0)).all())


def _is_fuzzy(values: np.ndarray, column: str, names: Sequence[str], positions: np.ndarray) -> bool:
    """Fuzzy when some value lies strictly between 0 and 1; then every value must lie in [0, 1]."""
    between = (values > 0.0) & (values < 1.0)
    if not between.any():
        return False
    outside = ~((values >= 0.0) & (values <= 1.0))
    if outside.any():
        i = int(np.flatnonzero(outside)[0])
        more = int(outside.sum()) - 1
        tail = f" ({more} more such values in this column)" if more else ""
        raise QCAError(
            f"column {column!r}, case {names[positions[i]]!r}: membership {_show(values[i])} is outside [0, 1]; "
            f"a fuzzy set needs memberships from 0 to 1 (calibrate raw values with qca.calibrate){tail}"
        )
    return True


def _is_multivalue(values: np.ndarray, column: str, names: Sequence[str], positions: np.ndarray) -> bool:
    """Multi-value when some code is above 1; then every code must be a whole number 0..m-1, no level missing."""
    if not (values > 1.0).any() or ((values > 0.0) & (values < 1.0)).any():
        return False  # memberships strictly between 0 and 1: a fuzzy set (whose reader checks the range)

    def fail(i: int, why: str) -> None:
        value = values[i]
        shown = int(value) if np.isfinite(value) and float(value).is_integer() else float(value)
        raise QCAError(
            f"column {column!r}, case {names[positions[i]]!r}: code {shown!r} {why}; a multi-value "
            f"condition needs whole-number levels 0, 1, ..., m-1 (as in R's QCA)"
        )

    bad = ~np.isfinite(values) | (values != np.floor(values))
    if bad.any():
        fail(int(np.flatnonzero(bad)[0]), "is not a whole number")
    neg = values < 0
    if neg.any():
        fail(int(np.flatnonzero(neg)[0]), "is negative")
    present = set(values.astype(np.int64).tolist())
    top = max(present)
    gaps = [v for v in range(top) if v not in present]
    if gaps:
        i = int(np.flatnonzero(values == top)[0])
        fail(i, f"is not crisp (0/1), and read as multi-value levels 0..{top} it leaves a gap: no case has "
                f"level{'s' if len(gaps) > 1 else ''} " + ", ".join(map(str, gaps)))
    return True


def levels_of(column: "SetColumn") -> int:
    """Number of levels of a crisp (2) or multi-value (highest code + 1) column.

    Examples
    --------
    >>> import pandas as pd
    >>> levels_of(read_set(pd.DataFrame({"D": [0, 2, 1]}), "D", multivalue=True))
    3
    """
    if column.kind == MULTIVALUE:
        return int(np.nanmax(column.values)) + 1
    if column.kind == CRISP:
        return 2
    raise QCAError(f"column {column.name!r} is a fuzzy set: it has no levels")


#: The kinds of set, tried in this order; each detector gets the known values
#: (floats), the column name, the case names and the positions of the values.
DETECTORS: list[tuple[str, Callable[[np.ndarray, str, Sequence[str], np.ndarray], bool]]] = [
    (CRISP, _is_crisp),
    (MULTIVALUE, _is_multivalue),
    (FUZZY, _is_fuzzy),
]

#: The kinds of set the library reads (in detection order).
KINDS: tuple[str, ...] = tuple(k for k, _ in DETECTORS)


def _show(value: float) -> str:
    return f"{value:g}" if np.isfinite(value) else repr(float(value))


@dataclass(frozen=True)
class SetColumn:
    """One column of the data read as a set.

    Attributes
    ----------
    name : str
    kind : str
        ``"crisp"``, ``"multivalue"`` or ``"fuzzy"`` (see :data:`KINDS`).
    values : numpy.ndarray
        Memberships as floats (the level codes of a multi-value column),
        ``NaN`` where missing, in the data's order.

    Examples
    --------
    >>> import pandas as pd
    >>> col = read_set(pd.DataFrame({"A": [0, 0.4, 1]}), "A")
    >>> col.name, col.kind, col.values.tolist()
    ('A', 'fuzzy', [0.0, 0.4, 1.0])
    """

    name: str
    kind: str
    values: np.ndarray = field(repr=False)

    @property
    def missing(self) -> np.ndarray:
        """Boolean mask of the cases with a missing value."""
        return np.isnan(self.values)

    def negated(self) -> "SetColumn":
        """The complement (``1 - x``; missing stays missing)."""
        return SetColumn(self.name, self.kind, 1.0 - self.values)


def _numbers(data: pd.DataFrame, column: str, names: Sequence[str]) -> np.ndarray:
    """The column as floats (NaN for missing); QCAError for text or any other non-number."""
    if column not in data.columns:
        labels = [c for c in data.columns if not isinstance(c, str) and str(c) == str(column)]
        hint = ("; the data's column labels are not text: data.columns = data.columns.astype(str) "
                "makes them names") if labels else ""
        raise QCAError(
            f"unknown condition {column!r}: the data has columns " + ", ".join(map(repr, data.columns)) + hint
        )
    col = data[column]
    if isinstance(col, pd.DataFrame):
        raise QCAError(f"column {column!r} appears more than once in the data")
    missing = col.isna().to_numpy()
    if pd.api.types.is_numeric_dtype(col) or pd.api.types.is_bool_dtype(col):
        ok = np.ones(len(col), dtype=bool)
    else:
        ok = col.map(is_number).to_numpy(dtype=bool) | missing
    if not ok.all():
        _reject_case_name_column(data, column)
        pos = int(np.flatnonzero(~ok)[0])
        value = col.iloc[pos]
        value = value.item() if isinstance(value, np.generic) else value
        what = "text code" if isinstance(value, str) else "code"
        more = int((~ok).sum()) - 1
        tail = f" ({more} more such codes in this column)" if more else ""
        if isinstance(value, str) and pd.to_numeric(col[~missing], errors="coerce").notna().all():
            tail += (f"; the column holds numbers stored as text: convert it with "
                     f"data[{column!r}] = pd.to_numeric(data[{column!r}])")
        raise QCAError(
            f"column {column!r}, case {names[pos]!r}: {what} {value!r} is not a set membership; "
            f"QCA needs 0 or 1 (crisp), a membership from 0 to 1 (fuzzy), or a missing value{tail}"
        )
    return pd.to_numeric(col.where(ok), errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def _reject_case_name_column(data: pd.DataFrame, column: str) -> None:
    """QCAError when ``column`` looks like the case names (a text column read without ``index_col``).

    The sign: the frame has pandas' default row numbers (a RangeIndex) and the
    column holds a different non-numeric text in every row.
    """
    if not isinstance(data.index, pd.RangeIndex):
        return
    col = data[column]
    if col.isna().any() or not all(isinstance(v, str) and v.strip() for v in col):
        return
    if not col.is_unique or pd.to_numeric(col, errors="coerce").notna().any():
        return
    shown = ", ".join(repr(v) for v in col.iloc[:3]) + (", ..." if len(col) > 3 else "")
    raise QCAError(
        f"column {column!r} holds a different text in every row ({shown}): these look like the case names, "
        f"not a set, and the cases are only numbered 0, 1, 2, ... Make them the index with "
        f"data = data.set_index({column!r}), or pass case_col={column!r}, or read the file with "
        f"qca.read_data(path), which takes the case names from such a column"
    )


def detect_kind(values: np.ndarray, column: str = "?", names: Sequence[str] | None = None) -> str:
    """The kind of set of a column's values (floats, NaN for missing).

    Parameters
    ----------
    values : numpy.ndarray
    column : str
        For error messages.
    names : sequence of str, optional
        Case names, for error messages (default: positions).

    Returns
    -------
    str
        One of :data:`KINDS`.

    Raises
    ------
    QCAError
        If the values fit no kind; the message names the case, the column and the value.

    Examples
    --------
    >>> import numpy as np
    >>> detect_kind(np.array([0., 1., np.nan])), detect_kind(np.array([0.3, 1.]))
    ('crisp', 'fuzzy')
    >>> detect_kind(np.array([0.3, 1.4]), "A", ["x", "y"])
    Traceback (most recent call last):
    ...
    qca.errors.QCAError: column 'A', case 'y': membership 1.4 is outside [0, 1]; a fuzzy set needs memberships from 0 to 1 (calibrate raw values with qca.calibrate)
    """
    values = np.asarray(values, dtype=float)
    if names is None:  # only read for an error message: no per-case list
        names = range(len(values))
    positions = np.flatnonzero(~np.isnan(values))
    known = values[positions]
    for kind, detector in DETECTORS:
        if detector(known, column, names, positions):
            return kind
    bad = ~np.isin(known, (0.0, 1.0))
    i = int(np.flatnonzero(bad)[0])
    more = int(bad.sum()) - 1
    tail = f" ({more} more such codes in this column)" if more else ""
    value = known[i]
    shown = int(value) if float(value).is_integer() else float(value)
    raise QCAError(
        f"column {column!r}, case {names[positions[i]]!r}: code {shown!r} is not crisp; "
        f"crisp-set QCA needs 0 or 1 (or a missing value), fuzzy-set QCA memberships from 0 to 1{tail}"
    )


def read_set(data: pd.DataFrame, column: str, cases: Sequence[str] | None = None, *,
             multivalue: bool = False) -> SetColumn:
    """Read one column as a set: its kind and memberships.

    Parameters
    ----------
    data : pandas.DataFrame
    column : str
    cases : sequence of str, optional
        Case names for error messages (default: ``data.index``).
    multivalue : bool
        Whether the caller reads multi-value columns (their values are
        level codes, not memberships); otherwise such a column is a
        :class:`~qca.QCAError` saying where multi-value data are analysed.

    Returns
    -------
    SetColumn

    Examples
    --------
    >>> import pandas as pd
    >>> read_set(pd.DataFrame({"A": [1, 0, None]}), "A")
    SetColumn(name='A', kind='crisp')
    >>> read_set(pd.DataFrame({"A": [0.5, "high"]}, index=["x", "y"]), "A")
    Traceback (most recent call last):
    ...
    qca.errors.QCAError: column 'A', case 'y': text code 'high' is not a set membership; QCA needs 0 or 1 (crisp), a membership from 0 to 1 (fuzzy), or a missing value
    """
    names = cases if cases is not None else data.index.astype(str)  # indexed only for error messages
    values = _numbers(data, column, names)
    kind = detect_kind(values, column, names)
    if kind == MULTIVALUE and not multivalue:
        top = int(np.nanmax(values))
        raise QCAError(
            f"column {column!r} is multi-value (levels 0..{top}): this function reads memberships in "
            f"a set; name one level as a set, e.g. {column}[{top}], or build a truth table "
            f"(qca.truth_table), which reads multi-value conditions"
        )
    return SetColumn(str(column), kind, values)


def read_sets(
    data: pd.DataFrame, columns: Sequence[str], cases: Sequence[str] | None = None
) -> dict[str, SetColumn]:
    """Read several columns (see :func:`read_set`), keyed by name, in the given order.

    Examples
    --------
    >>> import pandas as pd
    >>> sets = read_sets(pd.DataFrame({"A": [0, 1], "B": [0.2, 0.9]}), ["B", "A"])
    >>> [(name, col.kind) for name, col in sets.items()]
    [('B', 'fuzzy'), ('A', 'crisp')]
    """
    return {c: read_set(data, c, cases) for c in columns}


def fuzzy_and(members: Sequence[np.ndarray], n: int) -> np.ndarray:
    """Intersection (minimum) with Kleene's rule for missing values.

    A known 0 decides the result (0); otherwise a missing value leaves it
    missing; otherwise it is the minimum.

    Examples
    --------
    >>> import numpy as np
    >>> fuzzy_and([np.array([0., .7, np.nan, .6]), np.array([np.nan, .4, .2, .9])], 4).tolist()
    [0.0, 0.4, nan, 0.6]
    """
    if not members:
        return np.ones(n)
    stack = np.vstack(members)
    with np.errstate(invalid="ignore"):
        low = np.nanmin(np.where(np.isnan(stack), np.inf, stack), axis=0)
    any_na = np.isnan(stack).any(axis=0)
    return np.where(low == 0, 0.0, np.where(any_na, np.nan, low))


def fuzzy_or(members: Sequence[np.ndarray], n: int) -> np.ndarray:
    """Union (maximum) with Kleene's rule for missing values.

    A known 1 decides the result (1); otherwise a missing value leaves it
    missing; otherwise it is the maximum.

    Examples
    --------
    >>> import numpy as np
    >>> fuzzy_or([np.array([1., .3, np.nan, .2]), np.array([np.nan, .4, .2, .1])], 4).tolist()
    [1.0, 0.4, nan, 0.2]
    """
    if not members:
        return np.zeros(n)
    stack = np.vstack(members)
    high = np.where(np.isnan(stack), -np.inf, stack).max(axis=0)
    any_na = np.isnan(stack).any(axis=0)
    return np.where(high == 1, 1.0, np.where(any_na, np.nan, high))


def term_membership(mask: int, bits: int, memberships: np.ndarray) -> np.ndarray:
    """Membership of every case in a conjunction given as a bit mask (condition *i* of *k* is bit *k-1-i*).

    Parameters
    ----------
    mask, bits : int
        The conditions in the term, and which of them are present.
    memberships : numpy.ndarray
        ``(n_cases, k)`` memberships (no missing values).

    Examples
    --------
    >>> import numpy as np
    >>> M = np.array([[0.8, 0.3], [0.2, 0.5]])
    >>> term_membership(0b11, 0b10, M).tolist()   # A*~B
    [0.7, 0.2]
    """
    k = memberships.shape[1]
    out = np.ones(memberships.shape[0])
    for i in range(k):
        bit = 1 << (k - 1 - i)
        if mask & bit:
            col = memberships[:, i]
            out = np.minimum(out, col if bits & bit else 1.0 - col)
    return out
