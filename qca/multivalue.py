"""Exact minimization over mixed radix: multi-value conditions (mvQCA).

Condition ``i`` of ``k`` has ``levels[i]`` levels ``0 .. levels[i] - 1``
(two for a binary condition). A configuration is one level per condition;
its *code* reads it as a mixed-radix number, the first condition most
significant, and R's row number is the code plus one.

A term fixes one level of some conditions and leaves the others out. Terms
are arrays of *digits*, R's coding: ``0`` for a condition left out, ``v + 1``
for level ``v``. A term covers a configuration when every fixed condition
is at the term's level. Generalising a term means dropping a literal, so a
prime implicant is a term that covers no negative configuration and from
which no literal can be dropped.

Methods, all exact and all giving the same implicants:

``"qmc"`` (plain Quine-McCluskey over mixed radix, the reference)
    Cubes inside the allowed set (positive rows and don't-cares), merged
    level by level in pure Python: ``levels[i]`` cubes that differ only in
    condition ``i``, one per level, merge into the cube without ``i``.
    With remainders free it must first list every configuration of the
    space that is not negative, so it is the baseline for small spaces.
``"qmc-vec"``
    The same merging with numpy over integer keys (radix ``levels[i] + 1``
    per condition). The default without remainders, where the allowed set
    is the handful of observed rows.
``"hitting"`` (minimal hitting sets; remainders free)
    A term covering positive row ``p`` avoids negative row ``q`` exactly
    when it fixes some condition on which ``p`` and ``q`` differ (it then
    fixes it at ``p``'s level, which ``q`` does not have). So the prime
    implicants covering ``p`` are ``p`` restricted to the minimal hitting
    sets of the *edges* ``{D(p, q) : q negative}``, ``D(p, q)`` the set of
    conditions where the two rows differ: the binary method with "differs"
    in place of XOR. Up to ``HITTING_MAX_K`` conditions a bitmap over the
    ``2**k`` sets of conditions per positive row finds them with two numpy
    transforms; beyond, the MMCS search of :func:`qca.implicants.minimal_hitting_sets`
    runs per row. The space of configurations is never listed.

Implicants are sorted in R's order (``admisc::sortExpressions``): by
number of literals, then condition by condition, lower levels first and a
condition left out last. With two levels everywhere this is the crisp
order (``~A`` before ``A`` before absent), and the implicants equal those of
:mod:`qca.implicants`.

The prime-implicant chart is solved by :mod:`qca.chart`'s public cover
functions (every minimal cover with ties, every irredundant cover for
``all_sol``, dominated implicants dropped first with ``row_dom``).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from .chart import Covers, dominated_implicants, irredundant_covers, minimal_covers_cells
from .errors import QCAError
from .implicants import minimal_hitting_sets

__all__ = [
    "MVImplicants", "MVSolve", "prime_implicants_mv", "solve_mv", "encode", "decode", "space_size",
    "term_covers", "sort_terms", "term_string", "check_levels",
]

METHODS = ("auto", "qmc", "qmc-vec", "hitting")

#: up to this many conditions ``"hitting"`` uses a bitmap over every set of conditions
#: (``2**k`` bytes per positive row in a block); beyond it the MMCS search per row
HITTING_MAX_K = 20

#: the plain ``"qmc"`` path with remainders lists the space; it refuses spaces larger than this
QMC_MAX_SPACE = 1 << 22

Progress = Callable[[str, int, int], None]


# ---------------------------------------------------------------- the space
def check_levels(levels: Sequence[int]) -> tuple[int, ...]:
    """Validate the number of levels per condition (each a whole number >= 2).

    Examples
    --------
    >>> check_levels([3, 2, 2])
    (3, 2, 2)
    """
    out = []
    for i, m in enumerate(levels):
        if isinstance(m, bool) or not isinstance(m, (int, np.integer)) or int(m) < 2:
            raise QCAError(f"levels[{i}]={m!r}: each condition needs a whole number of levels, at least 2")
        out.append(int(m))
    if not out:
        raise QCAError("no conditions: give at least one number of levels")
    return tuple(out)


def space_size(levels: Sequence[int]) -> int:
    """Number of configurations of the mixed-radix space (a Python int, never overflows).

    Examples
    --------
    >>> space_size([3, 2, 2, 2, 2])
    48
    """
    n = 1
    for m in check_levels(levels):
        n *= m
    return n


def _weights(levels: Sequence[int]) -> list[int]:
    w, out = 1, []
    for m in reversed(levels):
        out.append(w)
        w *= m
    return out[::-1]


def _as_configs(configs, levels: tuple[int, ...], what: str) -> np.ndarray:
    """A 2-D int64 array of configurations, checked against the levels."""
    k = len(levels)
    arr = np.asarray(configs, dtype=np.int64) if len(configs) else np.zeros((0, k), np.int64)
    if arr.ndim != 2 or arr.shape[1] != k:
        raise QCAError(f"{what}: give one row of {k} levels per configuration, not shape {arr.shape}")
    top = np.asarray(levels, dtype=np.int64)
    bad = (arr < 0) | (arr >= top[None, :])
    if bad.any():
        r, c = np.argwhere(bad)[0]
        raise QCAError(f"{what}: row {r} has level {arr[r, c]} for condition {c}, "
                       f"which has levels 0..{levels[c] - 1}")
    return arr


def encode(configs, levels: Sequence[int]) -> np.ndarray:
    """Codes of configurations: the mixed-radix number, first condition most significant.

    R's row number is the code plus one.

    Examples
    --------
    >>> encode([[1, 0, 1, 0, 1], [2, 1, 1, 1, 1]], [3, 2, 2, 2, 2]).tolist()
    [21, 47]
    """
    levels = check_levels(levels)
    if space_size(levels) >= 1 << 63:
        raise QCAError(f"{len(levels)} conditions with levels {levels}: the space has too many "
                       "configurations to number them with 64-bit integers")
    arr = _as_configs(configs, levels, "configurations")
    return arr @ np.asarray(_weights(levels), dtype=np.int64) if len(arr) else np.zeros(0, np.int64)


def decode(codes, levels: Sequence[int]) -> np.ndarray:
    """Configurations (rows of levels) from their codes: the inverse of :func:`encode`.

    Examples
    --------
    >>> decode([21, 47], [3, 2, 2, 2, 2]).tolist()
    [[1, 0, 1, 0, 1], [2, 1, 1, 1, 1]]
    """
    levels = check_levels(levels)
    codes = np.asarray(codes, dtype=np.int64).reshape(-1)
    if len(codes) and (codes.min() < 0 or int(codes.max()) >= space_size(levels)):
        raise QCAError(f"a code is outside 0..{space_size(levels) - 1} for levels {levels}")
    w = np.asarray(_weights(levels), dtype=np.int64)
    return (codes[:, None] // w[None, :]) % np.asarray(levels, dtype=np.int64)[None, :]


# ---------------------------------------------------------------- terms
def term_covers(terms: np.ndarray, configs: np.ndarray) -> np.ndarray:
    """Boolean matrix: term ``i`` (digits) covers configuration ``j`` (levels).

    Examples
    --------
    >>> import numpy as np
    >>> term_covers(np.array([[3, 0], [0, 1]]), np.array([[2, 0], [2, 1], [0, 0]])).tolist()
    [[True, True, False], [True, False, True]]
    """
    terms = np.asarray(terms, dtype=np.int64)
    configs = np.asarray(configs, dtype=np.int64)
    out = np.ones((len(terms), len(configs)), dtype=bool)
    for i in range(terms.shape[1] if terms.ndim == 2 else 0):
        t = terms[:, i]
        fixed = t > 0
        if fixed.any():
            out[fixed] &= (t[fixed, None] - 1) == configs[None, :, i]
    return out


def _order(terms: np.ndarray, levels: Sequence[int]) -> np.ndarray:
    """Permutation putting terms in R's order: literals, then per condition level (absent last)."""
    terms = np.asarray(terms, dtype=np.int64)
    if not len(terms):
        return np.zeros(0, np.int64)
    big = np.asarray(levels, dtype=np.int64) + 1
    keyed = np.where(terms > 0, terms, big[None, :])
    lits = (terms > 0).sum(axis=1)
    keys = [keyed[:, i] for i in range(terms.shape[1] - 1, -1, -1)] + [lits]
    return np.lexsort(keys)


