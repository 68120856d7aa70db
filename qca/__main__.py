"""``python -m qca``: the same as the ``qca`` command (see :mod:`qca.cli`)."""

import sys

from .cli import main

if __name__ == "__main__":  # pragma: no cover - run as a program
    sys.exit(main())
