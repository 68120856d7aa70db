"""Every conjunction or disjunction of conditions that passes the cut-offs (R's ``superSubset``).

:func:`super_subset` searches the expressions built from the conditions and
their negations, level by level (one literal, two, three, ...):

necessity (``relation="necessity"``)
    Each conjunction of the level's literals is listed when its ``inclN``
    and ``covN`` reach the cut-offs. When a conjunction fails, the
    disjunction of the same literals (``A + ~B``) is tried; it is listed
    when it passes, unless it contains a conjunction or a disjunction
    already listed at a lower level (only the smallest necessary
    disjunctions are kept: SUIN conditions, Mahoney 2008). Conjunctions come
    first in the result, then disjunctions, each in the order found.
sufficiency (``relation="sufficiency"``)
    Each conjunction is listed when ``inclS`` and ``covS`` reach the
    cut-offs, unless a conjunction listed at a lower level is part of it:
    only the smallest sufficient conjunctions are kept.

As R's QCA: levels one to three always run; from level four on, once
anything has been found, the search goes one level further only while the
last level found something. ``depth`` caps the number of literals.
``incl_cut`` and ``cov_cut`` allow for float rounding (R's tolerance of
about 1.5e-8); then rows are kept when ``RoN >= ron_cut`` (necessity) or
``PRI >= pri_cut`` (sufficiency). Within a level, combinations of
conditions come in lexicographic order, and for each, the value patterns
with the first condition varying slowest, ``~X`` before ``X``.

Missing codes are never guessed: memberships come from three-valued logic
(``A*B`` is false for a case with ``A = 0`` whatever ``B`` is), each
parameter uses the cases whose memberships in the expression and the
outcome are both known, and the others are listed in
:attr:`SuperSubset.undecided`. A ratio whose numerator and denominator are
both zero is 0, as in R.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from time import monotonic
from itertools import combinations, product
from math import comb
from typing import Callable, Sequence

import numpy as np
import pandas as pd

from .data import case_index, resolve_columns
from .errors import QCAError
from .validate import check_callable
from .expression import Expression, Term
from .fit import outcome_set
from .sets import CRISP, FUZZY, MULTIVALUE, SetColumn, fuzzy_and, fuzzy_or, levels_of, read_set
from .tables import TableView

__all__ = ["SuperSubset", "super_subset"]

#: R's tolerance on incl_cut and cov_cut (sqrt of the machine epsilon)
TOLERANCE = float(np.sqrt(np.finfo(float).eps))

_RELATIONS = {
    "necessity": ("necessity", False),
    "nec": ("necessity", False),
    "sufficiency": ("sufficiency", False),
    "suf": ("sufficiency", False),
    "sufnec": ("sufficiency", True),
    "necsuf": ("necessity", True),
}


@dataclass(frozen=True, repr=False)
class SuperSubset(TableView):
    """Expressions that pass the cut-offs; see :func:`super_subset`.

    Attributes
    ----------
    outcome : str
    relation : str
        ``"necessity"``, ``"sufficiency"``, ``"sufnec"`` or ``"necsuf"``.
    incl_cut, cov_cut, ron_cut, pri_cut : float
    depth : int
        The largest number of literals searched.

    Examples
    --------
    >>> import qca
    >>> ss = qca.super_subset(qca.datasets.load("LC"), "SURV", incl_cut=0.9, cov_cut=0.6)
    >>> "DEV" in [str(e) for e in ss.expressions]
    True
    """

    outcome: str
    relation: str
    incl_cut: float
    cov_cut: float
    ron_cut: float
    pri_cut: float
    depth: int
    _frame: pd.DataFrame = field(repr=False)
    _expressions: tuple[Expression, ...] = field(repr=False)
    _undecided: tuple[tuple[str, tuple[str, ...]], ...] = field(repr=False, default=())

    @property
    def expressions(self) -> list[Expression]:
        """The expressions found, in the order of the table."""
        return list(self._expressions)

    def to_frame(self) -> pd.DataFrame:
        """Column ``expression`` (QCA notation), then one column per parameter.

        Necessity: ``inclN``, ``RoN``, ``covN``; sufficiency: ``inclS``,
        ``PRI``, ``covS``. (``sufnec``: ``inclS``, ``PRI``, ``inclN``;
        ``necsuf``: ``inclN``, ``RoN``, ``inclS``.)
        """
        return self._frame.copy()

    def __len__(self) -> int:
        return len(self._frame)

    @property
    def undecided(self) -> dict[str, list[str]]:
        """For each expression, the cases whose membership missing codes leave open."""
        return {k: list(v) for k, v in self._undecided}

    @property
    def title(self) -> str:  # type: ignore[override]
        nec = self.relation in ("necessity", "necsuf")
        param = "inclN" if nec else "inclS"
        kind = "necessary" if nec else "sufficient"
        line = f"superSubset: {kind} expressions for {self.outcome} ({param} >= {self.incl_cut:g}"
        if self.cov_cut:
            line += f", {'covN' if nec else 'covS'} >= {self.cov_cut:g}"
        if nec and self.ron_cut:
            line += f", RoN >= {self.ron_cut:g}"
        if not nec and self.pri_cut:
            line += f", PRI >= {self.pri_cut:g}"
        return line + ")"

    def _notes(self) -> list[str]:
        notes = [f"undecided for {label}: {', '.join(c)}" for label, c in self._undecided if c]
        if not len(self._frame):
            notes.append("no expression passes these cut-offs")
        return notes


def _ratio(num: float, den: float) -> float:
    """R's guard: 0/0 is 0."""
    if num == 0 and den == 0:
        return 0.0
    return num / den if den else float("inf")


