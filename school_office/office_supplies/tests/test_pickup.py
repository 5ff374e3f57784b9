"""SU-4: staff request supplies, their department head approves (teaching consumables also the teaching
department's head, delivered quarterly), approved requests get a slot in the desk's window, the storekeeper
issues them with one Stock Entry, and the issue register lists them per department."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, get_datetime, getdate, nowdate

from school_office.office_supplies import pickup
from school_office.office_supplies.tests import fixtures as fx


class TestPickup(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		from school_office.office_supplies.install import create_defaults

		create_defaults()
		cls.dept = fx.make_department("OS Test Pickup Dept")
		cls.teaching = fx.make_department("OS Test Teaching Affairs")
		cls.staff = fx.make_user("pickstaff")
		cls.head = fx.make_user("pickhead", ["Department Head"])
		cls.teaching_head = fx.make_user("pickteachhead", ["Department Head"])
		cls.keeper = fx.make_user("pickkeeper", ["Stock User"])
		cls.stranger = fx.make_user("pickstranger")
		fx.make_employee(cls.staff, cls.dept)
		fx.make_employee(cls.head, cls.dept)
		fx.make_employee(cls.teaching_head, cls.teaching)
		settings = frappe.get_single("Office Supplies Settings")
		cls.saved = (settings.teaching_department, settings.store_warehouse)
		settings.teaching_department = cls.teaching
		settings.store_warehouse = fx.warehouse()
		settings.flags.ignore_permissions = True
		settings.save()
		tag = frappe.generate_hash(length=5).upper()
		cls.item = fx.make_item(f"OST-P-{tag}")
		fx.stock_entry("Material Receipt", cls.item, 100, add_days(nowdate(), -2))

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_request_approve_slot_issue_register(self):
		frappe.set_user(self.staff)
		res = pickup.request_supplies([{"item_code": self.item, "qty": 3}])
		mr = frappe.get_doc("Material Request", res["name"])
		self.assertEqual(
			(mr.docstatus, mr.school_department, mr.school_requester), (0, self.dept, self.staff)
		)
		# the storekeeper cannot issue before approval; the requester cannot approve
		frappe.set_user(self.keeper)
		self.assertRaises(frappe.ValidationError, pickup.issue_request, mr.name)
		frappe.set_user(self.staff)
		self.assertRaises(frappe.PermissionError, pickup.approve_request, mr.name)
		# another department's head (the teaching head) cannot approve an ordinary request
		frappe.set_user(self.teaching_head)
		self.assertRaises(frappe.PermissionError, pickup.approve_request, mr.name)
		frappe.set_user(self.head)
		self.assertIn(mr.name, [r.name for r in pickup.pending_for()])
		out = pickup.approve_request(mr.name)
		self.assertTrue(out["approved"])
		mr = frappe.get_doc("Material Request", mr.name)
		self.assertEqual((mr.docstatus, mr.department_approved_by), (1, self.head))
		slot = get_datetime(mr.pickup_slot)
		self.assertTrue((slot.hour, slot.minute) >= (9, 0) and (slot.hour, slot.minute) <= (10, 45), slot)
		self.assertIn(slot.minute, (0, 15, 30, 45))
		# the next approved request gets another slot
		frappe.set_user(self.staff)
		second = pickup.request_supplies([{"item_code": self.item, "qty": 1}])["name"]
		frappe.set_user(self.head)
		pickup.approve_request(second)
		self.assertNotEqual(
			get_datetime(frappe.db.get_value("Material Request", second, "pickup_slot")), slot
		)
		# issued in one step by the storekeeper
		frappe.set_user(self.staff)
		self.assertRaises(frappe.PermissionError, pickup.issue_request, mr.name)
		frappe.set_user(self.keeper)
		out = pickup.issue_request(mr.name)
		se = frappe.get_doc("Stock Entry", out["stock_entry"])
		self.assertEqual((se.docstatus, se.purpose, se.items[0].qty), (1, "Material Issue", 3))
		self.assertEqual(frappe.db.get_value("Material Request", mr.name, "status"), "Issued")
		self.assertRaises(frappe.ValidationError, pickup.issue_request, mr.name)
		# the issue register, per department
		from school_office.office_supplies.report.supply_issue_register.supply_issue_register import execute

		frappe.set_user(self.head)
		_cols, rows = execute({"from_date": add_days(nowdate(), -1), "to_date": nowdate()})[:2]
		mine = [r for r in rows if r["material_request"] == mr.name]
		self.assertEqual(
			[(r["department"], r["item_code"], r["qty"]) for r in mine], [(self.dept, self.item, 3)]
		)
		frappe.set_user(self.teaching_head)
		_cols, rows = execute({"from_date": add_days(nowdate(), -1), "to_date": nowdate()})[:2]
		self.assertNotIn(mr.name, [r["material_request"] for r in rows])

	def test_teaching_consumables_need_the_teaching_head_and_go_quarterly(self):
		frappe.set_user(self.staff)
		name = pickup.request_supplies([{"item_code": self.item, "qty": 5}], teaching_consumable=1)["name"]
		mr = frappe.get_doc("Material Request", name)
		self.assertEqual(getdate(mr.schedule_date), pickup.next_quarter_start())
		frappe.set_user(self.head)
		self.assertFalse(pickup.approve_request(name)["approved"])
		self.assertEqual(frappe.db.get_value("Material Request", name, "docstatus"), 0)
		self.assertRaises(frappe.PermissionError, pickup.approve_request, name)  # not twice
		frappe.set_user(self.teaching_head)
		self.assertIn(name, [r.name for r in pickup.pending_for()])
		self.assertTrue(pickup.approve_request(name)["approved"])
		mr = frappe.get_doc("Material Request", name)
		self.assertEqual(
			(mr.docstatus, mr.teaching_approved_by, mr.pickup_slot), (1, self.teaching_head, None)
		)

	def test_hostile_requests(self):
		frappe.set_user(self.stranger)  # no employee record
		self.assertRaises(
			frappe.PermissionError, pickup.request_supplies, [{"item_code": self.item, "qty": 1}]
		)
		frappe.set_user(self.staff)
		self.assertRaises(
			frappe.PermissionError,
			pickup.request_supplies,
			[{"item_code": self.item, "qty": 1}],
			department=self.teaching,
		)
		self.assertRaises(
			frappe.ValidationError, pickup.request_supplies, [{"item_code": self.item, "qty": 0}]
		)
		self.assertRaises(
			frappe.ValidationError, pickup.request_supplies, [{"item_code": "_Test Item", "qty": 1}]
		)
		# approval fields cannot be forged on the request itself
		name = pickup.request_supplies([{"item_code": self.item, "qty": 1}])["name"]
		frappe.set_user("Administrator")
		mr = frappe.get_doc("Material Request", name)
		mr.department_approved_by = self.staff
		self.assertRaises(frappe.PermissionError, mr.save)
