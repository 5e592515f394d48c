"""Rotation planner (tactic 7): move some of a salesperson's clients to colleagues when warning signs appear."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from churnguard_gui.core.assignment import DEFAULT_KEEP_SHARE, Move, loads_after, propose_rotation
from churnguard_gui.core.errors import ChurnError
from churnguard_gui.core.values import format_money
from churnguard_gui.i18n import ntr
from churnguard_gui.store.assignment import apply_rotation, colleagues, held_clients, warning_sign_counts
from churnguard_gui.ui.errors import show_error
from churnguard_gui.ui.rows_model import RowsModel
from churnguard_gui.ui.tactic_forms import PersonDelegate, table


class RotationDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None, staff_id: int | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("Rotation planner"))
        self.person = QComboBox()
        self.keep = QSpinBox()
        self.keep.setRange(0, 100)
        self.keep.setSuffix(" %")
        self.keep.setValue(DEFAULT_KEEP_SHARE)
        self.propose_button = QPushButton(self.tr("Propose"))
        self.propose_button.clicked.connect(self.propose)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Salesperson:")))
        top.addWidget(self.person, 1)
        top.addWidget(QLabel(self.tr("keeps at most")))
        top.addWidget(self.keep)
        top.addWidget(QLabel(self.tr("of the value they hold")))
        top.addWidget(self.propose_button)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.targets: dict[int, int | None] = {}
        self.model = RowsModel([
            (self.tr("Move"), lambda c: c.code), (self.tr("Client"), lambda c: c.name),
            (self.tr("Tier"), lambda c: c.tier), (self.tr("Annual value"), lambda c: format_money(c.value)),
            (self.tr("Move to"), lambda c: self._name(self.targets.get(c.client_id)))],
            parent=self, checkable=True, numeric=(3,))
        self.model.edit_column = 4
        self.model.on_edit = self._retarget
        self.model.dataChanged.connect(lambda *_: self.preview())
        self.view = table(self.model, editable=True)
        self.loads = RowsModel([
            (self.tr("Person"), lambda r: r[0].name), (self.tr("Department"), lambda r: r[0].department),
            (self.tr("Clients now"), lambda r: r[0].clients),
            (self.tr("Value now"), lambda r: format_money(r[0].value)),
            (self.tr("Clients after"), lambda r: r[1]), (self.tr("Value after"), lambda r: format_money(r[2]))],
            parent=self, alert=lambda r: r[1] != r[0].clients, numeric=(2, 3, 4, 5))
        self.loads_view = table(self.loads, editable=False)
        self.apply_button = QPushButton(self.tr("Apply rotation"))
        self.apply_button.clicked.connect(self.apply)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.apply_button)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 3)
        layout.addWidget(QLabel(self.tr("Load per person after the rotation")))
        layout.addWidget(self.loads_view, 2)
        layout.addLayout(buttons)
        self.resize(1000, 680)
        self._fill_people(staff_id)
        self.person.currentIndexChanged.connect(self.propose)
        self.propose()

    def _fill_people(self, staff_id: int | None) -> None:
        self.team = colleagues(self.db)
        self.names = {c.staff_id: c.name for c in self.team}
        self.view.setItemDelegateForColumn(4, PersonDelegate(sorted(self.names.items(), key=lambda kv: kv[1]), self))
        signs = warning_sign_counts(self.db)
        holders = sorted((c for c in self.team if c.clients), key=lambda c: (-signs.get(c.staff_id, 0), -c.value))
        for person in holders:
            label = f"{person.name} — {person.clients} · ¥{format_money(person.value)}"
            if signs.get(person.staff_id):
                label += "  ⚠ " + ntr("{n} warning sign", "{n} warning signs", signs[person.staff_id])
            self.person.addItem(label, person.staff_id)
        if staff_id is not None and self.person.findData(staff_id) >= 0:
            self.person.setCurrentIndex(self.person.findData(staff_id))

    def _name(self, staff_id: int | None) -> str:
        return self.names.get(staff_id, "") if staff_id is not None else ""

    def person_id(self) -> int | None:
        return self.person.currentData()

    def propose(self) -> None:
        person_id = self.person_id()
        self.held = held_clients(self.db, person_id) if person_id is not None else []
        department = next((c.department for c in self.team if c.staff_id == person_id), "")
        moves = propose_rotation(self.held, self.team, department, person_id or -1, self.keep.value())
        self.targets = {m.client_id: m.to_id for m in moves}
        chosen = {m.client_id for m in moves}
        for client in self.held:  # unticked rows still show where they would go
            self.targets.setdefault(client.client_id, moves[0].to_id if moves else None)
        self.model.set_rows(self.held, {i for i, c in enumerate(self.held) if c.client_id in chosen})
        moved = sum(c.value for c in self.held if c.client_id in chosen)
        total = sum(c.value for c in self.held)
        self.note.setText(self.tr(
            "Proposed: move {count} of {total_count} clients (¥{moved} of ¥{total} a year) to colleagues; tick or "
            "untick clients and choose who takes each. The salesperson stays on each moved client as backup "
            "for the introduction.").format(count=len(chosen), total_count=len(self.held), moved=format_money(moved),
                                            total=format_money(total)))
        self.preview()

    def _retarget(self, row: int, staff_id: object) -> None:
        client = self.model.row_at(row)
        if client is not None and isinstance(staff_id, int):
            self.targets[client.client_id] = staff_id

    def moves(self) -> list[Move]:
        rows = self.model.rows()
        person_id = self.person_id()
        moves = []
        for i in self.model.checked_rows():
            target = self.targets.get(rows[i].client_id)
            if target is not None and target != person_id:
                moves.append(Move(rows[i].client_id, target))
        return moves

    def preview(self) -> None:
        person_id = self.person_id()
        moves = self.moves()
        touched = {m.to_id for m in moves} | {person_id}
        self.loads.set_rows([r for r in loads_after(self.team, self.held, moves, person_id or -1)
                             if r[0].staff_id in touched or r[0].clients])

    def apply(self) -> None:
        moves = self.moves()
        person_id = self.person_id()
        if not moves or person_id is None:
            QMessageBox.information(self, self.tr("Rotation planner"), self.tr("Tick the clients to move first."))
            return
        answer = QMessageBox.question(self, self.tr("Rotation planner"), ntr(
            "Move {n} client from {name} to the colleague shown? The ownership history records the move as "
            "rotation.",
            "Move {n} clients from {name} to the colleagues shown? The ownership history records each move "
            "as rotation.", len(moves), name=self._name(self.person_id())))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            count = apply_rotation(self.db, person_id, moves)
        except ChurnError as error:
            show_error(self, error)
            return
        QMessageBox.information(self, self.tr("Rotation planner"),
                                ntr("{n} client has a new owner.", "{n} clients have a new owner.", count))
        current = self.person_id()
        self.person.blockSignals(True)
        self.person.clear()
        self._fill_people(current)
        self.person.blockSignals(False)
        self.propose()
