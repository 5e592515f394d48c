"""The hiring screen: job-history stability, questionnaire, references and prior obligations into a risk level."""
from __future__ import annotations

import datetime as dt
import json
import statistics
from dataclasses import asdict, dataclass, field, fields
from functools import cache

from churnguard_gui import resources

QUESTIONS_FILE = "screening/questions.json"  # under resources/


RULE_LABELS = {
    "window_years": "Years of history counted",
    "max_jobs_in_window": "Jobs in those years before it is a warning",
    "short_stint_months": "A job shorter than this many months is short",
    "max_short_stints": "Short jobs allowed",
    "min_median_tenure_months": "Median months per job we look for",
    "gap_months": "A gap of this many months is mentioned",
    "max_same_industry_moves": "Moves within one industry allowed",
    "medium_points": "Points for medium risk",
    "high_points": "Points for high risk",
}


@dataclass(frozen=True)
class Rules:
    """Thresholds the owner may change in settings."""

    window_years: int = 5
    max_jobs_in_window: int = 3
    short_stint_months: int = 12
    max_short_stints: int = 1
    min_median_tenure_months: int = 24
    gap_months: int = 6
    max_same_industry_moves: int = 2
    medium_points: int = 3
    high_points: int = 6

    @classmethod
    def from_json(cls, text: str | None) -> Rules:
        if not text:
            return cls()
        known = {f.name for f in fields(cls)}
        return cls(**{k: int(v) for k, v in json.loads(text).items() if k in known})

    def to_json(self) -> str:
        return json.dumps(asdict(self))


@dataclass(frozen=True)
class Job:
    employer: str
    industry: str = ""
    role: str = ""
    start: str = ""  # YYYY-MM
    end: str = ""  # YYYY-MM, empty while current
    reason: str = ""
    brought_clients: bool = False


@dataclass(frozen=True)
class Reference:
    name: str
    relation: str = ""
    phone: str = ""
    called_on: str = ""
    confirmed: bool = False  # dates and role confirmed
    rehire: str = "unknown"  # yes / no / unknown
    notes: str = ""

    @property
    def reached(self) -> bool:
        return bool(self.called_on)


@dataclass(frozen=True)
class PriorObligation:
    under_noncompete: bool = False
    under_confidentiality: bool = False
    until: str = ""
    covering: str = ""


@dataclass(frozen=True)
class Reason:
    code: str
    points: int
    details: tuple[tuple[str, object], ...] = ()

    def detail(self) -> dict[str, object]:
        return dict(self.details)


@dataclass(frozen=True)
class Stability:
    jobs_in_window: int
    median_tenure_months: float
    short_stints: int
    same_industry_moves: int
    gaps: tuple[tuple[str, str, int], ...]  # (from, to, months)
    brought_clients: int


@dataclass(frozen=True)
class Assessment:
    level: str
    points: int
    stability: Stability
    reasons: tuple[Reason, ...] = field(default_factory=tuple)


def month_index(text: str) -> int:
    """Months since year 0 from 'YYYY-MM' (also 'YYYY/M' or 'YYYY年M月')."""
    cleaned = text.replace("年", "-").replace("月", "").replace("/", "-").replace(".", "-").strip()
    year, month = cleaned.split("-")[:2]
    value = int(year) * 12 + int(month) - 1
    if not 1 <= int(month) <= 12:
        raise ValueError(text)
    return value


def job_problems(job: Job, today: dt.date) -> list[str]:
    """Field names of a history row that cannot be used (empty employer, unreadable or reversed months)."""
    problems = []
    if not job.employer.strip():
        problems.append("employer")
    try:
        start = month_index(job.start)
    except (ValueError, IndexError):
        return [*problems, "start"]
    try:
        end = month_index(job.end) if job.end.strip() else today.year * 12 + today.month - 1
    except (ValueError, IndexError):
        return [*problems, "end"]
    if end < start:
        problems.append("end")
    return problems


