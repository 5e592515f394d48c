"""List every user-facing English string (tr() calls and the label tables) and those missing a translation.

Run: python scripts/extract_strings.py [--missing LANG]
"""
from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Module-level tables whose every string literal (dict values, or every text of a tuple) is shown to users.
TABLES = {"TEXTS", "FIELD_LABELS", "STATUS_LABELS", "CLIENT_STATUS_LABELS", "REASON_LABELS", "STATUS_TEXT",
          "_CLIENT_COLUMNS", "HEADERS", "AGREEMENT_KIND_LABELS", "AGREEMENT_STATUS_LABELS", "CATEGORY_LABELS",
          "LEVEL_LABELS", "DECISION_LABELS", "REHIRE_LABELS", "JOB_HEADERS", "QUESTION_HEADERS", "REFERENCE_HEADERS",
          "JOB_COLUMNS", "REFERENCE_COLUMNS", "RULE_LABELS",
          "CHECKLIST_COLUMNS"}


def strings() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "churnguard_gui").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                args = node.args[1:] if name == "translate" else node.args[:1] if name in ("tr", "_t") else []
                found |= {a.value for a in args[:1] if isinstance(a, ast.Constant) and isinstance(a.value, str)}
            elif isinstance(node, ast.AnnAssign | ast.Assign):
                targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
                named = any(isinstance(t, ast.Name) and t.id in TABLES for t in targets)
                if named and isinstance(node.value, ast.Dict):
                    found |= {v.value for v in node.value.values if isinstance(v, ast.Constant)}
                elif named and isinstance(node.value, ast.List | ast.Tuple) and all(
                        isinstance(e, ast.Tuple) for e in node.value.elts):
                    # (key, label) pairs: the label is the last string of each pair
                    found |= {e.elts[-1].value for e in node.value.elts
                              if isinstance(e.elts[-1], ast.Constant) and isinstance(e.elts[-1].value, str)}
                elif named:
                    found |= {c.value for c in ast.walk(node.value)
                              if isinstance(c, ast.Constant) and isinstance(c.value, str)}
    return found


if __name__ == "__main__":
    all_strings = strings()
    if len(sys.argv) > 2 and sys.argv[1] == "--missing":
        path = ROOT / "resources" / "translations" / f"{sys.argv[2]}.json"
        catalog = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        all_strings = {s for s in all_strings if s not in catalog}
    print(json.dumps(sorted(all_strings), ensure_ascii=False, indent=1))
