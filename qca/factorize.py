"""A shorter, factored way to write a sum of products, for papers (``A*B + A*C`` -> ``A*(B + C)``).

The factored text is for reading only: it is logically equivalent to the
expression (multiplying it out gives the same terms back) but nothing in
the library computes with it. Parse it with :func:`qca.parse` to get the
sum of products again.

The factorization pulls out the literals common to every term, then tries
each literal shared by two or more terms as a factor of those terms,
recursively, and keeps the form with the fewest literals. Ties keep the
form that factors the literal found first (in the order the conditions
appear in the expression). An expression that no factoring shortens is
returned as it is.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .expression import Expression

__all__ = ["factorize"]

#: above this many terms only the most frequent literal is tried at each step
EXHAUSTIVE_TERMS = 12

_Lit = tuple[str, int]
_TermKey = frozenset


def factorize(expression: "Expression | str") -> str:
    """The expression in a shorter, factored form (text for reading, not computing).

    Parameters
    ----------
    expression : Expression or str
        A sum of products in QCA notation.

    Returns
    -------
    str
        Equivalent text with common literals factored out, e.g.
        ``"A*(B + C)"``; the expression's own text when nothing factors.

    Examples
    --------
    >>> factorize("A*B + A*C")
    'A*(B + C)'
    >>> factorize("DEV*~URB*LIT*STB + DEV*LIT*IND*STB")
    'DEV*LIT*STB*(~URB + IND)'
    >>> factorize("A*B + A*C + D*B")
    'A*(B + C) + B*D'
    >>> factorize("DEV[1]*STB + DEV[1]*IND + DEV[2]")
    'DEV[1]*(STB + IND) + DEV[2]'
    >>> factorize("A + B")
    'A + B'
    """
    from .expression import Expression, literal_text, parse

    expr = parse(expression) if isinstance(expression, str) else expression
    if not isinstance(expr, Expression):
        raise TypeError(f"factorize() takes an Expression or a string, not {type(expression).__name__}")
    if len(expr.terms) <= 1:
        return str(expr)
    order = {name: i for i, name in enumerate(expr.conditions)}
    terms = tuple(frozenset(t.literals) for t in expr.terms)
    if any(not t for t in terms):
        return str(expr)  # a constant-true term: nothing to factor

    multi = set(expr.multivalue)

    def lit_key(lit: _Lit) -> tuple:
        v = lit[1]  # a level (int) or a set of levels (qca.Levels)
        return (order[lit[0]], (0, v, ()) if isinstance(v, int) else (1, v.negated, tuple(sorted(v.levels))))

    def lit_text(lit: _Lit) -> str:
        return literal_text(lit[0], lit[1], lit[0] in multi)

    def product_text(lits) -> str:
        return "*".join(lit_text(x) for x in sorted(lits, key=lit_key))

    @lru_cache(maxsize=None)
    def best(group: tuple[_TermKey, ...]) -> tuple[int, str, bool]:
        """(literal count, text, whether the text is a top-level sum) of the shortest form."""
        if len(group) == 1:
            return len(group[0]), product_text(group[0]), False
        common = frozenset.intersection(*group)
        if common:
            rest = tuple(t - common for t in group)
            if any(not t for t in rest):  # X + X*Y = X
                return len(common), product_text(common), False
            cost, text, is_sum = best(rest)
            return len(common) + cost, f"{product_text(common)}*" + (f"({text})" if is_sum else text), False
        plain = (sum(len(t) for t in group), " + ".join(product_text(t) for t in group), True)
        counts: dict[_Lit, int] = {}
        for t in group:
            for lit in t:
                counts[lit] = counts.get(lit, 0) + 1
        shared = sorted((lit for lit, n in counts.items() if n >= 2), key=lambda x: (-counts[x], lit_key(x)))
        if len(group) > EXHAUSTIVE_TERMS:
            shared = shared[:1]
        choice = plain
        for lit in shared:
            inside = tuple(t for t in group if lit in t)
            outside = tuple(t for t in group if lit not in t)
            c1, s1, _ = best(inside)
            if outside:
                c2, s2, _ = best(outside)
                cand = (c1 + c2, f"{s1} + {s2}", True)
            else:  # pragma: no cover - a literal in every term is common, handled above
                cand = (c1, s1, False)
            if cand[0] < choice[0]:
                choice = cand
        return choice

    return best(terms)[1]
