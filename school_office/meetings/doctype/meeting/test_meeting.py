# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

"""Meetings (issue #12) on a bench, each role acting as itself: request and approval (MT-1), notice
lead time, ICS, Event and RSVP (MT-2), the room through Venues (MT-3), materials under 密级 (MT-4),
sign-in and deferred agenda items (MT-5), minutes (MT-6), decisions as ToDos and the digest (MT-7),
permissions (item 9)."""

from datetime import timedelta

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, get_datetime, now_datetime

from school_office.venues.doctype.venue_booking.test_venue_booking import make_user, make_venue
from school_office.venues.install import create_defaults as venue_defaults

test_ignore = ["Department", "Asset", "Location", "Venue", "Project", "Task"]

ORG = "mt.organiser@example.com"  # Department Head who requests meetings
LEADER = "mt.leader@example.com"  # School Leader
HEAD2 = "mt.head2@example.com"  # another Department Head
TEAM = "mt.team@example.com"  # Meeting Team
ATT = "mt.attendee@example.com"  # attendee, no clearance
CLEARED = "mt.cleared@example.com"  # attendee, cleared for Secret
OUTSIDER = "mt.outsider@example.com"  # desk user not invited
DELEGATE = "mt.delegate@example.com"
TAKER = "mt.taker@example.com"  # minute-taker
VENUE = "MT Test Room"
VENUE2 = "MT Other Room"


def at(days, hour=9, minute=0):
	return get_datetime(add_to_date(now_datetime(), days=days)).replace(
		hour=hour, minute=minute, second=0, microsecond=0
	)


def as_user(user):
	frappe.set_user(user)


