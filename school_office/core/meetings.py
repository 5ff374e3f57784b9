"""Meeting rules (MT-1…MT-6) in plain Python: who approves, notice lead times, the setup checklist
from the headcount, minutes deadlines and agenda time slots. No Frappe imports."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

MEETING_TYPES = ("Department", "Cross-department", "Leadership", "Coordination")
STATUSES = (
	"Draft",
	"Pending Approval",
	"Approved",
	"Notified",
	"In Progress",
	"Held",
	"Minutes Review",
	"Minutes Published",
	"Cancelled",
)
RSVP_ANSWERS = ("Pending", "Accepted", "Declined", "Delegated")
# meetings of these types need a School Leader's approval; the others a Department Head's or a leader's
LEADER_APPROVED_TYPES = ("Cross-department", "Leadership")
# statuses in which the room, the time and the attendees may still change
EDITABLE_STATUSES = ("Draft", "Pending Approval", "Approved", "Notified")


def approver_roles(meeting_type: str | None) -> tuple[str, ...]:
	"""The roles that may approve a meeting of this type (MT-1)."""
	if meeting_type in LEADER_APPROVED_TYPES:
		return ("School Leader",)
	return ("Department Head", "School Leader")


def notice_days(meeting_type: str | None, days: int, cross_department_days: int) -> int:
	"""Calendar days of notice a meeting of this type needs (MT-2): cross-department meetings the longer."""
	return cross_department_days if meeting_type == "Cross-department" else days


def notice_needed_by(starts_on: datetime, days: int) -> datetime:
	"""The latest moment a notice may go out for a meeting starting at `starts_on`."""
	return starts_on - timedelta(days=days)


def notice_in_time(now: datetime, starts_on: datetime, days: int) -> bool:
	return now <= notice_needed_by(starts_on, days)


@dataclass(frozen=True)
class SetupLine:
	item: str
	quantity: int


def setup_checklist(headcount: int, equipment: list[str] | tuple[str, ...] = ()) -> list[SetupLine]:
	"""MT-3: the room's setup from the headcount — a chair each, one microphone per 10 people (at least
	one from 10 people on, two when a chair speaks to more than 30), a projector from 6 people on, plus any
	equipment asked for."""
	n = max(int(headcount or 0), 0)
	lines = [SetupLine("Chairs", n)] if n else []
	if n >= 10:
		lines.append(SetupLine("Microphones", max(math.ceil(n / 10), 2 if n > 30 else 1)))
	if n >= 6:
		lines.append(SetupLine("Projector", 1))
	have = {line.item for line in lines}
	for e in equipment or ():
		e = " ".join(str(e).split())
		if e and e not in have:
			lines.append(SetupLine(e, 1))
			have.add(e)
	return lines


def setup_test_due(starts_on: datetime, days: int) -> datetime:
	"""Equipment is tested `days` calendar days before the start (MT-3)."""
	return starts_on - timedelta(days=days)


def minutes_due(ends_on: datetime, working_due: datetime, max_hours: int) -> datetime:
	"""MT-6: the minutes are due `working_due` (end + N working hours, from the school calendar), never
	later than `max_hours` calendar hours after the end."""
	return min(working_due, ends_on + timedelta(hours=max_hours))


@dataclass(frozen=True)
class Slot:
	topic: str
	starts_on: datetime
	ends_on: datetime


def agenda_slots(starts_on: datetime, minutes: list[int]) -> list[tuple[datetime, datetime]]:
	"""Consecutive time slots of the agenda items from the meeting's start (MT-5)."""
	out, t = [], starts_on
	for m in minutes:
		end = t + timedelta(minutes=max(int(m or 0), 0))
		out.append((t, end))
		t = end
	return out


def overrunning(slots: list[tuple[datetime, datetime]], ends_on: datetime) -> list[int]:
	"""Indexes of agenda items whose slot ends after the meeting does (they are deferred)."""
	return [i for i, (_s, e) in enumerate(slots) if e > ends_on]


def week_before(friday: datetime) -> tuple[datetime, datetime]:
	"""The seven days the Friday digest covers: [friday - 7 days, friday) from midnight (MT-7)."""
	end = friday.replace(hour=0, minute=0, second=0, microsecond=0)
	return end - timedelta(days=7), end
