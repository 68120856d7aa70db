"""What the terminal, Markdown, LaTeX and HTML show (issue 11): full case lists, R's layout of
minimize(), one way to print each number and each setting."""

from __future__ import annotations

import pandas as pd
import pytest

import qca
from qca.cli import main, read_data
from qca.reporting import solution_table


@pytest.fixture(scope="module")
def lc() -> pd.DataFrame:
    return qca.datasets.load("LC")


@pytest.fixture(scope="module")
def huang() -> pd.DataFrame:
    return qca.datasets.load("huang2024")


@pytest.fixture(scope="module")
def krook() -> qca.Solution:
    return qca.minimize(qca.truth_table(qca.datasets.load("Krook"), "WNP"), include="?")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# ------------------------------------------------------------------ case lists


def test_case_names_are_never_cut(huang):
    tt = qca.truth_table(huang, "AGREE", ["HARM", "THREAT"], missing="drop", incl_cut=0.8)
    for width in (60, 78, 120):
        text = tt.to_text(width=width)
        for case in tt.table.loc[3, "cases"]:
            assert case in text, (width, case)
        assert "(+" not in text and "\u2026" not in text
    assert "(+" not in repr(tt) and "Belgium" not in repr(tt)


def test_case_lists_wrap_between_names(huang):
    tt = qca.truth_table(huang, "AGREE", ["HARM", "THREAT"], missing="drop", incl_cut=0.8)
    lines = tt.to_text(width=90).splitlines()
    assert max(len(line) for line in lines) <= 90
    # the 13 cases of row 3 sit on several lines of one cell, each line ending between names
    cell = [line for line in lines if "China-Germany consultations" in line]
    assert cell and cell[0].rstrip().endswith("China-Germany consultations")


def test_solution_cases_grouped_by_truth_table_row_as_r(lc):
    sol = qca.minimize(qca.truth_table(lc, "SURV"), include="?")
    assert "FI, IE; FR, SE; BE, CZ, NL, UK" in repr(sol)  # rows 22; 24; 32
    assert "FI, IE; FR, SE; BE, CZ, NL, UK" in sol.to_markdown()


def test_max_cases_for_brevity(huang, capsys):
    tt = qca.truth_table(huang, "AGREE", ["HARM", "THREAT"], missing="drop", incl_cut=0.8)
    short = tt.to_text(width=200, max_cases=3)
    assert "CoE Convention on Cybercrime, China-US consensus, AU Convention (+10 more)" in short
    assert "(+10 more)" in tt.to_markdown(max_cases=3)
    code, out, _ = run(capsys, "truth-table", "huang2024", "--outcome", "AGREE", "--conditions", "HARM,THREAT",
                       "--missing", "drop", "--incl-cut", "0.8", "--max-cases", "2")
    assert code == 0 and "(+11 more)" in out
    code, out, _ = run(capsys, "truth-table", "huang2024", "--outcome", "AGREE", "--conditions", "HARM,THREAT",
                       "--missing", "drop", "--incl-cut", "0.8")
    assert "(+" not in out and "China-Germany consultations" in out


def test_notebook_folds_only_long_lists(lc, huang):
    page = qca.truth_table(lc, "SURV")._repr_html_()
    assert "<details" not in page  # at most four cases a row: shown as they are
    assert '<td class="qca-text">BE, CZ, NL, UK</td>' in page
    tt = qca.truth_table(huang, "AGREE", ["HARM", "THREAT"], missing="drop", incl_cut=0.8)
    assert "<summary>13 cases</summary>" in tt._repr_html_()


# ------------------------------------------------------------------ print(sol) as R's minimize()


def test_solution_prints_model_lines_first_then_one_table(krook):
    text = krook.to_text(width=120)
    lines = text.splitlines()
    assert lines[1] == "M1: WS + ~ES*LP + ES*WM + QU*LP -> WNP"
    assert lines[2] == "M2: WS + ES*WM + QU*LP + WM*LP -> WNP"
    header = lines[3]
    assert "covU (M1)" in header and "covU (M2)" in header
    body = lines[5:]
    # a term shared by both models appears once; no model label on term rows
    assert sum(line.startswith("WS ") for line in body) == 1
    assert sum(line.startswith("M1") for line in body) == 1
    # a rule before the model rows
    rule = next(i for i, line in enumerate(body) if line.startswith("------"))
    assert body[rule + 1].startswith("M1 ") and body[rule + 2].startswith("M2 ")
    # the unique coverage of a term within a model it lacks is blank
    wm_lp = next(line for line in body if line.startswith("WM*LP"))
    assert wm_lp.split()[1:7] == ["1.000", "1.000", "0.636", "0.000", "0.091", "NZ;"]


def test_fit_table_frame(krook):
    f = krook.fit_table()
    assert list(f.columns) == ["inclS", "PRI", "covS", "covU", "covU (M1)", "covU (M2)", "cases"]
    assert f.index.tolist() == ["WS", "ES*WM", "QU*LP", "~ES*LP", "WM*LP", "M1", "M2"]
    assert f.loc["~ES*LP", "covU (M2)"] == "" and f.loc["~ES*LP", "covU (M1)"] == pytest.approx(1 / 11)


def test_truth_table_legend_and_one_spelling_of_settings(lc):
    tt = qca.truth_table(lc, "SURV", incl_cut=0.8)
    text = repr(tt)
    assert "OUT: 1 sufficient for SURV" in text and "n: cases in the row" in text
    assert "incl: inclusion (consistency)" in text and "PRI: proportional reduction in inconsistency" in text
    summary = tt.summary() + qca.minimize(tt).summary()
    assert "incl.cut" not in summary and "n.cut" not in summary and "incl_cut=" not in summary
    assert "incl_cut:" in summary and "n_cut:" in summary
    assert "incl_cut: 0.8, n_cut: 1" in text


