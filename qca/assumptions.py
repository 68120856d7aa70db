"""Which remainders a solution assumes, and which of those assumptions are untenable.

A solution that used logical remainders (``include="?"``) rests on
*simplifying assumptions*: for each remainder inside one of its terms, the
assumption that the configuration, had it been observed, would have shown
the outcome. :attr:`qca.Solution.simplifying_assumptions` lists them per
model. This module checks them, for the Enhanced Standard Analysis of
Schneider and Wagemann (2012, ch. 8):

:func:`contradictory_assumptions`
    Remainders assumed both for the outcome and for its negation (R's
    ``findRows(type = 2)``, the CSA): the two solutions cannot both be
    right about them.
:func:`untenable_remainders`
    Remainders that contradict a claimed necessary condition (if ``X`` is
    necessary for ``Y``, a configuration without ``X`` cannot show ``Y``),
    or that are impossible configurations.

Both return :class:`Remainders`, which :func:`qca.minimize` takes as
``exclude`` (a list of them too), so the whole analysis reads::

    untenable = qca.untenable_remainders(tt, necessary="DEV")
    csa = qca.contradictory_assumptions(tt, tt_not)
    esa = qca.minimize(tt, include="?", exclude=[untenable, csa])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Sequence

import numpy as np
import pandas as pd

from .data import split_outcome
from .errors import QCAError
from .expression import Expression, Term, parse
from .minimize import Solution, config_label, expression_codes, minimize, rows_frame
from .tables import TableView
from .truth_table import TruthTable, truth_table

__all__ = ["Remainders", "contradictory_assumptions", "untenable_remainders"]


@dataclass(frozen=True, repr=False)
class Remainders(TableView):
    """A set of truth-table configurations, each with why it is listed.

    Give it to :func:`qca.minimize` as ``exclude`` to keep the
    configurations out of every solution. ``a | b`` is the union.

    Attributes
    ----------
    conditions : tuple of str
    kind : str
        What the set is, e.g. ``"contradictory simplifying assumptions"``.

    Examples
    --------
    >>> import qca
    >>> tt = qca.truth_table(qca.datasets.load("LC"), "SURV")
    >>> untenable = qca.untenable_remainders(tt, impossible="~LIT*IND")
    >>> len(untenable) > 0, all(r in untenable for r in untenable.rows)
    (True, True)
    >>> untenable.configurations[0]
    '~DEV*~URB*~LIT*IND*~STB'
    """

    conditions: tuple[str, ...]
    kind: str
    _frame: pd.DataFrame = field(repr=False)
    notes: tuple[str, ...] = ()

    @property
    def rows(self) -> list[int]:
        """R row numbers, ascending."""
        return [int(r) for r in self._frame.index]

    @property
    def configurations(self) -> list[str]:
        """Each configuration in QCA notation (``A*~B*C``), in row order."""
        return [config_label(r - 1, self.conditions) for r in self.rows]

    @property
    def expression(self) -> Expression:
        """The configurations as one expression (a sum of full minterms)."""
        k = len(self.conditions)
        return Expression(tuple(Term.from_mask((1 << k) - 1, r - 1, self.conditions) for r in self.rows))

    def to_frame(self) -> pd.DataFrame:
        """Index R's row number; one 0/1 column per condition, then why each row is listed."""
        return self._frame.copy()

    def __len__(self) -> int:
        return len(self._frame)

    def __iter__(self) -> Iterator[int]:
        return iter(self.rows)

    def __contains__(self, row: object) -> bool:
        return row in self.rows

    def __or__(self, other: "Remainders") -> "Remainders":
        if not isinstance(other, Remainders):
            return NotImplemented
        if tuple(other.conditions) != tuple(self.conditions):
            raise QCAError("cannot join remainders of different conditions: "
                           f"{', '.join(self.conditions)} and {', '.join(other.conditions)}")
        conds = list(self.conditions)
        a, b = self._frame, other._frame
        idx = sorted(set(a.index) | set(b.index))
        frame = rows_frame(np.asarray(idx, dtype=np.int64) - 1, conds)
        extra = [c for c in dict.fromkeys([*a.columns, *b.columns]) if c not in conds]
        for col in extra:
            values = []
            for r in idx:
                parts = [str(f.at[r, col]) for f in (a, b) if col in f.columns and r in f.index
                         and str(f.at[r, col]) not in ("", "nan")]
                values.append("; ".join(dict.fromkeys(parts)))
            frame[col] = values
        return Remainders(conditions=self.conditions, kind=f"{self.kind} | {other.kind}", _frame=frame,
                          notes=self.notes + other.notes)

    @property
    def title(self) -> str:  # type: ignore[override]
        return f"{self.kind.capitalize()}: {len(self)} row" + ("" if len(self) == 1 else "s")

    def _notes(self) -> list[str]:
        return list(self.notes)


