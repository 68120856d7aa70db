"""qca.calibrate: R's calibrate() on the raw Lipset data, properties, and every error.

The reference file ``tests/reference/r-qca/calibrate_LR.json`` is R QCA 3.25.1's
``calibrate()`` on the raw Lipset data (LR; Lipset 1959, as bundled with R's QCA),
copied unchanged from the project's shared reference set. Each entry holds the R
call, the raw ``x`` and R's ``values``; the R call is translated into our
arguments here, so any entry of the same kind is tested without extra code.
"""

from __future__ import annotations

import json
import math
import re
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import qca
from qca import QCAError

REFERENCE = Path(__file__).parent / "reference" / "r-qca" / "calibrate_LR.json"
REF = json.loads(REFERENCE.read_text())


def _r_value(text: str):
    text = text.strip()
    if text in ("TRUE", "FALSE"):
        return text == "TRUE"
    if text.startswith('"') and text.endswith('"'):
        return text[1:-1]
    if text.startswith("c(") and text.endswith(")"):
        return [_r_value(v) for v in text[2:-1].split(",")]
    return float(text)


def r_call_kwargs(call: str) -> dict:
    """Translate ``calibrate(LR$X, type = "fuzzy", thresholds = c(1, 2), idm = 0.99)`` into kwargs."""
    m = re.fullmatch(r"calibrate\((.*)\)", call.strip())
    assert m, call
    parts = re.findall(r'(\w+)\s*=\s*("[^"]*"|c\([^)]*\)|[^,]+)', m.group(1))
    kwargs = {key: _r_value(value) for key, value in parts}
    assert set(kwargs) <= {"type", "method", "thresholds", "logistic", "idm", "ecdf", "below", "above"}, kwargs
    return kwargs


def test_reference_file_has_every_kind():
    calls = " ".join(entry["call"] for entry in REF.values())
    for word in ("logistic = FALSE", "idm", "i=350", "e1=", '"crisp"', "c(550, 850)", "TFR", "indirect"):
        assert word in calls


@pytest.mark.parametrize("name", sorted(REF))
def test_equal_to_r(name):
    entry = REF[name]
    kwargs = r_call_kwargs(entry["call"])
    got = qca.calibrate(entry["x"], **kwargs)
    want = np.array(entry["values"], dtype=float)
    assert isinstance(got, np.ndarray) and got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-6)
    if kwargs.get("type") == "crisp":
        assert got.dtype.kind == "i"


@pytest.mark.parametrize("name", sorted(REF))
def test_equal_to_r_as_series(name):
    entry = REF[name]
    index = [f"case{k}" for k in range(len(entry["x"]))]
    x = pd.Series(entry["x"], index=index, name="RAW")
    got = qca.calibrate(x, **r_call_kwargs(entry["call"]))
    assert isinstance(got, pd.Series)
    assert got.name == "RAW" and got.index.tolist() == index
    np.testing.assert_allclose(got.to_numpy(dtype=float), entry["values"], rtol=0, atol=1e-6)


def test_r_call_translation():
    assert r_call_kwargs('calibrate(LR$DEV, type = "crisp", thresholds = c(550, 850))') == {
        "type": "crisp", "thresholds": [550.0, 850.0]}
    assert r_call_kwargs('calibrate(LR$DEV, thresholds = "e=1, c=2, i=3", logistic = FALSE)') == {
        "thresholds": "e=1, c=2, i=3", "logistic": False}


# --- the same numbers however the thresholds are written -------------------------------------

DEV = REF["DEV_direct_e350_c550_i900"]["x"]
DEV_R = np.array(REF["DEV_direct_e350_c550_i900"]["values"])


@pytest.mark.parametrize("thresholds", [
    "e=350, c=550, i=900", "c=550, i=900, e=350", "e=350,c=550,i=900", "e = 350 ; c = 550 ; i = 900",
    {"e": 350, "c": 550, "i": 900}, {"i": 900, "e": 350, "c": 550}, [350, 550, 900], (350, 550, 900),
    np.array([350, 550, 900]), "350, 550, 900", {"e": "350", "c": "550", "i": "900"},
])
def test_threshold_spellings(thresholds):
    np.testing.assert_allclose(qca.calibrate(DEV, thresholds), DEV_R, atol=1e-12)