class MeetingTestCase(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		venue_defaults()
		make_user(ORG, ["Department Head"])
		make_user(LEADER, ["School Leader"])
		make_user(HEAD2, ["Department Head"])
		make_user(TEAM, ["Meeting Team"])
		for u in (ATT, CLEARED, OUTSIDER, DELEGATE, TAKER):
			make_user(u, [])
		if not frappe.db.exists("Document Clearance", CLEARED):
			frappe.get_doc(
				{"doctype": "Document Clearance", "user": CLEARED, "clearance_level": "Secret"}
			).insert(ignore_permissions=True)
		for v in (VENUE, VENUE2):
			if not frappe.db.exists("Venue", v):
				make_venue(v, "Normal", 30, ["Projector"])
		frappe.db.delete("Venue Booking", {"venue": ("in", [VENUE, VENUE2])})

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	@classmethod
	def tearDownClass(cls):
		# ERPNext's project path commits inside a test (PR-1), which can commit the test rooms with it;
		# remove them so they do not rank among other tests' free-venue suggestions
		super().tearDownClass()
		frappe.set_user("Administrator")
		frappe.db.delete("Venue Booking", {"venue": ("in", [VENUE, VENUE2])})
		for v in (VENUE, VENUE2):
			if frappe.db.exists("Venue", v):
				frappe.delete_doc("Venue", v, force=True, ignore_permissions=True)
		frappe.db.commit()

	def make_meeting(self, starts=None, hours=2, meeting_type="Department", user=ORG, **kw):
		starts = starts or at(10)
		as_user(user)
		doc = frappe.get_doc(
			{
				"doctype": "Meeting",
				"title": kw.pop("title", "Term planning 学期计划"),
				"meeting_type": meeting_type,
				"starts_on": starts,
				"ends_on": starts + timedelta(hours=hours),
				"expected_headcount": 12,
				"room_needs": "Projector",
				"chair": kw.pop("chair", LEADER),
				"minute_taker": kw.pop("minute_taker", TAKER),
				"attendees": [{"user": ATT}, {"user": CLEARED}],
				"agenda": kw.pop(
					"agenda",
					[
						{"topic": "Timetable", "minutes_allotted": 30},
						{"topic": "Budget", "minutes_allotted": 30},
					],
				),
				**kw,
			}
		).insert()
		return doc

	def act(self, user, name, method, **kwargs):
		as_user(user)
		doc = frappe.get_doc("Meeting", name)
		return getattr(doc, method)(**kwargs)

	def approved(self, **kw):
		doc = self.make_meeting(**kw)
		self.act(ORG, doc.name, "submit_for_approval")
		self.act(LEADER, doc.name, "approve")
		return frappe.get_doc("Meeting", doc.name)

	def notified(self, **kw):
		doc = self.approved(**kw)
		self.act(ORG, doc.name, "send_notice")
		return frappe.get_doc("Meeting", doc.name)


class TestRequestAndApproval(MeetingTestCase):
	def test_forged_fields_are_dropped_on_insert(self):
		doc = self.make_meeting(status="Approved", approver=LEADER, organiser=LEADER, sign_in_key="x")
		stored = frappe.db.get_value(
			"Meeting", doc.name, ["status", "approver", "organiser", "sign_in_key"], as_dict=True
		)
		self.assertEqual(stored.status, "Draft")
		self.assertIsNone(stored.approver)
		self.assertEqual(stored.organiser, ORG)
		self.assertNotEqual(stored.sign_in_key, "x")
		self.assertEqual(len(stored.sign_in_key), 20)

	def test_department_meeting_approved_by_a_department_head(self):
		doc = self.make_meeting()
		self.assertRaises(frappe.ValidationError, self.act, ORG, doc.name, "approve")  # not pending yet
		self.act(ORG, doc.name, "submit_for_approval")
		self.assertRaises(frappe.PermissionError, self.act, ORG, doc.name, "approve")  # own request
		self.assertRaises(frappe.PermissionError, self.act, ATT, doc.name, "approve")
		self.act(HEAD2, doc.name, "approve")
		stored = frappe.get_doc("Meeting", doc.name)
		self.assertEqual((stored.status, stored.approver), ("Approved", HEAD2))

	def test_cross_department_needs_a_school_leader(self):
		doc = self.make_meeting(meeting_type="Cross-department", chair=HEAD2)
		self.act(ORG, doc.name, "submit_for_approval")
		with self.assertRaises(frappe.PermissionError) as cm:
			self.act(HEAD2, doc.name, "approve")
		self.assertIn("School Leader", str(cm.exception))
		self.act(LEADER, doc.name, "send_back", reason="Add the finance office")
		self.assertEqual(frappe.db.get_value("Meeting", doc.name, "status"), "Draft")
		self.act(ORG, doc.name, "submit_for_approval")
		self.act(LEADER, doc.name, "approve")
		self.assertEqual(frappe.db.get_value("Meeting", doc.name, "approver"), LEADER)

	def test_request_needs_attendees_and_agenda(self):
		doc = self.make_meeting(agenda=[])
		with self.assertRaises(frappe.ValidationError) as cm:
			self.act(ORG, doc.name, "submit_for_approval")
		self.assertIn("agenda", str(cm.exception))


class TestNotice(MeetingTestCase):
	def test_notice_inside_lead_time_refused_with_the_date(self):
		starts = at(2, 15)
		doc = self.approved(starts=starts)
		with self.assertRaises(frappe.ValidationError) as cm:
			self.act(ORG, doc.name, "send_notice")
		msg = str(cm.exception)
		self.assertIn((starts - timedelta(days=3)).strftime("%Y-%m-%d %H:%M"), msg)
		self.assertIn("3", msg)
		self.assertEqual(frappe.db.get_value("Meeting", doc.name, "status"), "Approved")
		# the organiser cannot override; a School Leader can, with a reason
		self.assertRaises(
			frappe.PermissionError, self.act, ORG, doc.name, "send_notice", override_reason="urgent"
		)
		self.act(LEADER, doc.name, "send_notice", override_reason="Inspection on Friday")
		stored = frappe.get_doc("Meeting", doc.name)
		self.assertEqual(stored.status, "Notified")
		self.assertEqual(stored.notice_override_reason, "Inspection on Friday")
		self.assertEqual(stored.notice_overridden_by, LEADER)

	def test_cross_department_needs_seven_days(self):
		doc = self.approved(starts=at(5), meeting_type="Cross-department")
		with self.assertRaises(frappe.ValidationError) as cm:
			self.act(ORG, doc.name, "send_notice")
		self.assertIn("7", str(cm.exception))
		ok = self.approved(starts=at(8), meeting_type="Cross-department")
		self.act(ORG, ok.name, "send_notice")
		self.assertEqual(frappe.db.get_value("Meeting", ok.name, "status"), "Notified")

	def test_notice_makes_events_and_notifications(self):
		doc = self.notified()
		for a in doc.attendees:
			self.assertTrue(a.event)
			ev = frappe.get_doc("Event", a.event)
			self.assertEqual(ev.owner, a.user)
			self.assertEqual(get_datetime(ev.starts_on), get_datetime(doc.starts_on))
			self.assertEqual((ev.reference_doctype, ev.reference_docname), ("Meeting", doc.name))
			self.assertTrue(
				frappe.db.exists(
					"Notification Log",
					{"for_user": a.user, "document_type": "Meeting", "document_name": doc.name},
				)
			)
		# the attendee sees the event in their own desk calendar, another attendee's is not theirs
		as_user(ATT)
		events = frappe.get_list("Event", filters={"reference_docname": doc.name}, pluck="owner")
		self.assertEqual(events, [ATT])

	def test_ics_imports_as_a_calendar_event(self):
		try:
			import icalendar
		except ImportError:
			self.skipTest("the icalendar package is not installed (pip install icalendar)")
		from zoneinfo import ZoneInfo

		from frappe.utils import get_system_timezone

		from school_office.meetings.notice import invitation

		doc = self.notified()
		mail = invitation(doc, ATT)
		ics = mail["attachments"][0]["fcontent"].decode()
		cal = icalendar.Calendar.from_ical(ics)
		events = [c for c in cal.walk() if c.name == "VEVENT"]
		self.assertEqual(len(events), 1)
		ev = events[0]
		self.assertEqual(str(ev["SUMMARY"]), doc.title)
		start = get_datetime(doc.starts_on).replace(tzinfo=ZoneInfo(get_system_timezone()))
		self.assertEqual(ev.decoded("DTSTART"), start)
		self.assertEqual(ev.decoded("DTEND") - ev.decoded("DTSTART"), timedelta(hours=2))
		self.assertEqual(str(cal["METHOD"]), "REQUEST")
		self.assertIn("meeting-rsvp", str(ev["URL"]))
		self.assertIn(ATT, str(ev["ATTENDEE"]))

	def test_rsvp_and_delegate(self):
		from school_office.meetings.api import rsvp

		doc = self.notified()
		as_user(ATT)
		self.assertEqual(rsvp(doc.name, "Accepted")["rsvp"], "Accepted")
		as_user(OUTSIDER)
		self.assertRaises(frappe.PermissionError, rsvp, doc.name, "Accepted")
		as_user(CLEARED)
		out = rsvp(doc.name, "Delegated", delegate=DELEGATE)
		self.assertEqual(out, {"rsvp": "Delegated", "delegate": DELEGATE})
		stored = frappe.get_doc("Meeting", doc.name)
		row = next(a for a in stored.attendees if a.user == CLEARED)
		self.assertEqual(frappe.db.get_value("Event", row.event, "owner"), DELEGATE)
		# the delegate now reads the meeting and answers it
		as_user(DELEGATE)
		self.assertTrue(frappe.has_permission("Meeting", "read", stored.name))
		self.assertEqual(rsvp(doc.name, "Accepted")["rsvp"], "Accepted")
		as_user(ATT)
		self.assertRaises(frappe.ValidationError, rsvp, doc.name, "Maybe")


class TestRoom(MeetingTestCase):
	def test_room_through_venues_and_conflict(self):
		a = self.make_meeting(starts=at(12))
		self.act(ORG, a.name, "book_room", venue=VENUE)
		stored = frappe.get_doc("Meeting", a.name)
		self.assertEqual(stored.venue, VENUE)
		booking = frappe.get_doc("Venue Booking", stored.venue_booking)
		self.assertEqual(
			(booking.status, booking.activity_class, booking.venue), ("Approved", "Meeting", VENUE)
		)
		self.assertEqual([s.item for s in stored.setup], ["Chairs", "Microphones", "Projector"])
		self.assertEqual(stored.setup[0].quantity, 12)
		self.assertEqual(get_datetime(stored.setup_test_due), at(12) - timedelta(days=3))
		b = self.make_meeting(starts=at(12, 10), title="Other")
		from school_office.venues.service import VenueConflictError

		with self.assertRaises(VenueConflictError) as cm:
			self.act(ORG, b.name, "book_room", venue=VENUE)
		self.assertIn(VENUE, str(cm.exception))
		self.assertIsNone(frappe.db.get_value("Meeting", b.name, "venue_booking"))
		# the free-room search no longer offers the booked room
		from school_office.meetings.api import free_rooms

		as_user(ORG)
		names = [r["name"] for r in free_rooms(b.name)]
		self.assertNotIn(VENUE, names)
		self.assertIn(VENUE2, names)
		# cancelling releases the room in Venues
		self.act(ORG, a.name, "cancel_meeting", reason="moved")
		self.assertEqual(frappe.db.get_value("Venue Booking", booking.name, "status"), "Cancelled")

	def test_outsider_cannot_book_or_search(self):
		a = self.make_meeting()
		self.assertRaises(frappe.PermissionError, self.act, ATT, a.name, "book_room", venue=VENUE)
		from school_office.meetings.api import free_rooms

		as_user(OUTSIDER)
		self.assertRaises(frappe.PermissionError, free_rooms, a.name)

	def test_equipment_test_and_escalation(self):
		from school_office.meetings.tasks import setup_reminders

		doc = self.approved(starts=at(2, 15))
		self.act(ORG, doc.name, "book_room", venue=VENUE)
		self.assertRaises(frappe.PermissionError, self.act, ORG, doc.name, "mark_setup_tested")
		as_user("Administrator")
		frappe.db.delete("Notification Log", {"document_name": doc.name})
		setup_reminders(now=at(1, 16))  # inside the last day: escalation
		self.assertTrue(frappe.db.get_value("Meeting", doc.name, "setup_escalated_on"))
		self.assertTrue(frappe.db.exists("Notification Log", {"for_user": TEAM, "document_name": doc.name}))
		self.act(TEAM, doc.name, "mark_setup_tested")
		stored = frappe.get_doc("Meeting", doc.name)
		self.assertTrue(all(r.tested_on and r.tested_by == TEAM for r in stored.setup))


class TestMaterials(MeetingTestCase):
	def _attach(self, doc, level, user=CLEARED):
		as_user("Administrator")
		f = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"agenda-{level}.txt",
				"content": b"secret budget",
				"attached_to_doctype": "Meeting",
				"attached_to_name": doc.name,
				"is_private": 0,
			}
		).insert(ignore_permissions=True)
		return f

	def test_material_needs_clearance_on_every_path(self):
		from frappe.desk.form.load import getdoc as _getdoc

		def getdoc(doctype, name):
			frappe.local.response = frappe._dict(docs=[])
			_getdoc(doctype, name)

		doc = self.make_meeting()
		f = self._attach(doc, "Secret")
		self.assertEqual(f.is_private, 1)  # forced private
		as_user("Administrator")
		stored = frappe.get_doc("Meeting", doc.name)
		stored.append(
			"materials", {"title": "Budget 预算", "attachment": f.file_url, "secret_level": "Secret"}
		)
		stored.append("materials", {"title": "Agenda", "secret_level": "Public"})
		stored.save()
		# the organiser has no clearance: cannot add a Secret material, and saving keeps the hidden row
		as_user(ORG)
		mine = frappe.get_doc("Meeting", doc.name)
		mine.append("materials", {"title": "More", "secret_level": "Secret"})
		self.assertRaises(frappe.PermissionError, mine.save)
		as_user(ORG)
		getdoc("Meeting", doc.name)
		seen = frappe.response.docs[0]
		self.assertEqual([m.title for m in seen.materials], ["Agenda"])
		seen.save()
		self.assertEqual(frappe.db.count("Meeting Material", {"parent": doc.name}), 2)
		# the uncleared attendee: not in the form, not in child lists, not the file
		as_user(ATT)
		getdoc("Meeting", doc.name)
		self.assertEqual([m.title for m in frappe.response.docs[0].materials], ["Agenda"])
		self.assertEqual(
			frappe.get_list("Meeting Material", parent_doctype="Meeting", fields=["title"], pluck="title"),
			["Agenda"],
		)
		file_doc = frappe.get_doc("File", f.name)
		self.assertEqual(file_doc.attached_to_doctype, "Meeting Material Access")  # not the meeting all read
		self.assertFalse(frappe.has_permission("File", "read", file_doc, user=ATT))
		self.assertFalse(file_doc.is_downloadable())  # the /private/files/ path (Frappe's own File check)
		html = frappe.get_print("Meeting", doc.name, "Standard")
		self.assertNotIn("Budget 预算", html)
		# the cleared attendee sees it; an uninvited cleared user does not get the file
		as_user(CLEARED)
		getdoc("Meeting", doc.name)
		self.assertEqual(
			sorted(m.title for m in frappe.response.docs[0].materials), ["Agenda", "Budget 预算"]
		)
		self.assertTrue(frappe.has_permission("File", "read", file_doc, user=CLEARED))
		self.assertTrue(file_doc.is_downloadable())
		self.assertFalse(frappe.has_permission("File", "read", file_doc, user=OUTSIDER))

	def test_secret_material_must_be_private(self):
		doc = self.make_meeting()
		as_user("Administrator")
		stored = frappe.get_doc("Meeting", doc.name)
		stored.append("materials", {"title": "X", "attachment": "/files/x.txt", "secret_level": "Secret"})
		self.assertRaises(frappe.ValidationError, stored.save)


