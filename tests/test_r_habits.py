"""R habits that should just work (issue 11).

* ``qca.fit("DEV*STB -> SURV", data)``: the arrow gives the outcome and the
  relation, as R's ``pof`` reads it;
* ``qca.minimize(data_frame, outcome=..., incl_cut=..., include="?")``, as R's
  ``minimize()`` takes a data frame;
* case names left in a text column (``pd.read_csv`` without ``index_col``) get
  an error that says so and names the fix;
* messages name no Python attributes (``listed in .dropped``).
"""

from __future__ import annotations

import math
import re
import tokenize
from pathlib import Path

import pandas as pd
import pytest

import qca
from qca import QCAError, datasets

from helpers import REPO, load_reference

LC_CONDS = ["DEV", "URB", "LIT", "IND", "STB"]


@pytest.fixture(scope="module")
def lc() -> pd.DataFrame:
    return datasets.load("LC")


def frame(f: qca.Fit) -> pd.DataFrame:
    return f.to_frame()


# --- fit with R's arrows -------------------------------------------------------


@pytest.mark.parametrize("text", ["DEV*STB -> SURV", "DEV*STB=>SURV", "  DEV*STB  ->  SURV ", "SURV <- DEV*STB",
                                  "SURV<=DEV*STB"])
def test_fit_arrow_states_sufficiency_and_the_outcome(lc, text):
    got = qca.fit(text, lc)
    want = qca.fit("DEV*STB", lc, "SURV")
    assert got.relation == "sufficiency" and got.outcome == "SURV"
    assert str(got.expression) == "DEV*STB"
    pd.testing.assert_frame_equal(frame(got), frame(want))


@pytest.mark.parametrize("arrow", ["<-", "<="])
def test_fit_arrow_states_necessity_as_r_pof(lc, arrow):
    ref = load_reference("LC_SURV_necessity")  # R's pof per condition
    for row in ref["pof"]:
        got = qca.fit(f"{row['expression']} {arrow} SURV", lc)
        assert got.relation == "necessity" and got.outcome == "SURV"
        last = frame(got).iloc[-1]
        for p in ("inclN", "RoN", "covN"):
            assert math.isclose(last[p], row[p], abs_tol=1e-6), (row["expression"], p)


def test_fit_arrow_with_negated_outcome_and_disjunction(lc):
    got = qca.fit("~DEV + ~STB -> ~SURV", lc)
    assert got.outcome == "~SURV" and got.relation == "sufficiency"
    pd.testing.assert_frame_equal(frame(got), frame(qca.fit("~DEV + ~STB", lc, "~SURV")))
    nec = qca.fit("DEV + STB <- SURV", lc)
    pd.testing.assert_frame_equal(frame(nec), frame(qca.fit("DEV + STB", lc, "SURV", relation="necessity")))


def test_fit_arrow_agreeing_with_outcome_and_relation_is_fine(lc):
    got = qca.fit("DEV*STB -> SURV", lc, "SURV", relation="sufficiency")
    assert got.outcome == "SURV"
    assert qca.fit("DEV <- ~SURV", lc, outcome="~SURV").relation == "necessity"


@pytest.mark.parametrize("text, kwargs, match", [
    ("DEV*STB -> SURV", {"outcome": "~SURV"}, r"names the outcome 'SURV' but outcome='~SURV'"),
    ("DEV*STB -> SURV", {"outcome": "STB"}, r"names the outcome 'SURV' but outcome='STB'"),
    ("DEV*STB -> SURV", {"relation": "necessity"}, r"states sufficiency but relation='necessity'"),
    ("DEV <- SURV", {"relation": "sufficiency"}, r"states necessity but relation='sufficiency'"),
    ("DEV <-> SURV", {}, r"<-> states both relations"),
    ("DEV <=> SURV", {}, r"<=> states both relations"),
    ("DEV -> STB -> SURV", {}, r"2 arrows"),
    ("-> SURV", {}, r"left of '->'"),
    ("DEV*STB ->", {}, r"left of '->'"),
    ("DEV*STB -> SURV + IND", {}, r"must be one column"),
    ("DEV*STB", {}, r"no outcome"),
])
def test_fit_arrow_errors(lc, text, kwargs, match):
    with pytest.raises(QCAError, match=match):
        qca.fit(text, lc, **kwargs)


def test_split_arrow_is_public_and_leaves_plain_expressions():
    from qca.fit import split_arrow

    assert split_arrow("A*~B + C") == ("A*~B + C", None, None)
    assert split_arrow("A + B <= Y") == ("A + B", "Y", "necessity")


# --- minimize straight from a data frame -------------------------------------------


