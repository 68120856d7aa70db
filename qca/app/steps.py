"""The app's steps without the app: each one's result and the code that redoes it.

Every function here runs one step of the analysis with the library's
public functions and returns a :class:`Step`: the result object, the Python
code that redoes it (from ``import qca`` on, runnable as it stands) and the
``qca`` command line(s) that give the same table in a terminal. The
Streamlit page (:mod:`qca.app.page`) only draws these; :func:`script`
joins the steps into one script whose printed numbers are the app's.

Nothing here modifies the user's data: loading returns a new frame,
calibration adds columns to a copy.

Examples
--------
>>> study = Study(Source("dataset", "huang2024"), outcome="AGREE", conditions=("HARM", "THREAT"),
...               missing="drop", incl_cut=0.8)
>>> step = truth_table_step(study)
>>> step.result.contradictions.index.tolist()
[3]
>>> print(step.python)
import qca
<BLANKLINE>
data = qca.datasets.load('huang2024')
<BLANKLINE>
tt = qca.truth_table(data, 'AGREE', ['HARM', 'THREAT'], incl_cut=0.8, missing='drop')
print(tt)
"""

from __future__ import annotations

import datetime as _dt
import inspect
import math
import shlex
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd

import qca
from qca.errors import QCAError

__all__ = [
    "Source", "Calibration", "Study", "Step", "DATA_SUFFIXES", "KINDS",
    "load_data", "prepared_data", "column_types", "bad_codes", "marked_table",
    "data_step", "calibrate_step", "truth_table_step", "necessity_step", "super_subset_step",
    "minimize_step", "cases_step", "robustness_step", "missing_step", "report_step",
    "report_latex", "script", "command_lines", "safe_path", "data_files",
]

#: File types the app reads (as :func:`qca.read_data` does).
DATA_SUFFIXES = (".csv", ".tsv", ".tab", ".txt", ".xlsx", ".xlsm", ".xls", ".dta", ".sav", ".zsav")

#: Solution types, in the order of the minimization page.
KINDS = ("conservative", "parsimonious", "intermediate")


# ====================================================================== settings


@dataclass(frozen=True)
class Source:
    """Where the cases come from.

    Attributes
    ----------
    kind : {"dataset", "file"}
    name : str
        A bundled data set's name, or a file path relative to the working folder.
    case_col : str, optional
        Column holding the case names (a file only; default: detected).
    sheet : str, optional
        Excel sheet (default: the first).

    Examples
    --------
    >>> Source("dataset", "huang2024").kind
    'dataset'
    >>> Source("web", "x")
    Traceback (most recent call last):
    ...
    qca.errors.QCAError: source kind 'web': choose 'dataset' or 'file'
    """

    kind: str
    name: str
    case_col: str | None = None
    sheet: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in ("dataset", "file"):
            raise QCAError(f"source kind {self.kind!r}: choose 'dataset' or 'file'")


@dataclass(frozen=True)
class Calibration:
    """A new column calibrated from a raw one with :func:`qca.calibrate`.

    ``options`` holds the keyword arguments besides ``thresholds`` as
    (name, value) pairs, e.g. ``(("type", "fuzzy"), ("method", "direct"))``.

    Examples
    --------
    >>> cal = Calibration("DEV", "DEVf", "e=350, c=550, i=900")
    >>> study = Study(Source("dataset", "LR"), outcome="SURV", conditions=("DEVf", "URB"), calibrations=(cal,))
    >>> round(float(prepared_data(study).loc["BE", "DEVf"]), 3)
    0.99
    """

    column: str
    new: str
    thresholds: Any
    options: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class Study:
    """The choices that every step shares: data, outcome, conditions, cut-offs.

    ``calibrations`` add columns, ``exclude`` leaves cases out of the study
    (e.g. a case outside its scope); both act on a copy of the data.

    Examples
    --------
    >>> study = Study(Source("dataset", "LC"), outcome="SURV", conditions=("DEV", "STB"))
    >>> study.with_(incl_cut=0.8).incl_cut, study.incl_cut
    (0.8, 1.0)
    """

    source: Source
    outcome: str = ""
    conditions: tuple[str, ...] = ()
    missing: str = "error"
    incl_cut: float | tuple[float, float] = 1.0
    n_cut: int = 1
    pri_cut: float = 0.0
    calibrations: tuple[Calibration, ...] = ()
    exclude: tuple[str, ...] = ()

    def with_(self, **changes: Any) -> "Study":
        """A copy with some settings changed."""
        return replace(self, **changes)


@dataclass(frozen=True)
class Step:
    """One step's result and how to redo it.

    Attributes
    ----------
    key : str
    title : str
    result : object
        The library's result object (TruthTable, Solution, ...).
    blocks : tuple of str
        Python code, from ``import qca`` on; :attr:`python` joins them.
    cli : tuple of str
        ``qca`` command lines giving the same table (none where the command
        line has no equivalent).
    notes : tuple of str
        Things the user should know about this step (left-out cases, ...).

    Examples
    --------
    >>> study = Study(Source("dataset", "LC"), outcome="SURV", conditions=("DEV", "URB", "LIT", "IND", "STB"))
    >>> data = load_data(study.source)
    >>> step = necessity_step(study, data)
    >>> step.title, step.result.necessary
    ('Necessity', ['DEV', 'LIT', 'STB'])
    >>> print(step.shell)
    qca necessity LC --outcome SURV --conditions DEV,URB,LIT,IND,STB --incl-cut 0.9
    """

    key: str
    title: str
    result: Any = field(repr=False)
    blocks: tuple[str, ...] = ()
    cli: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def python(self) -> str:
        """The Python code that redoes this step."""
        return "\n\n".join(self.blocks)

    @property
    def shell(self) -> str:
        """The command lines, one per line."""
        return "\n".join(self.cli)


