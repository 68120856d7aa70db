"""The HTML report as issue 11 asks: no figure dropped silently, Fiss symbols on their rows,
settings as given, contradictions in the Venn diagram, headers aligned as their columns."""

from __future__ import annotations

import re
import sys

import pytest

import qca
from qca.reporting import _html_frame, solution_table


def test_report_without_matplotlib_says_where_figures_would_be(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib raises ImportError
    rep = qca.report("LC", outcome="SURV", include="?")
    page = rep.to_html()
    assert "<img" not in page
    notes = re.findall(r'<figure class="qca-missing-figure"><p>(.*?)</p></figure>', page)
    assert len(notes) == 3  # Venn diagram, solution plot, PI chart
    assert all('pip install &quot;qca[plot]&quot;' in n for n in notes)


def test_report_venn_gap_for_many_conditions_is_said():
    pytest.importorskip("matplotlib")
    rep = qca.report("Krook", outcome="WNP")
    if len(rep.truth_table.conditions) > 5:  # pragma: no cover - Krook has five
        assert "at most five conditions" in rep.to_html()
    assert rep.figure_gaps() == {}


def test_fiss_symbols_sit_on_their_rows():
    lc = qca.datasets.load("LC")
    sol = qca.minimize(qca.truth_table(lc, "SURV"))
    par = qca.minimize(qca.truth_table(lc, "SURV"), include="?")
    out = _html_frame(solution_table(sol, style="fiss", core=par))
    assert out.startswith('<table class="qca-fiss">')
    # the larger symbols are sized inside a span, the cell itself centred on the row's line
    assert '<td class="qca-symbol"><span style="font-size:1.35em">\u25cf</span></td>' in out
    assert 'style="text-align:center;font-size' not in out
    css = qca.tables.HTML_STYLE
    assert ".qca table.qca-fiss td, .qca table.qca-fiss th { vertical-align: middle;" in css
    assert "line-height: 1" in css
    # the header of a symbol column is centred as its cells
    assert '<th class="qca-symbol">DEV*~URB*LIT*STB</th>' in out


def test_settings_table_shows_incl_cut_as_given():
    rep = qca.report("huang2024", missing="drop", incl_cut=0.8)
    md = rep.to_markdown()
    assert re.search(r"\| incl_cut +\| 0\.8 +\|", md)
    assert "0.8, 0.8" not in md


def test_venn_marks_contradictory_rows():
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    from qca import plot

    huang = qca.datasets.load("huang2024")
    tt = qca.truth_table(huang, "AGREE", ["HARM", "THREAT"], incl_cut=0.8, missing="drop")
    fig = plot.venn(tt)
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "contradictory (row 3)" in labels
    hatched = [c for c in fig.axes[0].get_children() if "///" in (getattr(c, "hatches", None) or [])]
    assert hatched
    lc = qca.truth_table(qca.datasets.load("LC"), "SURV", ["DEV", "URB", "STB"])
    assert not any("contradictory" in t.get_text() for t in plot.venn(lc).axes[0].get_legend().get_texts())


def test_headers_aligned_as_their_columns():
    lc = qca.datasets.load("LC")
    page = qca.truth_table(lc, "SURV").to_html()
    assert '<th>incl</th>' in page and '<th class="qca-text">cases</th>' in page
    assert '<td class="qca-text">BE, CZ, NL, UK</td>' in page
