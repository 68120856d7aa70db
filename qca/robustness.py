"""Does the result survive other cut-offs? Robustness tests and a limited-diversity report.

:func:`robustness` re-runs the analysis (truth table and minimization) for
every combination of the consistency cut-offs ``incl_cut`` and frequency
cut-offs ``n_cut`` given, and reports

* per setting: the solutions, the fit of the first one (inclS, PRI, covS),
  or why there is no solution (no positive row, no negative row);
* per implicant: at which settings it appears, so the **robust core**
  (implicants in every model at every setting) stands apart from the
  implicants that appear only at some settings;
* optionally, for an expression of interest (a hypothesis such as
  ``"HARM*~THREAT"``): at which settings it is a term of the solution, and
  at which it lies inside the solution;
* the robustness fit parameters of Oana and Schneider (2021), comparing the
  initial solution IS with the test solutions TS (the other settings):
  ``RF_cov`` = covS(RC) / covS(IS) and ``RF_cons`` = inclS(IS) / inclS(RC),
  where the robust core RC = IS * every TS; ``RF_SC_minTS`` and
  ``RF_SC_maxTS``, the share of cases in IS and in the intersection
  (minTS) or union (maxTS) of the TS that both hold; and the case ratios
  ``RCR_typ``, ``RCR_dev`` and the rank ``RCC_Rank`` (1 best, 4 worst), as
  R's SetMethods (``rob.fit``, ``rob.cases``) computes them. Each setting
  enters with its first model (M1; for an intermediate solution, the first
  distinct intermediate solution), as in SetMethods.

:func:`calibration_range` (SetMethods' ``rob.calibrange``) asks the same of
the calibration: how far each anchor of one condition can move before the
first model of the solution changes.

:func:`limited_diversity` says how much of the property space the cases
cover: how many of the ``2**k`` configurations are observed, and the skew
of each condition and of the outcome (the share of cases at 1).

Multi-value data (mvQCA) go through the same path: the settings are
minimized by the mixed-radix minimizer, models are compared by their
``X[v]`` terms, memberships in a model come from its terms' levels
(:func:`model_membership`), a multi-value outcome is analysed one level
at a time (``outcome="Y[2]"``), and the property space has the product of
the numbers of levels as its size.

Memberships use three-valued logic: cases whose membership a missing code
leaves open are left out of a parameter and never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from .data import case_index, resolve_columns, split_level, split_outcome
from .sets import CRISP, FUZZY, MULTIVALUE, fuzzy_and, fuzzy_or, levels_of, read_set
from .errors import QCAError
from .expression import Expression, Levels, parse
from .fit import Fit, fit, kleene_and, kleene_or
from .implicants import covers
from .minimize import Solution, expression_codes, minimize, parse_include
from .parallel import check_n_jobs, map_jobs
from .tables import TableView, plural
from .validate import check_bool
from .truth_table import truth_table

__all__ = ["Robustness", "robustness", "run_setting", "Diversity", "limited_diversity", "CASE_TYPES",
           "CalibrationRange", "calibration_range", "outcome_values", "model_membership", "inside_mv"]

#: robust case types (SetMethods' ``rob.cases``): (in IS, in minTS or maxTS, outcome) -> label
CASE_TYPES = {
    (True, True, True): "robust typical",
    (True, True, False): "robust deviant",
    (True, False, True): "shaky typical",
    (True, False, False): "shaky deviant",
    (False, True, True): "possible typical",
    (False, True, False): "possible deviant",
    (False, False, True): "extreme deviant coverage",
    (False, False, False): "irrelevant",
}


# ===================================================================== diversity
@dataclass(frozen=True, repr=False)
class Diversity(TableView):
    """Limited diversity and skew; see :func:`limited_diversity`.

    Attributes
    ----------
    outcome : str
    conditions : tuple of str
    observed : int
        Distinct configurations of the conditions among the cases with
        every condition known.
    possible : int
        Configurations of the property space: ``2**k`` for crisp
        conditions, the product of the numbers of levels with multi-value ones.
    n_cases : int
        Cases with every condition known.
    skew_cut : float

    Examples
    --------
    >>> import pandas as pd, qca
    >>> df = pd.DataFrame({"A": [1, 1, 0, 0], "B": [1, 0, 1, 0], "Y": [1, 1, 0, 0]}, index=list("pqrs"))
    >>> div = qca.limited_diversity(df.iloc[:3], "Y")
    >>> div.observed, div.possible, div.remainders
    (3, 4, 1)
    """

    outcome: str
    conditions: tuple[str, ...]
    observed: int
    possible: int
    n_cases: int
    skew_cut: float
    _frame: pd.DataFrame = field(repr=False)
    _incomplete: tuple[str, ...] = field(repr=False, default=())
    levels: tuple[int, ...] = ()

    @property
    def share_observed(self) -> float:
        """Observed configurations / possible configurations."""
        return self.observed / self.possible

    @property
    def remainders(self) -> int:
        """Configurations no case shows (logical remainders)."""
        return self.possible - self.observed

    @property
    def skewed(self) -> list[str]:
        """Columns with at least ``skew_cut`` of their known cases on one side."""
        return [str(c) for c in self._frame.index[self._frame["skewed"]]]

    def to_frame(self) -> pd.DataFrame:
        """One row per condition, then the outcome: ``n`` (known codes), ``at 1``, ``share at 1``,
        ``missing`` and ``skewed``.

        A multi-value condition has one row per level (``DEV[0]``, ``DEV[1]``,
        ...): ``at 1`` counts the cases at that level, and a level is
        ``skewed`` when it holds at least ``skew_cut`` of the known cases."""
        return self._frame.copy()

    @property
    def title(self) -> str:  # type: ignore[override]
        return (f"Limited diversity: {self.observed} of {self.possible} configurations of "
                f"{', '.join(self.conditions)} observed ({100 * self.share_observed:.1f}%), "
                f"{self.n_cases} cases")

    def _notes(self) -> list[str]:
        notes = []
        if self._incomplete:
            notes.append("cases with a missing condition code (not placed in a configuration): "
                         + ", ".join(self._incomplete))
        if self.skewed:
            notes.append(f"skewed (>= {self.skew_cut:g} of cases on one side): " + ", ".join(self.skewed))
        return notes


def limited_diversity(
    data: pd.DataFrame,
    outcome: str,
    conditions: Sequence[str] | str | None = None,
    *,
    skew_cut: float = 0.8,
    case_col: str | None = None,
) -> Diversity:
    """How many configurations are observed, and how skewed each set is.

    Parameters
    ----------
    data : pandas.DataFrame
        Crisp codes (0/1), fuzzy memberships (a case counts in the corner
        its memberships round to) or multi-value levels; missing allowed.
    outcome : str
        ``"Y"``, ``"~Y"``, or one level of a multi-value outcome
        ``"Y[2]"`` (the skew is that of the set as given).
    conditions : list of str, optional
        Default: every column except the outcome.
    skew_cut : float
        A set is flagged ``skewed`` when at least this share of its known
        cases is at 1, or at 0.
    case_col : str, optional

    Returns
    -------
    Diversity

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"A": [1, 1, 1, 1, 0], "B": [0, 1, 0, None, 0], "Y": [1, 1, 0, 1, 0]},
    ...                   index=list("pqrst"))
    >>> d = limited_diversity(df, "Y")
    >>> d.observed, d.possible, d.n_cases
    (3, 4, 4)
    >>> d.to_frame()
        n  at 1  share at 1  missing  skewed
    A   5     4        0.80        0    True
    B   4     1        0.25        1   False
    Y   5     3        0.60        0   False
    """
    if isinstance(skew_cut, bool) or not isinstance(skew_cut, (int, float)) or not 0.5 <= skew_cut <= 1:
        raise QCAError(f"skew_cut={skew_cut!r}: give a share between 0.5 and 1")
    cases = case_index(data, case_col)
    column, negated, conds = resolve_columns(data, outcome, conditions, case_col)
    out_label, y = outcome_values(data, outcome, cases, case_col)
    rows, index = [], []
    k = len(conds)
    digits = np.zeros((len(cases), k), dtype=np.int64)
    complete = np.ones(len(cases), dtype=bool)
    levels = []

    def add(name: str, n: int, at1: int, missing_n: int, skewed: bool) -> None:
        share = at1 / n if n else float("nan")
        index.append(name)
        rows.append({"n": n, "at 1": at1, "share at 1": share, "missing": missing_n, "skewed": skewed})

    def two_sided(at1: int, n: int) -> bool:
        share = at1 / n if n else float("nan")
        return bool(n) and (share >= skew_cut - 1e-12 or share <= 1 - skew_cut + 1e-12)

    for i, c in enumerate(conds):
        col = read_set(data, c, cases, multivalue=True)
        vals = col.values
        if col.kind == MULTIVALUE:
            m = levels_of(col)
            na = np.isnan(vals)
            n = int((~na).sum())
            for v in range(m):  # one row per level: skewed when that level holds almost every case
                at = int((vals[~na] == v).sum())
                add(f"{c}[{v}]", n, at, int(na.sum()), bool(n) and at / n >= skew_cut - 1e-12)
            digits[~na, i] = vals[~na].astype(np.int64)
        else:
            m = 2
            na = np.isnan(vals) | (vals == 0.5)  # a fuzzy membership of 0.5 is in no corner
            v = np.nan_to_num(vals, nan=0.0) > 0.5  # fuzzy sets: "at 1" means above 0.5
            n = int((~na).sum())
            at1 = int((v & ~na).sum())
            add(c, n, at1, int(np.isnan(vals).sum()), two_sided(at1, n))
            digits[:, i] = v
        levels.append(m)
        complete &= ~na
    na = np.isnan(y) | (y == 0.5)
    n = int((~na).sum())
    at1 = int(((np.nan_to_num(y, nan=0.0) > 0.5) & ~na).sum())
    add(out_label, n, at1, int(np.isnan(y).sum()), two_sided(at1, n))
    frame = pd.DataFrame(rows, index=pd.Index(index))
    possible = 1
    for m in levels:
        possible *= m
    observed = len(np.unique(digits[complete], axis=0)) if complete.any() else 0
    return Diversity(
        outcome=out_label,
        conditions=tuple(conds),
        observed=int(observed),
        possible=possible,
        n_cases=int(complete.sum()),
        skew_cut=float(skew_cut),
        _frame=frame,
        _incomplete=tuple(str(c) for c in cases[~complete]),
        levels=tuple(levels),
    )


def outcome_values(data: pd.DataFrame, outcome: str, cases: Sequence[str] | None = None,
                   case_col: str | None = None) -> tuple[str, np.ndarray]:
    """The outcome as named (``"Y"``, ``"~Y"``, ``"Y[2]"``, ``"~Y[2]"``) and its memberships per case.

    A multi-value outcome is read one level at a time: ``"Y[2]"`` is 1 where
    ``Y`` is 2 and 0 elsewhere (missing stays missing), as in
    :func:`qca.truth_table`.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"A": [0, 1, 1], "Y": [0, 2, 1]}, index=list("pqr"))
    >>> label, y = outcome_values(df, "~Y[2]")
    >>> label, y.tolist()
    ('~Y[2]', [1.0, 0.0, 1.0])
    """
    column, negated = split_outcome(outcome)
    base, level = split_level(column, [str(c) for c in data.columns])
    if level is not None and base in data.columns:
        column = base
    if cases is None:
        cases = case_index(data, case_col)
    col = read_set(data, column, cases, multivalue=True)
    y = col.values
    if col.kind == MULTIVALUE or level is not None:
        if col.kind == FUZZY:
            raise QCAError(f"outcome {outcome!r}: {column!r} is a fuzzy set, it has no levels; write {column!r}")
        top = levels_of(col) - 1
        if level is None:
            raise QCAError(
                f"outcome {column!r} is multi-value (levels 0..{top}): name the level to explain, "
                f"e.g. outcome='{column}[{top}]' (one level at a time, as in R's QCA)"
            )
        if level > top:
            raise QCAError(f"outcome {outcome!r}: {column!r} has levels 0..{top}, not {level}")
        y = np.where(np.isnan(y), np.nan, (y == level).astype(float))
    if negated:
        y = 1.0 - y
    label = ("~" if negated else "") + column + (f"[{level}]" if level is not None else "")
    return label, y


# ===================================================================== robustness
@dataclass(frozen=True)
class _Run:
    label: str
    incl_cut: float
    n_cut: int
    solution: Solution | None
    error: str | None


@dataclass(frozen=True, repr=False)
class Robustness(TableView):
    """Results over a grid of cut-offs; see :func:`robustness`.

    Attributes
    ----------
    outcome : str
    conditions : tuple of str
    include : str
    initial : str
        The label of the initial setting (``"incl_cut=0.8, n_cut=1"``).
    expression : Expression or None
        The expression tracked across settings.
    diversity : Diversity
    expression_fit : Fit or None
        Fit of ``expression`` on the data (it does not depend on the cut-offs).
    intermediate : bool
        Whether the settings were minimized to intermediate solutions (``dir_exp``).

    Examples
    --------
    >>> import pandas as pd, qca
    >>> df = pd.DataFrame({"A": [1, 1, 0, 0], "B": [1, 0, 1, 0], "Y": [1, 1, 0, 0]}, index=list("pqrs"))
    >>> rob = qca.robustness(df, "Y", incl_cut=[1, 0.5])
    >>> rob.settings["solutions"].tolist()
    [['A'], ['A']]
    >>> [str(e) for e in rob.robust_core]
    ['A']
    """

    outcome: str
    conditions: tuple[str, ...]
    include: str
    initial: str
    expression: Expression | None
    diversity: Diversity
    expression_fit: Fit | None = field(repr=False)
    _runs: tuple[_Run, ...] = field(repr=False)
    _frame: pd.DataFrame = field(repr=False)
    _implicants: pd.DataFrame = field(repr=False)
    _fit: pd.Series = field(repr=False)
    _cases: pd.DataFrame = field(repr=False)
    _levels: tuple[tuple[str, int], ...] = field(repr=False, default=())
    intermediate: bool = field(repr=False, default=False)

    # ------------------------------------------------------------- tables
    def to_frame(self) -> pd.DataFrame:
        """Same as :attr:`settings`."""
        return self._frame.copy()

    @property
    def settings(self) -> pd.DataFrame:
        """One row per setting (index: its label): ``incl_cut``, ``n_cut``, ``solutions``,
        ``models``, inclS, PRI and covS of M1, ``note`` (why there is no solution), and
        with ``expression``: ``term`` (a term of every model) and ``inside`` (inside every model)."""
        return self._frame.copy()

    @property
    def implicants(self) -> pd.DataFrame:
        """One row per implicant found anywhere: per setting, whether some model has it;
        then ``settings`` (how many), ``share`` and ``robust`` (in every model at every setting)."""
        return self._implicants.copy()

    def _implicant(self, text: str) -> Expression:
        """An implicant as an Expression, knowing the levels of multi-value conditions (``DEV[1]*STB``)."""
        return parse(text, levels=dict(self._levels)) if self._levels else parse(text)

    @property
    def robust_core(self) -> list[Expression]:
        """Implicants in every model at every setting that has a solution."""
        f = self._implicants
        return [self._implicant(i) for i in f.index[f["robust"]]] if len(f) else []

    @property
    def partial(self) -> list[Expression]:
        """Implicants that appear at some settings only."""
        f = self._implicants
        return [self._implicant(i) for i in f.index[f["share"] < 1]] if len(f) else []

    @property
    def solutions(self) -> dict[str, list[Expression]]:
        """Per setting label, its solutions (empty when there is none)."""
        return {r.label: (r.solution.solutions if r.solution is not None else []) for r in self._runs}

    def solution(self, label: str) -> Solution | None:
        """The full :class:`qca.Solution` of one setting (None when it has none).

        Examples
        --------
        >>> import pandas as pd
        >>> df = pd.DataFrame({"A": [1, 1, 0, 0], "B": [1, 0, 1, 0], "Y": [1, 1, 0, 0]})
        >>> rob = robustness(df, "Y", incl_cut=[1, 0.5])
        >>> str(rob.solution("incl_cut=1, n_cut=1").solutions[0])
        'A'
        """
        for r in self._runs:
            if r.label == label:
                return r.solution
        raise QCAError(f"no setting {label!r}; the settings are: " + "; ".join(r.label for r in self._runs))

    @property
    def robustness_fit(self) -> pd.Series:
        """Oana & Schneider's RF_cov, RF_cons, RF_SC_minTS, RF_SC_maxTS, RCR_typ, RCR_dev, RCC_Rank."""
        return self._fit.copy()

    @property
    def cases(self) -> pd.DataFrame:
        """One row per case: membership in ``IS``, ``minTS``, ``maxTS``, ``RC``, the outcome ``Y``,
        and the robust case ``type`` (SetMethods' ``rob.cases``)."""
        return self._cases.copy()

    # ------------------------------------------------------------- printing
    def _display_frame(self) -> pd.DataFrame:
        """One line per model (M1, M2, ...) of each setting, each with its own fit; never cut."""
        rows = []
        has_expr = "term" in self._frame.columns
        for r, (_, st) in zip(self._runs, self._frame.iterrows()):
            head = {"incl_cut": f"{r.incl_cut:g}", "n_cut": str(r.n_cut)}
            if has_expr:
                tail = {f"{self.expression} is a term": _yes_no(st["term"]),
                        f"{self.expression} is inside": _yes_no(st["inside"])}
            else:
                tail = {}
            if r.solution is None:
                rows.append({**head, "model": "", "solution": "none", "inclS": np.nan, "PRI": np.nan,
                             "covS": np.nan, **tail, "note": r.error or ""})
                continue
            for m, expr in enumerate(r.solution.solutions):
                f = r.solution.model_fit(m).to_frame().iloc[-1]
                first = m == 0
                rows.append({**(head if first else dict.fromkeys(head, "")), "model": f"M{m + 1}",
                             "solution": str(expr), "inclS": f["inclS"], "PRI": f["PRI"], "covS": f["covS"],
                             **(tail if first else dict.fromkeys(tail, "")), "note": ""})
        frame = pd.DataFrame(rows)
        if not frame["note"].astype(bool).any():
            frame = frame.drop(columns="note")
        return frame

    @property
    def title(self) -> str:  # type: ignore[override]
        kind = {"": "conservative", "?": "parsimonious"}.get(self.include, f"include={self.include!r}")
        if self.intermediate:
            kind = "intermediate"
        init = self.initial.replace("=", ": ")
        return (f"Robustness of the {kind} solution for {self.outcome} over "
                f"{plural(len(self._runs), 'setting')} (initial: {init})")

    def _notes(self) -> list[str]:
        notes = []
        core = self.robust_core
        notes.append("robust core (in every model at every setting): "
                     + (", ".join(map(str, core)) if core else "none"))
        part = self.partial
        if part:
            notes.append("at some settings only: " + ", ".join(map(str, part)))
        rf = self._fit
        if rf.notna().any():
            notes.append("robustness fit: " + ", ".join(
                f"{k} = {v:.3f}" if k != "RCC_Rank" else f"{k} = {int(v)}" for k, v in rf.items() if pd.notna(v)))
        notes.append(self.diversity.title)
        return notes


