"""Expressions: parsing and printing QCA notation, evaluation, sympy interop."""

from __future__ import annotations

import pandas as pd
import pytest
import sympy

import qca
from qca import Expression, QCAError, Term, parse


@pytest.mark.parametrize(
    "text, printed",
    [
        ("A", "A"),
        ("~A*B + C", "~A*B + C"),
        ("  DEV * STB  ", "DEV*STB"),
        ("A*(B + ~C)", "A*B + A*~C"),
        ("~(A*B)", "~A + ~B"),
        ("~(A + B)", "~A*~B"),
        ("~~A", "A"),
        ("A + A*B", "A"),
        ("A*~A + B", "B"),
        ("A & ~B | C", "A*~B + C"),
        ("x.1*y_2", "x.1*y_2"),
        ("1", "1"),
        ("0", "0"),
    ],
)
def test_parse_and_print(text, printed):
    assert str(parse(text)) == printed


@pytest.mark.parametrize(
    "text, position",
    [("A*+B", 3), ("A +", 4), ("(A + B", 7), ("A B", 3), ("A*#", 3), ("", 1), ("A)", 2)],
)
def test_parse_errors_show_where(text, position):
    """One line naming the place as a character count from 1 (issue 18: no caret line under it)."""
    with pytest.raises(QCAError) as err:
        parse(text)
    assert f"at character {position}: " in str(err.value)
    assert "\n" not in str(err.value) and "^" not in str(err.value)


def test_parse_rejects_non_strings():
    with pytest.raises(QCAError, match="string"):
        parse(42)  # type: ignore[arg-type]


def test_equality_ignores_order_and_hash_agrees():
    a, b = parse("A*~B + C"), parse("C + ~B*A")
    assert a == b and hash(a) == hash(b)
    assert a == "C + A*~B"
    assert parse("A") != parse("A*B")
    assert len({a, b, parse("C")}) == 2


def test_equivalence_is_logical_not_structural():
    assert parse("A*B + A*~B").equivalent("A")
    assert not parse("A*B").equivalent("A")
    assert parse("A*B + ~A*C + B*C").equivalent("A*B + ~A*C")


def test_terms_and_conditions():
    e = parse("B*~A + C")
    assert e.conditions == ("B", "A", "C")
    assert [str(t) for t in e] == ["B*~A", "C"]
    assert len(e) == 2
    assert Term((("A", 1), ("A", 1))).literals == (("A", 1),)
    with pytest.raises(QCAError):
        Term((("A", 1), ("A", 0)))
    with pytest.raises(QCAError):
        Term((("A", -1),))
    with pytest.raises(QCAError):
        Term((("A", "1"),))
    with pytest.raises(QCAError, match="no level of A"):
        Term((("A", 2), ("A", 1)))
    assert Term((("A", 2),)).literals == (("A", 2),)  # a level of a multi-value condition


def test_mask_round_trip():
    conds = ["A", "B", "C", "D"]
    t = Term((("B", 0), ("D", 1)))
    mask, bits = t.to_mask(conds)
    assert Term.from_mask(mask, bits, conds) == t
    with pytest.raises(QCAError, match="unknown condition 'E'"):
        Term((("E", 1),)).to_mask(conds)


def test_sympy_round_trip():
    e = parse("A*~B + C*D")
    s = e.to_sympy()
    A, B, C, D = sympy.symbols("A B C D")
    assert s == (A & ~B) | (C & D)
    assert Expression.from_sympy(s) == e
    assert Expression.from_sympy(sympy.true) == parse("1")
    assert Expression.from_sympy(sympy.false) == parse("0")
    # from_sympy multiplies out, it does not simplify
    assert Expression.from_sympy(A & (B | ~C)) == parse("A*B + A*~C")


def test_negate():
    assert parse("HARM*~THREAT").negate() == parse("~HARM + THREAT")
    assert parse("A + B").negate() == parse("~A*~B")
    e = parse("A*B + ~C*D")
    assert e.negate().equivalent(qca.Expression.from_sympy(sympy.Not(e.to_sympy())))


def test_evaluate_two_and_three_valued():
    df = pd.DataFrame(
        {"HARM": [1, 0, pd.NA, 1, pd.NA], "THREAT": [0, pd.NA, 1, pd.NA, pd.NA]},
        index=["a", "b", "c", "d", "e"],
    ).astype("Int64")
    h1 = parse("HARM*~THREAT").evaluate(df)
    assert h1.dtype == "boolean"
    assert h1.index.tolist() == ["a", "b", "c", "d", "e"]
    assert h1.tolist()[:3] == [True, False, False]  # HARM = 0 decides b; THREAT = 1 decides c
    assert h1.isna().tolist() == [False, False, False, True, True]
    h2 = parse("~HARM + THREAT").evaluate(df)
    assert h2.tolist()[:3] == [False, True, True]
    assert h2.isna().tolist() == [False, False, False, True, True]


def test_evaluate_rejects_bad_codes_naming_case_and_column():
    df = pd.DataFrame({"A": [1, 0.5], "B": [1, 1]}, index=["x", "y"])
    with pytest.raises(QCAError, match=r"column 'A', case 'y': code 0.5"):
        parse("A*B").evaluate(df)
    with pytest.raises(QCAError, match="unknown condition 'C'"):
        parse("C").evaluate(df)
    text = pd.DataFrame({"A": ["1", "yes"]}, index=["x", "y"])
    with pytest.raises(QCAError, match=r"case 'x': text code '1'"):
        parse("A").evaluate(text)


def test_html_repr():
    assert parse("A*~B")._repr_html_() == "<code>A*~B</code>"
