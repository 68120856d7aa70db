"""Necessary conditions: inclN, RoN and covN for each condition and its negation.

A condition X is necessary for Y when Y is a subset of X: ``inclN =
|X∩Y| / |Y|`` close to 1. Its coverage ``covN = |X∩Y| / |X|`` and its
relevance ``RoN = |~X| / |~(X∩Y)|`` (Schneider & Wagemann 2012) say whether
it is trivial: a condition present in nearly every case passes inclN but
has a low RoN. Formulas are those of :mod:`qca.fit` (sums of memberships
for fuzzy sets); missing codes are
handled the same way (undecided cases reported, never guessed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
import pandas as pd

from .data import case_index, resolve_columns
from .validate import check_fraction
from .expression import quote_name
from .fit import necessity_table, outcome_set
from .sets import MULTIVALUE, levels_of, read_set
from .tables import TableView

__all__ = ["Necessity", "necessity"]


@dataclass(frozen=True, repr=False)
class Necessity(TableView):
    """Necessity of each condition and its negation; see :func:`necessity`.

    Examples
    --------
    >>> import pandas as pd, qca
    >>> df = pd.DataFrame({"A": [1, 1, 0, 0], "B": [1, 0, 1, 0], "Y": [1, 1, 0, 0]}, index=list("pqrs"))
    >>> nec = qca.necessity(df, "Y")
    >>> nec.necessary
    ['A']
    >>> float(nec.to_frame().loc["A", "inclN"])
    1.0
    """

    outcome: str
    incl_cut: float
    ron_cut: float
    cov_cut: float
    _frame: pd.DataFrame = field(repr=False)
    _undecided: tuple[tuple[str, tuple[str, ...]], ...] = field(repr=False, default=())

    def to_frame(self) -> pd.DataFrame:
        """One row per condition and negation: inclN, RoN, covN, ``necessary``."""
        return self._frame.copy()

    @property
    def necessary(self) -> list[str]:
        """The expressions that pass every cut-off."""
        return [str(i) for i in self._frame.index[self._frame["necessary"]]]

    @property
    def undecided(self) -> dict[str, list[str]]:
        """For each row, the cases whose membership missing codes leave open."""
        return {k: list(v) for k, v in self._undecided}

    @property
    def title(self) -> str:  # type: ignore[override]
        return f"Necessary conditions for {self.outcome} (inclN >= {self.incl_cut:g})"

    def _notes(self) -> list[str]:
        return [f"undecided for {label}: {', '.join(c)}" for label, c in self._undecided if c]


def necessity(
    data: pd.DataFrame,
    outcome: str,
    conditions: Sequence[str] | str | None = None,
    *,
    incl_cut: float = 0.9,
    ron_cut: float = 0.0,
    cov_cut: float = 0.0,
    case_col: str | None = None,
) -> Necessity:
    """Test each condition and its negation as a necessary condition.

    Parameters
    ----------
    data : pandas.DataFrame
        Crisp codes (0/1), fuzzy memberships (in [0, 1]) or multi-value
        levels (each level ``X[v]`` and its negation ``~X[v]``, every other
        level, is tested as a condition), missing values allowed.
    outcome : str
        ``"Y"`` or ``"~Y"``; for a multi-value outcome one level, ``"Y[2]"``.
    conditions : list of str, optional
        Default: every column except the outcome.
    incl_cut, ron_cut, cov_cut : float
        A row is flagged ``necessary`` when it reaches all three.
    case_col : str, optional

    Returns
    -------
    Necessity

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"A": [1, 1, 1, 0], "B": [1, 0, 1, 1], "Y": [1, 1, 0, 0]})
    >>> necessity(df, "Y").to_frame()
                inclN       RoN      covN  necessary
    expression
    A             1.0  0.500000  0.666667       True
    ~A            0.0  0.750000  0.000000      False
    B             0.5  0.333333  0.333333      False
    ~B            0.5  1.000000  1.000000      False

    Multi-value conditions (R's LM: ``DEV`` has levels 0, 1, 2):

    >>> import qca
    >>> nec = necessity(qca.datasets.load("LM"), "SURV", ["DEV", "STB"])
    >>> nec.to_frame()[["inclN", "covN"]].round(3)
                inclN   covN
    expression
    DEV[0]      0.000  0.000
    ~DEV[0]     1.000  0.800
    DEV[1]      0.375  0.600
    ~DEV[1]     0.625  0.385
    DEV[2]      0.625  1.000
    ~DEV[2]     0.375  0.231
    STB         1.000  0.727
    ~STB        0.000  0.000
    """
    incl_cut = check_fraction("incl_cut", incl_cut)
    ron_cut = check_fraction("ron_cut", ron_cut)
    cov_cut = check_fraction("cov_cut", cov_cut)
    cases = case_index(data, case_col)
    column, negated, conds = resolve_columns(data, outcome, conditions, case_col)
    label, column, y = outcome_set(data, outcome, cases)
    labels, members = [], []
    for c in conds:
        xs = read_set(data, c, cases, multivalue=True)
        x = xs.values
        if xs.kind == MULTIVALUE:  # each level as a condition, and its negation (every other level)
            for v in range(levels_of(xs)):
                at = np.where(np.isnan(x), np.nan, (x == v).astype(float))
                labels += [f"{quote_name(c)}[{v}]", f"~{quote_name(c)}[{v}]"]
                members += [at, 1 - at]
            continue
        labels += [quote_name(c), "~" + quote_name(c)]
        members += [x, 1 - x]
    frame, und = necessity_table(labels, members, y, list(cases))
    tol = 1e-9
    frame["necessary"] = (
        (frame["inclN"] >= incl_cut - tol) & (frame["RoN"] >= ron_cut - tol) & (frame["covN"].fillna(0) >= cov_cut - tol)
    )
    return Necessity(
        outcome=label,
        incl_cut=float(incl_cut),
        ron_cut=float(ron_cut),
        cov_cut=float(cov_cut),
        _frame=frame,
        _undecided=tuple((k, tuple(v)) for k, v in und.items()),
    )
