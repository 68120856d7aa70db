"""Boolean expressions in QCA notation: parse, print, evaluate, convert to sympy.

An :class:`Expression` is a sum of products (a disjunction of conjunctions)
of crisp conditions, written the way R's QCA writes it::

    ~A*B + C        # (not A and B) or C

``*`` is AND, ``+`` is OR, ``~`` is NOT; parentheses may group
(``A*(B + ~C)``) and are multiplied out when parsed. Names are letters of
any script (``Ärger*~中国``); any other name is written in backticks
(```GDP growth` + `A+B```), and every printer writes it that way
(:func:`quote_name`), so printed expressions always parse back. Expressions are values:
two expressions with the same terms are equal (``==``) and hash alike,
whatever the order of their terms or literals. Logical equivalence, which
is a different question, is :meth:`Expression.equivalent`.

Evaluation on data uses three-valued (Kleene) logic, so a case with a
missing code still gets a membership wherever its known codes decide it:
``A*B`` is false for a case with ``A = 0`` whatever ``B`` is.
"""

from __future__ import annotations

import re
from itertools import combinations
from math import comb
from dataclasses import dataclass
from typing import Iterable, Iterator, Mapping, Sequence

import pandas as pd
import sympy

from .data import crisp_series
from .sets import fuzzy_and, fuzzy_or, read_set
from .errors import QCAError

__all__ = ["Term", "Expression", "parse", "quote_name", "is_plain_name", "EXPANSION_LIMIT"]


@dataclass(frozen=True, eq=False)
class Term:
    """A conjunction of literals, such as ``A*~B``.

    Parameters
    ----------
    literals : tuple of (str, int)
        ``(condition, value)`` pairs; value 1 is the condition present,
        0 its negation. Order is kept for printing, ignored by ``==``.

    Examples
    --------
    >>> t = Term((("A", 1), ("B", 0)))
    >>> str(t)
    'A*~B'
    >>> t == Term((("B", 0), ("A", 1)))
    True
    """

    literals: tuple[tuple[str, int], ...]

    def __post_init__(self) -> None:
        seen: dict[str, int] = {}
        for name, value in self.literals:
            if value not in (0, 1):
                raise QCAError(f"literal {name!r} has value {value!r}; crisp literals are 0 or 1")
            if name in seen and seen[name] != value:
                raise QCAError(f"term has both {name} and ~{name}; it can never be true")
            seen[name] = value
        # drop repeated literals, keeping the first position
        uniq = tuple(dict.fromkeys(self.literals))
        object.__setattr__(self, "literals", uniq)
        object.__setattr__(self, "_key", frozenset(uniq))

    @classmethod
    def _checked(cls, literals: tuple[tuple[str, int], ...]) -> "Term":
        """A term from literals already known to be distinct and consistent (the parser's)."""
        term = object.__new__(cls)
        object.__setattr__(term, "literals", literals)
        object.__setattr__(term, "_key", frozenset(literals))
        return term

    @classmethod
    def from_mask(cls, mask: int, bits: int, conditions: Sequence[str]) -> "Term":
        """Build a term from bit masks over ``conditions``.

        Condition ``i`` is bit ``k - 1 - i`` (the first condition is the most
        significant bit, as in R's truth-table row numbers).

        Examples
        --------
        >>> str(Term.from_mask(0b101, 0b100, ["A", "B", "C"]))
        'A*~C'
        """
        k = len(conditions)
        lits = []
        for i, name in enumerate(conditions):
            bit = 1 << (k - 1 - i)
            if mask & bit:
                lits.append((name, 1 if bits & bit else 0))
        return cls(tuple(lits))

    def to_mask(self, conditions: Sequence[str]) -> tuple[int, int]:
        """The ``(mask, bits)`` pair of this term over ``conditions``.

        Examples
        --------
        >>> Term((("A", 1), ("C", 0))).to_mask(["A", "B", "C"])
        (5, 4)
        """
        index = {c: i for i, c in enumerate(conditions)}
        k = len(conditions)
        mask = bits = 0
        for name, value in self.literals:
            if name not in index:
                raise QCAError(f"unknown condition {name!r}; known: {', '.join(conditions)}")
            bit = 1 << (k - 1 - index[name])
            mask |= bit
            if value:
                bits |= bit
        return mask, bits

    @property
    def conditions(self) -> tuple[str, ...]:
        """The condition names in the term, in print order."""
        return tuple(name for name, _ in self.literals)

    def __len__(self) -> int:
        return len(self.literals)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Term) and self._key == other._key  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._key)  # type: ignore[attr-defined]

    def __str__(self) -> str:
        if not self.literals:
            return "1"
        return "*".join(("" if v else "~") + quote_name(n) for n, v in self.literals)

    def __repr__(self) -> str:
        return f"Term({str(self)!r})"

    def implies(self, other: "Term") -> bool:
        """True when every case in this term is in ``other`` (a subset)."""
        return other._key <= self._key  # type: ignore[attr-defined]


