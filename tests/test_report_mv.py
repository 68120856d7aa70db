"""The report, the JSON export and the figures on multi-value data (issue 13)."""

from __future__ import annotations

import json

import jsonschema
import pytest

import qca
from helpers import TEST_DATA, read_published
from qca.reporting import schema, solution_table, to_dict

VALIDATOR = jsonschema.Draft202012Validator(schema())


def valid(doc: dict) -> dict:
    errors = sorted(VALIDATOR.iter_errors(doc), key=str)
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    return doc


@pytest.fixture(scope="module")
def lm():
    return qca.datasets.load("LM")


@pytest.fixture(scope="module")
def harkem():
    return read_published(TEST_DATA / "HarKem.csv")


def test_report_title_says_which_kind_of_sets():
    assert qca.report("LM", plots=False).title == "Multi-value QCA of SURV in LM"
    assert qca.report("LF", incl_cut=0.8, plots=False).title == "Fuzzy-set QCA of SURV in LF"
    assert qca.report("LC", plots=False).title == "Crisp-set QCA of SURV in LC"
    md = qca.report("LM", plots=False).to_markdown()
    assert md.startswith("# Multi-value QCA of SURV in LM\n\n*Multi-value QCA with qca ")


def test_report_data_counts_each_level(lm):
    rep = qca.report(lm, "SURV", include="?", plots=False)
    cols = rep.columns
    assert list(cols.columns) == ["role", "0", "1", "2", "missing"]
    assert cols.loc["DEV", ["0", "1", "2"]].tolist() == [(lm["DEV"] == v).sum() for v in range(3)]
    assert cols.loc["URB", ["0", "1", "2"]].tolist() == [13, 5, 0]
    # crisp data keep their two columns
    assert list(qca.report("LC", plots=False).columns.columns) == ["role", "1", "0", "missing"]


def test_report_on_lipset_every_section(lm):
    rep = qca.report(lm, "SURV", include="?", dir_exp="DEV[1,2], URB, LIT, IND, STB", plots=False)
    assert set(rep.solutions) == {"conservative", "parsimonious", "intermediate"}
    assert rep.settings["dir_exp"] == ["DEV[1,2]", "URB[1]", "LIT[1]", "IND[1]", "STB[1]"]
    want = qca.minimize(qca.truth_table(lm, "SURV"), include="?", dir_exp="DEV[1,2], URB, LIT, IND, STB")
    assert [str(s) for s in rep.solutions["intermediate"].solutions] == [str(s) for s in want.solutions]
    md = rep.to_markdown()
    for heading in ("## Data", "## Truth table", "## Necessary conditions", "## Solutions",
                    "## Simplifying assumptions", "## Settings and reproduction"):
        assert heading in md
    assert "10 of 48 configurations observed; 38 logical remainders" in md
    assert "No Venn diagram: it draws two-valued sets only, and DEV has 3 levels." in md
    assert "| DEV[2]" in md  # necessity: each level as a condition
    assert "C1P1" in md  # the easy counterfactuals of each pair
    assert "dir_exp='DEV[1, 2], URB, LIT, IND, STB'" in md or "DEV[1,2]" in md
    doc = valid(rep.to_dict())
    assert doc["title"] == "Multi-value QCA of SURV"
    dev = next(c for c in doc["columns"] if c["column"] == "DEV")
    assert dev["levels"] == {"0": 8, "1": 5, "2": 5} and "levels" not in next(
        c for c in doc["columns"] if c["column"] == "URB")
    assert doc["truth_table"]["levels"] == [3, 2, 2, 2, 2]
    assert doc["truth_table"]["remainders"] == 38
    assert [m["expression"] for m in doc["solutions"]["parsimonious"]["solutions"]] == [
        "DEV[2] + DEV[1]*STB", "DEV[1]*~IND + IND*STB", "DEV[1]*STB + IND*STB"]
    html = rep.to_html()
    assert "No Venn diagram" in html and "DEV[1]*STB" in html
    # case types of each solution's first model, from the cases' levels
    assert "## Deviant cases" in md and "- case types: " not in md
    ct = rep.case_types["parsimonious"].to_frame()
    x = (lm["DEV"] == 2) | (lm["DEV"] == 1) & (lm["STB"] == 1)
    assert set(ct.index[ct["type"] == "typical"]) == set(lm.index[x & (lm["SURV"] == 1)])


def test_report_theory_and_figures_on_multi_value_data(lm):
    pytest.importorskip("matplotlib")
    rep = qca.report(lm, "SURV", include="?", theory="DEV[2] + STB")
    md = rep.to_markdown()
    assert "The expectation DEV[2] + STB -> SURV" in md
    assert rep.theory.to_frame().loc["DEV[2] + STB", "inclS"] == pytest.approx(8 / 11)
    assert rep.theory_cases is not None and "Deviant cases: " in md
    html = rep.to_html()
    assert html.count("data:image/png;base64") == 2  # the PI chart and the XY plot of the solution
    assert html.index("Prime-implicant chart") < html.index("Cases by membership")


