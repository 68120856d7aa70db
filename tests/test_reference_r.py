"""Our results against R's QCA 3.25.1 on published crisp data (tests/reference/r-qca).

The reference folder also holds R's fuzzy-set (``LF_*``), multi-value (``LM_*``) and
calibration (``calibrate_LR.json``) outputs. This module collects only the crisp
minimizations: a file whose R record says ``"multivalue": false`` and no fuzzy
condition (``"fuzzy": [false, ...]``). To test the other kinds, select them the
same way in their own module, e.g. ``reference_names(kind="fuzzy")`` for the
``LF_*`` files or ``reference_names(kind="multi-value")`` for ``LM_*``, and load
their data with ``helpers.reference_data(spec)`` once the set is bundled.
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

import pytest

import qca

from helpers import REFERENCE, REPO, TEST_DATA, load_reference, reference_data


def data_kind(ref: dict) -> str | None:
    """``crisp``, ``fuzzy`` or ``multi-value`` as R recorded the data of a minimization; else None."""
    if "truth_table" not in ref or "multivalue" not in ref or "fuzzy" not in ref:
        return None  # necessity (superSubset/pof) or calibration output
    if ref["multivalue"]:
        return "multi-value"
    return "fuzzy" if any(ref["fuzzy"]) else "crisp"


def reference_names(kind: str) -> list[str]:
    """Names of R's minimization outputs in tests/reference/r-qca on data of one kind."""
    names = []
    for path in sorted(REFERENCE.glob("*.json")):
        if path.name.endswith(".spec.json"):
            continue
        if data_kind(json.loads(path.read_text(encoding="utf-8"))) == kind:
            names.append(path.name[: -len(".json")])
    return names


CASES = reference_names("crisp")
load = load_reference


def run(ref: dict):
    spec = ref["spec"]
    data = reference_data(spec)
    outcome = spec["outcome"]
    if str(spec.get("explain", "1")) == "0":
        outcome = "~" + outcome  # R explained the negative rows: the negated outcome
    assert ref["outcome"] == outcome
    tt = qca.truth_table(data, outcome, spec["conditions"], incl_cut=spec["incl.cut"],
                         n_cut=spec["n.cut"], pri_cut=spec.get("pri.cut", 0))
    sol = qca.minimize(tt, include=spec.get("include", ""), all_sol=spec.get("all.sol", False),
                       row_dom=spec.get("row.dom", False))
    return tt, sol


def close(a, b, tol=1e-6):
    if b is None:
        return a is None or (isinstance(a, float) and math.isnan(a))
    return abs(a - b) <= tol


def test_reference_files_present():
    assert {"LC_SURV_conservative", "LC_SURV_parsimonious", "LC_SURV_intermediate", "LC_notSURV_conservative",
            "LC_notSURV_parsimonious", "Krook_WNP_conservative", "Krook_WNP_parsimonious",
            "Rokkan_S_parsimonious", "Rokkan_S_parsimonious_allsol"} <= set(CASES)
    # the fuzzy and multi-value outputs are kept in the repository but are not crisp tests
    assert reference_names("fuzzy") and reference_names("multi-value")
    assert not any(n.startswith(("LF_", "LM_", "calibrate")) for n in CASES)


def test_reference_data_are_r_exports_byte_for_byte():
    # every data set an R reference was computed on is, in the repository, R's exported file
    # unchanged (SHA-256 recorded in tests/data/published_sha256.json when it was copied)
    sha = json.loads((TEST_DATA / "published_sha256.json").read_text(encoding="utf-8"))
    stems = set()
    for path in REFERENCE.glob("*.spec.json"):
        stems.add(Path(json.loads(path.read_text(encoding="utf-8"))["data"]).name)
    assert len(stems) >= 20
    for name in sorted(stems):
        path = REPO / "datasets" / name
        if not path.is_file():
            path = TEST_DATA / name
        assert hashlib.sha256(path.read_bytes()).hexdigest() == sha[name], name


@pytest.mark.parametrize("name", CASES)
def test_truth_table_matches_r(name):
    ref = load(name)
    tt, _ = run(ref)
    table = tt.table
    assert table.index.tolist() == [r["row"] for r in ref["truth_table"]]
    for r in ref["truth_table"]:
        row = table.loc[r["row"]]
        assert [int(row[c]) for c in ref["conditions"]] == [r["config"][c] for c in ref["conditions"]]
        assert row["OUT"] == r["OUT"]
        assert row["n"] == r["n"]
        assert close(row["incl"], r["incl"]) and close(row["PRI"], r["PRI"])
        assert list(row["cases"]) == r["cases"]


@pytest.mark.parametrize("name", CASES)
def test_prime_implicants_and_chart_match_r(name):
    ref = load(name)
    _, sol = run(ref)
    assert [str(p) for p in sol.prime_implicants] == ref["prime_implicants"]
    chart = sol.pi_chart
    assert chart.columns.tolist() == ref["pi_chart"]["rows"]
    assert chart.index.tolist() == ref["pi_chart"]["pis"]
    assert chart.to_numpy().tolist() == ref["pi_chart"]["matrix"]


