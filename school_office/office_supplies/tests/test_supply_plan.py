"""SU-1: departments' demand + Stock Ledger history + buffer − stock on hand → one Material Request and an RFQ,
approved by the Office Manager; each step acted by its role."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months, getdate, nowdate

from school_office.core.supplies import quarter_bounds
from school_office.office_supplies.tests import fixtures as fx


def next_quarter():
	today = getdate(nowdate())
	q = (today.month - 1) // 3 + 1
	return f"{today.year + (q == 4)}-Q{1 if q == 4 else q + 1}"


class TestSupplyPlan(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		from school_office.office_supplies.install import create_defaults

		create_defaults()
		cls.company = fx.company()
		cls.wh = fx.warehouse(cls.company)
		cls.staff = fx.make_user("planstaff", ["Office Staff"])
		cls.manager = fx.make_user("planmanager", ["Office Manager"])
		cls.dept = fx.make_department("OS Test Teaching")
		tag = frappe.generate_hash(length=5).upper()
		cls.a = fx.make_item(f"OST-A-{tag}")
		cls.b = fx.make_item(f"OST-B-{tag}")
		cls.period = next_quarter()
		start, _end = quarter_bounds(cls.period)
		past = add_days(nowdate(), -30)
		# A: 120 received, 100 consumed in the history window -> 20 on hand, 25 per quarter
		fx.stock_entry("Material Receipt", cls.a, 120, add_days(past, -5))
		fx.stock_entry("Material Issue", cls.a, 60, past)
		fx.stock_entry("Material Issue", cls.a, 40, add_days(past, 2))
		# consumption older than the window does not count
		fx.stock_entry("Material Receipt", cls.a, 500, add_months(start, -20))
		fx.stock_entry("Material Issue", cls.a, 500, add_days(add_months(start, -20), 1))
		# B: a department asks for 50 in the quarter, nothing in stock
		cls.mr_b = fx.purchase_request(cls.b, 50, add_days(start, 10), cls.dept)
		cls.supplier = fx.make_supplier("OS Test Supplier One")

	def tearDown(self):
		frappe.set_user("Administrator")

	def new_plan(self):
		frappe.set_user(self.staff)
		plan = frappe.get_doc(
			{
				"doctype": "Supply Plan",
				"period": self.period.lower().replace("-", " - "),
				"company": self.company,
				"warehouse": self.wh,
				"buffer_percent": 15,
				"suppliers": [{"supplier": self.supplier}],
			}
		).insert()
		return plan

	def lines(self, plan):
		return {r.item_code: r for r in frappe.get_doc("Supply Plan", plan.name).lines}

	def test_compute_approve_makes_request_and_rfq(self):
		plan = self.new_plan()
		self.assertEqual(plan.period, self.period)
		self.assertEqual(plan.status, "Draft")
		plan.compute()
		lines = self.lines(plan)
		a, b = lines[self.a], lines[self.b]
		# A: history 100/4 = 25, buffer ceil(3.75) = 4, on hand 20 -> 9
		self.assertEqual((a.history_consumption, a.buffer_qty, a.on_hand, a.proposed_qty), (25, 4, 20, 9))
		# B: demand 50, buffer ceil(7.5) = 8 -> 58
		self.assertEqual((b.department_demand, b.buffer_qty, b.on_hand, b.proposed_qty), (50, 8, 0, 58))
		self.assertIn(self.mr_b.name, frappe.db.get_value("Supply Plan", plan.name, "demand_requests"))

		plan = frappe.get_doc("Supply Plan", plan.name)
		plan.submit_for_approval()
		self.assertEqual(frappe.db.get_value("Supply Plan", plan.name, "status"), "Pending Approval")
		# staff cannot approve
		self.assertRaises(frappe.PermissionError, frappe.get_doc("Supply Plan", plan.name).approve)

		frappe.set_user(self.manager)
		frappe.get_doc("Supply Plan", plan.name).approve()
		stored = frappe.get_doc("Supply Plan", plan.name)
		self.assertEqual(stored.status, "Approved")
		self.assertEqual(stored.approved_by, self.manager)
		mr = frappe.get_doc("Material Request", stored.material_request)
		self.assertEqual(mr.docstatus, 1)
		self.assertEqual(mr.material_request_type, "Purchase")
		qty = {r.item_code: r.qty for r in mr.items}
		self.assertEqual((qty[self.a], qty[self.b]), (9, 58))
		rfq = frappe.get_doc("Request for Quotation", stored.request_for_quotation)
		self.assertEqual([s.supplier for s in rfq.suppliers], [self.supplier])
		self.assertEqual({r.item_code for r in rfq.items} >= {self.a, self.b}, True)
		# the department's request is gathered: the next plan does not count it again
		self.assertEqual(frappe.db.get_value("Material Request", self.mr_b.name, "supply_plan"), plan.name)

	def test_approved_plan_is_frozen_and_status_not_forged(self):
		plan = self.new_plan()
		plan.compute()
		plan = frappe.get_doc("Supply Plan", plan.name)
		plan.status = "Approved"  # permlevel 1: dropped
		plan.save()
		self.assertEqual(frappe.db.get_value("Supply Plan", plan.name, "status"), "Draft")
		plan = frappe.get_doc("Supply Plan", plan.name)
		plan.submit_for_approval()
		plan = frappe.get_doc("Supply Plan", plan.name)
		plan.lines[0].final_qty = 9999
		self.assertRaises(frappe.ValidationError, plan.save)

	def test_bad_period_refused(self):
		frappe.set_user(self.staff)
		doc = frappe.get_doc(
			{"doctype": "Supply Plan", "period": "2027-05", "company": self.company, "warehouse": self.wh}
		)
		self.assertRaises(frappe.ValidationError, doc.insert)

	def test_grouped_and_per_item_history_agree(self):
		from school_office.core.supplies import history_window
		from school_office.office_supplies.plan import history_grouped, history_per_item

		start, _end = quarter_bounds(self.period)
		h_from, h_to = history_window(start, 4)
		items = [self.a, self.b]
		grouped = history_grouped(self.wh, items, h_from, h_to)
		self.assertEqual(grouped, {self.a: 100.0})
		self.assertEqual(history_per_item(self.wh, items, h_from, h_to), grouped)
