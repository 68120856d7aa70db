"""Theory evaluation: where a theory and an empirical solution agree, and which cases sit where.

Ragin (1987, ch. 8) and Schneider and Wagemann (2012, ch. 11.3) compare a
theory ``T`` (the expected sufficient expression) with a solution ``S``
through the four intersections::

    T*S     what the theory expected and the data confirm
    T*~S    what the theory expected but the solution does not hold
    ~T*S    what the data show but the theory did not expect
    ~T*~S   neither

For each intersection :func:`theory_evaluation` gives its Boolean
expression (minimal sum of products), the cases in it with and without the
outcome, and its consistency (inclS), PRI and coverage (covS) as a
sufficient condition for the outcome, as R's SetMethods
``theory.evaluation`` does. Each case is also labelled as SetMethods labels
it: *covered* or *uncovered* (in ``S`` or not) and *most likely* or
*least likely* (in ``T`` or not) for cases with the outcome; *inconsistent*
(in ``S``) or *consistent* (not in ``S``) for cases without it.

Memberships use three-valued logic: a case with a missing code is placed
wherever its known codes decide it; otherwise its cell is left open and the
case is reported, never guessed. Parameters use the decided cases only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
import pandas as pd

from .data import case_index
from .errors import QCAError
from .expression import Expression, Term, parse
from .fit import outcome_set, sufficiency_scores
from .minimize import Solution, minimal_sums
from .mvsolution import MVSolution, minimal_sums_mv
from .sets import FUZZY, fuzzy_and, levels_of, read_set
from .tables import TableView

__all__ = ["TheoryEvaluation", "theory_evaluation", "CELLS"]

#: the four intersections, in the order of the table
INTERSECTIONS = ("T*S", "T*~S", "~T*S", "~T*~S")

#: SetMethods' label of each intersection, for cases with the outcome and without it
CELLS = {
    ("T*S", True): "covered most likely",
    ("~T*S", True): "covered least likely",
    ("T*~S", True): "uncovered most likely",
    ("~T*~S", True): "uncovered least likely",
    ("T*S", False): "inconsistent most likely",
    ("~T*S", False): "inconsistent least likely",
    ("T*~S", False): "consistent most likely",
    ("~T*~S", False): "consistent least likely",
}

#: above this many conditions the intersections are shown multiplied out, not minimized
MINIMIZE_MAX_CONDITIONS = 16


@dataclass(frozen=True, repr=False)
class TheoryEvaluation(TableView):
    """Theory against solution; see :func:`theory_evaluation`.

    Attributes
    ----------
    theory : Expression
    solution : Expression
    outcome : str
    intersections : dict of str to Expression
        ``"T*S"``, ``"T*~S"``, ``"~T*S"``, ``"~T*~S"``: each as a minimal
        sum of products.

    Examples
    --------
    >>> import qca
    >>> lc = qca.datasets.load("LC")
    >>> sol = qca.minimize(qca.truth_table(lc, "SURV"), include="?")
    >>> te = qca.theory_evaluation(lc, "DEV*LIT", sol, "SURV")
    >>> str(te.theory), str(te.solution)
    ('DEV*LIT', 'DEV*STB')
    >>> sorted(te.intersections)[:2]
    ['T*S', 'T*~S']
    """

    theory: Expression
    solution: Expression
    outcome: str
    intersections: dict[str, Expression] = field(repr=False)
    _frame: pd.DataFrame = field(repr=False)
    _cases: pd.DataFrame = field(repr=False)
    _fit: pd.DataFrame = field(repr=False)

    def to_frame(self) -> pd.DataFrame:
        """One row per intersection: ``expression``, ``n``, cases with and without the outcome,
        ``inclS``, ``PRI``, ``covS`` (as sufficient for the outcome) and ``undecided`` cases."""
        return self._frame.copy()

    @property
    def cases(self) -> pd.DataFrame:
        """One row per case (data order): memberships ``T``, ``S``, ``Y``, the ``intersection``
        and SetMethods' ``label`` (``<NA>`` where missing codes leave it open)."""
        return self._cases.copy()

    @property
    def fit(self) -> pd.DataFrame:
        """inclS, PRI, covS of the theory, the solution, each solution term and each intersection."""
        return self._fit.copy()

    def cases_in(self, intersection: str, outcome: bool | None = None) -> list[str]:
        """Names of the cases in one intersection, optionally only those with (True) or without (False) the outcome.

        Examples
        --------
        >>> import pandas as pd
        >>> df = pd.DataFrame({"A": [1, 1, 0], "Y": [1, 0, 1]}, index=["p", "q", "r"])
        >>> theory_evaluation(df, "A", "~A", outcome="Y").cases_in("T*~S", outcome=False)
        ['q']
        """
        if intersection not in INTERSECTIONS:
            raise QCAError(f"unknown intersection {intersection!r}: choose one of {', '.join(INTERSECTIONS)}")
        f = self._cases
        mask = (f["intersection"] == intersection).fillna(False)
        if outcome is not None:
            mask &= (f["Y"] == outcome).fillna(False)
        return [str(c) for c in f.index[mask.to_numpy(dtype=bool)]]

    @property
    def title(self) -> str:  # type: ignore[override]
        return f"Theory evaluation: T = {self.theory}, S = {self.solution}, outcome {self.outcome}"

    def _notes(self) -> list[str]:
        open_ = self._cases.index[self._cases["intersection"].isna()].tolist()
        return [f"undecided (missing codes): {', '.join(map(str, open_))}"] if open_ else []


