"""Rerun a classic crisp-set analysis: Lipset's conditions of democratic survival.

Data: ``datasets/LC.csv``, the crisp version of Lipset (1959) used by
Rihoux & De Meur (2009) in Rihoux & Ragin (eds.), *Configurational
Comparative Methods*, SAGE: 18 European countries between the wars,
survival of democracy (SURV) and five conditions: developed (DEV), urban
(URB), literate (LIT), industrial (IND), stable government (STB).

Run ``python examples/lipset.py``: it prints the truth table, the
conservative and parsimonious solutions for SURV and ~SURV with their fit,
and checks each against the solution published for these data.
"""

from __future__ import annotations

import sys

import qca

#: solutions published for these data (Rihoux & De Meur 2009; the same as R's QCA gives)
PUBLISHED = {
    ("SURV", ""): "DEV*~URB*LIT*STB + DEV*LIT*IND*STB",
    ("SURV", "?"): "DEV*STB",
    ("~SURV", ""): "~DEV*~URB*~IND + DEV*LIT*IND*~STB",
    ("~SURV", "?"): "~DEV + ~STB",
}


def main() -> int:
    lc = qca.datasets.load("LC")
    print("# Lipset (1959), crisp data of Rihoux & De Meur (2009)\n")
    print(qca.datasets.citation("LC"), "\n")
    tt = qca.truth_table(lc, "SURV", incl_cut=1)
    print("## Truth table\n")
    print(tt.to_markdown())
    all_match = True
    for outcome in ("SURV", "~SURV"):
        tt = qca.truth_table(lc, outcome, incl_cut=1)
        for include, kind in (("", "conservative"), ("?", "parsimonious")):
            sol = qca.minimize(tt, include=include)
            print(f"\n## {outcome}: {kind} solution\n")
            for i, s in enumerate(sol.solutions, 1):
                print(f"M{i}: {s} -> {outcome}")
            print()
            print(sol.model_fit(0).to_markdown())
            expected = qca.parse(PUBLISHED[(outcome, include)])
            match = expected in sol.solutions
            all_match &= match
            print(f"\nPublished: {expected} -> {'reproduced' if match else 'NOT reproduced'}")
            assumptions = sol.simplifying_assumptions["M1"]
            if len(assumptions):
                print(f"Simplifying assumptions (remainder rows): {', '.join(map(str, assumptions.index))}")
    nec = qca.necessity(lc, "SURV", incl_cut=0.9)
    print("\n## Necessary conditions for SURV\n")
    print(nec.to_markdown())
    print(f"\nEvery published solution reproduced: {'yes' if all_match else 'NO'}")
    return 0 if all_match else 1


if __name__ == "__main__":
    sys.exit(main())
