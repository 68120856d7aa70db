"""The qca app's Streamlit page (started by ``qca app``; ``streamlit run`` works too).

One page per step of the data flow, chosen in the sidebar. Every result
comes with the Python code and the ``qca`` command line that redo it (from
:mod:`qca.app.steps`); the Script page joins them into one script. Bad input
shows the library's message next to the control at fault. The user's data
are read, never changed: calibrated columns go to a copy, and the app writes
only into its working folder (uploads, and files the user saves there).
"""

from __future__ import annotations

import os
import traceback
from pathlib import Path
from typing import Any, Callable

import pandas as pd
import streamlit as st

import qca
from qca.app import steps
from qca.app.launcher import FOLDER_ENV
from qca.errors import QCAError

PAGES = ("Data", "Calibrate", "Necessity", "Truth table", "Minimize", "Cases", "Robustness", "Report", "Script")
SOURCES = ("a bundled data set", "a file in the working folder", "upload a file")
EXPECT = {"present (1)": 1, "absent (0)": 0, "either (-)": "-"}
ORDER = ("data", "calibrate", "necessity", "super_subset", "truth_table", "minimize_conservative",
         "minimize_parsimonious", "minimize_intermediate", "cases", "robustness", "missing", "report")

DEFAULTS: dict[str, Any] = {
    "source_kind": SOURCES[0], "dataset": "huang2024", "file": None, "case_col": "(detected)",
    "outcome": None, "negate": False, "conditions": None, "missing": "error",
    "incl_cut": 1.0, "use_ic0": False, "ic0": 0.5, "n_cut": 1, "pri_cut": 0.0,
    "nec_incl": 0.9, "nec_ron": 0.0, "nec_cov": 0.0, "ss_incl": 0.9, "ss_cov": 0.0, "ss_depth": 0,
    "kind": "conservative", "contradictions": False, "all_sol": False, "row_dom": False, "time_limit": 60.0,
    "expression": "", "rob_incl": "1, 0.9, 0.8", "rob_n": "1", "rob_include": "", "miss_expr": "",
    "rep_necessity": 0.9, "rep_theory": "", "rep_title": "", "rep_include": "?", "rep_plots": True,
    "save_name": "", "exclude": [],
    "cal_column": None, "cal_type": "fuzzy", "cal_method": "direct", "cal_thresholds": "", "cal_new": "",
    "cal_logistic": True, "cal_idm": 0.95, "cal_for": None,
}


# ====================================================================== state helpers


def folder() -> Path:
    return Path(os.environ.get(FOLDER_ENV) or os.getcwd())


def S() -> dict[str, Any]:
    """The settings that outlive the pages (widget state is dropped when a page is left)."""
    if "qca_settings" not in st.session_state:
        st.session_state["qca_settings"] = dict(DEFAULTS, dir_exp={}, recipes={}, calibrations=[])
    return st.session_state["qca_settings"]


def widget(fn: Callable[..., Any], label: str, name: str, **kw: Any) -> Any:
    """A widget bound to a persistent setting ``name``."""
    key = f"w_{name}"
    if key not in st.session_state:
        st.session_state[key] = S()[name]
    value = fn(label, key=key, **kw)
    S()[name] = value
    return value


def cut_off(label: str, name: str) -> Any:
    """A number input for a cut-off from 0 to 1 (in steps of 0.05), bound to setting ``name``."""
    return widget(st.number_input, label, name, min_value=0.0, max_value=1.0, step=0.05)


def side_by_side(*makers: Callable[[], Any]) -> list[Any]:
    """Draw each widget in a column of its own, left to right; their values in that order."""
    values = []
    for column, make in zip(st.columns(len(makers)), makers):
        with column:
            values.append(make())
    return values


def guard(what: Callable[[], Any], where: Any = None) -> Any:
    """Run a step; a QCAError (or any failure) becomes a message at ``where``, never a traceback."""
    place = where if where is not None else st
    try:
        return what()
    except QCAError as err:
        place.error(str(err))
    except Exception as err:  # noqa: BLE001 - the app must not show a traceback
        place.error(f"qca could not do this: {type(err).__name__}: {err}")
        st.session_state.setdefault("qca_internal_errors", []).append(traceback.format_exc())
    return None


def remember(key: str, func: str, **kwargs: Any) -> None:
    """Record how a step was made, so the Script page can redo it with the current settings."""
    S()["recipes"][key] = (func, kwargs)


def show_code(step: steps.Step) -> None:
    with st.expander("Redo this: Python and the qca command line", expanded=False):
        st.caption("Python (copy with the button at the top right of the box)")
        st.code(step.python, language="python")
        if step.cli:
            st.caption("Command line")
            st.code(step.shell, language="bash")
        st.download_button("Download as a script", steps.script([step]), file_name=f"qca_{step.key}.py",
                           mime="text/x-python", key=f"dl_{step.key}")


