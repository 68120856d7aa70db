"""calibration_range (SetMethods' rob.calibrange) on the Lipset data: bounds checked directly."""

from __future__ import annotations

import math

import numpy as np
import pytest

import qca
from qca.robustness import calibration_range


def first_model(lr, lf, anchors):  # noqa: D103
    frame = lf.copy()
    frame["DEV"] = np.asarray(qca.calibrate(lr["DEV"], anchors), dtype=float)
    return str(qca.minimize(qca.truth_table(frame, "SURV", incl_cut=0.8), include="?").solutions[0])


def test_bounds_are_where_the_solution_changes():
    lr, lf = qca.datasets.load("LR"), qca.datasets.load("LF")
    r = calibration_range(lr["DEV"], "e=350, c=550, i=900", lf, "SURV", "DEV", incl_cut=0.8, include="?",
                          step=10, max_runs=5)
    assert list(r.index) == ["e", "c", "i"] and r.loc["c", "threshold"] == 550
    base = first_model(lr, lf, {"e": 350, "c": 550, "i": 900})
    checked = 0
    for name in ("e", "c", "i"):
        for side, sign in (("lower", -1), ("upper", 1)):
            bound = r.loc[name, side]
            if math.isnan(bound):
                continue
            anchors = {"e": 350, "c": 550, "i": 900}
            anchors[name] = bound
            assert first_model(lr, lf, anchors) == base
            anchors[name] = bound + sign * 10
            try:
                changed = first_model(lr, lf, anchors) != base
            except qca.QCAError:
                changed = True
            assert changed, (name, side, bound)
            checked += 1
    assert checked >= 1


def test_bad_arguments():
    lr, lf = qca.datasets.load("LR"), qca.datasets.load("LF")
    with pytest.raises(qca.QCAError, match="not a column"):
        calibration_range(lr["DEV"], "e=350, c=550, i=900", lf, "SURV", "GDP")
    with pytest.raises(qca.QCAError, match="positive step"):
        calibration_range(lr["DEV"], "e=350, c=550, i=900", lf, "SURV", "DEV", step=0)
