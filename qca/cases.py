"""Case types against a sufficiency claim (Schneider & Rohlfing's typology).

For a sufficient expression X (a theory's term, or a solution) and an
outcome Y, each case is, in crisp sets:

=========================  ======  ======  ===========================================
type                       X       Y       reading
=========================  ======  ======  ===========================================
typical                    1       1       the claim holds and explains the case
deviant consistency        1       0       X without Y: contradicts sufficiency
deviant coverage           0       1       Y without X: the claim does not explain it
individually irrelevant    0       0       neither: consistent, but says little
=========================  ======  ======  ===========================================

This is the typology that R's SetMethods implements (``cases.suf.typ``,
``cases.suf.dcv``, ``cases.suf.dcn``, ``cases.suf.iir``). For fuzzy sets
(Schneider & Rohlfing 2013) "1" reads "membership above 0.5" and "0"
"below 0.5"; a case with X and Y above 0.5 but ``X > Y`` is *deviant
consistency in degree* (consistent in kind, not in degree), and a case with
a membership of exactly 0.5 in X or Y is *on the crossover* (no type). The
SetMethods tables, with their ranking scores, are :meth:`CaseTypes.typical`,
:meth:`CaseTypes.deviant_consistency`, :meth:`CaseTypes.deviant_coverage`
and :meth:`CaseTypes.irrelevant`; :attr:`CaseTypes.memberships` holds every
case's memberships in the conditions, each term, the expression and the
outcome. A case *fits* the claim when it is typical or individually
irrelevant. Memberships are evaluated with three-valued logic, so a case
with a missing code still gets a type wherever its known codes decide it;
otherwise its type is ``undecided`` and it is listed, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .data import case_index
from .errors import QCAError
from .expression import Expression, parse
from .fit import outcome_set
from .sets import MULTIVALUE, read_set
from .tables import TableView

__all__ = ["CaseTypes", "case_types", "TYPES", "FUZZY_TYPES"]

TYPES = ("typical", "deviant consistency", "deviant coverage", "individually irrelevant")

#: the further types of fuzzy sets (never given to crisp data)
FUZZY_TYPES = ("deviant consistency in degree", "on the crossover")


@dataclass(frozen=True, repr=False)
class CaseTypes(TableView):
    """Each case's type against a sufficiency claim; see :func:`case_types`.

    Examples
    --------
    >>> import pandas as pd, qca
    >>> df = pd.DataFrame({"A": [1, 1, 0, 0], "B": [1, 0, 1, 0], "Y": [1, 1, 0, 0]}, index=list("pqrs"))
    >>> ct = qca.case_types(df, "B", "Y")
    >>> ct.to_frame()["type"].tolist()
    ['typical', 'deviant coverage', 'deviant consistency', 'individually irrelevant']
    """

    expression: Expression
    outcome: str
    _frame: pd.DataFrame = field(repr=False)
    _members: pd.DataFrame | None = field(repr=False, default=None)
    _conditions: tuple[str, ...] = ()
    _multivalue: tuple[str, ...] = ()

    def _corners(self, m: pd.DataFrame, conds: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Each case's truth-table row (level per condition) and its membership in that row.

        A crisp or fuzzy condition's corner is 1 above 0.5 (membership ``max(x, 1 - x)``);
        a multi-value condition's is the case's level (membership 1).
        """
        M = m[conds].to_numpy(dtype=float)
        corner = (M > 0.5).astype(int)
        member = np.maximum(M, 1 - M)
        for i, c in enumerate(conds):
            if c in self._multivalue:
                corner[:, i] = np.nan_to_num(M[:, i]).astype(int)
                member[:, i] = np.where(np.isnan(M[:, i]), np.nan, 1.0)
        return corner, member

    def to_frame(self) -> pd.DataFrame:
        """One row per case (data order): X, Y, ``type``, ``fits``, ``terms`` covering it.

        For crisp data X and Y are nullable booleans; for fuzzy data they are
        the memberships.
        """
        return self._frame.copy()

    @property
    def memberships(self) -> pd.DataFrame:
        """Each case's memberships: the conditions, each term, the expression (``X``) and the outcome (``Y``).

        A multi-value condition's column holds the case's level (0, 1, 2, ...).
        """
        if self._members is None:
            raise QCAError("memberships were not kept for these case types")
        return self._members.copy()

    # ---------------------------------------------- SetMethods' tables
    def _term_columns(self) -> list[str]:
        return [str(t) for t in self.expression.term_expressions()]

    def typical(self) -> pd.DataFrame:
        """Typical cases per term, ranked as SetMethods' ``cases.suf.typ``.

        A case is typical for a term when term and outcome are above 0.5 and
        the term's membership does not exceed the outcome's. ``best`` is
        ``2 (Y - X) + (1 - X)`` (lower: more typical); ``most_typical`` marks the
        lowest per term; ``unique`` marks cases covered (above 0.5) by one term only.

        Examples
        --------
        >>> import pandas as pd
        >>> df = pd.DataFrame({"A": [0.9, 0.6, 0.2], "Y": [0.95, 0.8, 0.3]}, index=["p", "q", "r"])
        >>> case_types(df, "A", "Y").typical()[["case", "term", "best", "most_typical"]]
          case term  best  most_typical
        0    p    A   0.2          True
        1    q    A   0.8         False
        """
        m = self.memberships
        y = m["Y"]
        terms = self._term_columns()
        covered = (m[terms] > 0.5).sum(axis=1)
        parts = []
        for t in terms:
            x = m[t]
            keep = (x > 0.5) & (y > 0.5) & (x <= y)
            score = 2 * (y[keep] - x[keep]) + (1 - x[keep])
            parts.append(pd.DataFrame({"case": m.index[keep], "term": t, "term_membership": x[keep].to_numpy(),
                                       "Y": y[keep].to_numpy(), "best": score.to_numpy(),
                                       "most_typical": (score == score.min()).to_numpy(),
                                       "unique": (covered[keep] == 1).to_numpy()}))
        out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
        if len(out):
            out = out.sort_values(["term", "unique", "best", "term_membership"], ascending=[True, False, True, True],
                                  kind="stable").reset_index(drop=True)
        return out

    def deviant_consistency(self) -> pd.DataFrame:
        """Deviant cases for consistency (in kind) per term, as SetMethods' ``cases.suf.dcn``.

        Term above 0.5, outcome below 0.5. ``best`` is ``1 - (X - Y) + (1 - X)``
        (lower: more deviant); ``most_deviant`` marks the lowest per term.
        """
        m = self.memberships
        y = m["Y"]
        parts = []
        for t in self._term_columns():
            x = m[t]
            keep = (x > 0.5) & (y < 0.5)
            score = 1 - (x[keep] - y[keep]) + (1 - x[keep])
            parts.append(pd.DataFrame({"case": m.index[keep], "term": t, "term_membership": x[keep].to_numpy(),
                                       "Y": y[keep].to_numpy(), "best": score.to_numpy(),
                                       "most_deviant": (score == score.min()).to_numpy()}))
        out = pd.concat(parts, ignore_index=True)
        return out.sort_values(["term", "best", "term_membership"], kind="stable").reset_index(drop=True)

    def deviant_coverage(self) -> pd.DataFrame:
        """Deviant cases for coverage, as SetMethods' ``cases.suf.dcv``.

        Expression below 0.5, outcome above 0.5, with the case's truth-table
        row (its corner in the conditions) and its membership in that row
        (``TT_row``). ``best`` is ``1 - TT_row``; ``most_deviant`` marks the
        lowest per row; ``TT<=Y`` whether the row membership is within the outcome's.
        """
        m = self.memberships
        conds = list(self._conditions)
        corners, member = self._corners(m, conds)
        row_member = np.minimum.reduce(member, axis=1) if conds else np.ones(len(m))
        x, y = m["X"], m["Y"]
        keep = ((x < 0.5) & (y > 0.5)).to_numpy()
        corner = corners[keep]
        out = pd.DataFrame({"case": m.index[keep], "X": x[keep].to_numpy()})
        for i, c in enumerate(conds):
            out[f"TT_{c}"] = corner[:, i]
        out["TT_row"] = row_member[keep]
        out["Y"] = y[keep].to_numpy()
        out["TT<=Y"] = out["TT_row"] <= out["Y"]
        out["best"] = 1 - out["TT_row"]
        tt_cols = [f"TT_{c}" for c in conds]
        low = out.groupby(tt_cols)["best"].transform("min") if tt_cols and len(out) else out["best"]
        out["most_deviant"] = out["best"] == low
        if len(out):
            out = out.sort_values([*tt_cols, "TT<=Y", "best"], ascending=[True] * len(tt_cols) + [False, True],
                                  kind="stable").reset_index(drop=True)
        return out

    def irrelevant(self) -> pd.DataFrame:
        """Individually irrelevant cases, as SetMethods' ``cases.suf.iir``: expression and outcome below 0.5.

        With the case's truth-table row (its corner in the conditions), sorted by row.
        """
        m = self.memberships
        conds = list(self._conditions)
        x, y = m["X"], m["Y"]
        keep = ((x < 0.5) & (y < 0.5)).to_numpy()
        out = pd.DataFrame({"case": m.index[keep], "X": x[keep].to_numpy()})
        corners, _ = self._corners(m, conds)
        for i, c in enumerate(conds):
            out[f"TT_{c}"] = corners[keep, i]
        out["Y"] = y[keep].to_numpy()
        tt_cols = [f"TT_{c}" for c in conds]
        return out.sort_values(tt_cols, kind="stable").reset_index(drop=True) if tt_cols and len(out) else out

    @property
    def title(self) -> str:  # type: ignore[override]
        return f"Case types for {self.expression} -> {self.outcome}"

    def cases(self, kind: str) -> list[str]:
        """The names of the cases of one type (see ``TYPES``, or ``"undecided"``).

        Examples
        --------
        >>> import pandas as pd
        >>> df = pd.DataFrame({"A": [1, 1, 0], "Y": [1, 0, 1]}, index=["p", "q", "r"])
        >>> case_types(df, "A", outcome="Y").cases("deviant consistency")
        ['q']
        """
        if kind not in (*TYPES, *FUZZY_TYPES, "undecided"):
            raise QCAError(f"unknown case type {kind!r}: choose one of {', '.join((*TYPES, *FUZZY_TYPES))}, undecided")
        f = self._frame
        return [str(c) for c in f.index[f["type"] == kind]]

    @property
    def deviant(self) -> list[str]:
        """Cases that break the claim (deviant for consistency or for coverage)."""
        f = self._frame
        return [str(c) for c in f.index[f["type"].isin(["deviant consistency", "deviant coverage",
                                                          "deviant consistency in degree"])]]

    def counts(self) -> pd.Series:
        """Number of cases of each type."""
        kinds = [*TYPES, *FUZZY_TYPES] if self._is_fuzzy() else list(TYPES)
        return self._frame["type"].value_counts().reindex([*kinds, "undecided"], fill_value=0)

    def _is_fuzzy(self) -> bool:
        return pd.api.types.is_float_dtype(self._frame["X"])

    def _notes(self) -> list[str]:
        c = self.counts()
        return ["; ".join(f"{k}: {int(v)}" for k, v in c.items() if v)]


