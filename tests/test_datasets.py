"""Bundled data sets: files, index.json, the loader, and the huang2024 codes."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from qca import QCAError
from qca import datasets

from helpers import TEST_DATA

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "datasets"
#: SHA-256 of each file as R's QCA 3.25.1 exported it (tests/data/PROVENANCE.md)
PUBLISHED_SHA256 = json.loads((TEST_DATA / "published_sha256.json").read_text(encoding="utf-8"))

INDEX = json.loads((DATA / "index.json").read_text(encoding="utf-8"))
NAMES = list(INDEX)
CLASSIC = [n for n in NAMES if n != "huang2024"]


def read_raw(path: Path) -> pd.DataFrame:
    """Read a CSV the way R wrote it: case names as text, only '' missing."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])


# --- files and index -------------------------------------------------------


def test_loader_reads_the_source_checkout_folder():
    # In a source checkout (no qca/_datasets) the loader uses <repo>/datasets.
    if (REPO / "qca" / "_datasets").is_dir():
        pytest.skip("a packaged qca/_datasets folder exists")
    assert datasets._data_dir().resolve() == DATA.resolve()


def test_every_csv_is_indexed_and_every_entry_has_a_file():
    on_disk = {p.name for p in DATA.glob("*.csv")}
    assert on_disk == {e["file"] for e in INDEX.values()}
    for name, entry in INDEX.items():
        assert entry["file"] == f"{name}.csv"


def test_fuzzy_and_raw_sets_are_bundled_with_citations():
    for name, kind in (("LF", "fuzzy"), ("LR", "raw"), ("CVF", "fuzzy"), ("CVR", "raw")):
        assert INDEX[name]["type"] == kind
    assert "Lipset" in datasets.citation("LF") and "Ragin (2009)" in datasets.citation("LR")
    assert "Cebotari" in datasets.citation("CVF") and "Cebotari" in datasets.citation("CVR")
    lf = datasets.load("LF")
    assert lf.shape == (18, 6) and lf.loc["BE", "DEV"] == 0.99
    assert datasets.load("CVR").shape == (29, 6)


def test_a_membership_outside_the_unit_interval_is_refused(tmp_path, monkeypatch):
    (tmp_path / "fz.csv").write_text("case,A,Y\nx,0.2,1.5\ny,0.7,0.1\n")
    index = {"fz": {"file": "fz.csv", "type": "fuzzy", "outcome": ["Y"], "conditions": ["A"], "cases": 2,
                    "citation": "-", "notes": "", "columns": {"A": "membership", "Y": "membership"}}}
    (tmp_path / "index.json").write_text(json.dumps(index))
    monkeypatch.setattr(datasets, "_data_dir", lambda: tmp_path)
    with pytest.raises(QCAError, match=r"column 'Y': values must be memberships from 0 to 1 or empty, found 'x': '1.5'"):
        datasets.load("fz")


def test_required_classic_sets_are_bundled():
    for name in ["LC", "Krook", "Rokkan", "d.CS", "d.Kil", "d.HMN", "d.SS", "Quine", "d.BWB", "HC"]:
        assert name in INDEX


@pytest.mark.parametrize("name", NAMES)
def test_index_entry_is_complete(name):
    entry = INDEX[name]
    for key in ["file", "type", "outcome", "conditions", "cases", "citation", "notes", "columns"]:
        assert key in entry, key
    assert entry["type"] in ("crisp", "fuzzy", "raw", "multi-value")
    assert isinstance(entry["citation"], str) and entry["citation"].strip()
    assert isinstance(entry["cases"], int)
    cols = entry["columns"]
    kind = {"crisp": "code", "fuzzy": "membership", "raw": "number", "multi-value": "code"}[entry["type"]]
    for col in entry["outcome"] + entry["conditions"]:
        assert cols[col] == kind or (entry["type"] == "multi-value" and cols[col] == "level")
    if entry["type"] == "multi-value":
        assert "level" in cols.values()
    assert not set(entry["outcome"]) & set(entry["conditions"])


@pytest.mark.parametrize("name", NAMES)
def test_manifest_lists_every_file(name):
    manifest = (DATA / "MANIFEST.md").read_text(encoding="utf-8")
    assert f"| {INDEX[name]['file']} |" in manifest


# --- loading -----------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_load_matches_index_and_file(name):
    entry = INDEX[name]
    df = datasets.load(name)
    raw = read_raw(DATA / entry["file"])
    assert df.shape == (entry["cases"], len(entry["columns"]))
    assert len(raw) == entry["cases"]
    assert df.index.name == "case"
    assert df.index.is_unique
    assert df.index.tolist() == raw["case"].tolist()
    assert all(isinstance(c, str) for c in df.index)
    assert df.columns.tolist() == list(entry["columns"])
    for col, kind in entry["columns"].items():
        if kind == "code":
            assert str(df[col].dtype) == "Int64", col
            assert set(df[col].dropna().tolist()) <= {0, 1}, col
            # missing exactly where the file has an empty cell
            assert df[col].isna().tolist() == raw[col].isna().tolist(), col
        elif kind == "level":  # multi-value: whole-number levels 0, 1, 2, ...
            assert str(df[col].dtype) == "Int64", col
            assert max(df[col].dropna().tolist()) > 1, col
            assert df[col].isna().tolist() == raw[col].isna().tolist(), col
        elif kind == "text":
            assert pd.api.types.is_string_dtype(df[col]), col
        elif kind == "yesno":
            assert df[col].dtype == bool, col
        elif kind in ("membership", "number"):
            assert df[col].dtype == float, col
            assert df[col].isna().tolist() == raw[col].isna().tolist(), col
            if kind == "membership":
                assert df[col].dropna().between(0, 1).all(), col


