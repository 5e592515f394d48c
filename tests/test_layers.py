"""The layers as the architecture says: ui/ never imports the headless commands, and passes no SQL to the store."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "churnguard_gui"
UI_MODULES = sorted((PACKAGE / "ui").glob("*.py"))


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("path", UI_MODULES, ids=lambda p: p.name)
def test_ui_does_not_import_the_cli(path):
    assert not any(name == "churnguard_gui.cli" or name.startswith("churnguard_gui.cli.") for name in _imports(path))


@pytest.mark.parametrize("path", UI_MODULES, ids=lambda p: p.name)
def test_ui_takes_no_sql_from_the_store(path):
    """SQL text lives in store/; a widget that imports a *_SQL constant would pass SQL through a model."""
    assert not [name for name in _imports(path) if name.rsplit(".", 1)[-1].endswith("_SQL")]
