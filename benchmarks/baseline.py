"""The plain paths the fast ones are measured against.

* prime implicants: ``qca.implicants.prime_implicants(..., method="qmc")``,
  pure-Python Quine-McCluskey (with remainders it first lists all
  ``2**k`` configurations minus the negative rows);
* chart: the first ``qca.chart.minimal_covers`` (commit d51e96f), a
  branch and bound on the dense chart without reductions, copied here so
  that the comparison stays possible after the library moved on.
"""

from __future__ import annotations

from typing import Callable

import numpy as np


def _iter_bits(x: int):
    while x:
        low = x & -x
        yield low.bit_length() - 1
        x ^= low


def _lower_bound(uncov: int, excluded: int, row_pis: list[int]) -> int:
    used = 0
    count = 0
    rows = sorted(_iter_bits(uncov), key=lambda j: (row_pis[j] & ~excluded).bit_count())
    for j in rows:
        c = row_pis[j] & ~excluded
        if not c & used:
            used |= c
            count += 1
    return count


def _search(pi_rows, row_pis, leaf, bound, tick):
    n_rows = len(row_pis)
    full = (1 << n_rows) - 1
    stop = False

    def rec(chosen: int, size: int, covered: int, excluded: int) -> None:
        nonlocal stop
        if stop:
            return
        tick()
        uncov = full & ~covered
        if not uncov:
            if not leaf(chosen, size):
                stop = True
            return
        if bound(size, uncov, excluded):
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


def plain_minimal_covers(chart: np.ndarray, max_solutions: int | None = None,
                         tick: Callable[[], None] = lambda: None) -> tuple[tuple[tuple[int, ...], ...], bool]:
    """Every minimal cover of a dense chart, by the original two-phase branch and bound."""
    chart = np.asarray(chart, dtype=bool)
    n_pi, n_rows = chart.shape
    if n_rows == 0:
        return ((),), False
    pi_rows = [int.from_bytes(np.packbits(chart[i], bitorder="little").tobytes(), "little") for i in range(n_pi)]
    row_pis = [int.from_bytes(np.packbits(chart[:, j], bitorder="little").tobytes(), "little")
               for j in range(n_rows)]
    full = (1 << n_rows) - 1
    covered, best = 0, 0
    while covered != full:
        i = max(range(n_pi), key=lambda i: (pi_rows[i] & ~covered).bit_count())
        covered |= pi_rows[i]
        best += 1

    def leaf1(chosen, size):
        nonlocal best
        best = min(best, size)
        return True

    _search(pi_rows, row_pis, leaf1, lambda s, u, e: s + _lower_bound(u, e, row_pis) >= best, tick)
    found: list[int] = []
    capped = False

    def leaf2(chosen, size):
        nonlocal capped
        if size == best:
            found.append(chosen)
            if max_solutions is not None and len(found) >= max_solutions:
                capped = True
                return False
        return True

    _search(pi_rows, row_pis, leaf2, lambda s, u, e: s + _lower_bound(u, e, row_pis) > best, tick)
    return tuple(sorted({tuple(_iter_bits(c)) for c in found})), capped