def _ordered_conditions(exprs: Sequence[Expression], columns: Sequence[str]) -> list[str]:
    names = {c for e in exprs for c in e.conditions}
    cols = [str(c) for c in columns]
    return [c for c in cols if c in names] + sorted(names - set(cols))


def simplify(expr: Expression, conditions: Sequence[str], levels: Sequence[int] | None = None) -> Expression:
    """A minimal sum of products of ``expr`` (the first in R's order when there are several).

    With ``levels`` (the number of levels of each condition) and some
    condition multi-value, the mixed-radix minimizer is used
    (:func:`qca.mvsolution.minimal_sums_mv`).

    Examples
    --------
    >>> str(simplify(parse("A*B + A*~B + ~A*B*C"), ["A", "B", "C"]))
    'A + B*C'
    >>> str(simplify(parse("DEV[1]*STB + DEV[2]*STB + DEV[0]*STB*A"), ["DEV", "STB", "A"], [3, 2, 2]))
    'DEV[1]*STB + DEV[2]*STB + STB*A'
    """
    if not expr.terms or len(expr.conditions) > MINIMIZE_MAX_CONDITIONS:
        return expr
    if levels is not None and any(int(m) > 2 for m in levels):
        return minimal_sums_mv(expr, conditions, levels)[0]
    return minimal_sums(expr, conditions)[0]


