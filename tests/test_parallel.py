"""Parallel sweeps through joblib, and the same code on a (local) Dask cluster (issue 14)."""

from __future__ import annotations

import pandas as pd
import pytest

import qca
from qca.parallel import map_jobs

joblib = pytest.importorskip("joblib")


def _data():
    return pd.DataFrame(
        {"A": [1, 1, 1, 1, 0, 0, 1, 0], "B": [1, 1, 0, 0, 1, 0, 1, 1], "C": [0, 1, 1, 0, 1, 0, 0, 1],
         "Y": [1, 1, 1, 0, 0, 0, 1, 1]}, index=list("pqrstuvw"))


def _settings(rob):
    return rob.settings.drop(columns=[c for c in ("note",) if c in rob.settings]).astype(str)


def test_robustness_parallel_equals_serial():
    kw = dict(incl_cut=[1, 0.75, 0.5], n_cut=[1, 2], include="?", expression="A*B")
    serial = qca.robustness(_data(), "Y", **kw)
    par = qca.robustness(_data(), "Y", n_jobs=2, **kw)
    pd.testing.assert_frame_equal(_settings(serial), _settings(par))
    pd.testing.assert_frame_equal(serial.implicants, par.implicants)


def test_missing_completions_parallel_equals_serial():
    df = _data().astype("Float64")
    df.loc["p", "A"] = None
    df.loc["s", "C"] = None
    serial = qca.missing_completions(df, "Y", expression="A*B")
    par = qca.missing_completions(df, "Y", expression="A*B", n_jobs=2)
    pd.testing.assert_frame_equal(serial.to_frame(), par.to_frame())


@pytest.mark.parametrize("bad", [0, 1.5, "2", True])
def test_bad_n_jobs(bad):
    with pytest.raises(qca.QCAError, match="n_jobs"):
        qca.robustness(_data(), "Y", incl_cut=[1, 0.8], n_jobs=bad)


def test_map_jobs_without_joblib_says_how_to_install(monkeypatch):
    import builtins

    real = builtins.__import__

    def no_joblib(name, *args, **kwargs):
        if name == "joblib":
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_joblib)
    with pytest.raises(qca.QCAError, match=r"qca\[parallel\]"):
        map_jobs(abs, [1, -2], n_jobs=2)
    assert map_jobs(abs, [1, -2]) == [1, 2]  # serial needs nothing


@pytest.mark.parametrize("processes", [False, True])
def test_robustness_on_local_dask_cluster(processes):
    distributed = pytest.importorskip("distributed")
    kw = dict(incl_cut=[1, 0.75, 0.5], n_cut=[1, 2], include="?")
    serial = qca.robustness(_data(), "Y", **kw)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=processes,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        with joblib.parallel_config(backend="dask"):
            par = qca.robustness(_data(), "Y", n_jobs=-1, **kw)
        # the work really went through the cluster
        assert any("run_setting" in str(key) or "batch_of" in str(key) or "Batch" in str(key)
                   for key in client.run_on_scheduler(lambda dask_scheduler: list(dask_scheduler.task_prefixes)))
    pd.testing.assert_frame_equal(_settings(serial), _settings(par))
