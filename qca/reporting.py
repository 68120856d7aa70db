"""Reports and exports: one self-contained HTML or Markdown report, published-style tables, JSON.

Three things live here.

:func:`report`
    Runs a whole crisp-set analysis (truth table, necessity, conservative,
    parsimonious and, with directional expectations, intermediate
    solutions, simplifying assumptions, deviant cases) and returns a
    :class:`Report` that writes one self-contained HTML page or Markdown
    file with everything a reader needs to check and reproduce it: the
    data summary, every table with its cases, the settings (cut-offs,
    missing-code policy, library version) and the Python call and command
    line that redo it.
:func:`solution_table`
    A solution laid out the way published QCA work prints it: solution
    terms as columns with inclS, PRI, covS and covU as rows
    (``style="terms"``), or the Ragin–Fiss configuration chart with filled
    circles for a condition present and crossed circles for it absent,
    large for core and small for peripheral conditions (``style="fiss"``).
:func:`to_dict` / :func:`to_json`
    Every result as plain data following the documented, versioned schema
    ``qca-result/1`` (the JSON Schema is ``qca/result.schema.json``;
    :func:`schema` returns it). The command line's ``--format json`` writes
    exactly this.

Examples
--------
>>> import qca
>>> rep = qca.report("huang2024", "AGREE", missing="drop", dir_exp="HARM, ~THREAT", plots=False)
>>> {kind: str(sol.solutions[0]) for kind, sol in rep.solutions.items()}
{'conservative': '~HARM*~THREAT', 'intermediate': '~HARM*~THREAT', 'parsimonious': '~HARM'}
>>> rep.case_types["parsimonious"].cases("deviant consistency")
['UN cyber arms control']
>>> "## Settings and reproduction" in rep.to_markdown()
True
"""

from __future__ import annotations

import base64
import datetime as _dt
import html
import re
import io
import json
import math
import platform
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from .errors import QCAError
from .escape import markdown_line, text_cell
from .validate import write_text
from .expression import Expression, Term, parse
from .tables import (FISS_SYMBOLS, HTML_STYLE, TableView, format_frame, html_table, latex_escape, latex_tabular,
                     plural)
from .tables import tabulate_frame as _tabulate

__all__ = [
    "Report",
    "report",
    "solution_table",
    "latex_table",
    "to_dict",
    "to_json",
    "schema",
    "SCHEMA",
    "SYMBOLS",
]

#: Identifier of the JSON schema every export carries in its ``"schema"`` key.
SCHEMA = "qca-result/1"

#: Ragin–Fiss symbols: condition present / absent, core (large) or peripheral (small).
SYMBOLS = FISS_SYMBOLS

_KINDS = ("conservative", "intermediate", "parsimonious")


# =============================================================== JSON


def _num(value: Any) -> float | int | None:
    """A JSON number, or None for NaN / missing."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)  # type: ignore[return-value]
    if isinstance(value, (int, np.integer)):
        return int(value)
    value = float(value)
    return None if math.isnan(value) else value


def _bool(value: Any) -> bool | None:
    if value is None or value is pd.NA:
        return None
    return bool(value)


def _cut_pair(incl_cut: Any) -> list[float]:
    if isinstance(incl_cut, (tuple, list)):
        return [float(v) for v in incl_cut]
    return [float(incl_cut), float(incl_cut)]


def _tt_body(tt: Any) -> dict[str, Any]:
    """The truth table's part of the schema (without the envelope)."""
    cd = tt.data
    table = tt.table
    rows = []
    for row, r in table.iterrows():
        rows.append({
            "row": int(row),
            "configuration": {c: int(r[c]) for c in tt.conditions},
            "OUT": str(r["OUT"]),
            "n": int(r["n"]),
            "incl": _num(r["incl"]),
            "PRI": _num(r["PRI"]),
            "cases": [str(c) for c in r["cases"]],
        })
    contra = tt.contradictions
    return {
        "outcome": tt.outcome,
        "conditions": list(tt.conditions),
        "settings": {
            "incl_cut": _cut_pair(tt.incl_cut),
            "n_cut": int(tt.n_cut),
            "pri_cut": float(tt.pri_cut),
            "missing": cd.missing,
        },
        "cases": [str(c) for c in cd.cases],
        "dropped": [{"case": str(c), "missing_in": [str(x) for x in cols]}
                    for c, cols in cd.dropped["missing_in"].items()],
        "rows": rows,
        "remainders": _remainders(tt),
        "levels": [int(m) for m in (getattr(tt, "levels", ()) or (2,) * len(tt.conditions))],
        "contradictions": [
            {"row": int(row), "positive": [str(c) for c in r["positive"]], "negative": [str(c) for c in r["negative"]]}
            for row, r in contra.iterrows()
        ],
    }


def _remainders(tt: Any) -> int | None:
    """Unobserved configurations: of ``2**k``, or of the mixed-radix space with multi-value conditions."""
    levels = getattr(tt, "levels", ()) or (2,) * len(tt.conditions)
    size = 1
    for m in levels:
        size *= int(m)
    return int(size - len(tt.table)) if size < 2 ** 63 else None


def _fit_rows(frame: pd.DataFrame, undecided: Mapping[str, Sequence[str]] | None = None) -> list[dict[str, Any]]:
    out = []
    for label, r in frame.iterrows():
        rec: dict[str, Any] = {"expression": str(label)}
        for col in frame.columns:
            v = r[col]
            if col == "cases":
                rec["cases"] = [str(c) for c in v]
            elif col == "necessary":
                rec[col] = bool(v)
            else:
                rec[col] = _num(v)
        if undecided is not None:
            rec["undecided"] = [str(c) for c in undecided.get(str(label), [])]
        out.append(rec)
    return out


def _fit_body(fit: Any) -> dict[str, Any]:
    frame = fit.to_frame()
    rows = _fit_rows(frame, fit.undecided)
    n_terms = len(fit.expression.terms)
    whole = rows[-1] if len(rows) > n_terms else None
    return {
        "expression": str(fit.expression),
        "outcome": fit.outcome,
        "relation": fit.relation,
        "terms": rows[:n_terms],
        "whole": whole,
    }


def _solution_body(sol: Any) -> dict[str, Any]:
    tt = sol.truth_table
    chart = sol.pi_chart
    essential = {str(e) for e in sol.essential}
    pis = [
        {"expression": str(pi), "rows": [int(c) for c in chart.columns[chart.loc[str(pi)].to_numpy(dtype=bool)]],
         "essential": str(pi) in essential}
        for pi in sol.prime_implicants
    ]
    assumptions = sol.simplifying_assumptions
    models = []
    for i, expr in enumerate(sol.solutions):
        name = f"M{i + 1}"
        f = sol.model_fit(i)
        body = _fit_body(f)
        if body["whole"] is None:  # one term: the term is the solution
            t = body["terms"][0]
            body["whole"] = {**t, "expression": str(expr), "covU": None}
        sa = assumptions.get(name, pd.DataFrame())
        models.append({
            "model": name,
            "expression": str(expr),
            "terms": body["terms"],
            "fit": body["whole"],
            "simplifying_assumptions": [
                {"row": int(row), "configuration": {c: int(v) for c, v in r.items()}} for row, r in sa.iterrows()
            ],
        })
    out = {
        "outcome": tt.outcome,
        "conditions": list(tt.conditions),
        "type": _solution_kind(sol),
        "include": sol.include,
        "dir_exp": _dir_exp_list(getattr(sol, "dir_exp", None)),
        "all_sol": bool(getattr(sol, "all_sol", False)),
        "row_dom": bool(getattr(sol, "row_dom", False)),
        "capped": bool(sol.capped),
        "search": _search_body(sol),
        "prime_implicants": pis,
        "essential": sorted(essential),
        "solutions": models,
        "truth_table": _tt_body(tt),
    }
    return out