@dataclass(frozen=True, eq=False)
class Expression:
    """A sum of products of crisp conditions, in QCA notation.

    Build one with :func:`parse` (or ``Expression.parse``), from a sympy
    expression with :meth:`from_sympy`, or get one from the minimizer.

    Parameters
    ----------
    terms : tuple of Term
        The disjuncts. An empty tuple is the constant false (printed ``0``);
        a term with no literals is the constant true (``1``).

    Examples
    --------
    >>> e = parse("~A*B + C")
    >>> str(e)
    '~A*B + C'
    >>> e == parse("C + B*~A")
    True
    >>> e.conditions
    ('A', 'B', 'C')
    """

    terms: tuple[Term, ...]

    def __post_init__(self) -> None:
        uniq = tuple(dict.fromkeys(self.terms))
        object.__setattr__(self, "terms", uniq)
        object.__setattr__(self, "_key", frozenset(uniq))

    # ------------------------------------------------------------ building
    @staticmethod
    def parse(text: str) -> "Expression":
        """Parse QCA notation; see :func:`parse`."""
        return parse(text)

    @classmethod
    def from_terms(cls, terms: Iterable[Term]) -> "Expression":
        """An expression from an iterable of terms.

        Examples
        --------
        >>> str(Expression.from_terms([Term((("A", 1),)), Term((("B", 0),))]))
        'A + ~B'
        """
        return cls(tuple(terms))

    @classmethod
    def from_sympy(cls, expr: sympy.Basic) -> "Expression":
        """Convert a sympy Boolean expression (put in DNF by sympy, unsimplified).

        Examples
        --------
        >>> import sympy
        >>> A, B, C = sympy.symbols("A B C")
        >>> Expression.from_sympy((A & ~B) | C) == parse("A*~B + C")
        True
        """
        if expr is sympy.true:
            return cls((Term(()),))
        if expr is sympy.false:
            return cls(())
        dnf = sympy.to_dnf(expr, simplify=False)
        disjuncts = dnf.args if isinstance(dnf, sympy.Or) else (dnf,)
        terms = []
        for conj in _sorted_sympy(disjuncts):
            lits = conj.args if isinstance(conj, sympy.And) else (conj,)
            pairs = []
            for lit in _sorted_sympy(lits):
                if isinstance(lit, sympy.Not):
                    pairs.append((str(lit.args[0]), 0))
                elif isinstance(lit, sympy.Symbol):
                    pairs.append((str(lit), 1))
                else:  # pragma: no cover - to_dnf gives only these forms
                    raise QCAError(f"cannot read {lit} as a literal")
            try:
                terms.append(Term(tuple(pairs)))
            except QCAError:
                continue  # A & ~A: never true, contributes nothing
        return cls(tuple(terms))

    # ------------------------------------------------------------ views
    @property
    def conditions(self) -> tuple[str, ...]:
        """Condition names in order of first appearance."""
        return tuple(dict.fromkeys(n for t in self.terms for n in t.conditions))

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, str):
            other = parse(other)
        return isinstance(other, Expression) and self._key == other._key  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._key)  # type: ignore[attr-defined]

    def __str__(self) -> str:
        if not self.terms:
            return "0"
        return " + ".join(str(t) for t in self.terms)

    def __repr__(self) -> str:
        return f"Expression({str(self)!r})"

    def _repr_html_(self) -> str:
        return f"<code>{_html_escape(str(self))}</code>"

    # ------------------------------------------------------------ logic
    def to_sympy(self) -> sympy.Basic:
        """The same expression as a sympy Boolean expression.

        Examples
        --------
        >>> parse("A*~B + C").to_sympy()
        C | (A & ~B)
        """
        syms: dict[str, sympy.Symbol] = {}

        def sym(name: str) -> sympy.Symbol:
            if name not in syms:
                syms[name] = sympy.Symbol(name)
            return syms[name]

        disj = []
        for t in self.terms:
            lits = [sym(n) if v else sympy.Not(sym(n)) for n, v in t.literals]
            disj.append(sympy.And(*lits))
        return sympy.Or(*disj)

    def equivalent(self, other: "Expression | str") -> bool:
        """Logical equivalence (same truth value on every configuration), via sympy.

        Examples
        --------
        >>> parse("A*B + A*~B").equivalent("A")
        True
        >>> parse("A*B + A*~B") == parse("A")
        False
        """
        if isinstance(other, str):
            other = parse(other)
        diff = sympy.Xor(self.to_sympy(), other.to_sympy())
        return sympy.satisfiable(diff) is False

    def negate(self) -> "Expression":
        """The complement, multiplied out by De Morgan into a sum of products.

        Terms absorbed by a shorter term are dropped; the result is
        equivalent to ``~(self)`` but not minimized further.

        Examples
        --------
        >>> str(parse("HARM*~THREAT").negate())
        '~HARM + THREAT'
        """
        return _complement(self)

    def factorize(self) -> str:
        """A shorter, factored text of the expression, for papers (see :mod:`qca.factorize`).

        Examples
        --------
        >>> parse("A*B + A*C").factorize()
        'A*(B + C)'
        """
        from .factorize import factorize

        return factorize(self)

    def evaluate(self, data: pd.DataFrame) -> pd.Series:
        """Membership of each case (row of ``data``) in the expression.

        Codes must be 0/1 or missing. Missing codes are handled by Kleene's
        three-valued logic: the result is ``<NA>`` only where the known
        codes do not decide the membership.

        Parameters
        ----------
        data : pandas.DataFrame
            One row per case; must hold a column for every condition.

        Returns
        -------
        pandas.Series
            Nullable boolean (``"boolean"`` dtype), indexed like ``data``.

        Examples
        --------
        >>> import pandas as pd
        >>> df = pd.DataFrame({"A": [1, 0, None], "B": [0, None, 0]},
        ...                   index=["x", "y", "z"])
        >>> parse("A*~B").evaluate(df).tolist()
        [True, False, <NA>]
        >>> parse("~A + ~B").evaluate(df).tolist()
        [True, True, True]
        """
        cols = {name: crisp_series(data, name) for name in self.conditions}
        result = pd.Series(pd.array([False] * len(data), dtype="boolean"), index=data.index)
        for term in self.terms:
            member = pd.Series(pd.array([True] * len(data), dtype="boolean"), index=data.index)
            for name, value in term.literals:
                lit = cols[name] if value else ~cols[name]
                member = member & lit
            result = result | member
        return result

    def membership(self, data: pd.DataFrame) -> pd.Series:
        """Membership score of each case in the expression, for crisp or fuzzy data.

        NOT is ``1 - x``, AND the minimum, OR the maximum (fuzzy logic; on
        0/1 codes this is Boolean logic). Missing values follow Kleene's
        three-valued logic: the result is ``NaN`` only where the known
        values do not decide it (an AND with a known 0 is 0, an OR with a
        known 1 is 1).

        Parameters
        ----------
        data : pandas.DataFrame
            One row per case; a column for every condition, crisp (0/1) or
            fuzzy (memberships in [0, 1]); see :mod:`qca.sets`.

        Returns
        -------
        pandas.Series
            Floats in [0, 1] (``NaN`` where undecided), indexed like ``data``.

        Examples
        --------
        >>> import pandas as pd
        >>> df = pd.DataFrame({"A": [0.8, 0.0, None], "B": [0.4, None, 1.0]}, index=["x", "y", "z"])
        >>> parse("A*~B").membership(df).tolist()
        [0.6, 0.0, 0.0]
        >>> parse("A + B").membership(df).tolist()
        [0.8, nan, 1.0]
        """
        n = len(data)
        cols = {name: read_set(data, name).values for name in self.conditions}
        terms = [fuzzy_and([cols[name] if value else 1.0 - cols[name] for name, value in term.literals], n)
                 for term in self.terms]
        return pd.Series(fuzzy_or(terms, n), index=data.index, dtype=float)

    def term_expressions(self) -> tuple["Expression", ...]:
        """Each term as an expression of its own."""
        return tuple(Expression((t,)) for t in self.terms)


