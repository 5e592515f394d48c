"""Headless commands (demo, import, export, check, handover-report, risks, risk-report), built on core and store."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from churnguard_gui import __version__
from churnguard_gui.core.errors import ChurnError
from churnguard_gui.i18n import LANGUAGES, ntr, set_language, system_language, tr

COMMANDS = ("demo", "import", "export", "check", "handover-report", "risks", "risk-report", "purge")


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
    risks.add_argument("--as-of", type=_date, metavar="DATE", help=tr("the figures as of this day (default: today)"))
    risk_report = sub.add_parser("risk-report", help=tr("write the monthly risk report as PDF"))
    risk_report.add_argument("--out", required=True, metavar="FILE.pdf")
    risk_report.add_argument("--lang", choices=tuple(LANGUAGES), dest="report_lang", help=tr("language of the report"))
    risk_report.add_argument("--as-of", type=_date, metavar="DATE",
                             help=tr("the figures as of this day (default: today)"))
    purge = sub.add_parser("purge", help=tr("anonymise the screenings of candidates not hired after the retention "
                                            "period"))
    purge.add_argument("--dry-run", action="store_true", help=tr("check and report, write nothing"))
    return parser


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

            staff, clients = load_demo(db, early_warning=True)
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
    from churnguard_gui.core.importing import Owners
    from churnguard_gui.core.values import plain_text
    from churnguard_gui.store.importer import plan_file, run_import

    overrides = dict(parse_map_option(option, args.kind) for option in args.map)
    owners = Owners(plain_text(args.owner), bool(args.unassigned))
    plan = plan_file(db, args.file, args.kind, overrides, owners, args.sheet)
    for problem in plan.problems:
        print(str(problem), file=sys.stderr)
    if plan.problem_count > len(plan.problems):
        print(tr("… and {count} more problems", count=plan.problem_count - len(plan.problems)), file=sys.stderr)
    if plan.problems and not args.skip_bad:
        print(tr("error: {message}", message=tr("{count} rows cannot be imported; nothing was written",
                                                   count=len(plan.refused_rows))), file=sys.stderr)
        return 1
    result = run_import(db, plan, skip_bad=args.skip_bad, dry_run=args.dry_run)
    print(summary(result))
    return 0


def summary(result) -> str:
    """What an import did (or a dry run would do), for the command's output and the import dialog."""
    plan = result.plan
    kind = tr("clients") if plan.kind == "clients" else tr("staff")
    lines = [tr("Dry run: {count} {kind} would be imported from {file}; nothing was written.",
                count=result.written, kind=kind, file=plan.file) if result.dry_run else
             tr("Imported {count} {kind} from {file}.", count=result.written, kind=kind, file=plan.file)]
    if plan.refused_rows:
        lines.append(tr("Refused rows (not imported): {rows}", rows=_row_list(plan.refused_rows)))
    if result.created_staff:
        lines.append(tr("New staff records for unknown owners: {names}", names=", ".join(result.created_staff)))
    if result.created_team_staff:
        lines.append(tr("New staff records for unknown backups and managers: {names}",
                        names=", ".join(result.created_team_staff)))
    if plan.unassigned:
        lines.append(tr("Clients without an owner: {count}; they are marked \"needs an owner\" on the client list.",
                        count=plan.unassigned))
    if plan.unmapped:
        lines.append(tr("Columns not imported: {headers}", headers=", ".join(plan.unmapped)))
    if plan.warning_count:
        lines.append(tr("Warnings ({count}): imported, but worth a look:", count=plan.warning_count))
        lines += [f"  {warning}" for warning in plan.warnings]
        if plan.warning_count > len(plan.warnings):
            lines.append("  " + tr("… and {count} more", count=plan.warning_count - len(plan.warnings)))
    return "\n".join(lines)


def _row_list(rows: list[int], shown: int = 50) -> str:
    text = ", ".join(map(str, rows[:shown]))
    return text if len(rows) <= shown else text + " " + tr("… and {count} more", count=len(rows) - shown)
