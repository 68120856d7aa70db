"""The one exception type the library raises for bad input or an impossible analysis."""

from __future__ import annotations

__all__ = ["QCAError", "QCAWarning"]


class QCAError(ValueError):
    """Raised for invalid input or an analysis that cannot be carried out.

    The message always names what is at fault: the column, the case, the
    value, the cut-off or the position in an expression.

    Examples
    --------
    >>> from qca import QCAError
    >>> issubclass(QCAError, ValueError)
    True
    """


class QCAWarning(UserWarning):
    """Something was left out or changed on the way in, and said so (e.g. an empty column).

    Examples
    --------
    >>> from qca.errors import QCAWarning
    >>> issubclass(QCAWarning, UserWarning)
    True
    """
