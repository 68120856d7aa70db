"""Hostile input on the multi-value path (issue 13): bad levels, bad outcome levels, bad expectations,
many levels. Every failure is one QCAError (or a usage line with exit status 2) naming what is wrong."""

from __future__ import annotations

import json

import jsonschema
import numpy as np
import pandas as pd
import pytest

import qca
from qca.cli import main
from qca.reporting import schema

LEVEL_HELP = "a level is written DEV[v] with a whole number v"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("outcome, code, message", [
    ("DEV[-1]", 2, LEVEL_HELP),
    ("DEV[1,2]", 2, LEVEL_HELP),
    ("DEV[]", 2, LEVEL_HELP),
    ("DEV[2]]", 2, LEVEL_HELP),
    ("DEV[2", 2, "is not a column"),
    ("NOPE[1]", 2, "is not a column"),
    ("DEV[9]", 2, "'DEV' has levels 0..2, not 9"),
    ("DEV", 2, "name the level to explain, e.g. outcome='DEV[2]'"),
])
def test_bad_outcome_levels_on_the_command_line(capsys, outcome, code, message):
    got, out, err = run(capsys, "minimize", "LM", "--outcome", outcome, "--conditions", "URB,LIT,IND,STB")
    assert got == code and message in err and not out
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.mark.parametrize("outcome", ["DEV[ 2 ]", "~~DEV[2]", "DEV{2}", "DEV[02]"])
def test_odd_but_valid_outcome_levels(capsys, outcome):
    got, out, err = run(capsys, "truth-table", "LM", "--outcome", outcome, "--conditions", "URB,LIT,IND,STB",
                        "--format", "json")
    assert got == 0, err
    assert json.loads(out)["outcome"] == "DEV[2]"


@pytest.mark.parametrize("dir_exp, message", [
    ("DEV[5],URB", "DEV has levels 0..2, not 5"),
    ("DEV[a]", "the levels of DEV are whole numbers"),
    ("DEV[1.5]", "the levels of DEV are whole numbers"),
    ("DEV[],URB", "'DEV[]' names no level"),
    ("~DEV[1]", "write '~DEV[1]' as the levels expected"),
    ("DEV,URB", "DEV is multi-value; name the levels expected"),
    ("DEV[2]*URB", "conjunctural expectations"),
    ("FOO[1]", "unknown condition 'FOO'"),
])
def test_bad_expectations_on_levels(capsys, dir_exp, message):
    got, out, err = run(capsys, "minimize", "LM", "--include", "?", "--dir-exp", dir_exp)
    assert got == 2 and message in err and not out
    assert "internal error" not in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("value", [[1.5], [True], "x", [3]])
def test_bad_expectation_values_in_python(value):
    tt = qca.truth_table(qca.datasets.load("LM"), "SURV")
    with pytest.raises(qca.QCAError, match="dir_exp=.*DEV"):
        qca.minimize(tt, include="?", dir_exp={"DEV": value, "STB": 1})


@pytest.mark.parametrize("bad, fault", [("2.5", "2.5"), ("-1", "-1"), ("4", "4")])
def test_bad_level_codes_in_a_file_stop_every_command(capsys, tmp_path, bad, fault):
    path = tmp_path / "mv.csv"
    path.write_text("case,A,B,Y\na,0,1,1\nb,1,0,0\nc,2,1,1\nd," + bad + ",0,0\n", encoding="utf-8")
    for command in (["truth-table"], ["minimize", "--include", "?"], ["robustness", "--incl-cuts", "1", "0.8"],
                    ["report", "-o", str(tmp_path / "r.md")], ["necessity"]):
        got, out, err = run(capsys, command[0], str(path), "--outcome", "Y", *command[1:])
        assert got == 2, (command, err)
        assert "'A'" in err and fault in err and "internal error" not in err
        assert not (tmp_path / "r.md").exists()


def test_many_levels_everywhere(capsys, tmp_path):
    """A condition with 12 levels: the report's counts fold into one column, the PI chart separates
    the levels of its rows with dots, the JSON export stays valid."""
    rng = np.random.default_rng(7)
    df = pd.DataFrame({"A": list(range(12)) * 3, "B": rng.integers(0, 2, 36)}, index=[f"c{i}" for i in range(36)])
    df["Y"] = ((df["A"] % 3 == 0) | (df["B"] == 1) & (df["A"] > 8)).astype(int)
    rep = qca.report(df, "Y", include="?", plots=False)
    assert list(rep.columns.columns) == ["role", "levels", "cases per level", "missing"]
    assert rep.columns.loc["A", "levels"] == 12 and rep.columns.loc["A", "cases per level"].startswith("0: 3, 1: 3")
    assert rep.columns.loc["B", "levels"] == 2
    jsonschema.Draft202012Validator(schema()).validate(rep.to_dict())
    doc = rep.to_dict()
    assert doc["truth_table"]["levels"] == [12, 2]
    a = next(c for c in doc["columns"] if c["column"] == "A")
    assert a["levels"] == {str(v): 3 for v in range(12)} and a["ones"] == a["zeros"] == 3
    pytest.importorskip("matplotlib")
    sol = rep.solutions["parsimonious"]
    ticks = [t.get_text() for t in qca.plot.pi_chart(sol).axes[0].get_xticklabels()]
    import re

    assert ticks and all(re.fullmatch(r"\d+\n\d+\.[01]", t) for t in ticks), ticks
    row, config = ticks[-1].split("\n")
    a, b = map(int, config.split("."))
    assert int(row) == a * 2 + b + 1  # R's mixed-radix number of the configuration


def test_a_huge_property_space_is_counted_not_listed():
    rng = np.random.default_rng(3)
    df = pd.DataFrame(rng.integers(0, 3, size=(60, 40)), columns=[f"X{i}" for i in range(40)])
    df["Y"] = rng.integers(0, 2, 60)
    d = qca.limited_diversity(df, "Y")
    assert d.possible == 3 ** 40 and d.observed == 60 and d.remainders == 3 ** 40 - 60
    assert "60 of 12157665459056928801 configurations" in d.title


def test_multi_value_outcome_in_python_errors():
    lm = qca.datasets.load("LM")
    with pytest.raises(qca.QCAError, match=r"outcome 'DEV' is multi-value \(levels 0..2\)"):
        qca.robustness(lm, "DEV", ["URB", "LIT"])
    with pytest.raises(qca.QCAError, match="not 4"):
        qca.limited_diversity(lm, "DEV[4]", ["URB", "LIT"])