def _yes_no(value: Any) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return "-"
    return "yes" if bool(value) else "no"


def _grid(values: Any, name: str, kind: type) -> list:
    if isinstance(values, (int, float, np.integer, np.floating)) and not isinstance(values, bool):
        items = [values]
    elif isinstance(values, (list, tuple, np.ndarray, range, pd.Index, pd.Series)):
        items = list(values)
    else:
        raise QCAError(f"{name}={values!r}: give a number or a list of numbers")
    if not items:
        raise QCAError(f"{name} is empty: give at least one value")
    out = []
    for v in items:
        if isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating)):
            raise QCAError(f"{name}: {v!r} is not a number")
        if kind is int and float(v) != int(v):
            raise QCAError(f"{name}: {v!r} is not a whole number of cases")
        out.append(kind(v))
    return list(dict.fromkeys(out))


def _label(ic: float, nc: int) -> str:
    return f"incl_cut={ic:g}, n_cut={nc}"


def model_membership(sol: Any, model: int, codes: Mapping[str, np.ndarray], n: int) -> np.ndarray:
    """Membership of every case in one model of a multi-value solution (1, 0, or NaN when unknown).

    ``codes`` maps each condition of the solution's truth table to the
    cases' level codes (floats, NaN for missing). A term is the AND of its
    literals ``X[v]`` (1 where ``X`` is ``v``), the model the OR of its
    terms, with Kleene's rule for missing codes: a known 0 decides an AND,
    a known 1 an OR.

    Examples
    --------
    >>> import numpy as np, qca
    >>> lm = qca.datasets.load("LM")
    >>> sol = qca.minimize(qca.truth_table(lm, "SURV"), include="?")
    >>> codes = {c: lm[c].to_numpy(dtype=float) for c in sol.truth_table.conditions}
    >>> str(sol.solutions[0]), model_membership(sol, 0, codes, len(lm))[:4].tolist()
    ('DEV[2] + DEV[1]*STB', [0.0, 1.0, 1.0, 0.0])
    """
    conds = list(sol.truth_table.conditions)
    terms = np.asarray(sol.implicant_terms)
    missing = [c for c in conds if c not in codes]
    if missing:
        raise QCAError(f"model_membership: no codes for condition {missing[0]!r}")
    members = []
    for i in sol.covers[model]:
        lits = [np.where(np.isnan(codes[c]), np.nan, (codes[c] == int(d) - 1).astype(float))
                for c, d in zip(conds, terms[i]) if d]
        members.append(fuzzy_and(lits, n))
    return fuzzy_or(members, n) if members else np.ones(n)


