"""Plots of a crisp- or fuzzy-set analysis (matplotlib; install with ``pip install qca[plot]``).

The figures, each returned as a :class:`matplotlib.figure.Figure` (not
registered with pyplot, so a notebook shows it once; ``fig.savefig(...)``
writes it):

:func:`venn`
    The truth table as a Venn diagram for one to five conditions: each
    region is a configuration, coloured by its OUT value (1, 0, C, ? or an
    unobserved remainder) and labelled with its number of cases; the
    picture R's QCA users get from the ``venn`` package.
:func:`solution_plot`
    The crisp XY plot: every case placed by its membership in the solution
    (x) and in the outcome (y); deviant cases for consistency (solution
    without outcome) and for coverage (outcome without solution) are named.
:func:`xy_plot`
    The fsQCA XY plot: every case as a point at its membership in a
    condition or solution (x) and in the outcome (y), with the diagonal
    (cases above it are consistent with sufficiency), the 0.5 lines, the
    four quadrants named as the case types, inclS and covS in the title and
    the deviant cases labelled. :func:`solution_plot` draws it for fuzzy data.
:func:`pi_chart`
    The prime-implicant chart as a heatmap: which implicant covers which
    positive truth-table row, with the essential implicants and the
    models each implicant belongs to.
:func:`calibration_plot`
    Raw values against calibrated memberships (:func:`qca.calibrate`): the
    calibration function, each case, the anchors marked and, optionally,
    the cases named.

matplotlib is imported only when a plot is drawn, so ``import qca`` works
without it.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np
import pandas as pd

from .errors import QCAError

__all__ = ["venn", "solution_plot", "xy_plot", "pi_chart", "calibration_plot", "OUT_COLORS"]

#: Region colours of :func:`venn` by OUT value ("-" = unobserved remainder).
OUT_COLORS = {
    "1": "#8fd18f",
    "0": "#d4d4d4",
    "C": "#fdb863",
    "?": "#a6cee3",
    "-": "#ffffff",
}

_OUT_LABELS = {
    "1": "OUT = 1",
    "0": "OUT = 0",
    "C": "contradiction (C)",
    "?": "below n.cut (?)",
    "-": "remainder",
}

_TYPE_COLORS = {
    "deviant consistency in degree": "#9e6ab8",
    "on the crossover": "#444444",
    "typical": "#1b7837",
    "deviant consistency": "#c51b7d",
    "deviant coverage": "#e08214",
    "individually irrelevant": "#7f7f7f",
}

# Shapes per number of sets: ("circle", cx, cy, r) or ("ellipse", cx, cy, width, height, angle_degrees),
# then the (x, y) where each set's name is written. The 4- and 5-set ellipses are the classic
# arrangements that show every one of the 2**k regions.
_SHAPES: dict[int, tuple[list[tuple[Any, ...]], list[tuple[float, float]]]] = {
    1: ([("circle", 0.5, 0.47, 0.3)], [(0.5, 0.86)]),
    2: ([("circle", 0.37, 0.47, 0.26), ("circle", 0.63, 0.47, 0.26)], [(0.2, 0.83), (0.8, 0.83)]),
    3: ([("circle", 0.38, 0.57, 0.23), ("circle", 0.62, 0.57, 0.23), ("circle", 0.5, 0.37, 0.23)],
        [(0.16, 0.86), (0.84, 0.86), (0.5, 0.06)]),
    4: ([("ellipse", 0.350, 0.400, 0.72, 0.45, 140.0), ("ellipse", 0.450, 0.500, 0.72, 0.45, 140.0),
         ("ellipse", 0.544, 0.500, 0.72, 0.45, 40.0), ("ellipse", 0.644, 0.400, 0.72, 0.45, 40.0)],
        [(0.09, 0.13), (0.17, 0.88), (0.83, 0.88), (0.91, 0.13)]),
    5: ([("ellipse", 0.428, 0.449, 0.87, 0.50, 155.0), ("ellipse", 0.469, 0.543, 0.87, 0.50, 82.0),
         ("ellipse", 0.558, 0.523, 0.87, 0.50, 10.0), ("ellipse", 0.578, 0.432, 0.87, 0.50, 118.0),
         ("ellipse", 0.489, 0.383, 0.87, 0.50, 46.0)],
        [(0.02, 0.74), (0.70, 0.98), (0.99, 0.66), (0.86, 0.03), (0.10, 0.04)]),
}

_EDGE_COLORS = ["#1f4e9c", "#b2182b", "#2d7d2d", "#7b3294", "#8c510a"]


_FIGURE_CLASS: Any = None


def _literal_text(func: Any) -> Any:
    """Draw every text of the figure literally: a name with ``$`` is a name, not mathtext to parse.

    (``text.parse_math`` is read when a text is made, so the setting holds
    when the figure is drawn later.)
    """
    import functools

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            import matplotlib
        except ImportError:  # pragma: no cover - the function itself says what to install
            return func(*args, **kwargs)
        with matplotlib.rc_context({"text.parse_math": False}):
            return func(*args, **kwargs)

    return wrapper


def _require_matplotlib() -> Any:
    """The Figure class of this module: a matplotlib Figure that shows itself in a notebook."""
    global _FIGURE_CLASS
    if _FIGURE_CLASS is not None:
        return _FIGURE_CLASS
    try:
        import matplotlib  # noqa: F401
        from matplotlib.figure import Figure
    except ImportError as err:  # pragma: no cover - exercised without matplotlib only
        raise QCAError("plots need matplotlib: pip install 'qca[plot]' (or pip install matplotlib)") from err

    class QCAFigure(Figure):
        """A :class:`matplotlib.figure.Figure` with a PNG representation for notebooks.

        Made without pyplot, so it is not kept open by pyplot and a notebook
        shows it once, as the cell's result.
        """

        def _repr_png_(self) -> bytes:
            import io

            buf = io.BytesIO()
            self.savefig(buf, format="png", dpi=100)
            return buf.getvalue()

    _FIGURE_CLASS = QCAFigure
    return QCAFigure


def _figure_and_axes(ax: Any, figsize: tuple[float, float]) -> tuple[Any, Any]:
    Figure = _require_matplotlib()
    if ax is not None:
        return ax.figure, ax
    fig = Figure(figsize=figsize, layout="constrained")
    return fig, fig.add_subplot()


def _check_label(label: str) -> None:
    if label not in ("deviant", "all", "none"):
        raise QCAError(f"label={label!r}: choose 'deviant', 'all' or 'none'")


def _fit_text(incl: float, cov: float) -> str:
    """``inclS 0.850, covS 0.714`` (a dash for a score that cannot be computed)."""
    return ("inclS " + ("-" if np.isnan(incl) else f"{incl:.3f}") + ", covS "
            + ("-" if np.isnan(cov) else f"{cov:.3f}"))


def _crossover_lines(ax: Any) -> None:
    """The dashed lines at membership 0.5 that split an XY plot into its four case types."""
    ax.axvline(0.5, color="#999999", lw=0.8, ls="--")
    ax.axhline(0.5, color="#999999", lw=0.8, ls="--")


def _finish_axes(ax: Any, xlabel: str, ylabel: str, title: str, **title_kw: Any) -> None:
    """Axis labels, the title, and no top or right frame line (every plot of this module but the Venn)."""
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, **title_kw)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


#: where a case label may stand around its point, in points from it, first choice first
_LABEL_OFFSETS = ((4, 3), (4, -3), (-4, 3), (-4, -3), (4, 11), (4, -11), (-4, 11), (-4, -11),
                  (10, 20), (10, -20), (-10, 20), (-10, -20), (16, 30), (16, -30), (-16, 30), (-16, -30))
#: names written per line, and at most per point (the rest are counted), of cases sharing a point
_NAMES_PER_LINE = 3
_NAMES_PER_POINT = 9


def _label_text(names: Sequence[str]) -> str:
    """One label for the cases at one point: ``"AT, BE, CZ\\nDK"``, long lists cut with ``+ n more``."""
    shown = list(names) if len(names) <= _NAMES_PER_POINT else list(names[:_NAMES_PER_POINT - 1])
    lines = [", ".join(shown[i:i + _NAMES_PER_LINE]) for i in range(0, len(shown), _NAMES_PER_LINE)]
    if len(shown) < len(names):
        lines.append(f"+ {len(names) - len(shown)} more")
    return "\n".join(lines)


def _overlap(a: Any, b: Any) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return w * h if w > 0 and h > 0 else 0.0


def _place_labels(ax: Any, named: Sequence[tuple[str, float, float]],
                  points: Sequence[tuple[float, float]]) -> list[Any]:
    """Name cases next to their points so that no two labels overlap.

    Cases at the same point share one label (their names joined). Each
    label takes the first place around its point (right above, right below,
    left above, ..., then further out with a leader line) where it overlaps
    no label placed before it and no other point; where every place is
    taken, the one with the least overlap. Sizes are measured as drawn.
    """
    from matplotlib.transforms import Bbox

    at: dict[tuple[float, float], list[str]] = {}
    for name, xi, yi in named:
        at.setdefault((float(xi), float(yi)), []).append(str(name))
    if not at:
        return []
    fig = ax.figure
    fig.draw_without_rendering()  # settle the layout, so that sizes on the page are final
    renderer = fig._get_renderer()
    to_display = ax.transData.transform
    r = 3.5 * fig.dpi / 72  # a marker's radius, in pixels
    dots = [Bbox.from_extents(px - r, py - r, px + r, py + r)
            for px, py in to_display(np.asarray(points, dtype=float).reshape(-1, 2))]
    taken: list[Any] = []
    made = []
    for (xi, yi), names in sorted(at.items(), key=lambda item: (-item[0][1], item[0][0])):
        text = _label_text(names)
        own = to_display([(xi, yi)])[0]
        best = None
        for dx, dy in _LABEL_OFFSETS:
            far = abs(dy) > 11
            ann = ax.annotate(text, (xi, yi), xytext=(dx, dy), textcoords="offset points", fontsize=7.5,
                              color="#222222", ha="left" if dx > 0 else "right", va="bottom" if dy > 0 else "top",
                              arrowprops=dict(arrowstyle="-", color="#999999", lw=0.5, shrinkA=0, shrinkB=3)
                              if far else None)
            ann.set_in_layout(False)
            box = ann.get_window_extent(renderer)
            cost = sum(_overlap(box, other) for other in taken)
            cost += sum(_overlap(box, d) for d in dots if not (abs((d.x0 + d.x1) / 2 - own[0]) < 0.5
                                                               and abs((d.y0 + d.y1) / 2 - own[1]) < 0.5))
            if best is None or cost < best[0]:
                if best is not None:
                    best[1].remove()
                best = (cost, ann, box)
            else:
                ann.remove()
            if cost == 0:
                break
        taken.append(best[2])
        made.append(best[1])
    return made


def _inside(shape: tuple[Any, ...], x: np.ndarray, y: np.ndarray) -> np.ndarray:
    if shape[0] == "circle":
        _, cx, cy, r = shape
        return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
    _, cx, cy, w, h, angle = shape
    t = math.radians(angle)
    dx, dy = x - cx, y - cy
    u = dx * math.cos(t) + dy * math.sin(t)
    v = -dx * math.sin(t) + dy * math.cos(t)
    return (u / (w / 2)) ** 2 + (v / (h / 2)) ** 2 <= 1


def _region_codes(k: int, resolution: int) -> np.ndarray:
    """Configuration code of every pixel (first condition = most significant bit)."""
    shapes, _ = _SHAPES[k]
    xs = (np.arange(resolution) + 0.5) / resolution
    x, y = np.meshgrid(xs, xs)
    codes = np.zeros((resolution, resolution), dtype=np.int64)
    for i, shape in enumerate(shapes):
        codes |= _inside(shape, x, y).astype(np.int64) << (k - 1 - i)
    return codes


def _label_points(codes: np.ndarray, n_codes: int,
                  blocked: tuple[tuple[float, float, float], ...] = ()) -> dict[int, tuple[float, float]]:
    """For each region, the pixel farthest from any other region and from the ``blocked``
    discs ``(x, y, radius)`` (where the set names are written): its label point."""
    res = codes.shape[0]
    boundary = np.zeros_like(codes, dtype=bool)
    if blocked:
        xs = (np.arange(res) + 0.5) / res
        gx, gy = np.meshgrid(xs, xs)
        for bx, by, br in blocked:
            boundary |= (gx - bx) ** 2 + (gy - by) ** 2 <= br * br
    boundary[:, 1:] |= codes[:, 1:] != codes[:, :-1]
    boundary[:, :-1] |= codes[:, 1:] != codes[:, :-1]
    boundary[1:, :] |= codes[1:, :] != codes[:-1, :]
    boundary[:-1, :] |= codes[1:, :] != codes[:-1, :]
    boundary[0, :] = boundary[-1, :] = boundary[:, 0] = boundary[:, -1] = True
    dist = np.where(boundary, 0, -1)
    reached = boundary.copy()
    step = 0
    while not reached.all():
        step += 1
        grown = reached.copy()
        grown[1:, :] |= reached[:-1, :]
        grown[:-1, :] |= reached[1:, :]
        grown[:, 1:] |= reached[:, :-1]
        grown[:, :-1] |= reached[:, 1:]
        new = grown & ~reached
        dist[new] = step
        reached = grown
    out = {}
    for code in range(n_codes):
        mask = codes == code
        if not mask.any():
            continue
        d = np.where(mask, dist, -1)
        i, j = np.unravel_index(int(np.argmax(d)), d.shape)
        out[code] = ((j + 0.5) / res, (i + 0.5) / res)
    return out


def _name_point(shape: tuple[Any, ...], codes: np.ndarray, k: int, i: int) -> tuple[float, float]:
    """Where to write set ``i``'s name: just outside its shape, beyond the region only it covers."""
    res = codes.shape[0]
    only = np.argwhere(codes == (1 << (k - 1 - i)))
    if len(only) == 0:  # pragma: no cover - every classic shape has such a region
        return shape[1], shape[2]
    py, px = (only.mean(axis=0) + 0.5) / res
    dx, dy = px - 0.5, py - 0.5
    norm = math.hypot(dx, dy) or 1.0
    dx, dy = dx / norm, dy / norm
    t = 0.0
    while t < 1.5 and _inside(shape, np.array(px + t * dx), np.array(py + t * dy)):
        t += 0.005
    x = min(max(px + (t + 0.045) * dx, 0.04), 0.96)
    y = min(max(py + (t + 0.035) * dy, 0.03), 1.035)
    return float(x), float(y)


