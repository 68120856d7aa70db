"""How result objects print: terminal text, notebook HTML, Markdown and LaTeX.

Every result object that is a table derives from :class:`TableView` and
implements ``to_frame()``; this module turns that frame into text with
tabulate (``__repr__``, :meth:`TableView.to_markdown`,
:meth:`TableView.to_latex` with booktabs rules) and into HTML for notebooks.
"""

from __future__ import annotations

import html
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
from tabulate import tabulate

__all__ = ["TableView", "format_frame", "fraction"]


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
        index_name = frame.index.name or ""
        if isinstance(frame.index, pd.MultiIndex):
            frame = frame.reset_index()
            body = tabulate(frame, headers="keys", tablefmt=tablefmt, showindex=False, disable_numparse=True)
        else:
            body = tabulate(
                frame, headers=[index_name, *map(str, frame.columns)], tablefmt=tablefmt, disable_numparse=True
            )
        return body

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
        """The table as a LaTeX ``tabular`` with booktabs rules."""
        return self._text("latex_booktabs", digits)

    def _repr_html_(self) -> str:
        frame = format_frame(self.to_frame())
        title = f"<p><b>{html.escape(self.title)}</b></p>" if self.title else ""
        notes = "".join(f"<p>{html.escape(n)}</p>" for n in self._notes())
        return title + frame.to_html(escape=True) + notes
