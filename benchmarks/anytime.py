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

    python benchmarks/anytime.py                    # every target
    python benchmarks/anytime.py --k 12 --limit 10  # one

Times include listing the prime implicants (and, for qca, everything
``minimize`` does); "proven" means the lower bound equals the best size.
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


def _table(k, rows):
    import qca
    from benchmarks.generate import cases

    return qca.truth_table(cases(k, rows), "Y")


def run_qca(k, rows, limit):
    import qca

    tt = _table(k, rows)
    t = time.perf_counter()
    first = {}

    def progress(stage, done, total, info=None):
        if info and info.get("incumbent") is not None and info.get("bound") is not None:
            if info["incumbent"] <= info["bound"] and "proven" not in first:
                first["proven"] = time.perf_counter() - t

    sol = qca.minimize(tt, include="?", max_solutions=1, time_limit=limit, progress=progress)
    secs = time.perf_counter() - t
    return {"time": secs, "terms": sol.n_terms, "bound": sol.lower_bound, "proven": sol.proven,
            "gap": sol.gap, "stopped": sol.stopped, "generated": bool(sol._generated),
            "implicants": len(sol._pis)}


def _pis(k, rows):
    import numpy as np

    from qca.implicants import prime_implicant_arrays

    tt = _table(k, rows)
    return prime_implicant_arrays(np.sort(tt.codes("1")), tt.codes("0"), np.array([], np.uint64), k,
                                  remainders=True)


def run_highs(k, rows, limit):
    import numpy as np

    from qca.milp import solve_cover

    t = time.perf_counter()
    pis = _pis(k, rows)
    order = np.argsort(pis.pi, kind="stable")
    starts = np.searchsorted(pis.pi[order], np.arange(len(pis) + 1))
    row = pis.row[order]
    cols = [row[starts[i]:starts[i + 1]] for i in range(len(pis))]
    res = solve_cover(cols, len(pis.rows), deadline=time.monotonic() + max(0.1, limit - (time.perf_counter() - t)))
    secs = time.perf_counter() - t
    bound = None if res.bound is None else int(np.ceil(res.bound - 1e-6))
    terms = None if res.value is None else int(res.value)
    return {"time": secs, "terms": terms, "bound": bound, "proven": res.status == "optimal",
            "gap": None if terms is None or bound is None else terms - bound, "implicants": len(pis)}


class _Budget(Exception):
    pass


def run_plain(k, rows, limit):
    from benchmarks.baseline import plain_minimal_covers

    t = time.perf_counter()
    pis = _pis(k, rows)
    chart = pis.chart()

    def tick():
        if time.perf_counter() - t > limit:
            raise _Budget

    try:
        covers, _ = plain_minimal_covers(chart, max_solutions=1, tick=tick)
    except _Budget:
        return {"time": time.perf_counter() - t, "terms": None, "bound": None, "proven": False, "gap": None,
                "stopped": True}
    return {"time": time.perf_counter() - t, "terms": len(covers[0]), "bound": len(covers[0]),
            "proven": True, "gap": 0}


SOLVERS = {"qca": run_qca, "HiGHS, full chart": run_highs, "plain search": run_plain}


def _worker(name, k, rows, limit, queue):
    try:
        queue.put(SOLVERS[name](k, rows, limit))
    except MemoryError:
        queue.put({"error": "out of memory"})
    except Exception as exc:  # noqa: BLE001 - reported in the table
        queue.put({"error": f"{type(exc).__name__}: {exc}"[:80]})


def measure(name, k, rows, limit):
    queue = mp.get_context("fork").Queue()
    proc = mp.get_context("fork").Process(target=_worker, args=(name, k, rows, limit, queue))
    t = time.perf_counter()
    proc.start()
    proc.join(limit + 120)
    if proc.is_alive():
        proc.terminate()
        proc.join()
        return {"error": f"overran (> {limit + 120:g} s)", "time": time.perf_counter() - t}
    return queue.get() if not queue.empty() else {"error": "no result"}


def _cell(r):
    if "error" in r:
        return r["error"]
    if r.get("terms") is None:
        return f"no solution in {r['time']:.1f} s"
    status = "proven" if r["proven"] else f"bound {r['bound']}, gap {r['gap']}"
    return f"{r['terms']} terms, {status} ({r['time']:.1f} s)"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--k", type=int, nargs="*")
    ap.add_argument("--limit", type=float, help="seconds (default: the target's)")
    ap.add_argument("--json", help="write the raw measurements here")
    a = ap.parse_args(argv)
    out = []
    print("| k | rows | limit (s) | qca | HiGHS, full chart | plain search | ratio (HiGHS time / qca time) |")
    print("|---|---|---|---|---|---|---|")
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
        q, h = got["qca"], got["HiGHS, full chart"]
        ratio = "n/a"
        if q.get("proven") and h.get("proven"):
            ratio = f"{h['time'] / q['time']:.2f}"
        elif q.get("proven") and "time" in h and "error" not in h:
            ratio = f"> {h['time'] / q['time']:.2f} (HiGHS not proven)"
        print(f"| {k} | {rows} | {limit:g} | {_cell(q)} | {_cell(h)} | {_cell(got['plain search'])} | {ratio} |",
              flush=True)
        out.append({"k": k, "rows": rows, "limit": limit, **{n: got[n] for n in SOLVERS}})
    if a.json:
        Path(a.json).write_text(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
