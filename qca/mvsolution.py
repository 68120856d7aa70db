"""Minimizing a truth table with multi-value conditions: ``minimize`` on mvQCA tables.

:func:`qca.minimize` sends a truth table with a multi-value condition here.
The rows play the same parts as for crisp tables (see :mod:`qca.minimize`):
OUT = 1 positive, OUT = 0 negative, contradictions negative unless
``include`` has ``"C"``, rows below ``n_cut`` and every unobserved
configuration of the mixed-radix space don't-cares with ``include="?"``.
The implicants and the chart's covers come from :mod:`qca.multivalue`.

Implicants and solutions are :class:`qca.Expression` objects that know the
number of levels of each condition: a multi-value condition prints as
``X[v]`` (condition ``X`` at level ``v``), a binary one as ``A`` / ``~A``
(R writes ``STB[1]`` for ``STB``; the two parse to the same expression).

The prime implicants are in R's order: that of ``admisc::sortExpressions``
for solutions with remainders, that of R's classical Quine-McCluskey
(``C_QMC``'s own sort) for the conservative solution.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable, Iterable, Sequence

import numpy as np
import pandas as pd

from .errors import QCAError
from .expression import Expression, Term, parse
from .fit import Fit, sufficiency_table
from .chart import Covers
from .multivalue import MVImplicants, MVSolve, decode, encode, solve_mv, sort_terms, space_size, term_covers
from .tables import TableView
from .truth_table import TruthTable
from .validate import check_model

__all__ = ["MVModel", "model_of", "minimal_sums_mv", "MVSolution", "MVIntermediate", "minimize_mv", "qmc_order_mv", "expectations_mv", "rows_frame_mv"]


class MVModel(Expression):
    """A model of a multi-value solution: an :class:`~qca.Expression` (kept for the old name).

    ``MVModel(text)`` parses ``text``; ``MVModel(terms, levels)`` builds it
    from terms as :class:`~qca.Expression` does. Models used to be strings;
    ``str(model)`` gives the text, ``model.term_strings()`` the terms' texts.

    Examples
    --------
    >>> m = MVModel("DEV[2] + DEV[1]*STB[1]")
    >>> str(m), m.term_strings()
    ('DEV[2] + DEV[1]*STB', ('DEV[2]', 'DEV[1]*STB'))
    >>> m == "DEV[2] + DEV[1]*STB"
    True
    """

    def __init__(self, terms: "str | Sequence[Term]", levels: "dict[str, int] | None" = None,
                 _shown: frozenset = frozenset()) -> None:
        if isinstance(terms, str):
            terms = parse(terms).terms
        super().__init__(tuple(terms), levels, _shown)


def model_of(terms: np.ndarray, conditions: Sequence[str], levels: Sequence[int]) -> MVModel:
    """A sum of implicants given as digits (0 = left out, ``v + 1`` = level ``v``), as an expression.

    Examples
    --------
    >>> import numpy as np
    >>> str(model_of(np.array([[3, 0, 0], [2, 0, 2]]), ["DEV", "URB", "STB"], [3, 2, 2]))
    'DEV[2] + DEV[1]*STB'
    """
    names = list(conditions)
    known = dict(zip(names, (int(m) for m in levels)))
    out = []
    for row in np.asarray(terms, dtype=np.int64).reshape(-1, len(names)):
        out.append(Term(tuple((n, int(d) - 1) for n, d in zip(names, row) if d)))
    return MVModel(tuple(out), known)


#: minimal_sums_mv leaves an expression as it is when its space has more configurations than this
MINIMAL_SUMS_MAX_SPACE = 1 << 16


def minimal_sums_mv(expression: "Expression | str", conditions: Sequence[str], levels: Sequence[int]) -> list[Expression]:
    """Every minimal sum of products of an expression over mixed-radix conditions (the exact minimizer).

    The expression is evaluated on every configuration of the conditions
    (at most :data:`MINIMAL_SUMS_MAX_SPACE`; a larger space gives the
    expression back unchanged), then minimized with no free remainders.
    ``[Expression("0")]`` when it is never true, ``[Expression("1")]`` when
    always.

    Examples
    --------
    >>> [str(e) for e in minimal_sums_mv("DEV[1]*STB + DEV[2]*STB + DEV[0]*STB", ["DEV", "STB"], [3, 2])]
    ['STB']
    >>> [str(e) for e in minimal_sums_mv("~DEV[0]*~STB + DEV[2]", ["DEV", "STB"], [3, 2])]
    ['DEV[2] + DEV[1]*~STB']
    """
    names = list(conditions)
    known = dict(zip(names, (int(m) for m in levels)))
    expr = parse(expression).with_levels(known)
    unknown = [c for c in expr.conditions if c not in known]
    if unknown:
        raise QCAError(f"minimal_sums_mv: {unknown[0]!r} is not among the conditions {', '.join(names)}")
    if not expr.terms:
        return [Expression((), known)]
    size = space_size(levels)
    if size > MINIMAL_SUMS_MAX_SPACE:
        return [expr]
    space = decode(np.arange(size, dtype=np.int64), levels)
    truth = expr.evaluate(pd.DataFrame(space, columns=names)).to_numpy(dtype=bool)
    if truth.all():
        return [Expression((Term(()),), known)]
    res = solve_mv(space[truth], space[~truth], np.zeros((0, len(names)), np.int64), levels, remainders=True)
    return [model_of(res.implicants.terms[list(c)], names, levels) for c in res.covers.covers]


def qmc_order_mv(terms: np.ndarray) -> np.ndarray:
    """Permutation putting terms (rows of digits) in the order of R's ``C_QMC`` sort.

    Condition by condition from the last: larger digits first (stable),
    then the leading terms that fix the condition in ascending order (when
    every term fixes it, R's routine leaves the last term out of that
    pass); finally by number of literals (stable).

    Examples
    --------
    >>> import numpy as np
    >>> t = np.array([[2, 1, 2, 1, 2], [3, 0, 2, 2, 2], [2, 2, 2, 2, 2]])
    >>> qmc_order_mv(t).tolist()
    [1, 0, 2]
    """
    terms = np.asarray(terms, dtype=np.int64)
    n = len(terms)
    perm = np.arange(n)
    if not n:
        return perm
    for i in range(terms.shape[1] - 1, -1, -1):
        code = terms[:, i]
        perm = perm[np.argsort(-code[perm], kind="stable")]
        col = code[perm]
        nonzero = int((col != 0).sum())
        z = n - 1 if nonzero == n else nonzero
        perm[:z] = perm[:z][np.argsort(col[:z], kind="stable")]
    lits = (terms > 0).sum(axis=1)
    return perm[np.argsort(lits[perm], kind="stable")]


def _reorder(pis: MVImplicants, order: np.ndarray) -> MVImplicants:
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order), dtype=np.int64)
    width = np.int64(max(len(pis.rows), 1))
    cell = np.sort(rank[pis.pi] * width + pis.row)
    return MVImplicants(pis.levels, pis.terms[order], pis.rows, cell // width, cell % width)


@dataclass(frozen=True, repr=False)
class MVSolution(TableView):
    """The result of :func:`qca.minimize` on a truth table with multi-value conditions.

    The same reading as :class:`qca.Solution`: ``solutions``,
    ``prime_implicants``, ``pi_chart``, ``essential``, ``fit``, ``pi_fit``,
    ``model_fit(i)``, ``simplifying_assumptions``. Implicants and solutions
    are :class:`~qca.Expression` objects (models: :class:`MVModel`) that
    know the conditions' levels: ``DEV[2] + DEV[1]*STB``.

    Attributes
    ----------
    truth_table : TruthTable
    include : str
    all_sol, row_dom : bool
    exclude : tuple of int
        R row numbers kept out with ``exclude``.

    Examples
    --------
    >>> import qca
    >>> sol = qca.minimize(qca.truth_table(qca.datasets.load("LM"), "SURV"), include="?")
    >>> type(sol).__name__, len(sol.solutions)
    ('MVSolution', 3)
    """

    truth_table: TruthTable
    include: str
    all_sol: bool
    row_dom: bool
    _res: MVSolve = field(repr=False)
    exclude: tuple[int, ...] = ()
    dir_exp: str | None = None
    _complex: "MVSolution | None" = field(default=None, repr=False)
    _parsimonious: "MVSolution | None" = field(default=None, repr=False)
    _intermediate: "tuple[MVIntermediate, ...]" = field(default=(), repr=False)
    _origins: tuple[tuple[str, ...], ...] = field(default=(), repr=False)

    # ---------------------------------------------------------- implicants
    @property
    def levels(self) -> tuple[int, ...]:
        """Levels of each condition."""
        return self.truth_table.levels

    @cached_property
    def prime_implicants(self) -> tuple[Expression, ...]:
        """Every prime implicant covering a positive row, in R's order (one-term expressions)."""
        names = self.truth_table.conditions
        return tuple(model_of(t[None, :], names, self.levels) for t in self._res.implicants.terms)

    @property
    def implicant_terms(self) -> np.ndarray:
        """The implicants as digits (0 = condition left out, ``v + 1`` = level ``v``), one row each."""
        return self._res.implicants.terms.copy()

    @property
    def kind(self) -> str:
        """``"conservative"``, ``"parsimonious"``, ``"intermediate"`` or the include flags."""
        if self.dir_exp is not None:
            return "intermediate"
        return {"": "conservative", "?": "parsimonious"}.get(self.include, f"include={self.include!r}")

    @property
    def capped(self) -> bool:
        """Whether ``max_solutions`` cut the list of solutions short."""
        return self._res.covers.capped

    # ---------------------------------------------------------- search state (as qca.Solution)
    @property
    def _covers(self) -> Covers:
        return self._res.covers

    @property
    def stopped(self) -> str | None:
        """``"time limit"`` or ``"interrupted"`` when the chart search was cut short, else None."""
        return self._res.covers.stopped

    @property
    def interrupted(self) -> bool:
        """Whether Ctrl-C cut the search short."""
        return self._res.covers.stopped == "interrupted"

    @property
    def n_terms(self) -> int | None:
        """Number of terms in the solutions found."""
        return self._res.covers.size

    @property
    def proven(self) -> bool:
        """Whether the solutions are proven to have the fewest terms possible."""
        return self._res.covers.proven

    @property
    def gap(self) -> int | None:
        """Terms in the best solution found minus the proven lower bound."""
        return self._res.covers.gap

    @property
    def lower_bound(self) -> int | None:
        """Proven lower bound on the number of terms of a minimal solution."""
        cov = self._res.covers
        if cov.lower_bound is None:
            return cov.size
        return min(cov.lower_bound, cov.size) if cov.size is not None else cov.lower_bound

    def search_notes(self) -> list[str]:
        """How complete the search was, as lines of text; empty when it finished."""
        cov = self._res.covers
        if cov.stopped is not None:
            why = "interrupted (Ctrl-C)" if cov.stopped == "interrupted" else "time limit reached"
            if cov.proven:
                return [f"{why}: minimum of {cov.size} terms proven; {len(cov.covers)} of the minimal "
                        "solutions listed, there may be more"]
            return [f"{why}: best found has {cov.size} terms, proven lower bound {self.lower_bound}, "
                    f"gap {cov.gap}: not proven minimal"]
        return [f"enumeration capped at {len(cov.covers)} solutions"] if self.capped else []

    @property
    def intermediate(self) -> "dict[str, MVIntermediate]":
        """Per pair of complex and parsimonious model (``C1P1``, ...), its intermediate result (with ``dir_exp``)."""
        return {i.name: i for i in self._intermediate}

    @property
    def origins(self) -> list[tuple[str, ...]]:
        """With ``dir_exp``: for each solution, the pairs (``C1P1``, ...) that gave it."""
        return list(self._origins)

    @property
    def complex(self) -> "MVSolution | None":
        """With ``dir_exp``: the conservative solution it started from."""
        return self._complex

    @property
    def parsimonious(self) -> "MVSolution | None":
        """With ``dir_exp``: the parsimonious solution whose remainders it drew on."""
        return self._parsimonious

    @property
    def _rows(self) -> list[int]:
        return (encode(self._res.implicants.rows, self.levels) + 1).tolist()

    @property
    def pi_chart(self) -> pd.DataFrame:
        """Prime implicants by positive rows (R row numbers): bool."""
        return pd.DataFrame(
            self._res.implicants.chart(),
            index=pd.Index([str(p) for p in self.prime_implicants], name="implicant"),
            columns=pd.Index(self._rows, name="row"),
        )

    @property
    def covers(self) -> tuple[tuple[int, ...], ...]:
        """Each solution as indices into :attr:`prime_implicants`."""
        return self._res.covers.covers

    @cached_property
    def solutions(self) -> list[MVModel]:
        """Every minimal solution (every irredundant one with ``all_sol=True``), as expressions.

        Examples
        --------
        >>> import qca
        >>> sol = qca.minimize(qca.truth_table(qca.datasets.load("LM"), "SURV"), include="?")
        >>> [str(m) for m in sol.solutions]
        ['DEV[2] + DEV[1]*STB', 'DEV[1]*~IND + IND*STB', 'DEV[1]*STB + IND*STB']
        """
        terms = self._res.implicants.terms
        names = self.truth_table.conditions
        return [model_of(terms[list(c)], names, self.levels) for c in self._res.covers.covers]

    @property
    def essential(self) -> tuple[Expression, ...]:
        """Prime implicants in every solution."""
        p = self.prime_implicants
        return tuple(p[i] for i in self._res.essential)

    # ---------------------------------------------------------- fit
    def _members(self, idx: Sequence[int]) -> list[np.ndarray]:
        X = self.truth_table.data.X.astype(np.int64)
        terms = self._res.implicants.terms[list(idx)]
        return list(term_covers(terms, X).astype(float))

    def _r_cases(self, frame: pd.DataFrame) -> pd.DataFrame:
        t = self.truth_table.table
        explained = {c for cs in t.loc[t["OUT"] == "1", "cases"] for c in cs}
        frame = frame.copy()
        frame["cases"] = [[c for c in cs if c in explained] for cs in frame["cases"]]
        return frame

    def model_fit(self, model: int = 0) -> Fit:
        """Parameters of fit of one solution (0 is M1): per term, then the whole.

        Examples
        --------
        >>> import qca
        >>> sol = qca.minimize(qca.truth_table(qca.datasets.load("LM"), "SURV"), include="?")
        >>> sol.model_fit(0).to_frame()["covS"].round(3).tolist()
        [0.625, 0.375, 1.0]
        """
        cover = list(self._res.covers.covers[check_model(model, len(self._res.covers.covers))])
        cd = self.truth_table.data
        members = self._members(cover)
        whole = np.maximum.reduce(members) if len(members) > 1 else None
        labels = [str(self.prime_implicants[i]) for i in cover]
        frame, und = sufficiency_table(labels, members, whole, str(self.solutions[model]),
                                       cd.y.astype(float), list(cd.cases))
        return Fit(expression=self.solutions[model], outcome=cd.outcome, relation="sufficiency",
                   _frame=self._r_cases(frame), _undecided=tuple((k, tuple(v)) for k, v in und.items()))

    @property
    def fit(self) -> pd.DataFrame:
        """Fit of every solution: index (model, expression), one row per term then the solution."""
        frames = {f"M{i + 1}": self.model_fit(i).to_frame() for i in range(len(self._res.covers.covers))}
        return pd.concat(frames, names=["model", "expression"])

    @property
    def pi_fit(self) -> pd.DataFrame:
        """Fit of each implicant used by some solution, covU within all of them (R's overall table)."""
        used = sorted({i for c in self._res.covers.covers for i in c})
        cd = self.truth_table.data
        frame, _ = sufficiency_table([str(self.prime_implicants[i]) for i in used], self._members(used), None, "",
                                     cd.y.astype(float), list(cd.cases))
        return self._r_cases(frame)

    # ---------------------------------------------------------- remainders
    @property
    def simplifying_assumptions(self) -> dict[str, pd.DataFrame]:
        """Per model, the configurations its implicants cover that were not to be explained.

        Index: R row numbers (mixed radix); columns: the levels. Empty frames
        when neither remainders nor contradictions were included.
        """
        tt = self.truth_table
        positive = tt.codes("1").astype(np.int64)
        out = {}
        for m, cover in enumerate(self._res.covers.covers):
            codes: list[np.ndarray] = []
            if self.include:
                for i in cover:
                    codes.append(_expand(self._res.implicants.terms[i], self.levels))
            allc = np.unique(np.concatenate(codes)) if codes else np.zeros(0, np.int64)
            out[f"M{m + 1}"] = rows_frame_mv(np.setdiff1d(allc, positive), tt.conditions, self.levels)
        return out

    # ---------------------------------------------------------- printing
    def to_frame(self) -> pd.DataFrame:
        """Same as :attr:`fit`."""
        return self.fit

    @property
    def title(self) -> str:  # type: ignore[override]
        kind = self.kind + (f", dir_exp: {self.dir_exp}" if self.dir_exp is not None else "")
        lines = [f"Solution for {self.truth_table.outcome} ({kind}):"]
        for i, s in enumerate(self.solutions):
            origin = f"   (from {', '.join(self._origins[i])})" if self._origins else ""
            lines.append(f"  M{i + 1}: {s}{origin}")
        if self.capped:
            lines.append(f"  (enumeration capped at {len(self._res.covers.covers)} solutions)")
        return "\n".join(lines)

    def _notes(self) -> list[str]:
        notes = []
        mv = [f"{c} (levels 0..{m - 1})" for c, m in zip(self.truth_table.conditions, self.levels) if m > 2]
        notes.append("multi-value conditions: " + ", ".join(mv) + "; X[v] is condition X at level v")
        if self.exclude:
            notes.append("excluded configurations (treated as negative): rows " + ", ".join(map(str, self.exclude)))
        for inter in self._intermediate:
            ec = inter.easy_counterfactuals.index.tolist()
            notes.append(f"{inter.name}: easy counterfactuals " + (", ".join(map(str, ec)) if ec else "none"))
        return notes


