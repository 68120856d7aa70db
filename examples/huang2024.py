"""Reproduce the set-theoretic findings of Huang Bei (2024) from its sixteen coded cases.

Huang Bei, "Why Are Binding Inter-State Cybersecurity Agreements Formed?"
(国家间网络安全约束性协议何以达成), World Economics and Politics, 2024, No. 11,
pp. 86-114. Data: ``datasets/huang2024.csv`` (see ``datasets/huang2024.md``).

Run ``python examples/huang2024.py``; the output is a Markdown report. Every
figure is computed from the data by the library; nothing is copied from the
paper except the paper's own verdicts, which the report checks against.
"""

from __future__ import annotations

import sys

import pandas as pd
from tabulate import tabulate

import qca

OUTCOME = "AGREE"
CONDITIONS = ["HARM", "THREAT"]
THEORY = "HARM*~THREAT"  # Hypothesis 1
THEORY_NOT = "~HARM + THREAT"  # Hypothesis 2, for the negated outcome
INCL_CUT = 0.8


def md(frame: pd.DataFrame, index: bool = True) -> str:
    """A Markdown table with lists joined by commas."""
    out = frame.copy()
    for col in out.columns:
        out[col] = [", ".join(map(str, v)) if isinstance(v, (list, tuple)) else v for v in out[col]]
        if out[col].dtype.kind == "f":
            out[col] = [f"{v:.3f}" if pd.notna(v) else "-" for v in out[col]]
    return tabulate(out, headers="keys", tablefmt="github", showindex=index, floatfmt=".3f")


def solutions_text(tt: qca.TruthTable, include: str) -> str:
    """The solutions of a truth table, or why there are none."""
    try:
        sol = qca.minimize(tt, include=include)
    except qca.QCAError as err:
        return f"none ({str(err).split(': ')[0]})"
    return " | ".join(str(s) for s in sol.solutions)


def section(title: str) -> None:
    print(f"\n## {title}\n")