def _as_solution(obj: TruthTable | Solution, what: str) -> Solution | None:
    """The solution to read assumptions from; None for a table with no positive row (it assumes nothing)."""
    if isinstance(obj, Solution):
        return obj
    if isinstance(obj, TruthTable):
        if len(obj.codes("1")) == 0:
            return None
        return minimize(obj, include="?")
    raise QCAError(f"{what}: give a TruthTable (it is minimized with include='?') or a Solution, "
                   f"not {type(obj).__name__}")


def _negated_table(tt: TruthTable) -> TruthTable:
    """The table of the negated outcome from the same cases, as R's findRows builds it."""
    cd = tt.data
    column, negated = split_outcome(cd.outcome)
    if cd.fuzzy:  # the memberships themselves, so the negated table sums them as R does
        frame = pd.DataFrame(cd.memberships, index=pd.Index(cd.cases, name="case"), columns=list(cd.conditions))
        frame[column] = 1.0 - cd.outcome_membership if negated else cd.outcome_membership
    else:
        frame = pd.DataFrame(cd.X.astype(np.int64), index=pd.Index(cd.cases, name="case"),
                             columns=list(cd.conditions))
        frame[column] = (1 - cd.y if negated else cd.y).astype(np.int64)
    ic1, ic0 = tt.incl_cut
    return truth_table(frame, column if negated else "~" + column, list(cd.conditions),
                       incl_cut=ic0, n_cut=tt.n_cut, pri_cut=tt.pri_cut)


def _pooled(sol: Solution) -> dict[int, list[str]]:
    used: dict[int, list[str]] = {}
    for model, frame in sol.simplifying_assumptions.items():
        for r in frame.index:
            used.setdefault(int(r), []).append(model)
    return used


def contradictory_assumptions(
    tt_y: TruthTable | Solution, tt_not_y: TruthTable | Solution | None = None
) -> Remainders:
    """Remainders assumed both for the outcome and for its negation (R's CSA).

    Parameters
    ----------
    tt_y : TruthTable or Solution
        The analysis of the outcome. A truth table is minimized with
        ``include="?"`` (the parsimonious solution, as R does); a Solution
        (e.g. an intermediate one) is used as it is.
    tt_not_y : TruthTable or Solution, optional
        The same for the negated outcome. By default it is built from the
        cases of ``tt_y`` with the outcome negated and the same cut-offs
        (the lower one when two were given, as R's ``findRows``).

    Returns
    -------
    Remainders
        One row per contradictory simplifying assumption, with the models
        of each side that use it (columns ``"<outcome> models"``).

    Raises
    ------
    QCAError
        The two analyses have different conditions, or their outcomes are
        not an outcome and its negation. (A truth table with no positive row
        has no solution and assumes nothing: the result is then empty, with
        a note.)

    Examples
    --------
    >>> import qca
    >>> import pandas as pd
    >>> df = pd.DataFrame({"A": [1, 0], "B": [1, 0], "Y": [1, 0]}, index=["p", "q"])
    >>> tt = qca.truth_table(df, "Y")
    >>> [str(s) for s in qca.minimize(tt, include="?").solutions]
    ['A', 'B']
    >>> csa = qca.contradictory_assumptions(tt, qca.truth_table(df, "~Y"))
    >>> csa.rows, csa.configurations
    ([2, 3], ['~A*B', 'A*~B'])
    >>> csa.to_frame()
         A  B Y models ~Y models
    row
    2    0  1       M2        M1
    3    1  0       M1        M2
    """
    sol_y = _as_solution(tt_y, "tt_y")
    table_y = tt_y.truth_table if isinstance(tt_y, Solution) else tt_y
    if tt_not_y is None:
        tt_not_y = _negated_table(table_y)
    sol_n = _as_solution(tt_not_y, "tt_not_y")
    table_n = tt_not_y.truth_table if isinstance(tt_not_y, Solution) else tt_not_y
    conds_y, conds_n = table_y.conditions, table_n.conditions
    if tuple(conds_y) != tuple(conds_n):
        raise QCAError("the two analyses have different conditions: "
                       f"{', '.join(conds_y)} and {', '.join(conds_n)}")
    out_y, out_n = table_y.outcome, table_n.outcome
    (col_y, neg_y), (col_n, neg_n) = split_outcome(out_y), split_outcome(out_n)
    if col_y != col_n or neg_y == neg_n:
        raise QCAError(f"contradictory assumptions compare an outcome with its negation, not {out_y!r} "
                       f"with {out_n!r}")
    used_y = _pooled(sol_y) if sol_y is not None else {}
    used_n = _pooled(sol_n) if sol_n is not None else {}
    notes = tuple(f"no row has OUT = 1 for {out}: no solution, so it assumes no remainder"
                  for out, sol in ((out_y, sol_y), (out_n, sol_n)) if sol is None)
    both = sorted(set(used_y) & set(used_n))
    frame = rows_frame(np.asarray(both, dtype=np.int64) - 1, conds_y)
    frame[f"{out_y} models"] = [", ".join(used_y[r]) for r in both]
    frame[f"{out_n} models"] = [", ".join(used_n[r]) for r in both]
    return Remainders(conditions=tuple(conds_y), kind="contradictory simplifying assumptions", _frame=frame,
                      notes=notes)


