"""Paths and loaders shared by the tests.

Every file a test reads lives inside the repository: R's reference outputs in
``tests/reference/r-qca/`` (see its PROVENANCE.md), the bundled data sets
through :mod:`qca.datasets`, and any other published file in ``tests/data/``
(see its PROVENANCE.md). A test needs nothing beside the clone.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from qca import datasets

REPO = Path(__file__).resolve().parents[1]
TESTS = REPO / "tests"
REFERENCE = TESTS / "reference" / "r-qca"
TEST_DATA = TESTS / "data"


def read_published(path: Path) -> pd.DataFrame:
    """Read an R-exported CSV: first column the case names, only empty cells missing."""
    return pd.read_csv(path, index_col=0, keep_default_na=False, na_values=[""], dtype={"case": str})


def reference_data(spec: dict) -> pd.DataFrame:
    """The data set an R reference spec names (its ``data`` field), loaded from the repository.

    R's specs name their data as ``../../datasets/published/<NAME>.csv`` (the folder R
    wrote them to); the same file is bundled as ``qca.datasets.load(NAME)`` or, for a set
    that is not bundled, copied unchanged to ``tests/data/<NAME>.csv`` (see its PROVENANCE.md).
    """
    name = Path(spec["data"]).stem
    if name in set(datasets.list()["name"]):
        return datasets.load(name)
    path = TEST_DATA / f"{name}.csv"
    if not path.is_file():
        raise FileNotFoundError(f"R reference data {name!r}: neither bundled (qca.datasets) nor in {TEST_DATA}")
    return read_published(path)


def load_reference(name: str) -> dict:
    """R's output ``tests/reference/r-qca/<name>.json``."""
    return json.loads((REFERENCE / f"{name}.json").read_text(encoding="utf-8"))
