"""Words for every expected error code, in English source text passed through tr()."""
from __future__ import annotations

from typing import TYPE_CHECKING

from churnguard_gui.i18n import ntr, tr

if TYPE_CHECKING:
    from churnguard_gui.core.errors import ChurnError, FieldProblem

# Keep each text a plain literal so the translation catalogue can list it.
TEXTS: dict[str, str] = {
    "required": "a value is required",
    "one_manager": "one manager per client, found several: {value}",
    "bad_date": "not a date: {value} (write 2025-01-02, 2025/1/2 or 2025年1月2日)",
    "date_out_of_range": "date {value} is out of range (1900–2100)",
    "bad_money": "not an amount of money: {value}",
    "negative_money": "amount must not be negative: {value}",
    "bad_phone": "not a phone number: {value}",
    "bad_email": "not an e-mail address: {value}",
    "bad_choice": "{value} is not one of: {choices}",
    "bad_yes_no": "{value} is not yes or no",
    "too_long": "text is too long ({length} characters, at most {limit})",
    "duplicate_code_in_file": "client code {value} already appears in row {other_row}",
    "duplicate_code": "client code {value} is already used by another client",
    "duplicate_client_in_file": "client {value} already appears in row {other_row}",
    "duplicate_client": "client {value} is already in the database",
    "duplicate_staff_in_file": "staff member {value} already appears in row {other_row}",
    "duplicate_staff": "staff member {value} is already in the database",
    "undecodable": "the bytes here are neither UTF-8 nor GBK/GB18030 text; save the file as CSV UTF-8",
    "truncated_utf8": "the file ends in the middle of a character; it looks cut off",
    "corrupt_utf8": "the file is UTF-8 but has broken bytes here",
    "corrupt_utf16": "the file is UTF-16 but has broken bytes here (or it ends in the middle of a character)",
    "bad_csv": "the CSV cannot be read here: {reason}",
    "bad_xlsx": "not a readable Excel workbook: {reason}",
    "bad_xml": "the workbook is damaged (its XML cannot be read): {reason}",
    "zip_bomb": "refused: part {part} of the workbook would unpack from {packed} to {size} bytes, far more than "
    "any real workbook",
    "zip_too_big": "refused: the workbook would unpack to {size} MB; at most {limit} MB can be read (save a big "
    "list as CSV UTF-8: up to 100 MB)",
    "zip_too_many_parts": "refused: the workbook has {count} parts; a real one has far fewer (at most {limit})",
    "encrypted_xlsx": "the workbook is encrypted; open it in Excel and save it without a password",
    "ole_workbook": "this is an old .xls file or a workbook saved with a password; open it in Excel and save it "
    "as .xlsx without a password",
    "no_sheets": "the workbook has no sheet with cells",
    "unknown_sheet": "there is no sheet {value}; the workbook has: {choices}",
    "file_too_big": "the file is {size} MB; at most {limit} MB can be imported (split it into several files)",
    "too_many_rows": "more than {limit} rows; split the file into several files",
    "too_many_columns": "more than {limit} columns hold something; remove the columns that are not needed",
    "cell_too_long": "this cell holds more than {limit} characters",
    "row_too_long": "this row is longer than {limit}: a cell is far too long, or a quote is never closed",
    "too_big_for_memory": "the file is too big to be read on this computer",
    "formula_without_value": "a formula without a saved result, imported as its text: {value} (open the file "
    "in Excel and save it to keep the results)",
    "foreign_digits": "{value} holds digits of another script; write the number with 0-9",
    "ambiguous_number": "{value} cannot be read with certainty (use commas only between groups of three digits, "
    "a point for decimals)",
    "bad_time": "not a possible time of day: {value}",
    "no_owner_column": "the file has no owner column; add --owner NAME (one person owns these clients) or "
    "--unassigned (import them as needing an owner)",
    "unsupported_file": "only .csv and .xlsx files can be used",
    "file_missing": "the file does not exist",
    "file_unreadable": "the file cannot be read: {reason}",
    "scan_too_large": "larger than {limit} MB; scan at a lower resolution",
    "empty_file": "the file has no header row",
    "no_name_column": "no column holds the {kind} name; use --map HEADER=name",
    "bad_mapping": "cannot read --map {value}; write HEADER=FIELD",
    "unknown_field": "{value} is not a field; choose one of: {choices}",
    "unknown_header": "there is no column {value} in the file",
    "rows_refused": "{count} rows cannot be imported; nothing was written",
    "not_churnguard": "this file is not a ChurnGuard database (it belongs to another program); it was left as it is",
    "not_sqlite": "this file is not a database (its first bytes are not SQLite's); it was left as it is",
    "db_damaged": "the database is damaged: part of it cannot be read (SQLite reports: {detail}); it was left "
    "exactly as it is and nothing was written",
    "tables_missing": "the database is damaged: tables are missing ({tables}); it was left as it is and nothing "
    "was written",
    "backup_failed": "the backup could not be made: {reason}",
    "backup_damaged": "this backup is damaged or not a ChurnGuard backup ({detail})",
    "changed_elsewhere": "{value} was changed by someone else since you opened it; nothing was saved and your edits "
    "are still in this window (copy what you need, then open the record again)",
    "import_changed": "the database changed since the check ({count} rows would now be refused); check again",
    "db_too_new": "this database was written by a newer ChurnGuard (schema {found}, this app knows {known}); "
    "please update the app",
    "db_locked": "the database is in use by another program (another ChurnGuard window or command); it waited "
    "a few seconds; close the other one and try again",
    "db_readonly": "the database cannot be written (read-only file or folder)",
    "disk_full": "the disk is full; nothing was saved",
    "password_needed": "this database is encrypted: give its password (set CHURNGUARD_PASSWORD, or run the command "
    "in a terminal to be asked)",
    "password_wrong": "the password is wrong (or the file is not a ChurnGuard database); nothing was opened",
    "password_short": "the password must have at least {count} characters",
    "password_none": "this database has no password to remove",
    "password_no_tty": "there is no terminal to ask for the password: set {env}",
    "password_mismatch": "the two passwords are not the same; nothing was changed",
    "password_failed": "the encrypted copy could not be made: {reason}; the database was left as it was",
    "write_failed": "the file cannot be written: {reason}",
    "print_failed": "the printer cannot be used; check that it is connected, or print to a PDF file",
    "owner_has_clients": "{value} still owns {count} clients ({names}); give them a new owner first",
    "one_owner": "a client has exactly one owner",
    "no_owner": "an active client needs an owner",
    "not_found": "{value} was not found",
    "ambiguous_staff": "several staff are called {value}; give the id instead: {choices}",
    "self_manager": "a person cannot be their own manager",
    "cancelled": "cancelled; nothing was written",
    "brought_clients": "says they brought clients from a previous employer ({count} times): they may take ours the "
    "same way",
    "many_jobs": "{count} jobs in the last {years} years",
    "short_stints": "{count} jobs that lasted less than {months} months",
    "short_median": "the median job lasted {months} months (we look for at least {limit})",
    "industry_hopping": "moved {count} times between firms of the same industry, where clients follow easily",
    "gap": "a gap of {months} months ({start} to {end}); it scores nothing and its reason is not recorded",
    "integrity_answers": "warning-sign answers to the values questions: {count}",
    "doubtful_answers": "hesitant answers to the values questions: {count}",
    "references_missing": "references reached: {reached}; call at least two",
    "not_rehire": "a reference would not hire this person again",
    "not_confirmed": "a reference did not confirm the dates and role given",
    "prior_noncompete": "still under a non-compete with a former employer until {until} ({covering}): hiring could "
    "expose the firm",
    "penalty_without_noncompete": "a penalty (违约金) may be agreed only with a non-compete or a training service "
    "period, never in a confidentiality-only agreement",
    "not_eligible": "a non-compete binds only senior managers, senior technical staff and others with a "
    "confidentiality duty; {category} would not be bound",
    "no_secret_access": "the staff record says this person has no access to trade secrets: a non-compete with "
    "someone who did not know or have access to them does not take effect",
    "months_missing": "give the non-compete period after leaving, in months",
    "months_too_long": "the non-compete period after leaving is at most {limit} months; {months} is too long",
    "wage_missing": "no average monthly wage of the last 12 months is known; the floor uses the minimum wage only",
    "minimum_wage_missing": "enter the local minimum monthly wage: the compensation may not be below it",
    "compensation_missing": "a non-compete needs monthly economic compensation paid during the non-compete period",
    "compensation_below_floor": "monthly compensation ¥{amount} is below the firm's policy floor of ¥{floor}: "
    "{share}% of the 12-month average pay (what courts apply when nothing was agreed; not a legal minimum), and "
    "never less than the local minimum wage; the wizard does not draft less",
    "compensation_below_region_floor_choice": "monthly compensation ¥{amount} is below ¥{floor}, {share} of the "
    "12-month average pay that the Shenzhen regulation on technical secrets sets; the agreement names no technical "
    "secret, so you may choose the national reference instead — if a court treats the secrets as technical, it "
    "will award the higher amount",
    "other_law_mainland": "another law may be chosen only when the place of work is outside mainland China: for "
    "work done in the mainland PRC labour law applies whatever the contract says (set the place of work in Firm "
    "settings)",
    "compensation_below_region_floor": "monthly compensation ¥{amount} is below the floor of ¥{floor}: the firm's "
    "region requires at least {share} of the 12-month average pay, and never less than the local minimum wage",
    "scope_business_missing": "name the competing business the person may not work in (industry, products or "
    "services)",
    "scope_region_missing": "name the region where the person may not compete",
    "scope_region_wide": "the region “{region}” is very wide: the scope, region and period must match the secrets "
    "the person knew, and a court voids the part that goes beyond them",
    "scope_no_secrets": "the agreement names no trade secret; the non-compete's scope must match the secrets the "
    "person knew",
    "penalty_disproportionate": "liquidated damages of ¥{amount} are high compared with the compensation and the "
    "pay; courts reduce amounts out of proportion. A reasoned amount: ¥{suggested} (the whole period's compensation, "
    "at most a year's pay)",
    "governing_law_missing": "under “Other jurisdiction”, name the governing law in Firm settings: the agreement "
    "states it",
    "bad_credit_code": "not a valid 统一社会信用代码 (18 characters, the last a check character): {value}",
    "agreement_not_released": "{value} has not been waived or released",
    "supplement_not_needed": "{value} is on a current template: it needs no supplementary agreement",
    "consent_missing": "the candidate has not signed the notice on personal information: print it, have it "
    "signed, and enter the date",
    "consent_references_missing": "the candidate did not agree to reference checks: a reference may not be called",
    "retention_out_of_range": "keep screening data between 1 and 36 months: {value}",
    "penalty_negative": "the penalty cannot be negative",
    "agreement_not_printed": "only a printed agreement can be recorded as signed (it is {value})",
    "agreement_not_signed_noncompete": "only a signed non-compete can be released",
    "agreement_not_draft": "{value} has been printed; keep it on record (release or let it expire) instead",
    "last_day_before_resignation": "the last day {value} is before the resignation date",
    "no_successor": "{count} clients have no successor yet: {names}",
    "successor_is_leaver": "the person leaving cannot take over their own clients",
    "notify_before_resignation": "{client} is to be told on {value}, before the resignation ({date})",
    "notify_after_last_day": "{client} is to be told on {value}, after the last working day ({date})",
    "visit_before_notify": "the visit to {client} on {value} comes before the client is told ({date})",
    "visit_after_last_day": "the visit to {client} on {value} comes after the last working day ({date}): the "
                            "leaver can reach the client first",
    "handover_not_draft": "this handover is no longer a draft",
    "handover_not_handed_over": "only a finished handover can be marked complete",
    "handover_stale": "{value} no longer belongs to the person leaving; start the handover again",
    "checklist_open": "{count} checklist items are not ticked yet (first: {names})",
    "not_empty": "the database already holds staff or clients; the demo firm goes only into an empty one",
    "visit_in_future": "the visit date {value} is in the future; plan the visit instead",
    "contract_end_before_start": "the contract end {value} is before its start",
    "plan_stale": "client {value} changed since the plan was made; open the planner again",
    "unsupported_scan": "a scan must be a PDF, PNG or JPEG file",
    "file_too_large": "the file is too large (at most 20 MB)",
}


