"""Venue booking rules without a database (never imports frappe).

The Venues module's controllers and APIs call these; they are tested in tests/core/test_booking.py.

- overlap with buffers:             overlaps(), blocking_window()
- booking rules (RM-3):             check_rules() -> [RuleFailure(rule, params)], each says what would pass
- priority and displacement (RM-4): priority(), resolve_conflicts()
- recurrence:                       expand_weekly()
- class periods (节次):               period_span()
- free-venue search and ranking:    venue_matches(), rank_venues(), similar_venues()
- utilisation (RM-6):               clip_hours(), utilisation(), no_show_rate(), usage_flag(), month_bounds()
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

# In priority order (RM-4): the first displaces the later ones.
ACTIVITY_CLASSES = ("Teaching", "Exam", "Meeting", "Student Activity", "Other")
# Classes that may displace bookings of a lower priority.
DISPLACING_CLASSES = ("Teaching", "Exam")
# Statuses that occupy the venue.
BLOCKING_STATUSES = ("Approved", "Checked In")
# A booking in one of these statuses can be displaced (a checked-in booking is in the room already).
DISPLACEABLE_STATUSES = ("Approved",)


def priority(activity_class: str | None) -> int:
	"""0 is the highest priority; unknown classes rank last."""
	try:
		return ACTIVITY_CLASSES.index(activity_class)
	except ValueError:
		return len(ACTIVITY_CLASSES)


def blocking_window(
	starts_on: datetime, ends_on: datetime, buffer_minutes: int = 0
) -> tuple[datetime, datetime]:
	"""The span a booking keeps the venue from others: its time widened by the buffer on both sides."""
	b = timedelta(minutes=max(int(buffer_minutes or 0), 0))
	return starts_on - b, ends_on + b


def overlaps(
	a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime, buffer_minutes: int = 0
) -> bool:
	"""Whether two bookings of one venue collide, keeping `buffer_minutes` free between them.

	Intervals are half-open: one booking may end exactly when the next begins (with no buffer).
	"""
	ws, we = blocking_window(a_start, a_end, buffer_minutes)
	return ws < b_end and b_start < we


# ----------------------------------------------------------------------------- rules (RM-3)


@dataclass
class RuleFailure:
	"""A broken rule: `rule` is a stable code, `params` what the message needs (including what would pass)."""

	rule: str
	params: dict = field(default_factory=dict)


def check_rules(
	starts_on: datetime,
	ends_on: datetime,
	now: datetime,
	*,
	headcount: int = 0,
	capacity: int | None = None,
	min_advance_days: int = 0,
	max_duration_hours: float = 0,
	is_bookable: bool = True,
) -> list[RuleFailure]:
	"""All booking rules a request breaks (empty when it may be booked).

	Rules and what would pass:
	- "not_bookable": the venue is not open for booking.
	- "end_before_start": ends_on must be after starts_on.
	- "in_past": starts_on must be at or after `now` (params: earliest).
	- "advance": the start date must be at least min_advance_days calendar days after today's date
	  (params: days, earliest_date).
	- "duration": ends_on - starts_on must not exceed max_duration_hours, 0 = no limit
	  (params: hours, latest_end).
	- "capacity": headcount must not exceed capacity (params: capacity, headcount).
	"""
	out: list[RuleFailure] = []
	if not is_bookable:
		out.append(RuleFailure("not_bookable"))
	if ends_on <= starts_on:
		out.append(RuleFailure("end_before_start", {"starts_on": starts_on}))
	if starts_on < now:
		out.append(RuleFailure("in_past", {"earliest": now}))
	days = int(min_advance_days or 0)
	if days > 0:
		earliest_date = now.date() + timedelta(days=days)
		if starts_on.date() < earliest_date:
			out.append(RuleFailure("advance", {"days": days, "earliest_date": earliest_date}))
	hours = float(max_duration_hours or 0)
	if hours > 0 and ends_on > starts_on and (ends_on - starts_on) > timedelta(hours=hours):
		out.append(
			RuleFailure("duration", {"hours": hours, "latest_end": starts_on + timedelta(hours=hours)})
		)
	if capacity is not None and headcount and int(headcount) > int(capacity):
		out.append(RuleFailure("capacity", {"capacity": int(capacity), "headcount": int(headcount)}))
	return out


# ----------------------------------------------------------------------------- conflicts (RM-4)


@dataclass
class Slot:
	"""A booking as the conflict rules see it."""

	name: str
	starts_on: datetime
	ends_on: datetime
	activity_class: str = "Other"
	status: str = "Approved"


@dataclass
class Decision:
	"""Outcome of putting a booking into a venue's timetable.

	ok: it may take the venue; displace: names of bookings that must give way (when ok);
	blocking: names of bookings that stop it (when not ok).
	"""

	ok: bool
	displace: list[str] = field(default_factory=list)
	blocking: list[str] = field(default_factory=list)


def conflicting(new: Slot, existing: list[Slot], buffer_minutes: int = 0) -> list[Slot]:
	"""The blocking bookings (Approved / Checked In) among `existing` that collide with `new`."""
	return [
		s
		for s in existing
		if s.name != new.name
		and s.status in BLOCKING_STATUSES
		and overlaps(new.starts_on, new.ends_on, s.starts_on, s.ends_on, buffer_minutes)
	]


def resolve_conflicts(
	new: Slot, existing: list[Slot], buffer_minutes: int = 0, *, force: bool = False
) -> Decision:
	"""May `new` take the venue, and whom does it displace?

	- No collision: ok.
	- Teaching / Exam may displace colliding bookings of strictly lower priority that are only
	  Approved (not yet checked in). If any collider is of equal or higher priority, or checked in,
	  the request is refused and the colliders are named.
	- force (an Office Manager's emergency reallocation) displaces every Approved collider; a
	  checked-in booking still blocks.
	"""
	hits = conflicting(new, existing, buffer_minutes)
	if not hits:
		return Decision(True)
	p = priority(new.activity_class)
	blocking, displace = [], []
	for s in hits:
		if s.status not in DISPLACEABLE_STATUSES:
			blocking.append(s.name)
		elif force or (new.activity_class in DISPLACING_CLASSES and priority(s.activity_class) > p):
			displace.append(s.name)
		else:
			blocking.append(s.name)
	if blocking:
		return Decision(False, blocking=sorted(blocking))
	return Decision(True, displace=sorted(displace))


# ----------------------------------------------------------------------------- recurrence


def expand_weekly(
	starts_on: datetime, ends_on: datetime, until: date, every_weeks: int = 1, limit: int = 200
) -> list[tuple[datetime, datetime]]:
	"""The occurrences of a weekly series, the first included, up to and including the date `until`.

	every_weeks >= 1; at most `limit` occurrences (a safety net against a typo in `until`).
	"""
	step = timedelta(weeks=max(int(every_weeks or 1), 1))
	out = []
	s, e = starts_on, ends_on
	while s.date() <= until and len(out) < limit:
		out.append((s, e))
		s, e = s + step, e + step
	return out


# ----------------------------------------------------------------------------- class periods (节次)


def period_span(
	day: date, periods: list[tuple[int, time, time]], first: int, last: int | None = None
) -> tuple[datetime, datetime]:
	"""Start and end on `day` of the class periods first..last (inclusive) of the school's time grid.

	periods: (number, start_time, end_time). Raises ValueError for an unknown period or last < first.
	"""
	grid = {int(n): (s, e) for n, s, e in periods}
	last = first if last is None else last
	if int(first) not in grid or int(last) not in grid:
		raise ValueError(f"unknown period {first if int(first) not in grid else last}")
	if int(last) < int(first):
		raise ValueError("the last period comes before the first")
	return datetime.combine(day, grid[int(first)][0]), datetime.combine(day, grid[int(last)][1])


# ----------------------------------------------------------------------------- free venues


@dataclass
class VenueInfo:
	name: str
	capacity: int = 0
	category: str | None = None
	equipment: frozenset = frozenset()
	is_bookable: bool = True


def norm_equipment(items) -> frozenset:
	"""Equipment names compared case- and space-insensitively; accepts a list or a comma-separated string."""
	if not items:
		return frozenset()
	if isinstance(items, str):
		items = items.split(",")
	return frozenset(" ".join(str(i).split()).lower() for i in items if str(i).strip())


def venue_matches(
	v: VenueInfo, capacity: int | None = None, equipment=None, category: str | None = None
) -> bool:
	if not v.is_bookable:
		return False
	if capacity and (v.capacity or 0) < int(capacity):
		return False
	if category and v.category != category:
		return False
	need = norm_equipment(equipment)
	return need <= norm_equipment(v.equipment)


def rank_venues(venues: list[VenueInfo], capacity: int | None = None, equipment=None) -> list[VenueInfo]:
	"""Best fit first: the least spare capacity, then the fewest unneeded equipment items, then the name."""
	need = norm_equipment(equipment)
	want = int(capacity or 0)

	def key(v: VenueInfo):
		return ((v.capacity or 0) - want, len(norm_equipment(v.equipment) - need), v.name)

	return sorted(venues, key=key)


def similar_venues(
	target: VenueInfo, free: list[VenueInfo], headcount: int = 0, count: int = 3
) -> list[VenueInfo]:
	"""Up to `count` free venues most like `target` for a displaced booking.

	A candidate must seat `headcount`. Ranked by how many of the target's equipment items it lacks,
	then by how far its capacity is from the target's, then by name.
	"""
	need = norm_equipment(target.equipment)

	def key(v: VenueInfo):
		return (
			len(need - norm_equipment(v.equipment)),
			abs((v.capacity or 0) - (target.capacity or 0)),
			v.name,
		)

	pool = [
		v
		for v in free
		if v.name != target.name and v.is_bookable and (v.capacity or 0) >= int(headcount or 0)
	]
	return sorted(pool, key=key)[:count]


# ----------------------------------------------------------------------------- utilisation (RM-6)


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
	start = datetime(year, month, 1)
	end = datetime(year + (month == 12), month % 12 + 1, 1)
	return start, end


def clip_hours(starts_on: datetime, ends_on: datetime, window_start: datetime, window_end: datetime) -> float:
	"""Hours of [starts_on, ends_on) that fall inside [window_start, window_end)."""
	s, e = max(starts_on, window_start), min(ends_on, window_end)
	return max((e - s).total_seconds(), 0) / 3600.0


def utilisation(booked_hours: float, available_hours: float) -> float | None:
	"""Booked over available, in percent; None when nothing was available."""
	if not available_hours or available_hours <= 0:
		return None
	return round(100.0 * booked_hours / available_hours, 1)


def no_show_rate(no_shows: int, held: int) -> float | None:
	"""No-shows among the bookings that should have been used (held = used + no-shows), in percent."""
	total = (no_shows or 0) + (held or 0)
	if not total:
		return None
	return round(100.0 * no_shows / total, 1)


def usage_flag(percent: float | None, under: float = 20, over: float = 85) -> str:
	"""'Under-used' below `under` %, 'Over-used' above `over` %, else ''."""
	if percent is None:
		return ""
	if percent < under:
		return "Under-used"
	if percent > over:
		return "Over-used"
	return ""


def suggestion(flag: str) -> str:
	"""The advice shown with a flag (English source; the caller translates)."""
	return {
		"Under-used": "Open it to more groups or merge its bookings with another venue",
		"Over-used": "Move recurring bookings to similar venues or add capacity",
	}.get(flag, "")
