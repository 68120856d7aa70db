"""Every multi-value data set R's QCA ships, through our mvQCA path, checked by brute force (issue 13).

LM (bundled), HarKem (= R's d.HK and d.partybans), d.pban and d.SA (= R's
d.transport), copied unchanged into tests/data (PROVENANCE.md). For each
outcome, negated outcome and a few cut-offs:

* the truth table: every case in exactly one row, its codes the row's
  configuration, the row number R's (1 + the configuration read as a
  mixed-radix number, first condition most significant), rows ascending;
* the conservative and the parsimonious solution, against a brute force
  over every term of the mixed-radix space written here with plain numpy:
  the prime implicants (implicants of the function, not inside a larger
  implicant, covering a positive row) are exactly ours, and our solutions
  are exactly the covers with the fewest prime implicants; each solution
  covers every positive row and no negative one.
"""

from __future__ import annotations

import hashlib
import itertools
import json

import numpy as np
import pandas as pd
import pytest

import qca
from helpers import TEST_DATA, read_published

SHA256 = json.loads((TEST_DATA / "published_sha256.json").read_text(encoding="utf-8"))


def _data(name: str) -> pd.DataFrame:
    if name == "LM":
        return qca.datasets.load("LM")
    path = TEST_DATA / f"{name}.csv"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == SHA256[path.name]  # R's file, unchanged
    return read_published(path)


CASES = [
    ("LM", "SURV", "DEV,URB,LIT,IND,STB", [(1, 1), (0.8, 2)]),
    ("LM", "~SURV", "DEV,URB,LIT,IND,STB", [(1, 1)]),
    ("HarKem", "PB", "C,F,T,R,V", [(1, 1), (1, 2)]),
    ("HarKem", "~PB", "C,F,T,R,V", [(1, 1)]),
    ("HarKem", "PBI", "C,F,T,R,V", [(1, 1), (0.75, 1)]),
    ("HarKem", "~PBI", "C,F,T,R,V", [(1, 1), (0.8, 1), (1, 2)]),
    ("d.pban", "PB", "C,F,T,V", [(1, 1), (1, 2)]),
    ("d.pban", "~PB", "C,F,T,V", [(1, 1)]),
    ("d.SA", "ACC", "FED,FIN,URB,GER,HIS,COO,PRO,DIS,EXP", [(1, 1)]),
    ("d.SA", "~ACC", "FED,FIN,URB,GER,HIS,COO,PRO,DIS,EXP", [(1, 1)]),
]


def _covers(terms: np.ndarray, configs: np.ndarray) -> np.ndarray:
    """(terms x configs): whether each term (0 free, v + 1 level v) contains each configuration."""
    if len(configs) == 0:
        return np.zeros((len(terms), 0), dtype=bool)
    return ((terms[:, None, :] == 0) | (terms[:, None, :] - 1 == configs[None, :, :])).all(axis=2)


def _minimum_covers(chart: np.ndarray) -> set[frozenset[int]]:
    """Every cover of the columns with the fewest rows (exhaustive: branch on the first open column)."""
    for k in range(1, len(chart) + 1):
        found: set[frozenset[int]] = set()

        def grow(chosen: list[int], covered: np.ndarray) -> None:
            if covered.all():
                found.add(frozenset(chosen))
                return
            if len(chosen) == k:
                return
            col = int(np.flatnonzero(~covered)[0])
            for i in np.flatnonzero(chart[:, col]):
                grow([*chosen, int(i)], covered | chart[i])

        grow([], np.zeros(chart.shape[1], dtype=bool))
        if found:
            return found
    return set()


@pytest.mark.parametrize("name, outcome, conds, cuts", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_truth_table_and_solutions_by_brute_force(name, outcome, conds, cuts):
    data = _data(name)
    conds = conds.split(",")
    levels = [int(data[c].max()) + 1 for c in conds]
    assert max(levels) > 2
    space = np.array(list(itertools.product(*[range(m) for m in levels])), dtype=np.int64)
    terms = np.array(list(itertools.product(*[range(m + 1) for m in levels])), dtype=np.int64)
    for incl_cut, n_cut in cuts:
        tt = qca.truth_table(data, outcome, conds, incl_cut=incl_cut, n_cut=n_cut)
        assert tt.levels == tuple(levels)
        # -- the truth table: R's row numbers, every case once
        seen = []
        for row, r in tt.table.iterrows():
            config = [int(r[c]) for c in conds]
            number = 0
            for v, m in zip(config, levels):
                number = number * m + v
            assert int(row) == number + 1
            for case in r["cases"]:
                assert [int(data.loc[case, c]) for c in conds] == config
            seen += list(r["cases"])
        assert sorted(seen) == sorted(map(str, data.index))
        assert list(tt.table.index) == sorted(tt.table.index)
        out = {tuple(int(r[c]) for c in conds): str(r["OUT"]) for _, r in tt.table.iterrows()}
        status = np.array([out.get(tuple(c), "?") for c in space.tolist()])
        on = space[status == "1"]
        # -- conservative (every other configuration is negative) and parsimonious (remainders free)
        for include, negative in (("", status != "1"), ("?", np.isin(status, ["0", "C"]))):
            sol = qca.minimize(tt, include=include)
            off = space[negative]
            implicant = ~_covers(terms, off).any(axis=1)
            keys = {tuple(t) for t in terms[implicant].tolist()}
            primes = []
            for t in terms[implicant]:
                wider = (tuple(0 if j == i else v for j, v in enumerate(t.tolist())) for i in np.flatnonzero(t))
                if not any(w in keys for w in wider):
                    primes.append(t)
            primes = np.array(primes)
            chart = _covers(primes, on)
            primes, chart = primes[chart.any(axis=1)], chart[chart.any(axis=1)]
            ours = sol.implicant_terms
            assert {tuple(t) for t in ours.tolist()} == {tuple(t) for t in primes.tolist()}, include
            want = {frozenset(tuple(primes[i].tolist()) for i in c) for c in _minimum_covers(chart)}
            got = {frozenset(tuple(ours[i].tolist()) for i in c) for c in sol.covers}
            assert got == want, (include, len(got), len(want))
            for c in sol.covers:
                assert _covers(ours[list(c)], on).any(axis=0).all()
                assert not _covers(ours[list(c)], off).any()
            assert len(sol.solutions) == len(want)


def test_the_legacy_names_are_the_same_files():
    """R ships HarKem as d.HK and d.partybans too, and d.SA as d.transport: one check covers each pair."""
    assert SHA256["HarKem.csv"] == hashlib.sha256((TEST_DATA / "HarKem.csv").read_bytes()).hexdigest()
    pban, hk = _data("d.pban"), _data("HarKem")
    assert list(pban.columns) == ["C", "F", "T", "V", "PB"] and len(pban) == len(hk) == 48
    assert _data("d.SA")["FED"].max() == 2
