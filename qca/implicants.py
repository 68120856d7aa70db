"""Prime implicants: the largest terms that cover positive rows and no negative one.

A term over ``k`` conditions is a pair of bit masks ``(mask, bits)``: ``mask``
marks the conditions the term names, ``bits`` their values. Condition ``i``
is bit ``k - 1 - i``. A configuration ``r`` is in the term when
``r & mask == bits``.

Exact methods, all giving the same implicants:

``"qmc"`` (plain Quine-McCluskey, the reference)
    Merges cubes level by level inside the allowed set (positive rows plus
    don't-cares), in pure Python. With remainders included it must first
    list every remainder (``2**k`` configurations), so it is the reference
    path for small ``k`` only.
``"qmc-vec"`` (vectorised Quine-McCluskey)
    The same merging, one numpy pass per condition and level over sorted
    ``uint64`` keys. The default for the conservative solution, where
    every unobserved configuration counts as negative and the allowed set
    is the handful of observed rows.
``"bitset"`` (minimal hitting sets by transforms over all masks)
    With remainders free, a term is an implicant exactly when it excludes
    every negative row. The prime implicants covering a positive row ``p``
    are the minimal hitting sets of ``{p XOR r : r negative}`` (the
    conditions on which ``p`` and ``r`` differ). For a block of positive
    rows at once, a bitmap over all ``2**k`` condition masks marks the
    masks that miss some edge (a superset-OR transform seeded with the
    complements of the edges); its complement holds the hitting sets, and
    one more transform keeps the minimal ones. ``k`` numpy passes over
    packed ``uint64`` words per transform, ``2**k / 8`` bytes per row, no
    Python loop per implicant. The default with remainders up to
    ``k = BITSET_MAX_K``.
``"mmcs"`` (minimal hitting sets by search)
    The same hitting sets enumerated per positive row with the MMCS
    algorithm of Murakami and Uno (2014), after keeping only the
    inclusion-minimal edges. Memory does not grow with ``2**k``: the
    default with remainders beyond ``BITSET_MAX_K``.

All return every prime implicant that covers at least one positive row,
sorted as R's QCA sorts them: by number of literals, then condition by
condition, a negated literal before a plain one before an absent one.

Long runs report to an optional ``progress(stage, done, total)`` callback;
``KeyboardInterrupt`` (or an exception raised by the callback) propagates
at once and leaves nothing half-built, since nothing is cached between
calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

import numpy as np

from .errors import QCAError

__all__ = ["prime_implicants", "prime_implicant_arrays", "Implicants", "covers", "chart_cells", "sort_implicants", "r_order", "qmc_order"]

METHODS = ("auto", "qmc", "qmc-vec", "bitset", "mmcs")

#: largest ``k`` for which ``method="auto"`` uses the ``"bitset"`` transforms
#: (``2**k / 8`` bytes per positive row in a block; time grows as rows * 2**k)
BITSET_MAX_K = 22

#: ``progress(stage, done, total)``, called now and then during long runs
Progress = Callable[[str, int, int], None]

_U1 = np.uint64(1)


def covers(masks: np.ndarray, bits: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Boolean matrix: implicant ``i`` covers row ``j``.

    Examples
    --------
    >>> import numpy as np
    >>> covers(np.array([2], np.uint64), np.array([2], np.uint64),
    ...        np.array([0, 2, 3], np.uint64)).tolist()
    [[False, True, True]]
    """
    masks = np.asarray(masks, dtype=np.uint64)
    bits = np.asarray(bits, dtype=np.uint64)
    rows = np.asarray(rows, dtype=np.uint64)
    return (rows[None, :] & masks[:, None]) == bits[:, None]


def sort_implicants(pairs: Iterable[tuple[int, int]], k: int) -> list[tuple[int, int]]:
    """Sort ``(mask, bits)`` pairs in R's order (see the module docstring).

    Examples
    --------
    >>> sort_implicants([(0b11, 0b01), (0b10, 0b10), (0b11, 0b11)], 2)
    [(2, 2), (3, 1), (3, 3)]
    """

    def key(pair: tuple[int, int]) -> tuple[int, tuple[int, ...]]:
        mask, bits = pair
        cols = []
        for i in range(k):
            bit = 1 << (k - 1 - i)
            cols.append(3 if not mask & bit else (2 if bits & bit else 1))
        return (mask.bit_count(), tuple(cols))

    return sorted(set(pairs), key=key)


