"""The prime-implicant chart and its covers: which implicants explain every positive row.

The chart is a boolean matrix, implicants by positive rows. A cover is a
set of implicants that together cover every row. :func:`minimal_covers`
returns every cover with the fewest implicants (all ties: model
ambiguity); :func:`irredundant_covers` returns every cover from which no
implicant can be dropped (R's ``all.sol = TRUE``).

Both search with the same exact branching: take the uncovered row with the
fewest candidate implicants, and branch on each candidate in turn,
excluding the candidates already tried from the later branches, so every
cover is reached exactly once. :func:`minimal_covers` prunes with a lower
bound (rows whose candidate sets are pairwise disjoint need one implicant
each) against the best size found, after a greedy cover gives a first
bound.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from .errors import QCAError

__all__ = ["Covers", "minimal_covers", "irredundant_covers", "dominated_implicants"]


@dataclass(frozen=True)
class Covers:
    """Covers found in a chart.

    Attributes
    ----------
    covers : tuple of tuple of int
        Each cover as sorted implicant indices; covers sorted by size, then
        lexicographically (R's order of models).
    capped : bool
        True when ``max_solutions`` stopped the enumeration early.
    """

    covers: tuple[tuple[int, ...], ...]
    capped: bool


def _bitsets(chart: np.ndarray) -> tuple[list[int], list[int]]:
    """Per implicant: bit set of rows covered; per row: bit set of implicants covering it."""
    chart = np.asarray(chart, dtype=bool)
    n_pi, n_rows = chart.shape
    pi_rows = [int.from_bytes(np.packbits(chart[i], bitorder="little").tobytes(), "little") for i in range(n_pi)]
    row_pis = [int.from_bytes(np.packbits(chart[:, j], bitorder="little").tobytes(), "little") for j in range(n_rows)]
    uncoverable = [j for j in range(n_rows) if row_pis[j] == 0]
    if uncoverable:
        raise QCAError(f"rows {uncoverable} of the chart are covered by no implicant")
    return pi_rows, row_pis


def _iter_bits(x: int):
    while x:
        low = x & -x
        yield low.bit_length() - 1
        x ^= low


def _search(
    pi_rows: list[int],
    row_pis: list[int],
    leaf: Callable[[int, int], bool],
    bound: Callable[[int, int, int], bool] | None = None,
) -> None:
    """Depth-first search over covers; ``leaf(chosen, size)`` returns False to stop."""
    n_rows = len(row_pis)
    full = (1 << n_rows) - 1
    stop = False

    def rec(chosen: int, size: int, covered: int, excluded: int) -> None:
        nonlocal stop
        if stop:
            return
        uncov = full & ~covered
        if not uncov:
            if not leaf(chosen, size):
                stop = True
            return
        if bound is not None and bound(size, uncov, excluded):
            return
        best_row, best_c, best_n = -1, 0, 1 << 30
        for j in _iter_bits(uncov):
            c = row_pis[j] & ~excluded
            n = c.bit_count()
            if n < best_n:
                best_row, best_c, best_n = j, c, n
                if n <= 1:
                    break
        if best_n == 0:
            return
        tried = 0
        for i in _iter_bits(best_c):
            rec(chosen | (1 << i), size + 1, covered | pi_rows[i], excluded | tried)
            tried |= 1 << i
            if stop:
                return

    rec(0, 0, 0, 0)


def _lower_bound(uncov: int, excluded: int, row_pis: list[int]) -> int:
    """Rows with pairwise disjoint candidate sets each need their own implicant."""
    used = 0
    count = 0
    rows = sorted(_iter_bits(uncov), key=lambda j: (row_pis[j] & ~excluded).bit_count())
    for j in rows:
        c = row_pis[j] & ~excluded
        if not c & used:
            used |= c
            count += 1
    return count


def _greedy(pi_rows: list[int], n_rows: int) -> int:
    full = (1 << n_rows) - 1
    covered = 0
    size = 0
    while covered != full:
        best = max(range(len(pi_rows)), key=lambda i: (pi_rows[i] & ~covered).bit_count())
        covered |= pi_rows[best]
        size += 1
    return size


def _as_tuple(chosen: int) -> tuple[int, ...]:
    return tuple(_iter_bits(chosen))


def minimal_covers(chart: np.ndarray, max_solutions: int | None = None) -> Covers:
    """Every cover of the chart with the fewest implicants.

    Parameters
    ----------
    chart : numpy.ndarray
        Boolean, implicants by rows.
    max_solutions : int, optional
        Stop after this many covers (``Covers.capped`` then says so).

    Examples
    --------
    >>> import numpy as np
    >>> chart = np.array([[1, 1, 0], [0, 1, 1], [1, 0, 1], [0, 0, 1]], dtype=bool)
    >>> minimal_covers(chart).covers
    ((0, 1), (0, 2), (0, 3), (1, 2))
    """
    chart = np.asarray(chart, dtype=bool)
    if chart.shape[1] == 0:
        return Covers(((),), False)
    pi_rows, row_pis = _bitsets(chart)
    best = _greedy(pi_rows, len(row_pis))

    # phase 1: the minimum size
    def leaf1(chosen: int, size: int) -> bool:
        nonlocal best
        best = min(best, size)
        return True

    _search(pi_rows, row_pis, leaf1, lambda size, uncov, exc: size + _lower_bound(uncov, exc, row_pis) >= best)
    # the greedy cover may itself be optimal, in which case phase 1 found nothing smaller

    found: list[int] = []
    capped = False

    def leaf2(chosen: int, size: int) -> bool:
        nonlocal capped
        if size == best:
            found.append(chosen)
            if max_solutions is not None and len(found) >= max_solutions:
                capped = True
                return False
        return True

    _search(pi_rows, row_pis, leaf2, lambda size, uncov, exc: size + _lower_bound(uncov, exc, row_pis) > best)
    covers = sorted({_as_tuple(c) for c in found})
    return Covers(tuple(covers), capped)


def irredundant_covers(chart: np.ndarray, max_solutions: int | None = None) -> Covers:
    """Every cover from which no implicant can be dropped (R's ``all.sol``).

    Examples
    --------
    >>> import numpy as np
    >>> chart = np.array([[1, 1, 0, 0], [0, 0, 1, 1], [0, 1, 1, 0], [1, 0, 0, 0], [0, 0, 0, 1]],
    ...                  dtype=bool)
    >>> irredundant_covers(chart).covers
    ((0, 1), (0, 2, 4), (1, 2, 3), (2, 3, 4))
    >>> minimal_covers(chart).covers
    ((0, 1),)
    """
    chart = np.asarray(chart, dtype=bool)
    if chart.shape[1] == 0:
        return Covers(((),), False)
    pi_rows, row_pis = _bitsets(chart)
    found: list[int] = []
    capped = False

    def leaf(chosen: int, size: int) -> bool:
        nonlocal capped
        members = list(_iter_bits(chosen))
        for i in members:
            others = 0
            for j in members:
                if j != i:
                    others |= pi_rows[j]
            if not pi_rows[i] & ~others:
                return True  # i is redundant: not an irredundant cover
        found.append(chosen)
        if max_solutions is not None and len(found) >= max_solutions:
            capped = True
            return False
        return True

    _search(pi_rows, row_pis, leaf)
    covers = sorted({_as_tuple(c) for c in found}, key=lambda c: (len(c), c))
    return Covers(tuple(covers), capped)


def dominated_implicants(chart: np.ndarray) -> np.ndarray:
    """Implicants whose rows are a strict subset of another implicant's (R's ``row.dom``).

    Examples
    --------
    >>> import numpy as np
    >>> dominated_implicants(np.array([[1, 1], [1, 0], [1, 0]], dtype=bool)).tolist()
    [False, True, True]
    """
    chart = np.asarray(chart, dtype=bool)
    sub = (chart[:, None, :] <= chart[None, :, :]).all(axis=2)  # rows of i within rows of j
    strict = sub & ~sub.T
    return strict.any(axis=1)
