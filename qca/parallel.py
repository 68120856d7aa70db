"""Embarrassingly parallel sweeps: one seam, :func:`map_jobs`, through joblib.

Robustness grids (every ``incl_cut`` x ``n_cut`` setting), the completions
of missing codes and any other loop of independent analyses take
``n_jobs=``. With ``n_jobs=None`` or ``1`` (the default) they run one after
another in the calling process, without importing anything. Otherwise
:func:`map_jobs` hands them to `joblib <https://joblib.readthedocs.io>`_
(the optional extra ``pip install "qca[parallel]"``): ``n_jobs=-1`` uses
every core of the machine, in separate processes.

The same code runs on a cluster through joblib's Dask backend
(``pip install "qca[dask]"``): connect a ``dask.distributed.Client`` and
select the backend around the call, nothing else changes::

    from dask.distributed import Client
    import joblib, qca

    client = Client("scheduler-address:8786")   # or Client(LocalCluster())
    with joblib.parallel_config(backend="dask"):
        rob = qca.robustness(df, "Y", incl_cut=[1, 0.9, 0.8], n_cut=[1, 2], n_jobs=-1)

Results come back in the order of the inputs, so a parallel sweep gives
exactly the serial one.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from .errors import QCAError

__all__ = ["map_jobs", "check_n_jobs"]


def check_n_jobs(n_jobs: Any) -> int | None:
    """``n_jobs`` validated: None, or a non-zero whole number (negative counts from the number of cores).

    Examples
    --------
    >>> check_n_jobs(None), check_n_jobs(2), check_n_jobs(-1)
    (None, 2, -1)
    """
    if n_jobs is None:
        return None
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs == 0:
        raise QCAError(f"n_jobs={n_jobs!r}: give a whole number of parallel jobs (-1 for every core), or None")
    return n_jobs


def map_jobs(func: Callable[[Any], Any], items: Iterable[Any], n_jobs: int | None = None) -> list[Any]:
    """``[func(x) for x in items]``, run by joblib on ``n_jobs`` workers when ``n_jobs`` is not None or 1.

    ``func`` must be picklable (a module-level function) for process
    workers. Under ``joblib.parallel_config(backend="dask")`` the items run
    on the connected Dask cluster. Exceptions raised by ``func`` reach the
    caller as they are.

    Examples
    --------
    >>> map_jobs(abs, [-2, 3, -4])
    [2, 3, 4]
    >>> map_jobs(abs, [-2, 3, -4], n_jobs=2)
    [2, 3, 4]
    """
    n_jobs = check_n_jobs(n_jobs)
    items = list(items)
    if n_jobs in (None, 1) or len(items) <= 1:
        return [func(x) for x in items]
    try:
        import joblib
    except ImportError:
        raise QCAError(
            f"n_jobs={n_jobs}: parallel runs need joblib; install it with pip install \"qca[parallel]\" "
            "(or leave n_jobs=None)"
        ) from None
    return list(joblib.Parallel(n_jobs=n_jobs)(joblib.delayed(func)(x) for x in items))