def _search_body(sol: Any) -> dict[str, Any]:
    """How complete the minimization's search was: stopped, terms, proven lower bound, gap."""
    return {
        "stopped": getattr(sol, "stopped", None),
        "proven": bool(getattr(sol, "proven", True)),
        "terms": getattr(sol, "n_terms", None),
        "lower_bound": getattr(sol, "lower_bound", None),
        "gap": getattr(sol, "gap", None),
    }


def _necessity_body(nec: Any) -> dict[str, Any]:
    return {
        "outcome": nec.outcome,
        "settings": {"incl_cut": nec.incl_cut, "ron_cut": nec.ron_cut, "cov_cut": nec.cov_cut},
        "rows": _fit_rows(nec.to_frame(), nec.undecided),
        "necessary": list(nec.necessary),
    }


def _case_types_body(ct: Any) -> dict[str, Any]:
    frame = ct.to_frame()
    cases = []
    for case, r in frame.iterrows():
        cases.append({
            "case": str(case),
            "X": _bool(r["X"]),
            "Y": _bool(r["Y"]),
            "type": str(r["type"]),
            "fits": _bool(r["fits"]),
            "terms": [str(t) for t in r["terms"]],
        })
    return {"expression": str(ct.expression), "outcome": ct.outcome, "cases": cases}


def _table_body(obj: Any) -> dict[str, Any]:
    """Fallback for any other TableView: its frame as records."""
    frame = obj.to_frame().reset_index()
    records = []
    for rec in frame.to_dict(orient="records"):
        clean = {}
        for k, v in rec.items():
            if isinstance(v, (list, tuple)):
                clean[str(k)] = [str(x) for x in v]
            elif isinstance(v, (float, np.floating, int, np.integer, bool, np.bool_)) or v is None or v is pd.NA:
                clean[str(k)] = _num(v)
            else:
                clean[str(k)] = str(v)
        records.append(clean)
    return {"title": getattr(obj, "title", ""), "records": records}


def _kind(obj: Any) -> str:
    name = type(obj).__name__
    return {
        "TruthTable": "truth_table",
        "Solution": "solution",
        "MVSolution": "solution",
        "Fit": "fit",
        "Necessity": "necessity",
        "CaseTypes": "case_types",
        "Report": "report",
    }.get(name, "table")


def _envelope(kind: str) -> dict[str, Any]:
    from . import __version__

    return {"schema": SCHEMA, "qca_version": __version__, "kind": kind}


def to_dict(result: Any) -> dict[str, Any]:
    """A result as plain data (dicts, lists, str, numbers, None) following ``qca-result/1``.

    Every export has the keys ``schema`` (``"qca-result/1"``),
    ``qca_version`` and ``kind`` (``"truth_table"``, ``"solution"``,
    ``"fit"``, ``"necessity"``, ``"case_types"``, ``"report"`` or
    ``"table"`` for any other result), then the fields of that kind; see
    ``qca/result.schema.json`` and the JSON page of the documentation.
    NaN (e.g. covU of a one-term solution) becomes ``null``.

    Parameters
    ----------
    result : TruthTable, Solution, Fit, Necessity, CaseTypes, Report or any TableView

    Returns
    -------
    dict

    Examples
    --------
    >>> import qca, pandas as pd
    >>> df = pd.DataFrame({"A": [1, 1, 0], "Y": [1, 1, 0]}, index=["p", "q", "r"])
    >>> d = to_dict(qca.truth_table(df, "Y"))
    >>> d["kind"], d["rows"][1]["configuration"], d["rows"][1]["cases"]
    ('truth_table', {'A': 1}, ['p', 'q'])
    """
    kind = _kind(result)
    body: dict[str, Any]
    if kind == "truth_table":
        body = _tt_body(result)
    elif kind == "solution":
        body = _solution_body(result)
    elif kind == "fit":
        body = _fit_body(result)
    elif kind == "necessity":
        body = _necessity_body(result)
    elif kind == "case_types":
        body = _case_types_body(result)
    elif kind == "report":
        return result.to_dict()
    elif isinstance(result, TableView):
        body = _table_body(result)
    else:
        raise QCAError(f"cannot export a {type(result).__name__}: give a qca result object")
    return {**_envelope(kind), **body}


