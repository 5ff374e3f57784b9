# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""Issue #8 on the service desk: what a portal user or a staff member sends never sets the
requester, status, keys or outcomes; actions work on the stored record; one rating each."""

import frappe
from frappe.tests.utils import FrappeTestCase

from school_office.service_desk import api
from school_office.service_desk.tests.test_portal import make_portal_user

DT = "Service Request"


def make_staff(email: str) -> str:
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": "Hardening Staff",
				"send_welcome_email": 0,
				"roles": [{"role": "Office Staff"}, {"role": "Office Manager"}],
			}
		).insert(ignore_permissions=True)
	return email


class TestServiceDeskHardening(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.student = make_portal_user("hardening.student@test.school", "Student")
		cls.other = make_portal_user("hardening.other@test.school", "Other")
		cls.staff = make_staff("hardening.staff@test.school")

	def tearDown(self):
		frappe.set_user("Administrator")

	def file_request(self, **values):
		frappe.set_user(self.student)
		return frappe.get_doc(
			{"doctype": DT, "subject": "hardening " + frappe.generate_hash(length=5), **values}
		).insert()

	def test_portal_insert_cannot_forge_requester_status_or_outcomes(self):
		doc = self.file_request(
			requester=self.other,
			status="Accepted",
			rating_key="mine",
			rating=5,
			rated_on="2026-01-01 00:00:00",
			channel="Window",
			resolution_details="done",
			queue_score=1,
			registered_on="2026-01-01 00:00:00",
		)
		frappe.set_user("Administrator")
		row = frappe.db.get_value(
			DT,
			doc.name,
			[
				"requester",
				"status",
				"rating_key",
				"rating",
				"rated_on",
				"channel",
				"resolution_details",
				"queue_score",
				"registered_on",
			],
			as_dict=True,
		)
		self.assertEqual((row.requester, row.status, row.channel), (self.student, "Open", "Portal"))
		self.assertNotEqual(row.rating_key, "mine")
		self.assertTrue(row.rating_key)
		self.assertEqual(
			(row.rating, row.rated_on, row.resolution_details, row.registered_on), (0, None, None, None)
		)
		self.assertNotEqual(row.queue_score, 1)

	def test_staff_set_value_cannot_move_status(self):
		doc = self.file_request()
		frappe.set_user(self.staff)
		from frappe.client import set_value

		set_value(DT, doc.name, "status", "Resolved")
		self.assertEqual(frappe.db.get_value(DT, doc.name, "status"), "Open")
		api.accept(doc.name)
		self.assertEqual(frappe.db.get_value(DT, doc.name, "status"), "Accepted")

	def test_staff_records_a_window_request_for_a_student(self):
		frappe.set_user(self.staff)
		doc = frappe.get_doc({"doctype": DT, "subject": "at the window", "requester": self.student}).insert()
		self.assertEqual((doc.requester, doc.channel), (self.student, "Window"))
		self.assertTrue(doc.registered_on)

	def test_actions_refused_to_the_requester(self):
		doc = self.file_request()
		frappe.set_user(self.student)
		with self.assertRaises(frappe.PermissionError):
			api.accept(doc.name)
		with self.assertRaises(frappe.PermissionError):
			api.resolve(doc.name, resolution="self-service")
		self.assertEqual(frappe.db.get_value(DT, doc.name, "status"), "Open")

	def test_one_rating_by_the_requester(self):
		doc = self.file_request()
		frappe.set_user(self.staff)
		api.accept(doc.name)
		api.resolve(doc.name, resolution="fixed")
		key = frappe.db.get_value(DT, doc.name, "rating_key")
		frappe.set_user(self.other)
		with self.assertRaises(frappe.PermissionError):
			api.rate(doc.name, key, 1)
		frappe.set_user("Guest")
		with self.assertRaises(frappe.PermissionError):
			api.rate(doc.name, key + "x", 1)
		api.rate(doc.name, key, 5, "good")
		with self.assertRaises(frappe.ValidationError):
			api.rate(doc.name, key, 1)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value(DT, doc.name, "rating"), 5)