# ---------------------------------------------------------------- bit helpers
def popcount(x: np.ndarray) -> np.ndarray:
    """Number of set bits of each ``uint64``."""
    x = np.asarray(x, dtype=np.uint64)
    if hasattr(np, "bitwise_count"):
        return np.bitwise_count(x).astype(np.int64)
    x = x - ((x >> np.uint64(1)) & np.uint64(0x5555555555555555))
    x = (x & np.uint64(0x3333333333333333)) + ((x >> np.uint64(2)) & np.uint64(0x3333333333333333))
    x = (x + (x >> np.uint64(4))) & np.uint64(0x0F0F0F0F0F0F0F0F)
    return ((x * np.uint64(0x0101010101010101)) >> np.uint64(56)).astype(np.int64)


def _spread(x: np.ndarray) -> np.ndarray:
    """Move bit ``j`` of a 32-bit value to bit ``2 j``."""
    x = x & np.uint64(0xFFFFFFFF)
    for shift, m in ((16, 0x0000FFFF0000FFFF), (8, 0x00FF00FF00FF00FF), (4, 0x0F0F0F0F0F0F0F0F),
                     (2, 0x3333333333333333), (1, 0x5555555555555555)):
        x = (x | (x << np.uint64(shift))) & np.uint64(m)
    return x


