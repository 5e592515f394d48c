"""Shared fixtures: a fresh database per test, the sample files, offscreen Qt."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Markers of temporary files being written go to a private folder, not the user's (core/tempfiles.py).
os.environ.setdefault("CHURNGUARD_STATE_DIR", __import__("tempfile").mkdtemp(prefix="churnguard-state-"))

from churnguard_gui import i18n  # noqa: E402
from churnguard_gui.store.db import open_db  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "tests" / "data" / "samples"  # copies of ../shared/samples (Excel and CRM exports)


@pytest.fixture(autouse=True)
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "firm.db"


@pytest.fixture
def fresh_db(db_path: Path):
    db = open_db(db_path)
    yield db
    db.close()


@pytest.fixture
def samples() -> Path:
    return SAMPLES