@_literal_text
def venn(
    tt: Any,
    *,
    counts: bool = True,
    rows: bool = False,
    cases: bool = False,
    legend: bool = True,
    title: str | None = None,
    ax: Any = None,
    figsize: tuple[float, float] = (6.4, 6.0),
    resolution: int = 360,
) -> Any:
    """The truth table as a Venn diagram (one to five conditions).

    Each region is one configuration of the conditions (the area outside
    every shape, inside the frame, is the configuration with every
    condition absent). Regions are coloured by their OUT value
    (:data:`OUT_COLORS`: green 1, grey 0, orange C, blue ? below n.cut,
    white unobserved remainder) and labelled with their number of cases;
    contradictory rows (cases with and without the outcome) are hatched.

    Parameters
    ----------
    tt : TruthTable
        From :func:`qca.truth_table`, with at most five conditions.
    counts : bool
        Write the number of cases in each observed region.
    rows : bool
        Also write R's truth-table row number in each region (small, grey).
    cases : bool
        Write the case names (readable for small data sets only).
    legend : bool
    title : str, optional
        Default: ``"Truth table for Y"``.
    ax : matplotlib.axes.Axes, optional
        Draw there instead of on a new figure.
    figsize : (float, float)
    resolution : int
        Pixels per side of the region raster.

    Returns
    -------
    matplotlib.figure.Figure
        One region per truth-table row, filled by its outcome value.

    Examples
    --------
    >>> import qca, qca.plot
    >>> tt = qca.truth_table(qca.datasets.load("LC"), "SURV", ["DEV", "URB", "STB"])
    >>> fig = qca.plot.venn(tt)
    >>> import matplotlib.figure
    >>> isinstance(fig, matplotlib.figure.Figure)
    True
    """
    k = len(tt.conditions)
    if getattr(tt, "multivalue", False):
        mv = ", ".join(f"{c} has {m} levels" for c, m in zip(tt.conditions, tt.levels) if m > 2)
        raise QCAError(f"a Venn diagram draws two-valued sets only, and {mv}: read the truth table itself, "
                       "or plot the prime-implicant chart (qca.plot.pi_chart)")
    if not 1 <= k <= 5:
        raise QCAError(f"a Venn diagram shows one to five conditions; this truth table has {k}")
    fig, ax = _figure_and_axes(ax, figsize)
    from matplotlib.colors import to_rgba
    from matplotlib.patches import Circle, Ellipse, Patch, Rectangle

    table = tt.table
    out_of = {int(r) - 1: str(o) for r, o in zip(table.index, table["OUT"])}
    n_of = {int(r) - 1: int(n) for r, n in zip(table.index, table["n"])}
    cases_of = {int(r) - 1: list(c) for r, c in zip(table.index, table["cases"])}
    codes = _region_codes(k, resolution)
    palette = np.array([to_rgba(OUT_COLORS[out_of.get(c, "-")]) for c in range(2 ** k)])
    ax.imshow(palette[codes], origin="lower", extent=(0, 1, 0, 1), interpolation="nearest", zorder=0)
    # contradictory rows (cases with and without the outcome) are hatched, whatever their OUT
    contradictory = sorted(int(r) - 1 for r in tt.contradictions.index)
    if contradictory:
        mask = np.isin(codes, contradictory).astype(float)
        ny, nx = mask.shape
        xs, ys = (np.arange(nx) + 0.5) / nx, (np.arange(ny) + 0.5) / ny
        ax.contourf(xs, ys, mask, levels=[0.5, 1.5], colors="none", hatches=["///"], zorder=1)
    shapes, fixed = _SHAPES[k]
    name_xy = fixed if k <= 3 else [_name_point(shape, codes, k, i) for i, shape in enumerate(shapes)]
    for i, shape in enumerate(shapes):
        color = _EDGE_COLORS[i % len(_EDGE_COLORS)]
        if shape[0] == "circle":
            patch = Circle((shape[1], shape[2]), shape[3], fill=False, lw=1.6, ec=color, zorder=2)
        else:
            patch = Ellipse((shape[1], shape[2]), shape[3], shape[4], angle=shape[5], fill=False, lw=1.6,
                            ec=color, zorder=2)
        ax.add_patch(patch)
        x, y = name_xy[i]
        ax.text(x, y, tt.conditions[i], color=color, fontsize=13, fontweight="bold", ha="center", va="center",
                zorder=4)
    ax.add_patch(Rectangle((0, 0), 1, 1, fill=False, lw=1.0, ec="#555555", zorder=2))
    points = _label_points(codes, 2 ** k, tuple((x, y, 0.07) for x, y in name_xy))
    small = k >= 4
    for code, (x, y) in points.items():
        parts = []
        if counts and code in n_of:
            parts.append(str(n_of[code]))
        if cases and code in cases_of:
            names = cases_of[code]
            shown = names[:4] + ([f"+{len(names) - 4}"] if len(names) > 4 else [])
            parts.append("\n".join(shown))
        if parts:
            ax.text(x, y, "\n".join(parts), ha="center", va="center", zorder=3,
                    fontsize=(9 if small else 12) if not cases else 7,
                    fontweight="bold" if not cases else "normal")
        if rows:
            ax.text(x, y - (0.035 if small else 0.045), str(code + 1), ha="center", va="center", zorder=3,
                    fontsize=6 if small else 8, color="#666666")
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.06)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title if title is not None else f"Truth table for {tt.outcome}", fontsize=12)
    if legend:
        present = {out_of.get(c, "-") for c in range(2 ** k)}
        handles = [Patch(facecolor=OUT_COLORS[o], edgecolor="#555555", label=_OUT_LABELS[o])
                   for o in ("1", "0", "C", "?", "-") if o in present]
        if contradictory:
            handles.append(Patch(facecolor="white", edgecolor="#555555", hatch="///",
                                 label=("contradictory (row " if len(contradictory) == 1 else "contradictory (rows ")
                                 + ", ".join(str(c + 1) for c in contradictory) + ")"))
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=len(handles),
                  frameon=False, fontsize=8.5, handlelength=1.2, columnspacing=1.0)
    return fig


