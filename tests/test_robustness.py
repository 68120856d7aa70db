"""robustness over cut-off grids, the robust core and fit, and limited diversity."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import qca


INCL = [0.75, 0.8, 0.85, 0.9, 0.95, 1]


@pytest.fixture(scope="module")
def huang():
    return qca.datasets.load("huang2024")


def test_huang_harm_not_threat_over_incl_cut(huang):
    rob = qca.robustness(huang, "AGREE", ["HARM", "THREAT"], incl_cut=INCL, missing="drop",
                         expression="HARM*~THREAT")
    s = rob.settings
    assert s.index.tolist() == [f"incl_cut={c:g}, n_cut=1" for c in INCL]
    assert s["solutions"].tolist() == [["~THREAT"]] * 4 + [["~HARM*~THREAT"]] * 2
    # HARM*~THREAT lies inside the solution up to incl_cut 0.9 (the CIS case joins it in ~THREAT)
    assert s["inside"].tolist() == [True] * 4 + [False] * 2
    assert not s["term"].any()
    assert rob.robust_core == []
    assert [str(e) for e in rob.partial] == ["~THREAT", "~HARM*~THREAT"]
    fit = rob.expression_fit.to_frame().loc["HARM*~THREAT"]
    assert abs(fit["inclS"] - 12 / 13) < 1e-12 and abs(fit["covS"] - 12 / 13) < 1e-12


def test_huang_within_the_theorys_scope(huang):
    scope = huang.drop(index="CIS Agreement")
    rob = qca.robustness(scope, "AGREE", ["HARM", "THREAT"], incl_cut=INCL, missing="drop",
                         expression="HARM*~THREAT")
    s = rob.settings
    assert s["solutions"].tolist()[:4] == [["HARM*~THREAT"]] * 4
    assert s["term"].tolist()[:4] == [True] * 4
    assert s["note"].iloc[-1].startswith("no row has OUT = 1")
    assert s["term"].isna().tolist()[4:] == [True, True]
    assert [str(e) for e in rob.robust_core] == ["HARM*~THREAT"]
    assert rob.solution("incl_cut=1, n_cut=1") is None
    rf = rob.robustness_fit
    assert rf["RF_cov"] == 1 and rf["RF_cons"] == 1 and rf["RCC_Rank"] == 1
    assert rob.cases.loc["China-Germany consultations", "type"] == "robust deviant"
    # HARM = 0 decides HARM*~THREAT for the UN case although THREAT is missing
    assert not rob.cases.loc["UN cyber arms control", "IS"]


def test_parsimonious_settings_without_negative_rows_are_reported(huang):
    rob = qca.robustness(huang, "AGREE", ["HARM", "THREAT"], incl_cut=[1, 0.8], include="?", missing="drop")
    s = rob.settings
    assert s.loc["incl_cut=1, n_cut=1", "solutions"] == ["~HARM"]
    assert "no row is negative" in s.loc["incl_cut=0.8, n_cut=1", "note"]


def test_lipset_grid_with_n_cut_and_intermediate():
    lc = qca.datasets.load("LC")
    conds = ["DEV", "URB", "LIT", "IND", "STB"]
    rob = qca.robustness(lc, "SURV", conds, incl_cut=[1, 0.8], n_cut=[1, 2], include="?",
                         dir_exp=conds, initial={"incl_cut": 1, "n_cut": 1})
    assert len(rob.settings) == 4
    assert rob.initial == "incl_cut=1, n_cut=1"
    assert rob.settings.loc["incl_cut=1, n_cut=1", "solutions"] == ["DEV*LIT*STB"]
    imp = rob.implicants
    assert set(imp.columns[-3:]) == {"settings", "share", "robust"}
    assert (imp["share"] <= 1).all()
    for core in rob.robust_core:
        for sols in rob.solutions.values():
            assert all(core.terms[0] in s.terms for s in sols)
    assert set(rob.cases["type"].dropna()) <= {
        "robust typical", "robust deviant", "shaky typical", "shaky deviant", "possible typical",
        "possible deviant", "extreme deviant coverage", "irrelevant"}


def test_initial_outside_the_grid_is_run_first():
    df = pd.DataFrame({"A": [1, 1, 1, 1, 0, 0], "B": [1, 1, 0, 0, 1, 0], "Y": [1, 1, 1, 0, 0, 0]})
    rob = qca.robustness(df, "Y", incl_cut=[0.5], initial=(1, 1))
    assert rob.settings.index.tolist() == ["incl_cut=1, n_cut=1", "incl_cut=0.5, n_cut=1"]
    assert rob.robustness_fit.notna().all()


def test_single_setting_has_no_robustness_fit():
    df = pd.DataFrame({"A": [1, 0], "Y": [1, 0]})
    rob = qca.robustness(df, "Y")
    assert rob.robustness_fit.isna().all()
    assert rob.cases.empty
    assert [str(e) for e in rob.robust_core] == ["A"]


@pytest.mark.parametrize("kwargs, message", [
    ({"incl_cut": []}, "incl_cut is empty"),
    ({"incl_cut": ["a"]}, "'a' is not a number"),
    ({"n_cut": [1.5]}, "not a whole number"),
    ({"initial": 3}, "initial=3"),
    ({"expression": "FOO"}, "unknown condition 'FOO'"),
    ({"incl_cut": [2]}, "outside"),
])
def test_bad_arguments(kwargs, message):
    df = pd.DataFrame({"A": [1, 0], "Y": [1, 0]})
    with pytest.raises(qca.QCAError, match=message):
        qca.robustness(df, "Y", **kwargs)


def test_limited_diversity(huang):
    d = qca.limited_diversity(huang, "AGREE", ["HARM", "THREAT"])
    assert (d.observed, d.possible, d.remainders, d.n_cases) == (2, 4, 2, 14)
    assert d.share_observed == 0.5
    f = d.to_frame()
    assert f.index.tolist() == ["HARM", "THREAT", "AGREE"]
    assert f.loc["HARM", "missing"] == 1 and f.loc["HARM", "at 1"] == 13
    assert abs(f.loc["AGREE", "share at 1"] - 13 / 16) < 1e-12
    assert d.skewed == ["HARM", "THREAT", "AGREE"]
    assert "UN cyber arms control" in repr(d)
    neg = qca.limited_diversity(huang, "~AGREE", ["HARM", "THREAT"], skew_cut=0.9)
    assert abs(neg.to_frame().loc["~AGREE", "share at 1"] - 3 / 16) < 1e-12
    assert neg.skewed == ["THREAT"]  # HARM: 13 of 15 known codes, below 0.9
    with pytest.raises(qca.QCAError, match="skew_cut"):
        qca.limited_diversity(huang, "AGREE", skew_cut=0.3)


def test_docs_examples_run():
    """Every Python block of docs/robustness.md runs."""
    import re

    from helpers import REPO

    text = (REPO / "docs/robustness.md").read_text()
    namespace: dict = {}
    for block in re.findall(r"```python\n(.*?)```", text, re.S):
        exec(compile(block, "docs/robustness.md", "exec"), namespace)
