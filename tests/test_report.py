"""Reports, published-style tables, summaries, notebook HTML and the JSON export."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pandas as pd
import pytest

import qca
from qca.cases import case_types
from qca.cli import main
from qca.reporting import SYMBOLS, latex_table, schema, solution_table, to_dict
from qca.tables import TableView

VALIDATOR = jsonschema.Draft202012Validator(schema())


def valid(doc: dict) -> dict:
    errors = list(VALIDATOR.iter_errors(doc))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    return doc


@pytest.fixture(scope="module")
def huang() -> pd.DataFrame:
    return qca.datasets.load("huang2024")


@pytest.fixture(scope="module")
def lipset() -> pd.DataFrame:
    return qca.datasets.load("LC")


@pytest.fixture(scope="module")
def study_report():
    return qca.report("huang2024", missing="drop", dir_exp="HARM, ~THREAT", theory="HARM*~THREAT")


def every_result(huang: pd.DataFrame, lipset: pd.DataFrame) -> dict[str, TableView]:
    """One of every result object the library returns."""
    tt = qca.truth_table(lipset, "SURV")
    par = qca.minimize(tt, include="?")
    tt_h = qca.truth_table(huang, "AGREE", ["HARM", "THREAT"], missing="drop", incl_cut=0.8)
    from qca.missing import missing_completions

    results = {
        "truth_table": tt,
        "conservative": qca.minimize(tt),
        "parsimonious": par,
        "intermediate": qca.minimize(tt, include="?", dir_exp="DEV, URB, LIT, IND, STB"),
        "fit": qca.fit("DEV*STB + ~URB", lipset, "SURV"),
        "fit_necessity": qca.fit("DEV + STB", lipset, "SURV", relation="necessity"),
        "necessity": qca.necessity(huang, "AGREE", ["HARM", "THREAT"]),
        "case_types": case_types(huang, "HARM*~THREAT", "AGREE"),
        "completions": missing_completions(huang, "AGREE", ["HARM", "THREAT"], incl_cut=0.8,
                                           expression="HARM*~THREAT"),
        "super_subset": qca.super_subset(lipset, "SURV", incl_cut=0.9),
        "theory": qca.theory_evaluation(lipset, "DEV*LIT", par),
        "robustness": qca.robustness(lipset, "SURV", incl_cut=[1, 0.8]),
        "diversity": qca.limited_diversity(lipset, "SURV"),
        "remainders": qca.untenable_remainders(tt, necessary="DEV"),
        "intermediate_pair": next(iter(qca.minimize(tt, include="?", dir_exp="DEV").intermediate.values())),
        "truth_table_huang": tt_h,
    }
    return results


# ------------------------------------------------------------------ every result


def test_every_result_has_summary_html_frame_csv_json(huang, lipset):
    for name, result in every_result(huang, lipset).items():
        frame = result.to_frame()
        assert isinstance(frame, pd.DataFrame), name
        text = result.summary()
        lines = text.splitlines()
        assert lines[0] == "=" * 78 and lines[-1] == "=" * 78, name
        assert "qca version:" in text, name
        page = result._repr_html_()
        assert page.startswith('<div class="qca">') and "<table>" in page, name
        csv = result.to_csv()
        assert csv is not None and len(csv.splitlines()) >= 1, name
        doc = valid(json.loads(result.to_json()))
        assert doc["schema"] == "qca-result/1", name


def test_summary_lists_every_case_wrapped_to_the_width(huang):
    tt = qca.truth_table(huang, "AGREE", ["HARM", "THREAT"], missing="drop", incl_cut=0.8)
    text = tt.summary(width=78)
    table = text.split("Notes:")[0]
    # every name whole, one cell wrapped over lines; a line is longer than the width only
    # when it holds a single name longer than the room the other columns leave
    for case in tt.table.loc[3, "cases"]:
        assert case in table, case
    assert "(+" not in text and "\u2026" not in text
    long = [line.rstrip() for line in text.splitlines() if len(line.rstrip()) > 78]
    start = text.splitlines()[text.splitlines().index(next(x for x in text.splitlines()
                                                           if x.lstrip().startswith("row")))].index("cases")
    assert long and all(set(line) <= {"-", " "} or ", " not in line[start:].rstrip(",;")
                        for line in long), long
    assert tt.summary(width=78, max_cases=2).count("(+11 more)") == 1
    assert "Cases used:                         14 Dropped (missing):                    2" in text
    assert "[3] dropped for missing codes (missing='drop'): UN cyber arms control" in text


def test_notebook_html_folds_case_lists(huang):
    tt = qca.truth_table(huang, "AGREE", ["HARM", "THREAT"], missing="drop", incl_cut=0.8)
    page = tt._repr_html_()
    assert '<details title="CoE Convention on Cybercrime, China-US consensus' in page
    assert "<summary>13 cases</summary>" in page
    assert '<td class="qca-text">CIS Agreement</td>' in page  # a single case is shown as it is
    assert '<tr class="out-1">' in page
    assert "&lt;" not in qca.fit("HARM", huang, "AGREE")._repr_html_().split("<table>")[0].replace("-&gt;", "")


def test_to_dict_matches_results(lipset):
    tt = qca.truth_table(lipset, "SURV")
    doc = valid(to_dict(tt))
    assert doc["kind"] == "truth_table" and doc["conditions"] == ["DEV", "URB", "LIT", "IND", "STB"]
    assert [r["row"] for r in doc["rows"]] == tt.table.index.tolist()
    assert doc["rows"][0]["configuration"] == {"DEV": 0, "URB": 0, "LIT": 0, "IND": 0, "STB": 0}
    assert doc["remainders"] == 32 - len(tt.table)
    sol = valid(to_dict(qca.minimize(tt)))
    m1 = sol["solutions"][0]
    assert m1["expression"] == "DEV*~URB*LIT*STB + DEV*LIT*IND*STB"
    assert [t["covU"] for t in m1["terms"]] == [0.25, 0.5]
    assert m1["fit"]["inclS"] == 1.0 and m1["fit"]["covU"] is None
    assert json.loads(json.dumps(sol)) == sol  # plain JSON types only


# ------------------------------------------------------------------ published tables


def test_solution_table_terms_style(lipset):
    sol = qca.minimize(qca.truth_table(lipset, "SURV"))
    table = solution_table(sol, cases=True)
    assert table.columns.tolist() == ["DEV*~URB*LIT*STB", "DEV*LIT*IND*STB", "solution"]
    assert table.index.tolist() == ["inclS", "PRI", "covS", "covU", "cases"]
    assert table.loc["covU", "solution"] == "" and table.loc["covS", "solution"] == "1.000"
    assert table.loc["cases", "DEV*~URB*LIT*STB"] == "FI, FR, IE, SE"


def test_solution_table_fiss_core_and_peripheral(lipset):
    tt = qca.truth_table(lipset, "SURV")
    con, par = qca.minimize(tt), qca.minimize(tt, include="?")
    table = solution_table(con, style="fiss", core=par)
    assert table.loc["DEV"].tolist() == [SYMBOLS["core present"]] * 2  # DEV*STB is the parsimonious term
    assert table.loc["STB"].tolist() == [SYMBOLS["core present"]] * 2
    assert table.loc["URB"].tolist() == [SYMBOLS["absent"], ""]  # peripheral absence
    assert table.loc["IND"].tolist() == ["", SYMBOLS["present"]]  # peripheral presence
    assert table.loc["solution coverage"].tolist() == ["1.000", ""]
    plain = solution_table(con, style="fiss")  # no core given: every condition drawn as core
    assert plain.loc["URB"].tolist() == [SYMBOLS["core absent"], ""]
    with pytest.raises(qca.QCAError, match="style='wide'"):
        solution_table(con, style="wide")
    with pytest.raises(qca.QCAError, match="model=3"):
        solution_table(con, model=3)


def test_latex_table_escapes_and_uses_booktabs(lipset):
    sol = qca.minimize(qca.truth_table(lipset, "SURV"), include="?")
    tex = latex_table(solution_table(sol, style="fiss"), caption="Parsimonious solution, 50% & more",
                      label="tab:sol")
    assert tex.startswith("\\begin{table}[htbp]\n\\centering\n\\caption{Parsimonious solution, 50\\% \\& more}")
    assert "\\label{tab:sol}" in tex and "\\toprule" in tex and "\\midrule" in tex and "\\bottomrule" in tex
    assert "{\\Large$\\bullet$}" in tex and "\\begin{tabular}{lc}" in tex
    frame = pd.DataFrame({"inclS": [1.0]}, index=pd.Index(["~A*B_1 #2"], name="term"))
    assert "\\textasciitilde{}A*B\\_1 \\#2 & 1.000 \\\\" in latex_table(frame)


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_latex_output_compiles(tmp_path, capsys):
    """Every LaTeX table the CLI writes compiles with booktabs (run where TeX is installed)."""
    bodies = []
    for argv in (["truth-table", "LC", "--outcome", "SURV"],
                 ["minimize", "LC", "--outcome", "SURV", "--include", "?", "--style", "fiss"],
                 ["minimize", "LC", "--outcome", "SURV"],
                 ["necessity", "LC", "--outcome", "SURV"],
                 ["fit", "LC", "--outcome", "SURV", "DEV*STB + ~URB"]):
        assert main([*argv, "--format", "latex"]) == 0
        bodies.append(capsys.readouterr().out)
    doc = ("\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage{booktabs}\n\\begin{document}\n"
           + "\n\n".join(bodies) + "\n\\end{document}\n")
    (tmp_path / "t.tex").write_text(doc, encoding="utf-8")
    done = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "t.tex"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:]
    assert (tmp_path / "t.pdf").stat().st_size > 1000


# ------------------------------------------------------------------ the report


def test_report_parts(study_report):
    rep = study_report
    assert list(rep.solutions) == ["conservative", "intermediate", "parsimonious"]
    assert str(rep.solutions["parsimonious"].solutions[0]) == "~HARM"
    assert rep.truth_table.dropped.index.tolist() == ["UN cyber arms control", "US-Russia dialogue"]
    assert rep.necessity.necessary == ["HARM", "~THREAT"]
    assert rep.theory_cases.deviant == ["CIS Agreement", "China-Germany consultations"]
    assert rep.completions is not None and len(rep.completions.to_frame()) == 4
    assert rep.settings["incl_cut"] == [1.0, 1.0] and rep.settings["missing"] == "drop"
    assert rep.settings["versions"]["qca"] == qca.__version__
    assert rep.settings["command"] == ("qca report huang2024 --outcome AGREE --conditions HARM,THREAT "
                                       "--missing drop --dir-exp 'HARM, ~THREAT' --theory 'HARM*~THREAT' "
                                       "--output report.html")
    assert rep.main == "intermediate"
    assert set(rep.to_frame().index.get_level_values("solution")) == {"conservative", "intermediate",
                                                                       "parsimonious"}


def test_report_markdown(study_report):
    md = study_report.to_markdown()
    for heading in ("## Data", "## Truth table", "## Necessary conditions", "## Solutions",
                    "### Conservative solution", "### Intermediate solution", "### Parsimonious solution",
                    "## Simplifying assumptions", "## Deviant cases", "## Theory",
                    "## Sensitivity to missing codes", "## Settings and reproduction"):
        assert heading in md, heading
    assert "| UN cyber arms control | THREAT            |" in md
    assert "Parsimonious M1: 1 remainder assumed to show AGREE:" in md
    assert "C1P1 (complex ~HARM*~THREAT, parsimonious ~HARM): 0 easy counterfactuals, 1 difficult one " in md
    assert "| deviant consistency     |   1 | UN cyber arms control" in md
    assert "qca report huang2024 --outcome AGREE" in md
    assert "World Economics and Politics" in md


def test_report_html_is_self_contained(study_report, tmp_path):
    path = study_report.save(tmp_path / "report.html")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    # nothing is fetched from elsewhere: no external scripts, styles or images
    assert not re.search(r"""(src|href)=["']https?:""", page)
    assert "<script" not in page and "<link" not in page
    assert page.count('src="data:image/png;base64,') == 3  # Venn diagram, solution plot, PI chart
    assert "<summary>12 cases</summary>" in page
    assert '<nav><b>Contents</b>' in page and 'id="settings"' in page


