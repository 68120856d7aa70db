"""Case types against a sufficiency claim (Schneider & Rohlfing's typology).

For a sufficient expression X (a theory's term, or a solution) and an
outcome Y, each case is, in crisp sets:

=========================  ======  ======  ===========================================
type                       X       Y       reading
=========================  ======  ======  ===========================================
typical                    1       1       the claim holds and explains the case
deviant consistency        1       0       X without Y: contradicts sufficiency
deviant coverage           0       1       Y without X: the claim does not explain it
individually irrelevant    0       0       neither: consistent, but says little
=========================  ======  ======  ===========================================

This is the typology that R's SetMethods implements (``cases.suf.typ``,
``cases.suf.dcv``, ``cases.suf.dcn``, ``cases.suf.iir``), reduced to crisp
membership. A case *fits* the claim when it is typical or individually
irrelevant. Memberships are evaluated with three-valued logic, so a case
with a missing code still gets a type wherever its known codes decide it;
otherwise its type is ``undecided`` and it is listed, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .data import case_index, crisp_series, split_outcome
from .errors import QCAError
from .expression import Expression, parse
from .tables import TableView

__all__ = ["CaseTypes", "case_types", "TYPES"]

TYPES = ("typical", "deviant consistency", "deviant coverage", "individually irrelevant")


@dataclass(frozen=True, repr=False)
class CaseTypes(TableView):
    """Each case's type against a sufficiency claim; see :func:`case_types`."""

    expression: Expression
    outcome: str
    _frame: pd.DataFrame = field(repr=False)

    def to_frame(self) -> pd.DataFrame:
        """One row per case (data order): X, Y, ``type``, ``fits``, ``terms`` covering it."""
        return self._frame.copy()

    @property
    def title(self) -> str:  # type: ignore[override]
        return f"Case types for {self.expression} -> {self.outcome}"

    def cases(self, kind: str) -> list[str]:
        """The names of the cases of one type (see ``TYPES``, or ``"undecided"``).

        Examples
        --------
        >>> import pandas as pd
        >>> df = pd.DataFrame({"A": [1, 1, 0], "Y": [1, 0, 1]}, index=["p", "q", "r"])
        >>> case_types(df, "A", outcome="Y").cases("deviant consistency")
        ['q']
        """
        if kind not in (*TYPES, "undecided"):
            raise QCAError(f"unknown case type {kind!r}: choose one of {', '.join(TYPES)}, undecided")
        f = self._frame
        return [str(c) for c in f.index[f["type"] == kind]]

    @property
    def deviant(self) -> list[str]:
        """Cases that break the claim (deviant for consistency or for coverage)."""
        f = self._frame
        return [str(c) for c in f.index[f["type"].isin(["deviant consistency", "deviant coverage"])]]

    def counts(self) -> pd.Series:
        """Number of cases of each type."""
        return self._frame["type"].value_counts().reindex([*TYPES, "undecided"], fill_value=0)

    def _notes(self) -> list[str]:
        c = self.counts()
        return ["; ".join(f"{k}: {int(v)}" for k, v in c.items() if v)]


def case_types(
    data: pd.DataFrame,
    expression: Expression | str,
    outcome: str,
    *,
    case_col: str | None = None,
) -> CaseTypes:
    """Classify every case against the claim ``expression -> outcome``.

    Parameters
    ----------
    data : pandas.DataFrame
        Crisp codes (0/1, missing allowed), case names in the index or ``case_col``.
    expression : Expression or str
        The sufficient term or solution, e.g. ``"HARM*~THREAT"``.
    outcome : str
        ``"Y"`` or ``"~Y"``.
    case_col : str, optional

    Returns
    -------
    CaseTypes
        ``to_frame()`` has one row per case, in the data's order, with the
        membership in the expression (``X``) and the outcome (``Y``) as
        nullable booleans, the ``type``, whether the case ``fits`` the
        claim, and the ``terms`` of the expression that cover it.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"A": [1, 1, 0, 0, None], "B": [0, 0, 0, 1, 1], "Y": [1, 0, 1, 0, 0]},
    ...                   index=["p", "q", "r", "s", "t"])
    >>> ct = case_types(df, "A*~B", outcome="Y")
    >>> ct.to_frame()[["type", "fits"]]
                             type   fits
    case
    p                     typical   True
    q         deviant consistency  False
    r            deviant coverage  False
    s     individually irrelevant   True
    t     individually irrelevant   True
    """
    expr = parse(expression)
    cases = case_index(data, case_col)
    column, negated = split_outcome(outcome)
    if column not in data.columns:
        raise QCAError(f"unknown outcome {column!r}: the data has columns " + ", ".join(map(str, data.columns)))
    y = crisp_series(data, column, cases)
    if negated:
        y = ~y
    x = expr.evaluate(data)
    terms = [(str(t), t.evaluate(data).fillna(False).to_numpy(dtype=bool)) for t in expr.term_expressions()]
    xs = x.to_numpy(dtype=object, na_value=None)
    ys = y.to_numpy(dtype=object, na_value=None)
    kinds = []
    for xi, yi in zip(xs, ys):
        if xi is None or yi is None:
            kinds.append("undecided")
        elif xi and yi:
            kinds.append("typical")
        elif xi:
            kinds.append("deviant consistency")
        elif yi:
            kinds.append("deviant coverage")
        else:
            kinds.append("individually irrelevant")
    covering = [[label for label, member in terms if member[i]] for i in range(len(cases))]
    frame = pd.DataFrame(
        {
            "X": pd.array(x.to_numpy(), dtype="boolean"),
            "Y": pd.array(y.to_numpy(), dtype="boolean"),
            "type": kinds,
            "fits": [k in ("typical", "individually irrelevant") if k != "undecided" else pd.NA for k in kinds],
            "terms": covering,
        },
        index=pd.Index(list(cases), name="case"),
    )
    frame["fits"] = frame["fits"].astype("boolean")
    return CaseTypes(expression=expr, outcome=("~" if negated else "") + column, _frame=frame)
