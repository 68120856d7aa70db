"""Every public name has a numpydoc docstring with a runnable example (the doctests run them).

Public: the names in ``qca.__all__``, and in every module of the package its
``__all__`` (or, without one, the functions and classes it defines whose names
do not start with ``_``), plus whatever the API pages (``docs/api/*.md``) name
with ``::: qca....``. Break one (delete an Examples section) and this fails.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import sys
from pathlib import Path

import pytest

import qca

REPO = Path(__file__).resolve().parents[1]
#: the Streamlit script runs the app when imported
NOT_IMPORTED = {"qca.app.page"}


def module(name: str):
    return sys.modules.get(name) or importlib.import_module(name)


def modules() -> list[str]:
    names = [f"qca.{m.name}" for m in pkgutil.iter_modules(qca.__path__)]
    names += [f"qca.app.{m.name}" for m in pkgutil.iter_modules(module("qca.app").__path__)]
    return sorted(n for n in names if n not in NOT_IMPORTED and not n.rsplit(".", 1)[1].startswith("_"))


def public_names(mod) -> list[str]:
    names = getattr(mod, "__all__", None)
    if names is None:
        names = [n for n, v in vars(mod).items() if not n.startswith("_") and (inspect.isfunction(v) or inspect.isclass(v))
                 and getattr(v, "__module__", None) == mod.__name__]
    return list(names)


def documented() -> set[str]:
    """Dotted names the API pages render (``::: qca.fit`` or ``::: qca.cli.read_data``)."""
    found = set()
    for page in (REPO / "docs" / "api").glob("*.md"):
        found.update(re.findall(r"^::: (qca[\w.]*)", page.read_text(encoding="utf-8"), re.M))
    return found


def has_examples(obj) -> bool:
    doc = inspect.getdoc(obj) or ""
    return bool(re.search(r"^Examples\n-{8,}\n(.*\n)*?>>> ", doc + "\n", re.M))


def objects_to_check() -> dict[str, object]:
    out: dict[str, object] = {}
    for name in qca.__all__:
        out[f"qca.{name}"] = getattr(qca, name)
    mods = modules()
    for dotted in documented():
        if dotted in mods or dotted == "qca":
            continue
        mod_name, _, attr = dotted.rpartition(".")
        out[dotted] = getattr(module(mod_name), attr)
    for mod_name in mods:
        mod = module(mod_name)
        for name in public_names(mod):
            out[f"{mod_name}.{name}"] = getattr(mod, name)
    return {k: v for k, v in out.items() if inspect.isfunction(v) or inspect.isclass(v)}


def test_every_public_function_and_class_has_a_runnable_example():
    checked = objects_to_check()
    assert len(checked) > 150  # the net is cast wide: every module of the package
    missing = sorted(name for name, obj in checked.items() if not has_examples(obj))
    assert not missing, f"public names without an Examples section with a >>> line: {missing}"


def test_every_module_has_a_docstring():
    bare = [m for m in modules() if not (module(m).__doc__ or "").strip()]
    assert not bare, bare


@pytest.mark.parametrize("dotted", ["qca.minimize.parse_include", "qca.minimize.minimize_table",
                                    "qca.minimize.chart_solution", "qca.minimize.implicants_of",
                                    "qca.minimize.merge_solutions", "qca.reporting.markdown_table",
                                    "qca.reporting.html_frame"])
def test_the_seams_between_modules_have_examples(dotted):
    mod_name, _, attr = dotted.rpartition(".")
    assert has_examples(getattr(module(mod_name), attr)), dotted


def test_the_check_sees_a_missing_example():
    def documented_without_example():
        """Does something.

        Returns
        -------
        int
        """

    def documented_with_example():
        """Does something.

        Examples
        --------
        >>> 1 + 1
        2
        """

    assert not has_examples(documented_without_example) and has_examples(documented_with_example)


def test_every_public_module_is_on_an_api_page():
    pages = documented()
    missing = [m for m in modules() if not any(m == d or m.startswith(d + ".") for d in pages if d != "qca")]
    assert not missing, f"modules no page of docs/api renders (add '::: {missing[0]}'): {missing}"