def case_types(
    data: pd.DataFrame,
    expression: Expression | str,
    outcome: str,
    *,
    case_col: str | None = None,
) -> CaseTypes:
    """Classify every case against the claim ``expression -> outcome``.

    Parameters
    ----------
    data : pandas.DataFrame
        Crisp codes (0/1), fuzzy memberships (in [0, 1]) or multi-value
        levels (0..m-1, written ``X[v]`` in the expression), missing values
        allowed; case names in the index or ``case_col``.
    expression : Expression or str
        The sufficient term or solution, e.g. ``"HARM*~THREAT"`` or
        ``"DEV[2] + DEV[1]*STB"``.
    outcome : str
        ``"Y"`` or ``"~Y"``; ``"Y[2]"`` for one level of a multi-value outcome.
    case_col : str, optional

    Returns
    -------
    CaseTypes
        ``to_frame()`` has one row per case, in the data's order, with the
        membership in the expression (``X``) and the outcome (``Y``) as
        nullable booleans, the ``type``, whether the case ``fits`` the
        claim, and the ``terms`` of the expression that cover it.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"A": [1, 1, 0, 0, None], "B": [0, 0, 0, 1, 1], "Y": [1, 0, 1, 0, 0]},
    ...                   index=["p", "q", "r", "s", "t"])
    >>> ct = case_types(df, "A*~B", outcome="Y")
    >>> ct.to_frame()[["type", "fits"]]
                             type   fits
    case
    p                     typical   True
    q         deviant consistency  False
    r            deviant coverage  False
    s     individually irrelevant   True
    t     individually irrelevant   True

    Multi-value data (R's LM):

    >>> import qca
    >>> ct = case_types(qca.datasets.load("LM"), "DEV[2] + DEV[1]*STB", "SURV")
    >>> ct.cases("typical"), ct.cases("deviant consistency")
    (['BE', 'CZ', 'FI', 'FR', 'IE', 'NL', 'SE', 'UK'], [])
    """
    expr = parse(expression)
    cases = case_index(data, case_col)
    label, column, yv = outcome_set(data, outcome, cases)
    if column in expr.conditions:
        raise QCAError(f"the outcome {column!r} also appears in the expression {expr}")
    expr = expr.with_data_levels(data)
    term_exprs = expr.term_expressions()
    xv = expr.membership(data).to_numpy(dtype=float)
    tv = {str(t): t.membership(data).to_numpy(dtype=float) for t in term_exprs}
    conds = [c for c in data.columns if c in set(expr.conditions)]
    read = {c: read_set(data, c, cases, multivalue=True) for c in conds}
    cond_v = {c: r.values for c, r in read.items()}
    multi = tuple(c for c, r in read.items() if r.kind == MULTIVALUE)
    fuzzy = any(bool(((v > 0) & (v < 1)).any()) for v in [xv, yv, *cond_v.values()])
    kinds = []
    for xi, yi in zip(xv, yv):
        if np.isnan(xi) or np.isnan(yi):
            kinds.append("undecided")
        elif xi == 0.5 or yi == 0.5:
            kinds.append("on the crossover")
        elif xi > 0.5 and yi > 0.5:
            kinds.append("typical" if xi <= yi or not fuzzy else "deviant consistency in degree")
        elif xi > 0.5:
            kinds.append("deviant consistency")
        elif yi > 0.5:
            kinds.append("deviant coverage")
        else:
            kinds.append("individually irrelevant")
    covering = [[label for label, member in tv.items() if member[i] > 0.5] for i in range(len(cases))]

    def shown(v: np.ndarray) -> object:
        if fuzzy:
            return v
        return pd.array([pd.NA if np.isnan(a) else bool(a) for a in v], dtype="boolean")

    index = pd.Index(list(cases), name="case")
    frame = pd.DataFrame(
        {
            "X": shown(xv),
            "Y": shown(yv),
            "type": kinds,
            "fits": [k in ("typical", "individually irrelevant") if k not in ("undecided", "on the crossover")
                     else pd.NA for k in kinds],
            "terms": covering,
        },
        index=index,
    )
    frame["fits"] = frame["fits"].astype("boolean")
    members = pd.DataFrame({**cond_v, **{t: v for t, v in tv.items() if t not in cond_v}, "X": xv, "Y": yv},
                           index=index)
    return CaseTypes(expression=expr, outcome=label, _frame=frame,
                     _members=members, _conditions=tuple(conds), _multivalue=multi)
