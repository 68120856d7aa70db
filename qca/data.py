"""From a pandas DataFrame of cases to validated set memberships.

Everything that reads a user's data frame goes through this module: case
names, the outcome (``"Y"`` or its negation ``"~Y"``), the conditions, the
memberships of each column (crisp or fuzzy, detected by :mod:`qca.sets`),
and the missing-code policy.
Errors name the column, the case and the value at fault. No case is ever
dropped or reordered without it being reported.

Missing codes
-------------
Two policies apply where every code of a case must be known (the truth
table):

``"error"`` (default)
    Raise :class:`~qca.QCAError` naming every case and column with a
    missing code.
``"drop"``
    Leave those cases out and list them, with the columns at fault, in the
    result's ``dropped`` frame.

Functions that evaluate expressions (:func:`qca.fit`, :func:`qca.necessity`)
need no policy: they use three-valued logic and report undecided cases.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
import pandas as pd

from .errors import QCAError
from .sets import CRISP, FUZZY, MULTIVALUE, is_number, levels_of, read_set

__all__ = ["CaseData", "CrispData", "prepare", "split_outcome", "split_level", "crisp_series", "case_index",
           "resolve_columns", "check_name"]

MISSING_POLICIES = ("error", "drop")


def split_outcome(outcome: str) -> tuple[str, bool]:
    """Split an outcome spec into ``(column, negated)``.

    Examples
    --------
    >>> split_outcome("~SURV")
    ('SURV', True)
    >>> split_outcome("SURV")
    ('SURV', False)
    """
    if not isinstance(outcome, str) or not outcome.strip():
        raise QCAError(f"outcome={outcome!r}: nothing to explain: give the outcome column name, e.g. outcome='Y' "
                       "or '~Y'")
    text = outcome.strip()
    negated = False
    while text.startswith("~"):
        negated = not negated
        text = text[1:].strip()
    if not text:
        raise QCAError(f"outcome {outcome!r} names no column")
    return text, negated


def split_level(name: str, columns: Sequence[str] = ()) -> tuple[str, int | None]:
    """Split ``"Y[2]"`` (or R's older ``"Y{2}"``) into ``("Y", 2)``; a plain name gives ``(name, None)``.

    A name that is itself a column of the data (``columns``) is never split.

    Examples
    --------
    >>> split_level("SURV[1]"), split_level("SURV{1}"), split_level("SURV")
    (('SURV', 1), ('SURV', 1), ('SURV', None))
    """
    text = str(name).strip()
    if text in columns:
        return text, None
    for open_, close in (("[", "]"), ("{", "}")):
        if text.endswith(close) and open_ in text:
            base, _, inner = text[:-1].rpartition(open_)
            inner = inner.strip()
            if base.strip() and inner.isdigit():
                return base.strip(), int(inner)
            if base.strip():
                raise QCAError(f"{name!r}: a level is written {base.strip()}[v] with a whole number v "
                               "(one level; for several, name each level)")
    return text, None


def check_name(name: object, what: str = "condition") -> str:
    """Check that ``name`` can be a condition name; return it as a string.

    Any non-empty text is accepted (names that are not plain are quoted in
    backticks when printed); an empty name, or one that is only spaces,
    cannot be written back and is refused.

    Examples
    --------
    >>> check_name("GDP growth")
    'GDP growth'
    >>> check_name("")
    Traceback (most recent call last):
    ...
    qca.errors.QCAError: the condition column '' has an empty name, which no expression can name; rename it, e.g. data = data.rename(columns={'': 'X1'})
    """
    if not isinstance(name, str):
        raise QCAError(
            f"the {what} column {name!r} has a {type(name).__name__} label; column labels must be text: "
            "data.columns = data.columns.astype(str)"
        )
    if not name.strip():
        raise QCAError(
            f"the {what} column {name!r} has an empty name, which no expression can name; "
            f"rename it, e.g. data = data.rename(columns={{{name!r}: 'X1'}})"
        )
    return name


def _label_hint(data: pd.DataFrame, column: object) -> str:
    """A fix for a column asked by its text name when the data labels it otherwise (e.g. 0 vs '0')."""
    others = [c for c in data.columns if not isinstance(c, str)]
    if any(str(c) == str(column) for c in others):
        return ("; the data's column labels are not text (e.g. the number " + str(others[0]) + "): "
                "data.columns = data.columns.astype(str) makes them names")
    return ""


def case_index(data: pd.DataFrame, case_col: str | None = None) -> pd.Index:
    """The case names of ``data`` as strings, checked for duplicates.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per case.
    case_col : str, optional
        A column holding the case names; by default the index holds them.

    Examples
    --------
    >>> import pandas as pd
    >>> case_index(pd.DataFrame({"A": [1, 0]}, index=["x", "y"])).tolist()
    ['x', 'y']
    """
    if not isinstance(data, pd.DataFrame):
        raise QCAError(f"data must be a pandas DataFrame, not {type(data).__name__}")
    if len(data) == 0:
        raise QCAError("the data frame is empty: there are no cases to analyse")
    if isinstance(data.index, pd.MultiIndex) and case_col is None:
        raise QCAError(
            f"the cases are in a MultiIndex (levels {', '.join(map(str, data.index.names))}); each case needs "
            "one name: join the levels, e.g. data.index = data.index.map(lambda t: '/'.join(map(str, t))), "
            "or pass case_col"
        )
    if isinstance(data.columns, pd.MultiIndex):
        raise QCAError("the columns are a MultiIndex; give one level of names: data.columns = "
                       "data.columns.map('_'.join)")
    if case_col is not None:
        if case_col not in data.columns:
            raise QCAError(f"case_col {case_col!r} is not a column of the data")
        names = data[case_col]
        if names.isna().any():
            pos = int(np.flatnonzero(names.isna().to_numpy())[0])
            raise QCAError(f"case_col {case_col!r} has no case name in row {pos}")
        idx = pd.Index(names.astype(str).to_numpy(dtype=object), name=case_col)
    else:
        idx = pd.Index(data.index.astype(str).to_numpy(dtype=object), name=data.index.name or "case")
    dup = idx[idx.duplicated()]
    if len(dup):
        raise QCAError(
            "duplicate case names: " + ", ".join(repr(d) for d in dict.fromkeys(dup))
            + "; every case needs a unique name"
        )
    return idx


def crisp_series(data: pd.DataFrame, column: str, cases: pd.Index | None = None) -> pd.Series:
    """One column as nullable booleans; QCAError for a code that is not 0/1.

    Parameters
    ----------
    data : pandas.DataFrame
    column : str
    cases : pandas.Index, optional
        Case names to use in error messages (defaults to ``data.index``).

    Examples
    --------
    >>> import pandas as pd
    >>> crisp_series(pd.DataFrame({"A": [1, 0, None]}), "A").tolist()
    [True, False, <NA>]
    >>> crisp_series(pd.DataFrame({"A": [1, 2]}, index=["x", "y"]), "A")
    Traceback (most recent call last):
    ...
    qca.errors.QCAError: column 'A', case 'y': code 2 is not crisp; crisp-set QCA needs 0 or 1 (or a missing value)
    """
    if column not in data.columns:
        raise QCAError(
            f"unknown condition {column!r}: the data has columns "
            + ", ".join(map(repr, data.columns)) + _label_hint(data, column)
        )
    col = data[column]
    if isinstance(col, pd.DataFrame):
        raise QCAError(f"column {column!r} appears more than once in the data")
    names = cases if cases is not None else data.index
    missing = col.isna().to_numpy()
    if pd.api.types.is_numeric_dtype(col) or pd.api.types.is_bool_dtype(col):
        is_number = np.ones(len(col), dtype=bool)  # every value is a number (or missing)
    else:
        is_number = col.map(_is_number).to_numpy(dtype=bool) | missing
    values = pd.to_numeric(col.where(is_number), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    bad = ~is_number | (~missing & ~np.isin(values, (0.0, 1.0)))
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        value = col.iloc[pos]
        value = value.item() if isinstance(value, np.generic) else value
        kind = "text code" if isinstance(value, str) else "code"
        more = int(bad.sum()) - 1
        tail = f" ({more} more such codes in this column)" if more else ""
        as_numbers = pd.to_numeric(col[~missing], errors="coerce")
        if isinstance(value, str) and as_numbers.notna().all() and as_numbers.isin((0, 1)).all():
            tail += (f"; the column holds numbers stored as text: convert it with "
                     f"data[{column!r}] = pd.to_numeric(data[{column!r}])")
        raise QCAError(
            f"column {column!r}, case {names[pos]!r}: {kind} {value!r} is not crisp; "
            f"crisp-set QCA needs 0 or 1 (or a missing value){tail}"
        )
    out = pd.array(values == 1.0, dtype="boolean")
    out[missing] = pd.NA
    return pd.Series(out, index=data.index, name=column)


_is_number = is_number


@dataclass(frozen=True)
class CaseData:
    """Validated memberships of the cases used in an analysis.

    A case is a vector of memberships, one per condition, plus its
    membership in the outcome. For crisp sets they are 0 or 1; for fuzzy
    sets anything in [0, 1] (see :mod:`qca.sets`).

    Attributes
    ----------
    cases : tuple of str
        Case names, in the data's order (dropped cases excluded).
    conditions : tuple of str
    outcome : str
        As given, e.g. ``"~SURV"``.
    X : numpy.ndarray
        ``(n_cases, k)`` uint8 corner codes: 1 where the membership is above
        0.5 (for crisp data, the codes themselves).
    y : numpy.ndarray
        ``(n_cases,)`` outcome membership (already negated for ``~Y``);
        uint8 for a crisp outcome, float for a fuzzy one.
    dropped : pandas.DataFrame
        Cases left out by the missing-code policy, with the columns at fault.
    missing : str
        The policy applied.
    memberships : numpy.ndarray
        ``(n_cases, k)`` float memberships in the conditions.
    kinds : tuple of str
        The kind of set of each condition, then of the outcome (see
        :data:`qca.sets.KINDS`).
    levels : tuple of int
        Number of levels of each condition (2 for crisp, ``m`` for a
        multi-value condition with codes ``0 .. m-1``); empty for fuzzy data.
        For multi-value data ``X`` holds the level codes.
    outcome_level : int or None
        For a multi-value outcome, the level analysed (``outcome="Y[2]"``).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"A": [1, 1, 0, 0], "B": [1, 0, 1, 0], "Y": [1, 1, 0, 0]}, index=list("pqrs"))
    >>> cd = prepare(df, "Y")
    >>> cd.cases, cd.conditions, cd.X.tolist(), cd.y.tolist()
    (('p', 'q', 'r', 's'), ('A', 'B'), [[1, 1], [1, 0], [0, 1], [0, 0]], [1, 1, 0, 0])
    """

    cases: tuple[str, ...]
    conditions: tuple[str, ...]
    outcome: str
    X: np.ndarray = field(repr=False)
    y: np.ndarray = field(repr=False)
    dropped: pd.DataFrame = field(repr=False)
    missing: str = "error"
    memberships: np.ndarray | None = field(repr=False, default=None)
    kinds: tuple[str, ...] = ()
    levels: tuple[int, ...] = ()
    outcome_level: int | None = None

    def __post_init__(self) -> None:
        if self.memberships is None:
            object.__setattr__(self, "memberships", np.asarray(self.X, dtype=float))
        if not self.kinds:
            object.__setattr__(self, "kinds", (CRISP,) * (len(self.conditions) + 1))

    @property
    def fuzzy(self) -> bool:
        """Whether any condition or the outcome is a fuzzy set."""
        return FUZZY in self.kinds

    @property
    def multivalue(self) -> bool:
        """Whether some condition is multi-value (its configurations read in mixed radix)."""
        return MULTIVALUE in self.kinds[:-1]

    @property
    def outcome_membership(self) -> np.ndarray:
        """The outcome memberships as floats."""
        return np.asarray(self.y, dtype=float)

    @property
    def ambiguous(self) -> np.ndarray:
        """Boolean mask of the cases with a membership of exactly 0.5 in some condition.

        Such a case lies in no corner of the property space: R's
        ``truthTable`` leaves it out of every row (it still counts in incl
        and PRI). See :attr:`qca.TruthTable.ambiguous`.
        """
        return (self.memberships == 0.5).any(axis=1)

    def frame(self) -> pd.DataFrame:
        """The memberships as a DataFrame indexed by case (outcome column as negated)."""
        values = self.X if not self.fuzzy else self.memberships
        df = pd.DataFrame(values, index=pd.Index(self.cases, name="case"), columns=list(self.conditions))
        df[self.outcome] = self.y
        return df


#: The earlier name of :class:`CaseData` (crisp data only), kept for existing code.
CrispData = CaseData


def resolve_columns(
    data: pd.DataFrame, outcome: str, conditions: Sequence[str] | str | None, case_col: str | None
) -> tuple[str, bool, list[str]]:
    """Check outcome and conditions against the data; default conditions.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"A": [1, 1, 0, 0], "B": [1, 0, 1, 0], "Y": [1, 1, 0, 0]}, index=list("pqrs"))
    >>> resolve_columns(df, "~Y", None, None)
    ('Y', True, ['A', 'B'])
    """
    column, negated = split_outcome(outcome)
    base, level = split_level(column, [str(c) for c in data.columns])
    if level is not None and base in data.columns:
        column = base
    if column not in data.columns:
        raise QCAError(
            f"unknown outcome {column!r}: the data has columns " + ", ".join(map(repr, data.columns))
            + _label_hint(data, column)
        )
    if conditions is None:
        conds = [c for c in data.columns if c != column and c != case_col]
        for c in conds:
            check_name(c)
    else:
        if isinstance(conditions, str):
            conds = [c.strip() for c in conditions.split(",") if c.strip()]
        elif isinstance(conditions, (list, tuple, pd.Index, np.ndarray, pd.Series)):
            conds = list(conditions)
            bad = [c for c in conds if not isinstance(c, str)]
            if bad:
                raise QCAError(f"conditions: {bad[0]!r} is not a column name (text); give names such as "
                               "['A', 'B'] or 'A,B'" + _label_hint(data, bad[0]))
        else:
            raise QCAError(f"conditions={conditions!r}: give a list of column names, e.g. ['A', 'B'], "
                           "or a comma-separated text 'A,B'")
        unknown = [c for c in conds if c not in data.columns]
        if unknown:
            raise QCAError(
                "unknown condition" + ("s " if len(unknown) > 1 else " ")
                + ", ".join(repr(c) for c in unknown)
                + ": the data has columns " + ", ".join(map(repr, data.columns))
                + _label_hint(data, unknown[0])
            )
        for c in conds:
            check_name(c)
        if column in conds:
            raise QCAError(f"the outcome {column!r} is also listed as a condition")
        dup = [c for c in dict.fromkeys(conds) if conds.count(c) > 1]
        if dup:
            raise QCAError("conditions listed twice: " + ", ".join(dup))
    if not conds:
        raise QCAError("no conditions: give at least one condition besides the outcome")
    if len(conds) > 62:
        raise QCAError(f"{len(conds)} conditions: at most 62 are supported")
    return column, negated, conds


def prepare(
    data: pd.DataFrame,
    outcome: str,
    conditions: Sequence[str] | str | None = None,
    *,
    case_col: str | None = None,
    missing: str = "error",
) -> CaseData:
    """Validate and read the cases' memberships for a truth table.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per case, case names in the index (or in ``case_col``).
    outcome : str
        The outcome column; prefix ``~`` for its negation.
    conditions : list of str, optional
        Defaults to every column but the outcome (and ``case_col``).
    case_col : str, optional
    missing : {"error", "drop"}
        The missing-code policy (see the module docstring).

    Returns
    -------
    CaseData

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"A": [1, 0, None], "Y": [1, 0, 1]}, index=["x", "y", "z"])
    >>> cd = prepare(df, "Y", missing="drop")
    >>> cd.cases, cd.dropped.index.tolist()
    (('x', 'y'), ['z'])
    """
    if missing not in MISSING_POLICIES:
        raise QCAError(f"missing={missing!r}: choose one of {', '.join(MISSING_POLICIES)}")
    cases = case_index(data, case_col)
    column, negated, conds = resolve_columns(data, outcome, conditions, case_col)
    _, out_level = split_level(split_outcome(outcome)[0], [str(c) for c in data.columns])
    sets = {c: read_set(data, c, cases, multivalue=True) for c in [*conds, column]}
    na = pd.DataFrame({c: s.missing for c, s in sets.items()}, index=cases)
    empty = [c for c, v in sets.items() if v.missing.all()]
    if empty:
        raise QCAError(
            "no known code at all in column" + ("s " if len(empty) > 1 else " ") + ", ".join(map(repr, empty))
            + ": every case is missing there; leave the column out (conditions=...) or fill it in"
        )
    has_na = na.any(axis=1).to_numpy()
    dropped = pd.DataFrame(
        {"missing_in": [tuple(na.columns[row]) for row in na.to_numpy()[has_na]]},
        index=pd.Index(cases[has_na], name="case"),
    )
    if has_na.any() and missing == "error":
        detail = "; ".join(f"{case!r} in {', '.join(cols)}" for case, cols in dropped["missing_in"].items())
        raise QCAError(
            f"missing codes in {int(has_na.sum())} case(s): {detail}. "
            "Pass missing='drop' to leave these cases out (the truth table then lists them under the table "
            "as dropped for missing codes, with the columns they miss), "
            "or recode them"
        )
    keep = ~has_na
    M = np.column_stack([sets[c].values[keep] for c in conds])
    kinds = tuple(sets[c].kind for c in [*conds, column])
    levels: tuple[int, ...] = ()
    if MULTIVALUE in kinds[:-1]:
        fz = [c for c in conds if sets[c].kind == FUZZY]
        if fz:
            raise QCAError(
                "multi-value conditions (" + ", ".join(c for c in conds if sets[c].kind == MULTIVALUE)
                + ") cannot be mixed with fuzzy ones (" + ", ".join(fz) + ") in one truth table (R's QCA builds "
                "such a table, but no reference result checks it): "
                "calibrate the fuzzy ones to crisp or multi-value levels, or analyse them apart"
            )
        levels = tuple(levels_of(sets[c]) for c in conds)
        X = M.astype(np.uint8) if max(levels) <= 255 else M.astype(np.int64)
    else:
        X = (M > 0.5).astype(np.uint8)
    yv = sets[column].values[keep]
    ykind = sets[column].kind
    if ykind == MULTIVALUE or out_level is not None:
        top = levels_of(sets[column]) - 1 if ykind in (MULTIVALUE, CRISP) else None
        if ykind == FUZZY:
            raise QCAError(f"outcome {outcome!r}: {column!r} is a fuzzy set, it has no levels; write {column!r}")
        if out_level is None:
            raise QCAError(
                f"outcome {column!r} is multi-value (levels 0..{top}): name the level to explain, "
                f"e.g. outcome='{column}[{top}]' (one level at a time, as in R's QCA)"
            )
        if out_level > top:
            raise QCAError(f"outcome {outcome!r}: {column!r} has levels 0..{top}, not {out_level}")
        yv = (yv == out_level).astype(float)
        ykind = CRISP
    if negated:
        yv = 1.0 - yv
    y = yv.astype(np.uint8) if ykind == CRISP else yv
    if len(y) == 0:
        raise QCAError("every case has a missing code: no case is left to analyse")
    return CaseData(
        cases=tuple(cases[keep]),
        conditions=tuple(conds),
        outcome=("~" if negated else "") + column + (f"[{out_level}]" if out_level is not None else ""),
        X=X,
        y=y,
        dropped=dropped,
        missing=missing,
        memberships=M,
        kinds=kinds,
        levels=levels,
        outcome_level=out_level,
    )
