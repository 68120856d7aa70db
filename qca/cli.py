"""The ``qca`` command line: the whole analysis from a terminal.

Commands (``qca COMMAND --help`` for every option)::

    qca datasets [NAME]                         list the bundled data sets, or describe one
    qca truth-table DATA --outcome Y            the truth table, with its cases
    qca minimize    DATA --outcome Y            solutions with their fit (--include ?, --dir-exp, --all-sol)
    qca necessity   DATA --outcome Y            each condition and its negation as necessary
    qca fit         DATA --outcome Y "A*~B + C" parameters of fit of any expression (R's pof)
    qca cases       DATA --outcome Y "A*~B"     each case's type: typical, deviant, irrelevant
    qca super-subset DATA --outcome Y           necessary (or sufficient) expressions, R's superSubset
    qca theory      DATA --outcome Y "A*~B"     theory evaluation: T*S, T*~S, ~T*S, ~T*~S
    qca robustness  DATA --outcome Y --incl-cuts 1 0.9 0.8   the solution across cut-offs
    qca missing     DATA --outcome Y            the analysis under every completion of missing codes
    qca report      DATA --outcome Y -o r.html  the whole analysis as one HTML or Markdown report
    qca plot venn|solution|chart DATA --outcome Y -o fig.png
    qca schema                                  the JSON Schema of --format json
    qca app                                     the point-and-click app in the browser (qca[app] extra)

``DATA`` is a file (CSV, TSV, Excel with openpyxl, Stata ``.dta``, SPSS
``.sav`` with pyreadstat) or the name of a bundled data set
(``qca minimize huang2024 --outcome AGREE``); for a bundled set the
outcome and conditions default to the documented ones.

Every analysis command takes the same data options (``--conditions``,
``--incl-cut``, ``--n-cut``, ``--missing error|drop``, ``--case-col``),
``--format text|markdown|latex|html|json|csv`` and ``--output FILE``.

Exit status: 0 on success; 2 for every error on input, printed as one line
(bad usage: unknown option or column, bad value, no such file; and an
analysis that cannot be done: unreadable or non-crisp data, missing codes
under ``--missing error``, nothing to explain); 1 only for a failure that is
not the input's fault (a bug of ours, out of memory); 130 when Ctrl-C
stopped it before anything could be shown. A
minimization stopped by ``--time-limit`` or Ctrl-C prints the best
solutions found and says on stderr how good they are.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import shlex
import sys
import warnings
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np
import pandas as pd

from .errors import QCAError, QCAWarning
from .escape import csv_frame, csv_uncell, latex_comment, markdown_line

__all__ = ["main", "read_data", "UsageError", "MISSING_TOKENS"]

#: Cell values read as a missing code (besides an empty cell).
MISSING_TOKENS = ("NA", "N/A", "NaN", "nan", ".", "-", "?")

_CASE_HEADERS = {"", "case", "cases", "case_id", "caseid", "id", "unnamed: 0"}
FORMATS = ("text", "markdown", "latex", "html", "json", "csv")
_SUFFIX_FORMAT = {
    ".txt": "text", ".log": "text", ".md": "markdown", ".markdown": "markdown", ".tex": "latex",
    ".html": "html", ".htm": "html", ".json": "json", ".csv": "csv",
}


class UsageError(QCAError):
    """Bad usage of the command line or of :func:`read_data` (exit status 2 in the command line).

    Examples
    --------
    >>> main(["fit", "LC", "--outcome", "GDP", "DEV"])  # a UsageError: exit status 2
    2
    """


# =============================================================== reading data


def _numeric_or_text(values: pd.Series) -> pd.Series:
    """Strings -> Int64/Float64 when every non-missing cell is a number, else text."""
    present = values.dropna()
    nums = pd.to_numeric(present, errors="coerce")
    if len(present) and nums.isna().any():
        return values
    out = pd.to_numeric(values, errors="coerce")
    if len(present) and (out.dropna() % 1 == 0).all():
        return out.astype("Int64")
    return out.astype("Float64")


def _clean(raw: pd.DataFrame) -> pd.DataFrame:
    """Strip cells, turn missing tokens into NA and number columns into numbers."""
    out = {}
    for col in raw.columns:
        s = raw[col]
        if s.dtype == object or pd.api.types.is_string_dtype(s):
            s = s.map(lambda v: v.strip() if isinstance(v, str) else v)
            s = s.map(lambda v: pd.NA if (v is None or (isinstance(v, float) and np.isnan(v))
                                          or (isinstance(v, str) and (v == "" or v in MISSING_TOKENS))) else v)
            s = _numeric_or_text(s.astype(object))
        elif pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
            # a spreadsheet gives codes as numbers (floats where a cell is empty): whole codes
            # become integers, as a CSV's do
            s = _numeric_or_text(s.astype(object).where(s.notna(), pd.NA))
        out[col] = s
    return pd.DataFrame(out, index=raw.index)


def _sniff_sep(path: Path, encoding: str) -> str:
    try:
        with open(path, encoding=encoding, newline="") as fh:
            sample = fh.read(64 * 1024)
    except UnicodeDecodeError:
        return ","
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _decode_error(path: Path, err: UnicodeDecodeError, encoding: str) -> QCAError:
    raw = path.read_bytes()
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(raw) > 3 and raw[:400].count(b"\x00") * 4 > len(raw[:400])):
        return QCAError(
            f"{path}: the file is UTF-16 text (as Excel's 'Unicode text' saves it), not {encoding}; "
            "pass encoding='utf-16' (--encoding utf-16), or save the file as CSV UTF-8"
        )
    start = err.start if isinstance(err.object, bytes) and len(err.object) == len(raw) else None
    if start is None:
        try:
            raw.decode(encoding)
            start = 0
        except UnicodeDecodeError as e2:
            start = e2.start
    line = raw[:start].count(b"\n") + 1
    col = start - (raw.rfind(b"\n", 0, start) + 1) + 1
    return QCAError(
        f"{path}, line {line}, column {col}: byte 0x{raw[start]:02x} is not valid {encoding} text; "
        f"save the file as UTF-8 or pass --encoding (e.g. --encoding latin-1)"
    )


def _check_path(path: Any) -> Path:
    if not isinstance(path, (str, Path)) or (isinstance(path, str) and not path.strip()):
        raise UsageError(f"path={path!r}: give the path of a data file (CSV, TSV, Excel, Stata, SPSS)")
    path = Path(path)
    if path.is_dir():
        raise UsageError(f"{path} is a directory, not a data file: give the path of the file inside it")
    if not path.exists():
        raise UsageError(f"no such file: {path}")
    if not path.is_file():
        raise UsageError(f"{path} is not a regular file (a device or a pipe?): give a data file")
    return path


def _check_encoding(encoding: Any) -> None:
    import codecs

    try:
        if not isinstance(encoding, str):
            raise LookupError
        codecs.lookup(encoding)
    except LookupError:
        raise UsageError(f"encoding={encoding!r} is not a text encoding Python knows; "
                         "e.g. 'utf-8', 'latin-1', 'cp1252' or 'utf-16'") from None


_SEP_WORDS = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " "}


def _check_sep(sep: Any) -> str | None:
    if sep is None:
        return None
    if isinstance(sep, str) and sep.lower() in _SEP_WORDS:
        return _SEP_WORDS[sep.lower()]
    if not isinstance(sep, str) or len(sep) != 1 or sep in ('"', "\n", "\r"):
        raise UsageError(f"sep={sep!r}: give one separator character, e.g. ',' ';' '|' or 'tab'")
    return sep


def _header_fields(path: Path, sep: str, encoding: str) -> tuple[list[str], int] | None:
    """The header line's fields as written (before pandas renames repeats) and its line number."""
    try:
        with open(path, encoding=encoding, newline="") as fh:
            reader = csv.reader(fh, delimiter=sep)
            for record in reader:
                if any(cell.strip() for cell in record):
                    return [c.strip() for c in record], reader.line_num
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    return None


def _check_header(names: Sequence[str], path: Path, where: str) -> None:
    """QCAError for a name used twice in the header (pandas would rename the second 'A.1')."""
    seen: dict[str, int] = {}
    for i, name in enumerate(names):
        if name == "":
            continue
        if name in seen:
            raise QCAError(
                f"{path}, {where}: column name {name!r} is used twice (columns {seen[name] + 1} and {i + 1}); "
                "every column needs a unique name: rename one in the file"
            )
        seen[name] = i


def _read_text_table(path: Path, sep: str | None, encoding: str) -> tuple[pd.DataFrame, list[int]]:
    if sep is None:
        sep = "\t" if path.suffix.lower() in (".tsv", ".tab") else _sniff_sep(path, encoding)
    try:
        raw = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, encoding=encoding,
                          skip_blank_lines=True, skipinitialspace=False)
    except UnicodeDecodeError as err:
        raise _decode_error(path, err, encoding) from None
    except pd.errors.EmptyDataError:
        raise QCAError(f"{path}: the file is empty (no header line)") from None
    except pd.errors.ParserError as err:
        msg = str(err)
        m = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", msg)
        if m:
            raise QCAError(f"{path}, line {m.group(2)}: {m.group(3)} fields where the header has {m.group(1)} "
                           f"(separator {sep!r}; a stray separator or an unquoted text with one?)") from None
        m = re.search(r"EOF inside string starting at row (\d+)", msg)
        if m:
            raise QCAError(f"{path}, line {int(m.group(1)) + 1}: a quoted text is never closed") from None
        raise QCAError(f"{path}: cannot read as a table with separator {sep!r}: {msg}") from None
    header = _header_fields(path, sep, encoding)
    if header is not None:
        fields, line = header
        _check_header(fields, path, f"line {line}")
        if len(fields) == raw.shape[1]:
            raw.columns = fields  # the names as written (pandas would write 'A.1', 'Unnamed: 3')
    lines = _data_lines(path, encoding, sep, len(raw))
    return raw, lines


