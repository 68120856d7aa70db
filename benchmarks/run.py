"""Time the minimizer against the plain Quine-McCluskey path and sympy's SOPform.

Each measurement runs in its own subprocess (so peak memory is its own and
a run past its budget can be stopped); the table is printed as markdown.

    python benchmarks/run.py                       # the full table (k = 8 ... 30)
    python benchmarks/run.py --k 8 10 12 --smoke   # the quick CI run
    python benchmarks/run.py --out docs/table.md   # also write the table

Stages:

* ``table``: ``qca.truth_table`` on the cases;
* ``PIs``: every prime implicant (fast: ``method="auto"``; QMC: ``method="qmc"``);
* ``chart``: every minimal cover (fast: ``qca.chart.minimal_covers_cells``
  with ``max_solutions``; QMC path: the original branch and bound on the
  dense chart, ``benchmarks/baseline.py``).

A stage past ``--budget`` seconds is stopped through the ``progress``
callback (the same way a user's Ctrl-C stops it) and shown as ``> B s``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


class Budget(Exception):
    """Raised by the progress callback when a stage runs past its budget."""


def default_rows(k: int) -> int:
    """Observed rows for ``k`` conditions: a quarter of the space, at most 2,000 (5,000 at k >= 30)."""
    return 5000 if k >= 30 else min(2000, 2 ** (k - 2))


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _digest(obj) -> str:
    return hashlib.sha1(repr(obj).encode()).hexdigest()[:12]


# ------------------------------------------------------------------ workers
def work_case(k: int, rows: int, kind: str, path: str, budget: float, max_solutions: int, seed: int) -> dict:
    import numpy as np

    import qca
    from benchmarks.generate import cases
    from qca.chart import minimal_covers_cells
    from qca.implicants import prime_implicant_arrays, prime_implicants

    out: dict = {"rss_start": _rss_mb()}
    import qca.chart

    qca.chart.MILP_TIME_LIMIT = budget  # HiGHS does not call back: give it the budget as its time limit

    def emit() -> None:  # partial results, in case the stage after this one has to be killed
        if not IN_PROCESS:
            print(json.dumps(out, default=str), flush=True)
    df = cases(k, rows, seed=seed)
    t = time.perf_counter()
    tt = qca.truth_table(df, "Y")
    out["table"] = time.perf_counter() - t
    emit()
    on, off = tt.codes("1"), tt.codes("0")
    remainders = kind == "parsimonious"
    start = [0.0]

    slack = [0.0]  # the fast chart search stops itself at the budget (time_limit); this is a safety net

    def progress(stage: str, done: int, total: int) -> None:
        out["last"] = f"{stage} {done}/{total}" if total else f"{stage} {done}"
        if time.perf_counter() - start[0] > budget + slack[0]:
            raise Budget(stage)

    mz = sys.modules["qca.minimize"]
    if path == "fast" and remainders and k > mz.GENERATE_K and len(on) * len(off) > mz.GENERATE_CELLS:
        # what minimize does here: the implicants (about 9 x 10^8 at k = 30) are not listed; column
        # generation prices them out of the negative rows, for the budget
        from qca.colgen import column_generation

        t = time.perf_counter()
        cg = column_generation(np.sort(on), off, k, deadline=time.monotonic() + budget)
        out["chart"] = time.perf_counter() - t
        proven = cg.lower_bound >= len(cg.cover)
        out.update(pis_skipped=f"not listed ({len(cg.masks)} generated)",
                   chart_stopped=cg.stopped or ("time limit" if not proven else "column generation"),
                   size=len(cg.cover), bound=cg.lower_bound, proven=proven, rss=_rss_mb())
        return out
    try:
        start[0] = t = time.perf_counter()
        if path == "fast":
            pis = prime_implicant_arrays(on, off, [], k, remainders=remainders, progress=progress)
            n_pi = len(pis)
            pairs_digest = _digest(pis.pairs()) if n_pi < 200_000 else None
            cells = (pis.pi, pis.row)
            n_rows = len(pis.rows)
        else:
            pairs = prime_implicants(on, off, [], k, remainders=remainders, method="qmc")
            n_pi = len(pairs)
            pairs_digest = _digest(pairs)
            rows_arr = np.sort(np.asarray(on, dtype=np.uint64))
            chart = qca.implicants.covers(np.array([p[0] for p in pairs], np.uint64),
                                          np.array([p[1] for p in pairs], np.uint64), rows_arr)
            n_rows = len(rows_arr)
        out["pis"] = time.perf_counter() - t
        out["n_pi"] = n_pi
        out["n_rows"] = n_rows
        out["pi_digest"] = pairs_digest
        out["rss_pis"] = _rss_mb()
        emit()
        start[0] = t = time.perf_counter()
        if path == "fast" and remainders and n_pi > sys.modules["qca.minimize"].POOL_GENERATE:
            # what minimize(time_limit=...) does with a chart this big: column generation over its implicants
            from qca.colgen import column_generation

            slack[0] = 10.0
            cg = column_generation(pis.rows, off, k, pool=(pis.masks, pis.bits, pis.pi, pis.row),
                                   deadline=time.monotonic() + budget)
            out["chart"] = time.perf_counter() - t
            proven = cg.lower_bound >= len(cg.cover)
            out.update(chart_stopped=cg.stopped or ("time limit" if not proven else "column generation"),
                       size=len(cg.cover), bound=cg.lower_bound, proven=proven)
            out["rss"] = _rss_mb()
            return out
        if path == "fast":
            slack[0] = 10.0
            res = minimal_covers_cells(cells[0], cells[1], (n_pi, n_rows), max_solutions=max_solutions,
                                       progress=progress, time_limit=budget)
            covers, capped, total = res.covers, res.capped, res.total
            if res.stopped is not None:  # the best cover found, with its proven lower bound
                out["chart"] = time.perf_counter() - t
                out.update(chart_stopped=res.stopped, size=len(covers[0]), bound=res.lower_bound,
                           proven=res.proven)
                out["rss"] = _rss_mb()
                return out
        else:
            sys.setrecursionlimit(max(sys.getrecursionlimit(), 10 * n_rows + 1000))  # one level per row
            from benchmarks.baseline import plain_minimal_covers

            ticks = [0]

            def tick() -> None:
                ticks[0] += 1
                if not ticks[0] & 0x3FF:
                    progress("chart search", ticks[0], 0)

            covers, capped = plain_minimal_covers(chart, max_solutions, tick)
            total = None if capped else len(covers)
        out["chart"] = time.perf_counter() - t
        out["size"] = len(covers[0]) if covers else None
        out["n_sol"] = len(covers)
        out["capped"] = capped
        out["total"] = total if total is None or total < 10**15 else f"{float(total):.2e}"
        out["sol_digest"] = _digest(covers) if not capped else None
    except Budget as e:
        out["stopped"] = str(e)
    out["rss"] = _rss_mb()
    return out


def work_sympy(k: int, rows: int, kind: str, seed: int) -> dict:
    import sympy

    import qca
    from benchmarks.generate import cases

    df = cases(k, rows, seed=seed)
    tt = qca.truth_table(df, "Y")
    on = [int(x) for x in tt.codes("1")]
    observed = {int(x) for x in tt.codes()}
    dc = [c for c in range(2**k) if c not in observed] if kind == "parsimonious" else []
    syms = sympy.symbols(" ".join(f"X{i + 1}" for i in range(k)))
    t = time.perf_counter()
    expr = sympy.SOPform(list(syms), [[(c >> (k - 1 - i)) & 1 for i in range(k)] for c in on],
                         [[(c >> (k - 1 - i)) & 1 for i in range(k)] for c in dc])
    return {"sympy": time.perf_counter() - t, "terms": len(sympy.Add.make_args(expr)) if expr is not True else 1,
            "rss": _rss_mb()}


def work_table(n: int, k: int, seed: int) -> dict:
    import qca
    from benchmarks.generate import many_cases

    df = many_cases(k, n, seed=seed)
    qca.truth_table(df, "Y")  # warm-up (pandas paths)
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        tt = qca.truth_table(df, "Y")
        best = min(best, time.perf_counter() - t)
    return {"table": best, "n_rows": len(tt.table), "rss": _rss_mb()}


def work_ties(seed: int, max_solutions: int) -> dict:
    """Charts with many tied minimal covers."""
    import numpy as np

    import qca
    from benchmarks.generate import cases
    from qca.chart import minimal_covers, minimal_covers_cells

    out = {}
    # the 64-row, 8-condition table of the issue (R's QCA: about 30 s)
    tt = qca.truth_table(cases(8, 64, seed=seed), "Y")
    t = time.perf_counter()
    sol = qca.minimize(tt, "?")
    out["issue_k8"] = {"time": time.perf_counter() - t, "n_sol": len(sol.solutions), "capped": sol.capped,
                       "n_pi": len(sol.prime_implicants)}
    # 12 independent blocks of 3 rows; in each, 3 interchangeable implicants cover the first two
    # rows and 3 the third -> 9**12 tied covers, listed up to max_solutions
    pi, row = [], []
    n_pi = 0
    for b in range(12):
        r0 = 3 * b
        for _ in range(3):
            pi += [n_pi, n_pi, n_pi + 1]
            row += [r0, r0 + 1, r0 + 2]
            n_pi += 2
    t = time.perf_counter()
    res = minimal_covers_cells(np.array(pi), np.array(row), (n_pi, 36), max_solutions=max_solutions)
    out["blocks"] = {"time": time.perf_counter() - t, "n_sol": len(res.covers), "capped": res.capped,
                     "total": res.total, "n_pi": n_pi}
    # a dense chart with hundreds of ties through the public minimal_covers
    chart = np.zeros((40, 10), dtype=bool)
    for j in range(10):
        chart[4 * j:4 * j + 4, j] = True  # 4 implicants per row, 10 rows: 4**10 ties
    t = time.perf_counter()
    res = minimal_covers(chart, max_solutions=max_solutions)
    out["dense"] = {"time": time.perf_counter() - t, "n_sol": len(res.covers), "capped": res.capped,
                    "total": res.total, "n_pi": 40}
    out["rss"] = _rss_mb()
    return out


#: (k, cases) of the "many conditions, few cases" table: the usual shape of a QCA study
FEW = [(12, 60), (12, 120), (16, 60), (16, 120), (20, 60), (24, 60)]


def work_few(k: int, n: int, budget: float, max_solutions: int, seed: int) -> dict:
    """``minimize(tt, "?")`` on ``n`` cases over ``k`` conditions; the same chart by the original branch and bound."""
    import qca
    from benchmarks.baseline import plain_minimal_covers
    from benchmarks.generate import cases

    tt = qca.truth_table(cases(k, n, seed=seed), "Y")
    out: dict = {"k": k, "cases": n}
    start = [time.perf_counter()]

    def progress(stage: str, done: int, total: int) -> None:
        if time.perf_counter() - start[0] > budget:
            raise Budget(stage)

    try:
        t = start[0] = time.perf_counter()
        sol = qca.minimize(tt, "?", max_solutions=max_solutions, progress=progress)
        out["fast"] = time.perf_counter() - t
        out.update(n_pi=len(sol._pis), n_rows=len(sol._pis.rows), size=len(sol.solutions[0].terms),
                   n_sol=len(sol.solutions), capped=sol.capped, total=sol._covers.total)
        covers_fast = sorted(sol._covers.covers) if not sol.capped else None
    except Budget:
        out["fast_stopped"] = True
        return out
    ticks = [0]

    def tick() -> None:
        ticks[0] += 1
        if not ticks[0] & 0x3FF and time.perf_counter() - start[0] > budget:
            raise Budget("chart")

    try:
        t = start[0] = time.perf_counter()
        covers, capped = plain_minimal_covers(sol._pis.chart(), max_solutions, tick)
        out["plain"] = time.perf_counter() - t
        out["same"] = (sorted(covers) == covers_fast) if covers_fast is not None and not capped else None
    except Budget:
        out["plain_stopped"] = True
    out["rss"] = _rss_mb()
    return out


# ------------------------------------------------------------------ driver
IN_PROCESS = False  # --smoke: run the workers here (no import cost per measurement; peak memory is shared)


def _spawn(args: list[str], timeout: float) -> dict:
    if IN_PROCESS:
        mode, *rest = args
        if mode == "case":
            k, rows, kind, path, budget, ms, seed = rest
            return json.loads(json.dumps(work_case(int(k), int(rows), kind, path, float(budget), int(ms), int(seed)),
                                         default=str))
        if mode == "sympy":
            k, rows, kind, seed = rest
            return work_sympy(int(k), int(rows), kind, int(seed))
        raise ValueError(mode)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", *args]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired as e:
        partial = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        lines = [ln for ln in partial.strip().splitlines() if ln.startswith("{")]
        res = json.loads(lines[-1]) if lines else {}
        res["killed"] = timeout
        return res
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _fmt(x, digits=3) -> str:
    if x is None:
        return "n/a"
    if isinstance(x, str):
        return x
    if x < 0.001:
        return "<0.001"
    return f"{x:.{digits}f}" if x < 100 else f"{x:.0f}"


def _size(r: dict) -> str:
    if r.get("chart_stopped") and not r.get("proven"):
        return f"{r['bound']} to {r['size']}"  # proven lower bound to best found
    return str(r.get("size", "n/a"))


def _stage_time(r: dict, stage: str, budget: float) -> str:
    if stage == "pis" and r.get("pis_skipped"):
        return r["pis_skipped"]
    if stage == "chart" and r.get("chart_stopped"):
        found = f"{r['size']} terms, " + ("proven minimal" if r.get("proven") else f"bound {r['bound']}")
        when = _fmt(r["chart"]) if r["chart"] < budget else f"> {budget:.0f}"
        return f"{when} ({found}; {r['chart_stopped']})"
    if stage in r:
        return _fmt(r[stage])
    if "timeout" in r:
        return f"> {r['timeout']:.0f} s (killed)"
    if "killed" in r:
        return f"> {r['killed']:.0f} s (killed)"
    if "error" in r:
        return "error"
    if r.get("stopped") is not None:
        where = r.get("last", "")
        return f"> {budget:.0f}" + (f" (at {where})" if where.startswith("implicants") else "")
    return "n/a"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--k", type=int, nargs="+", default=[8, 10, 12, 14, 16, 18, 20, 30])
    ap.add_argument("--rows", type=int, default=None, help="observed rows (default: min(2000, 2**(k-2)); 5000 at k=30)")
    ap.add_argument("--kinds", nargs="+", default=["parsimonious", "conservative"])
    ap.add_argument("--budget", type=float, default=60.0, help="seconds per stage before it is stopped")
    ap.add_argument("--max-solutions", type=int, default=100)
    ap.add_argument("--qmc-max-k", type=int, default=14, help="largest k for the plain QMC path (parsimonious)")
    ap.add_argument("--sympy-max-k", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--smoke", action="store_true", help="quick run: k = 8, 10, 12, short budgets, no extras")
    ap.add_argument("--no-few", action="store_true", help="skip the many-conditions, few-cases table")
    ap.add_argument("--out", type=Path, help="also write the markdown to this file")
    ap.add_argument("--json", type=Path, help="also write the raw measurements as JSON")
    ap.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)

    if a.worker:
        mode, *rest = a.worker
        if mode == "case":
            k, rows, kind, path, budget, ms, seed = rest
            res = work_case(int(k), int(rows), kind, path, float(budget), int(ms), int(seed))
        elif mode == "sympy":
            k, rows, kind, seed = rest
            res = work_sympy(int(k), int(rows), kind, int(seed))
        elif mode == "few":
            k, n, budget, ms, seed = rest
            res = work_few(int(k), int(n), float(budget), int(ms), int(seed))
        elif mode == "table":
            n, k, seed = rest
            res = work_table(int(n), int(k), int(seed))
        else:
            seed, ms = rest
            res = work_ties(int(seed), int(ms))
        print(json.dumps(res, default=str), flush=True)
        os._exit(0)  # a solver thread still winding down must not abort the worker at exit

    if a.smoke:
        global IN_PROCESS
        IN_PROCESS = True
        import qca.chart

        qca.chart.MILP_MIN_ROWS = qca.chart.MILP_DIRECT_ROWS = 10**9  # HiGHS cannot be stopped: B&B only
        if a.k == ap.get_default("k"):
            a.k = [8, 10, 12]
        a.budget = min(a.budget, 2.0)
        a.max_solutions = min(a.max_solutions, 20)
        a.sympy_max_k = min(a.sympy_max_k, 8)
    raw: dict = {"args": {k: str(v) for k, v in vars(a).items()}, "cases": [], "table": None, "ties": None}
    lines = []
    say = lines.append
    say(f"Command: `python benchmarks/run.py {' '.join(sys.argv[1:]) if argv is None else ' '.join(argv)}`".rstrip())
    say("")
    say(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; "
        + ("all measurements in one process (smoke run)." if a.smoke else
           "one process per measurement (single-threaded)."))
    say("")
    say(f"Budget per stage: {a.budget:.0f} s; chart enumeration capped at max_solutions={a.max_solutions}. "
        "Times in seconds. `ratio` = baseline time / fast time (above 1: the fast path is faster).")
    say("")
    say("| k | rows | solution | PIs | fast: PIs | fast: chart | fast: total | QMC path: PIs | QMC path: chart "
        "| ratio PIs | ratio total | SOPform | ratio SOPform | min size | minimal solutions | same as QMC | peak MB |")
    say("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    margin = 4 * a.budget + 60
    for k in a.k:
        rows = a.rows or default_rows(k)
        rows = min(rows, 2**k)
        for kind in a.kinds:
            fast = _spawn(["case", str(k), str(rows), kind, "fast", str(a.budget), str(a.max_solutions), str(a.seed)],
                          margin)
            plain_ok = kind == "conservative" or k <= a.qmc_max_k
            plain = (_spawn(["case", str(k), str(rows), kind, "plain", str(a.budget), str(a.max_solutions),
                             str(a.seed)], margin) if plain_ok else None)
            sym = _spawn(["sympy", str(k), str(rows), kind, str(a.seed)], a.budget + 30) \
                if k <= a.sympy_max_k else None
            raw["cases"].append({"k": k, "rows": rows, "kind": kind, "fast": fast, "plain": plain, "sympy": sym})
            ftot = fast.get("pis", 0) + fast.get("chart", 0) if "chart" in fast and not fast.get("chart_stopped") \
                else None
            ptot = plain.get("pis", 0) + plain.get("chart", 0) if plain and "chart" in plain else None
            r_pis = (plain["pis"] / fast["pis"]) if plain and "pis" in plain and "pis" in fast and fast["pis"] > 0 else None
            r_tot = (ptot / ftot) if ptot and ftot else None
            if plain and "chart" not in plain and "chart" in fast and (plain.get("stopped") or plain.get("killed")):
                r_tot_s = f"> {a.budget / ftot:.0f}" if ftot else "n/a"
            else:
                r_tot_s = _fmt(r_tot, 1) if r_tot else "n/a"
            if plain is None:
                p_pis = p_chart = "n/a (too large)"
                same = "n/a"
            else:
                p_pis = _stage_time(plain, "pis", a.budget)
                p_chart = _stage_time(plain, "chart", a.budget) if "pis" in plain else "n/a"
                checks = []
                if fast.get("pi_digest") and plain.get("pi_digest"):
                    checks.append("PIs " + ("yes" if fast["pi_digest"] == plain["pi_digest"] else "NO"))
                if fast.get("sol_digest") and plain.get("sol_digest"):
                    checks.append("solutions " + ("yes" if fast["sol_digest"] == plain["sol_digest"] else "NO"))
                elif fast.get("size") and plain.get("size") and not fast.get("chart_stopped"):
                    checks.append("min size " + ("yes" if fast["size"] == plain["size"] else "NO"))
                same = ", ".join(checks) or "n/a"
            if sym is None:
                s_t, r_s = "n/a", "n/a"
            elif "sympy" in sym:
                s_t = _fmt(sym["sympy"])
                r_s = _fmt(sym["sympy"] / ftot, 1) if ftot else "n/a"
            else:
                s_t, r_s = _stage_time(sym, "sympy", a.budget), "n/a"
            if fast.get("n_sol") is not None:
                tot = fast.get("total")
                sols = f"{fast['n_sol']}" + (f" of {tot}" if fast.get("capped") and tot else
                                              (" (capped, total unknown)" if fast.get("capped") else ""))
            else:
                sols = "n/a"
            say(f"| {k} | {rows} | {kind} | {fast.get('n_pi', 'n/a')} | {_stage_time(fast, 'pis', a.budget)} "
                f"| {_stage_time(fast, 'chart', a.budget) if 'pis' in fast or 'pis_skipped' in fast else 'n/a'} | {_fmt(ftot) if ftot else 'n/a'} "
                f"| {p_pis} | {p_chart} | {_fmt(r_pis, 1) if r_pis else 'n/a'} | {r_tot_s} | {s_t} | {r_s} "
                f"| {_size(fast)} | {sols} | {same} | {_fmt(fast.get('rss'), 0)} |")
            print(lines[-1], file=sys.stderr, flush=True)
    if not a.smoke:
        tb = _spawn(["table", "100000", "20", str(a.seed)], 300)
        raw["table"] = tb
        say("")
        say(f"Truth table from 100,000 cases x 20 conditions: {_stage_time(tb, 'table', a.budget)} s "
            f"(best of 3; {tb.get('n_rows', '?')} observed rows; peak {_fmt(tb.get('rss'), 0)} MB).")
        ties = _spawn(["ties", str(a.seed), str(max(a.max_solutions, 500))], 300)
        raw["ties"] = ties
        say("")
        say("Tied minimal solutions:")
        say("")
        say("| chart | implicants | time (s) | solutions listed | capped | total |")
        say("|---|---|---|---|---|---|")
        if "issue_k8" in ties:
            t8 = ties["issue_k8"]
            say(f"| issue's 64 rows x 8 conditions, `minimize(tt, '?')` | {t8['n_pi']} | {_fmt(t8['time'])} "
                f"| {t8['n_sol']} | {t8['capped']} | {t8['n_sol'] if not t8['capped'] else '?'} |")
            for name, label in (("blocks", "12 blocks x (3 x 3) interchangeable implicants, `minimal_covers_cells`"),
                                ("dense", "10 rows x 4 equivalent implicants, dense `minimal_covers`")):
                b = ties[name]
                say(f"| {label} | {b['n_pi']} | {_fmt(b['time'])} | {b['n_sol']} | {b['capped']} | {b['total']} |")
        else:
            say(f"| (failed: {ties}) | | | | | |")
    if not a.smoke and not a.no_few:
        say("")
        say(f"Many conditions, few cases (the usual shape of a QCA study): `minimize(tt, '?', "
            f"max_solutions={a.max_solutions})` end to end, against the original chart branch and bound "
            f"(`benchmarks/baseline.py`) on the same implicants. Same data generator, `cases(k, n)`.")
        say("")
        say("| k | cases | positive rows | PIs | min size | minimal solutions | fast (s) | original chart search (s) "
            "| ratio | same solutions |")
        say("|---|---|---|---|---|---|---|---|---|---|")
        raw["few"] = []
        for k, n in FEW:
            r = _spawn(["few", str(k), str(n), str(a.budget), str(a.max_solutions), str(a.seed)], a.budget * 2 + 120)
            raw["few"].append(r)
            if "fast" not in r:
                say(f"| {k} | {n} | | | | | > {a.budget:g} | | | |")
                continue
            sols = f"{r['n_sol']}" + (f" of {r['total']}" if r.get("capped") and r.get("total")
                                      else (" (capped)" if r.get("capped") else ""))
            plain = _fmt(r["plain"]) if "plain" in r else f"> {a.budget:g}"
            ratio = (_fmt(r["plain"] / r["fast"], 1) if "plain" in r
                     else f"> {_fmt(a.budget / r['fast'], 1)}") if r["fast"] else "n/a"
            same = {True: "yes", False: "NO", None: "n/a (capped)"}[r.get("same")] if "plain" in r else "n/a"
            say(f"| {k} | {n} | {r['n_rows']} | {r['n_pi']} | {r['size']} | {sols} | {_fmt(r['fast'])} | {plain} "
                f"| {ratio} | {same} |")
            print(lines[-1], file=sys.stderr, flush=True)
    text = "\n".join(lines) + "\n"
    print(text)
    if a.out:
        a.out.write_text(text)
    if a.json:
        a.json.write_text(json.dumps(raw, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
