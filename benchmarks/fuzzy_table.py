"""Time a fuzzy truth table of 100,000 cases x 20 conditions against the crisp one in the same run.

    python benchmarks/fuzzy_table.py            # the table (about a minute)
    python benchmarks/fuzzy_table.py --smoke    # 20,000 cases, quick

Baseline: ``qca.truth_table`` on crisp cases of the same size (the crisp
benchmark of ``benchmarks/run.py``), measured in the same process. Each
fuzzy case lies in one of ``D`` configurations (its corner), with
memberships drawn on the matching side of 0.5; the figure is the best of
three runs, and the ratio is fuzzy time over crisp time.

Why ``D`` matters: R's ``truthTable`` computes each observed row's incl and
PRI over *every* case (a case has a membership in every corner), so the
work is rows x cases x conditions. With 100,000 cases spread uniformly over
2**20 corners nearly every case is a row of its own (about 95,000 rows):
that is ~2e11 minimum operations, far beyond a second for any exact
method. The last line measures the time per row on that data and
extrapolates it instead of running it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def fuzzy_cases(n: int, k: int, diversity: int | None, seed: int = 0) -> pd.DataFrame:
    """``n`` cases whose corners come from ``diversity`` configurations (None: uniform over 2**k)."""
    rng = np.random.default_rng([seed, n, k, diversity or 0])
    if diversity is None:
        X = rng.integers(0, 2, size=(n, k))
    else:
        X = rng.integers(0, 2, size=(diversity, k))[rng.integers(0, diversity, size=n)]
    M = np.where(X == 1, rng.uniform(0.51, 1.0, size=(n, k)), rng.uniform(0.0, 0.49, size=(n, k)))
    df = pd.DataFrame(M.round(2), columns=[f"X{i + 1}" for i in range(k)], index=[f"c{i}" for i in range(n)])
    df["Y"] = rng.uniform(0, 1, size=n).round(2)
    return df


def best_of(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--k", type=int, default=20)
    ap.add_argument("--diversity", type=int, nargs="+", default=[64, 256, 1024])
    ap.add_argument("--smoke", action="store_true")
    a = ap.parse_args(argv)
    if a.smoke:
        a.n, a.diversity = 20_000, [64]
    import qca
    from benchmarks.generate import many_cases
    from qca.data import prepare
    from qca.truth_table import row_sums

    crisp = many_cases(a.k, a.n)
    qca.truth_table(crisp, "Y")
    base = best_of(lambda: qca.truth_table(crisp, "Y"))
    print(f"| data ({a.n:,} cases x {a.k} conditions) | rows | time (s) | ratio to crisp |")
    print("|---|---:|---:|---:|")
    print(f"| crisp, uniform over 2^{a.k} (baseline) | {len(qca.truth_table(crisp, 'Y').table):,} | "
          f"{base:.3f} | 1.0 |")
    for d in a.diversity:
        df = fuzzy_cases(a.n, a.k, d)
        rows = len(qca.truth_table(df, "Y").table)
        t = best_of(lambda: qca.truth_table(df, "Y"))
        print(f"| fuzzy, corners from {d} configurations | {rows:,} | {t:.3f} | {t / base:.1f} |")
    # uniform over every corner: time 200 rows exactly, extrapolate to all of them
    df = fuzzy_cases(a.n, a.k, None)
    cd = prepare(df, "Y")
    weights = (np.uint64(1) << np.arange(a.k - 1, -1, -1, dtype=np.uint64))
    codes = np.unique(cd.X.astype(np.uint64) @ weights)
    sample = codes[np.linspace(0, len(codes) - 1, 200).astype(int)]
    per_row = best_of(lambda: row_sums(cd.memberships, cd.outcome_membership, sample), repeat=1) / len(sample)
    print(f"| fuzzy, uniform over 2^{a.k} (extrapolated from 200 rows) | {len(codes):,} | "
          f"~{per_row * len(codes):.0f} | ~{per_row * len(codes) / base:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