def _data_lines(path: Path, encoding: str, sep: str, n: int) -> list[int]:
    """1-based file line where each data row starts (header on line 1; blank lines skipped, as pandas does)."""
    try:
        with open(path, encoding=encoding, newline="") as fh:
            reader = csv.reader(fh, delimiter=sep)
            out = []
            previous = 0
            for i, record in enumerate(reader):
                start = previous + 1
                previous = reader.line_num
                if i == 0 or not any(cell.strip() for cell in record):
                    continue
                out.append(start)
    except (OSError, UnicodeDecodeError, csv.Error):
        return list(range(2, n + 2))
    return out if len(out) == n else list(range(2, n + 2))


def read_data(
    path: str | Path,
    case_col: str | None = None,
    *,
    sep: str | None = None,
    encoding: str = "utf-8-sig",
    sheet: str | int | None = None,
) -> pd.DataFrame:
    """Read a data file into a DataFrame of cases, indexed by case name.

    CSV (separator sniffed among ``,`` ``;`` tab ``|``), TSV (``.tsv``,
    ``.tab``), Excel (``.xlsx``, ``.xlsm``, ``.xls``; needs openpyxl), Stata
    (``.dta``) and SPSS (``.sav``, ``.zsav``; needs pyreadstat). Cells that
    are empty or one of :data:`MISSING_TOKENS` (``NA``, ``.``, ``-``, ...)
    are missing codes; columns whose every cell is a number become numbers.

    Case names come from ``case_col``; otherwise from a first column headed
    ``case``/``id`` or with an empty header (as R's ``write.csv`` writes
    it), or from a first text column with unique values; otherwise the
    cases are numbered from 1.

    Parameters
    ----------
    path : str or Path
    case_col : str, optional
    sep : str, optional
        Field separator of a text file.
    encoding : str
        Text encoding (UTF-8, with or without a byte-order mark, by default).
    sheet : str or int, optional
        Excel sheet (default: the first).

    Returns
    -------
    pandas.DataFrame
        ``attrs["qca_source"]`` holds the path and ``attrs["qca_lines"]``
        the file line (or spreadsheet row) of every case, used in error
        messages.

    Raises
    ------
    QCAError
        The file cannot be read; the message names the file and the line.

    Examples
    --------
    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> p = os.path.join(d, "toy.csv")
    >>> _ = open(p, "w").write("case;A;Y\\nx;1;1\\ny;NA;0\\n")
    >>> df = read_data(p)
    >>> df.index.tolist(), df["A"].tolist()
    (['x', 'y'], [1, <NA>])
    """
    path = _check_path(path)
    _check_encoding(encoding)
    sep = _check_sep(sep)
    if case_col is not None and not isinstance(case_col, str):
        raise UsageError(f"case_col={case_col!r}: give the name of the column holding the case names")
    suffix = path.suffix.lower()
    row_word = "line"
    if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
        try:
            raw = pd.read_excel(path, sheet_name=sheet if sheet is not None else 0, dtype=object, header=None)
        except ImportError as err:
            raise QCAError(f"{path}: reading {suffix} files needs an extra package ({err}); "
                           "pip install openpyxl, or save the sheet as CSV") from None
        except Exception as err:  # noqa: BLE001 - any reader failure is reported with the file name
            raise QCAError(f"{path}: cannot read the spreadsheet: {err}") from None
        raw = raw.map(lambda v: str(v) if isinstance(v, str) else v)
        if len(raw) == 0:
            raise QCAError(f"{path}: the sheet is empty")
        header = ["" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v).strip()
                  for v in raw.iloc[0].tolist()]
        _check_header(header, path, "row 1")
        raw = raw.iloc[1:].reset_index(drop=True)
        raw.columns = header
        lines = list(range(2, len(raw) + 2))
        row_word = "row"
    elif suffix == ".dta":
        try:
            raw = pd.read_stata(path, convert_categoricals=False)
        except Exception as err:  # noqa: BLE001
            raise QCAError(f"{path}: cannot read the Stata file: {err}") from None
        lines = list(range(1, len(raw) + 1))
        row_word = "observation"
    elif suffix in (".sav", ".zsav"):
        try:
            raw = pd.read_spss(path, convert_categoricals=False)
        except ImportError as err:
            raise QCAError(f"{path}: reading SPSS files needs pyreadstat ({err}); pip install pyreadstat") from None
        except Exception as err:  # noqa: BLE001
            raise QCAError(f"{path}: cannot read the SPSS file: {err}") from None
        lines = list(range(1, len(raw) + 1))
        row_word = "case"
    else:
        raw, lines = _read_text_table(path, sep, encoding)
    if raw.shape[1] == 0 or len(raw) == 0:
        raise QCAError(f"{path}: no data rows below the header")
    raw.columns = [str(c).strip() for c in raw.columns]
    guarded = sum(csv_uncell(c) != c for c in raw.columns)
    raw.columns = [csv_uncell(c) for c in raw.columns]
    dup = [c for c in dict.fromkeys(raw.columns) if c and list(raw.columns).count(c) > 1]
    if dup:
        raise QCAError(f"{path}, line 1: column names used twice: {', '.join(dup)}")
    raw, notes = _unnamed_columns(raw, path)
    if case_col is not None:
        if case_col not in raw.columns:
            raise UsageError(f"case_col {case_col!r} is not a column of {path} (columns: {', '.join(raw.columns)})")
        names_col: str | None = case_col
    else:
        first = raw.columns[0]
        names_col = None
        if first.lower() in _CASE_HEADERS or first.lower().startswith("unnamed: 0"):
            names_col = first
        else:
            vals = raw[first]
            as_text = vals.map(lambda v: isinstance(v, str) and v.strip() != "")
            numeric = pd.to_numeric(vals, errors="coerce").notna()
            if len(vals) and as_text.all() and not numeric.any() and not vals.duplicated().any():
                names_col = first
    if names_col is not None:
        names = raw[names_col].map(lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v).strip())
        unguarded = names.map(csv_uncell)
        guarded += int((unguarded != names).sum())
        names = unguarded
        empty = [i for i, v in enumerate(names) if v == ""]
        if empty:
            raise QCAError(f"{path}, {row_word} {lines[empty[0]]}: no case name in column {names_col!r}")
        dups = names[names.duplicated()]
        if len(dups):
            i = int(np.flatnonzero(names.duplicated().to_numpy())[0])
            raise QCAError(f"{path}, {row_word} {lines[i]}: case name {names.iloc[i]!r} is used twice; "
                           "every case needs a unique name")
        data = _clean(raw.drop(columns=[names_col]))
        data.index = pd.Index(names.tolist(), name=names_col or "case")
    else:
        data = _clean(raw)
        data.index = pd.Index([str(i + 1) for i in range(len(raw))], name="case")
    if guarded:
        notes.append(f"{path}: {guarded} case or column name(s) start with ' before =, +, -, @ (as qca writes a CSV "
                     "so that a spreadsheet shows them as text); read without the '")
    data.attrs["qca_source"] = str(path)
    data.attrs["qca_lines"] = lines
    data.attrs["qca_row_word"] = row_word
    data.attrs["qca_notes"] = notes
    for note in notes:
        warnings.warn(note, QCAWarning, stacklevel=2)
    return data


def _unnamed_columns(raw: pd.DataFrame, path: Path) -> tuple[pd.DataFrame, list[str]]:
    """Leave out a column with no name and no value (a trailing separator), with a note; refuse one with data.

    The first column may have an empty name: it then holds the case names
    (as R's ``write.csv`` writes them).
    """
    notes: list[str] = []
    keep = []
    for i, name in enumerate(raw.columns):
        if name and not name.lower().startswith("unnamed: "):
            keep.append(i)
            continue
        col = raw.iloc[:, i]
        empty = col.map(lambda v: v is None or (isinstance(v, float) and np.isnan(v))
                        or (isinstance(v, str) and v.strip() == "")).all()
        if empty:
            where = "the last column" if i == raw.shape[1] - 1 else f"column {i + 1}"
            notes.append(f"{path}: {where} has no name and no value (a separator at the end of each line?); "
                         "it is left out")
            continue
        if i == 0:
            keep.append(i)
            continue
        raise QCAError(f"{path}: column {i + 1} has values but no name in the header line; give it a name")
    if len(keep) < raw.shape[1]:
        raw = raw.iloc[:, keep]
    return raw, notes


