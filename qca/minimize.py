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
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .chart import Covers, dominated_implicants, irredundant_covers, minimal_covers
from .errors import QCAError
from .expression import Expression, Term
from .fit import Fit, sufficiency_table
from .implicants import covers, prime_implicants
from .tables import TableView
from .truth_table import TruthTable

__all__ = ["Solution", "minimize"]


@dataclass(frozen=True, repr=False)
class Solution(TableView):
    """The result of :func:`minimize`.

    Attributes
    ----------
    truth_table : TruthTable
        The table that was minimized.
    include : str
        ``""``, ``"?"``, ``"C"`` or ``"?C"``.
    prime_implicants : tuple of Expression
        Every prime implicant covering a positive row, in R's order.
    capped : bool
        True when ``max_solutions`` stopped the enumeration of solutions.
    """

    truth_table: TruthTable
    include: str
    all_sol: bool
    row_dom: bool
    prime_implicants: tuple[Expression, ...]
    _pairs: tuple[tuple[int, int], ...] = field(repr=False)
    _rows: tuple[int, ...] = field(repr=False)
    _chart: np.ndarray = field(repr=False)
    _covers: Covers = field(repr=False)

    # ---------------------------------------------------------- structure
    @property
    def capped(self) -> bool:
        """Whether ``max_solutions`` cut the list of solutions short."""
        return self._covers.capped

    @property
    def pi_chart(self) -> pd.DataFrame:
        """Prime implicants (index, QCA notation) by positive rows (R row numbers): bool."""
        return pd.DataFrame(
            self._chart.copy(),
            index=pd.Index([str(p) for p in self.prime_implicants], name="implicant"),
            columns=pd.Index(list(self._rows), name="row"),
        )

    @property
    def solutions(self) -> list[Expression]:
        """Every minimal solution (every irredundant one with ``all_sol=True``)."""
        return [self._expression(c) for c in self._covers.covers]

    @property
    def essential(self) -> tuple[Expression, ...]:
        """Prime implicants that appear in every solution."""
        if not self._covers.covers:
            return ()
        common = set(self._covers.covers[0]).intersection(*map(set, self._covers.covers[1:]))
        return tuple(self.prime_implicants[i] for i in sorted(common))

    def _expression(self, cover: tuple[int, ...]) -> Expression:
        return Expression(tuple(self.prime_implicants[i].terms[0] for i in cover))

    # ---------------------------------------------------------- fit
    def _members(self, idx: list[int]) -> list[np.ndarray]:
        cd = self.truth_table.data
        k = len(cd.conditions)
        weights = (np.uint64(1) << np.arange(k - 1, -1, -1, dtype=np.uint64)).astype(np.uint64)
        codes = cd.X.astype(np.uint64) @ weights
        masks = np.array([self._pairs[i][0] for i in idx], dtype=np.uint64)
        bits = np.array([self._pairs[i][1] for i in idx], dtype=np.uint64)
        return list(covers(masks, bits, codes).astype(float))

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
        cover = list(self._covers.covers[model])
        cd = self.truth_table.data
        expr = self._expression(tuple(cover))
        members = self._members(cover)
        whole = np.maximum.reduce(members) if len(members) > 1 else None
        frame, und = sufficiency_table(
            [str(self.prime_implicants[i]) for i in cover], members, whole, str(expr),
            cd.y.astype(float), list(cd.cases),
        )
        return Fit(expression=expr, outcome=cd.outcome, relation="sufficiency", _frame=frame,
                   _undecided=tuple((k, tuple(v)) for k, v in und.items()))

    @property
    def fit(self) -> pd.DataFrame:
        """Fit of every solution: index (model, expression), one row per term then the solution.

        Columns: inclS, PRI, covS, covU (unique coverage within that model), cases.
        """
        frames = {f"M{i + 1}": self.model_fit(i).to_frame() for i in range(len(self._covers.covers))}
        return pd.concat(frames, names=["model", "expression"])

    @property
    def pi_fit(self) -> pd.DataFrame:
        """Fit of each implicant used by some solution, covU within all of them (R's overall table)."""
        used = sorted({i for c in self._covers.covers for i in c})
        cd = self.truth_table.data
        members = self._members(used)
        frame, _ = sufficiency_table(
            [str(self.prime_implicants[i]) for i in used], members, None, "", cd.y.astype(float), list(cd.cases)
        )
        return frame

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
                    codes.append(_expand(*self._pairs[i], k))
            allc = np.unique(np.concatenate(codes)) if codes else np.array([], dtype=np.uint64)
            allc = np.setdiff1d(allc, observed)
            bits = (allc[:, None] >> np.arange(k - 1, -1, -1, dtype=np.uint64)) & np.uint64(1)
            frame = pd.DataFrame(bits.astype(np.int64), columns=list(tt.conditions),
                                 index=pd.Index((allc + np.uint64(1)).astype(np.int64), name="row"))
            out[f"M{m + 1}"] = frame
        return out

    # ---------------------------------------------------------- printing
    def to_frame(self) -> pd.DataFrame:
        """Same as :attr:`fit`."""
        return self.fit

    @property
    def title(self) -> str:  # type: ignore[override]
        kind = {"": "conservative", "?": "parsimonious"}.get(self.include, f"include={self.include!r}")
        lines = [f"Solution for {self.truth_table.outcome} ({kind}):"]
        for i, s in enumerate(self.solutions):
            lines.append(f"  M{i + 1}: {s}")
        if self.capped:
            lines.append(f"  (enumeration capped at {len(self._covers.covers)} solutions)")
        return "\n".join(lines)


