"""The app on multi-value data (issue 13): LM walked page by page with Streamlit's AppTest.

LM's DEV has levels 0, 1, 2. Every page runs without an exception; the
truth table keeps R's mixed-radix row numbers and says why it has no Venn
diagram; the minimization page gives R's three parsimonious models and
takes directional expectations on levels; the script and the command lines
carry them.
"""

from __future__ import annotations

import pytest

pytest.importorskip("streamlit", reason="the app needs the qca[app] extra (Streamlit)")

from streamlit.testing.v1 import AppTest  # noqa: E402

import qca  # noqa: E402
from qca.app import page_path, steps  # noqa: E402

TIMEOUT = 90


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
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [c.value for c in at.code]
    parts += [e.value for e in at.error] + [w.value for w in at.warning] + [i.value for i in at.info]
    return "\n".join(map(str, parts))


def models(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("M") and "`" in m.value]


def test_lipset_multi_value_end_to_end(tmp_path, monkeypatch):
    at = start(tmp_path, monkeypatch)
    at.selectbox(key="w_dataset").set_value("LM").run()
    assert not at.exception
    types = at.dataframe[0].value
    assert types.loc["DEV", "type"] == "multi-value" and types.loc["URB", "type"] == "crisp"
    assert at.selectbox(key="w_outcome").value == "SURV"
    assert at.multiselect(key="w_conditions").value == ["DEV", "URB", "LIT", "IND", "STB"]

    go(at, "Truth table")
    assert not at.error, [e.value for e in at.error]
    tt = at.dataframe[0].value
    assert tt.index.tolist() == [1, 2, 5, 6, 22, 23, 31, 32, 40, 48]  # R's mixed-radix rows
    assert tt.loc[40, "DEV"] == 2 and tt["n"].sum() == 18
    assert "No Venn diagram: it draws two-valued sets only, and DEV has 3 levels." in texts(at)
    assert "Draw the truth table as a Venn diagram" not in [c.label for c in at.checkbox]

    go(at, "Minimize")
    cons = qca.minimize(qca.truth_table(qca.datasets.load("LM"), "SURV"))
    assert models(at) == [f"M1: `{cons.solutions[0]}`"]
    at.radio(key="w_kind").set_value("parsimonious").run()
    assert models(at)[:3] == ["M1: `DEV[2] + DEV[1]*STB`", "M2: `DEV[1]*~IND + IND*STB`",
                              "M3: `DEV[1]*STB + IND*STB`"]
    # intermediate: the levels of DEV expected to lead to survival (default: the top level)
    at.radio(key="w_kind").set_value("intermediate").run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert at.multiselect(key="w_dem_DEV").value == [2]
    assert "dir_exp='DEV[2], URB, LIT, IND, STB'" in texts(at)
    at.multiselect(key="w_dem_DEV").select(1).run()
    assert not at.exception and not at.error
    shown = texts(at)
    assert "dir_exp='DEV[1,2], URB, LIT, IND, STB'" in shown
    assert "--dir-exp 'DEV[1,2],URB,LIT,IND,STB'" in shown
    want = qca.minimize(qca.truth_table(qca.datasets.load("LM"), "SURV"), include="?",
                        dir_exp="DEV[1,2], URB, LIT, IND, STB")
    for m in want.solutions:
        assert f"`{m}`" in shown

    for page in ("Necessity", "Cases", "Robustness", "Report", "Script"):
        go(at, page)  # every page runs
        assert not at.error, (page, [e.value for e in at.error])
    go(at, "Cases")
    at.text_input(key="w_expression").input("DEV[2] + DEV[1]*STB").run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "qca cases LM --outcome SURV" in texts(at)
    types = at.dataframe[-1].value
    assert (types["type"] == "typical").sum() == 8
    go(at, "Necessity")
    assert "DEV[2]" in at.dataframe[0].value.index
    go(at, "Robustness")
    assert not at.error, [e.value for e in at.error]
    assert "DEV[2]*LIT*IND*STB" in str(at.dataframe[0].value["solutions"].iloc[0])
    go(at, "Report")
    assert not at.error, [e.value for e in at.error]
    assert {"Download HTML", "Download Markdown", "Download LaTeX"} <= {b.label for b in at.get("download_button")}
    go(at, "Script")
    code = at.code[0].value
    assert "qca.datasets.load('LM')" in code and "dir_exp='DEV[1,2], URB, LIT, IND, STB'" in code


def test_directional_expectations_text_with_levels():
    text = steps._dir_exp_text([("DEV", (2, 1)), ("URB", 1), ("LIT", 0), ("IND", "-"), ("STB", ())])
    assert text == "DEV[1,2], URB, ~LIT"
    study = steps.Study(steps.Source("dataset", "LM"), outcome="SURV", conditions=("DEV", "URB", "LIT", "IND", "STB"))
    tt = steps.truth_table_step(study).result
    step = steps.minimize_step(study, tt, "intermediate", dir_exp=[("DEV", (1, 2)), ("URB", 1), ("LIT", 1),
                                                                  ("IND", 1), ("STB", 1)])
    assert "dir_exp='DEV[1,2], URB, LIT, IND, STB'" in step.python
    assert "--dir-exp 'DEV[1,2],URB,LIT,IND,STB'" in step.shell
    assert [str(s) for s in step.result.solutions] == [
        str(s) for s in qca.minimize(tt, include="?", dir_exp="DEV[1,2], URB, LIT, IND, STB").solutions]


def test_bad_level_codes_are_named_on_the_data_page():
    import pandas as pd

    df = pd.DataFrame({"A": [0, 1, 3, 1, 0], "B": [0, 1, 2, 2.5, 0], "C": [0, 1, 2, -1, None],
                       "D": [0, 7, 1, 0, 1], "E": [0, 1, 3, 4, 0], "Y": [0, 1, 1, 0, 1]}, index=list("pqrst"))
    bad = steps.bad_codes(df, ["A", "B", "C", "D", "E", "Y"])
    got = list(zip(bad["case"], bad["column"], bad["value"], bad["problem"]))
    level = "not a level (a multi-value condition has whole-number levels 0..m-1)"
    assert got == [
        ("r", "A", "3", "not a set membership (0 to 1)"),       # one stray code in 0/1 data: a slip
        ("s", "B", "2.5", level), ("s", "C", "-1", level), ("t", "C", "<NA>", "missing code"),
        ("q", "D", "7", "not a set membership (0 to 1)"),
        ("r", "E", "3", "level 3 leaves a gap: no case has level 2"),
        ("s", "E", "4", "level 4 leaves a gap: no case has level 2"),
    ]
    assert steps.bad_codes(qca.datasets.load("LM"), ["DEV", "SURV"]).empty  # levels 0, 1, 2 are fine
