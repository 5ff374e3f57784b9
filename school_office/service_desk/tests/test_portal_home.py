"""Issue #9 items 1, 3 and 6: the portal users' home (/office), its menu and landing page, the guide's
"Apply Online" links, the single venue path, readable booking numbers, e-mail without an outgoing account."""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import set_request

from school_office import portal_home
from school_office.service_desk.tests.test_portal import make_portal_user, make_staff_user, mandatory_files


def page(path: str, user: str, args: dict | None = None) -> tuple[int, str]:
	from frappe.website.serve import get_response

	set_request(method="GET", path=path)
	frappe.set_user(user)
	frappe.local.form_dict = frappe._dict(args or {})  # after set_user, which clears it
	frappe.local.lang = frappe.db.get_value("User", user, "language") or "en"  # as the request would
	response = get_response()
	return response.status_code, response.get_data(as_text=True)


class PortalHomeCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.student = make_portal_user("home.student@test.school", "Home Student")
		cls.student_zh = make_portal_user("home.student.zh@test.school", "Home Zh", lang="zh")
		cls.staff = make_staff_user()
		for st in ("Repair Request", "Venue Application", "Certificate Issuance"):
			frappe.db.set_value("Service Type", st, "is_published", 1)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.request = None
		frappe.local.lang = "en"


class TestPortalHome(PortalHomeCase):
	def test_portal_user_lands_on_office_staff_do_not(self):
		from frappe.website.utils import get_home_page

		for user, expected in ((self.student, "office"), (self.staff, None)):
			frappe.set_user(user)
			frappe.cache.hdel("home_page", user)
			self.assertEqual(portal_home.get_website_user_home_page(user), expected)
			home = get_home_page()
			if expected:
				self.assertEqual(home, "office")
			else:
				self.assertNotEqual(home, "office")

	def test_home_page_leads_to_every_portal_page(self):
		status, html = page("/office", self.student)
		self.assertEqual(status, 200)
		for route in ("/service-guide", "/service-request", "/my-requests", "/venue-booking"):
			self.assertTrue(f'href="{route}"' in html, f'href="{route}"')
		self.assertTrue("Hello, Home Student" in html, "Hello, Home Student")
		self.assertTrue('name="viewport"' in html, 'name="viewport"')

	def test_home_page_in_chinese_counts_open_requests(self):
		from school_office.service_desk import portal

		frappe.set_user(self.student_zh)
		before = portal_home.open_request_count(self.student_zh)
		portal.submit_request(
			service_type="Repair Request",
			subject="门坏了",
			description="101 室的门坏了",
			files=mandatory_files("Repair Request"),
		)
		frappe.local.lang = "zh"
		cards = {p.route: p for p in portal_home.portal_pages(self.student_zh)}
		self.assertEqual(cards["/my-requests"].title, "我的申请")
		self.assertEqual(cards["/my-requests"].count, before + 1)
		self.assertEqual(cards["/my-requests"].count_label, f"{before + 1} 项办理中")
		self.assertEqual(cards["/service-guide"].title, "办事指南")
		self.assertEqual(cards["/venue-booking"].title, "预约场地")

	def test_guest_is_sent_to_login(self):
		frappe.set_user("Guest")
		with self.assertRaises(frappe.Redirect):
			portal_home.home_context(frappe._dict())
		self.assertIn("/login?redirect-to=/office", frappe.local.flags.redirect_location)

	def test_list_is_extensible(self):
		extra = {
			"route": "/meeting-rooms",
			"title": "Meetings",
			"description": "x",
			"condition": "frappe.utils.cint",  # cint(user) == 0: hidden
		}
		with patch.object(portal_home, "PORTAL_PAGES", [*portal_home.PORTAL_PAGES, extra]):
			routes = [p.route for p in portal_home.portal_pages(self.student)]
		self.assertNotIn("/meeting-rooms", routes)
		extra.pop("condition")
		with patch.object(portal_home, "PORTAL_PAGES", [*portal_home.PORTAL_PAGES, extra]):
			routes = [p.route for p in portal_home.portal_pages(self.student)]
		self.assertEqual(routes[-1], "/meeting-rooms")

	def test_portal_menu_has_the_home(self):
		from frappe.website.utils import get_portal_sidebar_items

		frappe.set_user(self.student)
		frappe.cache.hdel("portal_menu_items", self.student)
		routes = [i.get("route") for i in get_portal_sidebar_items()]
		for route in ("/office", "/service-request", "/my-requests", "/venue-booking"):
			self.assertIn(route, routes)


class TestApplyLinks(PortalHomeCase):
	def test_apply_urls(self):
		self.assertEqual(
			portal_home.apply_url("Repair Request"), "/service-request?service_type=Repair%20Request"
		)
		# one path for venues: the booking page
		self.assertEqual(portal_home.apply_url("Venue Application"), "/venue-booking")

	def test_guide_and_service_page_have_apply_links(self):
		status, html = page("/service-guide", "Guest")
		self.assertEqual(status, 200)
		self.assertTrue(
			'href="/service-request?service_type=Repair%20Request"' in html,
			'href="/service-request?service_type=Repair%20Request"',
		)
		self.assertTrue('href="/venue-booking"' in html, 'href="/venue-booking"')
		route = frappe.db.get_value("Service Type", "Repair Request", "route")
		status, html = page(f"/{route}", "Guest")
		self.assertEqual(status, 200)
		self.assertTrue(
			'href="/service-request?service_type=Repair%20Request"' in html,
			'href="/service-request?service_type=Repair%20Request"',
		)
		self.assertTrue("Apply Online" in html, "Apply Online")

	def test_guest_applying_comes_back_to_the_service(self):
		from urllib.parse import parse_qs, urlparse

		from school_office.service_desk import portal

		frappe.set_user("Guest")
		frappe.local.form_dict = frappe._dict(service_type="Repair Request")
		with self.assertRaises(frappe.Redirect):
			portal.new_request_context(frappe._dict())
		location = urlparse(frappe.local.flags.redirect_location)
		self.assertEqual(location.path, "/login")
		self.assertEqual(
			parse_qs(location.query)["redirect-to"], ["/service-request?service_type=Repair%20Request"]
		)

	def test_service_request_page_preselects_and_points_venues_to_booking(self):
		status, html = page("/service-request", self.student, {"service_type": "Certificate Issuance"})
		self.assertEqual(status, 200)
		import re

		self.assertTrue(re.search(r'value="Certificate Issuance"[^>]*\s+selected', html), "not preselected")
		self.assertTrue('data-block="Venue Application" data-only="1"' in html, "no venue notice")
		self.assertTrue('href="/venue-booking"' in html, "no link to the booking page")