def _model_codes(sol: Solution, cover_index: int) -> list[tuple[int, int]]:
    return [sol._pair(i) for i in sol._covers.covers[cover_index]]


def inside_mv(expression: Expression, conditions: Sequence[str], levels: Sequence[int], terms: np.ndarray) -> bool:
    """Whether every configuration of ``expression`` lies inside the union of ``terms`` (digit rows:
    0 = left out, ``v + 1`` = level ``v``), over mixed-radix conditions; exact, without listing the space.

    Each term of the expression is a box (a set of levels per condition); a box is inside the union
    when one term holds it whole, outside when no term meets it, and is split on a condition
    otherwise.

    Examples
    --------
    >>> import numpy as np, qca
    >>> terms = np.array([[3, 0], [2, 2]])            # DEV[2] + DEV[1]*STB
    >>> inside_mv(qca.parse("DEV[1,2]*STB"), ["DEV", "STB"], [3, 2], terms)
    True
    >>> inside_mv(qca.parse("DEV[1,2]"), ["DEV", "STB"], [3, 2], terms)
    False
    """
    conds = list(conditions)
    terms = np.asarray(terms, dtype=np.int64).reshape(-1, len(conds))
    unknown = [c for c in expression.conditions if c not in conds]
    if unknown:
        raise QCAError(f"expression {str(expression)!r}: unknown condition {unknown[0]!r}")

    def box_of(term: Any) -> list[frozenset[int]]:
        box = [frozenset(range(m)) for m in levels]
        for name, value in term.literals:
            j = conds.index(name)
            box[j] = value.allowed(levels[j]) if isinstance(value, Levels) else frozenset({int(value)}) & box[j]
        return box

    def inside(box: list[frozenset[int]], rows: np.ndarray) -> bool:
        if any(not b for b in box):
            return True  # an empty box
        meets = [t for t in rows if all(d == 0 or (d - 1) in b for d, b in zip(t, box))]
        if not meets:
            return False
        if any(all(d == 0 or b == {d - 1} for d, b in zip(t, box)) for t in meets):
            return True
        t = next(t for t in meets)  # a term meeting the box without holding it: split where it is narrower
        j = next(j for j, (d, b) in enumerate(zip(t, box)) if d and len(b) > 1)
        return all(inside([*box[:j], frozenset({v}), *box[j + 1:]], np.asarray(meets)) for v in sorted(box[j]))

    return all(inside(box_of(t), terms) for t in expression.terms)


