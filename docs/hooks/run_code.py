"""MkDocs hook: run the Python blocks of a page and show their output under each block.

A page opts in with ``run: true`` in its front matter. Its ```` ```python ````
blocks run in order in one namespace, with the repository on ``sys.path``
and 100-character lines; after each block the hook inserts a ```` ```text ````
block with what it printed, and the value of its last line when that line is
an expression (as a notebook shows it). The output is made when the site is
built, so it cannot go stale; an error stops the build (``mkdocs build
--strict`` runs in the test suite).
"""

from __future__ import annotations

import ast
import contextlib
import io
import os
import re
import sys
from pathlib import Path

FENCE = re.compile(r"^```python[^\n]*\n(.*?)^```[ \t]*$", re.M | re.S)


def run_block(source: str, namespace: dict) -> str:
    """Run one block; return what it printed and the repr of a final expression."""
    tree = ast.parse(source)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(tree, "<docs>", "exec"), namespace)
        if last is not None:
            value = eval(compile(last, "<docs>", "eval"), namespace)
            if value is not None:
                print(repr(value))
    return out.getvalue().rstrip()


def on_page_markdown(markdown: str, page, config, files) -> str:  # noqa: ARG001 - mkdocs signature
    if not page.meta.get("run"):
        return markdown
    repo = str(Path(config["config_file_path"]).resolve().parent)
    saved_cwd, saved_columns = os.getcwd(), os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"
    if repo not in sys.path:
        sys.path.insert(0, repo)
    namespace: dict = {"__name__": "__docs__"}
    pieces, end = [], 0
    try:
        os.chdir(repo)
        for m in FENCE.finditer(markdown):
            try:
                output = run_block(m.group(1), namespace)
            except Exception as err:  # the build fails and says where
                raise RuntimeError(f"{page.file.src_path}: a python block failed: {err!r}\n{m.group(1)}") from err
            pieces.append(markdown[end:m.end()])
            if output:
                pieces.append("\n\n```text\n" + output + "\n```")
            end = m.end()
        pieces.append(markdown[end:])
    finally:
        os.chdir(saved_cwd)
        if saved_columns is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = saved_columns
    return "".join(pieces)