@pytest.mark.parametrize("name", CASES)
def test_solutions_match_r(name):
    ref = load(name)
    _, sol = run(ref)
    ours = {frozenset(str(t) for t in s.terms) for s in sol.solutions}
    theirs = {frozenset(s) for s in ref["solutions"]}
    assert ours == theirs
    assert len(sol.solutions) == len(ref["solutions"])
    assert {str(e) for e in sol.essential} == set(ref["essential"])
    # parsing R's strings gives the same expressions
    assert {qca.parse(s) for s in ref["solution_strings"]} == set(sol.solutions)


#: at most this many of R's tied models have their fit compared one by one (evenly spread);
#: every model is still compared as a set of implicants, and every implicant's fit
MAX_MODEL_FITS = 40


def sampled_models(models: list) -> list:
    """R's per-model fit records, thinned evenly to at most MAX_MODEL_FITS (first and last kept)."""
    if len(models) <= MAX_MODEL_FITS:
        return models
    step = (len(models) - 1) / (MAX_MODEL_FITS - 1)
    return [models[round(k * step)] for k in range(MAX_MODEL_FITS)]


def model_terms(expression) -> frozenset:
    """The implicants of a model, each parsed (``"A*B + ~C"`` -> {A*B, ~C}; R's ``STB[1]`` is ``STB``)."""
    return term_set(str(expression).split(" + "))


def term_set(terms) -> frozenset:
    """Implicants written as R writes them, parsed (so ``DEV[1]*STB[1]`` equals our ``DEV[1]*STB``)."""
    return frozenset(qca.parse(t) for t in terms)


def label_of(frame, pi: str) -> str:
    """The row of a fit table for R's implicant ``pi`` (compared as expressions, not as text)."""
    want = qca.parse(pi)
    return next(label for label in frame.index if qca.parse(label) == want)


def intermediate_result(name: str):
    """R's record and our minimization with the spec's directional expectations (``dir.exp``)."""
    ref = load(name)
    spec = ref["spec"]
    data = reference_data(spec)
    tt = qca.truth_table(data, ref["outcome"], spec["conditions"], incl_cut=spec["incl.cut"],
                         n_cut=spec["n.cut"], pri_cut=spec.get("pri.cut", 0))
    sol = qca.minimize(tt, include=spec["include"], dir_exp=spec["dir.exp"])
    # R's C<i>P<j> names each complex model with each parsimonious one: match the pairs by models
    pairs = {(model_terms(i.complex), model_terms(i.parsimonious)): i for i in sol.intermediate.values()}
    return ref, data, sol, pairs


def check_intermediate(name: str) -> None:
    """R's intermediate solutions, pair by pair: the pairs, easy counterfactuals, models."""
    ref, _, sol, pairs = intermediate_result(name)
    assert set(pairs) == {(term_set(i["c_sol"]), term_set(i["p_sol"])) for i in ref["intermediate"]}
    assert sorted(sol.intermediate) == sorted(i["name"] for i in ref["intermediate"])
    for item in ref["intermediate"]:
        inter = pairs[(term_set(item["c_sol"]), term_set(item["p_sol"]))]
        assert inter.easy_counterfactuals.index.tolist() == item["easy_counterfactuals"], item["name"]
        ours = {model_terms(s) for s in inter.solutions}
        assert ours == {term_set(s) for s in item["solutions"]}, item["name"]
        assert len(inter.solutions) == len(item["solutions"])


def check_intermediate_fit(name: str) -> None:
    """Fit of R's intermediate models (inclS, PRI, covS per model; inclS, PRI, covS, covU per term).

    Where our pair carries its own :class:`qca.minimize.Solution` (``.solution``), its fit and
    essential implicants are compared; otherwise each model's fit comes from ``qca.fit``.
    """
    ref, data, _, pairs = intermediate_result(name)
    for item in ref["intermediate"]:
        inter = pairs[(term_set(item["c_sol"]), term_set(item["p_sol"]))]
        isol = getattr(inter, "solution", None)
        if isol is not None:
            assert set(isol.essential) == term_set(item["essential"]), item["name"]
            by_terms = {model_terms(s): k for k, s in enumerate(isol.solutions)}
            for pf in item["pi_fit"]:
                row = isol.pi_fit.loc[label_of(isol.pi_fit, pf["pi"])]
                for p in ("inclS", "PRI", "covS", "covU"):
                    assert close(row[p], pf[p]), (item["name"], pf["pi"], p)
                assert sorted(row["cases"]) == sorted(pf["cases"])
        for model in item["solution_fit"]:
            if isol is not None:
                frame = isol.model_fit(by_terms[term_set(model["pis"])]).to_frame()
            else:
                frame = qca.fit(model["solution"], data, ref["outcome"]).to_frame()
            for p in ("inclS", "PRI", "covS"):
                assert close(frame.iloc[-1][p], model[p]), (item["name"], model["solution"], p)
            for pf in model["pi_fit"]:
                for p in ("inclS", "PRI", "covS", "covU"):
                    assert close(frame.loc[label_of(frame, pf["pi"]), p], pf[p]), (item["name"], pf["pi"], p)


