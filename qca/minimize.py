"""Boolean minimization of a truth table: the public ``minimize`` and its result.

The steps, each in its own module: prime implicants
(:mod:`qca.implicants`), the prime-implicant chart and its minimal covers
(:mod:`qca.chart`), parameters of fit (:mod:`qca.fit`). This module decides
which rows are positive, negative and don't-care from ``include``, runs
the steps and packages the result.

Which rows play which part (as in R's ``minimize``):

=====================  ==========  ==================  ====================
row                    include=""  include="?"         include="C" / "?C"
=====================  ==========  ==================  ====================
OUT = "1"              positive    positive            positive
OUT = "0"              negative    negative            negative
OUT = "C"              negative    negative            don't-care
OUT = "?" (< n_cut)    negative    don't-care          as the "?" flag says
unobserved             negative    don't-care          as the "?" flag says
=====================  ==========  ==================  ====================

``exclude`` turns chosen remainders (and contradictory rows) into negative
rows, so no solution may assume them; ``dir_exp`` adds the intermediate
solutions (see :mod:`qca.intermediate`).
"""

from __future__ import annotations

import inspect
import time
from dataclasses import dataclass, field
from functools import cached_property
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping

import numpy as np
import pandas as pd

from .chart import CoverSequence, Covers, dominated_implicants, irredundant_covers, minimal_covers, minimal_covers_cells
from .colgen import column_generation
from .errors import QCAError
from .validate import check_bool, check_model
from .expression import Expression, Term
from .fit import Fit, sufficiency_table
from .sets import term_membership
from .implicants import (Implicants, chart_cells, covers, prime_implicant_arrays, prime_implicants, qmc_order,
                         sort_implicants)
from .tables import TableView, plural
from .truth_table import TruthTable, truth_table

if TYPE_CHECKING:  # pragma: no cover
    from .intermediate import Intermediate

__all__ = ["Solution", "minimize"]


#: more tied solutions than this are counted, not all printed (nor fitted by ``Solution.fit``)
MAX_SHOWN = 1000
#: models whose fit the printed table shows (one unique-coverage column each)
FIT_SHOWN = 20


