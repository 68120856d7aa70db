"""The app's pure-Python layer (qca.app.steps) and the ``qca app`` command.

The generated script is run in a subprocess and must print the app's
numbers; the generated command lines are run and must give the same tables.
"""

from __future__ import annotations

import builtins
import json
import os
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

import qca
from qca.app import steps
from qca.cli import main as cli_main

ROOT = Path(__file__).resolve().parents[1]

STUDY = steps.Study(steps.Source("dataset", "huang2024"), outcome="AGREE", conditions=("HARM", "THREAT"),
                    missing="drop", incl_cut=0.8)


def run_script(text: str, folder: Path) -> str:
    path = folder / "qca_analysis.py"
    path.write_text(text, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""), MPLBACKEND="Agg")
    done = subprocess.run([sys.executable, str(path)], cwd=folder, capture_output=True, text=True, env=env,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def study_steps(study: steps.Study, data: pd.DataFrame) -> list[steps.Step]:
    tt = steps.truth_table_step(study, data)
    return [
        steps.data_step(study, data),
        steps.necessity_step(study, data, 0.9),
        steps.super_subset_step(study, data, 0.9),
        tt,
        steps.minimize_step(study, tt.result, "conservative"),
        steps.cases_step(study, data, "HARM*~THREAT"),
        steps.robustness_step(study, data, [1, 0.9, 0.8], [1]),
        steps.missing_step(study, data, "HARM*~THREAT"),
        steps.report_step(study, data, plots=False),
    ]


def test_script_redoes_the_study(tmp_path):
    data = steps.prepared_data(STUDY)
    made = study_steps(STUDY, data)
    out = run_script(steps.script(made, STUDY), tmp_path)
    tt, sol = made[3].result, made[4].result
    fit, types = made[5].result
    for shown in (str(made[1].result), str(made[2].result), str(tt), str(sol), str(fit), str(fit.fractions()),
                  str(types), str(made[6].result), str(made[7].result)):
        assert shown in out
    assert "12/13" in out and "~THREAT" in out and "China-Germany consultations" in out
    assert made[8].result.summary() in out
    # the script saved the report in its own folder, in three formats
    assert {"report.html", "report.md", "report.tex"} <= {p.name for p in tmp_path.iterdir()}


def test_script_with_left_out_case_gives_hypothesis_1(tmp_path):
    study = STUDY.with_(exclude=("CIS Agreement",))
    data = steps.prepared_data(study)
    assert "CIS Agreement" in qca.datasets.load("huang2024").index  # the loaded data untouched
    tt = steps.truth_table_step(study, data)
    sol = steps.minimize_step(study, tt.result)
    assert [str(s) for s in sol.result.solutions] == ["HARM*~THREAT"]
    out = run_script(steps.script([tt, sol], study), tmp_path)
    assert str(sol.result) in out
    # the command line reads the saved selection and prints the same solution
    assert (tmp_path / "huang2024_selected.csv").is_file()
    cmd = sol.cli[0]
    assert cmd.startswith("qca minimize huang2024_selected.csv ")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        target = tmp_path / "out.json"
        assert cli_main(shlex.split(cmd)[1:] + ["--format", "json", "-o", str(target)]) == 0
    finally:
        os.chdir(cwd)
    got = json.loads(target.read_text())
    assert [m["expression"] for m in got["solutions"]] == ["HARM*~THREAT"]


def test_command_lines_give_the_same_tables(tmp_path, capsys):
    data = steps.prepared_data(STUDY)
    tt = steps.truth_table_step(STUDY, data)
    sol = steps.minimize_step(STUDY, tt.result)
    nec = steps.necessity_step(STUDY, data, 0.9)
    for step, check in ((tt, lambda d: [r["n"] for r in d["rows"]] == tt.result.table["n"].tolist()),
                        (sol, lambda d: [m["expression"] for m in d["solutions"]] == [str(s) for s in sol.result.solutions]
                         and d["solutions"][0]["terms"][0]["inclS"] == pytest.approx(
                             sol.result.fit["inclS"].iloc[0])),
                        (nec, lambda d: len(d["rows"]) == len(nec.result.to_frame()))):
        argv = shlex.split(step.cli[0])[1:] + ["--format", "json"]
        assert cli_main(argv) == 0, capsys.readouterr().err
        d = json.loads(capsys.readouterr().out)
        assert check(d), (step.key, d)


def test_intermediate_code_and_lipset(tmp_path):
    study = steps.Study(steps.Source("dataset", "LC"), outcome="SURV", conditions=("DEV", "URB", "LIT", "IND", "STB"))
    data = steps.prepared_data(study)
    tt = steps.truth_table_step(study, data)
    de = [(c, 1) for c in study.conditions]
    inter = steps.minimize_step(study, tt.result, "intermediate", dir_exp=de)
    pars = steps.minimize_step(study, tt.result, "parsimonious")
    assert [str(s) for s in pars.result.solutions] == ["DEV*STB"]
    assert [str(s) for s in inter.result.intermediate["C1P1"].solutions] == ["DEV*LIT*STB"]
    assert "--include '?' --dir-exp DEV,URB,LIT,IND,STB" in inter.cli[0]
    out = run_script(steps.script([tt, pars, inter], study), tmp_path)
    assert str(inter.result.intermediate["C1P1"]) in out and str(pars.result) in out
    with pytest.raises(qca.QCAError, match="directional expectation"):
        steps.minimize_step(study, tt.result, "intermediate", dir_exp=[("DEV", "-")])


def test_file_source_and_safe_paths(tmp_path):
    (tmp_path / "d.csv").write_text("name,A,B,Y\np,1,0,1\nq,0,1,0\nr,1,1,1\n", encoding="utf-8")
    src = steps.Source("file", "d.csv", case_col="name")
    assert steps.data_files(tmp_path) == ["d.csv"]
    data = steps.load_data(src, tmp_path)
    assert data.index.tolist() == ["p", "q", "r"]
    study = steps.Study(src, outcome="Y", conditions=("A", "B"))
    tt = steps.truth_table_step(study, data, tmp_path)
    assert "data = qca.read_data('d.csv', case_col='name')" in tt.python
    assert tt.cli[0] == "qca truth-table d.csv --case-col name --outcome Y --conditions A,B"
    out = run_script(steps.script([tt]), tmp_path)
    assert str(tt.result) in out
    with pytest.raises(qca.QCAError, match="outside the working folder"):
        steps.load_data(steps.Source("file", "../d.csv"), tmp_path / "sub")
    with pytest.raises(qca.QCAError, match="outside the working folder"):
        steps.safe_path(tmp_path, "/etc/passwd")
    with pytest.raises(qca.QCAError, match="no such file"):
        steps.load_data(steps.Source("file", "nope.csv"), tmp_path)
    with pytest.raises(qca.QCAError, match="case_col|nope|column"):
        steps.load_data(steps.Source("file", "d.csv", case_col="nope"), tmp_path)


def test_bad_codes_and_types_leave_the_data_alone():
    df = pd.DataFrame({"A": [0, 1, 1, 0], "M": [0, 1, 2, 2], "R": [0.5, 3.0, 1.0, 0.0], "T": ["a", "b", "1", None],
                       "Y": [1, 0, None, "x"]}, index=list("pqrs"))
    before = df.copy()
    types = steps.column_types(df)
    assert types["type"].tolist() == ["crisp", "multi-value", "raw", "text", "text"]
    assert types.loc["T", "missing"] == 1
    bad = steps.bad_codes(df, ["A", "M", "R", "Y"])
    assert bad[["case", "column", "value"]].values.tolist() == [["q", "R", "3"], ["r", "Y", "<NA>"], ["s", "Y", "x"]]
    pd.testing.assert_frame_equal(df, before)


def test_report_latex_and_markdown():
    data = steps.prepared_data(STUDY)
    rep = steps.report_step(STUDY, data, theory="HARM*~THREAT", plots=False)
    tex = steps.report_latex(rep.result)
    assert tex.count(r"\begin{table}") >= 3 and r"\textasciitilde{}THREAT" in tex and tex.rstrip().endswith(
        r"\end{document}")
    assert "--theory 'HARM*~THREAT'" in rep.cli[0] and rep.cli[1].endswith("-o report.md")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_qca_app_serves_localhost(tmp_path):
    pytest.importorskip("streamlit", reason="the app needs the qca[app] extra (Streamlit)")
    port = _free_port()
    work = tmp_path / "work"
    work.mkdir()
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    log = tmp_path / "app.log"
    with open(log, "w") as fh:
        proc = subprocess.Popen([sys.executable, "-m", "qca", "app", "--no-browser", "--port", str(port),
                                 "--folder", str(work)], cwd=work, env=env, stdout=fh, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        deadline, ok = time.monotonic() + 90, False
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                    ok = r.status == 200
                    break
            except OSError:
                time.sleep(0.5)
        assert ok, log.read_text()
        # 127.0.0.1 only: the server does not answer on this machine's other addresses
        try:
            addrs = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
        except OSError:
            addrs = set()
        for addr in (a for a in addrs if not a.startswith("127.")):
            with socket.socket() as s:
                s.settimeout(1)
                assert s.connect_ex((addr, port)) != 0, f"app reachable on {addr}"
        # SIGTERM to `qca app` stops the server with it
        proc.terminate()
        proc.wait(timeout=30)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
                time.sleep(0.3)
            except OSError:
                break
        else:
            raise AssertionError("the Streamlit server outlived qca app")
    finally:
        try:
            os.killpg(proc.pid, 9)
        except OSError:
            pass
    assert f"http://localhost:{port}" in log.read_text()
    assert list(work.iterdir()) == []  # the app wrote nothing by starting


def test_qca_app_without_the_extra(monkeypatch, capsys):
    real = builtins.__import__
    import importlib.util

    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a, **k: None if name == "streamlit" else real)
    assert cli_main(["app", "--no-browser"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == 'qca app: the app needs the optional extra: pip install "qca[app]" (it installs Streamlit)'
    assert "\n" not in err


def test_qca_app_bad_folder(capsys, tmp_path):
    pytest.importorskip("streamlit")
    assert cli_main(["app", "--no-browser", "--folder", str(tmp_path / "nope")]) == 2
    assert "no such folder" in capsys.readouterr().err
