"""The school's working calendar, read from the site: School Office Settings (working day and
weekdays) and its Holiday List (statutory holidays). Make-up working days (调休) come from
the Holiday Arrangement of the service desk when that module is present.

Callers get a plain :class:`school_office.core.worktime.WorkCalendar` and do the arithmetic
there (SLA-like due times of complaints, routing rows of official documents, ...).
"""

import frappe
from frappe.utils import getdate

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
	return calendar_from_settings(s.work_start_time, s.work_end_time, weekdays or [0, 1, 2, 3, 4], holidays, workdays)
