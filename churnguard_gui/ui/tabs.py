"""The main window's tabs register themselves here, as Picard registers its option pages.

Add a tab with one line in TABS below (or `register_tab(...)` from your own module before the window opens):

    TabSpec("visits", lambda: tr("Visits"), "churnguard_gui.ui.visits_tab:VisitsTab", order=40),

(order places it in the row of tabs: Risk 5, Clients 10, Staff 20, Agreements 30.)

The factory ("module:callable", imported when the window is built — the built app bundles every churnguard_gui
module, see packaging/churnguard.spec — or a callable) is called as factory(window) and returns a QWidget; it reads the
database through `window.context.db` (or `window.db`), never keeps a connection of its own beyond its models, and
is built again on the new database after a restore. A tab may also offer, all optional:

    status_text() -> str      what the status bar shows while the tab is current (e.g. "300 clients")
    counts_changed (Signal)   emitted when status_text() changes
    refresh() -> None         called after any change to the records
    save_state(QSettings) / restore_state(QSettings)   remembered layout
    focus_search() -> None    where Find (Ctrl+F) goes while the tab is current (else the Clients search)
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from churnguard_gui.i18n import tr


@dataclass(frozen=True)
class TabSpec:
    key: str  # a stable name (settings, tests): "clients", "risk"
    title: Callable[[], str]  # the translated tab title, asked each time the tabs are built
    factory: str | Callable[..., QWidget]  # "package.module:callable" (imported when built) or the callable
    order: int = 100  # left to right

    def build(self, window: QWidget) -> QWidget:
        factory = self.factory
        if isinstance(factory, str):
            module, _, name = factory.partition(":")
            factory = getattr(importlib.import_module(module), name)
        return factory(window)


TABS: list[TabSpec] = [
    TabSpec("risk", lambda: tr("Risk"), "churnguard_gui.ui.builtin_tabs:risk_tab", order=5),
    TabSpec("clients", lambda: tr("Clients"), "churnguard_gui.ui.builtin_tabs:clients_tab", order=10),
    TabSpec("staff", lambda: tr("Staff"), "churnguard_gui.ui.builtin_tabs:staff_tab", order=20),
    TabSpec("agreements", lambda: tr("Agreements"), "churnguard_gui.ui.builtin_tabs:agreements_tab", order=30),
    # a new tab: one line here, e.g.
    # TabSpec("visits", lambda: tr("Visits"), "churnguard_gui.ui.visits_tab:VisitsTab", order=40),
]


def register_tab(spec: TabSpec) -> None:
    """Add (or replace, by key) a tab; windows opened afterwards show it."""
    TABS[:] = [t for t in TABS if t.key != spec.key] + [spec]


def registered_tabs() -> list[TabSpec]:
    return sorted(TABS, key=lambda spec: spec.order)
