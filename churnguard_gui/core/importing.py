"""Turning a read table into checked records: an import plan, with every refused cell named."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from churnguard_gui.core.errors import Cancelled, FieldProblem, InputError
from churnguard_gui.core.fields import CLIENT_STATUSES, DATE_FIELDS, MONEY_FIELDS, STAFF_STATUSES, TIERS
from churnguard_gui.core.headers import ColumnMap, map_columns
from churnguard_gui.core.limits import MAX_LISTED
from churnguard_gui.core.models import Client, Contact, Staff
from churnguard_gui.core.tabular import Table
from churnguard_gui.core.team_names import split_names, team_names
from churnguard_gui.core.validate import NAME_LIMIT
from churnguard_gui.core.values import (
    clean_text,
    parse_choice,
    parse_date,
    parse_email,
    parse_money,
    parse_phone,
    parse_yes_no,
    plain_text,
)

STAFF_STATUS_ALIASES = {"在职": "active", "employed": "active", "正式": "active", "试用": "active", "试用期": "active",
                        "候选": "candidate", "候选人": "candidate", "待入职": "candidate",
                        "离职中": "notice", "交接中": "notice", "已提离职": "notice",
                        "离职": "left", "已离职": "left", "未录用": "rejected"}
CLIENT_STATUS_ALIASES = {"合作中": "active", "正常": "active", "活跃": "active", "成交客户": "active",
                         "在合作": "active", "合作": "active", "已成交": "active", "current": "active",
                         "潜在": "prospect", "意向": "prospect", "潜在客户": "prospect", "意向客户": "prospect",
                         "休眠": "dormant", "沉睡": "dormant", "暂停": "dormant", "暂停合作": "dormant",
                         "流失": "lost", "已流失": "lost", "丢失": "lost", "停止合作": "lost", "终止合作": "lost"}
TIER_ALIASES = {"a级": "A", "b级": "B", "c级": "C", "a类": "A", "b类": "B", "c类": "C",
                "vip": "A", "重点": "A", "重要": "A", "一般": "B", "普通": "C"}


@dataclass
class ClientRow:
    row: int
    client: Client
    owner_name: str
    backup_names: tuple[str, ...] = ()
    manager_name: str = ""


@dataclass
class StaffRow:
    row: int
    staff: Staff
    manager_name: str


KEEP_RECORDS = 20_000  # a plan for a bigger file keeps no records: they are read from the file again when written


@dataclass
class ImportPlan:
    """What an import would write, what it refuses, and the staff it would create.

    problems keeps the first MAX_LISTED refusals (problem_count counts them all); warnings are things read
    but worth a look, such as a formula without a saved value imported as its text. A file of more than
    KEEP_RECORDS good rows keeps its records out of memory: all_records() reads them again from the file.
    """

    kind: str
    file: str
    records: list = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)
    new_staff: list[str] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    columns: list[ColumnMap] = field(default_factory=list)
    warnings: list[InputError] = field(default_factory=list)
    warning_count: int = 0
    problem_count: int = 0
    unassigned: int = 0  # clients imported without an owner, flagged as needing one
    record_count: int = 0
    _refused: set[int] = field(default_factory=set, repr=False)
    _replay: Callable[[], Iterator] | None = field(default=None, repr=False)

    @property
    def total(self) -> int:
        """How many records would be written."""
        return self.record_count if self._replay is not None else len(self.records)

    def all_records(self) -> Iterator:
        """Every record to write, in file order: the ones kept, or for a big file read again from the file."""
        return self._replay() if self._replay is not None else iter(self.records)

    def _keep(self, records: Iterator, replay: Callable[[], Iterator]) -> None:
        for record in records:
            self.record_count += 1
            if self._replay is None:
                self.records.append(record)
                if len(self.records) > KEEP_RECORDS:
                    self.records.clear()
                    self._replay = replay

    def refuse(self, problem: InputError) -> None:
        self.problem_count += 1
        if problem.row is not None:
            self._refused.add(problem.row)
        if len(self.problems) < MAX_LISTED:
            self.problems.append(problem)

    @property
    def refused_rows(self) -> list[int]:
        return sorted(self._refused | {p.row for p in self.problems if p.row is not None})


@dataclass(frozen=True)
class Owners:
    """Who owns the clients of a file that names no owner: one person (default), or nobody yet (unassigned)."""

    default: str = ""
    unassigned: bool = False


def name_key(name: str) -> str:
    """How names are matched: full-width folded, spaces collapsed, Latin letters in lower case."""
    return " ".join(clean_text(name).split()).lower()


# People's names repeat on every row of a client file (a thousand staff over 100,000 clients): keyed once each.
_person_key = lru_cache(maxsize=8192)(name_key)


class SeenKeys(Protocol):
    """The keys (codes, names) met so far in a file, with the row each was first met on."""

    def first(self, key: str, row: int) -> int | None:
        """The row key was first met on, or None when it is new (and then row is remembered for it)."""


class DictSeen:
    """SeenKeys in a dict: fine for any file that fits in memory many times over (the store offers a bounded one)."""

    def __init__(self) -> None:
        self._rows: dict[str, int] = {}

    def first(self, key: str, row: int) -> int | None:
        other = self._rows.get(key)
        if other is None:
            self._rows[key] = row
        return other


def _money_reader(multiplier: int) -> Callable[[object], object]:
    def read(raw: object) -> object:
        return parse_money(raw, multiplier) if clean_text(raw) else None
    return read


class _Column:
    """One mapped column and its reader. Text that recurs down the column (an owner, a date, an amount, a tier) is
    read once and remembered; a column whose text hardly recurs (names, phones) stops remembering after PROBE rows
    (_read_rows decides), and any column stops at KEEP values, so memory stays flat on a file of a million rows."""

    __slots__ = ("column", "index", "name", "reader", "memo")

    PROBE = 4096
    KEEP = 20_000

    def __init__(self, column: ColumnMap, reader: Callable) -> None:
        self.column, self.index, self.name, self.reader = column, column.index, column.field, reader
        self.memo: dict[str, object] | None = {}

    def first_read(self, raw: str) -> object:
        """raw read for the first time (a refused value raises and is not remembered)."""
        value = self.reader(raw)
        if self.memo is not None:
            self.memo[raw] = value
            if len(self.memo) >= self.KEEP:
                self.memo = None
        return value

    def probed(self) -> None:
        """After PROBE rows: keep remembering only if the column's text recurs (dates do; names and phones not)."""
        if self.memo is not None and len(self.memo) > self.PROBE * 3 // 4:
            self.memo = None


