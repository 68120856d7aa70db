"""The example scripts run as scripts, and their reports carry the study's findings."""

from __future__ import annotations

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


def test_huang_truth_table_and_contradiction(huang):
    part = huang.split("## 1.")[1].split("## 2.")[0]
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
    assert "| ~THREAT     | 13/13 = 1.000 |" in part
    assert "| HARM        | 12/13 = 0.923 |" in part


def test_huang_case_types(huang):
    part = huang.split("## 5.")[1].split("## 6.")[0]
    assert "Deviant for consistency (the term without the outcome): China-Germany consultations" in part
    assert "Deviant for coverage (the outcome without the term): CIS Agreement" in part
    assert "reproduce the paper's 'fits the theory' column exactly" in part


def test_huang_missing_sensitivity(huang):
    part = huang.split("## 6.")[1].split("## 7.")[0]
    assert "row 1 is contradictory when UN cyber arms control: THREAT = 0" in part
    assert "under every completion: inclS of HARM*~THREAT reaches incl_cut" in part


def test_huang_controls(huang):
    part = huang.split("## 7.")[1]
    assert "CRIME" in part and "MULTI" in part
    assert "solution with the controls is HARM*~THREAT" in part


def test_huang_intermediate_robustness_theory(huang):
    inter = huang.split("## 8.")[1].split("## 9.")[0]
    scoped = [line for line in inter.splitlines() if line.startswith("| without CIS")]
    assert len(scoped) == 4
    # columns: cases, UN, US-Russia, conservative, parsimonious, intermediate, easy counterfactuals
    assert [line.split("|")[6].strip() for line in scoped] == ["HARM*~THREAT"] * 4
    rob = huang.split("## 9.")[1].split("## 10.")[0]
    assert "12/13 = 0.923" in rob
    without = rob.split("**without CIS**")[1]
    assert without.count("| yes") == 8  # the solution is HARM*~THREAT at 0.75, 0.8, 0.85, 0.9
    theory = huang.split("## 10.")[1]
    assert "China-Germany consultations" in theory and "CIS Agreement" in theory


def test_lipset_reproduces_published_solutions():
    out = run("lipset.py")
    assert "Every published solution reproduced: yes" in out
    assert "M1: DEV*STB -> SURV" in out