def theory_evaluation(
    data: pd.DataFrame,
    theory: Expression | str,
    solution: Expression | str | Solution,
    outcome: str | None = None,
    *,
    model: int = 0,
    case_col: str | None = None,
) -> TheoryEvaluation:
    """Compare a theory with a solution: the four intersections, their cases and fit (SetMethods' ``theory.evaluation``).

    Parameters
    ----------
    data : pandas.DataFrame
        Crisp codes (0/1, missing allowed), case names in the index or ``case_col``.
    theory : Expression or str
        The theory's sufficient expression, e.g. ``"HARM*~THREAT"``.
    solution : Expression, str or Solution
        The empirical solution; for a :class:`qca.Solution`, its model
        ``model`` (0 is M1; for an intermediate solution, the distinct
        intermediate solutions in order).
    outcome : str, optional
        ``"Y"`` or ``"~Y"``; by default the outcome of ``solution`` when it
        is a Solution.
    model : int
        Which model of a Solution to use.
    case_col : str, optional

    Returns
    -------
    TheoryEvaluation
        ``to_frame()`` per intersection, ``.cases`` per case, ``.fit``.

    Raises
    ------
    QCAError
        Unknown columns, codes other than 0/1, an expression that does not
        parse, or an outcome that also appears in the expressions.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"A": [1, 1, 0, 0, 1], "B": [0, 0, 1, 0, 1], "Y": [1, 1, 1, 0, 0]},
    ...                   index=["p", "q", "r", "s", "t"])
    >>> ev = theory_evaluation(df, "A*~B", "A*~B + ~A*B", outcome="Y")
    >>> ev.to_frame()[["expression", "n", "with outcome", "without outcome", "inclS"]]
                 expression  n with outcome without outcome  inclS
    intersection
    T*S              A*~B    2       [p, q]              []    1.0
    T*~S                0    0           []              []    NaN
    ~T*S             ~A*B    1          [r]              []    1.0
    ~T*~S   ~A*~B + A*B    2           []          [s, t]    0.0
    >>> ev.cases["label"].tolist()
    ['covered most likely', 'covered most likely', 'covered least likely', 'consistent least likely', 'consistent least likely']
    """
    if isinstance(solution, (Solution, MVSolution)):
        sols = solution.solutions
        if isinstance(model, bool) or not isinstance(model, (int, np.integer)) or not 0 <= model < len(sols):
            raise QCAError(f"model={model!r}: the solution has {len(sols)} model(s), numbered from 0")
        if outcome is None:
            outcome = solution.truth_table.outcome
        s_expr = sols[int(model)]
    else:
        s_expr = parse(solution)
    if outcome is None:
        raise QCAError("give the outcome, e.g. outcome='Y' (or a Solution, whose outcome is used)")
    t_expr = parse(theory)
    for label, e in (("theory", t_expr), ("solution", s_expr)):
        if not e.terms:
            raise QCAError(f"the {label} {str(e)!r} is never true")
    cases = case_index(data, case_col)
    y_label, column, yv = outcome_set(data, outcome, cases)
    for label, e in (("theory", t_expr), ("solution", s_expr)):
        if column in e.conditions:
            raise QCAError(f"the outcome {column!r} also appears in the {label} {e}")
    t_expr, s_expr = t_expr.with_data_levels(data), s_expr.with_data_levels(data)
    n = len(cases)
    tv = t_expr.membership(data).to_numpy(dtype=float)
    sv = s_expr.membership(data).to_numpy(dtype=float)
    fuzzy = any(bool(((v > 0) & (v < 1)).any()) for v in (tv, sv, yv))
    cells = {"T*S": fuzzy_and([tv, sv], n), "T*~S": fuzzy_and([tv, 1 - sv], n),
             "~T*S": fuzzy_and([1 - tv, sv], n), "~T*~S": fuzzy_and([1 - tv, 1 - sv], n)}
    conds = _ordered_conditions([t_expr, s_expr], data.columns)
    not_t, not_s = t_expr.negate(), s_expr.negate()
    products = {
        "T*S": _product(t_expr, s_expr),
        "T*~S": _product(t_expr, not_s),
        "~T*S": _product(not_t, s_expr),
        "~T*~S": _product(not_t, not_s),
    }
    levels = _levels_in(data, conds)
    inter = {k: simplify(v, conds, levels) for k, v in products.items()}
    has_y, lacks_y = yv > 0.5, yv <= 0.5  # NaN is neither
    rows = []
    for name in INTERSECTIONS:
        m = cells[name]
        inside = m > 0.5  # a case is in the intersection where its membership is above 0.5
        undecided = np.isnan(m) | np.isnan(yv)
        incl, pri, cov = sufficiency_scores(m, yv)
        rows.append({
            "expression": str(inter[name]),
            "n": int(inside.sum()),
            "with outcome": [str(c) for c in cases[inside & has_y]],
            "without outcome": [str(c) for c in cases[inside & lacks_y]],
            "inclS": incl, "PRI": pri, "covS": cov,
            "undecided": [str(c) for c in cases[undecided]],
        })
    frame = pd.DataFrame(rows, index=pd.Index(list(INTERSECTIONS), name="intersection"))

    where = pd.Series(pd.NA, index=cases, dtype="object")
    for name in INTERSECTIONS:
        where[cells[name] > 0.5] = name
    labels = [CELLS[(w, bool(yy > 0.5))] if w is not pd.NA and not np.isnan(yy) else pd.NA
              for w, yy in zip(where.tolist(), yv.tolist())]

    def show(v: np.ndarray) -> object:  # fuzzy: memberships; crisp: nullable booleans as before
        if fuzzy:
            return v
        return pd.array([pd.NA if np.isnan(x) else bool(x) for x in v], dtype="boolean")

    case_frame = pd.DataFrame({"T": show(tv), "S": show(sv), "Y": show(yv), "intersection": where,
                               "label": labels}, index=cases)

    fit_rows, fit_index = [], []
    for label, e in [("T", t_expr), ("S", s_expr)] + [(f"S: {term}", term) for term in s_expr.term_expressions()]:
        if label.startswith("S: ") and len(s_expr.terms) < 2:
            continue
        incl, pri, cov = sufficiency_scores(e.membership(data).to_numpy(dtype=float), yv)
        fit_rows.append({"expression": str(e), "inclS": incl, "PRI": pri, "covS": cov})
        fit_index.append(label)
    for name in INTERSECTIONS:
        r = frame.loc[name]
        fit_rows.append({"expression": r["expression"], "inclS": r["inclS"], "PRI": r["PRI"], "covS": r["covS"]})
        fit_index.append(name)
    fit_frame = pd.DataFrame(fit_rows, index=pd.Index(fit_index, name="set"))
    return TheoryEvaluation(
        theory=t_expr,
        solution=s_expr,
        outcome=y_label,
        intersections=inter,
        _frame=frame,
        _cases=case_frame,
        _fit=fit_frame,
    )


def _levels_in(data: pd.DataFrame, conds: Sequence[str]) -> list[int] | None:
    """The number of levels of each condition (None when one is fuzzy, or not in the data)."""
    out = []
    for c in conds:
        if c not in data.columns:
            return None
        col = read_set(data, c, multivalue=True)
        if col.kind == FUZZY:
            return None
        out.append(levels_of(col))
    return out


def _product(a: Expression, b: Expression) -> Expression:
    """The intersection of two sums of products, multiplied out (absorbed, not minimized)."""
    if not a.terms or not b.terms:
        return Expression(())
    return parse(f"({a})*({b})")
