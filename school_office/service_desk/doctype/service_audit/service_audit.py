# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""Monthly audit (SD-12): a reproducible random sample of last month's requests, checked by the auditor.

Created on the 1st by ``create_monthly_audit`` (or by the Office Manager for any month): the sample
(``sample_percent`` of the month's requests, at least one) is drawn with ``seed`` from the requests
sorted by name, so the same month, percent and seed always give the same requests. The sampled rows
cannot be added, removed or swapped afterwards. The auditor ticks record / ledger / follow-up per
request and writes a finding; *Complete* (Office Manager) turns every row with a finding into a
retraining ToDo for the staff concerned, and completed audits feed the operator error rate of the
Service Desk KPIs report (their checks and findings are kept on each request: ``audit_checks``,
``audit_findings``).
"""

import secrets

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_days, add_months, get_datetime, get_first_day, getdate, now_datetime

from school_office.core import quality as rules
from school_office.utils.actions import doc_action, system_save

AUDIT_ROLES = ("Office Manager", "System Manager")


def month_bounds(month: str):
	try:
		start = getdate(f"{month}-01")
	except Exception:
		start = None
	if not start or len(month) != 7:
		frappe.throw(_("Give the month as YYYY-MM, e.g. 2026-11."), title=_("Invalid Month"))
	return get_datetime(start), get_datetime(add_months(start, 1))


def staff_of(request) -> str | None:
	"""Who handled the request: its (last) assignee, else who resolved it."""
	assigned = frappe.get_all(
		"ToDo",
		filters={
			"reference_type": "Service Request",
			"reference_name": request,
			"status": ("!=", "Cancelled"),
		},
		order_by="creation desc",
		pluck="allocated_to",
		limit=1,
	)
	if assigned:
		return assigned[0]
	modified_by = frappe.db.get_value("Service Request", request, "modified_by")
	return modified_by if modified_by not in ("Administrator", "Guest") else None


class ServiceAudit(Document):
	def before_validate(self):
		if self.flags.in_insert or self.is_new():
			self.set_insert_values()

	def set_insert_values(self):
		self.month = (self.month or "").strip()
		month_bounds(self.month)
		percent = frappe.db.get_single_value("Service Quality Settings", "audit_sample_percent")
		self.sample_percent = float(percent or 20)
		self.seed = secrets.token_hex(8)
		self.status = "Draft"
		self.auditor = None
		self.completed_on = None
		self.draw()

	def draw(self):
		start, end = month_bounds(self.month)
		names = frappe.get_all(
			"Service Request",
			filters=[["creation", ">=", start], ["creation", "<", end]],
			pluck="name",
			ignore_permissions=True,
		)
		self.population = len(names)
		self.set("items", [])
		for name in rules.draw_sample(names, self.sample_percent, self.seed):
			self.append("items", {"service_request": name, "staff": staff_of(name)})

	def validate(self):
		if not self.is_new():
			before = self.get_doc_before_save()
			if before and sorted(i.service_request for i in before.items) != sorted(
				i.service_request for i in self.items
			):
				frappe.throw(
					_("The sampled requests are drawn by the system and cannot be changed."),
					title=_("Sample Fixed"),
				)
			if before and before.status == "Completed":
				frappe.throw(_("A completed audit cannot be changed."), title=_("Audit Completed"))
		for row in self.items:
			row.has_finding = int(
				rules.has_finding(row.record_complete, row.ledger_complete, row.follow_up_done, row.finding)
			)
		self.findings_count = sum(int(r.has_finding) for r in self.items)
		self.error_rate = rules.rate(self.findings_count, len(self.items)) or 0
		if not self.is_new() and self.status == "Draft" and self.has_checks():
			self.status = "In Progress"

	def has_checks(self) -> bool:
		return any(
			r.record_complete or r.ledger_complete or r.follow_up_done or r.finding for r in self.items
		)

	@frappe.whitelist()
	@doc_action(roles=AUDIT_ROLES, message=_("Only the Office Manager completes an audit."))
	def complete(self):
		if self.status == "Completed":
			frappe.throw(_("This audit is already completed."), title=_("Audit Completed"))
		self.run_method("validate")  # has_finding of the stored rows
		for row in self.items:
			if not row.has_finding or row.retraining_todo or not row.staff:
				continue
			note = _("Retraining after the audit {0} of {1}: {2}").format(
				self.name, row.service_request, (row.finding or "").strip() or self.missing_checks(row)
			)
			todo = frappe.get_doc(
				{
					"doctype": "ToDo",
					"allocated_to": row.staff,
					"description": note,
					"reference_type": "Service Request",
					"reference_name": row.service_request,
					"assigned_by": frappe.session.user,
					"date": add_days(getdate(), 7),
					"priority": "Medium",
				}
			).insert(ignore_permissions=True)
			row.retraining_todo = todo.name
		self.status = "Completed"
		self.auditor = frappe.session.user
		self.completed_on = now_datetime()
		system_save(self)
		from school_office.service_desk.quality import store_audit_counts

		store_audit_counts([row.service_request for row in self.items])
		return {"name": self.name, "status": self.status, "findings": self.findings_count}

	def after_delete(self):
		# a completed audit deleted (System Manager): its checks no longer count in the KPIs
		if self.status == "Completed":
			from school_office.service_desk.quality import store_audit_counts

			store_audit_counts([row.service_request for row in self.items])

	@staticmethod
	def missing_checks(row) -> str:
		missing = []
		if not row.record_complete:
			missing.append(_("record incomplete"))
		if not row.ledger_complete:
			missing.append(_("ledger incomplete"))
		if not row.follow_up_done:
			missing.append(_("no follow-up"))
		return ", ".join(missing)


def create_monthly_audit(month_start=None):
	"""Scheduled on the 1st: the audit of last month, once (its name is SA-<month>)."""
	month_start = get_first_day(month_start or add_months(getdate(), -1))
	month = month_start.strftime("%Y-%m")
	name = f"SA-{month}"
	if frappe.db.exists("Service Audit", name):
		return name
	doc = frappe.get_doc({"doctype": "Service Audit", "month": month})
	doc.insert(ignore_permissions=True)
	return doc.name