@dataclass(frozen=True)
class MVIntermediate:
    """The intermediate result of one complex and one parsimonious model on a multi-value table.

    Attributes
    ----------
    name : str
        ``"C1P1"``: complex model 1 with parsimonious model 1.
    complex, parsimonious : Expression
        The two models.
    solutions : list of Expression
        The intermediate solution(s).
    easy_counterfactuals, difficult_counterfactuals : pandas.DataFrame
        The parsimonious model's remainders inside (outside) the complex
        terms widened along the directional expectations; index R row numbers.

    Examples
    --------
    >>> import qca
    >>> tt = qca.truth_table(qca.datasets.load("LM"), "SURV")
    >>> sol = qca.minimize(tt, include="?", dir_exp="DEV[2], URB[1], LIT[1], IND[1], STB[1]")
    >>> type(next(iter(sol.intermediate.values()))).__name__
    'MVIntermediate'
    """

    name: str
    complex: Expression
    parsimonious: Expression
    solutions: list[Expression]
    easy_counterfactuals: pd.DataFrame
    difficult_counterfactuals: pd.DataFrame


def _expand(term: np.ndarray, levels: Sequence[int]) -> np.ndarray:
    """Codes of every configuration in the cube of ``term`` (digits)."""
    choices = [[int(d) - 1] if d else list(range(m)) for d, m in zip(term, levels)]
    configs = np.asarray(list(itertools.product(*choices)), dtype=np.int64).reshape(-1, len(levels))
    return encode(configs, levels)


