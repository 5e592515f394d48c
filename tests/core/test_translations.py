"""Every user-facing string has a Chinese translation with the same {placeholders}."""
from __future__ import annotations

import json
import re
import subprocess
import sys

from churnguard_gui import i18n, resources
from churnguard_gui.core.errors import InputError
from tests.conftest import ROOT


def catalog() -> dict[str, str]:
    return json.loads(resources.path("translations/zh.json").read_text(encoding="utf-8"))


def test_no_string_lacks_a_chinese_translation():
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "extract_strings.py"), "--missing", "zh"],
                         capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_placeholders_survive_translation():
    for source, target in catalog().items():
        assert set(re.findall(r"{\w+}", source)) == set(re.findall(r"{\w+}", target)), source


def test_errors_speak_chinese():
    i18n.set_language("zh")
    error = InputError("bad_date", file="客户.csv", row=7, column="签约日期", value="昨天")
    assert str(error) == "客户.csv, 第 7 行, 列 签约日期: 不是有效日期：昨天（请写成 2025-01-02、2025/1/2 或 2025年1月2日）"