def _bits(mask: np.ndarray) -> int:
    return int.from_bytes(np.packbits(mask.astype(bool), bitorder="little").tobytes(), "little")


def super_subset(
    data: pd.DataFrame,
    outcome: str,
    conditions: Sequence[str] | str | None = None,
    relation: str = "necessity",
    incl_cut: float = 1,
    cov_cut: float = 0,
    ron_cut: float = 0,
    pri_cut: float = 0,
    depth: int | None = None,
    *,
    case_col: str | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> SuperSubset:
    """All conjunctions (and, for necessity, disjunctions) that pass the cut-offs, as R's ``superSubset``.

    Parameters
    ----------
    data : pandas.DataFrame
        Crisp codes (0/1), fuzzy memberships (in [0, 1]) or multi-value
        levels (0..m-1: each level ``X[v]`` is a literal, as R's
        ``superSubset`` takes them; multi-value and fuzzy conditions do not
        mix), missing values allowed; case names in the index or ``case_col``.
    outcome : str
        ``"Y"`` or ``"~Y"``; ``"Y[2]"`` for one level of a multi-value outcome.
    conditions : list of str, optional
        Default: every column except the outcome.
    relation : {"necessity", "sufficiency", "sufnec", "necsuf"}
        ``"sufnec"``/``"necsuf"`` also require the coverage to reach
        ``incl_cut`` (R's ``cov.cut = incl.cut``).
    incl_cut : float
        Minimum inclN (necessity) or inclS (sufficiency).
    cov_cut : float
        Minimum covN or covS.
    ron_cut : float
        Minimum relevance of necessity (necessity only).
    pri_cut : float
        Minimum PRI (sufficiency only).
    depth : int, optional
        Largest number of literals in an expression (default: all conditions).
    case_col : str, optional
    progress : callable, optional
        ``progress(stage, done, total)``, called at the start of each depth
        and every few thousand expressions tried (``stage`` is
        ``"super_subset depth 2"``, ``done`` and ``total`` count the
        expressions of that depth). Raise from it (e.g. KeyboardInterrupt)
        to stop the search.

    Returns
    -------
    SuperSubset
        ``to_frame()``: ``expression`` and the parameters, one row per
        expression found (none when nothing passes).

    Raises
    ------
    QCAError
        Unknown columns, codes other than 0/1, cut-offs outside [0, 1],
        an unknown relation or a depth below 1.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"A": [1, 1, 1, 0, 0], "B": [1, 0, 1, 1, 0], "C": [0, 1, 1, 0, 0],
    ...                    "Y": [1, 1, 1, 0, 0]}, index=list("pqrst"))
    >>> super_subset(df, "Y", incl_cut=1).to_frame()
      expression  inclN  RoN  covN
    0          A    1.0  1.0  1.00
    1      B + C    1.0  0.5  0.75
    >>> super_subset(df, "Y", relation="sufficiency").to_frame()
      expression  inclS  PRI      covS
    0          A    1.0  1.0  1.000000
    1          C    1.0  1.0  0.666667

    Multi-value data (R's LM: ``DEV`` has levels 0, 1, 2):

    >>> import qca
    >>> lm = qca.datasets.load("LM")
    >>> super_subset(lm, "SURV", ["DEV", "STB"], relation="sufficiency").to_frame()
       expression  inclS  PRI   covS
    0      DEV[2]    1.0  1.0  0.625
    1  DEV[1]*STB    1.0  1.0  0.375
    >>> super_subset(lm, "SURV", ["DEV", "IND"], incl_cut=0.9).to_frame()
         expression  inclN  RoN  covN
    0  DEV[1] + IND    1.0  0.8   0.8
    """
    check_callable("progress", progress, "progress(stage, done, total)")
    rel_key = relation.strip().lower() if isinstance(relation, str) else relation
    if rel_key not in _RELATIONS:
        raise QCAError(f"relation={relation!r}: choose one of necessity, sufficiency, sufnec, necsuf")
    kind, both = _RELATIONS[rel_key]
    nec = kind == "necessity"
    for name, v in (("incl_cut", incl_cut), ("cov_cut", cov_cut), ("ron_cut", ron_cut), ("pri_cut", pri_cut)):
        if isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating)) or not 0 <= float(v) <= 1:
            raise QCAError(f"{name}={v!r}: give a number in [0, 1]")
    if both:
        cov_cut = incl_cut
    cases = case_index(data, case_col)
    column, negated, conds = resolve_columns(data, outcome, conditions, case_col)
    k = len(conds)
    if depth is None:
        depth = k
    if isinstance(depth, bool) or not isinstance(depth, (int, np.integer)) or depth < 1:
        raise QCAError(f"depth={depth!r}: give a whole number of literals, at least 1")
    depth = min(int(depth), k)

    label, column, y_values = outcome_set(data, outcome, cases)
    sets = [read_set(data, c, cases, multivalue=True) for c in conds]
    levels = [levels_of(st) if st.kind != FUZZY else 2 for st in sets]
    multi = {conds[i]: m for i, (st, m) in enumerate(zip(sets, levels)) if st.kind == MULTIVALUE}
    if multi and any(st.kind == FUZZY for st in sets):
        raise QCAError("multi-value conditions (" + ", ".join(multi) + ") cannot be mixed with fuzzy ones ("
                       + ", ".join(c for c, st in zip(conds, sets) if st.kind == FUZZY) + "), as in R's QCA")
    ys = SetColumn(column, FUZZY if ((y_values > 0) & (y_values < 1)).any() else CRISP, y_values)
    negated = False  # outcome_set has applied the negation
    ic = float(incl_cut) - TOLERANCE
    cc = float(cov_cut) - TOLERANCE if cov_cut > 0 else float(cov_cut)

    if ys.kind == FUZZY or any(st.kind == FUZZY for st in sets):  # (no multi-value condition here)
        # fuzzy sets: sums of memberships (minimum for AND, maximum for OR, Kleene for missing)
        yv = 1.0 - ys.values if negated else ys.values
        n_cases = len(cases)
        lit_f = [(st.values, 1.0 - st.values) for st in sets]

        def fparams(x: np.ndarray) -> tuple[float, float, float, int]:
            ok = ~np.isnan(x) & ~np.isnan(yv)
            xo, yo = x[ok], yv[ok]
            xy = float(np.minimum(xo, yo).sum())
            sx, sy = float(xo.sum()), float(yo.sum())
            if nec:
                return (_ratio(xy, sy), _ratio(float((1 - xo).sum()), float((1 - np.minimum(xo, yo)).sum())),
                        _ratio(xy, sx), _bits(ok))
            both = float(np.minimum(np.minimum(xo, yo), 1 - yo).sum())
            return _ratio(xy, sx), _ratio(xy - both, sx - both), _ratio(xy, sy), _bits(ok)

        def conj_params(lits: tuple[tuple[int, int], ...]) -> tuple[float, float, float, int]:
            return fparams(fuzzy_and([lit_f[ci][0] if val else lit_f[ci][1] for ci, val in lits], n_cases))

        def disj_params(lits: tuple[tuple[int, int], ...]) -> tuple[float, float, float, int]:
            return fparams(fuzzy_or([lit_f[ci][0] if val else lit_f[ci][1] for ci, val in lits], n_cases))
    else:
        y_na = ys.missing
        y_val = ys.values == 1.0
        ty, fy = _bits(y_val & ~y_na), _bits(~y_val & ~y_na)
        if negated:
            ty, fy = fy, ty
        known_y = ty | fy
        lit_t: list[list[tuple[int, int]]] = []  # per condition and level: (true mask, false mask)
        for st, m in zip(sets, levels):
            na = st.missing
            per_level = []
            for level_ in range(m):
                v = st.values == float(level_)
                per_level.append((_bits(v & ~na), _bits(~v & ~na)))
            lit_t.append(per_level)

        def params(t: int, f: int) -> tuple[float, float, float, int]:
            d = (t | f) & known_y
            n_x = (t & d).bit_count()
            n_y = (ty & d).bit_count()
            n_xy = (t & ty & d).bit_count()
            n = d.bit_count()
            if nec:
                return _ratio(n_xy, n_y), _ratio(n - n_x, n - n_xy), _ratio(n_xy, n_x), d
            return _ratio(n_xy, n_x), _ratio(n_xy, n_x), _ratio(n_xy, n_y), d

        def conj_params(lits: tuple[tuple[int, int], ...]) -> tuple[float, float, float, int]:
            tc, fc = -1, 0
            for ci, val in lits:
                t, f = lit_t[ci][val]
                tc &= t
                fc |= f
            return params(tc, fc)

        def disj_params(lits: tuple[tuple[int, int], ...]) -> tuple[float, float, float, int]:
            td, fd = 0, -1
            for ci, val in lits:
                t, f = lit_t[ci][val]
                td |= t
                fd &= f
            return params(td, fd)

    conj: list[tuple[tuple[tuple[int, int], ...], tuple[float, float, float], int]] = []
    disj: list[tuple[tuple[tuple[int, int], ...], tuple[float, float, float], int]] = []
    found_k = 1
    n_conj_before = n_disj_before = 0
    level = 1
    tried = 0
    while level <= depth and found_k:
        if conj or disj:
            if level > 3:
                found_k = 0
        total = comb(k, level) << level if not multi else _combinations_of_levels(levels, level)
        stage = f"super_subset depth {level}"
        tried = 0
        if progress is not None:
            progress(stage, 0, total)
            said = monotonic()
        for n_combo, combo in enumerate(combinations(range(k), level)):
            # every 1024 combinations, and at least every half second (a combination can get slow
            # as the list of found expressions grows): never silent for long
            if progress is not None and n_combo and (not n_combo % 1024 or monotonic() - said >= 0.5):
                progress(stage, min(n_combo << level, total) if not multi else tried, total)
                said = monotonic()
            patterns = product((0, 1), repeat=level) if not multi else product(*(range(levels[c]) for c in combo))
            for pattern in patterns:
                tried += 1
                lits = tuple(zip(combo, pattern))
                incl, mid, cov, dec = conj_params(lits)
                if incl >= ic and cov >= cc:
                    if not nec and _contains_earlier(lits, conj[:n_conj_before]):
                        continue
                    conj.append((lits, (incl, mid, cov), dec))
                    found_k += 1
                elif nec:
                    incl, mid, cov, dec = disj_params(lits)
                    if incl >= ic and cov >= cc:
                        if _contains_earlier(lits, conj[:n_conj_before]) or \
                                _contains_earlier(lits, disj[:n_disj_before]):
                            continue
                        disj.append((lits, (incl, mid, cov), dec))
                        found_k += 1
        n_conj_before, n_disj_before = len(conj), len(disj)
        level += 1

    names = list(conds)
    if nec:
        cols = ["inclN", "RoN", "inclS" if both else "covN"]
        keep_col, keep_cut = 1, float(ron_cut)
    else:
        cols = ["inclS", "PRI", "inclN" if both else "covS"]
        keep_col, keep_cut = 1, float(pri_cut)
    exprs: list[Expression] = []
    rows: list[list[float]] = []
    undecided: list[tuple[str, tuple[str, ...]]] = []
    everyone = (1 << len(cases)) - 1
    for kind_rows, is_disj in ((conj, False), (disj, True)):
        for lits, vals, dec in kind_rows:
            if vals[keep_col] < keep_cut:
                continue
            pairs = [(names[ci], val) for ci, val in lits]
            terms = tuple(Term((p,)) for p in pairs) if is_disj else (Term(tuple(pairs)),)
            expr = Expression(terms, multi or None)
            exprs.append(expr)
            rows.append(list(vals))
            open_ = everyone & ~dec
            undecided.append((str(expr), tuple(c for i, c in enumerate(cases) if open_ >> i & 1)))
    frame = pd.DataFrame(rows, columns=cols, dtype=float)
    frame.insert(0, "expression", [str(e) for e in exprs])
    return SuperSubset(
        outcome=label,
        relation=rel_key if rel_key in ("sufnec", "necsuf") else kind,
        incl_cut=float(incl_cut),
        cov_cut=float(cov_cut),
        ron_cut=float(ron_cut),
        pri_cut=float(pri_cut),
        depth=depth,
        _frame=frame,
        _expressions=tuple(exprs),
        _undecided=tuple(undecided),
    )


def _combinations_of_levels(levels: Sequence[int], size: int) -> int:
    """Number of conjunctions of ``size`` literals, one level each of distinct conditions."""
    e = [1] + [0] * size  # elementary symmetric sums of the numbers of levels
    for m in levels:
        for j in range(size, 0, -1):
            e[j] += e[j - 1] * m
    return e[size]


def _contains_earlier(lits: tuple[tuple[int, int], ...], found: Sequence[tuple]) -> bool:
    """Whether all the literals of some earlier-level expression are among ``lits``."""
    have = set(lits)
    return any(set(prev).issubset(have) for prev, _, _ in found)