# ====================================================================== code text


def _num(v: Any) -> str:
    """A number as Python and the command line both read it: 1 not 1.0, 0.85 not 0.850."""
    if isinstance(v, (bool, np.bool_)):
        return repr(bool(v))
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    f = float(v)
    if math.isfinite(f) and f == int(f) and abs(f) < 1e15:
        return str(int(f))
    return repr(f)


def _py(v: Any) -> str:
    if isinstance(v, (float, int, np.floating, np.integer)) and not isinstance(v, bool):
        return _num(v)
    if isinstance(v, tuple):
        return "(" + ", ".join(_py(x) for x in v) + ("," if len(v) == 1 else "") + ")"
    if isinstance(v, list):
        return "[" + ", ".join(_py(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{_py(k)}: {_py(x)}" for k, x in v.items()) + "}"
    return repr(v)


def _call(func: str, args: Sequence[Any] = (), kwargs: Sequence[tuple[str, Any]] = (), raw: Sequence[str] = ()) -> str:
    parts = list(raw) + [_py(a) for a in args] + [f"{k}={_py(v)}" for k, v in kwargs]
    return f"{func}({', '.join(parts)})"


def _incl_cut(v: Any) -> float | tuple[float, float]:
    if isinstance(v, (tuple, list)):
        if len(v) == 1:
            return float(v[0])
        a, b = float(v[0]), float(v[1])
        return a if a == b else (a, b)
    return float(v)


def _tt_kwargs(study: Study) -> list[tuple[str, Any]]:
    kw: list[tuple[str, Any]] = []
    ic = _incl_cut(study.incl_cut)
    if ic != 1.0:
        kw.append(("incl_cut", ic))
    if study.n_cut != 1:
        kw.append(("n_cut", int(study.n_cut)))
    if study.pri_cut:
        kw.append(("pri_cut", float(study.pri_cut)))
    if study.missing != "error":
        kw.append(("missing", study.missing))
    return kw


def _cli_data(study: Study) -> list[str]:
    """DATA and the data options of every ``qca`` analysis command."""
    src = study.source
    if study.calibrations or study.exclude:
        words = [_calibrated_file(study)]
    else:
        words = [src.name]
        if src.kind == "file" and src.case_col:
            words += ["--case-col", src.case_col]
        if src.kind == "file" and src.sheet is not None:
            words += ["--sheet", str(src.sheet)]
    return words + ["--outcome", study.outcome, "--conditions", ",".join(study.conditions)]


def _calibrated_file(study: Study) -> str:
    """The file the script writes for the command line when the app changed the data (a copy)."""
    stem = Path(study.source.name).stem if study.source.kind == "file" else study.source.name
    return f"{stem}_{'calibrated' if study.calibrations else 'selected'}.csv"


def _cli_cuts(study: Study, which: Sequence[str] = ("incl", "n", "pri", "missing")) -> list[str]:
    words: list[str] = []
    ic = _incl_cut(study.incl_cut)
    if "incl" in which and ic != 1.0:
        words += ["--incl-cut", ",".join(_num(x) for x in ic) if isinstance(ic, tuple) else _num(ic)]
    if "n" in which and study.n_cut != 1:
        words += ["--n-cut", str(int(study.n_cut))]
    if "pri" in which and study.pri_cut:
        words += ["--pri-cut", _num(study.pri_cut)]
    if "missing" in which and study.missing != "error":
        words += ["--missing", study.missing]
    return words


def _command(*words: str) -> str:
    return "qca " + " ".join(shlex.quote(str(w)) for w in words)


def _load_blocks(study: Study) -> list[str]:
    src = study.source
    if src.kind == "dataset":
        load = f"data = qca.datasets.load({src.name!r})"
    else:
        kw = []
        if src.case_col:
            kw.append(("case_col", src.case_col))
        if src.sheet is not None:
            kw.append(("sheet", src.sheet))
        load = _call("data = qca.read_data", [src.name], kw)
    blocks = ["import qca", load]
    if study.calibrations:
        lines = ["# calibrated columns are added to a copy; the loaded data stay as they are"]
        for cal in study.calibrations:
            call = _call("qca.calibrate", [], [("thresholds", cal.thresholds), *cal.options],
                         raw=[f"data[{cal.column!r}]"])
            lines.append(f"data = data.assign(**{{{cal.new!r}: {call}}})")
        blocks.append("\n".join(lines))
    if study.exclude:
        blocks.append(f"data = data.drop(index={_py(list(study.exclude))})  # cases left out of the study")
    if study.calibrations or study.exclude:
        blocks.append(f"data.to_csv({_calibrated_file(study)!r})  # the data for the qca command line")
    return blocks


def _tt_block(study: Study) -> str:
    return _call("tt = qca.truth_table", [study.outcome, list(study.conditions)], _tt_kwargs(study), raw=["data"])


# ====================================================================== data


def safe_path(folder: str | Path, name: str) -> Path:
    """``folder/name``, refusing any name that leads outside the folder.

    Examples
    --------
    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> safe_path(d, "data.csv").name
    'data.csv'
    >>> safe_path(d, "../escape.csv")
    Traceback (most recent call last):
    ...
    qca.errors.QCAError: '../escape.csv' is outside the working folder ...; give a file name inside it
    """
    base = Path(folder).resolve()
    target = (base / name).resolve()
    if target != base and base not in target.parents:
        raise QCAError(f"{name!r} is outside the working folder {base}; give a file name inside it")
    return target


def data_files(folder: str | Path) -> list[str]:
    """The data files directly in the working folder, by name.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "cases.csv").write_text("case,A,Y\\np,1,1\\n")
    >>> _ = (folder / "notes.md").write_text("not data")
    >>> data_files(folder)
    ['cases.csv']
    """
    base = Path(folder)
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir() if p.is_file() and p.suffix.lower() in DATA_SUFFIXES
                  and not p.name.startswith("."))


