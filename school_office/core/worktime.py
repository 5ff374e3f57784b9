"""Working-time arithmetic on a school calendar.

A :class:`WorkCalendar` knows the daily working window (default 08:30–17:30), the
weekdays that are normally worked (Mon–Fri), statutory holidays, and the make-up
working days of the Chinese official arrangement (调休: a Saturday or Sunday that is
worked). A make-up day counts even though its weekday is normally off; a holiday does
not count even though its weekday is normally worked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

# guard against a calendar with no working day at all
MAX_SCAN_DAYS = 3 * 366


@dataclass(frozen=True)
class WorkCalendar:
	start: time = time(8, 30)
	end: time = time(17, 30)
	weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})
	holidays: frozenset[date] = field(default_factory=frozenset)
	workdays: frozenset[date] = field(default_factory=frozenset)

	def __post_init__(self):
		if self.start >= self.end:
			raise ValueError("working day must start before it ends")
		object.__setattr__(self, "weekdays", frozenset(self.weekdays))
		object.__setattr__(self, "holidays", frozenset(self.holidays))
		object.__setattr__(self, "workdays", frozenset(self.workdays))
		both = self.holidays & self.workdays
		if both:
			raise ValueError(f"dates both holiday and make-up working day: {sorted(both)}")
		if not self.weekdays and not self.workdays:
			raise ValueError("calendar has no working day")

	@property
	def day_length(self) -> timedelta:
		return datetime.combine(date.min, self.end) - datetime.combine(date.min, self.start)

	def is_working_day(self, d: date) -> bool:
		if d in self.workdays:
			return True
		if d in self.holidays:
			return False
		return d.weekday() in self.weekdays

	def next_working_day(self, d: date, include_today: bool = False) -> date:
		cur = d if include_today else d + timedelta(days=1)
		for _ in range(MAX_SCAN_DAYS):
			if self.is_working_day(cur):
				return cur
			cur += timedelta(days=1)
		raise ValueError("no working day within three years")

	def clock_start(self, moment: datetime) -> datetime:
		"""The first working moment at or after ``moment`` (when a clock starts running)."""
		d = moment.date()
		if self.is_working_day(d):
			if moment.time() < self.start:
				return datetime.combine(d, self.start)
			if moment.time() < self.end:
				return moment
		return datetime.combine(self.next_working_day(d), self.start)

	def add_working_time(self, moment: datetime, duration: timedelta) -> datetime:
		"""The moment when ``duration`` of working time has passed since ``moment``."""
		if duration < timedelta(0):
			raise ValueError("duration must not be negative")
		cur = self.clock_start(moment)
		remaining = duration
		while True:
			day_end = datetime.combine(cur.date(), self.end)
			left_today = day_end - cur
			if remaining <= left_today:
				return cur + remaining
			remaining -= left_today
			cur = datetime.combine(self.next_working_day(cur.date()), self.start)

	def add_working_hours(self, moment: datetime, hours: float) -> datetime:
		return self.add_working_time(moment, timedelta(hours=hours))

	def add_working_days(self, moment: datetime, days: int) -> datetime:
		"""End of the ``days``-th working day counted from the clock start (day 1 = the start day)."""
		if days < 1:
			raise ValueError("days must be at least 1")
		d = self.clock_start(moment).date()
		for _ in range(days - 1):
			d = self.next_working_day(d)
		return datetime.combine(d, self.end)

	def working_time_between(self, a: datetime, b: datetime) -> timedelta:
		"""Working time elapsed from ``a`` to ``b`` (negative if ``b`` is before ``a``)."""
		if b < a:
			return -self.working_time_between(b, a)
		total = timedelta(0)
		cur = self.clock_start(a)
		while cur < b:
			day_end = datetime.combine(cur.date(), self.end)
			total += min(day_end, b) - cur
			cur = datetime.combine(self.next_working_day(cur.date()), self.start)
		return total


def calendar_from_settings(
	start: time | str | None = None,
	end: time | str | None = None,
	weekdays: Iterable[int] | None = None,
	holidays: Iterable[date] = (),
	workdays: Iterable[date] = (),
) -> WorkCalendar:
	"""Build a calendar from settings values (times may be 'HH:MM[:SS]' strings)."""

	def _t(v, default):
		if v is None or v == "":
			return default
		if isinstance(v, time):
			return v
		if isinstance(v, timedelta):  # MariaDB returns TIME columns as timedelta
			secs = int(v.total_seconds())
			return time(secs // 3600, (secs % 3600) // 60, secs % 60)
		parts = [int(p) for p in str(v).split(".")[0].split(":")]
		while len(parts) < 3:
			parts.append(0)
		return time(*parts[:3])

	return WorkCalendar(
		start=_t(start, time(8, 30)),
		end=_t(end, time(17, 30)),
		weekdays=frozenset(weekdays if weekdays is not None else {0, 1, 2, 3, 4}),
		holidays=frozenset(holidays),
		workdays=frozenset(workdays),
	)


def format_remaining(delta: timedelta) -> tuple[str, int, int]:
	"""Split a signed duration into ('due'|'overdue', hours, minutes) for 'due in / overdue by'."""
	state = "due" if delta >= timedelta(0) else "overdue"
	mins = int(abs(delta).total_seconds() // 60)
	return state, mins // 60, mins % 60
