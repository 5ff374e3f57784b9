"""Service desk rules without a database: status flow, queue order, complaint milestones,
escalation thresholds, e-mail subject parsing and ratings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from school_office.core.worktime import WorkCalendar

STATUSES = (
	"Open",
	"Needs Info",
	"Accepted",
	"In Progress",
	"On Hold",
	"Resolved",
	"Closed",
	"Rejected",
	"Referred",
)
HOLD_STATUSES = ("Needs Info", "On Hold")
FULFILLED_STATUSES = ("Resolved", "Closed", "Rejected", "Referred")
FINAL_STATUSES = ("Closed", "Rejected", "Referred")

# from -> allowed next statuses
TRANSITIONS = {
	"Open": {"Needs Info", "Accepted", "Rejected", "Referred", "In Progress", "Resolved", "Closed"},
	"Needs Info": {"Open", "Accepted", "Rejected", "Referred", "Closed"},
	"Accepted": {"In Progress", "On Hold", "Needs Info", "Resolved", "Referred", "Closed"},
	"In Progress": {"On Hold", "Needs Info", "Resolved", "Referred", "Closed"},
	"On Hold": {"In Progress", "Accepted", "Resolved", "Closed"},
	"Resolved": {"Closed", "In Progress"},  # reopened when the requester is not satisfied
	"Closed": {"In Progress"},
	"Rejected": set(),
	"Referred": set(),
}

PRIORITY_RANK = {"Urgent": 1, "High": 2, "Medium": 3, "Low": 4}
RANK_SPAN = 10_000_000_000  # larger than any epoch second


def can_move(old: str | None, new: str) -> bool:
	if new not in STATUSES:
		return False
	if not old or old == new:
		return True
	return new in TRANSITIONS.get(old, set())


def queue_score(priority: str | None, created: datetime) -> float:
	"""Lower comes first: urgent before high before medium before low, then first come first served."""
	rank = PRIORITY_RANK.get(priority or "", 3)
	return rank * RANK_SPAN + created.timestamp()


def front_of_queue_score(priority: str | None, current_scores: list[float]) -> float:
	"""A score that puts a request before every other request of its priority band."""
	rank = PRIORITY_RANK.get(priority or "", 3)
	band_start = rank * RANK_SPAN
	in_band = [s for s in current_scores if band_start <= s < band_start + RANK_SPAN]
	lowest = min(in_band) if in_band else band_start + 1
	return max(band_start, lowest - 1)


@dataclass(frozen=True)
class Milestones:
	registered_due: datetime
	assigned_due: datetime
	plan_due: datetime


def complaint_milestones(
	received: datetime, calendar: WorkCalendar, complex_case: bool = False
) -> Milestones:
	"""CF-2: registered within 1 working day, assigned within 2, preliminary plan within 5 (10 complex)."""
	return Milestones(
		registered_due=calendar.add_working_days(received, 1),
		assigned_due=calendar.add_working_days(received, 2),
		plan_due=calendar.add_working_days(received, 10 if complex_case else 5),
	)


def milestone_state(due: datetime | None, done: datetime | None, now: datetime) -> str:
	"""'done', 'late' (done after due), 'breached' (not done, past due), 'due' (not done, in time)."""
	if due is None:
		return ""
	if done:
		return "done" if done <= due else "late"
	return "breached" if now > due else "due"


def elapsed_fraction(start: datetime, due: datetime, now: datetime, calendar: WorkCalendar) -> float:
	"""Share of the working time between start and due that has passed at now."""
	total = calendar.working_time_between(start, due).total_seconds()
	if total <= 0:
		return 1.0 if now >= due else 0.0
	return calendar.working_time_between(start, now).total_seconds() / total


def escalations_due(
	start: datetime, due: datetime, now: datetime, calendar: WorkCalendar, kind: str, already: set[str]
) -> list[str]:
	"""Escalation types to send now for one target ('Response' or 'Resolution'), never twice."""
	out = []
	frac = elapsed_fraction(start, due, now, calendar)
	if now > due and f"{kind} Breached" not in already:
		out.append(f"{kind} Breached")
	elif frac >= 0.75 and f"{kind} 75%" not in already and now <= due:
		out.append(f"{kind} 75%")
	return out


SUBJECT_RE = re.compile(r"^\s*\[([^\]]+)\]\s*-\s*\[([^\]]+)\]\s*-\s*\[(\d{8})\]\s*(.*)$")
REPLY_PREFIX_RE = re.compile(r"^\s*((re|fw|fwd|aw|wg|回复|答复|转发)\s*[:：]\s*)+", re.IGNORECASE)


@dataclass(frozen=True)
class ParsedSubject:
	department: str | None
	service_type: str | None
	on: date | None
	matched: bool


def _norm(s: str) -> str:
	return re.sub(r"\s+", "", s or "").lower()


def parse_subject(subject: str, departments: dict[str, str], service_types: dict[str, str]) -> ParsedSubject:
	"""Parse '[Department]-[Type]-[YYYYMMDD]'.

	``departments`` / ``service_types`` map every accepted spelling (English name, Chinese
	name, record name) to the record name. Parts that do not match stay None; the request is
	then left untyped for triage with its subject unchanged.
	"""
	m = SUBJECT_RE.match(REPLY_PREFIX_RE.sub("", subject or ""))
	if not m:
		return ParsedSubject(None, None, None, False)
	dept_raw, type_raw, day_raw = m.group(1), m.group(2), m.group(3)
	dept_map = {_norm(k): v for k, v in departments.items()}
	type_map = {_norm(k): v for k, v in service_types.items()}
	try:
		on = datetime.strptime(day_raw, "%Y%m%d").date()
	except ValueError:
		on = None
	department = dept_map.get(_norm(dept_raw))
	service_type = type_map.get(_norm(type_raw))
	return ParsedSubject(department, service_type, on, bool(department and service_type and on))


def validate_rating(value) -> int:
	"""Ratings are whole stars 1..5."""
	try:
		stars = int(value)
	except (TypeError, ValueError):
		raise ValueError("rating must be a whole number from 1 to 5")
	if str(value).strip() not in (str(stars), f"{stars}.0") or not 1 <= stars <= 5:
		raise ValueError("rating must be a whole number from 1 to 5")
	return stars
