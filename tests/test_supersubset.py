"""super_subset against R's superSubset (Lipset) and against a direct enumeration."""

from __future__ import annotations

import json
from itertools import combinations, product

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import qca

from helpers import REFERENCE, reference_data

LC_CONDS = ["DEV", "URB", "LIT", "IND", "STB"]


def test_lc_necessity_rows_match_r():
    ref = json.loads((REFERENCE / "LC_SURV_necessity.json").read_text())
    spec = ref["spec"]
    data = reference_data(spec)
    res = qca.super_subset(data, spec["outcome"], spec["conditions"], relation="necessity",
                           incl_cut=spec["incl.cut"], cov_cut=spec["cov.cut"], ron_cut=spec["ron.cut"])
    frame = res.to_frame()
    rows = ref["superSubset"]["rows"]
    assert frame["expression"].tolist() == [r["expression"] for r in rows]
    for (_, ours), theirs in zip(frame.iterrows(), rows):
        for col in ("inclN", "RoN", "covN"):
            assert abs(ours[col] - theirs[col]) <= 1e-6, (theirs["expression"], col)
    assert list(frame.columns) == ["expression", "inclN", "RoN", "covN"]
    assert [str(e) for e in res.expressions] == frame["expression"].tolist()
    # the pof rows agree with the single conditions
    nec = qca.necessity(data, "SURV", LC_CONDS).to_frame()
    for p in ref["pof"]:
        for col in ("inclN", "RoN", "covN"):
            assert abs(nec.loc[p["expression"], col] - p[col]) <= 1e-6


def test_lc_cut_offs_filter():
    data = qca.datasets.load("LC")
    res = qca.super_subset(data, "SURV", LC_CONDS, incl_cut=0.9, ron_cut=0.75)
    assert res.to_frame()["expression"].tolist() == ["DEV", "DEV*LIT", "DEV*STB", "LIT*STB", "DEV*LIT*STB"]
    res = qca.super_subset(data, "SURV", LC_CONDS, incl_cut=0.9, cov_cut=0.85)
    assert res.to_frame()["expression"].tolist() == ["DEV*STB", "LIT*STB", "DEV*LIT*STB"]
    res = qca.super_subset(data, "SURV", LC_CONDS, incl_cut=0.9, depth=1)
    assert res.to_frame()["expression"].tolist() == ["DEV", "LIT", "STB"]
    suf = qca.super_subset(data, "SURV", LC_CONDS, relation="sufficiency")
    # the minimal sufficient conjunctions are the parsimonious solution's prime implicants
    assert suf.to_frame()["expression"].tolist() == ["DEV*~IND", "DEV*STB", "URB*STB", "IND*STB"]
    tt = qca.truth_table(data, "SURV", LC_CONDS)
    assert [str(p) for p in qca.minimize(tt, include="?").prime_implicants] == suf.to_frame()["expression"].tolist()
    assert list(suf.to_frame().columns) == ["expression", "inclS", "PRI", "covS"]


def test_negated_outcome_and_relations():
    data = qca.datasets.load("LC")
    res = qca.super_subset(data, "~SURV", LC_CONDS, incl_cut=0.9)
    assert res.outcome == "~SURV"
    frame = res.to_frame().set_index("expression")
    assert frame.loc["~DEV + ~STB"].tolist() == [1.0, 1.0, 1.0]
    assert frame.index[0] == "~URB"
    sn = qca.super_subset(data, "SURV", LC_CONDS, relation="sufnec", incl_cut=0.8)
    assert list(sn.to_frame().columns) == ["expression", "inclS", "PRI", "inclN"]
    assert (sn.to_frame()[["inclS", "inclN"]] >= 0.8 - 1e-9).all().all()
    ns = qca.super_subset(data, "SURV", LC_CONDS, relation="necsuf", incl_cut=0.8)
    assert list(ns.to_frame().columns) == ["expression", "inclN", "RoN", "inclS"]


def test_nothing_found_is_an_empty_result():
    df = pd.DataFrame({"A": [1, 0, 1, 0], "B": [1, 1, 0, 0], "Y": [1, 0, 0, 1]})
    res = qca.super_subset(df, "Y", relation="sufficiency", incl_cut=1, depth=1)
    assert len(res) == 0
    assert "no expression passes" in repr(res)