def to_json(result: Any, indent: int | None = 2) -> str:
    """:func:`to_dict` as JSON text (UTF-8, non-ASCII kept, no NaN).

    Examples
    --------
    >>> import json, pandas as pd, qca
    >>> df = pd.DataFrame({"A": [1, 1, 0, 0], "B": [1, 0, 1, 0], "Y": [1, 1, 0, 0]}, index=list("pqrs"))
    >>> doc = json.loads(to_json(qca.fit("A", df, "Y")))
    >>> doc["schema"], doc["kind"]
    ('qca-result/1', 'fit')
    """
    return json.dumps(to_dict(result), indent=indent, ensure_ascii=False, allow_nan=False)


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``qca-result/1``, as a dict.

    Examples
    --------
    >>> schema()["$id"].endswith("qca-result-1.schema.json")
    True
    """
    path = Path(__file__).with_name("result.schema.json")
    return json.loads(path.read_text(encoding="utf-8"))


# =============================================================== published tables


def _dir_exp_list(dir_exp: Any) -> list[str] | None:
    if dir_exp is None:
        return None
    if isinstance(dir_exp, Expression):
        return [str(t) for t in dir_exp.terms]
    if isinstance(dir_exp, str):  # split on commas outside brackets: "DEV[1,2], STB"
        parts, depth, cur = [], 0, ""
        for ch in dir_exp.replace(";", ","):
            depth += (ch in "[{") - (ch in "]}")
            if ch == "," and depth == 0:
                parts.append(cur)
                cur = ""
            else:
                cur += ch
        return [d.strip() for d in [*parts, cur] if d.strip()]
    if isinstance(dir_exp, Mapping):
        return [f"{k}={v}" for k, v in dir_exp.items()]
    return [str(d) for d in dir_exp]


def _solution_kind(sol: Any) -> str:
    if getattr(sol, "dir_exp", None) is not None:
        return "intermediate"
    return "parsimonious" if "?" in sol.include else "conservative"


def _fiss_rows_mv(solution: Any, model: int, core: Any) -> dict[str, list[str]]:
    """Fiss chart cells of a multi-value solution: the symbol, and for a condition with more
    than two levels the level after it (``● 2``); binary conditions as in crisp charts.

    A literal is core when a term of the parsimonious solution ``core`` that
    the term lies inside fixes the same condition at the same level.
    """
    tt = solution.truth_table
    conds, levels = list(tt.conditions), list(tt.levels)
    digits = solution.implicant_terms
    cover = solution.covers[model]
    if core is None:
        core_digits = None
    elif hasattr(core, "implicant_terms"):
        used = sorted({i for c in core.covers for i in c})
        core_digits = core.implicant_terms[used]
    else:
        raise QCAError("core: for a multi-value solution give the parsimonious solution (qca.minimize(..., "
                       "include='?'))")
    rows: dict[str, list[str]] = {c: [] for c in conds}
    for i in cover:
        t = digits[i]
        inside = ([p for p in core_digits if all(p[j] == 0 or p[j] == t[j] for j in range(len(t)))]
                  if core_digits is not None else [])
        for j, c in enumerate(conds):
            d = int(t[j])
            if not d:
                rows[c].append("")
                continue
            is_core = core_digits is None or any(int(p[j]) == d for p in inside)
            if levels[j] > 2:
                rows[c].append(f"{SYMBOLS[('core ' if is_core else '') + 'present']} {d - 1}")
            else:
                rows[c].append(SYMBOLS[("core " if is_core else "") + ("present" if d == 2 else "absent")])
    return rows


def _core_terms(core: Any) -> list[Term]:
    if core is None:
        return []
    if hasattr(core, "solutions"):  # a Solution: every term of every model
        return [t for s in core.solutions for t in s.terms]
    return list(parse(core).terms)


def _is_core(term: Term, literal: tuple[str, int], core: list[Term]) -> bool:
    return any(term.implies(c) and literal in c.literals for c in core)


def solution_table(
    solution: Any,
    model: int = 0,
    *,
    style: str = "terms",
    core: Any = None,
    digits: int = 3,
    cases: bool = False,
) -> pd.DataFrame:
    """One solution laid out as published QCA work prints it.

    Parameters
    ----------
    solution : Solution
        From :func:`qca.minimize`.
    model : int
        Which solution (0 is M1).
    style : {"terms", "fiss"}
        ``"terms"``: one column per solution term and a last column for
        the whole solution; rows inclS, PRI, covS, covU. ``"fiss"``: the
        Ragin–Fiss configuration chart, one column per term, one row per
        condition (``SYMBOLS``: ● present, ⨂ absent, blank don't care; • and
        ⊗ for peripheral conditions when ``core`` is given), then
        consistency, PRI, raw and unique coverage and the overall solution
        consistency and coverage.
    core : Solution or Expression or str, optional
        For ``style="fiss"``: the parsimonious solution; a condition of a
        term is *core* when it appears in a parsimonious term that the term
        implies, *peripheral* otherwise. Without it every condition is
        drawn as core.
    digits : int
        Decimals of the fit values (the frame holds text).
    cases : bool
        Add a row listing the cases of each term (``"terms"`` style).

    Returns
    -------
    pandas.DataFrame
        Text cells, ready for :func:`latex_table`, Markdown or HTML.

    Examples
    --------
    >>> import qca
    >>> lc = qca.datasets.load("LC")
    >>> sol = qca.minimize(qca.truth_table(lc, "SURV"))
    >>> solution_table(sol).loc[["inclS", "covS", "covU"]]
          DEV*~URB*LIT*STB DEV*LIT*IND*STB solution
    inclS            1.000           1.000    1.000
    covS             0.500           0.750    1.000
    covU             0.250           0.500
    >>> par = qca.minimize(qca.truth_table(lc, "SURV"), include="?")
    >>> solution_table(sol, style="fiss", core=par).loc[["DEV", "URB", "IND", "STB"]]
        DEV*~URB*LIT*STB DEV*LIT*IND*STB
    DEV                ●               ●
    URB                ⊗
    IND                                •
    STB                ●               ●
    """
    if style not in ("terms", "fiss"):
        raise QCAError(f"style={style!r}: choose 'terms' or 'fiss'")
    n_models = len(solution.solutions)
    if not 0 <= model < n_models:
        raise QCAError(f"model={model}: this solution has {n_models} model(s), numbered from 0")
    expr = solution.solutions[model]
    frame = solution.model_fit(model).to_frame()
    terms = [str(t) for t in expr.terms] if hasattr(expr, "terms") else str(expr).split(" + ")  # mv: strings
    whole = frame.iloc[-1] if len(frame) > len(terms) else frame.iloc[0]

    def num(v: Any) -> str:
        # no value (covU of a one-term model) prints "-" as in every other format
        return "-" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{float(v):.{digits}f}"

    if style == "terms":
        cols: dict[str, list[str]] = {}
        for t in terms:
            r = frame.loc[t]
            values = [num(r["inclS"]), num(r["PRI"]), num(r["covS"]), num(r["covU"])]
            if cases:
                values.append(", ".join(map(str, r["cases"])))
            cols[t] = values
        sol_values = [num(whole["inclS"]), num(whole["PRI"]), num(whole["covS"]), ""]
        if cases:
            sol_values.append(", ".join(map(str, whole["cases"])))
        cols["solution"] = sol_values
        index = ["inclS", "PRI", "covS", "covU"] + (["cases"] if cases else [])
        return pd.DataFrame(cols, index=index)

    conds = list(solution.truth_table.conditions)
    multivalue = getattr(solution.truth_table, "multivalue", False)
    core_terms = _core_terms(core) if not multivalue else []
    rows = _fiss_rows_mv(solution, model, core) if multivalue else {c: [] for c in conds}
    for t in (expr.terms if not multivalue else ()):  # multi-value cells come from the levels above
        lits = dict(t.literals)
        for c in conds:
            if c not in lits:
                rows[c].append("")
                continue
            lit = (c, lits[c])
            is_core = _is_core(t, lit, core_terms) if core_terms else True
            key = ("core " if is_core else "") + ("present" if lits[c] else "absent")
            rows[c].append(SYMBOLS[key])
    stats = {
        "consistency": [num(frame.loc[t, "inclS"]) for t in terms],
        "PRI": [num(frame.loc[t, "PRI"]) for t in terms],
        "raw coverage": [num(frame.loc[t, "covS"]) for t in terms],
        "unique coverage": [num(frame.loc[t, "covU"]) for t in terms],
        "solution consistency": [num(whole["inclS"])] + [""] * (len(terms) - 1),
        "solution coverage": [num(whole["covS"])] + [""] * (len(terms) - 1),
    }
    out = pd.DataFrame({**rows, **stats}, index=terms).T
    return out


# =============================================================== LaTeX


_latex_escape = latex_escape


def latex_table(frame: pd.DataFrame, caption: str | None = None, label: str | None = None,
                index: bool = True, digits: int = 3) -> str:
    """A frame as a LaTeX booktabs table (``\\usepackage{booktabs}``); lists of cases joined.

    Text columns are left-aligned, numbers right-aligned. With a caption the
    tabular is wrapped in a ``table`` float.

    Examples
    --------
    >>> import pandas as pd
    >>> print(latex_table(pd.DataFrame({"inclS": [1.0]}, index=pd.Index(["~A"], name="term"))))
    \\begin{tabular}{lr}
    \\toprule
    term & inclS \\\\
    \\midrule
    \\textasciitilde{}A & 1.000 \\\\
    \\bottomrule
    \\end{tabular}
    """
    shown = format_frame(frame, digits)
    if index:
        if isinstance(shown.index, pd.MultiIndex) or shown.index.name is not None:
            shown = shown.reset_index()
        else:
            shown = shown.reset_index(names="")
    body = latex_tabular(shown)
    if caption is None and label is None:
        return body
    head = [r"\begin{table}[htbp]", r"\centering"]
    if caption:
        head.append(r"\caption{" + _latex_escape(caption) + "}")
    if label:
        head.append(r"\label{" + label + "}")
    return "\n".join([*head, body, r"\end{table}"])


def _all_symbols(col: pd.Series) -> bool:
    """A Ragin–Fiss column: it holds circles (centred in LaTeX)."""
    return any(str(v) in SYMBOLS.values() for v in col.tolist())


# =============================================================== the report


def _versions() -> dict[str, str]:
    from . import __version__

    return {
        "qca": __version__,
        "python": platform.python_version(),
        "pandas": pd.__version__,
        "numpy": np.__version__,
    }


def _column_body(data: pd.DataFrame, column: str, row: pd.Series) -> dict[str, Any]:
    """A column's counts for the JSON export: ones, zeros, missing; and cases per level of a multi-value one."""
    col = pd.to_numeric(data[column], errors="coerce") if column in data.columns else pd.Series(dtype=float)
    out: dict[str, Any] = {"column": str(column), "role": row["role"], "ones": int((col == 1).sum()),
                           "zeros": int((col == 0).sum()), "missing": int(row["missing"])}
    known = col.dropna()
    if len(known) and (known > 1).any() and (known == known.round()).all() and (known >= 0).all():
        out["levels"] = {str(v): int((known == v).sum()) for v in range(int(known.max()) + 1)}
    return out


def _flavour(tt: Any) -> str:
    """``"Crisp-set QCA"``, ``"Multi-value QCA"`` or ``"Fuzzy-set QCA"``, from the truth table's data."""
    if getattr(tt, "multivalue", False):
        return "Multi-value QCA"
    if getattr(tt.data, "fuzzy", False):
        return "Fuzzy-set QCA"
    return "Crisp-set QCA"


