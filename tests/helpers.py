"""Paths and loaders shared by the tests."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
REFERENCE = SHARED / "reference" / "r-qca"
PUBLISHED = SHARED / "datasets" / "published"


def read_published(path: Path) -> pd.DataFrame:
    """Read an R-exported CSV: first column the case names, only empty cells missing."""
    return pd.read_csv(path, index_col=0, keep_default_na=False, na_values=[""], dtype={"case": str})
