"""A multi-value analysis (mvQCA): Lipset's conditions of democratic survival, DEV in three levels.

Data: ``datasets/LM.csv``, the multi-value version of Lipset (1959) used by
Cronqvist & Berg-Schlosser (2009) in Rihoux & Ragin (eds.), *Configurational
Comparative Methods*, SAGE: 18 European countries between the wars, survival
of democracy (SURV); level of development DEV = 0, 1, 2 (GDP per capita below
550, 550 to 850, above 850 USD), and crisp urban (URB), literate (LIT),
industrial (IND), stable government (STB).

Run ``python examples/lipset_multivalue.py``: it prints the truth table
(rows numbered in mixed radix, as R numbers them), the conservative solution
and the three tied parsimonious models with their fit, and checks each
against R's QCA 3.25 on the same data (``minimize(truthTable(LM, "SURV",
incl.cut = 1))``, with and without ``include = "?"``).
"""

from __future__ import annotations

import sys

import qca

#: R's QCA 3.25.1 on LM (tests/reference/r-qca/LM_SURV_*.json)
R_CONSERVATIVE = [
    "DEV[2]*LIT[1]*IND[1]*STB[1] + DEV[1]*URB[0]*LIT[1]*IND[0]*STB[1] + DEV[1]*URB[1]*LIT[1]*IND[1]*STB[1]",
]
R_PARSIMONIOUS = [
    "DEV[2] + DEV[1]*STB[1]",
    "DEV[1]*IND[0] + IND[1]*STB[1]",
    "DEV[1]*STB[1] + IND[1]*STB[1]",
]


def models(solutions: list) -> set[qca.Expression]:
    """Models as expressions: R's ``STB[1]`` is our ``STB``, and the order of terms carries no meaning."""
    return {qca.parse(s) for s in solutions}


def main() -> int:
    lm = qca.datasets.load("LM")
    print("# Lipset (1959), multi-value data of Cronqvist & Berg-Schlosser (2009)\n")
    print(qca.datasets.citation("LM"), "\n")
    tt = qca.truth_table(lm, "SURV", incl_cut=1)
    print(f"Levels per condition: {dict(zip(tt.conditions, tt.levels))}\n")
    print("## Truth table\n")
    print(tt.to_markdown())
    ok = True
    for include, kind, expected in (("", "conservative", R_CONSERVATIVE), ("?", "parsimonious", R_PARSIMONIOUS)):
        sol = qca.minimize(tt, include=include)
        print(f"\n## {kind.capitalize()} solution\n")
        print("Prime implicants: " + ", ".join(map(str, sol.prime_implicants)) + "\n")
        for i, s in enumerate(sol.solutions, 1):
            print(f"M{i}: {s} -> SURV\n")
            print(sol.model_fit(i - 1).to_markdown())
            print()
        same = models(sol.solutions) == models(expected)
        ok &= same
        print(f"\nR's QCA 3.25 gives {len(expected)} model(s): {'reproduced' if same else 'NOT reproduced'}")
        for name, frame in sol.simplifying_assumptions.items():
            if len(frame):
                print(f"{name} simplifying assumptions (remainder rows): {', '.join(map(str, frame.index))}")
    neg = qca.minimize(qca.truth_table(lm, "~SURV", incl_cut=1), include="?")
    print("\n## ~SURV, parsimonious\n")
    for i, s in enumerate(neg.solutions, 1):
        print(f"M{i}: {s} -> ~SURV")
    print(f"\nEvery R solution reproduced: {'yes' if ok else 'NO'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