def parse(text: "str | Expression") -> Expression:
    """Parse an expression written in QCA notation.

    ``*`` is AND, ``+`` is OR, ``~`` is NOT, parentheses group; ``&``,
    ``|`` and ``!`` are read as ``*``, ``+`` and ``~``. ``1`` and ``0`` are
    the constants.

    A condition name is written as it is when it is a plain name: a letter
    of any script (``Ä``, ``中``, ``Ж``) or ``_``, then letters, digits,
    ``_`` or ``.``. Any other name is quoted in backticks, as pandas'
    ``query`` quotes it: ```GDP growth```, ```A+B```, ```2nd wave```; a
    backtick inside a quoted name is doubled. Every printer of the library
    quotes such names the same way (:func:`quote_name`), so a printed
    expression always parses back to the same expression.

    Parsing is iterative (no nesting limit). Multiplying out is bounded: a
    product or negation that would expand to more than
    :data:`EXPANSION_LIMIT` terms raises a :class:`~qca.QCAError` naming the
    size.

    Parameters
    ----------
    text : str
        For example ``"A*~B + C"`` or ``"HARM*(~THREAT + ISSUE)"``.

    Returns
    -------
    Expression
        The expression as a sum of products (parentheses multiplied out).

    Raises
    ------
    QCAError
        If the text does not parse; the message shows where.

    Examples
    --------
    >>> str(parse("A*(B + ~C)"))
    'A*B + A*~C'
    >>> str(parse("~(A*B)"))
    '~A + ~B'
    >>> str(parse("`GDP growth`*~Ärger"))
    '`GDP growth`*~Ärger'
    >>> parse("A*+B")
    Traceback (most recent call last):
    ...
    qca.errors.QCAError: cannot parse 'A*+B' at position 2: expected a condition, '~' or '(' but found '+'
      A*+B
        ^
    """
    if isinstance(text, Expression):
        return text
    if not isinstance(text, str):
        raise QCAError(f"an expression must be a string in QCA notation, not {type(text).__name__}")
    flat = _parse_flat(text)
    if flat is not None:
        return flat
    return _Parser(text).parse()


