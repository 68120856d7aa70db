"""Repository-wide pytest set-up.

``--import-mode=importlib`` imports each collected module of the package (for its doctests)
and binds it as an attribute of ``qca``, so ``qca.minimize`` or ``qca.fit`` can become the
module instead of the function of the same name, depending on which files were collected.
After collection the package's public names are put back, so doctests that call
``qca.minimize(...)`` pass whatever the collection order.
"""

from __future__ import annotations

import qca

_PUBLIC = {name: getattr(qca, name) for name in qca.__all__}


def pytest_collection_finish(session) -> None:  # noqa: ARG001 - pytest hook signature
    for name, value in _PUBLIC.items():
        if getattr(qca, name, None) is not value:
            setattr(qca, name, value)
