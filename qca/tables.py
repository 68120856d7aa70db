"""How result objects print: terminal text, summaries, notebook HTML, Markdown, LaTeX, CSV, JSON.

Every result object that is a table derives from :class:`TableView` and
implements ``to_frame()``; this module turns that frame into

* text with tabulate (``__repr__``),
* a compact, log-friendly block in the manner of statsmodels' results
  (:meth:`TableView.summary`),
* GitHub-flavoured Markdown (:meth:`TableView.to_markdown`) and a LaTeX
  ``tabular`` with booktabs rules (:meth:`TableView.to_latex`),
* notebook HTML (``_repr_html_``, :meth:`TableView.to_html`) in which a
  cell listing cases shows their number and opens, on a click, into the
  names (also shown on hover),
* CSV (:meth:`TableView.to_csv`) and the documented JSON schema
  (:meth:`TableView.to_json`, :meth:`TableView.to_dict`; see
  :mod:`qca.reporting`).
"""

from __future__ import annotations

import html
import textwrap
import re
from typing import Any, Callable, Mapping, Sequence

import numpy as np
import pandas as pd
from tabulate import tabulate

from .escape import csv_frame, latex_comment, markdown_cell, text_cell, text_lines
from .validate import check_int, check_optional_int, write_text

__all__ = ["TableView", "format_frame", "text_frame", "case_text", "wrap_cases", "display_width", "plural",
           "models_text", "tabulate_frame", "latex_escape", "latex_tabular", "fraction", "summary_block", "html_table",
           "HTML_STYLE", "FISS_SYMBOLS"]


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` and the word in the right number.

    Examples
    --------
    >>> plural(1, "remainder"), plural(3, "setting"), plural(2, "case", "cases")
    ('1 remainder', '3 settings', '2 cases')
    """
    return f"{n} {word if n == 1 else (many or word + 's')}"


def models_text(solutions: Sequence[Any]) -> str:
    """Alternative models in one cell, written as everywhere else: ``M1: A; M2: B`` (one model: itself).

    Examples
    --------
    >>> models_text(["HARM"]), models_text(["HARM", "~THREAT"]), models_text([])
    ('HARM', 'M1: HARM; M2: ~THREAT', 'none')
    """
    items = [str(s) for s in solutions]
    if not items:
        return "none"
    if len(items) == 1:
        return items[0]
    return "; ".join(f"M{i + 1}: {s}" for i, s in enumerate(items))


def fraction(num: float, den: float) -> str:
    """A count ratio as ``"12/13"`` (crisp counts are whole numbers).

    Examples
    --------
    >>> fraction(12, 13)
    '12/13'
    >>> fraction(0, 0)
    '-'
    """
    if den == 0:
        return "-"
    return f"{int(round(num))}/{int(round(den))}"


#: notebook HTML folds a case list longer than this (click to open)
FOLD_CASES = 5


def case_text(values: Sequence[Any], groups: Mapping[Any, Any] | None = None,
              max_cases: int | None = None, escape: Callable[[str], str] | None = None) -> str:
    """Case names joined for printing: every name, grouped by truth-table row as R prints them.

    Names in one group (one truth-table row) are joined with ``", "``, groups
    with ``"; "``, groups in the order of their keys (R's row numbers).
    Nothing is cut unless ``max_cases`` asks for brevity: then the first
    ``max_cases`` names and how many more there are.

    Parameters
    ----------
    values : sequence
        The case names.
    groups : mapping, optional
        Case name -> group key (the truth-table row); names without a key
        come last, in their own group.
    max_cases : int, optional
        Show at most this many names.
    escape : callable, optional
        Applied to each name as it is written (e.g. :func:`qca.escape.text_cell`);
        grouping uses the names as they are.

    Examples
    --------
    >>> case_text(["BE", "FI", "FR", "IE"], {"FI": 22, "IE": 22, "FR": 24, "BE": 32})
    'FI, IE; FR; BE'
    >>> case_text(["a", "b", "c", "d"], max_cases=2)
    'a, b (+2 more)'
    """
    names = [str(v) for v in values]
    if groups:
        keyed: dict[Any, list[str]] = {}
        for name in names:
            keyed.setdefault(groups.get(name, _LAST), []).append(name)
        order = sorted((k for k in keyed if k is not _LAST), key=_sort_key)
        if _LAST in keyed:
            order.append(_LAST)
        chunks = [keyed[k] for k in order]
    else:
        chunks = [names]
    hidden = 0
    if max_cases is not None and len(names) > max_cases:
        hidden = len(names) - max_cases
        left, kept = max_cases, []
        for chunk in chunks:
            if left <= 0:
                break
            kept.append(chunk[:left])
            left -= len(chunk[:left])
        chunks = kept
    if escape is not None:
        chunks = [[escape(name) for name in chunk] for chunk in chunks]
    text = "; ".join(", ".join(chunk) for chunk in chunks if chunk)
    if hidden:
        text = (text + " " if text else "") + f"(+{hidden} more)"
    return text


class _Last:
    def __repr__(self) -> str:  # pragma: no cover - never shown
        return "<last>"


_LAST = _Last()


def _sort_key(key: Any) -> tuple:
    try:
        return (0, float(key), "")
    except (TypeError, ValueError):
        return (1, 0.0, str(key))


def wrap_cases(text: str, room: int) -> list[str]:
    """Lines of at most ``room`` characters, broken only between case names (never inside one).

    Examples
    --------
    >>> wrap_cases("FI, IE; FR, SE; BE, CZ, NL, UK", 15)
    ['FI, IE; FR, SE;', 'BE, CZ, NL, UK']
    >>> wrap_cases("a very long single name", 5)
    ['a very long single name']
    """
    if len(text) <= room:
        return [text]
    pieces = re.findall(r".+?(?:[,;] |$)", text)
    lines: list[str] = []
    line = ""
    for piece in pieces:
        if line and len((line + piece).rstrip()) > room:
            lines.append(line.rstrip())
            line = ""
        line += piece
    if line:
        lines.append(line.rstrip())
    return lines


def _is_list(value: Any) -> bool:
    return isinstance(value, (list, tuple))


def _cell(value: Any, digits: int, groups: Mapping[Any, Any] | None = None,
          max_cases: int | None = None, escape: Callable[[str], str] | None = None) -> Any:
    if _is_list(value):
        return case_text(value, groups, max_cases, escape)
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (float, np.floating)):
        if np.isnan(value):
            return "-"
        return f"{value:.{digits}f}"
    if value is pd.NA or value is None:
        return "-"
    return value


def format_frame(frame: pd.DataFrame, digits: int = 3, groups: Mapping[Any, Any] | None = None,
                 max_cases: int | None = None, escape: Callable[[str], str] | None = None) -> pd.DataFrame:
    """A copy of ``frame`` with case lists joined and floats rounded, for printing.

    Every number is printed one way in every format: ``digits`` decimals,
    ``-`` where there is no value (NaN, None).

    Parameters
    ----------
    frame : DataFrame
    digits : int
        Decimals for floats.
    groups : mapping, optional
        Case name -> truth-table row, to group case lists as R does (see :func:`case_text`).
    max_cases : int, optional
        Show at most this many names per cell.
    escape : callable, optional
        Applied to each case name in a case list (see :func:`case_text`).

    Examples
    --------
    >>> import pandas as pd
    >>> format_frame(pd.DataFrame({"x": [0.12345], "c": [["a", "b"]]})).iloc[0].tolist()
    ['0.123', 'a, b']
    """
    out = frame.copy()
    for col in out.columns:
        out[col] = pd.Series([_cell(v, digits, groups, max_cases, escape) for v in out[col].tolist()],
                             index=out.index, dtype=object)
    return out


def _list_columns(frame: pd.DataFrame) -> list[Any]:
    return [c for c in frame.columns if any(_is_list(v) for v in frame[c].tolist())]


def text_frame(frame: pd.DataFrame, width: int | None = None, digits: int = 3,
               groups: Mapping[Any, Any] | None = None, max_cases: int | None = None) -> pd.DataFrame:
    """Format ``frame`` for a terminal: case lists printed in full, wrapped to fit ``width``.

    A name is never cut: the case columns share what the other columns
    leave of ``width`` and wrap between names (a single name longer than
    that stays whole). A line break or tab inside a name is shown escaped
    (:func:`qca.escape.text_cell`), so the only line breaks in a cell are
    the wrapping's.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"cases": [["Austria", "Belgium", "Czechia"]], "incl": [0.8]})
    >>> text_frame(frame, width=30).loc[0, "cases"]
    'Austria, Belgium,\\nCzechia'
    """
    width = display_width() if width is None else width
    lists = _list_columns(frame)
    out = format_frame(frame, digits, groups, max_cases, escape=text_cell)
    if not lists:
        return out
    fixed = tabulate_frame(out.drop(columns=lists), "simple").splitlines()
    used = max((len(line) for line in fixed), default=0)
    room = max(20, (width - used) // len(lists) - 2)
    for c in lists:
        out[c] = pd.Series([_Lines("\n".join(wrap_cases(str(v), room))) for v in out[c].tolist()],
                           index=out.index, dtype=object)  # object: pandas would make them plain str
    return out


def _check_layout(digits: Any, max_cases: Any) -> tuple[int, int | None]:
    return check_int("digits", digits, 0), check_optional_int("max_cases", max_cases, 0)


class _Lines(str):
    """A text cell already escaped and wrapped into lines by :func:`text_frame` (its line breaks are ours)."""


def _text_safe(value: Any) -> Any:
    return value if isinstance(value, _Lines) else text_cell(value)


def display_width() -> int:
    """Characters per line for printed tables: the terminal's width (100 when not a terminal).

    Examples
    --------
    >>> display_width() >= 60
    True
    """
    import shutil

    return max(60, shutil.get_terminal_size((100, 24)).columns)


# ---------------------------------------------------------------- summary


def summary_block(
    title: str,
    info: Sequence[tuple[str, Any]],
    table: str,
    notes: Sequence[str] = (),
    width: int = 78,
) -> str:
    """Lay out a statsmodels-style summary: a title, key/value pairs, a table, notes.

    Pairs are set two per line when both fit in half the width, otherwise
    one per line. Notes are numbered and wrapped.

    Examples
    --------
    >>> print(summary_block("Demo", [("Outcome:", "Y"), ("Cases:", 4)], "a  b\\n-  -\\n1  2", ["a note"], width=40))
    ========================================
                      Demo
    ========================================
    Outcome:                Y Cases:       4
    ========================================
    a  b
    -  -
    1  2
    ----------------------------------------
    Notes:
    [1] a note
    ========================================
    """
    rule, thin = "=" * width, "-" * width
    lines = [rule, *(t.center(width).rstrip() for t in (textwrap.wrap(text_cell(title), width) or [""])), rule]
    half = width // 2
    pairs = [(text_cell(str(k)), "" if v is None else text_cell(str(v))) for k, v in info]

    def fits(k: str, v: str, room: int) -> bool:
        return len(k) + 1 + len(v) <= room

    i = 0
    while i < len(pairs):
        k, v = pairs[i]
        if i + 1 < len(pairs) and fits(k, v, half - 1) and fits(*pairs[i + 1], width - half):
            k2, v2 = pairs[i + 1]
            left = k + v.rjust(half - 1 - len(k))
            right = k2 + v2.rjust(width - half - len(k2))
            lines.append(left + " " + right)
            i += 2
        else:
            if fits(k, v, width):
                lines.append(k + v.rjust(width - len(k)))
            else:
                wrapped = textwrap.wrap(v, width - 4) or [""]
                lines.append(k)
                lines.extend("    " + w for w in wrapped)
            i += 1
    if pairs:
        lines.append(rule)
    lines.extend(table.splitlines())
    if notes:
        lines.append(thin)
        lines.append("Notes:")
        for n, note in enumerate(notes, 1):
            lines.extend(textwrap.wrap(text_cell(note), width, initial_indent=f"[{n}] ", subsequent_indent="    ")
                         or [f"[{n}]"])
    lines.append(rule)
    return "\n".join(lines)


def _cut_text(incl_cut: Any) -> str:
    if isinstance(incl_cut, (tuple, list)):
        ic1, ic0 = incl_cut
        return f"{ic1:g}" if ic1 == ic0 else f"{ic1:g} (ic0 {ic0:g})"
    return f"{incl_cut:g}"


def _truth_table_info(tt: Any) -> list[tuple[str, Any]]:
    """Key/value pairs describing a truth table's data and settings."""
    cd = tt.data
    n_dropped = len(cd.dropped)
    counts = tt.table["OUT"].value_counts()
    k = len(tt.conditions)
    info: list[tuple[str, Any]] = [
        ("Outcome:", tt.outcome),
        ("Conditions:", ", ".join(tt.conditions)),
        ("Cases used:", len(cd.cases)),
        ("Dropped (missing):", n_dropped),
        ("Observed rows:", _observed_rows(tt, k)),
        ("OUT 1/0/C/?:", "/".join(str(int(counts.get(v, 0))) for v in ("1", "0", "C", "?"))),
        ("incl_cut:", _cut_text(tt.incl_cut)),
        ("n_cut:", tt.n_cut),
        ("pri_cut:", f"{tt.pri_cut:g}"),
        ("Missing policy:", cd.missing),
    ]
    return info


def _observed_rows(tt: Any, k: int) -> Any:
    """``"10 of 48"``: observed rows of the property space (mixed radix with multi-value conditions)."""
    levels = getattr(tt, "levels", ()) or (2,) * k
    size = 1
    for m in levels:
        size *= int(m)
    return f"{len(tt.table)} of {size}" if size < 2 ** 31 else len(tt.table)


def _solution_kind(sol: Any) -> str:
    if hasattr(sol, "kind"):
        return str(sol.kind)
    if getattr(sol, "dir_exp", None) is not None:
        return "intermediate"
    return {"": "conservative", "?": "parsimonious", "C": "conservative (C as don't care)",
            "?C": "parsimonious (C as don't care)"}.get(getattr(sol, "include", ""), str(sol.include))


def _default_info(obj: Any) -> list[tuple[str, Any]]:
    """Describe a result from the attributes it has (duck typing).

    Result classes may override :meth:`TableView._summary_info`; this
    default recognises truth tables, solutions, fits, necessity tables and
    case types by their attributes.
    """
    from . import __version__

    info: list[tuple[str, Any]] = []
    if hasattr(obj, "truth_table") and hasattr(obj, "solutions"):  # Solution
        tt = obj.truth_table
        info += [("Solution type:", _solution_kind(obj)), ("Models:", len(obj.solutions))]
        dir_exp = getattr(obj, "dir_exp", None)
        if dir_exp is not None:
            shown = dir_exp if isinstance(dir_exp, str) else ", ".join(map(str, dir_exp.terms))
            info.append(("Directional expectations:", shown))
        info += [("Prime implicants:", len(obj.prime_implicants)),
                 ("Essential PIs:", ", ".join(map(str, obj.essential)) or "none")]
        info += _truth_table_info(tt)
    elif hasattr(obj, "data") and hasattr(obj, "incl_cut") and hasattr(obj, "n_cut"):  # TruthTable
        info += _truth_table_info(obj)
    elif hasattr(obj, "relation") and hasattr(obj, "expression"):  # Fit
        info += [("Expression:", str(obj.expression)), ("Outcome:", obj.outcome),
                 ("Relation:", obj.relation), ("Terms:", len(obj.expression.terms))]
        undecided = sorted({c for cs in getattr(obj, "undecided", {}).values() for c in cs})
        info.append(("Undecided cases:", len(undecided)))
    elif hasattr(obj, "necessary") and hasattr(obj, "incl_cut"):  # Necessity
        info += [("Outcome:", obj.outcome), ("inclN cut:", f"{obj.incl_cut:g}"),
                 ("RoN cut:", f"{obj.ron_cut:g}"), ("covN cut:", f"{obj.cov_cut:g}"),
                 ("Necessary:", ", ".join(obj.necessary) or "none")]
    elif hasattr(obj, "expression") and hasattr(obj, "outcome"):  # CaseTypes and the like
        if obj.expression is not None:
            info.append(("Expression:", str(obj.expression)))
        info.append(("Outcome:", obj.outcome))
        if hasattr(obj, "counts"):
            try:
                counts = obj.counts()
                info += [(f"{k}:", int(v)) for k, v in counts.items() if int(v)]
            except Exception:  # pragma: no cover - a result without usable counts
                pass
    elif hasattr(obj, "outcome"):
        info.append(("Outcome:", obj.outcome))
    info.append(("qca version:", __version__))
    return info


# ---------------------------------------------------------------- HTML

#: CSS shared by notebook HTML and reports (scoped to ``.qca``).
HTML_STYLE = """
.qca table { border-collapse: collapse; margin: 0.4em 0 0.8em 0; font-size: 0.92em; }
.qca th, .qca td { padding: 0.2em 0.6em; text-align: right; vertical-align: top; border: none; }
.qca thead th { border-bottom: 1px solid #444; }
.qca table { border-top: 2px solid #222; border-bottom: 2px solid #222; }
.qca td.qca-text, .qca th.qca-text { text-align: left; }
.qca tbody th { text-align: left; font-weight: 600; }
.qca details summary { cursor: pointer; color: #2a5d9f; }
.qca details[open] summary { margin-bottom: 0.2em; }
.qca .qca-title { font-weight: 700; margin: 0.3em 0; white-space: pre-wrap; }
.qca .qca-note { color: #444; margin: 0.15em 0; font-size: 0.9em; }
.qca tr.qca-rule > * { border-top: 1px solid #444; }
.qca table.qca-fiss td, .qca table.qca-fiss th { vertical-align: middle; height: 1.6em; }
.qca td.qca-symbol { text-align: center; vertical-align: middle; line-height: 1; }
.qca th.qca-symbol { text-align: center; }
.qca .qca-missing-figure { color: #7a4b00; background: #fff7e6; padding: 0.4em 0.8em; }
.qca .out-1 { background: #d9f0d3; }
.qca .out-C { background: #fee8c8; }
.qca .out-Q { background: #e0ecf4; }
"""


def _html_cell(value: Any, digits: int, groups: Mapping[Any, Any] | None = None,
               max_cases: int | None = None) -> tuple[str, bool]:
    """HTML for one cell, and whether it is text (left-aligned)."""
    if _is_list(value):
        names = [str(v) for v in value]
        full = html.escape(case_text(names, groups, max_cases))
        if len(names) <= FOLD_CASES:
            return (full or "&ndash;"), True
        return (f'<details title="{full}"><summary>{len(names)} cases</summary>{full}</details>', True)
    shown = _cell(value, digits)
    return html.escape(str(shown)), _is_text_value(value)


def _is_text_value(value: Any) -> bool:
    if value is None or value is pd.NA or isinstance(value, (bool, np.bool_)):
        return False
    if isinstance(value, (int, float, np.integer, np.floating)):
        return False
    return True


def _column_classes(frame: pd.DataFrame) -> list[str]:
    """Per column, the class of its header and cells: ``qca-symbol`` (Ragin–Fiss symbols, centred),
    ``qca-text`` (left-aligned) or ``""`` (numbers, right-aligned)."""
    symbols = set(FISS_SYMBOLS.values())
    out = []
    for col in frame.columns:
        values = frame[col].tolist()
        if any(isinstance(v, str) and v in symbols for v in values):
            out.append("qca-symbol")
        elif any(_is_list(v) or (_is_text_value(v) and not _numeric_text(v)) for v in values):
            out.append("qca-text")
        else:
            out.append("")
    return out


def html_table(frame: pd.DataFrame, digits: int = 3, row_class: Sequence[str] | None = None,
               groups: Mapping[Any, Any] | None = None, max_cases: int | None = None) -> str:
    """A frame as an HTML table; case lists longer than five names fold away (click to open).

    A header is aligned as its column: left over text, right over numbers,
    centred over Ragin–Fiss symbols.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"n": [6], "cases": [list("abcdef")]}, index=pd.Index([1], name="row"))
    >>> "<summary>6 cases</summary>a, b, c, d, e, f</details>" in html_table(f)
    True
    >>> '<td class="qca-text">a, b</td>' in html_table(pd.DataFrame({"cases": [["a", "b"]]}))
    True
    """
    idx_names = [n if n is not None else "" for n in frame.index.names]
    head = "".join(f'<th class="qca-text">{html.escape(str(n))}</th>' for n in idx_names)
    classes = _column_classes(frame)
    head += "".join(f'<th{f" class={chr(34)}{k}{chr(34)}" if k else ""}>{html.escape(str(c))}</th>'
                    for c, k in zip(frame.columns, classes))
    rows = []
    for i, (key, values) in enumerate(zip(frame.index.tolist(), frame.itertuples(index=False))):
        keys = key if isinstance(key, tuple) else (key,)
        cells = "".join(f"<th>{html.escape(str(k))}</th>" for k in keys)
        for v, k in zip(values, classes):
            body, _ = _html_cell(v, digits, groups, max_cases)
            cls = f' class="{k}"' if k else ""
            cells += f"<td{cls}>{body}</td>"
        cls = f' class="{row_class[i]}"' if row_class is not None and row_class[i] else ""
        rows.append(f"<tr{cls}>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


class TableView:
    """Mixin: printing and export for results with a ``to_frame()``.

    Examples
    --------
    >>> import pandas as pd, qca
    >>> df = pd.DataFrame({"A": [1, 1, 0, 0], "B": [1, 0, 1, 0], "Y": [1, 1, 0, 0]}, index=list("pqrs"))
    >>> nec = qca.necessity(df, "Y")  # every table-like result is a TableView
    >>> isinstance(nec, TableView), nec.to_markdown().splitlines()[0].startswith("|")
    (True, True)
    """

    #: printed above the table
    title: str = ""

    def to_frame(self) -> pd.DataFrame:  # pragma: no cover - overridden
        raise NotImplementedError

    def _notes(self) -> list[str]:
        """Lines printed under the table (settings, undecided cases, ...)."""
        return []

    def _case_groups(self) -> Mapping[Any, Any] | None:
        """Case name -> truth-table row, to group printed case lists as R does (None: no grouping)."""
        return None

    def _display_frame(self) -> pd.DataFrame:
        """The frame every format prints (text, Markdown, LaTeX, HTML); ``to_frame()`` by default."""
        return self.to_frame()

    def _rule_before(self) -> int | None:
        """Row position before which a rule is drawn (the model rows of a solution); None: no rule."""
        return None

    def _text(self, tablefmt: str, digits: int = 3, max_cases: int | None = None) -> str:
        digits, max_cases = _check_layout(digits, max_cases)
        frame = format_frame(self._display_frame(), digits, self._case_groups(), max_cases)
        return tabulate_frame(frame, tablefmt, self._rule_before())

    def to_text(self, width: int | None = None, digits: int = 3, max_cases: int | None = None) -> str:
        """What ``print()`` shows: title, table, notes, with every case listed and wrapped.

        Parameters
        ----------
        width : int, optional
            Characters per line; by default the terminal's width.
        digits : int
            Decimals for fit values.
        max_cases : int, optional
            For brevity: show at most this many case names per cell (and how many more).
        """
        digits, max_cases = _check_layout(digits, max_cases)
        width = display_width() if width is None else check_int("width", width, 20)
        frame = text_frame(self._display_frame(), width, digits, self._case_groups(), max_cases)
        parts = text_lines(self.title) if self.title else []
        parts.append(tabulate_frame(frame, "simple", self._rule_before()))
        for note in self._notes():
            parts.extend(textwrap.wrap(text_cell(note), width, subsequent_indent="    ", break_on_hyphens=False)
                         or [""])
        return "\n".join(parts)

    def __repr__(self) -> str:
        return self.to_text()

    def to_markdown(self, digits: int = 3, max_cases: int | None = None) -> str:
        """The table in GitHub-flavoured Markdown.

        Parameters
        ----------
        digits : int
            Decimals for fit values.
        max_cases : int, optional
            Show at most this many case names per cell.
        """
        return self._text("github", digits, max_cases)

    def to_latex(self, digits: int = 3, max_cases: int | None = None) -> str:
        """The table as a LaTeX ``tabular`` with booktabs rules (``\\usepackage{booktabs}``).

        Text columns are left-aligned, numbers right-aligned. Special
        characters (``~``, ``_``, ``&``, ``%``, ``#``) are escaped.
        """
        return self._text("latex_booktabs", digits, max_cases)

    def to_csv(self, path: Any = None, digits: int | None = None) -> str | None:
        """The table as CSV; lists of cases are joined with ``"; "``.

        Parameters
        ----------
        path : str or path-like, optional
            Write there and return None; by default return the text.
        digits : int, optional
            Round fit values; by default full precision.
        """
        digits = check_optional_int("digits", digits)
        frame = self.to_frame().copy()
        for col in frame.columns:
            values = frame[col].tolist()
            if any(isinstance(v, (list, tuple)) for v in values):
                frame[col] = ["; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v for v in values]
            elif digits is not None and frame[col].dtype.kind == "f":
                frame[col] = frame[col].round(digits)
        frame = csv_frame(frame)  # no cell a spreadsheet would run as a formula
        if _shows_index(frame):  # a bare 0..n-1 counter is no column of the data
            taken = {str(c) for c in frame.columns}
            # an index named like a column (a condition called "row") is written as "row (index)"
            names = [("" if n is None else str(n)) + (" (index)" if str(n) in taken else "")
                     for n in frame.index.names]
            frame = frame.reset_index(names=names)
        text = frame.to_csv(index=False, lineterminator="\n")
        if path is None:
            return text
        write_text(path, text, newline="")
        return None

    def to_dict(self) -> dict:
        """The result as plain data following the documented JSON schema (see :mod:`qca.reporting`)."""
        from .reporting import to_dict

        return to_dict(self)

    def to_json(self, path: Any = None, indent: int | None = 2) -> str | None:
        """The result as JSON following the documented schema ``qca-result/1``.

        Parameters
        ----------
        path : str or path-like, optional
            Write there and return None; by default return the text.
        indent : int, optional
        """
        from .reporting import to_json

        text = to_json(self, indent=indent)
        if path is None:
            return text
        write_text(path, text + "\n")
        return None

    # ------------------------------------------------------------ summary
    def _summary_info(self) -> list[tuple[str, Any]]:
        """Key/value pairs for the head of :meth:`summary`; override to customise."""
        return _default_info(self)

    def summary(self, width: int = 78, digits: int = 3, max_cases: int | None = None) -> str:
        """A compact text block for a log: settings, the table, notes.

        In the manner of statsmodels' ``summary()``: a framed header of
        key/value pairs (outcome, conditions, cut-offs, cases used and
        dropped, library version), the table with every case listed and
        wrapped to fit ``width``, then numbered notes.

        Parameters
        ----------
        width : int
            Characters per line.
        digits : int
            Decimals for fit values.
        max_cases : int, optional
            For brevity: show at most this many case names per cell.

        Returns
        -------
        str
        """
        digits, max_cases = _check_layout(digits, max_cases)
        width = check_int("width", width, 20)
        frame = text_frame(self._display_frame(), width, digits, self._case_groups(), max_cases)
        table = tabulate_frame(frame, "simple", self._rule_before())
        title_lines = text_lines(self.title) if self.title else [type(self).__name__]
        title = title_lines[0].rstrip(":")
        lead = [n.strip() for n in title_lines[1:]]
        if lead:  # the model lines (M1: ... -> Y) come first, as R prints them
            table = "\n".join([*lead, "", table])
        return summary_block(title, self._summary_info(), table, self._notes(), width)

    # ------------------------------------------------------------ HTML
    def _row_classes(self, frame: pd.DataFrame) -> list[str] | None:
        if "OUT" in frame.columns:
            return [{"1": "out-1", "C": "out-C", "?": "out-Q"}.get(str(v), "") for v in frame["OUT"]]
        return None

    def to_html(self, digits: int = 3, max_cases: int | None = None) -> str:
        """HTML for a notebook or a web page: title, table, notes.

        Cells listing more than five cases show their number and open into
        the names on a click (hovering shows them too); shorter lists are
        printed as they are.
        """
        digits, max_cases = _check_layout(digits, max_cases)
        frame = self._display_frame()
        title = (f'<div class="qca-title">{html.escape(self.title)}</div>' if self.title else "")
        notes = "".join(f'<div class="qca-note">{html.escape(n)}</div>' for n in self._notes())
        classes = self._row_classes(frame)
        rule = self._rule_before()
        if rule is not None and 0 < rule < len(frame):
            classes = list(classes or [""] * len(frame))
            classes[rule] = (classes[rule] + " qca-rule").strip()
        table = html_table(frame, digits, classes, self._case_groups(), max_cases)
        return f'<div class="qca"><style>{HTML_STYLE}</style>{title}{table}{notes}</div>'

    def _repr_html_(self) -> str:
        return self.to_html()


def _numeric_text(value: Any) -> bool:
    text = str(value).strip()
    if text in {"", "-"}:
        return True
    try:
        float(text.replace("/", "", 1)) if text.count("/") <= 1 else float("x")
    except ValueError:
        return bool(re.fullmatch(r"\d+/\d+( = \d+(\.\d+)?)?", text))
    return True


def _aligns(frame: pd.DataFrame) -> list[str]:
    """Column alignment: right for numbers (and ``-``), left for text."""
    return ["right" if all(_numeric_text(v) for v in frame[c].tolist()) and len(frame) else "left"
            for c in frame.columns]


#: Ragin–Fiss symbols: condition present / absent, core (large) or peripheral (small).
FISS_SYMBOLS = {
    "core present": "\u25cf",  # ● BLACK CIRCLE
    "present": "\u2022",  # • BULLET
    "core absent": "\u2a02",  # ⨂ N-ARY CIRCLED TIMES OPERATOR
    "absent": "\u2297",  # ⊗ CIRCLED TIMES
}

_LATEX_SYMBOLS = {
    FISS_SYMBOLS["core present"]: r"{\Large$\bullet$}",
    FISS_SYMBOLS["present"]: r"$\bullet$",
    FISS_SYMBOLS["core absent"]: r"{\Large$\otimes$}",
    FISS_SYMBOLS["absent"]: r"$\otimes$",
}

_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}


def latex_escape(text: str) -> str:
    """Escape LaTeX specials in one cell or header; Ragin–Fiss symbols become math symbols.

    Every LaTeX table of the library goes through this one function.

    Examples
    --------
    >>> latex_escape("~A*B_1 & 50%")
    '\\\\textasciitilde{}A*B\\\\_1 \\\\& 50\\\\%'
    """
    if text in _LATEX_SYMBOLS:
        return _LATEX_SYMBOLS[text]
    return "".join(_LATEX_SPECIAL.get(ch, _LATEX_SYMBOLS.get(ch, ch)) for ch in text)


def latex_tabular(shown: pd.DataFrame, rule_before: int | None = None) -> str:
    """A formatted frame (text cells, index already a column) as a booktabs ``tabular``.

    Numbers (and ``-``) right-aligned, Ragin–Fiss symbol columns centred,
    text left-aligned; a ``\\midrule`` before row ``rule_before``.

    Examples
    --------
    >>> import pandas as pd
    >>> print(latex_tabular(pd.DataFrame({"term": ["~A"], "inclS": ["1.000"]})))
    \\begin{tabular}{lr}
    \\toprule
    term & inclS \\\\
    \\midrule
    \\textasciitilde{}A & 1.000 \\\\
    \\bottomrule
    \\end{tabular}
    """
    align = []
    for col in shown.columns:
        values = [str(v) for v in shown[col].tolist()]
        if any(v in FISS_SYMBOLS.values() for v in values):
            align.append("c")
        elif values and all(_numeric_text(v) for v in values):
            align.append("r")
        else:
            align.append("l")
    lines = [r"\begin{tabular}{" + "".join(align) + "}", r"\toprule",
             " & ".join(latex_escape(str(c)) for c in shown.columns) + r" \\", r"\midrule"]
    for i, values in enumerate(shown.itertuples(index=False)):
        if rule_before is not None and i == rule_before and i > 0:
            lines.append(r"\midrule")
        lines.append(" & ".join(latex_escape(str(v)) for v in values) + r" \\")
    lines += [r"\bottomrule", r"\end{tabular}"]
    return "\n".join(lines)


def _shows_index(frame: pd.DataFrame) -> bool:
    """Print the index unless it is a bare 0..n-1 counter (no stray index column)."""
    if isinstance(frame.index, pd.MultiIndex) or any(n is not None for n in frame.index.names):
        return True
    return not (isinstance(frame.index, pd.RangeIndex) and frame.index.start == 0 and frame.index.step == 1)


def tabulate_frame(frame: pd.DataFrame, tablefmt: str, rule_before: int | None = None) -> str:
    """A formatted frame (see :func:`format_frame`) as text, Markdown or LaTeX with tabulate.

    The index is printed as the first column(s) when it has a name (no
    stray 0..n column otherwise); numbers are right-aligned, text left.

    Examples
    --------
    >>> import pandas as pd
    >>> print(tabulate_frame(pd.DataFrame({"a": ["x"], "b": ["1.000"]}), "github"))
    | a   |     b |
    |-----|-------|
    | x   | 1.000 |
    """
    if _shows_index(frame):
        frame = frame.reset_index(names=[n if n is not None else "" for n in frame.index.names])
    frame = frame.copy()
    frame.columns = [str(c) for c in frame.columns]
    if tablefmt == "github":  # Markdown: no raw HTML, no extra cell, no broken row, whatever the names
        frame = _markdown_safe(frame)
    if tablefmt.startswith("latex"):  # a blank line in a cell would end the paragraph inside the tabular
        return latex_tabular(frame.map(lambda v: latex_comment(v) if isinstance(v, str) else v), rule_before)
    if tablefmt != "github":  # plain text: a name's line break or tab is shown escaped, never breaks a row
        frame = frame.map(_text_safe)
        frame.columns = [text_cell(c) for c in frame.columns]
    text = tabulate(frame, headers="keys", tablefmt=tablefmt, showindex=False, disable_numparse=True,
                    colalign=_aligns(frame))
    if rule_before is None or not 0 < rule_before < len(frame):
        return text
    lines = text.split("\n")
    if tablefmt == "simple":
        heights = [max(str(v).count("\n") + 1 for v in row) for row in frame.itertuples(index=False)]
        at = 2 + sum(heights[:rule_before])
        lines.insert(at, lines[1])
    return "\n".join(lines)


_tabulate = tabulate_frame


def _markdown_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell, header and index label of ``frame`` through :func:`qca.escape.markdown_cell`."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(markdown_cell)
    out.columns = [markdown_cell(str(c)) for c in out.columns]
    return out