@pytest.mark.parametrize("name", CLASSIC)
def test_classic_sets_equal_the_published_source(name):
    entry = INDEX[name]
    src = DATA / entry["file"]
    # copied byte for byte from R's export: the same SHA-256 as the exported file
    assert hashlib.sha256(src.read_bytes()).hexdigest() == PUBLISHED_SHA256[entry["file"]]
    raw = read_raw(src).set_index("case")
    df = datasets.load(name)
    assert df.shape == raw.shape
    assert df.index.tolist() == raw.index.tolist()
    expected = raw.apply(lambda s: pd.to_numeric(s)).astype("Int64" if entry["type"] in ("crisp", "multi-value") else float)
    pd.testing.assert_frame_equal(df, expected, check_names=False, check_index_type=False)


def test_missing_values_of_d_bwb_are_kept():
    df = datasets.load("d.BWB")
    assert int(df.isna().sum().sum()) == 6
    assert df.index[:2].tolist() == ["01", "02"]  # leading zeros kept


@pytest.mark.parametrize("name", NAMES)
def test_case_named_na_survives_in_bundled_sets(name):
    raw_cases = read_raw(DATA / INDEX[name]["file"])["case"].tolist()
    df = datasets.load(name)
    for label in ["NA", "N/A", "NaN", "nan", "null", "None"]:
        assert (label in df.index) == (label in raw_cases)


def test_case_named_na_survives(tmp_path, monkeypatch):
    # None of the bundled crisp sets has a case called "NA" (Namibia appears
    # only in the multi-value HarKem family), so check the reader on a copy.
    (tmp_path / "toy.csv").write_text('"case","A","Y","label"\n"NA",1,0,"NA"\n"NAM",,1,""\n"null",0,1,"x"\n')
    index = {"toy": {"file": "toy.csv", "type": "crisp", "outcome": ["Y"], "conditions": ["A"], "cases": 3,
                     "citation": "toy", "notes": "", "columns": {"A": "code", "Y": "code", "label": "text"}}}
    (tmp_path / "index.json").write_text(json.dumps(index))
    monkeypatch.setattr(datasets, "_data_dir", lambda: tmp_path)
    df = datasets.load("toy")
    assert df.index.tolist() == ["NA", "NAM", "null"]
    assert df.loc["NA", "A"] == 1 and df.loc["NA", "label"] == "NA"
    assert df.loc["NAM", "A"] is pd.NA
    assert pd.isna(df.loc["NAM", "label"])


def test_na_case_of_published_harkem_survives(tmp_path, monkeypatch):
    src = TEST_DATA / "HarKem.csv"
    assert hashlib.sha256(src.read_bytes()).hexdigest() == PUBLISHED_SHA256["HarKem.csv"]
    shutil.copy(src, tmp_path / "HarKem.csv")
    cols = read_raw(src).columns[1:]
    # multi-value codes are not 0/1; read them as text for this check
    index = {"HarKem": {"file": "HarKem.csv", "type": "multi-value", "outcome": ["PB"], "conditions": [], "cases": 48,
                        "citation": "", "notes": "", "columns": {c: "text" for c in cols}}}
    (tmp_path / "index.json").write_text(json.dumps(index))
    monkeypatch.setattr(datasets, "_data_dir", lambda: tmp_path)
    df = datasets.load("HarKem")
    assert "NA" in df.index
    assert len(df) == 48


def test_bad_code_is_reported(tmp_path, monkeypatch):
    (tmp_path / "bad.csv").write_text('"case","A"\n"x",1\n"y",-\n')
    index = {"bad": {"file": "bad.csv", "type": "crisp", "outcome": [], "conditions": ["A"], "cases": 2,
                     "citation": "", "notes": "", "columns": {"A": "code"}}}
    (tmp_path / "index.json").write_text(json.dumps(index))
    monkeypatch.setattr(datasets, "_data_dir", lambda: tmp_path)
    with pytest.raises(QCAError, match=r"'A'.*'y': '-'"):
        datasets.load("bad")


# --- errors, list, citation ----------------------------------------------------


@pytest.mark.parametrize("bad", ["nope", "lc", "huang2024.csv", "", 3, None])
def test_unknown_name_raises_and_lists_options(bad):
    with pytest.raises(QCAError) as info:
        datasets.load(bad)
    msg = str(info.value)
    for name in NAMES:
        assert name in msg
    assert isinstance(info.value, ValueError)
    with pytest.raises(QCAError):
        datasets.citation(bad)


