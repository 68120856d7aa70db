"""Hypothesis properties of the mixed-radix minimizer (qca.multivalue) against brute force.

Random functions over small mixed-radix spaces (1-4 conditions of 2-4
levels): each configuration is positive, negative, an observed don't-care
or unobserved (a remainder). The definitions are checked by brute force over
every term of the space (each condition left out or fixed at one level).
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qca
from qca import multivalue as mv
from qca.chart import minimal_covers
from qca.implicants import prime_implicants

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def functions(draw, max_k=4, max_level=4, max_space=72, binary=False):
    k = draw(st.integers(1, max_k))
    levels = []
    for _ in range(k):
        m = 2 if binary else draw(st.integers(2, max_level))
        if np.prod(levels + [m]) > max_space:
            m = 2
        levels.append(m)
    size = int(np.prod(levels))
    states = draw(st.lists(st.sampled_from("10-d"), min_size=size, max_size=size))
    if "1" not in states:
        states[draw(st.integers(0, size - 1))] = "1"
    return tuple(levels), states


def split(levels, states):
    configs = mv.decode(np.arange(len(states)), levels)
    pick = lambda s: configs[[i for i, x in enumerate(states) if x == s]]  # noqa: E731
    return configs, pick("1"), pick("0"), pick("d")


def brute(levels, states, remainders):
    """(primes as a set of digit tuples, cover matrix of every term against the space, allowed mask)."""
    configs = mv.decode(np.arange(len(states)), levels)
    terms = mv.all_terms(levels)
    cov = mv.term_covers(terms, configs)
    st_ = np.array(states)
    allowed = (st_ != "0") if remainders else np.isin(st_, ["1", "d"])
    inside = ~(cov & ~allowed[None, :]).any(axis=1)
    touches = (cov & (st_ == "1")[None, :]).any(axis=1)
    index = {tuple(t): j for j, t in enumerate(terms.tolist())}
    primes = set()
    for j, t in enumerate(terms.tolist()):
        if not (inside[j] and touches[j]):
            continue
        gens = [t[:i] + [0] + t[i + 1:] for i in range(len(t)) if t[i]]
        if not any(inside[index[tuple(g)]] for g in gens):
            primes.add(tuple(t))
    return primes, configs


@pytest.mark.parametrize("method", ["auto", "qmc", "qmc-vec"])
@SETTINGS
@given(fn=functions(), remainders=st.booleans())
def test_every_implicant_prime_and_every_prime_found(method, fn, remainders):
    levels, states = fn
    _, on, off, dc = split(levels, states)
    pis = mv.prime_implicants_mv(on, off, dc, levels, remainders=remainders, method=method)
    primes, _ = brute(levels, states, remainders)
    got = [tuple(t) for t in pis.terms.tolist()]
    assert set(got) == primes
    assert len(got) == len(primes)
    # R's order
    assert pis.terms.tolist() == mv.sort_terms(pis.terms, levels).tolist()
    # the chart is the cover relation against the positive rows
    assert (pis.chart() == mv.term_covers(pis.terms, pis.rows)).all()


def _min_covers_brute(chart):
    n_pi, n_rows = chart.shape
    for size in range(1, n_pi + 1):
        found = [c for c in itertools.combinations(range(n_pi), size) if chart[list(c)].any(axis=0).all()]
        if found:
            return size, set(found)
    raise AssertionError("no cover")


@SETTINGS
@given(fn=functions(max_space=36), remainders=st.booleans())
def test_solutions_are_exact_minimal_and_complete(fn, remainders):
    levels, states = fn
    configs, on, off, dc = split(levels, states)
    res = mv.solve_mv(on, off, dc, levels, remainders=remainders)
    pis = res.implicants
    chart = pis.chart()
    st_ = np.array(states)
    for cover in res.covers.covers:
        value = mv.term_covers(pis.terms[list(cover)], configs).any(axis=0)
        # equals the function on every care row
        assert value[st_ == "1"].all()
        assert not value[st_ == "0"].any()
        if not remainders:
            assert not value[st_ == "-"].any()
    if chart.shape[0] <= 14:
        size, every = _min_covers_brute(chart)
        assert {len(c) for c in res.covers.covers} == {size}  # no smaller cover exists
        assert set(res.covers.covers) == every  # every minimal cover found


@SETTINGS
@given(fn=functions(max_space=24))
def test_all_sol_gives_every_irredundant_cover(fn):
    levels, states = fn
    _, on, off, dc = split(levels, states)
    res = mv.solve_mv(on, off, dc, levels, remainders=True, all_sol=True)
    chart = res.implicants.chart()
    n = chart.shape[0]
    if n > 10:
        return
    every = set()
    for size in range(1, n + 1):
        for c in itertools.combinations(range(n), size):
            if not chart[list(c)].any(axis=0).all():
                continue
            if all(not chart[[j for j in c if j != i]].any(axis=0).all() for i in c):
                every.add(c)
    assert set(res.covers.covers) == every


def _pairs(terms):
    k = terms.shape[1]
    out = []
    for t in terms.tolist():
        mask = bits = 0
        for i, d in enumerate(t):
            if d:
                mask |= 1 << (k - 1 - i)
                if d == 2:
                    bits |= 1 << (k - 1 - i)
        out.append((mask, bits))
    return out


@SETTINGS
@given(fn=functions(max_k=6, binary=True, max_space=64), remainders=st.booleans())
def test_binary_levels_give_exactly_the_crisp_results(fn, remainders):
    levels, states = fn
    k = len(levels)
    _, on, off, dc = split(levels, states)
    codes = lambda a: mv.encode(a, levels).tolist()  # noqa: E731
    res = mv.solve_mv(on, off, dc, levels, remainders=remainders)
    crisp = prime_implicants(codes(on), codes(off), codes(dc), k, remainders=remainders)
    assert _pairs(res.implicants.terms) == crisp  # same implicants, same order
    assert res.covers.covers == minimal_covers(res.implicants.chart()).covers
    # and through the public crisp pipeline
    names = [f"C{i}" for i in range(k)]
    rows = [list(c) + [1] for c in on.tolist()] + [list(c) + [0] for c in off.tolist()]
    if not off.size and remainders:
        return
    df = pd.DataFrame(rows, columns=names + ["Y"])
    sol = qca.minimize(qca.truth_table(df, "Y"), include="?" if remainders else "")
    res2 = mv.solve_mv(on, off, [], levels, remainders=remainders)
    # the same models (term order within a model carries no meaning: R's conservative order differs)
    ours = sorted(sorted(s) for s in res2.solutions(names))
    assert ours == sorted(sorted(str(t) for t in s.terms) for s in sol.solutions)


def test_methods_agree_on_a_bigger_space():
    rng = np.random.default_rng(3)
    levels = (3, 3, 2, 4, 3, 2)
    size = mv.space_size(levels)
    states = rng.choice(list("10-"), size=size, p=[0.2, 0.2, 0.6])
    _, on, off, _ = split(levels, list(states))
    a = mv.prime_implicants_mv(on, off, [], levels, remainders=True, method="hitting")
    b = mv.prime_implicants_mv(on, off, [], levels, remainders=True, method="qmc")
    c = mv.prime_implicants_mv(on, off, [], levels, remainders=True, method="qmc-vec")
    assert a.terms.tolist() == b.terms.tolist() == c.terms.tolist()
    assert len(a) > 10


def test_mmcs_path_beyond_the_bitmap(monkeypatch):
    rng = np.random.default_rng(5)
    levels = (3, 2, 3, 2, 3, 2, 2)
    configs = mv.decode(np.arange(mv.space_size(levels)), levels)
    pick = rng.choice(len(configs), size=120, replace=False)
    on, off = configs[pick[:60]], configs[pick[60:]]
    a = mv.prime_implicants_mv(on, off, [], levels, remainders=True)
    monkeypatch.setattr(mv, "HITTING_MAX_K", 3)
    b = mv.prime_implicants_mv(on, off, [], levels, remainders=True)
    assert a.terms.tolist() == b.terms.tolist()
    assert (a.chart() == b.chart()).all()


def test_errors_name_the_fault():
    with pytest.raises(qca.QCAError, match="levels\\[1\\]=1"):
        mv.check_levels([3, 1])
    with pytest.raises(qca.QCAError, match="level 3 for condition 0"):
        mv.prime_implicants_mv([[3, 0]], [], [], [3, 2], remainders=True)
    with pytest.raises(qca.QCAError, match="both positive and negative"):
        mv.prime_implicants_mv([[1, 0]], [[1, 0]], [], [3, 2], remainders=True)
    with pytest.raises(qca.QCAError, match="method="):
        mv.prime_implicants_mv([[1, 0]], [], [], [3, 2], remainders=True, method="espresso")
    with pytest.raises(qca.QCAError, match="needs remainders"):
        mv.prime_implicants_mv([[1, 0]], [], [], [3, 2], remainders=False, method="hitting")
    with pytest.raises(qca.QCAError, match="configurations"):
        mv.prime_implicants_mv([[1] * 30], [[0] * 30], [], [3] * 30, remainders=True, method="qmc")


def test_no_negative_row_gives_the_constant():
    res = mv.solve_mv([[1, 0]], [], [], [3, 2], remainders=True)
    assert res.solutions(["X", "Y"]) == [["1"]]
