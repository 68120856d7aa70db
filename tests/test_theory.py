"""theory_evaluation: the four intersections, their cases and fit, missing codes."""

from __future__ import annotations

import pandas as pd
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import qca
from qca.theory import CELLS, INTERSECTIONS


@pytest.fixture(scope="module")
def huang():
    return qca.datasets.load("huang2024")


def test_huang_theory_against_the_conservative_solution(huang):
    tt = qca.truth_table(huang, "AGREE", ["HARM", "THREAT"], incl_cut=0.8, missing="drop")
    sol = qca.minimize(tt)
    assert [str(s) for s in sol.solutions] == ["~THREAT"]
    ev = qca.theory_evaluation(huang, "HARM*~THREAT", sol)
    assert ev.outcome == "AGREE"
    assert {k: str(v) for k, v in ev.intersections.items()} == {
        "T*S": "HARM*~THREAT", "T*~S": "0", "~T*S": "~HARM*~THREAT", "~T*~S": "THREAT"}
    frame = ev.to_frame()
    assert frame.loc["T*S", "n"] == 13
    assert frame.loc["T*S", "without outcome"] == ["China-Germany consultations"]
    assert abs(frame.loc["T*S", "inclS"] - 12 / 13) < 1e-12
    assert ev.cases_in("~T*S", outcome=True) == ["CIS Agreement"]
    assert ev.cases_in("~T*~S") == ["US-Russia dialogue"]
    # UN: HARM = 0 decides T (false) but THREAT is missing, so S is open
    assert "UN cyber arms control" in frame.loc["~T*S", "undecided"]
    cases = ev.cases
    assert pd.isna(cases.loc["UN cyber arms control", "label"])
    assert cases.loc["China-Germany consultations", "label"] == "inconsistent most likely"
    assert cases.loc["CIS Agreement", "label"] == "covered least likely"
    assert cases.loc["AU Convention", "label"] == "covered most likely"
    assert "undecided (missing codes): UN cyber arms control" in repr(ev)
    fit = ev.fit
    assert fit.index.tolist() == ["T", "S", *INTERSECTIONS]
    assert abs(fit.loc["S", "covS"] - 1.0) < 1e-12


def test_negated_outcome_and_model_choice(huang):
    ev = qca.theory_evaluation(huang, "~HARM + THREAT", "THREAT", outcome="~AGREE")
    assert ev.outcome == "~AGREE"
    assert ev.cases_in("T*S", outcome=True) == ["US-Russia dialogue"]
    df = pd.DataFrame({"A": [1, 1, 0, 0], "B": [1, 0, 1, 0], "C": [1, 1, 0, 0], "Y": [1, 1, 0, 0]})
    sol = qca.minimize(qca.truth_table(df, "Y", ["A", "C"]), include="?")
    assert len(sol.solutions) == 2
    ev = qca.theory_evaluation(df, "A", sol, model=1)
    assert str(ev.solution) == str(sol.solutions[1])
    with pytest.raises(qca.QCAError, match="model=2"):
        qca.theory_evaluation(df, "A", sol, model=2)


@pytest.mark.parametrize("kwargs, message", [
    ({"theory": "A*", "solution": "B", "outcome": "Y"}, "cannot parse"),
    ({"theory": "A", "solution": "B"}, "give the outcome"),
    ({"theory": "A", "solution": "Y", "outcome": "Y"}, "also appears"),
    ({"theory": "A", "solution": "B", "outcome": "Z"}, "unknown outcome 'Z'"),
    ({"theory": "A*~A", "solution": "B", "outcome": "Y"}, "never true"),
])
def test_errors(kwargs, message):
    df = pd.DataFrame({"A": [1, 0], "B": [0, 1], "Y": [1, 0]})
    with pytest.raises(qca.QCAError, match=message):
        qca.theory_evaluation(df, **kwargs)


literal = st.tuples(st.sampled_from("ABC"), st.integers(0, 1))
sop = st.lists(st.lists(literal, min_size=1, max_size=3, unique_by=lambda x: x[0]), min_size=1, max_size=3)


@settings(max_examples=40, deadline=None)
@given(sop, sop, st.lists(st.tuples(st.integers(0, 1), st.integers(0, 1), st.integers(0, 1), st.integers(0, 1)),
                          min_size=1, max_size=10))
def test_intersections_partition_the_cases_and_match_their_expressions(t, s, rows):
    T = qca.Expression(tuple(qca.Term(tuple(x)) for x in t))
    S = qca.Expression(tuple(qca.Term(tuple(x)) for x in s))
    df = pd.DataFrame(rows, columns=["A", "B", "C", "Y"], index=[f"c{i}" for i in range(len(rows))])
    ev = qca.theory_evaluation(df, T, S, outcome="Y")
    frame = ev.to_frame()
    assert frame["n"].sum() == len(df)
    placed = [c for col in ("with outcome", "without outcome") for v in frame[col] for c in v]
    assert sorted(placed) == sorted(df.index)
    for name, expr in ev.intersections.items():
        sym = {"T*S": T.to_sympy() & S.to_sympy(), "T*~S": T.to_sympy() & ~S.to_sympy(),
               "~T*S": ~T.to_sympy() & S.to_sympy(), "~T*~S": ~T.to_sympy() & ~S.to_sympy()}[name]
        assert sympy.satisfiable(sympy.Xor(sym, expr.to_sympy() if expr.terms else sympy.false)) is False
        members = expr.evaluate(df) if expr.terms else pd.Series(False, index=df.index)
        assert sorted(df.index[members.astype(bool)]) == sorted(frame.loc[name, "with outcome"]
                                                                + frame.loc[name, "without outcome"])
    assert set(ev.cases["label"]) <= set(CELLS.values())
