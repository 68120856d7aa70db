"""Hypothesis properties of the minimizer, checked against brute force.

Random Boolean functions of up to 8 conditions: each configuration is
positive, negative or unobserved (a remainder). We build a data set with
one case per observed configuration, run the public pipeline
(truth_table -> minimize) and check the results against definitions
computed here by brute force over all 3**k terms.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qca

NAMES = [f"C{i}" for i in range(8)]


@st.composite
def functions(draw, max_k=8):
    k = draw(st.integers(1, max_k))
    states = draw(st.lists(st.sampled_from("10-"), min_size=2**k, max_size=2**k))
    if "1" not in states:
        states[draw(st.integers(0, 2**k - 1))] = "1"
    return k, states


def cases_for(k: int, states: list[str]) -> pd.DataFrame:
    rows = []
    names = []
    for code, s in enumerate(states):
        if s == "-":
            continue
        bits = [(code >> (k - 1 - i)) & 1 for i in range(k)]
        rows.append(bits + [int(s)])
        names.append(f"case{code}")
    return pd.DataFrame(rows, columns=NAMES[:k] + ["Y"], index=names)


def all_configs(k: int) -> pd.DataFrame:
    codes = np.arange(2**k)
    bits = (codes[:, None] >> np.arange(k - 1, -1, -1)) & 1
    return pd.DataFrame(bits, columns=NAMES[:k])


def term_covers(term: tuple, code: int, k: int) -> bool:
    return all(v == "-" or int(v) == (code >> (k - 1 - i)) & 1 for i, v in enumerate(term))


def brute_primes(k: int, allowed: set[int], on: set[int]) -> set[frozenset]:
    """Every maximal term inside ``allowed`` that covers a positive row."""
    codes = range(2**k)
    implicants = []
    for term in itertools.product("01-", repeat=k):
        covered = {c for c in codes if term_covers(term, c, k)}
        if covered <= allowed and covered & on:
            implicants.append((term, frozenset(covered)))
    primes = set()
    for term, cov in implicants:
        if not any(cov < other for _, other in implicants):
            primes.add(frozenset((NAMES[i], int(v)) for i, v in enumerate(term) if v != "-"))
    return primes


def literal_sets(expr: qca.Expression) -> set[frozenset]:
    return {frozenset(t.literals) for t in expr.terms}


def setup(k, states, include):
    on = {c for c, s in enumerate(states) if s == "1"}
    off = {c for c, s in enumerate(states) if s == "0"}
    allowed = set(range(2**k)) - off if include == "?" else set(on)
    return on, off, allowed


#: random functions of 7-8 conditions can have 10**5 tied minimal covers;
#: tests that do not compare with brute force look at the first few
CAP = 40


def run(k, states, include, **kw):
    tt = qca.truth_table(cases_for(k, states), "Y", NAMES[:k])
    return qca.minimize(tt, include=include, **kw)


def member(expr: qca.Expression, k: int) -> np.ndarray:
    """Membership of every configuration, computed from the literals (not by the library)."""
    codes = np.arange(2**k)
    out = np.zeros(2**k, dtype=bool)
    for term in expr.terms:
        hit = np.ones(2**k, dtype=bool)
        for name, value in term.literals:
            i = NAMES.index(name)
            hit &= ((codes >> (k - 1 - i)) & 1) == value
        out |= hit
    return out


SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(functions(), st.sampled_from(["", "?"]))
def test_solutions_match_function_on_care_rows(fn, include):
    k, states = fn
    on, off, allowed = setup(k, states, include)
    if include == "?" and not off:
        return
    sol = run(k, states, include, max_solutions=CAP)
    assert sol.solutions
    assert len(sol.solutions) <= CAP
    # the library's own (pandas, three-valued) evaluation agrees with the literal-by-literal one
    first = sol.solutions[0]
    assert first.evaluate(all_configs(k)).to_numpy(dtype=bool).tolist() == member(first, k).tolist()
    for s in sol.solutions:
        m = member(s, k)
        assert all(m[c] for c in on)
        assert not any(m[c] for c in off)
        if include == "":
            # the conservative solution uses no remainder at all
            assert set(np.flatnonzero(m)) == on


@SETTINGS
@given(functions(), st.sampled_from(["", "?"]))
def test_every_implicant_is_prime(fn, include):
    k, states = fn
    on, off, allowed = setup(k, states, include)
    if include == "?" and not off:
        return
    sol = run(k, states, include, max_solutions=1)
    for pi in sol.prime_implicants:
        m = member(pi, k)
        assert set(np.flatnonzero(m)) <= allowed, f"{pi} covers a forbidden configuration"
        assert set(np.flatnonzero(m)) & on, f"{pi} covers no positive row"
        term = pi.terms[0]
        for drop in range(len(term.literals)):
            shorter = qca.Expression((qca.Term(term.literals[:drop] + term.literals[drop + 1:]),))
            assert not set(np.flatnonzero(member(shorter, k))) <= allowed, f"{pi} is not prime"


@SETTINGS
@given(functions(max_k=5), st.sampled_from(["", "?"]))
def test_prime_implicants_equal_brute_force(fn, include):
    k, states = fn
    on, off, allowed = setup(k, states, include)
    if include == "?" and not off:
        return
    sol = run(k, states, include)
    ours = {frozenset(p.terms[0].literals) for p in sol.prime_implicants}
    assert ours == brute_primes(k, allowed, on)


@SETTINGS
@given(functions(max_k=5), st.sampled_from(["", "?"]))
def test_solutions_are_all_the_minimum_covers(fn, include):
    k, states = fn
    on, off, allowed = setup(k, states, include)
    if include == "?" and not off:
        return
    sol = run(k, states, include)
    pis = [frozenset(p.terms[0].literals) for p in sol.prime_implicants]
    cover_sets = [set(np.flatnonzero(member(p, k))) & on for p in sol.prime_implicants]
    best = None
    brute = set()
    for size in range(1, len(pis) + 1):
        for combo in itertools.combinations(range(len(pis)), size):
            if set().union(*(cover_sets[i] for i in combo)) >= on:
                brute.add(frozenset(pis[i] for i in combo))
        if brute:
            best = size
            break
    ours = {frozenset(literal_sets(s)) for s in sol.solutions}
    assert ours == brute
    assert all(len(s) == best for s in sol.solutions)


@SETTINGS
@given(functions(max_k=5), st.sampled_from(["", "?"]))
def test_all_sol_gives_every_irredundant_cover(fn, include):
    k, states = fn
    on, off, allowed = setup(k, states, include)
    if include == "?" and not off:
        return
    sol = run(k, states, include, all_sol=True)
    minimal = run(k, states, include)
    covers = {frozenset(literal_sets(s)) for s in sol.solutions}
    assert {frozenset(literal_sets(s)) for s in minimal.solutions} <= covers
    pis = {frozenset(p.terms[0].literals): p for p in sol.prime_implicants}
    for s in sol.solutions:
        sets = [set(np.flatnonzero(member(qca.Expression((t,)), k))) & on for t in s.terms]
        assert set().union(*sets) >= on
        for i in range(len(sets)):
            rest = set().union(*(sets[j] for j in range(len(sets)) if j != i))
            assert not rest >= on, f"{s} is redundant"
    if len(pis) <= 10:  # brute force over every subset of implicants
        brute = set()
        keys = list(pis)
        csets = [set(np.flatnonzero(member(pis[key], k))) & on for key in keys]
        for size in range(1, len(keys) + 1):
            for combo in itertools.combinations(range(len(keys)), size):
                sets = [csets[i] for i in combo]
                if set().union(*sets) >= on and all(
                    not set().union(*(sets[j] for j in range(len(sets)) if j != i)) >= on
                    for i in range(len(sets))
                ):
                    brute.add(frozenset(keys[i] for i in combo))
        assert covers == brute


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(functions(max_k=5))
def test_conservative_solution_is_equivalent_to_the_positive_rows(fn):
    k, states = fn
    on = [c for c, s in enumerate(states) if s == "1"]
    sol = run(k, states, "", max_solutions=CAP)
    syms = sympy.symbols(NAMES[:k])
    minterms = [
        sympy.And(*[syms[i] if (c >> (k - 1 - i)) & 1 else sympy.Not(syms[i]) for i in range(k)]) for c in on
    ]
    target = sympy.Or(*minterms)
    for s in sol.solutions[:2]:
        assert sympy.satisfiable(sympy.Xor(s.to_sympy(), target)) is False


@SETTINGS
@given(functions(max_k=7))
def test_qmc_and_hitting_set_paths_agree(fn):
    k, states = fn
    on, off, allowed = setup(k, states, "?")
    if not off:
        return
    fast = run(k, states, "?", method="mmcs", max_solutions=200)
    plain = run(k, states, "?", method="qmc", max_solutions=200)
    assert fast.prime_implicants == plain.prime_implicants
    assert fast.capped == plain.capped
    if not fast.capped:
        assert set(fast.solutions) == set(plain.solutions)
