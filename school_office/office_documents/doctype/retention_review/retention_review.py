# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

"""Quarterly appraisal (DOC-7) of documents whose retention ran out; destruction only after approval.

Draft (gathered by the quarterly job or by hand) → Pending Approval (the Office Manager or Document
Clerk submits it) → Approved / Rejected (a School Leader decides) → Completed (destruction done).
Destroying keeps the Official Document as a register entry (title, numbers, archive code, who
destroyed it, when, under which review) and deletes its files and body.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

PREPARERS = {"Office Manager", "Document Clerk", "System Manager"}
APPROVERS = {"School Leader"}


def _require(roles, message):
	if frappe.session.user != "Administrator" and not roles & set(frappe.get_roles()):
		frappe.throw(message, frappe.PermissionError)


class RetentionReview(Document):
	def validate(self):
		before = self.get_doc_before_save()
		if not self.flags.status_change and (self.status or "Draft") != (
			before.status if before else "Draft"
		):
			frappe.throw(_("Use the review's buttons to change its status"))
		if not self.flags.status_change and before:
			self.approved_by, self.approved_on, self.completed_on = (
				before.approved_by,
				before.approved_on,
				before.completed_on,
			)
		seen = set()
		for item in self.items:
			if item.official_document in seen:
				frappe.throw(_("Row {0}: {1} is listed twice").format(item.idx, item.official_document))
			seen.add(item.official_document)
			d = frappe.db.get_value(
				"Official Document",
				item.official_document,
				["title", "archive_code", "retention", "retention_expires_on", "status"],
				as_dict=True,
			)
			if not d:
				continue
			item.title, item.archive_code, item.retention, item.expired_on = (
				d.title,
				d.archive_code,
				d.retention,
				d.retention_expires_on,
			)
		if before and before.status in ("Approved", "Completed") and self.status == before.status:
			for old, new in zip(before.items, self.items, strict=False):
				if (old.official_document, old.decision) != (new.official_document, new.decision):
					frappe.throw(_("An approved review cannot be changed"))

	@frappe.whitelist()
	def submit_for_approval(self):
		_require(PREPARERS, _("Only the Office Manager or a Document Clerk submits a retention review"))
		if self.status not in ("Draft", "Rejected"):
			frappe.throw(_("Only a draft review can be submitted"))
		if not self.items:
			frappe.throw(_("The review lists no documents"))
		self.status = "Pending Approval"
		self.flags.status_change = True
		self.save(ignore_permissions=True)

	@frappe.whitelist()
	def approve(self):
		_require(APPROVERS, _("Only a School Leader approves destruction"))
		if self.status != "Pending Approval":
			frappe.throw(_("Only a review pending approval can be approved"))
		self.status, self.approved_by, self.approved_on = "Approved", frappe.session.user, now_datetime()
		self.flags.status_change = True
		self.save(ignore_permissions=True)

	@frappe.whitelist()
	def reject(self, reason=None):
		_require(APPROVERS, _("Only a School Leader approves destruction"))
		if self.status != "Pending Approval":
			frappe.throw(_("Only a review pending approval can be rejected"))
		self.status = "Rejected"
		if reason:
			self.notes = ((self.notes or "") + "\n" + reason).strip()
		self.flags.status_change = True
		self.save(ignore_permissions=True)

	@frappe.whitelist()
	def destroy(self):
		_require(PREPARERS, _("Only the Office Manager or a Document Clerk carries out destruction"))
		if self.status != "Approved" or not self.approved_by:
			frappe.throw(_("Documents are destroyed only after the review is approved"))
		now = now_datetime()
		for item in self.items:
			if item.decision != "Destroy" or item.destroyed:
				continue
			destroy_document(item.official_document, self.name, now)
			item.destroyed = 1
		self.status, self.completed_on = "Completed", now
		self.flags.status_change = True
		self.save(ignore_permissions=True)


def destroy_document(name: str, review: str, when):
	for f in frappe.get_all(
		"File", filters={"attached_to_doctype": "Official Document", "attached_to_name": name}, pluck="name"
	):
		frappe.delete_doc("File", f, ignore_permissions=True, force=True)
	frappe.db.set_value(
		"Official Document",
		name,
		{
			"status": "Destroyed",
			"destroyed_on": when,
			"destroyed_by": frappe.session.user,
			"retention_review": review,
			"body": None,
			"full_text": None,
			"damage_photo": None,
			"attachment_notes": None,
		},
	)
	frappe.get_doc("Official Document", name).add_comment(
		"Info", _("Destroyed under Retention Review {0}").format(review)
	)