def table(frame: pd.DataFrame, **kw: Any) -> None:
    shown = frame.copy()
    for col in shown.columns:
        if shown[col].map(lambda v: isinstance(v, (list, tuple))).any():
            shown[col] = shown[col].map(lambda v: ", ".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
    st.dataframe(shown, **kw)


def figure(make: Callable[[], Any]) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        st.info('Plots need matplotlib: pip install "qca[plot]"')
        return
    fig = guard(make)
    if fig is not None:
        st.pyplot(fig)
        plt.close(fig)


# ====================================================================== the study


def source() -> steps.Source | None:
    s = S()
    if s["source_kind"] == SOURCES[0]:
        return steps.Source("dataset", s["dataset"])
    if not s["file"]:
        return None
    case_col = None if s["case_col"] in (None, "(detected)") else s["case_col"]
    return steps.Source("file", s["file"], case_col=case_col)


def study() -> steps.Study | None:
    s = S()
    src = source()
    if src is None or not s["outcome"]:
        return None
    ic = float(s["incl_cut"])
    incl = (ic, float(s["ic0"])) if s["use_ic0"] else ic
    cals = tuple(steps.Calibration(**c) for c in s["calibrations"])
    return steps.Study(src, outcome=("~" if s["negate"] else "") + s["outcome"],
                       conditions=tuple(s["conditions"] or ()), missing=s["missing"], incl_cut=incl,
                       n_cut=int(s["n_cut"]), pri_cut=float(s["pri_cut"]), calibrations=cals,
                       exclude=tuple(s["exclude"] or ()))


def loaded() -> pd.DataFrame | None:
    """The cases with any calibrated columns (a copy; the source is never changed)."""
    src = source()
    if src is None:
        return None
    data = steps.load_data(src, folder())
    cals = tuple(steps.Calibration(**c) for c in S()["calibrations"])
    exclude = tuple(c for c in S()["exclude"] if c in data.index)
    if cals or exclude:
        data = steps.prepared_data(steps.Study(src, calibrations=cals, exclude=exclude), folder(), data)
    return data


def need_study() -> tuple[steps.Study, pd.DataFrame] | None:
    data = guard(loaded)
    st_ = study()
    if data is None or st_ is None:
        st.info("Choose the data, the outcome and the conditions on the page Data first.")
        return None
    return st_, data


# ====================================================================== pages


def page_data() -> None:
    s = S()
    st.header("1. Data")
    kind = widget(st.radio, "Data from", "source_kind", options=SOURCES, horizontal=True)
    where = st.container()
    if kind == SOURCES[0]:
        listing = qca.datasets.list_datasets()
        names = list(listing["name"])
        if s["dataset"] not in names:
            s["dataset"] = names[0]
        name = widget(st.selectbox, "Bundled data set", "dataset", options=names)
        row = listing.set_index("name").loc[name]
        st.caption(f"{row['cases']} cases, {row['type']}; outcome {row['outcome']}, conditions "
                   f"{row['conditions']}. {row['citation']}")
    else:
        if kind == SOURCES[2]:
            up = st.file_uploader("Upload a data file (a copy is saved in the working folder)",
                                  type=[x.lstrip(".") for x in steps.DATA_SUFFIXES], key="upload")
            if up is not None:
                saved = guard(lambda: save_upload(up.name, up.getvalue()), where)
                if saved:
                    s["file"] = saved
                    st.session_state["w_file"] = saved
        files = steps.data_files(folder())
        if not files:
            where.info(f"No data file (CSV, TSV, Excel, Stata, SPSS) in the working folder {folder()}.")
            return
        if s["file"] not in files:
            s["file"] = files[0]
            st.session_state.pop("w_file", None)
        widget(st.selectbox, f"Data file in {folder()}", "file", options=files)
    data = guard(loaded, where)
    if data is None:
        return
    if kind != SOURCES[0]:
        options = ["(detected)"] + [str(c) for c in data.columns]
        if data.index.name and data.index.name not in options:
            options.insert(1, str(data.index.name))
        if s["case_col"] not in options:
            s["case_col"] = "(detected)"
            st.session_state.pop("w_case_col", None)
        widget(st.selectbox, "Case-name column", "case_col", options=options,
               help="Detected: a first column headed case/id or without a header, or a first text column "
                    "with unique values; otherwise the cases are numbered.")
    st.caption(f"{len(data)} cases; case names from "
               f"{'column ' + repr(data.index.name) if data.index.name not in (None, 'case') else 'the case column'}"
               f": {', '.join(map(str, data.index[:5]))}{', ...' if len(data) > 5 else ''}")
    all_cases = [str(c) for c in guard(lambda: steps.load_data(source(), folder()), where).index]
    if any(c not in all_cases for c in s["exclude"]):
        s["exclude"] = [c for c in s["exclude"] if c in all_cases]
        st.session_state.pop("w_exclude", None)
    widget(st.multiselect, "Cases to leave out of the study (e.g. outside its scope)", "exclude", options=all_cases)
    data = guard(loaded, where)
    if data is None:
        return
    types = steps.column_types(data)
    st.subheader("Columns and their set types")
    table(types)
    sets = [c for c in types.index if types.loc[c, "type"] in ("crisp", "fuzzy", "multi-value")]
    # raw columns are offered too: a stray code (a 7 among 0/1) is then listed below, with its case
    usable = [c for c in types.index if types.loc[c, "type"] in ("crisp", "fuzzy", "multi-value", "raw")]
    if not sets:
        st.warning("No column holds set memberships (0/1, 0 to 1, or levels 0..m-1). Calibrate raw columns "
                   "on the page Calibrate.")
        return
    entry = None
    if kind == SOURCES[0]:
        entry = qca.datasets.list_datasets().set_index("name").loc[s["dataset"]]
    if s["outcome"] not in usable:
        documented = entry["outcome"].split(",")[0] if entry is not None else None
        s["outcome"] = documented if documented in usable else sets[-1]
        st.session_state.pop("w_outcome", None)
        s["conditions"] = None
    outcome = widget(st.selectbox, "Outcome", "outcome", options=usable)
    widget(st.checkbox, f"Explain the absence of {outcome} (~{outcome})", "negate")
    choices = [c for c in usable if c != outcome]
    if s["conditions"] is None or any(c not in choices for c in s["conditions"]):
        doc = [c for c in entry["conditions"].split(",") if c in choices] if entry is not None else []
        s["conditions"] = doc or [c for c in s["conditions"] or sets if c in choices]
        st.session_state.pop("w_conditions", None)
    conds = widget(st.multiselect, "Conditions", "conditions", options=choices)
    where_cond = st.container()
    widget(st.radio, "Cases with a missing code", "missing", options=["error", "drop"], horizontal=True,
           format_func=lambda v: {"error": "stop and list them", "drop": "leave them out (listed)"}[v])
    if not conds:
        where_cond.error("Choose at least one condition.")
    bad = steps.bad_codes(data, [outcome, *conds])
    st.subheader("Codes to check")
    if len(bad):
        real = bad[bad["problem"] != "missing code"]
        if len(real):
            st.error(f"{len(real)} cell(s) are no set membership: fix them in the file, or calibrate the column.")
        table(bad.set_index("case"))
    else:
        st.success("Every outcome and condition cell is a set membership; no missing codes.")
    st.subheader("The cases")
    table(data)
    st_ = study()
    if st_ is not None:
        step = steps.data_step(st_, data)
        remember("data", "data_step")
        show_code(step)


def save_upload(name: str, content: bytes) -> str:
    """Save an uploaded file into the working folder (never over a different file of the same name).

    The name is the upload's own file name without any folder part; a name that no file can have
    here (empty, ``.``, a control character or ``\\``, over 200 characters) is refused, naming it.
    """
    base = Path(str(name).replace("\\", "/")).name
    if (not base or base in (".", "..") or len(base) > 200 or not base.isprintable()
            or base.strip() != base):
        raise QCAError(f"upload {name!r}: not a file name this app saves (empty, '.', a control character, "
                       "spaces at either end, or over 200 characters); rename the file, e.g. 'data.csv', and upload "
                       "it again")
    target = steps.safe_path(folder(), base)
    if target.exists():
        if target.read_bytes() == content:
            return base
        raise QCAError(f"{base} already exists in the working folder {folder()} with other contents; "
                       "rename the file you upload")
    target.write_bytes(content)
    return base


def _suggest(values: pd.Series, kind: str) -> str:
    x = pd.to_numeric(values, errors="coerce").dropna()
    if not len(x):
        return ""
    q = [float(v) for v in x.quantile([0.1, 0.5, 0.9])]
    fmt = (lambda v: f"{v:.3g}")
    if kind == "crisp":
        return fmt(q[1])
    return f"e={fmt(q[0])}, c={fmt(q[1])}, i={fmt(q[2])}"


def page_calibrate() -> None:
    s = S()
    st.header("2. Calibrate raw columns")
    if not hasattr(qca, "calibrate"):
        st.info("This qca has no calibrate(); update qca.")
        return
    data = guard(loaded)
    if data is None:
        st.info("Choose the data on the page Data first.")
        return
    types = steps.column_types(data)
    numeric = [c for c in types.index if types.loc[c, "type"] in ("raw", "fuzzy", "crisp", "multi-value")]
    if not numeric:
        st.info("No numeric column to calibrate.")
        return
    st.caption("R's calibrate(): anchors e= (full exclusion), c= (crossover), i= (full inclusion); "
               "i= before e= for a decreasing set; six anchors e1, c1, i1, i2, c2, e2 for a bell. "
               "The calibrated column is added to a copy of the data; the file is not changed.")
    if s.get("cal_column") not in numeric:
        raw = [c for c in numeric if types.loc[c, "type"] == "raw"]
        s["cal_column"] = (raw or numeric)[0]
        st.session_state.pop("w_cal_column", None)
    c1, c2 = st.columns(2)
    with c1:
        col = widget(st.selectbox, "Raw column", "cal_column", options=numeric)
        kind = widget(st.radio, "Set type", "cal_type", options=["fuzzy", "crisp"], horizontal=True)
        method = "direct"
        if kind == "fuzzy":
            method = widget(st.radio, "Method", "cal_method", options=["direct", "indirect", "TFR"], horizontal=True)
    with c2:
        if s.get("cal_for") != (col, kind, method):
            s["cal_for"] = (col, kind, method)
            s["cal_thresholds"] = "" if method == "TFR" else _suggest(data[col], kind)
            s["cal_new"] = f"{col}_{'fs' if kind == 'fuzzy' else 'cs'}"
            st.session_state.pop("w_cal_thresholds", None)
            st.session_state.pop("w_cal_new", None)
        thresholds = widget(st.text_input, "Thresholds" + (" (none for TFR)" if method == "TFR" else ""),
                            "cal_thresholds")
        where_thr = st.container()
        options: list[tuple[str, Any]] = []
        if kind != "fuzzy":
            options.append(("type", kind))
        if method != "direct":
            options.append(("method", method))
        if kind == "fuzzy" and method == "direct":
            if not widget(st.checkbox, "Logistic (else piecewise linear)", "cal_logistic"):
                options.append(("logistic", False))
            else:
                idm = widget(st.number_input, "idm: membership at the inclusion anchor", "cal_idm",
                             min_value=0.5, max_value=0.9999, step=0.005, format="%.3f")
                if abs(idm - 0.95) > 1e-12:
                    options.append(("idm", float(idm)))
        new = widget(st.text_input, "Name of the new column", "cal_new")
        where_new = st.container()
    thr: Any = None if method == "TFR" else thresholds
    if method != "TFR" and kind == "crisp":
        try:
            cuts = [float(v) for v in str(thresholds).split(",") if v.strip()]
            thr = cuts[0] if len(cuts) == 1 else cuts
        except ValueError:
            thr = thresholds
    cal = steps.Calibration(col, new.strip(), thr, tuple(options))
    existing = {c["new"] for c in s["calibrations"]}
    if new.strip() in data.columns and new.strip() not in existing:
        where_new.error(f"{new.strip()!r} is already a column of the data: choose another name")
        return
    base = data.drop(columns=[c for c in existing if c in data.columns and c == new.strip()])
    st_ = study() or steps.Study(source())
    step = guard(lambda: steps.calibrate_step(st_, base, cal), where_thr)
    if step is None:
        return
    frame = step.result
    c1, c2 = st.columns(2)
    with c1:
        table(frame)
    with c2:
        figure(lambda: _calibration_plot(frame, col, cal.new))
    if st.button(f"Add {cal.new} to the data (a copy)", key="cal_add"):
        s["calibrations"] = [c for c in s["calibrations"] if c["new"] != cal.new] + [
            {"column": cal.column, "new": cal.new, "thresholds": cal.thresholds, "options": cal.options}]
        st.success(f"{cal.new} added; choose it as a condition or outcome on the page Data")
    if s["calibrations"]:
        st.subheader("Calibrated columns in the study")
        for i, c in enumerate(list(s["calibrations"])):
            a, b = st.columns([4, 1])
            a.markdown(f"`{c['new']}` = calibrate({c['column']}, {c['thresholds']!r}"
                       + "".join(f", {k}={v!r}" for k, v in c["options"]) + ")")
            if b.button("Remove", key=f"cal_rm_{i}"):
                s["calibrations"] = [x for x in s["calibrations"] if x["new"] != c["new"]]
                st.rerun()
    show_code(step)


def _calibration_plot(frame: pd.DataFrame, raw: str, new: str) -> Any:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5.5, 4))
    f = frame.dropna().sort_values(raw)
    ax.plot(f[raw].astype(float), f[new].astype(float), "o-", ms=4, lw=1)
    ax.axhline(0.5, color="grey", lw=0.8, ls="--")
    ax.set_xlabel(f"{raw} (raw)")
    ax.set_ylabel(f"{new} (membership)")
    ax.set_ylim(-0.03, 1.03)
    fig.tight_layout()
    return fig


