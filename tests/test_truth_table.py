"""Truth tables: rows, OUT under the cut-offs, cases, contradictions, missing codes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import qca
from qca import QCAError


@pytest.fixture
def small():
    return pd.DataFrame(
        {
            "A": [1, 1, 1, 0, 0, 1, 0],
            "B": [1, 1, 1, 0, 1, 0, 0],
            "Y": [1, 1, 0, 0, 1, 1, 0],
        },
        index=["c1", "c2", "c3", "c4", "c5", "c6", "c7"],
    )


def test_rows_numbers_and_cases_in_data_order(small):
    tt = qca.truth_table(small, "Y", ["A", "B"], incl_cut=0.6)
    t = tt.table
    assert t.index.tolist() == [1, 2, 3, 4]
    assert t.loc[4, "cases"] == ["c1", "c2", "c3"]
    assert t.loc[1, "cases"] == ["c4", "c7"]
    assert t["n"].tolist() == [2, 1, 1, 3]
    assert t.loc[4, "incl"] == pytest.approx(2 / 3)
    assert t.loc[4, "PRI"] == pytest.approx(2 / 3)
    assert t["OUT"].tolist() == ["0", "1", "1", "1"]
    assert list(t.columns) == ["A", "B", "OUT", "n", "incl", "PRI", "cases"]
    # no case lost
    assert sorted(c for cs in t["cases"] for c in cs) == sorted(small.index)


def test_incl_cut_boundary_allows_rounding():
    # 4/5 = 0.8 exactly at the cut-off; 0.7999999999 too, by tolerance
    df = pd.DataFrame({"A": [1] * 5, "Y": [1, 1, 1, 1, 0]})
    assert qca.truth_table(df, "Y", incl_cut=0.8).table["OUT"].tolist() == ["1"]
    assert qca.truth_table(df, "Y", incl_cut=0.8 + 1e-10).table["OUT"].tolist() == ["1"]
    assert qca.truth_table(df, "Y", incl_cut=0.81).table["OUT"].tolist() == ["0"]


def test_two_cutoffs_give_contradictions(small):
    tt = qca.truth_table(small, "Y", ["A", "B"], incl_cut=(0.9, 0.5))
    assert tt.table.loc[4, "OUT"] == "C"  # 2/3 is between 0.5 and 0.9
    assert tt.table.loc[1, "OUT"] == "0"
    assert tt.incl_cut == (0.9, 0.5)


def test_n_cut_makes_remainders_but_keeps_row(small):
    tt = qca.truth_table(small, "Y", ["A", "B"], incl_cut=0.6, n_cut=2)
    t = tt.table
    assert t.loc[2, "OUT"] == "?" and t.loc[2, "n"] == 1 and t.loc[2, "cases"] == ["c5"]
    assert t.loc[2, "incl"] == 1.0
    assert t.loc[4, "OUT"] == "1"


def test_pri_cut(small):
    tt = qca.truth_table(small, "Y", ["A", "B"], incl_cut=0.6, pri_cut=0.7)
    assert tt.table.loc[4, "OUT"] == "0"


def test_negated_outcome(small):
    tt = qca.truth_table(small, "~Y", ["A", "B"])
    assert tt.outcome == "~Y"
    assert tt.table.loc[1, "OUT"] == "1" and tt.table.loc[1, "incl"] == 1.0
    assert tt.table.loc[4, "incl"] == pytest.approx(1 / 3)


def test_default_conditions_and_case_col(small):
    df = small.reset_index().rename(columns={"index": "name"})
    tt = qca.truth_table(df, "Y", case_col="name", incl_cut=0.6)
    assert tt.conditions == ("A", "B")
    assert tt.table.loc[4, "cases"] == ["c1", "c2", "c3"]


def test_contradictions_list_both_sides(small):
    tt = qca.truth_table(small, "Y", ["A", "B"], incl_cut=0.6)
    c = tt.contradictions
    assert c.index.tolist() == [4]
    assert c.loc[4, "positive"] == ["c1", "c2"]
    assert c.loc[4, "negative"] == ["c3"]


def test_missing_error_names_every_case_and_column():
    df = pd.DataFrame({"A": [1, np.nan, 0], "B": [1, 0, np.nan], "Y": [1, 0, 1]}, index=["x", "y", "z"])
    with pytest.raises(QCAError) as err:
        qca.truth_table(df, "Y")
    msg = str(err.value)
    assert "'y' in A" in msg and "'z' in B" in msg and "missing='drop'" in msg


def test_missing_drop_reports_dropped_cases():
    df = pd.DataFrame({"A": [1, np.nan, 0], "B": [1, 0, np.nan], "Y": [1, 0, pd.NA]},
                      index=["x", "y", "z"]).astype("Int64")
    tt = qca.truth_table(df, "Y", missing="drop")
    assert tt.dropped.index.tolist() == ["y", "z"]
    assert tt.dropped.loc["z", "missing_in"] == ("B", "Y")
    assert tt.table["cases"].sum() == ["x"]
    assert "dropped for missing codes" in repr(tt)


def test_codes(small):
    tt = qca.truth_table(small, "Y", ["A", "B"], incl_cut=0.6)
    assert tt.codes("1").tolist() == [1, 2, 3]
    assert tt.codes().tolist() == [0, 1, 2, 3]


def test_printing(small):
    tt = qca.truth_table(small, "Y", ["A", "B"], incl_cut=0.6)
    text = repr(tt)
    assert "Truth table for Y" in text and "c1, c2, c3" in text
    assert "row 4 is contradictory" in text
    assert tt.to_markdown().startswith("|   row |")  # numbers right-aligned
    assert "\\toprule" in tt.to_latex()
    assert "<table" in tt._repr_html_()
    assert tt.to_frame().equals(tt.table)


def test_table_is_a_copy(small):
    tt = qca.truth_table(small, "Y", ["A", "B"], incl_cut=0.6)
    t = tt.table
    t.loc[4, "OUT"] = "0"
    assert tt.table.loc[4, "OUT"] == "1"
    with pytest.raises(Exception):
        tt.n_cut = 3  # frozen


def test_many_conditions_vectorised():
    rng = np.random.default_rng(0)
    X = rng.integers(0, 2, size=(5000, 20))
    df = pd.DataFrame(X, columns=[f"X{i}" for i in range(20)])
    df["Y"] = X[:, 0] & X[:, 1]
    tt = qca.truth_table(df, "Y")
    assert tt.table["n"].sum() == 5000
    # row number from the configuration, first condition most significant
    first = tt.table.iloc[0]
    code = int("".join(str(int(first[f"X{i}"])) for i in range(20)), 2)
    assert tt.table.index[0] == code + 1