_MISSING = object()


def _read_row(values: list[object], columns: list[_Column], problem: Callable[[ColumnMap, FieldProblem], None]
              ) -> dict[str, object]:
    out: dict[str, object] = {}
    width = len(values)
    for column in columns:  # the remembering inlined: this loop runs for every cell of a big file
        try:
            raw = values[column.index] if column.index < width else None
            memo = column.memo
            if memo is not None and type(raw) is str:  # only text: 1, 1.0 and True are equal keys in a dict
                value = memo.get(raw, _MISSING)
                out[column.name] = column.first_read(raw) if value is _MISSING else value
            else:
                out[column.name] = column.reader(raw)
        except FieldProblem as exc:
            problem(column.column, exc)
    return out


def _name_problem(name: str) -> FieldProblem | None:
    if not name:
        return FieldProblem("required")
    if len(name) > NAME_LIMIT:
        return FieldProblem("too_long", length=len(name), limit=NAME_LIMIT)
    return None


def plan_import(table: Table, kind: str, overrides: dict[str, str | None] | None, staff_names: set[str],
                client_names: set[str] | None = None, client_codes: set[str] | None = None,
                owners: Owners | None = None, progress: Callable[[int, int], bool] | None = None,
                seen: Callable[[], SeenKeys] = DictSeen) -> ImportPlan:
    """Check every row against itself and against the name keys and codes already stored.

    owners says who owns clients the file gives no owner; a client file without an owner column is refused
    unless it is given. progress(done, total) is asked every 1,000 rows; False cancels.
    """
    plan, records, replay = check_rows(table, kind, overrides, staff_names, client_names, client_codes, owners,
                                       progress, seen)
    plan._keep(records, replay)
    return plan