def _code(value: Any) -> float | None:
    """A cell as a number (text such as "1" included), None when missing; raises ValueError otherwise."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, (bool, np.bool_)):
        raise ValueError(value)
    if isinstance(value, str):
        return float(value.strip())
    return float(value)


def check_crisp(data: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """The columns as 0/1 codes (Int64) or fuzzy memberships (Float64); a QCAError names file, line,
    case and column of the first bad cell."""
    source = data.attrs.get("qca_source")
    lines = data.attrs.get("qca_lines")
    word = data.attrs.get("qca_row_word", "line")
    out = data.copy()
    for col in columns:
        codes: list[Any] = []
        bad: list[int] = []
        values: list[float | None] = []
        for v in data[col].tolist():
            try:
                values.append(_code(v))
            except ValueError:
                values.append(-1.0)  # text: bad either way
        fuzzy = any(x is not None and 0.0 < x < 1.0 for x in values)
        if fuzzy:  # fuzzy memberships: every value in [0, 1] (qca.sets detects the kind again)
            bad = [pos for pos, x in enumerate(values) if x is not None and not 0.0 <= x <= 1.0]
            if not bad:
                out[col] = pd.array([pd.NA if x is None else x for x in values], dtype="Float64")
                continue
        known = {x for x in values if x is not None}
        if not fuzzy and known and max(known) > 1 and known == set(map(float, range(int(max(known)) + 1))):
            # multi-value levels 0..m-1 (qca.sets reads them as a multi-value condition)
            out[col] = pd.array([pd.NA if x is None else int(x) for x in values], dtype="Int64")
            continue
        for pos, x in enumerate(values):
            if not fuzzy and x is not None and x not in (0.0, 1.0):
                bad.append(pos)
            codes.append(pd.NA if x is None else int(x) if x in (0.0, 1.0) else pd.NA)
        looks_mv = not fuzzy and any(x is not None and x >= 2 and float(x).is_integer() for x in values)
        off_level = [pos for pos in bad if values[pos] is not None
                     and (values[pos] < 0 or not float(values[pos]).is_integer())]  # type: ignore[union-attr]
        def first_bad(cells: list[int]) -> tuple[int, str, str, str]:
            """The first bad cell: its position, its value as shown, where it is, and how many more."""
            pos = cells[0]
            v = data[col].iloc[pos]
            try:
                shown = f"{_code(v):g}"
            except (ValueError, TypeError):
                shown = repr(v)
            where = f"{source}, {word} {lines[pos]}" if source and lines else f"row {pos + 1}"
            tail = f" ({len(cells) - 1} more such cells in this column)" if len(cells) > 1 else ""
            return pos, shown, where, tail

        if looks_mv and off_level:  # levels 0, 1, 2, ... with a cell that cannot be a level
            pos, shown, where, tail = first_bad(off_level)
            raise QCAError(
                f"{where} (case {data.index[pos]!r}), column {col!r}: {shown} is not a level; a multi-value "
                f"condition needs whole-number levels 0, 1, ..., m-1, or an empty cell / NA for a missing code{tail}"
            )
        if bad:
            pos, shown, where, tail = first_bad(bad)
            if fuzzy:
                what = "is not a number" if shown.startswith(("'", '"')) else "is outside [0, 1]"
                raise QCAError(
                    f"{where} (case {data.index[pos]!r}), column {col!r}: {shown} {what}; "
                    f"a fuzzy set needs memberships from 0 to 1, or an empty cell / NA for a missing value{tail}"
                )
            raise QCAError(
                f"{where} (case {data.index[pos]!r}), column {col!r}: {shown} is not a crisp code; "
                f"crisp-set QCA needs 0 or 1, or an empty cell / NA for a missing code{tail}"
            )
        out[col] = pd.array(codes, dtype="Int64")
    return out


def _is_text(values: pd.Series) -> bool:
    """A column of words (labels, notes), not codes: no cell reads as a number."""
    if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        return False
    for v in values.dropna().tolist():
        try:
            _code(v)
            return False
        except ValueError:
            continue
    return True


# =============================================================== argument parsing


def _cut(text: str) -> float | tuple[float, float]:
    try:
        values = [float(v) for v in text.replace(";", ",").split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number (or two numbers ic1,ic0)") from None
    if not 1 <= len(values) <= 2:
        raise argparse.ArgumentTypeError(f"{text!r}: give one cut-off or two (ic1,ic0)")
    for v in values:
        if not 0 <= v <= 1:
            raise argparse.ArgumentTypeError(f"{v:g} is outside [0, 1]")
    if len(values) == 2 and values[1] > values[0]:
        raise argparse.ArgumentTypeError(f"{text!r}: ic0 must not exceed ic1")
    return values[0] if len(values) == 1 else (values[0], values[1])


def _unit(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 <= v <= 1:
        raise argparse.ArgumentTypeError(f"{v:g} is outside [0, 1]")
    return v


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r}: give a positive number of seconds")
    return value


class _StderrProgress:
    """Progress of a long minimization on stderr.

    Silent for the first ``after`` seconds; then on a terminal one line
    rewritten in place, elsewhere one line every ``every`` seconds.
    """

    def __init__(self, stream: Any = None, after: float = 2.0, every: float = 1.0,
                 hint: str = "Ctrl-C stops with the best found") -> None:
        import time

        self.hint = hint
        self.stream = stream if stream is not None else sys.stderr
        self.clock = time.monotonic
        self.start = self.clock()
        self.after = after
        self.every = every if self._tty() else max(every, 5.0)
        self.last = -1e9
        self.shown = False

    def _tty(self) -> bool:
        try:
            return bool(self.stream.isatty())
        except (AttributeError, ValueError):
            return False

    def __call__(self, stage: str, done: int, total: int, info: dict | None = None) -> None:
        now = self.clock()
        if now - self.start < self.after or now - self.last < self.every:
            return
        self.last = now
        text = f"qca: {stage}: {done:,}" + (f" of {total:,}" if total else (" nodes" if stage.startswith("chart") else ""))
        if info and info.get("incumbent") is not None:
            text += f"; best {info['incumbent']} terms, proven lower bound {info.get('bound')}"
        text += f" ({now - self.start:.0f} s; {self.hint})"
        if self._tty():
            self.stream.write("\r" + text[:160].ljust(min(160, max(len(text), 80))))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown and self._tty():
            self.stream.write("\n")
            self.stream.flush()


def _positive(text: str) -> int:
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if v < 1:
        raise argparse.ArgumentTypeError(f"{v} is below 1")
    return v


def _include(text: str) -> str:
    t = text.replace(",", "").replace(" ", "")
    if set(t) - {"?", "C"}:
        raise argparse.ArgumentTypeError(f"{text!r}: use '?' (remainders), 'C' (contradictions), '?C' or ''")
    return ("?" if "?" in t else "") + ("C" if "C" in t else "")


class _Parser(argparse.ArgumentParser):
    """ArgumentParser whose errors are one line (as every error of the command) with the hint to --help."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {_one_line(message)} (see '{self.prog} --help')\n")


def _data_options(p: argparse.ArgumentParser, cut_help: str = "consistency cut-off for OUT = 1; two values "
                  "'ic1,ic0' give OUT = C between them (default 1)") -> None:
    g = p.add_argument_group("data options")
    g.add_argument("data", metavar="DATA", help="a CSV/TSV/Excel/Stata/SPSS file, or a bundled data set name "
                   "(see 'qca datasets')")
    g.add_argument("--outcome", "-y", metavar="Y", help="outcome column, '~Y' for its negation "
                   "(default for a bundled data set: its documented outcome)")
    g.add_argument("--conditions", "-c", metavar="A,B,C", help="comma-separated conditions (default: every "
                   "other column, or a bundled data set's documented conditions)")
    g.add_argument("--incl-cut", type=_cut, default=None, metavar="CUT", help=cut_help)
    g.add_argument("--n-cut", type=_positive, default=None, metavar="N",
                   help="rows with fewer cases get OUT = ? (default 1)")
    g.add_argument("--pri-cut", type=_unit, default=None, metavar="CUT", help="minimum PRI for OUT = 1 (default 0)")
    g.add_argument("--missing", choices=("error", "drop"), default=None,
                   help="cases with a missing code: 'error' stops (default for truth tables), 'drop' leaves them "
                        "out and lists them. fit/necessity/cases keep them by default (three-valued logic)")
    g.add_argument("--case-col", metavar="COL", help="column holding the case names")
    g.add_argument("--sep", metavar="SEP", help="field separator of a text file (default: sniffed)")
    g.add_argument("--encoding", default="utf-8-sig", help="text encoding of a text file (default UTF-8)")
    g.add_argument("--sheet", help="Excel sheet name or number (default: the first)")


