# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

"""A transfer (调拨) of an Asset between departments / locations, approved by the head of the department it
leaves and then of the one it joins (AS-1). ERPNext's Asset Movement is the record: it is created as a
draft with the request and submitted by the system on the last approval; ERPNext then moves the asset's
location and custodian. The actions are in campus_assets/api.py; the stored request is changed only by
them (every field the system or an approval sets is at permlevel 1)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime


class AssetTransfer(Document):
	def before_validate(self):
		if self.flags.in_insert:
			asset = frappe.db.get_value(
				"Asset",
				self.asset,
				["department", "location", "custodian", "docstatus", "status"],
				as_dict=True,
			)
			if not asset:
				frappe.throw(_("Asset {0} does not exist.").format(self.asset))
			self.requested_by = frappe.session.user
			self.from_department = asset.department
			self.from_location = asset.location
			self.from_custodian = asset.custodian
			self.status = "Pending Source Approval" if asset.department else "Pending Target Approval"

	def validate(self):
		if not self.is_new() and not self.flags.campus_assets_action:
			frappe.throw(_("A transfer is changed only by its approvals."), frappe.PermissionError)
		if self.is_new():
			self.validate_request()

	def validate_request(self):
		asset = frappe.db.get_value("Asset", self.asset, ["docstatus", "status"], as_dict=True)
		if asset.docstatus != 1 or asset.status in ("Scrapped", "Sold", "Cancelled", "Capitalized"):
			frappe.throw(_("Only a submitted asset in use can be transferred."))
		if not self.flags.ignore_permissions and not frappe.has_permission("Asset", "write", self.asset):
			frappe.throw(_("You may request transfers only of assets you manage."), frappe.PermissionError)
		if self.to_department == self.from_department and self.to_location == self.from_location:
			frappe.throw(_("The transfer moves the asset nowhere: choose another department or location."))
		if self.to_location == self.from_location:
			frappe.throw(_("Choose the location the asset moves to."))
		if frappe.db.exists(
			"Asset Transfer",
			{
				"asset": self.asset,
				"status": ("in", ("Pending Source Approval", "Pending Target Approval")),
				"name": ("!=", self.name),
			},
		):
			frappe.throw(_("Asset {0} already has a transfer waiting for approval.").format(self.asset))

	def after_insert(self):
		company = frappe.db.get_value("Asset", self.asset, "company")
		movement = frappe.get_doc(
			{
				"doctype": "Asset Movement",
				"company": company,
				"purpose": "Transfer",
				"transaction_date": now_datetime(),
				"reference_doctype": self.doctype,
				"reference_name": self.name,
				"assets": [
					{
						"asset": self.asset,
						"source_location": self.from_location,
						"target_location": self.to_location,
						"from_employee": self.from_custodian,
						"to_employee": self.to_custodian,
					}
				],
			}
		)
		movement.flags.ignore_permissions = True
		movement.insert()
		self.db_set("asset_movement", movement.name, update_modified=False)
