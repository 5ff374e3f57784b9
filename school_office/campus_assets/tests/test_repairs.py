"""AS-5: a repair Service Request about an Asset opens an ERPNext Asset Repair with clocks on the school
calendar, the technician's arrival is recorded by scanning the label, and resolution completes the repair."""

import frappe
from frappe.desk.form.assign_to import add as assign
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime

from school_office.campus_assets import api, repairs
from school_office.campus_assets.tests.helpers import LOC_A, STAFF, TECH, make_asset, setup_world
from school_office.utils.calendar import get_work_calendar

test_ignore = ["Asset", "Location", "Department", "Employee", "Item"]


class TestRepairs(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.ctx = setup_world()

	def tearDown(self):
		frappe.set_user("Administrator")

	def request(self, asset):
		frappe.set_user(STAFF)
		return frappe.get_doc(
			{
				"doctype": "Service Request",
				"service_type": "Repair Request",
				"subject": "Paper jam every page",
				"description": "<p>Room A, printer jams on every page</p>",
				"reference_doctype": "Asset",
				"reference_name": asset,
				"channel": "Phone",
			}
		).insert()

	def test_request_opens_a_repair_with_office_equipment_clocks(self):
		a = make_asset(self.ctx, "CA Repair Printer", "2010601", location=LOC_A)
		sr = self.request(a.name)
		frappe.set_user("Administrator")
		name = repairs.repair_of(sr.name)
		self.assertTrue(name)
		r = frappe.get_doc("Asset Repair", name)
		self.assertEqual((r.asset, r.repair_status, r.docstatus), (a.name, "Pending", 0))
		cal = get_work_calendar()
		created = get_datetime(sr.creation)
		# a printer is office equipment: respond within 4 working hours, on site within 24
		self.assertEqual(get_datetime(r.respond_by), cal.add_working_hours(created, 4))
		self.assertEqual(get_datetime(r.on_site_by), cal.add_working_hours(created, 24))
		self.assertFalse(r.fix_by)
		self.assertFalse(r.is_major_fault)

	def test_air_conditioner_is_a_major_fault_fixed_in_48_hours(self):
		a = make_asset(self.ctx, "CA Repair AC", "2061802", location=LOC_A)
		sr = self.request(a.name)
		frappe.set_user("Administrator")
		r = frappe.get_doc("Asset Repair", repairs.repair_of(sr.name))
		cal = get_work_calendar()
		created = get_datetime(sr.creation)
		self.assertTrue(r.is_major_fault)
		self.assertEqual(get_datetime(r.respond_by), cal.add_working_hours(created, 2))
		self.assertEqual(get_datetime(r.on_site_by), cal.add_working_hours(created, 8))
		self.assertEqual(get_datetime(r.fix_by), cal.add_working_hours(created, 48))

	def test_arrival_by_scan_response_and_resolution_keep_in_step(self):
		from school_office.service_desk import api as desk

		a = make_asset(self.ctx, "CA Repair Copier", "20201", location=LOC_A)
		sr = self.request(a.name)
		frappe.set_user("Administrator")
		name = repairs.repair_of(sr.name)
		assign({"doctype": "Service Request", "name": sr.name, "assign_to": [TECH]})
		# the technician sees the asset and the repair of their request, and scans the label on site
		frappe.set_user(TECH)
		self.assertTrue(frappe.has_permission("Asset", "read", a.name))
		self.assertIn(name, frappe.get_list("Asset Repair", pluck="name"))
		out = api.record_scan(a.name, LOC_A)
		self.assertEqual(out["arrival"], name)
		frappe.set_user(STAFF)
		desk.accept(sr.name)
		desk.start(sr.name)
		desk.resolve(sr.name, resolution="Replaced the roller", outcome="Solved")
		frappe.set_user("Administrator")
		r = frappe.get_doc("Asset Repair", name)
		self.assertTrue(r.arrived_on and r.responded_on)
		self.assertEqual(r.repair_status, "Completed")
		self.assertTrue(r.completion_date)
		month = get_datetime(r.failure_date).strftime("%Y-%m")
		rows = {x.month: x for x in repairs.monthly_rates()}
		self.assertGreaterEqual(rows[month].resolved, 1)

	def test_other_technicians_do_not_see_the_repair(self):
		a = make_asset(self.ctx, "CA Repair Hidden", "2010601", location=LOC_A)
		sr = self.request(a.name)
		frappe.set_user("Administrator")
		name = repairs.repair_of(sr.name)
		frappe.set_user(TECH)
		self.assertNotIn(name, frappe.get_list("Asset Repair", pluck="name"))
		self.assertFalse(frappe.has_permission("Asset Repair", "read", name))

	def test_a_request_without_an_asset_opens_no_repair(self):
		frappe.set_user(STAFF)
		sr = frappe.get_doc(
			{
				"doctype": "Service Request",
				"service_type": "Repair Request",
				"subject": "Door handle loose",
				"description": "<p>Room 3</p>",
				"channel": "Phone",
			}
		).insert()
		frappe.set_user("Administrator")
		self.assertIsNone(repairs.repair_of(sr.name))
