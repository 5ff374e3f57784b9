# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

"""Venue booking on a real site: rules, workflow, conflicts, displacement, reallocation, free-venue
search, check-in, scheduler jobs, recurrence, permissions, ICS feed and utilisation."""

from datetime import timedelta

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, get_datetime, now_datetime

from school_office.tests.fixtures import make_user
from school_office.venues import api, tasks
from school_office.venues.install import create_defaults
from school_office.venues.service import VenueConflictError, VenueRuleError

# the tests make their own venues and users; ERPNext's test records behind these links are not needed
test_ignore = ["Department", "Asset", "Location", "Venue"]

STAFF = "venue.staff@test.school"
MANAGER = "venue.manager@test.school"
ALICE = "venue.alice@test.school"
BOB = "venue.bob@test.school"


def make_venue(name, category, capacity, equipment=(), check_in=1, bookable=1):
	if frappe.db.exists("Venue", name):
		frappe.delete_doc("Venue", name, force=True, ignore_permissions=True)
	return frappe.get_doc(
		{
			"doctype": "Venue",
			"venue_name": name,
			"venue_category": category,
			"capacity": capacity,
			"is_bookable": bookable,
			"check_in_required": check_in,
			"equipment": [{"equipment": e} for e in equipment],
		}
	).insert(ignore_permissions=True)


def day(n, hour=9, minute=0):
	"""A time n days from today (far enough ahead for every category)."""
	return get_datetime(add_to_date(now_datetime(), days=n)).replace(
		hour=hour, minute=minute, second=0, microsecond=0
	)


def book(venue, start, hours=1, user=None, activity="Meeting", headcount=10, insert=True, **kw):
	previous = frappe.session.user
	frappe.set_user(user or ALICE)
	try:
		doc = frappe.get_doc(
			{
				"doctype": "Venue Booking",
				"venue": venue,
				"starts_on": start,
				"requester": user or ALICE,
				"ends_on": start + timedelta(hours=hours),
				"purpose": "Test",
				"activity_class": activity,
				"headcount": headcount,
				**kw,
			}
		)
		if insert:
			doc.insert()
		return doc
	finally:
		frappe.set_user(previous)


def approve(doc, user=STAFF, action="Approve"):
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		return apply_workflow(frappe.get_doc("Venue Booking", doc.name).as_dict(), action)
	finally:
		frappe.set_user(previous)


def _drop_request():
	try:
		del frappe.local.request
	except AttributeError:
		pass


def status(doc):
	return frappe.db.get_value("Venue Booking", doc.name, "status")


