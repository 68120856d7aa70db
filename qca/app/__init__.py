"""The point-and-click app: the whole analysis in a local web page (``qca app``).

The app is a Streamlit script (:mod:`qca.app.page`) over a pure-Python
layer (:mod:`qca.app.steps`) that runs each step of the analysis and
writes, next to every result, the Python calls and the ``qca`` command
line that redo it. The layer needs no Streamlit; the page and the launcher
(:func:`launch`) need the optional extra ``pip install "qca[app]"``.

Examples
--------
>>> from qca.app import steps
>>> study = steps.Study(steps.Source("dataset", "huang2024"), outcome="AGREE",
...                     conditions=("HARM", "THREAT"), missing="drop", incl_cut=0.8)
>>> print(steps.truth_table_step(study).shell)
qca truth-table huang2024 --outcome AGREE --conditions HARM,THREAT --incl-cut 0.8 --missing drop
"""

from __future__ import annotations

__all__ = ["INSTALL_HINT", "launch", "page_path"]

#: What ``qca app`` says when Streamlit is not installed.
INSTALL_HINT = 'the app needs the optional extra: pip install "qca[app]" (it installs Streamlit)'


def page_path() -> str:
    """The path of the Streamlit script (``streamlit run`` it, or use :func:`launch`).

    Examples
    --------
    >>> page_path().endswith("page.py")
    True
    """
    from pathlib import Path

    return str(Path(__file__).with_name("page.py"))


def launch(*args, **kwargs):  # pragma: no cover - thin re-export, tested through the command
    """Start the app; see :func:`qca.app.launcher.launch`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> launch(folder=str(pathlib.Path(tempfile.mkdtemp()) / "no-such-folder"), browser=False)
    2
    """
    from .launcher import launch as _launch

    return _launch(*args, **kwargs)
