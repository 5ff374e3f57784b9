# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""Print Job (SU-6): a request to the print room. See school_office.office_supplies.printing."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from school_office.core.supplies import approval_reasons, over_quota
from school_office.office_supplies import printing
from school_office.utils.actions import doc_action, has_role, system_save
from school_office.utils.people import employee_departments

# what the quota was charged for: fixed once the job exists
FROZEN = ("pages", "copies", "colour", "department")
APPROVERS = ("Department Head", "Office Manager")


class PrintJob(Document):
	def before_validate(self):
		if self.flags.in_insert:
			self.set_insert_values()

	def set_insert_values(self):
		# a permlevel-1 field: Frappe resets a client's value, the system sets it here (from the service request
		# when the print room makes the job from one)
		self.requester = self.flags.system_requester or frappe.session.user
		mine = employee_departments(self.requester)
		if not self.department:
			self.department = mine[0] if mine else None
		if self.flags.system_requester and not self.department:
			frappe.throw(
				_("The requester has no department to charge the print job to; set one on the request.")
			)
		if not self.department:
			frappe.throw(
				_("Choose the department the print job is charged to (you have no employee record).")
			)
		if self.department not in mine and not has_role(printing.STAFF):
			frappe.throw(_("You can only charge print jobs to your own department."), frappe.PermissionError)
		for f in (
			"approved_by",
			"approved_on",
			"rejection_reason",
			"queued_on",
			"due_by",
			"started_on",
			"operator",
			"completed_on",
			"collected_on",
			"queue_order",
			"over_quota",
		):
			self.set(f, None)
		self.quota_pages = printing.job_pages(self)
		quota = printing.find_quota(self.department)
		self.print_quota = quota.name if quota else None
		allowed, used = printing.quota_state(self, quota)
		is_over = over_quota(allowed, used, self.quota_pages)
		if is_over and not self.ask_approval_over_quota:
			frappe.throw(
				_(
					"Over the print quota: {0} has {1} {2} pages left in {3} and this job needs {4}. "
					"Tick 'Ask for Approval If Over Quota' to ask the Office Manager."
				).format(
					self.department,
					max(allowed - used, 0),
					_(self.colour),
					quota.period,
					self.quota_pages,
				),
				title=_("Print quota"),
			)
		self.over_quota = 1 if is_over else 0
		reasons = approval_reasons(self.colour == "Colour", is_over)
		if reasons:
			self.status = "Pending Approval"
			self.approval_reason = "\n".join(_(r) for r in reasons)
		else:
			self.status = "Submitted"
			self.approval_reason = None
			printing.set_queue(self)

	def validate(self):
		if self.is_new():
			return
		before = self.get_doc_before_save()
		if before:
			for f in FROZEN:
				if str(before.get(f) or "") != str(self.get(f) or ""):
					frappe.throw(
						_("{0} cannot be changed once the job is submitted; submit a new job.").format(
							_(self.meta.get_label(f))
						)
					)
			if before.urgent != self.urgent and before.status in printing.QUEUE_STATUSES:
				printing.set_queue(self, before.queued_on)

	def after_insert(self):
		if self.status == "Submitted":
			printing.charge(self)

	# ------------------------------------------------------------------ actions
	def _check_approver(self):
		user = frappe.session.user
		if has_role(("Office Manager",)):
			return
		if self.over_quota:
			frappe.throw(_("A job over the quota is approved by the Office Manager."), frappe.PermissionError)
		if not (has_role(("Department Head",)) and self.department in employee_departments(user)):
			frappe.throw(
				_("Only the head of {0} approves this job.").format(self.department), frappe.PermissionError
			)

	@doc_action(roles=APPROVERS, ptype="read")
	def approve(self):
		if self.status != "Pending Approval":
			frappe.throw(_("Only a job pending approval is approved."))
		self._check_approver()
		self.status = "Approved"
		self.approved_by = frappe.session.user
		self.approved_on = now_datetime()
		printing.set_queue(self)
		system_save(self)
		printing.charge(self)

	@doc_action(roles=APPROVERS, ptype="read")
	def reject(self, reason: str | None = None):
		if self.status != "Pending Approval":
			frappe.throw(_("Only a job pending approval is rejected."))
		if not (reason or "").strip():
			frappe.throw(_("Give the reason for the rejection."))
		self._check_approver()
		self.status = "Rejected"
		self.rejection_reason = reason.strip()
		self.approved_by = frappe.session.user
		self.approved_on = now_datetime()
		system_save(self)

	@doc_action(roles=printing.STAFF)
	def start(self):
		if self.status not in ("Submitted", "Approved"):
			frappe.throw(_("Only a queued job is started."))
		self.status = "In Progress"
		self.started_on = now_datetime()
		self.operator = frappe.session.user
		system_save(self)

	@doc_action(roles=printing.STAFF)
	def mark_ready(self):
		if self.status != "In Progress":
			frappe.throw(_("Only a job in progress is marked ready."))
		self.status = "Ready"
		self.completed_on = now_datetime()
		system_save(self)

	@doc_action(roles=printing.STAFF)
	def mark_collected(self):
		if self.status != "Ready":
			frappe.throw(_("Only a ready job is collected."))
		self.status = "Collected"
		self.collected_on = now_datetime()
		system_save(self)
