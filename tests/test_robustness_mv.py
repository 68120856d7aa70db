"""Robustness and limited diversity on multi-value data (issue 13), checked against brute force.

The brute force here reads each model as text (``X[v]`` literals joined by
``*``, terms by ``+``), evaluates it case by case with Kleene's rule for
missing codes, and recomputes every robustness parameter from those
memberships with plain Python, independent of :mod:`qca.robustness`.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest

import qca
from helpers import TEST_DATA, read_published
from qca.robustness import model_membership, outcome_values


@pytest.fixture(scope="module")
def lm():
    return qca.datasets.load("LM")


@pytest.fixture(scope="module")
def harkem():
    return read_published(TEST_DATA / "HarKem.csv")


# ----------------------------------------------------------------- brute force
def _literal(text: str) -> tuple[str, set[int]]:
    """``X[v]`` is level v, ``X[1,2]`` levels 1 or 2; a binary condition prints bare: ``X`` is
    level 1, ``~X`` level 0."""
    text = text.strip()
    if "[" in text:
        name, _, level = text.partition("[")
        return name, {int(v) for v in level.rstrip("]").split(",")}
    return (text[1:], {0}) if text.startswith("~") else (text, {1})


def _member(model: str, row: pd.Series) -> float:
    """1, 0 or NaN: one case in one model, Kleene's three-valued logic, by hand."""
    if model == "1":
        return 1.0
    terms = []
    for term in model.split(" + "):
        values = []
        for lit in term.split("*"):
            name, level = _literal(lit)
            x = row[name]
            values.append(math.nan if pd.isna(x) else float(int(x) in level))
        terms.append(0.0 if 0.0 in values else (math.nan if any(map(math.isnan, values)) else 1.0))
    return 1.0 if 1.0 in terms else (math.nan if any(map(math.isnan, terms)) else 0.0)


def _sum_min(*cols):
    return sum(min(0.0 if math.isnan(v) else v for v in vals) for vals in zip(*cols))


def _brute_fit(data: pd.DataFrame, y: list[float], is_model: str, ts_models: list[str]) -> dict[str, float]:
    rows = [data.loc[c] for c in data.index]
    s_is = [_member(is_model, r) for r in rows]
    ts = [[_member(m, r) for r in rows] for m in ts_models]

    def k_and(vals):
        return 0.0 if 0.0 in vals else (math.nan if any(map(math.isnan, vals)) else min(vals))

    def k_or(vals):
        return 1.0 if 1.0 in vals else (math.nan if any(map(math.isnan, vals)) else max(vals))

    min_ts = [k_and(list(v)) for v in zip(*ts)]
    max_ts = [k_or(list(v)) for v in zip(*ts)]
    rc = [k_and([a, b]) for a, b in zip(s_is, min_ts)]

    def incl_cov(x):
        keep = [i for i in range(len(x)) if not math.isnan(x[i]) and not math.isnan(y[i])]
        xy = sum(min(x[i], y[i]) for i in keep)
        sx, sy = sum(x[i] for i in keep), sum(y[i] for i in keep)
        return (xy / sx if sx else math.nan), (xy / sy if sy else math.nan)

    is_incl, is_cov = incl_cov(s_is)
    rc_incl, rc_cov = incl_cov(rc)
    out = {"RF_cov": rc_cov / is_cov, "RF_cons": is_incl / rc_incl}
    for key, other in (("RF_SC_minTS", min_ts), ("RF_SC_maxTS", max_ts)):
        keep = [i for i in range(len(s_is)) if not math.isnan(s_is[i]) and not math.isnan(other[i])]
        both = sum(min(s_is[i], other[i]) for i in keep)
        either = sum(max(s_is[i], other[i]) for i in keep)
        out[key] = both / either if either else math.nan
    not_is = [1 - v for v in s_is]
    not_min = [1 - v for v in min_ts]
    out["RCC_Rank"] = 1 + (_sum_min(not_is, max_ts) > 0) + 2 * (_sum_min(s_is, not_min) > 0)
    for key, side in (("RCR_typ", y), ("RCR_dev", [1 - v for v in y])):
        robust = _sum_min(s_is, min_ts, side)
        den = _sum_min(s_is, not_min, side) + _sum_min(not_is, max_ts, side) + robust
        out[key] = robust / den if den else math.nan
    return out


