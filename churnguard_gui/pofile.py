"""A language's .po files read straight into gettext lookups at run time, as Babel reads and compiles them.

Babel (read_po, then write_mo and gettext parsing the .mo) costs every command and every start about 0.1 s of
CPU, twice when a report also needs the Chinese text; the app only looks strings up, so it reads the few PO
constructs it needs here. Babel stays for the tools (scripts/extract_strings.py, i18n.read_catalog), and a test
checks that both readings give the same translations for every file shipped.

Kept exactly as Babel merges a folder of files: the first translation of an id (with its context) wins, a
later plural form replaces a singular one, a message marked fuzzy anywhere is not used, an empty plural form
falls back to the English text, obsolete entries (#~) are ignored."""
from __future__ import annotations

import gettext
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

_ESCAPE = re.compile(r'\\([\\trn"])')
_ESCAPED = {"n": "\n", "t": "\t", "r": "\r"}
Key = tuple[str | None, str]  # (context, the singular English text)


def _unescape(quoted: str) -> str:
    return _ESCAPE.sub(lambda m: _ESCAPED.get(m.group(1), m.group(1)), quoted[1:-1])


@dataclass
class Entry:
    """One message of a PO file: its ids (singular, plural), its translations by plural index, its flags."""

    ids: list[list[str]] = field(default_factory=list)
    strings: dict[int, list[str]] = field(default_factory=dict)
    context: list[str] | None = None
    fuzzy: bool = False
    obsolete: bool = False

    def text(self, parts: list[str]) -> str:
        return "".join(_unescape(part) for part in parts)


def entries(lines: Iterable[str]) -> Iterable[Entry]:
    """The messages of a PO file, header included (its id is empty)."""
    current, fuzzy, target = Entry(), False, None
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        obsolete = line.startswith("#~")
        if line.startswith("#") and not obsolete:  # a comment ends the message before it; flags go to the next
            if current.ids:
                yield current
                current, fuzzy, target = Entry(), False, None
            if line.startswith("#,"):
                fuzzy = fuzzy or "fuzzy" in (flag.strip() for flag in line[2:].split(","))
            continue
        if obsolete:
            line = line[2:].lstrip()
            if not line:
                continue
        if line.startswith('"'):
            if target is not None:
                target.append(line)
            continue
        keyword, _, arg = line.partition(" ")
        arg = arg.strip()
        if keyword in ("msgid", "msgctxt") and current.strings:
            yield current
            current, fuzzy, target = Entry(), False, None
        current.fuzzy, current.obsolete = fuzzy, obsolete
        if keyword in ("msgid", "msgid_plural"):
            target = [arg]
            current.ids.append(target)
        elif keyword == "msgctxt":
            target = current.context = [arg]
        elif keyword == "msgstr" or keyword.startswith("msgstr["):
            _, bracket, index = keyword.partition("[")
            target = current.strings[int(index[:-1]) if bracket else 0] = [arg]
    if current.ids:
        yield current


@dataclass
class _Merged:
    ids: tuple[str, ...]
    strings: dict[int, str]
    fuzzy: bool


class Translations(gettext.NullTranslations):
    """gettext's lookups over the merged messages: (context, id) → text, plural forms as (context, id, index)."""

    def __init__(self, messages: dict[tuple, str], plural: Callable[[int], int]) -> None:
        super().__init__()
        self._messages = messages
        self.plural = plural

    def gettext(self, message: str) -> str:
        return self._messages.get((None, message), message)

    def pgettext(self, context: str, message: str) -> str:
        return self._messages.get((context, message), message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self._messages.get((None, msgid1, self.plural(n)), msgid1 if n == 1 else msgid2)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return self._messages.get((context, msgid1, self.plural(n)), msgid1 if n == 1 else msgid2)


def _plural_forms(header: str) -> tuple[int, str] | None:
    match = re.search(r"^Plural-Forms:\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;\n]+)", header, re.MULTILINE)
    return (int(match.group(1)), match.group(2).strip()) if match else None


def load(files: Iterable[Path]) -> tuple[Translations, frozenset[Key]]:
    """The translations of these PO files merged in order, and every (context, id) they translate."""
    merged: dict[Key, _Merged] = {}
    forms: tuple[int, str] | None = None
    for path in files:
        with path.open(encoding="utf-8") as handle:
            for entry in entries(handle):
                if entry.obsolete:
                    continue
                ids = tuple(entry.text(parts) for parts in entry.ids)
                strings = {index: entry.text(parts) for index, parts in entry.strings.items()}
                if not ids[0]:  # the header
                    forms = forms or _plural_forms(strings.get(0, ""))
                    continue
                if len(ids) == 1 and not strings.get(0):
                    continue  # untranslated
                key = (None if entry.context is None else entry.text(entry.context), ids[0])
                current = merged.get(key)
                if current is None:
                    merged[key] = _Merged(ids, strings, entry.fuzzy)
                    continue
                if len(ids) > 1 and len(current.ids) == 1:  # a later plural form replaces a singular one
                    current.ids, current.strings = ids, strings
                current.fuzzy = current.fuzzy or entry.fuzzy
    count, expression = forms or (2, "(n != 1)")
    messages: dict[tuple, str] = {}
    for (context, msgid), message in merged.items():
        if message.fuzzy:
            continue
        if len(message.ids) == 1:
            messages[(context, msgid)] = message.strings[0]
            continue
        for index in range(count):
            messages[(context, msgid, index)] = message.strings.get(index) or message.ids[min(index, 1)]
    return Translations(messages, gettext.c2py(expression)), frozenset(merged)
