"""Seeded benchmark data: a planted rule plus noise over ``k`` crisp conditions.

The outcome is ``X1*X2*~X3 + X4*X5 + ~X2*X6*X7`` (conditions ``X8`` and up
are irrelevant), each case's outcome flipped with probability ``noise``.
Configurations are distinct, drawn uniformly without replacement from the
``2**k`` possible ones, so ``rows`` cases give a truth table of exactly
``rows`` observed rows, each with one case (OUT is 0 or 1).

Examples
--------
>>> df = cases(8, 64, seed=1)
>>> df.shape, df.index[0]
((64, 9), 'c0')
>>> bool(df.drop(columns="Y").duplicated().any())
False
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["RULE", "cases", "table", "sample_codes", "rule_outcome", "many_cases"]

#: the planted rule, in QCA notation
RULE = "X1*X2*~X3 + X4*X5 + ~X2*X6*X7"


def sample_codes(k: int, rows: int, rng: np.random.Generator) -> np.ndarray:
    """``rows`` distinct configuration codes out of ``2**k``, uniformly, as uint64."""
    space = 1 << k
    if rows > space:
        raise ValueError(f"{rows} distinct rows asked of {space} configurations")
    if rows * 4 >= space:  # dense: a permutation is cheap
        return rng.permutation(space)[:rows].astype(np.uint64)
    got = np.empty(0, dtype=np.uint64)
    while len(got) < rows:  # sparse: draw with replacement, keep distinct, redraw the shortfall
        extra = rng.integers(0, space, size=(rows - len(got)) * 2 + 16, dtype=np.uint64)
        merged = np.concatenate([got, extra])
        _, first = np.unique(merged, return_index=True)
        got = merged[np.sort(first)]  # keep draw order, drop repeats
    return got[:rows]


def _bits(codes: np.ndarray, k: int) -> np.ndarray:
    shifts = np.arange(k - 1, -1, -1, dtype=np.uint64)
    return ((codes[:, None] >> shifts) & np.uint64(1)).astype(np.int8)


def rule_outcome(X: np.ndarray) -> np.ndarray:
    """The planted rule on a 0/1 matrix whose first 7 columns are X1..X7."""
    X = X.astype(bool)
    x1, x2, x3, x4, x5, x6, x7 = (X[:, i] for i in range(7))
    return (x1 & x2 & ~x3) | (x4 & x5) | (~x2 & x6 & x7)


def cases(k: int, rows: int, *, noise: float = 0.05, seed: int = 0) -> pd.DataFrame:
    """``rows`` cases with distinct configurations over ``X1..Xk`` and outcome ``Y``."""
    if k < 7:
        raise ValueError("the planted rule uses X1..X7: k must be at least 7")
    rng = np.random.default_rng([seed, k, rows])
    codes = sample_codes(k, rows, rng)
    X = _bits(codes, k)
    y = rule_outcome(X) ^ (rng.random(rows) < noise)
    df = pd.DataFrame(X, columns=[f"X{i + 1}" for i in range(k)], index=[f"c{i}" for i in range(rows)])
    df["Y"] = y.astype(np.int8)
    return df


def many_cases(k: int, n: int, *, noise: float = 0.05, seed: int = 0) -> pd.DataFrame:
    """``n`` cases drawn with replacement (repeated configurations), for truth-table building."""
    rng = np.random.default_rng([seed, k, n, 1])
    X = rng.integers(0, 2, size=(n, k), dtype=np.int8)
    y = rule_outcome(X) ^ (rng.random(n) < noise)
    df = pd.DataFrame(X, columns=[f"X{i + 1}" for i in range(k)], index=[f"c{i}" for i in range(n)])
    df["Y"] = y.astype(np.int8)
    return df


def table(k: int, rows: int, *, noise: float = 0.05, seed: int = 0):
    """The truth table of :func:`cases` (``qca.truth_table(df, "Y")``)."""
    import qca

    return qca.truth_table(cases(k, rows, noise=noise, seed=seed), "Y")
