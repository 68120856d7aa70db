"""Minimization that never hangs: time limits, proven bounds, Ctrl-C, progress (issue 14, issue 18)."""

from __future__ import annotations

import _thread
import itertools
import json
import sys
import threading
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import qca
import qca.chart

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[1]))
from benchmarks.generate import cases  # noqa: E402
from qca.chart import minimal_covers_cells  # noqa: E402
from qca.milp import solve_cover  # noqa: E402

minimize_module = sys.modules["qca.minimize"]
expression_codes = minimize_module.expression_codes


@pytest.fixture(scope="module")
def hard_table():
    """The benchmark's k = 12 table: its chart core (473 x 1,321) takes HiGHS seconds to prove."""
    return qca.truth_table(cases(12, 1024), "Y")


def _check_cover(sol):
    """Every solution explains every positive row and no negative row."""
    tt = sol.truth_table
    pos = set(tt.codes("1").tolist())
    neg = set(tt.codes("0").tolist())
    for expr in sol.solutions:
        inside = set(expression_codes(expr, tt.conditions).tolist())
        assert pos <= inside
        assert not inside & neg


def test_time_limit_returns_best_found_with_bound(hard_table):
    t = time.monotonic()
    sol = qca.minimize(hard_table, include="?", max_solutions=1, time_limit=0.5)
    elapsed = time.monotonic() - t
    assert elapsed < 20  # about the limit; generous for a loaded machine (without it: many seconds more)
    assert sol.stopped == "time limit"
    assert not sol.proven and not sol.interrupted
    assert sol.n_terms == len(sol.solutions[0].terms)
    assert sol.lower_bound <= 41 <= sol.n_terms  # optimum 41
    assert sol.lower_bound < sol.n_terms
    assert sol.gap == sol.n_terms - sol.lower_bound
    assert sol.capped
    _check_cover(sol)
    text = repr(sol)
    assert "time limit reached" in text and f"lower bound {sol.lower_bound}" in text and f"gap {sol.gap}" in text
    body = json.loads(sol.to_json())
    search = body["search"] if "search" in body else body["solution"]["search"]
    assert search == {"stopped": "time limit", "proven": False, "terms": sol.n_terms,
                      "lower_bound": sol.lower_bound, "gap": sol.gap}


class _Found(Exception):
    pass


def test_lp_bound_reached_before_the_proof(hard_table):
    """The LP bound (39.29, so 40) is proven early, long before HiGHS proves 41."""

    def progress(stage, done, total, info=None):
        if info and info["bound"] is not None and info["bound"] >= 40:
            assert info["bound"] <= 41 <= info["incumbent"]
            raise _Found

    with pytest.raises(_Found):
        qca.minimize(hard_table, include="?", max_solutions=1, progress=progress)

def test_finished_search_is_proven():
    tt = qca.truth_table(cases(8, 64), "Y")
    sol = qca.minimize(tt, include="?", time_limit=600)
    ref = qca.minimize(tt, include="?")
    assert [str(s) for s in sol.solutions] == [str(s) for s in ref.solutions]
    assert sol.stopped is None and sol.proven and sol.gap == 0 and sol.lower_bound == sol.n_terms
    assert sol.search_notes() == []


def test_ctrl_c_during_highs_returns_best_found(hard_table):
    """A real SIGINT-like interrupt (KeyboardInterrupt in the main thread) while the chart is searched."""
    timers = []

    def progress(stage, done, total, info=None):
        if info is not None and not timers:  # the chart search has begun: Ctrl-C in half a second
            timers.append(threading.Timer(0.5, _thread.interrupt_main))
            timers[0].start()

    t = time.monotonic()
    try:
        sol = qca.minimize(hard_table, include="?", max_solutions=1, progress=progress)
    finally:
        for timer in timers:
            timer.cancel()
    assert time.monotonic() - t < 120
    assert sol.interrupted and sol.stopped == "interrupted"
    assert sol.lower_bound is not None and sol.lower_bound <= 41 <= sol.n_terms
    _check_cover(sol)
    assert "interrupted" in repr(sol)


def test_progress_gets_incumbent_and_bound(hard_table):
    seen = []

    def progress(stage, done, total, info=None):
        if info is not None and info["incumbent"] is not None:  # None while the reductions run
            seen.append(dict(info))
        if len(seen) >= 3:
            raise RuntimeError("enough")

    with pytest.raises(RuntimeError, match="enough"):
        qca.minimize(hard_table, include="?", max_solutions=1, progress=progress)
    assert seen and all(i["bound"] <= i["incumbent"] for i in seen)
    assert all(i["incumbent"] >= 41 and i["bound"] <= 41 for i in seen)


