"""Intermediate solutions: the complex solution simplified by easy counterfactuals only.

The standard analysis of Ragin and Sonnett (2005), as R's QCA computes it
with ``minimize(..., dir.exp = ...)``. Call it through
:func:`qca.minimize` with ``include="?"`` and ``dir_exp``::

    sol = qca.minimize(tt, include="?", dir_exp={"A": 1, "B": 0})
    sol.solutions                              # every distinct intermediate solution
    sol.intermediate["C1P1"].easy_counterfactuals

Directional expectations
------------------------
A directional expectation says which value of a condition is expected to
contribute to the outcome. They can be written

* as a dict ``{"A": 1, "B": 0, "C": "-"}`` (``"-"`` or ``None``: no
  expectation; ``"0;1"`` or ``(0, 1)``: either value), conditions left out
  having none. This is R's positional form ``c(1, 0, "-")``, which is also
  accepted as a list or a string ``"1, 0, -"`` with one entry per condition;
* as an expression in R's forms ``"A, ~B"``, ``["A", "~B"]`` or
  ``"A + ~B"``; a term of several literals (``"A*B"``) is a conjunctural
  expectation. The expression is first reduced to its minimal sum of
  products, as R does (``"A*B + A*~B"`` is the expectation ``A``).

Procedure (per complex model ``c`` and parsimonious model ``p``, named ``CcPp``)
------------------------------------------------------------------------------
1. Every term of ``c`` that is a subset of a term of ``p`` is widened: a
   literal that ``p``'s term dropped is dropped here too when an
   expectation for that condition points the other way (``~URB`` goes when
   ``URB`` is expected). A literal with no expectation, or in line with
   it, stays.
2. The easy counterfactuals are the simplifying assumptions of ``p`` (the
   remainders inside it) that fall in a widened term; the others are the
   difficult counterfactuals.
3. The intermediate solution minimizes the positive rows together with the
   easy counterfactuals (Quine-McCluskey), with the prime-implicant chart
   on the positive rows, the same ``all_sol`` and ``row_dom`` as the rest.

When no expectation is given for any condition (all ``"-"``), the
intermediate solution is the complex one. Like R 3.25, conjunctural
expectations are applied one at a time, each starting again from the
complex term, so with several of them (or mixed with single-condition
ones) only the last one decides; write single-condition expectations to
avoid that.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from .chart import Covers
from .errors import QCAError
from .expression import Expression, Term, parse
from .implicants import covers, prime_implicants
from .minimize import (Solution, chart_solution, implicants_of, merge_solutions, minimal_sums, minimize_table,
                       rows_frame)
from .tables import TableView
from .truth_table import TruthTable

__all__ = ["Intermediate", "directional_expectations"]


@dataclass(frozen=True, repr=False)
class Intermediate(TableView):
    """The intermediate result of one complex and one parsimonious model (R's ``i.sol$C1P1``).

    Attributes
    ----------
    name : str
        ``"C1P1"``: complex model 1 with parsimonious model 1.
    complex : Expression
        The complex (conservative) model.
    parsimonious : Expression
        The parsimonious model.
    solution : Solution
        The intermediate solution(s) of this pair, with fit and PI chart.
    easy_counterfactuals : pandas.DataFrame
        Remainders of the parsimonious model consistent with the
        expectations: index R's row number, one column per condition.
    difficult_counterfactuals : pandas.DataFrame
        The parsimonious model's other remainders.

    Examples
    --------
    >>> import qca
    >>> lc = qca.datasets.load("LC")
    >>> sol = qca.minimize(qca.truth_table(lc, "SURV"), include="?", dir_exp="DEV, URB, LIT, IND, STB")
    >>> name, inter = next(iter(sol.intermediate.items()))
    >>> name, str(inter.complex), str(inter.parsimonious), str(inter.solution.solutions[0])
    ('C1P1', 'DEV*~URB*LIT*STB + DEV*LIT*IND*STB', 'DEV*STB', 'DEV*LIT*STB')
    """

    name: str
    complex: Expression
    parsimonious: Expression
    solution: Solution
    easy_counterfactuals: pd.DataFrame = field(repr=False)
    difficult_counterfactuals: pd.DataFrame = field(repr=False)

    @property
    def solutions(self) -> list[Expression]:
        """The intermediate solution(s) of this pair."""
        return self.solution.solutions

    @property
    def fit(self) -> pd.DataFrame:
        """Fit of each of this pair's solutions (as :attr:`Solution.fit`)."""
        return self.solution.fit

    def to_frame(self) -> pd.DataFrame:
        """Same as :attr:`fit`."""
        return self.fit

    @property
    def title(self) -> str:  # type: ignore[override]
        lines = [f"{self.name}: from complex {self.complex} and parsimonious {self.parsimonious}"]
        for i, s in enumerate(self.solutions):
            lines.append(f"  M{i + 1}: {s}")
        return "\n".join(lines)

    def _notes(self) -> list[str]:
        ec = self.easy_counterfactuals.index.tolist()
        dc = self.difficult_counterfactuals.index.tolist()
        return [
            "easy counterfactuals: rows " + (", ".join(map(str, ec)) if ec else "none"),
            "difficult counterfactuals: rows " + (", ".join(map(str, dc)) if dc else "none"),
        ]


# ------------------------------------------------------------------ parsing
_OLD_FORM = re.compile(r"^[\d\s,;\-]*$")


def _values(name: str, value: Any) -> list[int]:
    """The expected values of one condition in the positional/dict form."""
    if value is None:
        return []
    if isinstance(value, (bool, np.bool_)):
        raise QCAError(f"dir_exp: condition {name!r} has {value!r}; give 1 (present), 0 (absent) or '-' (none)")
    if isinstance(value, (int, np.integer, float, np.floating)):
        items: list[Any] = [value]
    elif isinstance(value, str):
        text = value.strip()
        if text in ("", "-"):
            return []
        items = [v.strip() for v in text.split(";")]
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = list(value)
    else:
        raise QCAError(f"dir_exp: condition {name!r} has {value!r}; give 1 (present), 0 (absent) or '-' (none)")
    out: list[int] = []
    for v in items:
        if isinstance(v, str) and v.strip() == "-":
            continue
        try:
            num = float(v)
        except (TypeError, ValueError):
            num = float("nan")
        if num not in (0.0, 1.0) or isinstance(v, (bool, np.bool_)):
            raise QCAError(f"dir_exp: condition {name!r} has the value {v!r}; crisp expectations are 1, 0 or '-'")
        if int(num) not in out:
            out.append(int(num))
    return out


def _from_values(pairs: Sequence[tuple[str, Any]], conditions: Sequence[str]) -> Expression:
    known = set(conditions)
    given: dict[str, list[int]] = {}
    for name, value in pairs:
        name = str(name).strip()
        if name not in known:
            raise QCAError(f"dir_exp: unknown condition {name!r}; the truth table has {', '.join(conditions)}")
        if name in given:
            raise QCAError(f"dir_exp: condition {name!r} is given twice")
        given[name] = _values(name, value)
    terms = [Term(((c, v),)) for c in conditions for v in given.get(c, [])]
    return Expression(tuple(terms))


def _minimal_sop(expr: Expression, conditions: Sequence[str], original: Any) -> Expression:
    """The unique minimal sum of products of ``expr`` (R's ``simplify`` of the expectations)."""
    sums = minimal_sums(expr, conditions)
    if not sums[0].terms:
        raise QCAError(f"dir_exp={original!r} is never true: no configuration meets the expectations")
    if any(len(t) == 0 for t in sums[0].terms):
        raise QCAError(f"dir_exp={original!r}: the directional expectations cancel each other out "
                       "(together they hold for every configuration)")
    if len(sums) > 1:
        raise QCAError(f"dir_exp={original!r} is ambiguous: it simplifies to several expressions "
                       f"({' | '.join(map(str, sums))}); write one of them")
    return sums[0]


def directional_expectations(dir_exp: Any, conditions: Sequence[str]) -> Expression:
    """Read directional expectations in any accepted form; one term per expectation.

    Parameters
    ----------
    dir_exp : dict, str, list of str or Expression
        See the module docstring for the forms.
    conditions : list of str
        The truth table's conditions.

    Returns
    -------
    Expression
        Each term one expectation: one literal for a single condition,
        several for a conjunctural expectation. No term at all means no
        expectation (the intermediate solution is then the complex one).

    Raises
    ------
    QCAError
        Unknown condition, a value other than 1/0/"-", expectations that
        cancel out or are ambiguous.

    Examples
    --------
    >>> conds = ["A", "B", "C"]
    >>> str(directional_expectations({"A": 1, "B": 0, "C": "-"}, conds))
    'A + ~B'
    >>> str(directional_expectations("A, ~B", conds)), str(directional_expectations(["A", "~B"], conds))
    ('A + ~B', 'A + ~B')
    >>> str(directional_expectations("1, 0, -", conds))
    'A + ~B'
    >>> directional_expectations({"D": 1}, conds)
    Traceback (most recent call last):
    ...
    qca.errors.QCAError: dir_exp: unknown condition 'D'; the truth table has A, B, C
    """
    conditions = list(conditions)
    if isinstance(dir_exp, Mapping):
        return _from_values(list(dir_exp.items()), conditions)
    if isinstance(dir_exp, Expression):
        text = str(dir_exp)
        expr = dir_exp
    elif isinstance(dir_exp, str):
        text = dir_exp.strip()
        if not text:
            raise QCAError("dir_exp is empty: give expectations such as {'A': 1, 'B': 0} or 'A, ~B'")
        if ":" in text:
            first, _, last = (p.strip() for p in text.partition(":"))
            for c in (first, last):
                if c not in conditions:
                    raise QCAError(f"dir_exp: unknown condition {c!r} in the range {text!r}; "
                                   f"the truth table has {', '.join(conditions)}")
            i, j = conditions.index(first), conditions.index(last)
            return Expression(tuple(Term(((c, 1),)) for c in conditions[min(i, j):max(i, j) + 1]))
        if _OLD_FORM.match(text):
            return _positional([p.strip() for p in text.split(",")], conditions, dir_exp)
        if "+" not in text and "," in text:
            text = text.replace(",", "+")
        expr = parse(text)
    elif isinstance(dir_exp, (list, tuple)):
        items = list(dir_exp)
        if not items:
            raise QCAError("dir_exp is empty: give expectations such as {'A': 1, 'B': 0} or 'A, ~B'")
        if all(_is_value(x) for x in items):
            return _positional(items, conditions, dir_exp)
        for x in items:
            if not isinstance(x, (str, Expression, Term)):
                raise QCAError(f"dir_exp: cannot read {x!r}; give condition names such as 'A' or '~B'")
        text = " + ".join(f"({x})" for x in items)
        expr = parse(text)
    else:
        raise QCAError(f"dir_exp={dir_exp!r}: give a dict {{'A': 1, 'B': 0}} or expectations such as 'A, ~B'")
    unknown = [c for c in expr.conditions if c not in conditions]
    if unknown:
        raise QCAError(f"dir_exp: unknown condition {unknown[0]!r}; the truth table has {', '.join(conditions)}")
    return _minimal_sop(expr, conditions, dir_exp)


def _is_value(x: Any) -> bool:
    if isinstance(x, (bool, np.bool_)):
        return False
    if isinstance(x, (int, np.integer, float, np.floating)) or x is None:
        return True
    return isinstance(x, str) and bool(_OLD_FORM.match(x.strip()))


def _positional(items: Sequence[Any], conditions: Sequence[str], original: Any) -> Expression:
    if len(items) != len(conditions):
        raise QCAError(f"dir_exp={original!r}: {len(items)} expectations for {len(conditions)} conditions "
                       f"({', '.join(conditions)}); give one per condition, '-' for none")
    return _from_values(list(zip(conditions, items)), conditions)


# ------------------------------------------------------------------ procedure
def _widened(c_pairs: Sequence[tuple[int, int]], p_pairs: Sequence[tuple[int, int]],
             ide: Sequence[tuple[int, int]], cde: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The complex terms widened by the expectations, for complex terms inside a parsimonious term."""
    out = []
    for cm, cb in c_pairs:
        for pm, pb in p_pairs:
            if (pm & cm) != pm or (cb & pm) != pb:
                continue  # the parsimonious term is not a superset of the complex one
            free = cm & ~pm
            res = cm
            if ide:
                rest = free
                while rest:
                    bit = rest & -rest
                    rest ^= bit
                    expected = [db & bit for dm, db in ide if dm == bit]
                    if expected and (cb & bit) not in expected:
                        res &= ~bit
            for dm, db in cde:  # as R: each conjunctural expectation starts again from the complex term
                res = cm
                rel = dm & free
                if (db & rel) != (cb & rel):
                    res &= ~rel
            out.append((res, cb & res))
    return out


#: up to this many easy counterfactuals, Quine-McCluskey on the allowed set; above, minimal hitting sets
QMC_MAX_EXTRA = 32
#: the hitting-set route lists the configurations outside the allowed set: up to 2**HITTING_MAX_K
HITTING_MAX_K = 20


def region_primes(on: np.ndarray, extra: np.ndarray, k: int) -> list[tuple[int, int]]:
    """Prime implicants of the set ``on`` + ``extra`` that cover a row of ``on`` (R's ``C_QMC``).

    Quine-McCluskey over the allowed configurations when the easy
    counterfactuals are few; otherwise (QMC slows down fast as they grow) the same implicants
    as minimal hitting sets against every configuration outside the set
    (a cube around a positive row lies inside the set exactly when it
    excludes them all), which is much faster.

    Examples
    --------
    >>> import numpy as np
    >>> region_primes(np.array([5, 7], np.uint64), np.array([4], np.uint64), 3)
    [(6, 4), (5, 5)]
    """
    on = np.asarray(on, dtype=np.uint64)
    extra = np.setdiff1d(np.asarray(extra, dtype=np.uint64), on)
    if len(extra) <= QMC_MAX_EXTRA or k > HITTING_MAX_K:
        return prime_implicants(on, [], extra, k, remainders=False)
    outside = np.setdiff1d(np.arange(1 << k, dtype=np.uint64), np.union1d(on, extra))
    if len(outside) == 0:
        return [(0, 0)]
    return prime_implicants(on, outside, [], k, remainders=True)


def intermediate_solution(
    tt: TruthTable,
    inc: str,
    dir_exp: Any,
    excl: np.ndarray,
    *,
    all_sol: bool,
    row_dom: bool,
    max_solutions: int | None,
    method: str,
    progress: Any = None,
    deadline: float | None = None,
) -> Solution:
    """The intermediate solutions of ``tt``; called by :func:`qca.minimize` with ``dir_exp``."""
    de = directional_expectations(dir_exp, tt.conditions)
    conds = tt.conditions
    opts = dict(all_sol=all_sol, row_dom=row_dom, max_solutions=max_solutions)
    p_sol = minimize_table(tt, inc, excl, method=method, progress=progress, deadline=deadline, **opts)
    c_sol = minimize_table(tt, inc.replace("?", ""), excl, method="auto", progress=progress, deadline=deadline,
                      pi_deadline=False, **opts)
    explained = tt.codes("1")
    sa = [(frame.index.to_numpy(dtype=np.int64) - 1).astype(np.uint64)
          for frame in p_sol.simplifying_assumptions.values()]
    de_pairs = [t.to_mask(conds) for t in de.terms]
    ide = [p for p in de_pairs if p[0].bit_count() == 1]
    cde = [p for p in de_pairs if p[0].bit_count() > 1]
    parts: list[tuple[str, Solution]] = []
    inters: list[Intermediate] = []
    for ci, ccover in enumerate(c_sol._covers.covers):
        c_pairs = [c_sol._pair(i) for i in ccover]
        for pj, pcover in enumerate(p_sol._covers.covers):
            name = f"C{ci + 1}P{pj + 1}"
            sa_p = sa[pj]
            if not de_pairs:
                ec = np.array([], dtype=np.uint64)
                sol = dataclasses.replace(c_sol, _covers=Covers((ccover,), False), dir_exp=de)
            else:
                res = _widened(c_pairs, [p_sol._pair(i) for i in pcover], ide, cde)
                if res and len(sa_p):
                    inside = covers(np.array([r[0] for r in res], np.uint64),
                                    np.array([r[1] for r in res], np.uint64), sa_p).any(axis=0)
                    ec = sa_p[inside]
                else:
                    ec = np.array([], dtype=np.uint64)
                pairs = region_primes(explained, ec, len(conds))
                sol = chart_solution(tt, inc, implicants_of(pairs, np.sort(explained), len(conds)), excl=excl,
                                      progress=progress, deadline=deadline,
                                      **opts)
                sol = dataclasses.replace(sol, dir_exp=de)
            inters.append(Intermediate(
                name=name,
                complex=c_sol._expression(ccover),
                parsimonious=p_sol._expression(pcover),
                solution=sol,
                easy_counterfactuals=rows_frame(ec, conds),
                difficult_counterfactuals=rows_frame(np.setdiff1d(sa_p, ec), conds),
            ))
            parts.append((name, sol))
    return merge_solutions(tt, inc, parts, all_sol=all_sol, row_dom=row_dom, excl=excl, dir_exp=de,
                            _complex=c_sol, _parsimonious=p_sol, _intermediate=tuple(inters))
