"""Issue 18: condition names of any script or shape read back; expressions of any size parse safely."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qca
from qca import QCAError, parse
from qca.expression import EXPANSION_LIMIT, is_plain_name, quote_name


def _data(names: list[str]) -> pd.DataFrame:
    """Cases where the outcome is exactly the first condition."""
    a, b = names
    return pd.DataFrame({a: [1, 1, 0, 0], b: [1, 0, 1, 0], "Y": [1, 1, 0, 0]}, index=list("pqrs"))


@pytest.mark.parametrize("name", ["Ärger", "中国", "Жизнь", "naïve_2", "शिक्षा", "ελπίδα"])
def test_letters_of_any_script_work_in_expressions(name):
    df = _data([name, "B"])
    sol = qca.minimize(qca.truth_table(df, "Y"))
    assert str(sol.solutions[0]) == name
    assert qca.fit(f"{name}*~B", df, "Y").expression == parse(f"{name}*~B")
    assert parse(f"~{name}").terms[0].literals == ((name, 0),)


@pytest.mark.parametrize("name", ["A+B", "A*B", "~A", "GDP growth", "x-y", "a>b", "X[1]", "2nd", "(A)", "a`b", "1"])
def test_names_that_need_quoting_are_printed_in_backticks_and_read_back(name):
    df = _data([name, "B"])
    sol = qca.minimize(qca.truth_table(df, "Y"))
    expr = sol.solutions[0]
    assert expr.conditions == (name,)
    text = str(expr)
    assert text.startswith("`") and text.endswith("`")
    assert parse(text) == expr and parse(text).conditions == (name,)
    assert qca.fit(text, df, "Y").to_frame()["inclS"].iloc[0] == 1.0


@pytest.mark.parametrize("name", ["", "   "])
def test_an_empty_name_is_refused_at_the_truth_table(name):
    df = pd.DataFrame({name: [1, 0], "B": [1, 0], "Y": [1, 0]})
    with pytest.raises(QCAError, match="empty name.*rename"):
        qca.truth_table(df, "Y")


def test_factorized_and_necessity_labels_quote_names():
    e = parse("`a b`*C + `a b`*D")
    assert e.factorize() == "`a b`*(C + D)"
    assert parse(e.factorize()) == e
    df = _data(["a b", "B"])
    labels = qca.necessity(df, "Y").to_frame().index.tolist()
    assert "`a b`" in labels and "~`a b`" in labels


names = st.text(min_size=1, max_size=12).filter(lambda s: s.strip() and s != "Y")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=names)
def test_any_name_the_truth_table_accepts_round_trips(name):
    other = "B" if name != "B" else "C"
    df = _data([name, other])
    try:
        tt = qca.truth_table(df, "Y")
    except QCAError:
        return  # refused with our error: allowed
    sol = qca.minimize(tt)
    expr = sol.solutions[0]
    assert parse(str(expr)) == expr
    assert parse(quote_name(name)).conditions == (name,)
    assert is_plain_name(name) == (quote_name(name) == name)


@settings(max_examples=300, deadline=2000)
@given(text=st.text(alphabet=st.sampled_from(list("AB`~*+()&|!01 -><=[]{}Ä中x_.\n\t")), max_size=40) | st.text(max_size=40))
def test_parse_on_any_text_returns_or_raises_qcaerror(text):
    try:
        e = parse(text)
    except QCAError:
        return
    assert parse(str(e)) == e


def test_deep_nesting_and_long_negation_chains_do_not_recurse():
    assert str(parse("(" * 5000 + "A" + ")" * 5000)) == "A"
    assert str(parse("~" * 10_000 + "A")) == "A"
    assert str(parse("~" * 10_001 + "(A*B)")) == "~A + ~B"
    with pytest.raises(QCAError, match="expected '\\)'"):
        parse("(" * 600 + "A")


def test_a_negation_that_expands_past_the_limit_names_the_size():
    text = "~(" + " + ".join(f"A{i}*B{i}" for i in range(30)) + ")"
    with pytest.raises(QCAError, match=f"over the limit of {EXPANSION_LIMIT:,}"):
        parse(text)
    prod = "*".join(f"(A{i} + B{i})" for i in range(30))
    with pytest.raises(QCAError, match="terms"):
        parse(prod)


@pytest.mark.parametrize("text, arrow", [("A*B -> Y", "->"), ("A => Y", "=>"), ("Y <- A", "<-")])
def test_an_arrow_gets_a_clear_error(text, arrow):
    with pytest.raises(QCAError, match=f"'{arrow}' is an arrow"):
        parse(text)


def test_quoting_errors_say_what_is_wrong():
    with pytest.raises(QCAError, match="never closed"):
        parse("`A + B")
    with pytest.raises(QCAError, match="empty"):
        parse("`` + B")
    with pytest.raises(QCAError, match="backticks"):
        parse("GDP-growth")


def _reference_absorb(terms):
    keys = [frozenset(t) for t in terms]
    return {k for i, k in enumerate(keys) if not any(o < k for o in keys)}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from("ABCDE"), st.integers(0, 1), min_size=1, max_size=4), min_size=1, max_size=30))
def test_absorption_matches_the_definition(terms):
    text = " + ".join("*".join(("" if v else "~") + n for n, v in t.items()) for t in terms)
    got = {t._key for t in parse(text).terms}
    assert got == _reference_absorb([t.items() for t in terms])
    # the full parser (parentheses force it) agrees with the fast path
    assert parse("(" + text + ")") == parse(text)


_FLAT_PIECES = st.sampled_from(["A", "B", "C", "a.b", "_x", "A1", "~", "!", "*", "&", "+", "|", " ", "\t", "\n", "1", "0"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_FLAT_PIECES, max_size=25).map("".join))
def test_the_fast_path_for_plain_sums_agrees_with_the_full_parser(text):
    """parse() reads a plain sum of products on a fast path; parentheses force the full parser.
    Both give the same expression (repeated literals, X*~X, spaces, '&|!'), or both refuse it."""
    try:
        fast = parse(text)
    except QCAError:
        with pytest.raises(QCAError):
            parse("(" + text + ")")
        return
    assert parse("(" + text + ")") == fast
    assert str(parse(str(fast))) == str(fast)


def test_a_long_sum_parses_and_absorbs():
    """Correctness at scale; the timing is benchmarks/parse.py's, judged by ratio below."""
    text = " + ".join(f"A{i}*~B{i}" for i in range(20_000)) + " + A0"
    e = parse(text)
    assert len(e) == 20_000 and parse("A0").terms[0] in e.terms
    assert parse("A0*~B0") != e and parse("(" + text + ")") == e


def test_parse_benchmark_smoke_run_beats_the_quadratic_absorption():
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[1]
    proc = subprocess.run([sys.executable, str(repo / "benchmarks" / "parse.py"), "--smoke"],
                          capture_output=True, text=True, timeout=300, cwd=repo)
    assert proc.returncode == 0, proc.stdout + proc.stderr  # exit 1 when old/new <= 1 at any size
    assert "| 10,000 |" in proc.stdout