def test_three_argument_progress_still_works():
    calls = []
    tt = qca.truth_table(cases(10, 256), "Y")
    qca.minimize(tt, include="?", max_solutions=1, progress=lambda s, d, t: calls.append(s), time_limit=2)
    assert "implicants" in calls


@pytest.mark.parametrize("bad", [0, -1, "5", True, float("nan"), float("inf")])
def test_time_limit_validated(bad):
    tt = qca.truth_table(cases(8, 64), "Y")
    with pytest.raises(qca.QCAError, match="time_limit"):
        qca.minimize(tt, include="?", time_limit=bad)


def test_progress_must_be_callable():
    tt = qca.truth_table(cases(8, 64), "Y")
    with pytest.raises(qca.QCAError, match="progress"):
        qca.minimize(tt, include="?", progress=5)


def test_intermediate_with_time_limit_stops(hard_table):
    sol = qca.minimize(hard_table, include="?", dir_exp={"X1": 1}, max_solutions=1, time_limit=0.5)
    assert sol.parsimonious.stopped == "time limit"
    assert sol.stopped == "time limit"


def test_solve_cover_stops_at_deadline_and_on_poll_error():
    rng = np.random.default_rng(3)
    n_rows = 300
    cols = [np.flatnonzero(rng.random(n_rows) < 0.03) for _ in range(900)]
    cols += [np.array([j]) for j in range(n_rows)]
    res = solve_cover(cols, n_rows, deadline=time.monotonic() + 0.3)
    assert res.status in ("time limit", "optimal")
    assert res.bound is not None and res.value is not None and res.bound <= res.value
    x = res.x.astype(bool)
    covered = np.zeros(n_rows, bool)
    for i in np.flatnonzero(x):
        covered[cols[i]] = True
    assert covered.all()

    def poll(info):
        raise ValueError("stop")

    if res.status == "time limit":
        with pytest.raises(ValueError):
            solve_cover(cols, n_rows, poll=poll)


def _brute_optimum(chart: np.ndarray) -> int:
    import itertools

    n_pi = chart.shape[0]
    for size in range(n_pi + 1):
        for combo in itertools.combinations(range(n_pi), size):
            if chart[list(combo)].any(axis=0).all():
                return size
    raise AssertionError


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=3))
def test_stopped_search_bound_brackets_optimum(seed, stop_after):
    """Stopped at any point, the bound is at most the true optimum and the cover is a cover."""
    rng = np.random.default_rng(seed)
    n_pi, n_rows = int(rng.integers(4, 11)), int(rng.integers(3, 12))
    chart = rng.random((n_pi, n_rows)) < 0.35
    chart[rng.integers(0, n_pi, n_rows), np.arange(n_rows)] = True
    pi, row = np.nonzero(chart)
    calls = [0]
    ctx_init = qca.chart._Context.__init__

    def stopping_tick(self):
        self.nodes += 1
        calls[0] += 1
        if calls[0] == stop_after:
            raise qca.chart._OutOfTime

    orig = qca.chart._Context.tick
    qca.chart._Context.tick = stopping_tick
    try:
        res = minimal_covers_cells(pi, row, chart.shape, time_limit=100)
    finally:
        qca.chart._Context.tick = orig
        assert qca.chart._Context.__init__ is ctx_init
    opt = _brute_optimum(chart)
    for cover in res.covers:
        assert chart[list(cover)].any(axis=0).all()
    if res.stopped is None:
        assert res.proven and len(res.covers[0]) == opt
    else:
        assert res.stopped == "time limit"
        lower = res.lower_bound if res.lower_bound is not None else res.size
        assert lower <= opt <= res.size
        assert res.proven == (lower >= res.size)


def test_cli_time_limit(tmp_path, capsys, hard_table):
    from qca.cli import main

    path = tmp_path / "k12.csv"
    cases(12, 1024).to_csv(path, index_label="case")
    code = main(["minimize", str(path), "--outcome", "Y", "--include", "?", "--max-solutions", "1",
                 "--time-limit", "0.5"])
    out, err = capsys.readouterr()
    assert code == 0
    assert "M1:" in out and "time limit reached" in out
    assert "time limit reached" in err and "lower bound" in err


@pytest.mark.parametrize("bad", ["0", "-2", "abc", "inf"])
def test_cli_time_limit_validated(tmp_path, capsys, bad):
    from qca.cli import main

    path = tmp_path / "k8.csv"
    cases(8, 64).to_csv(path, index_label="case")
    assert main(["minimize", str(path), "--outcome", "Y", "--time-limit", bad]) == 2
    assert "--time-limit" in capsys.readouterr().err


