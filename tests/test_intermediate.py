"""Intermediate solutions: R's reference on Lipset's data, the forms of dir_exp, and properties."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qca
from qca.minimize import expression_codes

from helpers import REFERENCE, reference_data

LC_CONDS = ["DEV", "URB", "LIT", "IND", "STB"]


def close(a, b, tol=1e-6):
    if b is None:
        return a is None or (isinstance(a, float) and math.isnan(a))
    return abs(a - b) <= tol


@pytest.fixture(scope="module")
def lc_ref():
    ref = json.loads((REFERENCE / "LC_SURV_intermediate.json").read_text())
    spec = ref["spec"]
    data = reference_data(spec)
    tt = qca.truth_table(data, spec["outcome"], spec["conditions"], incl_cut=spec["incl.cut"],
                         n_cut=spec["n.cut"])
    sol = qca.minimize(tt, include=spec["include"], dir_exp=spec["dir.exp"])
    return ref, sol


def test_lc_intermediate_names_and_counterfactuals_match_r(lc_ref):
    ref, sol = lc_ref
    assert list(sol.intermediate) == [i["name"] for i in ref["intermediate"]]
    for item in ref["intermediate"]:
        inter = sol.intermediate[item["name"]]
        assert inter.easy_counterfactuals.index.tolist() == item["easy_counterfactuals"]
        assert {str(t) for t in inter.complex.terms} == set(item["c_sol"])
        assert {str(t) for t in inter.parsimonious.terms} == set(item["p_sol"])
        ours = {frozenset(str(t) for t in s.terms) for s in inter.solutions}
        assert ours == {frozenset(s) for s in item["solutions"]}
        # the difficult counterfactuals are the parsimonious model's other remainders
        sa = set(sol.parsimonious.simplifying_assumptions["M1"].index)
        assert set(inter.difficult_counterfactuals.index) == sa - set(item["easy_counterfactuals"])


def test_lc_intermediate_solutions_and_fit_match_r(lc_ref):
    ref, sol = lc_ref
    item = ref["intermediate"][0]
    assert [str(s) for s in sol.solutions] == item["solution_strings"]
    assert [str(e) for e in sol.essential] == item["essential"]
    for model, sfit in enumerate(item["solution_fit"]):
        frame = sol.model_fit(model).to_frame()
        for pf in sfit["pi_fit"]:
            row = frame.loc[pf["pi"]]
            for col in ("inclS", "PRI", "covS", "covU"):
                assert close(row[col], pf[col]), (pf["pi"], col)
            assert sorted(row["cases"]) == sorted(pf["cases"])
        whole = frame.iloc[-1]
        for col in ("inclS", "PRI", "covS"):
            assert close(whole[col], sfit[col])
    pi = sol.pi_fit
    for pf in item["pi_fit"]:
        for col in ("inclS", "PRI", "covS"):
            assert close(pi.loc[pf["pi"], col], pf[col])


def test_lc_complex_and_parsimonious_kept(lc_ref):
    ref, sol = lc_ref
    assert sol.kind == "intermediate"
    assert [str(s) for s in sol.complex.solutions] == ["DEV*~URB*LIT*STB + DEV*LIT*IND*STB"]
    assert [str(s) for s in sol.parsimonious.solutions] == ref["solution_strings"]
    assert sol.parsimonious.simplifying_assumptions["M1"].index.tolist() == ref["simplifying_assumptions"]["M1"]
    # the intermediate solution assumes exactly its easy counterfactual
    assert sol.simplifying_assumptions["M1"].index.tolist() == [30]
    assert "C1P1" in repr(sol) and "easy counterfactuals 30" in repr(sol)


@pytest.mark.parametrize("form", [
    ["DEV", "URB", "LIT", "IND", "STB"],
    "DEV, URB, LIT, IND, STB",
    "DEV + URB + LIT + IND + STB",
    "DEV:STB",
    {"DEV": 1, "URB": 1, "LIT": 1, "IND": 1, "STB": 1},
    [1, 1, 1, 1, 1],
    "1, 1, 1, 1, 1",
    {"URB": "1"},  # only URB matters here: ~URB is the literal dropped
])
def test_dir_exp_forms_agree(lc_ref, form):
    _, ref_sol = lc_ref
    sol = qca.minimize(ref_sol.truth_table, include="?", dir_exp=form)
    assert [str(s) for s in sol.solutions] == ["DEV*LIT*STB"]
    assert sol.intermediate["C1P1"].easy_counterfactuals.index.tolist() == [30]


def test_dir_exp_against_the_complex_literal_keeps_it(lc_ref):
    _, ref_sol = lc_ref
    tt = ref_sol.truth_table
    for form in ({"URB": 0}, "~URB", {"URB": "-"}, {"URB": "0;1"}, {"URB": (0, 1)}):
        sol = qca.minimize(tt, include="?", dir_exp=form)
        assert sol.intermediate["C1P1"].easy_counterfactuals.empty
        assert [str(s) for s in sol.solutions] == [str(s) for s in sol.complex.solutions]


def test_no_expectation_gives_the_complex_solution(lc_ref):
    _, ref_sol = lc_ref
    sol = qca.minimize(ref_sol.truth_table, include="?", dir_exp={c: "-" for c in LC_CONDS})
    assert [str(s) for s in sol.solutions] == [str(s) for s in sol.complex.solutions]
    assert str(qca.directional_expectations("-, -, -, -, -", LC_CONDS)) == "0"


@pytest.mark.parametrize("form, message", [
    ({"DEVX": 1}, "unknown condition 'DEVX'"),
    ("DEV, FOO", "unknown condition 'FOO'"),
    ({"DEV": 2}, "crisp expectations are 1, 0 or '-'"),
    ({"DEV": True}, "give 1 (present)"),
    ([1, 0], "2 expectations for 5 conditions"),
    ("DEV + ~DEV", "cancel each other out"),
    ("DEV*~DEV", "never true"),
    ("", "empty"),
    (3.5, "give a dict"),
])
def test_bad_dir_exp_names_the_fault(lc_ref, form, message):
    _, ref_sol = lc_ref
    with pytest.raises(qca.QCAError, match=message.replace("(", r"\(").replace(")", r"\)")
                       .replace("*", r"\*").replace("+", r"\+")):
        qca.minimize(ref_sol.truth_table, include="?", dir_exp=form)


def test_dir_exp_needs_remainders(lc_ref):
    _, ref_sol = lc_ref
    with pytest.raises(qca.QCAError, match="needs the remainders"):
        qca.minimize(ref_sol.truth_table, dir_exp="DEV")


def test_conjunctural_expectation_is_simplified_as_r():
    conds = ["A", "B", "C"]
    assert str(qca.directional_expectations("A*B + A*~B", conds)) == "A"
    assert str(qca.directional_expectations(["A*B", "~C"], conds)) == "~C + A*B"
    with pytest.raises(qca.QCAError, match="ambiguous"):
        qca.directional_expectations("A*~B + ~A*B + B*~C + ~B*C", conds)


def test_several_models_give_named_pairs():
    # A*B*C and A*~B*C positive, ~A*~B*~C negative: complex A*C, parsimonious A or C
    df = pd.DataFrame({"A": [1, 1, 0], "B": [1, 0, 0], "C": [1, 1, 0], "Y": [1, 1, 0]})
    tt = qca.truth_table(df, "Y")
    sol = qca.minimize(tt, include="?", dir_exp={"A": 1, "C": 0})
    assert list(sol.intermediate) == ["C1P1", "C1P2"]
    assert [str(s) for s in sol.intermediate["C1P1"].solutions] == ["A"]
    assert [str(s) for s in sol.intermediate["C1P2"].solutions] == ["A*C"]
    assert [str(s) for s in sol.solutions] == ["A", "A*C"]
    assert sol.intermediate["C1P1"].easy_counterfactuals.index.tolist() == [5, 7]
    assert sol.intermediate["C1P2"].difficult_counterfactuals.index.tolist() == [2, 4]
    # each distinct solution says which pairs gave it; the fit covers both
    assert sol.origins == [("C1P1",), ("C1P2",)]
    assert sol.fit.index.get_level_values("model").unique().tolist() == ["M1", "M2"]
    assert "from C1P1" in repr(sol)


def test_intermediate_with_contradictions_included():
    df = pd.DataFrame({"A": [1, 1, 1, 0, 0], "B": [1, 1, 0, 1, 0], "Y": [1, 0, 1, 0, 0]},
                      index=list("pqrst"))
    tt = qca.truth_table(df, "Y", incl_cut=(1, 0.5))
    assert tt.table.loc[4, "OUT"] == "C"
    sol = qca.minimize(tt, include="?C", dir_exp={"A": 1, "B": 1})
    assert [str(s) for s in sol.complex.solutions] == ["A"]
    # the contradictory row is a simplifying assumption of the parsimonious A, inside the complex A
    assert sol.parsimonious.simplifying_assumptions["M1"].index.tolist() == [4]
    assert sol.intermediate["C1P1"].easy_counterfactuals.index.tolist() == [4]
    assert [str(s) for s in sol.solutions] == ["A"]


def test_huang_intermediate_under_the_papers_expectations():
    data = qca.datasets.load("huang2024")
    tt = qca.truth_table(data, "AGREE", ["HARM", "THREAT"], missing="drop")
    sol = qca.minimize(tt, include="?", dir_exp={"HARM": 1, "THREAT": 0})
    inter = sol.intermediate["C1P1"]
    assert [str(s) for s in sol.solutions] == ["~HARM*~THREAT"]
    assert inter.easy_counterfactuals.empty
    assert inter.difficult_counterfactuals.index.tolist() == [2]


# ------------------------------------------------------------------ properties
def _region(expr: qca.Expression, conds) -> set[int]:
    return set(expression_codes(expr, conds).tolist())


@st.composite
def tables(draw):
    k = draw(st.integers(2, 4))
    conds = [f"C{i}" for i in range(k)]
    codes = draw(st.lists(st.integers(0, (1 << k) - 1), min_size=2, max_size=1 << k, unique=True))
    outs = draw(st.lists(st.booleans(), min_size=len(codes), max_size=len(codes)))
    if all(outs) or not any(outs):
        outs[0] = not outs[0]
    rows = [[(c >> (k - 1 - i)) & 1 for i in range(k)] + [int(o)] for c, o in zip(codes, outs)]
    df = pd.DataFrame(rows, columns=[*conds, "Y"])
    de = draw(st.fixed_dictionaries({c: st.sampled_from([1, 0, "-"]) for c in conds}))
    return df, conds, de


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_intermediate_between_complex_and_parsimonious(case):
    df, conds, de = case
    tt = qca.truth_table(df, "Y", conds)
    sol = qca.minimize(tt, include="?", dir_exp=de)
    c_models = sol.complex.solutions
    p_models = sol.parsimonious.solutions
    p_sa = sol.parsimonious.simplifying_assumptions
    observed = set(tt.table.index - 1)
    for name, inter in sol.intermediate.items():
        ci, pj = (int(x) - 1 for x in name[1:].split("P"))
        c_reg, p_reg = _region(c_models[ci], conds), _region(p_models[pj], conds)
        for s in inter.solutions:
            reg = _region(s, conds)
            assert c_reg <= reg <= p_reg
            # everything assumed beyond the complex solution is an easy counterfactual
            assert reg - c_reg <= set(inter.easy_counterfactuals.index - 1)
        ec = set(inter.easy_counterfactuals.index)
        dc = set(inter.difficult_counterfactuals.index)
        assert not ec & dc and ec | dc == set(p_sa[f"M{pj + 1}"].index)
        assert not {r - 1 for r in ec} & observed
    for frame in sol.simplifying_assumptions.values():
        assert not set(frame.index - 1) & observed
    if all(v == "-" for v in de.values()):
        # the same models (R lists a conservative solution's terms in its QMC order: compare as sets)
        assert [set(map(str, s.terms)) for s in sol.solutions] == [set(map(str, s.terms)) for s in c_models]


@settings(max_examples=50, deadline=None)
@given(tables())
def test_expecting_both_values_drops_nothing(case):
    """With both values expected for every condition no literal is dropped: no easy
    counterfactual, and each intermediate result is the conservative solution."""
    df, conds, _ = case
    tt = qca.truth_table(df, "Y", conds)
    sol = qca.minimize(tt, include="?", dir_exp={c: "0;1" for c in conds})
    conservative = [set(map(str, s.terms)) for s in qca.minimize(tt).solutions]
    for inter in sol.intermediate.values():
        assert inter.easy_counterfactuals.empty
        assert [set(map(str, s.terms)) for s in inter.solutions] == conservative


def test_docs_examples_run():
    """Every Python block of docs/intermediate.md runs."""
    import re

    from helpers import REPO

    text = (REPO / "docs/intermediate.md").read_text()
    namespace: dict = {}
    for block in re.findall(r"```python\n(.*?)```", text, re.S):
        exec(compile(block, "docs/intermediate.md", "exec"), namespace)


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 6).flatmap(lambda k: st.tuples(
    st.just(k),
    st.sets(st.integers(0, (1 << k) - 1), min_size=1, max_size=1 << k),
    st.sets(st.integers(0, (1 << k) - 1), max_size=1 << k))))
def test_both_routes_to_the_intermediate_implicants_agree(case):
    from qca import intermediate
    from qca.implicants import prime_implicants

    k, on, extra = case
    on_arr = np.array(sorted(on), dtype=np.uint64)
    extra_arr = np.array(sorted(extra - on), dtype=np.uint64)
    qmc = prime_implicants(on_arr, [], extra_arr, k, remainders=False)
    old = intermediate.QMC_MAX_EXTRA
    intermediate.QMC_MAX_EXTRA = -1
    try:
        hitting = intermediate.region_primes(on_arr, extra_arr, k)
    finally:
        intermediate.QMC_MAX_EXTRA = old
    assert hitting == qmc


def test_minimal_sums_fast_path_and_wide_expectations():
    from qca.minimize import minimal_sums

    conds = [f"C{i}" for i in range(18)]
    assert str(minimal_sums(" + ".join(conds[::-1]), conds)[0]) == " + ".join(conds)
    assert str(minimal_sums("C1 + ~C1")[0]) == "1"
    assert str(qca.directional_expectations(conds, conds)) == " + ".join(conds)
