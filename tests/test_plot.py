"""Plots render to PNG with the Agg backend and show what they claim to show."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import qca  # noqa: E402
from qca import plot  # noqa: E402
from qca.cli import main  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n"


def render(fig: Figure) -> np.ndarray:
    """The figure as an RGBA array, via a real PNG."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=60)
    data = buf.getvalue()
    assert data[:8] == PNG and len(data) > 2000
    import matplotlib.image

    return matplotlib.image.imread(io.BytesIO(data))


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


@pytest.fixture(scope="module")
def lipset():
    return qca.datasets.load("LC")


@pytest.fixture(scope="module")
def huang():
    return qca.datasets.load("huang2024")


@pytest.mark.parametrize("k", [1, 2, 3, 4, 5])
def test_venn_shapes_show_every_configuration(k):
    """Each of the 2**k configurations is a region of the diagram, with room for its label."""
    codes = plot._region_codes(k, 240)
    counts = np.bincount(codes.ravel(), minlength=2 ** k)
    assert (counts > 0).all(), [c for c in range(2 ** k) if counts[c] == 0]
    assert counts.min() >= 40  # every region is at least a small patch at this resolution
    points = plot._label_points(codes, 2 ** k)
    for code, (x, y) in points.items():
        i, j = int(y * 240), int(x * 240)
        assert codes[i, j] == code


@pytest.mark.parametrize("k", [1, 2, 3, 4, 5])
def test_venn_renders_counts_and_colours(lipset, k):
    conds = ["DEV", "URB", "LIT", "IND", "STB"][:k]
    tt = qca.truth_table(lipset, "SURV", conds, incl_cut=(1, 0.5) if k == 3 else 1)
    fig = plot.venn(tt)
    assert isinstance(fig, Figure)
    image = render(fig)
    assert image.shape[2] == 4
    labels = texts(fig)
    assert sorted(int(t) for t in labels if t.isdigit()) == sorted(tt.table["n"].tolist())
    assert [t for t in labels if not t.isdigit()] == conds
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    present = set(tt.table["OUT"]) | ({"-"} if len(tt.table) < 2 ** k else set())
    contradictory = [f"contradictory (row{'s' if len(tt.contradictions) > 1 else ''} "
                     + ", ".join(map(str, tt.contradictions.index)) + ")"] if len(tt.contradictions) else []
    assert legend == [plot._OUT_LABELS[o] for o in ("1", "0", "C", "?", "-") if o in present] + contradictory


def test_venn_region_colour_follows_out(lipset):
    tt = qca.truth_table(lipset, "SURV", ["DEV", "STB"])
    fig = plot.venn(tt, legend=False, title="")
    image = fig.axes[0].get_images()[0].get_array()
    codes = plot._region_codes(2, image.shape[0])
    out = dict(zip((tt.table.index - 1).tolist(), tt.table["OUT"]))
    for code in range(4):
        pixel = image[codes == code][0]
        expected = to_rgba(plot.OUT_COLORS[out.get(code, "-")])
        assert np.allclose(pixel, expected), code


def test_venn_options_and_limits(lipset, huang):
    tt = qca.truth_table(huang, "AGREE", ["HARM", "THREAT"], missing="drop", incl_cut=0.8)
    fig = plot.venn(tt, cases=True, rows=True)
    assert "CIS Agreement" in "\n".join(texts(fig))
    render(fig)
    six = qca.truth_table(qca.datasets.load("d.SS"), "O")
    with pytest.raises(qca.QCAError, match="one to five conditions"):
        plot.venn(six)


def test_solution_plot_labels_deviant_cases(huang):
    tt = qca.truth_table(huang, "AGREE", ["HARM", "THREAT"], missing="drop", incl_cut=0.8)
    sol = qca.minimize(tt)
    fig = plot.solution_plot(sol, data=huang)
    render(fig)
    labels = texts(fig)
    assert "China-Germany consultations" in labels  # ~THREAT without AGREE: deviant consistency
    assert "deviant for consistency (1)" in labels and "typical (13)" in labels
    assert "deviant for coverage (0)" in labels
    assert any(t.startswith("undecided (missing codes): UN cyber arms control") for t in labels)
    assert fig.axes[0].get_title() == "M1: ~THREAT -> AGREE  (inclS 0.929, covS 1.000)"
    # the truth table's own cases when no data is given
    assert "undecided" not in " ".join(texts(plot.solution_plot(sol)))


def test_solution_plot_of_an_expression(huang):
    fig = plot.solution_plot("HARM*~THREAT", huang, "AGREE", label="all")
    labels = texts(fig)
    assert "CIS Agreement" in labels and "China-Germany consultations" in labels
    assert "individually irrelevant (2)" in labels
    render(fig)
    with pytest.raises(qca.QCAError, match="give the data and the outcome"):
        plot.solution_plot("HARM")
    with pytest.raises(qca.QCAError, match="label='some'"):
        plot.solution_plot("HARM", huang, "AGREE", label="some")


def test_pi_chart_heatmap(lipset):
    sol = qca.minimize(qca.truth_table(lipset, "SURV"), include="?")
    fig = plot.pi_chart(sol)
    render(fig)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["DEV*~IND", "DEV*STB *", "URB*STB", "IND*STB"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["22\n10101", "24\n10111", "32\n11111"]
    cells = ax.get_images()[0].get_array()
    assert np.array_equal(np.asarray(cells), sol.pi_chart.to_numpy(dtype=float))
    right = [t.get_text() for t in ax.child_axes[0].get_yticklabels()]
    assert right == ["-", "M1", "-", "-"]


def test_plots_draw_on_given_axes(lipset):
    fig = Figure(figsize=(10, 4))
    a, b = fig.subplots(1, 2)
    tt = qca.truth_table(lipset, "SURV", ["DEV", "STB"])
    assert plot.venn(tt, ax=a) is fig
    assert plot.solution_plot(qca.minimize(tt), ax=b) is fig
    render(fig)


def test_plot_command(tmp_path, capsys):
    for kind, extra in (("venn", []), ("solution", ["--include", "?"]), ("chart", ["--include", "?"]),
                        ("solution", ["--expression", "DEV*STB"])):
        out = tmp_path / f"{kind}.png"
        assert main(["plot", kind, "LC", "--outcome", "SURV", *extra, "-o", str(out), "--dpi", "50"]) == 0
        assert out.read_bytes()[:8] == PNG
    assert main(["plot", "solution", "LC", "--outcome", "SURV", "--model", "3", "-o",
                 str(tmp_path / "x.png")]) == 2
    svg = tmp_path / "venn.svg"
    assert main(["plot", "venn", "LC", "--outcome", "SURV", "-o", str(svg)]) == 0
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<?xml")
