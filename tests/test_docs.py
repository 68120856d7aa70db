"""The documentation site builds with warnings as errors, its examples run, and the notebook executes.

``python tests/test_docs.py`` rebuilds ``examples/notebook.ipynb`` from its
script twin ``examples/notebook.py``.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
SCRIPT = REPO / "examples" / "notebook.py"
NOTEBOOK = REPO / "examples" / "notebook.ipynb"

#: pages whose ```python blocks run in order (one namespace per page) and whose
#: ```console lines ``$ qca ...`` must exit 0
TESTED_PAGES = [
    "index.md",
    "guarantees.md",
    "getting-started.md",
    "howto/data.md",
    "howto/calibrate.md",
    "howto/truth-table.md",
    "howto/necessity.md",
    "howto/minimize.md",
    "howto/fit-and-cases.md",
    "howto/robustness.md",
    "howto/reports.md",
    "howto/plots.md",
    "howto/fuzzy.md",
    "howto/notebook.md",
    "cli.md",
    "json.md",
    "app.md",
    "multivalue.md",
    "howto/multivalue-cli.md",
]

FENCE = re.compile(r"^```(\w+)[^\n]*\n(.*?)^```", re.M | re.S)


def blocks(page: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in FENCE.finditer((DOCS / page).read_text(encoding="utf-8"))]


def env_with_repo() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""),
            "NO_MKDOCS_2_WARNING": "1"}


# ------------------------------------------------------------------ the site


def test_site_builds_strict(tmp_path):
    """``mkdocs build --strict``: any warning (a broken link, a docstring griffe cannot read) fails."""
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                          cwd=REPO, capture_output=True, text=True, env=env_with_repo(), timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    site = tmp_path / "site"
    api = (site / "api" / "analysis" / "index.html").read_text(encoding="utf-8")
    assert "qca.truth_table.truth_table" in api and "incl_cut" in api
    assert (site / "img" / "venn-lc.png").is_file()
    # nothing is fetched from a CDN when the site is opened
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in index


def test_nav_lists_every_page():
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)

    def pages(nav):
        for item in nav:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                yield from pages(value)
            else:
                yield value

    listed = set(pages(config["nav"]))
    on_disk = {str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md")}
    assert on_disk <= listed, f"pages missing from mkdocs.yml's nav: {sorted(on_disk - listed)}"
    assert set(TESTED_PAGES) <= listed


# ------------------------------------------------------------------ the examples in the pages


@pytest.mark.parametrize("page", TESTED_PAGES)
def test_page_examples_run(page, tmp_path, monkeypatch, capsys):
    import matplotlib

    matplotlib.use("Agg")
    from qca.cli import main

    monkeypatch.chdir(tmp_path)
    namespace: dict = {"__name__": "__docs__"}
    for lang, code in blocks(page):
        if lang == "console":
            for line in code.splitlines():
                if not line.startswith("$ qca "):
                    continue
                argv = shlex.split(line[len("$ qca "):])
                assert main(argv) == 0, (page, line, capsys.readouterr().err)
        elif lang == "python":
            exec(compile(code, f"{page}:python", "exec"), namespace)
    capsys.readouterr()


def test_documented_figures_are_the_ones_the_commands_make(tmp_path):
    """docs/howto/plots.md shows three PNGs and the commands that make them."""
    text = (DOCS / "howto" / "plots.md").read_text(encoding="utf-8")
    for name in ("venn-lc.png", "solution-huang2024.png", "pi-chart-lc.png"):
        assert f"](../img/{name})" in text and f"-o {name}" in text
        assert (DOCS / "img" / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_example_report_is_current(tmp_path, capsys):
    """docs/example-report.md is what `qca report` writes today (dates and versions aside)."""
    from qca.cli import main

    out = tmp_path / "r.md"
    assert main(["report", "huang2024", "--missing", "drop", "--incl-cut", "0.8", "--theory", "HARM*~THREAT",
                 "-o", str(out)]) == 0
    capsys.readouterr()

    def normal(text: str) -> list[str]:
        text = re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d[^.|*]*", "DATE", text)
        text = re.sub(r"\| (qca|python|pandas|numpy) version +\| [^|]+\|", r"| \1 version | V |", text)
        text = re.sub(r"qca \d+\.\d+\.\d+\S*", "qca V", text)
        return [line.rstrip() for line in text.splitlines() if "DATE" not in line]

    fresh = normal(out.read_text(encoding="utf-8"))
    stored = normal((DOCS / "example-report.md").read_text(encoding="utf-8"))
    assert stored == fresh, ("docs/example-report.md is out of date; regenerate it with: qca report huang2024 "
                             "--missing drop --incl-cut 0.8 --theory 'HARM*~THREAT' -o docs/example-report.md")


# ------------------------------------------------------------------ the notebook


def notebook_from_script(text: str):
    """Cells of a ``# %%`` script: ``# %% [markdown]`` cells are comment lines, the rest code."""
    import nbformat

    cells = []
    for chunk in re.split(r"^# %%", text, flags=re.M)[1:]:
        head, _, body = chunk.partition("\n")
        body = body.strip("\n")
        if "[markdown]" in head:
            source = "\n".join(line[2:] if line.startswith("# ") else line.lstrip("#") for line in body.splitlines())
            cells.append(nbformat.v4.new_markdown_cell(source))
        else:
            cells.append(nbformat.v4.new_code_cell(body))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"
    return nb