def check_rows(table: Table, kind: str, overrides: dict[str, str | None] | None, staff_names: set[str],
               client_names: set[str] | None = None, client_codes: set[str] | None = None,
               owners: Owners | None = None, progress: Callable[[int, int], bool] | None = None,
               seen: Callable[[], SeenKeys] = DictSeen) -> tuple[ImportPlan, Iterator, Callable[[], Iterator]]:
    """The plan (empty yet), the iterator of its good records in file order (which fills the plan's counts,
    problems and new staff as it is read: one pass over the file, nothing kept), and a way to read them again.
    seen makes the store of codes and names met in the file (a dict unless the caller offers a bounded one)."""
    columns, unmapped = map_columns(table.headers, kind, overrides)
    file = table.path.replace("\\", "/").rsplit("/", 1)[-1]
    if not any(c.field == "name" for c in columns):
        raise InputError("no_name_column", file=file,
                         details={"kind": "client" if kind == "clients" else "staff"})
    owners = owners or Owners()
    if owners.default and (problem := _name_problem(owners.default)) is not None:
        raise problem.at("owner", file=file)
    if kind == "clients" and not any(c.field == "owner" for c in columns) and not (owners.default
                                                                                    or owners.unassigned):
        raise InputError("no_owner_column", file=file)
    plan = ImportPlan(kind, file, unmapped=unmapped, columns=columns,
                      warnings=list(getattr(table, "warnings", [])), warning_count=getattr(table, "warning_count", 0))
    def records(target: ImportPlan, report: Callable[[int, int], bool] | None) -> Iterator:
        if kind == "clients":
            return _client_records(table, target, staff_names, client_names or set(), client_codes or set(), owners,
                                   report, seen())
        return _staff_records(table, target, staff_names, report)

    def replay() -> Iterator:  # the same rows, checked the same way; their problems are known already
        return records(ImportPlan(kind, file, columns=columns), None)

    return plan, records(plan, progress), replay


def _readers(kind: str) -> dict[str, Callable]:
    readers: dict[str, Callable] = {f: parse_date for f in DATE_FIELDS}
    # Chosen from a handful of values (a tier, a status) on every row: read once each.
    choice = lru_cache(maxsize=256)
    readers.update(phone=parse_phone, email=parse_email)
    if kind == "clients":
        tier = choice(lambda v: parse_choice(v, TIERS, TIER_ALIASES))
        status = choice(lambda v: parse_choice(v, CLIENT_STATUSES, CLIENT_STATUS_ALIASES))
        readers["tier"] = lambda v: tier(v) if isinstance(v, str) else parse_choice(v, TIERS, TIER_ALIASES)
        readers["status"] = lambda v: status(v) if isinstance(v, str) else parse_choice(v, CLIENT_STATUSES,
                                                                                         CLIENT_STATUS_ALIASES)
        readers["backups"] = readers["manager"] = split_names
    else:
        readers["status"] = lambda v: parse_choice(v, STAFF_STATUSES, STAFF_STATUS_ALIASES)
        readers["secret_access"] = parse_yes_no
    return readers


def _collector(plan: ImportPlan, row: int) -> Callable[[ColumnMap | None, FieldProblem], None]:
    def problem(column: ColumnMap | None, exc: FieldProblem, value: str | None = None,
                field_name: str | None = None) -> None:
        plan.refuse(InputError(
            exc.code, file=plan.file, row=row, column=column.header if column else None,
            field=column.field if column else field_name,
            value=value if value is not None else str(exc.details.get("value", "")),
            details={k: v for k, v in exc.details.items() if k != "value"}))
    return problem


@dataclass(slots=True)
class _Row:
    """One data row as read: its values, its name, and where to report its problems."""

    row: int
    data: dict[str, object]
    name: str
    problem: Callable
    plan: ImportPlan
    before: int

    def refused(self) -> bool:
        return self.plan.problem_count > self.before


def _read_rows(table: Table, plan: ImportPlan, kind: str, progress: Callable[[int, int], bool] | None):
    """Every row read with the kind's readers; a missing or too long name is reported already."""
    readers = _readers(kind)
    columns = [_Column(c, _money_reader(c.multiplier) if c.field in MONEY_FIELDS else readers.get(c.field, plain_text))
               for c in plan.columns]
    by_field = {c.field: c for c in plan.columns}
    total = max(getattr(table, "row_count", 0), 0)
    for done, (row, values) in enumerate(table.rows, start=1):
        if progress is not None and done % 1000 == 0 and not progress(done, max(total, done)):
            raise Cancelled(file=plan.file)
        if done == _Column.PROBE:
            for column in columns:
                column.probed()
        problem = _collector(plan, row)
        before = plan.problem_count
        data = _read_row(values, columns, problem)
        name = str(data.get("name") or "")
        if (p := _name_problem(name)) is not None:
            problem(by_field["name"], p)
        yield _Row(row, data, name, problem, plan, before)


