"""SU-2: a Purchase Order of office supplies is submitted only with three valid quotations compared (and the
ordered supplier's quote meeting the criteria), or with the Office Manager's exception recorded on it."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, nowdate

from school_office.office_supplies.quotes import grant_quote_exception, quote_comparison
from school_office.office_supplies.tests import fixtures as fx


class TestThreeQuotes(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		from school_office.office_supplies.install import create_defaults

		create_defaults()
		cls.company = fx.company()
		cls.buyer = fx.make_user("buyer", ["Purchase User", "Purchase Manager"])
		cls.manager = fx.make_user("quotemanager", ["Office Manager"])
		cls.staff = fx.make_user("quotestaff", ["Office Staff", "Purchase User"])
		tag = frappe.generate_hash(length=5).upper()
		cls.item = fx.make_item(f"OST-Q-{tag}")
		cls.other = fx.make_item(
			f"OST-NOTSUPPLY-{tag}",
			group="Products" if frappe.db.exists("Item Group", "Products") else "All Item Groups",
		)
		cls.s1, cls.s2, cls.s3 = (fx.make_supplier(f"OS Quote Supplier {i}") for i in (1, 2, 3))

	def tearDown(self):
		frappe.set_user("Administrator")

	def po(self, supplier, item=None, **extra):
		frappe.set_user(self.buyer)
		doc = frappe.get_doc(
			{
				"doctype": "Purchase Order",
				"supplier": supplier,
				"company": self.company,
				"transaction_date": nowdate(),
				"schedule_date": add_days(nowdate(), 7),
				"items": [
					{
						"item_code": item or self.item,
						"qty": 10,
						"rate": 4,
						"warehouse": fx.warehouse(self.company),
						"schedule_date": add_days(nowdate(), 7),
					}
				],
				**extra,
			}
		)
		doc.insert()
		return doc

	def test_rule(self):
		# no quotation: the draft saves (the exception is asked for on it), submitting is refused
		order = self.po(self.s1)
		self.assertRaisesRegex(frappe.ValidationError, "at least 3", order.submit)
		frappe.set_user("Administrator")
		fx.supplier_quotation(self.s1, self.item, 4, sample=1, warranty=3)
		fx.supplier_quotation(self.s2, self.item, 3.5, sample=1, warranty=5)
		order = self.po(self.s1)
		self.assertRaisesRegex(frappe.ValidationError, "only 2", order.submit)
		frappe.set_user("Administrator")
		fx.supplier_quotation(self.s3, self.item, 3, sample=0, warranty=1)
		# three quotes, but the ordered supplier's fails the criteria (no sample, 1 year)
		order = self.po(self.s3)
		self.assertRaisesRegex(frappe.ValidationError, "criteria", order.submit)
		# three quotes and a qualifying one: submitted
		order = self.po(self.s2)
		order.submit()
		self.assertEqual(frappe.db.get_value("Purchase Order", order.name, "docstatus"), 1)
		# side by side: qualifying quotes first, then by price
		frappe.set_user(self.buyer)
		ranked = [q["supplier"] for q in quote_comparison(self.item, self.company)]
		self.assertEqual(ranked, [self.s2, self.s1, self.s3])

	def test_items_outside_the_supplies_are_not_ruled(self):
		order = self.po(self.s1, item=self.other)
		order.submit()
		self.assertEqual(order.docstatus, 1)

	def test_exception_only_by_the_office_manager(self):
		order = self.po(self.s1)
		# the buyer cannot forge the exception on the order
		order = frappe.get_doc("Purchase Order", order.name)
		order.quote_exception = 1
		order.quote_exception_reason = "urgent"
		self.assertRaises(frappe.PermissionError, order.save)
		self.assertRaises(
			frappe.PermissionError,
			self.po,
			self.s1,
			quote_exception=1,
			quote_exception_reason="x",
			quote_exception_by=self.manager,
		)
		# nor grant it through the action (Office Staff without the manager role either)
		self.assertRaises(frappe.PermissionError, grant_quote_exception, order.name, "urgent")
		frappe.set_user(self.staff)
		self.assertRaises(frappe.PermissionError, grant_quote_exception, order.name, "urgent")
		# the Office Manager grants it with a reason; it is recorded on the order
		frappe.set_user(self.manager)
		self.assertRaises(frappe.ValidationError, grant_quote_exception, order.name, "  ")
		grant_quote_exception(order.name, "Sole supplier of the exam paper")
		stored = frappe.db.get_value(
			"Purchase Order", order.name, ["quote_exception", "quote_exception_reason", "quote_exception_by"]
		)
		self.assertEqual(stored, (1, "Sole supplier of the exam paper", self.manager))
		frappe.set_user(self.buyer)
		order = frappe.get_doc("Purchase Order", order.name)
		order.submit()
		self.assertEqual(frappe.db.get_value("Purchase Order", order.name, "docstatus"), 1)
		# no exception on a submitted order
		frappe.set_user(self.manager)
		self.assertRaises(frappe.ValidationError, grant_quote_exception, order.name, "again")
