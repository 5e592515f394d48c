"""Firm settings: the settings dialog's values are saved together or not at all."""
from __future__ import annotations

import pytest

from churnguard_gui.core.errors import StoreError
from churnguard_gui.core.firm import Firm
from churnguard_gui.core.screening import Rules
from churnguard_gui.store.screenings import rules
from churnguard_gui.store.settings import firm_settings, get_setting, save_firm_settings


def test_firm_settings_minimum_wage_and_hiring_rules_are_saved_together(fresh_db):
    save_firm_settings(fresh_db, Firm(name=" 南诚贸易 ", jurisdiction="other", governing_law="Hong Kong law",
                                      place_of_work="outside"), 2520,
                       Rules(max_jobs_in_window=5))
    assert firm_settings(fresh_db).name == "南诚贸易" and firm_settings(fresh_db).jurisdiction == "other"
    assert get_setting(fresh_db, "minimum_wage") == "2,520"
    assert rules(fresh_db).max_jobs_in_window == 5


def test_a_failing_last_write_leaves_every_setting_as_it_was(fresh_db):
    save_firm_settings(fresh_db, Firm(name="Old name"), 0, Rules())
    for event in ("INSERT", "UPDATE"):
        fresh_db.execute(f"CREATE TRIGGER no_rules_{event} BEFORE {event} ON settings "
                         "WHEN NEW.key = 'screening_rules' BEGIN SELECT RAISE(ABORT, 'refused'); END")
    with pytest.raises(StoreError):  # writing() words every SQLite failure; nothing is half-written
        save_firm_settings(fresh_db, Firm(name="New name", region="shenzhen"), 3000, Rules(max_jobs_in_window=5))
    assert firm_settings(fresh_db).name == "Old name" and firm_settings(fresh_db).region == "national"
    assert get_setting(fresh_db, "minimum_wage") == ""


def test_a_refused_firm_field_saves_nothing(fresh_db):
    with pytest.raises(StoreError):
        save_firm_settings(fresh_db, Firm(name="Firm", region="mars"), 2520, Rules(max_jobs_in_window=5))
    assert get_setting(fresh_db, "firm_name", "unset") == "unset" and get_setting(fresh_db, "minimum_wage") == ""
