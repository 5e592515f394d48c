"""The fields of staff and client records: names, labels and allowed values."""
from __future__ import annotations

STAFF_STATUSES = ("candidate", "active", "notice", "left", "rejected")
CLIENT_STATUSES = ("active", "prospect", "dormant", "lost")
TIERS = ("A", "B", "C")
TEAM_ROLES = ("owner", "backup", "manager")

FIELD_LABELS: dict[str, str] = {
    "id": "Id",
    "code": "Code",
    "name": "Name",
    "staff_name": "Full name",
    "industry": "Industry",
    "tier": "Tier",
    "annual_value": "Annual value (¥)",
    "status": "Status",
    "address": "Address",
    "owner": "Owner",
    "contact": "Contact",
    "phone": "Phone",
    "email": "E-mail",
    "title": "Title",
    "trading_habits": "Trading habits",
    "price_terms": "Price terms",
    "needs": "Needs and intentions",
    "contract_start": "Contract start",
    "contract_end": "Contract end",
    "last_contact": "Last contact",
    "last_manager_visit": "Last manager visit",
    "notes": "Notes",
    "source": "Source",
    "role": "Role",
    "department": "Department",
    "hire_date": "Hire date",
    "notice_date": "Notice date",
    "last_day": "Last day",
    "manager": "Manager",
    "backups": "Backups",
    "monthly_wage": "Monthly wage (¥)",
    "secret_access": "Access to trade secrets",
    "incentive_terms": "Incentive terms",
    "vesting_date": "Vesting date",
    "clients_owned": "Clients owned",
    "value_owned": "Value owned (¥)",
    "document_no": "Document",
    "kind": "Kind",
    "signed_on": "Signed on",
    "noncompete_start": "Non-compete from",
    "noncompete_end": "Non-compete until",
    "monthly_compensation": "Compensation a month (¥)",
    "printed_at": "Printed on",
}

CLIENT_STATUS_LABELS: dict[str, str] = {
    "active": "current",
    "prospect": "prospect",
    "dormant": "dormant",
    "lost": "lost",
}
AGREEMENT_KIND_LABELS: dict[str, str] = {
    "confidentiality": "confidentiality",
    "noncompete": "non-compete",
    "both": "confidentiality + non-compete",
}
AGREEMENT_STATUS_LABELS: dict[str, str] = {
    "draft": "draft",
    "printed": "printed",
    "signed": "signed",
    "expired": "expired",
    "released": "released",
}
STATUS_LABELS: dict[str, str] = {
    "candidate": "candidate",
    "active": "employed",
    "notice": "on notice",
    "left": "left",
    "rejected": "rejected",
    "prospect": "prospect",
    "dormant": "dormant",
    "lost": "lost",
    "owner": "owner",
    "backup": "backup",
    "manager": "manager",
}

# Fields an import may fill, per kind; "owner"/"backups"/"manager" of a client go to the client team,
# "contact"/"phone"/"email" to the first client-side contact.
CLIENT_IMPORT_FIELDS = (
    "code", "name", "industry", "tier", "annual_value", "status", "address", "owner", "contact",
    "phone", "email", "trading_habits", "price_terms", "needs", "contract_start", "contract_end",
    "last_contact", "last_manager_visit", "source", "notes", "backups", "manager",
)
STAFF_IMPORT_FIELDS = (
    "name", "role", "department", "phone", "email", "hire_date", "status", "manager",
    "monthly_wage", "secret_access", "notice_date", "last_day", "notes",
)
MONEY_FIELDS = frozenset({"annual_value", "monthly_wage"})
DATE_FIELDS = frozenset({
    "contract_start", "contract_end", "last_contact", "last_manager_visit", "hire_date",
    "notice_date", "last_day", "vesting_date",
})

# Why a client changed owner, as the ownership history shows it (the code is what the database keeps).
OWNER_CHANGE_REASONS: dict[str, str] = {
    "exit handover": "exit handover",
    "demo": "demo",
    "import": "import",
    "edit": "changed in the client record",
}
