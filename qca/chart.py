"""The prime-implicant chart and its covers: which implicants explain every positive row.

The chart is a boolean matrix, implicants by positive rows. A cover is a
set of implicants that together cover every row. :func:`minimal_covers`
returns every cover with the fewest implicants (all ties: model
ambiguity); :func:`irredundant_covers` returns every cover from which no
implicant can be dropped (R's ``all.sol = TRUE``).

Both branch the same exact way: take the uncovered row with the fewest
candidate implicants, and branch on each candidate in turn, excluding the
candidates already tried from the later branches, so every cover is
reached exactly once.

:func:`minimal_covers` (and :func:`minimal_covers_cells`, which takes the
chart as its list of true cells) first shrinks the chart with steps that
keep every minimal cover: implicants covering the same rows become one
column, essential columns are taken, rows whose columns include another
row's are dropped, and what is left splits into independent blocks whose
covers multiply out. It repeats these steps at every node of the search
and prunes a branch as soon as the optimum of what is left, plus what is
chosen, exceeds the optimum. Optima come from the cyclic core (the same
steps plus column dominance, which keeps the optimum though not every
cover), then branch and bound; a big core whose branch and bound runs
long goes to HiGHS's exact MILP through scipy when scipy is installed.
Minimum set cover is NP-hard: on noisy charts of several hundred rows the
optimum itself can take minutes (see ``docs/benchmarks.md``).
``max_solutions`` caps the listing; ``Covers.total`` counts the covers
whenever the search finished.
"""

from __future__ import annotations

import bisect
import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .errors import QCAError
from .implicants import popcount
from .milp import solve_cover

