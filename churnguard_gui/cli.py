"""Headless commands (demo, import, export, check, handover-report, risks, risk-report, purge, backup, backups,
restore, set-password, recovery-sheet, measures), built on core and store only."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from churnguard_gui import __version__
from churnguard_gui.core.counts import firm_size
from churnguard_gui.core.errors import ChurnError
from churnguard_gui.i18n import LANGUAGES, ntr, set_language, system_language, tr
from churnguard_gui.store.crypto import Error as DB_ERRORS  # sqlite3's and sqlcipher3's (an encrypted database)

PASSWORD_ENV, NEW_PASSWORD_ENV = "CHURNGUARD_PASSWORD", "CHURNGUARD_NEW_PASSWORD"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="churnguard", description=tr("Keep the firm's clients when staff leave."))
    parser.add_argument("--db", metavar="FILE", help=tr("the database file (default: your data folder)"))
    parser.add_argument("--lang", choices=tuple(LANGUAGES), help=tr("language of messages and reports"))
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("demo", help=tr("fill an empty database with a demo firm"))
    imp = sub.add_parser("import", help=tr("import clients or staff from .csv or .xlsx"))
    imp.add_argument("kind", choices=("clients", "staff"))
    imp.add_argument("file", metavar="IN")
    imp.add_argument("--map", action="append", default=[], metavar="HEADER=FIELD",
                     help=tr("read column HEADER as FIELD (FIELD '-' ignores the column)"))
    imp.add_argument("--skip-bad", action="store_true", help=tr("import the good rows and list the refused ones"))
    imp.add_argument("--dry-run", action="store_true", help=tr("check and report, write nothing"))
    imp.add_argument("--sheet", metavar="NAME", help=tr("the sheet of an .xlsx workbook to read (default: the first)"))
    who = imp.add_mutually_exclusive_group()
    who.add_argument("--owner", metavar="NAME", help=tr("owner of the clients the file gives no owner"))
    who.add_argument("--unassigned", action="store_true",
                     help=tr("import clients without an owner, marked as needing one"))
    exp = sub.add_parser("export", help=tr("export clients or staff to .csv or .xlsx"))
    exp.add_argument("kind", choices=("clients", "staff"))
    exp.add_argument("file", metavar="OUT")
    sub.add_parser("check", help=tr("check the database's integrity and rules"))
    rep = sub.add_parser("handover-report", help=tr("write the exit-handover report of a staff member as PDF"))
    rep.add_argument("staff", metavar="STAFF", help=tr("the staff member's name or id"))
    rep.add_argument("--out", required=True, metavar="FILE.pdf")
    rep.add_argument("--lang", choices=tuple(LANGUAGES), dest="report_lang", help=tr("language of the report"))
    risks = sub.add_parser("risks", help=tr("print the firm's risk figures (early warning)"))
    risks.add_argument("--json", action="store_true", help=tr("print the figures as JSON"))
    risks.add_argument("--as-of", type=_date, metavar="DATE", help=_as_of_help())
    risk_report = sub.add_parser("risk-report", help=tr("write the monthly risk report as PDF"))
    risk_report.add_argument("--out", required=True, metavar="FILE.pdf")
    risk_report.add_argument("--lang", choices=tuple(LANGUAGES), dest="report_lang", help=tr("language of the report"))
    risk_report.add_argument("--as-of", type=_date, metavar="DATE",
                             help=_as_of_help())
    sub.add_parser("backup", help=tr("make a verified backup now and print its path"))
    sub.add_parser("backups", help=tr("list the backups with date, size and counts"))
    res = sub.add_parser("restore", help=tr("put a backup in place of the database (the current one is backed up)"))
    res.add_argument("backup", metavar="FILE")
    purge = sub.add_parser("purge", help=tr("anonymise the screenings of candidates not hired after the retention "
                                            "period"))
    purge.add_argument("--dry-run", action="store_true", help=tr("check and report, write nothing"))
    pw = sub.add_parser("set-password", help=tr("encrypt the database with a password, change it, or remove it "
                                                "(new password from CHURNGUARD_NEW_PASSWORD or a prompt)"))
    pw.add_argument("--remove", action="store_true", help=tr("remove the password (the file is stored plain again)"))
    sheet = sub.add_parser("recovery-sheet", help=tr("write the password recovery sheet as PDF (never the password)"))
    sheet.add_argument("--out", required=True, metavar="FILE.pdf")
    meas = sub.add_parser("measures", help=tr("list the measures taken to keep trade secrets; --out writes the "
                                              "record as PDF"))
    meas.add_argument("--out", metavar="FILE.pdf")
    meas.add_argument("--add", metavar="TEXT", help=tr("record a measure taken outside the app"))
    meas.add_argument("--on", metavar="DATE", help=tr("the date of the measure added (default: today)"))
    return parser


def _as_of_help() -> str:
    return tr("count deadlines and recent windows (compensation due, visits, warning signs) from this day "
              "(default: today); staff, clients and agreements are taken as recorded now, not as they were then")


def _date(text: str):
    """An --as-of day as people write it (2026-03-31, 2026/3/31, 2026年3月31日)."""
    import datetime as dt

    from churnguard_gui.core.errors import FieldProblem
    from churnguard_gui.core.values import parse_date

    try:
        value = parse_date(text)
    except FieldProblem:
        value = None
    if not value:
        raise argparse.ArgumentTypeError(tr("not a date: {value} (write 2025-01-02, 2025/1/2 or 2025年1月2日)",
                                            value=text))
    return dt.date.fromisoformat(value)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(_peek_lang(argv) or system_language())
    parser = build_parser()
    args = parser.parse_args(argv)  # exits 2 on a usage error
    if args.command is None:
        parser.print_usage(sys.stderr)
        return 2
    try:
        return _run(args)
    except ChurnError as error:
        _report(error, args.db)
        return 1
    except (*DB_ERRORS, OSError) as exc:  # a database or disk failure mid-command: worded, never a traceback
        from churnguard_gui.store.db import translate

        _report(translate(exc, args.db), args.db)
        return 1


def _report(error: ChurnError, db_file: str | None) -> None:
    """The error in one line; for a damaged database also the newest verified backup and how to restore it."""
    from churnguard_gui.store.db import DamagedDatabase

    print(tr("error: {message}", message=str(error)), file=sys.stderr)
    if isinstance(error, DamagedDatabase) and error.file and error.file != ":memory:":
        from churnguard_gui.store.backup import newest_verified

        found = newest_verified(error.file)
        if found is None:
            print(tr("No verified backup of this database was found."), file=sys.stderr)
        else:
            import shlex

            print(tr("The newest verified backup is {file} ({when}, {counts}). Restore it "
                     "with: churnguard --db {db} restore {quoted}", file=found.path,
                     when=f"{found.made:%Y-%m-%d %H:%M}", counts=firm_size(found.clients or 0, found.staff or 0),
                     db=shlex.quote(error.file), quoted=shlex.quote(str(found.path))), file=sys.stderr)


def _peek_lang(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):  # noqa: SIM114
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _run(args: argparse.Namespace) -> int:
    from churnguard_gui.core.tempfiles import sweep
    from churnguard_gui.store.db import default_db_path, open_db

    sweep()
    path = args.db or str(default_db_path())
    _unlock(path)
    if args.command == "set-password":
        return _set_password(path, args.remove)
    if args.command == "restore":
        return _restore(path, args.backup)
    if args.command == "backups":
        return _backups(path)
    from pathlib import Path

    # A dry run writes nothing, not even a new database file: it checks against an empty one in memory.
    dry_and_new = getattr(args, "dry_run", False) and not Path(path).exists()
    db = open_db(":memory:" if dry_and_new else args.db)
    try:
        if args.command == "backup":
            from churnguard_gui.store.backup import make_backup

            print(make_backup(db, args.db or default_db_path()))
            return 0
        if args.command == "demo":
            from churnguard_gui.store.demo import load_demo

            staff, clients = load_demo(db, early_warning=True)
            print(tr("Demo firm added: {counts}.", counts=firm_size(clients, staff)))
            return 0
        if args.command == "import":
            return _import(db, args)
        if args.command == "export":
            from churnguard_gui.store.exporter import export_file

            count = export_file(db, args.kind, args.file)
            print(ntr("Exported {n} row to {file}.", "Exported {n} rows to {file}.", count, file=args.file))
            return 0
        if args.command == "handover-report":
            return _handover_report(db, args)
        if args.command == "recovery-sheet":
            return _recovery_sheet(db, path, args.out)
        if args.command == "measures":
            return _measures(db, args)
        if args.command in ("risks", "risk-report"):
            return _risks(db, args)
        if args.command == "purge":
            from churnguard_gui.store.screenings import purge_expired

            count = purge_expired(db, dry_run=args.dry_run)
            print(ntr("Dry run: {n} screening of a candidate not hired would be anonymised; nothing was written.",
                      "Dry run: {n} screenings of candidates not hired would be anonymised; nothing was written.",
                      count) if args.dry_run else
                  ntr("{n} screening of a candidate not hired was anonymised after the retention period.",
                      "{n} screenings of candidates not hired were anonymised after the retention period.", count))
            return 0
        if args.command == "check":
            from churnguard_gui.store.check import check_db, check_notes

            findings = check_db(db)
            for line in findings:
                print(line)
            for line in check_notes(db):
                print(tr("note: {message}", message=line))
            print(tr("Database is healthy.") if not findings else tr("{count} problems found.", count=len(findings)))
            return 1 if findings else 0
    finally:
        db.close()
    return 2


def _ask(prompt: str, env: str) -> str:
    """A password from the environment variable, else from a prompt on the terminal (no terminal: refused)."""
    import getpass
    import os

    given = os.environ.get(env)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        from churnguard_gui.core.errors import StoreError

        raise StoreError("password_no_tty", details={"env": env})
    return getpass.getpass(prompt)


def _unlock(path: str) -> None:
    """An encrypted database: its password is read (CHURNGUARD_PASSWORD or a prompt) and checked before any work."""
    from churnguard_gui.core.errors import StoreError
    from churnguard_gui.store import crypto

    if not crypto.is_encrypted(path):
        return
    try:
        password = _ask(tr("Password of {file}: ", file=path), PASSWORD_ENV)
    except StoreError as error:
        raise StoreError("password_needed", file=path) if error.code == "password_no_tty" else error from None
    if not password:
        raise StoreError("password_needed", file=path)
    crypto.connect(path, password, file=path).close()  # a wrong password: one line, exit 1, nothing touched
    crypto.remember(path, password)


def _set_password(path: str, remove: bool) -> int:
    from churnguard_gui.core.errors import StoreError
    from churnguard_gui.store import crypto
    from churnguard_gui.store.password import change_password

    new = None
    if not remove:
        new = _ask(tr("New password: "), NEW_PASSWORD_ENV)
        crypto.check_new_password(new)
        if NEW_PASSWORD_ENV not in __import__("os").environ and _ask(tr("New password again: "), "") != new:
            raise StoreError("password_mismatch")
    result = change_password(path, new, crypto.password_for(path))
    texts = {"password_set": tr("{file} is now encrypted with the new password.", file=path),
             "password_changed": tr("The password of {file} was changed.", file=path),
             "password_removed": tr("The password of {file} was removed; the file is stored plain again.",
                                    file=path)}
    print(texts[result.action])
    if result.backups:
        print(ntr("{n} backup was re-encrypted the same way.", "{n} backups were re-encrypted the same way.",
                  len(result.backups)) if new else
              ntr("{n} backup was decrypted the same way.", "{n} backups were decrypted the same way.",
                  len(result.backups)))
    for skipped in result.skipped:
        print(tr("Left as it was (its password is not this one): {file}", file=skipped))
    if new:
        print(tr("Print the recovery sheet and keep it safe: a lost password cannot be recovered."))
    return 0


def _measures(db, args: argparse.Namespace) -> int:
    import datetime as dt

    from churnguard_gui.core.files import atomic_write
    from churnguard_gui.reports.measures_pdf import build_measures_pdf, measure_text
    from churnguard_gui.store.db import audited_file
    from churnguard_gui.store.measures import add_measure, measures
    from churnguard_gui.store.settings import get_setting

    if args.add:
        add_measure(db, args.on or dt.date.today().isoformat(), args.add)
    found = measures(db)
    for measure in found:
        print(f"{measure.on}  {measure_text(measure)}")
    if args.out:
        pdf = build_measures_pdf(found, get_setting(db, "firm_name"))
        with audited_file(db, args.out, "report_saved", report="measures"), atomic_write(args.out, "wb") as handle:
            handle.write(pdf)
        print(tr("Record of measures written to {file}.", file=args.out))
    return 0


def _recovery_sheet(db, path: str, out: str) -> int:
    from churnguard_gui.core.files import atomic_write
    from churnguard_gui.reports.recovery_sheet import build_recovery_sheet
    from churnguard_gui.store.db import audited_file
    from churnguard_gui.store.password import recovery_facts

    pdf = build_recovery_sheet(recovery_facts(db, path))
    with audited_file(db, out, "report_saved", report="recovery_sheet"), atomic_write(out, "wb") as handle:
        handle.write(pdf)
    print(tr("Recovery sheet written to {file}.", file=out))
    return 0


def _restore(db_file: str, backup: str) -> int:
    from churnguard_gui.core.errors import StoreError
    from churnguard_gui.store import crypto
    from churnguard_gui.store.backup import restore

    try:
        kept = restore(db_file, backup)
    except StoreError as error:
        if error.code not in ("password_needed", "password_wrong") or not crypto.is_encrypted(backup):
            raise
        if error.code == "password_wrong" and not sys.stdin.isatty():
            raise StoreError("password_wrong", file=backup) from None
        env = PASSWORD_ENV if error.code == "password_needed" else ""
        try:
            password = _ask(tr("Password of the backup {file}: ", file=backup), env)
        except StoreError:
            raise StoreError("password_needed", file=backup) from None
        kept = restore(db_file, backup, password=password)
    print(tr("Restored {backup} into {db}.", backup=backup, db=db_file))
    if kept is not None:
        print(tr("The database as it was before is kept in {file}.", file=kept))
    return 0


def _backups(db_file: str) -> int:
    from churnguard_gui.store.backup import backup_folder, list_backups

    folder = backup_folder(db_file)
    backups = list_backups(db_file, folder)
    if not backups:
        print(tr("No backups in {folder}.", folder=folder))
        return 0
    for info in backups:
        counts = firm_size(info.clients or 0, info.staff or 0) if info.readable \
            else tr("cannot be read")
        print(f"{info.made:%Y-%m-%d %H:%M:%S}  {info.size / 1_048_576:8.2f} MB  {counts}  {info.path}")
    return 0


def _handover_report(db, args: argparse.Namespace) -> int:
    from churnguard_gui.core.files import atomic_write
    from churnguard_gui.reports.handover_pdf import build_pdf
    from churnguard_gui.store.db import audited_file
    from churnguard_gui.store.handovers import report_data
    from churnguard_gui.store.staff import find_staff

    if args.report_lang:  # the report's own --lang wins over the messages' language
        set_language(args.report_lang)
    staff_id = find_staff(db, args.staff)
    report = report_data(db, staff_id)
    pdf = build_pdf(report)
    with audited_file(db, args.out, "report_saved", report="handover", staff=staff_id, document=report.document_no), \
            atomic_write(args.out, "wb") as handle:
        handle.write(pdf)
    print(tr("Handover report for {name} written to {file} ({count}).", name=report.staff_name,
             file=args.out, count=ntr("{n} client", "{n} clients", len(report.lines))))
    return 0


def _risks(db, args: argparse.Namespace) -> int:
    from churnguard_gui.store.risk import risk_figures

    figures = risk_figures(db, args.as_of)
    if args.command == "risk-report":
        from churnguard_gui.reports.risk_pdf import write_risk_pdf
        from churnguard_gui.store.risk import log_risk_report

        write_risk_pdf(figures, args.out)
        log_risk_report(db, "report_saved", figures.as_of, args.out)
        print(tr("Risk report written to {file}.", file=args.out))
        return 0
    if args.json:
        import json

        print(json.dumps(figures.as_json(), ensure_ascii=False, indent=2))
        return 0
    from churnguard_gui.reports.risk_pdf import summary_rows

    for label, value in summary_rows(figures):
        print(f"{label}: {value}")
    for holding in figures.flagged:
        print(tr("  above the threshold: {name} {share}", name=holding.staff, share=f"{holding.share:.1%}"))
    return 0


def _import(db, args: argparse.Namespace) -> int:
    from churnguard_gui.core.headers import parse_map_option
    from churnguard_gui.core.import_summary import import_summary
    from churnguard_gui.core.importing import Owners
    from churnguard_gui.core.tabular import read_table
    from churnguard_gui.core.values import plain_text
    from churnguard_gui.store.importer import RowsRefused, import_table

    overrides = dict(parse_map_option(option, args.kind) for option in args.map)
    owners = Owners(plain_text(args.owner), bool(args.unassigned))
    table = read_table(args.file, sheet=args.sheet)
    try:  # a client file is checked while it is written, in one pass; refused rows roll it all back
        result = import_table(db, table, args.kind, overrides, owners, skip_bad=args.skip_bad, dry_run=args.dry_run)
    except RowsRefused as refused:
        _print_problems(refused.plan)
        print(tr("error: {message}", message=ntr("{n} row cannot be imported; nothing was written",
                                                    "{n} rows cannot be imported; nothing was written",
                                                    len(refused.plan.refused_rows))), file=sys.stderr)
        return 1
    _print_problems(result.plan)
    print(import_summary(result))
    return 0


def _print_problems(plan) -> None:
    for problem in plan.problems:
        print(str(problem), file=sys.stderr)
    if plan.problem_count > len(plan.problems):
        print(tr("… and {count} more problems", count=plan.problem_count - len(plan.problems)), file=sys.stderr)