def _memberships(
    expression: Any, data: pd.DataFrame, outcome: str, case_col: str | None
) -> tuple[list[str], np.ndarray, np.ndarray]:
    from .data import case_index, split_level, split_outcome
    from .expression import parse
    from .robustness import outcome_values

    expr = parse(expression)
    cases = case_index(data, case_col)
    column, negated = split_outcome(outcome)
    if column not in data.columns:
        column = split_level(column, [str(c) for c in data.columns])[0]
    if column not in data.columns:
        raise QCAError(f"unknown outcome {column!r}: the data has columns " + ", ".join(map(str, data.columns)))
    x = expr.membership(data).to_numpy(dtype=float)
    y = outcome_values(data, outcome, cases)[1]  # also one level of a multi-value outcome: "Y[2]"
    return [str(c) for c in cases], x, y


def _memberships_mv(solution: Any, model: int, data: pd.DataFrame | None,
                    case_col: str | None) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Cases, membership in one model of a multi-value solution, and in its outcome."""
    from .data import case_index
    from .robustness import model_membership, outcome_values
    from .sets import read_set

    tt = solution.truth_table
    conds = list(tt.conditions)
    if data is None:
        cd = tt.data
        codes = {c: np.asarray(cd.X[:, i], dtype=float) for i, c in enumerate(conds)}
        return [str(c) for c in cd.cases], model_membership(solution, model, codes, len(cd.cases)), \
            np.asarray(cd.y, dtype=float)
    cases = case_index(data, case_col)
    codes = {c: read_set(data, c, cases, multivalue=True).values for c in conds}
    x = model_membership(solution, model, codes, len(cases))
    return [str(c) for c in cases], x, outcome_values(data, tt.outcome, cases)[1]


@_literal_text
def solution_plot(
    solution: Any,
    data: pd.DataFrame | None = None,
    outcome: str | None = None,
    *,
    model: int = 0,
    case_col: str | None = None,
    label: str = "deviant",
    max_labels: int = 14,
    title: str | None = None,
    ax: Any = None,
    figsize: tuple[float, float] = (7.2, 6.0),
) -> Any:
    """The crisp XY plot: cases by membership in the solution (x) and the outcome (y).

    The four cells are the case types of a sufficiency claim: typical
    (1, 1), deviant consistency (1, 0: the solution without the outcome),
    deviant coverage (0, 1: the outcome without the solution) and
    individually irrelevant (0, 0). Each case is a dot; deviant cases are
    named.

    Parameters
    ----------
    solution : Solution, Expression or str
        A result of :func:`qca.minimize` (its model ``model`` is plotted),
        or any expression together with ``data`` and ``outcome``.
    data : pandas.DataFrame, optional
        The cases. For a Solution it defaults to the cases of its truth
        table; pass the full data to also place cases the truth table left
        out for missing codes (wherever their known codes decide them).
    outcome : str, optional
        Needed with an expression; a Solution knows its outcome.
    model : int
        Which model of a Solution (0 is M1).
    case_col : str, optional
    label : {"deviant", "all", "none"}
        Which cases to name.
    max_labels : int
        Names written per cell at most; the rest are counted.
    title : str, optional
        Default: the model, the outcome, inclS and covS.
    ax : matplotlib.axes.Axes, optional
        Draw there instead of on a new figure.
    figsize : (float, float)
        Size of a new figure in inches (7.2 by 6.0).

    Returns
    -------
    matplotlib.figure.Figure
        The four cells of case types (the XY plot for fuzzy memberships).

    Examples
    --------
    >>> import qca, qca.plot
    >>> df = qca.datasets.load("huang2024")
    >>> fig = qca.plot.solution_plot("HARM*~THREAT", df, "AGREE")
    >>> [t.get_text() for t in fig.axes[0].texts if "Germany" in t.get_text()]
    ['China-Germany consultations']
    """
    _check_label(label)
    mv = None
    if hasattr(solution, "solutions") and hasattr(solution, "truth_table"):
        n = len(solution.solutions)
        if not 0 <= model < n:
            raise QCAError(f"model={model}: this solution has {n} model(s), numbered from 0")
        expr = solution.solutions[model]
        outcome = solution.truth_table.outcome
        if getattr(solution.truth_table, "multivalue", False):  # memberships from the terms' levels
            mv = _memberships_mv(solution, model, data, case_col)
        elif data is None:
            frame = solution.truth_table.data.frame()
            column = outcome.lstrip("~")
            frame = frame.rename(columns={outcome: column})
            if outcome.startswith("~"):
                frame[column] = 1 - frame[column]
            data, case_col = frame, None
        name = f"M{model + 1}: {expr}"
    else:
        if data is None or outcome is None:
            raise QCAError("solution_plot(expression, data, outcome): give the data and the outcome")
        expr = solution
        name = str(expr)
    if mv is None:
        cases, x, y = _memberships(expr, data, outcome, case_col)
    else:
        cases, x, y = mv
    if any(bool(((v > 0) & (v < 1)).any()) for v in (x, y)):  # fuzzy memberships: the fsQCA XY plot
        return xy_plot(expr, data, outcome, case_col=case_col, label=label, title=title, ax=ax,
                       figsize=figsize, _name=name)
    fig, ax = _figure_and_axes(ax, figsize)
    from .fit import sufficiency_scores

    incl, _, cov = sufficiency_scores(x, y)
    cells = {
        (1, 1): ("typical", "typical"),
        (1, 0): ("deviant consistency", "deviant for consistency"),
        (0, 1): ("deviant coverage", "deviant for coverage"),
        (0, 0): ("individually irrelevant", "individually irrelevant"),
    }
    undecided = [c for c, xi, yi in zip(cases, x, y) if np.isnan(xi) or np.isnan(yi)]
    for (cx, cy), (kind, text) in cells.items():
        members = [c for c, xi, yi in zip(cases, x, y) if xi == cx and yi == cy]
        color = _TYPE_COLORS[kind]
        ax.text(cx, cy + 0.44, f"{text} ({len(members)})", ha="center", va="center", fontsize=9.5,
                color=color, fontweight="bold")
        named = label == "all" or (label == "deviant" and kind.startswith("deviant"))
        if not members:
            continue
        if named:
            shown = members[:max_labels]
            step = min(0.065, 0.72 / max(len(shown), 1))
            top = cy + 0.34
            for i, c in enumerate(shown):
                yy = top - i * step
                ax.plot([cx - 0.4], [yy], "o", color=color, ms=6, zorder=3)
                ax.text(cx - 0.36, yy, c, va="center", ha="left", fontsize=8, color="#222222")
            if len(members) > len(shown):
                ax.text(cx - 0.36, top - len(shown) * step, f"+ {len(members) - len(shown)} more", va="center",
                        ha="left", fontsize=8, color="#555555", style="italic")
        else:
            cols = math.ceil(math.sqrt(len(members)))
            rows_ = math.ceil(len(members) / cols)
            gap = min(0.12, 0.66 / max(cols, rows_))
            for i in range(len(members)):
                r, q = divmod(i, cols)
                px = cx + (q - (cols - 1) / 2) * gap
                py = cy + ((rows_ - 1) / 2 - r) * gap - 0.02
                ax.plot([px], [py], "o", color=color, ms=7, alpha=0.85, zorder=3)
    _crossover_lines(ax)
    ax.set_xlim(-0.5, 1.5)
    ax.set_ylim(-0.5, 1.5)
    ax.set_xticks([0, 1], ["0\nnot in solution", "1\nin solution"])
    ax.set_yticks([0, 1], [f"0\nnot {outcome}", f"1\n{outcome}"])
    _finish_axes(ax, f"membership in {name}", f"membership in {outcome}",
                 title if title is not None else f"{name} -> {outcome}  ({_fit_text(incl, cov)})", fontsize=11)
    if undecided:
        ax.text(0.5, -0.47, "undecided (missing codes): " + ", ".join(undecided), ha="center", va="bottom",
                fontsize=7.5, color="#555555", wrap=True)
    return fig


@_literal_text
def xy_plot(
    expression: Any,
    data: pd.DataFrame,
    outcome: str,
    *,
    case_col: str | None = None,
    label: str = "deviant",
    title: str | None = None,
    ax: Any = None,
    figsize: tuple[float, float] = (6.6, 6.2),
    _name: str | None = None,
) -> Any:
    """The fsQCA XY plot of a condition or solution (x) against the outcome (y).

    Each case is a point at its memberships. Cases on or above the
    diagonal are consistent with sufficiency (X <= Y). The lines at 0.5
    split the plot into the quadrants of the case typology (Schneider &
    Rohlfing 2013): typical (upper right), deviant consistency in kind
    (lower right), deviant coverage (upper left) and individually
    irrelevant (lower left); points in the upper right below the diagonal
    are deviant consistency in degree. The title gives inclS and covS.
    Cases at the same point share one label, and each label stands where
    it covers no other label or point (moved out, with a leader line, when
    the space next to its point is taken).

    Parameters
    ----------
    expression : Expression or str
        A condition (``"DEV"``, ``"~IND"``) or any expression (a solution).
    data : pandas.DataFrame
        Crisp or fuzzy memberships.
    outcome : str
        ``"Y"`` or ``"~Y"``.
    case_col : str, optional
    label : {"deviant", "all", "none"}
        Which cases to name (deviant: in kind for consistency or coverage, and in degree).
    title : str, optional
        Default: the expression, the outcome, then inclS and covS.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; by default a new figure.
    figsize : (float, float)
        Width and height of that new figure, in inches.

    Returns
    -------
    matplotlib.figure.Figure
        One point per case; deviant cases named.

    Examples
    --------
    >>> import qca, qca.plot
    >>> LF = qca.datasets.load("LF")
    >>> fig = qca.plot.xy_plot("DEV*~IND + URB*STB", LF, "SURV")
    >>> fig.axes[0].get_title().splitlines()[1]
    'inclS 0.850, covS 0.714'
    >>> sorted(t.get_text() for t in fig.axes[0].texts if t.get_text() in ("FR", "SE"))
    ['FR', 'SE']
    """
    _check_label(label)
    from .fit import sufficiency_scores

    cases, x, y = _memberships(expression, data, outcome, case_col)
    name = _name if _name is not None else str(expression)
    fig, ax = _figure_and_axes(ax, figsize)
    incl, _, cov = sufficiency_scores(x, y)
    ok = ~np.isnan(x) & ~np.isnan(y)

    def kind(xi: float, yi: float) -> str:
        if xi == 0.5 or yi == 0.5:
            return "on the crossover"
        if xi > 0.5 and yi > 0.5:
            return "typical" if xi <= yi else "deviant consistency in degree"
        if xi > 0.5:
            return "deviant consistency"
        return "deviant coverage" if yi > 0.5 else "individually irrelevant"

    kinds = [kind(a, b) if good else "" for a, b, good in zip(x, y, ok)]
    ax.fill_between([0.5, 1.0], 0.0, 0.5, color=_TYPE_COLORS["deviant consistency"], alpha=0.06, lw=0)
    ax.fill_between([0.0, 0.5], 0.5, 1.0, color=_TYPE_COLORS["deviant coverage"], alpha=0.06, lw=0)
    ax.plot([0, 1], [0, 1], color="#555555", lw=1)
    _crossover_lines(ax)
    quadrants = {
        "typical": (0.75, 1.02), "deviant consistency": (0.75, -0.06),
        "deviant coverage": (0.25, 1.02), "individually irrelevant": (0.25, -0.06),
    }
    for k, (qx, qy) in quadrants.items():
        count = sum(1 for t in kinds if t == k)
        ax.text(qx, qy, f"{k} ({count})", ha="center", va="center", fontsize=8.5,
                color=_TYPE_COLORS[k], fontweight="bold")
    for k in _TYPE_COLORS:
        sel = np.array([t == k for t in kinds], dtype=bool)
        if sel.any():
            ax.scatter(x[sel], y[sel], s=28, color=_TYPE_COLORS[k], zorder=3, alpha=0.9,
                       label=f"{k} ({int(sel.sum())})" if k in ("deviant consistency in degree", "on the crossover")
                       else None)
    named = [(c, xi, yi) for c, xi, yi, t in zip(cases, x, y, kinds)
             if t and (label == "all" or (label == "deviant" and t.startswith("deviant")))]
    if any(t in ("deviant consistency in degree", "on the crossover") for t in kinds):
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, fontsize=7.5, frameon=False)
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.1, 1.06)
    ax.set_aspect("equal")
    _finish_axes(ax, f"membership in {name}", f"membership in {outcome}",
                 title if title is not None else f"{name} -> {outcome}\n{_fit_text(incl, cov)}", fontsize=10.5)
    undecided = [c for c, good in zip(cases, ok) if not good]
    if undecided:
        ax.text(0.5, -0.16, "undecided (missing values): " + ", ".join(undecided), ha="center", va="top",
                fontsize=7, color="#555555", wrap=True, transform=ax.transData)
    _place_labels(ax, named, [(xi, yi) for xi, yi, good in zip(x, y, ok) if good])  # last: the layout is final
    return fig


def _configuration_text(tt: Any, code: int, k: int) -> str:
    """A row's configuration as digits: binary, or the levels of a multi-value table
    (separated by dots when some condition has ten levels or more)."""
    if not getattr(tt, "multivalue", False):
        return format(code, f"0{k}b")
    from .multivalue import decode

    digits = [str(int(v)) for v in decode([code], tt.levels)[0]]
    return ("." if max(tt.levels) > 10 else "").join(digits)


@_literal_text
def pi_chart(
    solution: Any,
    *,
    title: str | None = None,
    ax: Any = None,
    figsize: tuple[float, float] | None = None,
) -> Any:
    """The prime-implicant chart as a heatmap.

    Rows are the prime implicants (essential ones marked with ``*``),
    columns the positive truth-table rows (R's row number over the
    configuration); a filled cell means the implicant covers the row. The
    right margin lists the models (M1, M2, ...) each implicant belongs to.

    Parameters
    ----------
    solution : Solution
        A result of :func:`qca.minimize`.
    title : str, optional
    ax : matplotlib.axes.Axes, optional
    figsize : (float, float), optional
        Default: grows with the chart.

    Returns
    -------
    matplotlib.figure.Figure
        Implicants down, rows with the outcome across.

    Examples
    --------
    >>> import qca, qca.plot
    >>> sol = qca.minimize(qca.truth_table(qca.datasets.load("LC"), "SURV"), include="?")
    >>> fig = qca.plot.pi_chart(sol)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['DEV*~IND', 'DEV*STB *', 'URB*STB', 'IND*STB']
    """
    chart = solution.pi_chart
    if chart.empty:
        raise QCAError("the prime-implicant chart is empty: nothing to plot")
    n_pi, n_rows = chart.shape
    if figsize is None:
        col = max(0.5, 0.1 * len(solution.truth_table.conditions) + 0.12)
        figsize = (max(5.6, 3.2 + col * n_rows + 0.09 * max(len(i) for i in chart.index)),
                   max(2.8, 1.6 + 0.42 * n_pi))
    fig, ax = _figure_and_axes(ax, figsize)
    from matplotlib.colors import ListedColormap

    tt = solution.truth_table
    k = len(tt.conditions)
    ax.imshow(chart.to_numpy(dtype=float), cmap=ListedColormap(["#f2f2f2", "#2a5d9f"]), vmin=0, vmax=1,
              aspect="auto", interpolation="nearest")
    essential = {str(e) for e in solution.essential}
    models: dict[str, list[str]] = {str(p): [] for p in chart.index}
    for i, expr in enumerate(solution.solutions):
        for t in expr.terms:
            key = str(t)
            if key in models:
                models[key].append(f"M{i + 1}")
    ax.set_yticks(range(n_pi), [f"{p} *" if p in essential else str(p) for p in chart.index])
    ax.set_xticks(range(n_rows), [f"{r}\n{_configuration_text(tt, int(r) - 1, k)}" for r in chart.columns],
                  fontsize=8 if n_rows > 12 else 9)
    ax.set_xticks(np.arange(-0.5, n_rows, 1), minor=True)
    ax.set_yticks(np.arange(-0.5, n_pi, 1), minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="minor", length=0)
    right = ax.secondary_yaxis("right")
    n_models = len(solution.solutions)

    def in_models(names: list[str]) -> str:
        if not names:
            return "-"
        if len(names) <= 4:
            return ", ".join(names)
        return f"{len(names)} of {n_models}"

    right.set_yticks(range(n_pi), [in_models(models[str(p)]) for p in chart.index], fontsize=8.5)
    right.tick_params(length=0)
    right.set_ylabel("in model", fontsize=9)
    ax.set_xlabel("positive row (number, then " + "".join(c[0] for c in tt.conditions)
                  + " = " + ", ".join(tt.conditions) + ")", fontsize=8.5, wrap=True)
    kind = "parsimonious" if "?" in solution.include else "conservative"
    if getattr(solution, "dir_exp", None) is not None:
        kind = "intermediate"
    ax.set_title(title if title is not None else
                 f"Prime-implicant chart: {kind} solution for {tt.outcome}\n(* essential implicant)", fontsize=10)
    return fig



def calibration_plot(
    x: Any,
    thresholds: Any = None,
    type: str = "fuzzy",
    method: str = "direct",
    logistic: bool = True,
    idm: float = 0.95,
    ecdf: bool = False,
    below: float = 1,
    above: float = 1,
    *,
    labels: Any = False,
    title: str | None = None,
    ax: Any = None,
    figsize: tuple[float, float] = (7.2, 4.8),
) -> Any:
    """The calibration plot: each case's raw value (x) against its membership (y).

    The memberships are :func:`qca.calibrate` with the same arguments. The
    calibration function is drawn over the range of the data (for the
    direct method; the sample-based methods, ``ecdf``, TFR and indirect,
    join the cases instead), the anchors are marked as vertical lines with
    their names, and the memberships they stand for (``1 - idm``, 0.5,
    ``idm`` for the logistic function) as horizontal ones. Cases with a
    missing raw value are listed under the plot.

    Parameters
    ----------
    x : array-like or pandas.Series
        The raw values; a Series' index gives the case names.
    thresholds, type, method, logistic, idm, ecdf, below, above
        As for :func:`qca.calibrate`.
    labels : bool or sequence of str
        Name the cases: ``True`` uses the Series index (or positions), a
        sequence gives one name per case; ``False`` (default) names none.
    title : str, optional
        Default: the column, the set type, the function and the anchors.
    ax : matplotlib.axes.Axes, optional
        Draw there instead of on a new figure.
    figsize : (float, float)
        Inches across and down, when the plot makes its own figure.

    Returns
    -------
    matplotlib.figure.Figure
        Red dots for the cases on the blue calibration function, grey anchor lines.

    Examples
    --------
    >>> import qca, qca.plot
    >>> lr = qca.datasets.load("LR")
    >>> fig = qca.plot.calibration_plot(lr["DEV"], "e=350, c=550, i=900", labels=True)
    >>> sorted(t.get_text() for t in fig.axes[0].texts if t.get_text().startswith(("e=", "c=", "i=")))
    ['c=550', 'e=350', 'i=900']
    """
    from .calibrate import calibrate, parse_thresholds

    kwargs = dict(type=type, method=method, logistic=logistic, idm=idm, ecdf=ecdf, below=below, above=above)
    fs = np.asarray(calibrate(x, thresholds, **kwargs), dtype=float)
    if isinstance(x, pd.Series):
        raw = pd.to_numeric(x, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        cases = [str(c) for c in x.index]
        name = str(x.name) if x.name is not None else "x"
    else:
        raw = np.asarray(pd.to_numeric(pd.Series(list(np.ravel(np.asarray(x, dtype=object)))), errors="coerce"),
                         dtype=float)
        cases = [str(k + 1) for k in range(raw.size)]
        name = "x"
    if labels is not False and labels is not True and labels is not None:
        names = [str(v) for v in labels]
        if len(names) != raw.size:
            raise QCAError(f"labels has {len(names)} names for {raw.size} cases: give one name per case")
        cases = names
    fig, ax = _figure_and_axes(ax, figsize)
    ok = ~np.isnan(raw)
    lo, hi = float(raw[ok].min()), float(raw[ok].max())
    anchors = parse_thresholds(thresholds) if thresholds is not None else None
    span = [lo, hi] + (list(anchors.values) if anchors is not None else [])
    left, right = min(span), max(span)
    pad = (right - left) * 0.04 or 1.0
    sample_based = type == "fuzzy" and (method != "direct" or (ecdf and not logistic))
    if not sample_based:
        grid = np.linspace(left - pad, right + pad, 600)
        grid = np.union1d(grid, np.array(anchors.values))
        curve = np.asarray(calibrate(np.concatenate([grid, [lo, hi]]), thresholds, **kwargs))[:-2]
        ax.plot(grid, curve, color="#3b5b92", lw=1.6, zorder=2, label="calibration function",
                drawstyle="steps-post" if type == "crisp" else "default")
    else:
        order = np.argsort(raw[ok])
        ax.plot(raw[ok][order], fs[ok][order], color="#3b5b92", lw=1.0, alpha=0.6, zorder=2)
    ax.scatter(raw[ok], fs[ok], s=30, color="#c0392b", zorder=3, label="cases")
    top = float(np.nanmax(fs)) if type == "crisp" else 1.0
    if anchors is not None:
        names = anchors.names or tuple(f"t{k + 1}" for k in range(len(anchors.values)))
        for n, v in zip(names, anchors.values):
            ax.axvline(v, color="#777777", lw=0.8, ls="--", zorder=1)
            ax.text(v, top * 1.08 + 0.02, f"{n}={_anchor_text(v)}", ha="center", va="bottom", fontsize=8,
                    color="#333333")
    if type == "fuzzy":
        levels = [0.5] + ([1 - idm, idm] if method == "direct" and logistic and anchors is not None
                          and len(anchors.values) == 3 else [])
        for level in levels:
            ax.axhline(level, color="#bbbbbb", lw=0.7, ls=":", zorder=1)
    missing = [c for c, good in zip(cases, ok) if not good]
    if missing:
        ax.text(0.5, -0.22, "missing raw value: " + ", ".join(missing), ha="center", va="top", fontsize=7,
                color="#555555", transform=ax.transAxes)
    ax.set_xlim(left - pad, right + pad)
    ax.set_ylim(-0.05 * top - 0.02, top * 1.16 + 0.04)
    what = str(anchors) if anchors is not None else method
    shape = "cut points" if type == "crisp" else method if method != "direct" else ("logistic" if logistic and (anchors is None or
                                                                           len(anchors.values) == 3)
                                               else "linear")
    _finish_axes(ax, f"raw value of {name}", "membership" if type == "fuzzy" else "crisp level",
                 title if title is not None else f"Calibration of {name} ({type}, {shape}): {what}",
                 fontsize=10.5, pad=16)
    if labels is not False and labels is not None:  # last: the layout is final
        placed = [(c, xi, yi) for c, xi, yi in zip(cases, raw, fs) if not (np.isnan(xi) or np.isnan(yi))]
        _place_labels(ax, placed, [(xi, yi) for _, xi, yi in placed])
    return fig


def _anchor_text(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"
