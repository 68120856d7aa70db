"""Time ``qca.parse`` on long sums: near-linear absorption vs the old quadratic one.

    python benchmarks/parse.py                 # 100,000 terms; old absorption on 2,000 and 4,000
    python benchmarks/parse.py --smoke         # the quick CI run (10,000 terms)

The sum has ``N`` distinct random terms of 2 to 6 literals over 24
conditions (seed 0), so some terms absorb others. The old absorption
(every term against every other, as ``qca`` did before issue 18) is timed
in the same run on smaller sums, where it finishes; the table gives each
time and the ratio old/new at the same size. Absolute times depend on the
machine and its load; the ratio is the figure to compare.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import qca  # noqa: E402
from qca.expression import _absorb  # noqa: E402


def old_absorb(sop: list[dict]) -> list[dict]:
    """The absorption qca used before: each term tested against every other (quadratic)."""
    keys = [frozenset(t.items()) for t in sop]
    keep = []
    for i, k in enumerate(keys):
        absorbed = any((keys[j] < k) or (keys[j] == k and j < i) for j in range(len(keys)) if j != i)
        if not absorbed:
            keep.append(sop[i])
    return keep


def make_sum(n: int, seed: int = 0, k: int = 24) -> tuple[str, list[dict]]:
    rng = random.Random(seed)
    conds = [f"X{i + 1}" for i in range(k)]
    seen: set[frozenset] = set()
    terms: list[dict] = []
    while len(terms) < n:
        size = rng.randint(2, 6)
        t = {c: rng.randint(0, 1) for c in rng.sample(conds, size)}
        key = frozenset(t.items())
        if key not in seen:
            seen.add(key)
            terms.append(t)
    text = " + ".join("*".join(("" if v else "~") + c for c, v in t.items()) for t in terms)
    return text, terms


def timed(fn, *args) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - t0, out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smoke", action="store_true", help="small sizes, for CI")
    args = ap.parse_args(argv)
    big = 10_000 if args.smoke else 100_000
    small = (1_000,) if args.smoke else (2_000, 4_000)
    print("| terms | parse (new) | absorption (new) | absorption (old, quadratic) | old / new |")
    print("|---:|---:|---:|---:|---:|")
    worst = float("inf")
    for n in (*small, big):
        text, terms = make_sum(n)
        t_parse, expr = timed(qca.parse, text)
        t_new, kept = timed(_absorb, terms)
        if n in small:
            t_old, kept_old = timed(old_absorb, terms)
            assert {frozenset(t.items()) for t in kept} == {frozenset(t.items()) for t in kept_old}
            ratio = t_old / t_new
            worst = min(worst, ratio)
            old, r = f"{t_old:.3f} s", f"{ratio:.0f}x"
        else:
            old, r = "not run (quadratic)", ""
        assert len(expr) == len(kept)
        print(f"| {n:,} | {t_parse:.3f} s | {t_new:.3f} s | {old} | {r} |")
    print(f"\nterms kept of the {big:,}-term sum: {len(kept):,}")
    return 0 if worst > 3 else 1  # measured 13x to 82x; a ratio near 1 means the absorption went quadratic again


if __name__ == "__main__":
    sys.exit(main())
