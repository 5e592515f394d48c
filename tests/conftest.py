"""Shared fixtures: a fresh database per test, the sample files, offscreen Qt."""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
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


@pytest.fixture(scope="session")
def demo_into(tmp_path_factory) -> Callable[..., None]:
    """demo_into(db, early_warning=False): the demo firm written into an empty database, as load_demo does, but
    built once per session (and language) and copied page by page with SQLite's backup API: the copy takes
    milliseconds where load_demo takes a second or more. Tests about load_demo itself call it (the `demo`
    command in tests/cli, tests/store/test_demo_minimum_wage.py, the first-start offer in tests/ui)."""
    from churnguard_gui.store.demo import is_empty, load_demo

    built: dict[tuple[str, bool], Path] = {}

    def fill(db, early_warning: bool = False) -> None:
        assert is_empty(db), "the demo firm goes only into an empty database"
        key = (i18n.language(), early_warning)
        if key not in built:
            path = tmp_path_factory.mktemp("demo") / "demo.db"
            template = open_db(path)
            load_demo(template, early_warning=early_warning)
            template.close()
            built[key] = path
        source = sqlite3.connect(built[key])
        try:
            source.backup(db.conn)
        finally:
            source.close()

    return fill
