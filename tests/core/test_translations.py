"""Every user-facing string has a Chinese translation with the same {placeholders}; plurals and contexts work."""
from __future__ import annotations

import json
import re
import subprocess
import sys

from churnguard_gui import i18n, resources
from churnguard_gui.core.errors import InputError
from tests.conftest import ROOT


def test_no_string_lacks_a_chinese_translation():
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "extract_strings.py"), "--missing", "zh"],
                         capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_placeholders_survive_translation():
    for message in i18n.read_catalog("zh"):
        if not message.id:
            continue
        sources = [message.id] if isinstance(message.id, str) else list(message.id)
        targets = [message.string] if isinstance(message.string, str) else list(message.string)
        wanted = set().union(*(re.findall(r"{\w+}", s) for s in sources))
        for target in targets:
            assert set(re.findall(r"{\w+}", target)) == wanted, message.id


def test_errors_speak_chinese():
    i18n.set_language("zh")
    error = InputError("bad_date", file="客户.csv", row=7, column="签约日期", value="昨天")
    assert str(error) == "客户.csv, 第 7 行, 列 签约日期: 不是有效日期：昨天（请写成 2025-01-02、2025/1/2 或 2025年1月2日）"


def test_counted_phrases_take_the_form_that_fits(tmp_path, monkeypatch):
    assert i18n.ntr("{n} client", "{n} clients", 1) == "1 client"
    assert i18n.ntr("{n} client", "{n} clients", 2) == "2 clients"
    assert i18n.ntr("{n} client", "{n} clients", 0) == "0 clients"


def test_every_po_file_of_a_language_is_read_and_contexts_are_kept(tmp_path, monkeypatch):
    folder = tmp_path / "translations" / "zh"
    folder.mkdir(parents=True)
    (folder / "a.po").write_text('msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
                                 'msgid "Open"\nmsgstr "打开"\n\n'
                                 'msgid "{n} client"\nmsgid_plural "{n} clients"\nmsgstr[0] "{n} 个客户"\n',
                                 encoding="utf-8")
    (folder / "b.po").write_text('msgctxt "agreement status"\nmsgid "Open"\nmsgstr "未签"\n', encoding="utf-8")
    monkeypatch.setattr(resources, "root", lambda: tmp_path)
    i18n.set_language("zh")
    assert i18n.tr("Open") == "打开"
    assert i18n.trc("agreement status", "Open") == "未签"
    assert i18n.ntr("{n} client", "{n} clients", 1) == "1 个客户"
    assert i18n.ntr("{n} client", "{n} clients", 5) == "5 个客户"
    assert i18n.lookup("Close") is None  # so Qt asks its own translator
    assert i18n.lookup("Open", "agreement status") == "未签"