# Texts that count something: (code, singular, plural, the detail holding the count). The singular is what a
# count of one reads ("1 client"); TEXTS keeps the plural as each code's usual wording.
PLURALS: dict[str, tuple[str, str, str]] = {
    "owner_has_clients": ("{value} still owns {count} client ({names}); give it a new owner first",
                          "{value} still owns {count} clients ({names}); give them a new owner first", "count"),
    "no_successor": ("{count} client has no successor yet: {names}", "{count} clients have no successor yet: {names}",
                     "count"),
    "rows_refused": ("{count} row cannot be imported; nothing was written",
                     "{count} rows cannot be imported; nothing was written", "count"),
    "import_changed": ("the database changed since the check ({count} row would now be refused); check again",
                       "the database changed since the check ({count} rows would now be refused); check again",
                       "count"),
    "many_jobs": ("{count} job in the last {years} years", "{count} jobs in the last {years} years", "count"),
    "short_stints": ("{count} job that lasted less than {months} months",
                     "{count} jobs that lasted less than {months} months", "count"),
    "gap": ("a gap of {months} month ({start} to {end}); it scores nothing and its reason is not recorded",
            "a gap of {months} months ({start} to {end}); it scores nothing and its reason is not recorded", "months"),
    "short_median": ("the median job lasted {months} month (we look for at least {limit})",
                     "the median job lasted {months} months (we look for at least {limit})", "months"),
    "checklist_open": ("{count} checklist item is not ticked yet (first: {names})",
                       "{count} checklist items are not ticked yet (first: {names})", "count"),
}


