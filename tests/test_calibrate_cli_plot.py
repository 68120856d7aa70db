"""`qca calibrate` on the command line, and the calibration plot."""

from __future__ import annotations

import io
import os

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import qca  # noqa: E402
from qca import plot  # noqa: E402
from qca.cli import main  # noqa: E402

LR_ANCHORS = "e=350, c=550, i=900"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def lr_csv(tmp_path):
    path = tmp_path / "LR.csv"
    qca.datasets.load("LR").to_csv(path)
    return path


def test_adds_the_column_to_a_copy(capsys, tmp_path, lr_csv):
    before = lr_csv.read_bytes()
    out = tmp_path / "out.csv"
    code, _, err = run(capsys, "calibrate", str(lr_csv), "--column", "DEV", "--thresholds", LR_ANCHORS,
                       "--name", "DEVf", "-o", str(out))
    assert code == 0, err
    assert lr_csv.read_bytes() == before
    got = pd.read_csv(out, index_col=0)
    lr = qca.datasets.load("LR")
    assert list(got.columns) == [*lr.columns, "DEVf"]
    assert got.index.tolist() == lr.index.tolist()
    np.testing.assert_allclose(got["DEVf"], qca.calibrate(lr["DEV"], LR_ANCHORS), atol=1e-12)
    np.testing.assert_allclose(got["DEV"], lr["DEV"])
    assert "DEVf = calibrate(DEV" in err and str(out) in err


def test_default_name_options_and_bundled_data(capsys, tmp_path):
    out = tmp_path / "out.tsv"
    code, _, err = run(capsys, "calibrate", "LR", "--column", "DEV", "-t", "550, 850", "--type", "crisp",
                       "-o", str(out))
    assert code == 0, err
    got = pd.read_csv(out, sep="\t", index_col=0)
    assert got["DEVc"].tolist() == qca.calibrate(qca.datasets.load("LR")["DEV"], [550, 850], type="crisp").tolist()
    code, text, err = run(capsys, "calibrate", "LR", "--column", "DEV", "-t", LR_ANCHORS, "--linear",
                          "--below", "2", "--above", "0.5")
    assert code == 0, err
    got = pd.read_csv(io.StringIO(text), index_col=0)
    want = qca.calibrate(qca.datasets.load("LR")["DEV"], LR_ANCHORS, logistic=False, below=2, above=0.5)
    np.testing.assert_allclose(got["DEVf"], want, atol=1e-12)
    code, text, err = run(capsys, "calibrate", "LR", "--column", "LIT", "--method", "TFR", "--name", "LITt")
    assert code == 0, err
    np.testing.assert_allclose(pd.read_csv(io.StringIO(text), index_col=0)["LITt"],
                               qca.calibrate(qca.datasets.load("LR")["LIT"], method="TFR"), atol=1e-12)


def test_missing_values_stay_missing(capsys, tmp_path):
    src = tmp_path / "gap.csv"
    src.write_text("case,DEV\nAU,720\nBE,\nCZ,586\nEE,468\n")
    code, text, err = run(capsys, "calibrate", str(src), "--column", "DEV", "-t", LR_ANCHORS)
    assert code == 0, err
    got = pd.read_csv(io.StringIO(text), index_col=0)
    assert got["DEVf"].isna().tolist() == [False, True, False, False]
    assert "1 case(s) missing in DEV stay missing" in err


def test_never_overwrites_the_input(capsys, lr_csv, tmp_path, monkeypatch):
    before = lr_csv.read_bytes()
    for target in (str(lr_csv), str(lr_csv.parent / "." / lr_csv.name)):
        code, out, err = run(capsys, "calibrate", str(lr_csv), "--column", "DEV", "-t", LR_ANCHORS, "-o", target)
        assert code == 2 and "is the input file" in err
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "calibrate", lr_csv.name, "--column", "DEV", "-t", LR_ANCHORS, "-o",
                       os.path.abspath(lr_csv))
    assert code == 2 and "never overwrites" in err
    link = tmp_path / "link.csv"
    try:
        link.symlink_to(lr_csv)
    except OSError:  # pragma: no cover - no symlinks on this file system
        pass
    else:
        code, _, err = run(capsys, "calibrate", str(lr_csv), "--column", "DEV", "-t", LR_ANCHORS, "-o", str(link))
        assert code == 2
    assert lr_csv.read_bytes() == before


