"""Escaping at the output boundary: text from the user's data made safe for each format.

Case names, condition names and notes come from the user's file; whatever
they hold, an export must open safely and keep its shape:

* CSV (:func:`csv_cell`, :func:`csv_frame`): a text cell that starts with
  ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be read as a
  formula by a spreadsheet; it gets a leading ``'`` (the usual defence).
  Numbers stay numbers. A carriage return inside a text becomes a line
  feed (which the CSV writer quotes), so no row is split.
* Markdown (:func:`markdown_cell`, :func:`markdown_line`): ``<`` and
  ``&`` are escaped (a renderer never runs a name as HTML), ``\\`` and ``|``
  are escaped in table cells (a name never adds a cell) and line breaks become
  spaces (a name never splits a row or a line).
* LaTeX comments (:func:`latex_comment`): line breaks become spaces, so a
  name cannot end the comment and start raw LaTeX.
* Plain text (:func:`text_cell`: ``print()``, ``summary()``, the command
  line's text format): a line break, tab or other control character in a
  name is shown escaped (``\\n``, ``\\t``, ``\\x1b``), so no name splits a
  row, shifts a column or sends a terminal a control sequence.
* Plots: matplotlib draws every label literally (no mathtext), see
  :mod:`qca.plot`.

Every writer of the library calls these at the point where it writes.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

__all__ = ["csv_cell", "csv_uncell", "csv_frame", "markdown_cell", "markdown_line", "latex_comment", "text_cell", "text_lines",
           "FORMULA_STARTS"]

#: first characters that make a spreadsheet read a cell as a formula
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_BREAKS = re.compile(r"[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")  # every break str.splitlines knows


def csv_cell(value: Any) -> Any:
    """A cell safe to open in a spreadsheet: a text formula gets a leading ``'``.

    Examples
    --------
    >>> csv_cell("=HYPERLINK(1)"), csv_cell("-A"), csv_cell(-0.5), csv_cell("case 1")
    ("'=HYPERLINK(1)", "'-A", -0.5, 'case 1')
    """
    if not isinstance(value, str):
        return value
    if "\r" in value:  # a bare carriage return would be written unquoted and end the row
        value = "'" + value if value.startswith(FORMULA_STARTS) else value
        return value.replace("\r\n", "\n").replace("\r", "\n")
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_uncell(value: Any) -> Any:
    """The text :func:`csv_cell` protected, as it was: a leading ``'`` before a formula start is dropped.

    :func:`qca.read_data` reads case names and column names through it, so
    a CSV that qca wrote (``qca calibrate``, ``qca datasets --export``)
    reads back with the names it had (and says so in a note).

    Examples
    --------
    >>> csv_uncell("'=HYPERLINK(1)"), csv_uncell("'quoted"), csv_uncell("=x")
    ('=HYPERLINK(1)', "'quoted", '=x')
    """
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell, column name and index label passed through :func:`csv_cell`.

    Examples
    --------
    >>> import pandas as pd
    >>> csv_frame(pd.DataFrame({"=A": ["@x", 1]}, index=["+c", "d"])).to_csv(lineterminator="\\n")
    ",'=A\\n'+c,'@x\\nd,1\\n"
    """
    out = frame.copy()
    for col in out.columns:
        s = out[col]
        if s.dtype == object or pd.api.types.is_string_dtype(s):
            out[col] = s.map(csv_cell)
    out.columns = _safe_index(out.columns)
    out.index = _safe_index(out.index)
    return out


def _safe_index(index: pd.Index) -> pd.Index:
    if isinstance(index, pd.MultiIndex):
        return pd.MultiIndex.from_tuples([tuple(csv_cell(v) for v in t) for t in index],
                                         names=[csv_cell(n) for n in index.names])
    if index.dtype == object or pd.api.types.is_string_dtype(index):
        return pd.Index([csv_cell(v) for v in index], name=csv_cell(index.name))
    return index.rename(csv_cell(index.name))


def markdown_line(text: Any) -> str:
    """One line of Markdown text: HTML escaped, line breaks turned into spaces.

    Examples
    --------
    >>> markdown_line("<script>alert(1)</script>\\nA -> Y")
    '&lt;script>alert(1)&lt;/script> A -> Y'
    """
    # '<' starts every tag and '&' every entity; '>' alone is harmless and '->' stays readable
    return _BREAKS.sub(" ", str(text).replace("&", "&amp;").replace("<", "&lt;"))


def markdown_cell(value: Any) -> Any:
    """A Markdown table cell: :func:`markdown_line`, ``\\`` and ``|`` escaped. Numbers pass unchanged.

    The backslash is escaped first: a name ending in ``\\`` (or written
    ``\\|``) would otherwise escape the ``\\`` that protects its ``|``, and
    the ``|`` would add a cell.

    Examples
    --------
    >>> markdown_cell("a|b"), markdown_cell("a\\\\|b"), markdown_cell(0.5)
    ('a\\\\|b', 'a\\\\\\\\\\\\|b', 0.5)
    """
    if not isinstance(value, str):
        return value
    return markdown_line(value).replace("\\", "\\\\").replace("|", "\\|")


def latex_comment(text: Any) -> str:
    """Text for a LaTeX ``%`` comment line: line breaks become spaces, so the comment cannot end early.

    Examples
    --------
    >>> latex_comment("case\\n\\\\input{x}")
    'case \\\\input{x}'
    """
    return _BREAKS.sub(" ", str(text))


_SHOWN = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def text_cell(value: Any) -> Any:
    """Text for a plain-text table or line: control characters shown escaped. Numbers pass unchanged.

    A line break, tab, carriage return or any other character that is not
    printable (an escape sequence, a line separator) is written as Python
    writes it in a string (``\\n``, ``\\t``, ``\\x1b``, ``\\u2028``), so a
    cell keeps one line and its width. Letters of every script stay as
    they are; so do spaces.

    Examples
    --------
    >>> text_cell("case\\tA\\nB"), text_cell("Ärger 中国"), text_cell(0.5)
    ('case\\\\tA\\\\nB', 'Ärger 中国', 0.5)
    """
    if not isinstance(value, str) or value.isprintable():
        return value
    return "".join(ch if ch.isprintable() else _SHOWN.get(ch) or ch.encode("unicode_escape").decode("ascii")
                   for ch in value)


def text_lines(text: str) -> list[str]:
    """The lines of a text made of lines (a title with model lines), each shown as :func:`text_cell` shows it.

    A line break inside a name written in backticks (``M1: `A\\nB` -> Y``)
    belongs to the name: it is shown escaped instead of splitting the line.

    Examples
    --------
    >>> text_lines("Solution:\\nM1: `A\\nB`*C -> Y")
    ['Solution:', 'M1: `A\\\\nB`*C -> Y']
    """
    if "`" not in text:
        return [text_cell(line) for line in text.split("\n")]
    lines, line, quoted = [], [], False
    for ch in text:
        if ch == "`":
            quoted = not quoted  # a doubled backtick inside a name toggles twice: still inside
        if ch == "\n" and not quoted:
            lines.append(text_cell("".join(line)))
            line = []
        else:
            line.append(ch)
    lines.append(text_cell("".join(line)))
    return lines
