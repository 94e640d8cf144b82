"""Fault trials: how many to run.

The default is small enough for CI (about a minute on two cores); ``--full-faults`` or
``HEALTH_JOURNAL_FULL_FAULTS=1`` runs the full count. The ``--full-faults`` option itself
is registered in ``tests/conftest.py``: pytest only reads command-line options from the
conftest files it loads at start-up, and this folder's is not one of them when ``pytest``
runs from the top of the checkout.
"""

from __future__ import annotations

import os

import pytest

FULL_VARIABLE = "HEALTH_JOURNAL_FULL_FAULTS"


def full_faults(config: pytest.Config) -> bool:
    option = bool(config.getoption("--full-faults", default=False))
    return option or os.environ.get(FULL_VARIABLE, "") not in ("", "0")


@pytest.fixture
def full(request: pytest.FixtureRequest) -> bool:
    return full_faults(request.config)
