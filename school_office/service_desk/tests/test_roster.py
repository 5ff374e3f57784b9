# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""SD-14: rosters — weekly duty slots and temporary staff with dates; routing assigns only who is on
duty (all members when nobody is); the team load view."""

from datetime import datetime
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from school_office.service_desk.report.service_team_load.service_team_load import rows as load_rows
from school_office.service_desk.roster import on_duty
from school_office.service_desk.tests.test_hardening import make_staff

TEAM = "Roster Test Team"
MONDAY_9 = datetime(2026, 11, 30, 9, 0)
MONDAY_14 = datetime(2026, 11, 30, 14, 0)
NEXT_MONDAY_9 = datetime(2026, 12, 7, 9, 0)
SUNDAY_9 = datetime(2026, 11, 29, 9, 0)


def user(email, roles=("Office Staff",)):
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": email.split("@")[0],
				"send_welcome_email": 0,
				"roles": [{"role": r} for r in roles],
			}
		).insert(ignore_permissions=True)
	return email


class TestRoster(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.m1, cls.m2, cls.temp = (
			user("roster.m1@test.school"),
			user("roster.m2@test.school"),
			user("roster.temp@test.school"),
		)
		cls.manager = make_staff("roster.manager@test.school")
		if frappe.db.exists("Service Roster", TEAM):
			frappe.delete_doc("Service Roster", TEAM, force=True, ignore_permissions=True)
		if not frappe.db.exists("Service Team", TEAM):
			frappe.get_doc(
				{
					"doctype": "Service Team",
					"team_name": TEAM,
					"assignment_method": "Round Robin",
					"members": [{"user": cls.m1}, {"user": cls.m2}],
				}
			).insert(ignore_permissions=True)
		frappe.set_user(cls.manager)
		frappe.get_doc(
			{
				"doctype": "Service Roster",
				"service_team": TEAM,
				"slots": [
					{"user": cls.m1, "weekday": "Monday", "from_time": "08:00", "to_time": "12:00"},
					{"user": cls.m2, "weekday": "Monday", "from_time": "13:00", "to_time": "17:00"},
					{
						"user": cls.temp,
						"weekday": "Monday",
						"from_time": "08:00",
						"to_time": "12:00",
						"is_temporary": 1,
						"valid_from": "2026-11-01",
						"valid_to": "2026-11-30",
					},
				],
			}
		).insert()
		frappe.set_user("Administrator")

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_who_is_on_duty(self):
		d = on_duty(TEAM, MONDAY_9)
		self.assertEqual((d.members, d.temporary), ({self.m1}, [self.temp]))
		d = on_duty(TEAM, MONDAY_14)
		self.assertEqual((d.members, d.temporary), ({self.m2}, []))
		d = on_duty(TEAM, NEXT_MONDAY_9)  # the temporary staff's dates are over
		self.assertEqual((d.members, d.temporary), ({self.m1}, []))
		self.assertIsNone(
			on_duty("Maintenance" if not frappe.db.exists("Service Roster", "Maintenance") else "x")
		)

	def assigned_at(self, moment):
		with patch("school_office.service_desk.roster.now_datetime", return_value=moment):
			doc = frappe.get_doc(
				{
					"doctype": "Service Request",
					"subject": "roster " + frappe.generate_hash(length=5),
					"service_team": TEAM,
				}
			)
			doc.flags.ignore_mandatory = True
			doc.insert()
			from school_office.service_desk.routing import route_request

			route_request(doc.name)
		return frappe.get_all(
			"ToDo",
			filters={"reference_type": "Service Request", "reference_name": doc.name, "status": "Open"},
			pluck="allocated_to",
		)

	def test_routing_assigns_only_who_is_on_duty(self):
		morning = {tuple(self.assigned_at(MONDAY_9)) for _ in range(4)}
		self.assertEqual(morning, {(self.m1,), (self.temp,)})  # the turn passes between those on duty
		self.assertEqual(self.assigned_at(MONDAY_14), [self.m2])
		self.assertEqual(self.assigned_at(NEXT_MONDAY_9), [self.m1])

	def test_nobody_on_duty_assigns_a_member(self):
		self.assertIn(self.assigned_at(SUNDAY_9)[0], {self.m1, self.m2})

	def test_roster_rules(self):
		frappe.set_user(self.manager)
		roster = frappe.get_doc("Service Roster", TEAM)
		roster.append(
			"slots", {"user": self.temp, "weekday": "Tuesday", "from_time": "08:00", "to_time": "12:00"}
		)
		self.assertRaises(frappe.ValidationError, roster.save)  # not a member, not temporary
		roster = frappe.get_doc("Service Roster", TEAM)
		roster.append(
			"slots",
			{
				"user": self.temp,
				"weekday": "Tuesday",
				"from_time": "08:00",
				"to_time": "12:00",
				"is_temporary": 1,
			},
		)
		self.assertRaises(frappe.ValidationError, roster.save)  # temporary without dates
		roster = frappe.get_doc("Service Roster", TEAM)
		roster.append(
			"slots", {"user": self.m1, "weekday": "Tuesday", "from_time": "12:00", "to_time": "08:00"}
		)
		self.assertRaises(frappe.ValidationError, roster.save)  # ends before it starts
		frappe.set_user(self.m1)  # office staff read rosters, only the Office Manager changes them
		roster = frappe.get_doc("Service Roster", TEAM)
		roster.enabled = 0
		self.assertRaises(frappe.PermissionError, roster.save)

	def test_load_view(self):
		frappe.db.sql(
			"""update `tabToDo` t join `tabService Request` r on r.name = t.reference_name
			set t.status = 'Closed' where t.reference_type = 'Service Request' and r.service_team = %s""",
			TEAM,
		)
		self.assertEqual(self.assigned_at(MONDAY_14), [self.m2])  # one open request for m2
		by_user = {r["user"]: r for r in load_rows([TEAM], moment=MONDAY_9)}
		self.assertEqual(set(by_user), {self.m1, self.m2, self.temp})
		self.assertEqual(by_user[self.m1]["on_duty"], "Yes")
		self.assertEqual(by_user[self.m2]["on_duty"], "No")
		self.assertEqual(by_user[self.temp]["temporary"], 1)
		self.assertEqual(by_user[self.m1]["rostered_hours"], 4.0)
		self.assertEqual((by_user[self.m1]["open_requests"], by_user[self.m2]["open_requests"]), (0, 1))