def sort_terms(terms, levels: Sequence[int]) -> np.ndarray:
    """Distinct terms (rows of digits) in R's order.

    Examples
    --------
    >>> sort_terms([[0, 2], [3, 0], [1, 1], [0, 2]], [3, 2]).tolist()
    [[3, 0], [0, 2], [1, 1]]
    """
    levels = check_levels(levels)
    arr = np.asarray(terms, dtype=np.int64).reshape(-1, len(levels))
    arr = np.unique(arr, axis=0) if len(arr) else arr
    return arr[_order(arr, levels)]


def term_string(digits: Sequence[int], names: Sequence[str], levels: Sequence[int] | None = None) -> str:
    """A term in QCA notation: ``X[v]`` per fixed condition, joined by ``*``; ``"1"`` for the empty term.

    With ``levels`` given and every condition binary, crisp notation
    (``A``, ``~A``) is used instead, as R does.

    Examples
    --------
    >>> term_string([3, 0, 2], ["DEV", "URB", "STB"])
    'DEV[2]*STB[1]'
    >>> term_string([1, 2], ["A", "B"], levels=[2, 2])
    '~A*B'
    """
    crisp = levels is not None and all(int(m) == 2 for m in levels)
    parts = []
    for name, d in zip(names, digits):
        d = int(d)
        if d == 0:
            continue
        if crisp:
            parts.append(name if d == 2 else f"~{name}")
        else:
            parts.append(f"{name}[{d - 1}]")
    return "*".join(parts) if parts else "1"


