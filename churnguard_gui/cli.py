"""Headless commands (demo, import, export, check, handover-report), built on core and store only."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from churnguard_gui import __version__
from churnguard_gui.core.errors import ChurnError
from churnguard_gui.i18n import LANGUAGES, ntr, set_language, system_language, tr

COMMANDS = ("demo", "import", "export", "check", "handover-report", "purge")


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
    exp = sub.add_parser("export", help=tr("export clients or staff to .csv or .xlsx"))
    exp.add_argument("kind", choices=("clients", "staff"))
    exp.add_argument("file", metavar="OUT")
    sub.add_parser("check", help=tr("check the database's integrity and rules"))
    rep = sub.add_parser("handover-report", help=tr("write the exit-handover report of a staff member as PDF"))
    rep.add_argument("staff", metavar="STAFF", help=tr("the staff member's name or id"))
    rep.add_argument("--out", required=True, metavar="FILE.pdf")
    rep.add_argument("--lang", choices=tuple(LANGUAGES), dest="report_lang", help=tr("language of the report"))
    purge = sub.add_parser("purge", help=tr("anonymise the screenings of candidates not hired after the retention "
                                            "period"))
    purge.add_argument("--dry-run", action="store_true", help=tr("check and report, write nothing"))
    return parser


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
        print(tr("error: {message}", message=str(error)), file=sys.stderr)
        return 1


def _peek_lang(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):  # noqa: SIM114
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _run(args: argparse.Namespace) -> int:
    from churnguard_gui.store.db import open_db

    db = open_db(args.db)
    try:
        if args.command == "demo":
            from churnguard_gui.store.demo import load_demo

            staff, clients = load_demo(db)
            print(tr("Demo firm added: {staff} staff, {clients} clients.", staff=staff, clients=clients))
            return 0
        if args.command == "import":
            return _import(db, args)
        if args.command == "export":
            from churnguard_gui.store.exporter import export_file

            count = export_file(db, args.kind, args.file)
            print(tr("Exported {count} rows to {file}.", count=count, file=args.file))
            return 0
        if args.command == "handover-report":
            return _handover_report(db, args)
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
            from churnguard_gui.store.check import check_db

            findings = check_db(db)
            for line in findings:
                print(line)
            print(tr("Database is healthy.") if not findings else tr("{count} problems found.", count=len(findings)))
            return 1 if findings else 0
    finally:
        db.close()
    return 2


def _handover_report(db, args: argparse.Namespace) -> int:
    from churnguard_gui.reports.handover_pdf import write_handover_pdf
    from churnguard_gui.store.db import audit, writing
    from churnguard_gui.store.handovers import report_data
    from churnguard_gui.store.staff import find_staff

    if args.report_lang:  # the report's own --lang wins over the messages' language
        set_language(args.report_lang)
    staff_id = find_staff(db, args.staff)
    report = report_data(db, staff_id)
    write_handover_pdf(report, args.out)
    with writing(db):
        audit(db, "report_saved", report="handover", staff=staff_id, document=report.document_no, file=args.out)
    print(tr("Handover report for {name} written to {file} ({count} clients).", name=report.staff_name,
             file=args.out, count=len(report.lines)))
    return 0


def _import(db, args: argparse.Namespace) -> int:
    from churnguard_gui.core.headers import parse_map_option
    from churnguard_gui.store.importer import plan_file, run_import

    overrides = dict(parse_map_option(option, args.kind) for option in args.map)
    plan = plan_file(db, args.file, args.kind, overrides)
    for problem in plan.problems:
        print(str(problem), file=sys.stderr)
    if plan.problems and not args.skip_bad:
        print(tr("error: {message}", message=tr("{count} rows cannot be imported; nothing was written",
                                                   count=len(plan.refused_rows))), file=sys.stderr)
        return 1
    result = run_import(db, plan, skip_bad=args.skip_bad, dry_run=args.dry_run)
    print(summary(result))
    return 0


def summary(result) -> str:
    plan = result.plan
    kind = tr("clients") if plan.kind == "clients" else tr("staff")
    lines = [tr("Dry run: {count} {kind} would be imported from {file}; nothing was written.",
                count=result.written, kind=kind, file=plan.file) if result.dry_run else
             tr("Imported {count} {kind} from {file}.", count=result.written, kind=kind, file=plan.file)]
    if plan.refused_rows:
        lines.append(tr("Refused rows (not imported): {rows}", rows=", ".join(map(str, plan.refused_rows))))
    if result.created_staff:
        lines.append(tr("New staff records for unknown owners: {names}", names=", ".join(result.created_staff)))
    if plan.unmapped:
        lines.append(tr("Columns not imported: {headers}", headers=", ".join(plan.unmapped)))
    return "\n".join(lines)