def test_bell_as_dict_and_list():
    want = REF["DEV_bell"]["values"]
    anchors = dict(e1=350, c1=450, i1=550, i2=650, c2=750, e2=900)
    np.testing.assert_allclose(qca.calibrate(DEV, anchors), want, atol=1e-12)
    np.testing.assert_allclose(qca.calibrate(DEV, list(anchors.values())), want, atol=1e-12)
    shuffled = "c2=750, e1=350, i2=650, c1=450, e2=900, i1=550"
    np.testing.assert_allclose(qca.calibrate(DEV, shuffled), want, atol=1e-12)


def test_inverse_bell_mirrors_bell():
    bell = qca.calibrate(DEV, "e1=350, c1=450, i1=550, i2=650, c2=750, e2=900")
    inverse = qca.calibrate(DEV, "i1=350, c1=450, e1=550, e2=650, c2=750, i2=900")
    np.testing.assert_allclose(inverse, 1 - bell, atol=1e-12)


def test_linear_shape_exponents():
    x = np.array([350, 450, 550, 725, 900])
    np.testing.assert_allclose(qca.calibrate(x, "e=350, c=550, i=900", logistic=False, below=2, above=3),
                               [0, 0.5 * 0.5 ** 2, 0.5, 1 - 0.5 * 0.5 ** 3, 1])
    # decreasing: the same exponents, mirrored
    np.testing.assert_allclose(qca.calibrate(x, "i=350, c=550, e=900", logistic=False, below=2, above=3),
                               [1, 1 - 0.5 * 0.5 ** 3, 0.5, 0.5 * 0.5 ** 2, 0])


def test_ecdf_follows_the_distribution_between_anchors():
    # values between the anchors 0 and 10: 0, 2, 4, 5, 8, 10 (and -5, 20 outside)
    x = np.array([-5, 0, 2, 4, 5, 8, 10, 20], dtype=float)
    got = qca.calibrate(x, "e=0, c=5, i=10", logistic=False, ecdf=True)
    fn = {0: 1 / 6, 2: 2 / 6, 4: 3 / 6, 5: 4 / 6, 8: 5 / 6, 10: 1.0}
    fc = fn[5]
    want = [0, 0, fn[2] / fc / 2, fn[4] / fc / 2, 0.5, 1 - (1 - fn[8]) / (1 - fc) / 2, 1, 1]
    np.testing.assert_allclose(got, want, atol=1e-12)
    dec = qca.calibrate(x, "i=0, c=5, e=10", logistic=False, ecdf=True)
    want_dec = [1, 1, 1 - fn[2] / fc / 2, 1 - fn[4] / fc / 2, 0.5, (1 - fn[8]) / (1 - fc) / 2, 0, 0]
    np.testing.assert_allclose(dec, want_dec, atol=1e-12)


def test_ecdf_with_logistic_warns_and_is_ignored():
    with pytest.warns(UserWarning, match="ecdf=True applies only"):
        got = qca.calibrate(DEV, "e=350, c=550, i=900", ecdf=True)
    np.testing.assert_allclose(got, DEV_R, atol=1e-12)


def test_crisp_levels_count_cut_points_at_or_below():
    x = [1, 2, 3, 4, 5]
    assert qca.calibrate(x, 3, type="crisp").tolist() == [0, 0, 1, 1, 1]
    assert qca.calibrate(x, [4, 2], type="crisp").tolist() == [0, 1, 1, 2, 2]
    assert qca.calibrate(x, "2, 4", type="crisp").tolist() == [0, 1, 1, 2, 2]


def test_tfr_rescales_above_the_lowest_category():
    x = [1, 1, 2, 3, 4, 5, 5, None]
    got = qca.calibrate(x, method="TFR")
    # E(1) = 2/7; E(x) - E(1) over 1 - E(1)
    want = [0, 0, 1 / 5, 2 / 5, 3 / 5, 1, 1, np.nan]
    np.testing.assert_allclose(got, want, atol=1e-12)


def test_indirect_matches_r_with_missing_values_kept_in_place():
    entry = REF["LIT_indirect_50_75_90"]
    x = list(entry["x"])
    with_gap = x[:3] + [None] + x[3:]
    got = qca.calibrate(with_gap, [50, 75, 90], method="indirect")
    assert math.isnan(got[3])
    np.testing.assert_allclose(np.delete(got, 3), entry["values"], atol=1e-6)


def test_indirect_without_statsmodels_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "statsmodels.api", None)
    with pytest.raises(QCAError, match=r'pip install "qca\[calibrate\]"'):
        qca.calibrate(REF["LIT_indirect_50_75_90"]["x"], [50, 75, 90], method="indirect")


# --- missing values stay missing --------------------------------------------------------------

