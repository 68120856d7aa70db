"""Time R's QCA and ours on the same data in the same run: truth tables and minimization.

    python benchmarks/vs_r.py                      # every workload (R time-boxed at 200 CPU s each)
    python benchmarks/vs_r.py --smoke              # small sizes, a minute
    python benchmarks/vs_r.py --only crisp-tt-100k --budget 300
    python benchmarks/vs_r.py --markdown out.md    # also write the table to a file

Needs ``Rscript`` with R's QCA (and jsonlite) installed; ``--rlib DIR`` adds a library
folder (R_LIBS_USER). Without them the script says so and exits 0 without measuring:
R is never needed by the tests (see tests/reference/r-qca/generate/README.md for
setting R up on Debian).

For each workload the data are generated here (seeded), written once to a CSV, and
both sides read that same file before their clock starts. Each side then times only
the call under test (R: ``truthTable()`` or ``minimize()`` on a truth table built
beforehand; ours: ``qca.truth_table()`` or ``qca.minimize()``), in its own process: R in
an ``Rscript`` child, ours in this process. Both report the best of up to ``--repeat``
runs (a run that takes longer than a tenth of the budget is not repeated), as wall
seconds and CPU seconds (R: ``proc.time()`` user + system of the R process; ours:
``time.process_time()``). The machine may be shared: the load average is printed
before and after, CPU seconds are the steadier figure, and the ratio R / ours is what
to read. R is stopped after ``--budget`` CPU seconds (R's ``setTimeLimit``, and from outside
by watching its CPU time, since compiled code does not heed the limit; shown as ``> budget``).

The results are compared too: the observed rows (R's row numbers) and each row's
inclusion (to 1e-6) for a truth table; the set of minimal models for a minimization.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

R_SCRIPT = r"""
args <- commandArgs(trailingOnly = TRUE)
csv <- args[1]; task <- args[2]; incl <- as.numeric(args[3]); include <- args[4]
reps <- as.integer(args[5]); budget <- as.numeric(args[6]); out <- args[7]
suppressPackageStartupMessages({library(QCA); library(jsonlite)})
d <- read.csv(csv, row.names = 1, check.names = FALSE)
conds <- setdiff(colnames(d), "Y")
walls <- c(); cpus <- c()
if (task == "minimize") tt <- truthTable(d, outcome = "Y", conditions = conds, incl.cut = incl)
for (i in seq_len(reps)) {
    invisible(gc())
    t0 <- proc.time()
    # the budget is R's CPU time (the machine may be shared): R stops itself past it
    setTimeLimit(cpu = budget, transient = TRUE)
    res <- tryCatch(
        if (task == "table") truthTable(d, outcome = "Y", conditions = conds, incl.cut = incl)
        else minimize(tt, include = include),
        error = function(e) e)
    setTimeLimit()
    t1 <- proc.time() - t0
    if (inherits(res, "error")) {
        cpu <- t1[["user.self"]] + t1[["sys.self"]]
        if (cpu < budget * 0.95) stop(conditionMessage(res))
        writeLines(toJSON(list(stopped = TRUE, wall = t1[["elapsed"]], cpu = cpu), auto_unbox = TRUE), out)
        quit(save = "no")
    }
    walls <- c(walls, t1[["elapsed"]])
    cpus <- c(cpus, t1[["user.self"]] + t1[["sys.self"]])
    if (cpus[length(cpus)] > budget / 10) break
}
o <- list(wall = min(walls), cpu = min(cpus), runs = length(walls),
          qca = as.character(packageVersion("QCA")), r = R.version.string)