def test_list():
    tab = datasets.list()
    assert tab.columns.tolist() == ["name", "type", "outcome", "conditions", "cases", "citation"]
    assert tab["name"].tolist() == NAMES
    for _, row in tab.iterrows():
        entry = INDEX[row["name"]]
        assert row["outcome"].split(",") == entry["outcome"]
        assert row["conditions"].split(",") == entry["conditions"]
        assert row["cases"] == entry["cases"] == len(datasets.load(row["name"]))
        assert row["citation"] == entry["citation"]
    assert datasets.list is datasets.list_datasets
    assert list("ab") == ["a", "b"]  # the builtin is untouched here


def test_citation():
    for name in NAMES:
        assert datasets.citation(name) == INDEX[name]["citation"]
    cit = datasets.citation("huang2024")
    for part in ["Huang", "国家间网络安全约束性协议何以达成", "Why Are Binding Inter-State Cybersecurity Agreements Formed?",
                 "World Economics and Politics", "2024", "86-114"]:
        assert part in cit


# --- huang2024 ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def huang() -> pd.DataFrame:
    return datasets.load("huang2024")


KEY = ["CoE Convention on Cybercrime", "UN cyber arms control", "China-US consensus", "US-Russia dialogue"]


def test_huang_cases(huang):
    assert huang.shape == (16, 10)
    assert huang.index[:4].tolist() == KEY
    assert huang.index[-2:].tolist() == ["CIS Agreement", "China-Germany consultations"]
    assert huang["key_case"].tolist() == [1] * 4 + [0] * 12
    for case in huang.index:
        assert case.isascii() and len(case) <= 30 and case == case.strip()
    raw = (DATA / "huang2024.csv").read_bytes()
    raw.decode("ascii")  # the file is plain ASCII


def test_huang_outcome_and_missing_codes(huang):
    assert int(huang["AGREE"].sum()) == 13
    assert huang["AGREE"].notna().all()
    codes = huang[["HARM", "THREAT", "AGREE"]]
    missing = [(case, col) for case in codes.index for col in codes.columns if pd.isna(codes.loc[case, col])]
    assert missing == [("UN cyber arms control", "THREAT"), ("US-Russia dialogue", "HARM")]
    assert int(huang[["name", "year", "issue", "negotiation", "source"]].isna().sum().sum()) == 0


def test_huang_key_cases_as_in_table_2(huang):
    got = huang.loc[KEY, ["issue", "negotiation", "year", "HARM", "THREAT", "AGREE"]]
    assert got["issue"].tolist() == ["cybercrime", "arms control", "cybercrime", "cybercrime"]
    assert got["negotiation"].tolist() == ["multilateral", "multilateral", "bilateral", "bilateral"]
    assert got["year"].tolist() == ["2001", "1998-", "2015", "2011-"]
    assert got["AGREE"].tolist() == [1, 0, 1, 0]
    assert huang.loc["CoE Convention on Cybercrime", "HARM"] == 1
    assert huang.loc["UN cyber arms control", "HARM"] == 0
    assert huang.loc["US-Russia dialogue", "THREAT"] == 1


def test_huang_non_fitting_cases(huang):
    assert huang.index[~huang["fits_theory"]].tolist() == ["CIS Agreement", "China-Germany consultations"]
    assert huang.loc["CIS Agreement", ["HARM", "THREAT", "AGREE"]].tolist() == [0, 0, 1]
    assert huang.loc["China-Germany consultations", ["HARM", "THREAT", "AGREE"]].tolist() == [1, 0, 0]


def test_huang_fit_verdict_agrees_with_the_hypotheses(huang):
    # H1: HARM*~THREAT -> AGREE; H2: ~HARM + THREAT -> ~AGREE. A case fits
    # when its outcome is what the hypotheses predict from the codes it has.
    for case, row in huang.iterrows():
        harm, threat = row["HARM"], row["THREAT"]
        if (harm is not pd.NA and harm == 0) or (threat is not pd.NA and threat == 1):
            predicted = 0
        else:
            assert harm == 1 and threat == 0, case
            predicted = 1
        assert row["fits_theory"] == (predicted == row["AGREE"]), case


def test_huang_table_3(huang):
    t3 = huang[huang["key_case"] == 0]
    assert len(t3) == 12
    assert t3["issue"].value_counts().to_dict() == {"cybercrime": 8, "cybercrime and terrorism": 4}
    assert t3["negotiation"].value_counts().to_dict() == {"multilateral": 6, "bilateral": 6}
    assert set(huang["issue"]) == {"cybercrime", "cybercrime and terrorism", "arms control"}
    assert set(huang["negotiation"]) == {"multilateral", "bilateral"}
    fitting = t3[t3["fits_theory"]]
    assert len(fitting) == 10
    assert (fitting[["HARM", "THREAT", "AGREE"]] == [1, 0, 1]).all().all()


def test_huang_source_column_names_the_table(huang):
    for case, src in huang["source"].items():
        table = "Table 2" if huang.loc[case, "key_case"] == 1 else "Table 3"
        assert src.startswith(table), case
