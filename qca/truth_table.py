"""The truth table: observed configurations with their cases, n, inclS, PRI and OUT.

Rows are numbered as R's QCA numbers them: one plus the configuration read
as a binary number, the first condition the most significant bit. With
multi-value conditions (levels ``0 .. m-1``) the configuration is read as a
mixed-radix number, the first condition most significant (:mod:`qca.multivalue`). Only
observed configurations are listed; every other configuration is a logical
remainder.

OUT follows R's ``truthTable()``:

* ``"?"`` when the row has fewer than ``n_cut`` cases (it then acts as a
  remainder in minimization, but keeps its n, incl, PRI and cases here);
* ``"1"`` when ``incl >= ic1`` and ``PRI >= pri_cut``;
* ``"C"`` when two cut-offs ``(ic1, ic0)`` are given and ``ic0 <= incl < ic1``;
* ``"0"`` otherwise (including a row that reaches ``ic1`` but not ``pri_cut``).

Comparisons allow for float rounding (R's tolerance, about 1.5e-8), so a
row with incl 0.8 passes ``incl_cut=0.8`` whatever the division rounded to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
import pandas as pd

from .data import CaseData, prepare
from .errors import QCAError
from .multivalue import decode, encode
from .validate import check_fraction
from .tables import TableView

__all__ = ["TruthTable", "truth_table"]

#: tolerance for comparing a row's consistency with a cut-off (R's sqrt(.Machine$double.eps))
TOLERANCE = float(np.sqrt(np.finfo(float).eps))


def _cutoffs(incl_cut: float | Sequence[float]) -> tuple[float, float]:
    if isinstance(incl_cut, (int, float, np.integer, np.floating)) and not isinstance(incl_cut, bool):
        ic1 = ic0 = float(incl_cut)
    else:
        parts = incl_cut.split(",") if isinstance(incl_cut, str) else incl_cut  # R's "0.8, 0.6" form
        try:
            values = [float(v) for v in parts]  # type: ignore[union-attr]
        except (TypeError, ValueError):
            raise QCAError(f"incl_cut={incl_cut!r}: give a number or a pair (ic1, ic0)") from None
        if len(values) == 1:
            ic1 = ic0 = values[0]
        elif len(values) == 2:
            ic1, ic0 = values
        else:
            raise QCAError(f"incl_cut={incl_cut!r}: give one number or two (ic1, ic0)")
    for name, v in (("incl_cut", ic1), ("incl_cut (ic0)", ic0)):
        if not 0.0 <= v <= 1.0 or np.isnan(v):
            raise QCAError(f"{name}={v} is outside [0, 1]")
    if ic0 > ic1:
        raise QCAError(f"incl_cut=({ic1}, {ic0}): ic0 must not exceed ic1")
    return ic1, ic0


@dataclass(frozen=True, repr=False)
class TruthTable(TableView):
    """A truth table of crisp or fuzzy sets; build one with :func:`truth_table`.

    Attributes
    ----------
    data : CaseData
        The validated memberships of the cases in the table (dropped cases excluded).
    incl_cut : tuple of float
        ``(ic1, ic0)``; equal when one cut-off was given.
    n_cut : int
    pri_cut : float

    Examples
    --------
    >>> import pandas as pd, qca
    >>> df = pd.DataFrame({"A": [1, 1, 0, 0], "B": [1, 0, 1, 0], "Y": [1, 1, 0, 0]}, index=list("pqrs"))
    >>> tt = qca.truth_table(df, "Y", ["A", "B"])
    >>> tt.table[["A", "B", "OUT", "n"]]
         A  B OUT  n
    row
    1    0  0   0  1
    2    0  1   0  1
    3    1  0   1  1
    4    1  1   1  1
    >>> tt.codes("1").tolist()
    [2, 3]
    """

    data: CaseData
    incl_cut: tuple[float, float]
    n_cut: int
    pri_cut: float
    _table: pd.DataFrame = field(repr=False)

    # -------------------------------------------------------------- views
    @property
    def conditions(self) -> tuple[str, ...]:
        """The conditions, in column order."""
        return self.data.conditions

    @property
    def outcome(self) -> str:
        """The outcome, ``"~Y"`` when negated."""
        return self.data.outcome

    @property
    def table(self) -> pd.DataFrame:
        """One row per observed configuration, indexed by R's row number.

        Columns: the conditions, ``OUT``, ``n``, ``incl``, ``PRI``, ``cases``.
        """
        return self._table.copy()

    def to_frame(self) -> pd.DataFrame:
        """The table (same as :attr:`table`)."""
        return self.table

    @property
    def multivalue(self) -> bool:
        """Whether some condition is multi-value."""
        return self.data.multivalue

    @property
    def levels(self) -> tuple[int, ...]:
        """Number of levels of each condition (2 for crisp ones); empty for fuzzy data.

        Examples
        --------
        >>> import pandas as pd
        >>> df = pd.DataFrame({"A": [0, 1, 2], "B": [1, 0, 1], "Y": [0, 1, 1]})
        >>> truth_table(df, "Y").levels
        (3, 2)
        """
        if self.data.levels:
            return self.data.levels
        return () if self.data.fuzzy else (2,) * len(self.conditions)

    @property
    def title(self) -> str:  # type: ignore[override]
        return f"Truth table for {self.outcome} ({len(self.data.cases)} cases, {len(self._table)} observed rows)"

    @property
    def dropped(self) -> pd.DataFrame:
        """Cases left out by the missing-code policy, with the columns at fault."""
        return self.data.dropped.copy()

    @property
    def contradictions(self) -> pd.DataFrame:
        """Rows holding cases in and out of the outcome, with the cases on each side.

        Columns: the conditions, ``OUT``, ``n``, ``incl``, ``positive``
        (cases with the outcome) and ``negative`` (cases without it).
        """
        t = self._table
        y = dict(zip(self.data.cases, self.data.outcome_membership.tolist()))
        if self.data.fuzzy:  # fuzzy: cases of the row on either side of the 0.5 crossover
            pos = [[c for c in cases if y[c] > 0.5] for cases in t["cases"]]
            neg = [[c for c in cases if y[c] < 0.5] for cases in t["cases"]]
            keep = np.array([bool(p) and bool(q) for p, q in zip(pos, neg)], dtype=bool)
        else:
            keep = ((t["incl"] > 0) & (t["incl"] < 1)).to_numpy()
            pos = [[c for c in cases if y[c]] for cases in t["cases"]]
            neg = [[c for c in cases if not y[c]] for cases in t["cases"]]
        rows = t[keep]
        out = rows[[*self.conditions, "OUT", "n", "incl"]].copy()
        out["positive"] = [p for p, k in zip(pos, keep) if k]
        out["negative"] = [q for q, k in zip(neg, keep) if k]
        return out

    @property
    def dcc(self) -> pd.Series:
        """Deviant cases for consistency of each row (R's ``dcc``).

        The cases in the row (membership above 0.5) whose outcome membership
        is below 0.5. For crisp data, the row's cases without the outcome.

        Examples
        --------
        >>> import pandas as pd
        >>> df = pd.DataFrame({"A": [0.8, 0.9, 0.2], "Y": [0.7, 0.3, 0.1]}, index=["p", "q", "r"])
        >>> truth_table(df, "Y").dcc.tolist()
        [['r'], ['q']]
        """
        y = dict(zip(self.data.cases, self.data.outcome_membership.tolist()))
        return pd.Series([[c for c in cases if y[c] < 0.5] for cases in self._table["cases"]],
                         index=self._table.index, name="dcc", dtype=object)

    @property
    def ambiguous(self) -> pd.DataFrame:
        """Cases with a membership of exactly 0.5 in some condition, and those conditions.

        Such a case is in no corner of the property space, so it is in no
        row's ``n`` or ``cases`` (as in R's ``truthTable``, which warns);
        it still counts, as every case does, in each row's incl and PRI.
        Columns: ``conditions`` (those at 0.5).

        Examples
        --------
        >>> import pandas as pd
        >>> df = pd.DataFrame({"A": [0.8, 0.5, 0.2], "Y": [0.7, 0.3, 0.1]}, index=["p", "q", "r"])
        >>> truth_table(df, "Y").ambiguous
             conditions
        case
        q          (A,)
        """
        cd = self.data
        at_half = cd.memberships == 0.5
        rows = at_half.any(axis=1)
        names = np.asarray(cd.conditions, dtype=object)
        return pd.DataFrame({"conditions": [tuple(names[r]) for r in at_half[rows]]},
                            index=pd.Index(np.asarray(cd.cases, dtype=object)[rows], name="case"))

    def codes(self, out: str | Sequence[str] | None = None) -> np.ndarray:
        """Configuration codes (row number minus one) of rows with the given OUT values.

        Examples
        --------
        >>> import pandas as pd
        >>> df = pd.DataFrame({"A": [1, 0], "B": [1, 1], "Y": [1, 0]})
        >>> truth_table(df, "Y").codes("1").tolist()
        [3]
        """
        t = self._table
        idx = t.index.to_numpy(dtype=np.int64) - 1
        if out is None:
            return idx.astype(np.uint64)
        wanted = [out] if isinstance(out, str) else list(out)
        return idx[t["OUT"].isin(wanted).to_numpy()].astype(np.uint64)

    def _notes(self) -> list[str]:
        ic1, ic0 = self.incl_cut
        cut = f"incl_cut: {ic1:g}" if ic1 == ic0 else f"incl_cut: {ic1:g}, {ic0:g}"
        notes = [f"{cut}, n_cut: {self.n_cut}" + (f", pri_cut: {self.pri_cut:g}" if self.pri_cut else ""),
                 f"OUT: 1 sufficient for {self.outcome} (incl at least incl_cut), 0 not, "
                 "C contradictory (incl between the two cut-offs), ? fewer cases than n_cut; "
                 f"n: cases in the row; incl: inclusion (consistency) of the row in {self.outcome}; "
                 "PRI: proportional reduction in inconsistency"]
        if len(self.data.dropped):
            lst = "; ".join(f"{c} ({', '.join(cols)})" for c, cols in self.data.dropped["missing_in"].items())
            notes.append(f"dropped for missing codes (missing='{self.data.missing}'): {lst}")
        amb = self.ambiguous
        if len(amb):
            lst = "; ".join(f"{c} ({', '.join(cols)})" for c, cols in amb["conditions"].items())
            notes.append(f"in no row (membership exactly 0.5 in a condition): {lst}")
        if self.data.multivalue:
            mvs = [f"{c} (levels 0..{m - 1})" for c, m in zip(self.conditions, self.data.levels) if m > 2]
            notes.append("multi-value conditions: " + ", ".join(mvs) + "; rows numbered in mixed radix")
        if self.data.fuzzy:
            kinds = dict(zip([*self.conditions, self.outcome], self.data.kinds))
            fz = [c for c, k in kinds.items() if k == "fuzzy"]
            notes.append("fuzzy sets: " + ", ".join(fz) + "; a case is in the row where its membership is above 0.5")
            out = self._table["OUT"]
            for row, cases in self.dcc.items():
                if cases and out[row] in ("1", "C"):
                    notes.append(f"row {row}: deviant cases for consistency (outcome below 0.5): {', '.join(cases)}")
            return notes
        contra = self.contradictions
        for row, r in contra.iterrows():
            notes.append(
                f"row {row} is contradictory: with {self.outcome}: {', '.join(r['positive'])}; "
                f"without: {', '.join(r['negative'])}"
            )
        return notes


def truth_table(
    data: pd.DataFrame,
    outcome: str,
    conditions: Sequence[str] | str | None = None,
    *,
    incl_cut: float | Sequence[float] = 1,
    n_cut: int = 1,
    pri_cut: float = 0,
    missing: str = "error",
    case_col: str | None = None,
) -> TruthTable:
    """Build the truth table of crisp or fuzzy data (R's ``truthTable``).

    Each column's kind of set (crisp 0/1 or fuzzy memberships in [0, 1]) is
    detected from its values (:mod:`qca.sets`). A case belongs to the row
    (corner of the property space) where its membership is above 0.5: ``n``
    and ``cases`` count those cases, while ``incl`` and ``PRI`` sum over
    every case (incl = sum(min(X, Y)) / sum(X)). A case with a membership of
    exactly 0.5 is in no row; it is listed in :attr:`TruthTable.ambiguous`
    and in the printout.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per case, crisp codes 0/1 or fuzzy memberships; case names
        in the index or ``case_col``.
    outcome : str
        Outcome column; ``"~Y"`` for the negated outcome.
    conditions : list of str, optional
        Default: every column except the outcome (and ``case_col``).
    incl_cut : float or (float, float)
        Consistency cut-off for OUT = 1; with two values ``(ic1, ic0)``,
        rows with ``ic0 <= incl < ic1`` get OUT = "C".
    n_cut : int
        Rows with fewer cases get OUT = "?" (treated as remainders).
    pri_cut : float
        Minimum PRI for OUT = 1.
    missing : {"error", "drop"}
        What to do with a case that has a missing code (see :mod:`qca.data`).
    case_col : str, optional
        Column holding the case names.

    Returns
    -------
    TruthTable

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"A": [1, 1, 0, 0], "B": [1, 1, 0, 1], "Y": [1, 0, 0, 1]},
    ...                   index=["p", "q", "r", "s"])
    >>> tt = truth_table(df, "Y", incl_cut=0.5)
    >>> tt.table[["A", "B", "OUT", "n", "incl"]]
         A  B OUT  n  incl
    row
    1    0  0   0  1   0.0
    2    0  1   1  1   1.0
    4    1  1   1  2   0.5
    >>> tt.contradictions[["positive", "negative"]]
        positive negative
    row
    4        [p]      [q]
    """
    ic1, ic0 = _cutoffs(incl_cut)
    if isinstance(n_cut, bool) or not isinstance(n_cut, (int, np.integer)) or n_cut < 1:
        raise QCAError(f"n_cut={n_cut!r}: give a whole number of cases, at least 1")
    pri_cut = check_fraction("pri_cut", pri_cut)
    cd = prepare(data, outcome, conditions, case_col=case_col, missing=missing)
    return _build(cd, ic1, ic0, int(n_cut), float(pri_cut))


def row_sums(memberships: np.ndarray, y: np.ndarray, codes: np.ndarray) -> tuple[np.ndarray, ...]:
    """For each configuration code: sum(X), sum(min(X, Y)), sum(min(X, Y, ~Y)) over every case.

    ``X`` is each case's membership in the corner (the minimum over the
    conditions of the membership, or its complement where the corner has a
    0). Exact: every case counts in every row, as in R's ``truthTable``.
    Rows are visited in code order and share the running minimum of their
    common leading conditions, so a condition is folded in once per
    distinct prefix rather than once per row.

    Examples
    --------
    >>> import numpy as np
    >>> M = np.array([[0.8], [0.3]]); y = np.array([0.6, 0.2])
    >>> [v.round(3).tolist() for v in row_sums(M, y, np.array([1], dtype=np.uint64))]
    [[1.1], [0.8], [0.6]]
    """
    n, k = memberships.shape
    codes = np.asarray(codes, dtype=np.uint64)
    out = [np.zeros(len(codes)) for _ in range(3)]
    if k == 0 or n == 0:
        return out[0], out[1], out[2]
    cols = [np.ascontiguousarray(memberships[:, i], dtype=float) for i in range(k)]
    neg = [1.0 - c for c in cols]
    y = np.asarray(y, dtype=float)
    yb = np.minimum(y, 1.0 - y)
    level = np.empty((k, n))  # level[i]: minimum over conditions 0..i of the current row
    work = np.empty(n)
    order = np.argsort(codes, kind="stable")
    previous: list[int] | None = None
    for r in order.tolist():
        code = int(codes[r])
        bits = [(code >> (k - 1 - i)) & 1 for i in range(k)]
        start = 0
        if previous is not None:
            while start < k and bits[start] == previous[start]:
                start += 1
        for i in range(start, k):
            src = cols[i] if bits[i] else neg[i]
            if i == 0:
                level[0] = src
            else:
                np.minimum(level[i - 1], src, out=level[i])
        previous = bits
        m = level[k - 1]
        out[0][r] = m.sum()
        np.minimum(m, y, out=work)
        out[1][r] = work.sum()
        np.minimum(work, yb, out=work)
        out[2][r] = work.sum()
    return out[0], out[1], out[2]


def _build(cd: CaseData, ic1: float, ic0: float, n_cut: int, pri_cut: float) -> TruthTable:
    k = len(cd.conditions)
    if cd.multivalue:
        codes = encode(cd.X.astype(np.int64), cd.levels).astype(np.uint64)
    else:
        weights = (np.uint64(1) << np.arange(k - 1, -1, -1, dtype=np.uint64)).astype(np.uint64)
        codes = cd.X.astype(np.uint64) @ weights
    names = np.asarray(cd.cases, dtype=object)
    if cd.fuzzy:
        inrow = ~cd.ambiguous
        codes, names = codes[inrow], names[inrow]
    uniq, inverse, n = np.unique(codes, return_inverse=True, return_counts=True)
    if cd.fuzzy:
        y = cd.outcome_membership
        total, pos, both = row_sums(cd.memberships, y, uniq)
        with np.errstate(invalid="ignore", divide="ignore"):
            incl = np.where(total > 0, pos / total, 0.0)
            pri = np.where(total - both > 0, (pos - both) / (total - both), 0.0)
    else:
        y = cd.y.astype(np.float64)
        pos = np.bincount(inverse, weights=y, minlength=len(uniq))
        # sum(min(X, Y, ~Y)) is zero for crisp codes, so PRI reduces to incl
        both = np.bincount(inverse, weights=np.minimum(y, 1 - y), minlength=len(uniq))
        incl = pos / n
        with np.errstate(invalid="ignore", divide="ignore"):
            pri = np.where(n - both > 0, (pos - both) / (n - both), 0.0)
    out = np.full(len(uniq), "0", dtype=object)
    passes = incl >= ic1 - TOLERANCE
    out[passes & (pri >= pri_cut - TOLERANCE)] = "1"
    if ic0 < ic1:
        out[~passes & (incl >= ic0 - TOLERANCE)] = "C"
    out[n < n_cut] = "?"
    order = np.argsort(inverse, kind="stable")
    names = names[order].tolist()
    ends = np.cumsum(n).tolist()
    groups = [names[s:e] for s, e in zip([0] + ends[:-1], ends)]  # one slice per row, no per-case loop
    if cd.multivalue:
        bits = decode(uniq.astype(np.int64), cd.levels)
    else:
        bits = (uniq[:, None] >> np.arange(k - 1, -1, -1, dtype=np.uint64)) & np.uint64(1)
    table = pd.DataFrame(bits.astype(np.int64), columns=list(cd.conditions))
    table["OUT"] = out
    table["n"] = n.astype(np.int64)
    table["incl"] = incl
    table["PRI"] = pri
    table["cases"] = groups
    table.index = pd.Index((uniq + np.uint64(1)).astype(np.int64), name="row")
    return TruthTable(data=cd, incl_cut=(ic1, ic0), n_cut=n_cut, pri_cut=pri_cut, _table=table)
