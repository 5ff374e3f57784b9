# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""Supply Plan: a quarter's purchase of office supplies (SU-1). See school_office.office_supplies.plan."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from school_office.core.supplies import normalise_period, quarter_bounds
from school_office.utils.actions import doc_action, system_save

PLANNERS = ("Office Manager", "Office Staff")
CONTENT_FIELDS = ("period", "company", "warehouse", "buffer_percent")


class SupplyPlan(Document):
	def before_insert(self):
		self._normalise_period()

	def _normalise_period(self):
		try:
			self.period = normalise_period(self.period)
		except ValueError:
			frappe.throw(_("Period must be a quarter, e.g. 2027-Q1."))

	def before_validate(self):
		if self.flags.in_insert:
			self.status = "Draft"
			self.material_request = self.request_for_quotation = None
			self.approved_by = self.approved_on = None
		if self.buffer_percent is None:
			self.buffer_percent = (
				frappe.db.get_single_value("Office Supplies Settings", "default_buffer_percent") or 15
			)

	def validate(self):
		self._normalise_period()
		self.from_date, self.to_date = quarter_bounds(self.period)
		if self.buffer_percent < 0:
			frappe.throw(_("The buffer cannot be negative."))
		before = self.get_doc_before_save()
		if before and before.status != "Draft" and not self.flags.supplies_system:
			changed = [f for f in CONTENT_FIELDS if str(before.get(f)) != str(self.get(f))]
			old = [(r.item_code, r.final_qty) for r in before.lines]
			new = [(r.item_code, r.final_qty) for r in self.lines]
			if changed or old != new:
				frappe.throw(_("A plan that is {0} can no longer be changed.").format(_(before.status)))
		for row in self.lines:
			if (row.final_qty or 0) < 0:
				frappe.throw(_("Row {0}: the final quantity cannot be negative.").format(row.idx))

	@doc_action(roles=PLANNERS)
	def compute(self):
		"""Compute the lines in the background (one grouped query per figure)."""
		if self.status != "Draft":
			frappe.throw(_("Only a Draft plan is computed."))
		frappe.enqueue(
			"school_office.office_supplies.plan.compute_plan_job",
			queue="long",
			plan_name=self.name,
			now=bool(frappe.flags.in_test),
			enqueue_after_commit=True,
			job_id=f"supply_plan::{self.name}",
			deduplicate=True,
		)
		return _("The plan is being computed; reload in a moment.")

	@doc_action(roles=PLANNERS)
	def submit_for_approval(self):
		if self.status != "Draft":
			frappe.throw(_("Only a Draft plan is sent for approval."))
		if not self.lines:
			frappe.throw(_("The plan has no lines; compute it first."))
		self.status = "Pending Approval"
		system_save(self)

	@doc_action(roles=("Office Manager",), message=_("Only the Office Manager approves a supply plan."))
	def approve(self):
		from school_office.office_supplies.plan import make_requests

		if self.status != "Pending Approval":
			frappe.throw(_("Only a plan pending approval is approved."))
		self.material_request, self.request_for_quotation = make_requests(self)
		self.status = "Approved"
		self.approved_by = frappe.session.user
		self.approved_on = now_datetime()
		self.flags.supplies_system = True
		system_save(self)
		return {
			"material_request": self.material_request,
			"request_for_quotation": self.request_for_quotation,
		}

	@doc_action(roles=("Office Manager",), message=_("Only the Office Manager sends a plan back."))
	def return_to_draft(self):
		if self.status != "Pending Approval":
			frappe.throw(_("Only a plan pending approval is sent back."))
		self.status = "Draft"
		system_save(self)

	@doc_action(roles=("Office Manager",), message=_("Only the Office Manager cancels a supply plan."))
	def cancel_plan(self):
		if self.status in ("Ordered", "Cancelled"):
			frappe.throw(_("A plan that is {0} cannot be cancelled.").format(_(self.status)))
		self.status = "Cancelled"
		self.flags.supplies_system = True
		system_save(self)