def intermediate_names(kind: str) -> list[str]:
    """R's minimizations with directional expectations (an ``intermediate`` record) on data of one kind."""
    return [n for n in reference_names(kind) if "intermediate" in load(n)]


@pytest.mark.parametrize("name", CASES)
def test_fit_matches_r(name):
    ref = load(name)
    _, sol = run(ref)
    by_terms = {frozenset(str(t) for t in s.terms): i for i, s in enumerate(sol.solutions)}
    for model in sampled_models(ref["solution_fit"]):
        i = by_terms[frozenset(model["pis"])]
        frame = sol.model_fit(i).to_frame()
        whole = frame.iloc[-1]
        for p in ("inclS", "PRI", "covS"):
            assert close(whole[p], model[p]), (model["solution"], p)
        for pf in model["pi_fit"]:
            row = frame.loc[pf["pi"]]
            for p in ("inclS", "PRI", "covS", "covU"):
                assert close(row[p], pf[p]), (pf["pi"], p, row[p], pf[p])
    overall = sol.pi_fit
    for pf in ref["pi_fit"]:
        row = overall.loc[pf["pi"]]
        for p in ("inclS", "PRI", "covS", "covU"):
            assert close(row[p], pf[p]), (pf["pi"], p)
        assert sorted(row["cases"]) == sorted(pf["cases"])


@pytest.mark.parametrize("name", intermediate_names("crisp"))
def test_intermediate_matches_r(name):
    check_intermediate(name)


@pytest.mark.parametrize("name", intermediate_names("crisp"))
def test_intermediate_fit_matches_r(name):
    check_intermediate_fit(name)


@pytest.mark.parametrize("name", CASES)
def test_simplifying_assumptions_match_r(name):
    ref = load(name)
    _, sol = run(ref)
    ours = {frozenset(frame.index) for frame in sol.simplifying_assumptions.values()}
    theirs = {frozenset(rows) for rows in ref["simplifying_assumptions"].values()}
    assert ours == theirs


def test_necessity_matches_r_pof(reference_dir):
    ref = json.loads((reference_dir / "LC_SURV_necessity.json").read_text())
    spec = ref["spec"]
    data = reference_data(spec)
    nec = qca.necessity(data, spec["outcome"], spec["conditions"], incl_cut=spec["incl.cut"]).to_frame()
    assert nec.index.tolist() == [r["expression"] for r in ref["pof"]]
    for r in ref["pof"]:
        for p in ("inclN", "RoN", "covN"):
            assert close(nec.loc[r["expression"], p], r[p]), (r["expression"], p)
    # every superSubset expression's parameters agree with fit(relation="necessity")
    for r in ref["superSubset"]["rows"]:
        frame = qca.fit(r["expression"], data, spec["outcome"], relation="necessity").to_frame()
        row = frame.iloc[-1]
        for p in ("inclN", "RoN", "covN"):
            assert close(row[p], r[p]), (r["expression"], p)


NECESSITY = sorted(p.name[: -len(".json")] for p in REFERENCE.glob("*_necessity.json"))


@pytest.mark.parametrize("name", NECESSITY)
def test_super_subset_and_necessity_match_r(name):
    # R's superSubset(relation = "necessity") rows, in R's order, and pof() of every
    # condition and its negation; crisp and fuzzy data, the outcome or its negation
    ref = load(name)
    spec = ref["spec"]
    data = reference_data(spec)
    res = qca.super_subset(data, ref["outcome"], spec["conditions"], relation="necessity",
                           incl_cut=spec["incl.cut"], cov_cut=spec["cov.cut"], ron_cut=spec["ron.cut"])
    frame = res.to_frame()
    rows = ref["superSubset"]["rows"]
    # R writes a binary condition of multi-value data as V[0]/V[1], we as ~V/V: the same
    # expression (compared parsed), in the same order
    assert [qca.parse(e) for e in frame["expression"]] == [qca.parse(r["expression"]) for r in rows]
    for (_, ours), theirs in zip(frame.iterrows(), rows):
        for col in ("inclN", "RoN", "covN"):
            assert close(ours[col], theirs[col]), (theirs["expression"], col)
    nec = qca.necessity(data, ref["outcome"], spec["conditions"]).to_frame()
    assert set(nec.index) >= {p["expression"] for p in ref["pof"]}
    for p in ref["pof"]:
        for col in ("inclN", "RoN", "covN"):
            assert close(nec.loc[p["expression"], col], p[col]), (p["expression"], col)