def _words(code: str, values: dict[str, object]) -> str:
    """The text for code with values filled in, in the form that fits the count when it counts something."""
    if code in PLURALS:
        singular, plural, key = PLURALS[code]
        count = values.get(key)
        if isinstance(count, int):
            return ntr(singular, plural, count, **{k: v for k, v in values.items() if k != "n"})
    return tr(TEXTS.get(code, code), **values)


def describe(error: ChurnError) -> str:
    """One clear line: where (file, row, column, field), then what."""
    where = []
    if error.file:
        where.append(str(error.file))
    if error.row is not None:
        where.append(tr("row {row}", row=error.row))
    if error.column:
        where.append(tr("column {column}", column=error.column))
    elif error.field:
        where.append(tr("field {field}", field=field_label(error.field)))
    values = {"value": error.value if error.value is not None else "", **error.details}
    what = _words(error.code, values)
    if "article" in error.details:
        what += f" ({error.details['article']})"
    return f"{', '.join(where)}: {what}" if where else what


def field_label(name: str) -> str:
    from churnguard_gui.core.fields import FIELD_LABELS

    return tr(FIELD_LABELS.get(name, name))


def problem_text(problem: FieldProblem) -> str:
    """What is wrong with one field, without saying where (the form shows it at the field)."""
    return _words(problem.code, {"value": "", **problem.details})