def test_notebook_matches_its_script():
    import nbformat

    stored = nbformat.read(NOTEBOOK, as_version=4)
    fresh = notebook_from_script(SCRIPT.read_text(encoding="utf-8"))
    assert [(c.cell_type, c.source) for c in stored.cells] == [(c.cell_type, c.source) for c in fresh.cells], \
        "examples/notebook.ipynb differs from examples/notebook.py; rebuild it with: python tests/test_docs.py"
    assert all(not c.get("outputs") for c in stored.cells if c.cell_type == "code"), "commit the notebook without outputs"


def test_notebook_executes(tmp_path, monkeypatch):
    """The example notebook runs top to bottom in a fresh kernel (nbclient)."""
    import nbformat
    from nbclient import NotebookClient

    for key, value in env_with_repo().items():
        monkeypatch.setenv(key, value)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if "data" in o and "text/html" in o["data"]]
    assert any("<details" in h and "13 cases" in h for h in html)  # the truth table, cases folded
    assert sum("image/png" in o.get("data", {}) for o in outputs) >= 2  # Venn diagram and solution plot
    assert (tmp_path / "huang2024-report.html").is_file()


def test_notebook_script_runs(tmp_path):
    """The script twin runs as a plain script too."""
    done = subprocess.run([sys.executable, str(SCRIPT)], cwd=tmp_path, capture_output=True, text=True,
                          env={**env_with_repo(), "MPLBACKEND": "Agg"}, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Crisp-set QCA of AGREE" in done.stdout


if __name__ == "__main__":
    import nbformat

    nbformat.write(notebook_from_script(SCRIPT.read_text(encoding="utf-8")), NOTEBOOK)
    print(f"wrote {NOTEBOOK.relative_to(REPO)}")


# ------------------------------------------------------------------ the study walkthrough


def test_study_page_shows_generated_output_for_every_step():
    """docs/study.md ("the page to read first"): its output is made by docs/hooks/run_code.py at build."""
    import importlib.util
    from types import SimpleNamespace

    spec = importlib.util.spec_from_file_location("run_code", DOCS / "hooks" / "run_code.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    source = (DOCS / "study.md").read_text(encoding="utf-8")
    page = SimpleNamespace(meta={"run": True}, file=SimpleNamespace(src_path="study.md"))
    built = hook.on_page_markdown(source, page, {"config_file_path": str(REPO / "mkdocs.yml")}, None)
    # every python block is followed by its output
    code = [b for lang, b in blocks("study.md") if lang == "python"]
    outputs = [m.group(1) for m in FENCE.finditer(built) if m.group(1) == "text"]
    assert len(code) >= 10 and len(outputs) == len(code)
    assert "M1: HARM*~THREAT -> AGREE" in built and "Truth table for AGREE" in built
    assert "Robustness of the conservative solution for AGREE over 6 settings" in built
    # every section of the example, one import style
    for n in range(1, 11):
        assert f"\n## {n}. " in source, n
    lines = [line.strip() for b in code for line in b.splitlines()]
    assert not [line for line in lines if line.startswith("from ")]
    assert lines.count("import qca") == 1 and sum(line.startswith("import ") for line in lines) == 1
    # nothing written by hand where the build writes it
    assert "```text" not in source
    assert hook.on_page_markdown(source, SimpleNamespace(meta={}), {}, None) == source


def test_mkdocs_runs_the_hook():
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks:\n  - docs/hooks/run_code.py" in text
    assert (DOCS / "study.md").read_text(encoding="utf-8").startswith("---\nrun: true\n---")
