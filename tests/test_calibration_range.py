"""calibration_range (SetMethods' rob.calibrange) on the Lipset data: bounds checked directly."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

import qca
from qca.robustness import CalibrationRange, calibration_range

ANCHORS = {"e": 350, "c": 550, "i": 900}


@pytest.fixture(scope="module")
def lipset():
    return qca.datasets.load("LR"), qca.datasets.load("LF")


@pytest.fixture(scope="module")
def swept(lipset):
    lr, lf = lipset
    return calibration_range(lr["DEV"], "e=350, c=550, i=900", lf, "SURV", "DEV", incl_cut=0.8, include="?",
                             step=10, max_runs=5)


def first_model(lr, lf, anchors):  # noqa: D103
    frame = lf.copy()
    frame["DEV"] = np.asarray(qca.calibrate(lr["DEV"], anchors), dtype=float)
    return str(qca.minimize(qca.truth_table(frame, "SURV", incl_cut=0.8), include="?").solutions[0])


def test_bounds_are_where_the_solution_changes(lipset, swept):
    lr, lf = lipset
    r = swept.table
    assert list(r.index) == ["e", "c", "i"] and r.loc["c", "threshold"] == 550
    base = first_model(lr, lf, ANCHORS)
    assert swept.solution == base
    checked = 0
    for name in ("e", "c", "i"):
        for side, beyond, sign in (("lower", "below", -1), ("upper", "above", 1)):
            bound = r.loc[name, side]
            if math.isnan(bound):
                assert r.loc[name, beyond].startswith("M1 unchanged to ")
                far = float(r.loc[name, beyond].rsplit(" ", 1)[1])
                assert far == ANCHORS[name] + sign * 5 * 10
                anchors = dict(ANCHORS, **{name: far})
                try:
                    assert first_model(lr, lf, anchors) == base
                except qca.QCAError:  # pragma: no cover - the sweep would have said so
                    pytest.fail(f"{name} {side}: the analysis fails at {far}")
                continue
            anchors = dict(ANCHORS, **{name: bound})
            assert first_model(lr, lf, anchors) == base
            anchors[name] = bound + sign * 10
            try:
                changed = first_model(lr, lf, anchors) != base
            except qca.QCAError:
                changed = True
            assert changed, (name, side, bound)
            assert r.loc[name, beyond].startswith(f"{bound + sign * 10:g}: ")
            checked += 1
    assert checked >= 1


def test_result_object_prints_and_exports(swept):
    assert isinstance(swept, CalibrationRange)
    with pytest.raises(Exception):
        swept.step = 5  # frozen
    frame = swept.to_frame()
    frame.loc["c", "lower"] = -1.0  # a copy: the result is unchanged
    assert swept.table.loc["c", "lower"] != -1.0
    text = repr(swept)
    assert text.splitlines()[0].startswith("Calibration range of DEV (e=350, c=550, i=900)")
    assert swept.solution in text
    assert "<table>" in swept._repr_html_()
    assert "| anchor" in swept.to_markdown() or "|" in swept.to_markdown().splitlines()[0]
    assert "\\begin{tabular}" in swept.to_latex()
    data = json.loads(swept.to_json())
    assert data["kind"] == "table" and [r["anchor"] for r in data["records"]] == ["e", "c", "i"]
    assert "Analyses:" in swept.summary() and "Thresholds:" in swept.summary()
    assert swept.runs >= 7  # the base run and at least one per anchor and side
    lower, upper = swept.bounds("e")
    assert math.isnan(lower) and upper == swept.table.loc["e", "upper"] == 390
    with pytest.raises(qca.QCAError, match="no anchor 'x'"):
        swept.bounds("x")


def test_exported_at_package_level():
    assert qca.calibration_range is calibration_range
    assert "calibration_range" in qca.__all__ and "CalibrationRange" in qca.__all__


def test_crisp_cut_point_range_is_exact():
    # Y is 1 from raw value 4 on: the cut point may move anywhere in (3, 4] and A stays the solution
    raw = pd.Series([1, 2, 3, 4, 5, 6], index=list("abcdef"), name="A")
    df = pd.DataFrame({"A": [0] * 6, "Y": [0, 0, 0, 1, 1, 1]}, index=list("abcdef"))
    r = calibration_range(raw, 3.5, df, "Y", "A", step=0.25, max_runs=12)
    assert r.solution == "A"
    # at 3 case c joins A without Y: no row is consistent; above 6 every case falls below the cut point
    assert r.bounds("t1") == (3.25, 6.0)
    assert r.table.loc["t1", "below"] == "3: analysis fails: no row has OUT = 1 for Y (incl_cut=1, n_cut=1, pri_cut=0)"
    assert r.table.loc["t1", "above"].startswith("6.25: calibration invalid: cut point 6.25 is outside the range")
    assert r.runs == 1 + 2 + 11  # the given cut point, two steps down, eleven up


def test_raw_series_is_matched_by_case_name(lipset):
    lr, lf = lipset
    shuffled = lr["DEV"].iloc[::-1]
    a = calibration_range(lr["DEV"], "e=350, c=550, i=900", lf, "SURV", "DEV", incl_cut=0.8, include="?",
                          step=50, max_runs=2)
    b = calibration_range(shuffled, "e=350, c=550, i=900", lf, "SURV", "DEV", incl_cut=0.8, include="?",
                          step=50, max_runs=2)
    pd.testing.assert_frame_equal(a.table, b.table)
    with pytest.raises(qca.QCAError, match="no raw value for AU"):
        calibration_range(lr["DEV"].drop("AU"), "e=350, c=550, i=900", lf, "SURV", "DEV")
    with pytest.raises(qca.QCAError, match="19 values for the 18 cases"):
        calibration_range(list(lr["DEV"]) + [1.0], "e=350, c=550, i=900", lf, "SURV", "DEV")


def test_bad_arguments(lipset):
    lr, lf = lipset
    with pytest.raises(qca.QCAError, match="not a column"):
        calibration_range(lr["DEV"], "e=350, c=550, i=900", lf, "SURV", "GDP")
    with pytest.raises(qca.QCAError, match="not among the conditions"):
        calibration_range(lr["DEV"], "e=350, c=550, i=900", lf, "SURV", "DEV", conditions=["URB", "LIT"])
    for step in (0, -1, float("nan"), "10", True):
        with pytest.raises(qca.QCAError, match="positive step"):
            calibration_range(lr["DEV"], "e=350, c=550, i=900", lf, "SURV", "DEV", step=step)
    for runs in (0, 2.5):
        with pytest.raises(qca.QCAError, match="max_runs"):
            calibration_range(lr["DEV"], "e=350, c=550, i=900", lf, "SURV", "DEV", max_runs=runs)
    with pytest.raises(qca.QCAError, match="fails at the given thresholds"):
        calibration_range(lr["DEV"], "e=350, c=900, i=550", lf, "SURV", "DEV")


# ------------------------------------------------------------------ command line

CLI = ["robustness", "LF", "-y", "SURV", "--calibration-range", "DEV", "--raw", "LR",
       "-t", "e=350, c=550, i=900", "--incl-cut", "0.8", "--include", "?", "--step", "10", "--max-runs", "5"]


def run(capsys, *argv):
    from qca.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_gives_the_same_ranges(capsys, swept, tmp_path):
    code, out, _ = run(capsys, *CLI, "--format", "json")
    assert code == 0
    records = {r["anchor"]: r for r in json.loads(out)["records"]}
    for name, row in swept.table.iterrows():
        for col in ("lower", "upper"):
            got = records[name][col]
            assert (got is None and math.isnan(row[col])) or got == row[col]
        assert records[name]["above"] == row["above"]
    code, text, _ = run(capsys, *CLI)
    assert code == 0 and "Calibration range of DEV (e=350, c=550, i=900)" in text
    assert "c               -          550      580" in text
    # raw values from a file, cases matched by name (the file lists them in another order)
    raw = tmp_path / "raw.csv"
    qca.datasets.load("LR").iloc[::-1].to_csv(raw)
    code, out2, _ = run(capsys, *[str(raw) if a == "LR" else a for a in CLI], "--format", "json")
    assert code == 0 and json.loads(out2)["records"] == json.loads(out)["records"]


@pytest.mark.parametrize("extra, message", [
    (["--calibration-range", "DEV"], "needs --thresholds"),
    (["--calibration-range", "DEV", "-t", "e=350, c=550, i=900"], "needs --raw"),
    (["--calibration-range", "DEV", "-t", "e=350, c=550, i=900", "--raw", "Krook"], "no column 'DEV' of raw"),
    (["--calibration-range", "GDP", "-t", "e=1, c=2, i=3"], "not among the conditions"),
    (["--calibration-range", "DEV", "-t", "e=350, c=550, i=900", "--raw", "nowhere.csv"], "--raw: no such file"),
    (["--calibration-range", "DEV", "-t", "e=350, c=550, i=900", "--raw", "LC", "--conditions", "URB,LIT"],
     "not among the conditions"),
    (["--calibration-range", "DEV", "-t", "e=350, c=550, i=900", "--incl-cuts", "1", "0.8"], "sweeps one setting"),
    (["-t", "e=350, c=550, i=900"], "go with --calibration-range"),
])
def test_cli_usage_errors(capsys, extra, message):
    code, _, err = run(capsys, "robustness", "LF", "-y", "SURV", *extra)
    assert code == 2 and message in err
