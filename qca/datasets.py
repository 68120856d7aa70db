"""Bundled crisp-set data sets: the study's cases and classic published sets.

Every data set is a CSV file with one row per case, described by an entry of
``index.json`` in the same folder (file, type, outcome(s), conditions, number
of cases, citation, notes and the kind of every column). The folder is
``qca/_datasets`` in an installed wheel and the top-level ``datasets/``
folder of a source checkout.

Bundled sets
------------
``huang2024``
    Huang Bei (2024), "Why Are Binding Inter-State Cybersecurity Agreements
    Formed?" (国家间网络安全约束性协议何以达成), *World Economics and
    Politics* 2024 No. 11: the 16 cases of the paper's Tables 2 and 3, outcome
    ``AGREE``, conditions ``HARM`` and ``THREAT``. See ``datasets/huang2024.md``.
``LC``, ``Krook``, ``Rokkan``, ``HC``, ``d.CS``, ``d.Kil``, ``d.HMN``, ``d.SS``, ``d.BWB``, ``Quine``
    Crisp data sets exported unchanged from the R package QCA 3.25.1, each
    with its published citation (:func:`citation`).
``LM``
    The multi-value Lipset data from the same export (DEV has levels 0, 1,
    2; its column kind is ``level``), for multi-value QCA.

How a set is read
-----------------
* The case names become the index (named ``"case"``) and are always text:
  a case called ``"NA"`` (Namibia in some published sets) or ``"01"`` stays
  as it is. Only an empty cell counts as missing.
* 0/1 code columns (outcomes, conditions, and ``key_case``) have the pandas
  nullable integer dtype ``"Int64"``; a missing code is ``pd.NA``, never 0.
* Text columns (``name``, ``year``, ``issue``, ``negotiation``, ``source``)
  have pandas' string dtype (``str``).
* ``fits_theory`` (stored as ``yes``/``no``) is loaded as ``bool``.

Examples
--------
>>> from qca import datasets
>>> df = datasets.load("huang2024")
>>> df.shape
(16, 10)
>>> df.loc["China-Germany consultations", ["HARM", "THREAT", "AGREE"]].astype(int).tolist()
[1, 0, 0]
"""

from __future__ import annotations

import builtins
import difflib
import json
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import QCAError

__all__ = ["load", "list_datasets", "citation"]

#: Column kinds used in ``index.json``.
CODE, TEXT, YESNO, MEMBERSHIP, NUMBER = "code", "text", "yesno", "membership", "number"
#: a multi-value condition: whole-number levels 0, 1, 2, ... (empty = missing)
LEVEL = "level"
_KINDS = (CODE, TEXT, YESNO, MEMBERSHIP, NUMBER, LEVEL)
_YESNO = {"yes": True, "no": False}


def _data_dir() -> Path:
    """Folder holding the bundled CSV files and ``index.json``."""
    packaged = Path(__file__).parent / "_datasets"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "datasets"


def _index() -> dict[str, dict[str, Any]]:
    """The parsed ``index.json``: data set name -> description."""
    path = _data_dir() / "index.json"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise QCAError(f"bundled data sets not found: cannot read {path} ({exc})") from exc
    return json.loads(text)


def _entry(name: str) -> dict[str, Any]:
    """Index entry of one data set; unknown names raise, listing the options."""
    index = _index()
    if isinstance(name, str) and name in index:
        return index[name]
    options = ", ".join(index)
    if not isinstance(name, str):
        raise QCAError(f"data set name must be a string, got {name!r}; available: {options}")
    close = difflib.get_close_matches(name, builtins.list(index), n=3, cutoff=0.5)
    lower = [k for k in index if k.lower() == name.lower()]
    hint = lower or close
    did_you_mean = f" (did you mean {', '.join(map(repr, hint))}?)" if hint else ""
    raise QCAError(f"unknown data set {name!r}{did_you_mean}; available: {options}")


def _codes(values: pd.Series, column: str, name: str) -> pd.Series:
    """Text cells '0'/'1'/missing -> Int64 with pd.NA for missing."""
    bad = values.notna() & ~values.isin(["0", "1"])
    if bad.any():
        where = ", ".join(f"{case!r}: {val!r}" for case, val in values[bad].items())
        raise QCAError(f"data set {name!r}, column {column!r}: codes must be 0, 1 or empty, found {where}")
    return values.map({"0": 0, "1": 1}, na_action="ignore").astype("Int64")