def _output_options(p: argparse.ArgumentParser, formats: Sequence[str] = FORMATS) -> None:
    g = p.add_argument_group("output options")
    g.add_argument("--format", "-f", choices=formats, default=None,
                   help="output format (default: from the --output suffix, else text)")
    g.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of the terminal")
    g.add_argument("--digits", type=int, default=3, help="decimals of fit values (default 3)")
    g.add_argument("--max-cases", type=_positive, default=None, metavar="N",
                   help="for brevity, list at most N case names per cell (default: every case)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``qca`` command."""
    from . import __version__

    parser = _Parser(
        prog="qca",
        description="Qualitative Comparative Analysis (crisp, fuzzy and multi-value sets) from the command line.",
        epilog="Examples:\n"
               "  qca datasets\n"
               "  qca truth-table huang2024 --missing drop --incl-cut 0.8\n"
               "  qca minimize huang2024 --outcome AGREE --missing drop --incl-cut 0.8\n"
               "  qca fit huang2024 --outcome AGREE 'HARM*~THREAT'\n"
               "  qca report huang2024 --missing drop --incl-cut 0.8 --theory 'HARM*~THREAT' -o report.html\n"
               "  qca plot venn data.csv --outcome Y -o venn.png\n\n"
               "Exit status: 0 success, 2 any error on input (one line), 1 an internal error, 130 Ctrl-C.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"qca {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("datasets", help="list the bundled data sets, or describe one",
                       description="List the bundled data sets, or describe one (columns, citation).")
    p.add_argument("name", nargs="?", help="a data set to describe")
    p.add_argument("--export", metavar="FILE", help="write the named data set to a CSV file")
    _output_options(p, ("text", "markdown", "json", "csv", "html", "latex"))

    p = sub.add_parser("truth-table", help="the truth table with its cases",
                       description="Build the truth table (R's truthTable).")
    _data_options(p)
    p.add_argument("--complete", action="store_true", help="also list the unobserved remainders (k <= 10)")
    _output_options(p)

    p = sub.add_parser("minimize", help="Boolean minimization: solutions and their fit",
                       description="Minimize the truth table (R's minimize): prime implicants, every minimal "
                                   "solution, parameters of fit, simplifying assumptions.")
    _data_options(p)
    p.add_argument("--include", type=_include, default="", metavar="?|C|?C",
                   help="'?' lets logical remainders be used (parsimonious solution); 'C' treats contradictions "
                        "as don't cares (default: '' = conservative solution)")
    p.add_argument("--dir-exp", metavar="A,~B", help="directional expectations: the intermediate solution "
                   "(with --include ?)")
    p.add_argument("--all-sol", action="store_true", help="every irredundant solution, not only the shortest")
    p.add_argument("--row-dom", action="store_true", help="drop dominated prime implicants first")
    p.add_argument("--max-solutions", type=_positive, metavar="N", help="stop after N solutions")
    p.add_argument("--time-limit", type=_seconds, metavar="SECONDS",
                   help="stop the search after SECONDS and show the best solutions found, with the proven "
                        "lower bound on their number of terms (Ctrl-C does the same at any time)")
    p.add_argument("--style", choices=("terms", "fiss"), default="terms",
                   help="table layout for markdown/latex/html: terms as columns, or Ragin-Fiss circles")
    _output_options(p)

    p = sub.add_parser("necessity", help="necessary conditions (inclN, RoN, covN)",
                       description="Test each condition and its negation as a necessary condition. "
                                   "--incl-cut is the inclN cut-off here (default 0.9).")
    _data_options(p, cut_help="inclN cut-off for flagging a necessary condition (default 0.9)")
    p.add_argument("--ron-cut", type=_unit, default=0.0, metavar="CUT", help="RoN cut-off (default 0)")
    p.add_argument("--cov-cut", type=_unit, default=0.0, metavar="CUT", help="covN cut-off (default 0)")
    _output_options(p)

    p = sub.add_parser("fit", help="parameters of fit of an expression (R's pof)",
                       description="Parameters of fit of any expression in QCA notation, e.g. 'A*~B + C'.")
    _data_options(p)
    p.add_argument("expression", help="the expression, e.g. 'A*~B + C' (quote it); as R's pof, "
                   "'A*~B + C -> Y' names the outcome and sufficiency, 'A + B <- Y' necessity")
    p.add_argument("--relation", choices=("sufficiency", "necessity"), default=None,
                   help="default: what the expression's arrow states, else sufficiency")
    _output_options(p)

    p = sub.add_parser("cases", help="each case's type against a sufficiency claim",
                       description="Classify every case against EXPRESSION -> outcome: typical, deviant "
                                   "consistency, deviant coverage, individually irrelevant.")
    _data_options(p)
    p.add_argument("expression", help="the sufficient term or solution, e.g. 'HARM*~THREAT'")
    _output_options(p)

    p = sub.add_parser("super-subset", help="every conjunction/disjunction passing the cut-offs (R's superSubset)",
                       description="Search conjunctions (and, for necessity, SUIN disjunctions) of the conditions "
                                   "and their negations that pass the cut-offs. --incl-cut is inclN or inclS here "
                                   "(default 1).")
    _data_options(p, cut_help="inclN (necessity) or inclS (sufficiency) cut-off (default 1)")
    p.add_argument("--relation", choices=("necessity", "sufficiency"), default="necessity")
    p.add_argument("--cov-cut", type=_unit, default=0.0, metavar="CUT", help="coverage cut-off (default 0)")
    p.add_argument("--ron-cut", type=_unit, default=0.0, metavar="CUT", help="RoN cut-off, necessity (default 0)")
    p.add_argument("--depth", type=_positive, metavar="N", help="at most N literals per expression")
    _output_options(p)

    p = sub.add_parser("theory", help="theory evaluation: theory vs solution (T*S, T*~S, ~T*S, ~T*~S)",
                       description="Compare a theory with the solution: the four intersections, their cases and "
                                   "fit (SetMethods' theory.evaluation). The solution is minimized with the "
                                   "minimization options, or given with --solution.")
    _data_options(p)
    p.add_argument("theory_expression", metavar="THEORY", help="the theory's expression, e.g. 'HARM*~THREAT'")
    p.add_argument("--solution", metavar="EXPR", help="compare with this expression instead of minimizing")
    p.add_argument("--include", type=_include, default="", metavar="?|C|?C")
    p.add_argument("--dir-exp", metavar="A,~B")
    p.add_argument("--model", type=_positive, default=1, help="which model, 1 for M1")
    _output_options(p)

    p = sub.add_parser("robustness", help="re-run the analysis over a grid of cut-offs",
                       description="Re-run truth table and minimization for every combination of --incl-cuts and "
                                   "--n-cuts; report the solutions, the robust core and the robustness fit "
                                   "(Oana & Schneider 2021). The first setting is the initial solution.")
    _data_options(p)
    p.add_argument("--incl-cuts", type=_unit, nargs="+", metavar="CUT", help="consistency cut-offs to try")
    p.add_argument("--n-cuts", type=_positive, nargs="+", metavar="N", help="frequency cut-offs to try")
    p.add_argument("--include", type=_include, default="", metavar="?|C|?C")
    p.add_argument("--dir-exp", metavar="A,~B")
    p.add_argument("--expression", metavar="EXPR", help="an expression to track, e.g. a hypothesis")
    g = p.add_argument_group("calibration range (SetMethods' rob.calibrange), instead of the cut-off grid")
    g.add_argument("--calibration-range", metavar="COND", help="how far each calibration anchor of COND can move "
                   "before M1 changes; needs --thresholds and --raw, takes --step, --max-runs, one --incl-cut/--n-cut")
    g.add_argument("--thresholds", "-t", metavar="TEXT", help="the anchors of COND, e.g. 'e=350, c=550, i=900'")
    g.add_argument("--raw", metavar="RAW", help="file or bundled data set with COND's raw values in a column "
                   "of that name, cases matched by name")
    g.add_argument("--step", type=float, default=None, help="how far an anchor moves at each run (default 1)")
    g.add_argument("--max-runs", type=_positive, default=None, metavar="N",
                   help="steps per anchor and direction at most (default 20)")
    _output_options(p)

    p = sub.add_parser("missing", help="the analysis under every completion of the missing codes",
                       description="Fill the missing cells with every combination of 0 and 1, redo the truth "
                                   "table and the minimization under each, and say what holds under all.")
    _data_options(p)
    p.add_argument("--expression", metavar="EXPR", help="a claim whose fit is reported per completion")
    _output_options(p)

    p = sub.add_parser("report", help="the whole analysis as one HTML or Markdown report",
                       description="Run the whole analysis (truth table, necessity, conservative, parsimonious "
                                   "and intermediate solutions, simplifying assumptions, deviant cases) and write "
                                   "one self-contained report.")
    _data_options(p)
    p.add_argument("--include", type=_include, default="?", metavar="?|C|?C",
                   help="what the parsimonious solution may use (default '?')")
    p.add_argument("--dir-exp", metavar="A,~B", help="directional expectations: adds the intermediate solution")
    p.add_argument("--necessity-cut", type=_unit, default=0.9, metavar="CUT", help="inclN cut-off (default 0.9)")
    p.add_argument("--theory", metavar="EXPR", help="an expectation to fit, e.g. 'HARM*~THREAT'")
    p.add_argument("--style", choices=("terms", "fiss"), default="terms", help="layout of the solution tables")
    p.add_argument("--title", help="title of the report")
    p.add_argument("--no-plots", action="store_true", help="leave the figures out of an HTML report")
    g = p.add_argument_group("output options")
    g.add_argument("--format", "-f", choices=("html", "markdown", "json", "text"), default=None,
                   help="default: from the --output suffix (.html, .md, .json), else markdown")
    g.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of the terminal")

    p = sub.add_parser("plot", help="figures: venn, solution (XY) or chart (PI chart)",
                       description="Draw a figure to a PNG, SVG or PDF file (needs matplotlib: pip install "
                                   "'qca[plot]').")
    p.add_argument("kind", choices=("venn", "solution", "chart"),
                   help="venn: the truth table as a Venn diagram (<= 5 conditions); solution: cases by "
                        "membership in the solution and the outcome; chart: the prime-implicant chart")
    _data_options(p)
    p.add_argument("--include", type=_include, default="", metavar="?|C|?C", help="for solution/chart")
    p.add_argument("--dir-exp", metavar="A,~B", help="for solution/chart: the intermediate solution")
    p.add_argument("--model", type=_positive, default=1, help="which model, 1 for M1 (solution plot)")
    p.add_argument("--expression", metavar="EXPR", help="solution plot of this expression instead of a solution")
    p.add_argument("--rows", action="store_true", help="venn: also write the row numbers")
    p.add_argument("--output", "-o", metavar="FILE", required=True, help="the image file (.png, .svg, .pdf)")
    p.add_argument("--dpi", type=int, default=150)

    p = sub.add_parser("app", help="the point-and-click app in the browser (needs: pip install 'qca[app]')",
                       description="Start the qca app (Streamlit) on this computer and open it in the browser. "
                                   "It serves 127.0.0.1 only unless --host is given, runs offline, and writes "
                                   "only into --folder.")
    p.add_argument("--port", type=_positive, default=8501, help="port to serve on (default 8501)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this computer only)")
    p.add_argument("--no-browser", action="store_true", help="do not open the browser")
    p.add_argument("--folder", default=".", help="working folder: data files are read from it, uploads and "
                   "saved reports go into it (default: the current folder)")

    _calibrate_parser(sub)

    p = sub.add_parser("schema", help="print the JSON Schema of --format json",
                       description="Print the JSON Schema (draft 2020-12) that --format json follows.")
    p.add_argument("--output", "-o", metavar="FILE")
    return parser


# =============================================================== commands


class _Context:
    """The data and settings shared by the analysis commands."""

    def __init__(self, args: argparse.Namespace, argv: Sequence[str]) -> None:
        from . import datasets

        self.args = args
        self.argv = list(argv)
        self.conditions_default: str | None = None
        self.notes: list[str] = []
        self.bundled: str | None = None
        spec = args.data
        path = Path(spec)
        names = list(datasets.list_datasets()["name"])
        if path.exists() or spec not in names:
            _check_encoding(args.encoding)
            args.sep = _check_sep(args.sep)
        if path.exists():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", QCAWarning)  # the notes are printed as notes below
                self.data = read_data(path, args.case_col, sep=args.sep, encoding=args.encoding,
                                      sheet=_sheet(args.sheet))
            self.notes.extend(self.data.attrs.get("qca_notes", []))
            self.case_col = None  # read_data put the names in the index
        elif spec in names:
            self.bundled = spec
            self.data = datasets.load(spec)
            self.case_col = args.case_col
            if args.case_col is not None and args.case_col not in self.data.columns:
                raise UsageError(f"--case-col {args.case_col!r} is not a column of {spec}")
        else:
            import difflib

            close = difflib.get_close_matches(spec, names, n=2, cutoff=0.6)
            hint = f" (did you mean {' or '.join(close)}?)" if close else ""
            raise UsageError(f"no such file or bundled data set: {spec!r}{hint}; bundled: {', '.join(names)}")
        self.outcome = self._outcome()
        self.conditions = self._conditions()
        cols = [self.outcome_column, *self.conditions]
        attrs = dict(self.data.attrs)
        self.data = check_crisp(self.data, cols)
        self.data.attrs.update(attrs)

    def _entry(self) -> dict[str, Any] | None:
        from . import datasets

        if self.bundled is None:
            return None
        row = datasets.list_datasets().set_index("name").loc[self.bundled]
        return {"outcome": row["outcome"].split(","), "conditions": row["conditions"].split(",")}

    def _outcome(self) -> str:
        outcome = self.args.outcome
        entry = self._entry()
        if outcome is None:
            if entry is None:
                raise UsageError("--outcome is required: name the outcome column, e.g. --outcome Y")
            outcome = entry["outcome"][0]
            more = f" (others: {', '.join(entry['outcome'][1:])})" if len(entry["outcome"]) > 1 else ""
            self.notes.append(f"outcome defaults to {self.bundled}'s documented outcome {outcome}{more}")
        column = _outcome_column(outcome, self.data.columns)
        if column not in self.data.columns:
            raise UsageError(f"--outcome {column!r} is not a column of {self.args.data} "
                             f"(columns: {', '.join(map(str, self.data.columns))})")
        return outcome.strip()

    @property
    def outcome_column(self) -> str:
        """The outcome's column (``~`` and a level ``[v]`` taken off)."""
        return _outcome_column(self.outcome, self.data.columns)

    def _conditions(self) -> list[str]:
        column = self.outcome_column
        if self.args.conditions:
            conds = [c.strip() for c in self.args.conditions.split(",") if c.strip()]
            unknown = [c for c in conds if c not in self.data.columns]
            if unknown:
                raise UsageError(f"--conditions: {', '.join(unknown)} not in {self.args.data} "
                                 f"(columns: {', '.join(map(str, self.data.columns))})")
            if column in conds:
                raise UsageError(f"--conditions: the outcome {column} is also listed as a condition")
            return conds
        entry = self._entry()
        if entry is not None:
            conds = [c for c in entry["conditions"] if c != column]
            self.notes.append(f"conditions default to {self.bundled}'s documented conditions: {', '.join(conds)} "
                              "(use --conditions to change)")
            self.conditions_default = ",".join(conds)
            return conds
        conds = [str(c) for c in self.data.columns if c != column]
        text = [c for c in conds if _is_text(self.data[c])]
        if text:
            raise UsageError(
                f"--conditions not given, and the other columns include text columns ({', '.join(text)}): "
                f"list the conditions, e.g. --conditions {','.join(c for c in conds if c not in text) or 'A,B'}"
            )
        return conds

    @property
    def source(self) -> dict[str, Any]:
        out = {"data": self.bundled or str(self.args.data), "command": "qca " + " ".join(map(shlex.quote, self.argv))}
        if self.conditions_default:
            out["conditions_default"] = self.conditions_default
        return out

    def missing(self, default: str | None = "error") -> str | None:
        return self.args.missing if self.args.missing is not None else default

    def frame_for_expressions(self) -> pd.DataFrame:
        """Data for fit / necessity / cases: cases with missing codes dropped only with --missing drop/error."""
        data = self.data
        cols = [self.outcome_column, *self.conditions]
        policy = self.args.missing
        if policy is None:
            return data
        na = data[cols].isna().any(axis=1)
        if na.any():
            if policy == "error":
                detail = "; ".join(f"{c!r} in {', '.join(cols_ for cols_ in cols if pd.isna(data.loc[c, cols_]))}"
                                   for c in data.index[na])
                raise QCAError(f"missing codes in {int(na.sum())} case(s): {detail}. Use --missing drop to leave "
                               "them out, or leave --missing unset to keep them (three-valued logic)")
            self.notes.append("left out for missing codes (--missing drop): " + ", ".join(map(str, data.index[na])))
            data = data[~na]
        return data


def _outcome_column(outcome: str, columns: Sequence[Any]) -> str:
    """The column an --outcome names: ``~`` and a level (``Y[2]``, R's older ``Y{2}``) taken off,
    unless the whole name is itself a column."""
    from .data import split_level

    column = outcome.strip().lstrip("~").strip()
    names = [str(c) for c in columns]
    if column in names:
        return column
    try:
        base, level = split_level(column, names)
    except QCAError as err:  # DEV[1,2], DEV[-1], DEV[]: say how a level is written
        if column.rstrip("]}").split("[")[0].split("{")[0].strip() in names:
            raise UsageError(f"--outcome {err}") from None
        return column
    return base if level is not None else column


def _sheet(value: str | None) -> str | int | None:
    if value is None:
        return None
    return int(value) if value.isdigit() else value


def _format(args: argparse.Namespace, default: str = "text") -> str:
    if getattr(args, "format", None):
        return args.format
    out = getattr(args, "output", None)
    if out:
        return _SUFFIX_FORMAT.get(Path(out).suffix.lower(), default)
    return default


def _html_page(title: str, body: str) -> str:
    import html

    from .tables import HTML_STYLE

    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{html.escape(title)}</title>\n<style>body {{ font-family: sans-serif; margin: 2em; }}"
            f"{HTML_STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def _render(result: Any, fmt: str, ctx: _Context, digits: int, extra: Callable[[str], str] | None = None,
            table: bool = True) -> str:
    """A TableView result in the chosen format, plus ``extra`` sections; ``table=False`` leaves
    the result's own table out of Markdown, LaTeX and HTML (``extra`` then carries the content)."""
    from .reporting import to_dict

    tail = extra(fmt) if extra is not None else ""
    title = result.title.splitlines()[0].rstrip(":") if result.title else ""
    lead = [line.strip() for line in result.title.splitlines()[1:]] if result.title else []
    max_cases = getattr(ctx.args, "max_cases", None)
    if fmt == "json":
        d = to_dict(result)
        d["source"] = ctx.source
        return json.dumps(d, indent=2, ensure_ascii=False, allow_nan=False)
    if fmt == "csv":
        return result.to_csv(digits=None)
    if fmt == "text":
        text = result.summary(digits=digits, max_cases=max_cases)
        return text + (("\n" + tail) if tail else "")
    notes = [*result._notes(), *ctx.notes]
    if fmt == "markdown":
        parts = [f"## {markdown_line(title)}", ""] if title else []
        if lead:  # the model lines (M1: ... -> Y) first, as R prints them
            parts += ["  \n".join(markdown_line(x) for x in lead), ""]
        if table:
            parts += [result.to_markdown(digits, max_cases=max_cases), ""]
        if tail:
            parts += [tail.rstrip(), ""]
        parts += [f"- {markdown_line(n)}" for n in notes]
        return "\n".join(parts).rstrip() + "\n"
    if fmt == "latex":
        head = [f"% {latex_comment(title)}", f"% {latex_comment(ctx.source['command'])}",
                "% needs \\usepackage{booktabs}"]
        head += [f"% {latex_comment(n)}" for n in [*lead, *notes]]
        body = [result.to_latex(digits, max_cases=max_cases)] if table else []
        return "\n".join([*head, *body, *([tail.rstrip()] if tail else [])]) + "\n"
    if fmt == "html":
        import html as _html

        body = (result.to_html(digits, max_cases=max_cases) if table
                else f'<div class="qca-title">{_html.escape(title)}</div>')
        body += tail + "".join(f'<p class="qca-note">{_html.escape(n)}</p>' for n in (ctx.notes if table else notes))
        return _html_page(title or "qca", f'<div class="qca">{body}</div>')
    raise UsageError(f"unknown format {fmt!r}")  # pragma: no cover - argparse checks choices


def _truth_table(ctx: _Context) -> Any:
    from .truth_table import truth_table

    a = ctx.args
    return truth_table(ctx.data, ctx.outcome, ctx.conditions,
                       incl_cut=a.incl_cut if a.incl_cut is not None else 1,
                       n_cut=a.n_cut if a.n_cut is not None else 1,
                       pri_cut=a.pri_cut if a.pri_cut is not None else 0,
                       missing=ctx.missing("error"), case_col=ctx.case_col)


def _minimize(ctx: _Context, tt: Any) -> Any:
    from .minimize import minimize

    a = ctx.args
    kwargs: dict[str, Any] = {"include": a.include}
    if getattr(a, "all_sol", False):
        kwargs["all_sol"] = True
    if getattr(a, "row_dom", False):
        kwargs["row_dom"] = True
    if getattr(a, "max_solutions", None):
        kwargs["max_solutions"] = a.max_solutions
    if a.dir_exp:
        if "?" not in a.include:
            raise UsageError("--dir-exp needs remainders: add --include ?")
        kwargs["dir_exp"] = a.dir_exp
    if getattr(a, "time_limit", None):
        kwargs["time_limit"] = a.time_limit
    bar = _StderrProgress()
    try:
        sol = minimize(tt, progress=bar, **kwargs)
    finally:
        bar.close()
    for line in sol.search_notes() if sol.stopped else ():
        ctx.notes.append(line)
    return sol


def cmd_truth_table(ctx: _Context) -> str:
    tt = _truth_table(ctx)
    fmt = _format(ctx.args)

    def extra(f: str) -> str:
        if not ctx.args.complete:
            return ""
        k = len(tt.conditions)
        if k > 10:
            raise UsageError(f"--complete lists 2**{k} rows; use it with at most 10 conditions")
        observed = set(tt.table.index)
        rows = [r for r in range(1, 2 ** k + 1) if r not in observed]
        bits = [[(r - 1) >> (k - 1 - i) & 1 for i in range(k)] for r in rows]
        frame = pd.DataFrame(bits, columns=list(tt.conditions), index=pd.Index(rows, name="row"))
        title = f"Logical remainders ({len(rows)})"
        if f == "markdown":
            from .tables import tabulate_frame as _tabulate

            return f"\n### {title}\n\n" + _tabulate(frame, "github") + "\n"
        if f == "latex":
            from .reporting import latex_table

            return latex_table(frame) + "\n"
        if f == "html":
            from .tables import html_table

            return f"<h3>{title}</h3>" + html_table(frame)
        if f == "text":
            from .tables import tabulate_frame as _tabulate

            return f"{title}\n" + _tabulate(frame, "simple")
        return ""

    return _render(tt, fmt, ctx, ctx.args.digits, extra if fmt not in ("json", "csv") else None)


def cmd_minimize(ctx: _Context) -> str:
    from .reporting import latex_table, solution_table

    tt = _truth_table(ctx)
    sol = _minimize(ctx, tt)
    fmt = _format(ctx.args)
    digits = ctx.args.digits
    style = ctx.args.style
    core = None
    if style == "fiss" and "?" in sol.include:
        from .minimize import minimize

        try:
            core = minimize(tt, include=sol.include)
        except QCAError:
            core = None

    def assumptions_frames() -> list[tuple[str, pd.DataFrame]]:
        return [(m, f) for m, f in sol.simplifying_assumptions.items() if len(f)]

    def extra(f: str) -> str:
        parts = []
        if f == "text":
            for m, frame in assumptions_frames():
                from .tables import plural, tabulate_frame

                parts.append(f"Simplifying assumptions of {m} ({plural(len(frame), 'remainder')}):\n"
                             + tabulate_frame(frame, "simple"))
            return "\n".join(parts)
        for i, expr in enumerate(sol.solutions if style == "fiss" else []):
            table = solution_table(sol, i, style=style, core=core, digits=digits, cases=(f != "latex"))
            if f == "markdown":
                from .reporting import markdown_table as _md_table

                parts.append(f"### {markdown_line(f'M{i + 1}: {expr} -> {tt.outcome}')}\n\n" + _md_table(table) + "\n")
            elif f == "latex":
                parts.append(latex_table(table, caption=f"M{i + 1}: {expr} -> {tt.outcome}"))
            elif f == "html":
                from .reporting import html_frame as _html_frame

                parts.append(f"<h3>M{i + 1}: {expr} &rarr; {tt.outcome}</h3>" + _html_frame(table))
        for m, frame in assumptions_frames():
            if f == "markdown":
                from .tables import tabulate_frame as _tabulate

                parts.append(f"### Simplifying assumptions of {m}\n\n" + _tabulate(frame, "github") + "\n")
            elif f == "latex":
                parts.append(latex_table(frame, caption=f"Simplifying assumptions of {m}"))
            elif f == "html":
                from .tables import html_table

                parts.append(f"<h3>Simplifying assumptions of {m}</h3>" + html_table(frame))
        return "\n".join(parts)

    return _render(sol, fmt, ctx, digits, extra if fmt not in ("json", "csv") else None, table=style != "fiss")


def cmd_necessity(ctx: _Context) -> str:
    from .necessity import necessity

    a = ctx.args
    if a.n_cut is not None or a.pri_cut is not None:
        ctx.notes.append("--n-cut / --pri-cut apply to truth tables; ignored by necessity")
    data = ctx.frame_for_expressions()
    nec = necessity(data, ctx.outcome, ctx.conditions, incl_cut=a.incl_cut if a.incl_cut is not None else 0.9,
                    ron_cut=a.ron_cut, cov_cut=a.cov_cut, case_col=ctx.case_col)
    return _render(nec, _format(a), ctx, a.digits)


def _expression(text: str, ctx: _Context) -> Any:
    from .expression import parse

    try:
        expr = parse(text)
    except QCAError as err:
        raise UsageError(f"expression: {err}") from None
    unknown = [c for c in expr.conditions if c not in ctx.data.columns]
    if unknown:
        raise UsageError(f"expression {text!r}: {', '.join(unknown)} not in {ctx.args.data} "
                         f"(columns: {', '.join(map(str, ctx.data.columns))})")
    attrs = dict(ctx.data.attrs)
    ctx.data = check_crisp(ctx.data, list(expr.conditions))
    ctx.data.attrs.update(attrs)
    return expr


def cmd_fit(ctx: _Context) -> str:
    from .fit import fit

    a = ctx.args
    if a.incl_cut is not None or a.n_cut is not None or a.pri_cut is not None:
        ctx.notes.append("--incl-cut / --n-cut / --pri-cut apply to truth tables; ignored by fit")
    expr = _expression(a.expression, ctx)
    result = fit(expr, ctx.frame_for_expressions(), ctx.outcome, relation=a.relation, case_col=ctx.case_col)
    return _render(result, _format(a), ctx, a.digits)


def cmd_cases(ctx: _Context) -> str:
    from .cases import case_types

    a = ctx.args
    expr = _expression(a.expression, ctx)
    result = case_types(ctx.frame_for_expressions(), expr, ctx.outcome, case_col=ctx.case_col)
    return _render(result, _format(a), ctx, a.digits)


def cmd_super_subset(ctx: _Context) -> str:
    from .supersubset import super_subset

    a = ctx.args
    bar = _StderrProgress(hint="Ctrl-C stops; --depth N searches less")
    try:
        result = super_subset(ctx.frame_for_expressions(), ctx.outcome, ctx.conditions, relation=a.relation,
                              incl_cut=_single_cut(a.incl_cut, 1.0), cov_cut=a.cov_cut, ron_cut=a.ron_cut,
                              pri_cut=a.pri_cut or 0.0, depth=a.depth, case_col=ctx.case_col, progress=bar)
    finally:
        bar.close()
    return _render(result, _format(a), ctx, a.digits)


def _single_cut(value: Any, default: float) -> float:
    if value is None:
        return default
    if isinstance(value, tuple):
        raise UsageError("--incl-cut: give one cut-off here, not two")
    return float(value)


def cmd_theory(ctx: _Context) -> str:
    from .theory import theory_evaluation

    a = ctx.args
    theory = _expression(a.theory_expression, ctx)
    if a.solution:
        solution: Any = _expression(a.solution, ctx)
        model = 0
    else:
        solution = _minimize(ctx, _truth_table(ctx))
        model = a.model - 1
        if model >= len(solution.solutions):
            raise UsageError(f"--model {a.model}: there are {len(solution.solutions)} model(s)")
    result = theory_evaluation(ctx.frame_for_expressions(), theory, solution, ctx.outcome, model=model,
                               case_col=ctx.case_col)
    return _render(result, _format(a), ctx, a.digits)


def cmd_robustness(ctx: _Context) -> str:
    from .robustness import robustness

    a = ctx.args
    if a.calibration_range:
        return _render(_calibration_range(ctx), _format(a), ctx, a.digits)
    if a.thresholds or a.raw or a.step is not None or a.max_runs is not None:
        raise UsageError("--thresholds, --raw, --step and --max-runs go with --calibration-range COND")
    if a.incl_cut is not None or a.n_cut is not None:
        raise UsageError("robustness takes grids: use --incl-cuts 1 0.9 0.8 and --n-cuts 1 2")
    kwargs: dict[str, Any] = {}
    if a.dir_exp:
        kwargs["dir_exp"] = a.dir_exp
    if a.expression:
        kwargs["expression"] = _expression(a.expression, ctx)
    result = robustness(ctx.data, ctx.outcome, ctx.conditions, incl_cut=a.incl_cuts or [1.0],
                        n_cut=a.n_cuts or [1], pri_cut=a.pri_cut or 0.0, include=a.include,
                        missing=ctx.missing("error"), case_col=ctx.case_col, **kwargs)
    return _render(result, _format(a), ctx, a.digits)


def _calibration_range(ctx: _Context) -> Any:
    """``qca robustness --calibration-range COND``: the anchors' ranges (SetMethods' rob.calibrange)."""
    from . import datasets
    from .robustness import calibration_range

    a = ctx.args
    cond = a.calibration_range
    if a.incl_cuts or a.n_cuts or a.expression or a.dir_exp:
        raise UsageError("--calibration-range sweeps one setting: give --incl-cut and --n-cut, not the grids "
                         "--incl-cuts/--n-cuts (nor --expression, --dir-exp)")
    if cond not in ctx.conditions:
        raise UsageError(f"--calibration-range {cond!r} is not among the conditions: {', '.join(ctx.conditions)}")
    if not a.thresholds:
        raise UsageError("--calibration-range needs --thresholds, e.g. --thresholds 'e=350, c=550, i=900'")
    if not a.raw:
        raise UsageError(f"--calibration-range needs --raw: the file or bundled data set holding the raw values "
                         f"of {cond} (DATA holds the sets)")
    path = Path(a.raw)
    if path.is_file():
        raw_data = read_data(path, None, sep=a.sep, encoding=a.encoding, sheet=_sheet(a.sheet))
    elif a.raw in list(datasets.list_datasets()["name"]):
        raw_data = datasets.load(a.raw)
    else:
        raise UsageError(f"--raw: no such file or bundled data set: {a.raw!r}")
    if cond not in raw_data.columns:
        raise UsageError(f"--raw {a.raw}: no column {cond!r} of raw values (columns: "
                         f"{', '.join(map(str, raw_data.columns))})")
    kwargs: dict[str, Any] = {}
    if a.incl_cut is not None:
        kwargs["incl_cut"] = a.incl_cut
    if a.n_cut is not None:
        kwargs["n_cut"] = a.n_cut
    if a.step is not None:
        kwargs["step"] = a.step
    if a.max_runs is not None:
        kwargs["max_runs"] = a.max_runs
    data = ctx.data.set_index(ctx.case_col) if ctx.case_col else ctx.data
    return calibration_range(raw_data[cond], a.thresholds, data, ctx.outcome, cond, ctx.conditions,
                             include=a.include, **kwargs)


def cmd_missing(ctx: _Context) -> str:
    from .missing import missing_completions

    a = ctx.args
    expr = _expression(a.expression, ctx) if a.expression else None
    result = missing_completions(ctx.data, ctx.outcome, ctx.conditions,
                                 incl_cut=a.incl_cut if a.incl_cut is not None else 1,
                                 n_cut=a.n_cut if a.n_cut is not None else 1, expression=expr,
                                 case_col=ctx.case_col)
    return _render(result, _format(a), ctx, a.digits)


def cmd_report(ctx: _Context) -> str:
    from .reporting import report

    a = ctx.args
    theory = None
    if a.theory:
        theory = _expression(a.theory, ctx)
    rep = report(
        ctx.data, ctx.outcome, ctx.conditions,
        incl_cut=a.incl_cut if a.incl_cut is not None else 1,
        n_cut=a.n_cut if a.n_cut is not None else 1,
        pri_cut=a.pri_cut if a.pri_cut is not None else 0,
        missing=ctx.missing("error"), case_col=ctx.case_col, include=a.include, dir_exp=a.dir_exp,
        necessity_cut=a.necessity_cut, theory=theory, style=a.style, title=a.title,
        source=ctx.bundled or str(a.data), plots=not a.no_plots,
    )
    if ctx.bundled:
        from . import datasets

        rep.citation = datasets.citation(ctx.bundled)
    fmt = _format(a, default="markdown")
    if fmt == "html":
        return rep.to_html()
    if fmt == "json":
        d = rep.to_dict()
        d["source"] = ctx.source
        return json.dumps(d, indent=2, ensure_ascii=False, allow_nan=False)
    if fmt == "text":
        return rep.summary()
    return rep.to_markdown()


def cmd_plot(ctx: _Context) -> str:
    try:
        import matplotlib

        matplotlib.use("Agg")
    except ImportError:
        raise QCAError("plots need matplotlib: pip install 'qca[plot]'") from None
    from . import plot

    a = ctx.args
    out = Path(a.output)
    if out.suffix.lower() not in (".png", ".svg", ".pdf", ".jpg", ".jpeg"):
        raise UsageError(f"--output {a.output}: use a .png, .svg or .pdf file")
    if a.kind == "venn":
        fig = plot.venn(_truth_table(ctx), rows=a.rows)
    elif a.kind == "solution" and a.expression:
        expr = _expression(a.expression, ctx)
        fig = plot.solution_plot(expr, ctx.frame_for_expressions(), ctx.outcome, case_col=ctx.case_col)
    else:
        sol = _minimize(ctx, _truth_table(ctx))
        if a.kind == "solution":
            if a.model > len(sol.solutions):
                raise UsageError(f"--model {a.model}: there are {len(sol.solutions)} model(s)")
            fig = plot.solution_plot(sol, ctx.data, model=a.model - 1, case_col=ctx.case_col)
        else:
            fig = plot.pi_chart(sol)
    fig.savefig(out, dpi=a.dpi)
    return ""


def cmd_datasets(args: argparse.Namespace, argv: list[str]) -> str:
    from . import __version__, datasets
    from .tables import tabulate_frame as _tabulate

    fmt = _format(args)
    if args.name is None:
        if args.export:
            raise UsageError("--export needs a data set name: qca datasets NAME --export FILE")
        table = datasets.list_datasets()
        if fmt == "json":
            return json.dumps({
                "schema": "qca-result/1", "qca_version": __version__, "kind": "datasets",
                "datasets": [{"name": r["name"], "type": r["type"], "outcome": r["outcome"].split(","),
                              "conditions": r["conditions"].split(","), "cases": int(r["cases"]),
                              "citation": r["citation"]} for _, r in table.iterrows()],
                "source": {"data": "bundled", "command": "qca " + " ".join(map(shlex.quote, argv))},
            }, indent=2, ensure_ascii=False)
        if fmt == "csv":
            return csv_frame(table).to_csv(index=False, lineterminator="\n")
        shown = table.set_index("name")
        if fmt == "text":
            shown = shown.drop(columns=["citation"])
            return ("Bundled data sets (qca datasets NAME for one; use NAME as DATA in any command)\n"
                    + _tabulate(shown, "simple"))
        if fmt == "markdown":
            return _tabulate(shown, "github") + "\n"
        if fmt == "latex":
            from .reporting import latex_table

            return latex_table(shown.drop(columns=["citation"])) + "\n"
        from .tables import html_table

        return _html_page("qca data sets", html_table(shown))
    names = list(datasets.list_datasets()["name"])
    if args.name not in names:
        raise UsageError(f"unknown data set {args.name!r}; bundled: {', '.join(names)}")
    df = datasets.load(args.name)
    if args.export:
        from .validate import write_text

        try:
            write_text(args.export, csv_frame(df).to_csv(lineterminator="\n"), newline="")
        except QCAError as err:
            raise UsageError(str(err).replace("path=", "--export ", 1)) from None
        return ""
    row = datasets.list_datasets().set_index("name").loc[args.name]
    if fmt == "json":
        return json.dumps({
            "schema": "qca-result/1", "qca_version": __version__, "kind": "table",
            "title": f"data set {args.name}",
            "records": json.loads(df.reset_index().to_json(orient="records", force_ascii=False)),
        }, indent=2, ensure_ascii=False)
    if fmt == "csv":
        return csv_frame(df).to_csv(lineterminator="\n")
    head = (f"{args.name}: {row['cases']} cases, outcome {row['outcome']}, conditions {row['conditions']}\n"
            f"Source: {row['citation']}\n")
    cols = [c for c in df.columns if c in set(row["conditions"].split(",")) | set(row["outcome"].split(","))]
    if fmt == "markdown":
        return head + "\n" + _tabulate(df[cols], "github") + "\n"
    if fmt == "html":
        from .tables import html_table

        return _html_page(args.name, f"<p>{head}</p>" + html_table(df))
    if fmt == "latex":
        from .reporting import latex_table

        return latex_table(df[cols]) + "\n"
    return head + _tabulate(df[cols].astype(object).where(df[cols].notna(), "-"), "simple")


def _calibrate_parser(sub: Any) -> None:
    p = sub.add_parser("calibrate", help="add a calibrated column to a copy of the data (R's calibrate)",
                       description="Calibrate one raw column into set memberships (R's calibrate) and write "
                                   "a copy of the data with the calibrated column added. The input file is "
                                   "never changed.",
                       epilog="Examples:\n"
                              "  qca calibrate LR.csv --column DEV --thresholds 'e=350, c=550, i=900' -o LF.csv\n"
                              "  qca calibrate LR.csv --column DEV --type crisp --thresholds '550, 850' "
                              "--name DEVm -o LM.csv\n"
                              "  qca calibrate LR.csv --column LIT --method indirect --thresholds '50, 75, 90' "
                              "-o out.csv",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    g = p.add_argument_group("data options")
    g.add_argument("data", metavar="DATA", help="a CSV/TSV/Excel/Stata/SPSS file, or a bundled data set name")
    g.add_argument("--case-col", metavar="COL", help="column holding the case names")
    g.add_argument("--sep", metavar="SEP", help="field separator of a text file (default: sniffed)")
    g.add_argument("--encoding", default="utf-8-sig", help="text encoding of a text file (default UTF-8)")
    g.add_argument("--sheet", help="Excel sheet name or number (default: the first)")
    g = p.add_argument_group("calibration")
    g.add_argument("--column", required=True, metavar="COL", help="the raw column to calibrate")
    g.add_argument("--thresholds", "-t", metavar="TEXT",
                   help="'e=350, c=550, i=900' (decreasing: 'i=..., c=..., e=...'), bell-shaped "
                        "'e1=, c1=, i1=, i2=, c2=, e2=', or cut points '550, 850' (crisp, indirect); "
                        "none for --method TFR")
    g.add_argument("--name", metavar="NEW", help="name of the new column (default: COLUMN followed by 'f' "
                                                  "for fuzzy, 'c' for crisp)")
    g.add_argument("--type", choices=("fuzzy", "crisp"), default="fuzzy", help="default fuzzy")
    g.add_argument("--method", choices=("direct", "indirect", "TFR"), default="direct", help="default direct")
    g.add_argument("--linear", action="store_true", help="piecewise linear/power function instead of the "
                                                          "logistic (R's logistic = FALSE)")
    g.add_argument("--idm", type=float, default=0.95, help="inclusion degree of membership (default 0.95)")
    g.add_argument("--ecdf", action="store_true", help="with --linear: follow the empirical distribution")
    g.add_argument("--below", type=float, default=1.0, help="shape exponent below the crossover (default 1)")
    g.add_argument("--above", type=float, default=1.0, help="shape exponent above the crossover (default 1)")
    g.add_argument("--replace", action="store_true", help="overwrite an existing column named NEW in the copy")
    g = p.add_argument_group("output options")
    g.add_argument("--output", "-o", metavar="FILE", help="the new data file (.csv, .tsv, .txt); default: CSV "
                                                          "to the terminal. Never the input file")


def cmd_calibrate(args: argparse.Namespace) -> tuple[str, str]:
    """Run ``qca calibrate``: the calibrated copy as text, and a note for the terminal."""
    from . import datasets
    from .calibrate import calibrate

    spec = args.data
    path = Path(spec)
    names = list(datasets.list_datasets()["name"])
    if path.is_file():
        data = read_data(path, args.case_col, sep=args.sep, encoding=args.encoding, sheet=_sheet(args.sheet))
    elif spec in names:
        data = datasets.load(spec)
        path = None
    else:
        raise UsageError(f"no such file or bundled data set: {spec!r}; bundled: {', '.join(names)}")
    sep = ","
    if args.output:
        out = Path(args.output)
        if path is not None and (out.resolve() == path.resolve() or (out.exists() and out.samefile(path))):
            raise UsageError(f"--output {args.output} is the input file: qca calibrate never overwrites its "
                             "input; write the calibrated copy to a new file")
        suffix = out.suffix.lower()
        if suffix in (".tsv", ".tab"):
            sep = "\t"
        elif suffix not in (".csv", ".txt", ""):
            raise UsageError(f"--output {args.output}: write the calibrated copy as .csv, .tsv or .txt")
    if args.column not in data.columns:
        raise UsageError(f"--column {args.column!r} is not a column of {spec} "
                         f"(columns: {', '.join(map(str, data.columns))})")
    if args.method == "TFR" and args.thresholds is not None:
        raise UsageError("--method TFR takes no --thresholds")
    if args.method != "TFR" and args.thresholds is None:
        raise UsageError("--thresholds is required, e.g. --thresholds 'e=350, c=550, i=900'")
    new = args.name or f"{args.column}{'c' if args.type == 'crisp' else 'f'}"
    if new in data.columns and not args.replace:
        raise UsageError(f"--name {new!r} is already a column of {spec}: choose another --name, or --replace "
                         "to overwrite it in the copy")
    values = calibrate(data[args.column], args.thresholds, type=args.type, method=args.method,
                       logistic=not args.linear, idm=args.idm, ecdf=args.ecdf, below=args.below,
                       above=args.above)
    copy = data.copy()
    copy[new] = values
    text = csv_frame(copy).to_csv(sep=sep, lineterminator="\n")  # no name a spreadsheet would run
    missing = int(pd.isna(values).sum())
    note = (f"{new} = calibrate({args.column}, {args.thresholds or args.method!s}, type={args.type}, "
            f"method={args.method}) added to a copy of {spec}"
            + (f"; {missing} case(s) missing in {args.column} stay missing" if missing else ""))
    return text, note


_COMMANDS: dict[str, Callable[[_Context], str]] = {
    "truth-table": cmd_truth_table,
    "minimize": cmd_minimize,
    "necessity": cmd_necessity,
    "fit": cmd_fit,
    "cases": cmd_cases,
    "super-subset": cmd_super_subset,
    "theory": cmd_theory,
    "robustness": cmd_robustness,
    "missing": cmd_missing,
    "report": cmd_report,
    "plot": cmd_plot,
}


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _check_not_input(args: argparse.Namespace) -> None:
    """Refuse an --output (or --export) that is the data file being read: it would replace the user's data."""
    data = getattr(args, "data", None)
    if not data or not Path(data).exists():
        return
    for option in ("output", "export"):
        target = getattr(args, option, None)
        if target and _same_file(Path(target), Path(data)):
            raise UsageError(f"--{option} {target} is the input file (the data being read); qca never overwrites "
                             "its input, it would replace your data with the result: choose another file name")


def _write(text: str, output: str | None) -> None:
    if output:
        try:
            with open(output, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text if text.endswith("\n") else text + "\n")
        except OSError as err:
            raise UsageError(f"cannot write --output {output}: {err.strerror}") from None
        return
    if text:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


_CLI_WORDS = (
    ("case_col ", "--case-col "),
    ("encoding=", "--encoding "),
    ("sep=", "--sep "),
    ("Pass missing='drop'", "Pass --missing drop"),
    ("missing='drop'", "--missing drop"),
    ("missing='error'", "--missing error"),
    ("include=''", "no --include"),
    ("include='?'", "--include ?"),
    ("incl_cut=", "--incl-cut "),
    ("n_cut=", "--n-cut "),
    ("pri_cut=", "--pri-cut "),
)


def _cli_words(message: str) -> str:
    """A library message with its keyword arguments spelled as command-line options, on one line.

    Line breaks (from a message's own layout, or inside a quoted name or cell) become spaces
    or ``\\n``-style escapes, so an error is always exactly one line on stderr.
    """
    for lib, cli in _CLI_WORDS:
        message = message.replace(lib, cli)
    return _one_line(message)


def _one_line(message: str) -> str:
    """``message`` as one line: a line break between parts becomes a space; control characters are escaped."""
    parts = [part.strip() for part in re.split(r"\r\n|\r|\n", message)]
    line = " ".join(part for part in parts if part)
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in line)


def _fit_arrow(args: argparse.Namespace) -> None:
    """R's pof arrow on the command line: ``'A*B -> Y'`` gives the outcome and the relation."""
    from .data import split_outcome
    from .fit import split_arrow

    text, outcome, relation = split_arrow(args.expression)
    if outcome is None:
        return
    if args.outcome is not None and split_outcome(args.outcome) != split_outcome(outcome):
        raise UsageError(f"{args.expression!r} names the outcome {outcome!r} but --outcome is {args.outcome!r}: "
                         "give the outcome once, or make the two agree")
    if args.relation is not None and args.relation != relation:
        raise UsageError(f"{args.expression!r} states {relation} but --relation is {args.relation}: "
                         "drop --relation or turn the arrow ('->' sufficiency, '<-' necessity)")
    args.expression, args.outcome, args.relation = text, outcome, relation


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``qca`` command; returns the exit status.

    0 success, 2 any ``QCAError`` (bad usage or an analysis the input does not allow; one line on
    stderr), 1 a failure that is not the input's fault (a bug, out of memory), 130 Ctrl-C.

    Examples
    --------
    >>> main(["fit", "LC", "--outcome", "SURV", "DEV*STB", "--format", "csv"])
    expression,inclS,PRI,covS,covU,cases
    DEV*STB,1.0,1.0,1.0,,BE; CZ; FI; FR; IE; NL; SE; UK
    0
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0) if not isinstance(exit_.code, str) else 2
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        _check_not_input(args)
        if args.command == "schema":
            from .reporting import schema

            _write(json.dumps(schema(), indent=2, ensure_ascii=False), args.output)
            return 0
        if args.command == "app":
            from .app.launcher import launch

            return launch(port=args.port, host=args.host, browser=not args.no_browser, folder=args.folder)
        if args.command == "calibrate":
            text, note = cmd_calibrate(args)
            _write(text, args.output)
            print(f"qca: note: {_one_line(note)}" + (f"; written to {args.output}" if args.output else ""), file=sys.stderr)
            return 0
        if args.command == "datasets":
            _write(cmd_datasets(args, argv), None if args.export else args.output)
            return 0
        if args.command == "fit":
            _fit_arrow(args)
        ctx = _Context(args, argv)
        text = _COMMANDS[args.command](ctx)
        for note in ctx.notes:
            print(f"qca: note: {_one_line(note)}", file=sys.stderr)
        if args.command != "plot":
            _write(text, args.output)
        return 0
    except QCAError as err:  # UsageError too: every error on input is one line and exit status 2
        print(f"qca {args.command}: error: {_cli_words(str(err))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"qca {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # pragma: no cover - e.g. `qca datasets | head -1`
        try:
            sys.stdout = io.TextIOWrapper(io.BytesIO())
        except Exception:
            pass
        return 0
    except MemoryError:
        print(f"qca {args.command}: out of memory; try fewer conditions, --max-solutions or a smaller "
              "search (--depth)", file=sys.stderr)
        return 1
    except Exception as err:  # noqa: BLE001 - a bug of ours: one line, never a traceback, unless asked
        if os.environ.get("QCA_DEBUG"):
            raise
        print(f"qca {args.command}: internal error ({type(err).__name__}: {_one_line(str(err))}); please report it, with "
              "the command; QCA_DEBUG=1 shows the traceback", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
