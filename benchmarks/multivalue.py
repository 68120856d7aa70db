"""Time the multi-value minimizer against the plain mixed-radix Quine-McCluskey path.

The issue's case: parsimonious solutions (remainders free) of a table with 10
conditions of 3 levels each and 2,000 observed rows. The outcome follows a
rule of three two-literal terms with 5 % of the rows flipped, so the table is
noisy but the solutions stay readable.

Both paths run in one process, one after the other, on the same table:

* ``fast``: ``qca.multivalue.solve_mv`` with ``method="auto"`` (minimal hitting
  sets of the positive rows' differences with the negative rows; the space is
  never listed), then every minimal cover (``qca.chart``);
* ``qmc``: ``method="qmc"``, plain Quine-McCluskey over mixed radix in Python,
  which first lists every configuration that is not a negative row (3**10 =
  59,049) and merges cubes level by level, then the same cover search.

The two must find the same prime implicants and solutions (checked). Figures
are ratios against the plain path measured in the same run.

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


def run(method: str, lv, on, off, max_solutions: int) -> tuple[dict, mv.MVSolve]:
    t0 = time.perf_counter()
    pis = mv.prime_implicants_mv(on, off, [], lv, remainders=True, method=method)
    t1 = time.perf_counter()
    covers = minimal_covers_cells(pis.pi, pis.row, (len(pis), len(pis.rows)), max_solutions=max_solutions)
    t2 = time.perf_counter()
    res = mv.MVSolve(pis, covers)
    return {"PIs": t1 - t0, "chart": t2 - t1, "total": t2 - t0}, res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--levels", type=int, default=3)
    ap.add_argument("--rows", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-solutions", type=int, default=1000)
    ap.add_argument("--smoke", action="store_true", help="k = 7, 600 rows: the quick CI run")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = ap.parse_args(argv)
    if args.smoke:
        args.k, args.rows = 7, 600
    lv, on, off = table(args.k, args.levels, args.rows, args.seed)
    fast, res_fast = run("auto", lv, on, off, args.max_solutions)
    plain, res_plain = run("qmc", lv, on, off, args.max_solutions)
    same = (res_fast.implicants.terms.tolist() == res_plain.implicants.terms.tolist()
            and res_fast.covers.covers == res_plain.covers.covers)
    print(f"# Multi-value minimizer: {args.k} conditions x {args.levels} levels "
          f"({mv.space_size(lv):,} configurations), {len(on) + len(off):,} observed rows "
          f"({len(on)} positive), remainders free\n")
    print(f"{len(res_fast.implicants)} prime implicants, {res_fast.covers.total} minimal solution(s) of "
          f"{len(res_fast.covers.covers[0]) if res_fast.covers.covers else 0} terms; "
          f"both paths agree: {'yes' if same else 'NO'}\n")
    print("| stage | plain QMC (s) | fast (s) | plain / fast |")
    print("|---|---:|---:|---:|")
    for stage in ("PIs", "chart", "total"):
        print(f"| {stage} | {plain[stage]:.3f} | {fast[stage]:.3f} | {plain[stage] / max(fast[stage], 1e-9):.1f} |")
    print(f"\nPython {platform.python_version()}, numpy {np.__version__}, {platform.machine()}")
    if args.json:
        args.json.write_text(json.dumps({"k": args.k, "levels": args.levels, "rows": len(on) + len(off),
                                         "fast": fast, "plain": plain, "same": same}, indent=2))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
