# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""Venue Booking Approval: what each transition demands of its actor is on the form the actor may edit in that
state (the same check as the Official Document Flow's), and the decline with its reason is walked by the staff
member on the desk."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from school_office.venues.doctype.venue_booking.test_venue_booking import (
	ALICE,
	STAFF,
	book,
	day,
	make_user,
	make_venue,
)
from school_office.venues.install import create_defaults

DT = "Venue Booking"
FLOW = "Venue Booking Approval"
test_ignore = ["Department", "Asset", "Location", "Venue"]

# (state, action) -> the fields the step asks of its actor on the form (the rest is checked by the rules:
# conflicts, capacity, advance days)
DEMANDS = {
	("Requested", "Approve"): [],
	("Requested", "Decline"): ["rejection_reason"],  # the reason the requester is told
	("Requested", "Reallocate"): [],
	("Requested", "Cancel"): [],
	("Approved", "Cancel"): [],
	("Approved", "Check In"): [],
	("Checked In", "Complete"): [],
	("Approved", "Mark No Show"): [],
	("Approved", "Displace"): [],
}


def edit_roles(state):
	return {s.allow_edit for s in frappe.get_doc("Workflow", FLOW).states if s.state == state}


class TestBookingStepsEditableByTheirActor(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		create_defaults()
		make_user(STAFF, ["Office Staff"])
		make_user(ALICE)
		cls.venue = make_venue("Flow Role Room", "Normal", 20).name

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_every_transition_is_listed(self):
		wf = frappe.get_doc("Workflow", FLOW)
		self.assertEqual({(t.state, t.action) for t in wf.transitions}, set(DEMANDS))

	def test_what_each_transition_demands_its_role_can_edit(self):
		wf = frappe.get_doc("Workflow", FLOW)
		meta = frappe.get_meta(DT)
		for t in wf.transitions:
			for fieldname in DEMANDS[(t.state, t.action)]:
				with self.subTest(state=t.state, action=t.action, field=fieldname):
					roles = edit_roles(t.state)
					self.assertTrue(t.allowed in roles or "All" in roles)
					levels = {p.permlevel for p in meta.permissions if p.role == t.allowed and p.get("write")}
					self.assertIn(meta.get_field(fieldname).permlevel or 0, levels)

	def test_staff_declines_with_a_reason_on_the_form(self):
		booking = book(self.venue, day(5, 10), user=ALICE)
		self.assertEqual(booking.status, "Requested")
		frappe.set_user(STAFF)
		doc = frappe.get_doc(DT, booking.name)
		doc.rejection_reason = "该时段已安排全校会议"
		doc.save()
		self.assertEqual(frappe.db.get_value(DT, booking.name, "rejection_reason"), "该时段已安排全校会议")
		doc = apply_workflow(frappe.get_doc(DT, booking.name).as_dict(), "Decline")
		self.assertEqual((doc.status, doc.rejection_reason), ("Rejected", "该时段已安排全校会议"))

	def test_requester_cannot_write_the_reason(self):
		booking = book(self.venue, day(6, 10), user=ALICE)
		frappe.set_user(ALICE)
		doc = frappe.get_doc(DT, booking.name)
		doc.rejection_reason = "自己写的理由"
		doc.save()
		self.assertFalse(frappe.db.get_value(DT, booking.name, "rejection_reason"))
