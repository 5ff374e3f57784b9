"""The School Calendar Holiday List rolls forward, so the SLAs never count a weekend of a later year."""

from datetime import date, datetime, timedelta
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime, getdate, nowdate

from school_office.utils.calendar import SCHOOL_CALENDAR, extend_school_calendar, rebuild_school_calendar


def first_weekday(year, month, weekday):
	d = date(year, month, 1)
	return d + timedelta(days=(weekday - d.weekday()) % 7)


def holidays(year):
	return {
		getdate(d)
		for d in frappe.get_all(
			"Holiday",
			filters={
				"parent": SCHOOL_CALENDAR,
				"holiday_date": ("between", [f"{year}-01-01", f"{year}-12-31"]),
			},
			pluck="holiday_date",
		)
	}


class TestSchoolCalendarCoverage(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		from school_office.demo import make_demo

		make_demo(verbose=False)  # it commits: before this class makes any test data
		for day in ("monday", "tuesday", "wednesday", "thursday", "friday"):
			frappe.db.set_single_value("School Office Settings", day, 1)
		for day in ("saturday", "sunday"):
			frappe.db.set_single_value("School Office Settings", day, 0)
		frappe.clear_document_cache("School Office Settings", "School Office Settings")
		rebuild_school_calendar()

	def test_daily_job_keeps_twelve_months_ahead(self):
		this_year = getdate(nowdate()).year
		self.assertFalse(extend_school_calendar())  # built today: this year and next are there
		from_date, to_date = (
			getdate(d) for d in frappe.db.get_value("Holiday List", SCHOOL_CALENDAR, ["from_date", "to_date"])
		)
		self.assertLessEqual(from_date, date(this_year, 1, 1))
		# some years after the list ends (at least three from now), nobody has entered an arrangement
		year = max(this_year + 3, to_date.year + 2)
		later = date(year, 6, 1)
		self.assertTrue(extend_school_calendar(today=later))
		hl = frappe.get_doc("Holiday List", SCHOOL_CALENDAR)
		self.assertEqual(getdate(hl.to_date), date(year + 1, 12, 31))  # 1 June + 366 days is in the next year
		self.assertEqual(getdate(hl.from_date), from_date)  # earlier years stay
		saturday = first_weekday(year + 1, 6, 5)
		sunday = saturday + timedelta(days=1)
		self.assertTrue({saturday, sunday} <= holidays(year + 1))
		self.assertNotIn(saturday - timedelta(days=1), holidays(year + 1))  # a Friday
		# every year it added too, none skipped: 52 or 53 Saturdays and as many Sundays each
		for added in range(to_date.year + 1, year + 2):
			weekends = {d for d in holidays(added) if d.weekday() >= 5}
			days = [
				date(added, 1, 1) + timedelta(days=i)
				for i in range((date(added + 1, 1, 1) - date(added, 1, 1)).days)
			]
			self.assertEqual(weekends, {d for d in days if d.weekday() >= 5}, added)
		self.assertFalse(extend_school_calendar(today=later))  # nothing more to do that day

	def test_a_later_years_sla_skips_the_weekend(self):
		# first of the class (alphabetically): making a request sends notifications, whose e-mail commits in
		# Frappe's tests, so it runs before the other tests extend the calendar far ahead
		from school_office.service_desk.doctype.service_request.test_service_request import (
			make_request,
			restart_clock,
		)

		year = getdate(nowdate()).year + 3
		extend_school_calendar(today=date(year, 1, 2))
		friday = first_weekday(year, 3, 4)
		with patch.object(frappe.db, "commit"):  # the request's notification e-mails commit in Frappe's tests
			doc = make_request(service_type="Repair Request")  # 2 working hours to respond
			restart_clock(doc, f"{friday} 17:00:00")
		# 17:00–17:30 on Friday, then 08:30–10:00 on Monday
		monday = friday + timedelta(days=3)
		self.assertEqual(
			get_datetime(doc.response_by), datetime(monday.year, monday.month, monday.day, 10, 0)
		)

	def test_rebuilding_covers_every_arranged_year(self):
		covered_to = getdate(frappe.db.get_value("Holiday List", SCHOOL_CALENDAR, "to_date"))
		far = max(getdate(nowdate()).year + 15, covered_to.year + 2)
		if frappe.db.exists("Holiday Arrangement", str(far)):
			frappe.delete_doc("Holiday Arrangement", str(far), force=True)
		# an arrangement of a far year with no rows yet: its weekends, and those of the years before it, are off
		frappe.get_doc({"doctype": "Holiday Arrangement", "year": far}).insert()
		# gone again after the test (a later test's notification e-mail commits in Frappe's tests)
		self.addCleanup(frappe.delete_doc, "Holiday Arrangement", str(far), force=True)
		self.assertEqual(
			getdate(frappe.db.get_value("Holiday List", SCHOOL_CALENDAR, "to_date")), date(far, 12, 31)
		)
		for year in (far - 1, far):
			saturday = first_weekday(year, 9, 5)
			self.assertIn(saturday, holidays(year), year)