def _numbers(values: pd.Series, column: str, name: str, unit: bool) -> pd.Series:
    """Text cells -> float (NaN for missing); with ``unit``, fuzzy memberships in [0, 1]."""
    out = pd.to_numeric(values, errors="coerce")
    bad = values.notna() & out.isna()
    if unit:
        bad |= out.notna() & ~out.between(0.0, 1.0)
    if bad.any():
        where = ", ".join(f"{case!r}: {val!r}" for case, val in values[bad].items())
        what = "memberships from 0 to 1" if unit else "numbers"
        raise QCAError(f"data set {name!r}, column {column!r}: values must be {what} or empty, found {where}")
    return out.astype(float)


def _levels(values: pd.Series, column: str, name: str) -> pd.Series:
    """Text cells of whole-number levels (0, 1, 2, ...)/missing -> Int64 with pd.NA for missing."""
    bad = values.notna() & ~values.str.fullmatch(r"[0-9]+").fillna(False).astype(bool)
    if bad.any():
        where = ", ".join(f"{case!r}: {val!r}" for case, val in values[bad].items())
        raise QCAError(f"data set {name!r}, column {column!r}: levels must be whole numbers 0, 1, 2, ... "
                       f"or empty, found {where}")
    return pd.to_numeric(values).astype("Int64")


def _yesno(values: pd.Series, column: str, name: str) -> pd.Series:
    """Text cells 'yes'/'no' -> bool (no missing values allowed)."""
    bad = ~values.isin(builtins.list(_YESNO))
    if bad.any():
        where = ", ".join(f"{case!r}: {val!r}" for case, val in values[bad].items())
        raise QCAError(f"data set {name!r}, column {column!r}: values must be 'yes' or 'no', found {where}")
    return values.map(_YESNO).astype(bool)


def load(name: str) -> pd.DataFrame:
    """Load a bundled data set as a DataFrame indexed by case name.

    Parameters
    ----------
    name : str
        The data set's name, e.g. ``"huang2024"``, ``"LC"`` or ``"d.CS"``
        (the file name without ``.csv``; see :func:`list_datasets`).

    Returns
    -------
    pandas.DataFrame
        One row per case in the file's order, indexed by the case names
        (index name ``"case"``, text). 0/1 code columns have dtype
        ``"Int64"`` with ``pd.NA`` for a missing code; fuzzy memberships
        (``LF``, ``CVF``) and raw values (``LR``, ``CVR``) are floats; text columns have the
        pandas string dtype; ``fits_theory`` (``huang2024``) is ``bool``.

    Raises
    ------
    QCAError
        If `name` is not a bundled data set (the message lists the available
        names), or if the file does not match its description in
        ``index.json``.

    Examples
    --------
    >>> from qca import datasets
    >>> df = datasets.load("huang2024")
    >>> df.shape
    (16, 10)
    >>> df.columns.tolist()
    ['name', 'year', 'issue', 'negotiation', 'HARM', 'THREAT', 'AGREE', 'key_case', 'fits_theory', 'source']
    >>> df.index[:4].tolist()
    ['CoE Convention on Cybercrime', 'UN cyber arms control', 'China-US consensus', 'US-Russia dialogue']
    >>> int(df["AGREE"].sum())
    13
    >>> df.loc["UN cyber arms control", "THREAT"]
    <NA>
    >>> df.index[~df["fits_theory"]].tolist()
    ['CIS Agreement', 'China-Germany consultations']
    >>> str(df["HARM"].dtype)
    'Int64'

    The classic sets load the same way:

    >>> lc = datasets.load("LC")
    >>> lc.shape
    (18, 6)
    >>> int(lc["SURV"].sum())
    8
    >>> int(datasets.load("d.BWB").isna().sum().sum())
    6

    Fuzzy sets (Ragin's calibration of Lipset's data) and the raw values:

    >>> datasets.load("LF").loc["AU"].tolist()
    [0.81, 0.12, 0.99, 0.73, 0.43, 0.05]
    >>> datasets.load("LR").loc["AU", "DEV"]
    np.float64(720.0)
    """
    entry = _entry(name)
    path = _data_dir() / entry["file"]
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    except OSError as exc:
        raise QCAError(f"data set {name!r}: cannot read {path} ({exc})") from exc
    kinds: dict[str, str] = entry["columns"]
    if raw.columns[0] != "case" or builtins.list(raw.columns[1:]) != builtins.list(kinds):
        raise QCAError(
            f"data set {name!r}: columns of {path.name} {builtins.list(raw.columns)} do not match "
            f"index.json ['case', {', '.join(map(repr, kinds))}]"
        )
    case = raw["case"]
    if case.isna().any():
        raise QCAError(f"data set {name!r}: rows {case.index[case.isna()].tolist()} have no case name")
    if case.duplicated().any():
        raise QCAError(f"data set {name!r}: duplicate case names {sorted(set(case[case.duplicated()]))}")
    out = {}
    for column, kind in kinds.items():
        values = raw[column].set_axis(case)
        if kind == CODE:
            out[column] = _codes(values, column, name)
        elif kind == YESNO:
            out[column] = _yesno(values, column, name)
        elif kind in (MEMBERSHIP, NUMBER):
            out[column] = _numbers(values, column, name, unit=kind == MEMBERSHIP)
        elif kind == LEVEL:
            out[column] = _levels(values, column, name)
        elif kind == TEXT:
            out[column] = values.astype(str).where(values.notna())
        else:
            raise QCAError(f"data set {name!r}: column {column!r} has unknown kind {kind!r} (use one of {_KINDS})")
    df = pd.DataFrame(out, index=pd.Index(case.astype(str), name="case"))
    if len(df) != entry["cases"]:
        raise QCAError(f"data set {name!r}: {len(df)} cases in {path.name}, index.json says {entry['cases']}")
    return df


