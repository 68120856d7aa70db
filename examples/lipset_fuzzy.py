"""A fuzzy-set analysis from raw data: Lipset's conditions of democratic survival (Ragin 2009).

Data: ``datasets/LR.csv``, Lipset's (1959) raw indicators for 18 European
countries between the wars (GDP per capita, urbanisation, literacy,
industrial labour force, number of cabinets, survival of democracy), and
``datasets/LF.csv``, Ragin's (2009) fuzzy-set calibration of them, as
shipped with R's QCA.

Run ``python examples/lipset_fuzzy.py``. It

1. calibrates the raw data with ``qca.calibrate`` (R's ``calibrate()``:
   direct method, logistic, inclusion anchor at 0.95) at the anchors below, and compares the memberships with
   Ragin's published ones (they agree to 0.01: the published values are
   rounded to two decimals by fs/QCA, a few of them one hundredth away);
2. builds the truth table (``incl_cut=0.8``) and prints the conservative,
   intermediate (all conditions expected present) and parsimonious
   solutions of the published memberships with their fit, which equal R's
   QCA 3.25 on ``LF`` (``minimize(truthTable(LF, "SURV", incl.cut = 0.8))``);
3. checks that the memberships calibrated here from the raw data give the
   same three solutions.
"""

from __future__ import annotations

import sys

import pandas as pd

import qca

#: direct-method anchors (exclusion, crossover, inclusion) that reproduce Ragin's published memberships
ANCHORS = {
    "DEV": "e=400, c=550, i=900",      # GDP per capita, USD
    "URB": "e=25, c=50, i=65",         # % in towns of 20,000 or more
    "LIT": "e=50, c=75, i=90",         # % literate
    "IND": "e=20, c=30, i=40",         # % of the labour force in industry
    "STB": "i=5, c=9.5, e=15",         # number of cabinets: fewer is more stable (decreasing)
    "SURV": "e=-9, c=0, i=10",         # survival of democracy, -10 .. 10
}

#: R's QCA 3.25.1 on LF (tests/reference/r-qca/LF_SURV_*.json): solution, inclS, PRI, covS
R_RESULTS = {
    "conservative": ("DEV*URB*LIT*IND*STB + DEV*~URB*LIT*~IND*STB", 0.869767441860465, 0.842990654205607,
                     0.658450704225352),
    "intermediate": ("DEV*URB*LIT*STB + DEV*LIT*~IND*STB", 0.865947611710324, 0.838589981447125,
                     0.65962441314554),
    "parsimonious": ("DEV*~IND + URB*STB", 0.85034965034965, 0.81864406779661, 0.713615023474178),
}


def solutions(data: pd.DataFrame) -> dict[str, qca.Solution]:
    tt = qca.truth_table(data, "SURV", incl_cut=0.8)
    return {
        "conservative": qca.minimize(tt),
        "intermediate": qca.minimize(tt, include="?", dir_exp="DEV, URB, LIT, IND, STB"),
        "parsimonious": qca.minimize(tt, include="?"),
    }


def main() -> int:
    raw = qca.datasets.load("LR")
    published = qca.datasets.load("LF")
    print("# Lipset (1959), fuzzy sets calibrated by Ragin (2009)\n")
    print(qca.datasets.citation("LF"), "\n")

    print("## 1. Calibration of the raw data (direct method)\n")
    calibrated = pd.DataFrame({c: qca.calibrate(raw[c], t) for c, t in ANCHORS.items()}, index=raw.index)
    diff = (calibrated.round(2) - published).abs()
    for c, t in ANCHORS.items():
        print(f"- {c}: {t}; largest difference from the published memberships {diff[c].max():.2f}")
    print()

    print("## 2. Truth table of the published memberships (incl_cut = 0.8)\n")
    tt = qca.truth_table(published, "SURV", incl_cut=0.8)
    print(tt.to_markdown(), "\n")

    ok = True
    ours = solutions(published)
    for kind, sol in ours.items():
        expected, incl, pri, cov = R_RESULTS[kind]
        fit = sol.model_fit(0).to_frame()
        print(f"## {kind.capitalize()} solution: {sol.solutions[0]}\n")
        print(fit.to_markdown(floatfmt=".3f"), "\n")
        whole = fit.iloc[-1]
        same = (str(sol.solutions[0]) == expected or set(map(str, sol.solutions[0].terms)) == set(expected.split(" + ")))
        same_fit = all(abs(a - b) < 1e-6 for a, b in zip(whole[["inclS", "PRI", "covS"]], (incl, pri, cov)))
        print(f"R's QCA: {expected} (inclS {incl:.3f}, PRI {pri:.3f}, covS {cov:.3f}) -> "
              + ("equal" if same and same_fit else "DIFFERENT") + "\n")
        ok &= same and same_fit

    print("## 3. The same analysis on the memberships calibrated here\n")
    for kind, sol in solutions(calibrated).items():
        same = set(map(str, sol.solutions[0].terms)) == set(map(str, ours[kind].solutions[0].terms))
        whole = sol.model_fit(0).to_frame().iloc[-1]
        print(f"- {kind}: {sol.solutions[0]} (inclS {whole['inclS']:.3f}, covS {whole['covS']:.3f}) -> "
              + ("same solution" if same else "DIFFERENT solution"))
        ok &= same
    print()
    print("All solutions equal R's QCA." if ok else "Some results differ from R's QCA.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
