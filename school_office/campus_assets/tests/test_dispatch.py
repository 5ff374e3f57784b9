"""AS-6: the dispatcher's board of open repairs with technicians' load, a dispatch recorded on the
request, emergency plans launched into timed ToDos for named roles."""

import frappe
from frappe.tests.utils import FrappeTestCase

from school_office.campus_assets import dispatch
from school_office.campus_assets.tests.helpers import KEEPER, LOC_A, STAFF, TECH, make_asset, setup_world

test_ignore = ["Asset", "Location", "Department", "Employee", "Item"]


class TestDispatch(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.ctx = setup_world()
		dispatch.create_plans()

	def tearDown(self):
		frappe.set_user("Administrator")

	def request(self, asset):
		frappe.set_user(STAFF)
		return frappe.get_doc(
			{
				"doctype": "Service Request",
				"service_type": "Repair Request",
				"subject": "Projector flickers",
				"description": "<p>Room A</p>",
				"area": "Teaching Building",
				"reference_doctype": "Asset",
				"reference_name": asset,
				"channel": "Phone",
			}
		).insert()

	def test_board_lists_the_repair_and_dispatch_is_recorded(self):
		a = make_asset(self.ctx, "CA Dispatch Projector", "20202", location=LOC_A)
		sr = self.request(a.name)
		frappe.set_user("Administrator")
		row = next(r for r in dispatch.open_repairs() if r.service_request == sr.name)
		self.assertEqual(
			(row.asset, row.area, row.asset_classification), (a.name, "Teaching Building", "20202")
		)
		self.assertTrue(row.respond_by)
		before = dispatch.technician_load().get(TECH, 0)
		# a technician or a custodian cannot dispatch
		frappe.set_user(KEEPER)
		self.assertRaises(frappe.PermissionError, dispatch.dispatch, sr.name, TECH)
		frappe.set_user(STAFF)
		self.assertRaises(frappe.ValidationError, dispatch.dispatch, sr.name, KEEPER)
		dispatch.dispatch(sr.name, TECH)
		frappe.set_user("Administrator")
		self.assertIn(TECH, frappe.parse_json(frappe.db.get_value("Service Request", sr.name, "_assign")))
		self.assertEqual(dispatch.technician_load()[TECH], before + 1)
		comments = frappe.get_all(
			"Comment",
			filters={
				"reference_doctype": "Service Request",
				"reference_name": sr.name,
				"comment_type": "Info",
			},
			pluck="content",
		)
		self.assertTrue(any(TECH in (c or "") and STAFF in (c or "") for c in comments))
		_columns, data, _m, _c, summary = frappe.get_attr(
			"school_office.campus_assets.report.repair_dispatch_board.repair_dispatch_board.execute"
		)({})
		self.assertIn(sr.name, [r.service_request for r in data])
		self.assertTrue(any(TECH in s["label"] for s in summary))

	def test_emergency_plan_becomes_timed_todos_for_its_roles(self):
		plan = frappe.get_doc("Emergency Plan", "Burst Pipe")
		self.assertEqual(len(plan.tasks), 4)
		frappe.set_user(KEEPER)
		self.assertRaises(frappe.PermissionError, dispatch.launch_emergency_plan, "Burst Pipe")
		frappe.set_user(STAFF)
		made = dispatch.launch_emergency_plan("Burst Pipe", "Building B, floor 2")
		frappe.set_user("Administrator")
		todos = frappe.get_all(
			"ToDo",
			filters={
				"reference_type": "Emergency Plan",
				"reference_name": "Burst Pipe",
				"allocated_to": TECH,
			},
			fields=["description", "date"],
		)
		self.assertTrue(todos)
		self.assertTrue(any("Close the water valve" in t.description for t in todos))
		self.assertGreaterEqual(made, len(todos))
		self.assertEqual(frappe.db.get_value("Emergency Plan", "Burst Pipe", "last_launched_by"), STAFF)
