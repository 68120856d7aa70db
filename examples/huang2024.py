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
import textwrap

import pandas as pd
import tabulate as tabulate_module
from tabulate import tabulate

import qca

OUTCOME = "AGREE"
CONDITIONS = ["HARM", "THREAT"]
THEORY = "HARM*~THREAT"  # Hypothesis 1
THEORY_NOT = "~HARM + THREAT"  # Hypothesis 2, for the negated outcome
INCL_CUT = 0.8
WIDTH = 99  # every printed line stays under 100 characters
#: the two missing cells, in the order of qca.missing_completions' columns
CELLS = [("US-Russia dialogue", "HARM"), ("UN cyber arms control", "THREAT")]
#: the same cells as column headers, short enough for a table under 100 characters
CELL_HEADERS = ["US-Russia: HARM", "UN: THREAT"]


def md(frame: pd.DataFrame, index: bool = True) -> str:
    """A Markdown table with lists joined by commas."""
    out = frame.copy()
    for col in out.columns:
        out[col] = [", ".join(map(str, v)) if isinstance(v, (list, tuple)) else v for v in out[col]]
        if out[col].dtype.kind == "f":
            out[col] = [f"{v:.3f}" if pd.notna(v) else "-" for v in out[col]]
    saved, tabulate_module.MIN_PADDING = tabulate_module.MIN_PADDING, 0  # no padding beyond one space
    try:
        return tabulate(out, headers="keys", tablefmt="github", showindex=index, floatfmt=".3f")
    finally:
        tabulate_module.MIN_PADDING = saved


def say(text: str, bullet: bool = False) -> None:
    """Print a paragraph (or a list item) wrapped under 100 characters; names are never cut."""
    first, rest = ("- ", "  ") if bullet else ("", "")
    print(textwrap.fill(text, WIDTH, initial_indent=first, subsequent_indent=rest,
                        break_on_hyphens=False, break_long_words=False))


def solve(tt: qca.TruthTable, include: str, **kwargs) -> qca.Solution | None:
    """The solution of a truth table, or None when there is none."""
    try:
        return qca.minimize(tt, include=include, **kwargs)
    except qca.QCAError:
        return None


def solutions_text(tt: qca.TruthTable, include: str) -> str:
    """The solutions of a truth table (alternative models as M1: ...; M2: ...), or why there are none."""
    try:
        sol = qca.minimize(tt, include=include)
    except qca.QCAError as err:
        reason = str(err).split(": ")[0]
        return "none (no row is negative)" if "no row is negative" in reason else f"none ({reason})"
    return models_text(sol.solutions)


def models_text(solutions) -> str:
    """Alternative models written as everywhere in qca: ``M1: A; M2: B``."""
    return qca.tables.models_text(solutions)


def coding_label(values: tuple[int, ...]) -> str:
    """The short name of one completion of the missing cells (c1 to c4)."""
    return f"c{1 + int(''.join(map(str, values)), 2)}"


def codings() -> list[tuple[int, ...]]:
    return [(a, b) for a in (0, 1) for b in (0, 1)]


def fill(frame: pd.DataFrame, values: tuple[int, ...]) -> pd.DataFrame:
    """The data with the missing cells coded as ``values`` (in the order of CELLS)."""
    filled = frame.copy()
    for (case, col), v in zip(CELLS, values):
        if case in filled.index:
            filled.loc[case, col] = v
    return filled


def fit_row(sol: qca.Solution, model: int) -> dict:
    """inclS, PRI, covS of a model and the covU of each of its terms ("-" for a one-term model)."""
    f = sol.model_fit(model).to_frame()
    whole = f.iloc[-1]
    terms = f.iloc[:-1] if len(f) > 1 else f
    cov_u = " / ".join("-" if pd.isna(v) else f"{v:.3f}" for v in terms["covU"])
    return {"inclS": whole["inclS"], "PRI": whole["PRI"], "covS": whole["covS"], "covU": cov_u}


def section(title: str) -> None:
    print(f"\n## {title}\n")


