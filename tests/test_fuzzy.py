"""Fuzzy sets end to end: kinds of set, truth table, fit, necessity, superSubset, case types, plots, CLI.

R's own results on the fuzzy Lipset data (LF_*) are checked in test_reference_r.py; the
figures here that come from R are marked as such.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import qca
from qca import QCAError, datasets
from qca.data import prepare
from qca.sets import detect_kind, read_set
from qca.truth_table import _build

LF = datasets.load("LF")


# --------------------------------------------------------------- kinds of set
def test_kinds_are_detected_per_column():
    df = pd.DataFrame({"A": [1, 0, 1], "B": [0.2, 0.9, 1.0], "Y": [0.0, 1.0, None]}, index=list("xyz"))
    assert [read_set(df, c).kind for c in df] == ["crisp", "fuzzy", "crisp"]
    assert prepare(df, "Y", missing="drop").kinds == ("crisp", "fuzzy", "crisp")


@pytest.mark.parametrize("value, message", [
    (1.2, r"column 'B', case 'y': membership 1.2 is outside \[0, 1\]"),
    (-0.3, r"column 'B', case 'y': membership -0.3 is outside \[0, 1\]"),
    ("high", r"column 'B', case 'y': text code 'high' is not a set membership"),
])
def test_bad_fuzzy_value_names_case_column_and_value(value, message):
    df = pd.DataFrame({"A": [1, 0, 1], "B": [0.2, 0.3, 0.8], "Y": [1, 0, 1]}, index=list("xyz"))
    df["B"] = df["B"].astype(object)
    df.loc["y", "B"] = value
    for call in (lambda: qca.truth_table(df, "Y"), lambda: qca.fit("B", df, "Y"),
                 lambda: qca.necessity(df, "Y"), lambda: qca.case_types(df, "B", "Y")):
        with pytest.raises(QCAError, match=message):
            call()


def test_integer_codes_above_one_are_not_fuzzy():
    # whole-number levels 0..m-1 are a multi-value set (issue 13); with a gap they are an error
    assert detect_kind(np.array([0.0, 1.0, 2.0]), "A", ["a", "b", "c"]) == "multivalue"
    with pytest.raises(QCAError, match=r"column 'A', case 'c': code 3 is not crisp"):
        detect_kind(np.array([0.0, 1.0, 3.0]), "A", ["a", "b", "c"])


# --------------------------------------------------------------- truth table
def test_lipset_fuzzy_truth_table_as_r():
    tt = qca.truth_table(LF, "SURV", incl_cut=0.8)
    t = tt.table
    # R 3.25.1, truthTable(LF, "SURV", incl.cut = 0.8): rows, n, incl, PRI (LF_SURV_conservative.json)
    assert t.index.tolist() == [1, 2, 5, 6, 22, 23, 24, 31, 32]
    assert t["n"].tolist() == [3, 2, 2, 1, 2, 1, 2, 1, 4]
    assert t.loc[22, "incl"] == pytest.approx(0.804270462633452, abs=1e-12)
    assert t.loc[22, "PRI"] == pytest.approx(0.719387755102041, abs=1e-12)
    assert t.loc[31, "PRI"] == pytest.approx(0.0499999999999999, abs=1e-12)
    assert t.loc[32, "cases"] == ["BE", "CZ", "NL", "UK"]
    assert t["OUT"].tolist() == ["0", "0", "0", "0", "1", "0", "0", "0", "1"]
    assert tt.dcc.loc[1] == ["GR", "PT", "ES"] and tt.dcc.loc[32] == []


def test_incl_sums_over_every_case_not_only_the_rows_cases():
    df = pd.DataFrame({"A": [0.9, 0.7, 0.2], "Y": [0.8, 0.1, 0.6]}, index=list("pqr"))
    t = qca.truth_table(df, "Y").table
    # row A=1: memberships in A are 0.9, 0.7, 0.2 -> incl = (0.8 + 0.1 + 0.2) / 1.8
    assert t.loc[2, "incl"] == pytest.approx(1.1 / 1.8)
    assert t.loc[2, "n"] == 2 and t.loc[2, "cases"] == ["p", "q"]
    # PRI = (sum min(X,Y) - sum min(X,Y,~Y)) / (sum X - sum min(X,Y,~Y))
    both = min(0.9, 0.8, 0.2) + min(0.7, 0.1, 0.9) + min(0.2, 0.6, 0.4)
    assert t.loc[2, "PRI"] == pytest.approx((1.1 - both) / (1.8 - both))


def test_a_membership_of_one_half_puts_the_case_in_no_row_and_says_so():
    df = pd.DataFrame({"A": [0.9, 0.5, 0.2, 0.3], "B": [0.8, 0.6, 0.5, 0.1], "Y": [0.7, 0.4, 0.2, 0.1]},
                      index=["p", "q", "r", "s"])
    tt = qca.truth_table(df, "Y")
    listed = {c for cases in tt.table["cases"] for c in cases}
    assert listed == {"p", "s"} and tt.table["n"].sum() == 2
    assert tt.ambiguous["conditions"].to_dict() == {"q": ("A",), "r": ("B",)}
    text = str(tt)
    assert "in no row (membership exactly 0.5 in a condition): q (A); r (B)" in text
    # ... but they still count in incl: row 4 (A=1, B=1) sums over p, q, r, s
    x = np.minimum([0.9, 0.5, 0.2, 0.3], [0.8, 0.6, 0.5, 0.1])
    y = np.array([0.7, 0.4, 0.2, 0.1])
    assert tt.table.loc[4, "incl"] == pytest.approx(np.minimum(x, y).sum() / x.sum())


def test_printout_lists_deviant_cases_of_positive_rows():
    tt = qca.truth_table(LF, "SURV", incl_cut=0.7)
    assert "fuzzy sets: DEV, URB, LIT, IND, STB, SURV" in str(tt)
    # row 24 (FR, SE) passes 0.7; no case of it is below 0.5 in SURV
    assert tt.table.loc[24, "OUT"] == "1" and tt.dcc.loc[24] == []


def test_fuzzy_minimization_as_r_on_lipset():
    tt = qca.truth_table(LF, "SURV", incl_cut=0.8)
    sol = qca.minimize(tt, include="?")
    assert [str(s) for s in sol.solutions] == ["DEV*~IND + URB*STB"]
    f = sol.model_fit(0).to_frame()
    # R 3.25.1 (LF_SURV_parsimonious.json)
    assert f.loc["DEV*~IND", "covU"] == pytest.approx(0.193661971830986, abs=1e-9)
    assert f.loc["DEV*~IND + URB*STB", "inclS"] == pytest.approx(0.85034965034965, abs=1e-9)
    assert f.loc["DEV*~IND + URB*STB", "PRI"] == pytest.approx(0.81864406779661, abs=1e-9)
    assert f.loc["URB*STB", "cases"] == ["BE", "CZ", "NL", "UK"]
    inter = qca.minimize(tt, include="?", dir_exp="DEV, URB, LIT, IND, STB")
    assert [str(s) for s in inter.solutions] == ["DEV*URB*LIT*STB + DEV*LIT*~IND*STB"]
    assert inter.intermediate["C1P1"].easy_counterfactuals.index.tolist() == [30]


# --------------------------------------------------------------- fit
def test_fit_equals_the_formulas_and_minimize():
    f = qca.fit("DEV*~IND + URB*STB", LF, "SURV").to_frame()
    x1 = np.minimum(LF["DEV"], 1 - LF["IND"]).to_numpy()
    x2 = np.minimum(LF["URB"], LF["STB"]).to_numpy()
    y = LF["SURV"].to_numpy()
    whole = np.maximum(x1, x2)
    assert f.loc["DEV*~IND", "inclS"] == pytest.approx(np.minimum(x1, y).sum() / x1.sum())
    assert f.loc["DEV*~IND", "covU"] == pytest.approx(
        (np.minimum(whole, y).sum() - np.minimum(x2, y).sum()) / y.sum())
    sol = qca.minimize(qca.truth_table(LF, "SURV", incl_cut=0.8), include="?")
    m = sol.model_fit(0).to_frame()
    cols = ["inclS", "PRI", "covS", "covU"]
    pd.testing.assert_frame_equal(f[cols], m[cols], check_exact=False, atol=1e-12)


def test_necessity_on_fuzzy_data():
    nec = qca.necessity(LF, "SURV").to_frame()
    x, y = LF["STB"].to_numpy(), LF["SURV"].to_numpy()
    xy = np.minimum(x, y).sum()
    assert nec.loc["STB", "inclN"] == pytest.approx(xy / y.sum())
    assert nec.loc["STB", "covN"] == pytest.approx(xy / x.sum())
    assert nec.loc["STB", "RoN"] == pytest.approx((1 - x).sum() / (1 - np.minimum(x, y)).sum())
    ss = qca.super_subset(LF, "SURV", incl_cut=0.9).to_frame().set_index("expression")
    assert ss.loc["STB", "inclN"] == pytest.approx(nec.loc["STB", "inclN"])
    for expr, row in ss.iterrows():
        again = qca.fit(expr, LF, "SURV", relation="necessity").to_frame().iloc[-1]
        assert row["inclN"] == pytest.approx(again["inclN"]) and row["covN"] == pytest.approx(again["covN"])
        assert row["inclN"] >= 0.9 - 1e-9


def test_super_subset_sufficiency_on_fuzzy_data_matches_fit():
    ss = qca.super_subset(LF, "SURV", relation="sufficiency", incl_cut=0.85).to_frame()
    assert len(ss)
    for _, row in ss.iterrows():
        f = qca.fit(row["expression"], LF, "SURV").to_frame().iloc[0]
        assert row["inclS"] == pytest.approx(f["inclS"]) and row["PRI"] == pytest.approx(f["PRI"])
        assert row["covS"] == pytest.approx(f["covS"])


def test_kleene_logic_with_missing_fuzzy_values():
    df = pd.DataFrame({"A": [0.8, 0.0, np.nan, 0.6], "B": [0.3, np.nan, 1.0, np.nan], "Y": [0.9, 0.2, 0.7, 0.4]},
                      index=list("pqrs"))
    m = qca.parse("A*B").membership(df)
    assert m.tolist()[:2] == [0.3, 0.0] and np.isnan(m["r"]) and np.isnan(m["s"])
    assert qca.parse("A + B").membership(df)["r"] == 1.0  # a known 1 decides an OR
    f = qca.fit("A*B", df, "Y")
    assert f.undecided["A*B"] == ["r", "s"]
    # p and q are decided: incl = (min(.3,.9) + 0) / (.3 + 0)
    assert f.to_frame().loc["A*B", "inclS"] == pytest.approx(1.0)


# --------------------------------------------------------------- case types
def test_case_types_on_fuzzy_lipset():
    ct = qca.case_types(LF, "DEV*~IND + URB*STB", "SURV")
    f = ct.to_frame()
    assert ct.cases("typical") == ["BE", "FI", "IE"]
    assert ct.cases("deviant coverage") == ["FR", "SE"]
    assert ct.cases("deviant consistency in degree") == ["CZ", "NL", "UK"]
    assert f.loc["FR", "X"] == pytest.approx(0.19)
    assert set(ct.memberships.columns) >= {"DEV", "IND", "URB", "STB", "DEV*~IND", "URB*STB", "X", "Y"}
    typ = ct.typical()
    assert typ.loc[typ["most_typical"], "case"].tolist() == ["IE", "BE"]
    assert typ.loc[0, "best"] == pytest.approx(2 * (0.92 - 0.72) + (1 - 0.72))
    dcv = ct.deviant_coverage()
    assert dcv["case"].tolist() == ["FR", "SE"] and dcv["most_deviant"].tolist() == [True, False]
    assert ct.deviant_consistency().empty
    assert set(ct.irrelevant()["case"]) == set(ct.cases("individually irrelevant"))


def test_robustness_and_theory_on_fuzzy_data():
    rob = qca.robustness(LF, "SURV", incl_cut=[0.75, 0.8, 0.85], include="?")
    assert rob.to_frame().loc["incl_cut=0.8, n_cut=1", "solutions"] == ["DEV*~IND + URB*STB"]
    ev = qca.theory_evaluation(LF, "DEV*STB", "DEV*~IND + URB*STB", outcome="SURV")
    frame = ev.to_frame()
    assert frame.loc["T*S", "with outcome"] == ["BE", "CZ", "FI", "IE", "NL", "UK"]
    assert math.isclose(frame.loc["T*S", "inclS"], qca.fit("DEV*STB*~IND + DEV*STB*URB", LF, "SURV")
                        .to_frame().iloc[-1]["inclS"], rel_tol=1e-12)


# --------------------------------------------------------------- plots and CLI
def test_xy_plot_names_quadrants_and_deviant_cases():
    pytest.importorskip("matplotlib")
    import qca.plot

    fig = qca.plot.xy_plot("DEV*~IND + URB*STB", LF, "SURV")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "typical (3)" in texts and "deviant coverage (2)" in texts
    assert {"FR", "SE", "CZ", "NL", "UK"} <= set(texts) and "BE" not in texts
    assert "inclS 0.850, covS 0.714" in fig.axes[0].get_title()
    sol = qca.minimize(qca.truth_table(LF, "SURV", incl_cut=0.8), include="?")
    fig2 = qca.plot.solution_plot(sol)  # fuzzy data -> the XY plot
    assert "typical (3)" in [t.get_text() for t in fig2.axes[0].texts]


def test_cli_reads_fuzzy_data(tmp_path, capsys):
    from qca.cli import main

    path = tmp_path / "lf.csv"
    LF.to_csv(path)
    assert main(["minimize", str(path), "--outcome", "SURV", "--incl-cut", "0.8", "--include", "?"]) == 0
    assert "DEV*~IND + URB*STB" in capsys.readouterr().out
    bad = LF.copy()
    bad.loc["IT", "URB"] = 1.4
    bad.to_csv(path)
    assert main(["truth-table", str(path), "--outcome", "SURV"]) != 0
    assert "column 'URB': 1.4 is outside [0, 1]" in capsys.readouterr().err


# --------------------------------------------------------------- properties
@st.composite
def fuzzy_frames(draw, crisp=False):
    k = draw(st.integers(1, 4))
    n = draw(st.integers(2, 12))
    values = st.sampled_from([0.0, 1.0]) if crisp else st.floats(0, 1).map(lambda v: round(v, 2))
    cols = {f"C{i}": draw(st.lists(values, min_size=n, max_size=n)) for i in range(k)}
    cols["Y"] = draw(st.lists(values, min_size=n, max_size=n))
    return pd.DataFrame(cols, index=[f"c{i}" for i in range(n)])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fuzzy_frames(crisp=True))
def test_zero_one_data_through_the_fuzzy_formulas_give_the_crisp_table(df):
    cd = prepare(df, "Y")
    crisp = _build(cd, 0.8, 0.8, 1, 0.0).table
    as_fuzzy = dataclasses.replace(cd, kinds=("fuzzy",) * len(cd.kinds))
    fuzzy = _build(as_fuzzy, 0.8, 0.8, 1, 0.0).table
    pd.testing.assert_frame_equal(crisp, fuzzy, check_exact=False, atol=1e-12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fuzzy_frames(crisp=True))
def test_zero_one_data_give_the_same_fit_as_floats_and_as_integers(df):
    expr = " + ".join(c for c in df.columns if c != "Y")
    a = qca.fit(expr, df, "Y").to_frame()
    b = qca.fit(expr, df.astype(int), "Y").to_frame()
    pd.testing.assert_frame_equal(a, b)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fuzzy_frames())
def test_fit_parameters_are_bounded_and_pri_within_incl(df):
    conds = [c for c in df.columns if c != "Y"]
    expr = "*".join(conds[:2]) + (" + ~" + conds[-1] if len(conds) > 1 else "")
    f = qca.fit(expr, df, "Y").to_frame()
    for col in ("inclS", "PRI", "covS", "covU"):
        v = f[col].dropna()
        assert ((v >= -1e-12) & (v <= 1 + 1e-12)).all(), col
    ok = f["inclS"].notna() & f["PRI"].notna()
    assert (f.loc[ok, "PRI"] <= f.loc[ok, "inclS"] + 1e-12).all()
    tt = qca.truth_table(df, "Y", conds)
    t = tt.table
    assert ((t["incl"] >= 0) & (t["incl"] <= 1 + 1e-12) & (t["PRI"] <= t["incl"] + 1e-12)).all()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fuzzy_frames())
def test_conjunction_covers_less_and_disjunction_is_more_necessary(df):
    conds = [c for c in df.columns if c != "Y"]
    assume(len(conds) >= 2)
    a, b = conds[0], "~" + conds[1]
    cov = {e: qca.fit(e, df, "Y").to_frame().iloc[-1]["covS"] for e in (a, b, f"{a}*{b}")}
    if not math.isnan(cov[f"{a}*{b}"]):
        assert cov[f"{a}*{b}"] <= min(cov[a], cov[b]) + 1e-12
    incl = {e: qca.fit(e, df, "Y", relation="necessity").to_frame().iloc[-1]["inclN"]
            for e in (a, b, f"{a} + {b}")}
    if not math.isnan(incl[f"{a} + {b}"]):
        assert incl[f"{a} + {b}"] >= max(incl[a], incl[b]) - 1e-12
