"""The app's SLAs and the School Calendar follow School Office Settings' working day when it changes."""

from datetime import date, datetime, timedelta
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime, get_time, getdate, nowdate

from school_office.demo import make_demo
from school_office.service_desk.install import HOUR, created_slas
from school_office.setup.demo_data import DEMO_DOMAIN
from school_office.utils.calendar import SCHOOL_CALENDAR

MANAGER = f"office.manager@{DEMO_DOMAIN}"


def hours(sla_name):
	return sorted(
		{
			(str(get_time(r.start_time)), str(get_time(r.end_time)))
			for r in frappe.get_doc("Service Level Agreement", sla_name).support_and_resolution
		}
	)


def next_weekday(weekday, after):
	return after + timedelta(days=(weekday - after.weekday()) % 7 or 7)


class TestWorkingTimeFollowsSettings(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_demo(verbose=False)

	def setUp(self):
		s = frappe.get_single("School Office Settings")
		self.original = {
			f: s.get(f) for f in ("work_start_time", "work_end_time", "saturday", "sunday", "monday")
		}

	def tearDown(self):
		frappe.set_user("Administrator")
		s = frappe.get_single("School Office Settings")
		s.update(self.original)
		s.save()  # puts the SLAs and the calendar back (and the caches with them)

	def admins_sla(self):
		name = "SLA-Service Request-Test Admin Level"
		if frappe.db.exists("Service Level Agreement", name):
			frappe.delete_doc("Service Level Agreement", name, force=True)
		return frappe.get_doc(
			{
				"doctype": "Service Level Agreement",
				"service_level": "Test Admin Level",
				"document_type": "Service Request",
				"enabled": 1,
				"default_service_level_agreement": 0,
				"condition": 'doc.subject == "never matches"',
				"holiday_list": SCHOOL_CALENDAR,
				"apply_sla_for_resolution": 1,
				"support_and_resolution": [
					{"workday": "Monday", "start_time": "07:00:00", "end_time": "19:00:00"}
				],
				"priorities": [
					{
						"priority": "Medium",
						"response_time": 4 * HOUR,
						"resolution_time": 8 * HOUR,
						"default_priority": 1,
					}
				],
				"sla_fulfilled_on": [{"status": "Resolved"}],
			}
		).insert()

	def test_sla_hours_follow_the_settings(self):
		mine = created_slas()
		self.assertEqual(
			sorted(mine),
			[
				"SLA-Service Request-Consultation",
				"SLA-Service Request-Facilities and Repairs",
				"SLA-Service Request-General Service",
			],
		)
		admins = self.admins_sla()
		frappe.set_user(MANAGER)  # the Office Manager keeps the settings
		s = frappe.get_single("School Office Settings")
		s.work_start_time, s.work_end_time = "08:00:00", "17:00:00"
		s.save()
		frappe.set_user("Administrator")
		for name in mine:
			self.assertEqual(hours(name), [("08:00:00", "17:00:00")], name)
			self.assertEqual(len(frappe.get_doc("Service Level Agreement", name).support_and_resolution), 7)
		self.assertEqual(hours(admins.name), [("07:00:00", "19:00:00")])  # not the app's: left alone

		# a repair request filed on a Friday at 17:15 (2 working hours to respond): the day ended at 17:00,
		# so Monday 08:00 + 2 h; with the install's 08:30–17:30 it would have been 10:15
		from school_office.service_desk.doctype.service_request.test_service_request import (
			make_request,
			restart_clock,
		)

		friday = next_weekday(4, getdate(nowdate()) + timedelta(days=14))
		with patch.object(frappe.db, "commit"):  # the request's notification e-mails commit in Frappe's tests
			doc = make_request(service_type="Repair Request")
			restart_clock(doc, f"{friday} 17:15:00")
		monday = friday + timedelta(days=3)
		self.assertEqual(
			get_datetime(doc.response_by), datetime(monday.year, monday.month, monday.day, 10, 0)
		)

	def test_weekdays_follow_the_settings(self):
		saturday = next_weekday(5, getdate(nowdate()) + timedelta(days=7))

		def off(day: date) -> bool:
			return bool(frappe.db.exists("Holiday", {"parent": SCHOOL_CALENDAR, "holiday_date": day}))

		self.assertTrue(off(saturday))
		self.assertFalse(off(saturday - timedelta(days=5)))  # the Monday before
		frappe.set_user(MANAGER)
		s = frappe.get_single("School Office Settings")
		s.saturday, s.monday = 1, 0  # the school works Saturdays and rests on Mondays
		s.save()
		frappe.set_user("Administrator")
		self.assertFalse(off(saturday))
		self.assertTrue(off(saturday - timedelta(days=5)))
		self.assertTrue(off(saturday + timedelta(days=1)))  # Sunday stays off
