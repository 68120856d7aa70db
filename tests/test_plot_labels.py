"""Case labels in the XY and calibration plots: cases at one point share a label, and no two labels overlap."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import qca  # noqa: E402
from qca import plot  # noqa: E402


def labels(fig):
    """(text, box on the page as drawn) of every case label, after a real save (the layout is final)."""
    fig.savefig(io.BytesIO(), format="png", dpi=80)
    renderer = fig._get_renderer()
    return [(a.get_text(), a.get_window_extent(renderer)) for a in fig.axes[0].texts
            if type(a).__name__ == "Annotation"]


def overlapping(found):
    return [(a, b) for i, (a, box_a) in enumerate(found) for b, box_b in found[:i] if box_a.overlaps(box_b)]


@pytest.fixture(scope="module")
def crowded():
    """Three cases at one point, two at another, four close together, twelve at one corner."""
    x = [0.2, 0.2, 0.2, 0.8, 0.8, 0.81, 0.79, 0.805, 0.6] + [0.9] * 12
    y = [0.9, 0.9, 0.9, 0.3, 0.3, 0.31, 0.29, 0.3, 0.7] + [0.2] * 12
    return pd.DataFrame({"X": x, "Y": y}, index=[f"c{i}" for i in range(len(x))])


def test_cases_at_one_point_share_one_label(crowded):
    found = labels(plot.xy_plot("X", crowded, "Y", label="all"))
    texts = [t for t, _ in found]
    assert "c0, c1, c2" in texts and "c3, c4" in texts
    corner = [t for t in texts if t.startswith("c9, c10, c11")][0]
    # nine names at most per point, three a line; the rest counted, never dropped silently
    assert corner.splitlines() == ["c9, c10, c11", "c12, c13, c14", "c15, c16", "+ 4 more"]
    named = {n for t in texts for line in t.splitlines() if not line.startswith("+") for n in line.split(", ")}
    assert named == {f"c{i}" for i in range(21)} - {"c17", "c18", "c19", "c20"}
    assert len(found) == 7


def test_no_two_labels_overlap(crowded):
    assert not overlapping(labels(plot.xy_plot("X", crowded, "Y", label="all")))
    lf = qca.datasets.load("LF")
    found = labels(plot.xy_plot("DEV*~IND + URB*STB", lf, "SURV", label="all"))
    assert len(found) == 18 and not overlapping(found)
    # the default names the deviant cases only (in kind and in degree), each once
    assert sorted(t for t, _ in labels(plot.xy_plot("DEV*~IND + URB*STB", lf, "SURV"))) == ["CZ", "FR", "NL", "SE", "UK"]


def test_labels_stay_apart_in_a_small_figure_and_in_given_axes(crowded):
    from matplotlib.figure import Figure

    assert not overlapping(labels(plot.xy_plot("X", crowded, "Y", label="all", figsize=(3.5, 3.5))))
    fig = Figure(figsize=(9, 4), layout="constrained")
    left, right = fig.subplots(1, 2)
    plot.xy_plot("X", crowded, "Y", label="all", ax=right)
    fig.savefig(io.BytesIO(), format="png", dpi=80)
    renderer = fig._get_renderer()
    found = [(a.get_text(), a.get_window_extent(renderer)) for a in right.texts if type(a).__name__ == "Annotation"]
    assert len(found) == 7 and not overlapping(found)


def test_calibration_plot_labels_do_not_overlap():
    lr = qca.datasets.load("LR")
    found = labels(plot.calibration_plot(lr["DEV"], "e=350, c=550, i=900", labels=True))
    assert sorted(t for t, _ in found) == sorted(lr.index) and not overlapping(found)
    twins = pd.Series([1.0, 1.0, 2.0, 3.0], index=["a", "b", "c", "d"])
    found = labels(plot.calibration_plot(twins, "e=1, c=2, i=3", labels=True))
    assert sorted(t for t, _ in found) == ["a, b", "c", "d"]