def page_necessity() -> None:
    st.header("3. Necessity")
    got = need_study()
    if got is None:
        return
    st_, data = got
    incl, ron, cov = side_by_side(lambda: cut_off("inclN cut-off", "nec_incl"),
                                  lambda: cut_off("RoN cut-off", "nec_ron"),
                                  lambda: cut_off("covN cut-off", "nec_cov"))
    step = guard(lambda: steps.necessity_step(st_, data, incl, ron, cov))
    if step is not None:
        remember("necessity", "necessity_step", incl_cut=incl, ron_cut=ron, cov_cut=cov)
        nec = step.result
        table(nec.to_frame())
        st.write("Necessary: " + (", ".join(nec.necessary) or "none at these cut-offs"))
        show_code(step)
    st.subheader("superSubset: necessary conjunctions and disjunctions")
    ss_incl, ss_cov, depth = side_by_side(
        lambda: cut_off("inclN cut-off ", "ss_incl"), lambda: cut_off("covN cut-off ", "ss_cov"),
        lambda: widget(st.number_input, "At most this many literals (0: no limit)", "ss_depth", min_value=0,
                       max_value=20, step=1))
    step = guard(lambda: steps.super_subset_step(st_, data, ss_incl, ss_cov, depth=int(depth) or None))
    if step is not None:
        remember("super_subset", "super_subset_step", incl_cut=ss_incl, cov_cut=ss_cov, depth=int(depth) or None)
        table(step.result.to_frame())
        show_code(step)


