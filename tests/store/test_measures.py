"""The record of protection measures: derived from the agreements, staff and audit log, plus entries by hand."""
from __future__ import annotations

import pytest
from pypdf import PdfReader

from churnguard_gui import i18n
from churnguard_gui.core.errors import StoreError
from churnguard_gui.reports.measures_pdf import build_measures_pdf, measure_text
from churnguard_gui.store import crypto
from churnguard_gui.store.backup import make_backup
from churnguard_gui.store.db import open_db
from churnguard_gui.store.demo import load_demo
from churnguard_gui.store.measures import add_measure, measures
from churnguard_gui.store.password import change_password


def test_encryption_backups_access_and_manual_entries_are_on_record(tmp_path):
    path = tmp_path / "firm.db"
    db = open_db(path)
    load_demo(db)
    make_backup(db, path)
    db.close()
    change_password(path, "measure pass 1")
    db = open_db(path)
    try:
        add_measure(db, "2026/3/1", "Client files locked in a cabinet")
        with pytest.raises(StoreError):
            add_measure(db, "not a date", "x")
        with pytest.raises(StoreError):
            add_measure(db, "2026-03-02", "   ")
        found = measures(db)
        kinds = [m.kind for m in found]
        assert found[0].on == "2026-03-01" and found[0].kind == "manual"
        assert {"encryption", "backup", "access"} <= set(kinds)
        texts = [measure_text(m) for m in found]
        assert any(t.startswith("Database and backups encrypted") for t in texts)
        assert any("verified backup made" in t for t in texts)
        i18n.set_language("zh")
        pdf = build_measures_pdf(found, "深圳示范贸易有限公司")
        text = "".join(page.extract_text() for page in PdfReader(__import__("io").BytesIO(pdf)).pages)
        assert "商业秘密保密措施记录" in text and "数据库及备份已用密码加密" in text
        assert "measure pass 1" not in text
    finally:
        db.close()
        crypto.forget(path)