class TestVenueBookingPortal(PortalHomeCase):
	def test_booking_number_is_readable(self):
		from frappe.model.naming import make_autoname

		self.assertEqual(frappe.get_meta("Venue Booking").autoname, "VB-.YYYY.-.#####")
		self.assertRegex(make_autoname("VB-.YYYY.-.#####", "Venue Booking"), r"^VB-\d{4}-\d{5}$")

	def test_reject_action_of_bookings_reads_decline(self):
		transitions = frappe.get_all(
			"Workflow Transition",
			filters={"parent": "Venue Booking Approval", "next_state": "Rejected"},
			pluck="action",
		)
		self.assertEqual(transitions, ["Decline"])
		frappe.local.lang = "zh"
		self.assertEqual(frappe._("Decline"), "驳回")
		self.assertEqual(frappe._("Rejected"), "已驳回")

	def test_booking_page_in_chinese_has_no_qingshi(self):
		status, html = page("/venue-booking", self.student_zh)
		self.assertEqual(status, 200)
		import json

		# the page's messages are JSON (non-ASCII as \\uXXXX): look for both spellings
		def shown(text):
			return text in html or json.dumps(text)[1:-1] in html

		self.assertTrue(shown("申请此场地"), "申请此场地")
		self.assertFalse(shown("请示"), "请示")


class TestMailWithoutOutgoingAccount(PortalHomeCase):
	"""Issue #9 item 3: without an outgoing Email Account, Needs Info and Resolve give staff no error, the
	requester still gets the system notification, and the skip is logged once."""

	def setUp(self):
		frappe.db.set_value("Email Account", {"enable_outgoing": 1}, "enable_outgoing", 0)
		frappe.local.outgoing_email_account = {}
		# the day's log of skipped mail (earlier runs' included) goes, so this test sees its own
		frappe.db.delete("Error Log", {"method": "E-mail not sent: no outgoing Email Account"})
		self.mute = frappe.flags.mute_emails
		frappe.flags.mute_emails = False

	def tearDown(self):
		frappe.flags.mute_emails = self.mute
		frappe.local.outgoing_email_account = {}
		super().tearDown()

	def test_needs_info_and_resolve_are_quiet(self):
		from school_office.service_desk import api, portal
		from school_office.utils.mail import outgoing_mail_ready

		self.assertFalse(outgoing_mail_ready("Service Request"))
		errors_before = frappe.db.count("Error Log", {"method": "E-mail not sent: no outgoing Email Account"})
		frappe.set_user(self.student)
		name = portal.submit_request(
			service_type="Repair Request",
			subject="Quiet mail",
			description="Room 5: the door is stuck",
			files=mandatory_files("Repair Request"),
		)["name"]
		real_enqueue = frappe.enqueue

		def enqueue_in_worker(*args, **kwargs):
			# in_test runs background jobs at once; on a site they run in a worker, whose messages (e.g. the
			# assignee's e-mail about a closed assignment) never reach the staff member's screen
			saved, frappe.local.message_log = frappe.local.message_log, []
			try:
				return real_enqueue(*args, **kwargs)
			finally:
				frappe.local.message_log = saved

		frappe.set_user(self.staff)
		frappe.local.message_log = []
		with patch("frappe.enqueue", enqueue_in_worker):
			api.request_info(name, "Which room?")
			frappe.set_user(self.student)
			portal.add_reply(name, "Room 101")
			frappe.set_user(self.staff)
			api.accept(name)
			api.resolve(name, resolution="Fixed")
		self.assertEqual(frappe.db.get_value("Service Request", name, "status"), "Resolved")
		shown = " ".join(str(m) for m in frappe.local.message_log)
		self.assertNotIn("Email Account", shown)
		self.assertNotIn("outgoing", shown.lower())
		logs = frappe.get_all(
			"Notification Log", filters={"for_user": self.student, "document_name": name}, pluck="subject"
		)
		# the system notifications still reach the requester: the Needs Info question, the resolution
		self.assertTrue(any("Please supplement" in x for x in logs), logs)
		self.assertTrue(any("resolved" in x.lower() for x in logs), logs)
		new_errors = frappe.get_all(
			"Error Log",
			filters={"method": "E-mail not sent: no outgoing Email Account"},
			fields=["error"],
			order_by="creation desc",
			limit=errors_before + 5,
		)
		self.assertEqual(len(new_errors) - errors_before, 1, new_errors[:3])  # logged once, not per mail
		self.assertFalse(
			frappe.db.exists(
				"Error Log",
				{
					# Frappe's Notification logs this when its e-mail fails (its system notification is lost)
					"method": "Failed to send Notification",
					"creation": (">", frappe.utils.add_to_date(None, minutes=-5)),
				},
			)
		)