class TestPermissions(MeetingTestCase):
	def test_who_reads_and_writes(self):
		doc = self.make_meeting()
		as_user(ATT)
		self.assertTrue(frappe.has_permission("Meeting", "read", doc.name))
		self.assertFalse(frappe.has_permission("Meeting", "write", doc.name))
		self.assertEqual(frappe.get_list("Meeting", filters={"name": doc.name}, pluck="name"), [doc.name])
		as_user(OUTSIDER)
		self.assertFalse(frappe.has_permission("Meeting", "read", doc.name))
		self.assertEqual(frappe.get_list("Meeting", filters={"name": doc.name}, pluck="name"), [])
		as_user(HEAD2)  # a Department Head not involved
		self.assertFalse(frappe.has_permission("Meeting", "read", doc.name))
		as_user(TEAM)
		self.assertTrue(frappe.has_permission("Meeting", "write", doc.name))
		as_user(ORG)
		self.assertTrue(frappe.has_permission("Meeting", "write", doc.name))

	def test_time_fixed_after_notice(self):
		doc = self.notified()
		as_user(ORG)
		d = frappe.get_doc("Meeting", doc.name)
		d.starts_on = add_to_date(d.starts_on, hours=1)
		d.ends_on = add_to_date(d.ends_on, hours=1)
		self.assertRaises(frappe.ValidationError, d.save)