def stability(jobs: list[Job], today: dt.date, rules: Rules | None = None) -> Stability:
    """The facts of a job history that matter for stability; rows that cannot be read are left out."""
    rules = rules or Rules()
    now = today.year * 12 + today.month - 1
    spans = []
    for job in jobs:
        if job_problems(job, today):
            continue
        start = month_index(job.start)
        end = month_index(job.end) if job.end.strip() else now
        spans.append((start, end, job))
    spans.sort(key=lambda s: s[0])
    window_start = now - rules.window_years * 12
    in_window = [s for s in spans if s[1] >= window_start]
    tenures = [end - start + 1 for start, end, _ in spans]
    short = sum(1 for start, end, job in in_window if job.end.strip() and end - start + 1 < rules.short_stint_months)
    moves = sum(1 for (_, _, a), (_, _, b) in zip(in_window, in_window[1:], strict=False)
                if a.industry.strip() and a.industry.strip() == b.industry.strip())
    gaps = []
    for (_, end_a, _), (start_b, _, _) in zip(spans, spans[1:], strict=False):
        months = start_b - end_a - 1
        if months >= rules.gap_months:
            gaps.append((_month_text(end_a + 1), _month_text(start_b - 1), months))
    return Stability(len(in_window), statistics.median(tenures) if tenures else 0.0, short, moves, tuple(gaps),
                     sum(1 for _, _, job in spans if job.brought_clients))


def _month_text(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@cache
def questionnaire() -> dict:
    return json.loads(resources.path(QUESTIONS_FILE).read_text(encoding="utf-8"))


def assess(jobs: list[Job], answers: dict[str, int], references: list[Reference], prior: PriorObligation,
           today: dt.date, rules: Rules | None = None) -> Assessment:
    """Risk level with the reasons that produced it. answers maps question id to the chosen answer's index."""
    rules = rules or Rules()
    facts = stability(jobs, today, rules)
    reasons: list[Reason] = []
    if facts.brought_clients:
        reasons.append(Reason("brought_clients", 3, (("count", facts.brought_clients),)))
    if facts.jobs_in_window > rules.max_jobs_in_window:
        reasons.append(Reason("many_jobs", 2, (("count", facts.jobs_in_window), ("years", rules.window_years))))
    if facts.short_stints > rules.max_short_stints:
        reasons.append(Reason("short_stints", 2, (("count", facts.short_stints),
                                                  ("months", rules.short_stint_months))))
    if jobs and facts.median_tenure_months < rules.min_median_tenure_months:
        reasons.append(Reason("short_median", 1, (("months", round(facts.median_tenure_months)),
                                                  ("limit", rules.min_median_tenure_months))))
    if facts.same_industry_moves > rules.max_same_industry_moves:
        reasons.append(Reason("industry_hopping", 2, (("count", facts.same_industry_moves),)))
    # A gap is never a reason, not even one scoring nothing: listing it on the record is evidence of weighing a
    # proxy for childbirth or illness (妇女权益保障法 第43条, 就业促进法 第27条). The wizard only reminds the reviewer.
    scores = {q["id"]: q["answers"] for q in questionnaire()["questions"]}
    bad = [qid for qid, index in answers.items() if qid in scores and scores[qid][index]["score"] >= 2]
    doubtful = [qid for qid, index in answers.items() if qid in scores and scores[qid][index]["score"] == 1]
    if bad:
        reasons.append(Reason("integrity_answers", 2 * len(bad), (("count", len(bad)),)))
    if len(doubtful) >= 2:
        reasons.append(Reason("doubtful_answers", 1, (("count", len(doubtful)),)))
    reached = [r for r in references if r.reached]
    if len(references) < 2 or len(reached) < 2:
        reasons.append(Reason("references_missing", 1, (("reached", len(reached)),)))
    if any(r.rehire == "no" for r in reached):
        reasons.append(Reason("not_rehire", 2))
    if any(r.reached and not r.confirmed for r in references):
        reasons.append(Reason("not_confirmed", 1))
    if prior.under_noncompete and (not prior.until or prior.until >= today.isoformat()):
        reasons.append(Reason("prior_noncompete", 3, (("until", prior.until or "?"), ("covering", prior.covering))))
    points = sum(r.points for r in reasons)
    level = "high" if points >= rules.high_points else "medium" if points >= rules.medium_points else "low"
    return Assessment(level, points, facts, tuple(sorted(reasons, key=lambda r: -r.points)))


def years_and_months(months: float) -> tuple[int, int]:
    """A length in months as whole years and the months left over (rounded to the month)."""
    whole = round(months)
    return whole // 12, whole % 12


def risky_answers(answers: dict[str, int]) -> list[tuple[int, str, int]]:
    """(question number, question id, score) of each answer that raised a warning (score 1 or more), in the
    questionnaire's order, so the result can name them."""
    out = []
    for number, question in enumerate(questionnaire()["questions"], start=1):
        index = answers.get(question["id"])
        if index is not None and 0 <= index < len(question["answers"]) and question["answers"][index]["score"] >= 1:
            out.append((number, question["id"], question["answers"][index]["score"]))
    return out