def _check_against_brute_force(rob, data: pd.DataFrame, y: list[float]) -> None:
    s = rob.settings
    ok = [label for label in s.index if s.loc[label, "solutions"]]
    # every model listed is the minimizer's, and the implicant table reads them right
    for label in ok:
        sol = rob.solution(label)
        assert s.loc[label, "solutions"] == [str(m) for m in sol.solutions]
    imp = rob.implicants
    for text in imp.index:
        present = [any(text in m.split(" + ") for m in s.loc[label, "solutions"]) for label in ok]
        everywhere = all(text in m.split(" + ") for label in ok for m in s.loc[label, "solutions"])
        assert imp.loc[text, ok].tolist() == present
        assert imp.loc[text, "settings"] == sum(present)
        assert bool(imp.loc[text, "robust"]) is everywhere
    assert [str(e) for e in rob.robust_core] == [t for t in imp.index if imp.loc[t, "robust"]]
    # robustness fit from the first model of each setting, by hand
    init = rob.initial
    tests = [label for label in ok if label != init]
    if not tests:
        assert rob.robustness_fit.isna().all()
        return
    want = _brute_fit(data, y, s.loc[init, "solutions"][0], [s.loc[label, "solutions"][0] for label in tests])
    got = rob.robustness_fit
    for key, value in want.items():
        if math.isnan(value):
            assert math.isnan(got[key]), key
        else:
            assert got[key] == pytest.approx(value, abs=1e-12), key
    # each case's membership in IS is the first model's, by hand
    is_members = [_member(s.loc[init, "solutions"][0], data.loc[c]) for c in data.index]
    got_is = rob.cases["IS"]
    for c, v in zip(data.index, is_members):
        assert (pd.isna(got_is[c]) and math.isnan(v)) or float(got_is[c]) == v


# ----------------------------------------------------------------- tests
def test_lipset_multi_value_grid_against_brute_force(lm):
    rob = qca.robustness(lm, "SURV", incl_cut=[1, 0.8], n_cut=[1, 2], include="?")
    s = rob.settings
    assert s.loc["incl_cut=1, n_cut=1", "solutions"] == [
        "DEV[2] + DEV[1]*STB", "DEV[1]*~IND + IND*STB", "DEV[1]*STB + IND*STB"]
    assert s.loc["incl_cut=1, n_cut=2", "solutions"] == ["LIT*STB"]
    _check_against_brute_force(rob, lm, [float(v) for v in lm["SURV"]])
    text = repr(rob)
    assert "DEV[2] + DEV[1]*STB" in text and "10 of 48 configurations" in text


def test_lipset_conservative_and_intermediate(lm):
    rob = qca.robustness(lm, "SURV", incl_cut=[1, 0.7], n_cut=[1, 3], include="?",
                         dir_exp="DEV[1,2], URB, LIT, IND, STB")
    _check_against_brute_force(rob, lm, [float(v) for v in lm["SURV"]])
    cons = qca.robustness(lm, "SURV", incl_cut=[1, 0.7], n_cut=[1, 2])
    assert cons.settings.loc["incl_cut=1, n_cut=1", "solutions"] == [
        str(qca.minimize(qca.truth_table(lm, "SURV")).solutions[0])]
    _check_against_brute_force(cons, lm, [float(v) for v in lm["SURV"]])


@pytest.mark.parametrize("outcome", ["PB", "~PB", "PBI", "PB[1]", "~PBI[1]"])
def test_harkem_grids_against_brute_force(harkem, outcome):
    conds = ["C", "F", "T", "R", "V"]
    rob = qca.robustness(harkem, outcome, conds, incl_cut=[1, 0.8, 0.6], n_cut=[1, 2], include="?")
    label, y = outcome_values(harkem, outcome)
    assert rob.outcome == label
    _check_against_brute_force(rob, harkem[conds], y.tolist())
    # a setting's solutions are those of the analysis run by hand at that setting
    tt = qca.truth_table(harkem, outcome, conds, incl_cut=0.8, n_cut=2)
    assert rob.settings.loc["incl_cut=0.8, n_cut=2", "solutions"] == [
        str(m) for m in qca.minimize(tt, include="?").solutions]


