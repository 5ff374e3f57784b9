# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

"""Asset Stocktake (AS-3): the plan and, once started, its lines. ERPNext has no asset stocktake; the
actions and the reconciliation are in campus_assets/stocktake.py. Once started, the record changes only
through those actions (its lines, results and rates are at permlevel 1)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate


class AssetStocktake(Document):
	def before_validate(self):
		if self.flags.in_insert:
			self.status = "Draft"
			self.lines = []
			self.surplus = []
		if not self.flags.campus_assets_action:
			# a child row's permlevel fields from the client are not reset by Frappe: the system's are cleared;
			# a plan has no lines or surplus until it starts (they are written by the actions, not by saves)
			if (frappe.db.get_value(self.doctype, self.name, "status") or "Draft") == "Draft":
				self.lines = []
				self.surplus = []
			for d in self.departments:
				for f in (
					"asset_administrator",
					"expected",
					"missing",
					"loss_rate",
					"signed_off_by",
					"signed_off_on",
				):
					d.set(f, None)

	def validate(self):
		if not self.is_new() and not self.flags.campus_assets_action:
			stored = frappe.db.get_value(self.doctype, self.name, "status")
			if stored != "Draft":
				frappe.throw(
					_(
						"A started stocktake changes only through its actions (scans, reconciliation, sign-off)."
					),
					frappe.PermissionError,
				)
		if self.planned_on and self.due_by and getdate(self.due_by) < getdate(self.planned_on):
			frappe.throw(_("The stocktake is due before it is planned."))
		seen = set()
		for d in self.departments:
			if d.department in seen:
				frappe.throw(_("Department {0} is listed twice.").format(d.department))
			seen.add(d.department)

	def onload(self):
		pending = frappe.db.count(
			"Asset Stocktake Line", {"parent": self.name, "parenttype": self.doctype, "result": "Pending"}
		)
		self.set_onload("pending_lines", pending)