def _counts_frame(data: pd.DataFrame, columns: Sequence[str], roles: Mapping[str, str]) -> pd.DataFrame:
    """Cases per code of each column; with multi-value columns one count column per level (0, 1, 2, ...)."""
    cols = {c: (pd.to_numeric(data[c], errors="coerce") if c in data.columns else pd.Series(dtype=float))
            for c in columns}
    top = max([int(v.max()) for v in cols.values() if v.notna().any() and (v > 1).any()
               and (v.dropna() == v.dropna().round()).all()] or [1])
    codes = ["1", "0"] if top == 1 else [str(v) for v in range(top + 1)]
    many = len(codes) > 6  # many levels: one text column instead of a column per level
    rows = []
    for c in columns:
        col = cols[c]
        counts = {k: int((col == int(k)).sum()) for k in codes}
        if many:
            m = int(col.max()) + 1 if col.notna().any() else 0
            per = {"levels": m, "cases per level": ", ".join(f"{k}: {counts[k]}" for k in codes[:max(m, 2)])}
        else:
            per = counts
        rows.append({
            "column": c,
            "role": roles.get(c, ""),
            **per,
            "missing": int(data[c].isna().sum()) if c in data.columns else 0,
        })
    return pd.DataFrame(rows).set_index("column")


@dataclass
class Report:
    """A whole analysis, ready to save as one self-contained HTML or Markdown file.

    Build one with :func:`report`. Its parts are plain result objects, so
    anything in the report can also be used directly.

    Attributes
    ----------
    title : str
    settings : dict
        Everything needed to reproduce the analysis: data source, outcome,
        conditions, cut-offs, missing-code policy, include, directional
        expectations, library versions and the date.
    data : pandas.DataFrame
        The cases as given (all columns).
    columns : pandas.DataFrame
        Per outcome and condition: number of cases coded 1, 0 and missing.
    truth_table : TruthTable
    necessity : Necessity
    solutions : dict of str to Solution
        ``"conservative"``, ``"parsimonious"`` and, with directional
        expectations, ``"intermediate"``; a kind that could not be computed
        is in :attr:`problems` instead, with the reason.
    case_types : dict of str to CaseTypes
        For the first model of each solution, every case's type (typical,
        deviant consistency, deviant coverage, individually irrelevant).
    theory : Fit or None
        Fit of the ``theory`` expression, if one was given.
    theory_cases : CaseTypes or None
    problems : dict of str to str
        Parts of the analysis that could not be done, and why.

    Examples
    --------
    >>> import pandas as pd, qca
    >>> df = pd.DataFrame({"A": [1, 1, 0, 0], "B": [1, 0, 1, 0], "Y": [1, 1, 0, 0]}, index=list("pqrs"))
    >>> rep = qca.report(df, "Y", plots=False)
    >>> rep.to_markdown().startswith("# ")
    True
    >>> "A" in [str(m) for m in rep.solutions["conservative"].solutions]
    True
    """

    title: str
    settings: dict[str, Any]
    data: pd.DataFrame = field(repr=False)
    columns: pd.DataFrame = field(repr=False)
    truth_table: Any = field(repr=False)
    necessity: Any = field(repr=False)
    solutions: dict[str, Any] = field(default_factory=dict, repr=False)
    case_types: dict[str, Any] = field(default_factory=dict, repr=False)
    theory: Any = field(default=None, repr=False)
    theory_cases: Any = field(default=None, repr=False)
    completions: Any = field(default=None, repr=False)
    problems: dict[str, str] = field(default_factory=dict, repr=False)
    citation: str | None = None
    style: str = "terms"
    plots: bool = True

    # ------------------------------------------------------------ basics
    @property
    def main(self) -> str | None:
        """The solution discussed first: intermediate, else parsimonious, else conservative."""
        for kind in ("intermediate", "parsimonious", "conservative"):
            if kind in self.solutions:
                return kind
        return None

    def to_frame(self) -> pd.DataFrame:
        """Fit of every solution: index (solution type, model, expression)."""
        frames = {kind: sol.fit for kind, sol in self.solutions.items()}
        if not frames:
            return pd.DataFrame(columns=["inclS", "PRI", "covS", "covU", "cases"])
        return pd.concat(frames, names=["solution"])

    def __repr__(self) -> str:
        return self.summary()

    def summary(self, width: int = 78) -> str:
        """A compact text block: settings, solutions with fit, deviant cases."""
        from .tables import summary_block

        s = self.settings
        info = [
            ("Data:", s["data"]),
            ("Outcome:", s["outcome"]),
            ("Conditions:", ", ".join(s["conditions"])),
            ("Cases:", f"{len(self.truth_table.data.cases)} used of {len(self.data)}"),
            ("incl.cut:", "/".join(f"{v:g}" for v in s["incl_cut"])),
            ("n.cut:", s["n_cut"]),
            ("Missing policy:", s["missing"]),
            ("qca version:", s["versions"]["qca"]),
        ]
        rows = []
        for kind in _KINDS:
            if kind in self.solutions:
                for i, expr in enumerate(self.solutions[kind].solutions):
                    f = self.solutions[kind].model_fit(i).to_frame().iloc[-1]
                    rows.append([kind, f"M{i + 1}", text_cell(str(expr)), f"{f['inclS']:.3f}", f"{f['covS']:.3f}"])
        from tabulate import tabulate

        table = tabulate(rows, headers=["solution", "model", "expression", "inclS", "covS"],
                         tablefmt="simple", disable_numparse=True) if rows else "no solution"
        notes = [f"{k}: {v}" for k, v in self.problems.items()]
        for kind, ct in self.case_types.items():
            dev = [f"{c} ({t})" for c, t in ct.to_frame()["type"].items() if t.startswith("deviant")]
            notes.append(f"deviant cases of the {kind} solution M1: " + (", ".join(dev) or "none"))
        return summary_block(self.title, info, table, notes, width)

    # ------------------------------------------------------------ JSON
    def to_dict(self) -> dict[str, Any]:
        """The whole report as plain data (schema ``qca-result/1``, kind ``"report"``)."""
        out = _envelope("report")
        out.update({
            "title": self.title,
            "settings": _jsonable(self.settings),
            "columns": [_column_body(self.data, c, r) for c, r in self.columns.iterrows()],
            "truth_table": _tt_body(self.truth_table),
            "necessity": _necessity_body(self.necessity) if self.necessity is not None else None,
            "solutions": {k: _solution_body(v) for k, v in self.solutions.items()},
            "case_types": {k: _case_types_body(v) for k, v in self.case_types.items()},
            "theory": _fit_body(self.theory) if self.theory is not None else None,
            "problems": dict(self.problems),
        })
        return out

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False, allow_nan=False)

    # ------------------------------------------------------------ figures
    def figure_gaps(self) -> dict[str, str]:
        """Per figure the report cannot draw, why, and what to do (shown where the figure would be)."""
        if not self.plots:
            why = "figures left out (plots=False)"
            return dict.fromkeys(("venn", "solution", "pi_chart"), why)
        try:
            import matplotlib  # noqa: F401
        except ImportError:
            why = 'figures need matplotlib: pip install "qca[plot]"'
            return dict.fromkeys(("venn", "solution", "pi_chart"), why)
        gaps = {}
        tt = self.truth_table
        if getattr(tt, "multivalue", False):
            mv = ", ".join(f"{c} has {m} levels" for c, m in zip(tt.conditions, tt.levels) if m > 2)
            gaps["venn"] = f"no Venn diagram: it draws two-valued sets only, and {mv}"
        elif len(self.truth_table.conditions) > 5:
            gaps["venn"] = (f"a Venn diagram shows at most five conditions; this truth table has "
                            f"{len(self.truth_table.conditions)}")
        return gaps

    def figures(self) -> dict[str, bytes]:
        """PNG images of the Venn diagram, the solution plot and the PI chart (needs matplotlib).

        Returns an empty dict when matplotlib is not installed; :meth:`figure_gaps`
        says why a figure is missing (the HTML report prints it where the figure
        would be).
        """
        try:
            import matplotlib  # noqa: F401
        except ImportError:
            return {}
        from . import plot

        out: dict[str, bytes] = {}

        def png(fig: Any) -> bytes:
            buf = io.BytesIO()
            fig.savefig(buf, format="png", dpi=110)
            return buf.getvalue()

        multivalue = getattr(self.truth_table, "multivalue", False)  # no Venn diagram: see figure_gaps
        if len(self.truth_table.conditions) <= 5 and not multivalue:
            out["venn"] = png(plot.venn(self.truth_table))
        main = self.main
        if main is not None:
            sol = self.solutions[main]
            out["solution"] = png(plot.solution_plot(sol, data=self.data, case_col=self.settings.get("case_col")))
            if len(sol.prime_implicants) > 0:
                out["pi_chart"] = png(plot.pi_chart(sol))
        return out

    # ------------------------------------------------------------ rendering
    def _sections(self) -> list[tuple[str, str, list[tuple[str, Any]]]]:
        """(anchor, heading, blocks); a block is ("p", text), ("table", frame), ("pre", text), ..."""
        s = self.settings
        tt = self.truth_table
        secs: list[tuple[str, str, list[tuple[str, Any]]]] = []

        # -- data
        blocks: list[tuple[str, Any]] = []
        n_all, n_used = len(self.data), len(tt.data.cases)
        blocks.append(("p", f"{n_all} cases in the data ({s['data']}); {n_used} enter the truth table. "
                            f"Outcome {s['outcome']}; conditions {', '.join(s['conditions'])}."))
        if self.citation:
            blocks.append(("p", f"Source: {self.citation}"))
        blocks.append(("table", self.columns))
        if len(tt.dropped):
            blocks.append(("p", f"Missing-code policy '{s['missing']}': "
                                f"{plural(len(tt.dropped), 'case')} left out of the truth table:"))
            blocks.append(("table", tt.dropped.rename(columns={"missing_in": "missing code in"})))
        secs.append(("data", "Data", blocks))

        # -- truth table
        blocks = []
        k = len(tt.conditions)
        ic1, ic0 = tt.incl_cut
        cut = f"{ic1:g}" if ic1 == ic0 else f"{ic1:g} (ic0 = {ic0:g})"
        space = int(np.prod(tt.levels)) if getattr(tt, "multivalue", False) else 2 ** k
        blocks.append(("p", f"{len(tt.table)} of {space} configurations observed; "
                            f"{space - len(tt.table)} logical remainders. OUT = 1 where incl >= {cut} "
                            f"and n >= {tt.n_cut}" + (f" and PRI >= {tt.pri_cut:g}" if tt.pri_cut else "") + "."))
        blocks.append(("truth_table", tt))
        contra = tt.contradictions
        for row, r in contra.iterrows():
            blocks.append(("p", f"Row {row} is contradictory (incl = {r['incl']:.3f}): with {tt.outcome}: "
                                f"{', '.join(r['positive'])}; without: {', '.join(r['negative'])}."))
        if getattr(tt, "multivalue", False):
            mv = ", ".join(f"{c} has {m} levels" for c, m in zip(tt.conditions, tt.levels) if m > 2)
            blocks.append(("p", f"No Venn diagram: it draws two-valued sets only, and {mv}."))
        else:
            blocks.append(("figure", ("venn", "Venn diagram of the truth table: configurations coloured by OUT, "
                                              "with the number of cases in each.")))
        secs.append(("truth-table", "Truth table", blocks))

        # -- necessity
        if self.necessity is not None:
            nec = self.necessity
            blocks = [("p", f"Each condition and its negation as a necessary condition for {nec.outcome} "
                            f"(flagged when inclN >= {nec.incl_cut:g}). Necessary: "
                            f"{', '.join(nec.necessary) or 'none'}.")]
            blocks.append(("table", nec.to_frame()))
            for label, cases in nec.undecided.items():
                if cases:
                    blocks.append(("note", f"undecided for {label} (missing codes): {', '.join(cases)}"))
            secs.append(("necessity", "Necessary conditions", blocks))

        # -- solutions
        blocks = []
        par = self.solutions.get("parsimonious")
        for kind in _KINDS:
            if kind not in self.solutions:
                if kind in self.problems:
                    blocks.append(("h3", f"{kind.capitalize()} solution"))
                    blocks.append(("p", f"Not available: {self.problems[kind]}"))
                continue
            sol = self.solutions[kind]
            blocks.append(("h3", f"{kind.capitalize()} solution"))
            desc = {"conservative": "no logical remainders used",
                    "parsimonious": "logical remainders used wherever they simplify",
                    "intermediate": "only remainders consistent with the directional expectations "
                                    + ", ".join(_dir_exp_list(s.get("dir_exp")) or [])}[kind]
            blocks.append(("p", f"include = '{sol.include}' ({desc}). "
                                + ("; ".join(f"M{i + 1}: {e}" for i, e in enumerate(sol.solutions)))
                                + f" -> {tt.outcome}."))
            for i in range(len(sol.solutions)):
                if len(sol.solutions) > 1:
                    blocks.append(("h4", f"M{i + 1}: {sol.solutions[i]}"))
                core = par if (self.style == "fiss" and par is not None) else None
                blocks.append(("table", solution_table(sol, i, style=self.style, core=core)))
                if self.style == "fiss":
                    blocks.append(("note", "● / ⨂ core condition present / absent; • / ⊗ peripheral condition "
                                           "present / absent; blank: does not matter. Core conditions are those "
                                           "of the parsimonious solution."))
                fr = sol.model_fit(i).to_frame()
                terms = [t for t in fr.index if t in {str(x) for x in sol.solutions[i].terms}]
                cases_tab = pd.DataFrame({"cases": [fr.loc[t, "cases"] for t in terms]}, index=pd.Index(terms, name="term"))
                blocks.append(("table", cases_tab))
            if getattr(sol, "stopped", None):
                for line in sol.search_notes():
                    blocks.append(("note", line))
            elif sol.capped:
                blocks.append(("note", "the enumeration of models was capped"))
        if par is not None and len(par.solutions) > 1 or any(len(v.solutions) > 1 for v in self.solutions.values()):
            blocks.append(("note", "Several models fit equally well; each is listed."))
        blocks.append(("figure", ("pi_chart", f"Prime-implicant chart of the {self.main} solution: "
                                              "which implicant covers which positive row.")))
        if not self.case_types and self.main is not None:  # else the XY plot sits with the case types
            blocks.append(("figure", ("solution", f"Cases by membership in the {self.main} solution (x) and "
                                                  f"in {tt.outcome} (y).")))
        secs.append(("solutions", "Solutions", blocks))

        # -- simplifying assumptions
        blocks = []
        any_sa = False
        for kind in ("parsimonious", "intermediate"):
            sol = self.solutions.get(kind)
            if sol is None:
                continue
            for model, frame in sol.simplifying_assumptions.items():
                if len(frame):
                    any_sa = True
                    blocks.append(("p", f"{kind.capitalize()} {model}: {plural(len(frame), 'remainder')} assumed "
                                        f"to show {tt.outcome}:"))
                    blocks.append(("table", frame))
                else:
                    blocks.append(("p", f"{kind.capitalize()} {model}: no remainder used."))
            if kind == "intermediate":
                for name, inter in sol.intermediate.items():
                    easy, hard = inter.easy_counterfactuals, inter.difficult_counterfactuals
                    blocks.append(("p", f"{name} (complex {inter.complex}, parsimonious {inter.parsimonious}): "
                                        f"{plural(len(easy), 'easy counterfactual')}, "
                                        f"{plural(len(hard), 'difficult one')} "
                                        "left out."))
                    if len(easy):
                        blocks.append(("table", easy))
        if not blocks:
            blocks.append(("p", "No logical remainders were included."))
        elif not any_sa:
            blocks.append(("p", "No remainder was needed: the solutions use observed configurations only."))
        secs.append(("assumptions", "Simplifying assumptions", blocks))

        # -- cases
        blocks = []
        for kind, ct in self.case_types.items():
            blocks.append(("h3", f"{kind.capitalize()} solution M1: {ct.expression}"))
            frame = ct.to_frame()
            by_type = {t: [str(c) for c, v in frame["type"].items() if v == t] for t in dict.fromkeys(frame["type"])}
            order = ["deviant consistency", "deviant coverage", "typical", "individually irrelevant", "undecided"]
            tab = pd.DataFrame({"n": [len(by_type.get(t, [])) for t in order],
                                "cases": [by_type.get(t, []) for t in order]},
                               index=pd.Index(order, name="type"))
            blocks.append(("table", tab[tab["n"] > 0]))
        if self.case_types:
            blocks.insert(0, ("p", "Deviant cases for consistency show the solution without the outcome; "
                                   "deviant cases for coverage show the outcome without the solution. Cases left "
                                   "out of the truth table are classified from their known codes where these decide "
                                   "their membership."))
            blocks.append(("figure", ("solution", f"Cases by membership in the {self.main} solution (x) and "
                                                  f"in {tt.outcome} (y); deviant cases named.")))
            secs.append(("cases", "Deviant cases", blocks))

        # -- theory
        if self.theory is not None:
            blocks = [("p", f"The expectation {self.theory.expression} -> {self.theory.outcome}, "
                            "fitted on every case (three-valued logic for missing codes).")]
            blocks.append(("table", self.theory.to_frame()))
            if self.theory_cases is not None:
                dev = [f"{c} ({t})" for c, t in self.theory_cases.to_frame()["type"].items() if t.startswith("deviant")]
                blocks.append(("p", "Deviant cases: " + (", ".join(dev) or "none") + "."))
            secs.append(("theory", "Theory", blocks))

        # -- missing codes
        if self.completions is not None:
            blocks = [("p", f"{plural(len(self.completions.cells), 'missing cell')}; the analysis redone under each of the "
                            f"{len(self.completions.to_frame())} ways to fill them:")]
            for line in self.completions.summary_lines():
                blocks.append(("li", line))
            secs.append(("missing", "Sensitivity to missing codes", blocks))

        # -- problems not already said where they belong (a missing solution is said under Solutions)
        others = {k: v for k, v in self.problems.items() if k not in _KINDS}
        if others:
            secs.append(("problems", "Not computed", [("li", f"{k}: {v}") for k, v in others.items()]))

        # -- settings
        blocks = [("table", _settings_frame(self.settings))]
        blocks.append(("p", "Python:"))
        blocks.append(("pre", self.settings["python_call"]))
        blocks.append(("p", "Command line:"))
        blocks.append(("pre", self.settings["command"]))
        secs.append(("settings", "Settings and reproduction", blocks))
        return secs

    def to_markdown(self) -> str:
        """The report as one Markdown file (GitHub-flavoured tables; no images).

        Text from the data (names, notes) is escaped: no raw HTML, no broken line or table row.
        """
        md = markdown_line
        out = [f"# {md(self.title)}", "",
               f"*{_flavour(self.truth_table)} with qca {self.settings['versions']['qca']}, "
               f"{self.settings['generated']}.*", ""]
        out.append(self._key_findings_md())
        for anchor, heading, blocks in self._sections():
            out += [f"## {md(heading)}", ""]
            for kind, value in blocks:
                if kind == "p":
                    out += [md(value), ""]
                elif kind == "note":
                    out += [f"*{md(value)}*", ""]
                elif kind == "li":
                    out.append(f"- {md(value)}")
                elif kind in ("h3", "h4"):
                    out += [("### " if kind == "h3" else "#### ") + md(value), ""]
                elif kind == "table":
                    out += [_md_table(value), ""]
                elif kind == "truth_table":
                    out += [value.to_markdown(), ""]
                elif kind == "pre":
                    out += [_fence(value), value, _fence(value), ""]
            if out[-1] != "":
                out.append("")
        return "\n".join(out).rstrip() + "\n"

    def _key_findings(self) -> list[str]:
        lines = []
        for kind in _KINDS:
            if kind in self.solutions:
                sol = self.solutions[kind]
                for i, expr in enumerate(sol.solutions):
                    f = sol.model_fit(i).to_frame().iloc[-1]
                    lines.append(f"{kind} M{i + 1}: {expr} -> {sol.truth_table.outcome} "
                                 f"(inclS {f['inclS']:.3f}, covS {f['covS']:.3f})")
        if self.necessity is not None and self.necessity.necessary:
            lines.append(f"necessary (inclN >= {self.necessity.incl_cut:g}): {', '.join(self.necessity.necessary)}")
        return lines

    def _key_findings_md(self) -> str:
        lines = self._key_findings()
        return ("**Findings.**\n\n" + "\n".join(f"- {markdown_line(l)}" for l in lines) + "\n") if lines else ""

    def to_html(self) -> str:
        """The report as one self-contained HTML page (inline CSS, images embedded as PNG data)."""
        figs = self.figures() if self.plots else {}
        gaps = self.figure_gaps()
        esc = html.escape
        body = [f"<h1>{esc(self.title)}</h1>",
                f'<p class="meta">{esc(_flavour(self.truth_table))} with qca {esc(self.settings["versions"]["qca"])}, '
                f'{esc(self.settings["generated"])}.</p>']
        findings = self._key_findings()
        if findings:
            body.append('<div class="findings"><b>Findings</b><ul>'
                        + "".join(f"<li>{esc(l)}</li>" for l in findings) + "</ul></div>")
        secs = self._sections()
        body.append("<nav><b>Contents</b><ol>" + "".join(
            f'<li><a href="#{a}">{esc(h)}</a></li>' for a, h, _ in secs) + "</ol></nav>")
        for anchor, heading, blocks in secs:
            body.append(f'<section id="{anchor}"><h2>{esc(heading)}</h2>')
            in_list = False
            for kind, value in blocks:
                if kind == "li":
                    if not in_list:
                        body.append("<ul>")
                        in_list = True
                    body.append(f"<li>{esc(value)}</li>")
                    continue
                if in_list:
                    body.append("</ul>")
                    in_list = False
                if kind == "p":
                    body.append(f"<p>{esc(value)}</p>")
                elif kind == "note":
                    body.append(f'<p class="qca-note">{esc(value)}</p>')
                elif kind in ("h3", "h4"):
                    body.append(f"<{kind}>{esc(value)}</{kind}>")
                elif kind == "table":
                    body.append(_html_frame(value))
                elif kind == "truth_table":
                    frame = value.to_frame()
                    body.append(html_table(frame, 3, value._row_classes(frame)))
                    body.append('<p class="qca-note">Rows with OUT = 1 are shaded green, contradictions (C) '
                                'orange, rows below n.cut (?) blue. Click a case count to list the cases.</p>')
                elif kind == "pre":
                    body.append(f"<pre>{esc(value)}</pre>")
                elif kind == "figure":
                    name, caption = value
                    if name in figs:
                        data = base64.b64encode(figs[name]).decode("ascii")
                        body.append(f'<figure><img alt="{esc(caption)}" src="data:image/png;base64,{data}">'
                                    f"<figcaption>{esc(caption)}</figcaption></figure>")
                    elif name in gaps:  # never dropped silently: say where it would be and why
                        body.append(f'<figure class="qca-missing-figure"><p>{esc(caption.split(":")[0])}: '
                                    f"{esc(gaps[name])}.</p></figure>")
            if in_list:
                body.append("</ul>")
            body.append("</section>")
        body.append(f'<footer>qca {esc(self.settings["versions"]["qca"])} &middot; Python '
                    f'{esc(self.settings["versions"]["python"])} &middot; pandas '
                    f'{esc(self.settings["versions"]["pandas"])}</footer>')
        return (
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{esc(self.title)}</title>\n"
            f"<style>{_PAGE_STYLE}{HTML_STYLE}</style>\n</head>\n<body class=\"qca\">\n"
            + "\n".join(body) + "\n</body>\n</html>\n"
        )

    def _repr_html_(self) -> str:
        page = self.to_html()
        start, end = page.index("<body"), page.index("</body>")
        body = page[page.index(">", start) + 1:end]
        return f'<div class="qca"><style>{HTML_STYLE}</style>{body}</div>'

    def save(self, path: str | Path, format: str | None = None) -> Path:
        """Write the report; the format follows the suffix (``.html``/``.htm``, ``.md``, ``.json``).

        Parameters
        ----------
        path : str or Path
        format : {"html", "markdown", "json"}, optional
            Overrides the suffix.

        Returns
        -------
        Path
        """
        path = Path(path)
        fmt = format or {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown",
                         ".json": "json"}.get(path.suffix.lower())
        if fmt is None:
            raise QCAError(f"cannot tell the report format from {path.name!r}: use .html, .md or .json, or pass format=")
        text = {"html": self.to_html, "markdown": self.to_markdown, "json": self.to_json}.get(fmt)
        if text is None:
            raise QCAError(f"format={fmt!r}: choose html, markdown or json")
        write_text(path, text() if fmt != "json" else self.to_json() + "\n")
        return path


