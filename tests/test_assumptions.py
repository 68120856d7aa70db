"""Simplifying assumptions, contradictory assumptions (R's CSA), untenable remainders, exclude."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import qca

from helpers import REFERENCE
from qca import datasets

LC_CONDS = ["DEV", "URB", "LIT", "IND", "STB"]


@pytest.fixture(scope="module")
def lc():
    return datasets.load("LC")


@pytest.fixture(scope="module")
def lc_tt(lc):
    return qca.truth_table(lc, "SURV", LC_CONDS)


def test_simplifying_assumptions_match_r(lc_tt):
    for name in ("LC_SURV_parsimonious", "LC_notSURV_parsimonious"):
        ref = json.loads((REFERENCE / f"{name}.json").read_text())
        tt = qca.truth_table(datasets.load("LC"), ref["outcome"], LC_CONDS)
        sol = qca.minimize(tt, include="?")
        ours = {m: f.index.tolist() for m, f in sol.simplifying_assumptions.items()}
        assert ours == ref["simplifying_assumptions"]


def test_lc_has_no_contradictory_assumptions(lc_tt):
    csa = qca.contradictory_assumptions(lc_tt)
    assert len(csa) == 0 and csa.rows == []
    assert list(csa.to_frame().columns) == [*LC_CONDS, "SURV models", "~SURV models"]


def test_contradictory_assumptions_from_solutions_and_default_negation():
    df = pd.DataFrame({"A": [1, 0], "B": [1, 0], "Y": [1, 0]}, index=["p", "q"])
    tt, nt = qca.truth_table(df, "Y"), qca.truth_table(df, "~Y")
    a = qca.contradictory_assumptions(tt, nt)
    b = qca.contradictory_assumptions(tt)  # the negation is built from the same cases
    c = qca.contradictory_assumptions(qca.minimize(tt, include="?"), qca.minimize(nt, include="?"))
    assert a.rows == b.rows == c.rows == [2, 3]
    assert a.configurations == ["~A*B", "A*~B"]
    assert str(a.expression) == "~A*B + A*~B"
    assert 2 in a and list(a) == [2, 3]
    sol = qca.minimize(tt, include="?", exclude=a)
    assert [str(s) for s in sol.solutions] == ["A*B"]
    assert sol.exclude == (2, 3)
    assert "excluded configurations" in repr(sol)


def test_contradictory_assumptions_check_their_inputs(lc, lc_tt):
    with pytest.raises(qca.QCAError, match="negation"):
        qca.contradictory_assumptions(lc_tt, lc_tt)
    with pytest.raises(qca.QCAError, match="different conditions"):
        qca.contradictory_assumptions(lc_tt, qca.truth_table(lc, "~SURV", LC_CONDS[:4]))
    with pytest.raises(qca.QCAError, match="TruthTable"):
        qca.contradictory_assumptions(lc)


def test_enhanced_standard_analysis_on_lipset(lc, lc_tt):
    nec = qca.necessity(lc, "SURV", LC_CONDS, incl_cut=1)
    assert nec.necessary == ["DEV", "LIT", "STB"]
    untenable = qca.untenable_remainders(lc_tt, necessary=nec)
    csa = qca.contradictory_assumptions(lc_tt)
    esa = qca.minimize(lc_tt, include="?", exclude=[untenable, csa])
    assert [str(s) for s in esa.solutions] == ["DEV*LIT*STB"]
    assert esa.simplifying_assumptions["M1"].index.tolist() == [30]
    # the untenable rows are exactly the parsimonious solution's assumptions without LIT
    pars = qca.minimize(lc_tt, include="?").simplifying_assumptions["M1"]
    assert set(untenable.rows) & set(pars.index) == {18, 20, 26, 28}
    assert untenable.to_frame().loc[18, "reason"] == "outside necessary LIT"
    # equal to the intermediate solution with all conditions expected present
    inter = qca.minimize(lc_tt, include="?", dir_exp=LC_CONDS)
    assert [str(s) for s in inter.solutions] == [str(s) for s in esa.solutions]


def test_untenable_remainders_reasons_and_union(lc_tt):
    a = qca.untenable_remainders(lc_tt, necessary="DEV + URB")
    b = qca.untenable_remainders(lc_tt, impossible="~DEV*URB")
    assert all(r["DEV"] == 0 and r["URB"] == 0 for _, r in a.to_frame().iterrows())
    assert set(a.rows).isdisjoint(set(lc_tt.table.index))
    both = a | b
    assert both.rows == sorted(set(a.rows) | set(b.rows))
    assert both.kind == "untenable remainders | untenable remainders"
    frame = b.to_frame()
    assert set(frame["reason"]) == {"impossible (~DEV*URB)"}
    with pytest.raises(qca.QCAError, match="unknown condition 'FOO'"):
        qca.untenable_remainders(lc_tt, necessary="FOO")
    with pytest.raises(qca.QCAError, match="TruthTable"):
        qca.untenable_remainders("DEV", necessary="DEV")


def test_rows_below_n_cut_count_as_remainders():
    df = pd.DataFrame({"A": [1, 1, 0, 0], "B": [1, 1, 0, 1], "Y": [1, 1, 0, 0]}, index=list("pqrs"))
    tt = qca.truth_table(df, "Y", n_cut=2)  # rows 1 and 2 have one case each: OUT "?"
    bad = qca.untenable_remainders(tt, necessary="A")
    assert bad.rows == [1, 2]  # ~A rows below n_cut; row 3 (A*~B) is an ordinary remainder inside A
    with pytest.raises(qca.QCAError, match="no row is negative"):
        qca.minimize(tt, include="?")
    sol = qca.minimize(tt, include="?", exclude=bad)
    assert [str(s) for s in sol.solutions] == ["A"]
    assert sol.simplifying_assumptions["M1"].index.tolist() == [3]


@pytest.mark.parametrize("exclude", [
    [18, 20, 26, 28],
    np.array([18, 20, 26, 28]),
    "DEV*~LIT*STB",
    pd.DataFrame({"DEV": [1, 1], "URB": [0, 0], "LIT": [0, 0], "IND": [0, 1], "STB": [1, 1]}),
])
def test_exclude_forms(lc_tt, exclude):
    sol = qca.minimize(lc_tt, include="?", exclude=exclude)
    assert all(r not in sol.simplifying_assumptions["M1"].index for r in (18, 20))
    assert "DEV*STB" not in [str(s) for s in sol.solutions]


def test_exclude_frame_by_row_numbers(lc_tt):
    pars = qca.minimize(lc_tt, include="?")
    sa = pars.simplifying_assumptions["M1"][["DEV"]]  # no full configuration: the index is read
    sol = qca.minimize(lc_tt, include="?", exclude=sa)
    assert sol.exclude == (18, 20, 26, 28, 30)


@pytest.mark.parametrize("exclude, message", [
    (22, "row 22 .* is a positive row"),
    ([0], "row 0 does not exist"),
    ("FOO", "unknown condition 'FOO'"),
    (True, "not a row number"),
    (object(), "cannot read"),
])
def test_exclude_errors_name_the_fault(lc_tt, exclude, message):
    with pytest.raises(qca.QCAError, match=message):
        qca.minimize(lc_tt, include="?", exclude=exclude)


def test_exclude_leaves_the_conservative_solution_alone(lc_tt):
    a = qca.minimize(lc_tt)
    b = qca.minimize(lc_tt, exclude=[18, 30])
    assert [str(s) for s in a.solutions] == [str(s) for s in b.solutions]


# ------------------------------------------------------------------ properties
@st.composite
def crisp_tables(draw):
    k = draw(st.integers(2, 4))
    conds = [f"C{i}" for i in range(k)]
    codes = draw(st.lists(st.integers(0, (1 << k) - 1), min_size=2, max_size=(1 << k) - 1, unique=True))
    outs = draw(st.lists(st.booleans(), min_size=len(codes), max_size=len(codes)))
    if all(outs) or not any(outs):
        outs[0] = not outs[0]
    rows = [[(c >> (k - 1 - i)) & 1 for i in range(k)] + [int(o)] for c, o in zip(codes, outs)]
    return pd.DataFrame(rows, columns=[*conds, "Y"]), conds


@settings(max_examples=80, deadline=None)
@given(crisp_tables())
def test_every_simplifying_assumption_is_a_remainder_and_every_csa_is_used_by_both(case):
    df, conds = case
    tt, nt = qca.truth_table(df, "Y", conds), qca.truth_table(df, "~Y", conds)
    sy, sn = qca.minimize(tt, include="?"), qca.minimize(nt, include="?")
    observed = set(tt.table.index)
    pool_y = set().union(*(set(f.index) for f in sy.simplifying_assumptions.values()))
    pool_n = set().union(*(set(f.index) for f in sn.simplifying_assumptions.values()))
    assert not pool_y & observed and not pool_n & observed
    csa = qca.contradictory_assumptions(tt, nt)
    assert set(csa.rows) == pool_y & pool_n
    for r in csa.rows:
        assert r in pool_y and r in pool_n
    # keeping them out leaves solutions that assume nothing contradictory
    if csa.rows:
        again = qca.minimize(tt, include="?", exclude=csa)
        used = set().union(*(set(f.index) for f in again.simplifying_assumptions.values()))
        assert not used & set(csa.rows)


def test_docs_examples_run():
    """Every Python block of docs/assumptions.md runs."""
    import re

    from helpers import REPO

    text = (REPO / "docs/assumptions.md").read_text()
    namespace: dict = {}
    for block in re.findall(r"```python\n(.*?)```", text, re.S):
        exec(compile(block, "docs/assumptions.md", "exec"), namespace)


def test_a_side_without_positive_rows_assumes_nothing():
    data = qca.datasets.load("huang2024")
    tt = qca.truth_table(data, "AGREE", ["HARM", "THREAT"], missing="drop")
    csa = qca.contradictory_assumptions(tt)
    assert csa.rows == []
    assert "no row has OUT = 1 for ~AGREE" in repr(csa)
