"""The ``qca`` command line: commands, formats, data files, error messages and exit codes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pandas as pd
import pytest

import qca
from qca.cli import main, read_data
from qca.reporting import schema

REPO = Path(__file__).resolve().parents[1]
VALIDATOR = jsonschema.Draft202012Validator(schema())


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Run ``qca argv...``; return (exit status, stdout, stderr)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def valid(doc: dict) -> dict:
    errors = sorted(VALIDATOR.iter_errors(doc), key=str)
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    return doc


@pytest.fixture
def lipset_csv(tmp_path: Path) -> Path:
    path = tmp_path / "lipset.csv"
    qca.datasets.load("LC").to_csv(path)
    return path


# ------------------------------------------------------------------ the study from the terminal


def test_whole_study_from_the_terminal(capsys, tmp_path):
    """Huang (2024), every step as a command, as docs/getting-started.md walks through it."""
    code, out, err = run(capsys, "datasets")
    assert code == 0 and "huang2024" in out and "HARM,THREAT" in out

    code, out, err = run(capsys, "datasets", "huang2024")
    assert code == 0 and "World Economics and Politics" in out

    # two missing codes: the truth table refuses them unless told what to do
    code, out, err = run(capsys, "truth-table", "huang2024")
    assert code == 2 and "--missing drop" in err and "US-Russia dialogue" in err
    assert "conditions default to huang2024's documented conditions: HARM, THREAT" not in out

    code, out, err = run(capsys, "truth-table", "huang2024", "--missing", "drop", "--incl-cut", "0.8")
    assert code == 0
    assert "conditions default to huang2024's documented conditions: HARM, THREAT" in err
    assert "Truth table for AGREE (14 cases, 2 observed rows)" in out
    assert "row 3 is contradictory" in out

    code, out, err = run(capsys, "necessity", "huang2024")
    assert code == 0 and "Necessary:               HARM, ~THREAT" in out

    code, out, err = run(capsys, "fit", "huang2024", "HARM*~THREAT")
    assert code == 0 and "HARM*~THREAT" in out and "0.923" in out

    code, out, err = run(capsys, "fit", "huang2024", "--outcome", "~AGREE", "~HARM + THREAT", "-f", "json")
    doc = valid(json.loads(out))
    assert code == 0 and doc["outcome"] == "~AGREE" and doc["whole"]["expression"] == "~HARM + THREAT"

    code, out, err = run(capsys, "minimize", "huang2024", "--missing", "drop", "--incl-cut", "0.8", "-f", "json")
    doc = valid(json.loads(out))
    assert [m["expression"] for m in doc["solutions"]] == ["~THREAT"]
    assert doc["source"]["conditions_default"] == "HARM,THREAT"

    code, out, err = run(capsys, "cases", "huang2024", "HARM*~THREAT", "-f", "json")
    types = {c["case"]: c["type"] for c in valid(json.loads(out))["cases"]}
    assert types["China-Germany consultations"] == "deviant consistency"
    assert types["CIS Agreement"] == "deviant coverage"

    code, out, err = run(capsys, "missing", "huang2024", "--incl-cut", "0.8", "--expression", "HARM*~THREAT")
    assert code == 0 and "4 completions" in out

    report = tmp_path / "huang2024.html"
    code, out, err = run(capsys, "report", "huang2024", "--missing", "drop", "--incl-cut", "0.8",
                         "--theory", "HARM*~THREAT", "--output", str(report))
    assert code == 0 and out == ""
    page = report.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "China-Germany consultations" in page

    venn = tmp_path / "venn.png"
    code, out, err = run(capsys, "plot", "venn", "huang2024", "--missing", "drop", "--incl-cut", "0.8",
                         "-o", str(venn))
    assert code == 0 and venn.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_matches_the_library_and_r(capsys):
    """R: minimize(truthTable(LC, "SURV"), include = "?") gives DEV*STB."""
    code, out, err = run(capsys, "minimize", "LC", "--outcome", "SURV", "--include", "?", "-f", "json")
    doc = valid(json.loads(out))
    assert [m["expression"] for m in doc["solutions"]] == ["DEV*STB"]
    assert [r["row"] for r in doc["truth_table"]["rows"] if r["OUT"] == "1"] == [22, 24, 32]
    sol = qca.minimize(qca.truth_table(qca.datasets.load("LC"), "SURV"), include="?")
    assert doc == {**qca.reporting.to_dict(sol), "source": doc["source"]}
    assert doc["solutions"][0]["fit"]["covS"] == 1.0
    assert {r["row"] for r in doc["solutions"][0]["simplifying_assumptions"]} == {18, 20, 26, 28, 30}


def test_intermediate_solution_from_the_terminal(capsys):
    code, out, err = run(capsys, "minimize", "LC", "--outcome", "SURV", "--include", "?", "--dir-exp",
                         "DEV,URB,LIT,IND,STB", "-f", "json")
    doc = valid(json.loads(out))
    assert code == 0 and doc["type"] == "intermediate" and doc["dir_exp"] == ["DEV", "URB", "LIT", "IND", "STB"]
    code, out, err = run(capsys, "minimize", "LC", "--outcome", "SURV", "--dir-exp", "DEV")
    assert code == 2 and "--include ?" in err


# ------------------------------------------------------------------ formats and output


@pytest.mark.parametrize("command", [
    ["truth-table", "LC", "--outcome", "SURV"],
    ["minimize", "LC", "--outcome", "SURV", "--include", "?"],
    ["necessity", "LC", "--outcome", "SURV"],
    ["fit", "LC", "--outcome", "SURV", "DEV*STB + ~URB"],
    ["cases", "LC", "--outcome", "SURV", "DEV*STB"],
    ["super-subset", "LC", "--outcome", "SURV", "--incl-cut", "0.9"],
    ["theory", "LC", "--outcome", "SURV", "DEV*LIT", "--include", "?"],
    ["robustness", "LC", "--outcome", "SURV", "--incl-cuts", "1", "0.8"],
])
def test_every_format(capsys, command):
    code, text, _ = run(capsys, *command)
    assert code == 0 and text.startswith("=" * 78)
    code, md, _ = run(capsys, *command, "--format", "markdown")
    assert code == 0 and md.startswith("## ") and "|--" in md
    code, tex, _ = run(capsys, *command, "--format", "latex")
    assert code == 0 and r"\toprule" in tex and r"\bottomrule" in tex and tex.count(r"\begin{tabular}") == tex.count(r"\end{tabular}")
    code, page, _ = run(capsys, *command, "--format", "html")
    assert code == 0 and page.startswith("<!DOCTYPE html>") and "<table>" in page
    code, out, _ = run(capsys, *command, "--format", "json")
    doc = valid(json.loads(out))
    assert doc["schema"] == "qca-result/1" and doc["source"]["command"].startswith("qca " + command[0])
    code, out, _ = run(capsys, *command, "--format", "csv")
    assert code == 0 and len(pd.read_csv(io.StringIO(out))) >= 1


def test_output_file_and_format_from_suffix(capsys, tmp_path):
    for suffix, check in ((".md", "## Truth table"), (".tex", r"\toprule"), (".json", '"kind": "truth_table"'),
                          (".csv", "row,DEV"), (".html", "<!DOCTYPE html>"), (".txt", "=" * 78)):
        path = tmp_path / f"tt{suffix}"
        code, out, err = run(capsys, "truth-table", "LC", "--outcome", "SURV", "--output", str(path))
        assert code == 0 and out == ""
        assert check in path.read_text(encoding="utf-8"), suffix


def test_minimize_published_tables(capsys):
    code, out, _ = run(capsys, "minimize", "LC", "--outcome", "SURV", "--format", "markdown")
    assert "M1: DEV*~URB*LIT*STB + DEV*LIT*IND*STB -> SURV" in out
    assert "|   inclS |" in out and "|   covU |" in out
    code, out, _ = run(capsys, "minimize", "LC", "--outcome", "SURV", "--include", "?", "--style", "fiss",
                       "--format", "latex")
    assert r"{\Large$\bullet$}" in out and r"\caption{M1: DEV*STB -> SURV}" in out
    assert r"\caption{Simplifying assumptions of M1}" in out


def test_truth_table_complete_lists_remainders(capsys):
    code, out, _ = run(capsys, "truth-table", "LC", "--outcome", "SURV", "--complete")
    assert code == 0 and "Logical remainders (23)" in out


def test_datasets_formats_and_export(capsys, tmp_path):
    code, out, _ = run(capsys, "datasets", "--format", "json")
    doc = valid(json.loads(out))
    assert doc["kind"] == "datasets" and doc["datasets"][0]["name"] == "huang2024"
    assert doc["datasets"][0]["conditions"] == ["HARM", "THREAT"]
    target = tmp_path / "huang.csv"
    code, out, _ = run(capsys, "datasets", "huang2024", "--export", str(target))
    assert code == 0
    again = read_data(target)
    assert again.shape == (16, 10) and again.loc["UN cyber arms control", "THREAT"] is pd.NA
    code, out, err = run(capsys, "datasets", "nope")
    assert code == 2 and "huang2024" in err


def test_schema_command(capsys):
    code, out, _ = run(capsys, "schema")
    assert code == 0 and json.loads(out)["title"] == "qca-result/1"


# ------------------------------------------------------------------ reading files


def test_reads_csv_tsv_semicolons_excel_and_stata(capsys, tmp_path, lipset_csv):
    lc = qca.datasets.load("LC")
    (tmp_path / "lc.tsv").write_text(lc.to_csv(sep="\t"), encoding="utf-8")
    (tmp_path / "lc_semi.csv").write_text(lc.to_csv(sep=";"), encoding="utf-8")
    lc.astype(int).to_excel(tmp_path / "lc.xlsx")
    lc.astype(int).rename_axis("country").reset_index().to_stata(tmp_path / "lc.dta", write_index=False)
    for name in ("lipset.csv", "lc.tsv", "lc_semi.csv", "lc.xlsx", "lc.dta"):
        path = lipset_csv if name == "lipset.csv" else tmp_path / name
        code, out, err = run(capsys, "minimize", str(path), "--outcome", "SURV", "--include", "?", "-f", "json")
        assert code == 0, (name, err)
        doc = json.loads(out)
        assert [m["expression"] for m in doc["solutions"]] == ["DEV*STB"], name
        assert doc["truth_table"]["rows"][0]["cases"] == ["GR", "PT", "ES"], name


def test_reads_spss_or_says_what_is_missing(capsys, tmp_path):
    try:
        import pyreadstat
    except ImportError:
        path = tmp_path / "lc.sav"
        path.write_bytes(b"$FL2@(#) not really spss")
        code, out, err = run(capsys, "truth-table", str(path), "--outcome", "SURV")
        assert code == 2 and "pyreadstat" in err and str(path) in err
    else:  # pragma: no cover - depends on the machine
        lc = qca.datasets.load("LC").astype(int).reset_index()
        pyreadstat.write_sav(lc, str(tmp_path / "lc.sav"))
        code, out, err = run(capsys, "truth-table", str(tmp_path / "lc.sav"), "--outcome", "SURV")
        assert code == 0, err


def test_case_names_missing_tokens_and_case_col(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("country,A,B,Y,note\nNA,1,NA,1,x\nFR,0,.,0,y\nDE,-,1,1,z\n", encoding="utf-8")
    df = read_data(path)
    assert df.index.tolist() == ["NA", "FR", "DE"]  # Namibia stays a case name
    assert df["B"].isna().tolist() == [True, True, False]
    assert df["A"].tolist()[:2] == [1, 0] and df["A"].isna().tolist()[2]
    assert df.attrs["qca_lines"] == [2, 3, 4]
    numbered = tmp_path / "n.csv"
    numbered.write_text("A,Y\n1,1\n0,0\n", encoding="utf-8")
    assert read_data(numbered).index.tolist() == ["1", "2"]
    assert read_data(path, case_col="note").index.tolist() == ["x", "y", "z"]


def test_blank_lines_and_quoted_newlines_keep_line_numbers(capsys, tmp_path):
    path = tmp_path / "q.csv"
    path.write_text('case,A,Y\n"a\nb",1,1\n\nc,2,0\n', encoding="utf-8")
    code, out, err = run(capsys, "truth-table", str(path), "--outcome", "Y")
    assert code == 2
    assert f"{path}, line 5 (case 'c'), column 'A': 2 is not a crisp code" in err


# ------------------------------------------------------------------ errors and exit codes


def test_unreadable_files_name_file_and_line(capsys, tmp_path):
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("case,A,Y\nx,1,1\ny,0,1,7\n", encoding="utf-8")
    code, out, err = run(capsys, "truth-table", str(ragged), "--outcome", "Y")
    assert code == 2 and f"{ragged}, line 3: 4 fields where the header has 3" in err

    latin = tmp_path / "latin.csv"
    latin.write_bytes("case,A,Y\nx,1,1\nS\xe3o Paulo,0,1\n".encode("latin-1"))
    code, out, err = run(capsys, "truth-table", str(latin), "--outcome", "Y")
    assert code == 2 and f"{latin}, line 3, column 2" in err and "--encoding" in err
    code, out, err = run(capsys, "truth-table", str(latin), "--outcome", "Y", "--encoding", "latin-1")
    assert code == 0 and "São Paulo" in out

    quote = tmp_path / "quote.csv"
    quote.write_text('case,A,Y\nx,1,1\n"y,0,1\n', encoding="utf-8")
    code, out, err = run(capsys, "truth-table", str(quote), "--outcome", "Y")
    assert code == 2 and f"{quote}, line 3: a quoted text is never closed" in err

    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    code, out, err = run(capsys, "truth-table", str(empty), "--outcome", "Y")
    assert code == 2 and "is empty" in err

    crisp = tmp_path / "fuzzy.csv"
    crisp.write_text("case,A,Y\nx,1,1\ny,0.6,1\nz,yes,0\nw,1.7,1\n", encoding="utf-8")
    code, out, err = run(capsys, "truth-table", str(crisp), "--outcome", "Y")
    assert code == 2
    # 0.6 makes A a fuzzy set; the text cell is the error
    assert f"{crisp}, line 4 (case 'z'), column 'A': 'yes' is not a number; a fuzzy set needs memberships" in err
    assert "(1 more such cells in this column)" in err


@pytest.mark.parametrize("argv, message", [
    ([], None),
    (["frobnicate"], "invalid choice"),
    (["truth-table"], "required: DATA"),
    (["truth-table", "no-such-file.csv", "--outcome", "Y"], "no such file or bundled data set"),
    (["truth-table", "huang", "--outcome", "Y"], "did you mean huang2024"),
    (["truth-table", "LC", "--outcome", "SURV", "--incl-cut", "1.2"], "1.2 is outside [0, 1]"),
    (["truth-table", "LC", "--outcome", "SURV", "--incl-cut", "0.6,0.8"], "ic0 must not exceed ic1"),
    (["truth-table", "LC", "--outcome", "SURV", "--n-cut", "0"], "0 is below 1"),
    (["truth-table", "LC", "--outcome", "SURV", "--missing", "guess"], "invalid choice"),
    (["truth-table", "LC", "--outcome", "NOPE"], "--outcome 'NOPE' is not a column of LC"),
    (["truth-table", "LC", "--outcome", "SURV", "--conditions", "DEV,XX"], "XX not in LC"),
    (["truth-table", "LC", "--outcome", "SURV", "--conditions", "DEV,SURV"], "also listed as a condition"),
    (["fit", "LC", "--outcome", "SURV", "DEV*+STB"], "cannot parse 'DEV*+STB' at character 5"),
    (["fit", "LC", "--outcome", "SURV", "DEV*STBB"], "STBB not in LC"),
    (["minimize", "LC", "--outcome", "SURV", "--include", "X"], "use '?'"),
    (["plot", "venn", "LC", "--outcome", "SURV", "-o", "x.txt"], "use a .png, .svg or .pdf file"),
    (["robustness", "LC", "--outcome", "SURV", "--incl-cut", "0.9"], "--incl-cuts"),
])
def test_bad_usage_exits_2(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2
    if message:
        assert message in err


def test_text_columns_need_conditions(capsys, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("case,A,label,Y\nx,1,big,1\ny,0,small,0\n", encoding="utf-8")
    code, out, err = run(capsys, "truth-table", str(path), "--outcome", "Y")
    assert code == 2 and "text columns (label)" in err and "--conditions A" in err
    code, out, err = run(capsys, "truth-table", str(path), "--outcome", "Y", "--conditions", "A")
    assert code == 0


def test_analysis_errors_exit_2(capsys):
    """Every QCAError is one line and exit status 2 (issue 18), analysis errors included."""
    code, out, err = run(capsys, "minimize", "LC", "--outcome", "SURV", "--incl-cut", "1", "--conditions", "DEV",
                         "--include", "?")
    assert code == 2 and "no row has OUT = 1" in err and "--incl-cut 1" in err
    code, out, err = run(capsys, "minimize", "huang2024", "--missing", "drop", "--incl-cut", "0.8", "--include", "?")
    assert code == 2 and "no row is negative" in err and "--include ?" in err
    code, out, err = run(capsys, "fit", "huang2024", "HARM", "--missing", "error")
    assert code == 2 and "--missing drop" in err


def test_missing_policy_for_expressions(capsys):
    code, out, err = run(capsys, "fit", "huang2024", "HARM*~THREAT", "-f", "json")
    assert json.loads(out)["terms"][0]["undecided"] == []
    code, out, err = run(capsys, "necessity", "huang2024", "-f", "json")
    rows = {r["expression"]: r for r in json.loads(out)["rows"]}
    assert rows["HARM"]["undecided"] == ["US-Russia dialogue"]
    code, out, err = run(capsys, "necessity", "huang2024", "--missing", "drop", "-f", "json")
    rows = {r["expression"]: r for r in json.loads(out)["rows"]}
    assert rows["HARM"]["undecided"] == [] and "left out for missing codes" in err


def test_console_script_and_python_m(tmp_path):
    """``python -m qca`` runs the CLI, and pyproject's script points at qca.cli:main."""
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run([sys.executable, "-m", "qca", "--version"], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == f"qca {qca.__version__}"
    done = subprocess.run([sys.executable, "-m", "qca", "fit", "LC", "--outcome", "SURV", "DEV*+"],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert done.returncode == 2 and "cannot parse" in done.stderr
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '[project.scripts]\nqca = "qca.cli:main"' in pyproject