def test_missing_codes_follow_kleene_logic(lm):
    df = lm.astype("Float64")
    df.loc["BE", "DEV"] = None   # BE: DEV unknown -> DEV[2] unknown; STB known
    df.loc["AU", "STB"] = None   # AU: DEV = 1, STB unknown -> DEV[1]*STB[1] unknown
    df.loc["GR", "STB"] = None   # GR: DEV = 0 decides every DEV term: 0
    rob = qca.robustness(df, "SURV", incl_cut=[1, 0.8], n_cut=[1, 2], include="?", missing="drop")
    y = [float(v) for v in df["SURV"]]
    _check_against_brute_force(rob, df, y)
    is_ = rob.cases["IS"]
    assert pd.isna(is_["BE"]) and pd.isna(is_["AU"]) and is_["GR"] == False  # noqa: E712


def test_model_membership_against_brute_force(harkem):
    conds = ["C", "F", "T", "R", "V"]
    sol = qca.minimize(qca.truth_table(harkem, "PB", conds), include="?", all_sol=True)
    codes = {c: harkem[c].to_numpy(dtype=float) for c in conds}
    for m, model in enumerate(sol.solutions):
        got = model_membership(sol, m, codes, len(harkem))
        want = [_member(str(model), harkem.loc[c]) for c in harkem.index]
        assert got.tolist() == want
    with pytest.raises(qca.QCAError, match="no codes for condition 'C'"):
        model_membership(sol, 0, {}, len(harkem))


def test_parallel_equals_serial_on_multi_value_data(harkem):
    pytest.importorskip("joblib")
    kw = dict(incl_cut=[1, 0.8], n_cut=[1, 2, 3], include="?")
    serial = qca.robustness(harkem, "PB", ["C", "F", "T", "R", "V"], **kw)
    par = qca.robustness(harkem, "PB", ["C", "F", "T", "R", "V"], n_jobs=2, **kw)
    pd.testing.assert_frame_equal(serial.settings.astype(str), par.settings.astype(str))
    pd.testing.assert_frame_equal(serial.implicants, par.implicants)
    pd.testing.assert_series_equal(serial.robustness_fit, par.robustness_fit)


def test_multi_value_outcome_one_level_at_a_time():
    df = pd.DataFrame({"A": [0, 1, 2, 2, 1, 0, 2], "B": [1, 0, 1, 0, 1, 0, 1],
                       "Y": [0, 1, 2, 2, 1, 0, 2]}, index=list("pqrstuv"))
    rob = qca.robustness(df, "Y[2]", incl_cut=[1, 0.5])
    assert rob.outcome == "Y[2]"
    assert rob.settings.loc["incl_cut=1, n_cut=1", "solutions"] == ["A[2]"]
    neg = qca.robustness(df, "~Y[2]", incl_cut=[1])
    assert sorted(neg.settings.loc["incl_cut=1, n_cut=1", "solutions"][0].split(" + ")) == ["A[0]", "A[1]"]
    _check_against_brute_force(rob, df[["A", "B"]], [float(v == 2) for v in df["Y"]])
    with pytest.raises(qca.QCAError, match=r"outcome 'Y' is multi-value \(levels 0..2\): name the level"):
        qca.robustness(df, "Y")
    with pytest.raises(qca.QCAError, match=r"'Y' has levels 0..2, not 3"):
        qca.robustness(df, "Y[3]")
    with pytest.raises(qca.QCAError, match="fuzzy set, it has no levels"):
        outcome_values(df.assign(Z=[0.2, 0.4, 0.6, 0.8, 1, 0, 0.3]), "Z[1]")
    # a crisp outcome read at a level: Y[1] is Y, Y[0] is ~Y
    lc = qca.datasets.load("LC")
    assert outcome_values(lc, "SURV[1]")[1].tolist() == lc["SURV"].astype(float).tolist()
    assert outcome_values(lc, "SURV[0]")[1].tolist() == (1 - lc["SURV"]).astype(float).tolist()


