"""Scratch: the add-a-tab recipe followed literally."""
from __future__ import annotations

from PySide6.QtCore import Qt


def test_visits_tab_shows_the_overdue_visits(window, qtbot):
    bar = window.tabs.tabBar()
    index = next(i for i in range(bar.count()) if bar.tabText(i) == "Visits")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert window.tabs.currentIndex() == index
    assert "overdue for a manager's visit" in window.count_label.text()
