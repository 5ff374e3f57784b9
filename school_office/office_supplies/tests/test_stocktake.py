"""SU-5: the variance report flags counts more than 3 % off the books; scrapping expired or damaged stock
is submitted only after the Office Manager's approval."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, nowdate

from school_office.office_supplies.report.stocktake_variance.stocktake_variance import execute
from school_office.office_supplies.stocktake import approve_scrap
from school_office.office_supplies.tests import fixtures as fx


class TestStocktake(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		from school_office.office_supplies.install import create_defaults

		create_defaults()
		cls.keeper = fx.make_user("stockkeeper", ["Stock User", "Stock Manager"])
		cls.manager = fx.make_user("stockmanager", ["Office Manager"])
		tag = frappe.generate_hash(length=5).upper()
		cls.off = fx.make_item(f"OST-S1-{tag}")
		cls.close = fx.make_item(f"OST-S2-{tag}")
		cls.scrap = fx.make_item(f"OST-S3-{tag}")
		cls.wh = fx.warehouse()
		for item in (cls.off, cls.close, cls.scrap):
			fx.stock_entry("Material Receipt", item, 100, add_days(nowdate(), -3))

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_variance_flagged_above_threshold(self):
		frappe.set_user(self.keeper)
		sr = frappe.get_doc(
			{
				"doctype": "Stock Reconciliation",
				"company": fx.company(),
				"purpose": "Stock Reconciliation",
				"posting_date": nowdate(),
				"items": [
					{"item_code": self.off, "warehouse": self.wh, "qty": 96, "valuation_rate": 5},
					{"item_code": self.close, "warehouse": self.wh, "qty": 98, "valuation_rate": 5},
				],
			}
		)
		sr.insert()
		sr.submit()
		_cols, rows = execute({"from_date": nowdate(), "to_date": nowdate(), "warehouse": self.wh})[:2]
		got = {
			r.item_code: (r.book_qty, r.counted_qty, r.variance_percent, r.flagged)
			for r in rows
			if r.reconciliation == sr.name
		}
		self.assertEqual(got[self.off], (100, 96, 4.0, 1))
		self.assertEqual(got[self.close], (100, 98, 2.0, 0))
		_cols, flagged = execute({"from_date": nowdate(), "to_date": nowdate(), "only_flagged": 1})[:2]
		names = {r.item_code for r in flagged if r.reconciliation == sr.name}
		self.assertEqual(names, {self.off})

	def test_scrap_needs_the_office_manager(self):
		frappe.set_user(self.keeper)
		se = frappe.get_doc(
			{
				"doctype": "Stock Entry",
				"stock_entry_type": "Material Issue",
				"purpose": "Material Issue",
				"company": fx.company(),
				"scrap_reason": "Expired",
				"items": [{"item_code": self.scrap, "qty": 2, "s_warehouse": self.wh}],
			}
		).insert()
		self.assertRaisesRegex(frappe.ValidationError, "approval", se.submit)
		se = frappe.get_doc("Stock Entry", se.name)
		se.scrap_approved_by = self.keeper
		self.assertRaises(frappe.PermissionError, se.save)
		self.assertRaises(frappe.PermissionError, approve_scrap, se.name)
		frappe.set_user(self.manager)
		approve_scrap(se.name)
		frappe.set_user(self.keeper)
		se = frappe.get_doc("Stock Entry", se.name)
		se.submit()
		self.assertEqual(
			frappe.db.get_value("Stock Entry", se.name, ["docstatus", "scrap_approved_by"]), (1, self.manager)
		)
		# an ordinary issue (no scrap reason) is not held up
		ordinary = frappe.get_doc(
			{
				"doctype": "Stock Entry",
				"stock_entry_type": "Material Issue",
				"purpose": "Material Issue",
				"company": fx.company(),
				"items": [{"item_code": self.scrap, "qty": 1, "s_warehouse": self.wh}],
			}
		).insert()
		ordinary.submit()
		self.assertEqual(ordinary.docstatus, 1)
