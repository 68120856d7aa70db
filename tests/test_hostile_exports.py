"""Issue 18: exports are safe to open whatever the names in the data (CSV, Markdown, LaTeX, plots)."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qca
from qca.cli import main
from qca.escape import FORMULA_STARTS

HOSTILE = ["=HYPERLINK(\"http://x\")", "+1", "-A", "@SUM(A1)", "\tx", "\rx", "<script>alert(1)</script>",
           "a|b", "line\nbreak", "$x$", "back`tick"]


def _frame(case_names, cond="A"):
    n = len(case_names)
    a = [i % 2 for i in range(n)]
    b = [(i // 2) % 2 for i in range(n)]
    return pd.DataFrame({cond: a, "B": b, "Y": a}, index=pd.Index(case_names, name="case"))


def _results(df, cond):
    tt = qca.truth_table(df, "Y", incl_cut=0.5)
    sol = qca.minimize(tt)
    return [tt, sol, qca.necessity(df, "Y"), qca.fit(f"{qca.expression.quote_name(cond)}*B", df, "Y"),
            qca.case_types(df, sol.solutions[0], "Y")]


def _unsafe_cells(text):
    return [c for row in csv.reader(io.StringIO(text)) for c in row if c.startswith(FORMULA_STARTS)]


def test_every_csv_export_is_neutralised_and_numbers_stay_numbers():
    df = _frame(HOSTILE, cond="=cmd|' /C calc'!A0")
    for result in _results(df, "=cmd|' /C calc'!A0"):
        text = result.to_csv()
        assert _unsafe_cells(text) == [], type(result).__name__
    tt_csv = qca.truth_table(df, "Y", incl_cut=0.5).to_csv()
    rows = list(csv.reader(io.StringIO(tt_csv)))
    assert rows[1][rows[0].index("n")].isdigit()  # numbers are not quoted


safe_names = st.text(min_size=1, max_size=10).filter(lambda s: s.strip())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases=st.lists(safe_names, min_size=2, max_size=5, unique=True), cond=safe_names)
def test_fuzz_every_cell_of_every_csv_export_is_safe(cases, cond):
    if cond in ("Y", "B"):
        return
    df = _frame(cases, cond)
    for result in _results(df, cond):
        assert _unsafe_cells(result.to_csv()) == []


def _md_rows(md):
    return [line for line in md.splitlines() if line.startswith("|")]


def _cells(line):
    # split on unescaped pipes
    out, cur, esc = [], "", False
    for ch in line:
        if ch == "\\" and not esc:
            esc = True
            cur += ch
            continue
        if ch == "|" and not esc:
            out.append(cur)
            cur = ""
        else:
            cur += ch
        esc = False
    out.append(cur)
    return len(out) - 2


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases=st.lists(safe_names, min_size=2, max_size=5, unique=True), cond=safe_names)
def test_fuzz_every_markdown_table_keeps_its_column_count(cases, cond):
    if cond in ("Y", "B"):
        return
    df = _frame(cases, cond)
    for result in _results(df, cond):
        rows = _md_rows(result.to_markdown())
        assert rows and len({_cells(r) for r in rows}) == 1, result.to_markdown()
        assert "<script" not in result.to_markdown()


def test_markdown_escapes_html_pipes_and_line_breaks(tmp_path):
    df = _frame(HOSTILE)
    md = qca.truth_table(df, "Y", incl_cut=0.5).to_markdown()
    assert "<script>" not in md and "&lt;script>" in md
    assert "a\\|b" in md and "line break" in md
    rep = qca.report(df, "Y", incl_cut=0.5, plots=False, title="<b>x</b>\n# injected").to_markdown()
    assert "<script>" not in rep and "<b>" not in rep and "\n# injected" not in rep


def test_cli_markdown_csv_and_latex_lines_are_safe(tmp_path, capsys):
    p = tmp_path / "d.csv"
    df = _frame(["ok", "=1+1", "x\\input{evil}", "q"])
    df.to_csv(p)
    assert main(["truth-table", str(p), "-y", "Y", "--incl-cut", "0.5", "--format", "csv"]) == 0
    assert _unsafe_cells(capsys.readouterr().out) == []
    bad = tmp_path / "n.csv"
    bad.write_text('case,A,B,Y\n"a\n\\input{evil}",1,1,1\nb,0,0,0\n')
    assert main(["truth-table", str(bad), "-y", "Y", "--format", "latex", "--conditions", "A,B"]) == 0
    out = capsys.readouterr().out
    for line in out.splitlines():
        assert not line.startswith("\\input"), out


def test_a_dollar_in_a_name_draws_literally():
    pytest.importorskip("matplotlib")
    df = pd.DataFrame({"$A^$": [1, 1, 0, 0], "B$\\bad{x}$": [1, 0, 1, 0], "Y": [1, 1, 0, 0]},
                      index=["$\\undefined$", "q$_$", "r", "s"])
    tt = qca.truth_table(df, "Y")
    for fig in (qca.plot.venn(tt), qca.plot.solution_plot(qca.minimize(tt), df), qca.plot.pi_chart(qca.minimize(tt, include="?"))):
        buf = io.BytesIO()
        fig.savefig(buf, format="png")  # mathtext would fail on the unmatched '$'
        texts = [t.get_text() for t in fig.findobj(lambda o: hasattr(o, "get_text"))]
        assert any("$" in t for t in texts)


# ---------------------------------------------------------------- plain text keeps its shape


def _text_outputs(results):
    return [text for r in results for text in (r.to_text(width=100), r.summary(width=100), repr(r))]


@pytest.mark.parametrize("odd", ["\n", "\t", "\r", "\x1b[31m", "\u2028"])
def test_plain_text_tables_show_line_breaks_and_tabs_escaped(odd):
    """A line break, tab or control character in a case or condition name is shown escaped in
    print()/summary()/repr, so the text has the same lines as with plain names (issue 18)."""
    plain_cases, plain_cond = ["pXq", "rXs", "t", "u"], "AXx"
    odd_cases, odd_cond = [c.replace("X", odd) for c in plain_cases], plain_cond.replace("X", odd)
    plain = _text_outputs(_results(_frame(plain_cases, plain_cond), plain_cond))
    hostile = _text_outputs(_results(_frame(odd_cases, odd_cond), odd_cond))
    shown = odd.encode("unicode_escape").decode("ascii")
    for p, h in zip(plain, hostile):
        assert len(h.split("\n")) == len(p.split("\n")), h
        assert all(line.isprintable() for line in h.split("\n")), h
    assert any(f"p{shown}q" in h for h in hostile) and any(f"A{shown}x" in h for h in hostile)


def test_plain_text_cli_output_keeps_its_lines(tmp_path, capsys):
    path = tmp_path / "t.csv"
    path.write_text('case,"A\tx",B,Y\n"p\nq",1,1,1\n"r\tz",1,0,1\ns,0,1,0\nt,0,0,0\n')
    plain = tmp_path / "p.csv"
    plain.write_text('case,AXx,B,Y\npXq,1,1,1\nrXz,1,0,1\ns,0,1,0\nt,0,0,0\n')
    for command in ("truth-table", "minimize", "necessity"):
        assert main([command, str(path), "-y", "Y"]) == 0
        out = capsys.readouterr().out
        assert main([command, str(plain), "-y", "Y"]) == 0
        assert out.count("\n") == capsys.readouterr().out.count("\n") and "\t" not in out, out
        assert "A\\tx" in out
    report = qca.report(qca.read_data(path), "Y", plots=False).summary()
    assert "\t" not in report and "A\\tx" in report


@pytest.mark.parametrize("name", ["\\|", "a\\", "\\\\|x", "|\\"])
def test_a_backslash_in_a_name_never_unescapes_its_pipe_in_markdown(name):
    """Found by the fuzz test: a case named '\\|' was written '\\\\|' (the backslash escaped the
    escaping one) and its '|' added a cell."""
    df = _frame(["p", name, "r", "s"])
    for result in _results(df, "A"):
        rows = _md_rows(result.to_markdown())
        assert rows and len({_cells(r) for r in rows}) == 1, result.to_markdown()


def test_qca_calibrate_writes_a_safe_csv_that_reads_back_the_same(tmp_path, capsys):
    """'qca calibrate' writes a copy of the data: every CSV the command line writes is neutralised
    (the copy wrote '=cmd|x' raw), and read_data takes qca's leading ' off again, with a note."""
    import warnings

    from qca.errors import QCAWarning

    src = tmp_path / "raw.csv"
    src.write_text("case,DEV,Y\n=cmd|x,100,1\n+b,200,0\n@c,300,1\n-d,400,0\n")
    out = tmp_path / "cal.csv"
    assert main(["calibrate", str(src), "--column", "DEV", "-t", "e=100, c=250, i=400", "-o", str(out)]) == 0
    capsys.readouterr()
    assert _unsafe_cells(out.read_text()) == []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        original, copy = qca.read_data(src), qca.read_data(out)
    assert list(copy.index) == list(original.index) == ["=cmd|x", "+b", "@c", "-d"]
    assert any(issubclass(w.category, QCAWarning) and "read without the '" in str(w.message) for w in caught)
