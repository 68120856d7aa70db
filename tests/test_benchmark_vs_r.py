"""benchmarks/vs_r.py (R's QCA against ours): its data, its checks, and running without R.

The timings themselves are never tested (see docs/benchmarks.md, "Against R"); R is not
needed here.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

import qca

from helpers import REPO

sys.path.insert(0, str(REPO))
from benchmarks import vs_r  # noqa: E402


def test_without_r_it_says_so_and_measures_nothing():
    proc = subprocess.run([sys.executable, str(REPO / "benchmarks" / "vs_r.py"), "--rscript", "no-such-Rscript-here"],
                          capture_output=True, text=True, timeout=120, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    assert "not found" in proc.stdout and "nothing measured" in proc.stdout
    assert "| workload |" not in proc.stdout


@pytest.mark.parametrize("w", vs_r.workloads(smoke=True), ids=lambda w: w.name)
def test_smoke_data_are_of_the_kind_they_claim(w):
    df = w.make()
    conds = [c for c in df.columns if c != "Y"]
    tt = qca.truth_table(df, "Y", conds, incl_cut=w.incl_cut)
    values = df[conds].to_numpy()
    if w.kind == "fuzzy":
        assert ((values > 0) & (values < 1)).any() and not np.isin(values, [0.5]).any()
    elif w.kind == "multi-value":
        assert max(tt.levels) == 3 and set(np.unique(values)) == {0, 1, 2}
    else:
        assert set(np.unique(values)) == {0, 1}
    assert tt.table["n"].sum() == len(df)  # every case in a row: the comparison is on all of them


def test_the_comparison_catches_a_difference():
    ours = {"rows": [1, 2, 5], "incl": [0.5, 1.0, 0.0]}
    assert vs_r.same({"wall": 1, **ours}, ours, "table").startswith("yes")
    assert vs_r.same({"wall": 1, "rows": [1, 2], "incl": [0.5, 1.0]}, ours, "table").startswith("no")
    assert vs_r.same({"wall": 1, "rows": [1, 2, 5], "incl": [0.5, 1.0, 0.01]}, ours, "table").startswith("no")
    models = {"solutions": [["A", "B*~C"], ["A", "D"]]}
    assert vs_r.same({"wall": 1, **models}, {"solutions": [["B*~C", "A"], ["D", "A"]]}, "minimize").startswith("yes")
    assert vs_r.same({"wall": 1, **models}, {"solutions": [["A", "D"]]}, "minimize").startswith("no")
    assert vs_r.same({"stopped": True, "wall": 200}, ours, "table") == "n/a"
