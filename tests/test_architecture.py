"""docs/architecture.md describes every module of the package, in the order the data flow through them."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGE = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")


def named(name: str) -> bool:
    return re.search(rf"(?<![\w/]){re.escape(name)}(?!\w)", PAGE) is not None or f"qca/{name}" in PAGE


def test_every_module_is_described():
    package = REPO / "qca"
    files = [p.name for p in package.glob("*.py") if p.name != "__init__.py"]
    files += [p.name for p in package.glob("*.json")]
    files += [f"{p.name}/" for p in package.iterdir() if p.is_dir() and (p / "__init__.py").is_file()]
    files += [f"{p.name}" for p in (package / "app").glob("*.py") if p.name != "__init__.py"]
    missing = [f for f in files if not named(f)]
    assert not missing, f"modules docs/architecture.md does not describe: {missing}"


def test_the_steps_come_in_the_data_flow_order():
    table = PAGE[PAGE.index("| module | owns |"):]
    steps = ["data.py", "sets.py", "calibrate.py", "truth_table.py", "implicants.py", "chart.py", "minimize.py",
             "fit.py", "reporting.py"]
    for text in (PAGE, table):  # the drawing, then the table
        where = [re.search(rf"(?<![\w/]){re.escape(s)}|qca/{re.escape(s)}", text).start() for s in steps]
        assert where == sorted(where), [s for s, w in sorted(zip(steps, where), key=lambda p: p[1])]


def test_the_check_sees_a_missing_module():
    assert named("truth_table.py") and not named("no_such_module.py")
