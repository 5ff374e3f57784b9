"""SU-3: office supplies are inspected on receipt (quantity, specification, packaging); what does not conform
is received into the rejected warehouse with a reason."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import nowdate

from school_office.office_supplies.receiving import TEMPLATE
from school_office.office_supplies.tests import fixtures as fx


class TestReceiving(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		from school_office.office_supplies.install import create_defaults

		create_defaults()
		cls.keeper = fx.make_user(
			"receiver", ["Stock User", "Stock Manager", "Purchase User", "Quality Manager"]
		)
		cls.item = fx.make_item(f"OST-R-{frappe.generate_hash(length=5).upper()}")
		cls.supplier = fx.make_supplier("OS Receiving Supplier")
		cls.rejected = frappe.db.get_single_value("Office Supplies Settings", "rejected_warehouse")

	def tearDown(self):
		frappe.set_user("Administrator")

	def receipt(self, qty=10, rejected=0, reason=None):
		frappe.set_user(self.keeper)
		pr = frappe.get_doc(
			{
				"doctype": "Purchase Receipt",
				"supplier": self.supplier,
				"company": fx.company(),
				"posting_date": nowdate(),
				"items": [
					{
						"item_code": self.item,
						"qty": qty - rejected,
						"received_qty": qty,
						"rejected_qty": rejected,
						"rate": 5,
						"warehouse": fx.warehouse(),
						"rejection_reason": reason,
					}
				],
			}
		)
		pr.insert()
		return pr

	def inspect(self, pr, status="Accepted"):
		qi = frappe.get_doc(
			{
				"doctype": "Quality Inspection",
				"inspection_type": "Incoming",
				"reference_type": "Purchase Receipt",
				"reference_name": pr.name,
				"child_row_reference": pr.items[0].name,
				"item_code": self.item,
				"sample_size": 1,
				"inspected_by": self.keeper,
				"quality_inspection_template": TEMPLATE,
				"manual_inspection": 1,
				"status": status,
			}
		)
		qi.get_item_specification_details() if hasattr(qi, "get_item_specification_details") else None
		for r in qi.readings:
			r.manual_inspection = 1
			r.status = status
			r.reading_value = "OK" if status == "Accepted" else "Torn"
		qi.insert()
		qi.submit()
		return qi

	def test_new_supplies_need_inspection(self):
		self.assertEqual(
			frappe.db.get_value(
				"Item", self.item, ["inspection_required_before_purchase", "quality_inspection_template"]
			),
			(1, TEMPLATE),
		)
		params = {
			r.specification
			for r in frappe.get_doc("Quality Inspection Template", TEMPLATE).item_quality_inspection_parameter
		}
		self.assertEqual(params, {"Quantity", "Specification", "Packaging"})

	def test_receipt_needs_inspection_and_rejection_needs_reason(self):
		pr = self.receipt()
		self.assertRaises(frappe.ValidationError, frappe.get_doc("Purchase Receipt", pr.name).submit)
		self.assertRaisesRegex(frappe.ValidationError, "reason", self.receipt, 10, 2)
		pr = self.receipt(10, 2, "Two boxes crushed in transit")
		self.assertEqual(pr.items[0].rejected_warehouse, self.rejected)
		qi = self.inspect(pr)
		pr = frappe.get_doc("Purchase Receipt", pr.name)
		pr.items[0].quality_inspection = qi.name
		pr.submit()
		sle = dict(
			frappe.db.sql(
				"""select warehouse, sum(actual_qty) from `tabStock Ledger Entry`
				where voucher_no = %s and is_cancelled = 0 group by warehouse""",
				pr.name,
			)
		)
		self.assertEqual((sle[fx.warehouse()], sle[self.rejected]), (8, 2))