@pytest.mark.parametrize("kwargs", [
    dict(thresholds="e=350, c=550, i=900"),
    dict(thresholds="e=350, c=550, i=900", logistic=False),
    dict(thresholds="e=350, c=550, i=900", logistic=False, ecdf=True),
    dict(thresholds="i=350, c=550, e=900"),
    dict(thresholds="e1=350, c1=450, i1=550, i2=650, c2=750, e2=900"),
    dict(thresholds=[550, 850], type="crisp"),
    dict(method="TFR"),
])
def test_missing_values_stay_missing(kwargs):
    x = pd.Series(DEV, index=[f"c{k}" for k in range(len(DEV))], name="DEV", dtype=float)
    full = qca.calibrate(x, **kwargs)
    gappy = x.copy()
    gappy.iloc[[0, 5]] = np.nan
    got = qca.calibrate(gappy, **kwargs)
    assert got.isna().tolist() == gappy.isna().tolist()
    if kwargs.get("method") != "TFR" and not kwargs.get("ecdf"):  # these two depend on the other cases
        pd.testing.assert_series_equal(got.drop(["c0", "c5"]), full.drop(["c0", "c5"]), check_dtype=False)


def test_missing_spellings_in_text_columns():
    x = pd.Series(["720", "", None, "NA", 468.0], index=list("abcde"), dtype=object)
    got = qca.calibrate(x, "e=350, c=550, i=900")
    assert got.isna().tolist() == [False, True, True, True, False]
    np.testing.assert_allclose(got[["a", "e"]], [DEV_R[0], DEV_R[3]], atol=1e-12)


def test_pandas_nullable_and_integer_input():
    x = pd.Series(pd.array([720, None, 468], dtype="Int64"), index=["AU", "BE", "EE"], name="DEV")
    got = qca.calibrate(x, "e=350, c=550, i=900")
    assert got.index.tolist() == ["AU", "BE", "EE"] and got.name == "DEV"
    assert math.isnan(got["BE"]) and abs(got["AU"] - DEV_R[0]) < 1e-12


# --- properties ------------------------------------------------------------------------------

ordered = st.lists(st.integers(-10_000, 10_000), min_size=3, max_size=3, unique=True).map(sorted)
raw = st.lists(st.floats(-20_000, 20_000, allow_nan=False), min_size=1, max_size=30)
idms = st.floats(0.5001, 0.9999, exclude_min=True, exclude_max=True)


def _with(values, *extra):
    return np.array(list(values) + list(extra), dtype=float)


@settings(max_examples=150, deadline=None)
@given(anchors=ordered, x=raw, idm=idms, logistic=st.booleans())
def test_monotone_in_x_for_increasing_anchors(anchors, x, idm, logistic):
    e, c, i = anchors
    xs = np.sort(_with(x, c))
    fs = qca.calibrate(xs, f"e={e}, c={c}, i={i}", idm=idm, logistic=logistic)
    assert np.all(np.diff(fs) >= -1e-12)
    assert np.all((fs >= 0) & (fs <= 1))


@settings(max_examples=150, deadline=None)
@given(anchors=ordered, x=raw, idm=idms)
def test_anchor_values(anchors, x, idm):
    e, c, i = anchors
    xs = _with(x, e, c, i)
    fs = qca.calibrate(xs, {"e": e, "c": c, "i": i}, idm=idm)
    assume(1 - idm >= 0.0001 + 1e-9)  # R rounds memberships below 0.0001 to 0
    assert fs[-2] == pytest.approx(0.5, abs=1e-12)
    assert fs[-1] == pytest.approx(idm, abs=1e-9)
    assert fs[-3] == pytest.approx(1 - idm, abs=1e-9)
    lin = qca.calibrate(xs, {"e": e, "c": c, "i": i}, logistic=False)
    assert lin[-3:].tolist() == [0.0, 0.5, 1.0]


@settings(max_examples=150, deadline=None)
@given(anchors=ordered, x=raw, idm=idms, logistic=st.booleans(),
       below=st.floats(0.2, 5), above=st.floats(0.2, 5))
def test_decreasing_mirrors_increasing(anchors, x, idm, logistic, below, above):
    e, c, i = anchors
    xs = _with(x, c)
    up = qca.calibrate(xs, f"e={e}, c={c}, i={i}", idm=idm, logistic=logistic, below=below, above=above)
    down = qca.calibrate(xs, f"i={e}, c={c}, e={i}", idm=idm, logistic=logistic, below=above, above=below)
    near_cut = (np.abs(up - 0.0001) < 1e-9) | (np.abs(up - 0.9999) < 1e-9)
    np.testing.assert_allclose(down[~near_cut], 1 - up[~near_cut], atol=1e-9)


