"""The Risk tab: the early warning the owner reads in ten seconds — tiles, the concentration chart, the top 20."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from churnguard_gui.core.risk import WARNING_LABELS, RiskFigures, visit_schedule_text
from churnguard_gui.core.values import format_money
from churnguard_gui.i18n import join_names, ntr
from churnguard_gui.store.risk import client_count, risk_figures, single_threaded_clients, unvisited_clients
from churnguard_gui.ui.risk_chart_view import ChartView
from churnguard_gui.ui.risk_lists import RiskListDialog, RowsModel, rows_view

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from churnguard_gui.ui.workers import Worker

RED, AMBER, GREEN = "#c0392b", "#b9770e", "#1e8449"
MIN_TILE_HEIGHT = 72
# Clients from which the figures are computed off the GUI thread: they take about 60 ms per 100,000 clients on a
# quiet machine (tests/benchmarks/test_risk_tab.py), so a laptop four times slower reaches 0.5 s near 200,000.
BACKGROUND_FROM = 200_000
HANDOVER_LABELS = {"none": "not started", "draft": "draft", "handed_over": "clients handed over",
                   "complete": "complete"}


class Tile(QPushButton):
    """A big number, what it counts, and one line of detail; a click opens the list behind it."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"tile_{name}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.number = QLabel()
        self.caption = QLabel()
        self.detail = QLabel()
        for label in (self.number, self.caption, self.detail):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            label.setWordWrap(True)
        self.caption.setStyleSheet("font-weight: bold;")
        self.detail.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(1)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)
        layout.addWidget(self.detail)

    # A push button sizes itself by its own text: as tall as the labels inside want, down to 72 when squeezed
    # (three rows of tiles, with the tactics', still fit a 700×500 window).
    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        layout = self.layout()
        return (layout.sizeHint() if layout is not None else QSize()).expandedTo(QSize(120, MIN_TILE_HEIGHT))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(120, MIN_TILE_HEIGHT)

    def show_figure(self, number: str, caption: str, detail: str, colour: str) -> None:
        self.number.setText(f"<span style='font-size: 20pt; font-weight: bold; color: {colour};'>{number}</span>")
        self.caption.setText(caption)
        self.detail.setText(detail)
        self.setToolTip(f"{caption}\n{detail}\n" + self.tr("Click to see the list."))
        self.setStyleSheet(f"QPushButton#{self.objectName()} {{ text-align: left; border: 1px solid #c8ced6; "
                           f"border-left: 5px solid {colour}; border-radius: 4px; background: #fbfcfd; }} "
                           f"QPushButton#{self.objectName()}:hover {{ background: #eef3f8; }}")


