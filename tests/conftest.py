"""Fixtures shared by the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import REFERENCE


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """R's reference outputs, kept in the repository (tests/reference/r-qca)."""
    assert REFERENCE.is_dir(), f"R reference outputs missing from the repository: {REFERENCE}"
    return REFERENCE
