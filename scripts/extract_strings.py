"""List every user-facing English string (tr/trc/ntr calls and the label tables) and those missing a translation.

Run: python scripts/extract_strings.py [--missing LANG | --pot]
  --missing LANG  print, as JSON, the strings (and plurals) the LANG catalogue lacks
  --pot           write resources/translations/churnguard.pot, the template a translator starts from
"""
from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Module-level tables whose every string literal (dict values, or every text of a tuple) is shown to users.
TABLES = {"TEXTS", "FIELD_LABELS", "STATUS_LABELS", "CLIENT_STATUS_LABELS", "REASON_LABELS", "STATUS_TEXT",
          "_CLIENT_COLUMNS", "HEADERS", "AGREEMENT_KIND_LABELS", "AGREEMENT_STATUS_LABELS", "CATEGORY_LABELS",
          "LEVEL_LABELS", "DECISION_LABELS", "REHIRE_LABELS", "JOB_HEADERS", "QUESTION_HEADERS", "REFERENCE_HEADERS",
          "JOB_COLUMNS", "REFERENCE_COLUMNS", "RULE_LABELS",
          "CHECKLIST_COLUMNS", "WARNING_LABELS", "THRESHOLD_LABELS", "HANDOVER_LABELS", "KEY_REASONS",
          "FIRM_CONTACT_LABELS", "INCENTIVE_LABELS", "LOSS_LABELS", "RISK_LABELS", "REMINDER_LABELS", "MEASURE_LABELS",
          "MEASURE_KIND_LABELS"}

# A message: (context, id) for a plain string, (context, (singular, plural)) for a counted phrase.
Message = tuple[str | None, str | tuple[str, str]]


def _text(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _from_call(node: ast.Call) -> Message | None:
    func = node.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    args = list(node.args)
    if name == "translate" and len(args) >= 2:  # QCoreApplication.translate(context, text, disambiguation)
        text = _text(args[1])
        return (_text(args[2]) if len(args) > 2 else None, text) if text else None
    if name in ("tr", "_t") and args:
        text = _text(args[0])
        context = _text(args[1]) if name == "tr" and len(args) > 1 else None  # Qt's disambiguation
        return (context, text) if text else None
    if name == "trc" and len(args) >= 2:
        context, text = _text(args[0]), _text(args[1])
        return (context, text) if context and text else None
    if name == "ntr" and len(args) >= 2:
        singular, plural = _text(args[0]), _text(args[1])
        return (None, (singular, plural)) if singular and plural else None
    return None


def _plurals(node: ast.Assign | ast.AnnAssign) -> set[Message]:
    """core.messages.PLURALS: code → (singular, plural, the detail holding the count), each a counted phrase."""
    targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
    if not isinstance(node.value, ast.Dict) or not any(isinstance(t, ast.Name) and t.id == "PLURALS" for t in targets):
        return set()
    return {(None, (singular, plural)) for v in node.value.values if isinstance(v, ast.Tuple) and len(v.elts) == 3
            and (singular := _text(v.elts[0])) and (plural := _text(v.elts[1]))}


def _from_table(node: ast.Assign | ast.AnnAssign) -> set[Message]:
    targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
    if node.value is None or not any(isinstance(t, ast.Name) and t.id in TABLES for t in targets):
        return set()
    value = node.value
    if isinstance(value, ast.Dict):
        return {(None, t) for v in value.values if (t := _text(v))}
    if isinstance(value, ast.List | ast.Tuple) and all(isinstance(e, ast.Tuple) for e in value.elts):
        # (key, label) pairs: the label is the last string of each pair
        return {(None, t) for e in value.elts if isinstance(e, ast.Tuple) and (t := _text(e.elts[-1]))}
    return {(None, c.value) for c in ast.walk(value) if isinstance(c, ast.Constant) and isinstance(c.value, str)}


def messages() -> set[Message]:
    found: set[Message] = set()
    for path in sorted((ROOT / "churnguard_gui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and (message := _from_call(node)):
                found.add(message)
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                found |= _from_table(node) | _plurals(node)
    return found


def strings() -> set[str]:
    """The plain strings (no context, not counted): kept for callers that want only those."""
    return {m for c, m in messages() if c is None and isinstance(m, str)}


def missing(lang: str) -> list[str]:
    from churnguard_gui.i18n import read_catalog

    catalog = read_catalog(lang)
    lacking = []
    for context, message in messages():
        key = message if isinstance(message, str) else message[0]
        entry = catalog.get(key, context=context)
        if entry is None or not entry.string or (not isinstance(message, str) and not entry.pluralizable):
            lacking.append(f"{context}\x04{key}" if context else key)
    return sorted(lacking)


def write_pot(path: Path) -> None:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalog = Catalog(project="ChurnGuard", fuzzy=False)
    for context, message in messages():
        catalog.add(message, context=context)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=0, sort_output=True, omit_header=False)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--missing":
        print(json.dumps(missing(sys.argv[2]), ensure_ascii=False, indent=1))
    elif len(sys.argv) > 1 and sys.argv[1] == "--pot":
        target = ROOT / "resources" / "translations" / "churnguard.pot"
        write_pot(target)
        print(target)
    else:
        print(json.dumps(sorted(strings()), ensure_ascii=False, indent=1))
