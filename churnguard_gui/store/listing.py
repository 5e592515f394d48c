"""The Staff and Clients lists: searched and sorted in SQL, rows fetched by id on demand."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlite_utils import Database

from churnguard_gui.core.agreements import effective_status
from churnguard_gui.core.values import phone_digits
from churnguard_gui.store.search import client_condition


@dataclass(frozen=True)
class Column:
    key: str
    sql: str
    kind: str = "text"  # text / money / date / int / status / client_status / owner
    label: str | None = None  # key into FIELD_LABELS when it is not the column's key
    never_empty: bool = False  # NOT NULL and never '': sorts by its index, no "empty last" expression


@dataclass(frozen=True)
class ListSpec:
    """A list the main window shows: what it selects from, its columns and what the search box looks in."""

    source: str
    columns: tuple[Column, ...]
    search: tuple[str, ...]
    digits: tuple[str, ...] = ()
    filters: dict[str, str] = field(default_factory=dict)  # more keys a filter may name, besides the columns
    # the whole search as one SQL condition (an index), instead of LIKE over the search fields
    condition: Callable[[str], tuple[str, list[str]]] | None = None
    # the main table alone, for listing ids when neither the sort nor the search needs the joins of source
    base: str | None = None

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def filter_sql(self, key: str) -> str:
        """The SQL expression behind a filter key (a column's key or one of filters); KeyError for others."""
        if key in self.filters:
            return self.filters[key]
        try:
            return self.column(key).sql
        except StopIteration:
            raise KeyError(key) from None


Filter = tuple[str, object]  # (filter key, value): rows whose value there equals value


NEEDS_OWNER = "\x01"  # the owner column of a client imported without one (shown as "needs an owner")
_PRIMARY = "(SELECT {f} FROM client_contacts cc WHERE cc.client_id = c.id ORDER BY cc.is_primary DESC, cc.id LIMIT 1)"

CLIENTS = ListSpec(
    source="clients c LEFT JOIN client_team ot ON ot.client_id = c.id AND ot.role = 'owner' "
           "LEFT JOIN staff o ON o.id = ot.staff_id",
    columns=(
        Column("code", "c.code"),
        Column("name", "c.name", never_empty=True),
        Column("tier", "c.tier"),
        Column("annual_value", "c.annual_value", "money", never_empty=True),
        Column("owner", f"CASE WHEN o.name IS NULL AND c.needs_owner = 1 THEN '{NEEDS_OWNER}' ELSE o.name END",
               "owner"),
        Column("contact", _PRIMARY.format(f="name")),
        Column("phone", _PRIMARY.format(f="phone")),
        Column("industry", "c.industry"),
        Column("status", "c.status", "client_status"),
        Column("last_contact", "c.last_contact", "date"),
        Column("contract_end", "c.contract_end", "date"),
    ),
    search=("c.name", "c.code", "o.name", "cc.name", "cc.phone"),
    digits=("cc.phone_digits",),
    condition=client_condition,
    base="clients c",
)

STAFF = ListSpec(
    source="staff s LEFT JOIN staff m ON m.id = s.manager_id",
    columns=(
        Column("name", "s.name", label="staff_name"),
        Column("role", "s.role"),
        Column("department", "s.department"),
        Column("status", "s.status", "status"),
        Column("phone", "s.phone"),
        Column("email", "s.email"),
        Column("hire_date", "s.hire_date", "date"),
        Column("manager", "m.name"),
        # per person, through the client_team (staff_id, role) index: only for the rows asked for
        Column("clients_owned", "(SELECT count(*) FROM client_team t WHERE t.staff_id = s.id AND t.role = 'owner')",
               "int", never_empty=True),
        Column("value_owned", "(SELECT coalesce(sum(cl.annual_value), 0) FROM client_team t JOIN clients cl "
                              "ON cl.id = t.client_id WHERE t.staff_id = s.id AND t.role = 'owner')",
               "money", never_empty=True),
    ),
    search=("s.name", "s.role", "s.department", "s.phone", "s.email"),
    digits=("s.phone_digits",),
)


# Staff set aside: rejected candidates, and candidates whose latest screening put them on hold.
STAFF_SET_ASIDE_SQL = ("s.status = 'rejected' OR (s.status = 'candidate' AND coalesce((SELECT sc.decision FROM "
                       "screenings sc WHERE sc.staff_id = s.id ORDER BY sc.id DESC LIMIT 1), '') = 'hold')")
# The Staff list's filter names it: set_aside = 1 (only them) or 0 (everyone else); ui/ passes no SQL.
STAFF = dataclasses.replace(STAFF, filters={**STAFF.filters, "set_aside": f"({STAFF_SET_ASIDE_SQL})"})

AGREEMENT_STATUS_SQL = "agreement_status(a.status, a.noncompete_end, a.kind)"  # core's rule, see _functions
AGREEMENTS = ListSpec(
    source="agreements a JOIN staff s ON s.id = a.staff_id",
    columns=(
        Column("document_no", "a.document_no"),
        Column("name", "s.name", label="staff_name"),
        Column("kind", "a.kind", "agreement_kind"),
        Column("status", AGREEMENT_STATUS_SQL, "agreement_status"),
        Column("signed_on", "a.signed_on", "date"),
        Column("noncompete_start", "a.noncompete_start", "date"),
        Column("noncompete_end", "a.noncompete_end", "date"),
        Column("monthly_compensation", "nullif(a.monthly_compensation, 0)", "money"),
        Column("printed_at", "substr(a.printed_at, 1, 10)", "date"),
    ),
    search=("a.document_no", "s.name", "a.competitors"),
    filters={"staff_id": "a.staff_id"},
)


def _agreement_status(status: str, noncompete_end: str | None, kind: str) -> str:
    return effective_status(status, noncompete_end, kind, dt.date.today())


def _functions(db: Database) -> None:
    """Rules the lists need inside SQL, defined once in core (registered once per connection)."""
    db.register_function(_agreement_status, name="agreement_status")


def _where(spec: ListSpec, search: str, only: Filter | None = None) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if only:
        clauses.append(f"{spec.filter_sql(only[0])} = ?")
        params.append(only[1])
    if spec.condition is not None:
        condition, condition_params = spec.condition(search)
        if condition:
            clauses.append(f"({condition})")
            params += condition_params
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params
    for word in search.split():
        like = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        direct = [f for f in spec.search if not f.startswith("cc.")]
        contact = [f for f in spec.search if f.startswith("cc.")]
        ors = [f"{f} LIKE ? ESCAPE '\\'" for f in direct]
        params += [like] * len(direct)
        digits = phone_digits(word)
        digit_fields = [f for f in spec.digits if not f.startswith("cc.")]
        if digits and len(digits) >= 3:
            ors += [f"{f} LIKE ?" for f in digit_fields]
            params += [f"%{digits}%"] * len(digit_fields)
        if contact:
            inner = [f"{f} LIKE ? ESCAPE '\\'" for f in contact]
            params += [like] * len(contact)
            if digits and len(digits) >= 3:
                inner += ["cc.phone_digits LIKE ?"]
                params.append(f"%{digits}%")
            ors.append("EXISTS (SELECT 1 FROM client_contacts cc WHERE cc.client_id = c.id AND ("
                       + " OR ".join(inner) + "))")
        clauses.append("(" + " OR ".join(ors) + ")")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def list_ids(db: Database, spec: ListSpec, search: str = "", sort: str | None = None,
             descending: bool = False, only: Filter | None = None) -> list[int]:
    """Ids of the matching rows, in display order; only keeps the rows with one value in one column."""
    _functions(db)
    where, params = _where(spec, search, only)
    key = spec.columns[0].sql[:1]  # table alias: c or s
    source = spec.source
    if spec.base and only is None and (spec.condition or not search) and (
            not sort or spec.column(sort).sql.startswith(f"{key}.")):
        source = spec.base  # no join to walk for 100,000 rows: the sort can use the table's own index
    order = ""
    if sort:
        direction = "DESC" if descending else "ASC"
        column = spec.column(sort)
        expr = column.sql
        empty_last = "" if column.never_empty else f"{expr} IS NULL OR {expr} = '', "
        order = f" ORDER BY {empty_last}{expr} {direction}, {key}.id {direction}"
    else:
        order = f" ORDER BY {key}.id"
    sql = f"SELECT {key}.id FROM {source}{where}{order}"
    return [row[0] for row in db.execute(sql, params)]


def fetch_rows(db: Database, spec: ListSpec, ids: list[int]) -> dict[int, tuple]:
    """Display values of the given ids, keyed by id (column order as in spec.columns)."""
    if not ids:
        return {}
    _functions(db)
    key = spec.columns[0].sql[:1]
    select = ", ".join(c.sql for c in spec.columns)
    marks = ",".join("?" * len(ids))
    sql = f"SELECT {key}.id, {select} FROM {spec.source} WHERE {key}.id IN ({marks})"
    return {row[0]: tuple(row[1:]) for row in db.execute(sql, ids)}


def count_all(db: Database, spec: ListSpec) -> int:
    table = spec.source.split()[0]
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
