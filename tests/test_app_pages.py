"""The app's pages, walked headless with Streamlit's AppTest on the study's data and on Lipset's.

Each test drives the widgets as a user would and asserts what the page
shows: tables, solutions, the contradictory row's cases, messages next to
the controls, and the code that redoes each result.
"""

from __future__ import annotations

import pytest

pytest.importorskip("streamlit", reason="the app needs the qca[app] extra (Streamlit)")

from streamlit.testing.v1 import AppTest  # noqa: E402

from qca.app import page_path  # noqa: E402

TIMEOUT = 60


def start(tmp_path, monkeypatch) -> AppTest:
    monkeypatch.setenv("QCA_APP_FOLDER", str(tmp_path))
    at = AppTest.from_file(page_path(), default_timeout=TIMEOUT).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def go(at: AppTest, page: str) -> AppTest:
    at.sidebar.radio(key="w_page").set_value(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    """Everything written on the page as one string (markdown, captions, code, alerts)."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [c.value for c in at.code]
    parts += [e.value for e in at.error] + [w.value for w in at.warning] + [i.value for i in at.info]
    parts += [s.value for s in at.success]
    return "\n".join(map(str, parts))


def frames(at: AppTest) -> list:
    return [d.value for d in at.dataframe]


def huang(tmp_path, monkeypatch) -> AppTest:
    at = start(tmp_path, monkeypatch)
    assert at.selectbox(key="w_dataset").value == "huang2024"
    at.radio(key="w_missing").set_value("drop").run()
    return at


def test_data_page_shows_types_and_missing_codes(tmp_path, monkeypatch):
    at = huang(tmp_path, monkeypatch)
    assert at.selectbox(key="w_outcome").value == "AGREE"
    assert at.multiselect(key="w_conditions").value == ["HARM", "THREAT"]
    types = frames(at)[0]
    assert types.loc["HARM", "type"] == "crisp" and types.loc["issue", "type"] == "text"
    assert types.loc["HARM", "missing"] == 1
    bad = next(f for f in frames(at) if "problem" in f.columns)
    assert sorted(zip(bad.index, bad["column"])) == [("UN cyber arms control", "THREAT"),
                                                     ("US-Russia dialogue", "HARM")]
    assert "qca.datasets.load('huang2024')" in texts(at)


def test_truth_table_page_on_the_study(tmp_path, monkeypatch):
    at = go(huang(tmp_path, monkeypatch), "Truth table")
    assert not at.error
    tt = frames(at)[0]
    # incl_cut 1: row 3 (HARM*~THREAT) is below the cut-off; 12 of its 13 cases agree
    assert tt.loc[3, "incl (cases)"] == "12/13" and tt.loc[3, "below cut-off"] == "incl < 1"
    assert str(tt.loc[3, "OUT"]) == "0"
    at.number_input(key="w_incl_cut").set_value(0.8).run()
    tt = frames(at)[0]
    assert str(tt.loc[3, "OUT"]) == "1" and tt.loc[3, "below cut-off"] == ""
    con = frames(at)[1]
    assert con.loc[3, "cases without AGREE"] == "China-Germany consultations"
    assert len(con.loc[3, "cases with AGREE"].split(", ")) == 12
    shown = texts(at)
    assert "UN cyber arms control (THREAT)" in shown and "US-Russia dialogue (HARM)" in shown
    assert ("qca truth-table huang2024 --outcome AGREE --conditions HARM,THREAT --incl-cut 0.8 --missing drop"
            in shown)
    assert "tt = qca.truth_table(data, 'AGREE', ['HARM', 'THREAT'], incl_cut=0.8, missing='drop')" in shown


def test_bad_cut_off_gets_the_library_message_next_to_it(tmp_path, monkeypatch):
    at = go(huang(tmp_path, monkeypatch), "Truth table")
    at.checkbox(key="w_use_ic0").check().run()
    at.number_input(key="w_incl_cut").set_value(0.6).run()
    at.number_input(key="w_ic0").set_value(0.9).run()
    assert not at.exception
    assert len(at.error) == 1 and "incl_cut" in at.error[0].value
    assert not at.dataframe  # no table from bad settings


def test_minimize_page_solutions(tmp_path, monkeypatch):
    at = go(huang(tmp_path, monkeypatch), "Truth table")
    at.number_input(key="w_incl_cut").set_value(0.8).run()
    go(at, "Minimize")
    assert at.radio(key="w_kind").value == "conservative"
    assert "M1: `~THREAT`" in [m.value for m in at.markdown]
    fit = frames(at)[0]
    assert fit.index[0] == ("M1", "~THREAT") and round(fit["inclS"].iloc[0], 3) == 0.929
    # both observed rows are positive: the parsimonious solution has no negative row to keep out
    at.radio(key="w_kind").set_value("parsimonious").run()
    assert at.error and "negative" in at.error[0].value
    # the study's scope: CIS Agreement left out -> HARM*~THREAT (Hypothesis 1)
    go(at, "Data")
    at.multiselect(key="w_exclude").select("CIS Agreement").run()
    go(at, "Minimize")
    at.radio(key="w_kind").set_value("conservative").run()
    assert "M1: `HARM*~THREAT`" in [m.value for m in at.markdown]
    shown = texts(at)
    assert "data = data.drop(index=['CIS Agreement'])" in shown
    assert "conservative = qca.minimize(tt, time_limit=60)" in shown
    assert "--time-limit 60" in shown


def test_cases_page_fit_fractions_and_types(tmp_path, monkeypatch):
    at = go(huang(tmp_path, monkeypatch), "Cases")
    at.text_input(key="w_expression").input("HARM*~THREAT").run()
    assert not at.error
    fractions = frames(at)[1]
    assert fractions.loc["HARM*~THREAT", "inclS"].startswith("12/13")
    assert fractions.loc["HARM*~THREAT", "covS"].startswith("12/13")
    types = frames(at)[3]
    assert types.loc["China-Germany consultations", "type"] == "deviant consistency"
    assert "qca cases huang2024 --outcome AGREE --conditions HARM,THREAT 'HARM*~THREAT'" in texts(at)
    at.text_input(key="w_expression").input("HARM*~NOPE").run()
    assert at.error and "NOPE" in at.error[0].value


def test_necessity_robustness_report_and_script_pages(tmp_path, monkeypatch):
    at = huang(tmp_path, monkeypatch)
    go(at, "Truth table")
    at.number_input(key="w_incl_cut").set_value(0.8).run()
    go(at, "Necessity")
    nec = frames(at)[0]
    assert nec.loc["~THREAT", "inclN"] == 1.0 and bool(nec.loc["~THREAT", "necessary"])
    assert "~THREAT" in frames(at)[1]["expression"].tolist()
    go(at, "Robustness")
    assert not at.error, [e.value for e in at.error]
    assert frames(at), "robustness table"
    assert any("completion" in str(f.columns.tolist()) or len(f) == 4 for f in frames(at)[1:])
    go(at, "Minimize")
    go(at, "Report")
    labels = [b.label for b in at.get("download_button")]
    assert {"Download HTML", "Download Markdown", "Download LaTeX"} <= set(labels)
    assert "~THREAT" in texts(at)
    go(at, "Script")
    code = at.code[0].value
    for piece in ("qca.datasets.load('huang2024')", "qca.necessity(", "qca.truth_table(", "qca.minimize(tt)",
                  "qca.robustness(", "qca.report("):
        assert piece in code, piece


def test_lipset_crisp(tmp_path, monkeypatch):
    at = start(tmp_path, monkeypatch)
    at.selectbox(key="w_dataset").set_value("LC").run()
    assert at.selectbox(key="w_outcome").value == "SURV"
    assert at.multiselect(key="w_conditions").value == ["DEV", "URB", "LIT", "IND", "STB"]
    go(at, "Truth table")
    tt = frames(at)[0]
    assert len(tt) == 9 and tt["n"].sum() == 18
    go(at, "Minimize")
    assert "M1: `DEV*~URB*LIT*STB + DEV*LIT*IND*STB`" in [m.value for m in at.markdown]
    at.radio(key="w_kind").set_value("parsimonious").run()
    assert "M1: `DEV*STB`" in [m.value for m in at.markdown]
    at.radio(key="w_kind").set_value("intermediate").run()
    assert not at.error, [e.value for e in at.error]
    assert "M1: `DEV*LIT*STB`" in [m.value for m in at.markdown]
    assert "dir_exp='DEV, URB, LIT, IND, STB'" in texts(at)
    at.selectbox(key="w_de_URB").set_value("either (-)").run()
    assert "dir_exp='DEV, LIT, IND, STB'" in texts(at)


def test_file_in_the_working_folder_and_bad_codes(tmp_path, monkeypatch):
    (tmp_path / "mine.csv").write_text("country,A,B,Y\nx,1,0,1\ny,0,1,0\nz,1,7,1\nw,0,0,\n", encoding="utf-8")
    at = start(tmp_path, monkeypatch)
    at.radio(key="w_source_kind").set_value("a file in the working folder").run()
    assert at.selectbox(key="w_file").value == "mine.csv"
    assert at.selectbox(key="w_outcome").value == "Y"
    assert at.multiselect(key="w_conditions").value == ["A"]  # B holds a 7: not a set, not chosen by default
    at.multiselect(key="w_conditions").select("B").run()
    bad = next(f for f in frames(at) if "problem" in f.columns)
    assert ("z", "B", "7", "not a set membership (0 to 1)") in list(
        zip(bad.index, bad["column"], bad["value"], bad["problem"]))
    assert ("w", "Y", "missing code") in list(zip(bad.index, bad["column"], bad["problem"]))
    assert "qca.read_data('mine.csv')" in texts(at)
    go(at, "Truth table")
    assert len(at.error) == 1 and "'B'" in at.error[0].value and "'z'" in at.error[0].value


def test_lipset_fuzzy(tmp_path, monkeypatch):
    at = start(tmp_path, monkeypatch)
    at.selectbox(key="w_dataset").set_value("LF").run()
    types = frames(at)[0]
    assert set(types.loc[["DEV", "URB", "LIT", "IND", "STB", "SURV"], "type"]) == {"fuzzy"}
    go(at, "Truth table")
    at.number_input(key="w_incl_cut").set_value(0.8).run()
    assert not at.error, [e.value for e in at.error]
    tt = frames(at)[0]
    assert len(tt) == 9 and "incl (cases)" not in tt.columns  # fractions of cases only for crisp data
    go(at, "Minimize")
    assert "M1: `DEV*URB*LIT*IND*STB + DEV*~URB*LIT*~IND*STB`" in [m.value for m in at.markdown]
    at.radio(key="w_kind").set_value("parsimonious").run()
    assert "M1: `DEV*~IND + URB*STB`" in [m.value for m in at.markdown]
    at.radio(key="w_kind").set_value("intermediate").run()
    assert "M1: `DEV*URB*LIT*STB + DEV*LIT*~IND*STB`" in [m.value for m in at.markdown]
    go(at, "Cases")
    at.text_input(key="w_expression").input("DEV*~IND + URB*STB").run()
    assert not at.error, [e.value for e in at.error]
    fit = frames(at)[0]
    assert fit["inclS"].notna().all()
    go(at, "Necessity")
    assert "~THREAT" not in texts(at) and frames(at)[0].index[0] == "DEV"
    go(at, "Report")
    assert {"Download HTML", "Download Markdown", "Download LaTeX"} <= {b.label for b in at.get("download_button")}


def test_calibrate_raw_lipset_into_a_copy(tmp_path, monkeypatch):
    import qca

    at = start(tmp_path, monkeypatch)
    at.selectbox(key="w_dataset").set_value("LR").run()
    go(at, "Calibrate")
    assert at.selectbox(key="w_cal_column").value == "DEV"
    at.text_input(key="w_cal_thresholds").input("e=350, c=550, i=900").run()
    at.text_input(key="w_cal_new").input("DEVf").run()
    assert not at.error, [e.value for e in at.error]
    preview = frames(at)[0]
    raw = qca.datasets.load("LR")
    expected = qca.calibrate(raw["DEV"], "e=350, c=550, i=900")
    assert preview["DEVf"].round(9).tolist() == expected.round(9).tolist()
    assert "qca.calibrate(data['DEV'], thresholds='e=350, c=550, i=900')" in texts(at)
    # anchors out of order: the library's message next to the thresholds
    at.text_input(key="w_cal_thresholds").input("e=900, c=350, i=550").run()
    assert len(at.error) == 1 and not at.exception
    at.text_input(key="w_cal_thresholds").input("e=350, c=550, i=900").run()
    at.button(key="cal_add").click().run()
    assert "DEVf added" in texts(at)
    go(at, "Data")
    types = frames(at)[0]
    assert types.loc["DEVf", "type"] == "fuzzy" and types.loc["DEV", "type"] == "raw"
    assert "DEVf" not in qca.datasets.load("LR").columns  # the data set itself unchanged
    # an existing column's name is refused
    go(at, "Calibrate")
    at.selectbox(key="w_cal_column").set_value("URB").run()
    at.text_input(key="w_cal_new").input("LIT").run()
    assert at.error and "already a column" in at.error[0].value


def test_upload_goes_into_the_working_folder_only(tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    at = start(work, monkeypatch)
    at.radio(key="w_source_kind").set_value("upload a file").run()
    assert "No data file" in texts(at)
    content = b"case,A,B,Y\np,1,0,1\nq,0,1,0\nr,1,1,1\n"
    at.get("file_uploader")[0].set_value(("../up.csv", content, "text/csv")).run()
    assert not at.exception
    assert (work / "up.csv").read_bytes() == content and not (tmp_path / "up.csv").exists()
    assert at.selectbox(key="w_file").value == "up.csv"
    assert at.multiselect(key="w_conditions").value == ["A", "B"]
    # another file of the same name is refused, the first one kept
    at.get("file_uploader")[0].set_value(("up.csv", b"case,A,Y\nx,1,1\n", "text/csv")).run()
    assert at.error and "already exists" in at.error[0].value
    assert (work / "up.csv").read_bytes() == content


def test_stata_file(tmp_path, monkeypatch):
    import pandas as pd

    df = pd.DataFrame({"name": ["p", "q", "r"], "A": [1, 0, 1], "Y": [1, 0, 0]})
    df.to_stata(tmp_path / "s.dta", write_index=False)
    at = start(tmp_path, monkeypatch)
    at.radio(key="w_source_kind").set_value("a file in the working folder").run()
    at.selectbox(key="w_case_col").set_value("name").run()
    assert not at.error, [e.value for e in at.error]
    assert "qca.read_data('s.dta', case_col='name')" in texts(at)
    go(at, "Truth table")
    tt = frames(at)[0]
    assert sorted(tt["cases"]) == ["p, r", "q"]
