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
from typing import Any, Sequence

import numpy as np
import pandas as pd
from tabulate import tabulate

__all__ = ["TableView", "format_frame", "fraction", "summary_block", "html_table", "HTML_STYLE"]


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


def _cell(value: Any, digits: int) -> Any:
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    if isinstance(value, (float, np.floating)):
        if np.isnan(value):
            return "-"
        return f"{value:.{digits}f}"
    if value is pd.NA or value is None:
        return "-"
    return value


def format_frame(frame: pd.DataFrame, digits: int = 3) -> pd.DataFrame:
    """A copy of ``frame`` with lists joined and floats rounded, for printing.

    Examples
    --------
    >>> import pandas as pd
    >>> format_frame(pd.DataFrame({"x": [0.12345], "c": [["a", "b"]]})).iloc[0].tolist()
    ['0.123', 'a, b']
    """
    out = frame.copy()
    for col in out.columns:
        out[col] = [_cell(v, digits) for v in out[col].tolist()]
    return out


# ---------------------------------------------------------------- summary


def _shorten_list(values: Sequence[Any], limit: int) -> str:
    """Join names with ", ", cutting the list to ``limit`` characters.

    Examples
    --------
    >>> _shorten_list(["alpha", "beta", "gamma", "delta"], 20)
    'alpha, beta (+2)'
    >>> _shorten_list(["a long name", "b"], 12)
    'a long\u2026 (+1)'
    >>> _shorten_list(["alpha"], 3)
    '(1)'
    """
    names = [str(v) for v in values]
    text = ", ".join(names)
    if len(text) <= limit:
        return text
    shown: list[str] = []
    for i, name in enumerate(names):
        rest = len(names) - i - 1
        candidate = ", ".join([*shown, name]) + (f" (+{rest})" if rest else "")
        if len(candidate) > limit:
            break
        shown.append(name)
    hidden = len(names) - len(shown)
    if shown:
        return ", ".join(shown) + f" (+{hidden})"
    tail = f" (+{len(names) - 1})" if len(names) > 1 else ""
    room = limit - len(tail) - 1
    if room < 4:
        return f"({len(names)})"
    return names[0][:room].rstrip() + "\u2026" + tail