@settings(max_examples=100, deadline=None)
@given(anchors=st.lists(st.integers(-1000, 1000), min_size=5, max_size=5, unique=True).map(sorted),
       x=raw, below=st.floats(0.2, 5), above=st.floats(0.2, 5))
def test_bell_between_zero_and_one_and_full_on_its_plateau(anchors, x, below, above):
    e1, c1, i1, c2, e2 = anchors
    xs = _with(x, c1, c2, i1)
    fs = qca.calibrate(xs, [e1, c1, i1, i1, c2, e2], below=below, above=above)
    assert np.all((fs >= 0) & (fs <= 1))
    assert fs[-3] == pytest.approx(0.5) and fs[-2] == pytest.approx(0.5) and fs[-1] == 1
    inside = (xs >= i1 - 1e-9) & (xs <= i1 + 1e-9)
    assert np.all(fs[inside] == 1)
    outside = (xs <= e1) | (xs >= e2)
    assert np.all(fs[outside] == 0)


@settings(max_examples=100, deadline=None)
@given(x=st.lists(st.integers(-100, 100), min_size=2, max_size=30), data=st.data())
def test_crisp_levels(x, data):
    lo, hi = min(x), max(x)
    cuts = data.draw(st.lists(st.integers(lo, hi), min_size=1, max_size=4, unique=True))
    got = qca.calibrate(x, cuts, type="crisp")
    assert got.tolist() == [sum(v >= t for t in cuts) for v in x]


# --- errors ----------------------------------------------------------------------------------

@pytest.mark.parametrize("thresholds, message", [
    ("e=350, c=900, i=550", r"thresholds e=350, c=900, i=550 are not ordered"),
    ("e=550, c=350, i=900", r"not ordered"),
    ("e=350, c=350, i=900", r"not ordered"),
    ([900, 350, 550], r"thresholds e=900, c=350, i=550 are not ordered"),
    ("e=350, c=550", r"anchor i missing"),
    ({"c": 550}, r"anchors e, i missing"),
    ("e=350, c=550, x=900", r"unknown anchor 'x'"),
    ("E=350, C=550, I=900", r"unknown anchor 'E'"),
    ("e=350, c=550, i=900, e=400", r"anchor 'e' is given twice"),
    ("e=350, c=550, i=abc", r"i='abc'.*not a number"),
    ("e=350, 550, i=900", r"mix named anchors with plain values \(550\)"),
    ("e=350, c1=550, i=900", r"mix the anchors e, c, i with the bell-shaped"),
    ("e=350, c=1500, i=2000", r"crossover c=1500 is outside the range of x \(320 to 1098\)"),
    ("i=100, c=200, e=350", r"crossover c=200 is outside the range"),
    ("e1=350, c1=450, i1=550, i2=650, c2=1200, e2=1300", r"crossover c2=1200 is outside the range"),
    ("e1=350, c1=450, i1=550, i2=500, c2=750, e2=900", r"bell-shaped thresholds .* not ordered"),
    ("e1=350, c1=450, i1=550, i2=650, c2=750, e2=700", r"not ordered"),
    ("i1=350, c1=450, e1=550, e2=500, c2=750, i2=900", r"inverse bell-shaped thresholds .* not ordered"),
    ("350, 550, 900, 1000", r"needs 3 anchors .* or 6 .*got 4"),
    ("", r"empty"),
    ("e=350,, i=900", r"empty entry"),
    ("=350, c=550, i=900", r"no anchor name"),
    (None, r"no thresholds given"),
    ([], r"no thresholds given"),
    ("e=350, c=550, i=inf", r"finite"),
    ({1: 350, "c": 550, "i": 900}, r"threshold name 1 is not text"),
    (object(), r"not understood"),
    ([[350, 550, 900]], r"not a number"),
    (True, r"not understood|not a number"),
])
def test_bad_thresholds(thresholds, message):
    with pytest.raises(QCAError, match=message):
        qca.calibrate(DEV, thresholds)


def test_crossover_error_names_the_column():
    x = pd.Series(DEV, name="DEV")
    with pytest.raises(QCAError, match=r"crossover c=2000 is outside the range of column 'DEV' \(320 to 1098\)"):
        qca.calibrate(x, "e=100, c=2000, i=3000")