@pytest.mark.parametrize("argv, code, message", [
    (["--column", "GDP", "-t", LR_ANCHORS], 2, "--column 'GDP' is not a column"),
    (["--column", "DEV"], 2, "--thresholds is required"),
    (["--column", "DEV", "--method", "TFR", "-t", LR_ANCHORS], 2, "TFR takes no --thresholds"),
    (["--column", "DEV", "-t", LR_ANCHORS, "--name", "URB"], 2, "'URB' is already a column"),
    (["--column", "DEV", "-t", "e=350, c=900, i=550"], 2, "not ordered"),
    (["--column", "DEV", "-t", "e=350, c=5000, i=9000"], 2, "crossover c=5000 is outside the range of column 'DEV'"),
    (["--column", "DEV", "-t", "e=350, c=550, k=900"], 2, "unknown anchor 'k'"),
    (["--column", "DEV", "-t", LR_ANCHORS, "-o", "out.xlsx"], 2, ".csv, .tsv or .txt"),
])
def test_errors(capsys, argv, code, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    got, out, err = run(capsys, "calibrate", "LR", *argv)
    assert got == code and message in err and out == ""


def test_replace_overwrites_only_in_the_copy(capsys):
    code, text, err = run(capsys, "calibrate", "LR", "--column", "DEV", "-t", LR_ANCHORS, "--name", "DEV",
                          "--replace")
    assert code == 0, err
    got = pd.read_csv(io.StringIO(text), index_col=0)
    assert got["DEV"].max() <= 1


def test_text_in_the_column_names_the_case(capsys, tmp_path):
    src = tmp_path / "bad.csv"
    src.write_text("case,DEV\nAU,720\nBE,high\nCZ,586\n")
    code, _, err = run(capsys, "calibrate", str(src), "--column", "DEV", "-t", LR_ANCHORS)
    assert code in (1, 2) and "BE" in err and "high" in err


# --- the plot --------------------------------------------------------------------------------

def render(fig) -> np.ndarray:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=60)
    data = buf.getvalue()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 2000
    import matplotlib.image

    return matplotlib.image.imread(io.BytesIO(data))


def test_calibration_plot_shows_cases_function_and_anchors():
    lr = qca.datasets.load("LR")
    fig = plot.calibration_plot(lr["DEV"], LR_ANCHORS, labels=True)
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert {"e=350", "c=550", "i=900"} <= set(texts)
    assert set(lr.index) <= set(texts)
    points = ax.collections[0].get_offsets()
    np.testing.assert_allclose(points[:, 0], lr["DEV"].astype(float))
    np.testing.assert_allclose(points[:, 1], qca.calibrate(lr["DEV"], LR_ANCHORS))
    curve = ax.lines[0]
    xs, ys = curve.get_xdata(), curve.get_ydata()
    assert np.all(np.diff(ys) >= -1e-12) and ys[np.argmin(np.abs(xs - 550))] == pytest.approx(0.5)
    verticals = sorted(line.get_xdata()[0] for line in ax.lines[1:] if line.get_xdata()[0] == line.get_xdata()[1])
    assert verticals == [350, 550, 900]
    horizontals = sorted(round(line.get_ydata()[0], 6) for line in ax.lines[1:]
                         if line.get_ydata()[0] == line.get_ydata()[1] and line.get_xdata()[0] != line.get_xdata()[1])
    assert horizontals == [0.05, 0.5, 0.95]
    assert "DEV" in ax.get_xlabel() and "e=350, c=550, i=900" in ax.get_title()
    image = render(fig)
    assert image.std() > 0.05  # something is drawn


@pytest.mark.parametrize("kwargs", [
    dict(thresholds="e1=350, c1=450, i1=550, i2=650, c2=750, e2=900"),
    dict(thresholds=[550, 850], type="crisp"),
    dict(thresholds=LR_ANCHORS, logistic=False, ecdf=True),
    dict(method="TFR"),
])
def test_calibration_plot_kinds(kwargs):
    lr = qca.datasets.load("LR")
    fig = plot.calibration_plot(lr["DEV"], **kwargs)
    render(fig)
    assert not [t for t in fig.axes[0].texts if t.get_text() in lr.index]  # labels off by default


def test_calibration_plot_lists_missing_cases_and_checks_labels():
    x = pd.Series([720, np.nan, 468, 590], index=["AU", "BE", "EE", "FI"], name="DEV")
    fig = plot.calibration_plot(x, LR_ANCHORS, labels=["a", "b", "c", "d"])
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "missing raw value: b" in texts and "a" in texts and "b" not in texts
    with pytest.raises(qca.QCAError, match="labels has 2 names for 4 cases"):
        plot.calibration_plot(x, LR_ANCHORS, labels=["a", "b"])
    with pytest.raises(qca.QCAError, match="not ordered"):
        plot.calibration_plot(x, "e=350, c=900, i=550")