def rows_frame_mv(codes: Iterable[int] | np.ndarray, conditions: Sequence[str], levels: Sequence[int]) -> pd.DataFrame:
    """Configurations (codes = R row number - 1) as a frame: index ``row``, one level column per condition.

    Examples
    --------
    >>> rows_frame_mv([21], ["DEV", "URB", "LIT", "IND", "STB"], [3, 2, 2, 2, 2])
         DEV  URB  LIT  IND  STB
    row
    22     1    0    1    0    1
    """
    arr = np.sort(np.asarray(list(codes) if not isinstance(codes, np.ndarray) else codes, dtype=np.int64))
    return pd.DataFrame(decode(arr, levels), columns=list(conditions),
                        index=pd.Index(arr + 1, name="row"))


def _exclusions(tt: TruthTable, exclude: Any) -> np.ndarray:
    if exclude is None:
        return np.zeros(0, np.int64)
    items = [exclude] if isinstance(exclude, (int, np.integer)) else exclude
    if isinstance(items, pd.DataFrame):
        items = list(items.index)
    size = space_size(tt.levels)
    out = []
    try:
        seq = list(items)
    except TypeError:
        raise QCAError(f"exclude={exclude!r}: for a multi-value table give R row numbers") from None
    for r in seq:
        if isinstance(r, (bool, np.bool_)) or not isinstance(r, (int, np.integer)):
            raise QCAError(f"exclude: {r!r} is not a row number; for a multi-value table give R row numbers "
                           f"(1 to {size})")
        if not 1 <= int(r) <= size:
            raise QCAError(f"exclude: row {r} does not exist; rows run from 1 to {size}")
        out.append(int(r) - 1)
    codes = np.unique(np.asarray(out, dtype=np.int64))
    pos = np.intersect1d(codes, tt.codes("1").astype(np.int64))
    if len(pos):
        raise QCAError(f"exclude: row {int(pos[0]) + 1} has OUT = 1 and cannot be excluded")
    return codes


