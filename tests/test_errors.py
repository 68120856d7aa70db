"""Bad input raises QCAError (a ValueError) naming what is at fault."""

from __future__ import annotations

import pandas as pd
import pytest

import qca
from qca import QCAError


@pytest.fixture
def df():
    return pd.DataFrame({"A": [1, 0, 1], "B": [0, 1, 1], "Y": [1, 0, 1]}, index=["x", "y", "z"])


def test_qcaerror_is_valueerror():
    assert issubclass(QCAError, ValueError)


def test_non_binary_code(df):
    df.loc["y", "A"] = 2
    with pytest.raises(QCAError, match=r"column 'A', case 'y': code 2 is not crisp"):
        qca.truth_table(df, "Y")


def test_text_code(df):
    df["B"] = df["B"].astype(object)
    df.loc["z", "B"] = "high"
    with pytest.raises(QCAError, match=r"column 'B', case 'z': text code 'high'"):
        qca.truth_table(df, "Y")


def test_fuzzy_outcome_is_read_as_fuzzy(df):
    df["Y"] = [0.2, 0.9, 1.0]
    tt = qca.truth_table(df, "Y")
    assert tt.data.kinds[-1] == "fuzzy"


def test_fuzzy_value_outside_unit_interval(df):
    df["Y"] = [0.2, 1.3, 1.0]
    with pytest.raises(QCAError, match=r"column 'Y', case 'y': membership 1.3 is outside \[0, 1\]"):
        qca.truth_table(df, "Y")
    df["Y"] = [0.2, -0.1, 1.0]
    with pytest.raises(QCAError, match=r"column 'Y', case 'y': membership -0.1 is outside"):
        qca.fit("A", df, "Y")


def test_unknown_condition_and_outcome(df):
    with pytest.raises(QCAError, match=r"unknown condition 'C'"):
        qca.truth_table(df, "Y", ["A", "C"])
    with pytest.raises(QCAError, match=r"unknown outcome 'Z'"):
        qca.truth_table(df, "Z")
    with pytest.raises(QCAError, match=r"unknown outcome 'Z'"):
        qca.fit("A", df, "Z")
    with pytest.raises(QCAError, match=r"unknown condition 'Q'"):
        qca.fit("Q", df, "Y")


def test_outcome_as_condition(df):
    with pytest.raises(QCAError, match="also listed as a condition"):
        qca.truth_table(df, "Y", ["A", "Y"])


def test_duplicate_case_names(df):
    df.index = ["x", "x", "z"]
    with pytest.raises(QCAError, match=r"duplicate case names: 'x'"):
        qca.truth_table(df, "Y")
    with pytest.raises(QCAError, match="duplicate"):
        qca.fit("A", df, "Y")


def test_empty_data():
    with pytest.raises(QCAError, match="empty"):
        qca.truth_table(pd.DataFrame({"A": [], "Y": []}), "Y")


def test_no_conditions(df):
    with pytest.raises(QCAError, match="no conditions"):
        qca.truth_table(df[["Y"]], "Y")
    with pytest.raises(QCAError, match="no conditions"):
        qca.truth_table(df, "Y", [])


def test_nothing_to_explain(df):
    with pytest.raises(QCAError, match="nothing to explain"):
        qca.truth_table(df, "")
    df["Y"] = 0
    tt = qca.truth_table(df, "Y")
    with pytest.raises(QCAError, match=r"no row has OUT = 1 for Y \(incl_cut=1, n_cut=1"):
        qca.minimize(tt)


def test_include_remainders_without_negative_rows(df):
    df["Y"] = 1
    tt = qca.truth_table(df, "Y")
    with pytest.raises(QCAError, match="no row is negative"):
        qca.minimize(tt, include="?")
    assert str(qca.minimize(tt).solutions[0])  # the conservative solution still works


@pytest.mark.parametrize("cut", [-0.1, 1.5, (0.5, 0.8), (0.9, 0.5, 0.1), "high"])
def test_bad_incl_cut(df, cut):
    with pytest.raises(QCAError, match="incl_cut"):
        qca.truth_table(df, "Y", incl_cut=cut)


@pytest.mark.parametrize("n_cut", [0, -1, 1.5, True])
def test_bad_n_cut(df, n_cut):
    with pytest.raises(QCAError, match="n_cut"):
        qca.truth_table(df, "Y", n_cut=n_cut)


def test_bad_missing_policy(df):
    with pytest.raises(QCAError, match="missing='guess'"):
        qca.truth_table(df, "Y", missing="guess")


def test_bad_include_and_max_solutions(df):
    tt = qca.truth_table(df, "Y")
    with pytest.raises(QCAError, match="include"):
        qca.minimize(tt, include="X")
    with pytest.raises(QCAError, match="max_solutions"):
        qca.minimize(tt, max_solutions=0)
    with pytest.raises(QCAError, match=r"needs the outcome.*qca\.truth_table"):
        qca.minimize(df)  # a data frame without outcome= (R's minimize(data) needs it too)
    with pytest.raises(QCAError, match="TruthTable"):
        qca.minimize(df.to_numpy())  # type: ignore[arg-type]


def test_expression_that_does_not_parse(df):
    with pytest.raises(QCAError, match="cannot parse 'A\\*'"):
        qca.fit("A*", df, "Y")


def test_not_a_dataframe():
    with pytest.raises(QCAError, match="DataFrame"):
        qca.truth_table([[1, 0]], "Y")  # type: ignore[arg-type]


def test_no_case_reordered_or_lost(df):
    tt = qca.truth_table(df, "Y")
    seen = [c for cases in tt.table["cases"] for c in cases]
    assert sorted(seen) == sorted(df.index)
    assert list(tt.data.cases) == list(df.index)
