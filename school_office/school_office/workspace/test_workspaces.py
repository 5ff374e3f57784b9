# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""The app's workspaces load for each school role as the desk loads them: the page, every count the desk asks for
its shortcuts (the shortcut widget counts every DocType shortcut) and every number card the role is shown."""

import json

import frappe
from frappe.desk.desktop import get_desktop_page
from frappe.desk.doctype.number_card.number_card import get_result
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, now_datetime

from school_office.setup.roles import APP_ROLES

WORKSPACES = ("School Office", "Office Documents", "Venues", "Service Desk")


def role_user(role):
	mail = f"ws-{frappe.scrub(role).replace('_', '-')}@test.school"
	if not frappe.db.exists("User", mail):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": mail,
				"first_name": role,
				"send_welcome_email": 0,
				"roles": [{"role": role}],
			}
		).insert(ignore_permissions=True)
	return mail


def load(workspace):
	"""What the desk asks for when the page opens."""
	page = get_desktop_page(json.dumps({"name": workspace, "title": workspace}))
	for sc in page["shortcuts"]["items"]:
		if sc.get("type") == "DocType" and sc.get("doc_view") != "New":
			filters = json.loads(sc.get("stats_filter") or "[]")
			frappe.get_list(sc["link_to"], filters=filters, fields=["count(*) as count"])
	counts = {}
	for nc in page["number_cards"]["items"]:
		card = frappe.get_doc("Number Card", nc.get("number_card_name"))
		filters = json.loads(card.filters_json or "[]")
		counts[card.name] = get_result(card.as_dict(), filters)
	return page, counts


class TestWorkspaces(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = {role: role_user(role) for role in APP_ROLES}

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_no_doctype_shortcut_counts_a_single(self):
		for ws in WORKSPACES:
			for sc in frappe.get_doc("Workspace", ws).shortcuts:
				if sc.type == "DocType":
					with self.subTest(workspace=ws, shortcut=sc.label):
						self.assertFalse(frappe.get_meta(sc.link_to).issingle)

	def test_every_role_loads_every_workspace(self):
		"""Every count and card loads; only a workspace of a module the role has no doctype of is refused."""
		refused = {ws: set() for ws in WORKSPACES}
		for role, user in self.users.items():
			for ws in WORKSPACES:
				with self.subTest(role=role, workspace=ws):
					frappe.set_user(user)
					try:
						load(ws)
					except frappe.PermissionError:
						refused[ws].add(role)
					finally:
						frappe.set_user("Administrator")
		# School Office: settings and holiday arrangements; Office Documents: what the document roles read
		outside = {"Maintenance Technician", "Asset Administrator", "Meeting Team"}
		self.assertEqual(
			refused,
			{"School Office": outside, "Office Documents": outside, "Venues": set(), "Service Desk": set()},
		)

	def test_school_office_workspace_links(self):
		frappe.set_user(self.users["Office Manager"])
		page, counts = load("School Office")
		links = {link["link_to"] for card in page["cards"]["items"] for link in card["links"]}
		self.assertTrue({"Service Request", "Holiday Arrangement", "School Office Settings"} <= links)
		self.assertEqual(
			set(counts),
			{
				"Open Service Requests",
				"Breached Service Requests",
				"Pending Official Documents",
				"Venue Bookings Today",
				"Bookings Awaiting Approval",
				"Documents In Process",
			},
		)
		# PF-2: the modules' live charts
		charts = {c.chart_name for c in page["charts"]["items"]}
		self.assertTrue({"Service Desk KPIs by Month", "Venue Bookings per Venue"} <= charts, charts)
		shortcuts = {s["label"]: s for s in page["shortcuts"]["items"]}
		self.assertEqual(shortcuts["School Office Settings"]["type"], "URL")
		self.assertEqual(shortcuts["School Office Settings"]["url"], "/app/school-office-settings")

	def test_technician_reaches_the_service_requests(self):
		"""A technician has no School Office module: the Service Desk workspace is theirs, with the open
		requests and the list."""
		from frappe.desk.desktop import get_workspace_sidebar_items

		frappe.set_user(self.users["Maintenance Technician"])
		pages = {p["name"] for p in get_workspace_sidebar_items()["pages"]}
		self.assertIn("Service Desk", pages)
		self.assertNotIn("School Office", pages)
		page, counts = load("Service Desk")
		self.assertEqual(set(counts), {"Open Service Requests", "Breached Service Requests"})
		links = {link["link_to"] for card in page["cards"]["items"] for link in card["links"]}
		self.assertIn("Service Request", links)

	def test_department_head_sees_every_card(self):
		"""Each card counts a doctype the roles of the workspace read (a card of an unreadable doctype would be
		left out by Frappe)."""
		frappe.set_user(self.users["Department Head"])
		counts = load("School Office")[1]
		self.assertEqual(len(counts), 6)

	def test_open_and_breached_counts(self):
		from school_office.setup.defaults import create_all

		create_all()
		frappe.set_user(self.users["Office Manager"])
		before = load("School Office")[1]
		frappe.set_user("Administrator")
		late = frappe.get_doc(
			{
				"doctype": "Service Request",
				"subject": "Workspace count test",
				"raised_by": "ws-requester@test.school",
				"channel": "Window",
			}
		).insert(ignore_permissions=True)
		frappe.db.set_value(
			"Service Request", late.name, "sla_resolution_by", add_to_date(now_datetime(), hours=-1)
		)
		done = frappe.get_doc(
			{
				"doctype": "Service Request",
				"subject": "Workspace count test, closed",
				"raised_by": "ws-requester@test.school",
				"channel": "Window",
			}
		).insert(ignore_permissions=True)
		frappe.db.set_value("Service Request", done.name, "status", "Closed")
		frappe.set_user(self.users["Office Manager"])
		card = frappe.get_doc("Number Card", "Breached Service Requests")
		# the desk adds the dynamic filter (resolution due before now) to the static ones
		breached_filters = [
			*json.loads(card.filters_json),
			["Service Request", "sla_resolution_by", "<", str(now_datetime())],
		]
		after = load("School Office")[1]
		self.assertEqual(after["Open Service Requests"], before["Open Service Requests"] + 1)
		names = frappe.get_list("Service Request", filters=breached_filters, pluck="name")
		self.assertIn(late.name, names)
		self.assertNotIn(done.name, names)
