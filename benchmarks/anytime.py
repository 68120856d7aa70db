"""Anytime minimization against HiGHS on the full chart and the plain search, in the same run.

The targets of issue 14 on the benchmark data (``benchmarks/generate.py``:
planted rule, 5 % noise, one case per row), parsimonious solution, one
core per measurement:

* k = 12, 1,024 rows: the minimum proven and a first minimal solution in
  under 10 s;
* k = 16 and k = 20, 2,000 rows: a solution and a proven bound within 60 s;
* k = 30, 5,000 rows: a solution with a bound, without listing the prime
  implicants (about 9 x 10^8).

Per table, three solvers get the same time limit, each in its own process
(a hard timeout of limit + 120 s stops a process that overruns: it would
show as "overran", never happened in the runs reported):

* **qca**: ``qca.minimize(tt, include="?", max_solutions=1, time_limit=L)``;
* **HiGHS, full chart**: every prime implicant as a column, no reduction,
  ``qca.milp.solve_cover`` (HiGHS MILP, one thread) with the same limit;
* **plain search**: the original chart branch and bound
  (``benchmarks/baseline.py``) on every prime implicant, stopped at the limit
  (up to k = 16: beyond, its dense chart does not fit in memory).

Command::

    python benchmarks/anytime.py                    # every target: k = 12, 16, 20, 30
    python benchmarks/anytime.py --k 12 --limit 10  # one
    python benchmarks/anytime.py --cpu              # limits in CPU seconds (a shared machine)

Times include listing the prime implicants (and, for qca, everything
``minimize`` does, but not building the truth table or importing);
"proven" means the lower bound equals the best size. Each cell gives wall
seconds and CPU seconds (``time.process_time()`` of the solver's process:
HiGHS runs in a worker thread of that process, so it is included); on a
shared machine CPU seconds are the figure to compare. For qca, "proven
after" is when the progress callback first saw the incumbent equal to the
bound: with ``max_solutions=1`` the call itself goes on until the limit,
looking for a second minimal solution to say whether the first is the
only one. The load average (1 minute) before and after each qca run is in
the last column.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGETS = [(12, 1024, 10.0), (16, 2000, 60.0), (20, 2000, 60.0), (30, 5000, 60.0)]

#: --cpu: the limit counts CPU seconds of the solver's process (what one idle core would give), not wall
#: seconds; the solvers are stopped as by Ctrl-C once past it (a wall limit of WALL_FACTOR x the limit stays
#: as a safety net). Column generation (k = 30) is always run with the wall limit: an interrupt skips
#: its exact-pricing bound.
CPU_MODE = False
WALL_FACTOR = 20


class _CpuOut(KeyboardInterrupt):
    """Raised by the progress callback once the CPU budget is spent (handled like Ctrl-C)."""


def _cpu_mode(k):
    return CPU_MODE and k < 30


def _table(k, rows):
    import qca
    from benchmarks.generate import cases

    return qca.truth_table(cases(k, rows), "Y")


def _clock():
    return time.perf_counter(), time.process_time()


def _since(t0):
    return time.perf_counter() - t0[0], time.process_time() - t0[1]


def run_qca(k, rows, limit):
    import qca

    tt = _table(k, rows)
    t0 = _clock()
    first = {}

    def progress(stage, done, total, info=None):
        if info and info.get("incumbent") is not None and info.get("bound") is not None:
            if "first" not in first:
                first["first"] = _since(t0)
            if info["incumbent"] < first.get("best", (float("inf"),))[0]:
                first["best"] = (info["incumbent"], _since(t0))
            if info["incumbent"] <= info["bound"] and "proven" not in first:
                first["proven"] = _since(t0)

    cpu_mode = _cpu_mode(k)
    if cpu_mode:
        inner = progress

        def progress(stage, done, total, info=None):  # noqa: F811 - the CPU budget on top
            inner(stage, done, total, info)
            if time.process_time() - t0[1] > limit:
                raise _CpuOut

    sol = qca.minimize(tt, include="?", max_solutions=1, time_limit=limit * (WALL_FACTOR if cpu_mode else 1),
                       progress=progress)
    wall, cpu = _since(t0)
    if sol.proven and "proven" not in first:  # proven without a progress call (e.g. by the reductions alone)
        first["proven"] = (wall, cpu)
    return {"time": wall, "cpu": cpu, "terms": sol.n_terms, "bound": sol.lower_bound, "proven": sol.proven,
            "gap": sol.gap, "stopped": sol.stopped, "generated": bool(sol._generated),
            "implicants": len(sol._pis), "proven_at": first.get("proven"), "first_at": first.get("first"),
            "best_at": first["best"][1] if first.get("best") and first["best"][0] == sol.n_terms else None}


def _pis(k, rows):
    import numpy as np

    from qca.implicants import prime_implicant_arrays

    tt = _table(k, rows)
    return prime_implicant_arrays(np.sort(tt.codes("1")), tt.codes("0"), np.array([], np.uint64), k,
                                  remainders=True)


def run_highs(k, rows, limit):
    import numpy as np

    from qca.milp import solve_cover

    t0 = _clock()
    t = t0[0]
    pis = _pis(k, rows)
    order = np.argsort(pis.pi, kind="stable")
    starts = np.searchsorted(pis.pi[order], np.arange(len(pis) + 1))
    row = pis.row[order]
    cols = [row[starts[i]:starts[i + 1]] for i in range(len(pis))]
    poll = None
    if _cpu_mode(k):
        def poll(info):
            if time.process_time() - t0[1] > limit:
                raise _CpuOut
    res = solve_cover(cols, len(pis.rows), poll=poll,
                      deadline=time.monotonic() + max(0.1, limit * (WALL_FACTOR if _cpu_mode(k) else 1)
                                                      - (time.perf_counter() - t)))
    secs, cpu = _since(t0)
    bound = None if res.bound is None else int(np.ceil(res.bound - 1e-6))
    terms = None if res.value is None else int(res.value)
    return {"time": secs, "cpu": cpu, "terms": terms, "bound": bound, "proven": res.status == "optimal",
            "gap": None if terms is None or bound is None else terms - bound, "implicants": len(pis)}


class _Budget(Exception):
    pass


def run_plain(k, rows, limit):
    from benchmarks.baseline import plain_minimal_covers

    t0 = _clock()
    t = t0[0]
    pis = _pis(k, rows)
    chart = pis.chart()

    def tick():
        if (time.process_time() - t0[1] if _cpu_mode(k) else time.perf_counter() - t) > limit:
            raise _Budget

    try:
        covers, _ = plain_minimal_covers(chart, max_solutions=1, tick=tick)
    except _Budget:
        wall, cpu = _since(t0)
        return {"time": wall, "cpu": cpu, "terms": None, "bound": None, "proven": False, "gap": None,
                "stopped": True}
    wall, cpu = _since(t0)
    return {"time": wall, "cpu": cpu, "terms": len(covers[0]), "bound": len(covers[0]), "proven": True, "gap": 0}


SOLVERS = {"qca": run_qca, "HiGHS, full chart": run_highs, "plain search": run_plain}


def _worker(name, k, rows, limit, queue):
    try:
        queue.put(SOLVERS[name](k, rows, limit))
    except MemoryError:
        queue.put({"error": "out of memory"})
    except Exception as exc:  # noqa: BLE001 - reported in the table
        queue.put({"error": f"{type(exc).__name__}: {exc}"[:80]})


def measure(name, k, rows, limit):
    import os

    queue = mp.get_context("fork").Queue()
    proc = mp.get_context("fork").Process(target=_worker, args=(name, k, rows, limit, queue))
    load = os.getloadavg()[0]
    t = time.perf_counter()
    proc.start()
    hard = limit * (WALL_FACTOR if _cpu_mode(k) else 1) + 120
    proc.join(hard)
    if proc.is_alive():
        proc.terminate()
        proc.join()
        return {"error": f"overran (> {hard:g} s)", "time": time.perf_counter() - t}
    out = queue.get() if not queue.empty() else {"error": "no result"}
    out["load"] = (load, os.getloadavg()[0])
    return out


def _cell(r):
    if "error" in r:
        return r["error"]
    clock = f"{r['time']:.1f} s wall, {r['cpu']:.1f} s CPU"
    if r.get("terms") is None:
        return f"no solution ({clock})"
    status = "proven" if r["proven"] else f"bound {r['bound']}, gap {r['gap']}"
    out = f"{r['terms']} terms, {status} ({clock})"
    if r.get("best_at"):
        out += f"; found after {r['best_at'][0]:.1f} s wall, {r['best_at'][1]:.1f} s CPU"
    if r.get("proven_at"):
        out += f"; proven after {r['proven_at'][0]:.1f} s wall, {r['proven_at'][1]:.1f} s CPU"
    if r.get("generated"):
        out += f"; column generation: {r['implicants']} implicants generated"
    return out


def _ratio(q, h, p):
    """qca against HiGHS on the full chart and the plain search, as ratios of CPU time or of gap."""
    parts = []
    for name, other in (("HiGHS", h), ("plain", p)):
        if "error" in other or "cpu" not in other:
            continue
        if q.get("proven") and other.get("proven"):
            mine = (q.get("proven_at") or (q["time"], q["cpu"]))[1]
            parts.append(f"{name} CPU / qca CPU to the proof: {other['cpu'] / max(mine, 1e-3):.1f}")
        elif q.get("proven"):
            mine = (q.get("proven_at") or (q["time"], q["cpu"]))[1]
            parts.append(f"{name}: not proven in the limit; > {other['cpu'] / max(mine, 1e-3):.1f}x qca's CPU")
        elif other.get("terms") is None:
            parts.append(f"{name}: no solution in the limit (qca: {q.get('terms')} terms, gap {q.get('gap')})")
        else:
            parts.append(f"{name} gap {other['gap']} vs qca gap {q.get('gap')}")
    return "; ".join(parts) or "n/a"


def main(argv=None):
    import os

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--k", type=int, nargs="*")
    ap.add_argument("--limit", type=float, help="seconds (default: the target's)")
    ap.add_argument("--json", help="write the raw measurements here")
    ap.add_argument("--cpu", action="store_true", help="the limit counts CPU seconds, not wall seconds (k < 30)")
    a = ap.parse_args(argv)
    global CPU_MODE
    CPU_MODE = a.cpu
    out = []
    print(f"Load average at the start: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores). "
          "CPU = time.process_time() of the solver's process (HiGHS's worker thread included). "
          + ("Limits in CPU seconds (k < 30), solvers stopped as by Ctrl-C past them."
             if a.cpu else "Limits in wall seconds."))
    print()
    print("| k | rows | limit (s) | qca | HiGHS, full chart | plain search | ratios | load (start, end) |")
    print("|---|---|---|---|---|---|---|---|")
    for k, rows, limit in TARGETS:
        if a.k and k not in a.k:
            continue
        limit = a.limit or limit
        got = {}
        for name in SOLVERS:
            if k >= 30 and name != "qca":
                got[name] = {"error": "n/a: ~9e8 prime implicants cannot be listed"}
                continue
            if k >= 20 and name == "plain search":
                got[name] = {"error": "n/a: its dense chart (2.3e6 x 1,000) needs > 2 GB"}
                continue
            got[name] = measure(name, k, rows, limit)
        q, h, p = got["qca"], got["HiGHS, full chart"], got["plain search"]
        load = q.get("load", (float("nan"),) * 2)
        print(f"| {k} | {rows} | {limit:g} | {_cell(q)} | {_cell(h)} | {_cell(p)} | {_ratio(q, h, p)} "
              f"| {load[0]:.1f}, {load[1]:.1f} |", flush=True)
        out.append({"k": k, "rows": rows, "limit": limit, **{n: got[n] for n in SOLVERS}})
    if a.json:
        Path(a.json).write_text(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