class TestDuringAndMinutes(MeetingTestCase):
	def _running(self):
		doc = self.notified()
		frappe.db.set_value(
			"Meeting",
			doc.name,
			{
				"starts_on": add_to_date(now_datetime(), minutes=-10),
				"ends_on": add_to_date(now_datetime(), minutes=50),
			},
		)
		return frappe.get_doc("Meeting", doc.name)

	def test_sign_in(self):
		from school_office.meetings.api import attendance, sign_in, sign_in_url

		doc = self._running()
		url = sign_in_url(doc)
		self.assertIn(f"/meeting-sign-in?meeting={doc.name}&key={doc.sign_in_key}", url)
		as_user(ATT)
		self.assertRaises(frappe.PermissionError, sign_in, doc.name, "wrong")
		as_user(OUTSIDER)
		self.assertRaises(frappe.ValidationError, sign_in, doc.name, doc.sign_in_key)
		as_user(ATT)
		out = sign_in(doc.name, doc.sign_in_key)
		self.assertEqual(out["status"], "In Progress")
		self.assertRaises(frappe.ValidationError, sign_in, doc.name, doc.sign_in_key)  # once
		rows = {r["user"]: r for r in attendance(doc.name)}
		self.assertTrue(rows[ATT]["signed_in_at"])
		self.assertIsNone(rows[CLEARED]["signed_in_at"])
		# the key is not readable over the API by an attendee
		as_user(ATT)
		from frappe.client import get

		self.assertFalse(get("Meeting", doc.name).get("sign_in_key"))

	def test_deferred_items_carried_and_minutes_flow(self):
		doc = self._running()
		# a department of their own: meetings other tiers left on the site do not take the deferred items
		dept = frappe.get_all(
			"Department", filters={"is_group": 0}, pluck="name", order_by="name desc", limit=1
		)[0]
		frappe.db.set_value("Meeting", doc.name, "requesting_department", dept)
		frappe.db.delete("Meeting", {"requesting_department": dept, "name": ("!=", doc.name)})
		nxt = self.make_meeting(starts=at(20), title="Next", requesting_department=dept)
		self.assertRaises(
			frappe.PermissionError, self.act, ATT, doc.name, "set_agenda_status", item=1, status="Discussed"
		)
		self.act(LEADER, doc.name, "set_agenda_status", item=1, status="Discussed")
		self.act(LEADER, doc.name, "end_meeting")
		stored = frappe.get_doc("Meeting", doc.name)
		self.assertEqual(stored.status, "Held")
		self.assertEqual([a.status for a in stored.agenda], ["Discussed", "Deferred"])
		self.assertGreater(get_datetime(stored.minutes_due_by), get_datetime(stored.ends_on))
		self.assertLessEqual(
			get_datetime(stored.minutes_due_by), get_datetime(stored.ends_on) + timedelta(hours=24)
		)
		carried = frappe.get_doc("Meeting", nxt.name)
		self.assertEqual([(a.topic, a.carried_from) for a in carried.agenda][-1], ("Budget", doc.name))

		# the draft: the minute-taker writes it; attendees do not read it before publication
		as_user(ATT)
		self.assertFalse(frappe.has_permission("Meeting Minutes", "read", doc.name))
		self.assertEqual(frappe.get_list("Meeting Minutes", pluck="name", filters={"name": doc.name}), [])
		as_user(TAKER)
		draft = frappe.get_doc("Meeting Minutes", doc.name)
		draft.minutes = "<p>会议决定：调整课表</p>"
		draft.append("decisions", {"decision": "调整课表", "decision_owner": ATT, "due_date": at(14).date()})
		draft.save()
		self.assertRaises(frappe.PermissionError, self.act, ATT, doc.name, "submit_minutes")
		self.act(TAKER, doc.name, "submit_minutes")
		self.assertRaises(frappe.PermissionError, self.act, TAKER, doc.name, "publish_minutes")
		self.act(LEADER, doc.name, "publish_minutes")
		pub = frappe.get_doc("Meeting", doc.name)
		self.assertEqual(pub.status, "Minutes Published")
		self.assertIn("调整课表", pub.minutes)
		self.assertEqual(len(pub.decisions), 1)
		todo = frappe.get_doc("ToDo", pub.decisions[0].todo)
		self.assertEqual((todo.allocated_to, todo.reference_name), (ATT, doc.name))
		self.assertTrue(frappe.db.get_value("Meeting", doc.name, "minutes_sent_on"))
		as_user(ATT)
		self.assertTrue(frappe.has_permission("Meeting Minutes", "read", doc.name))
		# the owner closes the ToDo: the decision is done
		todo.reload()
		todo.status = "Closed"
		todo.save()
		self.assertEqual(frappe.db.get_value("Meeting Decision", pub.decisions[0].name, "status"), "Done")
		# the Friday digest lists it with its state
		from school_office.meetings.tasks import friday_digest

		as_user("Administrator")
		html = friday_digest(now=add_to_date(now_datetime(), days=1))
		self.assertIn("调整课表", html)
		self.assertIn("Done", html)

	def test_minutes_pdf_renders_chinese(self):
		import shutil
		import subprocess
		import tempfile

		from school_office.meetings.minutes import minutes_pdf

		doc = self._running()
		as_user("Administrator")
		frappe.db.set_value(
			"Meeting", doc.name, {"status": "Minutes Published", "minutes": "<p>会议纪要正文</p>"}
		)
		pdf = minutes_pdf(frappe.get_doc("Meeting", doc.name))
		self.assertTrue(pdf.startswith(b"%PDF"))
		if not shutil.which("pdftotext"):
			self.skipTest("pdftotext (poppler-utils) is not installed to read the PDF's text")
		with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
			fh.write(pdf)
			fh.flush()
			text = subprocess.run(
				["pdftotext", fh.name, "-"], capture_output=True, text=True, check=True
			).stdout
		import unicodedata

		text = unicodedata.normalize("NFKC", text)  # CJK fonts map some characters to Kangxi radicals
		self.assertIn("会议纪要正文", text)
		self.assertIn("学期计划", text)
		self.assertIn(str(get_datetime(doc.starts_on).year), text)


