"""Boolean expressions in QCA notation: parse, print, evaluate, convert to sympy.

An :class:`Expression` is a sum of products (a disjunction of conjunctions)
of crisp conditions, written the way R's QCA writes it::

    ~A*B + C        # (not A and B) or C

``*`` is AND, ``+`` is OR, ``~`` is NOT; parentheses may group
(``A*(B + ~C)``) and are multiplied out when parsed. Expressions are values:
two expressions with the same terms are equal (``==``) and hash alike,
whatever the order of their terms or literals. Logical equivalence, which
is a different question, is :meth:`Expression.equivalent`.

Evaluation on data uses three-valued (Kleene) logic, so a case with a
missing code still gets a membership wherever its known codes decide it:
``A*B`` is false for a case with ``A = 0`` whatever ``B`` is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator, Mapping, Sequence

import pandas as pd
import sympy

from .data import crisp_series
from .sets import fuzzy_and, fuzzy_or, read_set
from .errors import QCAError

__all__ = ["Term", "Expression", "parse"]

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")


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
        return "*".join(("" if v else "~") + n for n, v in self.literals)

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

    ``*`` is AND, ``+`` is OR, ``~`` is NOT, parentheses group. Condition
    names are identifiers (letters, digits, ``_`` and ``.``, not starting
    with a digit). ``1`` and ``0`` are the constants.

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
    return _Parser(text).parse()


# ---------------------------------------------------------------- internals

_SOP = list  # list of terms; a term is a dict name -> value (ordered)


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = self._tokenize(text)
        self.pos = 0

    def _error(self, where: int, what: str) -> QCAError:
        return QCAError(
            f"cannot parse {self.text!r} at position {where}: {what}\n  {self.text}\n  {' ' * where}^"
        )

    def _tokenize(self, text: str) -> list[tuple[str, str, int]]:
        tokens = []
        i = 0
        while i < len(text):
            ch = text[i]
            if ch.isspace():
                i += 1
                continue
            if ch in "*+~()&|!":
                kind = {"&": "*", "|": "+", "!": "~"}.get(ch, ch)
                tokens.append((kind, ch, i))
                i += 1
                continue
            m = _NAME.match(text, i)
            if m:
                tokens.append(("name", m.group(), i))
                i = m.end()
                continue
            if ch in "01":
                tokens.append(("const", ch, i))
                i += 1
                continue
            raise self._error(i, f"unexpected character {ch!r}")
        tokens.append(("end", "", len(text)))
        return tokens

    def _peek(self) -> tuple[str, str, int]:
        return self.tokens[self.pos]

    def _next(self) -> tuple[str, str, int]:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def parse(self) -> Expression:
        if self._peek()[0] == "end":
            raise self._error(0, "the expression is empty")
        sop = self._expr()
        kind, value, where = self._peek()
        if kind != "end":
            raise self._error(where, f"unexpected {value!r}")
        return Expression(tuple(Term(tuple(t.items())) for t in sop))

    def _expr(self) -> _SOP:
        sop = self._term()
        while self._peek()[0] == "+":
            self._next()
            sop = sop + self._term()
        return _absorb(sop)

    def _term(self) -> _SOP:
        sop = self._factor()
        while self._peek()[0] == "*":
            self._next()
            sop = _and(sop, self._factor())
        return sop

    def _factor(self) -> _SOP:
        kind, value, where = self._next()
        if kind == "~":
            return _not(self._factor())
        if kind == "name":
            return [{value: 1}]
        if kind == "const":
            return [{}] if value == "1" else []
        if kind == "(":
            sop = self._expr()
            k2, v2, w2 = self._next()
            if k2 != ")":
                raise self._error(w2, f"expected ')' but found {v2 or 'the end'!r}")
            return sop
        found = repr(value) if value else "the end"
        raise self._error(where, f"expected a condition, '~' or '(' but found {found}")


def _and(a: _SOP, b: _SOP) -> _SOP:
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


def _not(a: _SOP) -> _SOP:
    result: _SOP = [{}]  # constant true
    for term in a:
        result = _and(result, [{name: 1 - value} for name, value in term.items()])
    return result


def _absorb(sop: _SOP) -> _SOP:
    """Drop duplicate terms and terms that a shorter term absorbs (X + X*Y = X)."""
    keys = [frozenset(t.items()) for t in sop]
    keep = []
    for i, k in enumerate(keys):
        absorbed = any(
            (keys[j] < k) or (keys[j] == k and j < i) for j in range(len(keys)) if j != i
        )
        if not absorbed:
            keep.append(sop[i])
    return keep


def _complement(expr: Expression) -> Expression:
    sop = _not([dict(t.literals) for t in expr.terms])
    return Expression(tuple(Term(tuple(t.items())) for t in sop))


def _sorted_sympy(args: Iterable[sympy.Basic]) -> list[sympy.Basic]:
    return sorted(args, key=sympy.default_sort_key)


def _html_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
