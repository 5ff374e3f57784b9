# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase


class TestServiceTeam(FrappeTestCase):
	def test_member_listed_twice_is_refused(self):
		doc = frappe.get_doc(
			{
				"doctype": "Service Team",
				"team_name": "Test Twice Team",
				"members": [{"user": "Administrator"}, {"user": "Administrator"}],
			}
		)
		with self.assertRaises(frappe.ValidationError):
			doc.insert()
		self.assertFalse(frappe.db.exists("Service Team", "Test Twice Team"))

	def test_member_users(self):
		doc = frappe.get_doc(
			{
				"doctype": "Service Team",
				"team_name": "Test Users Team",
				"members": [{"user": "Administrator", "skill_level": "Expert", "areas": "A, B"}],
			}
		).insert()
		self.assertEqual(doc.member_users(), ["Administrator"])
		self.assertEqual(doc.members[0].full_name, frappe.db.get_value("User", "Administrator", "full_name"))
