"""The truth table: observed configurations with their cases, n, inclS, PRI and OUT.

Rows are numbered as R's QCA numbers them: one plus the configuration read
as a binary number, the first condition the most significant bit. Only
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

from .data import CrispData, prepare
from .errors import QCAError
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
    """A crisp truth table; build one with :func:`truth_table`.

    Attributes
    ----------
    data : CrispData
        The validated codes of the cases in the table (dropped cases excluded).
    incl_cut : tuple of float
        ``(ic1, ic0)``; equal when one cut-off was given.
    n_cut : int
    pri_cut : float
    """

    data: CrispData
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
        rows = t[(t["incl"] > 0) & (t["incl"] < 1)]
        y = dict(zip(self.data.cases, self.data.y.tolist()))
        out = rows[[*self.conditions, "OUT", "n", "incl"]].copy()
        out["positive"] = [[c for c in cases if y[c]] for cases in rows["cases"]]
        out["negative"] = [[c for c in cases if not y[c]] for cases in rows["cases"]]
        return out

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
        cut = f"incl_cut={ic1:g}" if ic1 == ic0 else f"incl_cut=({ic1:g}, {ic0:g})"
        notes = [f"{cut}, n_cut={self.n_cut}" + (f", pri_cut={self.pri_cut:g}" if self.pri_cut else "")]
        if len(self.data.dropped):
            lst = "; ".join(f"{c} ({', '.join(cols)})" for c, cols in self.data.dropped["missing_in"].items())
            notes.append(f"dropped for missing codes (missing='{self.data.missing}'): {lst}")
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
    """Build the truth table of crisp data (R's ``truthTable``).

    Parameters
    ----------
    data : pandas.DataFrame
        One row per case, codes 0/1; case names in the index or ``case_col``.
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
    if not 0.0 <= float(pri_cut) <= 1.0:
        raise QCAError(f"pri_cut={pri_cut} is outside [0, 1]")
    cd = prepare(data, outcome, conditions, case_col=case_col, missing=missing)
    return _build(cd, ic1, ic0, int(n_cut), float(pri_cut))


def _build(cd: CrispData, ic1: float, ic0: float, n_cut: int, pri_cut: float) -> TruthTable:
    k = len(cd.conditions)
    weights = (np.uint64(1) << np.arange(k - 1, -1, -1, dtype=np.uint64)).astype(np.uint64)
    codes = cd.X.astype(np.uint64) @ weights
    uniq, inverse, n = np.unique(codes, return_inverse=True, return_counts=True)
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
    names = np.asarray(cd.cases, dtype=object)[order]
    names = names.tolist()
    ends = np.cumsum(n).tolist()
    groups = [names[s:e] for s, e in zip([0] + ends[:-1], ends)]  # one slice per row, no per-case loop
    bits = (uniq[:, None] >> np.arange(k - 1, -1, -1, dtype=np.uint64)) & np.uint64(1)
    table = pd.DataFrame(bits.astype(np.int64), columns=list(cd.conditions))
    table["OUT"] = out
    table["n"] = n.astype(np.int64)
    table["incl"] = incl
    table["PRI"] = pri
    table["cases"] = groups
    table.index = pd.Index((uniq + np.uint64(1)).astype(np.int64), name="row")
    return TruthTable(data=cd, incl_cut=(ic1, ic0), n_cut=n_cut, pri_cut=pri_cut, _table=table)