def main() -> int:
    data = qca.datasets.load("huang2024")
    print("# Huang (2024): binding inter-state cybersecurity agreements, reproduced with qca")
    print(f"\n{len(data)} cases; conditions {', '.join(CONDITIONS)}; outcome {OUTCOME}. "
          f"Source: {qca.datasets.citation('huang2024')}")

    # 1. the truth table ------------------------------------------------------
    section("1. Truth table of HARM and THREAT for AGREE")
    tt = qca.truth_table(data, OUTCOME, CONDITIONS, incl_cut=INCL_CUT, missing="drop")
    table = tt.table
    table["incl"] = [f"{round(i * n)}/{n} = {i:.3f}" for i, n in zip(table["incl"], table["n"])]
    print(md(table[[*CONDITIONS, "OUT", "n", "incl", "cases"]]))
    print(f"\nConsistency cut-off incl_cut = {INCL_CUT}, n_cut = 1.")
    print("\nMissing codes (policy `missing='drop'`: a truth-table row needs every condition known):")
    for case, cols in tt.dropped["missing_in"].items():
        print(f"- left out of the truth table: {case} (no code for {', '.join(cols)}); "
              "it is kept, by three-valued logic, in every fit below and in section 6")
    contra = tt.contradictions
    for row, r in contra.iterrows():
        config = "*".join(("" if r[c] else "~") + c for c in CONDITIONS)
        print(f"\n**Contradictory row {row} ({config})**, incl = {r['incl']:.3f}:")
        print(f"- with the outcome ({len(r['positive'])}): {', '.join(r['positive'])}")
        print(f"- without it ({len(r['negative'])}): {', '.join(r['negative'])}")

    # 2. the hypotheses as sufficiency statements ----------------------------
    section("2. The hypotheses as sufficiency statements")
    h1 = qca.fit(THEORY, data, OUTCOME)
    h2 = qca.fit(THEORY_NOT, data, "~" + OUTCOME)
    print(f"Hypothesis 1: {THEORY} -> {OUTCOME}\n")
    print(md(h1.fractions()))
    print(f"\nHypothesis 2: {THEORY_NOT} -> ~{OUTCOME}\n")
    print(md(h2.fractions()))
    for fit in (h1, h2):
        for label, cases in fit.undecided.items():
            if cases:
                print(f"\n({label}: membership left open by a missing code for {', '.join(cases)}; "
                      "those cases are not counted for this row)")

    # 3. necessity ------------------------------------------------------------
    section("3. Necessary conditions for AGREE")
    rows = []
    for cond in ("~THREAT", "HARM"):
        f = qca.fit(cond, data, OUTCOME, relation="necessity")
        fr = f.fractions().iloc[0]
        rows.append({"condition": cond, "inclN": fr["inclN"], "RoN": fr["RoN"], "covN": fr["covN"],
                     "undecided": ", ".join(f.undecided[cond]) or "-"})
    print(md(pd.DataFrame(rows).set_index("condition")))
    nec = qca.necessity(data, OUTCOME, CONDITIONS, incl_cut=0.9)
    print(f"\nPassing inclN >= 0.9: {', '.join(nec.necessary)}.")

    # 4. minimal solutions ----------------------------------------------------
    section("4. Minimal solutions, conservative and parsimonious")
    print("With the two cases that lack a code dropped, every remaining negative case sits in a "
          "positive row, so the solutions are computed under each completion of the two missing "
          "cells (all four codings), with and without the CIS case (which the paper places "
          "outside the theory's scope).\n")
    scope = data.drop(index="CIS Agreement")
    rows = []
    for label, frame in (("all 16 cases", data), ("without CIS", scope)):
        for outcome in (OUTCOME, "~" + OUTCOME):
            comp = qca.missing_completions(frame, outcome, CONDITIONS, incl_cut=INCL_CUT)
            f = comp.to_frame()
            cells = [c for c in f.columns if ": " in c]
            for _, r in f.iterrows():
                rows.append({"cases": label, "outcome": outcome,
                             **{c: r[c] for c in cells},
                             "conservative": r["conservative"], "parsimonious": r["parsimonious"]})
    print(md(pd.DataFrame(rows), index=False))

    # 5. case types -------------------------------------------------------------
    section(f"5. Case types against {THEORY} -> {OUTCOME}")
    ct = qca.case_types(data, THEORY, outcome=OUTCOME)
    frame = ct.to_frame()
    frame["paper: fits"] = data["fits_theory"].map({True: "yes", False: "no"})
    frame["X"] = frame["X"].map({True: 1, False: 0})
    frame["Y"] = frame["Y"].map({True: 1, False: 0})
    frame["fits"] = frame["fits"].map({True: "yes", False: "no"})
    print(md(frame[["X", "Y", "type", "fits", "paper: fits"]]))
    agree = bool((ct.to_frame()["fits"].astype(bool) == data["fits_theory"]).all())
    print(f"\nDeviant for consistency (the term without the outcome): {', '.join(ct.cases('deviant consistency'))}")
    print(f"Deviant for coverage (the outcome without the term): {', '.join(ct.cases('deviant coverage'))}")
    print(f"Typical cases: {len(ct.cases('typical'))}; individually irrelevant: "
          f"{', '.join(ct.cases('individually irrelevant'))}")
    print(f"\nThe computed verdicts {'reproduce' if agree else 'DO NOT reproduce'} the paper's "
          "'fits the theory' column exactly.")

    # 6. missing-code sensitivity --------------------------------------------
    section("6. Sensitivity to the two missing codes")
    comp = qca.missing_completions(data, OUTCOME, CONDITIONS, incl_cut=INCL_CUT, expression=THEORY)
    f = comp.to_frame()
    print(md(f.drop(columns=["passes"]), index=False))
    print()
    for line in comp.summary_lines():
        print(f"- {line}")

    # 7. controls -------------------------------------------------------------
    section("7. Controls: issue and negotiation type as conditions")
    controls = data.copy()
    controls["CRIME"] = (controls["issue"] == "cybercrime").astype("Int64")
    controls["MULTI"] = (controls["negotiation"] == "multilateral").astype("Int64")
    cond4 = [*CONDITIONS, "CRIME", "MULTI"]
    print("CRIME = 1 for cybercrime only (0: cybercrime and terrorism, or arms control); "
          "MULTI = 1 for multilateral negotiations.\n")
    tt4 = qca.truth_table(controls, OUTCOME, cond4, incl_cut=INCL_CUT, missing="drop")
    t4 = tt4.table
    t4["incl"] = [f"{round(i * n)}/{n} = {i:.3f}" for i, n in zip(t4["incl"], t4["n"])]
    print(md(t4[[*cond4, "OUT", "n", "incl", "cases"]]))
    for row, r in tt4.contradictions.iterrows():
        print(f"- row {row} is contradictory: with {OUTCOME}: {', '.join(r['positive'])}; "
              f"without: {', '.join(r['negative'])}")
    rows = []
    for cut in (INCL_CUT, 0.75):
        with_c = qca.truth_table(controls, OUTCOME, cond4, incl_cut=cut, missing="drop")
        without = qca.truth_table(data, OUTCOME, CONDITIONS, incl_cut=cut, missing="drop")
        for label, t in (("HARM, THREAT", without), ("HARM, THREAT, CRIME, MULTI", with_c)):
            rows.append({"incl_cut": cut, "conditions": label, "conservative": solutions_text(t, ""),
                         "parsimonious": solutions_text(t, "?")})
    print()
    print(md(pd.DataFrame(rows), index=False))
    scoped = controls.drop(index="CIS Agreement")
    t_scoped = qca.truth_table(scoped, OUTCOME, cond4, incl_cut=0.75, missing="drop")
    weak = tt4.contradictions.iloc[0]
    print(f"\nWithout the CIS case (outside the theory's scope) and incl_cut = 0.75, the conservative "
          f"solution with the controls is {solutions_text(t_scoped, '')}: the controls drop out once the "
          f"row holding {', '.join(weak['negative'])} is allowed its consistency of "
          f"{len(weak['positive'])}/{weak['n']} = {weak['incl']:.3f}.")

    # 8. intermediate solutions ---------------------------------------------
    section("8. Intermediate solutions under the paper's expectations (HARM present, THREAT absent)")
    expectations = {"HARM": 1, "THREAT": 0}
    rows = []
    for label, frame in (("all 16 cases", data), ("without CIS", scope)):
        for un in (0, 1):
            for usr in (0, 1):
                filled = frame.copy()
                filled.loc["UN cyber arms control", "THREAT"] = un
                filled.loc["US-Russia dialogue", "HARM"] = usr
                t = qca.truth_table(filled, OUTCOME, CONDITIONS, incl_cut=INCL_CUT)
                sol = qca.minimize(t, include="?", dir_exp=expectations)
                first = next(iter(sol.intermediate.values()))
                rows.append({
                    "cases": label, "UN: THREAT": un, "US-Russia: HARM": usr,
                    "conservative": " | ".join(map(str, first.complex)),
                    "parsimonious": " | ".join(map(str, first.parsimonious)),
                    "intermediate": " | ".join(map(str, sol.solutions)),
                    "easy counterfactuals": list(first.easy_counterfactuals.index),
                })
    print(md(pd.DataFrame(rows), index=False))
    print("\nEasy counterfactuals are remainder rows (R row numbers) consistent with the expectations; "
          "a remainder that would need HARM absent or THREAT present to produce an agreement is a "
          "difficult counterfactual and is not used.")

    # 9. robustness -------------------------------------------------------------
    section(f"9. Robustness of {THEORY} to the consistency cut-off (0.75 to 1)")
    cuts = [0.75, 0.8, 0.85, 0.9, 0.95, 1]
    for label, frame in (("all 16 cases", data), ("without CIS", scope)):
        rob = qca.robustness(frame, OUTCOME, CONDITIONS, incl_cut=cuts, missing="drop", expression=THEORY)
        st = rob.settings
        out = pd.DataFrame({
            "incl_cut": st["incl_cut"],
            "conservative solution": [" | ".join(map(str, v)) if len(v) else "none (no row reaches the cut-off)"
                                      for v in st["solutions"]],
            f"{THEORY} is the solution": st["term"].map({True: "yes", False: "no"}).fillna("-"),
            f"{THEORY} within it": st["inside"].map({True: "yes", False: "no"}).fillna("-"),
        })
        print(f"**{label}** (cases with a missing code dropped for the truth table):\n")
        print(md(out, index=False))
        print()
    h1 = qca.fit(THEORY, data, OUTCOME).counts.iloc[0]
    print(f"{THEORY} itself has inclS {h1['XY']}/{h1['X']} = {h1['XY'] / h1['X']:.3f} on every setting "
          "(fit does not depend on the cut-off); it passes every cut-off up to that value and fails "
          "above it, where the row holding China-Germany drops to OUT = 0.")

    # 10. theory evaluation -----------------------------------------------------
    section(f"10. Theory evaluation: {THEORY} against the conservative solution")
    ev = qca.theory_evaluation(data, THEORY, qca.minimize(tt))
    tev = ev.to_frame()
    print(md(tev[["expression", "n", "with outcome", "without outcome", "inclS", "undecided"]]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
