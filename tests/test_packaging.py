"""The wheel and the sdist carry the data sets, and the wheel alone can load and analyse them.

Built with hatchling's own builders (the backend pyproject.toml names), the same
code ``python -m build`` runs, minus the isolated environment (a few seconds).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from helpers import REPO, REFERENCE, TEST_DATA

hatchling_wheel = pytest.importorskip("hatchling.builders.wheel")  # in the `test` extra
from hatchling.builders.sdist import SdistBuilder  # noqa: E402

DATASET_FILES = sorted(p.name for p in (REPO / "datasets").iterdir() if p.is_file())
MODULES = sorted(p.name for p in (REPO / "qca").glob("*.py"))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("dist")
    wheel = next(iter(hatchling_wheel.WheelBuilder(str(REPO)).build(directory=str(out), versions=["standard"])))
    sdist = next(iter(SdistBuilder(str(REPO)).build(directory=str(out), versions=["standard"])))
    return {"wheel": Path(wheel), "sdist": Path(sdist), "dir": out}


def test_dataset_files_exist():
    assert {"index.json", "MANIFEST.md", "huang2024.csv", "huang2024.md", "LC.csv"} <= set(DATASET_FILES)


def test_wheel_carries_the_package_and_every_data_set(built):
    names = set(zipfile.ZipFile(built["wheel"]).namelist())
    for module in MODULES:
        assert f"qca/{module}" in names, module
    assert "qca/result.schema.json" in names
    for name in DATASET_FILES:
        assert f"qca/_datasets/{name}" in names, name
    assert not any(n.startswith(("tests/", "datasets/")) for n in names)


def test_sdist_carries_data_sets_tests_and_their_reference_files(built):
    with tarfile.open(built["sdist"]) as tar:
        root = tar.getnames()[0].split("/")[0]
        names = {n[len(root) + 1:] for n in tar.getnames()}
    for name in DATASET_FILES:
        assert f"datasets/{name}" in names, name
    for path in [p for p in list(REFERENCE.rglob("*")) + list(TEST_DATA.rglob("*")) if p.is_file()]:
        assert path.relative_to(REPO).as_posix() in names, path
    for needed in ["pyproject.toml", "README.md", "mkdocs.yml", ".ci/run", "examples/huang2024.py", "tests/helpers.py"]:
        assert needed in names, needed


def test_wheel_built_from_the_sdist_carries_the_data_sets(built, tmp_path):
    with tarfile.open(built["sdist"]) as tar:
        tar.extractall(tmp_path, filter="data")
    (src,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    wheel = next(iter(hatchling_wheel.WheelBuilder(str(src)).build(directory=str(tmp_path / "out"),
                                                                    versions=["standard"])))
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in DATASET_FILES:
        assert f"qca/_datasets/{name}" in names, name


def test_the_wheel_alone_loads_every_data_set_and_analyses(built, tmp_path):
    # A pure-Python wheel unpacked is what pip installs; import qca where only
    # that copy can be imported (not the source checkout). The full study
    # example is run from the wheel by hand (docs/getting-started.md); it runs
    # from the checkout in test_examples.py, so here a short analysis suffices.
    site = tmp_path / "site"
    zipfile.ZipFile(built["wheel"]).extractall(site)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(site)
    script = (
        "import qca\n"
        "print(qca.__file__)\n"
        "names = qca.datasets.list()['name'].tolist()\n"
        "assert all(len(qca.datasets.load(n)) for n in names), names\n"
        "tt = qca.truth_table(qca.datasets.load('huang2024'), 'AGREE', ['HARM', 'THREAT'], missing='drop')\n"
        "print(len(names), qca.minimize(tt).solutions)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    where, summary = done.stdout.strip().splitlines()[-2:]
    assert Path(where).is_relative_to(site)
    assert summary.startswith(f"{len([n for n in DATASET_FILES if n.endswith('.csv')])} ")
    assert "HARM*~THREAT" in summary