def _inside(expr_codes: np.ndarray, pairs: Sequence[tuple[int, int]]) -> bool:
    if not len(expr_codes):
        return True
    if not pairs:
        return False
    m = covers(np.array([p[0] for p in pairs], np.uint64), np.array([p[1] for p in pairs], np.uint64), expr_codes)
    return bool(m.any(axis=0).all())


def _ratio(num: float, den: float) -> float:
    return float(num / den) if den > 0 else float("nan")


def _count(*arrays: np.ndarray) -> float:
    """Size of the intersection: the sum over cases of the minimum membership (NaN counts as 0).

    For crisp sets, the number of cases where every array is 1.
    """
    out = np.minimum.reduce([np.nan_to_num(np.asarray(a, dtype=float), nan=0.0) for a in arrays])
    return float(out.sum())


def run_setting(job: Mapping[str, Any]) -> "_Run":
    """One setting of a robustness grid: the truth table at its cut-offs, minimized.

    ``job`` holds the keyword arguments of :func:`qca.truth_table`
    (``data``, ``outcome``, ``conditions``, ``incl_cut``, ``n_cut``,
    ``pri_cut``, ``missing``, ``case_col``) and of :func:`qca.minimize`
    (``include``, ``dir_exp``, ``exclude``, ``all_sol``, ``row_dom``). A
    module-level function, so parallel workers (see :mod:`qca.parallel`)
    can run it; sweeps over more settings (e.g. calibration anchors) can
    build on it.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"A": [1, 1, 0], "Y": [1, 1, 0]})
    >>> run = run_setting(dict(data=df, outcome="Y", conditions=["A"], incl_cut=1, n_cut=1, pri_cut=0,
    ...                        missing="error", case_col=None, include="", dir_exp=None, exclude=None,
    ...                        all_sol=False, row_dom=False))
    >>> run.label, str(run.solution.solutions[0])
    ('incl_cut=1, n_cut=1', 'A')
    """
    ic, nc = job["incl_cut"], job["n_cut"]
    tt = truth_table(job["data"], job["outcome"], job["conditions"], incl_cut=ic, n_cut=nc,
                     pri_cut=job["pri_cut"], missing=job["missing"], case_col=job["case_col"])
    try:
        sol = minimize(tt, include=job["include"], dir_exp=job["dir_exp"], exclude=job["exclude"],
                       all_sol=job["all_sol"], row_dom=job["row_dom"])
        return _Run(_label(ic, nc), ic, nc, sol, None)
    except QCAError as err:
        return _Run(_label(ic, nc), ic, nc, None, str(err))