def test_report_saves_by_suffix(study_report, tmp_path):
    assert study_report.save(tmp_path / "r.md").read_text(encoding="utf-8").startswith("# Crisp-set QCA of AGREE")
    doc = valid(json.loads(study_report.save(tmp_path / "r.json").read_text(encoding="utf-8")))
    assert doc["kind"] == "report" and set(doc["solutions"]) == {"conservative", "intermediate", "parsimonious"}
    assert doc["theory"]["whole"] is None and doc["theory"]["terms"][0]["inclS"] == pytest.approx(12 / 13)
    with pytest.raises(qca.QCAError, match="cannot tell the report format"):
        study_report.save(tmp_path / "r.docx")


def test_report_reproduces_itself(study_report, tmp_path, capsys, monkeypatch):
    """The Python call and the command printed in the report redo the same analysis."""
    monkeypatch.chdir(tmp_path)
    scope: dict = {}
    exec(study_report.settings["python_call"].replace('rep.save("report.html")', ""), scope)
    again = scope["rep"]
    assert {k: [str(e) for e in s.solutions] for k, s in again.solutions.items()} == \
           {k: [str(e) for e in s.solutions] for k, s in study_report.solutions.items()}
    argv = shlex.split(study_report.settings["command"])[1:]
    assert main(argv) == 0
    assert "China-Germany consultations" in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_report_says_what_could_not_be_done(huang):
    rep = qca.report(huang, "AGREE", ["HARM", "THREAT"], incl_cut=0.8, missing="drop", plots=False)
    assert list(rep.solutions) == ["conservative"]
    assert "no row is negative" in rep.problems["parsimonious"]
    md = rep.to_markdown()
    assert "### Parsimonious solution\n\nNot available: include='?' but no row is negative" in md
    assert rep.settings["python_call"].startswith("import qca\n\ndata = ...")
    assert "--incl-cut 0.8" in rep.settings["command"]


def test_report_fiss_style_and_summary(lipset):
    rep = qca.report(lipset, "SURV", style="fiss", plots=False, source="LC.csv")
    md = rep.to_markdown()
    assert SYMBOLS["core present"] in md and SYMBOLS["absent"] in md
    text = rep.summary()
    assert "conservative  M1       DEV*~URB*LIT*STB + DEV*LIT*IND*STB" in text
    assert "parsimonious  M1       DEV*STB" in text
    assert rep.settings["python_call"].startswith("import qca\n\ndata = qca.read_data('LC.csv')")
    assert "<h1>Crisp-set QCA of SURV in LC.csv</h1>" in rep._repr_html_()


def test_report_rejects_bad_input(lipset):
    with pytest.raises(qca.QCAError, match="give the outcome"):
        qca.report(lipset)
    with pytest.raises(qca.QCAError, match="style='wide'"):
        qca.report(lipset, "SURV", style="wide")
    with pytest.raises(qca.QCAError, match="unknown data set 'nope'"):
        qca.report("nope")