@pytest.mark.parametrize("tt_args, min_args", [
    ({"outcome": "SURV", "incl_cut": 1}, {"include": "?"}),
    ({"outcome": "SURV"}, {}),
    ({"outcome": "~SURV", "conditions": LC_CONDS}, {"include": "?"}),
    ({"outcome": "SURV", "conditions": "DEV, URB, LIT", "incl_cut": 0.75, "n_cut": 2}, {"include": "?"}),
    ({"outcome": "SURV", "incl_cut": 1}, {"include": "?", "dir_exp": "DEV, URB, LIT, IND, STB"}),
])
def test_minimize_takes_a_data_frame_as_r_does(lc, tt_args, min_args):
    direct = qca.minimize(lc, **tt_args, **min_args)
    data_args = dict(tt_args)
    outcome = data_args.pop("outcome")
    tt = qca.truth_table(lc, outcome, **data_args)
    via_table = qca.minimize(tt, **min_args)
    assert direct.solutions == via_table.solutions
    assert direct.kind == via_table.kind
    pd.testing.assert_frame_equal(direct.truth_table.table, tt.table)
    assert direct.truth_table.incl_cut == tt.incl_cut and direct.truth_table.n_cut == tt.n_cut


def test_minimize_data_frame_include_positionally(lc):
    assert [str(s) for s in qca.minimize(lc, "?", outcome="SURV").solutions] == ["DEV*STB"]


def test_minimize_data_frame_with_missing_policy():
    huang = datasets.load("huang2024")
    with pytest.raises(QCAError, match="missing codes"):
        qca.minimize(huang, outcome="AGREE", conditions=["HARM", "THREAT"])
    sol = qca.minimize(huang, outcome="AGREE", conditions=["HARM", "THREAT"], missing="drop", incl_cut=0.8)
    tt = qca.truth_table(huang, "AGREE", ["HARM", "THREAT"], missing="drop", incl_cut=0.8)
    assert sol.solutions == qca.minimize(tt).solutions
    assert sol.truth_table.dropped.index.tolist() == ["UN cyber arms control", "US-Russia dialogue"]


@pytest.mark.parametrize("kwargs, match", [
    ({"include": "?"}, r"needs the outcome"),
    ({"outcome": "SURV", "inc_cut": 0.8}, r"no setting 'inc_cut'.*incl_cut"),
    ({"outcome": "SURV", "data": None}, r"no setting 'data'"),
    ({"outcome": "NOPE"}, r"unknown outcome 'NOPE'"),
])
def test_minimize_data_frame_errors(lc, kwargs, match):
    with pytest.raises(QCAError, match=match):
        qca.minimize(lc, **kwargs)


@pytest.mark.parametrize("kwargs", [{"incl_cut": 0.8}, {"outcome": "SURV"}, {"n_cut": 2, "case_col": "x"}])
def test_minimize_truth_table_with_table_settings_is_an_error(lc, kwargs):
    tt = qca.truth_table(lc, "SURV")
    with pytest.raises(QCAError, match=r"belong to the truth table, which is already built"):
        qca.minimize(tt, **kwargs)


def test_minimize_unknown_setting_is_a_qca_error_not_a_type_error(lc):
    tt = qca.truth_table(lc, "SURV")
    with pytest.raises(QCAError, match=r"no setting 'all_sols'.*all_sol"):
        qca.minimize(tt, all_sols=True)
    with pytest.raises(QCAError, match=r"or a pandas DataFrame"):
        qca.minimize([[1, 0]], outcome="SURV")


# --- case names left in a text column ------------------------------------------------


@pytest.fixture
def read_without_index(tmp_path, lc) -> pd.DataFrame:
    """LC as a user gets it from pd.read_csv without index_col: names in column 'country'."""
    path = tmp_path / "lipset.csv"
    lc.rename_axis("country").to_csv(path)
    df = pd.read_csv(path)
    assert isinstance(df.index, pd.RangeIndex) and df.columns[0] == "country"
    return df


CALLS = {
    "truth_table": lambda df: qca.truth_table(df, "SURV"),
    "minimize": lambda df: qca.minimize(df, outcome="SURV", include="?"),
    "necessity": lambda df: qca.necessity(df, "SURV"),
    "super_subset": lambda df: qca.super_subset(df, "SURV"),
    "fit": lambda df: qca.fit("DEV*country -> SURV", df),
}


@pytest.mark.parametrize("call", list(CALLS))
def test_case_names_in_a_text_column_get_an_error_naming_the_fix(read_without_index, call):
    with pytest.raises(QCAError) as info:
        CALLS[call](read_without_index)
    msg = str(info.value)
    assert "'country'" in msg and "case names" in msg
    assert "set_index('country')" in msg and "case_col='country'" in msg and "qca.read_data" in msg
    assert "'AU', 'BE', 'CZ'" in msg
    assert "not a set membership" not in msg and "not crisp" not in msg