def expectations_mv(dir_exp: Any, conditions: Sequence[str], levels: Sequence[int]) -> dict[int, frozenset[int]]:
    """Directional expectations on levels: condition index -> the levels expected to contribute.

    Accepted forms: a dict ``{"DEV": [1, 2], "STB": 1, "URB": "-"}``
    (``"-"`` or None: no expectation), or R's strings ``"DEV[1,2], STB,
    ~URB"`` / a list of them (``X[v]``, ``X{v}``, ``X[1,2]``; a bare ``X`` or
    ``~X`` for a binary condition means level 1 or 0).

    Examples
    --------
    >>> expectations_mv("DEV[1,2], STB, ~URB", ["DEV", "URB", "STB"], [3, 2, 2])
    {0: frozenset({1, 2}), 2: frozenset({1}), 1: frozenset({0})}
    """
    conds = list(conditions)
    out: dict[int, frozenset[int]] = {}

    def put(name: str, values: Any, original: Any) -> None:
        if name not in conds:
            raise QCAError(f"dir_exp={original!r}: unknown condition {name!r}; the truth table has "
                           + ", ".join(conds))
        i = conds.index(name)
        if values is None or (isinstance(values, str) and values.strip() in ("-", "")):
            return
        try:
            if isinstance(values, (int, np.integer)) and not isinstance(values, bool):
                vals = [int(values)]
            elif isinstance(values, str):
                vals = [int(v) for v in values.replace(";", ",").split(",") if v.strip() not in ("", "-")]
                if not vals:
                    raise ValueError(values)
            else:
                vals = [int(v) for v in values]
                if any(isinstance(v, bool) or float(v) != int(v) for v in values):
                    raise ValueError(values)
        except (TypeError, ValueError):
            raise QCAError(f"dir_exp={original!r}: the levels of {name} are whole numbers, e.g. {name}[1,2] "
                           f"(levels 0..{levels[i] - 1})") from None
        bad = [v for v in vals if not 0 <= v < levels[i]]
        if bad:
            raise QCAError(f"dir_exp={original!r}: {name} has levels 0..{levels[i] - 1}, not {bad[0]}")
        out[i] = frozenset(out.get(i, frozenset()) | set(vals))

    if isinstance(dir_exp, dict):
        for name, values in dir_exp.items():
            put(str(name), values, dir_exp)
        return out
    items = [dir_exp] if isinstance(dir_exp, str) else list(dir_exp)
    text = ",".join(str(x) for x in items)
    depth, parts, cur = 0, [], ""
    for ch in text:  # split on commas outside brackets
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if "*" in part or "+" in part:
            raise QCAError(f"dir_exp={dir_exp!r}: conjunctural expectations ({part!r}) are not available for "
                           "multi-value tables; give one expectation per condition")
        neg = part.startswith("~")
        body = part[1:].strip() if neg else part
        for o, c in (("[", "]"), ("{", "}")):
            if body.endswith(c) and o in body:
                name, _, inner = body[:-1].partition(o)
                if neg:
                    raise QCAError(f"dir_exp={dir_exp!r}: write {part!r} as the levels expected, e.g. {name}[0]")
                if not inner.strip():
                    raise QCAError(f"dir_exp={dir_exp!r}: {part!r} names no level; give the levels expected, "
                                   f"e.g. {name.strip()}[1,2], or leave {name.strip()} out for no expectation")
                put(name.strip(), inner, dir_exp)
                break
        else:
            if body in conds and levels[conds.index(body)] > 2:
                raise QCAError(f"dir_exp={dir_exp!r}: {body} is multi-value; name the levels expected, "
                               f"e.g. {body}[{levels[conds.index(body)] - 1}] or {body}[1,2]")
            put(body, 0 if neg else 1, dir_exp)
    return out


