"""The example scripts run as scripts, and their reports carry the study's findings."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(script: str) -> str:
    done = subprocess.run([sys.executable, str(EXAMPLES / script)], capture_output=True, text=True,
                          timeout=300, cwd=EXAMPLES.parent)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def huang() -> str:
    return run("huang2024.py")


def flat(text: str) -> str:
    """The text with line breaks inside paragraphs and list items undone (the script wraps them)."""
    return " ".join(line.strip() for line in text.splitlines())


def test_huang_truth_table_and_contradiction(huang):
    part = flat(huang.split("## 1.")[1].split("## 2.")[0])
    assert "12/13 = 0.923" in part
    assert "**Contradictory row 3 (HARM*~THREAT)**" in part
    assert "- without it (1): China-Germany consultations" in part
    assert "- with the outcome (12):" in part
    assert "left out of the truth table: UN cyber arms control (no code for THREAT)" in part
    assert "left out of the truth table: US-Russia dialogue (no code for HARM)" in part


def test_huang_hypotheses(huang):
    part = huang.split("## 2.")[1].split("## 3.")[0]
    h1 = part.split("Hypothesis 2")[0]
    assert "| HARM*~THREAT | 12/13 = 0.923 | 12/13 = 0.923 |" in h1
    assert "~HARM + THREAT | 2/3 = 0.667 | 2/3 = 0.667" in part


def test_huang_necessity(huang):
    part = huang.split("## 3.")[1].split("## 4.")[0]
    assert "| ~THREAT   | 13/13 = 1.000 |" in part
    assert "| HARM      | 12/13 = 0.923 |" in part


def test_huang_case_types(huang):
    part = flat(huang.split("## 5.")[1].split("## 6.")[0])
    assert "Deviant for consistency (the term without the outcome): China-Germany consultations" in part
    assert "Deviant for coverage (the outcome without the term): CIS Agreement" in part
    assert "reproduce the paper's 'fits the theory' column exactly" in part


def test_huang_missing_sensitivity(huang):
    part = flat(huang.split("## 6.")[1].split("## 7.")[0])
    assert "row 1 is contradictory when UN cyber arms control: THREAT = 0" in part
    assert "under every completion: inclS of HARM*~THREAT reaches incl_cut" in part


def test_huang_controls(huang):
    part = flat(huang.split("## 7.")[1])
    assert "CRIME" in part and "MULTI" in part
    assert "solution with the controls is HARM*~THREAT" in part


def test_huang_intermediate_robustness_theory(huang):
    inter = huang.split("## 8.")[1].split("## 9.")[0]
    scoped = [line for line in inter.splitlines() if line.startswith("| without CIS")]
    assert len(scoped) == 4
    # columns: cases, coding, conservative, parsimonious, intermediate, easy counterfactuals
    assert [line.split("|")[5].strip() for line in scoped] == ["HARM*~THREAT"] * 4
    rob = huang.split("## 9.")[1].split("## 10.")[0]
    assert "12/13 = 0.923" in rob
    without = rob.split("**the same without CIS (13 cases)**")[1]
    assert without.count("| yes") == 8  # the solution is HARM*~THREAT at 0.75, 0.8, 0.85, 0.9
    theory = huang.split("## 10.")[1]
    assert "China-Germany consultations" in theory and "CIS Agreement" in theory


def test_lipset_reproduces_published_solutions():
    out = run("lipset.py")
    assert "Every published solution reproduced: yes" in out
    assert "M1: DEV*STB -> SURV" in out


# ------------------------------------------------------------------ issue 11: what a paper can use


def test_huang_lines_under_100_characters(huang):
    long = [line for line in huang.splitlines() if len(line) >= 100]
    assert not long, long


def test_huang_alternative_models_written_as_m1_m2(huang):
    part = huang.split("## 4.")[1].split("## 5.")[0]
    assert "HARM | ~THREAT" not in huang and " | ".join(["~HARM", "THREAT"]) not in huang
    assert "| M1: HARM " in part and "| M2: ~THREAT " in part


def test_huang_section4_plain_words_and_solution_fit(huang):
    part = huang.split("## 4.")[1].split("## 5.")[0]
    assert "sits in a positive row" not in part
    assert "no configuration is left that shows no agreement" in flat(part)
    head = next(line for line in part.splitlines() if line.startswith("| cases"))
    assert [c.strip() for c in head.strip("|").split("|")] == ["cases", "coding", "solution", "inclS", "PRI",
                                                               "covS", "covU"]
    assert "| all 16      | c1     | HARM*~THREAT | 0.923 | 0.923 | 0.923 | -" in part


def test_huang_section6_fit_labelled_with_its_expression(huang):
    part = huang.split("## 6.")[1].split("## 7.")[0]
    head = next(line for line in part.splitlines() if line.startswith("| coding"))
    assert "inclS" not in head and "covS" not in head  # no fit next to the solutions' labels
    assert "| coding | inclS of HARM*~THREAT | covS of HARM*~THREAT |" in part
    assert "DEPENDS ON THE CODING" not in huang
    assert ("depends on the coding: the conservative solution is HARM*~THREAT when UN cyber arms control: "
            "THREAT = 0; ~THREAT when UN cyber arms control: THREAT = 1") in flat(part)


def test_huang_codings_spelt_and_ordered_alike_in_sections_4_6_8(huang):
    s4 = huang.split("## 4.")[1].split("## 5.")[0]
    s6 = huang.split("## 6.")[1].split("## 7.")[0]
    s8 = huang.split("## 8.")[1].split("## 9.")[0]
    assert "| coding | US-Russia: HARM | UN: THREAT |" in s4
    assert "| coding | US-Russia: HARM | UN: THREAT |" in s6
    head8 = next(line for line in s8.splitlines() if line.startswith("| cases"))
    assert [c.strip() for c in head8.strip("|").split("|")][:2] == ["cases", "coding"]
    rows8 = [line for line in s8.splitlines() if line.startswith("| all") or line.startswith("| without")]
    assert len(rows8) == 8 and all(line.rstrip("| ").endswith("none") for line in rows8)


def test_huang_section9_counts_the_cases_it_uses(huang):
    part = huang.split("## 9.")[1].split("## 10.")[0]
    assert "all 16 cases" not in part
    assert "**14 cases with both codes**" in part


def test_huang_section10_names_the_solution(huang):
    heading = next(line for line in huang.splitlines() if line.startswith("## 10."))
    assert heading == "## 10. Theory evaluation: HARM*~THREAT against the conservative solution ~THREAT"


def test_lipset_multivalue_reproduces_r():
    out = run("lipset_multivalue.py")
    assert "Levels per condition: {'DEV': 3, 'URB': 2, 'LIT': 2, 'IND': 2, 'STB': 2}" in out
    assert re.search(r"\|\s*40 \|\s*2 \|\s*0 \|\s*1 \|\s*1 \|\s*1 \|\s*1 \|\s*2 \|", out)  # mixed radix
    con = out.split("## Conservative solution")[1].split("## Parsimonious solution")[0]
    assert ("M1: DEV[2]*LIT*IND*STB + DEV[1]*~URB*LIT*~IND*STB + "
            "DEV[1]*URB*LIT*IND*STB -> SURV") in con
    par = out.split("## Parsimonious solution")[1].split("## ~SURV")[0]
    for model in ("DEV[2] + DEV[1]*STB", "DEV[1]*~IND + IND*STB", "DEV[1]*STB + IND*STB"):
        assert f"{model} -> SURV" in par
    assert "R's QCA 3.25 gives 3 model(s): reproduced" in par
    assert "M1: DEV[0] + ~STB -> ~SURV" in out
    assert "Every R solution reproduced: yes" in out


def test_lipset_fuzzy_reproduces_r_from_raw_data():
    out = run("lipset_fuzzy.py")
    assert "All solutions equal R's QCA." in out
    # R's QCA 3.25.1 on LF, incl.cut = 0.8 (tests/reference/r-qca/LF_SURV_*.json)
    assert "| DEV*~IND + URB*STB |   0.850 | 0.819 |  0.714 |" in out
    assert "| DEV*URB*LIT*STB + DEV*LIT*~IND*STB |   0.866 | 0.839 |  0.660 |" in out
    assert out.count("-> equal") == 3 and out.count("-> same solution") == 3
    assert out.count("largest difference from the published memberships 0.01") == 6