def test_cli_ctrl_c_exits_130(tmp_path, capsys, monkeypatch):
    from qca import cli

    path = tmp_path / "k8.csv"
    cases(8, 64).to_csv(path, index_label="case")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(minimize_module, "minimize", interrupted)
    code = cli.main(["minimize", str(path), "--outcome", "Y", "--include", "?"])
    err = capsys.readouterr().err
    assert code == 130
    assert "interrupted" in err and "Traceback" not in err


def test_cli_progress_lines():
    from io import StringIO

    from qca.cli import _StderrProgress

    buf = StringIO()
    bar = _StderrProgress(buf, after=0.0, every=0.0)
    bar("chart search", 1234, 0, {"incumbent": 41, "bound": 40, "nodes": 1234})
    bar.close()
    text = buf.getvalue()
    assert "chart search: 1,234 nodes" in text and "best 41 terms" in text and "lower bound 40" in text


# ---------------------------------------------------------------- ties: counted, listed lazily
def _blocks_chart(n_blocks: int):
    """``n_blocks`` independent blocks of 3 rows, each with 3 x 3 interchangeable implicants: 9**n covers."""
    pi, row = [], []
    n_pi = 0
    for b in range(n_blocks):
        r0 = 3 * b
        for _ in range(3):
            pi += [n_pi, n_pi, n_pi + 1]
            row += [r0, r0 + 1, r0 + 2]
            n_pi += 2
    return np.array(pi), np.array(row), (n_pi, 3 * n_blocks)


def test_huge_tie_count_exact_and_lazy():
    pi, row, shape = _blocks_chart(12)
    t = time.monotonic()
    res = minimal_covers_cells(pi, row, shape)
    assert res.total == 9 ** 12 == len(res.covers) and not res.capped
    first = list(itertools.islice(iter(res.covers), 100))
    assert time.monotonic() - t < 20  # the first hundred do not wait for the 2.8e11th
    assert len(set(first)) == 100
    chart = np.zeros(shape, dtype=bool)
    chart[pi, row] = True
    for cover in first + [res.covers[-1], res.covers[123456789]]:
        assert len(cover) == 24 and chart[list(cover)].any(axis=0).all()


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10**6))
def test_lazy_covers_equal_listed_covers(seed):
    """The lazy sequence holds exactly the covers the listing gives (forced lazy with MATERIALIZE = 0)."""
    rng = np.random.default_rng(seed)
    parts = []
    offset_pi = offset_row = 0
    for _ in range(int(rng.integers(1, 4))):
        n_pi, n_rows = int(rng.integers(2, 6)), int(rng.integers(1, 5))
        chart = rng.random((n_pi, n_rows)) < 0.5
        chart[rng.integers(0, n_pi, n_rows), np.arange(n_rows)] = True
        p, r = np.nonzero(chart)
        parts.append((p + offset_pi, r + offset_row))
        offset_pi += n_pi
        offset_row += n_rows
    pi = np.concatenate([p for p, _ in parts])
    row = np.concatenate([r for _, r in parts])
    shape = (offset_pi, offset_row)
    listed = minimal_covers_cells(pi, row, shape, max_solutions=10**9)
    old = qca.chart.MATERIALIZE
    qca.chart.MATERIALIZE = 0
    try:
        lazy = minimal_covers_cells(pi, row, shape)
    finally:
        qca.chart.MATERIALIZE = old
    assert lazy.total == listed.total == len(lazy.covers)
    assert sorted(lazy.covers) == list(listed.covers)
    assert lazy.covers == tuple(lazy.covers[i] for i in range(len(lazy.covers)))


def test_solution_n_solutions_and_list_like():
    tt = qca.truth_table(cases(8, 64), "Y")
    full = qca.minimize(tt, include="?")
    assert full.n_solutions == len(full.solutions) and full.n_solutions_exact
    capped = qca.minimize(tt, include="?", max_solutions=5)
    assert len(capped.solutions) == 5 and capped.capped
    # one block: its ties cannot be counted without listing them, so 5 is only a lower bound
    assert capped.n_solutions == 5 and not capped.n_solutions_exact
    sols = full.solutions
    assert sols[0] == list(sols)[0] and sols[-1] == list(sols)[-1]
    assert [str(s) for s in sols[:3]] == [str(s) for s in list(sols)[:3]]
    assert sols == list(sols) and list(sols) == sols[:]
    assert len(sols) == sum(1 for _ in sols)