class TestRecurrence(MeetingTestCase):
	def test_monthly_coordination_meeting_recurs(self):
		from school_office.meetings.doctype.meeting.meeting import RECUR_AHEAD_DAYS

		doc = self.approved(meeting_type="Coordination", starts=at(3, 14))
		self.assertRaises(frappe.PermissionError, self.act, ORG, doc.name, "repeat_monthly")
		name = self.act(TEAM, doc.name, "repeat_monthly")
		as_user("Administrator")
		ar = frappe.get_doc("Auto Repeat", name)
		self.assertEqual(ar.frequency, "Monthly")
		self.assertEqual(frappe.db.get_value("Meeting", doc.name, "auto_repeat"), name)
		ar.make_new_document()
		copy_name = frappe.get_all(
			"Meeting", filters={"auto_repeat": name, "name": ("!=", doc.name)}, pluck="name"
		)[0]
		copy = frappe.get_doc("Meeting", copy_name)
		expected = get_datetime(ar.next_schedule_date) + timedelta(days=RECUR_AHEAD_DAYS, hours=14)
		self.assertEqual(get_datetime(copy.starts_on), expected)
		self.assertEqual(get_datetime(copy.ends_on) - get_datetime(copy.starts_on), timedelta(hours=2))
		self.assertEqual((copy.status, copy.organiser), ("Pending Approval", ORG))
		self.assertIsNone(copy.approver)
		self.assertEqual([a.user for a in copy.attendees], [ATT, CLEARED])
		self.assertEqual([a.rsvp for a in copy.attendees], ["Pending", "Pending"])