def test_directional_expectations_print_as_a_list(lc):
    sol = qca.minimize(qca.truth_table(lc, "SURV", incl_cut=0.8), include="?", dir_exp={"DEV": 1, "URB": 1, "LIT": 0})
    assert "directional expectations: DEV, URB, ~LIT" in repr(sol)
    assert "DEV, URB, ~LIT" in sol.summary() and "DEV + URB" not in sol.summary()


def test_plurals(lc, capsys):
    rob = qca.robustness(lc, "SURV", incl_cut=[1])
    assert "over 1 setting " in rob.title
    assert "over 2 settings " in qca.robustness(lc, "SURV", incl_cut=[1, 0.8]).title
    code, out, _ = run(capsys, "minimize", "d.SS", "--outcome", "O", "--include", "?")
    assert "remainder(s)" not in out
    comp = qca.missing_completions(qca.datasets.load("huang2024"), "AGREE", ["HARM", "THREAT"])
    assert "2 missing cells, 4 completions" in comp.title


def test_robustness_prints_each_model_with_its_own_fit():
    krook = qca.datasets.load("Krook")
    rob = qca.robustness(krook, "WNP", incl_cut=[1, 0.8], include="?")
    text = rob.to_text(width=200)
    assert "WS + ~ES*LP + ES*WM + QU*LP" in text and "WS + ES*WM + QU*LP + WM*LP" in text
    m2 = [line for line in text.splitlines() if " M2 " in line]
    assert len(m2) == 2 and all("1.000" in line for line in m2)
    assert "models" not in text.splitlines()[1]
    # never truncated, at any width
    assert "WS + ES*WM + QU*LP + WM*LP" in rob.summary(width=60)


# ------------------------------------------------------------------ one number, one way


def test_one_term_covu_prints_the_same_in_every_format(lc):
    sol = qca.minimize(qca.truth_table(lc, "SURV"), include="?")
    row = [line for line in repr(sol).splitlines() if line.startswith("DEV*STB")][0]
    assert row.split()[4] == "-"
    assert "|      - |" in sol.to_markdown()
    assert "DEV*STB & 1.000 & 1.000 & 1.000 & - &" in sol.to_latex()
    assert "<td>-</td>" in sol.to_html()
    assert solution_table(sol).loc["covU", "DEV*STB"] == "-"
    par_fiss = solution_table(sol, style="fiss")
    assert par_fiss.loc["unique coverage", "DEV*STB"] == "-"


def test_cli_latex_has_the_orientation_of_to_latex(lc, capsys):
    sol = qca.minimize(qca.truth_table(lc, "SURV"))
    code, out, _ = run(capsys, "minimize", "LC", "--outcome", "SURV", "--format", "latex")
    assert code == 0 and sol.to_latex() in out


def test_latex_numbers_right_aligned(lc):
    sol = qca.minimize(qca.truth_table(lc, "SURV"))
    assert sol.to_latex().startswith(r"\begin{tabular}{lrrrrl}")
    assert qca.truth_table(lc, "SURV").to_latex().startswith(r"\begin{tabular}{rrrrrrrrrrl}")


def test_no_stray_index_column(lc):
    comp = qca.missing_completions(qca.datasets.load("huang2024"), "AGREE", ["HARM", "THREAT"])
    text = repr(comp).splitlines()
    assert text[1].lstrip().startswith("US-Russia dialogue: HARM")
    assert comp.to_csv().startswith("US-Russia dialogue: HARM,")
    ss = qca.super_subset(lc, "SURV", incl_cut=0.9)
    assert ss.to_markdown().startswith("| expression")
    assert ss.to_csv().startswith("expression,")


def test_column_names_in_the_users_words():
    comp = qca.missing_completions(qca.datasets.load("huang2024"), "AGREE", ["HARM", "THREAT"])
    assert "contradictory rows" in comp.to_frame().columns
    assert "contradictory_rows" not in repr(comp)


def test_missing_sensitivity_says_what_differs(huang):
    comp = qca.missing_completions(huang, "AGREE", ["HARM", "THREAT"], incl_cut=0.8, expression="HARM*~THREAT")
    lines = comp.summary_lines()
    assert not any("DEPENDS ON THE CODING" in line for line in lines)
    assert ("depends on the coding: the conservative solution is HARM*~THREAT when UN cyber arms control: "
            "THREAT = 0; ~THREAT when UN cyber arms control: THREAT = 1") in lines
    assert "under every completion: the same inclS of HARM*~THREAT, 0.923" in lines


def test_xlsx_gives_integer_codes_as_csv(huang, tmp_path):
    pytest.importorskip("openpyxl")
    path = tmp_path / "huang.xlsx"
    huang.to_excel(path)
    back = read_data(path)
    csv = tmp_path / "huang.csv"
    huang.to_csv(csv)
    again = read_data(csv)
    for col in ("HARM", "THREAT", "AGREE"):
        assert str(back[col].dtype) == str(again[col].dtype) == "Int64", col
    assert back.loc["CoE Convention on Cybercrime", "AGREE"] == 1
    assert repr(back.loc["CoE Convention on Cybercrime", "AGREE"]) == "np.int64(1)" or back["AGREE"].dtype == "Int64"