def _expressions(value: Any, what: str) -> list[Expression]:
    if value is None:
        return []
    if hasattr(value, "necessary") and not isinstance(value, (str, Expression)):
        value = value.necessary
    if isinstance(value, (str, Expression)):
        return [parse(value)]
    if isinstance(value, Iterable):
        out = []
        for v in value:
            if not isinstance(v, (str, Expression)):
                raise QCAError(f"{what}: cannot read {v!r}; give expressions such as 'A' or 'A + ~B'")
            out.append(parse(v))
        return out
    raise QCAError(f"{what}: cannot read {value!r}; give an expression such as 'A' or 'A + ~B'")


def untenable_remainders(
    tt: TruthTable,
    necessary: Expression | str | Sequence[Expression | str] | None = None,
    *,
    impossible: Expression | str | Sequence[Expression | str] | None = None,
) -> Remainders:
    """Remainders that contradict claimed necessary conditions, or are impossible.

    If ``X`` is necessary for the outcome, no configuration outside ``X``
    can show it; a solution that assumes such a remainder rests on an
    incoherent counterfactual (Schneider & Wagemann 2012, 8.2). Impossible
    remainders are configurations that cannot occur (e.g. a pregnant man).

    Parameters
    ----------
    tt : TruthTable
        The table of the outcome the conditions are necessary for.
    necessary : str, Expression or list of them, optional
        Each a necessary condition in QCA notation (``"A"``, ``"A + ~B"``
        for a SUIN disjunction). A :class:`qca.Necessity` result gives its
        passing conditions.
    impossible : str, Expression or list of them, optional
        Configurations that cannot occur, e.g. ``"A*~B"``.

    Returns
    -------
    Remainders
        Unobserved rows (and rows below ``n_cut``) that fall outside a
        necessary condition or inside an impossible expression, with the
        ``reason``.

    Raises
    ------
    QCAError
        A condition not in the truth table.

    Examples
    --------
    >>> import qca
    >>> import pandas as pd
    >>> df = pd.DataFrame({"A": [1, 1, 0], "B": [1, 0, 0], "Y": [1, 1, 0]}, index=["p", "q", "r"])
    >>> tt = qca.truth_table(df, "Y")
    >>> bad = qca.untenable_remainders(tt, necessary="A")
    >>> bad.to_frame()
         A  B                 reason
    row
    2    0  1  outside necessary A
    >>> [str(s) for s in qca.minimize(tt, include="?", exclude=bad).solutions]
    ['A']
    """
    if not isinstance(tt, TruthTable):
        raise QCAError(f"untenable_remainders() takes a TruthTable, not {type(tt).__name__}")
    conds = list(tt.conditions)
    nec = _expressions(necessary, "necessary")
    imp = _expressions(impossible, "impossible")
    for expr in [*nec, *imp]:
        unknown = [c for c in expr.conditions if c not in conds]
        if unknown:
            raise QCAError(f"unknown condition {unknown[0]!r} in {str(expr)!r}; the truth table has {', '.join(conds)}")
    t = tt.table
    observed = set((t.index[t["OUT"] != "?"].to_numpy(dtype=np.int64) - 1).tolist())
    reasons: dict[int, list[str]] = {}
    for expr in nec:
        for code in expression_codes(expr.negate(), conds).tolist():
            if code not in observed:
                reasons.setdefault(int(code), []).append(f"outside necessary {expr}")
    for expr in imp:
        for code in expression_codes(expr, conds).tolist():
            if code not in observed:
                reasons.setdefault(int(code), []).append(f"impossible ({expr})")
    codes = sorted(reasons)
    frame = rows_frame(np.asarray(codes, dtype=np.uint64), conds)
    frame["reason"] = ["; ".join(reasons[c]) for c in codes]
    return Remainders(conditions=tuple(conds), kind="untenable remainders", _frame=frame)