def _order_keys(masks: np.ndarray, bits: np.ndarray, k: int) -> list[np.ndarray]:
    """Sort keys, most significant first: literals, then 2 bits per condition in 32-condition chunks.

    Per condition a negated literal is 1, a plain one 2, an absent one 3;
    the first condition (the most significant bit) is the most significant digit.
    """
    masks = np.asarray(masks, dtype=np.uint64)
    bits = np.asarray(bits, dtype=np.uint64)
    keys = [popcount(masks)]
    for lo in range(((k - 1) // 32) * 32, -1, -32):  # highest chunk first
        width = min(32, k - lo)
        sel = np.uint64((1 << width) - 1)
        m = (masks >> np.uint64(lo)) & sel
        b = (bits >> np.uint64(lo)) & sel
        keys.append(_spread(~m & sel) * np.uint64(3) + _spread(m & b) * np.uint64(2) + _spread(m & ~b))
    return keys


def _packed_key(masks: np.ndarray, bits: np.ndarray, k: int) -> np.ndarray | None:
    """One ``uint64`` per term that sorts in R's order (``k <= 29``), else None."""
    if k > 29:
        return None
    lits, digits = _order_keys(masks, bits, k)
    return (lits.astype(np.uint64) << np.uint64(2 * k)) | digits


def _unpack_key(key: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Inverse of :func:`_packed_key`."""
    masks = np.zeros(len(key), dtype=np.uint64)
    bits = np.zeros(len(key), dtype=np.uint64)
    for j in range(k):
        d = (key >> np.uint64(2 * j)) & np.uint64(3)
        masks |= (d != 3).astype(np.uint64) << np.uint64(j)
        bits |= (d == 2).astype(np.uint64) << np.uint64(j)
    return masks, bits


def qmc_order(masks: np.ndarray, bits: np.ndarray, k: int) -> np.ndarray:
    """Permutation putting terms in the order of R's classical Quine-McCluskey (the conservative solution).

    R's ``C_QMC`` sorts with its own routine: condition by condition from the
    last, larger codes first, then the leading terms that name the condition
    ascending (negated before plain), and finally by number of literals. When
    every term names a condition, that routine leaves the last term out of
    the ascending pass, so the order can differ from :func:`r_order` (which
    follows ``admisc::sortExpressions``, used for the other solutions).

    Examples
    --------
    >>> import numpy as np
    >>> qmc_order(np.array([3, 3], np.uint64), np.array([2, 3], np.uint64), 2).tolist()
    [1, 0]
    >>> r_order(np.array([3, 3], np.uint64), np.array([2, 3], np.uint64), 2).tolist()
    [0, 1]
    """
    masks = np.asarray(masks, dtype=np.uint64)
    bits = np.asarray(bits, dtype=np.uint64)
    n = len(masks)
    perm = np.arange(n)
    for i in range(k - 1, -1, -1):
        bit = np.uint64(1 << (k - 1 - i))
        code = np.where(masks & bit, np.where(bits & bit, 2, 1), 0)
        col = code[perm]
        perm = perm[np.argsort(-col, kind="stable")]
        col = code[perm]
        nonzero = int((col != 0).sum())
        z = n - 1 if nonzero == n else nonzero
        perm[:z] = perm[:z][np.argsort(col[:z], kind="stable")]
    lits = popcount(masks)
    return perm[np.argsort(lits[perm], kind="stable")]


def r_order(masks: np.ndarray, bits: np.ndarray, k: int) -> np.ndarray:
    """Permutation putting the terms ``(masks, bits)`` in R's order (vectorised :func:`sort_implicants`).

    Examples
    --------
    >>> import numpy as np
    >>> r_order(np.array([3, 2, 3], np.uint64), np.array([1, 2, 3], np.uint64), 2).tolist()
    [1, 0, 2]
    """
    keys = _order_keys(masks, bits, k)
    return np.lexsort(keys[::-1])


# ---------------------------------------------------------------- results
@dataclass(frozen=True)
class Implicants:
    """Prime implicants as arrays, in R's order, with the positive rows each covers.

    Attributes
    ----------
    k : int
        Number of conditions.
    masks, bits : numpy.ndarray of uint64
        The implicants ``(mask, bits)``, in R's order.
    rows : numpy.ndarray of uint64
        The positive rows (configuration codes), ascending: the chart's columns.
    pi, row : numpy.ndarray of int64
        The chart as a list of its true cells: implicant ``pi[t]`` covers
        ``rows[row[t]]``; sorted by implicant, then row.

    Examples
    --------
    >>> import numpy as np
    >>> pis = prime_implicant_arrays(np.array([2, 3], dtype=np.uint64), np.array([0, 1], dtype=np.uint64),
    ...                              np.array([], dtype=np.uint64), 2, remainders=False)
    >>> len(pis), pis.pairs(), pis.chart().tolist()
    (1, [(2, 2)], [[True, True]])
    """

    k: int
    masks: np.ndarray
    bits: np.ndarray
    rows: np.ndarray
    pi: np.ndarray
    row: np.ndarray

    def __len__(self) -> int:
        return len(self.masks)

    def pairs(self) -> list[tuple[int, int]]:
        """The implicants as ``(mask, bits)`` Python ints, in R's order."""
        return list(zip(self.masks.tolist(), self.bits.tolist()))

    def reordered(self, order: np.ndarray) -> "Implicants":
        """The same implicants in another order (``order[j]`` is the old index of the new j-th)."""
        order = np.asarray(order, dtype=np.int64)
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order), dtype=np.int64)
        cell = np.sort(rank[self.pi] * np.int64(max(len(self.rows), 1)) + self.row)
        width = np.int64(max(len(self.rows), 1))
        return Implicants(self.k, self.masks[order], self.bits[order], self.rows, cell // width, cell % width)

    def chart(self) -> np.ndarray:
        """The dense chart, implicants by rows (bool): ``n_pi * n_rows`` bytes."""
        out = np.zeros((len(self.masks), len(self.rows)), dtype=bool)
        out[self.pi, self.row] = True
        return out


def prime_implicants(
    on: Sequence[int] | np.ndarray,
    off: Sequence[int] | np.ndarray,
    dc: Sequence[int] | np.ndarray,
    k: int,
    *,
    remainders: bool,
    method: str = "auto",
    progress: Progress | None = None,
) -> list[tuple[int, int]]:
    """Every prime implicant covering at least one positive row.

    Parameters
    ----------
    on : array of int
        Codes of the positive rows (OUT = 1).
    off : array of int
        Codes of the observed negative rows.
    dc : array of int
        Codes of observed rows that are don't-cares (e.g. contradictions
        included with ``include="C"``, or rows below ``n_cut`` with
        remainders included).
    k : int
        Number of conditions.
    remainders : bool
        Whether unobserved configurations are don't-cares (True) or
        negative (False).
    method : {"auto", "qmc", "qmc-vec", "bitset", "mmcs"}
        ``"auto"`` uses ``"qmc-vec"`` without remainders, and with them
        ``"bitset"`` up to ``k = BITSET_MAX_K``, ``"mmcs"`` beyond.
        ``"qmc"`` is the plain reference path.
    progress : callable, optional
        ``progress(stage, done, total)``, called during long runs.

    Returns
    -------
    list of (int, int)
        ``(mask, bits)`` pairs in R's order.

    Examples
    --------
    >>> # A*B + ~A*~B positive, A*~B negative, ~A*B a remainder
    >>> prime_implicants([3, 0], [2], [], 2, remainders=True)
    [(2, 0), (1, 1)]
    >>> prime_implicants([3, 0], [2], [], 2, remainders=False)
    [(3, 0), (3, 3)]
    """
    if method == "qmc":
        _, on_l, off_l, dc_l = _check(on, off, dc, method)
        if not on_l:
            return []
        allowed = set(on_l) | set(dc_l)
        if remainders:
            everything = np.arange(1 << k, dtype=np.uint64)
            allowed = set(np.setdiff1d(everything, np.asarray(off_l, dtype=np.uint64)).tolist())
        pairs = _qmc_primes(allowed, k)
        if len(allowed) > len(on_l):
            pairs = _touching(pairs, on_l)
        return sort_implicants(pairs, k)
    return prime_implicant_arrays(on, off, dc, k, remainders=remainders, method=method,
                                  progress=progress).pairs()


def _check(on, off, dc, method):
    if method not in METHODS:
        raise QCAError(f"method={method!r}: choose one of {', '.join(METHODS)}")
    on_l = sorted({int(x) for x in on})
    off_l = sorted({int(x) for x in off})
    dc_l = sorted({int(x) for x in dc} - set(on_l))
    if set(on_l) & set(off_l):
        raise QCAError("a configuration is both positive and negative")
    return method, on_l, off_l, dc_l


def prime_implicant_arrays(
    on: Sequence[int] | np.ndarray,
    off: Sequence[int] | np.ndarray,
    dc: Sequence[int] | np.ndarray,
    k: int,
    *,
    remainders: bool,
    method: str = "auto",
    progress: Progress | None = None,
) -> Implicants:
    """:func:`prime_implicants` as arrays, with the chart as a list of its true cells.

    Examples
    --------
    >>> pis = prime_implicant_arrays([3, 0], [2], [], 2, remainders=True)
    >>> pis.pairs(), pis.chart().astype(int).tolist()
    ([(2, 0), (1, 1)], [[1, 0], [0, 1]])
    """
    method, on_l, off_l, dc_l = _check(on, off, dc, method)
    rows = np.asarray(on_l, dtype=np.uint64)
    empty = np.zeros(0, dtype=np.uint64)
    if not on_l:
        return Implicants(k, empty, empty, rows, np.zeros(0, np.int64), np.zeros(0, np.int64))
    if method == "auto":
        method = ("bitset" if k <= BITSET_MAX_K else "mmcs") if remainders else ("qmc-vec" if k <= 32 else "qmc")
    if method in ("bitset", "mmcs"):
        if not remainders:
            raise QCAError(f"method={method!r} needs remainders as don't-cares (include='?')")
        if not off_l:
            # nothing to exclude: the empty term (the constant 1) is the one prime implicant
            n = len(rows)
            return Implicants(k, np.zeros(1, np.uint64), np.zeros(1, np.uint64), rows,
                              np.zeros(n, np.int64), np.arange(n, dtype=np.int64))
        off_a = np.asarray(off_l, dtype=np.uint64)
        if method == "bitset":
            inc_row, inc_mask = _bitset_hitting_sets(rows, off_a, k, progress)
        else:
            inc_row, inc_mask = _mmcs_hitting_sets(rows, off_a, k, progress)
        return _from_incidence(rows, inc_row, inc_mask, rows[inc_row] & inc_mask, k)
    if method == "qmc":
        pairs = prime_implicants(on_l, off_l, dc_l, k, remainders=remainders, method="qmc")
        masks = np.array([p[0] for p in pairs], dtype=np.uint64)
        bits = np.array([p[1] for p in pairs], dtype=np.uint64)
    else:  # qmc-vec
        if k > 32:
            raise QCAError("method='qmc-vec' handles up to 32 conditions; use method='qmc'")
        if remainders:
            allowed = np.setdiff1d(np.arange(1 << k, dtype=np.uint64), np.asarray(off_l, dtype=np.uint64))
        else:
            allowed = np.union1d(rows, np.asarray(dc_l, dtype=np.uint64))
        masks, bits = _qmc_vec(allowed, k, progress)
    pi, row = chart_cells(masks, bits, rows)
    return _from_incidence(rows, row, masks[pi], bits[pi], k)


def _from_incidence(rows, inc_row, inc_mask, inc_bits, k) -> Implicants:
    """Implicants in R's order from (row index, implicant) pairs, duplicates merged."""
    inc_row = np.asarray(inc_row, dtype=np.int64)
    inc_mask = np.asarray(inc_mask, dtype=np.uint64)
    inc_bits = np.asarray(inc_bits, dtype=np.uint64)
    if k <= 32:
        uniq, inverse = np.unique((inc_mask << np.uint64(k)) | inc_bits, return_inverse=True)
        masks, bits = uniq >> np.uint64(k), uniq & np.uint64((1 << k) - 1)
    else:
        pairs = np.stack([inc_mask, inc_bits], axis=1)
        uniq, inverse = np.unique(pairs, axis=0, return_inverse=True)
        masks, bits = uniq[:, 0].copy(), uniq[:, 1].copy()
    order = r_order(masks, bits, k)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order), dtype=np.int64)
    cell = rank[inverse.reshape(-1)] * np.int64(len(rows)) + inc_row
    cell = _sorted_unique(cell)
    return Implicants(k, masks[order], bits[order], rows, cell // len(rows), cell % len(rows))


def _sorted_unique(x: np.ndarray) -> np.ndarray:
    x = np.sort(x)
    keep = np.ones(len(x), dtype=bool)
    keep[1:] = x[1:] != x[:-1]
    return x[keep]


def chart_cells(masks: np.ndarray, bits: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """True cells of the chart (implicant index, row index), computed in blocks of rows.

    Examples
    --------
    >>> import numpy as np
    >>> pi, row = chart_cells(np.array([2, 1], np.uint64), np.array([2, 0], np.uint64),
    ...                       np.array([0, 2, 3], np.uint64))
    >>> pi.tolist(), row.tolist()
    ([0, 0, 1, 1], [1, 2, 0, 1])
    """
    pis, rs = [], []
    step = max(1, (1 << 22) // max(1, len(rows)))
    for s in range(0, len(masks), step):
        p, r = np.nonzero(covers(masks[s:s + step], bits[s:s + step], rows))
        pis.append(p + s)
        rs.append(r)
    if not pis:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(pis).astype(np.int64), np.concatenate(rs).astype(np.int64)


# ---------------------------------------------------------------- bitset method
_LOW = [np.uint64(sum(1 << b for b in range(64) if not b >> i & 1)) for i in range(6)]
_HIGH = [~x for x in _LOW]


def _lowest_bits(r: np.ndarray, w: np.ndarray, words: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(row, bit position) of every set bit of ``words`` (word ``w`` of row ``r``)."""
    out_r, out_pos = [], []
    while len(words):
        low = words & (~words + _U1)
        _, exp = np.frexp(low.astype(np.float64))  # exact: low is a power of two
        out_r.append(r)
        out_pos.append((w.astype(np.uint64) << np.uint64(6)) | (exp - 1).astype(np.uint64))
        words = words ^ low
        keep = words != 0
        r, w, words = r[keep], w[keep], words[keep]
    if not out_r:
        return np.zeros(0, np.int64), np.zeros(0, np.uint64)
    return np.concatenate(out_r), np.concatenate(out_pos)


def _bitset_hitting_sets(rows: np.ndarray, off: np.ndarray, k: int, progress: Progress | None):
    """Per positive row, every minimal hitting set of its edges, by two transforms over all masks.

    Returns the pairs (row index, mask).
    """
    nbits = 1 << k
    width = max(nbits, 64)
    words = width // 64
    block = int(max(1, min(256, (1 << 24) // width)))  # about 16 MB of bool scatter per block
    full = np.uint64(nbits - 1)
    valid = np.uint64((1 << nbits) - 1) if nbits < 64 else ~np.uint64(0)
    scratch = np.zeros((block, width), dtype=bool)
    out_r, out_m = [], []
    n = len(rows)
    for start in range(0, n, block):
        P = rows[start:start + block]
        R = len(P)
        # seeds: for each negative r, the mask of conditions where p and r agree; every
        # subset of it misses the edge p XOR r
        agree = ((~(P[:, None] ^ off[None, :])) & full).astype(np.int64)
        seed = scratch[:R]
        seed[...] = False
        seed[np.arange(R)[:, None], agree] = True
        g = np.packbits(seed, axis=1, bitorder="little").view(np.uint64).reshape(R, words).copy()
        # superset-OR: g[M] = some edge missed by M
        for i in range(min(k, 6)):
            g |= (g >> np.uint64(1 << i)) & _LOW[i]
        for i in range(6, k):
            v = g.reshape(R, -1, 2, 1 << (i - 6))
            v[:, :, 0, :] |= v[:, :, 1, :]
        h = ~g  # hitting sets (upward closed)
        h &= valid
        # d[M]: some M minus one condition still hits everything
        d = np.zeros_like(h)
        for i in range(min(k, 6)):
            d |= (h << np.uint64(1 << i)) & _HIGH[i]
        for i in range(6, k):
            dv = d.reshape(R, -1, 2, 1 << (i - 6))
            hv = h.reshape(R, -1, 2, 1 << (i - 6))
            dv[:, :, 1, :] |= hv[:, :, 0, :]
        h &= ~d
        r, w = np.nonzero(h)
        rr, masks = _lowest_bits(r + start, w, h[r, w])
        out_r.append(rr)
        out_m.append(masks)
        if progress is not None:
            progress("implicants", min(n, start + R), n)
    return np.concatenate(out_r).astype(np.int64), np.concatenate(out_m)


# ---------------------------------------------------------------- mmcs method
def _minimal_edges(edges: np.ndarray) -> np.ndarray:
    """The inclusion-minimal edges (distinct ``uint64`` bit sets)."""
    edges = np.unique(edges)
    edges = edges[np.argsort(popcount(edges), kind="stable")]
    keep: list[np.ndarray] = []
    kept = np.zeros(0, dtype=np.uint64)
    step = 512
    for s in range(0, len(edges), step):
        e = edges[s:s + step]
        if len(kept):
            covered = ((e[:, None] & kept[None, :]) == kept[None, :]).any(axis=1)
            e = e[~covered]
        # within the block: drop an edge holding a smaller (earlier) one
        if len(e) > 1:
            sub = (e[:, None] & e[None, :]) == e[None, :]  # e[j] within e[i]; distinct, so strictly
            np.fill_diagonal(sub, False)
            e = e[~sub.any(axis=1)]
        keep.append(e)
        kept = np.concatenate([kept, e])
    return kept


def _mmcs_hitting_sets(rows: np.ndarray, off: np.ndarray, k: int, progress: Progress | None):
    """Per positive row, MMCS over its inclusion-minimal edges. Returns (row index, mask) pairs."""
    out_r: list[int] = []
    out_m: list[int] = []
    n = len(rows)
    for j, p in enumerate(rows):
        edges = _minimal_edges(off ^ p).tolist()
        hs = minimal_hitting_sets(edges, k)
        out_r.extend([j] * len(hs))
        out_m.extend(hs)
        if progress is not None:
            progress("implicants", j + 1, n)
    return np.asarray(out_r, dtype=np.int64), np.asarray(out_m, dtype=np.uint64)


# ---------------------------------------------------------------- vectorised QMC
def _qmc_vec(allowed: np.ndarray, k: int, progress: Progress | None) -> tuple[np.ndarray, np.ndarray]:
    """Quine-McCluskey with numpy: every maximal cube inside ``allowed`` (``k <= 32``).

    A cube is the key ``mask << k | bits``; level ``d`` holds the
    ``d``-dimensional cubes inside the set, sorted. Across each condition,
    a cube whose bit is 0 merges with the cube whose bit is 1 when that
    one is in the level too.
    """
    K = np.uint64(k)
    full = np.uint64((1 << k) - 1)
    level = np.unique(np.asarray(allowed, dtype=np.uint64)) | (full << K)
    prime_keys = []
    d = 0
    while len(level):
        masks = level >> K
        bits = level & full
        merged = np.zeros(len(level), dtype=bool)
        nxt = []
        for i in range(k):
            b = np.uint64(1 << i)
            cand = np.flatnonzero(((masks & b) != 0) & ((bits & b) == 0))
            if not len(cand):
                continue
            partner = level[cand] | b
            pos = np.searchsorted(level, partner)
            pos[pos >= len(level)] = 0
            hit = level[pos] == partner
            if not hit.any():
                continue
            merged[cand[hit]] = True
            merged[pos[hit]] = True
            nxt.append(level[cand[hit]] ^ (b << K))
        prime_keys.append(level[~merged])
        level = np.unique(np.concatenate(nxt)) if nxt else np.zeros(0, dtype=np.uint64)
        d += 1
        if progress is not None:
            progress("implicants", d, k + 1)
    keys = np.concatenate(prime_keys) if prime_keys else np.zeros(0, dtype=np.uint64)
    return keys >> K, keys & full


# ---------------------------------------------------------------- plain paths
def _touching(pairs: list[tuple[int, int]], on: list[int]) -> list[tuple[int, int]]:
    """Keep the implicants that cover at least one positive row."""
    if not pairs:
        return pairs
    m = covers(np.array([p[0] for p in pairs], np.uint64), np.array([p[1] for p in pairs], np.uint64),
               np.array(on, np.uint64))
    return [p for p, hit in zip(pairs, m.any(axis=1)) if hit]


def _qmc_primes(allowed: set[int], k: int) -> list[tuple[int, int]]:
    """Quine-McCluskey: every maximal cube inside ``allowed``.

    Level ``d`` holds every ``d``-dimensional cube inside the set, as
    ``(fixed_mask, bits)``. A cube is prime when it merges with no
    neighbour across any of its fixed conditions.
    """
    full = (1 << k) - 1
    level = {(full, m) for m in allowed}
    primes: list[tuple[int, int]] = []
    while level:
        merged: set[tuple[int, int]] = set()
        nxt: set[tuple[int, int]] = set()
        for mask, bits in level:
            rest = mask
            while rest:
                low = rest & -rest
                rest ^= low
                if not bits & low and (mask, bits | low) in level:
                    nxt.add((mask ^ low, bits))
                    merged.add((mask, bits))
                    merged.add((mask, bits | low))
        primes.extend(c for c in level if c not in merged)
        level = nxt
    return primes


def minimal_hitting_sets(edges: Sequence[int], k: int) -> list[int]:
    """Every minimal set of vertices meeting every edge (MMCS, Murakami & Uno 2014).

    Parameters
    ----------
    edges : list of int
        Each edge a non-empty bit set over ``k`` vertices.
    k : int

    Returns
    -------
    list of int
        The minimal hitting sets as bit sets.

    Examples
    --------
    >>> sorted(minimal_hitting_sets([0b011, 0b110], 3))
    [2, 5]
    """
    edges = list(edges)
    if not edges:
        return [0]
    if any(e == 0 for e in edges):
        return []
    vedges = [0] * k  # vedges[v]: bit set of the edges holding vertex v
    for j, e in enumerate(edges):
        rest = e
        while rest:
            low = rest & -rest
            rest ^= low
            vedges[low.bit_length() - 1] |= 1 << j
    out: list[int] = []

    def rec(chosen: int, crit: list[int], cand: int, uncov: int) -> None:
        if not uncov:
            out.append(chosen)
            return
        # branch on the uncovered edge with the fewest candidate vertices
        best_j, best_c = -1, k + 1
        rest = uncov
        while rest:
            low = rest & -rest
            rest ^= low
            j = low.bit_length() - 1
            c = (edges[j] & cand).bit_count()
            if c < best_c:
                best_j, best_c = j, c
                if c <= 1:
                    break
        if best_c == 0:
            return
        branch = edges[best_j] & cand
        cand &= ~branch
        rest = branch
        while rest:
            low = rest & -rest
            rest ^= low
            ve = vedges[low.bit_length() - 1]
            new_crit = [c & ~ve for c in crit]
            if all(new_crit):
                rec(chosen | low, new_crit + [uncov & ve], cand, uncov & ~ve)
            cand |= low

    rec(0, [], (1 << k) - 1, (1 << len(edges)) - 1)
    return out
