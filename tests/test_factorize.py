"""factorize: a shorter text, logically equivalent, never used for computation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import qca
from qca.factorize import factorize


@pytest.mark.parametrize("text, expected", [
    ("A*B + A*C", "A*(B + C)"),
    ("A*B*C + A*B*D", "A*B*(C + D)"),
    ("A*B + A*C + D", "A*(B + C) + D"),
    ("A*~B*C + A*~B*D + E*C", "A*~B*(C + D) + C*E"),
    ("DEV*~URB*LIT*STB + DEV*LIT*IND*STB", "DEV*LIT*STB*(~URB + IND)"),
    ("A + B", "A + B"),
    ("A*B", "A*B"),
    ("A*B + C*D", "A*B + C*D"),
])
def test_known_factorizations(text, expected):
    assert factorize(text) == expected
    assert qca.parse(text).factorize() == expected
    assert qca.parse(expected).equivalent(text)


def test_solution_factorize():
    df = qca.datasets.load("LC")
    sol = qca.minimize(qca.truth_table(df, "SURV", ["DEV", "URB", "LIT", "IND", "STB"]))
    assert sol.factorize() == ["DEV*LIT*STB*(~URB + IND)"]


def test_constants_and_bad_input():
    assert factorize(qca.Expression(())) == "0"
    assert factorize("1") == "1"
    with pytest.raises(TypeError):
        factorize(3)


def _count(text: str) -> int:
    return sum(1 for tok in text.replace("(", " ").replace(")", " ").replace("*", " ").replace("+", " ").split())


literal = st.tuples(st.sampled_from("ABCDE"), st.integers(0, 1))
term = st.lists(literal, min_size=1, max_size=4, unique_by=lambda x: x[0])
sops = st.lists(term, min_size=1, max_size=7)


@settings(max_examples=100, deadline=None)
@given(sops)
def test_factorized_is_equivalent_and_not_longer(terms):
    expr = qca.Expression(tuple(qca.Term(tuple(t)) for t in terms))
    out = factorize(expr)
    assert qca.parse(out).equivalent(expr)
    assert _count(out) <= sum(len(t) for t in expr.terms)
