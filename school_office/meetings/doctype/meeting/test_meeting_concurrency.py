# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

"""MT-3 under concurrency: two meetings ask for the same room at the same time, in parallel (threads with
their own database connections, committed data): one gets the room, the other Venues' conflict."""

import threading

import frappe
from frappe.tests.utils import FrappeTestCase

from school_office.meetings.doctype.meeting.test_meeting import ATT, CLEARED, LEADER, ORG, TAKER, at
from school_office.venues.doctype.venue_booking.test_venue_booking import make_user, make_venue
from school_office.venues.install import create_defaults as venue_defaults

test_ignore = ["Department", "Asset", "Location", "Venue", "Project", "Task"]

ROOM = "MT Race Room"
ORG2 = "mt.organiser2@example.com"


def _book(site, sites_path, user, meeting, out, barrier):
	frappe.init(site=site, sites_path=sites_path)
	frappe.connect()
	try:
		frappe.set_user(user)
		doc = frappe.get_doc("Meeting", meeting)
		barrier.wait()
		try:
			doc.book_room(venue=ROOM)
			frappe.db.commit()
			out[meeting] = ("ok", "")
		except frappe.ValidationError as e:
			frappe.db.rollback()
			out[meeting] = ("refused", f"{type(e).__name__}: {e}")
		except Exception as e:  # deadlocks, lock wait timeouts
			frappe.db.rollback()
			out[meeting] = ("error", f"{type(e).__name__}: {e}")
	finally:
		frappe.destroy()


class TestMeetingRoomRace(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		venue_defaults()
		for u, roles in (
			(ORG, ["Department Head"]),
			(ORG2, ["Department Head"]),
			(LEADER, ["School Leader"]),
		):
			make_user(u, roles)
		for u in (ATT, CLEARED, TAKER):
			make_user(u, [])
		frappe.db.delete("Venue Booking", {"venue": ROOM})
		make_venue(ROOM, "Normal", 40, ["Projector"])
		self.meetings = []
		for user, minute in ((ORG, 0), (ORG2, 30)):
			frappe.set_user(user)
			start = at(15, 9, minute)
			doc = frappe.get_doc(
				{
					"doctype": "Meeting",
					"title": f"Race {user}",
					"meeting_type": "Department",
					"starts_on": start,
					"ends_on": at(15, 11),
					"expected_headcount": 10,
					"attendees": [{"user": ATT}],
					"agenda": [{"topic": "Plan", "minutes_allotted": 30}],
				}
			).insert()
			self.meetings.append((user, doc.name))
		frappe.set_user("Administrator")
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		names = [n for _u, n in self.meetings]
		frappe.db.delete("Meeting", {"name": ("in", names)})
		frappe.db.delete("Meeting Attendee", {"parent": ("in", names)})
		frappe.db.delete("Meeting Agenda Item", {"parent": ("in", names)})
		frappe.db.delete("Meeting Setup Item", {"parent": ("in", names)})
		frappe.db.delete("Venue Booking", {"venue": ROOM})
		frappe.delete_doc("Venue", ROOM, force=True, ignore_permissions=True)
		frappe.db.commit()

	def test_parallel_requests_one_room(self):
		out, barrier = {}, threading.Barrier(len(self.meetings))
		site, sites_path = frappe.local.site, frappe.local.sites_path
		threads = [
			threading.Thread(target=_book, args=(site, sites_path, u, n, out, barrier))
			for u, n in self.meetings
		]
		for t in threads:
			t.start()
		for t in threads:
			t.join(120)
		frappe.db.rollback()  # a fresh snapshot of what the threads committed
		self.assertEqual(len(out), 2)
		results = sorted(r[0] for r in out.values())
		self.assertEqual(results, ["ok", "refused"], out)
		loser = next(n for n, r in out.items() if r[0] == "refused")
		winner = next(n for n, r in out.items() if r[0] == "ok")
		self.assertIn("VenueConflictError", out[loser][1])
		self.assertIn(ROOM, out[loser][1])
		holding = frappe.get_all(
			"Venue Booking",
			filters={"venue": ROOM, "status": ("in", ["Approved", "Checked In"])},
			pluck="name",
		)
		self.assertEqual(holding, [frappe.db.get_value("Meeting", winner, "venue_booking")])
		self.assertIsNone(frappe.db.get_value("Meeting", loser, "venue_booking"))
		# nothing half-saved: the loser's Requested booking was rolled back with its refusal
		self.assertEqual(frappe.db.count("Venue Booking", {"venue": ROOM}), 1)