class RiskTab(QWidget):
    """Computed when first shown and after every change (figures in SQL, one function for tab, report and CLI)."""

    changed = Signal()  # a record was edited from here
    report_requested = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None, today: Callable[[], dt.date] | None = None,
                 db_path: str | None = None) -> None:
        """db_path lets a large firm's figures be computed in a worker thread with its own connection."""
        super().__init__(parent)
        self.db = db
        self.db_path = db_path
        self.worker: Worker | None = None
        self._today = today or dt.date.today
        self._dirty = True
        self.figures: RiskFigures | None = None
        self.heading = QLabel()
        self.heading.setObjectName("risk_heading")
        self.heading.setWordWrap(True)
        self.report_button = QPushButton(self.tr("Risk report…"))
        self.report_button.clicked.connect(self.report_requested)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.recompute)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.report_button)
        self.tiles: dict[str, Tile] = {}
        grid = QGridLayout()
        grid.setSpacing(8)
        for n, (name, opener) in enumerate((
                ("concentration", self.show_concentration), ("single_threaded", self.show_single_threaded),
                ("confidentiality", self.show_without_confidentiality), ("noncompete", self.show_key_people),
                ("notice", self.show_notice), ("compensation", self.show_payments), ("signs", self.show_signs),
                ("unvisited", self.show_unvisited), *self._tactic_tiles())):
            tile = Tile(name)
            tile.clicked.connect(opener)
            self.tiles[name] = tile
            grid.addWidget(tile, n // 4, n % 4)
        self.chart = ChartView(self)  # drawn by matplotlib once the numbers are on screen
        self.chart.setText(self.tr("Drawing the chart…"))
        self.top_title = QLabel()
        self.top_title.setWordWrap(True)
        self.top_model = RowsModel([self.tr("Client"), self.tr("Owner"), self.tr("Annual value (¥)")], [], (2,), self)
        self.top_view = rows_view(self.top_model, self.open_client)
        self.top_view.setObjectName("single_threaded_top")
        self.top_view.setToolTip(self.tr("Click a client to open its team and add a backup."))
        right = QVBoxLayout()
        right.addWidget(self.top_title)
        right.addWidget(self.top_view)
        left = QVBoxLayout()
        self.chart_title = QLabel()
        self.chart_title.setWordWrap(True)
        left.addWidget(self.chart_title)
        left.addWidget(self.chart, 1)
        bottom = QHBoxLayout()
        bottom.addLayout(left, 3)
        bottom.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(9, 6, 9, 6)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addLayout(bottom, 1)

    # -- computing
    def refresh(self) -> None:
        """Data changed: recompute now when visible, else when next shown."""
        self._dirty = True
        if self.isVisible():
            self.recompute()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._dirty:
            self.recompute()

    def recompute(self) -> None:
        self._dirty = False
        if self.worker is not None:  # a computation is running: do it once more when it ends
            self._dirty = True
            return
        if self.db_path in (None, ":memory:") or client_count(self.db) < BACKGROUND_FROM:
            self.show_figures(risk_figures(self.db, self._today()))
            return
        self._compute_in_background()

    def _compute_in_background(self) -> None:
        from churnguard_gui.store.db import open_db
        from churnguard_gui.ui.operations import operations
        from churnguard_gui.ui.workers import Worker

        path, today = self.db_path, self._today()

        def job(progress):
            db = open_db(path, create=False)
            try:
                return risk_figures(db, today)
            finally:
                db.close()

        self.refresh_button.setEnabled(False)
        self.heading.setText(self.heading.text() + "&nbsp;&nbsp;<i>" + self.tr("Computing…") + "</i>")
        worker = self.worker = Worker(job, self)
        worker.succeeded.connect(self.show_figures)
        worker.failed.connect(self._failed)
        worker.finished.connect(self._computed)
        operations().adopt(worker)  # waited for when the app ends mid-computation (else Qt aborts the process)
        worker.start()

    def _computed(self) -> None:
        import gc

        worker, self.worker = self.worker, None
        self.refresh_button.setEnabled(True)
        if worker is not None:
            QTimer.singleShot(0, worker.deleteLater)  # after the worker's other slots ran
        gc.collect()  # on the GUI thread: see gc_guard
        if self._dirty and self.isVisible():
            self.recompute()

    def _failed(self, error: BaseException) -> None:
        from churnguard_gui.core.errors import ChurnError
        from churnguard_gui.ui.errors import show_error

        if not isinstance(error, ChurnError):
            raise error
        show_error(self, error)

    def show_figures(self, f: RiskFigures) -> None:
        self.figures = f
        t = f.thresholds
        self.heading.setText("<span style='font-size: 13pt; font-weight: bold;'>" + self.tr("Early warning")
                             + "</span>&nbsp;&nbsp;" + self.tr(
            "{clients} active clients · ¥{value} a year · as of {date}").format(
            clients=f"{f.clients:,}", value=format_money(f.value), date=f.as_of))
        largest = f.concentration[0] if f.concentration else None
        self.tiles["concentration"].show_figure(
            str(len(f.flagged)), ntr("salesperson above {percent}% of client value",
                                     "salespeople above {percent}% of client value", len(f.flagged),
                                     percent=t.concentration_percent),
            self.tr("Largest: {name} {share}").format(name=largest.staff, share=f"{largest.share:.1%}")
            if largest else self.tr("No active clients yet."), RED if f.flagged else GREEN)
        self.tiles["single_threaded"].show_figure(
            f"{f.single_threaded_count:,}", self.tr("single-threaded clients (owner only)"),
            self.tr("¥{value}, {share} of client value").format(
                value=format_money(f.single_threaded_value),
                share=f"{f.single_threaded_value / f.value:.0%}" if f.value else "0%"),
            RED if f.single_threaded_count else GREEN)
        self.tiles["confidentiality"].show_figure(
            str(len(f.without_confidentiality)), self.tr("hold clients, no signed confidentiality agreement"),
            join_names(p.name for p in f.without_confidentiality[:4]) + ("…" if len(f.without_confidentiality) > 4
                                                                       else "") or self.tr("Everyone has signed."),
            RED if f.without_confidentiality else GREEN)
        self.tiles["noncompete"].show_figure(
            str(len(f.key_without_noncompete)), ntr("key person without a non-compete",
                                                    "key people without a non-compete", len(f.key_without_noncompete)),
            join_names(p.name for p in f.key_without_noncompete[:4]) + ("…" if len(f.key_without_noncompete) > 4
                                                                      else "") or self.tr("None."),
            AMBER if f.key_without_noncompete else GREEN)
        self.tiles["notice"].show_figure(str(len(f.on_notice)), self.tr("on notice"), self._notice_line(f),
                                         AMBER if f.on_notice else GREEN)
        overdue = f.overdue
        due = [p for p in f.payments if not p.overdue]
        self.tiles["compensation"].show_figure(
            f"{len(overdue)} / {len(due)}", self.tr("compensation overdue / due in 3 months"),
            self.tr("Overdue ¥{overdue} · due ¥{due}").format(overdue=format_money(sum(p.amount for p in overdue)),
                                                             due=format_money(sum(p.amount for p in due))),
            RED if overdue else AMBER if due else GREEN)
        people = f.signs_by_staff
        self.tiles["signs"].show_figure(
            str(len(people)), ntr("person with warning signs (last {days} days)",
                                  "people with warning signs (last {days} days)", len(people), days=t.sign_days),
            join_names(f"{name} ({count})" for name, count in list(people.items())[:3]) or self.tr("None recorded."),
            RED if people else GREEN)
        self.tiles["unvisited"].show_figure(
            f"{f.unvisited_count:,}", self.tr("key clients overdue for a manager visit"),
            self.tr("¥{value} · schedule in days: {schedule}").format(
                value=format_money(f.unvisited_value),
                schedule=visit_schedule_text(f.visit_intervals) or self.tr("none")),
            AMBER if f.unvisited_count else GREEN)
        self.show_tactics(f.tactics)
        self.chart_title.setText("<b>" + self.tr("Concentration: each salesperson's share of client value")
                                 + "</b>")
        self._draw_chart()  # after the numbers are on screen: the chart view draws in the next pass of the loop
        self.top_title.setText("<b>" + ntr("The largest single-threaded client — click it to add a backup",
                                           "The {n} largest single-threaded clients — click one to add a backup",
                                           len(f.single_threaded_top)) + "</b>")
        self.top_model.set_rows([(c.client_id, (c.name, c.owner, format_money(c.value)))
                                 for c in f.single_threaded_top])
        self.top_view.resizeColumnToContents(1)
        self.top_view.setColumnWidth(0, max(200, self.top_view.width() - 260))

    # -- the tactics' tiles (store/tactics.py), each opening the tactic's own window
    def _tactic_tiles(self) -> tuple:
        return (("firm_contact", lambda: self._open_tactic("firm_contact")),
                ("renewals", lambda: self._open_tactic("renewals")),
                ("one_contact", lambda: self._open_tactic("one_contact")),
                ("former_clients", lambda: self._open_tactic("former_clients")))

    def show_tactics(self, tactics: dict[str, dict[str, int]]) -> None:
        if not tactics:
            return
        firm, renewals = tactics["no_firm_contact_12_months"], tactics["renewals_due"]
        one, former = tactics["single_contact"], tactics["former_clients_at_risk"]
        self.tiles["firm_contact"].show_figure(
            f"{firm['count']:,}", self.tr("key clients without firm-level contact for 12 months"),
            self.tr("¥{value}").format(value=format_money(firm["value"])), AMBER if firm["count"] else GREEN)
        self.tiles["renewals"].show_figure(
            f"{renewals['count']:,}", self.tr("contracts ending within 60 days"),
            self.tr("¥{value}").format(value=format_money(renewals["value"])), AMBER if renewals["count"] else GREEN)
        self.tiles["one_contact"].show_figure(
            f"{one['one_contact_count']:,}", self.tr("clients with one contact person on their side"),
            self.tr("¥{value}").format(value=format_money(one["one_contact_value"])),
            AMBER if one["one_contact_count"] else GREEN)
        self.tiles["former_clients"].show_figure(
            f"{former['count']:,}", self.tr("former employees' clients at risk"),
            self.tr("{went} went with a former employee (¥{value})").format(
                went=former["went_with_former"], value=format_money(former["went_with_former_value"])),
            RED if former["went_with_former"] else AMBER if former["count"] else GREEN)

    def _open_tactic(self, name: str) -> None:
        dialog: QDialog
        if name == "firm_contact":
            from churnguard_gui.ui.firm_contact_dialog import FirmContactDialog

            dialog = FirmContactDialog(self.db, self)
        elif name == "renewals":
            from churnguard_gui.ui.renewals_dialog import RenewalsDialog

            dialog = RenewalsDialog(self.db, self)
        elif name == "one_contact":
            from churnguard_gui.ui.backups_dialog import BackupsDialog

            backups = BackupsDialog(self.db, self)
            backups.tabs.setCurrentIndex(1)
            dialog = backups
        else:
            from churnguard_gui.ui.former_clients_dialog import FormerClientsDialog

            dialog = FormerClientsDialog(self.db, self)
        dialog.exec()
        self.changed.emit()
        self.refresh()

    def _draw_chart(self) -> None:
        figures = self.figures
        if figures is None:
            return

        def draw(figure: Figure) -> None:
            from churnguard_gui.reports.risk_chart import draw_concentration

            draw_concentration(figure, figures)

        self.chart.set_drawing(draw)

    @property
    def figure(self) -> Figure | None:
        """matplotlib's figure of the chart (None until first drawn)."""
        return self.chart.figure

    def chart_ready(self) -> bool:
        """The chart shows the figures on screen now, at its present size."""
        return self.figures is not None and self.chart.is_current()

    def _notice_line(self, f: RiskFigures) -> str:
        if not f.on_notice:
            return self.tr("Nobody is leaving.")
        first = f.on_notice[0]
        line = self.tr("{name}: handover {state}, {done}/{total} tasks, {clients}").format(
            name=first.name, state=self.tr(HANDOVER_LABELS[first.handover]), done=first.tasks_done,
            total=first.tasks_total, clients=ntr("{n} client still owned", "{n} clients still owned",
                                                 first.clients_left))
        return line + ("…" if len(f.on_notice) > 1 else "")

    # -- the lists behind the tiles
    def _list(self, title: str, intro: str, headers: list[str], rows, right=(), opener=None) -> RiskListDialog:
        dialog = RiskListDialog(title, intro, headers, rows, right, opener, self)
        dialog.setObjectName("risk_list_dialog")
        dialog.open()
        return dialog

    def show_concentration(self) -> RiskListDialog:
        f = self._current()
        rows = [(h.staff_id, (h.staff, f"{h.clients:,}", format_money(h.value), f"{h.share:.1%}",
                              self.tr("above threshold") if h.flagged else "")) for h in f.concentration]
        return self._list(self.tr("Concentration"), self.tr(
            "Each salesperson's active clients and their share of the firm's client value. Above {percent}% is "
            "flagged: move clients or add backups.").format(percent=f.thresholds.concentration_percent),
            [self.tr("Salesperson"), self.tr("Active clients"), self.tr("Annual value (¥)"), self.tr("Share"), ""],
            rows, (1, 2, 3), self.open_staff)

    def show_single_threaded(self) -> RiskListDialog:
        rows = [(c.client_id, (c.code, c.name, c.owner, format_money(c.value)))
                for c in single_threaded_clients(self.db)]
        return self._list(self.tr("Single-threaded clients"), self.tr(
            "Active clients known to their owner only: no backup and no manager. Click one to open its team."),
            [self.tr("Code"), self.tr("Client"), self.tr("Owner"), self.tr("Annual value (¥)")], rows, (3,),
            self.open_client)

    def show_without_confidentiality(self) -> RiskListDialog:
        rows = [(p.staff_id, (p.name, p.detail, format_money(p.value)))
                for p in self._current().without_confidentiality]
        return self._list(self.tr("No signed confidentiality agreement"), self.tr(
            "Staff who own active clients and have not signed a confidentiality agreement (a non-compete alone "
            "does not contain one)."), [self.tr("Staff"), self.tr("Active clients"), self.tr("Annual value (¥)")],
            rows, (1, 2), self.open_staff)

    def show_key_people(self) -> RiskListDialog:
        reasons = {"secret_access": self.tr("access to trade secrets"),
                   "share": self.tr("holds a large share of client value")}
        rows = [(p.staff_id, (p.name, "; ".join(reasons[r] for r in p.detail.split(",") if r in reasons),
                              format_money(p.value))) for p in self._current().key_without_noncompete]
        return self._list(self.tr("Key people without a non-compete"), self.tr(
            "Employed staff with access to trade secrets or holding at least {percent}% of client value, without a "
            "signed non-compete.").format(percent=self._current().thresholds.key_person_percent),
            [self.tr("Staff"), self.tr("Why key"), self.tr("Annual value (¥)")], rows, (2,), self.open_staff)

    def show_notice(self) -> RiskListDialog:
        rows = [(p.staff_id, (p.name, p.last_day or "—", self.tr(HANDOVER_LABELS[p.handover]),
                              f"{p.tasks_done}/{p.tasks_total}", f"{p.progress:.0%}", f"{p.clients_left:,}",
                              format_money(p.value_left))) for p in self._current().on_notice]
        return self._list(self.tr("People on notice"), self.tr(
            "Who is leaving and how far their handover is. Start or continue it with Start exit… on the Staff "
            "tab."), [self.tr("Staff"), self.tr("Last day"), self.tr("Handover"), self.tr("Tasks done"),
                      self.tr("Progress"), self.tr("Clients still owned"), self.tr("Value still owned (¥)")],
            rows, (3, 4, 5, 6), self.open_staff)

    def show_payments(self) -> RiskListDialog:
        rows = [(None, (p.staff, p.document_no, str(p.number), p.due_on, format_money(p.amount),
                        self.tr("overdue") if p.overdue else self.tr("due"))) for p in self._current().payments]
        return self._list(self.tr("Non-compete compensation"), self.tr(
            "Monthly compensation overdue, or due within three months. Three unpaid months let the former "
            "employee end the non-compete (法释〔2020〕26号 第38条). Record payments on the Agreements tab."),
            [self.tr("Former employee"), self.tr("Document"), self.tr("Month"), self.tr("Due on"),
             self.tr("Amount (¥)"), self.tr("Status")], rows, (2, 4))

    def show_signs(self) -> RiskListDialog:
        rows = [(s.staff_id, (s.noted_on, s.staff, self.tr(WARNING_LABELS[s.kind]), s.note))
                for s in self._current().signs]
        return self._list(self.tr("Warning signs"), self.tr(
            "Signs recorded on staff records in the last {days} days. Record one with Warning signs… in the staff "
            "record.").format(days=self._current().thresholds.sign_days),
            [self.tr("Date"), self.tr("Staff"), self.tr("Sign"), self.tr("Note")], rows, (), self.open_staff)

    def show_unvisited(self) -> RiskListDialog:
        rows = [(c.client_id, (c.code, c.name, c.owner, format_money(c.value), last or self.tr("never")))
                for c, last in unvisited_clients(self.db, self._today())]
        return self._list(self.tr("Key clients overdue for a manager visit"), self.tr(
            "Active clients whose last manager visit is older than their tier's schedule (days between visits: "
            "{schedule}), or who were never visited. Change the schedule in Manager visits….").format(
            schedule=visit_schedule_text(self._current().visit_intervals) or self.tr("none")),
            [self.tr("Code"), self.tr("Client"), self.tr("Owner"), self.tr("Annual value (¥)"),
             self.tr("Last manager visit")], rows, (3,), self.open_client)

    def _current(self) -> RiskFigures:
        """The figures shown (a tile clicked before the first background computation ends computes them here)."""
        if self.figures is None:
            self.figures = risk_figures(self.db, self._today())
        return self.figures

    # -- opening records
    def open_client(self, client_id: int) -> None:
        """The client's record on its Team tab, where a backup or manager is added."""
        from churnguard_gui.ui.client_dialog import ClientDialog

        dialog = ClientDialog(self.db, client_id, self)
        dialog.show_team()
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed.emit()

    def open_staff(self, staff_id: int) -> None:
        from churnguard_gui.ui.staff_dialog import StaffDialog

        StaffDialog.ask(self.db, staff_id, self)
        self.changed.emit()  # warning signs are written as they are added, even when the record is not saved