def _widen(c_terms: np.ndarray, p_terms: np.ndarray, de: dict[int, frozenset[int]]) -> np.ndarray:
    """Complex terms inside a parsimonious term, with each literal the parsimonious term dropped
    and an expectation points away from also dropped.

    As R's ``C_getEC``: a literal ``X[v]`` is kept when ``v`` is an expected level of ``X``
    or ``X`` has no expectation, and dropped otherwise, so the widened term then
    admits every level of ``X`` (for a binary condition, the expected one).
    """
    out = []
    for c in c_terms:
        for p in p_terms:
            fixed_p = p > 0
            if not (c[fixed_p] == p[fixed_p]).all():
                continue  # the parsimonious term is not a superset of the complex one
            res = c.copy()
            for i in np.flatnonzero((c > 0) & ~fixed_p):
                if i in de and (int(c[i]) - 1) not in de[i]:
                    res[i] = 0
            out.append(res)
    return np.asarray(out, dtype=np.int64).reshape(-1, c_terms.shape[1])


def _intermediate_mv(tt: TruthTable, inc: str, dir_exp: Any, excl: np.ndarray, **opts: Any) -> "MVSolution":
    levels = tt.levels
    conds = list(tt.conditions)
    de = expectations_mv(dir_exp, conds, levels)
    p_sol = _minimize_mv(tt, inc, excl, **opts)
    c_sol = _minimize_mv(tt, inc.replace("?", ""), excl, **{**opts, "method": "auto"})
    on = tt.codes("1").astype(np.int64)
    on_conf = decode(on, levels)
    parts: list[tuple[str, MVSolve]] = []
    inters = []
    p_sa = list(p_sol.simplifying_assumptions.values())
    for ci, ccover in enumerate(c_sol.covers):
        c_terms = c_sol._res.implicants.terms[list(ccover)]
        for pj, pcover in enumerate(p_sol.covers):
            name = f"C{ci + 1}P{pj + 1}"
            sa = p_sa[pj].index.to_numpy(dtype=np.int64) - 1
            wide = _widen(c_terms, p_sol._res.implicants.terms[list(pcover)], de) if de else np.zeros((0, len(levels)))
            if len(wide) and len(sa):
                ec = sa[term_covers(wide, decode(sa, levels)).any(axis=0)]
            else:
                ec = np.zeros(0, np.int64)
            res = solve_mv(on_conf, [], decode(ec, levels), levels, remainders=False,
                           all_sol=opts["all_sol"], row_dom=opts["row_dom"], max_solutions=opts["max_solutions"])
            parts.append((name, res))
            inters.append(MVIntermediate(
                name=name, complex=c_sol.solutions[ci], parsimonious=p_sol.solutions[pj],
                solutions=[model_of(res.implicants.terms[list(c)], conds, levels) for c in res.covers.covers],
                easy_counterfactuals=rows_frame_mv(ec, conds, levels),
                difficult_counterfactuals=rows_frame_mv(np.setdiff1d(sa, ec), conds, levels),
            ))
    # one solution holding every distinct model, implicants merged in R's order
    all_terms = sort_terms(np.concatenate([r.implicants.terms for _, r in parts]), levels)
    index = {tuple(t): i for i, t in enumerate(all_terms.tolist())}
    models: dict[tuple[int, ...], list[str]] = {}
    capped = False
    for name, r in parts:
        capped = capped or r.covers.capped
        for cover in r.covers.covers:
            key = tuple(sorted(index[tuple(r.implicants.terms[i].tolist())] for i in cover))
            models.setdefault(key, [])
            if name not in models[key]:
                models[key].append(name)
    rows = p_sol._res.implicants.rows
    cov = term_covers(all_terms, rows)
    pi, row = np.nonzero(cov)
    merged = MVSolve(MVImplicants(levels, all_terms, rows, pi.astype(np.int64), row.astype(np.int64)),
                     Covers(tuple(models), capped))
    shown = ", ".join(f"{conds[i]}[{','.join(map(str, sorted(v)))}]" for i, v in sorted(de.items()))
    return MVSolution(truth_table=tt, include=inc, all_sol=opts["all_sol"], row_dom=opts["row_dom"], _res=merged,
                      exclude=tuple(int(c) + 1 for c in excl), dir_exp=shown, _complex=c_sol,
                      _parsimonious=p_sol, _intermediate=tuple(inters),
                      _origins=tuple(tuple(v) for v in models.values()))


