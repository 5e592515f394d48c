"""The demo firm the app loads has the local minimum wage set (the agreement wizard's floor starts from it)."""
from __future__ import annotations

from churnguard_gui.store.demo import load_demo
from churnguard_gui.store.settings import get_setting


def test_the_demo_firm_has_the_local_minimum_wage(fresh_db):
    load_demo(fresh_db, early_warning=True)
    assert get_setting(fresh_db, "minimum_wage") == "2,520"
