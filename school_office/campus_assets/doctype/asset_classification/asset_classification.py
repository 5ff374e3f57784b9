# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

"""Asset Classification: the tree of GB/T 14885 codes (固定资产等资产基础分类与代码), each mapped to an
ERPNext Asset Category. ERPNext's Asset Category is flat and carries accounts; the national classification
is a coded tree the school's asset numbers and reports use, so it is its own tree here."""

import frappe
from frappe import _
from frappe.utils.nestedset import NestedSet


class AssetClassification(NestedSet):
	nsm_parent_field = "parent_asset_classification"

	def validate(self):
		self.code = (self.code or "").strip()
		if not self.code.isalnum():
			frappe.throw(_("The classification code may contain only letters and digits."))
		if self.parent_asset_classification and not self.code.startswith(
			frappe.db.get_value("Asset Classification", self.parent_asset_classification, "code") or ""
		):
			frappe.throw(_("A classification's code starts with its parent's code."))