def page_truth_table() -> None:
    st.header("4. Truth table")
    got = need_study()
    if got is None:
        return
    _, data = got
    def consistency() -> None:
        cut_off("incl_cut (consistency for OUT = 1)", "incl_cut")
        if widget(st.checkbox, "A second cut-off ic0: OUT = C between them", "use_ic0"):
            cut_off("ic0", "ic0")

    side_by_side(consistency,
                 lambda: widget(st.number_input, "n_cut (fewest cases in a row)", "n_cut", min_value=1, step=1),
                 lambda: cut_off("pri_cut (lowest PRI for OUT = 1)", "pri_cut"))
    where = st.container()
    st_ = study()
    step = guard(lambda: steps.truth_table_step(st_, data), where)
    if step is None:
        return
    remember("truth_table", "truth_table_step")
    tt = step.result
    st.write(tt.title)
    table(steps.marked_table(tt))
    st.caption("Rows below a cut-off are marked in the last column; OUT = ? rows are treated as remainders.")
    con = tt.contradictions
    st.subheader("Contradictions")
    if len(con):
        for row, r in con.iterrows():
            st.markdown(f"Row {row} is contradictory: with {tt.outcome}: {', '.join(map(str, r['positive']))}; "
                        f"without: {', '.join(map(str, r['negative']))}")
        shown = con.copy()
        for col in ("positive", "negative"):
            shown[col] = [", ".join(map(str, v)) for v in shown[col]]
        table(shown.rename(columns={"positive": f"cases with {tt.outcome}", "negative": f"cases without {tt.outcome}"}))
    else:
        st.write("No row holds cases both with and without the outcome.")
    for note in step.notes:
        st.warning(note)
    if getattr(tt, "multivalue", False):
        mv = ", ".join(f"{c} has {m} levels" for c, m in zip(tt.conditions, tt.levels) if m > 2)
        st.caption(f"Rows are numbered as in R: the configuration read as a mixed-radix number, plus one. "
                   f"No Venn diagram: it draws two-valued sets only, and {mv}.")
    elif len(tt.conditions) <= 5 and st.checkbox("Draw the truth table as a Venn diagram", key="venn"):
        figure(lambda: qca.plot.venn(tt, rows=True))
    show_code(step)


