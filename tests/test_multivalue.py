"""Multi-value conditions end to end: detection, errors, truth table, minimize on mvQCA tables."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qca
from qca import multivalue as mv
from qca.sets import MULTIVALUE, read_set

from helpers import TEST_DATA, read_published


@pytest.fixture
def lm():
    return qca.datasets.load("LM")


# ------------------------------------------------------------------ detection and errors
def test_multi_value_column_is_detected_and_binary_ones_stay_binary(lm):
    assert read_set(lm, "DEV", multivalue=True).kind == MULTIVALUE
    assert read_set(lm, "URB", multivalue=True).kind == "crisp"
    tt = qca.truth_table(lm, "SURV")
    assert tt.levels == (3, 2, 2, 2, 2)
    assert tt.multivalue
    assert tt.data.kinds == ("multivalue", "crisp", "crisp", "crisp", "crisp", "crisp")


@pytest.mark.parametrize("value, fault", [(4, "no case has level 3"), (-1, "is negative"),
                                          (1.5, "is not a whole number")])
def test_bad_codes_name_case_column_and_value(lm, value, fault):
    df = lm.astype(float)
    df.loc["IT", "DEV"] = value
    with pytest.raises(qca.QCAError) as err:
        qca.truth_table(df, "SURV")
    msg = str(err.value)
    assert "column 'DEV'" in msg and "case 'IT'" in msg and fault in msg
    shown = int(value) if float(value).is_integer() else value
    assert f"code {shown!r}" in msg


def test_a_gap_names_the_highest_code():
    df = pd.DataFrame({"A": [0, 3, 1, 0], "Y": [1, 0, 1, 0]}, index=list("pqrs"))
    with pytest.raises(qca.QCAError, match=r"column 'A', case 'q': code 3 .* no case has level 2"):
        qca.truth_table(df, "Y")


def test_functions_reading_memberships_refuse_a_multi_value_column(lm):
    with pytest.raises(qca.QCAError, match=r"column 'DEV' is multi-value \(levels 0..2\)"):
        read_set(lm, "DEV")


def test_fuzzy_and_multi_value_conditions_do_not_mix(lm):
    df = lm.astype(float)
    df["URB"] = np.linspace(0.1, 0.9, len(df))
    with pytest.raises(qca.QCAError, match="cannot be mixed with fuzzy ones"):
        qca.truth_table(df, "SURV")


# ------------------------------------------------------------------ outcome levels
def test_multi_value_outcome_needs_a_level():
    df = pd.DataFrame({"A": [0, 1, 1, 0], "Y": [0, 1, 2, 2]}, index=list("pqrs"))
    with pytest.raises(qca.QCAError, match=r"outcome 'Y' is multi-value .* outcome='Y\[2\]'"):
        qca.truth_table(df, "Y")
    tt = qca.truth_table(df, "Y[2]", incl_cut=0.5)
    assert tt.outcome == "Y[2]"
    assert tt.table["incl"].tolist() == [0.5, 0.5]
    assert qca.truth_table(df, "Y{1}").outcome == "Y[1]"
    assert qca.truth_table(df, "~Y[2]", incl_cut=0.5).outcome == "~Y[2]"
    with pytest.raises(qca.QCAError, match="has levels 0..2, not 5"):
        qca.truth_table(df, "Y[5]")


def test_crisp_outcome_level_one_is_the_outcome(lm):
    a = qca.truth_table(lm, "SURV[1]")
    b = qca.truth_table(lm, "SURV")
    assert a.table.drop(columns="cases").equals(b.table.drop(columns="cases"))
    c = qca.truth_table(lm, "SURV[0]")
    assert (c.table["incl"] == 1 - b.table["incl"]).all()


# ------------------------------------------------------------------ truth table
def test_rows_are_numbered_in_mixed_radix(lm):
    tt = qca.truth_table(lm, "SURV")
    t = tt.table
    conf = t[list(tt.conditions)].to_numpy()
    assert (mv.encode(conf, tt.levels) + 1).tolist() == t.index.tolist()
    assert t.index.is_monotonic_increasing
    assert t.loc[40, ["DEV", "URB", "LIT", "IND", "STB"]].tolist() == [2, 0, 1, 1, 1]
    assert sum(t["n"]) == len(lm)
    assert "multi-value conditions: DEV (levels 0..2)" in repr(tt)


def test_harkem_truth_table_and_solutions():
    df = read_published(TEST_DATA / "HarKem.csv")
    assert "NA" in df.index
    tt = qca.truth_table(df, "PB", ["C", "F", "T", "V"])
    assert tt.levels == (3, 3, 3, 2)
    assert tt.table["n"].sum() == len(df)
    sol = qca.minimize(tt, include="?")
    _check_solutions(tt, sol, remainders=True)
    con = qca.minimize(tt)
    _check_solutions(tt, con, remainders=False)


# ------------------------------------------------------------------ minimize
def _check_solutions(tt, sol, remainders):
    """Every solution is true on every positive row and false on every negative (and, without remainders, unobserved) one."""
    t = tt.table
    levels = tt.levels
    space = mv.decode(np.arange(mv.space_size(levels)), levels)
    codes = t.index.to_numpy() - 1
    out = dict(zip(codes.tolist(), t["OUT"].tolist()))
    for s in sol.solutions:
        terms = [_digits(term, tt.conditions) for term in s.terms]
        value = mv.term_covers(np.array(terms), space).any(axis=0)
        for code in range(len(space)):
            o = out.get(code)
            if o == "1":
                assert value[code], (s, code + 1)
            elif o in ("0", "C") or (o is None and not remainders):
                assert not value[code], (s, code + 1)


def _digits(term, conditions):
    """A term (qca.Term: literals are (condition, level)) as digits: 0 left out, v + 1 level v."""
    d = [0] * len(conditions)
    for name, level in term.literals:
        d[list(conditions).index(name)] = int(level) + 1
    return d


def test_negated_outcome_all_sol_row_dom_and_include_c(lm):
    neg = qca.minimize(qca.truth_table(lm, "~SURV"), include="?")
    assert neg.solutions == ["DEV[0] + STB[0]"]
    _check_solutions(neg.truth_table, neg, True)
    tt = qca.truth_table(lm, "SURV")
    par = qca.minimize(tt, include="?")
    every = qca.minimize(tt, include="?", all_sol=True)
    assert set(par.solutions) <= set(every.solutions)
    _check_solutions(tt, every, True)
    dom = qca.minimize(tt, include="?", row_dom=True)
    assert "URB[1]*STB[1]" not in dom.prime_implicants  # its rows are within IND[1]*STB[1]'s
    assert set(dom.solutions) <= set(par.solutions)
    # a contradiction: a second case in FI's row without the outcome
    contra = pd.concat([lm, lm.loc[["FI"]].assign(SURV=0).rename(index={"FI": "FI2"})])
    ttc = qca.truth_table(contra, "SURV", incl_cut=(1, 0.5))
    assert ttc.table.loc[22, "OUT"] == "C"
    without = qca.minimize(ttc, include="?")  # C negative
    _check_solutions(ttc, without, True)
    with_c = qca.minimize(ttc, include="?C")  # C a don't-care
    assert with_c.pi_chart.columns.tolist() == [32, 40, 48]
    covers_22 = [p for p in with_c.prime_implicants if p in ("DEV[1]*STB[1]", "DEV[1]")]
    assert covers_22  # free to cover row 22 now
    assert len(with_c.solutions[0]) <= len(without.solutions[0])


def test_exclude_remainders_by_row_number(lm):
    tt = qca.truth_table(lm, "SURV")
    sol = qca.minimize(tt, include="?", exclude=[18, 20])
    assert sol.exclude == (18, 20)
    for frame in sol.simplifying_assumptions.values():
        assert not {18, 20} & set(frame.index)
    with pytest.raises(qca.QCAError, match="row 22 has OUT = 1"):
        qca.minimize(tt, include="?", exclude=[22])
    with pytest.raises(qca.QCAError, match="rows run from 1 to 48"):
        qca.minimize(tt, include="?", exclude=[49])


def test_solution_prints_and_exports(lm):
    sol = qca.minimize(qca.truth_table(lm, "SURV"), include="?")
    text = repr(sol)
    assert "M1: DEV[2] + DEV[1]*STB\n" in text  # a multi-value condition with its levels, binary ones bare
    assert "X[v] is condition X at level v" in text
    assert "DEV[1]*STB " in sol.to_markdown()
    assert all(isinstance(m, qca.Expression) for m in sol.solutions)
    assert sol.solutions[0] == qca.parse("DEV[2] + DEV[1]*STB[1]")
    assert sol.summary()
    assert sol.kind == "parsimonious"


# ------------------------------------------------------------------ property through the public pipeline
@st.composite
def mv_data(draw):
    k = draw(st.integers(1, 3))
    levels = [draw(st.integers(2, 3)) for _ in range(k)]
    levels[0] = 3  # at least one multi-value condition
    configs = list(itertools.product(*[range(m) for m in levels]))
    states = draw(st.lists(st.sampled_from("10-"), min_size=len(configs), max_size=len(configs)))
    if "1" not in states:
        states[0] = "1"
    if "0" not in states:
        states[-1] = "0"
    for i, m in enumerate(levels):  # every level observed, else the condition has fewer levels or a gap
        for v in range(m):
            if not any(c[i] == v and st_ != "-" for c, st_ in zip(configs, states)):
                states[configs.index(tuple(v if j == i else 0 for j in range(k)))] = "0"
    rows = [list(c) + [int(s)] for c, s in zip(configs, states) if s != "-"]
    df = pd.DataFrame(rows, columns=[f"C{i}" for i in range(k)] + ["Y"])
    df.index = [f"case{i}" for i in range(len(df))]
    return df


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(df=mv_data(), include=st.sampled_from(["", "?"]))
def test_public_pipeline_solutions_equal_the_function(df, include):
    tt = qca.truth_table(df, "Y")
    if not (tt.table["OUT"] == "1").any():
        return
    if include == "?" and not (tt.table["OUT"] == "0").any():
        return
    sol = qca.minimize(tt, include=include)
    _check_solutions(tt, sol, remainders=bool(include))
    # the same implicants as the minimizer on the table's rows
    levels = tt.levels
    t = tt.table
    conf = t[list(tt.conditions)].to_numpy()
    res = mv.solve_mv(conf[t["OUT"] == "1"], conf[t["OUT"] != "1"], [], levels, remainders=bool(include))
    assert set(sol.prime_implicants) == {qca.parse(p) for p in res.implicants.strings(list(tt.conditions))}


# ------------------------------------------------------------------ intermediate solutions
def _cube(sol_terms, conditions, levels):
    space = mv.decode(np.arange(mv.space_size(levels)), levels)
    terms = [_digits(t, list(conditions)) for t in sol_terms]
    return mv.term_covers(np.array(terms), space).any(axis=0)


def test_intermediate_lies_between_complex_and_parsimonious(lm):
    tt = qca.truth_table(lm, "SURV")
    sol = qca.minimize(tt, include="?", dir_exp="DEV[1,2], URB, LIT, IND, STB")
    assert sol.kind == "intermediate"
    assert sol.dir_exp == "DEV[1,2], URB[1], LIT[1], IND[1], STB[1]"
    assert set(sol.intermediate) == {"C1P1", "C1P2", "C1P3"}
    assert set(sol.solutions) == {qca.parse("DEV[1]*LIT[1]*STB[1] + DEV[2]*LIT[1]*IND[1]*STB[1]"),
                                  qca.parse("DEV[1]*URB[1]*LIT[1]*STB[1] + DEV[1]*LIT[1]*IND[0]*STB[1] + "
                                            "DEV[2]*LIT[1]*IND[1]*STB[1]")}
    assert [str(s) for s in sol.solutions][0] == "DEV[1]*LIT*STB + DEV[2]*LIT*IND*STB"
    conds, levels = tt.conditions, tt.levels
    c = _cube(sol.complex.solutions[0].terms, conds, levels)
    for inter in sol.intermediate.values():
        p = _cube(inter.parsimonious.terms, conds, levels)
        for s in inter.solutions:
            i = _cube(s.terms, conds, levels)
            assert (c <= i).all() and (i <= p).all()
        ec = set(inter.easy_counterfactuals.index)
        dc = set(inter.difficult_counterfactuals.index)
        sa = set(sol.parsimonious.simplifying_assumptions[f"M{int(inter.name.split('P')[1])}"].index)
        assert ec | dc == sa and not ec & dc
    assert "C1P1: easy counterfactuals 24, 30" in repr(sol)


def test_no_expectation_gives_the_complex_solution(lm):
    tt = qca.truth_table(lm, "SURV")
    sol = qca.minimize(tt, include="?", dir_exp={"DEV": "-"})
    assert set(sol.solutions) == set(qca.minimize(tt).solutions)
    for inter in sol.intermediate.values():
        assert len(inter.easy_counterfactuals) == 0


def test_expectations_errors(lm):
    tt = qca.truth_table(lm, "SURV")
    with pytest.raises(qca.QCAError, match="DEV is multi-value; name the levels"):
        qca.minimize(tt, include="?", dir_exp="DEV, STB")
    with pytest.raises(qca.QCAError, match="DEV has levels 0..2, not 3"):
        qca.minimize(tt, include="?", dir_exp="DEV[3]")
    with pytest.raises(qca.QCAError, match="unknown condition 'GDP'"):
        qca.minimize(tt, include="?", dir_exp="GDP[1]")
    with pytest.raises(qca.QCAError, match="conjunctural expectations"):
        qca.minimize(tt, include="?", dir_exp="DEV[2]*STB[1]")
    with pytest.raises(qca.QCAError, match="needs the remainders"):
        qca.minimize(tt, dir_exp="DEV[2]")


@pytest.mark.parametrize("dir_exp", ["DEV, URB, LIT, IND, STB", "~DEV, URB, ~STB", "LIT, IND"])
def test_mixed_radix_intermediate_on_binary_levels_equals_the_crisp_one(dir_exp):
    """The multi-value path run on crisp data (every condition two levels) gives the crisp results."""
    from qca.mvsolution import minimize_mv

    lc = qca.datasets.load("LC")
    tt = qca.truth_table(lc, "SURV")
    crisp = qca.minimize(tt, include="?", dir_exp=dir_exp)
    ours = minimize_mv(tt, "?", dir_exp=dir_exp)
    assert set(ours.solutions) == set(crisp.solutions)
    assert [str(s) for s in ours.solutions] == [str(s) for s in crisp.solutions]
    for name, inter in crisp.intermediate.items():
        assert ours.intermediate[name].easy_counterfactuals.index.tolist() == \
            inter.easy_counterfactuals.index.tolist()
    for include in ("", "?"):
        a = minimize_mv(tt, include)
        b = qca.minimize(tt, include=include)
        assert [str(p) for p in a.prime_implicants] == [str(p) for p in b.prime_implicants]  # R's orders too
        assert set(a.solutions) == set(b.solutions)


def test_benchmark_smoke_run_agrees_with_the_plain_path(tmp_path):
    """benchmarks/multivalue.py --smoke: both paths find the same implicants (judged by ratio, generously)."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[1]
    out = tmp_path / "mv.json"
    proc = subprocess.run([sys.executable, str(repo / "benchmarks" / "multivalue.py"), "--smoke", "--json", str(out)],
                          capture_output=True, text=True, timeout=300, cwd=repo)
    assert proc.returncode == 0, proc.stderr + proc.stdout
    raw = json.loads(out.read_text())
    assert raw["same"]
    assert raw["pis_plain"] / raw["pis_fast"] > 2.0  # measured about 10 at this size


def test_report_and_cli_on_multi_value_data(capsys, tmp_path):
    rep = qca.report(qca.datasets.load("LM"), "SURV")
    md = rep.to_markdown()
    assert "No Venn diagram: it draws two-valued sets only, and DEV has 3 levels." in md
    assert "DEV[1]*STB" in md
    assert "48 configurations observed" in md or "of 48 configurations" in md
    assert "venn" not in rep.figures()
    from qca.cli import main

    assert main(["minimize", "LM", "--outcome", "SURV", "--include", "?"]) == 0
    out = capsys.readouterr().out
    assert "DEV[2] + DEV[1]*STB" in out
    assert main(["necessity", "LM", "--outcome", "SURV"]) == 0
    assert "DEV[2]" in capsys.readouterr().out
    bad = tmp_path / "gap.csv"
    bad.write_text("case,A,Y\nx,0,1\ny,3,0\nz,1,1\n", encoding="utf-8")
    assert main(["truth-table", str(bad), "--outcome", "Y"]) == 2
    assert "column 'A': 3 is not a crisp code" in capsys.readouterr().err
