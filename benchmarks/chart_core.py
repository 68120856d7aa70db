"""How hard is the parsimonious chart? Exact solvers on its cyclic core.

The benchmark's parsimonious charts (planted rule plus 5 % noise) reduce,
after every exact reduction, to one large minimum set cover. This script
builds that core and times what it costs to prove its optimum:

* the LP relaxation (HiGHS, through scipy): a lower bound;
* HiGHS's exact MILP (``scipy.optimize.milp``, ``mip_rel_gap=0``), what
  :mod:`qca.chart` uses for big cores;
* when installed (they are not dependencies of qca): OR-Tools CP-SAT and
  PySAT's RC2 MaxSAT solver, the usual alternatives for set cover.

Every solver runs single-threaded in its own process with a time limit,
so the figures compare on one core. Command::

    python benchmarks/chart_core.py                 # k = 12, 1,024 rows, 120 s per solver
    python benchmarks/chart_core.py --k 10 --rows 256 --limit 30

Output: a markdown table (core size, LP bound, optimum and time per
solver; ``> L`` when a solver did not finish in ``L`` seconds).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def core(k: int, rows: int, seed: int = 0) -> tuple[list[int], int, dict]:
    """The cyclic core of the benchmark's parsimonious chart: columns as row bit sets, row count, facts."""
    import qca
    from benchmarks.generate import cases
    from qca.chart import _column_classes, _relabel, cyclic_core
    from qca.implicants import prime_implicant_arrays

    tt = qca.truth_table(cases(k, rows, seed=seed), "Y")
    t = time.perf_counter()
    pis = prime_implicant_arrays(tt.codes("1"), tt.codes("0"), [], k, remainders=True)
    t_pis = time.perf_counter() - t
    n_rows = len(pis.rows)
    t = time.perf_counter()
    _, col_rows = _column_classes(pis.pi, pis.row, len(pis), n_rows)
    cols, active, forced = cyclic_core(col_rows, n_rows)
    t_core = time.perf_counter() - t
    local = _relabel(cols, active)
    facts = dict(k=k, rows=rows, positive=n_rows, pis=len(pis), distinct_columns=len(col_rows),
                 core_rows=active.bit_count(), core_columns=len(local), forced=forced, t_pis=t_pis, t_core=t_core)
    return local, active.bit_count(), facts


def _matrix(cols: list[int], n_rows: int):
    import numpy as np
    from scipy.sparse import csr_matrix

    r, c = [], []
    for i, rs in enumerate(cols):
        for j in range(n_rows):
            if rs >> j & 1:
                r.append(j)
                c.append(i)
    return csr_matrix((np.ones(len(r)), (r, c)), shape=(n_rows, len(cols)))


def solve_lp(cols, n_rows, limit):
    import numpy as np
    from scipy.optimize import linprog

    a = _matrix(cols, n_rows)
    res = linprog(np.ones(len(cols)), A_ub=-a, b_ub=-np.ones(n_rows), bounds=(0, 1), method="highs",
                  options={"time_limit": float(limit)})
    return float(res.fun)


def solve_highs(cols, n_rows, limit):
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp

    a = _matrix(cols, n_rows)
    res = milp(np.ones(len(cols)), constraints=LinearConstraint(a, lb=1), integrality=np.ones(len(cols)),
               bounds=Bounds(0, 1), options={"mip_rel_gap": 0.0, "time_limit": float(limit)})
    return round(float(res.fun)) if res.status == 0 else None


def solve_cpsat(cols, n_rows, limit):
    from ortools.sat.python import cp_model

    m = cp_model.CpModel()
    x = [m.NewBoolVar(f"x{i}") for i in range(len(cols))]
    for j in range(n_rows):
        m.AddBoolOr([x[i] for i, rs in enumerate(cols) if rs >> j & 1])
    m.Minimize(sum(x))
    s = cp_model.CpSolver()
    s.parameters.num_workers = 1
    s.parameters.max_time_in_seconds = float(limit)
    status = s.Solve(m)
    return round(s.ObjectiveValue()) if status == cp_model.OPTIMAL else None


def solve_rc2(cols, n_rows, limit):
    from pysat.examples.rc2 import RC2
    from pysat.formula import WCNF

    w = WCNF()
    for j in range(n_rows):
        w.append([i + 1 for i, rs in enumerate(cols) if rs >> j & 1])
    for i in range(len(cols)):
        w.append([-(i + 1)], weight=1)
    with RC2(w) as r:
        r.compute()
        return r.cost


SOLVERS = {"LP bound (HiGHS)": solve_lp, "HiGHS MILP (scipy)": solve_highs,
           "OR-Tools CP-SAT": solve_cpsat, "PySAT RC2 MaxSAT": solve_rc2}
MODULES = {"OR-Tools CP-SAT": "ortools", "PySAT RC2 MaxSAT": "pysat"}


IMPORTS = {"LP bound (HiGHS)": ["scipy.optimize", "scipy.sparse"], "HiGHS MILP (scipy)": ["scipy.optimize", "scipy.sparse"],
           "OR-Tools CP-SAT": ["ortools.sat.python.cp_model"], "PySAT RC2 MaxSAT": ["pysat.examples.rc2", "pysat.formula"]}


def _worker(name, cols, n_rows, limit, queue):
    import importlib

    for module in IMPORTS[name]:  # imports are not part of the time
        importlib.import_module(module)
    t = time.perf_counter()
    value = SOLVERS[name](cols, n_rows, limit)
    queue.put((value, time.perf_counter() - t))


def timed(name: str, cols: list[int], n_rows: int, limit: float):
    """(value, seconds) of one solver in its own process; (None, None) past the limit."""
    queue: mp.Queue = mp.Queue()
    proc = mp.Process(target=_worker, args=(name, cols, n_rows, limit, queue))
    proc.start()
    proc.join(limit + 5)
    if proc.is_alive():
        proc.terminate()
        proc.join()
        return None, None
    return queue.get() if not queue.empty() else (None, None)


def main(argv: list[str] | None = None) -> int:
    import importlib.util

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--k", type=int, default=12)
    ap.add_argument("--rows", type=int, default=1024)
    ap.add_argument("--limit", type=float, default=120.0, help="seconds per solver")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    cols, n_rows, facts = core(args.k, args.rows, args.seed)
    print(f"k = {facts['k']}, {facts['rows']} rows ({facts['positive']} positive), "
          f"{facts['pis']} prime implicants ({facts['t_pis']:.3f} s), {facts['distinct_columns']} distinct columns; "
          f"cyclic core ({facts['t_core']:.2f} s): {facts['core_rows']} rows x {facts['core_columns']} columns, "
          f"{facts['forced']} implicants forced\n")
    print("| solver | value | seconds |")
    print("|---|---|---|")
    for name in SOLVERS:
        module = MODULES.get(name)
        if module and importlib.util.find_spec(module) is None:
            print(f"| {name} | not installed | |")
            continue
        value, secs = timed(name, cols, n_rows, args.limit)
        if secs is None:
            print(f"| {name} | not finished | > {args.limit:g} |")
        else:
            shown = f"{value:.2f}" if isinstance(value, float) else str(value)
            print(f"| {name} | {shown if value is not None else 'no optimum'} | {secs:.2f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