def test_limited_diversity_mixed_radix(harkem, lm):
    d = qca.limited_diversity(lm, "SURV")
    assert (d.observed, d.possible, d.n_cases, d.levels) == (10, 48, 18, (3, 2, 2, 2, 2))
    f = d.to_frame()
    assert f.index.tolist() == ["DEV[0]", "DEV[1]", "DEV[2]", "URB", "LIT", "IND", "STB", "SURV"]
    assert f.loc[["DEV[0]", "DEV[1]", "DEV[2]"], "at 1"].tolist() == [8, 5, 5]
    assert "10 of 48 configurations" in d.title
    # brute force on HarKem, with a missing code and a skewed level
    df = harkem.astype("Float64").copy()
    df.loc[df.index[0], "T"] = None
    conds = ["C", "F", "T", "R", "V"]
    d = qca.limited_diversity(df, "PB", conds, skew_cut=0.6)
    complete = df[conds].dropna()
    assert d.observed == len({tuple(r) for r in complete.astype(int).itertuples(index=False)})
    assert d.possible == math.prod(int(harkem[c].max()) + 1 for c in conds) == 162
    assert d.n_cases == len(complete) == 47
    assert d._incomplete == (str(df.index[0]),)
    f = d.to_frame()
    for c in ["C", "F", "T", "R"]:
        for v in range(3):
            known = df[c].dropna()
            assert f.loc[f"{c}[{v}]", "at 1"] == int((known == v).sum())
            assert f.loc[f"{c}[{v}]", "skewed"] == bool((known == v).mean() >= 0.6)
            assert f.loc[f"{c}[{v}]", "missing"] == int(df[c].isna().sum())
    assert d.skewed == [i for i in f.index if f.loc[i, "skewed"]]
    # binary-only data: the crisp figures
    lc = qca.datasets.load("LC")
    d2 = qca.limited_diversity(lc, "SURV")
    assert (d2.possible, d2.levels) == (32, (2,) * 5)
    assert d2.observed == len({tuple(r) for r in lc.drop(columns="SURV").itertuples(index=False)})


def test_robust_core_on_multi_value_data():
    # A[2] explains the outcome at every setting, nothing else is needed
    rows = list(itertools.product([0, 1, 2], [0, 1]))
    df = pd.DataFrame(rows * 2, columns=["A", "B"], index=[f"c{i}" for i in range(12)])
    df["Y"] = (df["A"] == 2).astype(int)
    rob = qca.robustness(df, "Y", incl_cut=[1, 0.9], n_cut=[1, 2], include="?")
    assert [str(e) for e in rob.robust_core] == ["A[2]"]
    assert rob.partial == []
    assert "robust core (in every model at every setting): A[2]" in repr(rob)
    assert rob.robustness_fit["RF_cov"] == 1 and rob.robustness_fit["RCC_Rank"] == 1


@pytest.mark.parametrize("expression", ["DEV[2]", "DEV[1]*STB", "DEV[1,2]*STB", "DEV[1,2]", "LIT*STB",
                                        "DEV[2] + DEV[1]*STB", "~IND*DEV[1]", "URB*STB"])
def test_expression_tracked_as_term_and_inside_against_brute_force(lm, expression):
    rob = qca.robustness(lm, "SURV", incl_cut=[1, 0.8], n_cut=[1, 2], include="?", expression=expression)
    conds = ["DEV", "URB", "LIT", "IND", "STB"]
    space = pd.DataFrame(list(itertools.product(range(3), *[range(2)] * 4)), columns=conds)
    s = rob.settings
    for label in s.index:
        models = s.loc[label, "solutions"]
        e_terms = {frozenset(t.split("*")) for t in expression.split(" + ")}
        want_term = all(e_terms <= {frozenset(t.split("*")) for t in m.split(" + ")} for m in models)
        want_inside = all(all(_member(m, r) == 1 for _, r in space.iterrows() if _member(expression, r) == 1)
                          for m in models)
        assert bool(s.loc[label, "term"]) is want_term, (label, expression)
        assert bool(s.loc[label, "inside"]) is want_inside, (label, expression)
    f = rob.expression_fit.to_frame().iloc[-1]
    y = lm["SURV"].astype(float).tolist()
    x = [_member(expression, lm.loc[c]) for c in lm.index]
    assert f["inclS"] == pytest.approx(sum(min(a, b) for a, b in zip(x, y)) / sum(x))


def test_inside_mv_against_brute_force_on_harkem_models(harkem):
    from qca.robustness import inside_mv

    conds = ["C", "F", "T", "R", "V"]
    levels = [3, 3, 3, 3, 2]
    sol = qca.minimize(qca.truth_table(harkem, "PB", conds), include="?")
    space = pd.DataFrame(list(itertools.product(*[range(m) for m in levels])), columns=conds)
    exprs = ["C[0,1]", "F[2]*T[1,2]", "T[1]*V[0] + C[1]", "R[1]*V[0]", "C[2]*T[0]", "F[2]", "T[2]*V[0]*R[1,2]"]
    for c in sol.covers:
        model = " + ".join(str(sol.prime_implicants[i]) for i in c)
        for e in exprs:
            want = all(_member(model, r) == 1 for _, r in space.iterrows() if _member(e, r) == 1)
            assert inside_mv(qca.parse(e), conds, levels, sol.implicant_terms[list(c)]) is want, (model, e)
    with pytest.raises(qca.QCAError, match="unknown condition 'Z'"):
        inside_mv(qca.parse("Z[1]"), conds, levels, sol.implicant_terms)