def robustness(
    data: pd.DataFrame,
    outcome: str,
    conditions: Sequence[str] | str | None = None,
    *,
    incl_cut: float | Sequence[float] = 1,
    n_cut: int | Sequence[int] = 1,
    pri_cut: float = 0,
    include: str = "",
    dir_exp: Any = None,
    exclude: Any = None,
    all_sol: bool = False,
    row_dom: bool = False,
    initial: tuple[float, int] | Mapping[str, Any] | None = None,
    expression: Expression | str | None = None,
    missing: str = "error",
    case_col: str | None = None,
    n_jobs: int | None = None,
) -> Robustness:
    """Re-run the analysis over a grid of cut-offs and report what stays and what moves.

    Parameters
    ----------
    data : pandas.DataFrame
        Crisp codes, fuzzy memberships or multi-value levels, case names in
        the index or ``case_col``.
    outcome : str
        ``"Y"`` or ``"~Y"``; one level of a multi-value outcome: ``"Y[2]"``.
    conditions : list of str, optional
        Default: every column except the outcome.
    incl_cut : float or list of float
        Consistency cut-offs to try.
    n_cut : int or list of int
        Frequency cut-offs to try; every combination with ``incl_cut`` is run.
    pri_cut : float
        As in :func:`qca.truth_table`, the same at every setting.
    include, dir_exp, exclude, all_sol, row_dom
        As in :func:`qca.minimize`, the same at every setting (``dir_exp``
        gives intermediate solutions).
    initial : (incl_cut, n_cut) or dict, optional
        The setting of the initial solution (IS) for the robustness fit;
        default the first setting of the grid. The other settings are the
        test solutions (TS).
    expression : Expression or str, optional
        An expression to track, e.g. a hypothesis ``"HARM*~THREAT"``.
    missing : {"error", "drop"}
        Missing-code policy of the truth tables (see :mod:`qca.data`).
    case_col : str, optional
    n_jobs : int, optional
        Run the settings in parallel through joblib (``-1``: every core;
        a Dask cluster under ``joblib.parallel_config(backend="dask")``);
        see :mod:`qca.parallel`. The result is the same as run serially.

    Returns
    -------
    Robustness

    Raises
    ------
    QCAError
        Bad data or cut-offs. A setting with no solution (no positive row,
        or no negative row with remainders) is reported in its ``note``,
        not raised.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"A": [1, 1, 1, 1, 0, 0], "B": [1, 1, 0, 0, 1, 0],
    ...                    "Y": [1, 1, 1, 0, 0, 0]}, index=list("pqrstu"))
    >>> rob = robustness(df, "Y", incl_cut=[1, 0.5], expression="A*B")
    >>> rob.settings[["solutions", "inclS", "covS", "term", "inside"]]
                          solutions  inclS      covS   term  inside
    setting
    incl_cut=1, n_cut=1       [A*B]   1.00  0.666667   True    True
    incl_cut=0.5, n_cut=1       [A]   0.75  1.000000  False    True
    >>> [str(i) for i in rob.robust_core], [str(i) for i in rob.partial]
    ([], ['A*B', 'A'])
    >>> rob.robustness_fit[["RF_cov", "RF_cons"]].round(3).tolist()
    [1.0, 1.0]
    """
    check_n_jobs(n_jobs)
    all_sol, row_dom = check_bool("all_sol", all_sol), check_bool("row_dom", row_dom)
    ics = _grid(incl_cut, "incl_cut", float)
    ncs = _grid(n_cut, "n_cut", int)
    cases = case_index(data, case_col)
    column, negated, conds = resolve_columns(data, outcome, conditions, case_col)
    out_name, y = outcome_values(data, outcome, cases)
    codes = {c: read_set(data, c, cases, multivalue=True) for c in conds}
    multivalue = any(col.kind == MULTIVALUE for col in codes.values())
    if initial is None:
        init = (ics[0], ncs[0])
    elif isinstance(initial, Mapping):
        unknown = set(initial) - {"incl_cut", "n_cut"}
        if unknown:
            raise QCAError(f"initial: unknown key {sorted(unknown)[0]!r}; give incl_cut and n_cut")
        init = (float(initial.get("incl_cut", ics[0])), int(initial.get("n_cut", ncs[0])))
    elif isinstance(initial, (tuple, list)) and len(initial) == 2:
        init = (float(initial[0]), int(initial[1]))
    else:
        raise QCAError(f"initial={initial!r}: give (incl_cut, n_cut) or {{'incl_cut': ..., 'n_cut': ...}}")
    expr = parse(expression) if expression is not None else None
    if expr is not None:
        unknown = [c for c in expr.conditions if c not in conds]
        if unknown:
            raise QCAError(f"expression {str(expr)!r}: unknown condition {unknown[0]!r}; "
                           f"the conditions are {', '.join(conds)}")
    settings = [(ic, nc) for ic in ics for nc in ncs]
    if init not in settings:
        settings = [init, *settings]

    common = dict(data=data, outcome=out_name, conditions=conds, pri_cut=pri_cut, missing=missing,
                  case_col=case_col, include=include, dir_exp=dir_exp, exclude=exclude, all_sol=all_sol,
                  row_dom=row_dom)
    runs: list[_Run] = map_jobs(run_setting, [dict(common, incl_cut=ic, n_cut=nc) for ic, nc in settings],
                                n_jobs=n_jobs)

    k = len(conds)
    expr_codes = expression_codes(expr, conds) if expr is not None and not multivalue else None
    mv_levels = [levels_of(codes[c]) for c in conds] if multivalue else []
    expr_terms = {t for t in expr.terms} if expr is not None else set()
    rows = []
    for r in runs:
        row: dict[str, Any] = {"incl_cut": r.incl_cut, "n_cut": r.n_cut}
        if r.solution is None:
            row.update({"solutions": [], "models": 0, "inclS": np.nan, "PRI": np.nan, "covS": np.nan,
                        "note": r.error})
            if expr is not None:
                row.update({"term": pd.NA, "inside": pd.NA})
        else:
            sol = r.solution
            f = sol.model_fit(0).to_frame().iloc[-1]
            row.update({"solutions": [str(s) for s in sol.solutions], "models": len(sol.solutions),
                        "inclS": f["inclS"], "PRI": f["PRI"], "covS": f["covS"], "note": ""})
            if expr is not None:
                row["term"] = all(expr_terms <= set(s.terms) for s in sol.solutions)
                if multivalue:
                    row["inside"] = all(inside_mv(expr, conds, mv_levels, sol.implicant_terms[list(c)])
                                        for c in sol.covers)
                else:
                    row["inside"] = all(_inside(expr_codes, _model_codes(sol, m)) for m in range(len(sol.solutions)))
        rows.append(row)
    frame = pd.DataFrame(rows, index=pd.Index([r.label for r in runs], name="setting"))
    if expr is not None:
        frame["term"] = frame["term"].astype("boolean")
        frame["inside"] = frame["inside"].astype("boolean")

    # implicants across settings
    ok = [r for r in runs if r.solution is not None]
    seen: dict[str, dict[str, bool]] = {}
    everywhere: dict[str, bool] = {}
    order: list[str] = []
    for r in ok:
        for s in r.solution.solutions:
            for term in s.terms:
                imp = str(term)
                if imp not in seen:
                    seen[imp] = {}
                    order.append(imp)
                seen[imp][r.label] = True
    for imp in order:
        everywhere[imp] = all(all(imp in {str(t) for t in s.terms} for s in r.solution.solutions) for r in ok)
    imp_rows = []
    for imp in order:
        present = {r.label: bool(seen[imp].get(r.label, False)) for r in ok}
        n_set = sum(present.values())
        imp_rows.append({**present, "settings": n_set, "share": n_set / len(ok), "robust": everywhere[imp]})
    implicants = pd.DataFrame(imp_rows, index=pd.Index(order, name="implicant"),
                              columns=[*(r.label for r in ok), "settings", "share", "robust"])

    # robustness fit (Oana & Schneider), with the first model of each setting
    n = len(cases)
    init_run = next(r for r in runs if (r.incl_cut, r.n_cut) == init)
    tests = [r for r in ok if r is not init_run]
    fit_values = dict.fromkeys(["RF_cov", "RF_cons", "RF_SC_minTS", "RF_SC_maxTS", "RCR_typ", "RCR_dev",
                                "RCC_Rank"], float("nan"))
    case_frame = pd.DataFrame(index=cases)

    def member(sol: Solution) -> np.ndarray:
        if multivalue:
            return model_membership(sol, 0, {c: col.values for c, col in codes.items()}, n)
        return sol.solutions[0].membership(data).to_numpy(dtype=float)

    if init_run.solution is not None and tests:
        s_is = member(init_run.solution)
        ts = [member(r.solution) for r in tests]
        min_ts, max_ts = kleene_and(ts, n), kleene_or(ts, n)
        rc = kleene_and([s_is, min_ts], n)
        ok_y = ~np.isnan(y)

        def incl_cov(x: np.ndarray) -> tuple[float, float]:
            d = ~np.isnan(x) & ok_y
            xy = _count(x[d], y[d])
            return _ratio(xy, float(x[d].sum())), _ratio(xy, float(y[d].sum()))

        is_incl, is_cov = incl_cov(s_is)
        rc_incl, rc_cov = incl_cov(rc)
        fit_values["RF_cov"] = _ratio(rc_cov, is_cov)
        fit_values["RF_cons"] = _ratio(is_incl, rc_incl)
        for key, other in (("RF_SC_minTS", min_ts), ("RF_SC_maxTS", max_ts)):
            d = ~np.isnan(s_is) & ~np.isnan(other)
            both = _count(s_is[d], other[d])
            either = float(np.maximum(s_is[d], other[d]).sum())
            fit_values[key] = _ratio(both, either)
        not_is, not_min = 1 - s_is, 1 - min_ts
        shaky = _count(s_is, not_min)
        possible = _count(not_is, max_ts)
        fit_values["RCC_Rank"] = float(1 + (possible > 0) + 2 * (shaky > 0))
        for key, side in (("RCR_typ", y), ("RCR_dev", 1 - y)):
            robust = _count(s_is, min_ts, side)
            fit_values[key] = _ratio(robust, _count(s_is, not_min, side) + _count(not_is, max_ts, side) + robust)
        types: list[Any] = []
        for a, lo, hi, yy in zip(s_is, min_ts, max_ts, y):
            ref = lo if a > 0.5 else hi
            if np.isnan(a) or np.isnan(ref) or np.isnan(yy):
                types.append(pd.NA)
            else:  # fuzzy sets: in a set means a membership above 0.5
                types.append(CASE_TYPES[(bool(a > 0.5), bool(ref > 0.5), bool(yy > 0.5))])
        fuzzy = any(bool(((v > 0) & (v < 1)).any()) for v in (s_is, min_ts, max_ts, y))

        def nb(x: np.ndarray) -> object:
            if fuzzy:
                return x
            return pd.array([pd.NA if np.isnan(v) else bool(v) for v in x], dtype="boolean")

        case_frame = pd.DataFrame({"IS": nb(s_is), "minTS": nb(min_ts), "maxTS": nb(max_ts), "RC": nb(rc),
                                   "Y": nb(y), "type": types}, index=cases)

    fit_expr = fit(expr, data, out_name, case_col=case_col) if expr is not None else None
    return Robustness(
        outcome=out_name,
        conditions=tuple(conds),
        include=parse_include(include),
        initial=_label(*init),
        expression=expr,
        diversity=limited_diversity(data, out_name, conds, case_col=case_col),
        expression_fit=fit_expr,
        _runs=tuple(runs),
        _frame=frame,
        _implicants=implicants,
        _fit=pd.Series(fit_values, name="robustness fit"),
        _cases=case_frame,
        _levels=tuple((c, levels_of(col)) for c, col in codes.items()) if multivalue else (),
        intermediate=dir_exp is not None and "?" in parse_include(include),
    )


