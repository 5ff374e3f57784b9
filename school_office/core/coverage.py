"""How far the school's working calendar (the "School Calendar" Holiday List) must reach. No Frappe.

The SLAs and the app's clocks read weekends and holidays from that list: a day it does not cover counts
as a working day, so it always covers at least COVER_DAYS_AHEAD days from today (a daily job extends it).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

COVER_DAYS_AHEAD = 366


def covered_years(
	today: date,
	existing: tuple[date | None, date | None] | None = None,
	arranged: Iterable[int] = (),
	extra: Iterable[int] = (),
) -> set[int]:
	"""The years the calendar must hold, without gaps: those it held already (``existing`` = its from and
	to date), this year up to the year of ``today`` + COVER_DAYS_AHEAD (so at least this year and next),
	every year with a holiday arrangement (``arranged``) and ``extra``."""
	last = max(today.year + 1, (today + timedelta(days=COVER_DAYS_AHEAD)).year)
	years = {today.year, last} | {int(y) for y in arranged} | {int(y) for y in extra}
	if existing and existing[0] and existing[1]:
		years |= {existing[0].year, existing[1].year}
	# no gaps: a year left out between two covered ones would count its weekends as working days
	return set(range(min(years), max(years) + 1))


def needs_extension(to_date: date | None, today: date) -> bool:
	"""True when a calendar ending on ``to_date`` does not reach COVER_DAYS_AHEAD days past ``today``."""
	return to_date is None or to_date < today + timedelta(days=COVER_DAYS_AHEAD)