__all__ = ["Covers", "CoverSequence", "minimal_covers", "minimal_covers_cells", "irredundant_covers", "dominated_implicants", "cyclic_core",
           "local_search"]


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
    total : int or None
        How many minimal covers there are, when known (it is counted
        without listing them, so it is known even when capped unless a
        block alone has more than ``max_solutions``).
    lower_bound : int or None
        Proven lower bound on the size of a cover; None when the covers
        listed are proven minimal by an exhaustive search.
    stopped : str or None
        ``"time limit"`` or ``"interrupted"`` when the search was cut
        short (then ``covers`` holds the best found, possibly not minimal:
        see :attr:`proven` and :attr:`gap`).

    Examples
    --------
    >>> import numpy as np
    >>> chart = np.array([[1, 1, 0], [0, 1, 1], [0, 0, 1]], dtype=bool)
    >>> found = minimal_covers(chart)
    >>> found.covers, found.size, found.proven
    (((0, 1), (0, 2)), 2, True)
    """

    covers: tuple[tuple[int, ...], ...]
    capped: bool
    total: int | None = None
    lower_bound: int | None = None
    stopped: str | None = None

    @property
    def size(self) -> int | None:
        """Number of implicants in the best covers found (None when none was found)."""
        return len(self.covers[0]) if self.covers else None

    @property
    def proven(self) -> bool:
        """Whether the covers listed are proven to have the fewest implicants possible."""
        return self.size is not None and (self.lower_bound is None or self.lower_bound >= self.size)

    @property
    def gap(self) -> int | None:
        """Best size found minus the proven lower bound (0: minimum proven; None: nothing found)."""
        if self.size is None:
            return None
        return 0 if self.lower_bound is None else max(0, self.size - self.lower_bound)


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


def _relabel(rowsets: list[int], rows: int) -> list[int]:
    """Each row set cut to ``rows`` and renumbered so that the rows of ``rows`` become 0, 1, 2, ..."""
    index = {j: t for t, j in enumerate(_iter_bits(rows))}
    out = []
    for rs in rowsets:
        b = 0
        for j in _iter_bits(rs & rows):
            b |= 1 << index[j]
        out.append(b)
    return out


def _transpose(col_rows: list[int], n_rows: int, tick: Callable[[], None] | None = None) -> list[int]:
    """Row by row, the bit set of the columns covering it."""
    row_cols = [0] * n_rows
    for i, b in enumerate(col_rows):
        if tick is not None and not i & 0xFFF:
            tick()
        for t in _iter_bits(b):
            row_cols[t] |= 1 << i
    return row_cols


def _drop_dominating_rows(row_cols: dict[int, int], col_rows: list[int], active: int) -> int:
    """Row dominance: ``active`` without each row b whose columns include all of another active row's.

    Covering the other row covers b, so b can go without changing any
    minimal cover.
    """
    for a in sorted(row_cols, key=lambda j: row_cols[j].bit_count()):
        if not active >> a & 1:
            continue
        ca = row_cols[a]
        rarest = min(_iter_bits(ca), key=lambda c: col_rows[c].bit_count())
        for b in _iter_bits(col_rows[rarest] & active):
            if b != a and not ca & ~row_cols[b]:
                active &= ~(1 << b)
    return active


def _search(
    pi_rows: list[int],
    row_pis: list[int],
    leaf: Callable[[int, int], bool],
    bound: Callable[[int, int, int], bool] | None = None,
    tick: Callable[[], None] | None = None,
    admit: Callable[[int, int], bool] | None = None,
) -> None:
    """Depth-first search over covers; ``leaf(chosen, size)`` returns False to stop.

    ``admit(chosen, i)``, when given, may refuse to add implicant ``i`` to
    ``chosen``: no cover containing both is then visited (``i`` is still
    excluded from the later branches, as usual).
    """
    n_rows = len(row_pis)
    full = (1 << n_rows) - 1
    stop = False

    def rec(chosen: int, size: int, covered: int, excluded: int) -> None:
        nonlocal stop
        if stop:
            return
        if tick is not None:
            tick()
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
            if admit is None or admit(chosen, i):
                rec(chosen | (1 << i), size + 1, covered | pi_rows[i], excluded | tried)
            tried |= 1 << i
            if stop:
                return

    rec(0, 0, 0, 0)


def _reaches(row_pis: list[int]) -> Callable[[int, int, int, int], bool]:
    """``reaches(size, uncov, excluded, limit)``: does ``size`` plus a lower bound reach ``limit``?

    The bound counts rows with pairwise disjoint candidate sets, taking
    rows in a fixed order (fewest candidates in the whole chart first) and
    stopping as soon as the limit is reached.
    """
    order = sorted(range(len(row_pis)), key=lambda j: row_pis[j].bit_count())

    def reaches(size: int, uncov: int, excluded: int, limit: int) -> bool:
        if size >= limit:
            return True
        used = 0
        keep = ~excluded
        for j in order:
            if uncov >> j & 1:
                c = row_pis[j] & keep
                if not c & used:
                    used |= c
                    size += 1
                    if size >= limit:
                        return True
        return False

    return reaches


def _as_tuple(chosen: int) -> tuple[int, ...]:
    return tuple(_iter_bits(chosen))


def _cells_of(chart: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    pi, row = np.nonzero(np.asarray(chart, dtype=bool))
    return pi.astype(np.int64), row.astype(np.int64)


def minimal_covers(
    chart: np.ndarray,
    max_solutions: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Covers:
    """Every cover of the chart with the fewest implicants.

    Parameters
    ----------
    chart : numpy.ndarray
        Boolean, implicants by rows.
    max_solutions : int, optional
        Stop after this many covers (``Covers.capped`` then says so).
    progress : callable, optional
        ``progress(stage, done, total)`` during the search (``total`` 0
        when unknown); an exception it raises stops the search.

    Examples
    --------
    >>> import numpy as np
    >>> chart = np.array([[1, 1, 0], [0, 1, 1], [1, 0, 1], [0, 0, 1]], dtype=bool)
    >>> minimal_covers(chart).covers
    ((0, 1), (0, 2), (0, 3), (1, 2))
    """
    chart = np.asarray(chart, dtype=bool)
    if chart.shape[1] == 0:
        return Covers(((),), False, 1)
    pi, row = _cells_of(chart)
    return minimal_covers_cells(pi, row, chart.shape, max_solutions=max_solutions, progress=progress)


def minimal_covers_cells(
    pi: np.ndarray,
    row: np.ndarray,
    shape: tuple[int, int],
    *,
    max_solutions: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    time_limit: float | None = None,
) -> Covers:
    """:func:`minimal_covers` of a chart given as its true cells (implicant ``pi[t]`` covers row ``row[t]``).

    The search works on a reduced chart, with steps that keep every
    minimal cover:

    1. implicants covering the same rows form one column (any one of them
       can stand in a cover; the covers multiply out at the end);
    2. a row with one column makes that column essential;
    3. a row whose columns include all of another row's is dropped (row
       dominance: covering the other covers it);
    4. columns left covering nothing are dropped, and columns that now
       cover the same rows merge (repeat 2-4 until nothing changes);
    5. what is left splits into independent blocks of rows; each block's
       minimal covers are found by branch and bound (first its optimum,
       then every cover of that size), and the blocks multiply out. A
       branch is kept only if the exact optimum of the rows it leaves
       is one less;
    6. once at most ``SMALL_SIZE`` columns are left to choose over at most
       64 rows, the search runs on one ``uint64`` per column with numpy.

    Column dominance is not used: it would lose tied covers.

    Step 5 starts from the optimum, found first by an anytime search (see
    :func:`anytime_optimum`): with ``time_limit`` (seconds), Ctrl-C or
    an exception from ``progress``... no: Ctrl-C and the time limit end
    the search early with the best cover found so far, its proven lower
    bound (``Covers.lower_bound``) and ``Covers.stopped`` saying why. An
    exception raised by ``progress`` is raised again.

    Examples
    --------
    >>> import numpy as np
    >>> res = minimal_covers_cells(np.array([0, 1, 2, 3, 4]), np.array([0, 0, 1, 1, 2]), (5, 3))
    >>> res.covers, res.total
    (((0, 2, 4), (0, 3, 4), (1, 2, 4), (1, 3, 4)), 4)
    >>> minimal_covers_cells(np.array([0, 1, 2, 3, 4]), np.array([0, 0, 1, 1, 2]), (5, 3),
    ...                      max_solutions=2)
    Covers(covers=((0, 2, 4), (1, 2, 4)), capped=True, total=4, lower_bound=None, stopped=None)
    """
    n_pi, n_rows = int(shape[0]), int(shape[1])
    if n_rows == 0:
        return Covers(((),), False, 1)
    pi = np.asarray(pi, dtype=np.int64)
    row = np.asarray(row, dtype=np.int64)
    covered = np.zeros(n_rows, dtype=bool)
    covered[row] = True
    if not covered.all():
        raise QCAError(f"rows {np.flatnonzero(~covered).tolist()} of the chart are covered by no implicant")
    deadline = None if time_limit is None else time.monotonic() + float(time_limit)
    members, col_rows = _column_classes(pi, row, n_pi, n_rows)
    weight = [len(m) for m in members]
    ctx = _Context(progress, weight, deadline)
    # 1. the optimum, anytime: a cover and a proven lower bound at every moment
    best = _anytime_optimum(col_rows, n_rows, ctx)
    if best.stopped is None:
        # 2. every cover of that size
        cols = [((g,), rs) for g, rs in enumerate(col_rows)]
        limit = None if max_solutions is None else max_solutions + 1  # one more proves there are more
        try:
            if max_solutions is None:
                lazy = _enumerate_blocks(cols, (1 << n_rows) - 1, ctx, best.size, members)
                if lazy is not None:
                    return lazy
            found, complete = _enumerate(cols, (1 << n_rows) - 1, limit, ctx, known=best.size)
        except (_OutOfTime, KeyboardInterrupt) as exc:
            best.stopped = "time limit" if isinstance(exc, _OutOfTime) else "interrupted"
        else:
            return _expand_covers(found, complete, members, weight, max_solutions)
    # cut short: the best cover found, as it is
    found = [tuple((g,) for g in best.cover)]
    out = _expand_covers(found, False, members, weight, max_solutions)
    return Covers(out.covers, True, None, lower_bound=best.lower, stopped=best.stopped)


#: more minimal covers than this are not listed up front: ``Covers.covers`` is then a lazy :class:`CoverSequence`
MATERIALIZE = 100_000


def _enumerate_blocks(cols, act: int, ctx: "_Context", known: int, members: list[list[int]]) -> "Covers | None":
    """Every minimum cover, counted exactly, and listed lazily when there are more than ``MATERIALIZE``.

    Independent blocks are enumerated one by one and multiply out (so do
    interchangeable implicants); nothing is multiplied out up front.
    """
    simple = _simplify(cols, act, ctx)
    if simple is None:  # pragma: no cover - the chart has a cover
        return None
    cols2, act2, chosen = simple
    blocks = _blocks(act2, [rs for _, rs in cols2]) if act2 else []
    results = []
    for block in blocks:
        sub_cols = [cols2[c] for c in block]
        sub_act = 0
        for _, rs in sub_cols:
            sub_act |= rs
        found, _ = _enumerate(sub_cols, sub_act & act2, None, ctx,
                              known=known - len(chosen) if len(blocks) == 1 else None)
        results.append(found)
    seq = CoverSequence(tuple(chosen), results, members)
    if len(seq.fixed) + sum(min(len(f) for f in r) for r in results) != known:  # pragma: no cover
        return None  # a safety net: the blocks' optima must add up to the known optimum
    if len(seq) <= MATERIALIZE:
        return Covers(tuple(sorted(seq)), False, len(seq))
    return Covers(seq, False, len(seq))


class CoverSequence(Sequence):
    """Minimal covers listed lazily: counted exactly, each built only when asked for.

    The covers are every choice of one implicant per essential bundle
    (interchangeable implicants), times, for each independent block of
    the chart, one of its minimal covers with one implicant per bundle.
    ``len()`` is exact; ``seq[i]`` builds the ``i``-th cover (a sorted
    tuple of implicant indices) in mixed-radix order; iterating builds
    them one at a time, so the first hundred do not wait for the last.

    Examples
    --------
    >>> seq = CoverSequence(((0,),), [[((1,), (2,))], [((3,),), ((4,),)]], [[0], [1, 5], [2], [3], [4]])
    >>> len(seq), seq[0], list(seq)
    (4, (0, 1, 2, 3), [(0, 1, 2, 3), (0, 1, 2, 4), (0, 2, 3, 5), (0, 2, 4, 5)])
    """

    def __init__(self, fixed: tuple, blocks: list, members: list[list[int]]):
        self.fixed = fixed
        self._pools = [sorted(i for g in bundle for i in members[g]) for bundle in fixed]
        self._blocks = []
        for found in blocks:
            alts = []
            for cover in found:
                pools = [sorted(i for g in bundle for i in members[g]) for bundle in cover]
                n = 1
                for p in pools:
                    n *= len(p)
                alts.append((pools, n))
            starts = list(itertools.accumulate((n for _, n in alts), initial=0))
            self._blocks.append((alts, starts))
        n = 1
        for p in self._pools:
            n *= len(p)
        for _, starts in self._blocks:
            n *= starts[-1]
        self._len = n

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._len))]
        i = int(index)
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError("cover index out of range")
        picked: list[int] = []
        # the last factor varies fastest
        for alts, starts in reversed(self._blocks):
            i, d = divmod(i, starts[-1])
            a = bisect.bisect_right(starts, d) - 1
            pools, _ = alts[a]
            d -= starts[a]
            for pool in reversed(pools):
                d, e = divmod(d, len(pool))
                picked.append(pool[e])
        for pool in reversed(self._pools):
            i, e = divmod(i, len(pool))
            picked.append(pool[e])
        return tuple(sorted(picked))

    def __iter__(self):
        for i in range(self._len):
            yield self[i]

    def common(self) -> set[int]:
        """Implicants in every cover (without listing the covers)."""
        out = {p[0] for p in self._pools if len(p) == 1}
        for alts, _ in self._blocks:
            sets = [{p[0] for p in pools if len(p) == 1} for pools, _ in alts]
            out |= set.intersection(*sets) if sets else set()
        return out

    def __eq__(self, other) -> bool:
        if isinstance(other, (CoverSequence, tuple, list)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        head = ", ".join(repr(self[i]) for i in range(min(3, self._len)))
        return f"CoverSequence({self._len} covers: {head}, ...)"


def _expand_covers(found, complete: bool, members: list[list[int]], weight: list[int],
                   max_solutions: int | None) -> Covers:
    """Covers of column classes (bundles) multiplied out into covers of implicants."""
    out: list[tuple[int, ...]] = []
    total = sum(_cover_weight(c, weight) for c in found) if complete else None
    for cover in found:
        pools = [[i for g in bundle for i in members[g]] for bundle in cover]
        for picked in itertools.product(*pools):
            out.append(tuple(sorted(picked)))
            if max_solutions is not None and len(out) >= max_solutions:
                break
        if max_solutions is not None and len(out) >= max_solutions:
            break
    capped = total is None or total > len(out)
    return Covers(tuple(sorted(out)), capped, total)


class _OutOfTime(Exception):
    """The deadline passed."""


class _Best:
    """The anytime optimum: a cover (column classes), its size, a proven lower bound, why it stopped."""

    def __init__(self, cover: list[int], lower: int, stopped: str | None):
        self.cover = cover
        self.lower = lower
        self.stopped = stopped

    @property
    def size(self) -> int:
        return len(self.cover)


Bundle = tuple[int, ...]  # interchangeable column classes (they cover the same rows that are left)


class _Context:
    def __init__(self, progress, weight: list[int], deadline: float | None = None):
        self.progress = progress
        self.weight = weight
        self.deadline = deadline
        self.nodes = 0
        self.cache: dict = {}
        self.incumbent: int | None = None  # best cover size known (whole chart)
        self.bound: int | None = None  # proven lower bound (whole chart)
        self.partial = None  # a block's (cover, bound) when its optimum was cut short
        self.others = None  # while one block is solved: (cover size, bound) of everything else
        self.with_info = _takes_info(progress)

    def tick(self) -> None:
        self.nodes += 1
        if not self.nodes & 0xFF:
            self.check()

    def report(self) -> None:
        if self.progress is None:
            return
        if self.with_info:
            self.progress("chart search", self.nodes, 0,
                          {"incumbent": self.incumbent, "bound": self.bound, "nodes": self.nodes})
        else:
            self.progress("chart search", self.nodes, 0)

    def check(self) -> None:
        """Report progress; raise :class:`_OutOfTime` past the deadline."""
        self.report()
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise _OutOfTime

    def poll(self, info: dict) -> None:
        """Progress while HiGHS works (``info`` from :func:`qca.milp.solve_cover`)."""
        self.nodes += 1
        if self.others is not None:
            inc, low = self.others
            if info.get("incumbent") is not None and np.isfinite(info["incumbent"]):
                self.incumbent = min(self.incumbent or 1 << 30, inc + int(round(info["incumbent"])))
            if info.get("bound") is not None and np.isfinite(info["bound"]):
                self.bound = max(self.bound or 0, low + int(np.ceil(info["bound"] - 1e-6)))
        self.report()


def _takes_info(progress) -> bool:
    """Whether ``progress`` accepts a fourth argument (the search's incumbent, bound and nodes)."""
    if progress is None:
        return False
    import inspect

    try:
        params = list(inspect.signature(progress).parameters.values())
    except (TypeError, ValueError):
        return False
    if any(p.kind == p.VAR_POSITIONAL for p in params):
        return True
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return len(positional) >= 4


def _cover_weight(cover, weight) -> int:
    out = 1
    for bundle in cover:
        out *= sum(weight[g] for g in bundle)
    return out


def _simplify(cols: list[tuple[Bundle, int]], act: int, ctx: _Context):
    """Exact reductions: merge equal columns, take essential ones, drop dominating rows.

    Returns (columns left, rows left, essential bundles) or None when some
    row can no longer be covered.
    """
    chosen: list[Bundle] = []
    while True:
        ctx.tick()
        merged: dict[int, list[int]] = {}
        for bundle, rs in cols:
            rs &= act
            if rs:
                merged.setdefault(rs, []).extend(bundle)
        cols = [(tuple(sorted(b)), rs) for rs, b in merged.items()]
        if not act:
            return [], 0, chosen
        row_cols: dict[int, int] = {}
        for c, (_, rs) in enumerate(cols):
            for j in _iter_bits(rs):
                row_cols[j] = row_cols.get(j, 0) | (1 << c)
        reach = 0
        for j in row_cols:
            reach |= 1 << j
        if act & ~reach:
            return None
        changed = False
        for j, cs in row_cols.items():
            if cs.bit_count() == 1 and act >> j & 1:
                bundle, rs = cols[cs.bit_length() - 1]
                if rs & act:
                    chosen.append(bundle)
                    act &= ~rs
                    changed = True
        if changed:
            continue
        kept = _drop_dominating_rows(row_cols, [rs for _, rs in cols], act)
        if kept == act:
            return cols, act, chosen
        act = kept


def _opt(cols: list[tuple[Bundle, int]], act: int, ctx: _Context) -> int:
    """Minimum number of columns covering ``act`` (cached)."""
    rowsets = sorted({rs & act for _, rs in cols if rs & act})
    key = (act, tuple(rowsets))
    hit = ctx.cache.get(key)
    if hit is None:
        hit = _optimum(_relabel(rowsets, act), act.bit_count(), ctx)
        ctx.cache[key] = hit
    return hit


def _disjoint_bound(cols: list[tuple[Bundle, int]], act: int) -> int:
    """Cheap lower bound: rows with pairwise disjoint column sets, fewest columns first."""
    row_cols: dict[int, int] = {}
    for c, (_, rs) in enumerate(cols):
        for j in _iter_bits(rs & act):
            row_cols[j] = row_cols.get(j, 0) | (1 << c)
    used = 0
    count = 0
    for j in sorted(row_cols, key=lambda j: row_cols[j].bit_count()):
        if not row_cols[j] & used:
            used |= row_cols[j]
            count += 1
    return count


def _enumerate(cols: list[tuple[Bundle, int]], act: int, limit: int | None, ctx: _Context,
               known: int | None = None):
    """Every minimum cover of ``act`` by ``cols``, as lists of bundles; and whether the list is complete.

    ``limit`` bounds the number of concrete covers (bundles multiplied out);
    ``known`` is the optimum of the problem as given, when the caller knows it.
    """
    simple = _simplify(cols, act, ctx)
    if simple is None:
        return [], True
    cols, act, chosen = simple
    if not act:
        return [tuple(chosen)], True
    blocks = _blocks(act, [rs for _, rs in cols])
    if len(blocks) > 1:
        results = []
        complete = True
        for block in blocks:
            sub_cols = [cols[c] for c in block]
            sub_act = 0
            for _, rs in sub_cols:
                sub_act |= rs
            found, comp = _enumerate(sub_cols, sub_act & act, limit, ctx)
            results.append(found)
            complete &= comp
        out = []
        count = 0
        for combo in itertools.product(*results):
            cover = tuple(chosen) + tuple(b for part in combo for b in part)
            out.append(cover)
            count += _cover_weight(cover, ctx.weight)
            if limit is not None and count >= limit:
                return out, False
        return out, complete
    best = known - len(chosen) if known is not None else _opt(cols, act, ctx)
    if best <= SMALL_SIZE and act.bit_count() <= SMALL_ROWS:
        return _enumerate_small(cols, act, best, tuple(chosen), limit, ctx)
    # branch on the row with the fewest columns; earlier candidates are excluded from later branches
    row_cols: dict[int, list[int]] = {}
    for c, (_, rs) in enumerate(cols):
        for j in _iter_bits(rs & act):
            row_cols.setdefault(j, []).append(c)
    pivot = min(row_cols, key=lambda j: (len(row_cols[j]), j))
    out = []
    count = 0
    tried: set[int] = set()
    for c in row_cols[pivot]:
        bundle, rs = cols[c]
        rest_act = act & ~rs
        rest = [col for i, col in enumerate(cols) if i != c and i not in tried]
        tried.add(c)
        if rest_act:
            reach = 0
            for _, r2 in rest:
                reach |= r2
            if rest_act & ~reach or _disjoint_bound(rest, rest_act) + 1 > best:
                continue
            rest_opt = _opt(rest, rest_act, ctx)
            if 1 + rest_opt > best:
                continue
            sub_limit = None if limit is None else max(1, -(-(limit - count) // max(1, sum(ctx.weight[g] for g in bundle))))
            found, comp = _enumerate(rest, rest_act, sub_limit, ctx, rest_opt)
        else:
            if best != 1:
                continue
            found, comp = [()], True
        for f in found:
            cover = tuple(chosen) + (bundle,) + f
            out.append(cover)
            count += _cover_weight(cover, ctx.weight)
            if limit is not None and count >= limit:
                return out, False
        if not comp:
            return out, False
    return out, True


#: blocks with at most this many rows left are enumerated on packed ``uint64`` rows
SMALL_ROWS = 64
#: ... when at most this many columns are still to choose (above it, the optimum of each branch prunes better)
SMALL_SIZE = 4
_SHIFTS = np.arange(64, dtype=np.uint64)


def _enumerate_small(cols: list[tuple[Bundle, int]], act: int, size: int, chosen: tuple[Bundle, ...],
                     limit: int | None, ctx: _Context) -> tuple[list[tuple[Bundle, ...]], bool]:
    """Every cover of ``act`` (at most 64 rows) by exactly ``size`` columns, ``size`` being the optimum.

    Each row set is one ``uint64``, so every step is a numpy pass over the
    columns. At each node the columns still allowed are cut down to the
    rows left and those now equal merge into one bundle; the search
    branches on the bundles covering the row with the fewest, each branch
    excluding the bundles before it (so every cover is met once). A node
    is dropped when its ``r`` largest columns cannot reach its rows; one
    column left is a lookup, two a vectorised search for the partner of
    each column of the rarest row.
    """
    local = np.array(_relabel([rs for _, rs in cols], act), dtype=np.uint64)
    out: list[tuple[Bundle, ...]] = []
    count = 0
    one = np.uint64(1)

    def bundle(members: np.ndarray) -> Bundle:
        return tuple(sorted(g for c in members.tolist() for g in cols[c][0]))

    def emit(parts: tuple[np.ndarray, ...], head: tuple[Bundle, ...]) -> bool:
        nonlocal count
        cover = chosen + head + tuple(bundle(m) for m in parts)
        out.append(cover)
        count += _cover_weight(cover, ctx.weight)
        return limit is not None and count >= limit

    def rec(head: tuple[Bundle, ...], rows: int, r: int, alive: np.ndarray) -> bool:
        ctx.tick()
        want = np.uint64(rows)
        v = local[alive] & want
        nz = v != 0
        alive, v = alive[nz], v[nz]
        if not len(v):
            return False
        uniq, inv = np.unique(v, return_inverse=True)
        inv = inv.reshape(-1)
        if r == 1:
            for h in np.flatnonzero(uniq == want):
                if emit((alive[inv == h],), head):
                    return True
            return False
        cov = popcount(uniq)
        top = np.partition(cov, len(cov) - r)[len(cov) - r:] if len(cov) > r else cov
        if int(top.sum()) < rows.bit_count():
            return False
        nb = rows.bit_length()
        bits = ((uniq[:, None] >> _SHIFTS[None, :nb]) & one).astype(bool)
        counts = bits.sum(axis=0)
        pivot = min(_iter_bits(rows), key=lambda j: counts[j])
        first = np.flatnonzero(bits[:, pivot])
        if r == 2:
            need = want & ~uniq[first]
            fits = (uniq[None, :] & need[:, None]) == need[:, None]
            position = np.full(len(uniq), len(first) + 1)
            position[first] = np.arange(len(first))
            fits &= position[None, :] > np.arange(len(first))[:, None]  # partners covering the pivot come later
            for t, u in zip(*np.nonzero(fits)):
                if emit((alive[inv == first[t]], alive[inv == u]), head):
                    return True
            return False
        # every child at once: can its r - 1 largest allowed columns still reach the rows it has left?
        left = want & ~uniq[first]
        reach = popcount(uniq[None, :] & left[:, None])
        position = np.full(len(uniq), len(first) + 1)
        position[first] = np.arange(len(first))
        reach[position[None, :] <= np.arange(len(first))[:, None]] = 0  # excluded in that branch
        if reach.shape[1] > r - 1:
            reach = np.partition(reach, reach.shape[1] - (r - 1), axis=1)[:, reach.shape[1] - (r - 1):]
        hopeful = reach.sum(axis=1) >= popcount(left)
        dead = np.zeros(len(uniq), dtype=bool)
        for t, a in enumerate(first):
            dead[a] = True
            if hopeful[t] and rec(head + (bundle(alive[inv == a]),), rows & ~int(uniq[a]), r - 1,
                                  alive[~dead[inv]]):
                return True
        return False

    if size == 0:
        return ([chosen], True) if not act else ([], True)
    full = (1 << act.bit_count()) - 1
    stopped = rec((), full, size, np.arange(len(cols)))
    return out, not stopped


def _column_classes(pi: np.ndarray, row: np.ndarray, n_pi: int, n_rows: int) -> tuple[list[list[int]], list[int]]:
    """Group implicants by the rows they cover: members per class and each class's rows as a bit set.

    Implicants covering no row are left out (they are in no minimal cover).
    """
    order = np.lexsort((row, pi))
    pi, row = pi[order], row[order]
    keep = np.ones(len(pi), dtype=bool)
    keep[1:] = (pi[1:] != pi[:-1]) | (row[1:] != row[:-1])
    pi, row = pi[keep], row[keep]
    starts = np.flatnonzero(np.r_[True, pi[1:] != pi[:-1]])
    owners = pi[starts]
    counts = np.diff(np.r_[starts, len(pi)])
    rng = np.random.default_rng(20180)
    r1 = rng.integers(0, 1 << 63, size=n_rows, dtype=np.uint64)
    r2 = rng.integers(0, 1 << 63, size=n_rows, dtype=np.uint64)
    h1 = np.add.reduceat(r1[row], starts)
    h2 = np.bitwise_xor.reduceat(r2[row], starts)
    by = np.lexsort((owners, counts, h2, h1))
    new = np.ones(len(by), dtype=bool)
    new[1:] = (h1[by][1:] != h1[by][:-1]) | (h2[by][1:] != h2[by][:-1]) | (counts[by][1:] != counts[by][:-1])
    cls_sorted = np.cumsum(new) - 1
    cls = np.empty(len(by), dtype=np.int64)
    cls[by] = cls_sorted
    rep = by[new]  # first (lowest) implicant position of each class
    # verify: every implicant's rows equal its representative's (hash collisions)
    pos_in = np.arange(len(pi)) - np.repeat(starts, counts)
    rep_of_cell = np.repeat(rep[cls], counts)
    if not np.array_equal(row, row[starts[rep_of_cell] + pos_in]):
        return _column_classes_exact(pi, row, starts, counts, owners, n_rows)
    n_cls = len(rep)
    members: list[list[int]] = [[] for _ in range(n_cls)]
    for o, c in zip(owners.tolist(), cls.tolist()):
        members[c].append(o)
    col_rows = _row_bitsets([row[starts[r]:starts[r] + counts[r]] for r in rep.tolist()], n_rows)
    return members, col_rows


def _column_classes_exact(pi, row, starts, counts, owners, n_rows):
    seen: dict[tuple[int, ...], int] = {}
    members: list[list[int]] = []
    rows_of: list[np.ndarray] = []
    for s, c, o in zip(starts.tolist(), counts.tolist(), owners.tolist()):
        key = tuple(row[s:s + c].tolist())
        if key not in seen:
            seen[key] = len(members)
            members.append([])
            rows_of.append(row[s:s + c])
        members[seen[key]].append(o)
    return members, _row_bitsets(rows_of, n_rows)


def _row_bitsets(row_lists: list[np.ndarray], n_rows: int) -> list[int]:
    """Python-int bit sets from lists of row indices, built in blocks with packbits."""
    out: list[int] = []
    step = max(1, (1 << 24) // max(1, n_rows))
    for s in range(0, len(row_lists), step):
        part = row_lists[s:s + step]
        dense = np.zeros((len(part), n_rows), dtype=bool)
        lens = [len(x) for x in part]
        if part:
            dense[np.repeat(np.arange(len(part)), lens), np.concatenate(part)] = True
        packed = np.packbits(dense, axis=1, bitorder="little")
        out.extend(int.from_bytes(b, "little") for b in map(bytes, packed))
    return out


def _blocks(active: int, col_rows: list[int]) -> list[list[int]]:
    """Columns split into independent blocks (connected through shared active rows)."""
    cols = [g for g, rs in enumerate(col_rows) if rs & active]
    parent = {g: g for g in cols}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    owner: dict[int, int] = {}
    for g in cols:
        for j in _iter_bits(col_rows[g] & active):
            o = owner.get(j)
            if o is None:
                owner[j] = g
            else:
                ra, rb = find(o), find(g)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
    out: dict[int, list[int]] = {}
    for g in cols:
        out.setdefault(find(g), []).append(g)
    return [out[r] for r in sorted(out)]


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

    def keeps_every_member_needed(chosen: int, new: int) -> bool:
        # redundancy only grows as implicants are added, so a set in which some
        # member covers no row of its own can never become an irredundant cover
        members = [*_iter_bits(chosen), new]
        for i in members:
            others = 0
            for j in members:
                if j != i:
                    others |= pi_rows[j]
            if not pi_rows[i] & ~others:
                return False
        return True

    _search(pi_rows, row_pis, leaf, admit=keeps_every_member_needed)
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


def cyclic_core(pi_rows: list[int], n_rows: int, tick: Callable[[], None] = lambda: None) -> tuple[list[int], int, int]:
    """The chart's cyclic core for its optimum: essentials, row and column dominance until nothing changes.

    Column dominance (drop a column whose rows another column also covers)
    keeps the optimum though not every optimal cover, so the core serves
    the optimum only. Returns ``(columns, rows left, columns forced)``:
    the columns as row bit sets (restricted to the rows left), and the
    optimum is ``forced`` plus the optimum of the core.

    Examples
    --------
    >>> cols, rows, forced = cyclic_core([0b011, 0b110, 0b100], 3)
    >>> cols, rows, forced
    ([], 0, 2)
    >>> cyclic_core([0b011, 0b110, 0b101], 3)
    ([3, 6, 5], 7, 0)
    """
    cols, origin, active, forced = _core_with_origins(pi_rows, n_rows, tick)
    return cols, active, len(forced)


def _core_with_origins(pi_rows: list[int], n_rows: int, tick: Callable[[], None]):
    """:func:`cyclic_core`, also naming for each core column and each forced one a column of ``pi_rows``.

    Returns ``(columns, origin, rows left, forced)``: a cover of the core
    by columns ``c`` plus the columns ``forced`` gives, through
    ``origin[c]``, a cover of the whole chart of the same optimum size.
    """
    active = (1 << n_rows) - 1
    origin_of: dict[int, int] = {}
    for i, rs in enumerate(pi_rows):
        if rs and rs not in origin_of:
            origin_of[rs] = i
    cols = list(origin_of)
    origin = [origin_of[rs] for rs in cols]
    forced: list[int] = []
    while active:
        merged: dict[int, int] = {}
        for rs, o in zip(cols, origin):
            r = rs & active
            if r and r not in merged:
                merged[r] = o
        # column dominance: keep the columns not strictly inside another
        order = sorted(merged, key=lambda rs: -rs.bit_count())
        row_cols: dict[int, list[int]] = {}
        kept: list[int] = []
        kept_origin: list[int] = []
        for rs in order:
            tick()
            j = next(_iter_bits(rs))
            if any(not rs & ~kept[c] for c in row_cols.get(j, ())):
                continue
            for jj in _iter_bits(rs):
                row_cols.setdefault(jj, []).append(len(kept))
            kept.append(rs)
            kept_origin.append(merged[rs])
        changed = len(kept) < len(cols)
        cols, origin = kept, kept_origin
        tick()
        rc = {j: sum(1 << c for c in cs) for j, cs in row_cols.items()}
        for j, cs in rc.items():
            if cs.bit_count() == 1 and active >> j & 1:
                c = cs.bit_length() - 1
                if cols[c] & active:
                    forced.append(origin[c])
                    active &= ~cols[c]
                    changed = True
        if changed:
            continue
        kept_rows = _drop_dominating_rows(rc, cols, active)
        if kept_rows == active:
            break
        active = kept_rows
    pairs = [(rs & active, o) for rs, o in zip(cols, origin) if rs & active]
    return [p[0] for p in pairs], [p[1] for p in pairs], active, forced


def _first_fit_cover(col_rows: list[int], rows: int) -> list[int]:
    """A cover of ``rows`` in one pass: columns by decreasing size, each taken if it covers a row still left."""
    chosen: list[int] = []
    left = rows
    for i in sorted(range(len(col_rows)), key=lambda i: -(col_rows[i] & rows).bit_count()):
        if col_rows[i] & left:
            chosen.append(i)
            left &= ~col_rows[i]
            if not left:
                break
    return chosen


def _greedy_cover(col_rows: list[int], rows: int, tick: Callable[[], None] | None = None) -> list[int]:
    """A cover of ``rows`` (greedy: most new rows first, then drop redundant columns), as column indices."""
    chosen: list[int] = []
    left = rows
    alive = [i for i, rs in enumerate(col_rows) if rs & rows]
    while left:
        if tick is not None:
            tick()
        best = max(alive, key=lambda i: (col_rows[i] & left).bit_count())
        chosen.append(best)
        left &= ~col_rows[best]
        alive = [i for i in alive if col_rows[i] & left]
    for i in sorted(chosen, key=lambda i: (col_rows[i] & rows).bit_count()):
        others = 0
        for c in chosen:
            if c != i:
                others |= col_rows[c]
        if not rows & ~others:
            chosen.remove(i)
    return chosen


def _bits_array(rs: int) -> np.ndarray:
    """The set bits of ``rs`` as an array of indices."""
    raw = np.frombuffer(rs.to_bytes((rs.bit_length() + 7) // 8 or 1, "little"), dtype=np.uint8)
    return np.flatnonzero(np.unpackbits(raw, bitorder="little"))


def _disjoint_rows(col_rows: list[int], n_rows: int, tick: Callable[[], None] | None = None) -> int:
    """Lower bound on a cover: rows whose column sets are pairwise disjoint (fewest columns first)."""
    row_cols = _transpose(col_rows, n_rows, tick)
    used = 0
    count = 0
    for cs in sorted(row_cols, key=int.bit_count):
        if not cs & used:
            used |= cs
            count += 1
    return count


def _stop_reason(exc: BaseException) -> str:
    return "time limit" if isinstance(exc, _OutOfTime) else "interrupted"


def _anytime_optimum(col_rows: list[int], n_rows: int, ctx: _Context) -> _Best:
    """A minimum cover of the chart (column indices), found so that a stop leaves the best so far.

    The cyclic core's blocks each get a greedy cover and a cheap lower
    bound first; then each block's optimum is proven, by branch and bound
    (small blocks) or HiGHS (big ones, started from the greedy cover). A
    time limit or Ctrl-C ends the proof: every block keeps its best cover
    and its bound, and the sum of the bounds is the proven lower bound.
    """
    full = (1 << n_rows) - 1
    parts = []  # per block: local columns, row count, cover (local indices), lower bound, core column ids
    huge = len(col_rows) > CORE_MAX_COLUMNS
    try:
        if huge:
            # the pure-Python cyclic core would take most of the time (k = 16 benchmark chart: 76,747
            # columns, over 30 s): the whole chart goes to the LP, local search and HiGHS as one block
            cols, origin, active, forced = list(col_rows), list(range(len(col_rows))), full, []
            blocks = [list(range(len(cols)))]
        else:
            cols, origin, active, forced = _core_with_origins(col_rows, n_rows, ctx.tick)
            blocks = _blocks(active, cols)
        for block in blocks:
            rows_union = 0
            for c in block:
                rows_union |= cols[c]
            p_rows = ([cols[c] for c in block] if rows_union == full
                      else _relabel([cols[c] for c in block], rows_union))
            nb = rows_union.bit_count()
            tick = ctx.check if huge else None  # minutes of Python on a chart this big: watch the clock
            parts.append([p_rows, nb, _greedy_cover(p_rows, (1 << nb) - 1, tick), _disjoint_rows(p_rows, nb, tick),
                          block])
    except (_OutOfTime, KeyboardInterrupt) as exc:
        if huge:  # no time for a greedy cover of the whole chart
            return _Best(_first_fit_cover(col_rows, full), 1, _stop_reason(exc))
        return _Best(_greedy_cover(col_rows, full), _disjoint_rows(col_rows, n_rows), _stop_reason(exc))

    def totals() -> tuple[int, int]:
        return len(forced) + sum(len(p[2]) for p in parts), len(forced) + sum(p[3] for p in parts)

    ctx.incumbent, ctx.bound = totals()
    stopped = None
    try:
        for part in sorted(parts, key=lambda p: p[1]):
            p_rows, nb, cover, lower, _ = part
            if lower >= len(cover):
                continue
            ctx.partial = None
            inc_all, low_all = totals()
            ctx.others = (inc_all - len(cover), low_all - lower)
            try:
                cover, lower = _block_optimum(p_rows, nb, cover, lower, ctx)
            except (_OutOfTime, KeyboardInterrupt):
                if ctx.partial is not None:
                    part[2], part[3] = ctx.partial
                raise
            part[2], part[3] = cover, lower
            ctx.incumbent, ctx.bound = totals()
            ctx.others = None
    except (_OutOfTime, KeyboardInterrupt) as exc:
        stopped = _stop_reason(exc)
    ctx.others = None
    cover = list(forced)
    for p_rows, nb, local, lower, block in parts:
        cover.extend(origin[block[i]] for i in local)
    cover = sorted(set(cover))
    got = 0
    for g in cover:
        got |= col_rows[g]
    if got != full:  # pragma: no cover - the reductions keep covers; a safety net
        cover = _greedy_cover(col_rows, full)
    _, lower = totals()
    return _Best(cover, min(lower, len(cover)), stopped)


def _block_optimum(p_rows: list[int], nb: int, cover: list[int], lower: int, ctx: _Context):
    """Optimum of one core block, improving ``cover`` and ``lower`` as it goes.

    Raises ``_OutOfTime`` or KeyboardInterrupt with the improvements kept
    in place: on a stop the caller reads them back through ``ctx.partial``.
    """
    if nb > MILP_DIRECT_ROWS:
        return _block_milp(p_rows, nb, cover, lower, ctx)
    r_pis = _transpose(p_rows, nb)
    reaches = _reaches(r_pis)
    best = [sum(1 << i for i in cover), len(cover)]
    nodes = [0]
    budget = BNB_NODES if nb > MILP_MIN_ROWS else None

    def leaf(chosen: int, size: int) -> bool:
        if size < best[1]:
            best[0], best[1] = chosen, size
        return True

    def counted() -> None:
        ctx.tick()
        nodes[0] += 1
        if budget is not None and nodes[0] > budget:
            raise _TooLong

    try:
        _search(p_rows, r_pis, leaf, lambda size, uncov, exc: reaches(size, uncov, exc, best[1]), counted)
    except _TooLong:
        return _block_milp(p_rows, nb, list(_iter_bits(best[0])), lower, ctx)
    except (_OutOfTime, KeyboardInterrupt):
        ctx.partial = (list(_iter_bits(best[0])), lower)
        raise
    return list(_iter_bits(best[0])), best[1]


def _block_milp(p_rows: list[int], nb: int, cover: list[int], lower: int, ctx: _Context):
    """Optimum of one block: LP bound, local search, reduced-cost fixing, then HiGHS.

    1. The LP relaxation (HiGHS) gives the lower bound ``ceil(LP)`` and a
       dual value per row.
    2. Local search (:func:`local_search`) on the columns of smallest
       reduced cost improves ``cover``; if it reaches ``ceil(LP)``, done.
    3. Reduced-cost fixing: with duals ``y >= 0`` feasible for the LP
       (every reduced cost ``rc_j = 1 - sum of y over column j's rows`` is
       at least 0), any cover ``x`` has ``sum_j rc_j x_j = |x| - sum_r y_r
       (Ax)_r <= |x| - sum(y)``; so a cover smaller than the incumbent
       ``U`` uses only columns with ``rc_j <= U - 1 - sum(y)``. HiGHS
       solves the program over those columns only (plus the incumbent's,
       to start from): the optimum is ``min(U, its optimum)`` and, when
       stopped, ``min(U, its bound)`` is a proven lower bound.

    On a stop the best cover and bound are kept (``ctx.partial``).
    """
    columns = []
    for i, rs in enumerate(p_rows):
        if not i & 0xFFF:
            ctx.check()
        columns.append(_bits_array(rs))
    # the LP bound first: cheap, and most of what a stopped search can prove
    lp = solve_cover(columns, nb, integer=False, deadline=ctx.deadline, poll=ctx.poll)
    if lp.bound is not None:
        lower = max(lower, int(np.ceil(lp.bound - 1e-6)))
        ctx.bound = max(ctx.bound or 0, (ctx.others[1] if ctx.others else 0) + lower)
    if lower >= len(cover):
        return cover, len(cover)
    if lp.status != "optimal":
        ctx.partial = (cover, lower)
        raise KeyboardInterrupt if lp.status == "stopped" else _OutOfTime
    y = lp.row_duals
    lens = np.fromiter((len(c) for c in columns), dtype=np.int64, count=len(columns))
    starts = np.zeros(len(columns), dtype=np.int64)
    np.cumsum(lens[:-1], out=starts[1:])
    cells = np.concatenate(columns)
    rc = 1.0 - np.add.reduceat(y[cells], starts)
    try:
        cover = _improve_cover(columns, rc, nb, cover, lower, ctx)
    except KeyboardInterrupt:
        ctx.partial = (cover, lower)
        raise
    if ctx.others is not None:
        ctx.incumbent = ctx.others[0] + len(cover)
    if lower >= len(cover):
        return cover, len(cover)
    # reduced-cost fixing (the slack covers the LP's tolerance on dual feasibility)
    slack = 1e-6 + len(cover) * max(0.0, -float(rc.min()))
    keep = rc <= len(cover) - 1 - float(y.sum()) + slack
    keep[cover] = True
    ids = np.flatnonzero(keep)
    sub = [columns[i] for i in ids]
    covered = np.zeros(nb, dtype=bool)
    covered[cells[np.repeat(rc <= len(cover) - 1 - float(y.sum()) + slack, lens)]] = True
    if not covered.all():  # no smaller cover exists: a row would be left uncovered
        return cover, len(cover)
    start = np.zeros(len(ids))
    start[np.searchsorted(ids, cover)] = 1
    res = solve_cover(sub, nb, deadline=ctx.deadline, poll=ctx.poll, start=start,
                      options=PROOF_OPTIONS if len(cover) - lower <= PROOF_GAP else None)
    if res.x is not None and res.value is not None and res.value < len(cover):
        cover = ids[np.flatnonzero(res.x > 0.5)].tolist()
    if res.status in ("optimal", "infeasible"):
        return cover, len(cover)
    if res.bound is not None:
        lower = max(lower, int(np.ceil(res.bound - 1e-6)))
    lower = min(lower, len(cover))
    if lower >= len(cover):
        return cover, len(cover)
    ctx.partial = (cover, lower)
    if res.status == "stopped":
        raise KeyboardInterrupt
    raise _OutOfTime


#: HiGHS options for the proof, once local search has found a good cover: HiGHS's own primal
#: heuristics (RINS, RENS, ...) then take most of its time on these charts (k = 12 benchmark core:
#: 10.5 CPU s with them, 3.3 without, from the optimal cover) and seldom find anything better
PROOF_OPTIONS = {
    "mip_heuristic_run_rins": False,
    "mip_heuristic_run_rens": False,
    "mip_heuristic_run_root_reduced_cost": False,
    "mip_heuristic_run_zi_round": False,
    "mip_heuristic_run_shifting": False,
}
#: within this many terms of the bound, HiGHS runs without its primal heuristics (a proof is near)
PROOF_GAP = 2
#: local search: at most this many seconds, and at most this share of the time left
LOCAL_SEARCH_SECONDS = 3.0
LOCAL_SEARCH_SHARE = 0.15
#: local search stops after this many steps without a smaller cover
LOCAL_SEARCH_STALL = 20_000
#: local search works on this many columns of smallest reduced cost (plus what covers every row)
LOCAL_SEARCH_COLUMNS = 4000


def _improve_cover(columns: list[np.ndarray], rc: np.ndarray, nb: int, cover: list[int], lower: int,
                   ctx: _Context) -> list[int]:
    """A cover at most as big as ``cover``, by :func:`local_search` on the columns of smallest reduced cost."""
    now = time.monotonic()
    wide = len(cover) - lower > PROOF_GAP  # far from the bound: HiGHS will not prove it, search longer
    budget = LOCAL_SEARCH_SECONDS * (5 if wide else 1)
    if ctx.deadline is not None:
        budget = min(budget, (2 if wide else 1) * LOCAL_SEARCH_SHARE * max(0.0, ctx.deadline - now))
    if budget <= 0.01:
        return cover
    order = np.argsort(rc, kind="stable")
    pick = np.zeros(len(columns), dtype=bool)
    pick[order[:LOCAL_SEARCH_COLUMNS]] = True
    pick[cover] = True
    covered = np.zeros(nb, dtype=bool)
    for i in np.flatnonzero(pick):
        covered[columns[i]] = True
    if not covered.all():  # pragma: no cover - the cover's columns are picked
        return cover
    ids = np.flatnonzero(pick)
    local = {int(g): t for t, g in enumerate(ids)}
    found = local_search([columns[i].tolist() for i in ids], nb, [local[c] for c in cover],
                          now + budget, lower, report=ctx.report)
    return [int(ids[t]) for t in found] if len(found) < len(cover) else cover


def local_search(col: list[list[int]], n: int, start: list[int], until: float, lower: int = 0,
                  seed: int = 0, report: Callable[[], None] | None = None) -> list[int]:
    """A small cover of rows ``0 .. n-1`` by the columns ``col`` (row lists), improving ``start``.

    Weighted local search for unicost set cover (after Gao et al., RWLS,
    2015): whenever the current set covers every row it is recorded and
    its least useful column dropped; otherwise one column leaves (the one
    whose removal uncovers the least row weight, not the one that just
    entered) and one enters (the best for a random uncovered row, not the
    one that just left), and the weight of every uncovered row grows by
    one, so that rows hard to cover pull the search towards them. Stops at
    ``until`` (``time.monotonic()``) or when the cover has ``lower``
    columns. Returns the best cover found (column indices, sorted).

    Examples
    --------
    >>> local_search([[0, 1], [1, 2], [2, 3], [0], [3]], 4, [0, 1, 2], time.monotonic() + 1, lower=2)
    [0, 2]
    """
    import random

    rng = random.Random(seed)
    m = len(col)
    row: list[list[int]] = [[] for _ in range(n)]
    for c, rs in enumerate(col):
        for r in rs:
            row[r].append(c)
    w = [1] * n
    cnt = [0] * n
    score = [len(rs) for rs in col]  # outside the set: weight it would cover; inside: minus what only it covers
    ins = [False] * m
    stamp = [0] * m
    uncovered = set(range(n))

    def add(c: int) -> None:
        ins[c] = True
        score[c] = -score[c]
        for r in col[c]:
            cnt[r] += 1
            if cnt[r] == 1:
                uncovered.discard(r)
                for c2 in row[r]:
                    if c2 != c:
                        score[c2] -= w[r]
            elif cnt[r] == 2:
                for c1 in row[r]:
                    if ins[c1] and c1 != c:
                        score[c1] += w[r]
                        break

    def remove(c: int) -> None:
        ins[c] = False
        score[c] = -score[c]
        for r in col[c]:
            cnt[r] -= 1
            if cnt[r] == 0:
                uncovered.add(r)
                for c2 in row[r]:
                    if c2 != c:
                        score[c2] += w[r]
            elif cnt[r] == 1:
                for c1 in row[r]:
                    if ins[c1]:
                        score[c1] -= w[r]
                        break

    chosen: set[int] = set()
    for c in start:
        if not ins[c]:
            add(c)
            chosen.add(c)
    if uncovered:  # pragma: no cover - callers pass a cover
        raise ValueError("start is not a cover")
    best = sorted(chosen)
    step = 0
    improved = 0
    just_left = just_entered = -1
    while True:
        step += 1
        if not step & 63:
            if time.monotonic() > until or step - improved > LOCAL_SEARCH_STALL:
                break
            if report is not None and not step & 4095:
                report()
        while not uncovered:
            if len(chosen) < len(best):
                best = sorted(chosen)
                improved = step
            if len(best) <= max(lower, 1):
                return best
            c = max(chosen, key=lambda c: (score[c], -stamp[c]))
            remove(c)
            chosen.discard(c)
            stamp[c] = step
        c = max((c for c in chosen if c != just_entered), key=lambda c: (score[c], -stamp[c]), default=-1)
        if c >= 0:
            remove(c)
            chosen.discard(c)
            stamp[c] = step
            just_left = c
        r = rng.choice(tuple(uncovered)) if len(uncovered) < 64 else next(iter(uncovered))
        cands = [c for c in row[r] if c != just_left] or row[r]
        c = max(cands, key=lambda c: (score[c], -stamp[c]))
        add(c)
        chosen.add(c)
        stamp[c] = step
        just_entered = c
        for r in uncovered:
            w[r] += 1
            for c2 in row[r]:
                score[c2] += 1
    return best


def _optimum(pi_rows: list[int], n_rows: int, ctx: _Context) -> int:
    """Size of a minimum cover: :func:`cyclic_core`, then HiGHS or branch and bound on each block."""
    cols, active, forced = cyclic_core(pi_rows, n_rows, ctx.tick)
    if not active:
        return forced
    total = forced
    for block in _blocks(active, cols):
        rows_union = 0
        for c in block:
            rows_union |= cols[c]
        rows_union &= active
        p_rows = _relabel([cols[c] for c in block], rows_union)
        nb = rows_union.bit_count()
        cover = _greedy_cover(p_rows, (1 << nb) - 1)
        lower = _disjoint_rows(p_rows, nb)
        if lower < len(cover):
            cover, lower = _block_optimum(p_rows, nb, cover, lower, ctx)
        total += len(cover)
    return total


class _TooLong(Exception):
    pass


#: a core with more rows than this whose branch and bound passes ``BNB_NODES`` nodes
#: goes to an exact integer program (HiGHS, through scipy)
MILP_MIN_ROWS = 30
BNB_NODES = 5000
#: cores with more rows than this go to HiGHS at once
MILP_DIRECT_ROWS = 100
#: charts with more distinct columns than this skip the cyclic core in the anytime optimum
CORE_MAX_COLUMNS = 20_000
