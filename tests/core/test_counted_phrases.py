"""No English text reads "1 clients": a number placed before a counted noun comes from a counted phrase (ntr)."""
from __future__ import annotations

import re
import sys

from churnguard_gui import i18n
from churnguard_gui.core.counts import firm_size, list_count
from churnguard_gui.core.errors import InputError
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import extract_strings  # noqa: E402

NOUNS = ("clients|rows|months|days|years|staff|people|agreements|reminders|backups|tasks|documents|"
         "candidates|hours|minutes|weeks|jobs|items|files|contacts")
COUNTED = re.compile(r"\{(\w+)\} (?:" + NOUNS + r")\b")
# Placeholders that hold a limit or a threshold from Firm settings, never 1 ("in the last {days} days").
THRESHOLDS = {"limit", "years", "days", "total", "total_count"}
# Plain texts (by their start) allowed a count before a plural noun, each with the reason.
ALLOWED = (
    # the agreement's own period, 6 to 24 months in practice, in a statement the leaver signs as printed
    "Non-compete ({document}): the firm requires me to perform it from {start} to {end} ({months} months)",
    # a record of a privacy measure: rows removed from the audit log in one go, many in practice
    "Names of deleted records removed from the audit log ({rows} rows)",
)


def test_every_count_before_a_plural_noun_is_a_counted_phrase():
    plain = {m for _, m in extract_strings.messages() if isinstance(m, str)}
    counted = {m[1] for _, m in extract_strings.messages() if not isinstance(m, str)}
    wrong = sorted(m for m in plain - counted if not m.startswith(ALLOWED)
                   if any(name not in THRESHOLDS for name in COUNTED.findall(m)))
    assert wrong == []


def test_one_of_each_reads_in_the_singular():
    assert firm_size(1, 1) == "1 client, 1 staff member"
    assert firm_size(300, 12) == "300 clients, 12 staff"
    assert str(InputError("rows_refused", details={"count": 1})) == "1 row cannot be imported; nothing was written"
    assert str(InputError("rows_refused", details={"count": 60})) == "60 rows cannot be imported; nothing was written"
    i18n.set_language("zh")
    assert firm_size(1, 12) == "1 个客户，12 名员工"


def test_a_list_counts_its_rows_in_the_right_form():
    assert list_count("clients", 1, 1) == "1 client"
    assert list_count("clients", 100_000, 100_000) == "100,000 clients"
    assert list_count("clients", 3, 300) == "3 of 300 clients"
    assert list_count("staff", 1, 1) == "1 staff member"
    assert list_count("agreements", 1, 1) == "1 agreement"
    i18n.set_language("zh")
    assert list_count("clients", 3, 300) == "3 / 300 个客户"