def _client_records(table: Table, plan: ImportPlan, staff_names: set[str], client_names: set[str],
                    existing_codes: set[str], owners: Owners, progress: Callable[[int, int], bool] | None,
                    seen: SeenKeys) -> Iterator[ClientRow]:
    by_field = {c.field: c for c in plan.columns}
    new_staff: dict[str, str] = {}
    optional = [f for f in _OPTIONAL_CLIENT_FIELDS if f in by_field]  # only the mapped ones are ever read
    has_team = "backups" in by_field or "manager" in by_field
    for read in _read_rows(table, plan, "clients", progress):
        row, data, name, problem = read.row, read.data, read.name, read.problem
        code = str(data.get("code") or "") or None
        if code is not None:
            if (other := seen.first("c" + code, row)) is not None:
                problem(by_field["code"], FieldProblem("duplicate_code_in_file", other_row=other), code)
            elif code in existing_codes:
                problem(by_field["code"], FieldProblem("duplicate_code"), code)
        elif name:
            key = name_key(name)
            if (other := seen.first("n" + key, row)) is not None:
                problem(by_field["name"], FieldProblem("duplicate_client_in_file", other_row=other), name)
            elif key in client_names:
                problem(by_field["name"], FieldProblem("duplicate_client"), name)
        status = data.get("status") or "active"
        owner = str(data.get("owner") or "") or owners.default
        needs_owner = not owner and status == "active"
        if needs_owner and not owners.unassigned:
            problem(by_field.get("owner"), FieldProblem("no_owner"), "", "owner")
        if has_team and (data.get("backups") or data.get("manager")):
            backups, manager = _team(read, owner, by_field)
        else:
            backups, manager = (), ""
        if read.refused():
            continue
        if owner and (key := _person_key(owner)) not in staff_names:
            new_staff.setdefault(key, owner)
        for person in (*backups, manager):
            if person and (key := _person_key(person)) not in staff_names:
                new_staff.setdefault(key, person)
        client = Client(
            code=code, name=name, status=str(status),
            annual_value=int(data.get("annual_value") or 0),
            **{f: value for f in optional if (value := data.get(f)) is not None and value != ""},
            needs_owner=needs_owner,
        )
        plan.unassigned += needs_owner
        if data.get("contact") or data.get("phone") or data.get("email"):
            client.contacts.append(Contact(name=str(data.get("contact") or name), phone=str(data.get("phone") or ""),
                                           email=str(data.get("email") or ""), is_primary=True))
        yield ClientRow(row, client, owner, backups, manager)
    plan.new_staff = list(new_staff.values())


_OPTIONAL_CLIENT_FIELDS = ("industry", "tier", "address", "trading_habits", "price_terms", "needs", "contract_start",
                           "contract_end", "last_contact", "last_manager_visit", "notes", "source")


def _names(value: object) -> tuple[str, ...]:
    """The names split_names read from a cell (nothing when the cell was empty)."""
    return tuple(str(name) for name in value) if isinstance(value, list | tuple) else ()


def _team(read: _Row, owner: str, by_field: dict[str, ColumnMap]) -> tuple[tuple[str, ...], str]:
    """The row's backups and manager (several backups in one cell; one manager), their names checked."""
    backups = _names(read.data.get("backups"))
    managers = _names(read.data.get("manager"))
    if len(managers) > 1:
        read.problem(by_field["manager"], FieldProblem("one_manager"), "、".join(managers))
    for name_field, names in (("backups", backups), ("manager", managers)):
        for name in names:
            if (p := _name_problem(name)) is not None:
                read.problem(by_field[name_field], p, name)
    return team_names(owner, backups, managers, _person_key)


def _staff_records(table: Table, plan: ImportPlan, existing: set[str],
                   progress: Callable[[int, int], bool] | None) -> Iterator[StaffRow]:
    by_field = {c.field: c for c in plan.columns}
    seen: dict[str, int] = {}
    for read in _read_rows(table, plan, "staff", progress):
        row, data, name, problem = read.row, read.data, read.name, read.problem
        if _name_problem(name) is not None:
            pass  # already reported
        elif name_key(name) in seen:
            problem(by_field["name"], FieldProblem("duplicate_staff_in_file", other_row=seen[name_key(name)]), name)
        elif name_key(name) in existing:
            problem(by_field["name"], FieldProblem("duplicate_staff"), name)
        seen.setdefault(name_key(name), row)
        if read.refused():
            continue
        staff = Staff(name=name, status=str(data.get("status") or "active"),
                      secret_access=bool(data.get("secret_access") or False),
                      monthly_wage=data.get("monthly_wage"),
                      **{f: data[f] for f in ("role", "department", "phone", "email", "hire_date", "notice_date",
                                              "last_day", "notes") if data.get(f) not in (None, "")})
        yield StaffRow(row, staff, str(data.get("manager") or ""))
