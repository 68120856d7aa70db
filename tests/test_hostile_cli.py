"""Issue 18: the command line never writes over its input, never shows a traceback; read_data names the culprit."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import qca
from qca import QCAError
from qca.cli import main
from qca.errors import QCAWarning

CSV = "case,A,B,Y\np,1,1,1\nq,1,0,1\nr,0,1,0\ns,0,0,0\n"


@pytest.fixture
def data(tmp_path):
    p = tmp_path / "g.csv"
    p.write_text(CSV)
    return p


@pytest.mark.parametrize("fmt", ["csv", "text", "markdown"])
def test_the_command_line_never_writes_over_its_input(data, capsys, fmt):
    code = main(["truth-table", str(data), "-y", "Y", "--format", fmt, "-o", str(data)])
    err = capsys.readouterr().err
    assert code == 2 and "is the input file" in err
    assert data.read_text() == CSV


def test_the_same_file_through_another_path_is_refused_too(data, capsys, monkeypatch):
    monkeypatch.chdir(data.parent)
    code = main(["minimize", "g.csv", "-y", "Y", "-o", str(data.parent / "." / "g.csv")])
    assert code == 2 and data.read_text() == CSV


@pytest.mark.parametrize("argv, words", [
    (["--encoding", "bogus"], "not a text encoding"),
    (["--sep", "XX"], "one separator character"),
    (["--case-col", "nope"], "--case-col 'nope'"),
])
def test_bad_options_give_one_line_not_a_traceback(data, capsys, argv, words):
    code = main(["truth-table", str(data), "-y", "Y", *argv])
    err = capsys.readouterr().err
    assert code == 2 and words in err and "Traceback" not in err


def test_a_directory_as_data_is_named_a_directory(tmp_path, capsys):
    code = main(["truth-table", str(tmp_path), "-y", "Y"])
    assert code == 2 and "is a directory" in capsys.readouterr().err
    with pytest.raises(QCAError, match="is a directory"):
        qca.read_data(tmp_path)


@pytest.mark.parametrize("path", [None, 5, ""])
def test_read_data_refuses_a_non_path(path):
    with pytest.raises(QCAError, match="path"):
        qca.read_data(path)


def test_read_data_errors_are_qcaerrors_in_library_words(tmp_path, data):
    with pytest.raises(QCAError, match="no such file"):
        qca.read_data(tmp_path / "missing.csv")
    with pytest.raises(QCAError, match="encoding='bogus'"):
        qca.read_data(data, encoding="bogus")
    with pytest.raises(QCAError, match="sep='XX'"):
        qca.read_data(data, sep="XX")
    with pytest.raises(QCAError) as err:
        qca.read_data(data, "nope")
    assert "--case-col" not in str(err.value) and "case_col 'nope'" in str(err.value)


def test_a_repeated_header_name_is_refused_with_file_and_line(tmp_path):
    p = tmp_path / "d.csv"
    p.write_text("case,A,A,Y\np,1,0,1\nq,0,1,0\n")
    with pytest.raises(QCAError, match=r"d.csv, line 1: column name 'A' is used twice"):
        qca.read_data(p)


def test_a_repeated_header_name_in_excel_is_refused(tmp_path):
    pytest.importorskip("openpyxl")
    p = tmp_path / "d.xlsx"
    pd.DataFrame([["p", 1, 0, 1], ["q", 0, 1, 0]], columns=["case", "A", "A ", "Y"]).to_excel(p, index=False)
    with pytest.raises(QCAError, match=r"row 1: column name 'A' is used twice"):
        qca.read_data(p)


def test_a_trailing_separator_column_is_left_out_with_a_note(tmp_path, capsys):
    p = tmp_path / "t.csv"
    p.write_text("case,A,B,Y,\np,1,1,1,\nq,1,0,1,\nr,0,1,0,\n")
    with pytest.warns(QCAWarning, match="no name and no value"):
        df = qca.read_data(p)
    assert list(df.columns) == ["A", "B", "Y"]
    code = main(["truth-table", str(p), "-y", "Y"])
    err = capsys.readouterr().err
    assert code == 0 and "no name and no value" in err


def test_a_column_with_values_but_no_name_is_refused(tmp_path):
    p = tmp_path / "u.csv"
    p.write_text("case,A,,Y\np,1,1,1\nq,0,0,0\n")
    with pytest.raises(QCAError, match="column 3 has values but no name"):
        qca.read_data(p)


def test_a_utf16_file_gets_a_utf16_hint(tmp_path, capsys):
    p = tmp_path / "w.csv"
    p.write_bytes(CSV.encode("utf-16"))
    with pytest.raises(QCAError, match="UTF-16"):
        qca.read_data(p)
    df = qca.read_data(p, encoding="utf-16")
    assert list(df.columns) == ["A", "B", "Y"]


def test_an_unexpected_failure_is_one_line(monkeypatch, data, capsys):
    import qca.cli as cli

    def boom(ctx):
        raise RuntimeError("boom")

    monkeypatch.setitem(cli._COMMANDS, "truth-table", boom)
    monkeypatch.delenv("QCA_DEBUG", raising=False)
    code = main(["truth-table", str(data), "-y", "Y"])
    err = capsys.readouterr().err
    assert code == 1 and "internal error" in err and "Traceback" not in err


def test_ctrl_c_is_one_line_and_exit_130(monkeypatch, data, capsys):
    import qca.cli as cli

    def interrupted(ctx):
        raise KeyboardInterrupt

    monkeypatch.setitem(cli._COMMANDS, "truth-table", interrupted)
    assert main(["truth-table", str(data), "-y", "Y"]) == 130
    assert "interrupted" in capsys.readouterr().err


def test_messages_name_the_culprit():
    df = pd.DataFrame({0: [1, 0], 1: [1, 0], "Y": [1, 0]})
    with pytest.raises(QCAError, match="astype\\(str\\)"):
        qca.truth_table(df, "Y")
    with pytest.raises(QCAError, match="astype\\(str\\)"):
        qca.truth_table(df, "Y", conditions=["0"])
    text = pd.DataFrame({"A": ["1", "0"], "Y": [1, 0]})
    with pytest.raises(QCAError, match="pd.to_numeric"):
        qca.truth_table(text, "Y")
    empty = pd.DataFrame({"A": [1, 0], "B": [None, None], "Y": [1, 0]})
    with pytest.raises(QCAError, match="no known code at all in column 'B'"):
        qca.truth_table(empty, "Y", missing="drop")
    multi = pd.DataFrame({"A": [1, 0], "Y": [1, 0]}, index=pd.MultiIndex.from_tuples([("x", 1), ("y", 2)]))
    with pytest.raises(QCAError, match="MultiIndex"):
        qca.truth_table(multi, "Y")
    with pytest.raises(QCAError, match="conditions=5"):
        qca.truth_table(pd.DataFrame({"A": [1, 0], "Y": [1, 0]}), "Y", conditions=5)


# ---------------------------------------------------------------- one error type, checked at the call


def _df():
    return pd.DataFrame({"A": [1, 1, 0, 0], "B": [1, 0, 1, 0], "Y": [1, 1, 0, 0]}, index=list("pqrs"))


@pytest.mark.parametrize("kwargs, words", [
    ({"pri_cut": "abc"}, "pri_cut='abc' is not a number"),
    ({"pri_cut": None}, "pri_cut=None"),
    ({"conditions": 5}, "conditions=5"),
])
def test_truth_table_arguments_name_themselves(kwargs, words):
    with pytest.raises(QCAError) as err:
        qca.truth_table(_df(), "Y", **kwargs)
    assert words in str(err.value)


def test_necessity_cut_offs_are_checked_like_the_truth_tables():
    with pytest.raises(QCAError, match="incl_cut='abc' is not a number"):
        qca.necessity(_df(), "Y", incl_cut="abc")
    assert qca.necessity(_df(), "Y", incl_cut="0.9").incl_cut == 0.9


def test_minimize_and_report_arguments_fail_at_the_call():
    tt = qca.truth_table(_df(), "Y")
    with pytest.raises(QCAError, match="all_sol='no': give True or False"):
        qca.minimize(tt, all_sol="no")
    with pytest.raises(QCAError, match="progress=5"):
        qca.minimize(tt, progress=5)
    with pytest.raises(QCAError, match="include=5"):
        qca.report(_df(), "Y", include=5, plots=False)
    with pytest.raises(QCAError, match="title=5: give a string"):
        qca.report(_df(), "Y", title=5, plots=False)
    with pytest.raises(QCAError, match="source=.*give a string"):
        qca.report(_df(), "Y", source=["a"], plots=False)
    with pytest.raises(QCAError, match="progress=5"):
        qca.super_subset(_df(), "Y", progress=5)


def test_super_subset_reports_progress_and_can_be_stopped():
    rng = pd.Series(range(40))
    df = pd.DataFrame({f"C{i}": ((rng * (i + 3)) % (i + 2) == 0).astype(int) for i in range(12)})
    df["Y"] = (rng % 3 == 0).astype(int)
    calls = []
    qca.super_subset(df, "Y", incl_cut=0.5, depth=3, progress=lambda *a: calls.append(a))
    assert calls[0] == ("super_subset depth 1", 0, 24)
    assert any(stage == "super_subset depth 3" for stage, _, _ in calls)

    def stop(stage, done, total):
        if stage.endswith("2"):
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        qca.super_subset(df, "Y", incl_cut=0.5, depth=3, progress=stop)


# ---------------------------------------------------------------- every QCAError: one line, exit status 2


def _failing_commands(tmp_path):
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("case,A,Y\np,1,1\nq,1,0,1\n")
    twice = tmp_path / "twice.csv"
    twice.write_text('case,A,Y\n"a\nb",1,1\n"a\nb",0,0\n')
    latin = tmp_path / "latin.csv"
    latin.write_bytes("case,A,Y\np,1,1\nq\xe9,0,0\n".encode("latin-1"))
    return [
        ["minimize", "LC", "--outcome", "SURV", "--incl-cut", "1", "--conditions", "DEV", "--include", "?"],
        ["fit", "huang2024", "HARM", "--missing", "error"],
        ["fit", "LC", "--outcome", "SURV", "DEV*+STB"],
        ["fit", "LC", "--outcome", "SURV", "(" * 500 + "DEV"],
        ["truth-table", str(ragged), "-y", "Y"],
        ["truth-table", str(twice), "-y", "Y"],
        ["truth-table", str(latin), "-y", "Y"],
        ["truth-table", str(tmp_path / "nope.csv"), "-y", "Y"],
        ["truth-table", str(latin), "-y", "Y", "--encoding", "bogus"],
        ["truth-table", str(latin), "-y", "Y", "--sep", "XX"],
        ["calibrate", "LR", "--column", "DEV", "-t", "e=350, c=900, i=550"],
        ["necessity", "LC", "-y", "SURV", "--incl-cut", "2"],
    ]


def test_every_qcaerror_is_one_line_and_exit_status_2(tmp_path, capsys):
    """Issue 18: 'the command line turns it into one line and exit 2, never a traceback' -- analysis
    errors too (they were exit 1), and messages laid out on several lines (a parse error's caret,
    a ragged file's hint, a case name holding a line break) come out as one line."""
    for argv in _failing_commands(tmp_path):
        code = main(argv)
        out, err = capsys.readouterr()
        assert code == 2, (argv, err)
        assert err.count("\n") == 1 and err.endswith("\n"), (argv, err)
        assert err.startswith(f"qca {argv[0]}: error: ") and "Traceback" not in err, (argv, err)
        assert out == ""


def test_a_line_break_in_a_named_case_is_shown_escaped(tmp_path, capsys):
    twice = tmp_path / "twice.csv"
    twice.write_text('case,A,Y\n"a\nb",1,1\n"a\nb",0,0\n')
    assert main(["truth-table", str(twice), "-y", "Y"]) == 2
    assert "'a\\nb'" in capsys.readouterr().err


# ---------------------------------------------------------------- audit of issue 18 on today's paths


def test_writing_a_table_to_a_directory_or_nowhere_is_a_qcaerror(tmp_path):
    tt = qca.truth_table(_df(), "Y")
    with pytest.raises(QCAError, match="is a directory"):
        tt.to_csv(tmp_path)
    with pytest.raises(QCAError, match="is a directory"):
        tt.to_json(tmp_path)
    with pytest.raises(QCAError, match="cannot write there"):
        tt.to_csv(tmp_path / "no" / "such" / "dir.csv")
    (tmp_path / "r.md").mkdir()
    with pytest.raises(QCAError, match="is a directory"):
        qca.report(_df(), "Y", plots=False).save(tmp_path / "r.md")


def test_datasets_export_to_a_directory_is_one_line(tmp_path, capsys):
    assert main(["datasets", "LC", "--export", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "--export" in err and "is a directory" in err and "internal error" not in err


@pytest.mark.parametrize("call, words", [
    (lambda tt: tt.summary(width="x"), "width='x'"),
    (lambda tt: tt.to_text(digits="x"), "digits='x'"),
    (lambda tt: tt.to_markdown(max_cases="x"), "max_cases='x'"),
    (lambda tt: tt.to_latex(digits=-1), "digits=-1"),
    (lambda tt: tt.to_html(max_cases=1.5), "max_cases=1.5"),
    (lambda tt: tt.to_csv(digits="2"), "digits='2'"),
    (lambda tt: qca.minimize(tt).model_fit(9), "model=9: the solution has 1 model"),
    (lambda tt: qca.minimize(tt).model_fit("x"), "model='x'"),
])
def test_output_arguments_name_themselves(call, words):
    with pytest.raises(QCAError) as err:
        call(qca.truth_table(_df(), "Y"))
    assert words in str(err.value)


def test_outcome_that_is_not_text_is_named():
    for call in (lambda: qca.truth_table(_df(), 5), lambda: qca.necessity(_df(), None),
                 lambda: qca.fit("A", _df(), 5), lambda: qca.case_types(_df(), "A", 5)):
        with pytest.raises(QCAError, match=r"outcome=(5|None)"):
            call()


def test_robustness_takes_true_or_false_only():
    with pytest.raises(QCAError, match="all_sol='no'"):
        qca.robustness(_df(), "Y", all_sol="no")
    with pytest.raises(QCAError, match="row_dom=1"):
        qca.robustness(_df(), "Y", row_dom=1)


@pytest.mark.parametrize("name", ["", ".", "a\nb.csv", "x" * 300 + ".csv", "nul\x00.csv", " sp.csv"])
def test_the_app_refuses_upload_names_no_file_can_have(tmp_path, monkeypatch, name):
    pytest.importorskip("streamlit")
    import qca.app.page as page

    monkeypatch.setattr(page, "folder", lambda: tmp_path)
    with pytest.raises(QCAError, match="rename the file"):
        page.save_upload(name, b"case,A,Y\np,1,1\n")
    assert list(tmp_path.iterdir()) == []
    assert page.save_upload("..\\..\\win.csv", b"case,A,Y\np,1,1\n") == "win.csv"
    assert [p.name for p in tmp_path.iterdir()] == ["win.csv"]


def test_super_subset_progress_comes_by_time_not_only_by_count(monkeypatch):
    """A depth whose combinations are slow still reports: progress at least every half second of work
    (here a clock that moves one second per look makes every combination report)."""
    import qca.supersubset as ss

    ticks = iter(range(10**6))
    monkeypatch.setattr(ss, "monotonic", lambda: float(next(ticks)))
    rng = pd.Series(range(40))
    df = pd.DataFrame({f"C{i}": ((rng * (i + 3)) % (i + 2) == 0).astype(int) for i in range(8)})
    df["Y"] = (rng % 3 == 0).astype(int)
    calls = []
    qca.super_subset(df, "Y", incl_cut=0.5, depth=2, progress=lambda *a: calls.append(a))
    depth2 = [done for stage, done, _ in calls if stage == "super_subset depth 2"]
    assert depth2 == [c << 2 for c in range(28)]  # C(8, 2) = 28 combinations, each reported


def test_a_real_ctrl_c_stops_the_command_with_one_line_and_130(tmp_path):
    """SIGINT to a running 'qca super-subset' (after its first progress line): exit status 130 and
    'interrupted', no traceback. Generous timeouts: the machine may be loaded."""
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path

    import numpy as np

    rng = np.random.default_rng(1)
    x = rng.integers(0, 2, (600, 22))
    df = pd.DataFrame(x, columns=[f"C{i}" for i in range(22)], index=[f"c{i}" for i in range(600)])
    df["Y"] = rng.integers(0, 2, 600)
    path = tmp_path / "big.csv"
    df.to_csv(path, index_label="case")
    repo = Path(__file__).resolve().parents[1]
    env = dict(os.environ, PYTHONPATH=str(repo))
    proc = subprocess.Popen([sys.executable, "-m", "qca", "super-subset", str(path), "-y", "Y", "--depth", "4",
                             "--incl-cut", "0.8"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        first = proc.stderr.readline()  # the first progress line comes after two seconds of work
        assert first.startswith("qca: super_subset depth"), first
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 130, err
    assert err.rstrip("\n").splitlines()[-1] == "qca super-subset: interrupted" and "Traceback" not in err
    assert out == ""


@pytest.mark.parametrize("data", [5, "Y", None])
def test_calibration_range_names_data_that_is_not_a_frame(data):
    raw = pd.Series([100, 200, 300, 400], index=list("pqrs"))
    with pytest.raises(QCAError, match="data must be a pandas DataFrame"):
        qca.calibration_range(raw, "e=100, c=250, i=400", data, "Y", "A")
