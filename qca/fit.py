"""Parameters of fit of an expression to an outcome (R's ``pof``).

Sufficiency (X the expression, Y the outcome; ``|S|`` is the sum of the
memberships in S, the number of cases for crisp sets; ``∩`` the minimum):

* ``inclS = |X∩Y| / |X|`` (consistency),
* ``PRI = (|X∩Y| - |X∩Y∩~Y|) / (|X| - |X∩Y∩~Y|)`` (equal to inclS for crisp data),
* ``covS = |X∩Y| / |Y|`` (coverage),
* ``covU`` of a term: the coverage of the whole expression minus that of
  the other terms together (for crisp sets: the share of Y covered by that
  term and by no other).

Necessity: ``inclN = |X∩Y| / |Y|``, ``covN = |X∩Y| / |X|`` and the
relevance of necessity ``RoN = |~X| / |~(X∩Y)|`` (Schneider & Wagemann 2012).
Crisp and fuzzy sets use the same formulas (:mod:`qca.sets` reads them).

Multi-value data: a level ``X[v]`` of a condition is a set (1 where ``X``
is at level ``v``, 0 elsewhere), so the same formulas apply; a multi-value
outcome is explained one level at a time (``outcome="Y[2]"``, see
:func:`outcome_set`).

Missing codes: memberships come from :meth:`Expression.evaluate`
(three-valued logic). Each parameter uses every case whose memberships in
X and Y are both decided; the cases left undecided are reported by name in
:attr:`Fit.undecided`, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
import pandas as pd

from .data import case_index, split_level, split_outcome
from .errors import QCAError
from .expression import Expression, parse, quote_name
from .sets import CRISP, FUZZY, MULTIVALUE, fuzzy_and, fuzzy_or, levels_of, read_set
from .tables import TableView

__all__ = ["Fit", "fit", "outcome_set", "split_arrow", "sufficiency_table", "necessity_table", "kleene_or", "kleene_and",
           "sufficiency_scores", "necessity_scores", "count_table"]

RELATIONS = ("sufficiency", "necessity")


def kleene_or(members: Sequence[np.ndarray], n: int) -> np.ndarray:
    """Three-valued OR (maximum) of membership arrays, NaN for missing (see :func:`qca.sets.fuzzy_or`).

    Examples
    --------
    >>> import numpy as np
    >>> kleene_or([np.array([0., 1., np.nan]), np.array([np.nan, 0., 0.])], 3).tolist()
    [nan, 1.0, nan]
    """
    return fuzzy_or(members, n)


def kleene_and(members: Sequence[np.ndarray], n: int) -> np.ndarray:
    """Three-valued AND (minimum) of membership arrays, NaN for missing (see :func:`qca.sets.fuzzy_and`).

    Examples
    --------
    >>> import numpy as np
    >>> kleene_and([np.array([0., 1., np.nan]), np.array([np.nan, 1., 1.])], 3).tolist()
    [0.0, 1.0, nan]
    """
    return fuzzy_and(members, n)


def _ratio(num: float, den: float) -> float:
    return float(num / den) if den > 0 else float("nan")


def sufficiency_scores(x: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """``(inclS, PRI, covS)`` of memberships ``x`` for outcome ``y``, over the cases where both are known.

    Examples
    --------
    >>> import numpy as np
    >>> [round(v, 3) for v in sufficiency_scores(np.array([.8, .3, .6]), np.array([.9, .1, .4]))]
    [0.765, 0.636, 0.929]
    """
    ok = ~np.isnan(x) & ~np.isnan(y)
    x, y = x[ok], y[ok]
    xy = np.minimum(x, y).sum()
    xyy = np.minimum(np.minimum(x, y), 1 - y).sum()
    return _ratio(xy, x.sum()), _ratio(xy - xyy, x.sum() - xyy), _ratio(xy, y.sum())


def necessity_scores(x: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """``(inclN, RoN, covN)`` of memberships ``x`` for outcome ``y``, over the cases where both are known.

    Examples
    --------
    >>> import numpy as np
    >>> [round(v, 3) for v in necessity_scores(np.array([.8, .3, .6]), np.array([.9, .1, .4]))]
    [0.929, 0.765, 0.765]
    """
    ok = ~np.isnan(x) & ~np.isnan(y)
    x, y = x[ok], y[ok]
    xy = np.minimum(x, y).sum()
    return _ratio(xy, y.sum()), _ratio((1 - x).sum(), (1 - np.minimum(x, y)).sum()), _ratio(xy, x.sum())


def _undecided(x: np.ndarray, y: np.ndarray, cases: Sequence[str]) -> list[str]:
    bad = np.isnan(x) | np.isnan(y)
    return [c for c, b in zip(cases, bad) if b]


def sufficiency_table(
    labels: Sequence[str],
    members: Sequence[np.ndarray],
    whole: np.ndarray | None,
    whole_label: str,
    y: np.ndarray,
    cases: Sequence[str],
) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """Fit frame for terms (and their union) as sufficient conditions for ``y``.

    ``members`` are float arrays (0, 1, NaN) of the terms' memberships;
    ``whole`` the union's (None for a one-term expression).

    Examples
    --------
    >>> import numpy as np
    >>> a, b, y = np.array([1., 1, 0, 0]), np.array([1., 0, 1, 0]), np.array([1., 1, 0, 0])
    >>> frame, undecided = sufficiency_table(["A", "B"], [a, b], np.maximum(a, b), "A + B", y, list("pqrs"))
    >>> frame["inclS"].round(3).tolist()
    [1.0, 0.5, 0.667]
    """
    n = len(y)
    rows: list[dict[str, object]] = []
    undecided: dict[str, list[str]] = {}
    multi = len(members) > 1
    fuzzy = _is_fuzzy([*members, y])
    for i, (label, x) in enumerate(zip(labels, members)):
        incl, pri, cov = sufficiency_scores(x, y)
        cov_u = float("nan")
        if multi:
            others = kleene_or([m for j, m in enumerate(members) if j != i], n)
            if fuzzy:  # R: coverage of the whole minus coverage of the other terms
                union = kleene_or([x, others], n)
                ok = ~np.isnan(union) & ~np.isnan(others) & ~np.isnan(y)
                cov_u = _ratio(np.minimum(union[ok], y[ok]).sum() - np.minimum(others[ok], y[ok]).sum(),
                               y[ok].sum())
            else:
                only = kleene_and([x, 1 - others], n)
                ok = ~np.isnan(only) & ~np.isnan(y)
                cov_u = _ratio(np.minimum(only[ok], y[ok]).sum(), y[ok].sum())
        rows.append({"inclS": incl, "PRI": pri, "covS": cov, "covU": cov_u,
                     "cases": [c for c, v in zip(cases, x) if v > 0.5]})
        undecided[label] = _undecided(x, y, cases)
    labels = list(labels)
    if multi and whole is not None:
        incl, pri, cov = sufficiency_scores(whole, y)
        rows.append({"inclS": incl, "PRI": pri, "covS": cov, "covU": float("nan"),
                     "cases": [c for c, v in zip(cases, whole) if v > 0.5]})
        labels.append(whole_label)
        undecided[whole_label] = _undecided(whole, y, cases)
    frame = pd.DataFrame(rows, index=pd.Index(labels, name="expression"),
                         columns=["inclS", "PRI", "covS", "covU", "cases"])
    return frame, undecided


def _is_fuzzy(arrays: Sequence[np.ndarray]) -> bool:
    return any(bool(((a > 0) & (a < 1)).any()) for a in arrays)


def count_table(labels: Sequence[str], members: Sequence[np.ndarray], y: np.ndarray) -> pd.DataFrame:
    """Counts behind the ratios: decided cases ``N``, ``X``, ``Y`` and ``XY`` per row.

    For fuzzy sets ``X``, ``Y`` and ``XY`` are sums of memberships (floats).

    Examples
    --------
    >>> import numpy as np
    >>> count_table(["A"], [np.array([1., 1., 0., np.nan])], np.array([1., 0., 1., 1.]))
       N  X  Y  XY
    A  3  2  2   1
    """
    rows = []
    whole = (lambda v: int(round(v))) if not _is_fuzzy([*members, y]) else float
    for x in members:
        ok = ~np.isnan(x) & ~np.isnan(y)
        xo, yo = x[ok], y[ok]
        rows.append({"N": int(ok.sum()), "X": whole(xo.sum()), "Y": whole(yo.sum()),
                     "XY": whole(np.minimum(xo, yo).sum())})
    return pd.DataFrame(rows, index=list(labels), columns=["N", "X", "Y", "XY"])


def necessity_table(
    labels: Sequence[str], members: Sequence[np.ndarray], y: np.ndarray, cases: Sequence[str]
) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """Fit frame for each expression as a necessary condition for ``y``.

    Examples
    --------
    >>> import numpy as np
    >>> a, y = np.array([1., 1, 0, 0]), np.array([1., 1, 0, 0])
    >>> frame, undecided = necessity_table(["A"], [a], y, list("pqrs"))
    >>> frame.loc["A", ["inclN", "covN"]].tolist()
    [1.0, 1.0]
    """
    rows = []
    undecided: dict[str, list[str]] = {}
    for label, x in zip(labels, members):
        incl, ron, cov = necessity_scores(x, y)
        rows.append({"inclN": incl, "RoN": ron, "covN": cov})
        undecided[label] = _undecided(x, y, cases)
    frame = pd.DataFrame(rows, index=pd.Index(list(labels), name="expression"), columns=["inclN", "RoN", "covN"])
    return frame, undecided


@dataclass(frozen=True, repr=False)
class Fit(TableView):
    """Parameters of fit of an expression; see :func:`fit`.

    Attributes
    ----------
    expression : Expression
    outcome : str
    relation : str
        ``"sufficiency"`` or ``"necessity"``.

    Examples
    --------
    >>> import pandas as pd, qca
    >>> df = pd.DataFrame({"A": [1, 1, 0, 0], "B": [1, 0, 1, 0], "Y": [1, 1, 0, 0]}, index=list("pqrs"))
    >>> f = qca.fit("A + B", df, "Y")
    >>> f.to_frame().loc["A + B", ["inclS", "covS"]].round(3).tolist()
    [0.667, 1.0]
    """

    expression: Expression
    outcome: str
    relation: str
    _frame: pd.DataFrame = field(repr=False)
    _undecided: tuple[tuple[str, tuple[str, ...]], ...] = field(repr=False, default=())
    _counts: pd.DataFrame | None = field(repr=False, default=None)

    def to_frame(self) -> pd.DataFrame:
        """One row per term, then one for the whole expression (if it has several terms)."""
        return self._frame.copy()

    @property
    def counts(self) -> pd.DataFrame:
        """The case counts behind each ratio: decided cases N, and X, Y, X∩Y among them."""
        if self._counts is None:
            raise QCAError("case counts were not kept for this fit")
        return self._counts.copy()

    def fractions(self, digits: int = 3) -> pd.DataFrame:
        """The ratios written as counts and decimals, e.g. ``"12/13 = 0.923"``, for reports.

        Examples
        --------
        >>> import pandas as pd
        >>> df = pd.DataFrame({"A": [1, 1, 0], "Y": [1, 0, 1]})
        >>> fit("A", df, "Y").fractions()["inclS"].tolist()
        ['1/2 = 0.500']
        """
        c = self.counts
        def fmt(num: pd.Series, den: pd.Series) -> list[str]:
            def show(v: float) -> str:  # sums of fuzzy memberships print with the same digits
                return str(v) if isinstance(v, (int, np.integer)) else f"{v:.{digits}f}"
            return [f"{show(a)}/{show(b)} = {a / b:.{digits}f}" if b else f"{show(a)}/{show(b)}"
                    for a, b in zip(num, den)]
        if self.relation == "sufficiency":
            cols = {"inclS": fmt(c["XY"], c["X"]), "covS": fmt(c["XY"], c["Y"])}
        else:
            cols = {"inclN": fmt(c["XY"], c["Y"]), "RoN": fmt(c["N"] - c["X"], c["N"] - c["XY"]),
                    "covN": fmt(c["XY"], c["X"])}
        return pd.DataFrame(cols, index=self._frame.index)

    @property
    def undecided(self) -> dict[str, list[str]]:
        """For each row, the cases whose membership the missing codes leave open."""
        return {k: list(v) for k, v in self._undecided}

    @property
    def title(self) -> str:  # type: ignore[override]
        arrow = "->" if self.relation == "sufficiency" else "<-"
        return f"Fit of {self.expression} {arrow} {self.outcome} ({self.relation})"

    def __getitem__(self, key: str) -> pd.Series:
        return self._frame[key]

    def _notes(self) -> list[str]:
        return [f"undecided for {label}: {', '.join(cases)}" for label, cases in self._undecided if cases]


#: R's arrows (``pof``): the relation each one states
ARROWS = {"->": "sufficiency", "=>": "sufficiency", "<-": "necessity", "<=": "necessity"}
_QUOTES = "`\"'"


def split_arrow(text: str) -> tuple[str, str | None, str | None]:
    """Split R's ``"X -> Y"`` into the expression, the outcome and the relation.

    ``->`` and ``=>`` state sufficiency, ``<-`` and ``<=`` necessity, as R's
    ``pof`` reads them. The expression stands left of the arrow and the outcome
    right of it; when only the left side is a single (possibly negated) name
    and the right side is a compound expression, the two swap and so does the
    relation (``"Y <- A*B"`` is ``"A*B -> Y"``), as in R. Without an arrow the
    text comes back unchanged with ``None, None``. Quoted names and bracketed
    values are not searched for arrows.

    Examples
    --------
    >>> split_arrow("DEV*STB -> SURV")
    ('DEV*STB', 'SURV', 'sufficiency')
    >>> split_arrow("~DEV + ~STB <= ~SURV")
    ('~DEV + ~STB', '~SURV', 'necessity')
    >>> split_arrow("SURV <- DEV*STB")
    ('DEV*STB', 'SURV', 'sufficiency')
    >>> split_arrow("A*B")
    ('A*B', None, None)
    """
    found: list[tuple[int, str]] = []
    quote, depth, i = "", 0, 0
    while i < len(text):
        ch = text[i]
        if quote:
            quote = "" if ch == quote else quote
        elif ch in _QUOTES:
            quote = ch
        elif ch in "[{(":
            depth += 1
        elif ch in "]})":
            depth -= 1
        elif depth == 0 and text[i:i + 2] in ARROWS:
            if text[i:i + 3] in ("<->", "<=>"):
                raise QCAError(f"{text!r}: {text[i:i + 3]} states both relations; write '->' for sufficiency "
                               "or '<-' for necessity (fit one relation at a time)")
            found.append((i, text[i:i + 2]))
            i += 2
            continue
        i += 1
    if not found:
        return text, None, None
    if len(found) > 1:
        raise QCAError(f"{text!r} has {len(found)} arrows: write one, e.g. 'A*B -> Y'")
    pos, arrow = found[0]
    left, right, relation = text[:pos].strip(), text[pos + 2:].strip(), ARROWS[arrow]
    if not left or not right:
        raise QCAError(f"{text!r}: write the expression left of {arrow!r} and the outcome right of it, "
                       "e.g. 'A*B -> Y'")

    def compound(side: str) -> bool:
        return any(op in _unquoted(side) for op in "+*")

    if compound(right) and not compound(left):
        left, right = right, left
        relation = "necessity" if relation == "sufficiency" else "sufficiency"
    if compound(right):
        raise QCAError(f"{text!r}: the outcome beside the arrow must be one column (or its negation, '~Y'), "
                       f"not {right!r}")
    return left, _unquote_name(right), relation


def _unquoted(text: str) -> str:
    """``text`` without its quoted parts."""
    out, quote = [], ""
    for ch in text:
        if quote:
            quote = "" if ch == quote else quote
        elif ch in _QUOTES:
            quote = ch
        else:
            out.append(ch)
    return "".join(out)


def _unquote_name(outcome: str) -> str:
    """``~`Y`` -> ``~Y``: an outcome column name given in quotes."""
    body = outcome.lstrip("~ ")
    tildes = outcome[: len(outcome) - len(body)].replace(" ", "")
    if len(body) >= 2 and body[0] in _QUOTES and body[-1] == body[0]:
        body = body[1:-1]
    return tildes + body


def outcome_set(data: pd.DataFrame, outcome: str, cases: "Sequence[str] | None" = None) -> tuple[str, str, np.ndarray]:
    """Read an outcome: ``"Y"``, ``"~Y"``, or one level of a multi-value outcome, ``"Y[2]"`` / ``"~Y[2]"``.

    Parameters
    ----------
    data : pandas.DataFrame
    outcome : str
        The column, ``~`` in front for its negation; a level in brackets
        (``Y[2]``, R's ``Y{2}``) for a multi-value outcome, which is then 1
        where ``Y`` is at that level and 0 elsewhere (missing stays missing).
        On a crisp outcome ``Y[1]`` is ``Y`` and ``Y[0]`` is ``~Y``.
    cases : sequence of str, optional
        Case names for error messages.

    Returns
    -------
    tuple of (str, str, numpy.ndarray)
        The outcome's label (``"~Y[2]"``, as results show it), the column
        and the memberships (floats, NaN where missing).

    Raises
    ------
    QCAError
        Unknown column; a multi-value outcome without a level; a level the
        outcome does not have; a level of a fuzzy outcome.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"Y": [0, 1, 2, None]})
    >>> label, column, y = outcome_set(df, "~Y[2]")
    >>> label, column, y.tolist()
    ('~Y[2]', 'Y', [1.0, 1.0, 0.0, nan])
    """
    column, negated = split_outcome(outcome)
    base, level = split_level(column, [str(c) for c in data.columns])
    if level is not None:
        column = base
    if column not in data.columns:
        raise QCAError(f"unknown outcome {column!r}: the data has columns " + ", ".join(map(str, data.columns)))
    ys = read_set(data, column, cases, multivalue=True)
    y = ys.values
    label = quote_name(column)
    if ys.kind == MULTIVALUE and level is None:
        top = levels_of(ys) - 1
        raise QCAError(f"outcome {column!r} is multi-value (levels 0..{top}): name the level to explain, "
                       f"e.g. outcome='{label}[{top}]' (one level at a time, as in R's QCA)")
    if level is not None:
        if ys.kind == FUZZY:
            raise QCAError(f"outcome {outcome!r}: {column!r} is a fuzzy set, it has no levels; write {label!r}")
        top = levels_of(ys) - 1
        if level > top:
            raise QCAError(f"outcome {outcome!r}: {column!r} has levels 0..{top}, not {level}")
        if ys.kind == CRISP:  # Y[1] is Y, Y[0] is ~Y
            negated ^= level == 0
        else:
            y = np.where(np.isnan(y), np.nan, (y == level).astype(float))
            label = f"{label}[{level}]"
    if negated:
        y = 1.0 - y
    return ("~" if negated else "") + label, column, y


def fit(
    expression: Expression | str,
    data: pd.DataFrame,
    outcome: str | None = None,
    *,
    relation: str | None = None,
    case_col: str | None = None,
) -> Fit:
    """Parameters of fit of any expression (R's ``pof``).

    Parameters
    ----------
    expression : Expression or str
        In QCA notation, e.g. ``"A*~B + C"``; or, as R's ``pof`` reads it, with
        an arrow and the outcome: ``"A*~B + C -> Y"`` (``=>`` too) for
        sufficiency, ``"A + B <- Y"`` (``<=`` too) for necessity (see
        :func:`split_arrow`).
    data : pandas.DataFrame
        Crisp codes (0/1), fuzzy memberships (in [0, 1]) or multi-value
        levels (0, 1, ..., m-1; written ``X[v]`` in the expression), missing
        values allowed; case names in the index or ``case_col``.
    outcome : str, optional
        The outcome column, ``"~Y"`` for its negation, ``"Y[2]"`` for one
        level of a multi-value outcome. Needed unless the expression names
        it after an arrow; if both are given they must agree.
    relation : {"sufficiency", "necessity"}, optional
        Default: what the arrow states, else ``"sufficiency"``. A relation
        that contradicts the arrow is an error.
    case_col : str, optional

    Returns
    -------
    Fit
        ``to_frame()``: sufficiency gives inclS, PRI, covS, covU (and the
        cases in each term); necessity gives inclN, RoN, covN.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"A": [1, 1, 0, 0], "B": [0, 1, 1, 0], "Y": [1, 1, 1, 0]},
    ...                   index=["p", "q", "r", "s"])
    >>> fit("A + B", df, "Y").to_frame()[["inclS", "covS", "covU"]]
                inclS      covS      covU
    expression
    A             1.0  0.666667  0.333333
    B             1.0  0.666667  0.333333
    A + B         1.0  1.000000       NaN
    >>> fit("A + B -> Y", df).relation, fit("A + B <- Y", df).relation
    ('sufficiency', 'necessity')

    Multi-value data (R's LM: ``DEV`` has levels 0, 1, 2):

    >>> import qca
    >>> f = fit("DEV[2] + DEV[1]*STB", qca.datasets.load("LM"), "SURV")
    >>> f.to_frame()[["inclS", "covS", "covU"]].round(3)
                         inclS   covS   covU
    expression
    DEV[2]                 1.0  0.625  0.625
    DEV[1]*STB             1.0  0.375  0.375
    DEV[2] + DEV[1]*STB    1.0  1.000    NaN
    """
    if relation is not None and relation not in RELATIONS:
        raise QCAError(f"relation={relation!r}: choose one of {', '.join(RELATIONS)}")
    if isinstance(expression, str):
        text, arrow_outcome, arrow_relation = split_arrow(expression)
        if arrow_outcome is not None:
            if outcome is not None and split_outcome(outcome) != split_outcome(arrow_outcome):
                raise QCAError(f"{expression!r} names the outcome {arrow_outcome!r} but outcome={outcome!r}: "
                               "give the outcome once, or make the two agree")
            if relation is not None and relation != arrow_relation:
                raise QCAError(f"{expression!r} states {arrow_relation} but relation={relation!r}: "
                               f"drop relation= or turn the arrow ('->' sufficiency, '<-' necessity)")
            expression, outcome, relation = text, arrow_outcome, arrow_relation
    if outcome is None:
        raise QCAError("no outcome: pass outcome='Y' (or '~Y'), or write it after an arrow, e.g. 'A*B -> Y'")
    relation = relation or "sufficiency"
    if relation not in RELATIONS:
        raise QCAError(f"relation={relation!r}: choose one of {', '.join(RELATIONS)}")
    expr = parse(expression)
    if not expr.terms:
        raise QCAError(f"the expression {expression!r} is never true")
    cases = case_index(data, case_col)
    label, column, y = outcome_set(data, outcome, cases)
    if column in expr.conditions:
        raise QCAError(f"the outcome {column!r} also appears in the expression {expr}")
    expr = expr.with_data_levels(data)
    if not expr.terms:
        raise QCAError(f"the expression {expression!r} is never true on these data's levels")
    terms = expr.term_expressions()
    members = [t.membership(data).to_numpy(dtype=float) for t in terms]
    labels = [str(t) for t in terms]
    names = list(cases)
    if relation == "sufficiency":
        whole = expr.membership(data).to_numpy(dtype=float) if len(terms) > 1 else None
        frame, und = sufficiency_table(labels, members, whole, str(expr), y, names)
    else:
        if len(terms) > 1:
            members.append(expr.membership(data).to_numpy(dtype=float))
            labels.append(str(expr))
        frame, und = necessity_table(labels, members, y, names)
    if relation == "sufficiency" and len(terms) > 1:
        members = [*members, whole]  # type: ignore[list-item]
        labels = [*labels, str(expr)]
    counts = count_table(labels, members, y)
    counts.index = frame.index
    return Fit(expression=expr, outcome=label, relation=relation,
               _frame=frame, _undecided=tuple((k, tuple(v)) for k, v in und.items()), _counts=counts)


# earlier private names, kept for code written against them
_suff = sufficiency_scores
_nec = necessity_scores