@dataclass(frozen=True, repr=False)
class CalibrationRange(TableView):
    """How far each calibration anchor can move before the solution changes; see :func:`calibration_range`.

    Attributes
    ----------
    condition : str
        The condition whose raw values were calibrated.
    outcome : str
    thresholds : str
        The anchors swept, in R's notation (``"e=350, c=550, i=900"``).
    solution : str
        The first model (M1) at those anchors; ``""`` when there is none.
    step : float
        How far an anchor moves at each run.
    max_runs : int
        Runs per anchor and direction at most.
    incl_cut : float or (float, float)
    n_cut : int
    include : str
    runs : int
        How many analyses (truth table and minimization) the sweep made.

    Examples
    --------
    >>> import pandas as pd, qca
    >>> raw = pd.Series([1, 2, 3, 4, 5, 6], index=list("abcdef"))
    >>> df = pd.DataFrame({"A": [0] * 6, "Y": [0, 0, 0, 1, 1, 1]}, index=list("abcdef"))
    >>> r = qca.calibration_range(raw, 3.5, df, "Y", "A", step=0.25, max_runs=12)
    >>> r.solution, r.bounds("t1")
    ('A', (3.25, 6.0))
    """

    condition: str
    outcome: str
    thresholds: str
    solution: str
    step: float
    max_runs: int
    incl_cut: Any
    n_cut: int
    include: str
    runs: int
    _frame: pd.DataFrame = field(repr=False)

    @property
    def table(self) -> pd.DataFrame:
        """One row per anchor (``e``, ``c``, ``i``; ``t1``, ... for crisp cut points): ``lower``,
        ``threshold``, ``upper`` (NaN: unchanged as far as the sweep went), then ``below`` and
        ``above``: what one more step beyond the bound gives (the new first model, ``no solution``,
        or why the analysis fails), or how far the sweep went unchanged."""
        return self._frame.copy()

    def to_frame(self) -> pd.DataFrame:
        """Same as :attr:`table`."""
        return self.table

    def _display_frame(self) -> pd.DataFrame:
        """Anchor values as the user writes them (``350``, ``0.25``), ``-`` where the sweep saw no change."""
        shown = self._frame.astype(object)
        for col in ("lower", "threshold", "upper"):
            shown[col] = ["-" if np.isnan(v) else f"{v:g}" for v in self._frame[col]]
        return shown

    def bounds(self, anchor: str) -> tuple[float, float]:
        """``(lower, upper)`` of one anchor (NaN where the sweep never saw the solution change).

        Examples
        --------
        >>> import pandas as pd
        >>> raw = pd.Series([1, 2, 3, 4, 5, 6], index=list("abcdef"))
        >>> df = pd.DataFrame({"A": [0] * 6, "Y": [0, 0, 0, 1, 1, 1]}, index=list("abcdef"))
        >>> r = calibration_range(raw, 3.5, df, "Y", "A", step=0.25, max_runs=12)
        >>> r.bounds("t1")
        (3.25, 6.0)
        """
        if anchor not in self._frame.index:
            raise QCAError(f"no anchor {anchor!r}; the anchors are: " + ", ".join(map(str, self._frame.index)))
        row = self._frame.loc[anchor]
        return float(row["lower"]), float(row["upper"])

    @property
    def title(self) -> str:  # type: ignore[override]
        model = self.solution or "no solution"
        return (f"Calibration range of {self.condition} ({self.thresholds}): anchors that keep "
                f"M1 = {model} for {self.outcome}")

    def _notes(self) -> list[str]:
        notes = [f"each anchor moved by {self.step:g} at most {self.max_runs} times each way, the others kept; "
                 f"lower/upper: the last values with the same M1 ({self.runs} analyses)"]
        if self._frame[["lower", "upper"]].isna().to_numpy().any():
            notes.append("'-': M1 never changed within the sweep (the range reaches at least that far; "
                         "raise max_runs or step to see further)")
        return notes

    def _summary_info(self) -> list[tuple[str, Any]]:
        from . import __version__

        return [("Outcome:", self.outcome), ("Condition:", self.condition), ("Thresholds:", self.thresholds),
                ("M1:", self.solution or "no solution"), ("incl_cut:", self.incl_cut), ("n_cut:", self.n_cut),
                ("include:", repr(self.include)), ("Step:", f"{self.step:g}"), ("Max runs:", self.max_runs),
                ("Analyses:", self.runs), ("qca version:", __version__)]