def _compact_frame(frame: pd.DataFrame, width: int, digits: int) -> pd.DataFrame:
    """Format ``frame`` for a summary: list cells shortened so the table fits ``width``."""
    lists = [c for c in frame.columns if any(isinstance(v, (list, tuple)) for v in frame[c].tolist())]
    plain = format_frame(frame.drop(columns=lists), digits)
    if not lists:
        return plain
    fixed = tabulate(plain, headers="keys", tablefmt="simple", disable_numparse=True).splitlines()
    used = max((len(line) for line in fixed), default=0)
    room = max(24, (width - used) // len(lists) - 2)
    out = format_frame(frame, digits)
    for c in lists:
        out[c] = [_shorten_list(v, room) if isinstance(v, (list, tuple)) else _cell(v, digits)
                  for v in frame[c].tolist()]
    return out


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
    lines = [rule, *(t.center(width).rstrip() for t in (textwrap.wrap(title, width) or [""])), rule]
    half = width // 2
    pairs = [(str(k), "" if v is None else str(v)) for k, v in info]

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
            lines.extend(textwrap.wrap(note, width, initial_indent=f"[{n}] ", subsequent_indent="    ")
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
        ("Observed rows:", f"{len(tt.table)} of {2 ** k}" if k <= 30 else len(tt.table)),
        ("OUT 1/0/C/?:", "/".join(str(int(counts.get(v, 0))) for v in ("1", "0", "C", "?"))),
        ("incl.cut:", _cut_text(tt.incl_cut)),
        ("n.cut:", tt.n_cut),
        ("pri.cut:", f"{tt.pri_cut:g}"),
        ("Missing policy:", cd.missing),
    ]
    return info


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
            info.append(("Directional exp.:", str(dir_exp)))
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
.qca .out-1 { background: #d9f0d3; }
.qca .out-C { background: #fee8c8; }
.qca .out-Q { background: #e0ecf4; }
"""


def _html_cell(value: Any, digits: int) -> tuple[str, bool]:
    """HTML for one cell, and whether it is text (left-aligned)."""
    if isinstance(value, (list, tuple)):
        names = [str(v) for v in value]
        full = html.escape(", ".join(names))
        if len(names) <= 1:
            return (full or "&ndash;"), True
        return (f'<details title="{full}"><summary>{len(names)} cases</summary>{full}</details>', True)
    shown = _cell(value, digits)
    text = isinstance(shown, str) and not isinstance(value, (float, np.floating))
    return html.escape(str(shown)), text


def html_table(frame: pd.DataFrame, digits: int = 3, row_class: Sequence[str] | None = None) -> str:
    """A frame as an HTML table whose case lists fold away (click to open, hover to read).

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"n": [2], "cases": [["a", "b"]]}, index=pd.Index([1], name="row"))
    >>> "<summary>2 cases</summary>a, b</details>" in html_table(f)
    True
    """
    idx_names = [n if n is not None else "" for n in frame.index.names]
    head = "".join(f'<th class="qca-text">{html.escape(str(n))}</th>' for n in idx_names)
    head += "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for i, (key, values) in enumerate(zip(frame.index.tolist(), frame.itertuples(index=False))):
        keys = key if isinstance(key, tuple) else (key,)
        cells = "".join(f"<th>{html.escape(str(k))}</th>" for k in keys)
        for v in values:
            body, is_text = _html_cell(v, digits)
            cls = ' class="qca-text"' if is_text else ""
            cells += f"<td{cls}>{body}</td>"
        cls = f' class="{row_class[i]}"' if row_class is not None and row_class[i] else ""
        rows.append(f"<tr{cls}>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


class TableView:
    """Mixin: printing and export for results with a ``to_frame()``."""

    #: printed above the table
    title: str = ""

    def to_frame(self) -> pd.DataFrame:  # pragma: no cover - overridden
        raise NotImplementedError

    def _notes(self) -> list[str]:
        """Lines printed under the table (settings, undecided cases, ...)."""
        return []

    def _text(self, tablefmt: str, digits: int = 3) -> str:
        frame = format_frame(self.to_frame(), digits)
        return _tabulate(frame, tablefmt)

    def __repr__(self) -> str:
        parts = [self.title] if self.title else []
        parts.append(self._text("simple"))
        parts.extend(self._notes())
        return "\n".join(parts)

    def to_markdown(self, digits: int = 3) -> str:
        """The table in GitHub-flavoured Markdown.

        Parameters
        ----------
        digits : int
            Decimals for fit values.
        """
        return self._text("github", digits)

    def to_latex(self, digits: int = 3) -> str:
        """The table as a LaTeX ``tabular`` with booktabs rules (``\\usepackage{booktabs}``).

        Special characters (``~``, ``_``, ``&``, ``%``, ``#``) are escaped.
        """
        return self._text("latex_booktabs", digits)

    def to_csv(self, path: Any = None, digits: int | None = None) -> str | None:
        """The table as CSV; lists of cases are joined with ``"; "``.

        Parameters
        ----------
        path : str or path-like, optional
            Write there and return None; by default return the text.
        digits : int, optional
            Round fit values; by default full precision.
        """
        frame = self.to_frame().copy()
        for col in frame.columns:
            values = frame[col].tolist()
            if any(isinstance(v, (list, tuple)) for v in values):
                frame[col] = ["; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v for v in values]
            elif digits is not None and frame[col].dtype.kind == "f":
                frame[col] = frame[col].round(digits)
        if isinstance(frame.index, pd.MultiIndex) or frame.index.name is not None:
            frame = frame.reset_index()
            text = frame.to_csv(index=False, lineterminator="\n")
        else:
            text = frame.to_csv(lineterminator="\n")
        if path is None:
            return text
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
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
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
        return None

    # ------------------------------------------------------------ summary
    def _summary_info(self) -> list[tuple[str, Any]]:
        """Key/value pairs for the head of :meth:`summary`; override to customise."""
        return _default_info(self)

    def summary(self, width: int = 78, digits: int = 3) -> str:
        """A compact text block for a log: settings, the table, notes.

        In the manner of statsmodels' ``summary()``: a framed header of
        key/value pairs (outcome, conditions, cut-offs, cases used and
        dropped, library version), the table with long case lists
        shortened to fit ``width``, then numbered notes.

        Parameters
        ----------
        width : int
            Characters per line.
        digits : int
            Decimals for fit values.

        Returns
        -------
        str
        """
        frame = _compact_frame(self.to_frame(), width, digits)
        table = _tabulate(frame, "simple")
        title = self.title.splitlines()[0].rstrip(":") if self.title else type(self).__name__
        notes = list(self.title.splitlines()[1:]) if self.title else []
        notes = [n.strip() for n in notes] + self._notes()
        return summary_block(title, self._summary_info(), table, notes, width)

    # ------------------------------------------------------------ HTML
    def _row_classes(self, frame: pd.DataFrame) -> list[str] | None:
        if "OUT" in frame.columns:
            return [{"1": "out-1", "C": "out-C", "?": "out-Q"}.get(str(v), "") for v in frame["OUT"]]
        return None

    def to_html(self, digits: int = 3) -> str:
        """HTML for a notebook or a web page: title, table, notes.

        Cells listing cases show the number of cases and open into the
        names on a click; hovering shows them too.
        """
        frame = self.to_frame()
        title = (f'<div class="qca-title">{html.escape(self.title)}</div>' if self.title else "")
        notes = "".join(f'<div class="qca-note">{html.escape(n)}</div>' for n in self._notes())
        table = html_table(frame, digits, self._row_classes(frame))
        return f'<div class="qca"><style>{HTML_STYLE}</style>{title}{table}{notes}</div>'

    def _repr_html_(self) -> str:
        return self.to_html()


def _tabulate(frame: pd.DataFrame, tablefmt: str) -> str:
    if isinstance(frame.index, pd.MultiIndex):
        frame = frame.reset_index()
        return tabulate(frame, headers="keys", tablefmt=tablefmt, showindex=False, disable_numparse=True)
    index_name = frame.index.name or ""
    return tabulate(frame, headers=[index_name, *map(str, frame.columns)], tablefmt=tablefmt, disable_numparse=True)