# ---------------------------------------------------------------- column generation (no full PI list)
@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=10**6), st.booleans())
def test_column_generation_cover_and_bound(seed, with_pool):
    from qca.colgen import column_generation
    from qca.implicants import prime_implicant_arrays

    rng = np.random.default_rng(seed)
    k = int(rng.integers(3, 7))
    codes = rng.permutation(1 << k)[: int(rng.integers(4, 1 << k))].astype(np.uint64)
    y = rng.random(len(codes)) < 0.5
    on, off = np.sort(codes[y]), np.sort(codes[~y])
    if not len(on) or not len(off):
        return
    pis = prime_implicant_arrays(on, off, np.array([], np.uint64), k, remainders=True)
    exact = minimal_covers_cells(pis.pi, pis.row, (len(pis), len(on)), max_solutions=1)
    opt = len(exact.covers[0])
    pool = (pis.masks, pis.bits, pis.pi, pis.row) if with_pool else None
    res = column_generation(on, off, k, pool=pool)
    masks, bits = res.masks[list(res.cover)], res.bits[list(res.cover)]
    inside_on = ((on[None, :] ^ bits[:, None]) & masks[:, None]) == 0
    inside_off = ((off[None, :] ^ bits[:, None]) & masks[:, None]) == 0
    assert inside_on.any(axis=0).all() and not inside_off.any()
    assert 1 <= res.lower_bound <= opt <= len(res.cover)
    if with_pool:
        assert res.lower_bound == opt == len(res.cover)  # exact pricing proves the optimum on small charts


def test_minimize_generates_implicants_when_too_many_to_list(monkeypatch):
    tt = qca.truth_table(cases(12, 1024), "Y")
    monkeypatch.setattr(minimize_module, "GENERATE_K", 10)
    sol = qca.minimize(tt, include="?", max_solutions=1, time_limit=20)
    assert sol._generated
    _check_cover(sol)
    assert sol.lower_bound <= 41 <= sol.n_terms
    assert any("column generation" in line for line in sol.search_notes())


# ---------------------------------------------------------------- LP bound, local search, reduced-cost fixing
def _random_chart(seed):
    rng = np.random.default_rng(seed)
    n_pi, n_rows = int(rng.integers(4, 15)), int(rng.integers(3, 16))
    chart = rng.random((n_pi, n_rows)) < 0.35
    chart[rng.integers(0, n_pi, n_rows), np.arange(n_rows)] = True
    return chart


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10**6), st.booleans(), st.booleans())
def test_block_milp_path_finds_the_optimum(seed, skip_core, local_search):
    """Every block through the LP, local search, reduced-cost fixing and HiGHS: same optimum as brute force."""
    chart = _random_chart(seed)
    pi, row = np.nonzero(chart)
    saved = qca.chart.MILP_DIRECT_ROWS, qca.chart.CORE_MAX_COLUMNS, qca.chart.LOCAL_SEARCH_SECONDS
    qca.chart.MILP_DIRECT_ROWS = 0
    if skip_core:
        qca.chart.CORE_MAX_COLUMNS = 0
    if not local_search:  # the greedy cover goes to reduced-cost fixing as it is
        qca.chart.LOCAL_SEARCH_SECONDS = 0.0
    try:
        res = minimal_covers_cells(pi, row, chart.shape, max_solutions=1, time_limit=100)
    finally:
        qca.chart.MILP_DIRECT_ROWS, qca.chart.CORE_MAX_COLUMNS, qca.chart.LOCAL_SEARCH_SECONDS = saved
    assert res.stopped is None and res.proven
    assert chart[list(res.covers[0])].any(axis=0).all()
    assert len(res.covers[0]) == _brute_optimum(chart)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=3))