_PAGE_STYLE = """
body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; max-width: 60em;
       margin: 2em auto; padding: 0 1.2em; line-height: 1.45; color: #1b1b1b; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; border-bottom: 1px solid #ccc; padding-bottom: 0.15em; margin-top: 1.6em; }
h3 { font-size: 1.08em; margin-bottom: 0.3em; }
h4 { font-size: 1em; margin-bottom: 0.2em; }
.meta { color: #555; margin-top: 0; }
.findings { background: #f4f7fb; border-left: 4px solid #2a5d9f; padding: 0.5em 1em; }
nav ol { margin: 0.3em 0; }
pre { background: #f6f6f6; padding: 0.6em 0.8em; overflow-x: auto; font-size: 0.9em; }
figure { margin: 1em 0; }
figure img { max-width: 100%; }
figcaption { color: #444; font-size: 0.9em; }
footer { margin-top: 2.5em; color: #666; font-size: 0.85em; border-top: 1px solid #ddd; padding-top: 0.5em; }
@media print { nav { display: none; } details { display: block; } }
"""


def _html_frame(frame: pd.DataFrame) -> str:
    """A frame as an HTML table for the report (public as ``html_frame``).

    Like :func:`qca.tables.html_table`, with the FISS symbols of a
    configuration chart sized to sit on their row's line.

    Examples
    --------
    >>> import pandas as pd
    >>> html_frame(pd.DataFrame({"term": ["A"], "inclS": [1.0]})).startswith("<table>")
    True
    """
    out = html_table(frame)
    symbols = False
    for sym, size in ((SYMBOLS["core present"], "1.35em"), (SYMBOLS["core absent"], "1.1em"),
                      (SYMBOLS["present"], "0.95em"), (SYMBOLS["absent"], "0.85em")):
        if f">{sym}</td>" in out:
            symbols = True
        # a symbol sits on its row's line: its size must not make the row taller than the label's
        out = out.replace(f'<td class="qca-symbol">{sym}</td>',
                          f'<td class="qca-symbol"><span style="font-size:{size}">{sym}</span></td>')
    if symbols:
        out = out.replace("<table>", '<table class="qca-fiss">', 1)
    return out


