"""Prime implicants: the largest terms that cover positive rows and no negative one.

A term over ``k`` conditions is a pair of bit masks ``(mask, bits)``: ``mask``
marks the conditions the term names, ``bits`` their values. Condition ``i``
is bit ``k - 1 - i``. A configuration ``r`` is in the term when
``r & mask == bits``.

Two exact methods, chosen by what is small:

``"qmc"`` (Quine-McCluskey)
    Merges cubes level by level inside the allowed set (positive rows plus
    don't-cares). Used for the conservative solution, where every
    unobserved configuration counts as negative, so the allowed set is the
    handful of observed rows. With remainders included it must first list
    every remainder (``2**k`` configurations), so it is the reference path
    for small ``k`` only.
``"mmcs"`` (minimal hitting sets)
    With remainders free, a term is an implicant exactly when it excludes
    every negative row. The prime implicants covering a positive row ``p``
    are the minimal hitting sets of ``{p XOR r : r negative}`` (the
    conditions on which ``p`` and ``r`` differ), enumerated with the MMCS
    algorithm of Murakami and Uno (2014). No remainder is ever listed.

Both return every prime implicant that covers at least one positive row,
sorted as R's QCA sorts them: by number of literals, then condition by
condition, a negated literal before a plain one before an absent one.
"""

from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np

from .errors import QCAError

__all__ = ["prime_implicants", "covers", "sort_implicants"]

METHODS = ("auto", "qmc", "mmcs")


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


def prime_implicants(
    on: Sequence[int] | np.ndarray,
    off: Sequence[int] | np.ndarray,
    dc: Sequence[int] | np.ndarray,
    k: int,
    *,
    remainders: bool,
    method: str = "auto",
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
    method : {"auto", "qmc", "mmcs"}
        ``"auto"`` uses QMC without remainders and MMCS with them.

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
    if method not in METHODS:
        raise QCAError(f"method={method!r}: choose one of {', '.join(METHODS)}")
    on_l = sorted({int(x) for x in on})
    off_l = sorted({int(x) for x in off})
    dc_l = sorted({int(x) for x in dc} - set(on_l))
    if set(on_l) & set(off_l):
        raise QCAError("a configuration is both positive and negative")
    if not on_l:
        return []
    if method == "auto":
        method = "mmcs" if remainders else "qmc"
    if method == "mmcs":
        if not remainders:
            raise QCAError("method='mmcs' needs remainders as don't-cares (include='?')")
        pairs = _mmcs_primes(on_l, off_l, k)
    else:
        allowed = set(on_l) | set(dc_l)
        if remainders:
            everything = np.arange(1 << k, dtype=np.uint64)
            allowed = set(np.setdiff1d(everything, np.asarray(off_l, dtype=np.uint64)).tolist())
        pairs = _qmc_primes(allowed, k)
        if len(allowed) > len(on_l):
            pairs = _touching(pairs, on_l)
    return sort_implicants(pairs, k)


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


def _mmcs_primes(on: list[int], off: list[int], k: int) -> list[tuple[int, int]]:
    """Prime implicants with remainders free, as minimal hitting sets per positive row."""
    if not off:
        return [(0, 0)]
    off_arr = np.asarray(off, dtype=np.uint64)
    found: set[tuple[int, int]] = set()
    for p in on:
        edges = np.unique(off_arr ^ np.uint64(p)).tolist()
        for mask in minimal_hitting_sets(edges, k):
            found.add((mask, p & mask))
    return list(found)


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
