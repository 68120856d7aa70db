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

Multi-value conditions (mvQCA) are written as R's QCA writes them: ``X[v]``
is condition ``X`` at level ``v`` (R's older ``X{v}`` is read too),
``X[1,2]`` is ``X`` at level 1 or 2, and ``~X[2]`` is ``X`` at any level
but 2. A bare ``A`` is ``A[1]`` and ``~A`` is ``A[0]``: the same literals,
equal and printed ``A`` / ``~A``. A condition is printed with its levels
(``DEV[1]``) wherever the expression shows it to be multi-value: a level
above 1, a set of levels or a negated level of it appears, or the
expression was given the number of levels (``parse(text, levels=...)``, and
every solution of a multi-value truth table). See :class:`Levels` for what
an expression that does not know a condition's levels makes of ``~X[2]``.

Evaluation on data uses three-valued (Kleene) logic, so a case with a
missing code still gets a membership wherever its known codes decide it:
``A*B`` is false for a case with ``A = 0`` whatever ``B`` is.
"""

from __future__ import annotations

import re
from itertools import combinations
from math import comb
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Iterable, Iterator, Mapping, Sequence, Union

import numpy as np
import pandas as pd
import sympy

from .data import crisp_series
from .sets import FUZZY, MULTIVALUE, SetColumn, fuzzy_and, fuzzy_or, levels_of, read_set
from .errors import QCAError

__all__ = ["Term", "Expression", "Levels", "parse", "quote_name", "is_plain_name", "literal_text",
           "EXPANSION_LIMIT"]


@dataclass(frozen=True)
class Levels:
    """A set of levels of one condition (``X[1,2]``), or every level but those (``~X[2]``).

    The value of a literal is an ``int`` for one level (``X[2]`` is
    ``("X", 2)``; a bare ``A`` is ``("A", 1)`` and ``~A`` is ``("A", 0)``)
    or a ``Levels`` for several. An expression need not know how many levels
    a condition has, so the complement of a level stays symbolic:
    ``~X[2]`` is ``Levels({2}, negated=True)`` and means "any level of ``X``
    but 2" wherever it is evaluated (on the data, the column's levels; with
    ``parse(text, levels={"X": 3})`` it becomes ``X[0,1]`` at once).

    Negation without the levels: ``~`` before a bracketed level always gives
    the complement (``~DEV[1]`` is "DEV at any level but 1", as R reads it
    for a multi-value DEV), while ``~`` before a bare name, or a negation of
    level 0 or 1 of a condition that the expression shows no other level of,
    reads the condition as binary (``~A`` is ``A[0]``). So ``~A[1]`` and
    ``~A`` are different values (the first does not assume that ``A`` is
    binary) with the same truth on binary data; :meth:`Expression.equivalent`
    and evaluation agree on them, ``==`` compares as written.

    Parameters
    ----------
    levels : frozenset of int
        At least one level, each a whole number ``>= 0``.
    negated : bool
        True for "every level but these".

    Examples
    --------
    >>> parse("X[1,2]").terms[0].literals
    (('X', Levels(levels=frozenset({1, 2}), negated=False)),)
    >>> str(parse("~X[2]")), str(parse("~X[2]", levels={"X": 3}))
    ('~X[2]', 'X[0,1]')
    """

    levels: frozenset
    negated: bool = False

    def __post_init__(self) -> None:
        levels = frozenset(self.levels)
        if not levels or any(isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 0
                             for v in levels):
            raise QCAError(f"levels {sorted(levels, key=str)!r}: give one or more whole numbers >= 0")
        object.__setattr__(self, "levels", frozenset(int(v) for v in levels))

    def __repr__(self) -> str:
        return f"Levels(levels=frozenset({set(sorted(self.levels))!r}), negated={self.negated})"

    def allowed(self, m: int) -> frozenset:
        """The levels in ``0..m-1`` that this literal admits."""
        return frozenset(range(m)) - self.levels if self.negated else self.levels & frozenset(range(m))


Value = Union[int, Levels]


class _Written(int):
    """A level written in brackets (``X[1]``), while parsing: ``~X[1]`` is then "any level but 1".

    Equal to the plain int and hashed alike, so it never changes equality; it
    is turned into a plain int before a term is built.
    """

    __slots__ = ()


def _value(levels: Iterable[int]) -> "Value | None":
    """The canonical value of a literal admitting exactly ``levels``; None when there is none."""
    levels = frozenset(levels)
    if not levels:
        return None
    if len(levels) == 1:  # a level got from a set of levels: a level "in brackets" (its negation is a complement)
        return _Written(next(iter(levels)))
    return Levels(levels)


def _meet(a: Value, b: Value) -> "Value | None":
    """The literal value admitting the levels both ``a`` and ``b`` admit; None when none."""
    if a == b:
        return b if type(b) is _Written else a
    if isinstance(a, Levels) and isinstance(b, Levels):
        if not a.negated and not b.negated:
            return _value(a.levels & b.levels)
        if a.negated and b.negated:
            return Levels(a.levels | b.levels, True)
        pos, neg = (a, b) if b.negated else (b, a)
        return _value(pos.levels - neg.levels)
    if isinstance(a, Levels):
        a, b = b, a
    if isinstance(b, Levels):  # a is one level
        return _Written(a) if (a in b.levels) != b.negated else None
    return None  # two different single levels


def _subset(a: Value, b: Value) -> bool:
    """Whether every level ``a`` admits is admitted by ``b`` (whatever the number of levels)."""
    if a == b:
        return True
    if not isinstance(a, Levels):
        return isinstance(b, Levels) and (a in b.levels) != b.negated
    if not isinstance(b, Levels):
        return False
    if a.negated:
        return b.negated and b.levels <= a.levels
    return not (a.levels & b.levels) if b.negated else a.levels <= b.levels


def _flip(name: str, value: Value, multi: "frozenset | set" = frozenset()) -> Value:
    """The negation of one literal (see :class:`Levels` for the reading without the levels)."""
    if isinstance(value, Levels):
        return _value(value.levels) if value.negated else Levels(value.levels, True)
    if type(value) is _Written or value > 1 or name in multi:
        return Levels(frozenset((int(value),)), True)
    return 1 - value


def _is_binary_value(value: Value) -> bool:
    return not isinstance(value, Levels) and value in (0, 1)


def literal_text(name: str, value: Value, multi: bool = False) -> str:
    """One literal in QCA notation.

    ``multi`` writes levels 0 and 1 as ``X[0]`` / ``X[1]`` (for a condition
    known to be multi-value) instead of ``~X`` / ``X``.

    Examples
    --------
    >>> literal_text("A", 0), literal_text("DEV", 1, multi=True), literal_text("DEV", 2)
    ('~A', 'DEV[1]', 'DEV[2]')
    >>> literal_text("GDP growth", Levels(frozenset({1, 2}), negated=True))
    '~`GDP growth`[1,2]'
    """
    q = quote_name(name)
    if isinstance(value, Levels):
        return ("~" if value.negated else "") + q + "[" + ",".join(map(str, sorted(value.levels))) + "]"
    if multi or value > 1:
        return f"{q}[{int(value)}]"
    return q if value else "~" + q


def _multi_names(terms: Iterable["Term"]) -> set:
    """Names that some literal shows to be multi-value (a level above 1, a set or a complement)."""
    return {n for t in terms for n, v in t.literals if not _is_binary_value(v)}


@dataclass(frozen=True, eq=False)
class Term:
    """A conjunction of literals, such as ``A*~B``.

    Parameters
    ----------
    literals : tuple of (str, int or Levels)
        ``(condition, value)`` pairs: value 1 is the condition present, 0
        its negation (for a multi-value condition: level 1, level 0); a
        value ``v`` is level ``v`` (``X[v]``); a :class:`Levels` is a set of
        levels or its complement. Order is kept for printing, ignored by
        ``==``. Two literals of one condition are merged into the levels
        both admit (``X[1]*X[1,2]`` is ``X[1]``); none is an error.

    Examples
    --------
    >>> t = Term((("A", 1), ("B", 0)))
    >>> str(t)
    'A*~B'
    >>> t == Term((("B", 0), ("A", 1)))
    True
    >>> str(Term((("DEV", 2), ("STB", 1))))
    'DEV[2]*STB'
    """

    literals: tuple[tuple[str, Value], ...]
    #: conditions printed with levels (``DEV[1]``) though this term alone does not show them
    #: multi-value; set by the expression the term is in; not part of ``==``
    _shown: frozenset = field(default=frozenset(), compare=False, repr=False)

    def __post_init__(self) -> None:
        seen: dict[str, Value] = {}
        for name, value in self.literals:
            if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer, Levels)) or (
                    not isinstance(value, Levels) and value < 0):
                raise QCAError(f"literal {name!r} has value {value!r}; a literal is 0 or 1 (crisp), a level "
                               "0, 1, 2, ... (multi-value) or a qca.Levels")
            if not isinstance(value, Levels):
                value = int(value)
            if name in seen and seen[name] != value:
                both = _meet(seen[name], value)
                if both is None:
                    if {seen[name], value} == {0, 1}:
                        raise QCAError(f"term has both {name} and ~{name}; it can never be true")
                    raise QCAError(f"term has both {literal_text(name, seen[name])} and {literal_text(name, value)}: "
                                   f"no level of {name} is in both, so it can never be true")
                seen[name] = both
            elif name not in seen:
                seen[name] = value
        # one literal per condition, in the position of its first
        uniq = tuple((n, int(v) if type(v) is _Written else v) for n, v in seen.items())
        object.__setattr__(self, "literals", uniq)
        object.__setattr__(self, "_key", frozenset(uniq))

    @classmethod
    def _checked(cls, literals: tuple[tuple[str, Value], ...], shown: frozenset = frozenset()) -> "Term":
        """A term from literals already known to be distinct and consistent (the parser's)."""
        term = object.__new__(cls)
        object.__setattr__(term, "literals", literals)
        object.__setattr__(term, "_key", frozenset(literals))
        if shown:
            object.__setattr__(term, "_shown", shown)
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

        Only for crisp terms (levels 0 and 1); a multi-value literal is a
        :class:`~qca.QCAError`.

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
            if not _is_binary_value(value):
                raise QCAError(f"{literal_text(name, value)} is a multi-value literal: a bit mask holds "
                               "crisp literals only")
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
        return self.text()

    def text(self, multi: "Iterable[str]" = ()) -> str:
        """The term in QCA notation; conditions in ``multi`` (and any shown to be multi-value) as ``X[v]``.

        Examples
        --------
        >>> t = Term((("DEV", 1), ("STB", 1)))
        >>> t.text(), t.text(multi={"DEV"})
        ('DEV*STB', 'DEV[1]*STB')
        """
        if not self.literals:
            return "1"
        multi = set(multi) | self._shown | _multi_names((self,))
        return "*".join(literal_text(n, v, n in multi) for n, v in self.literals)

    def __repr__(self) -> str:
        return f"Term({str(self)!r})"

    def implies(self, other: "Term") -> bool:
        """True when every case in this term is in ``other`` (a subset).

        With levels: ``DEV[1]*STB`` implies ``DEV[1,2]``; a complement
        (``~DEV[2]``) implies only complements of more levels, the number of
        levels being unknown.

        Examples
        --------
        >>> parse("DEV[1]*STB").terms[0].implies(parse("DEV[1,2]").terms[0])
        True
        """
        if other._key <= self._key:  # type: ignore[attr-defined]
            return True
        mine = dict(self.literals)
        return all(n in mine and _subset(mine[n], v) for n, v in other.literals)


@dataclass(frozen=True, eq=False)
class Expression:
    """A sum of products of conditions, in QCA notation.

    Build one with :func:`parse` (or ``Expression.parse``), from a sympy
    expression with :meth:`from_sympy`, or get one from the minimizer.

    Parameters
    ----------
    terms : tuple of Term
        The disjuncts. An empty tuple is the constant false (printed ``0``);
        a term with no literals is the constant true (``1``).
    levels : mapping of str to int, optional
        Number of levels of (some of) the conditions. Not part of ``==``:
        it says how to print (a condition with more than two levels as
        ``X[v]`` throughout) and how to negate (``~X[1]`` of a three-level
        ``X`` is ``X[0,2]``); literals are checked against it and written
        canonically (``~X[2]`` becomes ``X[0,1]``, ``X[0,1,2]`` is dropped).

    Examples
    --------
    >>> e = parse("~A*B + C")
    >>> str(e)
    '~A*B + C'
    >>> e == parse("C + B*~A")
    True
    >>> e.conditions
    ('A', 'B', 'C')
    >>> m = parse("DEV[2] + DEV[1]*STB[1]")
    >>> print(m)
    DEV[2] + DEV[1]*STB
    >>> m == parse("DEV{2} + DEV[1]*STB")
    True
    """

    terms: tuple[Term, ...]
    levels: "Mapping[str, int] | None" = field(default=None, compare=False)
    _shown: frozenset = field(default=frozenset(), compare=False, repr=False)

    def __post_init__(self) -> None:
        terms = tuple(dict.fromkeys(self.terms))
        if self.levels is not None:
            levels = {}
            for name, m in dict(self.levels).items():
                if isinstance(m, (bool, np.bool_)) or not isinstance(m, (int, np.integer)) or m < 2:
                    raise QCAError(f"levels: {name!r} has {m!r} levels; a condition has 2 or more")
                levels[str(name)] = int(m)
            object.__setattr__(self, "levels", MappingProxyType(levels))
            terms = _resolve_terms(terms, levels)
        object.__setattr__(self, "terms", terms)
        object.__setattr__(self, "_key", frozenset(terms))
        multi = set(self.multivalue)
        if multi:  # each term prints its literals as the expression does (DEV[1]*STB, not DEV*STB)
            shown = []
            for t in terms:
                mine = frozenset(n for n, _ in t.literals if n in multi)
                if mine - t._shown:
                    t = Term._checked(t.literals, t._shown | mine)
                shown.append(t)
            object.__setattr__(self, "terms", tuple(shown))

    def __reduce__(self) -> tuple:
        # the levels are kept in a read-only mapping, which pickle cannot copy: rebuild from a dict
        levels = dict(self.levels) if self.levels is not None else None
        return (type(self), (self.terms, levels, self._shown))

    # ------------------------------------------------------------ building
    @staticmethod
    def parse(text: str, levels: "Mapping[str, int] | None" = None) -> "Expression":
        """Parse QCA notation; see :func:`parse`."""
        return parse(text, levels=levels)

    @classmethod
    def from_terms(cls, terms: Iterable[Term], levels: "Mapping[str, int] | None" = None) -> "Expression":
        """An expression from an iterable of terms.

        Examples
        --------
        >>> str(Expression.from_terms([Term((("A", 1),)), Term((("B", 0),))]))
        'A + ~B'
        >>> str(Expression.from_terms([Term((("DEV", 1),))], levels={"DEV": 3}))
        'DEV[1]'
        """
        return cls(tuple(terms), levels)

    def with_levels(self, levels: Mapping[str, int]) -> "Expression":
        """The same expression knowing the number of levels of some conditions.

        Every literal is checked (a level ``v`` of a condition with ``m``
        levels needs ``v < m``) and written canonically: complements become
        the levels they admit, a literal admitting every level is dropped.

        Examples
        --------
        >>> str(parse("~DEV[1]*STB").with_levels({"DEV": 3, "STB": 2}))
        'DEV[0,2]*STB'
        >>> parse("DEV[3]").with_levels({"DEV": 3})
        Traceback (most recent call last):
        ...
        qca.errors.QCAError: DEV[3]: condition 'DEV' has levels 0..2, not 3
        """
        known = dict(self.levels or {})
        known.update(levels)
        return Expression(self.terms, known, self._shown)

    def with_data_levels(self, data: pd.DataFrame) -> "Expression":
        """The same expression knowing the levels its conditions have in ``data``.

        Crisp columns have 2 levels, multi-value ones their codes' count;
        fuzzy columns have none and are left as they are. Literals are
        checked and written canonically (see :meth:`with_levels`), so a
        level the data do not have is a :class:`~qca.QCAError` here.

        Examples
        --------
        >>> import pandas as pd
        >>> lm = pd.DataFrame({"DEV": [0, 1, 2], "STB": [1, 0, 1]})
        >>> str(parse("~DEV[2]*STB[1]").with_data_levels(lm))
        'DEV[0,1]*STB'
        """
        levels = {}
        for name in self.conditions:
            column = read_set(data, name, multivalue=True)
            if column.kind != FUZZY and not column.missing.all():
                levels[name] = levels_of(column)
        return self.with_levels(levels) if levels else self

    @classmethod
    def from_sympy(cls, expr: sympy.Basic) -> "Expression":
        """Convert a sympy Boolean expression (put in DNF by sympy, unsimplified).

        Symbols named ``X[v]`` (as :meth:`to_sympy` names the levels of a
        multi-value condition) are read back as level ``v`` of ``X``; any
        other symbol is a crisp condition of that name.

        Examples
        --------
        >>> import sympy
        >>> A, B, C = sympy.symbols("A B C")
        >>> Expression.from_sympy((A & ~B) | C) == parse("A*~B + C")
        True
        >>> e = parse("DEV[2] + ~DEV[0]*STB")
        >>> Expression.from_sympy(e.to_sympy()) == e
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
                    name, level = _symbol_level(str(lit.args[0]))
                    pairs.append((name, 0) if level is None else (name, Levels(frozenset((level,)), True)))
                elif isinstance(lit, sympy.Symbol):
                    name, level = _symbol_level(str(lit))
                    pairs.append((name, 1 if level is None else level))
                else:  # pragma: no cover - to_dnf gives only these forms
                    raise QCAError(f"cannot read {lit} as a literal")
            try:
                terms.append(Term(tuple(pairs)))
            except QCAError:
                continue  # A & ~A: never true, contributes nothing
        return cls(tuple(_absorb_terms(terms)))

    # ------------------------------------------------------------ views
    @property
    def conditions(self) -> tuple[str, ...]:
        """Condition names in order of first appearance."""
        return tuple(dict.fromkeys(n for t in self.terms for n in t.conditions))

    @property
    def multivalue(self) -> tuple[str, ...]:
        """The conditions printed with levels (``X[v]``): known (``levels``) or shown to be multi-value.

        Examples
        --------
        >>> parse("DEV[2] + DEV[1]*STB").multivalue
        ('DEV',)
        """
        multi = _multi_names(self.terms) | {n for n, m in (self.levels or {}).items() if m > 2} | self._shown
        multi.update(n for t in self.terms for n in t._shown)
        return tuple(c for c in self.conditions if c in multi)

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
        multi = set(self.multivalue)
        return " + ".join(t.text(multi) for t in self.terms)

    def __repr__(self) -> str:
        return f"Expression({str(self)!r})"

    def _repr_html_(self) -> str:
        return f"<code>{_html_escape(str(self))}</code>"

    def term_strings(self) -> tuple[str, ...]:
        """Each term as printed in this expression (``DEV[1]*STB`` where ``DEV`` is multi-value).

        Examples
        --------
        >>> parse("DEV[2] + DEV[1]*STB").term_strings()
        ('DEV[2]', 'DEV[1]*STB')
        """
        multi = set(self.multivalue)
        return tuple(t.text(multi) for t in self.terms)

    # ------------------------------------------------------------ logic
    def to_sympy(self, multi: "Iterable[str] | None" = None) -> sympy.Basic:
        """The same expression as a sympy Boolean expression.

        A crisp condition is one symbol (``A``, negated ``~A``). A
        multi-value condition (see :attr:`multivalue`, or the names given in
        ``multi``) has one symbol per level, named as the literal prints:
        ``DEV[0]``, ``DEV[1]``, ``DEV[2]`` (a name that needs them keeps its
        backticks). ``DEV[1,2]`` is ``DEV[1] | DEV[2]`` and ``~DEV[2]`` is
        ``~DEV[2]``; :meth:`from_sympy` reads these symbols back as levels.
        The symbols of one condition exclude each other only in
        :meth:`equivalent`, which adds that constraint.

        Examples
        --------
        >>> parse("A*~B + C").to_sympy()
        C | (A & ~B)
        >>> parse("DEV[2] + DEV[1]*STB").to_sympy()
        DEV[2] | (DEV[1] & STB)
        """
        multi = set(self.multivalue) | set(multi or ())
        syms: dict[str, sympy.Symbol] = {}

        def sym(label: str) -> sympy.Symbol:
            if label not in syms:
                syms[label] = sympy.Symbol(label)
            return syms[label]

        def lit(name: str, value: Value) -> sympy.Basic:
            if name not in multi and _is_binary_value(value):
                return sym(name) if value else sympy.Not(sym(name))
            q = quote_name(name)
            if not isinstance(value, Levels):
                return sym(f"{q}[{int(value)}]")
            any_of = sympy.Or(*(sym(f"{q}[{v}]") for v in sorted(value.levels)))
            return sympy.Not(any_of) if value.negated else any_of

        disj = []
        for t in self.terms:
            disj.append(sympy.And(*(lit(n, v) for n, v in t.literals)))
        return sympy.Or(*disj)

    def equivalent(self, other: "Expression | str") -> bool:
        """Logical equivalence (same truth value on every configuration), via sympy.

        A multi-value condition takes one level at a time: every level
        named in either expression, any other level (or, where
        :attr:`levels` gives them, exactly its levels).

        Examples
        --------
        >>> parse("A*B + A*~B").equivalent("A")
        True
        >>> parse("A*B + A*~B") == parse("A")
        False
        >>> parse("DEV[1,2]").equivalent("DEV[1] + DEV[2]")
        True
        >>> parse("~DEV[0]", levels={"DEV": 3}).equivalent("DEV[1] + DEV[2]")
        True
        """
        if isinstance(other, str):
            other = parse(other)
        multi = set(self.multivalue) | set(other.multivalue)
        known = {**dict(other.levels or {}), **dict(self.levels or {})}
        a, b = self.to_sympy(multi), other.to_sympy(multi)
        constraints = []
        for name in multi:
            q = quote_name(name)
            mentioned = {int(s.name[len(q) + 1:-1]) for s in (a.free_symbols | b.free_symbols)
                         if s.name.startswith(q + "[") and s.name[len(q) + 1:-1].isdigit()}
            if name in known:
                levels = [sympy.Symbol(f"{q}[{v}]") for v in range(known[name])]
                exactly = True
            else:
                levels = [sympy.Symbol(f"{q}[{v}]") for v in sorted(mentioned)]
                exactly = False  # some other level is possible
            for x, y in combinations(levels, 2):
                constraints.append(sympy.Or(sympy.Not(x), sympy.Not(y)))
            if exactly:
                constraints.append(sympy.Or(*levels))
            for v in mentioned:
                if name in known and v >= known[name]:
                    constraints.append(sympy.Not(sympy.Symbol(f"{q}[{v}]")))
        diff = sympy.And(sympy.Xor(a, b), *constraints)
        return sympy.satisfiable(diff) is False

    def negate(self) -> "Expression":
        """The complement, multiplied out by De Morgan into a sum of products.

        Terms absorbed by a shorter term are dropped; the result is
        equivalent to ``~(self)`` but not minimized further. The negation
        of a level is every other level: with :attr:`levels` known,
        ``~DEV[2]`` of a three-level ``DEV`` is ``DEV[0,1]``; without, it
        stays ``~DEV[2]`` (resolved on the data). A condition the expression
        shows nothing multi-value about is read as binary (``~A`` of ``A``).

        Examples
        --------
        >>> str(parse("HARM*~THREAT").negate())
        '~HARM + THREAT'
        >>> str(parse("DEV[2] + DEV[1]*STB").negate())
        '~DEV[1,2] + ~DEV[2]*~STB'
        >>> str(parse("DEV[2] + DEV[1]*STB", levels={"DEV": 3}).negate())
        'DEV[0] + DEV[0,1]*~STB'
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

        Codes must be 0/1 (crisp), level codes 0, 1, ..., m-1 (multi-value)
        or missing. ``X[v]`` is true where ``X`` is at level ``v``; on a
        multi-value column a bare ``X`` is ``X[1]`` and ``~X`` is ``X[0]``.
        Missing codes are handled by Kleene's three-valued logic: the
        result is ``<NA>`` only where the known codes do not decide the
        membership.

        Parameters
        ----------
        data : pandas.DataFrame
            One row per case; must hold a column for every condition.

        Returns
        -------
        pandas.Series
            Nullable boolean (``"boolean"`` dtype), indexed like ``data``.

        Raises
        ------
        QCAError
            For a column that is not crisp or multi-value, or a level the
            column does not have (``X[2]`` on a binary ``X``).

        Examples
        --------
        >>> import pandas as pd
        >>> df = pd.DataFrame({"A": [1, 0, None], "B": [0, None, 0]},
        ...                   index=["x", "y", "z"])
        >>> parse("A*~B").evaluate(df).tolist()
        [True, False, <NA>]
        >>> parse("~A + ~B").evaluate(df).tolist()
        [True, True, True]
        >>> lm = pd.DataFrame({"DEV": [0, 1, 2, None], "STB": [1, 1, 0, 1]})
        >>> parse("DEV[2] + DEV[1]*STB").evaluate(lm).tolist()
        [False, True, True, <NA>]
        """
        cols = {name: _crisp_or_levels(data, name) for name in self.conditions}
        member = self._members(cols, len(data))
        out = pd.array(member == 1.0, dtype="boolean")
        out[np.isnan(member)] = pd.NA
        return pd.Series(out, index=data.index)

    def membership(self, data: pd.DataFrame) -> pd.Series:
        """Membership score of each case in the expression, for crisp, fuzzy or multi-value data.

        NOT is ``1 - x``, AND the minimum, OR the maximum (fuzzy logic; on
        0/1 codes this is Boolean logic). A level ``X[v]`` of a multi-value
        column is 1 where ``X`` is at level ``v`` and 0 elsewhere. Missing
        values follow Kleene's three-valued logic: the result is ``NaN``
        only where the known values do not decide it (an AND with a known 0
        is 0, an OR with a known 1 is 1).

        Parameters
        ----------
        data : pandas.DataFrame
            One row per case; a column for every condition, crisp (0/1),
            fuzzy (memberships in [0, 1]) or multi-value (levels 0..m-1);
            see :mod:`qca.sets`.

        Returns
        -------
        pandas.Series
            Floats in [0, 1] (``NaN`` where undecided), indexed like ``data``.

        Raises
        ------
        QCAError
            For a level the column does not have (``X[3]`` on a column with
            levels 0..2, ``X[2]`` on a binary or fuzzy column).

        Examples
        --------
        >>> import pandas as pd
        >>> df = pd.DataFrame({"A": [0.8, 0.0, None], "B": [0.4, None, 1.0]}, index=["x", "y", "z"])
        >>> parse("A*~B").membership(df).tolist()
        [0.6, 0.0, 0.0]
        >>> parse("A + B").membership(df).tolist()
        [0.8, nan, 1.0]
        >>> lm = pd.DataFrame({"DEV": [0, 1, 2], "STB": [1, 1, 0]})
        >>> parse("~DEV[2]*STB").membership(lm).tolist()
        [1.0, 1.0, 0.0]
        """
        cols = {name: read_set(data, name, multivalue=True) for name in self.conditions}
        return pd.Series(self._members(cols, len(data)), index=data.index, dtype=float)

    def _members(self, cols: "dict[str, SetColumn]", n: int) -> np.ndarray:
        cache: dict[tuple[str, Value], np.ndarray] = {}

        def lit(name: str, value: Value) -> np.ndarray:
            key = (name, value)
            if key not in cache:
                cache[key] = literal_membership(cols[name], value, literal_text(name, value, name in multi))
            return cache[key]

        multi = set(self.multivalue)
        terms = [fuzzy_and([lit(name, value) for name, value in term.literals], n) for term in self.terms]
        return np.asarray(fuzzy_or(terms, n), dtype=float)

    def term_expressions(self) -> tuple["Expression", ...]:
        """Each term as an expression of its own (knowing the same levels).

        Examples
        --------
        >>> [str(t) for t in parse("DEV[2] + DEV[1]*STB").term_expressions()]
        ['DEV[2]', 'DEV[1]*STB']
        """
        shown = frozenset(self.multivalue)
        return tuple(Expression((t,), self.levels, shown) for t in self.terms)


def literal_membership(column: SetColumn, value: Value, label: str = "") -> np.ndarray:
    """Memberships (floats, NaN where missing) of the cases in one literal of ``column``.

    Crisp and fuzzy columns: value 1 is the membership, 0 its complement.
    Multi-value columns: 1 where the case is at an admitted level, else 0.
    A level the column does not have is a :class:`~qca.QCAError` naming
    the column and the level.

    Examples
    --------
    >>> import pandas as pd
    >>> col = read_set(pd.DataFrame({"DEV": [0, 2, 1, None]}), "DEV", multivalue=True)
    >>> literal_membership(col, 2).tolist()
    [0.0, 1.0, 0.0, nan]
    >>> literal_membership(col, Levels(frozenset({2}), negated=True)).tolist()
    [1.0, 0.0, 1.0, nan]
    """
    x = column.values
    label = label or literal_text(column.name, value)
    if column.kind == FUZZY:
        if isinstance(value, Levels):
            allowed = value.allowed(2) if value.levels <= {0, 1} else None
        else:
            allowed = frozenset((int(value),)) if value in (0, 1) else None
        if allowed is None:
            raise QCAError(f"{label}: column {column.name!r} is a fuzzy set, which has no levels "
                           "beyond membership (A) and non-membership (~A)")
        if allowed == {0, 1}:
            return np.where(np.isnan(x), np.nan, 1.0)
        if not allowed:
            return np.where(np.isnan(x), np.nan, 0.0)
        return x.copy() if 1 in allowed else 1.0 - x
    m = levels_of(column)
    named = value.levels if isinstance(value, Levels) else {int(value)}
    beyond = sorted(v for v in named if v >= m)
    if beyond:
        if column.kind == MULTIVALUE:
            raise QCAError(f"{label}: condition {column.name!r} has levels 0..{m - 1}, not {beyond[0]}")
        raise QCAError(f"{label}: column {column.name!r} is binary (0/1) and has no level {beyond[0]}; "
                       f"write {quote_name(column.name)} or ~{quote_name(column.name)}")
    if column.kind != MULTIVALUE and not isinstance(value, Levels):
        return x.copy() if value else 1.0 - x
    allowed = value.allowed(m) if isinstance(value, Levels) else frozenset((int(value),))
    return np.where(np.isnan(x), np.nan, np.isin(x, list(allowed)).astype(float))


def _crisp_or_levels(data: pd.DataFrame, name: str) -> SetColumn:
    """A column read for :meth:`Expression.evaluate`: crisp codes, or the levels of a multi-value column."""
    try:
        series = crisp_series(data, name)
    except QCAError:
        if name in data.columns:
            try:
                column = read_set(data, name, multivalue=True)
            except QCAError:
                column = None
            if column is not None and column.kind == MULTIVALUE:
                return column
        raise
    values = series.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    return SetColumn(str(name), "crisp", values)


def _resolve_terms(terms: Sequence[Term], levels: Mapping[str, int]) -> tuple[Term, ...]:
    """Terms checked against the numbers of levels, literals written canonically."""
    out: list[dict] = []
    for t in terms:
        lits: dict[str, Value] = {}
        empty = False
        for name, value in t.literals:
            m = levels.get(name)
            if m is None:
                lits[name] = value
                continue
            named = value.levels if isinstance(value, Levels) else {int(value)}
            beyond = sorted(v for v in named if v >= m)
            if beyond:
                if m == 2:
                    raise QCAError(f"{literal_text(name, value)}: {name!r} is binary (0/1) and has no level "
                                   f"{beyond[0]}; write {quote_name(name)} or ~{quote_name(name)}")
                raise QCAError(f"{literal_text(name, value, m > 2)}: condition {name!r} has levels "
                               f"0..{m - 1}, not {beyond[0]}")
            if isinstance(value, Levels):
                allowed = value.allowed(m)
                if len(allowed) == m:
                    continue  # every level: no constraint
                v = _value(allowed)
                if v is None:
                    empty = True
                    break
                lits[name] = v
            else:
                lits[name] = value
        if not empty:
            out.append(lits)
    return tuple(_plain_term(d) for d in _absorb_sop(out))


def _symbol_level(label: str) -> tuple[str, "int | None"]:
    """Read a sympy symbol's name: ``DEV[2]`` is level 2 of ``DEV``; anything else a crisp name."""
    mo = re.fullmatch(r"(.+)\[(\d+)\]", label)
    if mo is None:
        return label, None
    base = mo.group(1)
    if base.startswith("`") and base.endswith("`") and len(base) > 2:
        return base[1:-1].replace("``", "`"), int(mo.group(2))
    if is_plain_name(base):
        return base, int(mo.group(2))
    return label, None


def parse(text: "str | Expression", levels: "Mapping[str, int] | None" = None) -> Expression:
    """Parse an expression written in QCA notation.

    ``*`` is AND, ``+`` is OR, ``~`` is NOT, parentheses group; ``&``,
    ``|`` and ``!`` are read as ``*``, ``+`` and ``~``. ``1`` and ``0`` are
    the constants.

    Multi-value literals (mvQCA, R's notation): ``X[2]`` is condition ``X``
    at level 2, ``X{2}`` the same (R's older notation), ``X[1,2]`` ``X`` at
    level 1 or 2, ``~X[2]`` ``X`` at any level but 2; a quoted name takes
    them too (```GDP pc`[2]``). ``A[1]`` is ``A`` and ``A[0]`` is ``~A``.
    Two different levels of one condition in a product make it empty
    (``X[1]*X[2]`` is never true); ``X[1]*X[1,2]`` is ``X[1]``. How ``~``
    reads a level when the number of levels is not known is said in
    :class:`Levels`; give ``levels`` (condition -> number of levels) to
    check the levels and write complements as the levels they admit.

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
        For example ``"A*~B + C"``, ``"HARM*(~THREAT + ISSUE)"`` or
        ``"DEV[2] + DEV[1]*STB"``.
    levels : mapping of str to int, optional
        Number of levels of some conditions (see :meth:`Expression.with_levels`).

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
    qca.errors.QCAError: cannot parse 'A*+B' at character 3: expected a condition, '~' or '(' but found '+'
    >>> str(parse("DEV{2} + DEV[1]*STB[1]")), str(parse("~`GDP pc`[2]*A[0]"))
    ('DEV[2] + DEV[1]*STB', '~`GDP pc`[2]*~A')
    >>> str(parse("~DEV[1]", levels={"DEV": 3}))
    'DEV[0,2]'
    >>> parse("X[a]")
    Traceback (most recent call last):
    ...
    qca.errors.QCAError: cannot parse 'X[a]' at character 3: 'a' is not a level: levels are whole numbers 0, 1, 2, ..., e.g. X[2] or X[1,2]
    """
    if isinstance(text, Expression):
        return text if levels is None else text.with_levels(levels)
    if not isinstance(text, str):
        raise QCAError(f"an expression must be a string in QCA notation, not {type(text).__name__}")
    expr = _parse_flat(text)
    if expr is None:
        expr = _Parser(text).parse()
    return expr if levels is None else expr.with_levels(levels)


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


_AFTER_NAME = "[{ \t\r\n\f\v"  # a level in brackets may follow a name (after spaces)
_FLAT_LITERAL = re.compile(r"\s*([~!]?)\s*([A-Za-z_][A-Za-z0-9_.]*)\s*(?:[\[{]\s*([0-9]+)\s*[\]}]\s*)?")
#: one literal of the crisp fast path: a plain ASCII name, negated or not
_FLAT_PLAIN = re.compile(r"~?[A-Za-z_][A-Za-z0-9_.]*")
#: two names (or a name and a negation) with only spaces between them: not a plain sum of products
_FLAT_GAP = re.compile(r"[A-Za-z0-9_.]\s+[A-Za-z0-9_.~!]")


def _parse_flat(text: str) -> "Expression | None":
    """A fast path for a plain sum of products of ASCII names (no parentheses, constants, quotes).

    Returns None for anything else, which the full parser then reads (and
    reports errors in, with their position). The text is split with
    ``str.split``; only its distinct literals are checked (a regular
    expression each); each term becomes a bit mask (name ``i`` is bit
    ``2i``, its negation bit ``2i + 1``), so the cost per term is a few C
    calls, and only the terms that survive absorption are built as
    :class:`Term` objects.
    """
    if "(" in text or "`" in text or not text.isascii():
        return None
    if "[" in text or "{" in text:
        return _parse_flat_levels(text)
    flat = "".join(text.split())
    if len(flat) != len(text) and _FLAT_GAP.search(text):
        return None  # 'A B': the full parser names the place
    if "&" in flat or "|" in flat or "!" in flat:
        flat = flat.replace("&", "*").replace("|", "+").replace("!", "~")
    chunks = flat.split("+")  # strings only: no container per term until a term is kept
    literals = set(flat.replace("*", "+").split("+"))
    if not all(map(_FLAT_PLAIN.fullmatch, literals)):
        return None  # an empty operand, a constant, '~~A', ...: the full parser reads it
    bit: dict[str, int] = {}
    for lit in sorted(literals):
        if lit not in bit:
            name = lit.lstrip("~")
            pos = 2 * (len(bit) // 2)
            bit[name] = 1 << pos
            bit["~" + name] = 2 << pos
    pos_bits = sum(b for lit, b in bit.items() if lit[0] != "~")
    get = bit.__getitem__
    masks = [sum(map(get, chunk.split("*"))) for chunk in chunks]
    for i, m in enumerate(masks):
        if m.bit_count() != chunks[i].count("*") + 1:  # a literal repeated in its term counts once
            masks[i] = sum(map(get, dict.fromkeys(chunks[i].split("*"))))
    keep = [i for i, m in enumerate(masks) if not m & (m >> 1) & pos_bits]  # X*~X is never true
    if len(keep) < len(masks):
        chunks = [chunks[i] for i in keep]
        masks = [masks[i] for i in keep]
    return Expression(tuple(
        Term._checked(tuple((lit[1:], 0) if lit[0] == "~" else (lit, 1) for lit in dict.fromkeys(chunks[i].split("*"))))
        for i in _absorb_masks(masks)
    ))


def _parse_flat_levels(text: str) -> "Expression | None":
    """:func:`_parse_flat` for a text with single levels in brackets (``X[2]``, ``~X{1}``)."""
    terms: _SOP = []
    match = _FLAT_LITERAL.fullmatch
    for chunk in text.replace("|", "+").split("+"):
        term: dict[str, Value] = {}
        ok = True
        for lit in chunk.replace("&", "*").split("*"):
            mo = match(lit)
            if mo is None:
                return None
            neg, name, level = mo.groups()
            if level is None:
                value: Value = 0 if neg else 1
            else:
                if ("[" in lit) != ("]" in lit):
                    return None  # mixed brackets: the full parser says what is wrong
                value = Levels(frozenset((int(level),)), True) if neg else int(level)
            old = term.setdefault(name, value)
            if old != value:
                both = _meet(old, value)
                if both is None:
                    ok = False
                else:
                    term[name] = both
        if ok:
            terms.append(term)
    return Expression(tuple(_plain_term(t) for t in _absorb_sop(terms)))


def _plain_term(literals: "dict[str, Value]") -> Term:
    """A term from the parser's dict of consistent literals (levels written in brackets made plain ints)."""
    return Term._checked(tuple((n, int(v) if type(v) is _Written else v) for n, v in literals.items()))


def _name_start(ch: str) -> bool:
    return ch == "_" or ch.isidentifier()


def _name_part(ch: str) -> bool:
    return ch == "." or ("a" + ch).isidentifier()


class _Parser:
    """An iterative (stack-based) parser: nesting depth costs memory, never recursion."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.level_sets: dict[int, tuple[int, ...]] = {}  # token index -> levels in its brackets
        self.tokens = self._tokenize(text)

    def _error(self, where: int, what: str, caret: bool = True) -> QCAError:
        shown = self.text if len(self.text) <= 200 else self.text[:200] + "..."
        # one line: the place is a character count from 1 (as an editor's column), never a caret line
        # (``caret`` is kept for callers that asked for none)
        return QCAError(f"cannot parse {shown!r} at character {where + 1}: {what}")

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
                    i = self._levels(text, j, tokens) if j < n and text[j] in _AFTER_NAME else j
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
                i = self._levels(text, i, tokens)
                continue
            if _name_start(ch):
                j = i + 1
                while j < n and _name_part(text[j]):
                    j += 1
                append(("name", text[i:j], i))
                i = self._levels(text, j, tokens)
                continue
            if ch in "[{":
                raise self._error(i, f"{ch!r} with no condition before it: a level follows a condition's name, "
                                     "e.g. X[2]", caret=False)
            if ch in "]}":
                raise self._error(i, f"{ch!r} closes no bracket: a level is written X[2]", caret=False)
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

    def _levels(self, text: str, i: int, tokens: list) -> int:
        """Read ``[v]``, ``[v,w,...]`` or ``{v}`` after a name at ``i`` (spaces allowed before it).

        Appends a ``level`` token (its levels in :attr:`level_sets`) and
        returns the position after the closing bracket; returns ``i``
        unchanged when no bracket follows.
        """
        n = len(text)
        j = i
        while j < n and text[j].isspace():
            j += 1
        if j >= n or text[j] not in "[{":
            return i
        open_, close = text[j], "]" if text[j] == "[" else "}"
        end = text.find(close, j + 1)
        other = text.find("]" if close == "}" else "}", j + 1)
        if end < 0 or (0 <= other < end):
            raise self._error(j, f"{open_!r} is never closed: a level is written X{open_}2{close}",
                              caret=False)
        inner = text[j + 1:end]
        if not inner.strip():
            raise self._error(j, f"empty brackets: name a level, e.g. X{open_}2{close}, or leave them out",
                              caret=False)
        levels = []
        k = j + 1
        for item in inner.split(","):
            where = k + len(item) - len(item.lstrip())
            word = item.strip()
            k += len(item) + 1
            if not word:
                raise self._error(where, "a level is missing between commas: write X[1,2]", caret=False)
            if word.isdigit() and word.isascii():
                levels.append(int(word))
                continue
            if word.startswith("-") and word[1:].strip().isdigit():
                raise self._error(where, f"level {word!r} is negative: levels are 0, 1, 2, ...", caret=False)
            raise self._error(where, f"{word!r} is not a level: levels are whole numbers 0, 1, 2, ..., "
                                     "e.g. X[2] or X[1,2]", caret=False)
        self.level_sets[len(tokens)] = tuple(sorted(set(levels)))
        tokens.append(("level", text[j:end + 1], j))
        return end + 1

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
            levels = self.level_sets.get(pos + 1)
            if levels is None:
                return [{value: 1}], pos + 1
            level: Value = _Written(levels[0]) if len(levels) == 1 else Levels(frozenset(levels))
            return [{value: level}], pos + 2
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
                    if not self.level_sets:
                        sop = _absorb(frame[0] + frame[1])
                        return Expression(tuple(Term._checked(tuple(t.items())) for t in sop))
                    return Expression(tuple(_plain_term(t) for t in _absorb_sop(frame[0] + frame[1])))
                else:
                    raise self._error(where, f"unexpected {value!r}")


def _and(a: _SOP, b: _SOP, parser: "_Parser | None" = None) -> _SOP:
    if len(a) == 1 and len(b) == 1:  # the common case: a literal times a term
        merged = dict(a[0])
        for name, value in b[0].items():
            old = merged.setdefault(name, value)
            if old != value:
                both = _meet(old, value)
                if both is None:
                    return []
                merged[name] = both
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
                old = merged.get(name, value)
                if old != value:
                    value = _meet(old, value)
                    if value is None:
                        ok = False
                        break
                merged[name] = value
            if ok:
                out.append(merged)
    return _absorb_sop(out)


def _not(a: _SOP, parser: "_Parser | None" = None, multi: "frozenset | set" = frozenset()) -> _SOP:
    """The complement of a sum of products (De Morgan); see :func:`_flip` for one literal."""
    if len(a) == 1 and len(a[0]) == 1:  # a single literal
        ((name, value),) = a[0].items()
        return [{name: _flip(name, value, multi)}]
    result: _SOP = [{}]  # constant true
    for term in a:
        result = _and(result, [{name: _flip(name, value, multi)} for name, value in term.items()], parser)
    return result


def _absorb(sop: _SOP) -> _SOP:
    """Drop duplicate terms and terms that a shorter term absorbs (X + X*Y = X); see :func:`_absorb_masks`."""
    if len(sop) < 2:
        return list(sop)
    bit: dict[tuple[str, int], int] = {}
    masks = []
    for t in sop:
        m = 0
        for item in t.items():
            b = bit.get(item)
            if b is None:
                b = bit[item] = 1 << len(bit)
            m |= b
        masks.append(m)
    return [sop[i] for i in _absorb_masks(masks)]


def _absorb_masks(masks: list[int]) -> list[int]:
    """The places of the terms kept by absorption, in input order.

    Each term is a bit mask of its literals.

    Near-linear: duplicates keep their first place; terms are visited
    shortest first; a term is tested against the kept shorter terms of each
    length either by looking up its subsets of that length (when it has
    fewer of them than there are kept terms) or by scanning the kept terms.
    """
    first: dict[int, int] = {}
    for i, m in enumerate(masks):
        first.setdefault(m, i)
    if len(first) < 2:
        return sorted(first.values())
    if 0 in first:  # the constant true absorbs every term
        return [first[0]]
    by_len: dict[int, list[int]] = {}
    for m in first:
        by_len.setdefault(m.bit_count(), []).append(m)
    kept: list[tuple[int, set[int]]] = []  # (length, kept masks of that length), shortest first
    kept_idx: list[int] = []
    for length in sorted(by_len):
        group = by_len[length]
        new = set(group) if not kept else {m for m in group if not _absorbed(m, length, kept)}
        if new:
            kept.append((length, new))
            kept_idx.extend(first[m] for m in new)
    kept_idx.sort()
    return kept_idx


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
            if any(map(masks.__contains__, map(sum, combinations(bits, size)))):
                return True
        else:
            for s in masks:
                if s & m == s:
                    return True
    return False


def _absorb_sop(sop: _SOP) -> _SOP:
    """:func:`_absorb`, then (where some literal is a set of levels) absorption by level sets.

    ``X[1,2] + X[1]*Y`` is ``X[1,2]``: a term is dropped when another term
    admits every case it does (:meth:`Term.implies`). The pass over pairs
    is quadratic, so it is made only for sums of up to 2,000 terms (beyond,
    terms that a set of levels absorbs are kept: the sum is still right).
    """
    sop = _absorb(sop)
    if len(sop) < 2 or len(sop) > 2000 or not any(isinstance(v, Levels) for t in sop for v in t.values()):
        return sop
    keep = []
    for i, t in enumerate(sop):
        absorbed = False
        for j, u in enumerate(sop):
            if i != j and len(u) <= len(t) and all(n in t and _subset(t[n], v) for n, v in u.items()):
                # equal terms cannot occur after _absorb; a strictly wider term absorbs
                absorbed = not all(n in u and _subset(u[n], v) for n, v in t.items()) or j < i
                if absorbed:
                    break
        if not absorbed:
            keep.append(t)
    return keep


def _absorb_terms(terms: Sequence[Term]) -> list[Term]:
    return [_plain_term(d) for d in _absorb_sop([dict(t.literals) for t in terms])]


def _complement(expr: Expression) -> Expression:
    multi = frozenset(expr.multivalue)
    sop = _not([dict(t.literals) for t in expr.terms], None, multi)
    return Expression(tuple(Term(tuple(t.items())) for t in sop), expr.levels, expr._shown | multi)


def _sorted_sympy(args: Iterable[sympy.Basic]) -> list[sympy.Basic]:
    return sorted(args, key=sympy.default_sort_key)


def _html_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
