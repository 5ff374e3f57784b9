# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

"""A disposal (报废) or loss write-off (盘亏) of Assets: requested, approved by the Office Manager, then
scrapped through ERPNext's own ``scrap_asset`` (AS-1, AS-3). ERPNext has no approval before scrapping —
its whitelisted ``scrap_asset`` may be called by anyone who reaches it — so the app replaces that
endpoint (hooks ``override_whitelisted_methods``) with one that scraps only assets of an approved
disposal. Once requested the assets listed are frozen: only the actions in campus_assets/api.py change
the record."""

import frappe
from frappe import _
from frappe.model.document import Document

OPEN = ("Requested", "Approved")


class AssetDisposal(Document):
	def before_validate(self):
		if self.flags.in_insert:
			self.requested_by = frappe.session.user
			self.status = "Requested"
			# the rows' scrapped / journal entry sent by a client: reset by utils.child_permlevels

	def validate(self):
		if not self.is_new() and not self.flags.campus_assets_action:
			frappe.throw(_("A disposal request is changed only by its approval."), frappe.PermissionError)
		if self.is_new():
			self.validate_assets()

	def validate_assets(self):
		names = [r.asset for r in self.items]
		if not names:
			frappe.throw(_("List the assets to dispose of."))
		if len(set(names)) != len(names):
			frappe.throw(_("An asset is listed twice."))
		stored = {
			a.name: a
			for a in frappe.get_all(
				"Asset",
				filters={"name": ("in", names)},
				fields=["name", "docstatus", "status", "department"],
			)
		}
		for row in self.items:
			a = stored.get(row.asset)
			if not a or a.docstatus != 1 or a.status in ("Scrapped", "Sold", "Cancelled", "Capitalized"):
				frappe.throw(_("Row {0}: only a submitted asset in use can be disposed of.").format(row.idx))
			row.department = a.department
			if not self.flags.ignore_permissions and not frappe.has_permission("Asset", "write", row.asset):
				frappe.throw(
					_("Row {0}: you may request the disposal only of assets you manage.").format(row.idx),
					frappe.PermissionError,
				)
		busy = frappe.db.sql_list(
			"""select i.asset from `tabAsset Disposal Item` i join `tabAsset Disposal` d on d.name = i.parent
			where d.status in %(open)s and i.asset in %(names)s and d.name != %(me)s""",
			{"open": OPEN, "names": names, "me": self.name or ""},
		)
		if busy:
			frappe.throw(_("Asset {0} already has an open disposal request.").format(busy[0]))
