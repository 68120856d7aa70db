"""Our results against R's QCA 3.25.1 on multi-value data (``LM_*`` in tests/reference/r-qca).

The files are selected as tests/test_reference_r.py explains: R's record
says ``"multivalue": true``. Their data (LM) is bundled (``qca.datasets.load("LM")``).
"""

from __future__ import annotations

import pytest

import qca

from helpers import load_reference, reference_data
from test_reference_r import check_intermediate, check_intermediate_fit, close, intermediate_names, reference_names, sampled_models

CASES = reference_names("multi-value")


def run(ref: dict):
    spec = ref["spec"]
    data = reference_data(spec)
    outcome = spec["outcome"]
    if str(spec.get("explain", "1")) == "0":
        outcome = "~" + outcome
    tt = qca.truth_table(data, outcome, spec["conditions"], incl_cut=spec["incl.cut"],
                         n_cut=spec["n.cut"], pri_cut=spec.get("pri.cut", 0))
    sol = qca.minimize(tt, include=spec.get("include", ""), all_sol=spec.get("all.sol", False),
                       row_dom=spec.get("row.dom", False))
    return tt, sol


def test_the_multi_value_references_are_here():
    assert {"LM_SURV_conservative", "LM_SURV_parsimonious"} <= set(CASES)


@pytest.mark.parametrize("name", CASES)
def test_truth_table_matches_r(name):
    ref = load_reference(name)
    tt, _ = run(ref)
    assert tt.levels == tuple(ref["noflevels"])
    table = tt.table
    assert table.index.tolist() == [r["row"] for r in ref["truth_table"]]
    for r in ref["truth_table"]:
        row = table.loc[r["row"]]
        assert [int(row[c]) for c in ref["conditions"]] == [r["config"][c] for c in ref["conditions"]]
        assert row["OUT"] == r["OUT"]
        assert row["n"] == r["n"]
        assert close(row["incl"], r["incl"]) and close(row["PRI"], r["PRI"])
        assert sorted(row["cases"]) == sorted(r["cases"])


@pytest.mark.parametrize("name", CASES)
def test_prime_implicants_and_chart_match_r(name):
    ref = load_reference(name)
    _, sol = run(ref)
    assert list(sol.prime_implicants) == [qca.parse(p) for p in ref["prime_implicants"]]  # R's order too
    chart = sol.pi_chart
    assert chart.columns.tolist() == ref["pi_chart"]["rows"]
    assert [qca.parse(p) for p in chart.index] == [qca.parse(p) for p in ref["pi_chart"]["pis"]]
    assert chart.to_numpy().tolist() == ref["pi_chart"]["matrix"]


@pytest.mark.parametrize("name", CASES)
def test_solutions_match_r(name):
    ref = load_reference(name)
    _, sol = run(ref)
    assert all(isinstance(s, qca.Expression) for s in sol.solutions)
    ours = set(sol.solutions)
    assert ours == {qca.parse(" + ".join(s)) for s in ref["solutions"]}
    assert len(sol.solutions) == len(ref["solutions"])
    assert set(sol.essential) == {qca.parse(p) for p in ref["essential"]}
    for s in sol.solutions:  # printed, parsed back: the same model
        assert qca.parse(str(s)) == s


@pytest.mark.parametrize("name", CASES)
def test_fit_matches_r(name):
    ref = load_reference(name)
    _, sol = run(ref)
    by_terms = {s: i for i, s in enumerate(sol.solutions)}
    for model in sampled_models(ref["solution_fit"]):
        frame = sol.model_fit(by_terms[qca.parse(" + ".join(model["pis"]))]).to_frame()
        whole = frame.iloc[-1]
        for p in ("inclS", "PRI", "covS"):
            assert close(whole[p], model[p]), (model["solution"], p)
        for pf in model["pi_fit"]:
            row = frame.loc[str(qca.parse(pf["pi"], levels=dict(zip(ref["conditions"], ref["noflevels"]))))]
            for p in ("inclS", "PRI", "covS", "covU"):
                assert close(row[p], pf[p]), (pf["pi"], p, row[p], pf[p])
    overall = sol.pi_fit
    for pf in ref["pi_fit"]:
        row = overall.loc[str(qca.parse(pf["pi"], levels=dict(zip(ref["conditions"], ref["noflevels"]))))]
        for p in ("inclS", "PRI", "covS", "covU"):
            assert close(row[p], pf[p]), (pf["pi"], p)
        assert sorted(row["cases"]) == sorted(pf["cases"])


@pytest.mark.parametrize("name", CASES)
def test_simplifying_assumptions_match_r(name):
    ref = load_reference(name)
    _, sol = run(ref)
    by_terms = {s: i for i, s in enumerate(sol.solutions)}
    sa = sol.simplifying_assumptions
    for r_model, rows in ref["simplifying_assumptions"].items():
        r_terms = ref["solutions"][int(r_model[1:]) - 1]
        ours = sa[f"M{by_terms[qca.parse(' + '.join(r_terms))] + 1}"]
        assert ours.index.tolist() == rows


@pytest.mark.parametrize("name", intermediate_names("multi-value"))
def test_intermediate_matches_r(name):
    check_intermediate(name)


@pytest.mark.parametrize("name", intermediate_names("multi-value"))
def test_intermediate_fit_matches_r(name):
    """R's fit of each intermediate model, from qca.fit on the multi-value data (X[v] literals)."""
    check_intermediate_fit(name)