def test_missing_codes_are_reported_not_guessed():
    df = pd.DataFrame({"A": [1, 1, 0, None], "B": [1, 0, 0, 1], "Y": [1, 1, 0, 0]}, index=list("pqrs"))
    res = qca.super_subset(df, "Y", incl_cut=1)
    frame = res.to_frame().set_index("expression")
    # A: s is undecided (A missing), so it is left out; ~A*... and B are decided for s
    assert res.undecided["A"] == ["s"]
    assert frame.loc["A", "covN"] == 1.0  # p, q over the decided cases p, q, r
    with pytest.raises(qca.QCAError, match="column 'A', case 'x'"):
        qca.super_subset(pd.DataFrame({"A": [2], "Y": [1]}, index=["x"]), "Y")


@pytest.mark.parametrize("kwargs, message", [
    ({"relation": "both"}, "relation='both'"),
    ({"incl_cut": 1.5}, "incl_cut=1.5"),
    ({"depth": 0}, "depth=0"),
    ({"conditions": ["FOO"]}, "unknown condition 'FOO'"),
])
def test_bad_arguments(kwargs, message):
    data = qca.datasets.load("LC")
    with pytest.raises(qca.QCAError, match=message):
        qca.super_subset(data, "SURV", **kwargs)


# ------------------------------------------------------------------ direct enumeration
def _brute(df: pd.DataFrame, conds, nec: bool, incl_cut: float, cov_cut: float):
    y = df["Y"].to_numpy().astype(bool)
    tol = float(np.sqrt(np.finfo(float).eps))

    def measures(x):
        nx, ny, nxy, n = x.sum(), y.sum(), (x & y).sum(), len(x)
        r = lambda a, b: 0.0 if a == 0 and b == 0 else a / b  # noqa: E731
        if nec:
            return r(nxy, ny), r(n - nx, n - nxy), r(nxy, nx)
        return r(nxy, nx), r(nxy, nx), r(nxy, ny)

    def passes(v):
        return v[0] >= incl_cut - tol and v[2] >= (cov_cut - tol if cov_cut > 0 else 0)

    conj, disj = [], []
    conj_sets, disj_sets = [], []
    for size in range(1, len(conds) + 1):
        level_conj, level_disj = [], []
        for combo in combinations(range(len(conds)), size):
            for pattern in product((0, 1), repeat=size):
                lits = frozenset(zip(combo, pattern))
                cols = [df[conds[c]].to_numpy().astype(bool) == bool(v) for c, v in lits]
                vc = measures(np.logical_and.reduce(cols))
                if passes(vc):
                    if not nec and any(s < lits for s in conj_sets):
                        continue
                    level_conj.append((lits, vc))
                elif nec:
                    vd = measures(np.logical_or.reduce(cols))
                    if passes(vd) and not any(s < lits for s in conj_sets + disj_sets):
                        level_disj.append((lits, vd))
        conj += level_conj
        disj += level_disj
        conj_sets += [s for s, _ in level_conj]
        disj_sets += [s for s, _ in level_disj]
    return conj, disj


@st.composite
def crisp_data(draw):
    k = draw(st.integers(1, 3))
    n = draw(st.integers(2, 12))
    conds = [f"C{i}" for i in range(k)]
    cols = {c: draw(st.lists(st.integers(0, 1), min_size=n, max_size=n)) for c in [*conds, "Y"]}
    return pd.DataFrame(cols), conds


@settings(max_examples=80, deadline=None)
@given(crisp_data(), st.sampled_from([1.0, 0.9, 0.75, 0.5]), st.sampled_from([0.0, 0.5]),
       st.sampled_from(["necessity", "sufficiency"]))
def test_agrees_with_direct_enumeration(case, incl_cut, cov_cut, relation):
    df, conds = case
    res = qca.super_subset(df, "Y", conds, relation=relation, incl_cut=incl_cut, cov_cut=cov_cut)
    conj, disj = _brute(df, conds, relation == "necessity", incl_cut, cov_cut)
    expected = []
    for lits, vals in conj:
        expected.append(("*".join(("" if v else "~") + conds[c] for c, v in sorted(lits)), vals))
    for lits, vals in disj:
        expected.append((" + ".join(("" if v else "~") + conds[c] for c, v in sorted(lits)), vals))
    frame = res.to_frame()
    assert frame["expression"].tolist() == [e for e, _ in expected]
    for (_, row), (_, vals) in zip(frame.iterrows(), expected):
        assert np.allclose(row.iloc[1:].to_numpy(dtype=float), vals)


def test_docs_examples_run():
    """Every Python block of docs/supersubset.md runs."""
    import re

    from helpers import REPO

    text = (REPO / "docs/supersubset.md").read_text()
    namespace: dict = {}
    for block in re.findall(r"```python\n(.*?)```", text, re.S):
        exec(compile(block, "docs/supersubset.md", "exec"), namespace)
