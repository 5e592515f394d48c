"""Resources are found through one function: the frozen app's folder, the installed package data, the checkout."""
from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from churnguard_gui import resources
from tests.conftest import ROOT


@pytest.fixture(autouse=True)
def fresh_lookup():
    resources.root.cache_clear()
    yield
    resources.root.cache_clear()


def load_copy_of_module(package_dir: Path):
    """The resources module as installed elsewhere (site-packages/churnguard_gui/resources.py)."""
    package_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "churnguard_gui" / "resources.py", package_dir / "resources.py")
    spec = importlib.util.spec_from_file_location("installed_resources", package_dir / "resources.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_in_the_checkout_files_come_from_the_top_level_resources_folder():
    assert resources.root() == ROOT / "resources"
    assert resources.path("fonts/wqy-microhei.ttc").stat().st_size > 1_000_000
    assert resources.path("translations/zh").is_dir()


def test_installed_package_data_is_used_and_the_checkout_is_not_guessed(tmp_path):
    installed = load_copy_of_module(tmp_path / "site-packages" / "churnguard_gui")
    data = tmp_path / "site-packages" / "churnguard_gui" / "_resources" / "checklists"
    data.mkdir(parents=True)
    (data / "exit.json").write_text("[]", encoding="utf-8")
    (tmp_path / "site-packages" / "resources").mkdir()  # someone else's top-level folder: never ours
    assert installed.path("checklists/exit.json") == data / "exit.json"


def test_frozen_app_uses_its_bundle_folder(tmp_path, monkeypatch):
    bundle = tmp_path / "_internal"
    (bundle / "resources" / "fonts").mkdir(parents=True)
    (bundle / "resources" / "fonts" / "x.ttc").write_bytes(b"font")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert resources.path("fonts/x.ttc") == bundle / "resources" / "fonts" / "x.ttc"


def test_a_missing_file_or_folder_is_named_clearly(tmp_path):
    with pytest.raises(FileNotFoundError, match="resource fonts/missing.ttc is missing .*reinstall"):
        resources.path("fonts/missing.ttc")
    installed = load_copy_of_module(tmp_path / "lonely" / "churnguard_gui")
    with pytest.raises(FileNotFoundError, match="resources folder is missing"):
        installed.root()


def test_no_code_looks_for_files_beside_itself():
    """Files are reached through resources.path(), which knows the installed and frozen layouts; code that finds
    them from its own __file__ works only in a checkout."""
    offenders = []
    for source in (ROOT / "churnguard_gui").rglob("*.py"):
        if source.name == "resources.py":
            continue
        text = source.read_text(encoding="utf-8")
        if "__file__" in text or "RESOURCES" in text:
            offenders.append(str(source.relative_to(ROOT)))
    assert offenders == []