def minimize_mv(
    tt: TruthTable,
    inc: str,
    *,
    dir_exp: Any = None,
    exclude: Any = None,
    all_sol: bool = False,
    row_dom: bool = False,
    max_solutions: int | None = None,
    method: str = "auto",
    progress: Callable[[str, int, int], None] | None = None,
    time_limit: float | None = None,
) -> MVSolution:
    """Minimize a truth table with multi-value conditions (called by :func:`qca.minimize`).

    ``inc`` holds the parsed include flags (``""``, ``"?"``, ``"C"``, ``"?C"``).

    Examples
    --------
    >>> import qca
    >>> tt = qca.truth_table(qca.datasets.load("LM"), "SURV")
    >>> [str(m) for m in qca.minimize(tt, include="?").solutions]
    ['DEV[2] + DEV[1]*STB', 'DEV[1]*~IND + IND*STB', 'DEV[1]*STB + IND*STB']
    """
    excl = _exclusions(tt, exclude)
    opts = dict(all_sol=all_sol, row_dom=row_dom, max_solutions=max_solutions,
                method={"bitset": "hitting", "mmcs": "hitting"}.get(method, method), progress=progress,
                time_limit=time_limit)
    if dir_exp is not None:
        if "?" not in inc:
            raise QCAError(
                f"dir_exp={dir_exp!r} needs the remainders: directional expectations choose among the "
                "remainders the parsimonious solution uses, so give include='?' (or '?C')"
            )
        return _intermediate_mv(tt, inc, dir_exp, excl, **opts)
    return _minimize_mv(tt, inc, excl, **opts)


