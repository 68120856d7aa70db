"""Time the multi-value minimizer against the plain mixed-radix Quine-McCluskey path.

The issue's case: parsimonious solutions (remainders free) of a table with 10
conditions of 3 levels each and 2,000 observed rows. The outcome follows a
rule of three two-literal terms with 1 % of the rows flipped (``--noise``), so
the table is noisy but the chart stays solvable: with 5 % flipped the optimum
(about 90 terms) is not proven in minutes, whatever found the implicants.

Both paths run in one process, one after the other, on the same table
(prime implicants, the stage where they differ):

* ``fast``: ``qca.multivalue.solve_mv`` with ``method="auto"`` (minimal hitting
  sets of the positive rows' differences with the negative rows; the space is
  never listed), then every minimal cover (``qca.chart``);
* ``qmc``: ``method="qmc"``, plain Quine-McCluskey over mixed radix in Python,
  which first lists every configuration that is not a negative row (3**10 =
  59,049) and merges cubes level by level, then the same cover search.

The two must find the same prime implicants (checked). The chart (the same
code on the same implicants) is then solved once, with ``--max-solutions``
and ``--time-limit``, and its time added to both totals. Figures are ratios
against the plain path measured in the same run.

    python benchmarks/multivalue.py                 # k = 10, 3 levels, 2,000 rows
    python benchmarks/multivalue.py --smoke         # k = 7, 600 rows (CI)
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from qca import multivalue as mv  # noqa: E402
from qca.chart import minimal_covers_cells  # noqa: E402


def table(k: int, levels: int, rows: int, seed: int, noise: float = 0.05):
    """``rows`` distinct configurations of ``k`` conditions with ``levels`` levels, and their outcome."""
    rng = np.random.default_rng(seed)
    lv = (levels,) * k
    size = mv.space_size(lv)
    codes = np.sort(rng.choice(size, size=min(rows, size), replace=False))
    conf = mv.decode(codes, lv)
    rule = np.zeros(len(conf), dtype=bool)
    for a, b in ((0, 1), (2, 3), (4, 5)):  # X0[2]*X1[0] + X2[2]*X3[0] + X4[2]*X5[0]
        rule |= (conf[:, a] == levels - 1) & (conf[:, b] == 0)
    flip = rng.random(len(conf)) < noise
    y = rule ^ flip
    return lv, conf[y], conf[~y]


def implicants(method: str, lv, on, off) -> tuple[float, mv.MVImplicants]:
    t0 = time.perf_counter()
    pis = mv.prime_implicants_mv(on, off, [], lv, remainders=True, method=method)
    return time.perf_counter() - t0, pis


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--levels", type=int, default=3)
    ap.add_argument("--rows", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--noise", type=float, default=0.01, help="share of rows whose outcome is flipped")
    ap.add_argument("--max-solutions", type=int, default=10)
    ap.add_argument("--time-limit", type=float, default=120.0, help="seconds for the chart search")
    ap.add_argument("--smoke", action="store_true", help="k = 7, 600 rows: the quick CI run")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = ap.parse_args(argv)
    if args.smoke:
        args.k, args.rows = 7, 600
    lv, on, off = table(args.k, args.levels, args.rows, args.seed, args.noise)
    t_fast, fast = implicants("auto", lv, on, off)
    t_plain, plain = implicants("qmc", lv, on, off)
    same = fast.terms.tolist() == plain.terms.tolist()
    t0 = time.perf_counter()
    covers = minimal_covers_cells(fast.pi, fast.row, (len(fast), len(fast.rows)),
                                  max_solutions=args.max_solutions, time_limit=args.time_limit)
    t_chart = time.perf_counter() - t0
    print(f"# Multi-value minimizer: {args.k} conditions x {args.levels} levels "
          f"({mv.space_size(lv):,} configurations), {len(on) + len(off):,} observed rows "
          f"({len(on)} positive, {args.noise:.0%} flipped), remainders free\n")
    proof = ("proven minimal" if covers.proven else f"not proven (lower bound {covers.lower_bound})")
    ties = (f"{covers.total} tied" if covers.total is not None
            else f"{len(covers.covers)} listed (ties not all counted)")
    print(f"{len(fast):,} prime implicants (same with both paths: {'yes' if same else 'NO'}); "
          f"solutions of {covers.size} terms, {proof}, {ties}"
          + (f"; chart search stopped: {covers.stopped}" if covers.stopped else "") + "\n")
    rows = {"PIs": (t_plain, t_fast), "chart (shared)": (t_chart, t_chart),
            "total": (t_plain + t_chart, t_fast + t_chart)}
    print("| stage | plain QMC (s) | fast (s) | plain / fast |")
    print("|---|---:|---:|---:|")
    for stage, (a, b) in rows.items():
        print(f"| {stage} | {a:.3f} | {b:.3f} | {a / max(b, 1e-9):.1f} |")
    if args.json:
        args.json.write_text(json.dumps({"k": args.k, "levels": args.levels, "rows": len(on) + len(off),
                                         "pis_fast": t_fast, "pis_plain": t_plain, "chart": t_chart,
                                         "same": same}, indent=2))
    print(f"\nPython {platform.python_version()}, numpy {np.__version__}, {platform.machine()}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