def test_calibration_range_into_three_levels_against_a_hand_sweep(lm):
    """LM's DEV is LR's GDP cut at 550 and 850: the range of each cut over which M1 stays the same."""
    from qca.robustness import calibration_range

    lr = qca.datasets.load("LR")
    r = calibration_range(lr["DEV"], [550, 850], lm, "SURV", "DEV", include="?", step=10, max_runs=10)
    assert str(r.solution) == "DEV[2] + DEV[1]*STB"

    def first(t1, t2):
        frame = lm.copy()
        frame["DEV"] = qca.calibrate(lr["DEV"], [t1, t2], type="crisp")
        return str(qca.minimize(qca.truth_table(frame, "SURV"), include="?").solutions[0])

    def sweep(k, sign):
        last = [550, 850][k]
        for run in range(1, 11):
            t = [550, 850]
            t[k] += sign * 10 * run
            if first(*t) != "DEV[2] + DEV[1]*STB":
                return last
            last = t[k]
        return None

    table = r.to_frame()
    for k, name in enumerate(["t1", "t2"]):
        for sign, col in ((-1, "lower"), (1, "upper")):
            want = sweep(k, sign)
            got = table.loc[name, col]
            assert (want is None and pd.isna(got)) or got == want, (name, col, got, want)


def test_missing_completions_try_every_level(lm):
    """A missing multi-value code is completed with each of its levels (BE's DEV is 2 in truth)."""
    df = lm.astype("Float64")
    df.loc["BE", "DEV"] = None
    df.loc["AU", "STB"] = None
    res = qca.missing_completions(df, "SURV", expression="DEV[2] + DEV[1]*STB")
    f = res.to_frame()
    assert sorted(zip(f["BE: DEV"], f["AU: STB"])) == [(d, s) for d in range(3) for s in range(2)]
    for _, row in f.iterrows():
        filled = lm.copy()
        filled.loc["BE", "DEV"], filled.loc["AU", "STB"] = int(row["BE: DEV"]), int(row["AU: STB"])
        tt = qca.truth_table(filled, "SURV")
        assert row["conservative"] == str(qca.minimize(tt).solutions[0])
        x = (filled["DEV"] == 2) | (filled["DEV"] == 1) & (filled["STB"] == 1)
        assert row["inclS"] == pytest.approx((x & (filled["SURV"] == 1)).sum() / x.sum())
    # the true coding is among them: R's three parsimonious models
    true = f[(f["BE: DEV"] == 2) & (f["AU: STB"] == 0)].iloc[0]
    assert "DEV[2] + DEV[1]*STB" in true["parsimonious"]
    # a multi-value outcome level keeps its name; too many completions are refused up front
    assert qca.missing_completions(df, "DEV[2]", ["URB", "LIT", "IND", "STB"]).outcome == "DEV[2]"
    many = pd.DataFrame({"A": [0, 1, 2, 3, 4, 5, 6, 7] * 2, "Y": [0, 1] * 8}, index=[f"c{i}" for i in range(16)],
                        dtype="Float64")
    many.loc[[f"c{i}" for i in range(5)], "A"] = None
    with pytest.raises(qca.QCAError, match="5 missing cells would give 32768 completions"):
        qca.missing_completions(many, "Y")


def test_intermediate_robustness_says_so(lm):
    de = "DEV[1,2], URB, LIT, IND, STB"
    rob = qca.robustness(lm, "SURV", incl_cut=[1, 0.8], include="?", dir_exp=de)
    assert rob.intermediate and rob.title.startswith("Robustness of the intermediate solution for SURV")
    want = qca.minimize(qca.truth_table(lm, "SURV"), include="?", dir_exp=de)
    assert rob.settings.iloc[0]["solutions"] == [str(s) for s in want.solutions]
    _check_against_brute_force(rob, lm, [float(v) for v in lm["SURV"]])
    par = qca.robustness(lm, "SURV", incl_cut=[1, 0.8], include="?")
    assert not par.intermediate and par.title.startswith("Robustness of the parsimonious solution")