def _minimize_mv(tt: TruthTable, inc: str, excl: np.ndarray, *, all_sol: bool, row_dom: bool,
                 max_solutions: int | None, method: str = "auto", progress: Any = None,
                 time_limit: float | None = None) -> MVSolution:
    levels = tt.levels
    on = tt.codes("1").astype(np.int64)
    if len(on) == 0:
        ic1, ic0 = tt.incl_cut
        raise QCAError(
            f"no row has OUT = 1 for {tt.outcome} (incl_cut={ic1:g}, n_cut={tt.n_cut}, "
            f"pri_cut={tt.pri_cut:g}): there is nothing to explain"
        )
    off_parts = [tt.codes("0").astype(np.int64), excl]
    dc_parts = []
    if "C" in inc:
        dc_parts.append(tt.codes("C").astype(np.int64))
    else:
        off_parts.append(tt.codes("C").astype(np.int64))
    remainders = "?" in inc
    if remainders:
        dc_parts.append(tt.codes("?").astype(np.int64))
    off = np.unique(np.concatenate(off_parts))
    dc = np.setdiff1d(np.concatenate(dc_parts), off) if dc_parts else np.zeros(0, np.int64)
    if remainders and len(off) == 0:
        raise QCAError(
            f"include='?' but no row is negative for {tt.outcome}: every configuration could be used, "
            "so the solution would be the constant 1. Use the conservative solution (include='') or "
            "check the cut-offs"
        )
    res = solve_mv(decode(on, levels), decode(off, levels), decode(dc, levels), levels,
                   remainders=remainders, all_sol=all_sol, row_dom=row_dom,
                   max_solutions=max_solutions, method=method, progress=progress, time_limit=time_limit)
    if not remainders:  # R orders the conservative implicants with its QMC routine
        order = qmc_order_mv(res.implicants.terms)
        pis = _reorder(res.implicants, order)
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order), dtype=np.int64)
        covers = tuple(sorted((tuple(sorted(int(rank[i]) for i in c)) for c in res.covers.covers),
                              key=lambda c: (len(c), c)))
        res = MVSolve(pis, Covers(covers, res.covers.capped, res.covers.total, res.covers.lower_bound,
                                  res.covers.stopped))
    return MVSolution(truth_table=tt, include=inc, all_sol=all_sol, row_dom=row_dom, _res=res,
                      exclude=tuple(int(c) + 1 for c in excl))