@pytest.mark.parametrize("x, message", [
    (pd.Series([720, "abc", 350], index=["AU", "BE", "CZ"], name="DEV"),
     r"column 'DEV' has the value 'abc' at case 'BE', which is not a number"),
    (["720", "1,000", 350], r"x has the value '1,000' at position 1"),
    ([720, float("inf"), 350], r"inf at position 1.*finite"),
    ([], r"no values"),
    ([None, np.nan], r"only missing values"),
    ([[1, 2], [3, 4]], r"one column.*shape \(2, 2\)"),
    ("720, 350", r"x is the text"),
    (pd.DataFrame({"DEV": [1, 2]}), r"DataFrame: calibrate one column at a time"),
    ([720, {"a": 1}, 350], r"not a number"),
])
def test_bad_x(x, message):
    with pytest.raises(QCAError, match=message):
        qca.calibrate(x, "e=350, c=550, i=900")


@pytest.mark.parametrize("kwargs, message", [
    (dict(thresholds="e=350, c=550, i=900", idm=0.5), r"idm=0.5: .*above 0.5 and below 1"),
    (dict(thresholds="e=350, c=550, i=900", idm=1), r"idm=1"),
    (dict(thresholds="e=350, c=550, i=900", idm="0.9"), r"idm='0.9'"),
    (dict(thresholds="e=350, c=550, i=900", logistic=False, below=0), r"below=0: .*positive"),
    (dict(thresholds="e=350, c=550, i=900", logistic=False, above=-1), r"above=-1"),
    (dict(thresholds="e1=350, c1=450, i1=550, i2=650, c2=750, e2=900", above=float("nan")), r"above=nan"),
    (dict(thresholds="e=350, c=550, i=900", type="fuzzzy"), r"type='fuzzzy' is not a calibration type"),
    (dict(thresholds="e=350, c=550, i=900", method="logit"), r"method='logit' is not a calibration method"),
    (dict(thresholds=200, type="crisp"), r"cut point 200 is outside the range of x \(320 to 1098\)"),
    (dict(thresholds=[550, 1100], type="crisp"), r"cut point 1100 is outside"),
    (dict(thresholds=[550, 550], type="crisp"), r"cut point 550 is given twice"),
    (dict(thresholds="c=550", type="crisp"), r"named thresholds .* require type='fuzzy'"),
    (dict(thresholds=550, type="crisp", method="indirect"), r"crisp calibration takes only cut points"),
    (dict(thresholds=None, type="crisp", method="TFR"), r'TFR" gives fuzzy memberships'),
    (dict(thresholds="e=350, c=550, i=900", method="TFR"), r"TFR\" takes no thresholds"),
    (dict(thresholds="e=350, c=550, i=900", method="indirect"), r"indirect method takes plain cut points"),
])
def test_bad_arguments(kwargs, message):
    with pytest.raises(QCAError, match=message):
        qca.calibrate(DEV, **kwargs)


def test_indirect_refuses_negative_values():
    with pytest.raises(QCAError, match=r"must not be negative; found -3"):
        qca.calibrate([-3, 1, 5, 10, 20], [2, 8], method="indirect")


def test_tfr_needs_values_above_one():
    with pytest.raises(QCAError, match=r"no value is above 1"):
        qca.calibrate([0, 0.5, 1], method="TFR")


def test_ecdf_needs_values_between_the_anchors():
    with pytest.raises(QCAError, match=r"ecdf=True needs values of x between the anchors 100 and 200"):
        qca.calibrate([10, 20, 300], "e=100, c=150, i=200", logistic=False, ecdf=True)


def test_input_is_not_changed():
    x = pd.Series([0.0, 40, np.nan, 60, 80, 95, 99], name="LIT")
    before = x.copy()
    got = qca.calibrate(x, [50, 75, 90], method="indirect")
    pd.testing.assert_series_equal(x, before)
    assert got.notna().sum() == 6


def test_no_warnings_on_ordinary_use():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for entry in REF.values():
            qca.calibrate(entry["x"], **r_call_kwargs(entry["call"]))


def test_a_value_just_past_an_anchor_within_tolerance_is_not_nan():
    """Found by hypothesis: x = 8.3e-210 is R-equal to the anchor 0 but just above it; the
    fractional power of the tiny negative ratio was NaN."""
    x = np.array([8.286698851577776e-210, -3, -1, -2])
    fs = qca.calibrate(x, [-4, -3, -2, -2, -1, 0], below=0.5, above=1.0)
    assert fs.tolist() == [0.0, 0.5, 0.5, 1.0]
