"""The school's working calendar, read from the site: School Office Settings (working day and
weekdays) and its Holiday List (statutory holidays). Make-up working days (调休) come from
the Holiday Arrangement of the service desk when that module is present.

Callers get a plain :class:`school_office.core.worktime.WorkCalendar` and do the arithmetic
there (SLA-like due times of complaints, routing rows of official documents, ...).
"""

import frappe
from frappe.utils import getdate

from school_office.core.coverage import covered_years, needs_extension
from school_office.core.worktime import WorkCalendar, calendar_from_settings

WEEKDAY_FIELDS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
CACHE_KEY = "school_office_work_calendar"


def get_work_calendar() -> WorkCalendar:
	cached = frappe.cache.get_value(CACHE_KEY)
	if cached:
		return cached
	cal = _build()
	frappe.cache.set_value(CACHE_KEY, cal, expires_in_sec=3600)
	return cal


def clear_calendar_cache(*args, **kwargs):
	frappe.cache.delete_value(CACHE_KEY)


def _build() -> WorkCalendar:
	s = frappe.get_cached_doc("School Office Settings")
	weekdays = [i for i, f in enumerate(WEEKDAY_FIELDS) if s.get(f)]
	holidays: set = set()
	workdays: set = set()
	if s.holiday_list:
		for d in frappe.get_all("Holiday", filters={"parent": s.holiday_list}, pluck="holiday_date"):
			holidays.add(getdate(d))
	if frappe.db.table_exists("Holiday Arrangement Day"):
		for row in frappe.get_all("Holiday Arrangement Day", fields=["date", "day_type"]):
			if row.day_type == "Make-up Working Day":
				workdays.add(getdate(row.date))
			else:
				holidays.add(getdate(row.date))
	holidays -= workdays
	return calendar_from_settings(
		s.work_start_time, s.work_end_time, weekdays or [0, 1, 2, 3, 4], holidays, workdays
	)


SCHOOL_CALENDAR = "School Calendar"


def _arrangement_years() -> set[int]:
	years = set()
	if frappe.db.table_exists("Holiday Arrangement"):
		years |= {int(y) for y in frappe.get_all("Holiday Arrangement", pluck="year") if y}
	if frappe.db.table_exists("Holiday Arrangement Day"):
		years |= {getdate(d).year for d in frappe.get_all("Holiday Arrangement Day", pluck="date") if d}
	return years


def rebuild_school_calendar(years: set[int] | None = None, today=None) -> str:
	"""(Re)build the "School Calendar" Holiday List from the settings' weekdays and the
	Holiday Arrangements: every day off of the covered years, minus make-up working days.

	Covers the years it covered before, this year to at least COVER_DAYS_AHEAD days ahead, every year
	with a Holiday Arrangement and ``years``. Returns the list's name.
	"""
	from datetime import date, timedelta

	from frappe.utils import nowdate

	s = frappe.get_single("School Office Settings")
	working = {i for i, f in enumerate(WEEKDAY_FIELDS) if s.get(f)} or {0, 1, 2, 3, 4}
	arranged = {}
	for row in frappe.get_all("Holiday Arrangement Day", fields=["date", "day_type", "description"]):
		arranged[getdate(row.date)] = row
	existing = None
	if frappe.db.exists("Holiday List", SCHOOL_CALENDAR):
		bounds = frappe.db.get_value("Holiday List", SCHOOL_CALENDAR, ["from_date", "to_date"])
		existing = (getdate(bounds[0]) if bounds[0] else None, getdate(bounds[1]) if bounds[1] else None)
	covered = covered_years(getdate(today or nowdate()), existing, _arrangement_years(), years or ())
	rows = []
	for year in sorted(covered):
		d = date(year, 1, 1)
		while d.year == year:
			a = arranged.get(d)
			if a and a.day_type == "Make-up Working Day":
				pass
			elif a:
				rows.append({"holiday_date": d, "description": a.description or "Holiday", "weekly_off": 0})
			elif d.weekday() not in working:
				rows.append({"holiday_date": d, "description": "Weekly Off", "weekly_off": 1})
			d += timedelta(days=1)
	if frappe.db.exists("Holiday List", SCHOOL_CALENDAR):
		hl = frappe.get_doc("Holiday List", SCHOOL_CALENDAR)
	else:
		hl = frappe.new_doc("Holiday List")
		hl.holiday_list_name = SCHOOL_CALENDAR
	hl.from_date = date(min(covered), 1, 1)
	hl.to_date = date(max(covered), 12, 31)
	hl.set("holidays", rows)
	hl.flags.ignore_permissions = True
	hl.save()
	if not frappe.db.get_single_value("School Office Settings", "holiday_list"):
		frappe.db.set_single_value("School Office Settings", "holiday_list", hl.name)
	clear_calendar_cache()
	return hl.name


def extend_school_calendar(today=None) -> bool:
	"""Scheduled daily: keep the School Calendar covering at least COVER_DAYS_AHEAD days ahead, so the
	SLAs never count a weekend as a working day. Rebuilds only when it falls short (about once a year);
	True when it did."""
	from frappe.utils import nowdate

	today = getdate(today or nowdate())
	if not frappe.db.exists("Holiday List", SCHOOL_CALENDAR):
		return False  # not installed yet
	to_date = frappe.db.get_value("Holiday List", SCHOOL_CALENDAR, "to_date")
	if not needs_extension(getdate(to_date) if to_date else None, today):
		return False
	rebuild_school_calendar(today=today)
	if not frappe.flags.in_test:
		frappe.db.commit()
	return True


def rebuild_on_weekday_change(settings, method=None):
	"""on_change of School Office Settings: when the working weekdays change, the School Calendar's weekly
	days off are rebuilt (the SLAs take every weekday as a support day and read days off from the list)."""
	before = settings.get_doc_before_save()
	if not before or not frappe.db.exists("Holiday List", SCHOOL_CALENDAR):
		return
	if any(bool(before.get(f)) != bool(settings.get(f)) for f in WEEKDAY_FIELDS):
		rebuild_school_calendar()
