"""Firm settings: the settings dialog's values are saved together or not at all."""
from __future__ import annotations

import sqlite3

import pytest

from churnguard_gui.core.errors import StoreError
from churnguard_gui.core.screening import Rules
from churnguard_gui.store.screenings import rules
from churnguard_gui.store.settings import get_setting, save_firm_settings


def test_firm_settings_are_saved_together(fresh_db):
    save_firm_settings(fresh_db, " 南诚贸易 ", "other", 2520, Rules(max_jobs_in_window=5))
    assert get_setting(fresh_db, "firm_name") == "南诚贸易"
    assert get_setting(fresh_db, "jurisdiction") == "other"
    assert get_setting(fresh_db, "minimum_wage") == "2,520"
    assert rules(fresh_db).max_jobs_in_window == 5


def test_a_failing_last_write_leaves_every_setting_as_it_was(fresh_db):
    save_firm_settings(fresh_db, "Old name", "cn", 0, Rules())
    fresh_db.execute("CREATE TRIGGER no_rules BEFORE INSERT ON settings WHEN NEW.key = 'screening_rules' "
                     "BEGIN SELECT RAISE(ABORT, 'refused'); END")
    fresh_db.execute("CREATE TRIGGER no_rules_update BEFORE UPDATE ON settings WHEN NEW.key = 'screening_rules' "
                     "BEGIN SELECT RAISE(ABORT, 'refused'); END")
    with pytest.raises(sqlite3.IntegrityError):
        save_firm_settings(fresh_db, "New name", "other", 3000, Rules(max_jobs_in_window=5))
    assert get_setting(fresh_db, "firm_name") == "Old name"
    assert get_setting(fresh_db, "jurisdiction") == "cn"
    assert get_setting(fresh_db, "minimum_wage") == ""


def test_unknown_law_is_refused(fresh_db):
    with pytest.raises(StoreError):
        save_firm_settings(fresh_db, "Firm", "mars", 0, Rules())
    assert get_setting(fresh_db, "jurisdiction", "unset") == "unset"
