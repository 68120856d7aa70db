"""The command line on multi-value data (issue 13): every data command, every output format.

LM (bundled) has DEV with levels 0, 1, 2; HarKem (tests/data, see its
PROVENANCE.md) has four three-level conditions. A multi-value outcome is
named with its level: ``-y "DEV[2]"`` (or R's older ``DEV{2}``).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import jsonschema
import pytest

import qca
from helpers import TEST_DATA, read_published
from qca.cli import main
from qca.reporting import schema

VALIDATOR = jsonschema.Draft202012Validator(schema())
LM_PARSIMONIOUS = ["DEV[2] + DEV[1]*STB", "DEV[1]*~IND + IND*STB", "DEV[1]*STB + IND*STB"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def valid(doc: dict) -> dict:
    errors = sorted(VALIDATOR.iter_errors(doc), key=str)
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    return doc


@pytest.fixture
def lm_csv(tmp_path: Path) -> Path:
    path = tmp_path / "lm.csv"
    qca.datasets.load("LM").to_csv(path)
    return path


@pytest.fixture
def hk_csv(tmp_path: Path) -> Path:
    path = tmp_path / "harkem.csv"
    shutil.copy(TEST_DATA / "HarKem.csv", path)
    return path


# ------------------------------------------------------------------ truth table
@pytest.mark.parametrize("fmt", ["text", "markdown", "latex", "csv", "json", "html"])
def test_truth_table_every_format(capsys, lm_csv, fmt):
    code, out, err = run(capsys, "truth-table", str(lm_csv), "-y", "SURV", "--format", fmt)
    assert code == 0, err
    tt = qca.truth_table(qca.datasets.load("LM"), "SURV")
    rows = [int(r) for r in tt.table.index]
    assert rows == [1, 2, 5, 6, 22, 23, 31, 32, 40, 48]  # R's mixed-radix numbers
    if fmt == "json":
        doc = valid(json.loads(out))
        assert [r["row"] for r in doc["rows"]] == rows
        assert doc["rows"][-2]["configuration"] == {"DEV": 2, "URB": 0, "LIT": 1, "IND": 1, "STB": 1}
        assert doc["levels"] == [3, 2, 2, 2, 2] and doc["remainders"] == 48 - 10
    elif fmt == "csv":
        table = list(csv.DictReader(io.StringIO(out)))
        assert [int(r["row"]) for r in table] == rows
        assert [int(r["DEV"]) for r in table] == [0, 0, 0, 0, 1, 1, 1, 1, 2, 2]
    else:
        assert "FR, SE" in out or "FR; SE" in out
        if fmt == "text":
            assert "10 of 48" in out and "DEV (levels 0..2)" in out
        if fmt in ("markdown", "latex"):
            assert "levels 0..2" in out


def test_multi_value_outcome_with_its_level(capsys, lm_csv):
    conds = "URB,LIT,IND,STB,SURV"
    code, out, err = run(capsys, "minimize", str(lm_csv), "-y", "DEV[2]", "-c", conds, "--include", "?")
    assert code == 0, err
    want = qca.minimize(qca.truth_table(qca.datasets.load("LM"), "DEV[2]", conds.split(",")), include="?")
    assert "Solution for DEV[2]" in out
    for m in want.solutions:
        assert f"{m} -> DEV[2]" in out or str(m) in out
    # R's older braces, and the negation
    code, out2, err = run(capsys, "minimize", str(lm_csv), "-y", "DEV{2}", "-c", conds, "--include", "?")
    assert code == 0 and out2.replace("DEV{2}", "DEV[2]").split("\n")[3:] == out.split("\n")[3:]
    code, out, err = run(capsys, "truth-table", str(lm_csv), "-y", "~DEV[0]", "-c", conds, "--format", "json")
    doc = valid(json.loads(out))
    assert doc["outcome"] == "~DEV[0]"
    # each case's outcome as read: not level 0
    lm = qca.datasets.load("LM")
    positive = {c for r in doc["rows"] for c in r["cases"] if r["OUT"] == "1"}
    assert positive <= set(lm.index[lm["DEV"] != 0])


@pytest.mark.parametrize("outcome, message", [
    ("DEV", "outcome 'DEV' is multi-value (levels 0..2): name the level to explain"),
    ("DEV[3]", "'DEV' has levels 0..2, not 3"),
    ("DEV[x]", "a level is written DEV[v] with a whole number v"),
    ("NOPE[1]", "is not a column"),
])
def test_bad_multi_value_outcomes(capsys, lm_csv, outcome, message):
    code, out, err = run(capsys, "minimize", str(lm_csv), "-y", outcome, "-c", "URB,LIT,IND,STB")
    assert code in (1, 2) and message in err and not out


# ------------------------------------------------------------------ minimize
@pytest.mark.parametrize("fmt", ["text", "markdown", "latex", "csv", "json", "html"])
def test_minimize_every_format(capsys, lm_csv, fmt):
    code, out, err = run(capsys, "minimize", str(lm_csv), "-y", "SURV", "--include", "?", "--format", fmt)
    assert code == 0, err
    if fmt == "json":
        doc = valid(json.loads(out))
        assert doc["kind"] == "solution" and doc["type"] == "parsimonious"
        assert [m["expression"] for m in doc["solutions"]] == LM_PARSIMONIOUS
        assert [p["expression"] for p in doc["prime_implicants"]] == [
            "DEV[2]", "DEV[1]*~IND", "DEV[1]*STB", "URB*STB", "IND*STB"]
        sa = doc["solutions"][0]["simplifying_assumptions"]
        assert {"row": 40 - 40 + 33, "configuration": {"DEV": 2, "URB": 0, "LIT": 0, "IND": 0, "STB": 0}} in sa
        assert doc["truth_table"]["levels"] == [3, 2, 2, 2, 2]
    elif fmt == "csv":
        table = list(csv.DictReader(io.StringIO(out)))
        assert {r["expression"] for r in table} >= set(LM_PARSIMONIOUS) | {"DEV[2]", "IND*STB"}
    else:
        for m in LM_PARSIMONIOUS:
            assert m in out


def test_minimize_conservative_negated_all_sol_and_fiss(capsys, lm_csv):
    lm = qca.datasets.load("LM")
    code, out, err = run(capsys, "minimize", str(lm_csv), "-y", "SURV", "--format", "json")
    doc = valid(json.loads(out))
    assert [m["expression"] for m in doc["solutions"]] == [str(qca.minimize(qca.truth_table(lm, "SURV")).solutions[0])]
    assert doc["type"] == "conservative"
    code, out, err = run(capsys, "minimize", str(lm_csv), "-y", "~SURV", "--include", "?", "--format", "json")
    neg = qca.minimize(qca.truth_table(lm, "~SURV"), include="?")
    assert [m["expression"] for m in valid(json.loads(out))["solutions"]] == [str(s) for s in neg.solutions]
    code, out, err = run(capsys, "minimize", str(lm_csv), "-y", "SURV", "--include", "?", "--all-sol", "--format", "json")
    every = qca.minimize(qca.truth_table(lm, "SURV"), include="?", all_sol=True)
    assert len(valid(json.loads(out))["solutions"]) == len(every.solutions) > 3
    # the Fiss chart: one row per condition, the level written after the symbol for DEV
    code, out, err = run(capsys, "minimize", str(lm_csv), "-y", "SURV", "--include", "?", "--style", "fiss",
                         "--format", "markdown")
    assert code == 0, err
    dev_rows = [line for line in out.splitlines() if line.startswith("| DEV ")]
    assert [c.strip() for c in dev_rows[0].split("|")[2:4]] == ["● 2", "● 1"]
    stb = [line for line in out.splitlines() if line.startswith("| STB ")][0]
    assert "●" in stb and "⨂" not in stb


def test_minimize_intermediate_with_expectations_on_levels(capsys, lm_csv):
    lm = qca.datasets.load("LM")
    de = "DEV[1,2],URB,LIT,IND,STB"
    code, out, err = run(capsys, "minimize", str(lm_csv), "-y", "SURV", "--include", "?", "--dir-exp", de)
    assert code == 0, err
    want = qca.minimize(qca.truth_table(lm, "SURV"), include="?", dir_exp=de)
    for m in want.solutions:
        assert str(m) in out
    assert "Directional expectations:" in out and "DEV[1,2]" in out
    code, out, err = run(capsys, "minimize", str(lm_csv), "-y", "SURV", "--include", "?", "--dir-exp", de,
                         "--format", "json")
    doc = valid(json.loads(out))
    assert doc["type"] == "intermediate" and doc["dir_exp"] == ["DEV[1,2]", "URB[1]", "LIT[1]", "IND[1]", "STB[1]"]
    # a multi-value condition needs its levels named
    code, out, err = run(capsys, "minimize", str(lm_csv), "-y", "SURV", "--include", "?", "--dir-exp", "DEV,STB")
    assert code == 2 and "DEV is multi-value; name the levels expected" in err


def test_harkem_minimize_matches_the_library(capsys, hk_csv):
    hk = read_published(TEST_DATA / "HarKem.csv")
    for outcome in ("PB", "PBI"):
        conds = "C,F,T,R,V"
        code, out, err = run(capsys, "minimize", str(hk_csv), "-y", outcome, "-c", conds, "--include", "?",
                             "--format", "json")
        assert code == 0, err
        doc = valid(json.loads(out))
        want = qca.minimize(qca.truth_table(hk, outcome, conds.split(",")), include="?")
        assert [m["expression"] for m in doc["solutions"]] == [str(s) for s in want.solutions]
        # the case named NA (Namibia) survives the file reader
        assert "NA" in doc["truth_table"]["cases"]


# ------------------------------------------------------------------ the other commands
def test_necessity_each_level(capsys, lm_csv):
    code, out, err = run(capsys, "necessity", str(lm_csv), "-y", "SURV", "--format", "json")
    assert code == 0, err
    doc = valid(json.loads(out))
    rows = {r["expression"]: r for r in doc["rows"]}
    assert {"DEV[0]", "DEV[1]", "DEV[2]"} <= set(rows)
    assert rows["DEV[2]"]["inclN"] == pytest.approx(5 / 8)


@pytest.mark.parametrize("fmt", ["text", "markdown", "latex", "csv", "json"])
def test_robustness_every_format(capsys, lm_csv, fmt):
    code, out, err = run(capsys, "robustness", str(lm_csv), "-y", "SURV", "--incl-cuts", "1", "0.8",
                         "--n-cuts", "1", "2", "--include", "?", "--format", fmt)
    assert code == 0, err
    if fmt == "json":
        doc = valid(json.loads(out))
        first = doc["records"][0]
        assert first["setting"] == "incl_cut=1, n_cut=1" and first["solutions"] == LM_PARSIMONIOUS
        assert doc["records"][1]["solutions"] == ["LIT*STB"]
    elif fmt == "csv":
        table = list(csv.DictReader(io.StringIO(out)))
        assert table[1]["solutions"] == "LIT*STB"
    else:
        assert "DEV[2] + DEV[1]*STB" in out and "10 of 48 configurations" in out


def test_robustness_multi_value_outcome(capsys, lm_csv):
    code, out, err = run(capsys, "robustness", str(lm_csv), "-y", "DEV[2]", "-c", "URB,LIT,IND,STB,SURV",
                         "--incl-cuts", "1", "0.7", "--include", "?")
    assert code == 0, err
    assert "Robustness of the parsimonious solution for DEV[2]" in out


def test_report_markdown_and_html(capsys, lm_csv, tmp_path):
    md = tmp_path / "r.md"
    code, out, err = run(capsys, "report", str(lm_csv), "-y", "SURV", "--include", "?", "-o", str(md))
    assert code == 0, err
    text = md.read_text(encoding="utf-8")
    assert text.startswith("# Multi-value QCA of SURV")
    assert "No Venn diagram: it draws two-valued sets only, and DEV has 3 levels." in text
    for m in LM_PARSIMONIOUS:
        assert m in text
    page = tmp_path / "r.html"
    code, out, err = run(capsys, "report", str(lm_csv), "-y", "SURV", "--include", "?", "-o", str(page))
    assert code == 0, err
    html = page.read_text(encoding="utf-8")
    assert "No Venn diagram: it draws two-valued sets only, and DEV has 3 levels." in html
    if _has_matplotlib():
        assert html.count("data:image/png;base64") >= 1  # the PI chart of the mixed-radix rows


def _has_matplotlib() -> bool:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def test_plot_commands(capsys, lm_csv, tmp_path):
    pytest.importorskip("matplotlib")
    code, out, err = run(capsys, "plot", "venn", str(lm_csv), "-y", "SURV", "-o", str(tmp_path / "v.png"))
    assert code == 2 and "a Venn diagram draws two-valued sets only, and DEV has 3 levels" in err
    assert not (tmp_path / "v.png").exists()
    code, out, err = run(capsys, "plot", "chart", str(lm_csv), "-y", "SURV", "--include", "?",
                         "-o", str(tmp_path / "c.png"))
    assert code == 0, err and (tmp_path / "c.png").stat().st_size > 1000
    code, out, err = run(capsys, "plot", "solution", str(lm_csv), "-y", "SURV", "--include", "?",
                         "-o", str(tmp_path / "s.png"))
    assert code == 0, err
    assert (tmp_path / "s.png").read_bytes()[:4] == b"\x89PNG"


def test_fit_of_a_multi_value_expression(capsys, lm_csv):
    code, out, err = run(capsys, "fit", str(lm_csv), "-y", "SURV", "DEV[2] + DEV[1]*STB", "--format", "json")
    assert code == 0, err
    doc = valid(json.loads(out))
    lm = qca.datasets.load("LM")
    x = (lm["DEV"] == 2) | (lm["DEV"] == 1) & (lm["STB"] == 1)
    y = lm["SURV"] == 1
    assert doc["whole"]["inclS"] == pytest.approx((x & y).sum() / x.sum())
    assert doc["whole"]["covS"] == pytest.approx((x & y).sum() / y.sum())
    assert [t["expression"] for t in doc["terms"]] == ["DEV[2]", "DEV[1]*STB"]
    code, out, err = run(capsys, "fit", str(lm_csv), "-y", "SURV", "DEV[1,2]*STB")
    assert code == 0 and "DEV[1,2]*STB" in out
    code, out, err = run(capsys, "fit", str(lm_csv), "-y", "SURV", "DEV[3]")
    assert code == 2 and "DEV" in err and "Traceback" not in err


def test_cases_super_subset_and_theory_on_multi_value_data(capsys, lm_csv):
    lm = qca.datasets.load("LM")
    x = (lm["DEV"] == 2) | (lm["DEV"] == 1) & (lm["STB"] == 1)
    y = lm["SURV"] == 1
    code, out, err = run(capsys, "cases", str(lm_csv), "-y", "SURV", "DEV[2] + DEV[1]*STB", "--format", "json")
    assert code == 0, err
    doc = valid(json.loads(out))
    types = {c["case"]: c["type"] for c in doc["cases"]}
    assert {c for c, t in types.items() if t == "typical"} == set(lm.index[x & y])
    assert {c for c, t in types.items() if t == "individually irrelevant"} == set(lm.index[~x & ~y])
    code, out, err = run(capsys, "super-subset", str(lm_csv), "-y", "SURV", "--format", "json")
    assert code == 0, err
    rows = {r["expression"]: r for r in valid(json.loads(out))["records"]}
    assert "LIT*STB" in rows and rows["LIT*STB"]["inclN"] == 1.0
    assert any("DEV[" in e for e in rows)  # the levels enter as literals
    code, out, err = run(capsys, "theory", str(lm_csv), "-y", "SURV", "DEV[2] + STB", "--include", "?")
    assert code == 0, err
    assert "T*~S" in out and "DEV[0]*STB" in out and "EE, IT, RO" in out