def _first_clause(err: Exception) -> str:
    """An error message up to its first colon: what went wrong, without the advice (for a table cell)."""
    text = str(err)
    return text.split(": ", 1)[0] if ": " in text else text


def _aligned_raw(raw: Any, data: pd.DataFrame, condition: str) -> Any:
    """The raw values in the order of ``data``'s cases: a Series is matched by case name, never by position
    unless it carries no names (a plain 0..n-1 index); anything else must have one value per case."""
    if isinstance(raw, pd.Series):
        index = raw.index
        if index.equals(data.index):
            return raw
        plain = isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1
        if set(index) == set(data.index) and index.is_unique:
            return raw.reindex(data.index)
        if plain and len(raw) == len(data):
            return pd.Series(raw.to_numpy(), index=data.index, name=raw.name)
        missing = [str(c) for c in data.index if c not in set(index)]
        extra = [str(c) for c in index if c not in set(data.index)]
        raise QCAError(
            f"the raw values of {condition!r} do not name the same cases as the data: "
            + (f"no raw value for {', '.join(missing[:5])}{' ...' if len(missing) > 5 else ''}" if missing else "")
            + ("; " if missing and extra else "")
            + (f"raw values for cases not in the data: {', '.join(extra[:5])}{' ...' if len(extra) > 5 else ''}"
               if extra else "")
            + ("" if missing or extra else "repeated case names in the raw values")
            + "; give the raw column of the same cases (a Series indexed by case name)")
    values = np.ravel(np.asarray(raw, dtype=object))
    if len(values) != len(data):
        raise QCAError(f"raw has {len(values)} values for the {len(data)} cases of the data: give one raw value "
                       f"of {condition!r} per case, in the data's order")
    return pd.Series(values, index=data.index, name=condition)


