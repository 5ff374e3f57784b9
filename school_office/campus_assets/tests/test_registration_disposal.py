"""AS-1: registration with the school number, who sees which asset, transfer approved by both heads,
disposal approved by the Office Manager before ERPNext scraps (and the scrap endpoint guarded)."""

import re

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from school_office.campus_assets import api
from school_office.campus_assets.tests.helpers import (
	AA,
	AA2,
	DH_A,
	DH_B,
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


class TestRegistration(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.ctx = setup_world()

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_registered_from_classification_with_number_item_and_administrator(self):
		frappe.set_user(AA)
		a = make_asset(self.ctx, "CA Reg Printer", school_asset_number="FORGED-1", last_seen_by=OM)
		self.assertEqual(a.item_code, "GBT-2010601")
		self.assertEqual(a.asset_category, "School IT Equipment")
		year = getdate(a.purchase_date).year
		self.assertRegex(a.school_asset_number, rf"^2010601-{year}-\d{{5}}$")
		self.assertEqual(a.asset_administrator, AA)
		self.assertIsNone(frappe.db.get_value("Asset", a.name, "last_seen_by"))
		b = make_asset(self.ctx, "CA Reg Printer 2")
		n1 = int(a.school_asset_number.rsplit("-", 1)[1])
		n2 = int(b.school_asset_number.rsplit("-", 1)[1])
		self.assertEqual(n2, n1 + 1)

	def test_number_cannot_be_changed_after_submission(self):
		a = make_asset(self.ctx, "CA Fixed Number")
		frappe.set_user(AA)
		doc = frappe.get_doc("Asset", a.name)
		doc.school_asset_number = "OTHER-0001"
		self.assertRaises(frappe.ValidationError, doc.save)
		self.assertEqual(frappe.db.get_value("Asset", a.name, "school_asset_number"), a.school_asset_number)

	def test_group_classification_refused(self):
		self.assertRaises(frappe.ValidationError, make_asset, self.ctx, "CA Group", "201")

	def test_administrator_manages_only_their_department(self):
		mine = make_asset(self.ctx, "CA Mine")
		theirs = make_asset(self.ctx, "CA Theirs", dept=self.ctx.dept_b)
		frappe.set_user(AA)
		self.assertTrue(frappe.has_permission("Asset", "write", mine.name))
		self.assertFalse(frappe.has_permission("Asset", "read", theirs.name))
		names = frappe.get_list("Asset", pluck="name", limit_page_length=0)
		self.assertIn(mine.name, names)
		self.assertNotIn(theirs.name, names)
		self.assertRaises(
			frappe.PermissionError, make_asset, self.ctx, "CA Not Mine", dept=self.ctx.dept_b, submit=False
		)

	def test_custodian_reads_only_their_assets(self):
		kept = make_asset(self.ctx, "CA Kept", custodian=self.ctx.keeper_emp)
		other = make_asset(self.ctx, "CA Other")
		frappe.set_user(KEEPER)
		self.assertTrue(frappe.has_permission("Asset", "read", kept.name))
		self.assertFalse(frappe.has_permission("Asset", "write", kept.name))
		self.assertFalse(frappe.has_permission("Asset", "read", other.name))
		self.assertEqual(
			frappe.get_list("Asset", filters={"name": ("in", [kept.name, other.name])}, pluck="name"),
			[kept.name],
		)

	def test_department_head_reads_their_department(self):
		a = make_asset(self.ctx, "CA Head Reads")
		frappe.set_user(DH_A)
		self.assertTrue(frappe.has_permission("Asset", "read", a.name))
		frappe.set_user(DH_B)
		self.assertFalse(frappe.has_permission("Asset", "read", a.name))


class TestDisposal(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.ctx = setup_world()

	def tearDown(self):
		frappe.set_user("Administrator")

	def guarded(self, method):
		path = frappe.get_hooks("override_whitelisted_methods")[method][-1]
		return frappe.get_attr(path)

	def test_scrap_endpoint_is_overridden(self):
		hooks = frappe.get_hooks("override_whitelisted_methods")
		self.assertEqual(
			hooks["erpnext.assets.doctype.asset.depreciation.scrap_asset"][-1],
			"school_office.campus_assets.api.scrap_asset",
		)

	def test_nobody_scraps_without_approval(self):
		a = make_asset(self.ctx, "CA No Scrap")
		scrap = self.guarded("erpnext.assets.doctype.asset.depreciation.scrap_asset")
		for user in (STAFF, AA, OM):
			frappe.set_user(user)
			self.assertRaises(frappe.PermissionError, scrap, a.name)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Asset", a.name, "status"), "Submitted")

	def test_disposal_requested_approved_then_scrapped_through_erpnext(self):
		a = make_asset(self.ctx, "CA Old Printer")
		frappe.set_user(AA)
		d = frappe.get_doc(
			{
				"doctype": "Asset Disposal",
				"disposal_type": "Scrap",
				"reason": "Broken beyond repair",
				"status": "Approved",
				"approved_by": AA,
				"items": [{"asset": a.name}],
			}
		).insert()
		self.assertEqual(d.status, "Requested")
		self.assertFalse(d.approved_by)
		# the requester may not approve, and the scrap waits for the approval
		self.assertRaises(frappe.PermissionError, api.approve_disposal, d.name)
		self.assertRaises(frappe.ValidationError, api.scrap_disposal, d.name)
		# nor change the request afterwards
		doc = frappe.get_doc("Asset Disposal", d.name)
		doc.reason = "changed"
		self.assertRaises(frappe.PermissionError, doc.save)
		frappe.set_user(OM)
		self.assertEqual(api.approve_disposal(d.name), "Approved")
		frappe.set_user(AA)
		self.assertEqual(api.scrap_disposal(d.name), "Scrapped")
		frappe.set_user("Administrator")
		asset = frappe.get_doc("Asset", a.name)
		self.assertEqual(asset.status, "Scrapped")
		self.assertTrue(asset.journal_entry_for_scrap)
		row = frappe.get_doc("Asset Disposal", d.name).items[0]
		self.assertTrue(row.scrapped)
		self.assertEqual(row.journal_entry, asset.journal_entry_for_scrap)

	def test_desk_scrap_button_works_once_approved(self):
		a = make_asset(self.ctx, "CA Desk Scrap")
		frappe.set_user(AA)
		d = frappe.get_doc(
			{"doctype": "Asset Disposal", "reason": "Obsolete", "items": [{"asset": a.name}]}
		).insert()
		frappe.set_user(OM)
		api.approve_disposal(d.name)
		self.guarded("erpnext.assets.doctype.asset.depreciation.scrap_asset")(a.name)
		self.assertEqual(frappe.db.get_value("Asset", a.name, "status"), "Scrapped")
		self.assertEqual(frappe.db.get_value("Asset Disposal", d.name, "status"), "Scrapped")
		# restoring is the Office Manager's alone
		frappe.set_user(AA)
		self.assertRaises(
			frappe.PermissionError,
			self.guarded("erpnext.assets.doctype.asset.depreciation.restore_asset"),
			a.name,
		)

	def test_other_department_cannot_request_disposal(self):
		a = make_asset(self.ctx, "CA Foreign", dept=self.ctx.dept_b)
		frappe.set_user(AA)
		self.assertRaises(
			frappe.PermissionError,
			frappe.get_doc({"doctype": "Asset Disposal", "reason": "x", "items": [{"asset": a.name}]}).insert,
		)


class TestTransfer(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.ctx = setup_world()

	def tearDown(self):
		frappe.set_user("Administrator")

	def request(self, asset):
		frappe.set_user(AA)
		return frappe.get_doc(
			{
				"doctype": "Asset Transfer",
				"asset": asset,
				"to_department": self.ctx.dept_b,
				"to_location": LOC_B,
				"reason": "Moved to the other office",
				"status": "Approved",
				"target_approved_by": AA,
			}
		).insert()

	def test_both_heads_approve_then_erpnext_moves_the_asset(self):
		a = make_asset(self.ctx, "CA Transfer Me", location=LOC_A)
		t = self.request(a.name)
		self.assertEqual(t.status, "Pending Source Approval")
		self.assertFalse(t.target_approved_by)
		self.assertEqual(t.from_department, self.ctx.dept_a)
		movement = frappe.get_doc("Asset Movement", t.asset_movement)
		self.assertEqual(movement.docstatus, 0)
		# the movement cannot be submitted past the approvals, not even by the Office Manager
		frappe.set_user(OM)
		self.assertRaises(frappe.PermissionError, frappe.get_doc("Asset Movement", movement.name).submit)
		# the target's head may not approve the source's step; a requester cannot either
		frappe.set_user(DH_B)
		self.assertRaises(frappe.PermissionError, api.approve_transfer, t.name)
		frappe.set_user(AA)
		self.assertRaises(frappe.PermissionError, api.approve_transfer, t.name)
		# the asset administrator edits the draft movement to send the asset elsewhere: not what is approved
		frappe.set_user(AA)
		m = frappe.get_doc("Asset Movement", movement.name)
		m.assets[0].target_location = LOC_C
		m.save()
		frappe.set_user(DH_A)
		self.assertEqual(api.approve_transfer(t.name), "Pending Target Approval")
		self.assertRaises(frappe.PermissionError, api.approve_transfer, t.name)
		frappe.set_user(DH_B)
		self.assertEqual(api.approve_transfer(t.name), "Approved")
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Asset Movement", movement.name, "docstatus"), 1)
		asset = frappe.db.get_value(
			"Asset", a.name, ["location", "department", "asset_administrator"], as_dict=True
		)
		self.assertEqual((asset.location, asset.department), (LOC_B, self.ctx.dept_b))
		self.assertEqual(asset.asset_administrator, AA2)
		activity = frappe.get_all("Asset Activity", filters={"asset": a.name}, pluck="subject")
		self.assertTrue(any(t.name in (s or "") for s in activity))

	def test_rejection_needs_a_reason_and_drops_the_draft_movement(self):
		a = make_asset(self.ctx, "CA Transfer No", location=LOC_A)
		t = self.request(a.name)
		frappe.set_user(DH_A)
		self.assertRaises(frappe.ValidationError, api.reject_transfer, t.name, "")
		self.assertEqual(api.reject_transfer(t.name, "Still needed here"), "Rejected")
		self.assertFalse(frappe.db.exists("Asset Movement", t.asset_movement))
		self.assertEqual(frappe.db.get_value("Asset", a.name, "location"), LOC_A)

	def test_transfer_cannot_be_edited_after_request(self):
		a = make_asset(self.ctx, "CA Transfer Edit", location=LOC_A)
		t = self.request(a.name)
		doc = frappe.get_doc("Asset Transfer", t.name)
		doc.to_location = LOC_A
		self.assertRaises(frappe.PermissionError, doc.save)
		self.assertTrue(re.match(r"^AST-", t.name))
