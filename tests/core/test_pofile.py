"""The app's own .po reader gives exactly the translations Babel's read_po + write_mo give, for every file shipped
and for the constructs Babel's merge treats specially (clashes, fuzzy, obsolete, plurals, escapes, contexts)."""
from __future__ import annotations

import gettext
import io

import pytest
from babel.messages.mofile import write_mo

from churnguard_gui import i18n, pofile, resources

SPECIAL = r'''# a header comment
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=1; plural=0;\n"

#: somewhere.py:3
msgid "Open"
msgstr "打开"

msgctxt "agreement status"
msgid "Open"
msgstr "未签"

#, fuzzy
msgid "Maybe"
msgstr "也许"

#, python-format
msgid ""
"Two "
"lines\n"
"and a \"quote\" and a \\ backslash\tand a tab"
msgstr ""
"两"
"行\n"
"还有 \"引号\"、\\ 反斜杠\t和制表符"

msgid "{n} client"
msgid_plural "{n} clients"
msgstr[0] "{n} 个客户"

msgid "{n} row"
msgid_plural "{n} rows"
msgstr[0] ""

msgid "Untranslated"
msgstr ""

#~ msgid "Gone"
#~ msgstr "已删"

msgctxt "verb"
msgid "Clash"
msgstr "先"
'''

LATER = r'''msgid ""
msgstr ""
"Plural-Forms: nplurals=1; plural=0;\n"

msgid "Open"
msgstr "开启"

msgctxt "verb"
msgid "Clash"
msgstr "后"

#, fuzzy
msgid "Untranslated"
msgstr "后来的"

msgid "Made fuzzy later"
msgstr "稍后"

msgid "Singular first"
msgstr "单数"
'''

LAST = r'''#, fuzzy
msgid "Made fuzzy later"
msgstr "再后"

msgid "Singular first"
msgid_plural "Singular firsts"
msgstr[0] "复数"
'''


def _babel(lang: str) -> gettext.GNUTranslations:
    buffer = io.BytesIO()
    write_mo(buffer, i18n.read_catalog(lang))
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def _same_as_babel(lang: str, extra_ids: tuple[tuple[str | None, str], ...] = ()) -> int:
    """Compare every lookup of every message Babel reads; return how many were compared."""
    expected = _babel(lang)
    ours, known = i18n.translations(lang)
    catalog = i18n.read_catalog(lang)
    babel_known = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalog if m.id}
    assert known == babel_known
    compared = 0
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, str):
            if message.context is None:
                assert ours.gettext(message.id) == expected.gettext(message.id), message.id
            else:
                assert ours.pgettext(message.context, message.id) == expected.pgettext(message.context, message.id)
        else:
            for n in (0, 1, 2, 5, 11):
                if message.context is None:
                    assert ours.ngettext(*message.id, n) == expected.ngettext(*message.id, n), message.id
                else:
                    assert (ours.npgettext(message.context, *message.id, n)
                            == expected.npgettext(message.context, *message.id, n))
        compared += 1
    for context, text in extra_ids:
        if context is None:
            assert ours.gettext(text) == expected.gettext(text), text
        else:
            assert ours.pgettext(context, text) == expected.pgettext(context, text), text
    return compared


@pytest.mark.parametrize("lang", [lang for lang in i18n.LANGUAGES if lang != i18n.SOURCE_LANGUAGE])
def test_every_shipped_file_reads_as_babel_reads_it(lang):
    assert _same_as_babel(lang) > 1000


def test_clashes_fuzzy_obsolete_plurals_and_escapes_read_as_babel_reads_them(tmp_path, monkeypatch):
    folder = tmp_path / "translations" / "zh"
    folder.mkdir(parents=True)
    (folder / "a.po").write_text(SPECIAL, encoding="utf-8")
    (folder / "b.po").write_text(LATER, encoding="utf-8")
    (folder / "c.po").write_text(LAST, encoding="utf-8")
    monkeypatch.setattr(resources, "root", lambda: tmp_path)
    _same_as_babel("zh", extra_ids=((None, "Gone"), (None, "Maybe"), (None, "Untranslated")))
    ours, _ = i18n.translations("zh")
    assert ours.gettext("Open") == "打开"  # the first file's translation wins, as in Babel
    assert ours.pgettext("verb", "Clash") == "先"
    assert ours.gettext("Maybe") == "Maybe"  # fuzzy: not used
    assert ours.gettext("Made fuzzy later") == "Made fuzzy later"
    assert ours.gettext("Gone") == "Gone"  # obsolete
    assert ours.gettext("Two lines\nand a \"quote\" and a \\ backslash\tand a tab") == "两行\n还有 \"引号\"、\\ 反斜杠\t和制表符"
    assert ours.ngettext("{n} row", "{n} rows", 3) == "{n} row"  # an empty form 0: the English singular, as in Babel
    assert ours.ngettext("Singular first", "Singular firsts", 2) == "复数"


def test_a_changed_file_is_read_again(tmp_path, monkeypatch):
    folder = tmp_path / "translations" / "zh"
    folder.mkdir(parents=True)
    po = folder / "a.po"
    po.write_text('msgid "Open"\nmsgstr "打开"\n', encoding="utf-8")
    monkeypatch.setattr(resources, "root", lambda: tmp_path)
    assert i18n.translations("zh")[0].gettext("Open") == "打开"
    po.write_text('msgid "Open"\nmsgstr "开启了"\n', encoding="utf-8")
    assert i18n.translations("zh")[0].gettext("Open") == "开启了"


def test_entries_keep_the_header_apart():
    found = list(pofile.entries(SPECIAL.splitlines()))
    assert found[0].text(found[0].ids[0]) == ""
    assert [e.obsolete for e in found].count(True) == 1
