"""Our results against R's QCA 3.25.1 on fuzzy-set data: the ``LF_*`` files in tests/reference/r-qca.

The checks are those of test_reference_r.py (truth table, prime implicants and chart,
solutions, fit, simplifying assumptions), run on the references whose R record says the
data are fuzzy; the intermediate solution (directional expectations) is checked in full.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

import qca

from helpers import REFERENCE, load_reference, reference_data
from test_calibrate import r_call_kwargs
from test_reference_r import (check_intermediate, check_intermediate_fit, close, intermediate_names, reference_names,
                              test_fit_matches_r as check_fit,
                              test_prime_implicants_and_chart_match_r as check_chart,
                              test_simplifying_assumptions_match_r as check_assumptions,
                              test_solutions_match_r as check_solutions,
                              test_truth_table_matches_r as check_truth_table)

FUZZY = reference_names("fuzzy")


def test_fuzzy_reference_files_present():
    assert set(FUZZY) >= {"LF_SURV_conservative", "LF_SURV_parsimonious", "LF_SURV_intermediate",
                          "LF_notSURV_parsimonious"}


@pytest.mark.parametrize("name", FUZZY)
def test_fuzzy_truth_table_matches_r(name):
    check_truth_table(name)


@pytest.mark.parametrize("name", FUZZY)
def test_fuzzy_prime_implicants_and_chart_match_r(name):
    check_chart(name)


@pytest.mark.parametrize("name", FUZZY)
def test_fuzzy_solutions_match_r(name):
    check_solutions(name)


@pytest.mark.parametrize("name", FUZZY)
def test_fuzzy_fit_matches_r(name):
    check_fit(name)


@pytest.mark.parametrize("name", FUZZY)
def test_fuzzy_simplifying_assumptions_match_r(name):
    check_assumptions(name)


def test_fuzzy_intermediate_solution_matches_r():
    ref = load_reference("LF_SURV_intermediate")
    spec = ref["spec"]
    tt = qca.truth_table(reference_data(spec), spec["outcome"], spec["conditions"], incl_cut=spec["incl.cut"])
    sol = qca.minimize(tt, include=spec["include"], dir_exp=spec["dir.exp"])
    assert list(sol.intermediate) == [i["name"] for i in ref["intermediate"]]
    for item in ref["intermediate"]:
        inter = sol.intermediate[item["name"]]
        assert inter.easy_counterfactuals.index.tolist() == item["easy_counterfactuals"]
        assert {str(t) for t in inter.complex.terms} == set(item["c_sol"])
        assert {str(t) for t in inter.parsimonious.terms} == set(item["p_sol"])
        assert {frozenset(str(t) for t in s.terms) for s in inter.solutions} == \
            {frozenset(s) for s in item["solutions"]}
    item = ref["intermediate"][0]
    for model, sfit in enumerate(item["solution_fit"]):
        frame = sol.model_fit(model).to_frame()
        for p in ("inclS", "PRI", "covS"):
            assert close(frame.iloc[-1][p], sfit[p]), p
        for pf in sfit["pi_fit"]:
            for p in ("inclS", "PRI", "covS", "covU"):
                assert close(frame.loc[pf["pi"], p], pf[p]), (pf["pi"], p)
            assert sorted(frame.loc[pf["pi"], "cases"]) == sorted(pf["cases"])


@pytest.mark.parametrize("name", intermediate_names("fuzzy"))
def test_fuzzy_intermediate_matches_r(name):
    check_intermediate(name)


@pytest.mark.parametrize("name", intermediate_names("fuzzy"))
def test_fuzzy_intermediate_fit_matches_r(name):
    check_intermediate_fit(name)


#: R's calibrate() on other raw data than LR (calibrate_LR.json is tested in test_calibrate.py)
CALIBRATIONS = {path.stem: json.loads(path.read_text(encoding="utf-8"))
                for path in sorted(REFERENCE.glob("calibrate_*.json")) if path.stem != "calibrate_LR"}
CALIBRATION_CALLS = [(f, name) for f, ref in CALIBRATIONS.items() for name in sorted(ref)]


def test_calibration_references_present():
    assert "calibrate_CVR" in CALIBRATIONS
    calls = " ".join(e["call"] for e in CALIBRATIONS["calibrate_CVR"].values())
    for word in ("logistic = FALSE", "idm", "i=0.1", "e1=", '"crisp"', "c(0.5, 1.5)", "TFR", "indirect",
                 "below", "ecdf"):
        assert word in calls


@pytest.mark.parametrize("file,name", CALIBRATION_CALLS)
def test_calibration_matches_r(file, name):
    entry = CALIBRATIONS[file][name]
    got = qca.calibrate(entry["x"], **r_call_kwargs(entry["call"]))
    np.testing.assert_allclose(np.asarray(got, dtype=float), entry["values"], rtol=0, atol=1e-6)
