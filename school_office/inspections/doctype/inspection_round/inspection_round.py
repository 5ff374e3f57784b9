# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""An inspection round (IN-1): a daily patrol or a monthly joint inspection of an area.

The inspector (the user who creates it; nobody can set another) records a result per checklist item of
the template and the findings (photo, severity, responsible department or contractor, deadline). A
failed item without a finding gets one. Submitting hands the round in: each finding becomes a
rectification Service Request (IN-2, see school_office.inspections.rectification).
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

SYSTEM_FINDING_FIELDS = (
	"rectification",
	"rectification_status",
	"rectified_on",
	"is_late",
	"verified_by",
	"verified_on",
)
INSPECTOR_ROLES = ("Office Manager", "Office Staff", "Maintenance Technician", "System Manager")


class InspectionRound(Document):
	def before_validate(self):
		if self.flags.in_insert or self.is_new():
			self.inspector = frappe.session.user
			self.apply_template()

	def apply_template(self):
		if not self.template:
			return
		tpl = frappe.get_cached_doc("Inspection Template", self.template)
		if tpl.disabled:
			frappe.throw(_("The template {0} is disabled.").format(tpl.name), title=_("Template Disabled"))
		self.round_type = self.round_type or tpl.round_type
		self.area = self.area or tpl.area
		self.location = self.location or tpl.location
		given = {(r.item or "").strip(): r for r in self.results}
		rows = []
		for item in tpl.items:
			r = given.get(item.item)
			rows.append({"item": item.item, "result": r.result if r else "", "note": r.note if r else ""})
		self.set("results", rows)

	def validate(self):
		from school_office.utils.actions import require_roles

		require_roles(INSPECTOR_ROLES, _("Only office staff and technicians record inspection rounds."))
		if self.template:
			allowed = {i.item for i in frappe.get_cached_doc("Inspection Template", self.template).items}
			for r in self.results:
				if r.item not in allowed:
					frappe.throw(
						_("Row {0}: {1} is not an item of the template {2}.").format(
							r.idx, r.item, self.template
						),
						title=_("Unknown Checklist Item"),
					)
		if self.docstatus == 0:
			for f in self.findings:  # set by the rectification, never by a client
				for fieldname in SYSTEM_FINDING_FIELDS:
					f.set(fieldname, None)
		self.add_findings_for_failed_items()
		self.set_due_dates()
		self.findings_count = len(self.findings)

	def add_findings_for_failed_items(self):
		covered = {(f.checklist_item or "").strip() for f in self.findings}
		for r in self.results:
			if r.result == "Fail" and r.item not in covered:
				self.append(
					"findings",
					{
						"checklist_item": r.item,
						"description": (r.note or "").strip() or r.item,
						"severity": "Minor",
					},
				)

	def set_due_dates(self):
		from school_office.inspections.rectification import default_due_by

		for f in self.findings:
			if not f.due_by:
				f.due_by = default_due_by(self.round_date, f.severity)
			elif getdate(f.due_by) < getdate(self.round_date):
				frappe.throw(
					_("Finding {0}: the deadline cannot be before the round's date.").format(f.idx),
					title=_("Invalid Deadline"),
				)

	def before_submit(self):
		if self.template and any(not r.result for r in self.results):
			missing = ", ".join(r.item for r in self.results if not r.result)
			frappe.throw(
				_("Give a result for every checklist item before handing the round in: {0}").format(missing),
				title=_("Checklist Incomplete"),
			)
		for f in self.findings:
			if not (f.responsible_department or f.contractor):
				frappe.throw(
					_("Finding {0}: name the responsible department or contractor.").format(f.idx),
					title=_("Responsible Missing"),
				)

	def on_submit(self):
		from school_office.inspections.rectification import create_rectifications

		create_rectifications(self)

	def before_cancel(self):
		if any(f.rectification for f in self.findings):
			frappe.throw(
				_(
					"This round's findings have rectification requests; close them instead of cancelling the round."
				),
				title=_("Cannot Cancel"),
			)