if (task == "table") {
    t <- res$tt
    obs <- which(as.numeric(t$n) > 0)
    o$rows <- as.integer(rownames(t)[obs])
    o$incl <- suppressWarnings(as.numeric(t$incl[obs]))
} else {
    o$solutions <- lapply(res$solution, function(s) I(s))
}
writeLines(toJSON(o, auto_unbox = TRUE, digits = NA), out)
"""


@dataclass
class Workload:
    name: str
    kind: str  # "crisp", "fuzzy", "multi-value"
    task: str  # "table" or "minimize"
    shape: str
    make: Callable[[], pd.DataFrame]
    incl_cut: float = 1.0
    include: str = ""


# ----------------------------------------------------------------- data
def crisp_cases(n: int, k: int, seed: int = 0) -> pd.DataFrame:
    from benchmarks.generate import many_cases

    return many_cases(k, n, seed=seed)


def crisp_table_cases(k: int, rows: int, seed: int = 0) -> pd.DataFrame:
    from benchmarks.generate import cases

    return cases(k, rows, seed=seed)


def fuzzy_cases(n: int, k: int, seed: int = 0) -> pd.DataFrame:
    """Memberships on the side of 0.5 given by a uniform corner; outcome from the planted rule."""
    rng = np.random.default_rng([seed, n, k, 7])
    X = rng.integers(0, 2, size=(n, k))
    M = np.where(X == 1, rng.uniform(0.51, 1.0, size=(n, k)), rng.uniform(0.0, 0.49, size=(n, k))).round(2)
    from benchmarks.generate import rule_outcome

    y = rule_outcome(X) ^ (rng.random(n) < 0.05)
    Y = np.where(y, rng.uniform(0.51, 1.0, size=n), rng.uniform(0.0, 0.49, size=n)).round(2)
    df = pd.DataFrame(M, columns=[f"X{i + 1}" for i in range(k)], index=[f"c{i}" for i in range(n)])
    df["Y"] = Y
    return df


def mv_cases(n: int, k: int, levels: int = 3, seed: int = 0, distinct: bool = False) -> pd.DataFrame:
    """Levels 0..levels-1; outcome X1[2]*X2[0] + X3[2]*X4[0] + X5[2]*X6[0], 5 % flipped.

    ``distinct``: ``n`` distinct configurations (a table of ``n`` rows, one case each).
    """
    rng = np.random.default_rng([seed, n, k, levels, 3])
    if distinct:
        codes = np.sort(rng.choice(levels ** k, size=n, replace=False))
        X = np.stack([(codes // levels ** (k - 1 - j)) % levels for j in range(k)], axis=1)
    else:
        X = rng.integers(0, levels, size=(n, k))
    top = levels - 1
    y = np.zeros(n, dtype=bool)
    for a, b in ((0, 1), (2, 3), (4, 5)):
        y |= (X[:, a] == top) & (X[:, b] == 0)
    y ^= rng.random(n) < 0.05
    df = pd.DataFrame(X.astype(np.int8), columns=[f"X{i + 1}" for i in range(k)],
                      index=[f"c{i}" for i in range(n)])
    df["Y"] = y.astype(np.int8)
    return df


def workloads(smoke: bool) -> list[Workload]:
    if smoke:
        return [
            Workload("crisp-tt-2k", "crisp", "table", "2,000 cases x 8", lambda: crisp_cases(2_000, 8)),
            Workload("fuzzy-tt-2k", "fuzzy", "table", "2,000 cases x 8", lambda: fuzzy_cases(2_000, 8), 0.8),
            Workload("mv-tt-2k", "multi-value", "table", "2,000 cases x 6 (3 levels)", lambda: mv_cases(2_000, 6)),
            Workload("crisp-min-8x64-cons", "crisp", "minimize", "64 rows x 8, conservative",
                     lambda: crisp_table_cases(8, 64)),
        ]
    return [
        Workload("crisp-tt-10k", "crisp", "table", "10,000 cases x 12", lambda: crisp_cases(10_000, 12)),
        Workload("crisp-tt-100k", "crisp", "table", "100,000 cases x 12", lambda: crisp_cases(100_000, 12)),
        Workload("fuzzy-tt-10k", "fuzzy", "table", "10,000 cases x 8", lambda: fuzzy_cases(10_000, 8), 0.8),
        Workload("fuzzy-tt-10k-12", "fuzzy", "table", "10,000 cases x 12", lambda: fuzzy_cases(10_000, 12), 0.8),
        Workload("fuzzy-tt-100k", "fuzzy", "table", "100,000 cases x 10", lambda: fuzzy_cases(100_000, 10), 0.8),
        Workload("mv-tt-10k", "multi-value", "table", "10,000 cases x 10 (3 levels)", lambda: mv_cases(10_000, 10)),
        Workload("mv-tt-30k", "multi-value", "table", "30,000 cases x 10 (3 levels)", lambda: mv_cases(30_000, 10)),
        Workload("mv-tt-100k", "multi-value", "table", "100,000 cases x 10 (3 levels)",
                 lambda: mv_cases(100_000, 10)),
        Workload("crisp-min-8x64-cons", "crisp", "minimize", "64 rows x 8, conservative",
                 lambda: crisp_table_cases(8, 64)),
        Workload("crisp-min-8x64-pars", "crisp", "minimize", "64 rows x 8, parsimonious",
                 lambda: crisp_table_cases(8, 64), include="?"),
        Workload("crisp-min-10x256-cons", "crisp", "minimize", "256 rows x 10, conservative",
                 lambda: crisp_table_cases(10, 256)),
        Workload("mv-min-6x150-cons", "multi-value", "minimize", "150 rows x 6 (3 levels), conservative",
                 lambda: mv_cases(150, 6, distinct=True)),
        Workload("mv-min-6x150-pars", "multi-value", "minimize", "150 rows x 6 (3 levels), parsimonious",
                 lambda: mv_cases(150, 6, distinct=True), include="?"),
    ]


# ----------------------------------------------------------------- R
def r_available(rscript: str, env: dict) -> str | None:
    """R's QCA version string, or None (with the reason printed) when R or QCA is missing."""
    if shutil.which(rscript) is None:
        print(f"vs_r: {rscript!r} not found: R is not installed, nothing measured "
              "(see tests/reference/r-qca/generate/README.md to install R and its QCA)")
        return None
    probe = subprocess.run([rscript, "-e", 'suppressPackageStartupMessages({library(QCA); library(jsonlite)}); '
                            'cat(as.character(packageVersion("QCA")), R.version.string, sep="|")'],
                           capture_output=True, text=True, env=env, timeout=120)
    if probe.returncode != 0:
        print("vs_r: R runs but cannot load QCA and jsonlite, nothing measured "
              f"(use --rlib DIR for a user library):\n{probe.stderr.strip()}")
        return None
    return probe.stdout.strip()