def main() -> int:
    data = qca.datasets.load("huang2024")
    coded = data.dropna(subset=CONDITIONS)
    print("# Huang (2024): binding inter-state cybersecurity agreements, reproduced with qca\n")
    say(f"{len(data)} cases; conditions {', '.join(CONDITIONS)}; outcome {OUTCOME}. "
        f"Source: {qca.datasets.citation('huang2024')}")

    # 1. the truth table ------------------------------------------------------
    section("1. Truth table of HARM and THREAT for AGREE")
    tt = qca.truth_table(data, OUTCOME, CONDITIONS, incl_cut=INCL_CUT, missing="drop")
    table = tt.table
    table["incl"] = [f"{round(i * n)}/{n} = {i:.3f}" for i, n in zip(table["incl"], table["n"])]
    print(md(table[[*CONDITIONS, "OUT", "n", "incl", "PRI"]]))
    print("\nCases per row:\n")
    for row, cases in tt.table["cases"].items():
        say(f"row {row} ({len(cases)}): {', '.join(cases)}", bullet=True)
    print()
    say(f"Consistency cut-off incl_cut = {INCL_CUT}, n_cut = 1. OUT: 1 where the row's cases show "
        f"{OUTCOME} in at least incl_cut of cases; n: cases in the row; incl: the share of the row's cases "
        f"with {OUTCOME} (inclusion, or consistency); PRI: proportional reduction in inconsistency.")
    print()
    say("Missing codes (policy `missing='drop'`: a truth-table row needs every condition known):")
    for case, cols in tt.dropped["missing_in"].items():
        say(f"left out of the truth table: {case} (no code for {', '.join(cols)}); it is kept, by "
            "three-valued logic, in every fit below and in section 6", bullet=True)
    contra = tt.contradictions
    for row, r in contra.iterrows():
        config = "*".join(("" if r[c] else "~") + c for c in CONDITIONS)
        print(f"\n**Contradictory row {row} ({config})**, incl = {r['incl']:.3f}:")
        say(f"with the outcome ({len(r['positive'])}): {', '.join(r['positive'])}", bullet=True)
        say(f"without it ({len(r['negative'])}): {', '.join(r['negative'])}", bullet=True)

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
                print()
                say(f"({label}: membership left open by a missing code for {', '.join(cases)}; "
                    "those cases are not counted for this row)")

    # 3. necessity ------------------------------------------------------------
    section("3. Necessary conditions for AGREE")
    rows = []
    for cond in ("~THREAT", "HARM"):
        f = qca.fit(cond, data, OUTCOME, relation="necessity")
        fr = f.fractions().iloc[0]
        rows.append({"condition": cond, "inclN": fr["inclN"], "RoN": fr["RoN"], "covN": fr["covN"],
                     "undecided": ", ".join(f.undecided[cond]) or "none"})
    print(md(pd.DataFrame(rows).set_index("condition")))
    nec = qca.necessity(data, OUTCOME, CONDITIONS, incl_cut=0.9)
    print(f"\nPassing inclN >= 0.9: {', '.join(nec.necessary)}.")

    # 4. minimal solutions ----------------------------------------------------
    section("4. Minimal solutions, conservative and parsimonious")
    without = [c for c in coded.index if not coded.loc[c, OUTCOME]]
    say(f"With the two cases that lack a code left out, the only case left without an agreement "
        f"({', '.join(without)}) shares its configuration with agreements, so no configuration is left "
        f"that shows no agreement: nothing would stop a parsimonious solution from assuming an "
        f"agreement for every unobserved configuration. So the solutions are computed on all "
        f"{len(data)} cases, under each way of coding the two missing cells, with and without the CIS "
        f"case (which the paper places outside the theory's scope). The four codings:")
    print()
    legend = pd.DataFrame([{"coding": coding_label(v), **dict(zip(CELL_HEADERS, v))}
                           for v in codings()]).set_index("coding")
    print(md(legend))
    print()
    say("(US-Russia: HARM is the HARM code of the US-Russia dialogue, UN: THREAT the THREAT code of "
        "UN cyber arms control; these names are used in sections 6 and 8 too.)")
    print()
    say("Fit of each model on the data as coded (covU: each term's unique coverage, '-' for a "
        "one-term model); alternative models are listed as M1, M2.")
    scope = data.drop(index="CIS Agreement")
    sets = ((f"all {len(data)}", data), ("without CIS", scope))
    for outcome in (OUTCOME, "~" + OUTCOME):
        for kind, include in (("conservative", ""), ("parsimonious", "?")):
            rows = []
            for label, frame in sets:
                for v in codings():
                    t = qca.truth_table(fill(frame, v), outcome, CONDITIONS, incl_cut=INCL_CUT)
                    sol = solve(t, include)
                    if sol is None:
                        rows.append({"cases": label, "coding": coding_label(v),
                                     "solution": "none", "inclS": None, "PRI": None, "covS": None, "covU": ""})
                        continue
                    for m, expr in enumerate(sol.solutions):
                        name = f"M{m + 1}: {expr}" if len(sol.solutions) > 1 else str(expr)
                        rows.append({"cases": label, "coding": coding_label(v), "solution": name,
                                     **fit_row(sol, m)})
            print(f"\n**{kind.capitalize()} solution for {outcome}:**\n")
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
    print()
    say(f"Deviant for consistency (the term without the outcome): "
        f"{', '.join(ct.cases('deviant consistency'))}")
    say(f"Deviant for coverage (the outcome without the term): {', '.join(ct.cases('deviant coverage'))}")
    say(f"Typical cases: {len(ct.cases('typical'))}; individually irrelevant: "
        f"{', '.join(ct.cases('individually irrelevant'))}")
    print()
    say(f"The computed verdicts {'reproduce' if agree else 'DO NOT reproduce'} the paper's "
        "'fits the theory' column exactly.")

    # 6. missing-code sensitivity --------------------------------------------
    section("6. Sensitivity to the two missing codes")
    comp = qca.missing_completions(data, OUTCOME, CONDITIONS, incl_cut=INCL_CUT, expression=THEORY)
    f = comp.to_frame()
    cells = [f"{case}: {col}" for case, col in CELLS]
    f.insert(0, "coding", [coding_label(tuple(int(r[c]) for c in cells)) for _, r in f.iterrows()])
    f = f.rename(columns=dict(zip(cells, CELL_HEADERS)))
    print(md(f[["coding", *CELL_HEADERS, "contradictory rows", "conservative", "parsimonious"]], index=False))
    print()
    say(f"The solutions' own fit is in section 4. The fit of {THEORY} under each coding "
        "(it is the same expression whatever the coding):")
    print()
    print(md(f[["coding", "inclS", "covS"]].rename(columns={"inclS": f"inclS of {THEORY}",
                                                           "covS": f"covS of {THEORY}"}), index=False))
    print()
    for line in comp.summary_lines():
        say(line, bullet=True)

    # 7. controls -------------------------------------------------------------
    section("7. Controls: issue and negotiation type as conditions")
    controls = data.copy()
    controls["CRIME"] = (controls["issue"] == "cybercrime").astype("Int64")
    controls["MULTI"] = (controls["negotiation"] == "multilateral").astype("Int64")
    cond4 = [*CONDITIONS, "CRIME", "MULTI"]
    say("CRIME = 1 for cybercrime only (0: cybercrime and terrorism, or arms control); "
        "MULTI = 1 for multilateral negotiations.")
    print()
    tt4 = qca.truth_table(controls, OUTCOME, cond4, incl_cut=INCL_CUT, missing="drop")
    t4 = tt4.table
    t4["incl"] = [f"{round(i * n)}/{n} = {i:.3f}" for i, n in zip(t4["incl"], t4["n"])]
    print(md(t4[[*cond4, "OUT", "n", "incl"]]))
    print("\nCases per row:\n")
    for row, cases in tt4.table["cases"].items():
        say(f"row {row} ({len(cases)}): {', '.join(cases)}", bullet=True)
    for row, r in tt4.contradictions.iterrows():
        say(f"row {row} is contradictory: with {OUTCOME}: {', '.join(r['positive'])}; "
            f"without: {', '.join(r['negative'])}", bullet=True)
    for cut in (INCL_CUT, 0.75):
        rows = []
        with_c = qca.truth_table(controls, OUTCOME, cond4, incl_cut=cut, missing="drop")
        two = qca.truth_table(data, OUTCOME, CONDITIONS, incl_cut=cut, missing="drop")
        for label, t in (("HARM, THREAT", two), ("+ CRIME, MULTI", with_c)):
            rows.append({"conditions": label, "conservative": solutions_text(t, ""),
                         "parsimonious": solutions_text(t, "?")})
        print(f"\n**incl_cut = {cut}** (the cases with a missing code left out):\n")
        print(md(pd.DataFrame(rows), index=False))
    scoped = controls.drop(index="CIS Agreement")
    t_scoped = qca.truth_table(scoped, OUTCOME, cond4, incl_cut=0.75, missing="drop")
    weak = tt4.contradictions.iloc[0]
    print()
    say(f"Without the CIS case (outside the theory's scope) and incl_cut = 0.75, the conservative "
        f"solution with the controls is {solutions_text(t_scoped, '')}: the controls drop out once the "
        f"row holding {', '.join(weak['negative'])} is allowed its consistency of "
        f"{len(weak['positive'])}/{weak['n']} = {weak['incl']:.3f}.")

    # 8. intermediate solutions ---------------------------------------------
    section("8. Intermediate solutions under the paper's expectations (HARM present, THREAT absent)")
    expectations = {"HARM": 1, "THREAT": 0}
    rows = []
    for label, frame in sets:
        for v in codings():
            t = qca.truth_table(fill(frame, v), OUTCOME, CONDITIONS, incl_cut=INCL_CUT)
            sol = qca.minimize(t, include="?", dir_exp=expectations)
            first = next(iter(sol.intermediate.values()))
            easy = list(first.easy_counterfactuals.index)
            rows.append({
                "cases": label, "coding": coding_label(v),
                "conservative": models_text(first.complex),
                "parsimonious": models_text(first.parsimonious),
                "intermediate": models_text(sol.solutions),
                "easy counterfactuals": ", ".join(map(str, easy)) if easy else "none",
            })
    print(md(pd.DataFrame(rows), index=False))
    print()
    say("Codings c1 to c4 as in section 4. Easy counterfactuals are remainder rows (R row numbers) "
        "consistent with the expectations; a remainder that would need HARM absent or THREAT present to "
        "produce an agreement is a difficult counterfactual and is not used.")

    # 9. robustness -------------------------------------------------------------
    section(f"9. Robustness of {THEORY} to the consistency cut-off (0.75 to 1)")
    cuts = [0.75, 0.8, 0.85, 0.9, 0.95, 1]
    coded_scope = coded.drop(index="CIS Agreement")
    for label, frame in ((f"{len(coded)} cases with both codes", data),
                         (f"the same without CIS ({len(coded_scope)} cases)", scope)):
        rob = qca.robustness(frame, OUTCOME, CONDITIONS, incl_cut=cuts, missing="drop", expression=THEORY)
        st = rob.settings
        out = pd.DataFrame({
            "incl_cut": st["incl_cut"],
            "conservative solution": [models_text(v) if len(v) else "none (no row reaches the cut-off)"
                                      for v in st["solutions"]],
            "is the solution": st["term"].map({True: "yes", False: "no"}).fillna("-"),
            "lies within it": st["inside"].map({True: "yes", False: "no"}).fillna("-"),
        })
        say(f"**{label}** (the {len(data) - len(coded)} cases with a missing code are left out of the "
            f"truth table); the last two columns say whether {THEORY} is the conservative solution and "
            "whether it lies within it:")
        print()
        print(md(out, index=False))
        print()
    h1 = qca.fit(THEORY, data, OUTCOME).counts.iloc[0]
    say(f"{THEORY} itself has inclS {h1['XY']}/{h1['X']} = {h1['XY'] / h1['X']:.3f} on every setting "
        "(fit does not depend on the cut-off); it passes every cut-off up to that value and fails "
        "above it, where the row holding China-Germany drops to OUT = 0.")

    # 10. theory evaluation -----------------------------------------------------
    conservative = qca.minimize(tt)
    named = models_text(conservative.solutions)
    section(f"10. Theory evaluation: {THEORY} against the conservative solution {named}")
    say(f"The conservative solution of section 1's truth table (incl_cut = {INCL_CUT}, the "
        f"{len(data) - len(coded)} cases with a missing code left out): {named} -> {OUTCOME}. "
        "Cases of each intersection of theory (T) and solution (S):")
    print()
    ev = qca.theory_evaluation(data, THEORY, conservative)
    tev = ev.to_frame()
    print(md(tev[["expression", "n", "inclS"]]))
    print()
    for key, r in tev.iterrows():
        parts = [f"with {OUTCOME}: {', '.join(r['with outcome']) or 'none'}",
                 f"without: {', '.join(r['without outcome']) or 'none'}"]
        if len(r["undecided"]):
            parts.append(f"undecided: {', '.join(r['undecided'])}")
        say(f"{key} ({r['expression']}): " + "; ".join(parts), bullet=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