def list_datasets() -> pd.DataFrame:
    """The bundled data sets, one row each.

    Also available as ``qca.datasets.list()``.

    Returns
    -------
    pandas.DataFrame
        Columns ``name``, ``type``, ``outcome`` and ``conditions`` (column
        names joined by ``","``), ``cases`` (int) and ``citation``; one row
        per data set, the study's ``huang2024`` first.

    Examples
    --------
    >>> from qca import datasets
    >>> tab = datasets.list()
    >>> tab.columns.tolist()
    ['name', 'type', 'outcome', 'conditions', 'cases', 'citation']
    >>> tab["name"].tolist()[:4]
    ['huang2024', 'LC', 'Krook', 'Rokkan']
    >>> row = tab.set_index("name").loc["d.CS"]
    >>> row["outcome"], row["conditions"], int(row["cases"])
    ('REP,RES,RIG,REL', 'VI,DT,SA,CS,DF,PF', 15)
    """
    rows = [
        {
            "name": key,
            "type": entry["type"],
            "outcome": ",".join(entry["outcome"]),
            "conditions": ",".join(entry["conditions"]),
            "cases": int(entry["cases"]),
            "citation": entry["citation"],
        }
        for key, entry in _index().items()
    ]
    return pd.DataFrame(rows, columns=["name", "type", "outcome", "conditions", "cases", "citation"])


def citation(name: str) -> str:
    """The published source of a bundled data set.

    Parameters
    ----------
    name : str
        A bundled data set's name (see :func:`list_datasets`).

    Returns
    -------
    str
        The citation, as in ``index.json``.

    Raises
    ------
    QCAError
        If `name` is not a bundled data set; the message lists the names.

    Examples
    --------
    >>> from qca import datasets
    >>> print(datasets.citation("Krook"))
    Krook, M. L. (2010) "Women's Representation in Parliament: A Qualitative Comparative Analysis", Political Studies 58(5), pp.886-908.
    >>> "World Economics and Politics" in datasets.citation("huang2024")
    True
    >>> datasets.citation("nope")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    qca.errors.QCAError: unknown data set 'nope'; available: huang2024, LC, Krook, Rokkan, HC, d.CS, ..., Quine, LF, LR, CVF, CVR, LM
    """
    return str(_entry(name)["citation"])


#: Alias of :func:`list_datasets` (``qca.datasets.list()``). Defined last so
#: the builtin ``list`` stays usable in this module's code above (which
#: nevertheless uses ``builtins.list`` to be safe).
list = list_datasets  # noqa: A001