def test_each_fix_the_error_names_works(read_without_index, tmp_path, lc):
    want = qca.truth_table(lc, "SURV").table
    got = qca.truth_table(read_without_index.set_index("country"), "SURV").table
    assert got["cases"].tolist() == want["cases"].tolist()
    got = qca.truth_table(read_without_index, "SURV", case_col="country").table
    assert got["cases"].tolist() == want["cases"].tolist()
    path = tmp_path / "again.csv"
    read_without_index.to_csv(path, index=False)
    got = qca.truth_table(qca.read_data(path), "SURV").table
    assert got["cases"].tolist() == want["cases"].tolist()


def test_other_text_columns_keep_the_plain_error(read_without_index):
    # repeated text values are not case names
    df = read_without_index.assign(region=["north", "south"] * 9)
    with pytest.raises(QCAError, match=r"column 'region'.*text code 'north' is not a set membership"):
        qca.truth_table(df, "SURV", conditions=["DEV", "region"], case_col="country")
    # a frame whose index holds the case names: a unique text column is just bad data
    named = read_without_index.set_index("country").assign(label=[f"x{i}" for i in range(18)])
    with pytest.raises(QCAError, match=r"column 'label'.*text code 'x0' is not a set membership"):
        qca.truth_table(named, "SURV")
    # numbers written as text are not names either
    df = read_without_index.assign(code=[str(i) for i in range(18)])
    with pytest.raises(QCAError) as info:
        qca.truth_table(df, "SURV", conditions=["DEV", "code"], case_col="country")
    assert "case names" not in str(info.value)


# --- messages name no Python attributes ----------------------------------------------


def test_missing_code_error_names_no_attribute():
    huang = datasets.load("huang2024")
    with pytest.raises(QCAError) as info:
        qca.truth_table(huang, "AGREE", ["HARM", "THREAT"])
    msg = str(info.value)
    assert ".dropped" not in msg
    assert "missing='drop'" in msg and "dropped for missing codes" in msg
    # and the printout says what the message promises
    shown = str(qca.truth_table(huang, "AGREE", ["HARM", "THREAT"], missing="drop"))
    assert "dropped for missing codes" in shown and "UN cyber arms control (THREAT)" in shown


#: ".name" written in a message string: a Python attribute the user never typed
ATTRIBUTE = re.compile(r"(?<![\w)\]\.'\"/*`-])\.[a-z_][a-z_]+\b(?![.(])")
NOT_ATTRIBUTES = {".csv", ".tsv", ".tab", ".txt", ".xlsx", ".xlsm", ".xls", ".dta", ".sav", ".zsav", ".json",
                  ".md", ".html", ".htm", ".tex", ".png", ".svg", ".pdf", ".py", ".ipynb", ".qca", ".meta",
                  ".findings", ".out", ".qca"}


def message_strings(path: Path):
    """Every string literal of a module that is not a docstring (messages, labels, templates)."""
    tokens = list(tokenize.generate_tokens(path.open(encoding="utf-8").readline))
    significant = [t for t in tokens if t.type not in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE,
                                                       tokenize.INDENT, tokenize.DEDENT)]
    for i, tok in enumerate(significant):
        if tok.type != tokenize.STRING:
            continue
        prev = significant[i - 1].string if i else ""
        nxt = significant[i + 1].string if i + 1 < len(significant) else ""
        if prev in ("", ":") and tok.string.lstrip("rbuf").startswith(('"""', "'''")) and nxt not in (")", ","):
            continue  # a docstring
        yield tok.start[0], tok.string


def test_no_message_in_the_library_names_a_python_attribute():
    found = []
    for path in sorted((REPO / "qca").glob("*.py")):
        for line, text in message_strings(path):
            if ">>>" in text:
                continue
            for m in ATTRIBUTE.finditer(text):
                if m.group(0) not in NOT_ATTRIBUTES:
                    found.append(f"{path.name}:{line}: {m.group(0)} in {text[:80]}")
    assert not found, "\n".join(found)


# --- the same arrow on the command line ----------------------------------------------


def test_cli_fit_reads_the_arrow(capsys):
    from qca.cli import main

    assert main(["fit", "LC", "DEV*STB -> SURV"]) == 0
    with_arrow = capsys.readouterr().out
    assert main(["fit", "LC", "--outcome", "SURV", "DEV*STB"]) == 0
    assert with_arrow == capsys.readouterr().out
    assert main(["fit", "LC", "DEV <- SURV", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "inclN" in out and "inclS" not in out


@pytest.mark.parametrize("argv, status, match", [
    (["fit", "LC", "DEV <- SURV", "--relation", "sufficiency"], 2, "states necessity but --relation is sufficiency"),
    (["fit", "LC", "--outcome", "~SURV", "DEV -> SURV"], 2, "names the outcome 'SURV' but --outcome is '~SURV'"),
    (["fit", "LC", "DEV <-> SURV"], 2, "states both relations"),
])
def test_cli_fit_arrow_errors(capsys, argv, status, match):
    from qca.cli import main

    assert main(argv) == status
    assert match in capsys.readouterr().err
