"""AS-2 and AS-3: labels (QR of the scan URL, PDF sheet), scanning from a phone (last seen, stocktake line),
the stocktake from plan to reconciliation (movements, repairs, loss review, surplus drafts) and sign-off."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from school_office.campus_assets import api, labels, stocktake
from school_office.campus_assets.tests.helpers import (
	AA,
	AA2,
	KEEPER,
	LOC_A,
	LOC_B,
	LOC_C,
	OM,
	STAFF,
	make_asset,
	setup_world,
)

test_ignore = ["Asset", "Location", "Department", "Employee", "Item"]


class TestLabelsAndScan(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.ctx = setup_world()

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_label_encodes_the_scan_url_and_renders_a_pdf_sheet(self):
		a = make_asset(self.ctx, "CA Label <Printer>")
		frappe.set_user(AA)
		d = labels.label_data(a.name)
		self.assertEqual(d["url"], frappe.utils.get_url(f"/asset-scan?asset={a.name}"))
		self.assertTrue(d["qr_uri"].startswith("data:image/png;base64,"))
		self.assertIn("&lt;Printer&gt;", d["name_html"])
		html = labels.sheet_html([a.name, a.name])
		self.assertEqual(html.count('class="ca-label"'), 2)
		labels.label_sheet(frappe.as_json([a.name]))
		self.assertEqual(frappe.local.response.type, "pdf")
		self.assertTrue(frappe.local.response.filecontent.startswith(b"%PDF"))
		pf = frappe.get_doc("Print Format", "Asset Label")
		self.assertEqual(pf.doc_type, "Asset")
		out = frappe.get_print("Asset", a.name, print_format="Asset Label")
		self.assertIn(d["number_html"], out)

	def test_label_of_an_asset_one_may_not_read_is_refused(self):
		other = make_asset(self.ctx, "CA Label Foreign", dept=self.ctx.dept_b)
		frappe.set_user(AA)
		self.assertRaises(frappe.PermissionError, labels.label_data, other.name)
		self.assertRaises(frappe.PermissionError, labels.label_sheet, frappe.as_json([other.name]))

	def test_scan_records_last_seen(self):
		a = make_asset(self.ctx, "CA Scan Me", custodian=self.ctx.keeper_emp)
		frappe.set_user(KEEPER)
		out = api.record_scan(a.name, LOC_B)
		self.assertEqual(out["stocktake"], [])
		frappe.set_user("Administrator")
		seen = frappe.db.get_value("Asset", a.name, ["last_seen_by", "last_seen_location"], as_dict=True)
		self.assertEqual((seen.last_seen_by, seen.last_seen_location), (KEEPER, LOC_B))
		# one who may not read the asset may not scan it
		frappe.set_user(AA2)
		self.assertRaises(frappe.PermissionError, api.record_scan, a.name, LOC_C)


class TestStocktake(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.ctx = setup_world()
		frappe.set_user("Administrator")
		# retire earlier test assets of these departments so the scope is exactly what this test registers
		frappe.db.sql(
			"update `tabAsset` set status='Scrapped' where department in %s and asset_name like 'CA %%'",
			((cls.ctx.dept_a, cls.ctx.dept_b),),
		)
		cls.assets = [
			make_asset(
				cls.ctx, f"CA Stock {i}", dept=cls.ctx.dept_a if i < 6 else cls.ctx.dept_b, location=LOC_A
			)
			for i in range(10)
		]

	def tearDown(self):
		frappe.set_user("Administrator")

	def plan(self, kind="Annual"):
		frappe.set_user(OM)
		return frappe.get_doc(
			{
				"doctype": "Asset Stocktake",
				"title": f"CA {kind}",
				"stocktake_type": kind,
				"company": self.ctx.company,
				"planned_on": today(),
				"due_by": add_days(today(), 14),
				"status": "Completed",
				"departments": [{"department": self.ctx.dept_a}, {"department": self.ctx.dept_b}],
			}
		).insert()

	def test_full_stocktake_reconciles_into_erpnext_documents(self):
		st = self.plan()
		self.assertEqual(st.status, "Draft")
		frappe.set_user(AA)
		self.assertRaises(frappe.PermissionError, stocktake.start_stocktake, st.name)
		frappe.set_user(OM)
		self.assertEqual(stocktake.start_stocktake(st.name)["lines"], 10)
		a = [x.name for x in self.assets]
		# dept A's administrator scans their part; dept B's administrator theirs
		frappe.set_user(AA)
		self.assertEqual(api.record_scan(a[0], LOC_A)["stocktake"][0]["result"], "Found")
		self.assertEqual(api.record_scan(a[1], LOC_C)["stocktake"][0]["result"], "Found Elsewhere")
		self.assertEqual(
			api.record_scan(a[2], LOC_A, "Damaged", "Cracked case")["stocktake"][0]["result"], "Damaged"
		)
		api.record_scan(a[3], LOC_A)
		api.record_scan(a[4], LOC_A)
		# a[5] is not scanned: missing. A's administrator cannot mark B's line
		self.assertRaises(frappe.PermissionError, stocktake.mark_line, st.name, a[6], "Missing")
		stocktake.add_surplus(st.name, "Unlabelled desk", LOC_A)
		frappe.set_user(AA2)
		for n in a[6:]:
			api.record_scan(n, LOC_A)
		# nobody edits a started stocktake's form
		frappe.set_user(OM)
		doc = frappe.get_doc("Asset Stocktake", st.name)
		doc.title = "changed"
		self.assertRaises(frappe.PermissionError, doc.save)
		self.assertEqual(stocktake.reconcile_stocktake(st.name), "Reconciling")  # runs now under tests
		frappe.set_user("Administrator")
		st = frappe.get_doc("Asset Stocktake", st.name)
		self.assertEqual(
			(st.expected_count, st.found_count, st.elsewhere_count, st.missing_count, st.damaged_count),
			(10, 7, 1, 1, 1),
		)
		self.assertEqual(st.surplus_count, 1)
		self.assertEqual(st.progress, 100)
		self.assertAlmostEqual(st.loss_rate, 10.0)
		depts = {d.department: d for d in st.departments}
		self.assertEqual((depts[self.ctx.dept_a].expected, depts[self.ctx.dept_a].missing), (6, 1))
		self.assertAlmostEqual(depts[self.ctx.dept_a].loss_rate, 16.667, places=2)
		self.assertEqual(depts[self.ctx.dept_b].missing, 0)
		movement = frappe.get_all(
			"Asset Movement",
			filters={"reference_doctype": "Asset Stocktake", "reference_name": st.name},
			fields=["name", "docstatus"],
		)
		self.assertEqual(len(movement), 1)
		self.assertEqual(movement[0].docstatus, 0)
		rows = frappe.get_all(
			"Asset Movement Item", filters={"parent": movement[0].name}, fields=["asset", "target_location"]
		)
		self.assertEqual([(r.asset, r.target_location) for r in rows], [(a[1], LOC_C)])
		self.assertEqual(frappe.db.count("Asset Repair", {"asset": a[2], "docstatus": 0}), 1)
		review = frappe.get_doc("Asset Disposal", st.loss_review)
		self.assertEqual((review.disposal_type, review.status), ("Loss", "Requested"))
		self.assertEqual([r.asset for r in review.items], [a[5]])
		surplus = st.surplus[0]
		self.assertTrue(surplus.new_asset)
		self.assertEqual(frappe.db.get_value("Asset", surplus.new_asset, "docstatus"), 0)
		self.assertEqual(frappe.db.get_value("Asset", a[0], "last_seen_location"), LOC_A)
		# sign-off: each department's administrator, their own part only
		frappe.set_user(AA)
		self.assertRaises(frappe.PermissionError, stocktake.sign_off, st.name, self.ctx.dept_b)
		self.assertEqual(stocktake.sign_off(st.name, self.ctx.dept_a), "Reconciling")
		frappe.set_user(AA2)
		self.assertEqual(stocktake.sign_off(st.name, self.ctx.dept_b), "Completed")
		# the printable report lists the exceptions
		frappe.set_user(OM)
		html = frappe.get_print("Asset Stocktake", st.name, print_format="Asset Stocktake Report")
		self.assertIn(a[5], html)
		self.assertNotIn(f"<td>{a[0]}</td>", html)

	def test_spot_check_takes_a_share(self):
		st = self.plan("Quarterly Spot Check")
		out = stocktake.start_stocktake(st.name)
		self.assertEqual(out["lines"], 1)  # 10 % of 10

	def test_staff_cannot_start_or_scan_a_line(self):
		st = self.plan()
		frappe.set_user(STAFF)
		self.assertRaises(frappe.PermissionError, stocktake.start_stocktake, st.name)
		self.assertRaises(frappe.PermissionError, stocktake.reconcile_stocktake, st.name)