# ---------------------------------------------------------------- results
@dataclass(frozen=True)
class MVImplicants:
    """Prime implicants over mixed radix, in R's order, with the positive rows each covers.

    Attributes
    ----------
    levels : tuple of int
        Levels per condition.
    terms : numpy.ndarray
        ``(n_pi, k)`` digits: 0 a condition left out, ``v + 1`` level ``v``.
    rows : numpy.ndarray
        ``(n_rows, k)`` positive configurations in ascending code order: the chart's columns.
    pi, row : numpy.ndarray of int64
        The chart's true cells: implicant ``pi[t]`` covers ``rows[row[t]]``.

    Examples
    --------
    >>> pis = prime_implicants_mv([[2, 0], [1, 1]], [[0, 0]], [], [3, 2], remainders=True)
    >>> pis.strings(["X", "Y"]), pis.rows.tolist()
    (['X[1]', 'X[2]', 'Y[1]'], [[1, 1], [2, 0]])
    >>> pis.chart().astype(int).tolist()  # implicants by positive rows
    [[1, 0], [0, 1], [1, 0]]
    """

    levels: tuple[int, ...]
    terms: np.ndarray
    rows: np.ndarray
    pi: np.ndarray
    row: np.ndarray

    def __len__(self) -> int:
        return len(self.terms)

    @property
    def codes(self) -> np.ndarray:
        """Codes of the positive rows (R row number minus one)."""
        return encode(self.rows, self.levels)

    def chart(self) -> np.ndarray:
        """The dense chart, implicants by positive rows (bool)."""
        out = np.zeros((len(self.terms), len(self.rows)), dtype=bool)
        out[self.pi, self.row] = True
        return out

    def strings(self, names: Sequence[str]) -> list[str]:
        """The implicants in QCA notation: ``X[v]`` literals, or ``A``/``~A`` when every condition is binary."""
        return [term_string(t, names, self.levels) for t in self.terms]

    def subset(self, keep: Sequence[int] | np.ndarray) -> "MVImplicants":
        """The implicants ``keep`` (ascending indices), renumbered, with their chart cells."""
        keep = np.asarray(keep, dtype=np.int64)
        new = np.full(len(self.terms), -1, dtype=np.int64)
        new[keep] = np.arange(len(keep), dtype=np.int64)
        cell = new[self.pi] >= 0
        return MVImplicants(self.levels, self.terms[keep], self.rows, new[self.pi[cell]], self.row[cell])


