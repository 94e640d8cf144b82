"""The Qt binding keeps Python's reference counts: a long session must not abort.

PySide6 6.12.0 on Python 3.11 returned ``None`` from every method without a result
without counting the reference, so each call wore ``None``'s count down by one; after a
few thousand calls (a few minutes of clicking) the interpreter aborted with "deallocating
None". From Python 3.12 on ``None`` is immortal and the slip is harmless.
"""

from __future__ import annotations

import gc
import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_qt_calls_without_a_result_leave_the_count_of_none_alone(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    # Garbage from earlier tests, collected mid-loop, would give back its own references to
    # None (a CI run saw 1,619): the collector stays off while counting.
    gc.collect()
    gc.disable()
    try:
        before = sys.getrefcount(None)
        for _ in range(200):  # few enough not to abort this very run on a faulty binding
            label.setText("x")  # returns nothing
            label.hide()
            QTimer.singleShot(0, label.show)
        after = sys.getrefcount(None)
    finally:
        gc.enable()
    # A faulty binding drops one reference a call: 600 here.
    assert abs(after - before) < 100