class _TimeUp(Exception):
    pass


def page_minimize() -> None:
    s = S()
    st.header("5. Minimization")
    got = need_study()
    if got is None:
        return
    st_, data = got
    tt = guard(lambda: steps.truth_table_step(st_, data).result)
    if tt is None:
        return
    kind = widget(st.radio, "Solution", "kind", options=steps.KINDS, horizontal=True)
    side_by_side(lambda: widget(st.checkbox, "Contradictions as don't cares (include C)", "contradictions"),
                 lambda: widget(st.checkbox, "Every irredundant solution (all_sol)", "all_sol"),
                 lambda: widget(st.checkbox, "Drop dominated implicants (row_dom)", "row_dom"))
    dir_exp: list[tuple[str, Any]] = []
    where = st.container()
    if kind == "intermediate":
        st.write("Directional expectations: is each condition expected to lead to the outcome when present, "
                 "when absent, or either?")
        cols = st.columns(min(4, len(tt.conditions)) or 1)
        levels = dict(zip(tt.conditions, tt.levels)) if getattr(tt, "multivalue", False) else {}
        for i, cond in enumerate(tt.conditions):
            with cols[i % len(cols)]:
                if levels.get(cond, 2) > 2:  # multi-value: the levels expected to lead to the outcome
                    key = f"w_dem_{cond}"
                    top = levels[cond] - 1
                    if key not in st.session_state:
                        st.session_state[key] = [top]
                    chosen = st.multiselect(f"{cond}: expected levels (none: either)", list(range(top + 1)),
                                            key=key)
                    s["dir_exp"][cond] = tuple(chosen)
                    dir_exp.append((cond, tuple(chosen)))
                    continue
                key = f"w_de_{cond}"
                if key not in st.session_state:
                    stored = s["dir_exp"].get(cond, "present (1)")
                    st.session_state[key] = stored if stored in EXPECT else "present (1)"
                choice = st.selectbox(cond, list(EXPECT), key=key)
                s["dir_exp"][cond] = choice
                dir_exp.append((cond, EXPECT[choice]))
        where = st.container()
    limit = widget(st.number_input, "Time limit in seconds (0: none)", "time_limit", min_value=0.0, step=10.0)
    bar = st.progress(0.0, text="minimizing")
    import time as _time

    start = _time.monotonic()
    native = steps._supports(qca.minimize, "time_limit")

    def progress(stage: str, done: int, total: int, info: dict | None = None) -> None:
        frac = min(1.0, done / total) if total else 0.0
        text = f"{stage}: {done}" + (f" of {total}" if total else "")
        if info and info.get("incumbent") is not None:
            text += f"; best so far {info['incumbent']} terms, proven lower bound {info.get('bound')}"
        bar.progress(frac, text=text)
        if limit and not native and _time.monotonic() - start > limit:
            raise _TimeUp(stage)

    def run() -> steps.Step:
        try:
            return steps.minimize_step(st_, tt, kind, contradictions=s["contradictions"], dir_exp=dir_exp,
                                       all_sol=s["all_sol"], row_dom=s["row_dom"], time_limit=limit or None,
                                       progress=progress)
        except _TimeUp as err:
            raise QCAError(f"stopped after the time limit of {limit:g} s (during {err}); nothing was "
                           "proven: raise the limit, or use n_cut / fewer conditions") from None

    step = guard(run, where)
    bar.empty()
    if step is None:
        return
    remember(f"minimize_{kind}", "minimize_step", kind=kind, contradictions=s["contradictions"],
             dir_exp=tuple(dir_exp), all_sol=s["all_sol"], row_dom=s["row_dom"])
    sol = step.result
    show_solution(sol, kind, tt.outcome)
    show_code(step)