def test_block_milp_bound_never_exceeds_optimum(seed, stop_at):
    """Stopped after the LP, the local search or during HiGHS, the block's bound is at most the optimum."""
    chart = _random_chart(seed)
    cols = [int("".join("1" if b else "0" for b in chart[i][::-1]) or "0", 2) for i in range(len(chart))]
    n = chart.shape[1]
    ctx = qca.chart._Context(None, [1] * len(cols), None)
    calls = [0]
    real = qca.chart.solve_cover

    def stopping(*args, **kwargs):
        calls[0] += 1
        if stop_at and calls[0] == stop_at:  # HiGHS stops at once: the deadline has passed
            kwargs["deadline"] = time.monotonic() - 1
        return real(*args, **kwargs)

    cover = qca.chart._greedy_cover(cols, (1 << n) - 1)
    qca.chart.solve_cover = stopping
    saved = qca.chart.LOCAL_SEARCH_SECONDS
    qca.chart.LOCAL_SEARCH_SECONDS = 0.0  # keep the greedy cover: a bound above the optimum would show
    try:
        try:
            cover, lower = qca.chart._block_milp(cols, n, cover, 1, ctx)
        except qca.chart._OutOfTime:
            cover, lower = ctx.partial
    finally:
        qca.chart.solve_cover = real
        qca.chart.LOCAL_SEARCH_SECONDS = saved
    opt = _brute_optimum(chart)
    assert chart[list(cover)].any(axis=0).all()
    assert 1 <= lower <= opt <= len(cover)


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=10**6))
def test_local_search_returns_a_smaller_or_equal_cover(seed):
    chart = _random_chart(seed)
    col = [np.flatnonzero(r).tolist() for r in chart]
    start = list(range(len(col)))  # every column: a cover
    got = qca.chart.local_search(col, chart.shape[1], start, time.monotonic() + 0.2, seed=seed)
    assert chart[got].any(axis=0).all()
    assert len(got) <= len(start)
    opt = _brute_optimum(chart)
    got = qca.chart.local_search(col, chart.shape[1], start, time.monotonic() + 0.5, lower=opt, seed=seed)
    assert len(got) >= opt


def test_local_search_finds_the_k12_optimum():
    """The benchmark's k = 12 core (473 x 1,321, LP 39.29): weighted local search reaches its optimum, 41."""
    from benchmarks.chart_core import core

    cols, n, _ = core(12, 1024)
    col = [list(qca.chart._iter_bits(c)) for c in cols]
    start = qca.chart._greedy_cover(cols, (1 << n) - 1)
    assert len(start) > 41
    got = qca.chart.local_search(col, n, start, time.monotonic() + 60, lower=41)
    assert len(got) == 41 and not ((1 << n) - 1) & ~_union(cols, got)


def _union(cols, chosen):
    out = 0
    for c in chosen:
        out |= cols[c]
    return out


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=0, max_value=10**6))
def test_column_generation_bounds_without_the_implicant_list(seed):
    """The two proven bounds used when the implicants cannot be listed, checked by brute force.

    Exact pricing (an integer program over literals) must bound the dual weight of EVERY implicant,
    so that sum(y) / that bound (Farley's bound) never exceeds the optimum; rows that pairwise
    share no implicant each need a term of their own.
    """
    from qca.colgen import _disjoint_rows, _pricing_bound
    from qca.implicants import prime_implicant_arrays

    rng = np.random.default_rng(seed)
    k = int(rng.integers(3, 7))
    codes = rng.permutation(1 << k)[: int(rng.integers(4, 1 << k))].astype(np.uint64)
    y_out = rng.random(len(codes)) < 0.5
    on, off = np.sort(codes[y_out]), np.sort(codes[~y_out])
    if not len(on) or not len(off):
        return
    pis = prime_implicant_arrays(on, off, np.array([], np.uint64), k, remainders=True)
    opt = len(minimal_covers_cells(pis.pi, pis.row, (len(pis), len(on)), max_solutions=1).covers[0])
    y = rng.random(len(on)) * (rng.random(len(on)) < 0.8)
    weights = np.bincount(pis.pi, weights=y[pis.row], minlength=len(pis))
    m, best = _pricing_bound(y, on, off, k, None)
    if not (y > 1e-9).any():
        assert m is None
    else:
        mask, bits = best
        assert m >= weights.max() - 1e-6
        assert not (((off ^ np.uint64(bits)) & np.uint64(mask)) == 0).any()  # an implicant
        assert y.sum() / max(1.0, m) <= opt + 1e-6
    assert 1 <= _disjoint_rows(on, off, k, time.monotonic() + 10) <= opt


def test_minimize_big_listed_chart_goes_to_column_generation_over_it(monkeypatch):
    """With a time limit, a chart of more than POOL_GENERATE implicants: column generation with exact pricing."""
    tt = qca.truth_table(cases(10, 256), "Y")
    exact = qca.minimize(tt, include="?", max_solutions=1)
    assert not exact._generated and exact.proven
    monkeypatch.setattr(minimize_module, "POOL_GENERATE", 100)
    sol = qca.minimize(tt, include="?", max_solutions=1, time_limit=30)
    assert sol._generated
    _check_cover(sol)
    assert sol.lower_bound <= exact.n_terms <= sol.n_terms
    assert sol.proven and sol.n_terms == exact.n_terms  # exact pricing proves this small chart's optimum