def load_data(source: Source, folder: str | Path = ".") -> pd.DataFrame:
    """The cases of a bundled data set, or of a file in the working folder (a new frame each time).

    Examples
    --------
    >>> load_data(Source("dataset", "LC")).shape
    (18, 6)
    """
    if source.kind == "dataset":
        names = list(qca.datasets.list_datasets()["name"])
        if source.name not in names:
            raise QCAError(f"no bundled data set {source.name!r}; bundled: {', '.join(names)}")
        return qca.datasets.load(source.name)
    path = safe_path(folder, source.name)
    if not path.is_file():
        raise QCAError(f"no such file in the working folder: {source.name}")
    try:
        return qca.read_data(path, source.case_col, sheet=source.sheet)
    except QCAError:
        raise
    except Exception as err:  # the command line's UsageError (an unknown case column, ...)
        raise QCAError(str(err)) from None


def prepared_data(study: Study, folder: str | Path = ".", data: pd.DataFrame | None = None) -> pd.DataFrame:
    """The loaded cases with the calibrated columns added (to a copy).

    Examples
    --------
    >>> cal = Calibration("DEV", "DEVf", "e=350, c=550, i=900")
    >>> study = Study(Source("dataset", "LR"), calibrations=(cal,), exclude=("AU",))
    >>> data = prepared_data(study)
    >>> "DEVf" in data.columns, "AU" in data.index
    (True, False)
    """
    frame = load_data(study.source, folder) if data is None else data
    if study.calibrations:
        frame = frame.copy()
        for cal in study.calibrations:
            frame = frame.assign(**{cal.new: calibrate_column(frame, cal)})
    if study.exclude:
        unknown = [c for c in study.exclude if c not in frame.index]
        if unknown:
            raise QCAError(f"cases to leave out: {', '.join(map(repr, unknown))} not in the data")
        frame = frame.drop(index=list(study.exclude))
    return frame


def calibrate_column(data: pd.DataFrame, cal: Calibration) -> pd.Series:
    """The calibrated scores of one column (``qca.calibrate``), as a Series on the cases."""
    if not hasattr(qca, "calibrate"):
        raise QCAError("this qca has no calibrate(); update qca")
    if cal.column not in data.columns:
        raise QCAError(f"calibrate: {cal.column!r} is not a column of the data")
    if not cal.new or not str(cal.new).strip():
        raise QCAError("calibrate: give the new column a name")
    raw = pd.to_numeric(data[cal.column], errors="coerce").astype(float)
    bad = data[cal.column].notna() & raw.isna()
    if bad.any():
        case = data.index[bad.to_numpy()][0]
        raise QCAError(f"calibrate: column {cal.column!r}, case {case!r}: {data.loc[case, cal.column]!r} "
                       "is not a number")
    out = qca.calibrate(raw, cal.thresholds, **dict(cal.options))
    return pd.Series(np.asarray(out, dtype=float), index=data.index, name=cal.new)


def _is_missing(v: Any) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) or v is pd.NaT


def _as_number(v: Any) -> float | None:
    if isinstance(v, (bool, np.bool_)):
        return float(v)
    if isinstance(v, (int, float, np.integer, np.floating)):
        return float(v)
    if isinstance(v, str):
        try:
            return float(v.strip())
        except ValueError:
            return None
    return None


