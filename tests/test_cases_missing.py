"""Case types and the missing-code sensitivity analysis."""

from __future__ import annotations

import pandas as pd
import pytest

import qca
from qca import QCAError
from qca.cases import TYPES, case_types
from qca.missing import missing_completions


@pytest.fixture
def df():
    return pd.DataFrame(
        {"A": [1, 1, 0, 0, pd.NA, 1], "B": [0, 0, 0, 1, 1, pd.NA], "Y": [1, 0, 1, 0, 0, 1]},
        index=["p", "q", "r", "s", "t", "u"],
    ).astype("Int64")


def test_case_types_crisp_typology(df):
    ct = case_types(df, "A*~B", outcome="Y")
    f = ct.to_frame()
    assert f.index.tolist() == ["p", "q", "r", "s", "t", "u"]
    assert f["type"].tolist() == [
        "typical", "deviant consistency", "deviant coverage", "individually irrelevant",
        "individually irrelevant", "undecided",
    ]
    assert ct.deviant == ["q", "r"]
    assert ct.cases("undecided") == ["u"]
    assert f.loc["p", "terms"] == ["A*~B"]
    assert f["fits"].tolist()[:5] == [True, False, False, True, True]
    assert pd.isna(f.loc["u", "fits"])
    assert ct.counts().sum() == 6
    assert set(ct.counts().index) == {*TYPES, "undecided"}
    with pytest.raises(QCAError, match="unknown case type"):
        ct.cases("odd")


def test_case_types_negated_outcome(df):
    f = case_types(df, "~A", outcome="~Y").to_frame()
    assert f.loc["s", "type"] == "typical"
    assert f.loc["r", "type"] == "deviant consistency"


def test_completions_enumerate_every_coding(df):
    mc = missing_completions(df, "Y", ["A", "B"], expression="A*~B")
    f = mc.to_frame()
    assert len(f) == 4
    assert set(mc.cells) == {("t", "A"), ("u", "B")}
    assert {"t: A", "u: B", "conservative", "parsimonious", "inclS", "covS"} <= set(f.columns)
    # u coded B=0 joins the A*~B row with Y=1; B=1 makes it a case of A*B
    assert f.loc[f["u: B"] == 0, "inclS"].tolist() == pytest.approx([2 / 3, 2 / 3])
    assert f.loc[f["u: B"] == 1, "inclS"].tolist() == pytest.approx([1 / 2, 1 / 2])
    assert mc.robust["same inclS"] is False
    assert "row 3 is contradictory under every completion" in " ".join(mc.summary_lines())


def test_completions_need_missing_cells():
    df = pd.DataFrame({"A": [1, 0], "Y": [1, 0]})
    with pytest.raises(QCAError, match="no missing codes"):
        missing_completions(df, "Y")


def test_completions_cap():
    df = pd.DataFrame({f"A{i}": [pd.NA, 1] for i in range(13)} | {"Y": [1, 0]}).astype("Int64")
    with pytest.raises(QCAError, match="13 missing cells"):
        missing_completions(df, "Y")


def test_huang_fits_column_is_reproduced():
    data = qca.datasets.load("huang2024")
    ct = case_types(data, "HARM*~THREAT", outcome="AGREE")
    computed = ct.to_frame()["fits"].astype(bool)
    assert (computed == data["fits_theory"]).all()
    assert ct.cases("deviant consistency") == ["China-Germany consultations"]
    assert ct.cases("deviant coverage") == ["CIS Agreement"]


def test_huang_cis_row_turns_contradictory_when_un_threat_is_0():
    data = qca.datasets.load("huang2024")
    mc = missing_completions(data, "AGREE", ["HARM", "THREAT"], incl_cut=0.8, expression="HARM*~THREAT")
    c = mc.contradictions
    assert c.loc[1, "when"] == "UN cyber arms control: THREAT = 0"
    assert c.loc[1, "positive"] == ["CIS Agreement"]
    assert c.loc[1, "negative"] == ["UN cyber arms control"]
    assert c.loc[3, "when"] == "always"
    assert mc.robust["inclS >= incl_cut"] is True