class TestVenueBooking(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		create_defaults()
		make_user(STAFF, ["Office Staff"])
		make_user(MANAGER, ["Office Manager", "Office Staff"])
		make_user(ALICE, [], "Website User")
		make_user(BOB, [], "Website User")
		frappe.db.delete("Venue Booking", {"venue": ("like", "TV %")})
		make_venue("TV Room A", "Normal", 30, ["Projector"])
		make_venue("TV Room B", "Normal", 35, ["Projector", "Whiteboard"])
		make_venue("TV Room C", "Normal", 100, [])
		make_venue("TV Class 1", "Classroom", 40, ["Projector"])
		make_venue("TV Hall", "Large", 300, ["Projector", "Microphone"])
		make_venue("TV Closed", "Normal", 500, ["Projector"], bookable=0)
		make_venue("TV Free Room", "Normal", 30, ["Projector"], check_in=0)

	def tearDown(self):
		frappe.set_user("Administrator")

	# ------------------------------------------------------------------ RM-1 venues
	def test_venue_on_location_tree(self):
		v = frappe.get_doc(
			{
				"doctype": "Venue",
				"venue_name": "TV Located",
				"venue_category": "Normal",
				"capacity": 12,
				"building": "TV Building",
			}
		).insert(ignore_permissions=True)
		self.assertEqual(v.location, "TV Located")
		self.assertEqual(frappe.db.get_value("Location", "TV Located", "parent_location"), "TV Building")
		self.assertTrue(frappe.db.get_value("Location", "TV Building", "is_group"))
		self.assertRaises(
			frappe.ValidationError,
			frappe.get_doc(
				{"doctype": "Venue", "venue_name": "TV Zero", "venue_category": "Normal", "capacity": 0}
			).insert,
		)

	# ------------------------------------------------------------------ RM-3 rules
	def test_rules_refuse_with_the_rule_and_what_would_pass(self):
		frappe.set_user("Administrator")
		with self.assertRaises(VenueRuleError) as cm:
			book("TV Hall", day(1), headcount=10)  # Large: three days ahead
		msg = str(cm.exception)
		self.assertIn("3 day(s) ahead", msg)
		self.assertIn("earliest start date", msg)
		with self.assertRaises(VenueRuleError) as cm:
			book("TV Room A", day(5), headcount=31)
		self.assertIn("seats 30", str(cm.exception))
		with self.assertRaises(VenueRuleError) as cm:
			book("TV Room A", day(5), hours=5)  # Normal: at most 4 hours
		self.assertIn("at most 4", str(cm.exception))
		with self.assertRaises(VenueRuleError):
			book("TV Room A", add_to_date(now_datetime(), hours=-2))
		with self.assertRaises(VenueRuleError):
			book("TV Room A", day(5), hours=-1)
		with self.assertRaises(VenueRuleError) as cm:
			book("TV Closed", day(5))
		self.assertIn("not open for booking", str(cm.exception))
		self.assertFalse(frappe.db.exists("Venue Booking", {"venue": "TV Closed"}))

	def test_rule_messages_in_chinese(self):
		frappe.local.lang = "zh"
		try:
			with self.assertRaises(VenueRuleError) as cm:
				book("TV Room A", day(5), headcount=31)
			self.assertIn("容纳", str(cm.exception))
		finally:
			frappe.local.lang = "en"

	# ------------------------------------------------------------------ RM-2 flow
	def test_request_then_approve_or_reject_by_office_staff_only(self):
		a = book("TV Room A", day(6))
		self.assertEqual(a.status, "Requested")
		self.assertEqual(a.requester, ALICE)
		with self.assertRaises(frappe.ValidationError):
			approve(a, user=ALICE)  # requesters do not approve
		approve(a)
		self.assertEqual(status(a), "Approved")
		self.assertEqual(frappe.db.get_value("Venue Booking", a.name, "approved_by"), STAFF)
		b = book("TV Room A", day(6, 14))
		approve(b, action="Decline")  # 驳回 (Reject reads 退回修改, the 公文 term)
		self.assertEqual(status(b), "Rejected")

	def test_category_without_approval_is_approved_at_once_and_checked(self):
		a = book("TV Class 1", day(7))
		self.assertEqual(status(a), "Approved")
		with self.assertRaises(VenueConflictError) as cm:
			book("TV Class 1", day(7, 10, 3))  # inside the 5-minute buffer
		self.assertIn("5 minutes", str(cm.exception))
		self.assertEqual(status(book("TV Class 1", day(7, 10, 5))), "Approved")
		# a non-staff Teaching request is not approved at once (it could displace others)
		self.assertEqual(status(book("TV Class 1", day(7, 14), activity="Teaching")), "Requested")

	# ------------------------------------------------------------------ RM-4 conflicts
	def test_overlapping_approval_refused_with_alternatives(self):
		a = book("TV Room B", day(8))
		b = book("TV Room B", day(8, 9, 30), user=BOB)
		approve(a)
		with self.assertRaises(VenueConflictError) as cm:
			approve(b)
		msg = str(cm.exception)
		self.assertIn("already booked", msg)
		self.assertIn("TV Room", msg)  # free alternatives are named
		self.assertEqual(status(b), "Requested")
		# buffer: Normal keeps 10 minutes
		c = book("TV Room B", day(8, 10, 5), user=BOB)
		self.assertRaises(VenueConflictError, approve, c)
		d = book("TV Room B", day(8, 10, 10), user=BOB)
		approve(d)
		self.assertEqual(status(d), "Approved")

	def test_teaching_displaces_meeting_and_holder_is_told_with_three_venues(self):
		meeting = book("TV Room A", day(9), user=STAFF, headcount=20)
		approve(meeting, user=MANAGER)
		teaching = book("TV Room A", day(9), user=STAFF, activity="Teaching", headcount=25)
		approve(teaching, user=MANAGER)
		self.assertEqual(status(teaching), "Approved")
		m = frappe.get_doc("Venue Booking", meeting.name)
		self.assertEqual(m.status, "Displaced")
		self.assertEqual(m.displaced_by, teaching.name)
		self.assertIn("TV Room B", m.displacement_note)  # similar capacity and equipment first
		# exactly three free alternatives, "name (capacity)" each (other venues on the site, e.g. the demo's,
		# may rank among them), none of them the venue itself or a closed one
		listed = m.displacement_note.rsplit(": ", 1)[1].split(", ")
		self.assertEqual(len(listed), 3, m.displacement_note)
		bookable = set(frappe.get_all("Venue", filters={"is_bookable": 1}, pluck="name")) - {"TV Room A"}
		for alt in listed:
			name, capacity = alt.rsplit(" (", 1)
			self.assertIn(name, bookable)
			self.assertEqual(int(capacity.rstrip(")")), frappe.db.get_value("Venue", name, "capacity"))
		self.assertNotIn("TV Closed", m.displacement_note)
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": STAFF, "document_name": meeting.name})
		)
		# teaching does not displace teaching
		other = book("TV Room A", day(9), user=MANAGER, activity="Exam")
		self.assertRaises(VenueConflictError, approve, other)

	def test_emergency_reallocation_by_office_manager_only(self):
		exam = book("TV Room C", day(10), activity="Teaching", user=STAFF)
		approve(exam, user=MANAGER)
		urgent = book("TV Room C", day(10), activity="Other", user=STAFF)
		frappe.set_user(STAFF)
		self.assertRaises(frappe.PermissionError, api.reallocate, urgent.name, "TV Room C", reason="flood")
		frappe.set_user(MANAGER)
		api.reallocate(urgent.name, "TV Room C", reason="flood in the hall")
		frappe.set_user("Administrator")
		self.assertEqual(status(urgent), "Approved")
		self.assertEqual(status(exam), "Displaced")
		self.assertIn("emergency", frappe.db.get_value("Venue Booking", exam.name, "displacement_note"))

	# ------------------------------------------------------------------ find_free_venues
	def test_find_free_venues_filters_buffers_and_ranks(self):
		start = day(11)
		frappe.set_user(ALICE)
		names = [
			v["name"]
			for v in api.find_free_venues(
				start, start + timedelta(hours=1), capacity=30, equipment="projector"
			)
		]
		tv = [n for n in names if n.startswith("TV ")]
		self.assertEqual(tv[:3], ["TV Free Room", "TV Room A", "TV Room B"])  # least spare capacity first
		self.assertNotIn("TV Closed", tv)
		self.assertNotIn("TV Room C", tv)  # no projector
		self.assertEqual(
			[
				v["name"]
				for v in api.find_free_venues(
					start, start + timedelta(hours=1), equipment='["Projector", "Microphone"]'
				)
				if v["name"].startswith("TV ")
			],
			["TV Hall"],
		)
		self.assertEqual(
			{v["name"] for v in api.find_free_venues(start, start + timedelta(hours=1), category="Classroom")}
			& {"TV Room A"},
			set(),
		)
		frappe.set_user("Administrator")
		a = book("TV Room A", start)
		approve(a)
		frappe.set_user(ALICE)
		free = {
			v["name"]
			for v in api.find_free_venues(start + timedelta(hours=1, minutes=5), start + timedelta(hours=2))
		}
		self.assertNotIn("TV Room A", free)  # inside its 10-minute buffer
		free = {
			v["name"]
			for v in api.find_free_venues(start + timedelta(hours=1, minutes=10), start + timedelta(hours=2))
		}
		self.assertIn("TV Room A", free)
		frappe.set_user("Guest")
		self.assertRaises(frappe.PermissionError, api.find_free_venues, start, start + timedelta(hours=1))

	# ------------------------------------------------------------------ check-in and jobs
	def test_check_in_by_holder_by_key_and_by_door_code(self):
		now = now_datetime()
		a = book("TV Free Room", day(12), insert=False)
		a.update({"starts_on": add_to_date(now, minutes=5), "ends_on": add_to_date(now, hours=1)})
		a.flags.ignore_validate = True  # created "in the past" on purpose: a booking that starts now
		a.insert(ignore_permissions=True)
		a.db_set("status", "Approved")
		frappe.set_user(BOB)
		self.assertRaises(frappe.PermissionError, api.check_in, a.name)
		self.assertRaises(frappe.PermissionError, api.check_in, a.name, "wrong-key")
		frappe.set_user(ALICE)
		key = frappe.db.get_value("Venue", "TV Free Room", "check_in_key")
		api.check_in(venue="TV Free Room", key=key)
		self.assertEqual(status(a), "Checked In")
		self.assertTrue(frappe.db.get_value("Venue Booking", a.name, "checked_in_at"))
		api.check_out(a.name)
		self.assertEqual(status(a), "Completed")

	# ------------------------------------------------------------------ no state change on GET
	def _request(self, method, cmd=None, **form):
		"""Act as an HTTP request of `method` (the handler checks it), with `form` as its form data."""
		from frappe.utils import set_request

		set_request(method=method, path="/api/method/" + (cmd or ""))
		frappe.local.request_ip = "127.0.0.1"
		frappe.local.form_dict = frappe._dict(form, cmd=cmd) if cmd else frappe._dict(form)
		self.addCleanup(_drop_request)
		self.addCleanup(lambda: setattr(frappe.local, "form_dict", frappe._dict()))

	def _call(self, method, cmd, **form):
		from frappe.handler import execute_cmd

		self._request(method, cmd, **form)
		return execute_cmd(cmd)

	def _approved_now(self, venue="TV Free Room", **kw):
		now = now_datetime()
		a = book(venue, day(12), insert=False, **kw)
		a.update({"starts_on": add_to_date(now, minutes=5), "ends_on": add_to_date(now, hours=1)})
		a.flags.ignore_validate = True  # created "in the past" on purpose: a booking that starts now
		a.insert(ignore_permissions=True)
		a.db_set("status", "Approved")
		return a

	def test_check_in_page_shows_the_booking_and_checks_in_only_on_post(self):
		from frappe.utils import get_html_for_route

		a = self._approved_now(event_name="<b>Chess</b> Club")
		key = frappe.db.get_value("Venue Booking", a.name, "check_in_key")
		frappe.set_user(ALICE)
		# opening the QR link (GET) shows the booking, escaped, and a button; nothing changes
		frappe.local.form_dict = frappe._dict(booking=a.name, key=key)
		html = get_html_for_route(f"/venue-check-in?booking={a.name}&key={key}")
		self.assertEqual(status(a), "Approved")
		page = html[
			html.index('<div class="so-venues"') : html.index(
				"<script>", html.index('<div class="so-venues"')
			)
		]
		self.assertIn("so-check-in-button", page)
		self.assertIn("&lt;b&gt;Chess&lt;/b&gt; Club", page)
		self.assertNotIn("<b>Chess", page)
		self.assertIn(f"Booking {a.name} · Approved", page)
		# a forged booking name is shown escaped, never as markup
		frappe.local.form_dict = frappe._dict(booking="<script>alert(1)</script>", key="x")
		html = get_html_for_route("/venue-check-in?booking=%3Cscript%3Ealert(1)%3C/script%3E&key=x")
		self.assertNotIn("<script>alert(1)</script>", html)
		page = html[html.index('<div class="so-venues"') : html.index("</main>")]
		self.assertIn("This check-in code is not valid.", page)
		self.assertNotIn("so-check-in-button", page)
		# the whitelisted method refuses GET, and a wrong key on POST
		with self.assertRaises(frappe.PermissionError):
			self._call("GET", "school_office.venues.api.check_in", booking=a.name, key=key)
		self.assertEqual(status(a), "Approved")
		with self.assertRaises(frappe.PermissionError):
			self._call("POST", "school_office.venues.api.check_in", booking=a.name, key=key[:-1] + "0")
		self.assertEqual(status(a), "Approved")
		# what the button does: POST with the booking and its key
		self._call("POST", "school_office.venues.api.check_in", booking=a.name, key=key)
		self.assertEqual(status(a), "Checked In")

	def test_feed_key_only_on_post_and_qr_code_creates_no_key(self):
		frappe.db.delete("Venue Feed Key", {"user": BOB})
		frappe.set_user(BOB)
		with self.assertRaises(frappe.PermissionError):
			self._call("GET", "school_office.venues.api.feed_url")
		self.assertFalse(frappe.db.exists("Venue Feed Key", {"user": BOB}))
		key = self._call("POST", "school_office.venues.api.feed_url")["key"]
		self.assertEqual(frappe.db.get_value("Venue Feed Key", {"user": BOB}, "feed_key"), key)
		# the door QR code of a venue without a key: refused, and no key is made by showing it
		frappe.set_user("Administrator")
		make_venue("TV Keyless", "Normal", 20)
		frappe.db.set_value("Venue", "TV Keyless", "check_in_key", None)
		frappe.set_user(MANAGER)
		with self.assertRaises(frappe.ValidationError):
			api.qr_svg(venue="TV Keyless")
		self.assertFalse(frappe.db.get_value("Venue", "TV Keyless", "check_in_key"))
		# a saved venue has its key, and the QR code shows it
		frappe.set_user("Administrator")
		frappe.get_doc("Venue", "TV Keyless").save()
		key = frappe.db.get_value("Venue", "TV Keyless", "check_in_key")
		self.assertEqual(len(key), 16)
		frappe.set_user(MANAGER)
		out = api.qr_svg(venue="TV Keyless")
		self.assertEqual(out["url"], frappe.utils.get_url(f"/venue-check-in?venue=TV+Keyless&key={key}"))
		self.assertTrue(out["svg"].startswith("<?xml"))

	def test_guest_feed_and_key_check_in_are_rate_limited(self):
		frappe.set_user("Guest")
		cmd = "school_office.venues.api.ics"
		self._request("GET", cmd, venue="TV Room A", key="guess")
		frappe.cache.delete(frappe.cache.make_key(f"rl:{cmd}:127.0.0.1"))
		self.addCleanup(lambda: frappe.cache.delete(frappe.cache.make_key(f"rl:{cmd}:127.0.0.1")))
		for _i in range(120):  # 120 feed requests a minute from one address
			self.assertEqual(api.ics("TV Room A", "guess").status_code, 403)
		with self.assertRaises(frappe.RateLimitExceededError):
			api.ics("TV Room A", "guess")
		frappe.set_user(ALICE)
		cmd = "school_office.venues.api.check_in"
		self._request("POST", cmd, venue="TV Room A", key="guess")
		frappe.cache.delete(frappe.cache.make_key(f"rl:{cmd}:127.0.0.1"))
		self.addCleanup(lambda: frappe.cache.delete(frappe.cache.make_key(f"rl:{cmd}:127.0.0.1")))
		for _i in range(60):  # 60 check-ins a minute from one address
			self.assertRaises(frappe.PermissionError, api.check_in, venue="TV Room A", key="guess")
		with self.assertRaises(frappe.RateLimitExceededError):
			api.check_in(venue="TV Room A", key="guess")

	def _started(self, venue, minutes_ago, hours=1):
		now = now_datetime()
		d = book(venue, day(12), insert=False)
		d.update(
			{
				"starts_on": add_to_date(now, minutes=-minutes_ago),
				"ends_on": add_to_date(now, minutes=-minutes_ago, hours=hours),
			}
		)
		d.flags.ignore_validate = True
		d.insert(ignore_permissions=True)
		d.db_set("status", "Approved")
		return d

	def test_no_show_frees_the_venue(self):
		late = self._started("TV Room B", 20)
		early = self._started("TV Room C", 5)
		tasks.mark_no_shows()
		self.assertEqual(status(late), "No Show")
		self.assertEqual(status(early), "Approved")
		no_check_in = self._started("TV Free Room", 120)
		tasks.mark_no_shows()
		self.assertEqual(status(no_check_in), "Approved")  # that venue does not need check-in
		tasks.complete_finished()
		self.assertEqual(status(no_check_in), "Completed")

	def test_completion_never_overwrites_final_statuses(self):
		"""The job reads the finished bookings first and completes them one transaction at a time; a booking
		cancelled, marked No Show or rejected meanwhile (by another user or job) keeps that status."""
		from unittest.mock import patch

		from school_office.venues import service

		mine = [self._started("TV Free Room", 120 + 10 * i) for i in range(4)]
		names = {d.name for d in mine}
		final = iter(("Cancelled", "No Show", "Rejected"))
		changed, first = {}, []
		original = service.set_status

		def meanwhile(doc, status, **values):
			# the first of these bookings is being completed; the others change in parallel transactions
			if doc.name in names and not first:
				first.append(doc.name)
				for other in sorted(names - {doc.name}):
					changed[other] = next(final)
					frappe.db.set_value("Venue Booking", other, "status", changed[other])
			return original(doc, status, **values)

		with patch.object(service, "set_status", side_effect=meanwhile):
			done = tasks.complete_finished()
		self.assertEqual(len(first), 1)
		self.assertEqual(set(done) & names, set(first))
		self.assertEqual(status(frappe._dict(name=first[0])), "Completed")
		self.assertEqual(
			{n: status(frappe._dict(name=n)) for n in changed},
			changed,
		)
		self.assertEqual(sorted(changed.values()), ["Cancelled", "No Show", "Rejected"])
		# and on a later run nothing of them moves
		self.assertEqual(set(tasks.complete_finished()) & names, set())

	def test_overtime_reminder_once(self):
		d = self._started("TV Hall", 90)
		d.db_set("status", "Checked In")
		self.assertIn(d.name, tasks.remind_overtime())
		self.assertTrue(frappe.db.get_value("Venue Booking", d.name, "overtime_reminded_at"))
		self.assertNotIn(d.name, tasks.remind_overtime())

	def test_equipment_reminder_one_day_before(self):
		start = get_datetime(add_to_date(now_datetime(), days=1)).replace(
			hour=10, minute=0, second=0, microsecond=0
		)
		d = book("TV Room B", start, equipment_needs=[{"equipment": "Projector", "quantity": 1}])
		approve(d)
		plain = book("TV Room C", start)
		approve(plain)
		sent = tasks.remind_equipment()
		self.assertIn(d.name, sent)
		self.assertNotIn(plain.name, sent)
		self.assertNotIn(d.name, tasks.remind_equipment())

	# ------------------------------------------------------------------ recurrence
	def test_weekly_recurrence_skips_conflicts_and_lists_them(self):
		start = day(14, 15)
		blocker = book("TV Class 1", start + timedelta(weeks=2), user=BOB)
		self.assertEqual(status(blocker), "Approved")
		master = book(
			"TV Class 1",
			start,
			repeat_weekly=1,
			repeat_every_weeks=1,
			repeat_until=(start + timedelta(weeks=3)).date(),
		)
		occ = frappe.get_all(
			"Venue Booking",
			filters={"recurrence_of": master.name},
			fields=["starts_on", "status"],
			order_by="starts_on",
		)
		self.assertEqual(
			[get_datetime(o.starts_on) for o in occ], [start + timedelta(weeks=1), start + timedelta(weeks=3)]
		)
		self.assertTrue(all(o.status == "Approved" for o in occ))
		skipped = frappe.db.get_value("Venue Booking", master.name, "skipped_occurrences")
		self.assertIn(blocker.name, skipped)
		every2 = book(
			"TV Room C", day(15), repeat_weekly=1, repeat_every_weeks=2, repeat_until=day(15 + 28).date()
		)
		self.assertEqual(frappe.db.count("Venue Booking", {"recurrence_of": every2.name}), 2)

	# ------------------------------------------------------------------ permissions and views
	def test_requesters_see_own_in_full_others_as_busy(self):
		a = book("TV Room C", day(16), user=ALICE, event_name="Alice Secret Event")
		approve(a)
		frappe.set_user(BOB)
		self.assertNotIn(a.name, frappe.get_list("Venue Booking", pluck="name"))
		self.assertFalse(
			frappe.has_permission("Venue Booking", "read", frappe.get_doc("Venue Booking", a.name))
		)
		slots = api.venue_schedule("TV Room C", day(16, 0), day(17, 0))
		self.assertEqual([s["status"] for s in slots], ["Busy"])
		self.assertNotIn("Alice Secret Event", str(slots))
		self.assertIsNone(slots[0]["name"])
		frappe.set_user(ALICE)
		self.assertIn(a.name, frappe.get_list("Venue Booking", pluck="name"))
		slots = api.venue_schedule("TV Room C", day(16, 0), day(17, 0))
		self.assertIn("Alice Secret Event", slots[0]["title"])
		frappe.set_user(STAFF)
		self.assertIn(a.name, frappe.get_list("Venue Booking", pluck="name"))
		# a requester cannot book in someone else's name: the requester is a staff field, so what Bob sends is
		# dropped and the booking is his
		frappe.set_user(BOB)
		doc = book("TV Room C", day(16, 14), user=BOB, insert=False)
		doc.requester = ALICE
		doc.insert()
		self.assertEqual(frappe.db.get_value("Venue Booking", doc.name, "requester"), BOB)

	def test_portal_request_carries_the_application(self):
		frappe.set_user(BOB)
		self.assertRaises(
			frappe.ValidationError,
			api.request_booking,
			"TV Room C",
			day(18),
			day(18, 10),
			"Club",
			safety_commitment=0,
		)
		out = api.request_booking(
			"TV Room C",
			str(day(18)),
			str(day(18, 10)),
			"Chess club final",
			activity_class="Student Activity",
			headcount=40,
			event_name="Chess Final",
			equipment="Projector, Microphone",
			safety_commitment=1,
		)
		doc = frappe.get_doc("Venue Booking", out["name"])
		self.assertEqual(
			(doc.event_name, doc.headcount, doc.requester, doc.status), ("Chess Final", 40, BOB, "Requested")
		)
		self.assertTrue(doc.safety_commitment and doc.safety_commitment_signed_on)
		self.assertEqual(sorted(r.equipment for r in doc.equipment_needs), ["Microphone", "Projector"])
		self.assertIn(out["name"], [b["name"] for b in api.my_bookings()])
		api.cancel_booking(out["name"])
		self.assertEqual(status(doc), "Cancelled")

	def test_ics_feed_needs_the_users_key(self):
		a = book("TV Room A", day(19), user=ALICE, event_name="Alice Feed Event")
		approve(a)
		b = book("TV Room A", day(19, 14), user=BOB, event_name="Bob Private")
		approve(b)
		frappe.set_user(ALICE)
		key = api.feed_url()["key"]
		self.assertEqual(api.feed_url()["key"], key)  # one key per user
		frappe.set_user("Guest")
		bad = api.ics("TV Room A", "nope")
		self.assertEqual(bad.status_code, 403)
		resp = api.ics("TV Room A", key)
		body = resp.get_data(as_text=True)
		self.assertEqual(resp.status_code, 200)
		self.assertTrue(body.startswith("BEGIN:VCALENDAR"))
		self.assertIn("Alice Feed Event", body)
		self.assertNotIn("Bob Private", body)
		self.assertIn("Busy", body)
		make_venue("TV 报告厅", "Normal", 80)
		zh = api.ics("TV 报告厅", key)
		self.assertEqual(zh.status_code, 200)
		self.assertIn("报告厅", zh.get_data(as_text=True))

	def _system_time_zone(self, tz):
		def use(zone):
			frappe.db.set_single_value("System Settings", "time_zone", zone)
			frappe.clear_document_cache("System Settings", "System Settings")
			frappe.local.system_settings = None

		self.addCleanup(use, frappe.db.get_single_value("System Settings", "time_zone"))
		use(tz)

	def test_ics_times_are_utc(self):
		from school_office.venues import ics

		a = book("TV Room A", day(21, 9), hours=2, user=ALICE, event_name="Alice UTC Event")
		approve(a)
		frappe.set_user(ALICE)
		key = api.feed_url()["key"]
		frappe.set_user("Guest")
		# the site keeps times in Asia/Shanghai (UTC+8, no daylight saving): 09:00–11:00 there is 01:00–03:00 UTC
		self._system_time_zone("Asia/Shanghai")
		body = api.ics("TV Room A", key).get_data(as_text=True)
		start, end = day(21, 1), day(21, 3)
		event = body[body.index(f"UID:{a.name}@") :]
		event = event[: event.index("END:VEVENT")]
		self.assertIn(f"DTSTART:{start:%Y%m%dT%H%M%S}Z\r\n", event)
		self.assertIn(f"DTEND:{end:%Y%m%dT%H%M%S}Z\r\n", event)
		self.assertRegex(event, r"DTSTAMP:\d{8}T\d{6}Z\r\n")
		self.assertNotRegex(body, r"DT(START|END|STAMP):\d{8}T\d{6}\r\n")  # no floating times anywhere
		# a zone with daylight saving: Berlin is UTC+2 in July and UTC+1 in January
		rows = [
			{"name": "S", "starts_on": "2030-07-01 09:00:00", "ends_on": "2030-07-01 10:30:00", "title": "x"},
			{"name": "W", "starts_on": "2030-01-07 09:00:00", "ends_on": "2030-01-07 10:30:00", "title": "y"},
		]
		text = ics.calendar("TV Room A", rows, "site", tz="Europe/Berlin", now="2030-01-01 12:00:00")
		self.assertIn("DTSTART:20300701T070000Z\r\nDTEND:20300701T083000Z\r\n", text)
		self.assertIn("DTSTART:20300107T080000Z\r\nDTEND:20300107T093000Z\r\n", text)
		self.assertEqual(text.count("DTSTAMP:20300101T110000Z\r\n"), 2)

	# ------------------------------------------------------------------ utilisation
	def test_utilisation_report_and_venue_month(self):
		from datetime import datetime

		from school_office.utils.calendar import clear_calendar_cache
		from school_office.venues.report.venue_utilisation.venue_utilisation import execute

		# a known month and working day: March 2031 has 21 weekdays of 08:30–17:30 = 189 working hours
		frappe.db.set_single_value(
			"School Office Settings", {"work_start_time": "08:30:00", "work_end_time": "17:30:00"}
		)
		for weekday in ("monday", "tuesday", "wednesday", "thursday", "friday"):
			frappe.db.set_single_value("School Office Settings", weekday, 1)
		for weekday in ("saturday", "sunday"):
			frappe.db.set_single_value("School Office Settings", weekday, 0)
		frappe.clear_document_cache("School Office Settings", "School Office Settings")
		clear_calendar_cache()
		a = book("TV Room B", datetime(2031, 3, 12, 9, 0), hours=3)  # a Wednesday, 09:00–12:00
		approve(a)
		late = book("TV Room B", datetime(2031, 3, 14, 16, 0), hours=3)  # Friday 16:00–19:00: 1.5 h at work
		approve(late)
		_columns, data, _, chart = execute(
			{"from_date": "2031-03-01", "to_date": "2031-03-31", "venue": "TV Room B"}
		)
		self.assertEqual(len(data), 1)
		row = data[0]
		self.assertEqual(
			(row["month"], row["bookings"], row["booked_hours"], row["available_hours"]),
			("2031-03", 2, 4.5, 189.0),
		)
		self.assertEqual(row["utilisation"], 2.4)  # 4.5 / 189 = 2.38 %
		self.assertEqual(row["flag"], "Under-used")  # below 20 %
		self.assertIsNone(row["no_show_rate"])  # nothing held or missed yet
		self.assertEqual(chart["data"]["labels"], ["TV Room B"])
		self.assertEqual(chart["data"]["datasets"][0]["values"], [2.4])
		# by category: the Normal venues together, the same two bookings
		_, by_cat, _, _ = execute(
			{"from_date": "2031-03-01", "to_date": "2031-03-31", "group_by": "Category"}
		)
		normal = [r for r in by_cat if r["venue_category"] == "Normal"]
		self.assertEqual(len(normal), 1)
		self.assertEqual((normal[0]["bookings"], normal[0]["booked_hours"]), (2, 4.5))
		month = api.venue_month("TV Room B", 2031, 3)
		self.assertEqual(
			(month["venue"], month["bookings"], month["booked_hours"], month["utilisation"]),
			("TV Room B", 2, 4.5, 2.4),
		)

	# ------------------------------------------------------------------ class periods (节次)
	def test_class_periods_seeded_and_period_span(self):
		frappe.set_user(ALICE)
		periods = api.class_periods()
		# the seeded grid (venues/install.py CLASS_PERIODS): eight periods
		self.assertEqual(
			[(p["period"], p["start_time"], p["end_time"]) for p in periods],
			[
				(1, "08:00", "08:45"),
				(2, "08:55", "09:40"),
				(3, "10:00", "10:45"),
				(4, "10:55", "11:40"),
				(5, "14:00", "14:45"),
				(6, "14:55", "15:40"),
				(7, "16:00", "16:45"),
				(8, "16:55", "17:40"),
			],
		)
		span = api.period_span("2030-03-04", 1, 2)
		self.assertEqual(span, {"starts_on": "2030-03-04 08:00:00", "ends_on": "2030-03-04 09:40:00"})
		self.assertRaises(frappe.ValidationError, api.period_span, "2030-03-04", 3, 1)