def _expand(mask: int, bits: int, k: int) -> np.ndarray:
    """Every configuration in the cube ``(mask, bits)``."""
    free = [b for b in range(k) if not mask >> b & 1]
    idx = np.arange(1 << len(free), dtype=np.uint64)
    codes = np.full(len(idx), bits, dtype=np.uint64)
    for j, b in enumerate(free):
        codes |= ((idx >> np.uint64(j)) & np.uint64(1)) << np.uint64(b)
    return codes


def _parse_include(include: str | None) -> str:
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
    tt: TruthTable,
    include: str = "",
    *,
    all_sol: bool = False,
    row_dom: bool = False,
    max_solutions: int | None = None,
    method: str = "auto",
) -> Solution:
    """Minimize a truth table: prime implicants, PI chart and every minimal solution.

    Parameters
    ----------
    tt : TruthTable
        From :func:`qca.truth_table`.
    include : str
        ``""`` gives the conservative (complex) solution; ``"?"`` lets
        remainders be used (parsimonious solution); ``"C"`` treats
        contradictory rows as don't-cares; ``"?C"`` both.
    all_sol : bool
        Return every irredundant cover, not only the smallest ones.
    row_dom : bool
        First drop each implicant whose rows are a strict subset of another's.
    max_solutions : int, optional
        Stop after this many solutions; ``Solution.capped`` says so.
    method : {"auto", "qmc", "mmcs"}
        Prime-implicant method (see :mod:`qca.implicants`); results are the same.

    Returns
    -------
    Solution

    Raises
    ------
    QCAError
        No row has OUT = 1, or remainders are included but no row is negative.

    Examples
    --------
    >>> import qca
    >>> import pandas as pd
    >>> df = pd.DataFrame({"A": [1, 1, 0, 0], "B": [1, 0, 1, 0], "C": [1, 1, 1, 0],
    ...                    "Y": [1, 1, 1, 0]}, index=list("pqrs"))
    >>> tt = qca.truth_table(df, "Y", conditions=["A", "B"])
    >>> [str(s) for s in qca.minimize(tt).solutions]
    ['A + B']
    """
    if not isinstance(tt, TruthTable):
        raise QCAError(f"minimize() takes a TruthTable from qca.truth_table(), not {type(tt).__name__}")
    inc = _parse_include(include)
    if max_solutions is not None and (not isinstance(max_solutions, (int, np.integer)) or max_solutions < 1):
        raise QCAError(f"max_solutions={max_solutions!r}: give a positive whole number")
    on = tt.codes("1")
    if len(on) == 0:
        ic1, ic0 = tt.incl_cut
        raise QCAError(
            f"no row has OUT = 1 for {tt.outcome} (incl_cut={ic1:g}"
            + (f", ic0={ic0:g}" if ic0 != ic1 else "")
            + f", n_cut={tt.n_cut}, pri_cut={tt.pri_cut:g}): there is nothing to explain"
        )
    off_parts = [tt.codes("0")]
    dc_parts = []
    if "C" in inc:
        dc_parts.append(tt.codes("C"))
    else:
        off_parts.append(tt.codes("C"))
    remainders = "?" in inc
    if remainders:
        dc_parts.append(tt.codes("?"))
    off = np.concatenate(off_parts)
    dc = np.concatenate(dc_parts) if dc_parts else np.array([], dtype=np.uint64)
    if remainders and len(off) == 0:
        raise QCAError(
            f"include='?' but no row is negative for {tt.outcome}: every configuration could be used, "
            "so the solution would be the constant 1. Use the conservative solution (include='') or "
            "check the cut-offs"
        )
    k = len(tt.conditions)
    pairs = prime_implicants(on, off, dc, k, remainders=remainders, method=method)
    rows = np.sort(on)
    chart = covers(np.array([p[0] for p in pairs], np.uint64), np.array([p[1] for p in pairs], np.uint64), rows)
    if row_dom:
        keep = ~dominated_implicants(chart)
        pairs = [p for p, kp in zip(pairs, keep) if kp]
        chart = chart[keep]
    found = irredundant_covers(chart, max_solutions) if all_sol else minimal_covers(chart, max_solutions)
    pis = tuple(Expression((Term.from_mask(m, b, tt.conditions),)) for m, b in pairs)
    return Solution(
        truth_table=tt,
        include=inc,
        all_sol=all_sol,
        row_dom=row_dom,
        prime_implicants=pis,
        _pairs=tuple(pairs),
        _rows=tuple((rows + np.uint64(1)).astype(np.int64).tolist()),
        _chart=chart,
        _covers=found,
    )