def is_plain_name(name: str) -> bool:
    """True when ``name`` can be written in an expression without backticks.

    A plain name starts with a letter (of any script) or ``_`` and goes on
    with letters, digits, ``_`` or ``.``.

    Examples
    --------
    >>> is_plain_name("Ärger"), is_plain_name("GDP growth"), is_plain_name("2nd")
    (True, False, False)
    """
    if not isinstance(name, str) or not name:
        return False
    if not _name_start(name[0]):
        return False
    return all(_name_part(ch) for ch in name[1:])


def quote_name(name: str) -> str:
    """A condition name as it is written in an expression: backticks where needed.

    Examples
    --------
    >>> quote_name("HARM"), quote_name("GDP growth"), quote_name("A`B")
    ('HARM', '`GDP growth`', '`A``B`')
    """
    if is_plain_name(name):
        return name
    return "`" + name.replace("`", "``") + "`"


# ---------------------------------------------------------------- internals

#: a product or negation may expand to at most this many terms before absorption
EXPANSION_LIMIT = 200_000

_SOP = list  # list of terms; a term is a dict name -> value (ordered)

_OPERATORS = {"*": "*", "&": "*", "+": "+", "|": "+", "~": "~", "!": "~", "(": "(", ")": ")"}
_ARROWS = ("->", "=>", "<-", "<=")
_TOKEN = re.compile(r"\s*(?:([A-Za-z_][A-Za-z0-9_.]*)|([*&+|~!()]))?")


_FLAT_LITERAL = re.compile(r"\s*([~!]?)\s*([A-Za-z_][A-Za-z0-9_.]*)\s*")


def _parse_flat(text: str) -> "Expression | None":
    """A fast path for a plain sum of products of ASCII names (no parentheses, constants, quotes).

    Returns None for anything else, which the full parser then reads (and
    reports errors in, with their position).
    """
    if "(" in text or "`" in text or not text.isascii():
        return None
    terms: _SOP = []
    match = _FLAT_LITERAL.fullmatch
    for chunk in text.replace("|", "+").split("+"):
        term: dict[str, int] = {}
        ok = True
        for lit in chunk.replace("&", "*").split("*"):
            mo = match(lit)
            if mo is None:
                return None
            neg, name = mo.groups()
            value = 0 if neg else 1
            if term.setdefault(name, value) != value:
                ok = False
        if ok:
            terms.append(term)
    sop = _absorb(terms)
    return Expression(tuple(Term._checked(tuple(t.items())) for t in sop))


def _name_start(ch: str) -> bool:
    return ch == "_" or ch.isidentifier()


