"""On the departure page: the 12-month average pay at departure, the floor recomputed, and enforce or waive for
each signed non-compete (a waiver at departure costs nothing; it is printed for the leaver to sign for)."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLineEdit, QVBoxLayout, QWidget

from churnguard_gui.core.errors import FieldProblem
from churnguard_gui.core.legal import JURISDICTIONS, below_floor_at_departure, region_floor
from churnguard_gui.core.values import clean_text, format_money, parse_money
from churnguard_gui.i18n import ntr
from churnguard_gui.store.agreements import StoredAgreement, departure_noncompetes
from churnguard_gui.store.settings import get_setting
from churnguard_gui.ui.widgets import WARNING_COLOUR, message_label


def _t(text: str) -> str:
    """Marks a label for the translation catalogue; translated where shown."""
    return text


DECISIONS = (("", _t("Choose…")), ("enforce", _t("Enforce: the non-compete applies and the firm pays each month")),
             ("waive", _t("Waive: written notice at departure, no compensation owed")))


class NoncompeteBox(QGroupBox):
    """Shown only when the person has a signed non-compete."""

    def __init__(self, db, staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Non-compete at departure"))
        self.agreements: list[StoredAgreement] = departure_noncompetes(db, staff.id)
        self.minimum = _money(get_setting(db, "minimum_wage")) or 0
        self.region = get_setting(db, "firm_region", "national") or "national"
        self.pay = QLineEdit(format_money(staff.monthly_wage) if staff.monthly_wage else "")
        self.pay.setPlaceholderText(self.tr("with commission and bonuses"))
        self.choices: dict[int, QComboBox] = {}
        self.warning = message_label(WARNING_COLOUR)
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addWidget(self.warning)  # below the form: a wrapped label inside a form row gets clipped
        form.addRow(self.tr("Average monthly pay of the last 12 months (¥)"), self.pay)
        for stored in self.agreements:
            combo = QComboBox()
            for code, label in DECISIONS:
                combo.addItem(self.tr(label), code)
            decided = stored.departure_decision or ("waive" if stored.release_kind == "waiver" else "")
            combo.setCurrentIndex(max(combo.findData(decided), 0))
            self.choices[stored.id] = combo
            text = ntr("{document}: ¥{amount} a month for {n} month", "{document}: ¥{amount} a month for {n} months",
                       stored.draft.months, document=stored.document_no,
                       amount=format_money(stored.draft.monthly_compensation))
            form.addRow(text, combo)
            combo.currentIndexChanged.connect(self.update_warning)
        self.pay.textChanged.connect(self.update_warning)
        self.update_warning()

    def average_pay(self) -> int | None:
        return _money(self.pay.text())

    def decisions(self) -> tuple[tuple[int, str], ...]:
        return tuple((aid, combo.currentData()) for aid, combo in self.choices.items() if combo.currentData())

    def undecided(self) -> list[str]:
        return [s.document_no for s in self.agreements if not self.choices[s.id].currentData()]

    def fill(self, average_pay: int | None, decisions: tuple[tuple[int, str], ...]) -> None:
        if average_pay:
            self.pay.setText(format_money(average_pay))
        for agreement_id, decision in decisions:
            if agreement_id in self.choices:
                combo = self.choices[agreement_id]
                combo.setCurrentIndex(max(combo.findData(decision), 0))

    def update_warning(self) -> None:
        pay = self.average_pay()
        lines = []
        for stored in self.agreements:
            law = JURISDICTIONS[stored.draft.jurisdiction]
            if pay is None or self.choices[stored.id].currentData() == "waive":
                continue
            floor = below_floor_at_departure(stored.draft.monthly_compensation, pay, self.minimum, law,
                                             stored.draft.floor_region)
            if floor:
                rule = region_floor(stored.draft.floor_region, law)
                lines.append(self.tr("{document}: the agreed ¥{amount} a month is now below the floor of ¥{floor} "
                                     "worked out from this pay ({source}). If you enforce it, pay at least the "
                                     "floor.").format(document=stored.document_no,
                                                      amount=format_money(stored.draft.monthly_compensation),
                                                      floor=format_money(floor), source=rule.source))
        if self.undecided():
            lines.append(self.tr("Decide for each non-compete: enforce, or waive in writing now (a waiver at "
                                 "departure costs nothing; later, a release costs three more months)."))
        self.warning.setText("\n".join(lines))
        # a wrapped label in a form row is not given its height: ask for it
        self.warning.setMinimumHeight(max(self.warning.heightForWidth(max(self.warning.width(), 600)), 0))


def _money(text: str) -> int | None:
    try:
        return parse_money(text) if clean_text(text) else None
    except FieldProblem:
        return None
