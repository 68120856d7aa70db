"""Fixtures shared by the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import REFERENCE


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    if not REFERENCE.is_dir():
        pytest.fail(f"R reference outputs not found at {REFERENCE}: ../shared must sit beside the repo")
    return REFERENCE