def show_solution(sol: Any, kind: str, outcome: str) -> None:
    st.subheader(f"{kind.capitalize()} solution for {outcome}")
    notes = sol.search_notes() if hasattr(sol, "search_notes") else []
    if notes:
        st.warning("The search was cut short: " + "; ".join(notes))
    elif getattr(sol, "capped", False):
        st.warning("The search stopped at the limit of solutions: more minimal solutions exist.")
    parts = sol.intermediate.items() if kind == "intermediate" and sol.intermediate else [("", sol)]
    for name, sub in parts:
        if name:
            st.markdown(f"**{name}** (from parsimonious model and conservative model {name})")
        for i, expr in enumerate(sub.solutions):
            st.markdown(f"M{i + 1}: `{expr}`")
        if not sub.solutions:
            st.write("No solution.")
        if hasattr(sub, "fit"):
            table(sub.fit)
        if name and hasattr(sub, "easy_counterfactuals"):
            st.caption("Easy counterfactuals (remainders used in agreement with the expectations)")
            table(sub.easy_counterfactuals)
    if kind == "intermediate" and any(not hasattr(sub, "fit") for _, sub in parts):
        st.caption("Fit of each intermediate model")  # multi-value: one table for every distinct model
        table(sol.fit)
    if kind != "intermediate":
        st.caption("Prime-implicant chart (rows: implicants; columns: truth-table rows with OUT = 1)")
        table(sol.pi_chart.astype(int).replace({1: "x", 0: ""}))
        if len(sol.pi_chart) and len(sol.pi_chart.columns) <= 60:
            figure(lambda: qca.plot.pi_chart(sol))
        if hasattr(sol, "pi_fit"):
            st.caption("Fit of every prime implicant")
            table(sol.pi_fit)
    sa = getattr(sol, "simplifying_assumptions", {}) or {}
    if any(len(f) for f in sa.values()):
        st.caption("Simplifying assumptions (remainders the solution assumes positive)")
        for model, frame in sa.items():
            if len(frame):
                st.markdown(f"{model}: {len(frame)} remainder(s)")
                table(frame)
    elif kind != "conservative":
        st.caption("No simplifying assumptions.")