def test_report_on_harkem_with_both_outcomes(harkem):
    for outcome in ("PB", "~PBI"):
        rep = qca.report(harkem, outcome, ["C", "F", "T", "R", "V"], include="?", plots=False)
        md = rep.to_markdown()
        assert "32 of 162 configurations observed" in md
        assert "C has 3 levels, F has 3 levels, T has 3 levels, R has 3 levels" in md
        valid(rep.to_dict())


def test_solution_json_export_of_a_multi_value_solution(lm):
    sol = qca.minimize(qca.truth_table(lm, "SURV"), include="?")
    doc = valid(to_dict(sol))
    assert doc["kind"] == "solution" and doc["type"] == "parsimonious"
    assert [p["expression"] for p in doc["prime_implicants"]] == list(sol.prime_implicants)
    assert doc["prime_implicants"][0]["rows"] == [40, 48]
    m1 = doc["solutions"][0]
    assert [t["expression"] for t in m1["terms"]] == ["DEV[2]", "DEV[1]*STB"]
    assert len(m1["simplifying_assumptions"]) == 20
    assert m1["simplifying_assumptions"][0] == {"row": 18, "configuration": {
        "DEV": 1, "URB": 0, "LIT": 0, "IND": 0, "STB": 1}}
    tt_doc = valid(to_dict(sol.truth_table))
    assert tt_doc["rows"][-1] == {**tt_doc["rows"][-1], "row": 48,
                                  "configuration": {"DEV": 2, "URB": 1, "LIT": 1, "IND": 1, "STB": 1}}


def test_fiss_table_of_multi_value_solutions(lm):
    tt = qca.truth_table(lm, "SURV")
    par = qca.minimize(tt, include="?")
    cons = qca.minimize(tt)
    t = solution_table(par, 0, style="fiss")
    assert t.loc["DEV"].tolist() == ["● 2", "● 1"] and t.loc["STB"].tolist() == ["", "●"]
    # core / peripheral against the parsimonious solution: DEV[2] and DEV[1], STB[1] are core
    c = solution_table(cons, 0, style="fiss", core=par)
    assert list(c.columns) == [str(x) for x in cons.solutions[0].terms]
    assert c.loc["DEV"].tolist() == ["● 2", "● 1", "● 1"]
    assert c.loc["LIT"].tolist() == ["•", "•", "•"]           # in no parsimonious term: peripheral
    assert c.loc["URB"].tolist() == ["", "⊗", "•"]
    assert c.loc["STB"].tolist() == ["●", "●", "●"]           # core in DEV[1]*STB and IND*STB
    assert c.loc["IND"].tolist() == ["●", "⨂", "●"]           # IND*STB (M2, M3), DEV[1]*~IND (M2)
    with pytest.raises(qca.QCAError, match="give the parsimonious solution"):
        solution_table(cons, 0, style="fiss", core="DEV[2]")
    # the report uses it
    md = qca.report(lm, "SURV", include="?", style="fiss", plots=False).to_markdown()
    assert "● 2" in md


def test_figures_of_a_multi_value_report(lm):
    pytest.importorskip("matplotlib")
    rep = qca.report(lm, "SURV", include="?")
    figs = rep.figures()
    assert "venn" not in figs and figs["pi_chart"][:4] == b"\x89PNG"
    assert rep.figure_gaps() == {"venn": "no Venn diagram: it draws two-valued sets only, and DEV has 3 levels"}
    html = rep.to_html()
    assert html.count("data:image/png;base64") >= 1


def test_plots_of_multi_value_solutions(lm):
    pytest.importorskip("matplotlib")
    tt = qca.truth_table(lm, "SURV")
    sol = qca.minimize(tt, include="?")
    with pytest.raises(qca.QCAError, match="a Venn diagram draws two-valued sets only, and DEV has 3 levels"):
        qca.plot.venn(tt)
    fig = qca.plot.pi_chart(sol)
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert ticks == ["22\n10101", "32\n11111", "40\n20111", "48\n21111"]  # R's row, then the levels
    for model in range(3):
        fig = qca.plot.solution_plot(sol, model=model)
        texts = [t.get_text() for t in fig.axes[0].texts]
        assert "typical (8)" in texts and "individually irrelevant (10)" in texts
        assert "deviant for consistency (0)" in texts
    # a conservative solution on the full data, and a multi-value outcome level
    fig = qca.plot.solution_plot(qca.minimize(tt), data=lm)
    assert "typical (8)" in [t.get_text() for t in fig.axes[0].texts]
    dev2 = qca.minimize(qca.truth_table(lm, "DEV[2]", ["URB", "LIT", "IND", "STB"], incl_cut=0.7), include="?")
    fig = qca.plot.solution_plot(dev2, data=lm)
    texts = [t.get_text() for t in fig.axes[0].texts]
    # binary conditions: a crisp solution, the outcome read at its level
    x = dev2.solutions[0].membership(lm).to_numpy() == 1
    y = (lm["DEV"] == 2).to_numpy()
    assert f"typical ({int((x & y).sum())})" in texts
    assert f"deviant for consistency ({int((x & ~y).sum())})" in texts
    assert "BE" in texts or "CZ" in texts  # deviant cases named