@dataclass(frozen=True, repr=False)
class Solution(TableView):
    """The result of :func:`minimize`.

    Attributes
    ----------
    truth_table : TruthTable
        The table that was minimized.
    include : str
        ``""``, ``"?"``, ``"C"`` or ``"?C"``.
    capped : bool
        True when ``max_solutions`` stopped the enumeration of solutions.
    exclude : tuple of int
        R row numbers of the configurations kept out with ``exclude``.
    dir_exp : Expression or None
        The directional expectations, one term per expectation (``A + ~B``),
        when the solution is intermediate.

    Examples
    --------
    >>> import pandas as pd, qca
    >>> df = pd.DataFrame({"A": [1, 1, 0, 0], "B": [1, 0, 1, 0], "Y": [1, 1, 0, 0]}, index=list("pqrs"))
    >>> sol = qca.minimize(qca.truth_table(df, "Y"))
    >>> [str(m) for m in sol.solutions], [str(e) for e in sol.essential]
    (['A'], ['A'])
    >>> sol.fit.loc[("M1", "A"), ["inclS", "covS"]].tolist()
    [1.0, 1.0]
    """

    truth_table: TruthTable
    include: str
    all_sol: bool
    row_dom: bool
    _pis: Implicants = field(repr=False)
    _covers: Covers = field(repr=False)
    exclude: tuple[int, ...] = ()
    dir_exp: Expression | None = None
    _complex: "Solution | None" = field(default=None, repr=False)
    _parsimonious: "Solution | None" = field(default=None, repr=False)
    _intermediate: "tuple[Intermediate, ...]" = field(default=(), repr=False)
    _origins: tuple[tuple[str, ...], ...] = field(default=(), repr=False)
    _generated: bool = field(default=False, repr=False)

    # ---------------------------------------------------------- implicants
    @cached_property
    def prime_implicants(self) -> tuple[Expression, ...]:
        """Every prime implicant covering a positive row, in R's order.

        For an intermediate solution: the implicants of every intermediate
        solution, merged. Built on first use (one :class:`Expression` per
        implicant); the search itself works on bit masks.
        """
        return tuple(self._pi(i) for i in range(len(self._pis)))

    def _pi(self, i: int) -> Expression:
        """Implicant ``i`` as an expression, without building the others (kept once built)."""
        built = self.__dict__.setdefault("_built", {})  # a cache, not a field: the dataclass stays frozen
        expr = built.get(i)
        if expr is None:
            term = Term.from_mask(int(self._pis.masks[i]), int(self._pis.bits[i]), self.truth_table.conditions)
            expr = built[i] = Expression((term,))
        return expr

    def _pair(self, i: int) -> tuple[int, int]:
        """Implicant ``i`` as ``(mask, bits)``."""
        return int(self._pis.masks[i]), int(self._pis.bits[i])

    @property
    def _rows(self) -> tuple[int, ...]:
        """The positive rows (R row numbers): the chart's columns."""
        return tuple((self._pis.rows.astype(np.int64) + 1).tolist())

    @cached_property
    def _chart(self) -> np.ndarray:
        return self._pis.chart()

    # ---------------------------------------------------------- kind
    @property
    def kind(self) -> str:
        """``"conservative"``, ``"parsimonious"``, ``"intermediate"`` or the include flags.

        Examples
        --------
        >>> import qca
        >>> import pandas as pd
        >>> df = pd.DataFrame({"A": [1, 0, 0], "B": [1, 1, 0], "Y": [1, 0, 0]})
        >>> qca.minimize(qca.truth_table(df, "Y"), include="?").kind
        'parsimonious'
        """
        if self.dir_exp is not None:
            return "intermediate"
        return {"": "conservative", "?": "parsimonious"}.get(self.include, f"include={self.include!r}")

    @property
    def intermediate(self) -> "dict[str, Intermediate]":
        """Per pair of complex and parsimonious model (``C1P1``, ``C1P2``, ...), its intermediate result.

        Each value has ``.solutions``, ``.easy_counterfactuals``,
        ``.difficult_counterfactuals``, ``.complex``, ``.parsimonious`` and
        ``.fit``. Empty unless ``minimize`` was given ``dir_exp``.
        """
        return {i.name: i for i in self._intermediate}

    @property
    def origins(self) -> list[tuple[str, ...]]:
        """With ``dir_exp``: for each solution (M1, M2, ...), the pairs (``C1P1``, ...) that gave it.

        R prints the same grouping as "From C1P1, C1P2:". Empty without ``dir_exp``.
        """
        return list(self._origins)

    @property
    def complex(self) -> "Solution | None":
        """With ``dir_exp``: the conservative (complex) solution it started from, else None."""
        return self._complex

    @property
    def parsimonious(self) -> "Solution | None":
        """With ``dir_exp``: the parsimonious solution whose remainders it drew on, else None."""
        return self._parsimonious

    # ---------------------------------------------------------- structure
    @property
    def capped(self) -> bool:
        """Whether the list of solutions is short of all of them (``max_solutions``, a time limit, Ctrl-C)."""
        return self._covers.capped

    @property
    def stopped(self) -> str | None:
        """``"time limit"`` or ``"interrupted"`` (Ctrl-C) when the search was cut short, else None.

        A stopped search returns the best solutions it had found: see
        :attr:`proven`, :attr:`lower_bound` and :attr:`gap` for how good
        they are.
        """
        return self._covers.stopped

    @property
    def interrupted(self) -> bool:
        """Whether Ctrl-C cut the search short (the solutions are the best found until then)."""
        return self._covers.stopped == "interrupted"

    @property
    def n_terms(self) -> int | None:
        """Number of implicants (terms) in the solutions found; None when there is none."""
        return self._covers.size

    @property
    def lower_bound(self) -> int | None:
        """Proven lower bound on the number of terms of a minimal solution.

        Equal to :attr:`n_terms` once the minimum is proven (always, unless
        a time limit or Ctrl-C stopped the search).
        """
        if self._covers.lower_bound is None:
            return self._covers.size
        return min(self._covers.lower_bound, self._covers.size) if self._covers.size is not None \
            else self._covers.lower_bound

    @property
    def proven(self) -> bool:
        """Whether the solutions are proven to have the fewest terms possible (gap 0)."""
        return self._covers.proven

    @property
    def gap(self) -> int | None:
        """Terms in the best solution found minus the proven lower bound (0: minimum proven)."""
        return self._covers.gap

    @property
    def pi_chart(self) -> pd.DataFrame:
        """Prime implicants (index, QCA notation) by positive rows (R row numbers): bool."""
        return pd.DataFrame(
            self._chart.copy(),
            index=pd.Index([str(p) for p in self.prime_implicants], name="implicant"),
            columns=pd.Index(list(self._rows), name="row"),
        )

    @property
    def solutions(self) -> "SolutionList":
        """Every minimal solution (every irredundant one with ``all_sol=True``), as a list-like sequence.

        Indexing, ``len()``, slicing and iteration work as on a list; each
        solution is built when first asked for, so iterating over millions
        of tied solutions starts at once (see :attr:`n_solutions`).
        """
        return SolutionList(self)

    @property
    def n_solutions(self) -> int:
        """How many minimal solutions there are: exact when :attr:`n_solutions_exact`, else a lower bound.

        Counted without listing them (independent parts of the chart
        multiply), so it is exact even when ``max_solutions`` capped the
        list, unless one part alone had more ties than the cap, or the
        search was stopped (then it is the number listed).

        Examples
        --------
        >>> import qca
        >>> import pandas as pd
        >>> df = pd.DataFrame({"A": [1, 1, 0, 0], "B": [1, 0, 1, 0], "Y": [1, 1, 0, 0]})
        >>> sol = qca.minimize(qca.truth_table(df, "Y"))
        >>> sol.n_solutions, sol.n_solutions_exact
        (1, True)
        """
        total = self._covers.total
        if total is not None:
            return int(total)
        return len(self._covers.covers)

    @property
    def n_solutions_exact(self) -> bool:
        """Whether :attr:`n_solutions` is the exact count (False: only a lower bound)."""
        return self._covers.total is not None or not self._covers.capped

    @property
    def essential(self) -> tuple[Expression, ...]:
        """Prime implicants that appear in every solution."""
        if not self._covers.covers:
            return ()
        if isinstance(self._covers.covers, CoverSequence):
            return tuple(self._pi(i) for i in sorted(self._covers.covers.common()))
        common = set(self._covers.covers[0]).intersection(*map(set, self._covers.covers[1:]))
        return tuple(self._pi(i) for i in sorted(common))

    def factorize(self) -> list[str]:
        """Each solution in a shorter, factored form for papers (text only; see :mod:`qca.factorize`).

        Examples
        --------
        >>> import qca
        >>> import pandas as pd
        >>> df = pd.DataFrame({"A": [1, 1, 0], "B": [1, 0, 1], "C": [0, 1, 1], "Y": [1, 1, 0]})
        >>> sol = qca.minimize(qca.truth_table(df, "Y"))
        >>> [str(s) for s in sol.solutions], sol.factorize()
        (['A*B*~C + A*~B*C'], ['A*(B*~C + ~B*C)'])
        """
        return [s.factorize() for s in self.solutions]

    def _expression(self, cover: tuple[int, ...]) -> Expression:
        return Expression(tuple(self._pi(i).terms[0] for i in cover))

    # ---------------------------------------------------------- fit
    def _members(self, idx: list[int]) -> list[np.ndarray]:
        cd = self.truth_table.data
        if cd.fuzzy:  # a term's membership: the minimum over its literals
            return [term_membership(int(self._pis.masks[i]), int(self._pis.bits[i]), cd.memberships) for i in idx]
        k = len(cd.conditions)
        weights = (np.uint64(1) << np.arange(k - 1, -1, -1, dtype=np.uint64)).astype(np.uint64)
        codes = cd.X.astype(np.uint64) @ weights
        idx = np.asarray(idx, dtype=np.int64)
        return list(covers(self._pis.masks[idx], self._pis.bits[idx], codes).astype(float))

    def model_fit(self, model: int = 0) -> Fit:
        """Parameters of fit of one solution (0 is M1): per term, then the whole.

        Examples
        --------
        >>> import qca
        >>> import pandas as pd
        >>> df = pd.DataFrame({"A": [1, 1, 0, 0], "B": [1, 0, 1, 0], "Y": [1, 1, 0, 0]})
        >>> sol = qca.minimize(qca.truth_table(df, "Y"))
        >>> sol.model_fit(0).to_frame()[["inclS", "covS"]]
                    inclS  covS
        expression
        A             1.0   1.0
        """
        cover = list(self._covers.covers[check_model(model, len(self._covers.covers))])
        cd = self.truth_table.data
        expr = self._expression(tuple(cover))
        members = self._members(cover)
        whole = np.maximum.reduce(members) if len(members) > 1 else None
        frame, und = sufficiency_table(
            [str(self._pi(i)) for i in cover], members, whole, str(expr),
            cd.outcome_membership, list(cd.cases),
        )
        return Fit(expression=expr, outcome=cd.outcome, relation="sufficiency", _frame=self._r_cases(frame),
                   _undecided=tuple((k, tuple(v)) for k, v in und.items()))

    def _r_cases(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Keep in ``cases`` only the cases of the positive rows (R lists the explained rows' cases).

        Cases in rows below ``n_cut`` or in contradictory rows used as
        don't-cares are inside a term without being explained by it.
        """
        t = self.truth_table.table
        explained = {c for cs in t.loc[t["OUT"] == "1", "cases"] for c in cs}
        frame = frame.copy()
        frame["cases"] = [[c for c in cs if c in explained] for cs in frame["cases"]]
        return frame

    @property
    def fit(self) -> pd.DataFrame:
        """Fit of every solution: index (model, expression), one row per term then the solution.

        Columns: inclS, PRI, covS, covU (unique coverage within that model), cases
        (as R: the cases of the positive rows each term covers).
        """
        frames = {f"M{i + 1}": self.model_fit(i).to_frame() for i in range(min(len(self._covers.covers), MAX_SHOWN))}
        return pd.concat(frames, names=["model", "expression"])

    @property
    def pi_fit(self) -> pd.DataFrame:
        """Fit of each implicant used by some solution, covU within all of them (R's overall table)."""
        used = sorted({i for c in self._covers.covers for i in c})
        cd = self.truth_table.data
        members = self._members(used)
        frame, _ = sufficiency_table(
            [str(self._pi(i)) for i in used], members, None, "", cd.outcome_membership, list(cd.cases)
        )
        return self._r_cases(frame)

    # ---------------------------------------------------------- remainders
    @property
    def simplifying_assumptions(self) -> dict[str, pd.DataFrame]:
        """Per model, the configurations its implicants cover that were not to be explained.

        As R's QCA: every configuration inside the model's implicants other
        than the positive rows, i.e. the remainders used (and rows below
        ``n_cut``; with ``include="C"`` also the contradictory rows used).
        Index: R row numbers; columns: the configuration. Empty frames when
        neither remainders nor contradictions were included.
        """
        tt = self.truth_table
        k = len(tt.conditions)
        observed = tt.codes("1")
        out = {}
        for m, cover in enumerate(self._covers.covers):
            codes: list[np.ndarray] = []
            if self.include:
                for i in cover:
                    codes.append(_expand(int(self._pis.masks[i]), int(self._pis.bits[i]), k))
            allc = np.unique(np.concatenate(codes)) if codes else np.array([], dtype=np.uint64)
            out[f"M{m + 1}"] = rows_frame(np.setdiff1d(allc, observed), tt.conditions)
        return out

    # ---------------------------------------------------------- printing
    def to_frame(self) -> pd.DataFrame:
        """Same as :attr:`fit`."""
        return self.fit

    def fit_table(self) -> pd.DataFrame:
        """The fit table as R's ``minimize()`` prints it, one table for every model.

        One row per implicant used by some model (essential ones first),
        each printed once however many models share it, then one row per
        model (``M1``, ``M2``, ...). Columns inclS, PRI, covS, covU and,
        with several models, the unique coverage within each model
        (``covU (M1)``, ``covU (M2)``, ...; blank where the model lacks the
        term; the plain ``covU`` is then the coverage no other implicant of
        the table shares), then the cases of the explained rows each
        implicant covers.

        Examples
        --------
        >>> import qca
        >>> sol = qca.minimize(qca.truth_table(qca.datasets.load("LC"), "SURV"), include="?")
        >>> sol.fit_table()[["inclS", "covS"]]
                 inclS  covS
        DEV*STB    1.0   1.0
        M1         1.0   1.0
        """
        return self._fit_table.copy()

    @cached_property
    def _fit_table(self) -> pd.DataFrame:
        covers = list(self._covers.covers[:FIT_SHOWN])
        fits = [self.model_fit(i).to_frame() for i in range(len(covers))]
        essential = set(covers[0]).intersection(*map(set, covers[1:])) if covers else set()
        used: list[int] = []
        for cover in covers:
            used.extend(i for i in cover if i not in used)
        used = sorted(used, key=lambda i: (i not in essential, used.index(i)))
        several = len(covers) > 1
        cols = ["inclS", "PRI", "covS", "covU"] + [f"covU (M{m + 1})" for m in range(len(covers))] * several
        rows, index = [], []
        if several:
            overall = self._fit_of(used)
        for i in used:
            label = str(self._pi(i))
            if several:
                r = overall.loc[label]
                row = {c: r[c] for c in ("inclS", "PRI", "covS", "covU")}
                for m, (cover, f) in enumerate(zip(covers, fits)):
                    row[f"covU (M{m + 1})"] = (_unique(f, label) if i in cover else "")
            else:
                r = fits[0].loc[label]
                row = {c: r[c] for c in ("inclS", "PRI", "covS", "covU")}
            row["cases"] = list(r["cases"])
            rows.append(row)
            index.append(label)
        for m, f in enumerate(fits):
            whole = f.iloc[-1]
            rows.append({"inclS": whole["inclS"], "PRI": whole["PRI"], "covS": whole["covS"],
                         **{c: "" for c in cols[3:]}, "cases": ""})
            index.append(f"M{m + 1}")
        return pd.DataFrame(rows, index=pd.Index(index, name=""), columns=[*cols, "cases"])

    def _fit_of(self, used: list[int]) -> pd.DataFrame:
        cd = self.truth_table.data
        frame, _ = sufficiency_table([str(self._pi(i)) for i in used], self._members(used), None, "",
                                     cd.y.astype(float), list(cd.cases))
        return self._r_cases(frame)

    def _display_frame(self) -> pd.DataFrame:
        return self._fit_table

    def _rule_before(self) -> int | None:
        return len(self._fit_table) - min(len(self._covers.covers), FIT_SHOWN)

    def _case_groups(self) -> dict[str, int]:
        t = self.truth_table.table
        return {c: int(row) for row, cs in zip(t.index, t["cases"]) for c in cs}

    @property
    def title(self) -> str:  # type: ignore[override]
        kind = self.kind
        if self.dir_exp is not None:
            kind += ", directional expectations: " + ", ".join(map(str, self.dir_exp.terms))
        lines = [f"Solution for {self.truth_table.outcome} ({kind}):"]
        n = len(self._covers.covers)
        for i, s in enumerate(self.solutions[:MAX_SHOWN] if n > MAX_SHOWN else self.solutions):
            origin = f"   (from {', '.join(self._origins[i])})" if self._origins else ""
            lines.append(f"M{i + 1}: {s} -> {self.truth_table.outcome}{origin}")
        if n > MAX_SHOWN:
            lines.append(f"... {n - MAX_SHOWN:,} more tied minimal solutions (sol.solutions lists them lazily)")
        lines.extend(f"({line})" for line in self.search_notes())
        return "\n".join(lines)

    def search_notes(self) -> list[str]:
        """How complete the search was, as lines of text; empty when it finished.

        Examples
        --------
        >>> import qca
        >>> import pandas as pd
        >>> df = pd.DataFrame({"A": [1, 0, 0], "B": [1, 1, 0], "Y": [1, 0, 0]})
        >>> qca.minimize(qca.truth_table(df, "Y")).search_notes()
        []
        """
        out = []
        cov = self._covers
        if cov.stopped is not None:
            why = "interrupted (Ctrl-C)" if cov.stopped == "interrupted" else "time limit reached"
            if cov.proven:
                out.append(f"{why}: minimum of {cov.size} terms proven; "
                           f"{len(cov.covers)} of the minimal solutions listed, there may be more")
            else:
                out.append(f"{why}: best found has {cov.size} terms, proven lower bound {self.lower_bound}, "
                           f"gap {cov.gap}: not proven minimal")
        elif self.capped:
            out.append(f"enumeration capped at {len(cov.covers)} solutions")
        if self._generated:
            out.append(f"too many prime implicants to list or reduce in time: {len(self._pis)} generated by "
                       "column generation (prime_implicants shows these only)")
        return out

    def _notes(self) -> list[str]:
        notes = []
        if len(self._covers.covers) > FIT_SHOWN:
            notes.append(f"the table shows the fit of M1 to M{FIT_SHOWN} of {len(self._covers.covers):,} models; "
                         "model_fit(i) gives any other")
        if self.exclude:
            notes.append("excluded configurations (treated as negative): "
                         + plural(len(self.exclude), "row") + " " + ", ".join(map(str, self.exclude)))
        for inter in self._intermediate:
            ec = inter.easy_counterfactuals.index.tolist()
            notes.append(f"{inter.name}: easy counterfactuals " + (", ".join(map(str, ec)) if ec else "none"))
        return notes


class SolutionList(Sequence):
    """The solutions of a :class:`Solution`, built one by one when asked for (list-like).

    Supports ``len()``, indexing, slicing (a list), iteration and ``==``
    against lists and tuples.
    """

    def __init__(self, sol: Solution):
        self._sol = sol
        self._covers = sol._covers.covers

    def __len__(self) -> int:
        return len(self._covers)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return self._sol._expression(tuple(self._covers[index]))

    def __iter__(self):
        for cover in self._covers:
            yield self._sol._expression(tuple(cover))

    def __eq__(self, other) -> bool:
        if isinstance(other, (SolutionList, list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        n = len(self)
        shown = [repr(self[i]) for i in range(min(n, 10))]
        return "[" + ", ".join(shown) + (f", ... ({n:,} solutions)]" if n > 10 else "]")


def _unique(frame: pd.DataFrame, label: str) -> float:
    """covU of ``label`` within one model's fit frame (NaN for a one-term model, printed ``-``)."""
    return float(frame.loc[label, "covU"])


def rows_frame(codes: np.ndarray | Sequence[int], conditions: Sequence[str]) -> pd.DataFrame:
    """Configurations (codes = R row number - 1) as a frame: index ``row``, one 0/1 column per condition.

    Examples
    --------
    >>> rows_frame([5], ["A", "B", "C"])
         A  B  C
    row
    6    1  0  1
    """
    k = len(conditions)
    arr = np.sort(np.asarray(codes, dtype=np.uint64))
    bits = (arr[:, None] >> np.arange(k - 1, -1, -1, dtype=np.uint64)) & np.uint64(1)
    return pd.DataFrame(bits.astype(np.int64), columns=list(conditions),
                        index=pd.Index((arr + np.uint64(1)).astype(np.int64), name="row"))


def _expand(mask: int, bits: int, k: int) -> np.ndarray:
    """Every configuration in the cube ``(mask, bits)``."""
    free = [b for b in range(k) if not mask >> b & 1]
    idx = np.arange(1 << len(free), dtype=np.uint64)
    codes = np.full(len(idx), bits, dtype=np.uint64)
    for j, b in enumerate(free):
        codes |= ((idx >> np.uint64(j)) & np.uint64(1)) << np.uint64(b)
    return codes


def parse_include(include: str | None) -> str:
    """R's ``include`` as flags: ``"?"`` (remainders), ``"C"`` (contradictions), both or neither.

    Examples
    --------
    >>> parse_include("C, ?"), parse_include(None)
    ('?C', '')
    """
    if include is None:
        return ""
    if not isinstance(include, str):
        raise QCAError(f"include={include!r}: give a string made of '?' and/or 'C'")
    text = include.replace(",", "").replace(" ", "")
    bad = set(text) - {"?", "C"}
    if bad:
        raise QCAError(f"include={include!r}: only '?' (remainders) and 'C' (contradictions) can be included")
    return ("?" if "?" in text else "") + ("C" if "C" in text else "")


def minimize(
    tt: TruthTable | pd.DataFrame,
    include: str = "",
    *,
    dir_exp: Mapping[str, Any] | Sequence[str] | str | None = None,
    exclude: Any = None,
    all_sol: bool = False,
    row_dom: bool = False,
    max_solutions: int | None = None,
    method: str = "auto",
    progress: Callable[..., None] | None = None,
    time_limit: float | None = None,
    **truth_table_args: Any,
) -> Solution:
    """Minimize a truth table: prime implicants, PI chart and every minimal solution.

    Parameters
    ----------
    tt : TruthTable or pandas.DataFrame
        From :func:`qca.truth_table`; or, as R's ``minimize()`` accepts, the
        data frame itself, with the truth table's settings as keywords
        (``outcome=`` is then required): ``minimize(df, outcome="Y",
        incl_cut=0.8, include="?")`` is ``minimize(truth_table(df, "Y",
        incl_cut=0.8), include="?")``.
    include : str
        ``""`` gives the conservative (complex) solution; ``"?"`` lets
        remainders be used (parsimonious solution); ``"C"`` treats
        contradictory rows as don't-cares; ``"?C"`` both.
    dir_exp : dict, str or list of str, optional
        Directional expectations; with them the result holds the
        intermediate solution(s) (needs ``include="?"``). A dict
        ``{"A": 1, "B": 0, "C": "-"}`` or R's forms ``"A, ~B"``,
        ``["A", "~B"]``, ``"A + ~B"``; see :mod:`qca.intermediate`.
    exclude : optional
        Configurations no solution may assume, made negative rows: R row
        numbers, a frame of configurations (e.g. from
        :func:`qca.contradictory_assumptions` or
        :func:`qca.untenable_remainders`), an expression (its remainders),
        or a list of these. Positive rows cannot be excluded.
    all_sol : bool
        Return every irredundant cover, not only the smallest ones.
    row_dom : bool
        First drop each implicant whose rows are a strict subset of another's.
    max_solutions : int, optional
        Stop after this many solutions; ``Solution.capped`` says so.
    method : {"auto", "qmc", "qmc-vec", "bitset", "mmcs"}
        Prime-implicant method (see :mod:`qca.implicants`); results are the same.
    progress : callable, optional
        ``progress(stage, done, total)``, called now and then during long
        runs (``total`` 0 when unknown). A callable taking a fourth
        argument gets, during the chart search, ``{"incumbent": terms in
        the best solution so far, "bound": proven lower bound, "nodes":
        search nodes}``. An exception raised by the callback stops the
        run and is raised again; nothing is left half-built.
    time_limit : float, optional
        Seconds the search may take. Past it (or at Ctrl-C) the search
        stops and returns the best solutions found so far:
        ``Solution.stopped`` says why, ``proven``, ``lower_bound`` and
        ``gap`` say how good they are, and the printout says so too.
        Without it the search runs until it has proved the minimum and
        listed the ties (Ctrl-C still returns what was found). Ctrl-C
        while the prime implicants are listed raises KeyboardInterrupt
        (there is nothing to show yet); the time limit then raises
        QCAError.
    **truth_table_args
        Only with a data frame: the keywords of :func:`qca.truth_table`
        (``outcome``, ``conditions``, ``incl_cut``, ``n_cut``, ``pri_cut``,
        ``missing``, ``case_col``). With a truth table they are an error:
        its settings are fixed when it is built.

    Returns
    -------
    Solution

    Raises
    ------
    QCAError
        No row has OUT = 1, remainders are included but no row is
        negative, ``dir_exp`` without remainders or naming an unknown
        condition, or ``exclude`` naming a positive row.

    Examples
    --------
    >>> import qca
    >>> import pandas as pd
    >>> df = pd.DataFrame({"A": [1, 1, 0, 0], "B": [1, 0, 1, 0], "C": [1, 1, 1, 0],
    ...                    "Y": [1, 1, 1, 0]}, index=list("pqrs"))
    >>> tt = qca.truth_table(df, "Y", conditions=["A", "B"])
    >>> [str(s) for s in qca.minimize(tt).solutions]
    ['A + B']

    Intermediate solutions: ``A*B*C`` and ``A*~B*C`` are positive, ``~A*~B*~C``
    negative. The complex solution is ``A*C``, the parsimonious ones ``A``
    and ``C``. Expecting ``A`` present and ``C`` absent, dropping ``C``
    (towards ``A``) is easy, dropping ``A`` (towards ``C``) is not:

    >>> df = pd.DataFrame({"A": [1, 1, 0], "B": [1, 0, 0], "C": [1, 1, 0], "Y": [1, 1, 0]})
    >>> tt = qca.truth_table(df, "Y")
    >>> sol = qca.minimize(tt, include="?", dir_exp={"A": 1, "C": 0})
    >>> [str(s) for s in sol.parsimonious.solutions]
    ['A', 'C']
    >>> {name: [str(s) for s in i.solutions] for name, i in sol.intermediate.items()}
    {'C1P1': ['A'], 'C1P2': ['A*C']}
    >>> sol.intermediate["C1P1"].easy_counterfactuals.index.tolist()
    [5, 7]

    Straight from a data frame, as in R:

    >>> [str(s) for s in qca.minimize(df, outcome="Y", include="?").solutions]
    ['A', 'C']
    """
    _check_truth_table_args(truth_table_args)
    if isinstance(tt, pd.DataFrame):
        tt = _truth_table_of_frame(tt, truth_table_args)
    elif truth_table_args and isinstance(tt, TruthTable):
        given = ", ".join(f"{k}={v!r}" for k, v in truth_table_args.items())
        raise QCAError(
            f"minimize() got {given}, but these settings belong to the truth table, which is already built "
            f"(outcome {tt.outcome}, incl_cut={tt.incl_cut[0]:g}, n_cut={tt.n_cut}): build a new one with "
            "qca.truth_table(data, ...), or give minimize() the data frame instead"
        )
    if not isinstance(tt, TruthTable):
        raise QCAError(f"minimize() takes a TruthTable from qca.truth_table(), or a pandas DataFrame with "
                       f"outcome=..., not {type(tt).__name__}")
    inc = parse_include(include)
    check_bool("all_sol", all_sol)
    check_bool("row_dom", row_dom)
    if max_solutions is not None and (
        isinstance(max_solutions, bool) or not isinstance(max_solutions, (int, np.integer)) or max_solutions < 1
    ):
        raise QCAError(f"max_solutions={max_solutions!r}: give a positive whole number")
    if time_limit is not None and (isinstance(time_limit, bool) or not isinstance(time_limit, (int, float, np.integer, np.floating))
                                   or not time_limit > 0 or not np.isfinite(time_limit)):
        raise QCAError(f"time_limit={time_limit!r}: give a positive number of seconds (or None for no limit)")
    if progress is not None and not callable(progress):
        raise QCAError(f"progress={progress!r}: give a function progress(stage, done, total), or None")
    deadline = None if time_limit is None else time.monotonic() + float(time_limit)
    if tt.multivalue:  # mixed-radix configurations: qca.mvsolution
        from .mvsolution import minimize_mv

        return minimize_mv(tt, inc, dir_exp=dir_exp, exclude=exclude, all_sol=all_sol, row_dom=row_dom,
                           max_solutions=max_solutions, method=method, progress=progress, time_limit=time_limit)
    excl = exclusion_codes(tt, exclude)
    if dir_exp is not None:
        if "?" not in inc:
            raise QCAError(
                f"dir_exp={dir_exp!r} needs the remainders: directional expectations choose among the "
                "remainders the parsimonious solution uses, so give include='?' (or '?C')"
            )
        from .intermediate import intermediate_solution

        return intermediate_solution(tt, inc, dir_exp, excl, all_sol=all_sol, row_dom=row_dom,
                                     max_solutions=max_solutions, method=method, progress=progress,
                                     deadline=deadline)
    return minimize_table(tt, inc, excl, all_sol=all_sol, row_dom=row_dom, max_solutions=max_solutions,
                     method=method, progress=progress, deadline=deadline)


def _check_truth_table_args(args: dict[str, Any]) -> None:
    """Keywords minimize() passes on to truth_table() must be truth_table()'s."""
    params = [n for n in inspect.signature(truth_table).parameters if n != "data"]
    unknown = [k for k in args if k not in params]
    if unknown:
        own = [n for n, p in inspect.signature(minimize).parameters.items() if p.kind == p.KEYWORD_ONLY]
        raise QCAError(
            f"minimize() has no setting {', '.join(map(repr, unknown))}: it takes include, {', '.join(own)}, "
            f"and with a data frame qca.truth_table()'s {', '.join(params)}"
        )


def _truth_table_of_frame(data: pd.DataFrame, args: dict[str, Any]) -> TruthTable:
    """R's ``minimize(data, outcome = ...)``: the truth table of a data frame, from minimize's keywords."""
    if args.get("outcome") is None:
        raise QCAError(
            "minimize() of a data frame needs the outcome: minimize(data, outcome='Y', incl_cut=..., include=...), "
            "or build the truth table first with qca.truth_table(data, 'Y')"
        )
    return truth_table(data, **args)


def minimize_table(
    tt: TruthTable,
    inc: str,
    excl: np.ndarray,
    *,
    all_sol: bool,
    row_dom: bool,
    max_solutions: int | None,
    method: str,
    progress: Callable[..., None] | None = None,
    deadline: float | None = None,
    pi_deadline: bool = True,
) -> Solution:
    """Minimize with parsed ``include`` flags and excluded configuration codes.

    ``deadline``: a ``time.monotonic()`` value past which the chart search
    returns its best (see ``minimize(time_limit=...)``); with
    ``pi_deadline`` the prime implicants must be listed by then too.

    Examples
    --------
    >>> import numpy as np, pandas as pd, qca
    >>> df = pd.DataFrame({"A": [1, 1, 0, 0], "B": [1, 0, 1, 0], "Y": [1, 1, 0, 0]}, index=list("pqrs"))
    >>> tt = qca.truth_table(df, "Y")
    >>> sol = minimize_table(tt, "?", np.array([], dtype=np.uint64), all_sol=False, row_dom=False,
    ...                      max_solutions=None, method="auto")
    >>> str(sol.solutions[0])
    'A'
    """
    on = tt.codes("1")
    if len(on) == 0:
        ic1, ic0 = tt.incl_cut
        raise QCAError(
            f"no row has OUT = 1 for {tt.outcome} (incl_cut={ic1:g}"
            + (f", ic0={ic0:g}" if ic0 != ic1 else "")
            + f", n_cut={tt.n_cut}, pri_cut={tt.pri_cut:g}): there is nothing to explain"
        )
    off_parts = [tt.codes("0"), excl]
    dc_parts = []
    if "C" in inc:
        dc_parts.append(tt.codes("C"))
    else:
        off_parts.append(tt.codes("C"))
    remainders = "?" in inc
    if remainders:
        dc_parts.append(tt.codes("?"))
    off = np.unique(np.concatenate(off_parts).astype(np.uint64))
    dc = np.concatenate(dc_parts).astype(np.uint64) if dc_parts else np.array([], dtype=np.uint64)
    dc = np.setdiff1d(dc, off)
    if remainders and len(off) == 0:
        raise QCAError(
            f"include='?' but no row is negative for {tt.outcome}: every configuration could be used, "
            "so the solution would be the constant 1. Use the conservative solution (include='') or "
            "check the cut-offs"
        )
    k = len(tt.conditions)
    pi_end = deadline
    if deadline is not None and remainders and pi_deadline:
        # past this share of the time, stop listing implicants and generate the ones the LP asks for
        now = time.monotonic()
        pi_end = now + PI_SHARE * max(0.0, deadline - now)
    if remainders and not all_sol and not row_dom and k > GENERATE_K and len(on) * len(off) > GENERATE_CELLS:
        # far too many prime implicants to list (one row alone can have millions): generate them
        return _generated_solution(tt, inc, np.sort(on), off, excl, deadline, progress)
    pi_progress = progress if deadline is None or not pi_deadline else _with_deadline(progress, pi_end)
    try:
        pis = prime_implicant_arrays(np.sort(on), off, dc, k, remainders=remainders, method=method,
                                     progress=pi_progress)
    except _PastDeadline as stop:
        if remainders and not all_sol and not row_dom:
            return _generated_solution(tt, inc, np.sort(on), off, excl, deadline, progress)
        raise QCAError(
            f"time_limit: the time ran out while listing the prime implicants ({stop.where}); no solution "
            "can be shown before they are all known. Give more time, fewer conditions, or the "
            "conservative solution (include='')"
        ) from None
    if not remainders:  # R's conservative solution comes from its classical QMC, with that routine's order
        pis = pis.reordered(qmc_order(pis.masks, pis.bits, k))
    elif deadline is not None and not all_sol and not row_dom and len(pis) > POOL_GENERATE:
        # a chart this big has no time to be reduced in Python: column generation over the listed
        # implicants (exact pricing, so the LP bound is proven)
        return _generated_solution(tt, inc, np.sort(on), off, excl, deadline, progress,
                                   pool=(pis.masks, pis.bits, pis.pi, pis.row))
    return chart_solution(tt, inc, pis, all_sol=all_sol, row_dom=row_dom,
                           max_solutions=max_solutions, excl=excl, progress=progress, deadline=deadline)


#: with a time limit and remainders, the share of the time the prime implicants may take to list;
#: past it the search generates implicants by column generation instead (see :mod:`qca.colgen`)
PI_SHARE = 0.4
#: above this many conditions, with more than ``GENERATE_CELLS`` positive x negative rows, the
#: parsimonious search goes straight to column generation: listing the prime implicants would take
#: hours (30 conditions, 5,000 rows: about 9 x 10^8 of them; docs/benchmarks.md)
GENERATE_K = 22
GENERATE_CELLS = 200_000
#: with a time limit, a parsimonious chart of more prime implicants than this is solved by column
#: generation over them (k = 16 benchmark: 141,915 implicants, LP bound after 3 CPU s instead of 11)
POOL_GENERATE = 100_000


def _generated_solution(tt: TruthTable, inc: str, on: np.ndarray, off: np.ndarray, excl: np.ndarray,
                        deadline: float, progress, pool=None) -> Solution:
    """The parsimonious search by column generation until ``deadline`` (over ``pool`` when the implicants are listed)."""
    res = column_generation(on, off, len(tt.conditions), pool=pool, deadline=deadline, progress=progress)
    if not len(res.cover):  # pragma: no cover - there are positive rows
        raise QCAError("column generation found no cover")
    k = len(tt.conditions)
    used = list(res.cover)
    pairs = [(int(res.masks[i]), int(res.bits[i])) for i in range(len(res.masks))]
    pis = _implicants_of(pairs, on, k)
    stopped = res.stopped or ("time limit" if res.lower_bound < len(used) else None)
    covers_ = Covers((tuple(used),), True, None, lower_bound=res.lower_bound, stopped=stopped or "time limit")
    return Solution(truth_table=tt, include=inc, all_sol=False, row_dom=False, _pis=pis, _covers=covers_,
                    exclude=tuple(int(c) + 1 for c in np.sort(excl)), _generated=True)


class _PastDeadline(Exception):
    def __init__(self, where: str):
        super().__init__(where)
        self.where = where


def _with_deadline(progress, deadline: float):
    """A progress callback that also stops the run past ``deadline``."""

    def wrapped(stage: str, done: int, total: int, *info) -> None:
        if progress is not None:
            progress(stage, done, total, *info)
        if time.monotonic() > deadline:
            raise _PastDeadline(f"{stage} {done} of {total}" if total else stage)

    return wrapped


def chart_solution(
    tt: TruthTable,
    inc: str,
    pis: Implicants,
    *,
    all_sol: bool,
    row_dom: bool,
    max_solutions: int | None,
    excl: np.ndarray,
    progress: Callable[..., None] | None = None,
    deadline: float | None = None,
) -> Solution:
    """Solve the PI chart of ``pis`` (implicants against the positive rows ``pis.rows``).

    Examples
    --------
    >>> import numpy as np, pandas as pd, qca
    >>> df = pd.DataFrame({"A": [1, 1, 0, 0], "B": [1, 0, 1, 0], "Y": [1, 1, 0, 0]}, index=list("pqrs"))
    >>> tt = qca.truth_table(df, "Y")
    >>> pis = implicants_of([(0b10, 0b10), (0b11, 0b11)], tt.codes("1"), 2)  # A and A*B
    >>> sol = chart_solution(tt, "", pis, all_sol=False, row_dom=False, max_solutions=None,
    ...                      excl=np.array([], dtype=np.uint64))
    >>> [str(m) for m in sol.solutions]
    ['A']
    """
    if row_dom:
        keep = ~dominated_implicants(pis.chart())
        pis = _subset(pis, np.flatnonzero(keep))
    shape = (len(pis), len(pis.rows))
    limit = None if deadline is None else max(0.0, deadline - time.monotonic())
    found = (irredundant_covers(pis.chart(), max_solutions) if all_sol
             else minimal_covers_cells(pis.pi, pis.row, shape, max_solutions=max_solutions, progress=progress,
                                       time_limit=limit))
    return Solution(
        truth_table=tt,
        include=inc,
        all_sol=all_sol,
        row_dom=row_dom,
        _pis=pis,
        _covers=found,
        exclude=tuple(int(c) + 1 for c in np.sort(excl)),
    )


def _subset(pis: Implicants, keep: np.ndarray) -> Implicants:
    """The implicants ``keep`` (ascending indices), renumbered, with their chart cells."""
    new = np.full(len(pis), -1, dtype=np.int64)
    new[keep] = np.arange(len(keep), dtype=np.int64)
    cell = new[pis.pi] >= 0
    return Implicants(pis.k, pis.masks[keep], pis.bits[keep], pis.rows, new[pis.pi[cell]], pis.row[cell])


def implicants_of(pairs: Sequence[tuple[int, int]], rows: np.ndarray, k: int) -> Implicants:
    """Implicants given as ``(mask, bits)`` pairs (kept in that order) against positive rows.

    Examples
    --------
    >>> pis = implicants_of([(0b10, 0b10), (0b11, 0b11)], [2, 3], 2)  # A and A*B against rows A*~B, A*B
    >>> pis.chart().tolist()
    [[True, True], [False, True]]
    """
    masks = np.array([p[0] for p in pairs], dtype=np.uint64)
    bits = np.array([p[1] for p in pairs], dtype=np.uint64)
    rows = np.asarray(rows, dtype=np.uint64)
    pi, row = chart_cells(masks, bits, rows)
    return Implicants(k, masks, bits, rows, pi, row)


def merge_solutions(
    tt: TruthTable,
    inc: str,
    parts: Sequence[tuple[str, Solution]],
    *,
    all_sol: bool,
    row_dom: bool,
    excl: np.ndarray,
    **extra: Any,
) -> Solution:
    """One Solution holding every distinct model of several (named) solutions on the same rows.

    The implicants are the union of the parts' implicants (R's order); the
    models keep their order of first appearance, each with the names of
    the parts that gave it.

    Examples
    --------
    >>> import numpy as np, pandas as pd, qca
    >>> df = pd.DataFrame({"A": [1, 1, 0, 0], "B": [1, 0, 1, 0], "Y": [1, 1, 0, 0]}, index=list("pqrs"))
    >>> tt = qca.truth_table(df, "Y")
    >>> none = np.array([], dtype=np.uint64)
    >>> both = merge_solutions(tt, "?", [("C1", qca.minimize(tt)), ("P1", qca.minimize(tt, include="?"))],
    ...                        all_sol=False, row_dom=False, excl=none)
    >>> [str(m) for m in both.solutions]
    ['A']
    """
    k = len(tt.conditions)
    merged_pairs = sort_implicants({p for _, sol in parts for p in sol._pis.pairs()}, k)
    index = {p: i for i, p in enumerate(merged_pairs)}
    models: dict[tuple[int, ...], list[str]] = {}
    capped = False
    stopped = None
    for name, sol in parts:
        capped = capped or sol.capped
        stopped = stopped or sol.stopped
        for cover in sol._covers.covers:
            key = tuple(sorted(index[sol._pair(i)] for i in cover))
            models.setdefault(key, [])
            if name not in models[key]:
                models[key].append(name)
    pis = implicants_of(merged_pairs, parts[0][1]._pis.rows, k)
    return Solution(
        truth_table=tt,
        include=inc,
        all_sol=all_sol,
        row_dom=row_dom,
        _pis=pis,
        _covers=Covers(tuple(models), capped, stopped=stopped),
        exclude=tuple(int(c) + 1 for c in np.sort(excl)),
        _origins=tuple(tuple(v) for v in models.values()),
        **extra,
    )


# ------------------------------------------------------------------ exclude
#: minimal_sums: above this many conditions the hitting-set route is not tried
_SUMS_MAX_K = 20


def minimal_sums(expression: Expression | str, conditions: Sequence[str] | None = None) -> list[Expression]:
    """Every minimal sum of products equivalent to an expression (R's ``simplify``), in R's order.

    ``[Expression("0")]`` when it is never true, ``[Expression("1")]`` when
    always. A sum of single literals with no condition twice is already
    minimal and comes back as it is.

    Parameters
    ----------
    expression : Expression or str
    conditions : list of str, optional
        Order of the conditions in the result (default: as they appear).

    Examples
    --------
    >>> [str(e) for e in minimal_sums("A*B + A*~B + ~A*B*C")]
    ['A + B*C']
    >>> [str(e) for e in minimal_sums("A*~B + ~A*B + B*~C + ~B*C")]
    ['~A*B + A*~C + ~B*C', '~A*C + A*~B + B*~C']
    """
    expr = Expression.parse(expression) if isinstance(expression, str) else expression
    names = list(expr.conditions)
    order = [c for c in (conditions or names) if c in names] + [c for c in names if c not in (conditions or names)]
    if not expr.terms:
        return [expr]
    if any(len(t) == 0 for t in expr.terms):
        return [Expression((Term(()),))]
    lits = [t.literals[0] for t in expr.terms if len(t) == 1]
    if len(lits) == len(expr.terms):
        conds = [c for c, _ in lits]
        if len(set(conds)) == len(conds):
            pos = {c: i for i, c in enumerate(order)}
            return [Expression(tuple(Term((lit,)) for lit in sorted(lits, key=lambda x: pos[x[0]])))]
    kk = len(order)
    on = expression_codes(expr, order)
    if len(on) == 1 << kk:
        return [Expression((Term(()),))]
    off = np.setdiff1d(np.arange(1 << kk, dtype=np.uint64), on)
    if kk <= _SUMS_MAX_K and len(off) < len(on):
        pairs = prime_implicants(on, off, [], kk, remainders=True)
    else:
        pairs = prime_implicants(on, [], [], kk, remainders=False)
    chart = covers(np.array([p[0] for p in pairs], np.uint64), np.array([p[1] for p in pairs], np.uint64), on)
    return [Expression(tuple(Term.from_mask(*pairs[i], order) for i in cov)) for cov in minimal_covers(chart).covers]


def config_label(code: int, conditions: Sequence[str]) -> str:
    """A configuration (code = R row number - 1) in QCA notation.

    Examples
    --------
    >>> config_label(5, ["A", "B", "C"])
    'A*~B*C'
    """
    k = len(conditions)
    return str(Term.from_mask((1 << k) - 1, int(code), conditions))


def expression_codes(expression: Expression | str, conditions: Sequence[str]) -> np.ndarray:
    """Every configuration (code = R row number - 1) inside an expression over ``conditions``.

    Examples
    --------
    >>> expression_codes("A*~C", ["A", "B", "C"]).tolist()
    [4, 6]
    """
    expr = Expression.parse(expression) if isinstance(expression, str) else expression
    k = len(conditions)
    parts = [_expand(*t.to_mask(conditions), k) for t in expr.terms]
    if not parts:
        return np.array([], dtype=np.uint64)
    return np.unique(np.concatenate(parts))


def exclusion_codes(tt: TruthTable, exclude: Any) -> np.ndarray:
    """Configuration codes to treat as negative, from any form ``minimize(exclude=...)`` takes.

    Row numbers and frames of configurations name rows one by one: a row
    with OUT = 1 raises QCAError. An expression stands for the remainders
    (unobserved rows and rows below ``n_cut``) inside it.

    Examples
    --------
    >>> import qca
    >>> import pandas as pd
    >>> df = pd.DataFrame({"A": [1, 0], "B": [1, 1], "Y": [1, 0]})
    >>> tt = qca.truth_table(df, "Y")
    >>> exclusion_codes(tt, [1, "A*~B"]).tolist()
    [0, 2]
    """
    conds = tt.conditions
    k = len(conds)
    if exclude is None:
        return np.array([], dtype=np.uint64)
    explicit: list[int] = []
    from_expr: list[np.ndarray] = []

    def visit(item: Any) -> None:
        if item is None:
            return
        if hasattr(item, "rows") and not isinstance(item, pd.DataFrame):
            for r in item.rows:
                visit(int(r))
            return
        if isinstance(item, (bool, np.bool_)):
            raise QCAError(f"exclude: {item!r} is not a row number")
        if isinstance(item, (int, np.integer)):
            r = int(item)
            if not 1 <= r <= (1 << k):
                raise QCAError(f"exclude: row {r} does not exist; with {k} conditions rows run from 1 to {1 << k}")
            explicit.append(r - 1)
            return
        if isinstance(item, (str, Expression)):
            expr = Expression.parse(item) if isinstance(item, str) else item
            unknown = [c for c in expr.conditions if c not in conds]
            if unknown:
                raise QCAError(f"exclude: unknown condition {unknown[0]!r} in {str(expr)!r}; "
                               f"the truth table has {', '.join(conds)}")
            from_expr.append(expression_codes(expr, conds))
            return
        if isinstance(item, pd.DataFrame):
            if all(c in item.columns for c in conds):
                codes = _frame_codes(item, conds, "exclude")
                explicit.extend(int(c) for c in codes)
            else:
                for r in item.index:
                    if isinstance(r, (bool, np.bool_)) or not isinstance(r, (int, np.integer)):
                        raise QCAError("exclude: a frame needs the condition columns "
                                       f"({', '.join(conds)}) or R row numbers as its index")
                    visit(int(r))
            return
        if isinstance(item, Iterable):
            for x in item:
                visit(x)
            return
        raise QCAError(f"exclude: cannot read {item!r}; give row numbers, configurations, or an expression")

    visit(exclude)
    t = tt.table
    out_of = dict(zip((t.index.to_numpy(dtype=np.int64) - 1).tolist(), t["OUT"].tolist()))
    for code in explicit:
        if out_of.get(code) == "1":
            cases = ", ".join(t.loc[code + 1, "cases"])
            raise QCAError(
                f"exclude: row {code + 1} ({config_label(code, conds)}) is a positive row (OUT = 1; cases: "
                f"{cases}); only remainders and contradictory rows can be kept out of a solution"
            )
    codes = set(explicit)
    for arr in from_expr:
        codes.update(int(c) for c in arr.tolist() if out_of.get(int(c), "?") == "?")
    return np.array(sorted(codes), dtype=np.uint64)


def _frame_codes(frame: pd.DataFrame, conditions: Sequence[str], what: str) -> np.ndarray:
    """Configuration codes of the rows of a frame with 0/1 condition columns."""
    k = len(conditions)
    codes = np.zeros(len(frame), dtype=np.uint64)
    for i, c in enumerate(conditions):
        col = pd.to_numeric(frame[c], errors="coerce")
        bad = ~col.isin([0, 1])
        if bad.any():
            where = frame.index[bad.to_numpy()][0]
            raise QCAError(f"{what}: column {c!r}, row {where!r}: {frame[c][bad].iloc[0]!r} is not 0 or 1")
        codes |= col.to_numpy(dtype=np.uint64) << np.uint64(k - 1 - i)
    return codes


# The names these helpers had before they became public, for code written against them.
_parse_include = parse_include
_minimize = minimize_table
_chart_solution = chart_solution
_implicants_of = implicants_of
_merge_solutions = merge_solutions
