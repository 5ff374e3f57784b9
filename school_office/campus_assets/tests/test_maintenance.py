"""AS-4: default maintenance plans by classification on ERPNext's Asset Maintenance, overdue reminders,
failure rate per classification and month."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from school_office.campus_assets import maintenance
from school_office.campus_assets.tests.helpers import TECH, make_asset, make_user, setup_world

test_ignore = ["Asset", "Location", "Department", "Employee", "Item"]
TECH2 = "ca.tech2@test.school"


class TestMaintenance(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.ctx = setup_world()
		make_user(TECH2, ["Maintenance Technician"])

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_printer_checked_weekly_copier_serviced_monthly_desk_none(self):
		p = make_asset(self.ctx, "CA Maint Printer", "2010601")
		c = make_asset(self.ctx, "CA Maint Copier", "20201")
		d = make_asset(self.ctx, "CA Maint Desk", "50102")
		plan = frappe.get_doc("Asset Maintenance", p.name)
		self.assertEqual(plan.maintenance_team, maintenance.TEAM)
		task = plan.asset_maintenance_tasks[0]
		self.assertEqual((task.periodicity, task.maintenance_type), ("Weekly", "Preventive Maintenance"))
		members = set(
			frappe.get_all(
				"Maintenance Team Member", filters={"parent": maintenance.TEAM}, pluck="team_member"
			)
		)
		self.assertIn(task.assign_to, members)
		self.assertEqual(
			frappe.get_doc("Asset Maintenance", c.name).asset_maintenance_tasks[0].periodicity, "Monthly"
		)
		self.assertFalse(frappe.db.exists("Asset Maintenance", d.name))
		self.assertEqual(frappe.db.get_value("Asset", p.name, "maintenance_required"), 1)
		# ERPNext made the log and the assignee's ToDo
		self.assertTrue(frappe.db.exists("Asset Maintenance Log", {"asset_maintenance": p.name}))
		self.assertTrue(
			frappe.db.exists("ToDo", {"reference_type": "Asset Maintenance", "reference_name": p.name})
		)

	def test_overdue_log_reminds_its_assignee_once_a_day(self):
		p = make_asset(self.ctx, "CA Maint Overdue", "2010601")
		log = frappe.db.get_value(
			"Asset Maintenance Log",
			{"asset_maintenance": p.name},
			["name", "task_assignee_email"],
			as_dict=True,
		)
		frappe.db.set_value("Asset Maintenance Log", log.name, "due_date", add_days(today(), -3))
		maintenance.remind_overdue()
		user = frappe.db.get_value("User", {"email": log.task_assignee_email})
		n = frappe.db.count("Notification Log", {"document_name": log.name, "for_user": user})
		self.assertEqual(n, 1)
		maintenance.remind_overdue()
		self.assertEqual(
			frappe.db.count("Notification Log", {"document_name": log.name, "for_user": user}), 1
		)

	def test_failure_rate_is_repairs_per_asset_in_use(self):
		# a classification of this test's own, so earlier runs' assets and repairs do not count
		code = f"20106{frappe.generate_hash(length=6)}"
		code = "20106" + "".join(str(int(c, 16) % 10) for c in code[5:])
		frappe.get_doc(
			{
				"doctype": "Asset Classification",
				"code": code,
				"classification_name": f"Test scanners {code}",
				"parent_asset_classification": "20106",
				"asset_category": "School IT Equipment",
			}
		).insert(ignore_permissions=True)
		assets = [make_asset(self.ctx, f"CA Scanner {i}", code) for i in range(4)]
		frappe.get_doc(
			{
				"doctype": "Asset Repair",
				"asset": assets[0].name,
				"company": self.ctx.company,
				"failure_date": frappe.utils.now_datetime(),
				"repair_status": "Pending",
			}
		).insert(ignore_permissions=True)
		month = frappe.utils.now_datetime().strftime("%Y-%m")
		rows = {(r["classification"], r["month"]): r for r in maintenance.failure_rates()}
		r = rows[(code, month)]
		self.assertEqual((r["repairs"], r["assets"], r["failure_rate"]), (1, 4, 25.0))
		self.assertEqual((r["target_1"], r["target_2"], r["target_3"]), (8.0, 5.0, 3.0))
		frappe.set_user(TECH)
		self.assertFalse(frappe.get_doc("Report", "Asset Failure Rate").is_permitted())
