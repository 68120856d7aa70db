"""Set cover as a linear or integer program, solved by HiGHS (through scipy), always stoppable.

The prime-implicant chart (:mod:`qca.chart`) hands its hardest cores to
an exact solver: minimize the number of chosen columns subject to every
row being covered by a chosen column. HiGHS proves such optima far faster
than a plain branch and bound, but a call into it does not return to
Python on its own: a long solve would ignore Ctrl-C and the caller's
time limit. :func:`solve_cover` therefore runs HiGHS in a worker thread
(HiGHS releases the GIL) while the calling thread waits in short steps:
it reports progress, notices Ctrl-C, an exception raised by the
``poll`` callback, or the deadline, and then asks HiGHS to stop through
its interrupt callback; HiGHS answers within milliseconds with the best
cover found and its proven lower bound.

The interruptible solver uses scipy's bundled HiGHS bindings
(``scipy.optimize._highspy``, scipy >= 1.15). Where they are missing,
``scipy.optimize.milp``/``linprog`` run instead with HiGHS's own time
limit; a stop request then returns at once but the abandoned solve runs
on in its thread until that limit.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

__all__ = ["CoverProgram", "solve_cover", "available", "run_stoppable"]

#: seconds between two looks of the waiting thread at the clock, Ctrl-C and the progress callback
POLL_SECONDS = 0.1


@dataclass(frozen=True)
class CoverProgram:
    """What :func:`solve_cover` found.

    Attributes
    ----------
    status : str
        ``"optimal"``, ``"infeasible"``, ``"time limit"``, ``"stopped"``
        (interrupted) or ``"failed"``.
    value : float or None
        Objective of the best solution found (the LP optimum for an LP).
    bound : float or None
        Proven lower bound on the optimum (equal to ``value`` when optimal).
    x : numpy.ndarray or None
        Best solution found (0/1 for the integer program).
    row_duals : numpy.ndarray or None
        LP only: the dual value of each row (non-negative).
    nodes : int
        Branch-and-bound nodes HiGHS explored.

    Examples
    --------
    >>> import numpy as np
    >>> cols = [np.array([0, 1]), np.array([1, 2]), np.array([2])]
    >>> res = solve_cover(cols, 3)
    >>> res.status, res.value
    ('optimal', 2.0)
    """

    status: str
    value: float | None
    bound: float | None
    x: np.ndarray | None
    row_duals: np.ndarray | None = None
    nodes: int = 0


def available() -> bool:
    """Whether scipy (and with it HiGHS) can be imported.

    Examples
    --------
    >>> isinstance(available(), bool)
    True
    """
    try:
        import scipy.optimize  # noqa: F401
    except ImportError:  # pragma: no cover - scipy is a dependency
        return False
    return True


def _core():
    try:
        from scipy.optimize._highspy import _core as hc  # scipy >= 1.15

        hc._Highs  # noqa: B018
        hc.cb.HighsCallbackType.kCallbackMipInterrupt  # noqa: B018
        return hc
    except (ImportError, AttributeError):  # pragma: no cover - depends on the scipy version
        return None


def _csc(columns: Sequence[np.ndarray], n_rows: int):
    from scipy.sparse import csc_matrix

    lens = np.fromiter((len(c) for c in columns), dtype=np.int64, count=len(columns))
    indptr = np.zeros(len(columns) + 1, dtype=np.int64)
    np.cumsum(lens, out=indptr[1:])
    indices = np.concatenate(columns).astype(np.int64) if len(columns) else np.zeros(0, np.int64)
    return csc_matrix((np.ones(len(indices)), indices, indptr), shape=(n_rows, len(columns)))


def solve_cover(
    columns: Sequence[np.ndarray],
    n_rows: int,
    *,
    integer: bool = True,
    deadline: float | None = None,
    poll: Callable[[dict], None] | None = None,
    start: np.ndarray | None = None,
    options: dict | None = None,
) -> CoverProgram:
    """Minimum number of columns covering every row (``integer``) or its LP relaxation.

    Parameters
    ----------
    columns : sequence of numpy.ndarray
        For each column, the rows (0 .. ``n_rows`` - 1) it covers.
    n_rows : int
    integer : bool
        The 0/1 program (True) or its linear relaxation (False).
    deadline : float, optional
        ``time.monotonic()`` value at which to stop with the best found.
    poll : callable, optional
        Called as ``poll(info)`` about every 0.1 s from the calling
        thread, ``info`` holding ``incumbent``, ``bound`` and ``nodes``;
        an exception it raises stops HiGHS and is raised again here.
        Ctrl-C stops HiGHS too and returns what it found, with status
        ``"stopped"``.
    start : numpy.ndarray, optional
        A known cover (0/1 per column) to start the integer program from.
    options : dict, optional
        Further HiGHS options (name: value), e.g. to switch off primal
        heuristics once a good cover is known.

    Examples
    --------
    >>> import numpy as np
    >>> cols = [np.array([0, 1]), np.array([1, 2]), np.array([0, 2]), np.array([2])]
    >>> res = solve_cover(cols, 3)
    >>> res.status, res.value, res.bound
    ('optimal', 2.0, 2.0)
    >>> round(solve_cover(cols, 3, integer=False).value, 3)
    1.5
    """
    a = _csc(columns, n_rows)
    hc = _core()
    state = _State()
    if hc is None:  # pragma: no cover - older scipy
        target = lambda: _run_public(a, integer, deadline, state)  # noqa: E731
    else:
        target = lambda: _run_core(hc, a, integer, deadline, state, start, options)  # noqa: E731
    worker = threading.Thread(target=state.wrap(target), name="qca-highs", daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(POLL_SECONDS)
            if deadline is not None and time.monotonic() > deadline:
                state.stop = True
            if poll is not None and worker.is_alive():
                poll({"incumbent": state.incumbent, "bound": state.bound, "nodes": state.nodes})
    except KeyboardInterrupt:
        state.user = True
        state.stop = True
        worker.join(2.0)
        if state.result is None:
            raise
        return state.result
    except BaseException:
        state.user = True
        state.stop = True
        worker.join(2.0)
        raise
    if state.error is not None:
        raise state.error
    return state.result if state.result is not None else CoverProgram("failed", None, None, None)


class _State:
    def __init__(self) -> None:
        self.stop = False
        self.user = False  # the stop came from Ctrl-C or the poll callback, not the deadline
        self.incumbent: float | None = None
        self.bound: float | None = None
        self.nodes = 0
        self.result: CoverProgram | None = None
        self.error: BaseException | None = None

    def wrap(self, target):
        def run() -> None:
            try:
                self.result = target()
            except BaseException as exc:  # pragma: no cover - reported to the caller
                self.error = exc

        return run


def _run_core(hc, a, integer: bool, deadline: float | None, state: _State, start, options=None) -> CoverProgram:
    n_rows, n_cols = a.shape
    h = hc._Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    if integer:
        h.setOptionValue("mip_rel_gap", 0.0)
        h.setOptionValue("mip_abs_gap", 0.999)  # the objective is a whole number
    if deadline is not None:
        h.setOptionValue("time_limit", max(0.01, deadline - time.monotonic()))
    for key, value in (options or {}).items():
        h.setOptionValue(key, value)
    lp = hc.HighsLp()
    lp.num_col_ = n_cols
    lp.num_row_ = n_rows
    lp.col_cost_ = np.ones(n_cols)
    lp.col_lower_ = np.zeros(n_cols)
    lp.col_upper_ = np.ones(n_cols)
    lp.row_lower_ = np.ones(n_rows)
    lp.row_upper_ = np.full(n_rows, hc.kHighsInf)
    lp.a_matrix_.format_ = hc.MatrixFormat.kColwise
    lp.a_matrix_.start_ = a.indptr.astype(np.int32)
    lp.a_matrix_.index_ = a.indices.astype(np.int32)
    lp.a_matrix_.value_ = a.data
    if integer:
        lp.integrality_ = [hc.HighsVarType.kInteger] * n_cols
    h.passModel(lp)
    if integer and start is not None:
        sol = hc.HighsSolution()
        sol.col_value = np.asarray(start, dtype=float).tolist()
        h.setSolution(sol)
    kinds = hc.cb.HighsCallbackType

    def callback(kind, message, out, inp, user) -> None:
        if kind == kinds.kCallbackMipImprovingSolution:
            state.incumbent = float(out.objective_function_value)
        elif kind == kinds.kCallbackMipInterrupt:
            state.bound = float(out.mip_dual_bound)
            state.nodes = int(out.mip_node_count)
        if state.stop:
            inp.user_interrupt = True

    h.setCallback(callback, None)
    for kind in ((kinds.kCallbackMipInterrupt, kinds.kCallbackMipImprovingSolution) if integer else ()) + (
            kinds.kCallbackSimplexInterrupt, kinds.kCallbackIpmInterrupt):
        h.startCallback(kind)
    h.run()
    status = h.getModelStatus()
    ms = hc.HighsModelStatus
    info = h.getInfo()
    sol = h.getSolution()
    x = np.asarray(sol.col_value, dtype=float) if sol.value_valid else None
    name = {ms.kOptimal: "optimal", ms.kInfeasible: "infeasible", ms.kTimeLimit: "time limit",
            ms.kInterrupt: "stopped"}.get(status, "failed")
    if name == "stopped" and not state.user:
        name = "time limit"
    if not integer:
        if name != "optimal":
            return CoverProgram(name, None, None, None, nodes=0)
        duals = np.clip(np.asarray(sol.row_dual, dtype=float), 0.0, None)
        value = float(info.objective_function_value)
        return CoverProgram("optimal", value, value, x, duals)
    value = None
    if x is not None:
        x = np.round(x)
        covered = np.asarray(a @ x) >= 1 - 1e-6
        value = float(x.sum()) if covered.all() else None
        if value is None:
            x = None
    bound = float(info.mip_dual_bound) if math.isfinite(info.mip_dual_bound) else None
    if name == "optimal":
        bound = value
    return CoverProgram(name, value, bound, x, nodes=int(info.mip_node_count))


def _run_public(a, integer: bool, deadline: float | None, state: _State) -> CoverProgram:  # pragma: no cover
    from scipy.optimize import Bounds, LinearConstraint, linprog, milp

    n_rows, n_cols = a.shape
    options: dict = {}
    if deadline is not None:
        options["time_limit"] = max(0.01, deadline - time.monotonic())
    if not integer:
        res = linprog(np.ones(n_cols), A_ub=-a, b_ub=-np.ones(n_rows), bounds=(0, 1), method="highs",
                      options=options)
        if res.status != 0:
            return CoverProgram("time limit" if res.status == 1 else "failed", None, None, None)
        return CoverProgram("optimal", float(res.fun), float(res.fun), res.x,
                            np.clip(-res.ineqlin.marginals, 0.0, None))
    options["mip_rel_gap"] = 0.0
    res = milp(np.ones(n_cols), constraints=LinearConstraint(a, lb=1), integrality=np.ones(n_cols),
               bounds=Bounds(0, 1), options=options)
    x = None if res.x is None else np.round(res.x)
    bound = getattr(res, "mip_dual_bound", None)
    name = {0: "optimal", 1: "time limit", 2: "infeasible"}.get(res.status, "failed")
    value = None if x is None else float(x.sum())
    return CoverProgram(name, value, value if name == "optimal" else bound, x)


def run_stoppable(fn: Callable[[], object], timeout: float) -> object:
    """``fn()`` in a worker thread, waited for in short steps so that Ctrl-C is noticed at once.

    For solver calls that cannot be interrupted from inside (give them
    their own time limit, below ``timeout``). On Ctrl-C the worker is left
    to finish on its own and KeyboardInterrupt is raised; past ``timeout``
    the result is None.

    Examples
    --------
    >>> run_stoppable(lambda: 6 * 7, 5.0)
    42
    """
    state = _State()
    worker = threading.Thread(target=state.wrap(fn), name="qca-solver", daemon=True)
    worker.start()
    end = time.monotonic() + timeout
    while worker.is_alive() and time.monotonic() < end:
        worker.join(POLL_SECONDS)
    if state.error is not None:
        raise state.error
    return state.result
