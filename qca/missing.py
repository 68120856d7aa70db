"""Sensitivity of an analysis to missing codes: redo it under every completion.

A truth table needs every condition of every case. Dropping the cases
with missing codes (``missing="drop"``) is one answer; this module gives
the other: fill the missing cells with every possible combination of 0 and
1 (``2**m`` completions for ``m`` missing cells; a cell of a multi-value
condition takes each of its levels), redo the analysis under
each, and report which conclusions hold under all of them and which depend
on how a cell is filled.

For the study in ``datasets/huang2024.csv`` two cells are open (THREAT for
the UN process, HARM for the US-Russia dialogue), so there are four
completions; the CIS row turns contradictory when the UN case is coded
THREAT = 0, while the sufficiency of HARM*~THREAT holds under all four.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import numpy as np
import pandas as pd

from .data import case_index, resolve_columns, split_level, split_outcome
from .sets import MULTIVALUE, levels_of, read_set
from .errors import QCAError
from .expression import Expression, parse
from .fit import fit as fit_expression
from .minimize import minimize
from .parallel import check_n_jobs, map_jobs
from .tables import TableView, models_text, plural
from .truth_table import truth_table

__all__ = ["Completions", "missing_completions", "completion", "MAX_CELLS"]

#: most missing cells accepted (2**12 = 4096 completions)
MAX_CELLS = 12


def _solutions(tt, include: str) -> str:
    try:
        sol = minimize(tt, include=include)
    except QCAError as err:
        return f"none ({str(err).split(': ')[0]})"
    return models_text(sol.solutions)


@dataclass(frozen=True, repr=False)
class Completions(TableView):
    """The analysis under every completion of the missing cells; see :func:`missing_completions`.

    Examples
    --------
    >>> import pandas as pd, qca
    >>> df = pd.DataFrame({"A": [1, 1, 0, None], "Y": [1, 1, 0, 0]}, index=list("pqrs"))
    >>> comp = qca.missing_completions(df, "Y")
    >>> len(comp.to_frame())
    2
    """

    outcome: str
    conditions: tuple[str, ...]
    cells: tuple[tuple[str, str], ...]
    expression: Expression | None
    _frame: pd.DataFrame = field(repr=False)
    _details: tuple[dict[int, tuple[list[str], list[str]]], ...] = field(repr=False, default=())

    def to_frame(self) -> pd.DataFrame:
        """One row per completion: the filled values, contradictions, solutions, fit."""
        return self._frame.copy()

    @property
    def title(self) -> str:  # type: ignore[override]
        return (f"Missing-code sensitivity for {self.outcome}: {plural(len(self.cells), 'missing cell')}, "
                f"{plural(len(self._frame), 'completion')}")

    @property
    def robust(self) -> dict[str, bool]:
        """Each conclusion and whether it holds under every completion.

        Keys: ``"same conservative solution"``, ``"same parsimonious solution"``,
        ``"no contradictory row"``, and with an expression
        ``"inclS >= incl_cut"`` and ``"same inclS"``.
        """
        f = self._frame
        out = {
            "same conservative solution": f["conservative"].nunique() == 1,
            "same parsimonious solution": f["parsimonious"].nunique() == 1,
            "same contradictory rows": f["contradictory rows"].map(tuple).nunique() == 1,
        }
        if self.expression is not None:
            out["inclS >= incl_cut"] = bool(f["passes"].all())
            out["same inclS"] = bool(np.allclose(f["inclS"], f["inclS"].iloc[0]))
        return out

    @property
    def contradictions(self) -> pd.DataFrame:
        """Every row that is contradictory under some completion, and under which.

        Columns: ``completions`` (their numbers), ``when`` (the cell values
        those completions share, or ``"always"``), ``positive`` and
        ``negative`` (the cases on each side, under the first such completion).
        """
        f = self._frame
        cells = [f"{case}: {col}" for case, col in self.cells]
        rows: dict[int, dict[str, object]] = {}
        for i, (numbers, detail) in enumerate(zip(f["contradictory rows"], self._details)):
            for row in numbers:
                entry = rows.setdefault(row, {"completions": [], "positive": detail[row][0],
                                              "negative": detail[row][1]})
                entry["completions"].append(i)  # type: ignore[union-attr]
        for entry in rows.values():
            which = entry["completions"]
            if len(which) == len(f):
                entry["when"] = "always"
            else:
                sub = f.loc[which, cells]
                fixed = [c for c in cells if sub[c].nunique() == 1]
                entry["when"] = ", ".join(f"{c} = {sub[c].iloc[0]}" for c in fixed) or "some completions"
        out = pd.DataFrame.from_dict(rows, orient="index", columns=["completions", "when", "positive", "negative"])
        out.index.name = "row"
        return out.sort_index()

    def _when(self, which: Sequence[int]) -> str:
        """The cell values the completions ``which`` share, in words (or their numbers)."""
        f = self._frame
        cells = [f"{case}: {col}" for case, col in self.cells]
        sub = f.loc[list(which), cells]
        fixed = [c for c in cells if sub[c].nunique() == 1]
        if fixed:
            return ", ".join(f"{c} = {sub[c].iloc[0]}" for c in fixed)
        return "in completions " + ", ".join(str(i + 1) for i in which)

    def _varies(self, what: str, values: Sequence[Any], show: Callable[[Any], str] = str) -> str:
        """``what`` is A when ..., B when ...: the values a conclusion takes and where."""
        groups: dict[Any, list[int]] = {}
        for i, v in enumerate(values):
            groups.setdefault(v, []).append(i)
        parts = [f"{show(v)} when {self._when(which)}" for v, which in groups.items()]
        return f"depends on the coding: {what} is " + "; ".join(parts)

    def summary_lines(self) -> list[str]:
        """The conclusions in words: what holds under every completion, and what differs where."""
        f = self._frame
        lines = []
        for kind in ("conservative", "parsimonious"):
            values = f[kind].tolist()
            if len(set(values)) == 1:
                lines.append(f"under every completion: the same {kind} solution, {values[0]}")
            else:
                lines.append(self._varies(f"the {kind} solution", values))
        rows = [tuple(v) for v in f["contradictory rows"]]

        def row_words(v: tuple) -> str:
            return ("rows " + ", ".join(map(str, v))) if len(v) > 1 else (f"row {v[0]}" if v else "none")

        if len(set(rows)) == 1:
            lines.append(f"under every completion: the same contradictory rows ({row_words(rows[0])})")
        else:
            lines.append(self._varies("which rows are contradictory", rows, row_words))
        if self.expression is not None:
            expr = str(self.expression)
            if f["passes"].all():
                lines.append(f"under every completion: inclS of {expr} reaches incl_cut")
            elif not f["passes"].any():
                lines.append(f"under no completion does inclS of {expr} reach incl_cut")
            else:
                lines.append(self._varies(f"whether inclS of {expr} reaches incl_cut",
                                          [bool(v) for v in f["passes"]], lambda v: "yes" if v else "no"))
            incl = [round(float(v), 10) for v in f["inclS"]]
            if self.robust["same inclS"]:
                lines.append(f"under every completion: the same inclS of {expr}, {incl[0]:.3f}")
            else:
                lines.append(self._varies(f"inclS of {expr}", incl, lambda v: f"{v:.3f}"))
        for row, r in self.contradictions.iterrows():
            lines.append(
                f"row {row} is contradictory {'under every completion' if r['when'] == 'always' else 'when ' + r['when']}"
                f" (with {self.outcome}: {', '.join(r['positive'])}; without: {', '.join(r['negative'])})"
            )
        return lines

    def _notes(self) -> list[str]:
        return self.summary_lines()


def completion(job: dict) -> tuple[dict, dict]:
    """One completion of the missing cells: its record (one row of ``Completions.to_frame()``) and details.

    A module-level function so that parallel workers (see
    :mod:`qca.parallel`) can run it; :func:`missing_completions` builds
    the jobs.

    Examples
    --------
    >>> import pandas as pd, qca
    >>> df = pd.DataFrame({"A": [1, 1, 0, None], "Y": [1, 1, 0, 0]}, index=list("pqrs"))
    >>> len(qca.missing_completions(df, "Y").to_frame())  # one completion() per way to fill the cell
    2
    """
    base, cells, values = job["base"], job["cells"], job["values"]
    outcome, conds, incl_cut, expr = job["outcome"], job["conditions"], job["incl_cut"], job["expression"]
    filled = base.copy()
    for (case, col), v in zip(cells, values):
        filled.loc[case, col] = v
    filled = filled.astype("Int64")
    tt = truth_table(filled, outcome, conds, incl_cut=incl_cut, n_cut=job["n_cut"])
    contra = tt.contradictions
    rec: dict[str, object] = {f"{case}: {col}": v for (case, col), v in zip(cells, values)}
    rec["contradictory rows"] = [int(r) for r in contra.index]
    detail = {int(row): (list(r["positive"]), list(r["negative"])) for row, r in contra.iterrows()}
    rec["conservative"] = _solutions(tt, "")
    rec["parsimonious"] = _solutions(tt, "?")
    if expr is not None:
        fr = fit_expression(expr, filled, outcome).to_frame().iloc[-1]
        rec["inclS"] = fr["inclS"]
        rec["covS"] = fr["covS"]
        ic1 = incl_cut if isinstance(incl_cut, (int, float)) else list(incl_cut)[0]
        rec["passes"] = bool(fr["inclS"] >= float(ic1) - 1e-9)
    return rec, detail


def missing_completions(
    data: pd.DataFrame,
    outcome: str,
    conditions: Sequence[str] | str | None = None,
    *,
    incl_cut: float | Sequence[float] = 1,
    n_cut: int = 1,
    expression: Expression | str | None = None,
    case_col: str | None = None,
    n_jobs: int | None = None,
) -> Completions:
    """Redo the truth table and minimization under every completion of the missing cells.

    Parameters
    ----------
    data : pandas.DataFrame
        Crisp codes with some missing cells in the conditions or outcome.
    outcome : str
        ``"Y"`` or ``"~Y"``.
    conditions : list of str, optional
        Default: every other column.
    incl_cut, n_cut
        As in :func:`qca.truth_table`.
    expression : Expression or str, optional
        A claim whose sufficiency fit (inclS, covS) is reported per completion.
    case_col : str, optional
    n_jobs : int, optional
        Run the completions in parallel through joblib (``-1``: every
        core; a Dask cluster under ``joblib.parallel_config(backend="dask")``);
        see :mod:`qca.parallel`. The result is the same as run serially.

    Returns
    -------
    Completions
        ``to_frame()``: one row per completion with a column per missing
        cell (``"case: column"``), the contradictory rows (R row numbers),
        the conservative and parsimonious solutions, and the expression's
        inclS/covS; ``robust`` says what holds under all, and
        ``contradictions`` which rows turn contradictory under which coding.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"A": [1, 1, 0, None], "B": [0, 0, 1, 1], "Y": [1, 1, 0, 0]},
    ...                   index=["p", "q", "r", "s"])
    >>> mc = missing_completions(df, "Y", expression="A*~B")
    >>> mc.to_frame()[["s: A", "conservative", "inclS"]]
       s: A conservative  inclS
    0     0       A*~B    1.0
    1     1       A*~B    1.0
    >>> mc.robust["same conservative solution"]
    True
    """
    cases = case_index(data, case_col)
    column, negated, conds = resolve_columns(data, outcome, conditions, case_col)
    cols = [*conds, column]
    frame = data[cols].copy()
    frame.index = cases
    cells = [(case, col) for col in cols for case in frame.index[frame[col].isna()]]
    if not cells:
        raise QCAError("no missing codes in the chosen columns: there is nothing to complete")
    # a cell of a multi-value column is completed with each of its levels, any other with 0 and 1
    kinds = {col: read_set(data, col, cases, multivalue=True) for col in {c for _, c in cells}}
    options = [tuple(range(levels_of(kinds[col]))) if kinds[col].kind == MULTIVALUE else (0, 1)
               for _, col in cells]
    total = math.prod(len(o) for o in options)
    if len(cells) > MAX_CELLS or total > 2 ** MAX_CELLS:
        raise QCAError(
            f"{len(cells)} missing cells would give {total} completions; "
            f"at most {2 ** MAX_CELLS} completions ({MAX_CELLS} cells of crisp sets) are supported"
        )
    expr = parse(expression) if expression is not None else None
    base = frame.astype("Float64")
    check_n_jobs(n_jobs)
    jobs = [dict(base=base, cells=cells, values=values, outcome=outcome, conditions=conds, incl_cut=incl_cut,
                 n_cut=n_cut, expression=expr) for values in itertools.product(*options)]
    done = map_jobs(completion, jobs, n_jobs=n_jobs)
    records = [rec for rec, _ in done]
    details = [det for _, det in done]
    level = split_level(split_outcome(outcome)[0], [str(c) for c in data.columns])[1]
    return Completions(
        outcome=("~" if negated else "") + column + (f"[{level}]" if level is not None else ""),
        conditions=tuple(conds),
        cells=tuple(cells),
        expression=expr,
        _frame=pd.DataFrame(records),
        _details=tuple(details),
    )
