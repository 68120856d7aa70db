"""The parsimonious search without listing every prime implicant: column generation.

With many conditions and remainders the prime implicants are too many to
list (about 9 x 10^8 for 30 conditions and 5,000 rows, see
``docs/benchmarks.md``), and with some tens of thousands the exact chart
search is slow. The minimum number of implicants covering the positive
rows is still a set-cover problem, and its linear relaxation needs only
the few implicants its dual values ask for:

1. start from one prime implicant per positive row (each row's code,
   widened literal by literal while no negative row falls inside);
2. solve the LP over the implicants found so far (HiGHS); its dual value
   per positive row says how much covering that row is worth;
3. *pricing*: look for an implicant whose rows are worth more than 1 (it
   would lower the LP): either over a given pool of implicants (exact,
   when they could be listed), or by widening the codes of the rows with
   the highest duals, always taking the literal whose removal brings in
   the most dual weight while no negative row falls inside (a
   heuristic);
4. repeat until pricing finds nothing; then a greedy cover improved by
   local search (:func:`qca.chart.local_search`) and the integer program
   over the implicants generated, started from it, give the solution
   (HiGHS, stoppable).

The lower bound is proven either way. With a pool, it is the LP optimum
(or, when stopped early, the duals scaled down until no implicant is worth
more than 1). Without one, no implicant can be worth more than
``max_p (y_p + sum of y_q over the rows q that can share an implicant with
p)``, since two rows share an implicant only if the smallest cube holding
both contains no negative row; dividing the duals by that maximum gives a
feasible dual solution, so their sum is a lower bound on the number of
terms.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .chart import local_search
from .implicants import popcount
from .milp import run_stoppable, solve_cover

__all__ = ["ColumnGeneration", "column_generation", "widen"]

#: implicants added per pricing round, at most
ADD_PER_ROUND = 400
#: rows whose codes are widened per pricing round (oracle pricing), at most
SEEDS_PER_ROUND = 300
#: local search on the implicants generated: at most this many seconds, and this share of the time left
LOCAL_SEARCH_SECONDS = 10.0
LOCAL_SEARCH_SHARE = 0.3


@dataclass(frozen=True)
class ColumnGeneration:
    """What :func:`column_generation` found.

    Attributes
    ----------
    masks, bits : numpy.ndarray
        The implicants generated (uint64; bit ``k-1-i`` is condition ``i``).
    cover : tuple of int
        Indices (into ``masks``) of the best cover found.
    lower_bound : int
        Proven lower bound on the number of implicants of any cover.
    lp : float or None
        LP value over the implicants generated (an upper bound on the true
        LP optimum unless ``exact_pricing``).
    exact_pricing : bool
        Whether pricing saw every implicant (a pool was given).
    stopped : str or None
        ``"time limit"`` or ``"interrupted"`` when cut short.
    rounds : int
        Pricing rounds.

    Examples
    --------
    >>> import numpy as np
    >>> res = column_generation(np.array([0b110, 0b111], dtype=np.uint64), np.array([0b000], dtype=np.uint64), 3)
    >>> len(res.cover), res.lower_bound
    (1, 1)
    """

    masks: np.ndarray
    bits: np.ndarray
    cover: tuple[int, ...]
    lower_bound: int
    lp: float | None
    exact_pricing: bool
    stopped: str | None
    rounds: int


def _single_bit_index(x: np.ndarray) -> np.ndarray:
    """Index of the one set bit of each value (values must have exactly one bit set)."""
    return np.log2(x.astype(np.float64)).astype(np.int64)


def widen(code: int, on: np.ndarray, off: np.ndarray, weight: np.ndarray, k: int,
          rng: np.random.Generator | None = None) -> tuple[int, int]:
    """A prime implicant containing ``code``: drop literals while no ``off`` code falls inside.

    Each step drops the literal that brings in the most ``weight`` of the
    ``on`` codes (ties broken at random with ``rng``, else the lowest).
    Returns ``(mask, bits)``.

    Examples
    --------
    >>> import numpy as np
    >>> on = np.array([0b110, 0b111], np.uint64); off = np.array([0b000], np.uint64)
    >>> m, b = widen(0b111, on, off, np.ones(2), 3)
    >>> bin(m), bin(b)
    ('0b100', '0b100')
    """
    full = (1 << k) - 1
    mask, bits = full, int(code) & full
    while mask:
        m64, b64 = np.uint64(mask), np.uint64(bits)
        d_off = (off ^ b64) & m64
        single = d_off[popcount(d_off) == 1]
        blocked = int(np.bitwise_or.reduce(single)) if len(single) else 0
        free = mask & ~blocked
        if not free:
            break
        d_on = (on ^ b64) & m64
        sel = popcount(d_on) == 1
        gain = np.bincount(_single_bit_index(d_on[sel]), weights=weight[sel], minlength=k) if sel.any() \
            else np.zeros(k)
        cand = np.array([j for j in range(k) if free >> j & 1])
        g = gain[cand]
        if rng is not None:
            g = g + rng.random(len(g)) * 1e-9
        j = int(cand[int(np.argmax(g))])
        mask &= ~(1 << j)
        bits &= mask
    return mask, bits


def _rows_of(mask: int, bits: int, on: np.ndarray) -> np.ndarray:
    return np.flatnonzero(((on ^ np.uint64(bits)) & np.uint64(mask)) == 0)


def _pricing_bound(y: np.ndarray, on: np.ndarray, off: np.ndarray, k: int,
                   deadline: float | None) -> tuple[float | None, tuple[int, int] | None]:
    """Exact pricing as an integer program: the most dual weight any implicant can cover.

    Variables: per condition, "fixed at 1" and "fixed at 0" (at most one);
    every negative row must be excluded by a fixed literal; a positive row
    counts only if no fixed literal excludes it. Returns (an upper bound on
    that weight, proven by HiGHS even when stopped early; the best
    implicant found as ``(mask, bits)``), or (None, None) when it fails.
    """
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix

    support = np.flatnonzero(y > 1e-9)
    if not len(support):
        return None, None
    q = on[support]
    nq = len(q)
    shifts = np.arange(k, dtype=np.uint64)
    qbits = ((q[:, None] >> shifts[None, :]) & np.uint64(1)).astype(bool)  # bit j of each positive row
    obits = ((off[:, None] >> shifts[None, :]) & np.uint64(1)).astype(bool)
    # variables: a_j (bit j fixed at 1), b_j (fixed at 0), z_q
    n_var = 2 * k + nq
    rows, cols, vals, lo, hi = [], [], [], [], []
    r = 0
    for j in range(k):  # a_j + b_j <= 1
        rows += [r, r]; cols += [j, k + j]; vals += [1, 1]; lo.append(-np.inf); hi.append(1); r += 1
    oi, oj = np.nonzero(~obits)  # off row has 0 at j: a_j excludes it
    rows += (oi + r).tolist(); cols += oj.tolist(); vals += [1] * len(oi)
    oi, oj = np.nonzero(obits)
    rows += (oi + r).tolist(); cols += (oj + k).tolist(); vals += [1] * len(oi)
    lo += [1] * len(off); hi += [np.inf] * len(off); r += len(off)
    # z_q + a_j <= 1 where q_j = 0; z_q + b_j <= 1 where q_j = 1
    qi, qj = np.nonzero(~qbits)
    m = len(qi)
    rows += np.repeat(np.arange(r, r + m), 2).tolist()
    cols += np.column_stack([2 * k + qi, qj]).ravel().tolist(); vals += [1] * (2 * m)
    r += m
    qi2, qj2 = np.nonzero(qbits)
    m2 = len(qi2)
    rows += np.repeat(np.arange(r, r + m2), 2).tolist()
    cols += np.column_stack([2 * k + qi2, qj2 + k]).ravel().tolist(); vals += [1] * (2 * m2)
    r += m2
    lo += [-np.inf] * (m + m2); hi += [1] * (m + m2)
    a = coo_matrix((vals, (rows, cols)), shape=(r, n_var)).tocsr()
    c = np.zeros(n_var)
    c[2 * k:] = -y[support]
    integrality = np.r_[np.ones(2 * k), np.zeros(nq)]
    limit = 30.0 if deadline is None else max(1.0, deadline - time.monotonic())
    # generous: HiGHS overruns its own limit a little under load, and a solver thread still running
    # when the interpreter exits aborts it
    res = run_stoppable(lambda: milp(c, constraints=LinearConstraint(a, lo, hi), integrality=integrality,
                                     bounds=Bounds(0, 1), options={"time_limit": limit, "mip_rel_gap": 1e-6}),
                        2 * limit + 10.0)
    if res is None or res.x is None:
        return None, None
    bound = getattr(res, "mip_dual_bound", None)
    bound = -float(bound) if bound is not None and np.isfinite(bound) else (-float(res.fun) if res.status == 0 else None)
    x = np.round(res.x[:2 * k]).astype(bool)
    mask = sum(1 << j for j in range(k) if x[j] or x[k + j])
    bits = sum(1 << j for j in range(k) if x[j])
    return bound, (mask, bits)


def _disjoint_rows(on: np.ndarray, off: np.ndarray, k: int, until: float) -> int:
    """Positive rows no two of which share an implicant (a lower bound on the terms), found greedily.

    Two rows share an implicant only if the smallest cube holding both
    contains no negative row.
    """
    full = np.uint64((1 << k) - 1)
    chosen = np.zeros(0, dtype=np.uint64)
    for t, p in enumerate(on):
        if not t % 32 and time.monotonic() > until:
            break
        if len(chosen):
            agree = ~(chosen ^ p) & full
            d = (off ^ p) & full
            shares = np.ones(len(chosen), dtype=bool)  # could share an implicant with p
            for s in range(0, len(d), 1024):
                shares &= ~(((d[s:s + 1024, None] & agree[None, :]) == 0).any(axis=0))
            if shares.any():
                continue
        chosen = np.append(chosen, p)
    return len(chosen)


def column_generation(
    on: np.ndarray,
    off: np.ndarray,
    k: int,
    *,
    pool: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None,
    deadline: float | None = None,
    progress: Callable[..., None] | None = None,
    seed: int = 0,
) -> ColumnGeneration:
    """Fewest implicants covering the ``on`` codes and no ``off`` code, by column generation.

    Parameters
    ----------
    on, off : numpy.ndarray
        Positive and negative configuration codes (uint64); every other
        configuration may be used (remainders).
    k : int
        Number of conditions.
    pool : (masks, bits, pi, row), optional
        Every prime implicant with its chart cells (implicant ``pi[t]``
        covers positive row ``row[t]``, an index into ``on``): pricing is
        then exact. Without it, implicants are found by widening codes.
    deadline : float, optional
        ``time.monotonic()`` value at which to stop with the best so far.
    progress : callable, optional
        ``progress("column generation", round, 0)``; an exception it
        raises is raised again.

    Examples
    --------
    >>> import numpy as np
    >>> on = np.array([0b110, 0b111, 0b011], np.uint64); off = np.array([0b000, 0b001], np.uint64)
    >>> res = column_generation(on, off, 3)
    >>> len(res.cover), res.lower_bound
    (1, 1)
    """
    on = np.asarray(on, dtype=np.uint64)
    off = np.asarray(off, dtype=np.uint64)
    n = len(on)
    final = deadline
    if deadline is not None:  # half the time for the LP, then the integer program, then the bound
        now = time.monotonic()
        deadline = now + 0.5 * max(0.0, final - now)
        ip_end = now + 0.85 * max(0.0, final - now)
    else:
        ip_end = None
    rng = np.random.default_rng(seed)
    stopped = None
    rounds = 0
    masks: list[int] = []
    bitsl: list[int] = []
    cols: list[np.ndarray] = []
    seen: set[tuple[int, int]] = set()
    in_master = None

    def add(mask: int, bits: int, rows: np.ndarray | None = None) -> bool:
        key = (mask, bits)
        if key in seen:
            return False
        seen.add(key)
        masks.append(mask)
        bitsl.append(bits)
        cols.append(_rows_of(mask, bits, on) if rows is None else rows)
        return True

    if pool is not None:
        p_masks, p_bits, p_pi, p_row = pool
        order = np.lexsort((p_row, p_pi))
        p_pi, p_row = p_pi[order], p_row[order]
        starts = np.searchsorted(p_pi, np.arange(len(p_masks) + 1))
        size = np.diff(starts)
        in_master = np.zeros(len(p_masks), dtype=bool)

        def add_pool(i: int) -> None:
            if not in_master[i]:
                in_master[i] = True
                add(int(p_masks[i]), int(p_bits[i]), p_row[starts[i]:starts[i + 1]])

        # each row's largest implicant, then the largest implicants overall
        by_row = np.lexsort((-size[p_pi], p_row))
        first = by_row[np.r_[True, p_row[by_row][1:] != p_row[by_row][:-1]]]
        for i in np.unique(p_pi[first]):
            add_pool(int(i))
        for i in np.argsort(-size, kind="stable")[:ADD_PER_ROUND]:
            add_pool(int(i))
    else:
        ones = np.ones(n)
        covered = np.zeros(n, dtype=bool)
        for t in range(n):  # one implicant per row not yet covered, widened towards the most rows
            if covered[t]:
                continue
            if deadline is not None and time.monotonic() > deadline:
                break
            if add(*widen(int(on[t]), on, off, ones, k)):
                covered[cols[-1]] = True
        for t in np.flatnonzero(~covered):  # the deadline cut the start short: each row left as its own term
            add((1 << k) - 1, int(on[t]))

    lower = 1.0
    lp_value = None
    y = None
    exact = pool is not None
    try:
        while True:
            rounds += 1
            if progress is not None:
                progress("column generation", rounds, 0)
            lp = solve_cover(cols, n, integer=False, deadline=deadline)
            if lp.status != "optimal":
                stopped = "interrupted" if lp.status == "stopped" else "time limit"
                break
            y = lp.row_duals
            lp_value = lp.value
            added = 0
            if pool is not None:
                value = np.bincount(p_pi, weights=y[p_row], minlength=len(p_masks))
                top = float(value.max())
                if top > 0:
                    lower = max(lower, float(y.sum()) / max(1.0, top))
                cand = np.flatnonzero((value > 1 + 1e-9) & ~in_master)
                if len(cand):
                    cand = cand[np.argsort(-value[cand], kind="stable")[:ADD_PER_ROUND]]
                    for i in cand:
                        add_pool(int(i))
                    added = len(cand)
                else:
                    lower = max(lower, lp.value)
            else:
                seeds = np.argsort(-y, kind="stable")[:SEEDS_PER_ROUND]
                for t in seeds:
                    if y[t] <= 1e-9:
                        break
                    if deadline is not None and time.monotonic() > deadline:
                        raise _Stop
                    mask, bits = widen(int(on[t]), on, off, y, k, rng)
                    rows = _rows_of(mask, bits, on)
                    if y[rows].sum() > 1 + 1e-9 and add(mask, bits, rows):
                        added += 1
            if not added:
                break
            if deadline is not None and time.monotonic() > deadline:
                stopped = "time limit"
                break
    except _Stop:
        stopped = "time limit"
    except KeyboardInterrupt:
        stopped = "interrupted"
    # a good cover first (greedy, then local search), then the integer program over the implicants generated
    start = None
    cover = _greedy(cols, n)
    if stopped != "interrupted":
        now = time.monotonic()
        until = now + (LOCAL_SEARCH_SECONDS if ip_end is None
                       else min(LOCAL_SEARCH_SECONDS, LOCAL_SEARCH_SHARE * max(0.0, ip_end - now)))
        try:
            better = local_search([c.tolist() for c in cols], n, cover, until, lower=int(np.ceil(lower - 1e-6)))
            if len(better) < len(cover):
                cover = better
        except KeyboardInterrupt:
            stopped = "interrupted"
    if stopped is None or stopped == "time limit":
        start = np.zeros(len(cols))
        start[cover] = 1
        try:
            res = solve_cover(cols, n, deadline=ip_end if stopped is None else max(ip_end or 0, time.monotonic() + 1.0),
                              start=start)
            if res.x is not None and res.value is not None and res.value <= len(cover):
                cover = np.flatnonzero(res.x > 0.5).tolist()
            if res.status == "stopped":
                stopped = "interrupted"
            if exact and res.status == "optimal" and pool is not None and lp_value is not None \
                    and lower >= lp_value - 1e-9:
                # reduced-cost fixing: any cover smaller than this one uses only implicants whose
                # reduced cost is at most (size - 1 - LP); if those are all generated, it is optimal
                value = np.bincount(p_pi, weights=y[p_row], minlength=len(p_masks))
                need = np.flatnonzero((1 - value <= len(cover) - 1 - lp_value + 1e-9) & ~in_master)
                if len(need) == 0:
                    lower = max(lower, float(len(cover)))
                elif len(need) <= 50_000 and stopped is None:
                    for i in need:
                        add_pool(int(i))
                    start = np.zeros(len(cols))
                    start[cover] = 1
                    res = solve_cover(cols, n, deadline=ip_end, start=start)
                    if res.x is not None and res.value is not None and res.value <= len(cover):
                        cover = np.flatnonzero(res.x > 0.5).tolist()
                    if res.status == "optimal":
                        lower = max(lower, float(len(cover)))
                    elif res.bound is not None:
                        lower = max(lower, min(float(len(cover)), res.bound))
                        stopped = "interrupted" if res.status == "stopped" else "time limit"
        except KeyboardInterrupt:
            stopped = "interrupted"
    if pool is None and y is not None and stopped != "interrupted":
        # the bound needs exact pricing: at most a few seconds past the deadline
        m, best = _pricing_bound(y, on, off, k, None if final is None else max(final, time.monotonic() + 2.0))
        if m:
            lower = max(lower, float(y.sum()) / max(1.0, m))
        del best
    if stopped != "interrupted" and lower < len(cover):
        lower = max(lower, _disjoint_rows(on, off, k, time.monotonic() + 3.0))
    low = int(np.ceil(lower - 1e-6))
    return ColumnGeneration(np.array(masks, dtype=np.uint64), np.array(bitsl, dtype=np.uint64),
                            tuple(sorted(int(i) for i in cover)), min(low, len(cover)), lp_value, exact,
                            stopped, rounds)


class _Stop(Exception):
    pass


def _greedy(cols: list[np.ndarray], n: int) -> list[int]:
    """Greedy cover: the column with the most uncovered rows, until all are covered."""
    uncovered = np.ones(n, dtype=bool)
    chosen: list[int] = []
    alive = list(range(len(cols)))
    while uncovered.any():
        gains = np.array([int(uncovered[cols[i]].sum()) for i in alive])
        b = int(np.argmax(gains))
        if gains[b] == 0:  # pragma: no cover - every row has a column
            break
        i = alive[b]
        chosen.append(i)
        uncovered[cols[i]] = False
        alive = [a for a, g in zip(alive, gains) if g > 0 and a != i]
    return chosen