def _fence(text: str) -> str:
    """A code fence longer than any run of backticks in ``text``, so the block cannot be closed early."""
    longest = max((len(r) for r in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def _md_table(frame: pd.DataFrame) -> str:
    """A frame as a GitHub-flavoured Markdown table, numbers as every format prints them (public as
    ``markdown_table``); HTML, ``|`` and line breaks in cells are escaped.

    Examples
    --------
    >>> import pandas as pd
    >>> print(markdown_table(pd.DataFrame({"term": ["A*~B"], "inclS": [0.91234]})))
    | term   |   inclS |
    |--------|---------|
    | A*~B   |   0.912 |
    """
    shown = format_frame(frame)
    for col in shown.columns:
        shown[col] = [str(v) for v in shown[col]]
    return _tabulate(shown, "github")  # escapes HTML, '|' and line breaks


def _settings_frame(settings: Mapping[str, Any]) -> pd.DataFrame:
    rows = []
    for key in ("data", "outcome", "conditions", "incl_cut", "n_cut", "pri_cut", "missing", "case_col",
                "include", "dir_exp", "necessity_cut", "theory", "style", "generated"):
        if key not in settings:
            continue
        v = settings[key]
        if key == "incl_cut" and isinstance(v, (list, tuple)) and len(set(v)) == 1:
            v = v[0]  # one cut-off given: shown once, as given
        if isinstance(v, (list, tuple)):
            v = ", ".join(f"{x:g}" if isinstance(x, float) else str(x) for x in v)
        elif isinstance(v, float):
            v = f"{v:g}"
        rows.append({"setting": key, "value": "-" if v is None or v == "" else str(v)})
    for name, version in settings["versions"].items():
        rows.append({"setting": f"{name} version", "value": version})
    return pd.DataFrame(rows).set_index("setting")


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (float, np.floating, int, np.integer)):
        return _num(value)
    return value


def _py_call(source: str, outcome: str, conditions: Sequence[str], opts: Mapping[str, Any], loader: str) -> str:
    args = [repr(outcome), repr(list(conditions))]
    args += [f"{k}={v!r}" for k, v in opts.items()]
    return f"import qca\n\ndata = {loader}\nrep = qca.report(data, {', '.join(args)})\nrep.save(\"report.html\")"


def _cli_call(source: str, outcome: str, conditions: Sequence[str], opts: Mapping[str, Any]) -> str:
    import shlex

    parts = ["qca", "report", shlex.quote(source), "--outcome", shlex.quote(outcome),
             "--conditions", shlex.quote(",".join(conditions))]
    flags = {"incl_cut": "--incl-cut", "n_cut": "--n-cut", "pri_cut": "--pri-cut", "missing": "--missing",
             "case_col": "--case-col", "include": "--include", "dir_exp": "--dir-exp",
             "necessity_cut": "--necessity-cut", "theory": "--theory", "style": "--style"}
    for key, flag in flags.items():
        if key not in opts:
            continue
        v = opts[key]
        if key == "incl_cut" and isinstance(v, (tuple, list)):
            v = ",".join(f"{x:g}" for x in v)
        elif key == "dir_exp" and not isinstance(v, str):
            v = ", ".join(_dir_exp_list(v) or [])
        parts += [flag, shlex.quote(str(v))]
    parts += ["--output", "report.html"]
    return " ".join(parts)


def report(
    data: Any,
    outcome: str | None = None,
    conditions: Sequence[str] | str | None = None,
    *,
    incl_cut: float | Sequence[float] = 1,
    n_cut: int = 1,
    pri_cut: float = 0,
    missing: str = "error",
    case_col: str | None = None,
    include: str = "?",
    dir_exp: Any = None,
    necessity_cut: float = 0.9,
    theory: str | Expression | None = None,
    style: str = "terms",
    title: str | None = None,
    source: str | None = None,
    plots: bool = True,
) -> Report:
    """Run a whole analysis (crisp, fuzzy or multi-value sets) and gather it in one :class:`Report`.

    Parameters
    ----------
    data : pandas.DataFrame or str
        The cases (crisp 0/1 codes, fuzzy memberships or multi-value
        levels; missing allowed), or the name of a bundled
        data set (``"huang2024"``), whose documented outcome and
        conditions are then the defaults.
    outcome : str, optional
        ``"Y"`` or ``"~Y"``; optional only for a bundled data set.
    conditions : list of str or str, optional
        Default: every other column, or a bundled data set's conditions.
    incl_cut, n_cut, pri_cut, missing, case_col
        As in :func:`qca.truth_table`.
    include : str
        What the parsimonious (and intermediate) solution may use: ``"?"``
        (remainders), ``"?C"`` (also contradictions). The conservative
        solution uses none (``"C"`` is kept if given). ``""`` gives only
        the conservative solution.
    dir_exp : str, list or dict, optional
        Directional expectations, e.g. ``"HARM, ~THREAT"`` or
        ``{"HARM": 1, "THREAT": 0}``; adds the intermediate solution (see
        :func:`qca.minimize`).
    necessity_cut : float
        inclN threshold flagged in the necessity table.
    theory : str or Expression, optional
        An expectation to fit on every case, e.g. ``"HARM*~THREAT"``.
    style : {"terms", "fiss"}
        Layout of the solution tables (see :func:`solution_table`).
    title : str, optional
    source : str, optional
        How to name the data in the report (a file name); defaults to the
        bundled name or ``"DataFrame"``.
    plots : bool
        Embed the figures in the HTML report (needs matplotlib).

    Returns
    -------
    Report
        ``save("report.html")`` or ``save("report.md")``; ``summary()`` for
        a log.

    Examples
    --------
    >>> import qca
    >>> rep = qca.report("LC", incl_cut=1, plots=False)
    >>> [str(s) for s in rep.solutions["parsimonious"].solutions]
    ['DEV*STB']
    >>> rep.settings["conditions"]
    ['DEV', 'URB', 'LIT', 'IND', 'STB']
    """
    from . import datasets
    from .cases import case_types
    from .data import resolve_columns
    from .fit import fit as fit_expression
    from .minimize import minimize
    from .necessity import necessity
    from .truth_table import truth_table
    from .validate import check_bool, check_choice, check_fraction

    if include is not None and not isinstance(include, str):
        raise QCAError(f"include={include!r}: give a string made of '?' and/or 'C', e.g. include='?'")
    check_fraction("necessity_cut", necessity_cut)
    check_choice("style", style, ("terms", "fiss"))
    check_bool("plots", plots)
    for name, value in (("title", title), ("source", source)):
        if value is not None and not isinstance(value, str):
            raise QCAError(f"{name}={value!r}: give a string (or leave it out)")
    citation = None
    loader = "..."  # how the Python snippet gets the data
    if isinstance(data, str):
        name = data
        entry = datasets.list_datasets().set_index("name")
        frame = datasets.load(name)
        row = entry.loc[name]
        if outcome is None:
            outcome = row["outcome"].split(",")[0]
        if conditions is None:
            conditions = row["conditions"].split(",")
        citation = str(row["citation"])
        source = source or name
        loader = f"qca.datasets.load({name!r})"
        data = frame
    elif not isinstance(data, pd.DataFrame):
        raise QCAError(f"report() takes a DataFrame or a bundled data set's name, not {type(data).__name__}")
    else:
        if source is None:
            source = "DataFrame"
            loader = "...  # your DataFrame of cases"
        else:
            loader = f"qca.read_data({source!r})"
    if outcome is None:
        raise QCAError("give the outcome, e.g. report(df, 'Y')")
    if style not in ("terms", "fiss"):
        raise QCAError(f"style={style!r}: choose 'terms' or 'fiss'")
    column, negated, conds = resolve_columns(data, outcome, conditions, case_col)
    inc = include or ""

    tt = truth_table(data, outcome, conds, incl_cut=incl_cut, n_cut=n_cut, pri_cut=pri_cut,
                     missing=missing, case_col=case_col)
    problems: dict[str, str] = {}
    sols: dict[str, Any] = {}
    kinds = [("conservative", inc.replace("?", ""), None)]
    if "?" in inc:
        kinds.append(("parsimonious", inc, None))
        if dir_exp:
            kinds.append(("intermediate", inc, dir_exp))
    elif dir_exp:
        problems["intermediate"] = "directional expectations need the remainders: include='?'"
    for kind, inc_k, de in kinds:
        try:
            sols[kind] = minimize(tt, include=inc_k, dir_exp=de) if de else minimize(tt, include=inc_k)
        except QCAError as err:
            problems[kind] = str(err)
    nec = necessity(data, outcome, conds, incl_cut=necessity_cut, case_col=case_col)
    cts = {}
    for kind in _KINDS:
        if kind in sols and sols[kind].solutions:
            try:
                cts[kind] = case_types(data, sols[kind].solutions[0], outcome, case_col=case_col)
            except QCAError as err:
                if not tt.multivalue:
                    raise
                problems["case types"] = str(err)  # said under "Not computed"
    th_fit = th_cases = None
    if theory is not None:
        th_fit = fit_expression(theory, data, outcome, case_col=case_col)
        try:
            th_cases = case_types(data, theory, outcome, case_col=case_col)
        except QCAError as err:
            if not tt.multivalue:
                raise
            problems["theory case types"] = str(err)
    completions = None
    if missing == "drop" and len(tt.dropped):
        try:
            from .missing import missing_completions

            completions = missing_completions(data, outcome, conds, incl_cut=incl_cut, n_cut=n_cut,
                                              expression=theory, case_col=case_col)
        except QCAError as err:
            problems["missing-code sensitivity"] = str(err)

    roles = {column: "outcome", **{c: "condition" for c in conds}}
    columns = _counts_frame(data, [column, *conds], roles)
    ic = _cut_pair(tt.incl_cut)
    opts: dict[str, Any] = {}
    if ic != [1.0, 1.0]:
        opts["incl_cut"] = ic[0] if ic[0] == ic[1] else tuple(ic)
    if n_cut != 1:
        opts["n_cut"] = n_cut
    if pri_cut:
        opts["pri_cut"] = pri_cut
    if missing != "error":
        opts["missing"] = missing
    if case_col is not None:
        opts["case_col"] = case_col
    if inc != "?":
        opts["include"] = inc
    expectations = None
    if dir_exp:
        from .intermediate import directional_expectations

        if tt.multivalue:  # expectations on levels: DEV[1,2], STB[1], ...
            from .mvsolution import expectations_mv

            de = expectations_mv(dir_exp, conds, tt.levels)
            expectations = [f"{conds[i]}[{','.join(map(str, sorted(v)))}]" for i, v in sorted(de.items())]
        else:
            expectations = directional_expectations(dir_exp, conds)
        opts["dir_exp"] = dir_exp if isinstance(dir_exp, str) else ", ".join(_dir_exp_list(expectations) or [])
    if necessity_cut != 0.9:
        opts["necessity_cut"] = necessity_cut
    if theory is not None:
        opts["theory"] = str(parse(theory))
    if style != "terms":
        opts["style"] = style
    settings: dict[str, Any] = {
        "data": source,
        "outcome": tt.outcome,
        "conditions": list(conds),
        "incl_cut": ic,
        "n_cut": int(n_cut),
        "pri_cut": float(pri_cut),
        "missing": missing,
        "case_col": case_col,
        "include": inc,
        "dir_exp": _dir_exp_list(expectations),
        "necessity_cut": float(necessity_cut),
        "theory": str(parse(theory)) if theory is not None else None,
        "style": style,
        "generated": _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z").strip(),
        "versions": _versions(),
        "python_call": _py_call(source, tt.outcome, conds, opts, loader),
        "command": _cli_call(source if source != "DataFrame" else "DATA.csv", tt.outcome, conds, opts),
    }
    if title is None:
        title = f"{_flavour(tt)} of {tt.outcome}" + (f" in {source}" if source and source != "DataFrame" else "")
    return Report(
        title=title, settings=settings, data=data, columns=columns, truth_table=tt, necessity=nec,
        solutions={k: sols[k] for k in _KINDS if k in sols}, case_types=cts, theory=th_fit,
        theory_cases=th_cases, completions=completions, problems=problems, citation=citation,
        style=style, plots=plots,
    )


#: public names of the table writers other modules use (the CLI's minimize output)
markdown_table = _md_table
html_frame = _html_frame