class TestProject(MeetingTestCase):
	def test_decision_starts_a_cross_department_project(self):
		from school_office.meetings.projects import BUFFER_DAYS, TEMPLATE

		depts = frappe.get_all("Department", filters={"is_group": 0}, pluck="name", limit=2)
		if len(depts) < 2:
			self.skipTest("the site needs two departments")
		doc = self.make_meeting(meeting_type="Cross-department", starts=at(8))
		as_user("Administrator")
		d = frappe.get_doc("Meeting", doc.name)
		d.attendees[0].department, d.attendees[1].department = depts
		d.save()
		frappe.db.set_value("Meeting", doc.name, "status", "Minutes Published")
		due = at(40).date()
		d = frappe.get_doc("Meeting", doc.name)
		d.append(
			"decisions", {"decision": "迎新活动", "decision_owner": ATT, "due_date": due, "status": "Open"}
		)
		d.flags.system_change = True
		d.save()
		self.assertRaises(frappe.PermissionError, self.act, ATT, doc.name, "start_project", decision=1)
		name = self.act(LEADER, doc.name, "start_project", decision=1)
		self.assertEqual(frappe.db.get_value("Meeting Decision", d.decisions[0].name, "project"), name)
		project = frappe.get_doc("Project", name)
		self.assertEqual((project.project_template, str(project.expected_end_date)), (TEMPLATE, str(due)))
		tasks = frappe.get_all(
			"Task",
			filters={"project": name},
			fields=["subject", "department", "exp_end_date", "is_milestone", "_assign"],
		)
		by_dept = {t.department: t for t in tasks if t.department}
		self.assertEqual(set(by_dept), set(depts))
		self.assertEqual(str(by_dept[depts[0]].exp_end_date), str(frappe.utils.add_days(due, -BUFFER_DAYS)))
		self.assertIn(ATT, by_dept[depts[0]]._assign)
		self.assertIn(CLEARED, by_dept[depts[1]]._assign)
		self.assertEqual([str(t.exp_end_date) for t in tasks if t.is_milestone], [str(due)])
		self.assertEqual(len(tasks), 6)  # 2 template tasks, 2 department tasks, the buffer, the milestone
		# progress shows on the meeting (the department leads complete their tasks)
		as_user("Administrator")
		for t in frappe.get_all("Task", filters={"project": name}, pluck="name"):
			task = frappe.get_doc("Task", t)
			task.status = "Completed"
			task.save(ignore_permissions=True)
		from school_office.meetings.doctype.meeting.meeting import project_progress

		progress = project_progress(frappe.get_doc("Meeting", doc.name))
		self.assertEqual([(p.name, p.percent_complete) for p in progress], [(name, 100)])