def page_cases() -> None:
    s = S()
    st.header("6. Cases")
    got = need_study()
    if got is None:
        return
    st_, data = got
    if not s["expression"]:
        tt = guard(lambda: steps.truth_table_step(st_, data).result)
        sol = guard(lambda: qca.minimize(tt)) if tt is not None else None
        s["expression"] = str(sol.solutions[0]) if sol is not None and sol.solutions else st_.conditions[0]
        st.session_state.pop("w_expression", None)
    expr = widget(st.text_input, "Sufficiency claim (a solution, a term or a theory), e.g. A*~B + C", "expression")
    where = st.container()
    step = guard(lambda: steps.cases_step(st_, data, expr), where)
    if step is None:
        return
    remember("cases", "cases_step", expression=expr)
    fit, types = step.result
    st.subheader(f"Fit of {qca.parse(expr)} -> {st_.outcome}")
    table(fit.to_frame())
    frac = guard(fit.fractions)
    if frac is not None:
        st.caption("As fractions of cases")
        table(frac)
    st.subheader("Case types")
    table(types.counts().to_frame("cases"))
    table(types.to_frame())
    figure(lambda: qca.plot.solution_plot(qca.parse(expr), data, st_.outcome))
    show_code(step)


def _numbers(text: str, kind: type, what: str) -> list:
    try:
        return [kind(float(x)) if kind is int else kind(x) for x in text.replace(";", ",").split(",") if x.strip()]
    except ValueError:
        raise QCAError(f"{what}: {text!r} is not a comma-separated list of numbers") from None


def page_robustness() -> None:
    s = S()
    st.header("7. Robustness and missing codes")
    got = need_study()
    if got is None:
        return
    st_, data = got
    c1, c2, c3 = st.columns(3)
    with c1:
        incl_text = widget(st.text_input, "Consistency cut-offs to try", "rob_incl")
        where_incl = st.container()
    with c2:
        n_text = widget(st.text_input, "Frequency cut-offs to try", "rob_n")
        where_n = st.container()
    with c3:
        inc = widget(st.radio, "Solution", "rob_include", options=["", "?"],
                     format_func=lambda v: {"": "conservative", "?": "parsimonious"}[v])
    incl = guard(lambda: _numbers(incl_text, float, "consistency cut-offs"), where_incl)
    ncuts = guard(lambda: _numbers(n_text, int, "frequency cut-offs"), where_n)
    if incl is not None and ncuts is not None:
        step = guard(lambda: steps.robustness_step(st_, data, incl, ncuts, include=inc))
        if step is not None:
            remember("robustness", "robustness_step", incl_cuts=incl, n_cuts=ncuts, include=inc)
            rob = step.result
            table(rob.to_frame())
            st.write("Robust core: " + (" + ".join(map(str, rob.robust_core)) or "none"))
            table(rob.robustness_fit.to_frame("value"))
            show_code(step)
    st.subheader("Missing-code sensitivity")
    cols = [st_.outcome.lstrip("~"), *st_.conditions]
    if not data[cols].isna().any().any():
        st.write("No missing codes in the outcome or the conditions: nothing to complete.")
        return
    expr = widget(st.text_input, "A claim whose fit is shown under each completion (optional)", "miss_expr")
    where = st.container()
    step = guard(lambda: steps.missing_step(st_, data, expr or None), where)
    if step is not None:
        remember("missing", "missing_step", expression=expr or None)
        res = step.result
        table(res.to_frame())
        for line in res.summary_lines():
            st.write(line)
        show_code(step)


def _report_options() -> dict[str, Any]:
    s = S()
    dir_exp = tuple((c, v if isinstance(v, tuple) else EXPECT[v])  # a tuple: the levels of a multi-value one
                    for c, v in s["dir_exp"].items()) if s["kind"] == "intermediate" else ()
    return {"include": s["rep_include"], "dir_exp": dir_exp, "necessity_cut": float(s["rep_necessity"]),
            "theory": s["rep_theory"] or None, "title": s["rep_title"] or None, "plots": bool(s["rep_plots"])}


