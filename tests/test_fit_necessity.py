"""Parameters of fit (sufficiency and necessity), with and without missing codes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import qca
from qca import QCAError


@pytest.fixture
def df():
    # 8 cases; A*B -> Y holds in 3 of 4, C covers two more
    return pd.DataFrame(
        {
            "A": [1, 1, 1, 1, 0, 0, 0, 0],
            "B": [1, 1, 1, 1, 0, 1, 0, 0],
            "C": [0, 0, 1, 0, 1, 1, 0, 0],
            "Y": [1, 1, 1, 0, 1, 1, 0, 0],
        },
        index=list("abcdefgh"),
    )


def test_sufficiency_by_hand(df):
    f = qca.fit("A*B + C", df, "Y").to_frame()
    assert f.index.tolist() == ["A*B", "C", "A*B + C"]
    assert f.loc["A*B", "inclS"] == pytest.approx(3 / 4)
    assert f.loc["A*B", "covS"] == pytest.approx(3 / 5)
    assert f.loc["C", "inclS"] == pytest.approx(1.0)
    assert f.loc["C", "covS"] == pytest.approx(3 / 5)
    # unique coverage: A*B alone covers a, b; C alone covers e, f
    assert f.loc["A*B", "covU"] == pytest.approx(2 / 5)
    assert f.loc["C", "covU"] == pytest.approx(2 / 5)
    assert np.isnan(f.loc["A*B + C", "covU"])
    assert f.loc["A*B + C", "inclS"] == pytest.approx(5 / 6)
    assert f.loc["A*B + C", "covS"] == pytest.approx(1.0)
    # crisp PRI equals inclS
    assert (f["PRI"] == f["inclS"]).all()
    assert f.loc["C", "cases"] == ["c", "e", "f"]


def test_single_term_has_one_row(df):
    f = qca.fit("A*B", df, "Y")
    assert f.to_frame().index.tolist() == ["A*B"]
    assert f.counts.loc["A*B"].tolist() == [8, 4, 5, 3]
    assert f.fractions().loc["A*B", "inclS"] == "3/4 = 0.750"


def test_negated_outcome(df):
    f = qca.fit("~A*~B", df, "~Y").to_frame()
    assert f.loc["~A*~B", "inclS"] == pytest.approx(2 / 3)
    assert f.loc["~A*~B", "covS"] == pytest.approx(2 / 3)


def test_necessity_by_hand(df):
    nec = qca.necessity(df, "Y", ["A", "B"], incl_cut=0.8).to_frame()
    # B: Y cases a b c e f, B in a b c f -> inclN 4/5; covN 4/5; RoN = |~B| / |~(B*Y)| = 3/4
    assert nec.loc["B", "inclN"] == pytest.approx(4 / 5)
    assert nec.loc["B", "covN"] == pytest.approx(4 / 5)
    assert nec.loc["B", "RoN"] == pytest.approx(3 / 4)
    assert nec.loc["B", "necessary"]
    assert not nec.loc["A", "necessary"]
    assert nec.index.tolist() == ["A", "~A", "B", "~B"]
    f = qca.fit("B", df, "Y", relation="necessity").to_frame()
    assert f.loc["B"].tolist() == pytest.approx(nec.loc["B", ["inclN", "RoN", "covN"]].tolist())


def test_necessity_cutoffs(df):
    n = qca.necessity(df, "Y", ["A", "B"], incl_cut=0.8, ron_cut=0.8)
    assert n.necessary == []
    with pytest.raises(QCAError, match="incl_cut"):
        qca.necessity(df, "Y", incl_cut=2)


def test_missing_codes_use_decided_cases_and_report_the_rest(df):
    df = df.astype("Int64")
    df.loc["a", "B"] = pd.NA  # A*B undecided for a; C decides a's membership in A*B + C? C=0: no
    df.loc["e", "A"] = pd.NA  # A*B is false for e anyway (B=0)
    f = qca.fit("A*B + C", df, "Y")
    assert f.undecided["A*B"] == ["a"]
    assert f.undecided["C"] == []
    frame = f.to_frame()
    assert frame.loc["A*B", "inclS"] == pytest.approx(2 / 3)  # b, c, d decided in A*B
    assert f.counts.loc["A*B", "N"] == 7
    nec = qca.necessity(df, "Y", ["A"])
    assert nec.undecided["A"] == ["e"]


def test_bad_relation(df):
    with pytest.raises(QCAError, match="relation"):
        qca.fit("A", df, "Y", relation="both")


def test_outcome_in_expression(df):
    with pytest.raises(QCAError, match="also appears"):
        qca.fit("A*Y", df, "Y")


def test_fit_printing(df):
    f = qca.fit("A*B + C", df, "Y")
    assert "Fit of A*B + C -> Y" in repr(f)
    assert "| A*B" in f.to_markdown()
    assert f["inclS"].shape == (3,)