def run_r(rscript: str, env: dict, script: Path, csv: Path, w: Workload, repeat: int, budget: float,
          out: Path) -> dict:
    cmd = [rscript, str(script), str(csv), w.task, str(w.incl_cut), w.include or "", str(repeat), str(budget),
           str(out)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    # R stops itself after `budget` CPU seconds (setTimeLimit), but only where R checks for
    # interrupts, which QCA's compiled chart solver does not: watch R's CPU time from here
    # too (reading the CSV and loading QCA included, about a second) and stop it past the
    # budget plus a margin; a wall-clock backstop of 20 x the budget covers the rest
    start = time.monotonic()
    while True:
        try:
            _, err = proc.communicate(timeout=2)
            break
        except subprocess.TimeoutExpired:
            used = group_cpu(proc.pid)
            if used > budget + 10 or time.monotonic() - start > budget * 20:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.communicate()
                return {"stopped": True, "wall": time.monotonic() - start, "cpu": used}
    if proc.returncode != 0:
        lines = [ln.strip() for ln in err.strip().splitlines() if ln.strip() and ln.strip() != "Execution halted"]
        first = next((i for i, ln in enumerate(lines) if ln.startswith("Error")), max(len(lines) - 1, 0))
        return {"error": " ".join(lines[first:first + 3]) if lines else f"exit {proc.returncode}"}
    return json.loads(out.read_text())


def group_cpu(pgid: int) -> float:
    """CPU seconds (user + system) used so far by the processes of a process group (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # fields after "pid (comm)": state, ppid, pgrp, ...
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


# ----------------------------------------------------------------- ours
def run_ours(data: pd.DataFrame, w: Workload, repeat: int, budget: float) -> dict:
    import qca

    conds = [c for c in data.columns if c != "Y"]
    tt = qca.truth_table(data, "Y", conds, incl_cut=w.incl_cut) if w.task == "minimize" else None
    walls, cpus = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        if w.task == "table":
            res = qca.truth_table(data, "Y", conds, incl_cut=w.incl_cut)
        else:
            res = qca.minimize(tt, include=w.include)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
        if walls[-1] > budget / 10:
            break
    out = {"wall": min(walls), "cpu": min(cpus), "runs": len(walls)}
    if w.task == "table":
        table = res.table
        out["rows"] = [int(r) for r in table.index]
        out["incl"] = [float(x) for x in table["incl"]]
    else:
        out["solutions"] = [str(s).split(" + ") for s in res.solutions]
    return out


def same(r: dict, ours: dict, task: str) -> str:
    if "wall" not in r or r.get("stopped"):
        return "n/a"
    if task == "table":
        if r["rows"] != ours["rows"]:
            return f"no: rows differ (R {len(r['rows'])}, ours {len(ours['rows'])})"
        worst = max((abs(a - b) for a, b in zip(r["incl"], ours["incl"])), default=0.0)
        return f"yes ({len(r['rows']):,} rows)" if worst <= 1e-6 else f"no: incl differs by {worst:.2g}"
    theirs = {frozenset(s) for s in r["solutions"]}
    mine = {frozenset(s) for s in ours["solutions"]}
    return f"yes ({len(mine)} model{'s' if len(mine) != 1 else ''})" if theirs == mine else \
        f"no: R {len(theirs)} models, ours {len(mine)}, common {len(theirs & mine)}"


def fmt(x: float) -> str:
    return f"{x:.3f}" if x < 10 else f"{x:.1f}"


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rscript", default="Rscript")
    ap.add_argument("--rlib", help="R library folder holding QCA (sets R_LIBS_USER)")
    ap.add_argument("--budget", type=float, default=200.0,
                    help="CPU seconds R may take per call (default 200); R stops itself past it")
    ap.add_argument("--repeat", type=int, default=3, help="best of this many runs per side (default 3)")
    ap.add_argument("--smoke", action="store_true", help="small sizes only")
    ap.add_argument("--only", nargs="+", help="workload names to run")
    ap.add_argument("--markdown", type=Path, help="also write the table to this file")
    a = ap.parse_args(argv)

    env = dict(os.environ)
    if a.rlib:
        env["R_LIBS_USER"] = a.rlib
    version = r_available(a.rscript, env)
    if version is None:
        return 0
    qca_version, r_version = version.split("|", 1)
    chosen = [w for w in workloads(a.smoke) if not a.only or w.name in a.only]
    lines = [
        f"R's QCA {qca_version} ({r_version}) against qca (Python {platform.python_version()}, numpy {np.__version__}),"
        f" same data, same run; R stopped after {a.budget:.0f} CPU s. Load average before: {load_average()}.",
        "",
        "| workload | data | R wall (s) | R CPU (s) | ours wall (s) | ours CPU (s) | ratio R/ours (CPU) | same result |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    print("\n".join(lines), flush=True)
    with tempfile.TemporaryDirectory(prefix="qca-vs-r-") as tmp:
        tmp = Path(tmp)
        script = tmp / "bench.R"
        script.write_text(R_SCRIPT)
        for w in chosen:
            data = w.make()
            csv = tmp / f"{w.name}.csv"
            data.to_csv(csv, index_label="case")
            # both sides read the same file (ours as R does: case names first, nothing missing)
            ours_data = pd.read_csv(csv, index_col=0)
            r = run_r(a.rscript, env, script, csv, w, a.repeat, a.budget, tmp / f"{w.name}.json")
            ours = run_ours(ours_data, w, a.repeat, a.budget)
            if "wall" in r and not r.get("stopped"):
                r_wall, r_cpu = fmt(r["wall"]), fmt(r["cpu"])
                ratio = f"{r['cpu'] / max(ours['cpu'], 1e-3):.0f}" if r["cpu"] / max(ours["cpu"], 1e-3) >= 10 \
                    else f"{r['cpu'] / max(ours['cpu'], 1e-3):.1f}"
            elif r.get("stopped"):
                r_wall = f"{fmt(r['wall'])} (stopped)"
                r_cpu = f"> {r['cpu']:.0f} (stopped)"
                ratio = f"> {r['cpu'] / max(ours['cpu'], 1e-3):.0f}"
            else:
                r_wall, r_cpu = f"error: {r.get('error')}", "n/a"
                ratio = "n/a"
            row = (f"| {w.name} ({w.kind}, {w.task}) | {w.shape} | {r_wall} | {r_cpu} | {fmt(ours['wall'])} | "
                   f"{fmt(ours['cpu'])} | {ratio} | {same(r, ours, w.task)} |")
            lines.append(row)
            print(row, flush=True)
    tail = f"\nLoad average after: {load_average()} (2 cores). CPU ratios below 1 s of ours are dominated by noise."
    lines.append(tail)
    print(tail)
    if a.markdown:
        a.markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