def calibration_range(
    raw: Any,
    thresholds: Any,
    data: pd.DataFrame,
    outcome: str,
    condition: str,
    conditions: Any = None,
    *,
    step: float = 1.0,
    max_runs: int = 20,
    incl_cut: float = 1,
    n_cut: int = 1,
    include: str = "",
    type: str | None = None,
    logistic: bool = True,
    idm: float = 0.95,
) -> CalibrationRange:
    """For each anchor of one condition, the range over which the solution stays the same.

    SetMethods' ``rob.calibrange``: ``condition`` in ``data`` is replaced by
    ``qca.calibrate(raw, thresholds)`` and the first model (M1) of the
    solution is found; then each anchor in turn is moved down and up by
    ``step`` (the others kept) until M1 changes, the calibration becomes
    invalid (anchors out of order, crossover outside the data) or
    ``max_runs`` steps are taken. The bounds are the last anchor values
    that still give the same M1; ``NaN`` means it never changed within
    ``max_runs`` steps (the range reaches at least that far).

    Parameters
    ----------
    raw : pandas.Series or array-like
        The raw values of ``condition``. A Series is matched to the data's
        cases by case name (its order does not matter); an array must hold
        one value per case in the data's order.
    thresholds : str, dict or float or sequence
        The anchors, as for :func:`qca.calibrate`: ``"e=350, c=550, i=900"``
        (fuzzy, direct) or cut points (crisp).
    data : pandas.DataFrame
        The cases with the outcome and the other conditions as sets.
    outcome : str
    condition : str
        The column of ``data`` that the calibrated values replace.
    conditions : str or sequence of str, optional
        As for :func:`qca.truth_table`; by default every other column.
    step : float
        How far an anchor moves at each run.
    max_runs : int
        Steps per anchor and direction at most.
    incl_cut, n_cut : float, int
        As for :func:`qca.truth_table`.
    include : str
        As for :func:`qca.minimize` (``"?"``: the parsimonious solution).
    type : {"fuzzy", "crisp"}, optional
        As for :func:`qca.calibrate`; by default fuzzy for named anchors
        (``e=, c=, i=``) and crisp for plain cut points.
    logistic, idm : bool, float
        As for :func:`qca.calibrate` (the direct method's function).

    Returns
    -------
    CalibrationRange
        One row per anchor (``e, c, i``; or ``t1, ...`` for crisp cut
        points): ``lower``, ``threshold``, ``upper``, and in ``below`` and
        ``above`` what the next step beyond each bound gives.

    Raises
    ------
    QCAError
        When ``condition`` is no column of the data or not among
        ``conditions``, the raw values do not match the data's cases,
        ``step`` or ``max_runs`` is not positive, or the analysis fails at
        the given thresholds.

    Examples
    --------
    >>> import qca
    >>> lr, lf = qca.datasets.load("LR"), qca.datasets.load("LF")
    >>> r = qca.calibration_range(lr["DEV"], "e=350, c=550, i=900", lf, "SURV", "DEV",
    ...                           incl_cut=0.8, include="?", step=10, max_runs=5)
    >>> r.solution
    'URB*STB'
    >>> r.table[["lower", "threshold", "upper"]]
            lower  threshold  upper
    anchor
    e         NaN      350.0  390.0
    c         NaN      550.0  580.0
    i         NaN      900.0    NaN
    >>> r.table.loc["c", "above"]
    '590: DEV*~IND + URB*STB'

    Recalibrated from the raw values, DEV gives the first model
    ``URB*STB``; moving the exclusion anchor to 400 or the crossover to
    590 brings back ``DEV*~IND`` (the solution R finds on the published,
    rounded memberships of ``LF``); no anchor changes it when moved down by
    up to 50.
    """
    from .calibrate import calibrate, parse_thresholds

    case_index(data)  # a DataFrame of named cases, or a QCAError saying what it is instead
    if condition not in data.columns:
        raise QCAError(f"condition {condition!r} is not a column of the data (columns: "
                       + ", ".join(map(str, data.columns)) + ")")
    _, _, conds = resolve_columns(data, outcome, conditions, None)
    if condition not in conds:
        raise QCAError(f"condition {condition!r} is not among the conditions {', '.join(conds)}: "
                       "add it to conditions, or leave conditions out (every other column)")
    if isinstance(step, bool) or not isinstance(step, (int, float, np.integer, np.floating)) \
            or not np.isfinite(step) or step <= 0:
        raise QCAError(f"step={step!r}: give a positive step (how far an anchor moves at each run)")
    if isinstance(max_runs, bool) or not isinstance(max_runs, (int, np.integer)) or max_runs < 1:
        raise QCAError(f"max_runs={max_runs!r}: give a whole number of steps, at least 1")
    if type not in (None, "fuzzy", "crisp"):
        raise QCAError(f"type={type!r}: choose 'fuzzy' or 'crisp' (or leave it out)")
    values_raw = _aligned_raw(raw, data, condition)
    anchors = parse_thresholds(thresholds)
    kind = type if type is not None else ("crisp" if anchors.names is None else "fuzzy")
    names = anchors.names or tuple(f"t{k + 1}" for k in range(len(anchors.values)))
    runs = 0

    def first_model(values: Sequence[float]) -> tuple[str | None, str]:
        """M1 at these anchors (None when the analysis fails) and what to say of it."""
        nonlocal runs
        runs += 1
        spec: Any = dict(zip(anchors.names, values)) if anchors.names is not None else list(values)
        try:
            memberships = calibrate(values_raw, spec, type=kind, logistic=logistic, idm=idm)
        except QCAError as err:
            return None, f"calibration invalid: {_first_clause(err)}"
        frame = data.copy()
        frame[condition] = np.asarray(memberships, dtype=float)
        try:
            sol = minimize(truth_table(frame, outcome, conds, incl_cut=incl_cut, n_cut=n_cut), include=include)
        except QCAError as err:
            return None, f"analysis fails: {_first_clause(err)}"
        model = str(sol.solutions[0]) if sol.solutions else ""
        return model, (model or "no solution")

    base, said = first_model(anchors.values)
    if base is None:
        raise QCAError(f"the analysis fails at the given thresholds {anchors}: {said}")
    rows = {}
    for k, name in enumerate(names):
        bound: dict[str, Any] = {}
        for side, beyond, sign in (("lower", "below", -1), ("upper", "above", 1)):
            last = anchors.values[k]
            what = ""
            for run in range(1, max_runs + 1):
                values = list(anchors.values)
                values[k] = anchors.values[k] + sign * run * step
                model, said = first_model(values)
                if model != base:
                    what = f"{values[k]:g}: {said}"
                    break
                last = values[k]
            else:
                what = f"M1 unchanged to {last:g}"
                last = float("nan")
            bound[side], bound[beyond] = last, what
        rows[name] = {"lower": bound["lower"], "threshold": anchors.values[k], "upper": bound["upper"],
                      "below": bound["below"], "above": bound["above"]}
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index.name = "anchor"
    return CalibrationRange(
        condition=condition, outcome=outcome, thresholds=str(anchors), solution=base, step=float(step),
        max_runs=int(max_runs), incl_cut=float(incl_cut), n_cut=int(n_cut), include=include, runs=runs,
        _frame=frame)
