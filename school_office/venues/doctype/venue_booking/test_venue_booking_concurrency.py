# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

"""RM-4 under concurrency, with threads and separate database connections (committed data).

Parallel approvals of overlapping bookings of one venue, a Teaching approval that displaces and a
cancellation of the approved booking, all at once: at most one booking holds the venue, the Teaching
booking wins, every loser gets a validation error (no deadlock, no lock timeout)."""

import threading
from datetime import timedelta

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from school_office.venues.doctype.venue_booking.test_venue_booking import (
	ALICE,
	MANAGER,
	STAFF,
	day,
	make_user,
	make_venue,
)
from school_office.venues.install import create_defaults

test_ignore = ["Department", "Asset", "Location", "Venue"]

VENUE = "TC Race Room"


def _run(site, sites_path, user, name, action, out, barrier):
	frappe.init(site=site, sites_path=sites_path)
	frappe.connect()
	try:
		frappe.set_user(user)
		doc = frappe.get_doc("Venue Booking", name).as_dict()
		barrier.wait()
		try:
			apply_workflow(doc, action)
			frappe.db.commit()
			out[name] = ("ok", "")
		except frappe.ValidationError as e:
			frappe.db.rollback()
			out[name] = ("refused", f"{type(e).__name__}: {e}")
		except Exception as e:  # deadlocks, lock wait timeouts, anything unexpected
			frappe.db.rollback()
			out[name] = ("error", f"{type(e).__name__}: {e}")
	finally:
		frappe.destroy()


class TestVenueBookingConcurrency(FrappeTestCase):
	def setUp(self):
		create_defaults()
		make_user(STAFF, ["Office Staff"])
		make_user(MANAGER, ["Office Manager", "Office Staff"])
		make_user(ALICE, [], "Website User")
		frappe.db.delete("Venue Booking", {"venue": VENUE})
		make_venue(VENUE, "Normal", 50, ["Projector"])
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		frappe.db.delete("Venue Booking", {"venue": VENUE})
		frappe.delete_doc("Venue", VENUE, force=True, ignore_permissions=True)
		frappe.db.commit()

	def _book(self, start, activity="Meeting", owner=ALICE):
		frappe.set_user(owner)
		doc = frappe.get_doc(
			{
				"doctype": "Venue Booking",
				"venue": VENUE,
				"starts_on": start,
				"ends_on": start + timedelta(hours=1),
				"purpose": "race",
				"activity_class": activity,
				"headcount": 10,
				"requester": owner,
			}
		).insert()
		frappe.set_user("Administrator")
		return doc.name

	def test_parallel_approvals_displacement_and_cancel(self):
		start = day(30)
		# meetings start 09:00-09:33 (one hour each, all overlapping); held 10:45 overlaps only the Teaching (10:00)
		held = self._book(start + timedelta(minutes=105))
		frappe.set_user(STAFF)
		apply_workflow(frappe.get_doc("Venue Booking", held).as_dict(), "Approve")
		frappe.set_user("Administrator")
		meetings = [self._book(start + timedelta(minutes=3 * i)) for i in range(12)]
		teaching = self._book(start + timedelta(minutes=60), "Teaching", owner=STAFF)
		frappe.db.commit()

		jobs = [(STAFF, n, "Approve") for n in meetings] + [
			(MANAGER, teaching, "Approve"),
			(ALICE, held, "Cancel"),
		]
		out, barrier = {}, threading.Barrier(len(jobs))
		site, sites_path = frappe.local.site, frappe.local.sites_path
		threads = [
			threading.Thread(target=_run, args=(site, sites_path, u, n, a, out, barrier)) for u, n, a in jobs
		]
		for t in threads:
			t.start()
		for t in threads:
			t.join(120)
		frappe.db.rollback()  # a fresh snapshot of what the threads committed

		if frappe.conf.get("venue_race_debug"):
			print(out)
		self.assertEqual(len(out), len(jobs))
		errors = {n: r for n, r in out.items() if r[0] == "error"}
		self.assertEqual(errors, {})
		statuses = dict(
			frappe.get_all("Venue Booking", filters={"venue": VENUE}, fields=["name", "status"], as_list=True)
		)
		self.assertEqual(statuses[teaching], "Approved")
		holding = [n for n, s in statuses.items() if s in ("Approved", "Checked In")]
		self.assertEqual(holding, [teaching])
		self.assertIn(statuses[held], ("Cancelled", "Displaced"))
		self.assertLessEqual(
			[out[n][0] for n in meetings].count("ok"), 1
		)  # the meetings never shared the venue
		for n in meetings:
			if out[n][0] == "ok":  # approved before the Teaching booking came, then displaced by it
				self.assertEqual(statuses[n], "Displaced")
			else:
				self.assertEqual(statuses[n], "Requested")
				self.assertIn("VenueConflictError", out[n][1])