def _build(levels: tuple[int, ...], terms: np.ndarray, rows: np.ndarray) -> MVImplicants:
    terms = sort_terms(terms, levels) if len(terms) else np.zeros((0, len(levels)), np.int64)
    cells_pi, cells_row = [], []
    step = max(1, (1 << 22) // max(1, len(rows) * len(levels)))
    for s in range(0, len(terms), step):
        p, r = np.nonzero(term_covers(terms[s:s + step], rows))
        cells_pi.append(p + s)
        cells_row.append(r)
    pi = np.concatenate(cells_pi).astype(np.int64) if cells_pi else np.zeros(0, np.int64)
    row = np.concatenate(cells_row).astype(np.int64) if cells_row else np.zeros(0, np.int64)
    return MVImplicants(levels, terms, rows, pi, row)


def _prepare(on, off, dc, levels):
    levels = check_levels(levels)
    on_a = _unique_rows(_as_configs(on, levels, "on"))
    off_a = _unique_rows(_as_configs(off, levels, "off"))
    dc_a = _unique_rows(_as_configs(dc, levels, "dc"))
    if len(on_a) and len(off_a):
        both = _intersect(on_a, off_a)
        if len(both):
            raise QCAError(f"configuration {both[0].tolist()} is both positive and negative")
    if len(dc_a):
        dc_a = _minus(_minus(dc_a, on_a), off_a)
    return levels, on_a, off_a, dc_a


def _unique_rows(a: np.ndarray) -> np.ndarray:
    if not len(a):
        return a
    a = np.unique(a, axis=0)  # lexicographic = ascending code order
    return a


def _row_keys(a: np.ndarray) -> list[tuple[int, ...]]:
    return [tuple(r) for r in a.tolist()]


def _intersect(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    sb = set(_row_keys(b))
    keep = [i for i, r in enumerate(_row_keys(a)) if r in sb]
    return a[keep]


def _minus(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    if not len(a) or not len(b):
        return a
    sb = set(_row_keys(b))
    keep = [i for i, r in enumerate(_row_keys(a)) if r not in sb]
    return a[keep]


def prime_implicants_mv(
    on,
    off,
    dc,
    levels: Sequence[int],
    *,
    remainders: bool,
    method: str = "auto",
    progress: Progress | None = None,
) -> MVImplicants:
    """Every prime implicant over mixed radix that covers at least one positive row.

    Parameters
    ----------
    on, off, dc : array-like of shape (n, k)
        Positive, negative and don't-care configurations (one level per condition).
    levels : sequence of int
        Number of levels of each condition.
    remainders : bool
        Whether configurations in none of ``on``, ``off``, ``dc`` are
        don't-cares (True, the parsimonious solution) or negative (False).
    method : {"auto", "qmc", "qmc-vec", "hitting"}
        ``"auto"``: ``"hitting"`` with remainders, ``"qmc-vec"`` without.
    progress : callable, optional
        ``progress(stage, done, total)`` during long runs.

    Returns
    -------
    MVImplicants

    Examples
    --------
    Lipset's multi-value data (DEV has three levels): the positive rows
    and the observed negative ones, remainders free.

    >>> on = [[1, 0, 1, 0, 1], [1, 1, 1, 1, 1], [2, 0, 1, 1, 1], [2, 1, 1, 1, 1]]
    >>> off = [[0, 0, 0, 0, 0], [0, 0, 0, 0, 1], [0, 0, 1, 0, 0], [0, 0, 1, 0, 1],
    ...        [1, 0, 1, 1, 0], [1, 1, 1, 1, 0]]
    >>> pis = prime_implicants_mv(on, off, [], [3, 2, 2, 2, 2], remainders=True)
    >>> pis.strings(["DEV", "URB", "LIT", "IND", "STB"])
    ['DEV[2]', 'DEV[1]*IND[0]', 'DEV[1]*STB[1]', 'URB[1]*STB[1]', 'IND[1]*STB[1]']
    """
    if method not in METHODS:
        raise QCAError(f"method={method!r}: choose one of {', '.join(METHODS)}")
    levels, on_a, off_a, dc_a = _prepare(on, off, dc, levels)
    k = len(levels)
    if not len(on_a):
        return MVImplicants(levels, np.zeros((0, k), np.int64), on_a, np.zeros(0, np.int64), np.zeros(0, np.int64))
    if method == "auto":
        method = "hitting" if remainders else "qmc-vec"
    if method == "hitting":
        if not remainders:
            raise QCAError("method='hitting' needs remainders as don't-cares (include='?')")
        terms = _hitting_terms(on_a, off_a, levels, progress)
    else:
        if remainders:
            if space_size(levels) > QMC_MAX_SPACE:
                raise QCAError(f"method={method!r} with remainders lists all {space_size(levels):,} "
                               f"configurations (limit {QMC_MAX_SPACE:,}); use method='hitting'")
            allowed = decode(np.setdiff1d(np.arange(space_size(levels), dtype=np.int64),
                                          encode(off_a, levels)), levels)
        else:
            allowed = np.concatenate([on_a, dc_a]) if len(dc_a) else on_a
        if method == "qmc":
            terms = _qmc_plain(allowed, levels)
        else:
            terms = _qmc_vec(allowed, levels, progress)
        if len(terms):
            touching = term_covers(terms, on_a).any(axis=1)
            terms = terms[touching]
    return _build(levels, terms, on_a)


# ---------------------------------------------------------------- hitting sets
def _diff_masks(P: np.ndarray, Q: np.ndarray, k: int) -> np.ndarray:
    """``out[a, b]``: bit set (condition ``i`` is bit ``k - 1 - i``) of the conditions where P[a], Q[b] differ."""
    out = np.zeros((len(P), len(Q)), dtype=np.int64)
    for i in range(k):
        out |= (P[:, i, None] != Q[None, :, i]).astype(np.int64) << (k - 1 - i)
    return out


def _mask_digits(rows: np.ndarray, ridx: np.ndarray, masks: np.ndarray, k: int) -> np.ndarray:
    """Terms: row ``rows[ridx]`` restricted to the conditions in ``masks``."""
    bits = (masks[:, None] >> np.arange(k - 1, -1, -1, dtype=np.int64)[None, :]) & 1
    return np.where(bits == 1, rows[ridx] + 1, 0)


def _hitting_terms(on: np.ndarray, off: np.ndarray, levels: tuple[int, ...], progress: Progress | None) -> np.ndarray:
    k = len(levels)
    if not len(off):
        return np.zeros((1, k), np.int64)  # nothing to avoid: the constant 1
    if k > HITTING_MAX_K:
        return _mmcs_terms(on, off, k, progress)
    nmask = 1 << k
    full = nmask - 1
    block = int(max(1, min(4096, (1 << 24) // nmask)))
    qblock = int(max(1, (1 << 22) // block))
    out = []
    n = len(on)
    for start in range(0, n, block):
        P = on[start:start + block]
        R = len(P)
        miss = np.zeros((R, nmask), dtype=bool)  # miss[r, M]: M misses the edge of some negative row
        ar = np.arange(R)[:, None]
        for qs in range(0, len(off), qblock):
            agree = full ^ _diff_masks(P, off[qs:qs + qblock], k)
            miss[ar, agree] = True
        for i in range(k):  # every subset of a missing set misses too
            v = miss.reshape(R, -1, 2, 1 << i)
            v[:, :, 0, :] |= v[:, :, 1, :]
        hit = ~miss
        drop = np.zeros_like(hit)  # drop[M]: M without one condition still hits
        for i in range(k):
            dv = drop.reshape(R, -1, 2, 1 << i)
            hv = hit.reshape(R, -1, 2, 1 << i)
            dv[:, :, 1, :] |= hv[:, :, 0, :]
        r, m = np.nonzero(hit & ~drop)
        out.append(_mask_digits(on, r + start, m.astype(np.int64), k))
        if progress is not None:
            progress("implicants", min(n, start + R), n)
    terms = np.concatenate(out)
    return np.unique(terms, axis=0)


def _mmcs_terms(on: np.ndarray, off: np.ndarray, k: int, progress: Progress | None) -> np.ndarray:
    out = []
    for j in range(len(on)):
        edges = np.unique(_diff_masks(on[j:j + 1], off, k)[0]).tolist()
        hs = minimal_hitting_sets(edges, k)
        out.append(_mask_digits(on, np.full(len(hs), j), np.asarray(hs, dtype=np.int64), k))
        if progress is not None:
            progress("implicants", j + 1, len(on))
    return np.unique(np.concatenate(out), axis=0)


# ---------------------------------------------------------------- Quine-McCluskey
def _qmc_vec(allowed: np.ndarray, levels: tuple[int, ...], progress: Progress | None) -> np.ndarray:
    """Every maximal cube inside ``allowed``; cubes as integer keys with radix ``levels[i] + 1``."""
    k = len(levels)
    radix = [m + 1 for m in levels]
    size = 1
    for r in radix:
        size *= r
    if size >= 1 << 63:
        return _qmc_plain(allowed, levels)
    w = np.asarray(_weights(radix), dtype=np.int64)
    level = np.unique((np.asarray(allowed, np.int64) + 1) @ w)
    primes = []
    d = 0
    while len(level):
        merged = np.zeros(len(level), dtype=bool)
        nxt = []
        for i in range(k):
            dig = (level // w[i]) % radix[i]
            cand = np.flatnonzero(dig > 0)
            if not len(cand):
                continue
            base = level[cand] - dig[cand] * w[i]
            ub, inv, cnt = np.unique(base, return_inverse=True, return_counts=True)
            full = cnt == levels[i]  # every level of condition i present: they merge
            if not full.any():
                continue
            merged[cand[full[inv.reshape(-1)]]] = True
            nxt.append(ub[full])
        primes.append(level[~merged])
        level = np.unique(np.concatenate(nxt)) if nxt else np.zeros(0, np.int64)
        d += 1
        if progress is not None:
            progress("implicants", d, k + 1)
    keys = np.concatenate(primes) if primes else np.zeros(0, np.int64)
    return (keys[:, None] // w[None, :]) % np.asarray(radix, dtype=np.int64)[None, :]


def _qmc_plain(allowed: np.ndarray, levels: tuple[int, ...]) -> np.ndarray:
    """Plain Quine-McCluskey over mixed radix, in Python: the reference and benchmark baseline.

    Level ``d`` holds every cube with ``d`` conditions left out that lies
    inside ``allowed``, as a tuple of digits. A cube is prime when, for
    none of its fixed conditions, all its siblings (the same cube at each
    other level of that condition) are in the level too.
    """
    k = len(levels)
    level = {tuple(int(v) + 1 for v in row) for row in np.asarray(allowed).tolist()}
    primes: list[tuple[int, ...]] = []
    while level:
        merged: set[tuple[int, ...]] = set()
        nxt: set[tuple[int, ...]] = set()
        for cube in level:
            for i in range(k):
                if cube[i] == 0:
                    continue
                sibs = [cube[:i] + (v,) + cube[i + 1:] for v in range(1, levels[i] + 1)]
                if all(s in level for s in sibs):
                    nxt.add(cube[:i] + (0,) + cube[i + 1:])
                    merged.add(cube)
        primes.extend(c for c in level if c not in merged)
        level = nxt
    return np.asarray(primes, dtype=np.int64).reshape(-1, k)


# ---------------------------------------------------------------- the chart
@dataclass(frozen=True)
class MVSolve:
    """Prime implicants and the covers of their chart.

    Attributes
    ----------
    implicants : MVImplicants
        After ``row_dom`` when it was asked for.
    covers : qca.chart.Covers
        Every minimal cover (every irredundant one with ``all_sol``), as
        indices into ``implicants.terms``.

    Examples
    --------
    >>> res = solve_mv([[2, 0], [1, 1]], [[0, 0]], [], [3, 2], remainders=True)
    >>> res.implicants.strings(["X", "Y"]), res.covers.covers, res.essential
    (['X[1]', 'X[2]', 'Y[1]'], ((0, 1), (1, 2)), [1])
    """

    implicants: MVImplicants
    covers: Covers

    @property
    def essential(self) -> list[int]:
        """Implicants in every solution (indices)."""
        if not self.covers.covers:
            return []
        common = set(self.covers.covers[0]).intersection(*map(set, self.covers.covers[1:]))
        return sorted(common)

    def solutions(self, names: Sequence[str]) -> list[list[str]]:
        """Each solution as its implicants in QCA notation."""
        s = self.implicants.strings(names)
        return [[s[i] for i in c] for c in self.covers.covers]


def solve_mv(
    on,
    off,
    dc,
    levels: Sequence[int],
    *,
    remainders: bool,
    all_sol: bool = False,
    row_dom: bool = False,
    max_solutions: int | None = None,
    method: str = "auto",
    progress: Progress | None = None,
    time_limit: float | None = None,
) -> MVSolve:
    """Prime implicants over mixed radix and every minimal (or irredundant) cover of their chart.

    ``time_limit`` (seconds) bounds the search for minimal covers as in
    :func:`qca.chart.minimal_covers_cells` (the covers then say whether they are proven minimal).

    Examples
    --------
    >>> res = solve_mv([[2, 0], [1, 1]], [[0, 0], [0, 1]], [], [3, 2], remainders=True)
    >>> res.solutions(["X", "Y"])
    [['X[1]', 'X[2]']]
    >>> solve_mv([[2, 0], [1, 1]], [[0, 0]], [], [3, 2], remainders=True).solutions(["X", "Y"])
    [['X[1]', 'X[2]'], ['X[2]', 'Y[1]']]
    """
    pis = prime_implicants_mv(on, off, dc, levels, remainders=remainders, method=method, progress=progress)
    if not len(pis.rows):
        return MVSolve(pis, Covers(((),), False, 1))
    if row_dom:
        pis = pis.subset(np.flatnonzero(~dominated_implicants(pis.chart())))
    if all_sol:
        found = irredundant_covers(pis.chart(), max_solutions)
    else:
        found = minimal_covers_cells(pis.pi, pis.row, (len(pis), len(pis.rows)),
                                     max_solutions=max_solutions, progress=progress, time_limit=time_limit)
    return MVSolve(pis, found)


def all_terms(levels: Sequence[int]) -> np.ndarray:
    """Every term of the space (each condition left out or at one level), for brute-force checks.

    Examples
    --------
    >>> len(all_terms([3, 2]))
    12
    """
    levels = check_levels(levels)
    return np.asarray(list(itertools.product(*[range(m + 1) for m in levels])), dtype=np.int64)