def column_types(data: pd.DataFrame) -> pd.DataFrame:
    """Each column's set type, read from its values, with its missing codes and a sample of values.

    Types: ``crisp`` (0/1), ``fuzzy`` (in [0, 1], some strictly between),
    ``multi-value`` (whole numbers 0..m-1, m > 2, no gap), ``raw`` (other
    numbers: calibrate them first), ``text`` (names, notes), ``empty``.

    Examples
    --------
    >>> df = pd.DataFrame({"A": [0, 1, 1], "F": [0.2, 0.6, 1.0], "M": [0, 2, 1],
    ...                    "R": [350, 900, 12], "T": ["x", "y", "z"]})
    >>> column_types(df)["type"].tolist()
    ['crisp', 'fuzzy', 'multi-value', 'raw', 'text']
    """
    rows = []
    for col in data.columns:
        values = data[col].tolist()
        present = [v for v in values if not _is_missing(v)]
        nums = [_as_number(v) for v in present]
        if not present:
            kind = "empty"
        elif any(x is None for x in nums):
            kind = "text"
        else:
            arr = np.array(nums, dtype=float)
            if set(np.unique(arr)) <= {0.0, 1.0}:
                kind = "crisp"
            elif arr.min() >= 0 and arr.max() <= 1:
                kind = "fuzzy"
            elif (arr % 1 == 0).all() and arr.min() == 0 and set(np.unique(arr)) == set(range(int(arr.max()) + 1)):
                kind = "multi-value"
            else:
                kind = "raw"
        sample = ", ".join(dict.fromkeys(str(v) for v in present[:50]))
        if len(sample) > 60:
            sample = sample[:57] + "..."
        rows.append({"column": str(col), "type": kind, "missing": len(values) - len(present), "values": sample})
    return pd.DataFrame(rows, columns=["column", "type", "missing", "values"]).set_index("column")