def _name_part(ch: str) -> bool:
    return ch == "." or ("a" + ch).isidentifier()


class _Parser:
    """An iterative (stack-based) parser: nesting depth costs memory, never recursion."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = self._tokenize(text)

    def _error(self, where: int, what: str) -> QCAError:
        shown = self.text if len(self.text) <= 200 else self.text[:200] + "..."
        caret = f"\n  {shown}\n  {' ' * where}^" if where <= 200 and "\n" not in shown else ""
        return QCAError(f"cannot parse {shown!r} at position {where}: {what}{caret}")

    # ---------------------------------------------------------- tokens
    def _tokenize(self, text: str) -> list[tuple[str, str, int]]:
        tokens = []
        append = tokens.append
        i = 0
        n = len(text)
        match = _TOKEN.match
        while i < n:
            m = match(text, i)
            if m is not None and m.lastindex:
                if m.lastindex == 1:  # an ASCII name; it may go on in another script
                    j = m.end(1)
                    if j < n and not text[j].isascii():
                        while j < n and _name_part(text[j]):
                            j += 1
                    append(("name", text[m.start(1):j], m.start(1)))
                    i = j
                else:
                    ch = m.group(2)
                    append((_OPERATORS[ch], ch, m.start(2)))
                    i = m.end()
                continue
            if m is not None:
                i = m.end()  # only spaces
                if i >= n:
                    break
            ch = text[i]
            if text.startswith(_ARROWS, i):
                arrow = text[i:i + 2]
                raise self._error(
                    i, f"{arrow!r} is an arrow: an expression is one side of a claim. Give the left side "
                    "here and the outcome separately, e.g. qca.fit('A*~B', data, outcome='Y')"
                )
            if ch == "`":
                start = i
                name, i = self._quoted(text, i)
                append(("name", name, start))
                continue
            if _name_start(ch):
                j = i + 1
                while j < n and _name_part(text[j]):
                    j += 1
                append(("name", text[i:j], i))
                i = j
                continue
            if ch in "01":
                append(("const", ch, i))
                i += 1
                continue
            if ch.isdigit():
                raise self._error(i, f"unexpected character {ch!r}: a name that starts with a digit is "
                                     "written in backticks, e.g. `2nd wave`")
            raise self._error(i, f"unexpected character {ch!r}: a name with it is written in backticks, "
                                 f"e.g. `A{ch}B`")
        append(("end", "", n))
        return tokens

    def _quoted(self, text: str, i: int) -> tuple[str, int]:
        j = i + 1
        parts = []
        while True:
            k = text.find("`", j)
            if k < 0:
                raise self._error(i, "a name in backticks is never closed")
            parts.append(text[j:k])
            if text.startswith("``", k):
                parts.append("`")
                j = k + 2
                continue
            name = "".join(parts)
            if not name.strip():
                raise self._error(i, "a name in backticks is empty")
            return name, k + 1

    # ---------------------------------------------------------- grammar
    def _literal(self, pos: int) -> tuple[_SOP, int]:
        """The operand at token ``pos``: a name or a constant; returns (sop, next position).

        The one place where a literal is read, so that a suffix (such as a
        multi-value ``X[1]``) needs only this method.
        """
        kind, value, _ = self.tokens[pos]
        if kind == "name":
            return [{value: 1}], pos + 1
        return ([{}] if value == "1" else []), pos + 1

    def parse(self) -> Expression:
        tokens = self.tokens
        if tokens[0][0] == "end":
            raise self._error(0, "the expression is empty")
        # one frame per open parenthesis: [terms of the sum so far, product so far, negations, position]
        frames: list[list] = [[[], None, 0, 0]]
        negs = 0
        pos = 0
        expect_operand = True
        while True:
            kind, value, where = tokens[pos]
            frame = frames[-1]
            if expect_operand:
                if kind == "~":
                    negs += 1
                    pos += 1
                elif kind in ("name", "const"):
                    sop, pos = self._literal(pos)
                    if negs % 2:
                        sop = _not(sop, self)
                    negs = 0
                    frame[1] = sop if frame[1] is None else _and(frame[1], sop, self)
                    expect_operand = False
                elif kind == "(":
                    frames.append([[], None, negs, where])
                    negs = 0
                    pos += 1
                else:
                    found = repr(value) if value else "the end"
                    raise self._error(where, f"expected a condition, '~' or '(' but found {found}")
            else:
                if kind == "*":
                    pos += 1
                    expect_operand = True
                elif kind == "+":
                    frame[0].extend(frame[1])
                    frame[1] = None
                    pos += 1
                    expect_operand = True
                elif kind == ")" and len(frames) > 1:
                    frames.pop()
                    sop = _absorb(frame[0] + frame[1])
                    if frame[2] % 2:
                        sop = _not(sop, self)
                    parent = frames[-1]
                    parent[1] = sop if parent[1] is None else _and(parent[1], sop, self)
                    pos += 1
                elif kind == "end":
                    if len(frames) > 1:
                        raise self._error(where, "expected ')' but found the end")
                    sop = _absorb(frame[0] + frame[1])
                    return Expression(tuple(Term._checked(tuple(t.items())) for t in sop))
                else:
                    raise self._error(where, f"unexpected {value!r}")


def _and(a: _SOP, b: _SOP, parser: "_Parser | None" = None) -> _SOP:
    if len(a) == 1 and len(b) == 1:  # the common case: a literal times a term
        merged = dict(a[0])
        for name, value in b[0].items():
            if merged.setdefault(name, value) != value:
                return []
        return [merged]
    size = len(a) * len(b)
    if size > EXPANSION_LIMIT:
        raise QCAError(
            f"multiplying out a product of {len(a):,} by {len(b):,} terms gives up to {size:,} terms, "
            f"over the limit of {EXPANSION_LIMIT:,}"
            + (f" (in {parser.text[:80]!r})" if parser is not None else "")
            + "; write the expression as a shorter sum of products"
        )
    out = []
    for ta in a:
        for tb in b:
            merged = dict(ta)
            ok = True
            for name, value in tb.items():
                if merged.get(name, value) != value:
                    ok = False
                    break
                merged[name] = value
            if ok:
                out.append(merged)
    return _absorb(out)


def _not(a: _SOP, parser: "_Parser | None" = None) -> _SOP:
    if len(a) == 1 and len(a[0]) == 1:  # a single literal
        ((name, value),) = a[0].items()
        return [{name: 1 - value}]
    result: _SOP = [{}]  # constant true
    for term in a:
        result = _and(result, [{name: 1 - value} for name, value in term.items()], parser)
    return result


def _absorb(sop: _SOP) -> _SOP:
    """Drop duplicate terms and terms that a shorter term absorbs (X + X*Y = X).

    Near-linear: each literal is a bit, each term a bit mask. Terms are
    visited shortest first; a term is tested against the kept shorter terms
    of each length either by looking up its subsets of that length (when it
    has fewer of them than there are kept terms) or by scanning the kept
    terms. The kept terms stay in input order.
    """
    if len(sop) < 2:
        return list(sop)
    bit: dict[tuple[str, int], int] = {}
    first: dict[int, int] = {}
    for i, t in enumerate(sop):
        m = 0
        for item in t.items():
            b = bit.get(item)
            if b is None:
                b = bit[item] = 1 << len(bit)
            m |= b
        if m not in first:
            first[m] = i
    if 0 in first:  # the constant true absorbs every term
        return [sop[first[0]]]
    by_len: dict[int, list[int]] = {}
    for m in first:
        by_len.setdefault(_popcount(m), []).append(m)
    kept: list[tuple[int, set[int]]] = []  # (length, kept masks of that length), shortest first
    kept_idx: list[int] = []
    for length in sorted(by_len):
        new: set[int] = set()
        for m in by_len[length]:
            if not kept or not _absorbed(m, length, kept):
                new.add(m)
                kept_idx.append(first[m])
        if new:
            kept.append((length, new))
    kept_idx.sort()
    return [sop[i] for i in kept_idx]


def _popcount(m: int) -> int:
    return bin(m).count("1")


def _absorbed(m: int, length: int, kept: list[tuple[int, set[int]]]) -> bool:
    bits = None
    for size, masks in kept:
        if comb(length, size) <= len(masks):
            if bits is None:
                bits = []
                rest = m
                while rest:
                    low = rest & -rest
                    bits.append(low)
                    rest ^= low
            for c in combinations(bits, size):
                if sum(c) in masks:
                    return True
        else:
            for s in masks:
                if s & m == s:
                    return True
    return False


def _complement(expr: Expression) -> Expression:
    sop = _not([dict(t.literals) for t in expr.terms])
    return Expression(tuple(Term(tuple(t.items())) for t in sop))


def _sorted_sympy(args: Iterable[sympy.Basic]) -> list[sympy.Basic]:
    return sorted(args, key=sympy.default_sort_key)


def _html_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