class TestMinutesClock(MeetingTestCase):
	def test_minutes_reminder_then_escalation(self):
		from school_office.meetings.tasks import minutes_reminders

		doc = self.notified()
		frappe.db.set_value(
			"Meeting",
			doc.name,
			{
				"starts_on": add_to_date(now_datetime(), hours=-2),
				"ends_on": add_to_date(now_datetime(), hours=-1),
			},
		)
		self.act(LEADER, doc.name, "end_meeting")
		due = get_datetime(frappe.db.get_value("Meeting", doc.name, "minutes_due_by"))
		as_user("Administrator")
		frappe.db.delete("Notification Log", {"document_name": doc.name})
		minutes_reminders(now=due - timedelta(hours=2))  # too early: nothing
		self.assertFalse(frappe.db.exists("Notification Log", {"document_name": doc.name}))
		minutes_reminders(now=due - timedelta(minutes=30))  # the minute-taker is reminded, once
		minutes_reminders(now=due - timedelta(minutes=20))
		self.assertEqual(
			frappe.db.count("Notification Log", {"document_name": doc.name, "for_user": TAKER}), 1
		)
		self.assertFalse(frappe.db.exists("Notification Log", {"document_name": doc.name, "for_user": TEAM}))
		minutes_reminders(now=due + timedelta(minutes=5))  # late: chair, minute-taker and the Meeting Team
		self.assertTrue(frappe.db.exists("Notification Log", {"document_name": doc.name, "for_user": TEAM}))
		self.assertTrue(frappe.db.exists("Notification Log", {"document_name": doc.name, "for_user": LEADER}))
		self.assertTrue(frappe.db.get_value("Meeting", doc.name, "minutes_escalated_on"))
		minutes_reminders(now=due + timedelta(hours=1))  # once
		self.assertEqual(
			frappe.db.count("Notification Log", {"document_name": doc.name, "for_user": TEAM}), 1
		)


class TestMinutesSendWindow(MeetingTestCase):
	def test_review_overdue_at_the_send_deadline(self):
		from school_office.meetings.tasks import review_reminders, send_deadline

		doc = self.notified()
		as_user("Administrator")
		frappe.db.set_value("Meeting", doc.name, "status", "Minutes Review")
		deadline = send_deadline(frappe.get_doc("Meeting", doc.name))
		self.assertGreater(deadline, get_datetime(doc.ends_on) + timedelta(days=1))
		frappe.db.delete("Notification Log", {"document_name": doc.name})
		review_reminders(now=deadline - timedelta(minutes=5))
		self.assertFalse(frappe.db.exists("Notification Log", {"document_name": doc.name}))
		review_reminders(now=deadline + timedelta(minutes=5))
		review_reminders(now=deadline + timedelta(hours=2))
		self.assertEqual(
			frappe.db.count("Notification Log", {"document_name": doc.name, "for_user": LEADER}), 1
		)
		self.assertTrue(frappe.db.exists("Notification Log", {"document_name": doc.name, "for_user": TEAM}))