def bad_codes(data: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Every cell of the chosen columns that is no set membership, with case, column, value and why.

    A set membership is a number in [0, 1] or, in a multi-value column, a
    level 0..m-1. Missing codes are listed too (they are not errors: the
    missing-code policy decides).

    Examples
    --------
    >>> df = pd.DataFrame({"A": [0, 1, 7], "Y": [1, None, 0]}, index=["p", "q", "r"])
    >>> bad_codes(df, ["A", "Y"])[["case", "column", "value", "problem"]].values.tolist()
    [['r', 'A', '7', 'not a set membership (0 to 1)'], ['q', 'Y', '<NA>', 'missing code']]
    """
    types = column_types(data[list(columns)]) if len(columns) else None
    rows = []
    for col in columns:
        kind = types.loc[str(col), "type"]
        numbers = [x for x in (_as_number(v) for v in data[col].tolist() if not _is_missing(v)) if x is not None]
        # codes meant as levels 0..m-1 (some whole number above 1, no membership strictly between 0 and 1)
        levels_meant = kind != "multi-value" and any(x >= 2 and float(x).is_integer() for x in numbers) \
            and not any(0 < x < 1 for x in numbers)
        present = {int(x) for x in numbers if x >= 0 and float(x).is_integer()}
        gaps = [g for g in range(max(present, default=0)) if g not in present]
        if gaps and len({v for v in present if v >= 2}) < 2:
            levels_meant = False  # one stray code above 1 in 0/1 data: a slip, said as such below
        for case, v in zip(data.index, data[col].tolist()):
            if _is_missing(v):
                rows.append((str(case), str(col), "<NA>", "missing code"))
                continue
            x = _as_number(v)
            if x is None:
                rows.append((str(case), str(col), str(v), "text, not a code"))
            elif kind == "multi-value":
                continue
            elif levels_meant:
                if x < 0 or not float(x).is_integer():
                    rows.append((str(case), str(col), _num(x),
                                 "not a level (a multi-value condition has whole-number levels 0..m-1)"))
                elif gaps and x > gaps[0]:
                    rows.append((str(case), str(col), _num(x), f"level {int(x)} leaves a gap: no case has level "
                                 + ", ".join(map(str, gaps))))
            elif not 0 <= x <= 1:
                rows.append((str(case), str(col), _num(x), "not a set membership (0 to 1)"))
    frame = pd.DataFrame(rows, columns=["case", "column", "value", "problem"])
    return frame


# ====================================================================== steps


def data_step(study: Study, data: pd.DataFrame) -> Step:
    """The data as loaded (and calibrated), with the set type of each column.

    Examples
    --------
    >>> study = Study(Source("dataset", "LC"), outcome="SURV", conditions=("DEV", "URB", "LIT", "IND", "STB"))
    >>> data = load_data(study.source)
    >>> print(data_step(study, data).shell)
    qca datasets LC
    """
    blocks = _load_blocks(study)
    return Step("data", "Data", column_types(data), (*blocks, "print(data)"),
                (_command("datasets", study.source.name),) if study.source.kind == "dataset" else ())


def calibrate_step(study: Study, data: pd.DataFrame, cal: Calibration) -> Step:
    """One calibration, previewed: the raw and calibrated values side by side (the data stay as they are).

    Examples
    --------
    >>> cal = Calibration("DEV", "DEVf", "e=350, c=550, i=900")
    >>> study = Study(Source("dataset", "LR"))
    >>> step = calibrate_step(study, load_data(study.source), cal)
    >>> step.title, list(step.result.columns)
    ('Calibrate DEV -> DEVf', ['DEV', 'DEVf'])
    """
    scores = calibrate_column(data, cal)
    frame = pd.DataFrame({cal.column: data[cal.column], cal.new: scores})
    with_cal = study.with_(calibrations=tuple(c for c in study.calibrations if c.new != cal.new) + (cal,))
    blocks = _load_blocks(with_cal)
    return Step("calibrate", f"Calibrate {cal.column} -> {cal.new}", frame,
                (*blocks, f"print(data[[{cal.column!r}, {cal.new!r}]])"), ())


def _check(study: Study) -> None:
    if not study.outcome:
        raise QCAError("choose the outcome first (page Data)")
    if not study.conditions:
        raise QCAError("choose at least one condition (page Data)")


def truth_table_step(study: Study, data: pd.DataFrame | None = None, folder: str | Path = ".") -> Step:
    """The truth table with the study's cut-offs (R's truthTable).

    Examples
    --------
    >>> study = Study(Source("dataset", "LC"), outcome="SURV", conditions=("DEV", "URB", "LIT", "IND", "STB"))
    >>> data = load_data(study.source)
    >>> step = truth_table_step(study, data)
    >>> len(step.result.table), step.shell
    (9, 'qca truth-table LC --outcome SURV --conditions DEV,URB,LIT,IND,STB')
    """
    _check(study)
    data = prepared_data(study, folder) if data is None else data
    tt = qca.truth_table(data, study.outcome, list(study.conditions), **dict(_tt_kwargs(study)))
    notes = []
    if len(tt.dropped):
        notes.append("left out for missing codes: " + "; ".join(
            f"{c} ({', '.join(map(str, cols))})" for c, cols in tt.dropped["missing_in"].items()))
    return Step("truth_table", "Truth table", tt, (*_load_blocks(study), _tt_block(study) + "\nprint(tt)"),
                (_command("truth-table", *_cli_data(study), *_cli_cuts(study)),), tuple(notes))


def marked_table(tt: Any) -> pd.DataFrame:
    """The truth table for the screen: cases joined, consistency as a fraction on crisp data, rows below a cut-off marked.

    Examples
    --------
    >>> df = pd.DataFrame({"A": [1, 1, 0], "Y": [1, 0, 0]}, index=["p", "q", "r"])
    >>> marked_table(qca.truth_table(df, "Y", incl_cut=0.8))[["OUT", "incl (cases)", "below cut-off"]]
        OUT incl (cases)  below cut-off
    row
    1     0          0/1  incl < 0.8
    2     0          1/2  incl < 0.8
    """
    t = tt.table
    ic1, _ = tt.incl_cut
    below = []
    for _, r in t.iterrows():
        marks = []
        if r["n"] < tt.n_cut:
            marks.append(f"n < {tt.n_cut}")
        if pd.notna(r["incl"]) and r["incl"] < ic1 - 1e-12:
            marks.append(f"incl < {_num(ic1)}")
        if tt.pri_cut and pd.notna(r["PRI"]) and r["PRI"] < tt.pri_cut - 1e-12:
            marks.append(f"PRI < {_num(tt.pri_cut)}")
        below.append(", ".join(marks))
    out = t.copy()
    y = getattr(tt.data, "y", None)
    crisp = y is not None and set(np.unique(np.asarray(y, dtype=float))) <= {0.0, 1.0}
    if crisp:
        member = dict(zip(tt.data.cases, np.asarray(y, dtype=float)))
        frac = [f"{int(sum(member[c] for c in cases))}/{len(cases)}" for cases in t["cases"]]
        out.insert(out.columns.get_loc("incl") + 1, "incl (cases)", frac)
    out["cases"] = [", ".join(map(str, c)) for c in t["cases"]]
    out["below cut-off"] = below
    return out


def necessity_step(study: Study, data: pd.DataFrame, incl_cut: float = 0.9, ron_cut: float = 0.0,
                   cov_cut: float = 0.0) -> Step:
    """Each condition and its negation as a necessary condition.

    Examples
    --------
    >>> study = Study(Source("dataset", "LC"), outcome="SURV", conditions=("DEV", "URB", "LIT", "IND", "STB"))
    >>> data = load_data(study.source)
    >>> necessity_step(study, data, incl_cut=0.9).result.necessary
    ['DEV', 'LIT', 'STB']
    """
    _check(study)
    kw = [("incl_cut", float(incl_cut))]
    if ron_cut:
        kw.append(("ron_cut", float(ron_cut)))
    if cov_cut:
        kw.append(("cov_cut", float(cov_cut)))
    nec = qca.necessity(data, study.outcome, list(study.conditions), **dict(kw))
    code = _call("nec = qca.necessity", [study.outcome, list(study.conditions)], kw, raw=["data"]) + "\nprint(nec)"
    words = ["--incl-cut", _num(incl_cut)]
    if ron_cut:
        words += ["--ron-cut", _num(ron_cut)]
    if cov_cut:
        words += ["--cov-cut", _num(cov_cut)]
    return Step("necessity", "Necessity", nec, (*_load_blocks(study), code),
                (_command("necessity", *_cli_data(study), *words),))


def super_subset_step(study: Study, data: pd.DataFrame, incl_cut: float = 0.9, cov_cut: float = 0.0,
                      ron_cut: float = 0.0, depth: int | None = None, relation: str = "necessity") -> Step:
    """R's superSubset: every conjunction or disjunction passing the cut-offs.

    Examples
    --------
    >>> study = Study(Source("dataset", "LC"), outcome="SURV", conditions=("DEV", "URB", "LIT", "IND", "STB"))
    >>> data = load_data(study.source)
    >>> print(super_subset_step(study, data).shell)
    qca super-subset LC --outcome SURV --conditions DEV,URB,LIT,IND,STB --incl-cut 0.9
    """
    _check(study)
    kw: list[tuple[str, Any]] = []
    if relation != "necessity":
        kw.append(("relation", relation))
    kw.append(("incl_cut", float(incl_cut)))
    if cov_cut:
        kw.append(("cov_cut", float(cov_cut)))
    if ron_cut:
        kw.append(("ron_cut", float(ron_cut)))
    if depth:
        kw.append(("depth", int(depth)))
    res = qca.super_subset(data, study.outcome, list(study.conditions), **dict(kw))
    code = _call("sup = qca.super_subset", [study.outcome, list(study.conditions)], kw, raw=["data"]) + "\nprint(sup)"
    words = ["--incl-cut", _num(incl_cut)]
    if relation != "necessity":
        words += ["--relation", relation]
    if cov_cut:
        words += ["--cov-cut", _num(cov_cut)]
    if ron_cut:
        words += ["--ron-cut", _num(ron_cut)]
    if depth:
        words += ["--depth", str(int(depth))]
    return Step("super_subset", "superSubset", res, (*_load_blocks(study), code),
                (_command("super-subset", *_cli_data(study), *words),))


def _dir_exp_text(dir_exp: Sequence[tuple[str, Any]]) -> str:
    """R's text of directional expectations: ``A, ~B`` and, for a multi-value condition given
    the list of its expected levels, ``DEV[1,2]`` (an empty list: no expectation)."""
    parts = []
    for cond, v in dir_exp:
        if isinstance(v, (list, tuple)):
            if v:
                parts.append(f"{cond}[{','.join(str(int(x)) for x in sorted(v))}]")
        elif str(v) in ("1", "1.0"):
            parts.append(cond)
        elif str(v) in ("0", "0.0"):
            parts.append("~" + cond)
    return ", ".join(parts)


def _supports(func: Any, name: str) -> bool:
    try:
        return name in inspect.signature(func).parameters
    except (TypeError, ValueError):  # pragma: no cover
        return False


def minimize_step(study: Study, tt: Any, kind: str = "conservative", *, contradictions: bool = False,
                  dir_exp: Sequence[tuple[str, Any]] = (), all_sol: bool = False, row_dom: bool = False,
                  time_limit: float | None = None, progress: Any = None) -> Step:
    """One solution type: conservative, parsimonious, or intermediate with directional expectations.

    ``dir_exp`` holds (condition, 1 / 0 / "-") pairs, or (condition, [levels]) for a
    multi-value condition (the levels expected to lead to the outcome); ``time_limit`` (seconds)
    is passed to :func:`qca.minimize` where it takes one.

    Examples
    --------
    >>> study = Study(Source("dataset", "LC"), outcome="SURV", conditions=("DEV", "URB", "LIT", "IND", "STB"))
    >>> data = load_data(study.source)
    >>> tt = truth_table_step(study, data).result
    >>> step = minimize_step(study, tt, "parsimonious")
    >>> [str(m) for m in step.result.solutions], step.shell
    (['DEV*STB'], "qca minimize LC --outcome SURV --conditions DEV,URB,LIT,IND,STB --include '?'")
    """
    if kind not in KINDS:
        raise QCAError(f"solution type {kind!r}: choose one of {', '.join(KINDS)}")
    include = ("" if kind == "conservative" else "?") + ("C" if contradictions else "")
    kw: list[tuple[str, Any]] = []
    if include:
        kw.append(("include", include))
    words = ["--include", include] if include else []
    if kind == "intermediate":
        text = _dir_exp_text(dir_exp)
        if not text:
            raise QCAError("intermediate solution: give a directional expectation (present or absent) "
                           "for at least one condition")
        kw.append(("dir_exp", text))
        words += ["--dir-exp", text.replace(" ", "")]
    if all_sol:
        kw.append(("all_sol", True))
        words.append("--all-sol")
    if row_dom:
        kw.append(("row_dom", True))
        words.append("--row-dom")
    if time_limit and _supports(qca.minimize, "time_limit"):
        kw.append(("time_limit", float(time_limit)))
        words += ["--time-limit", _num(time_limit)]
    call_kw = dict(kw)
    if progress is not None:
        call_kw["progress"] = progress
    sol = qca.minimize(tt, **call_kw)
    code = _call(f"{kind} = qca.minimize", [], kw, raw=["tt"]) + f"\nprint({kind})"
    if kind == "intermediate":
        code += f"\nfor name, sub in {kind}.intermediate.items():\n    print(sub)"
    return Step(f"minimize_{kind}", f"{kind.capitalize()} solution", sol,
                (*_load_blocks(study), _tt_block(study) + "\nprint(tt)", code),
                (_command("minimize", *_cli_data(study), *_cli_cuts(study), *words),))


def cases_step(study: Study, data: pd.DataFrame, expression: str) -> Step:
    """Fit of a sufficiency claim and each case's type against it.

    Examples
    --------
    >>> study = Study(Source("dataset", "LC"), outcome="SURV", conditions=("DEV", "URB", "LIT", "IND", "STB"))
    >>> data = load_data(study.source)
    >>> step = cases_step(study, data, "DEV*STB")
    >>> step.title
    'Cases of DEV*STB'
    """
    _check(study)
    if not str(expression).strip():
        raise QCAError("give an expression, e.g. A*~B + C")
    expr = qca.parse(expression)
    fit = qca.fit(expr, data, study.outcome)
    types = qca.case_types(data, expr, study.outcome)
    text = str(expr)
    code = (f"expr = qca.parse({text!r})\n"
            f"fit = qca.fit(expr, data, {study.outcome!r})\nprint(fit)\nprint(fit.fractions())\n"
            f"types = qca.case_types(data, expr, {study.outcome!r})\nprint(types)")
    base = _cli_data(study)
    return Step("cases", f"Cases of {text}", (fit, types), (*_load_blocks(study), code),
                (_command("fit", *base, text), _command("cases", *base, text)))


def robustness_step(study: Study, data: pd.DataFrame, incl_cuts: Sequence[float], n_cuts: Sequence[int],
                    include: str = "", dir_exp: Sequence[tuple[str, Any]] = ()) -> Step:
    """The solution across a grid of cut-offs (robust core, robustness fit).

    Examples
    --------
    >>> study = Study(Source("dataset", "LC"), outcome="SURV", conditions=("DEV", "URB", "LIT", "IND", "STB"))
    >>> data = load_data(study.source)
    >>> print(robustness_step(study, data, [1, 0.8], [1]).shell)
    qca robustness LC --outcome SURV --conditions DEV,URB,LIT,IND,STB --incl-cuts 1 0.8 --n-cuts 1
    """
    _check(study)
    if not incl_cuts or not n_cuts:
        raise QCAError("robustness: give at least one consistency cut-off and one frequency cut-off")
    kw: list[tuple[str, Any]] = [("incl_cut", [float(x) for x in incl_cuts]), ("n_cut", [int(x) for x in n_cuts])]
    words = ["--incl-cuts", *[_num(x) for x in incl_cuts], "--n-cuts", *[str(int(x)) for x in n_cuts]]
    if study.pri_cut:
        kw.append(("pri_cut", float(study.pri_cut)))
        words += ["--pri-cut", _num(study.pri_cut)]
    if include:
        kw.append(("include", include))
        words += ["--include", include]
    text = _dir_exp_text(dir_exp)
    if text:
        kw.append(("dir_exp", text))
        words += ["--dir-exp", text.replace(" ", "")]
    if study.missing != "error":
        kw.append(("missing", study.missing))
        words += ["--missing", study.missing]
    rob = qca.robustness(data, study.outcome, list(study.conditions), **dict(kw))
    code = _call("rob = qca.robustness", [study.outcome, list(study.conditions)], kw, raw=["data"]) + "\nprint(rob)"
    return Step("robustness", "Robustness", rob, (*_load_blocks(study), code),
                (_command("robustness", *_cli_data(study), *words),))


def missing_step(study: Study, data: pd.DataFrame, expression: str | None = None) -> Step:
    """The analysis under every completion of the missing codes.

    Examples
    --------
    >>> study = Study(Source("dataset", "huang2024"), outcome="AGREE", conditions=("HARM", "THREAT"))
    >>> step = missing_step(study, load_data(study.source))
    >>> step.title
    'Missing-code sensitivity'
    """
    _check(study)
    kw: list[tuple[str, Any]] = []
    ic = _incl_cut(study.incl_cut)
    if ic != 1.0:
        kw.append(("incl_cut", ic))
    if study.n_cut != 1:
        kw.append(("n_cut", int(study.n_cut)))
    words = _cli_cuts(study, ("incl", "n"))
    if expression and str(expression).strip():
        text = str(qca.parse(expression))
        kw.append(("expression", text))
        words += ["--expression", text]
    res = qca.missing_completions(data, study.outcome, list(study.conditions), **dict(kw))
    code = _call("completions = qca.missing_completions", [study.outcome, list(study.conditions)], kw,
                 raw=["data"]) + "\nprint(completions)"
    return Step("missing", "Missing-code sensitivity", res, (*_load_blocks(study), code),
                (_command("missing", *_cli_data(study), *words),))


def report_step(study: Study, data: pd.DataFrame, *, include: str = "?", dir_exp: Sequence[tuple[str, Any]] = (),
                necessity_cut: float = 0.9, theory: str | None = None, title: str | None = None,
                plots: bool = True) -> Step:
    """The whole analysis as one report (HTML, Markdown; LaTeX tables with :func:`report_latex`).

    Examples
    --------
    >>> study = Study(Source("dataset", "LC"), outcome="SURV", conditions=("DEV", "URB", "LIT", "IND", "STB"))
    >>> data = load_data(study.source)
    >>> step = report_step(study, data, plots=False)
    >>> step.result.to_markdown().startswith("# ")
    True
    """
    _check(study)
    kw: list[tuple[str, Any]] = [*_tt_kwargs(study)]
    if include != "?":
        kw.append(("include", include))
    text = _dir_exp_text(dir_exp)
    if text:
        kw.append(("dir_exp", text))
    if necessity_cut != 0.9:
        kw.append(("necessity_cut", float(necessity_cut)))
    if theory and str(theory).strip():
        kw.append(("theory", str(qca.parse(theory))))
    if title:
        kw.append(("title", title))
    bundled = study.source.kind == "dataset" and not study.calibrations and not study.exclude
    source = study.source.name if bundled else (
        _calibrated_file(study) if study.calibrations or study.exclude else study.source.name)
    call_kw = dict(kw, plots=plots)
    if bundled:
        rep = qca.report(study.source.name, study.outcome, list(study.conditions), **call_kw)
        code = _call("rep = qca.report", [study.source.name, study.outcome, list(study.conditions)], kw)
    else:
        rep = qca.report(data, study.outcome, list(study.conditions), source=source, **call_kw)
        code = _call("rep = qca.report", [study.outcome, list(study.conditions)], [*kw, ("source", source)],
                     raw=["data"])
    code += ("\nprint(rep.summary())\nrep.save('report.html')\nrep.save('report.md')\n"
             "open('report.tex', 'w', encoding='utf-8').write(qca.app.steps.report_latex(rep))")
    words = [*_cli_cuts(study)]
    if include != "?":
        words += ["--include", include]
    if text:
        words += ["--dir-exp", text.replace(" ", "")]
    if necessity_cut != 0.9:
        words += ["--necessity-cut", _num(necessity_cut)]
    if theory and str(theory).strip():
        words += ["--theory", str(qca.parse(theory))]
    if title:
        words += ["--title", title]
    blocks = list(_load_blocks(study))
    blocks[0] = "import qca\nimport qca.app.steps"
    return Step("report", "Report", rep, (*blocks, code),
                (_command("report", *_cli_data(study), *words, "-o", "report.html"),
                 _command("report", *_cli_data(study), *words, "-o", "report.md")))


def report_latex(rep: Any) -> str:
    """The report's tables as one LaTeX document (booktabs), from its public parts.

    Examples
    --------
    >>> tex = report_latex(qca.report("LC", incl_cut=1, plots=False))
    >>> tex.startswith("\\\\documentclass") and "DEV*STB" in tex
    True
    """
    if hasattr(rep, "to_latex"):
        return rep.to_latex()
    from qca.reporting import latex_table

    def esc(text: str) -> str:
        table = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "_": r"\_", "#": r"\#", "$": r"\$",
                 "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
        return "".join(table.get(ch, ch) for ch in str(text))

    parts = [r"\documentclass{article}", r"\usepackage{booktabs}", r"\usepackage[utf8]{inputenc}",
             r"\begin{document}", r"\section*{" + esc(rep.title) + "}"]
    s = rep.settings
    parts.append("Outcome " + esc(str(s.get("outcome"))) + ", conditions " + esc(", ".join(s.get("conditions", [])))
                 + ", inclusion cut-off " + esc(str(s.get("incl_cut"))) + ", frequency cut-off "
                 + esc(str(s.get("n_cut"))) + ".\n")
    tt = rep.truth_table.table
    tt["cases"] = [", ".join(map(str, c)) for c in tt["cases"]]
    parts.append(latex_table(tt, caption=f"Truth table for {rep.truth_table.outcome}"))
    parts.append(latex_table(rep.necessity.to_frame(), caption="Necessary conditions"))
    for kind, sol in rep.solutions.items():
        frame = sol.fit.copy()
        if "cases" in frame.columns:
            frame = frame.drop(columns=["cases"])
        parts.append(latex_table(frame, caption=f"{kind.capitalize()} solution"))
    for kind, why in rep.problems.items():
        parts.append(esc(f"{kind}: {why}") + "\n")
    parts.append(r"\end{document}")
    return "\n\n".join(parts) + "\n"


# ====================================================================== the script


def script(steps: Sequence[Step], study: Study | None = None) -> str:
    """One Python script redoing every step, in order; each code block once.

    Examples
    --------
    >>> study = Study(Source("dataset", "LC"), outcome="SURV", conditions=("DEV", "STB"))
    >>> text = script([truth_table_step(study), minimize_step(study, truth_table_step(study).result)])
    >>> text.count("data = qca.datasets.load('LC')"), text.count("tt = qca.truth_table")
    (1, 1)
    """
    seen: list[str] = []
    for step in steps:
        for block in step.blocks:
            if block not in seen:
                seen.append(block)
    commands = [c for step in steps for c in step.cli]
    head = ['"""Redo the analysis made in the qca app.', "",
            f"Written by qca {qca.__version__} on {_dt.date.today().isoformat()}. Run it in the folder",
            "that holds the data: python qca_analysis.py"]
    if commands:
        head += ["", "The same tables from a terminal:", ""] + ["    " + c for c in dict.fromkeys(commands)]
    head.append('"""')
    imports = [b for b in seen if b.startswith("import ")]
    body = [b for b in seen if not b.startswith("import ")]
    import_lines = list(dict.fromkeys(line for b in imports for line in b.splitlines()))
    return "\n".join(head) + "\n\n" + "\n".join(import_lines) + "\n\n" + "\n\n".join(body) + "\n"


def command_lines(steps: Sequence[Step]) -> str:
    """Every step's command lines, as a shell script.

    Examples
    --------
    >>> study = Study(Source("dataset", "LC"), outcome="SURV", conditions=("DEV", "URB", "LIT", "IND", "STB"))
    >>> data = load_data(study.source)
    >>> print(command_lines([truth_table_step(study, data)]))
    #!/bin/sh
    # The qca app's analysis from a terminal (run it in the folder that holds the data).
    qca truth-table LC --outcome SURV --conditions DEV,URB,LIT,IND,STB
    """
    lines = ["#!/bin/sh", "# The qca app's analysis from a terminal (run it in the folder that holds the data)."]
    lines += list(dict.fromkeys(c for step in steps for c in step.cli))
    return "\n".join(lines) + "\n"