def page_report() -> None:
    s = S()
    st.header("8. Report")
    got = need_study()
    if got is None:
        return
    st_, data = got
    c1, c2 = st.columns(2)
    with c1:
        widget(st.text_input, "Title (optional)", "rep_title")
        widget(st.text_input, "An expectation to fit, e.g. HARM*~THREAT (optional)", "rep_theory")
        where_theory = st.container()
    with c2:
        widget(st.radio, "Parsimonious solution may use", "rep_include", options=["?", "?C", ""],
               format_func=lambda v: {"?": "remainders", "?C": "remainders and contradictions",
                                      "": "nothing (conservative only)"}[v])
        cut_off("inclN cut-off of the necessity table", "rep_necessity")
        widget(st.checkbox, "Figures in the HTML report", "rep_plots")
    if s["kind"] == "intermediate":
        st.caption("The directional expectations of the page Minimize add the intermediate solution.")
    opts = _report_options()
    step = guard(lambda: steps.report_step(st_, data, **opts), where_theory)
    if step is None:
        return
    remember("report", "report_step", **opts)
    rep = step.result
    for kind, why in rep.problems.items():
        st.warning(f"{kind}: {why}")
    html = guard(rep.to_html)
    md = guard(rep.to_markdown)
    tex = guard(lambda: steps.report_latex(rep))
    c1, c2, c3 = st.columns(3)
    if html is not None:
        c1.download_button("Download HTML", html, file_name="qca_report.html", mime="text/html", key="dl_html")
    if md is not None:
        c2.download_button("Download Markdown", md, file_name="qca_report.md", mime="text/markdown", key="dl_md")
    if tex is not None:
        c3.download_button("Download LaTeX", tex, file_name="qca_report.tex", mime="text/x-tex", key="dl_tex")
    save_to_folder({"qca_report.html": html, "qca_report.md": md, "qca_report.tex": tex})
    st.subheader("Summary")
    st.code(rep.summary(), language=None)
    show_code(step)


def save_to_folder(files: dict[str, str | None]) -> None:
    with st.expander(f"Save into the working folder {folder()}"):
        for name, text in files.items():
            if text is None:
                continue
            if st.button(f"Save {name}", key=f"save_{name}"):
                target = guard(lambda: steps.safe_path(folder(), name))
                if target is not None:
                    target.write_text(text, encoding="utf-8")
                    st.success(f"saved {target}")


def all_steps(st_: steps.Study, data: pd.DataFrame) -> tuple[list[steps.Step], list[str]]:
    """Every step the user has made, redone with the current settings, in the data flow's order."""
    recipes = S()["recipes"]
    made, problems = [], []
    tt = None
    for key in ORDER:
        if key not in recipes:
            continue
        func, kwargs = recipes[key]
        try:
            if func == "data_step":
                made.append(steps.data_step(st_, data))
            elif func == "truth_table_step":
                made.append(steps.truth_table_step(st_, data))
            elif func == "minimize_step":
                tt = tt or steps.truth_table_step(st_, data).result
                made.append(steps.minimize_step(st_, tt, **kwargs))
            else:
                made.append(getattr(steps, func)(st_, data, **kwargs))
        except QCAError as err:
            problems.append(f"{key}: {err}")
    return made, problems


def page_script() -> None:
    st.header("9. The script")
    got = need_study()
    if got is None:
        return
    st_, data = got
    made, problems = all_steps(st_, data)
    if not made:
        st.info("Visit the pages of the steps you want; each one adds its code here.")
        return
    st.write("Every step made so far, with the current settings: "
             + ", ".join(step.title for step in made) + ".")
    for p in problems:
        st.warning(p)
    text = steps.script(made, st_)
    st.download_button("Download the script (qca_analysis.py)", text, file_name="qca_analysis.py",
                       mime="text/x-python", key="dl_script")
    st.download_button("Download the command lines (qca_analysis.sh)", steps.command_lines(made),
                       file_name="qca_analysis.sh", mime="text/x-sh", key="dl_shell")
    save_to_folder({"qca_analysis.py": text})
    st.code(text, language="python")
    st.code(steps.command_lines(made), language="bash")


def main() -> None:
    st.set_page_config(page_title="qca", layout="wide")
    S()
    with st.sidebar:
        st.title("qca")
        st.caption(f"Qualitative Comparative Analysis, qca {qca.__version__}. Working folder: {folder()}")
        page = widget(st.radio, "Step", "page", options=PAGES)
    {"Data": page_data, "Calibrate": page_calibrate, "Necessity": page_necessity, "Truth table": page_truth_table,
     "Minimize": page_minimize, "Cases": page_cases, "Robustness": page_robustness, "Report": page_report,
     "Script": page_script}[page or "Data"]()


DEFAULTS["page"] = "Data"
main()
