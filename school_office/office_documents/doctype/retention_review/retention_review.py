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
from frappe.utils import getdate, now_datetime, today

from school_office.utils.actions import doc_action, system_save

PREPARERS = {"Office Manager", "Document Clerk", "System Manager"}
APPROVERS = {"School Leader"}
EDITABLE_STATUSES = ("Draft", "Rejected")


def _item_key(row) -> tuple:
	return (row.official_document, row.decision or "")


class RetentionReview(Document):
	def validate(self):
		before = self.get_doc_before_save()
		stored_status = before.status if before else "Draft"
		if not self.flags.ignore_permissions:
			# status, approver and dates are permlevel 1 (reset by Frappe); the list is frozen once
			# the review leaves Draft/Rejected, on every path (desk, REST, run_doc_method, import)
			if stored_status not in EDITABLE_STATUSES and [_item_key(r) for r in self.items] != [
				_item_key(r) for r in before.items
			]:
				frappe.throw(
					_("The review is {0}: its list of documents can no longer be changed.").format(
						_(stored_status)
					),
					frappe.PermissionError,
				)
			stored_destroyed = {r.name: r.destroyed for r in (before.items if before else [])}
			for row in self.items:
				row.destroyed = stored_destroyed.get(row.name, 0)
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

	@doc_action(
		PREPARERS, message=_("Only the Office Manager or a Document Clerk submits a retention review")
	)
	def submit_for_approval(self):
		if self.status not in EDITABLE_STATUSES:
			frappe.throw(_("Only a draft review can be submitted"))
		if not self.items:
			frappe.throw(_("The review lists no documents"))
		for item in self.items:
			if item.decision == "Destroy":
				check_destroyable(item.official_document)
		self.status = "Pending Approval"
		self.approved_by = self.approved_on = None
		system_save(self)

	@doc_action(APPROVERS, message=_("Only a School Leader approves destruction"))
	def approve(self):
		if self.status != "Pending Approval":
			frappe.throw(_("Only a review pending approval can be approved"))
		self.status, self.approved_by, self.approved_on = "Approved", frappe.session.user, now_datetime()
		system_save(self)

	@doc_action(APPROVERS, message=_("Only a School Leader approves destruction"))
	def reject(self, reason=None):
		if self.status != "Pending Approval":
			frappe.throw(_("Only a review pending approval can be rejected"))
		self.status = "Rejected"
		if reason:
			self.notes = ((self.notes or "") + "\n" + reason).strip()
		system_save(self)

	@doc_action(PREPARERS, message=_("Only the Office Manager or a Document Clerk carries out destruction"))
	def destroy(self):
		if self.status != "Approved" or not self.approved_by:
			frappe.throw(_("Documents are destroyed only after the review is approved"))
		now = now_datetime()
		for item in self.items:
			if item.decision != "Destroy" or item.destroyed:
				continue
			destroy_document(item.official_document, self.name, now)
			item.destroyed = 1
		self.status, self.completed_on = "Completed", now
		system_save(self)


def check_destroyable(name: str):
	"""Only an archived document whose retention has run out (not a permanent one) is destroyed."""
	d = frappe.db.get_value(
		"Official Document", name, ["status", "retention", "retention_expires_on"], as_dict=True
	)
	if not d:
		frappe.throw(_("Official Document {0} does not exist.").format(name))
	if d.status == "Destroyed":
		frappe.throw(_("{0} has already been destroyed.").format(name))
	if (
		d.retention == "Permanent"
		or not d.retention_expires_on
		or getdate(d.retention_expires_on) > getdate(today())
	):
		frappe.throw(
			_("{0} cannot be destroyed: its retention period has not run out.").format(name),
			title=_("Retention Not Expired"),
		)


def destroy_document(name: str, review: str, when):
	"""Destroy one document under an approved review: its files, body and every copy of its content
	(versions, global search, comments, the extracted-text cache) go; the register entry stays."""
	row = frappe.db.get_value(
		"Retention Review Item",
		{
			"parent": review,
			"parenttype": "Retention Review",
			"official_document": name,
			"decision": "Destroy",
		},
		"name",
	)
	if frappe.db.get_value("Retention Review", review, "status") != "Approved" or not row:
		frappe.throw(_("{0} is not approved for destruction under {1}.").format(name, review))
	check_destroyable(name)
	files = frappe.get_all(
		"File", filters={"attached_to_doctype": "Official Document", "attached_to_name": name}, pluck="name"
	)
	for f in files:
		frappe.cache.delete_keys(f"school_office:file_text:{f}")
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
			"review_opinion": None,
		},
	)
	frappe.db.delete("Version", {"ref_doctype": "Official Document", "docname": name})
	frappe.db.delete("Comment", {"reference_doctype": "Official Document", "reference_name": name})
	frappe.db.delete("Communication", {"reference_doctype": "Official Document", "reference_name": name})
	frappe.db.delete("Notification Log", {"document_type": "Official Document", "document_name": name})
	frappe.db.delete("Deleted Document", {"deleted_doctype": "File", "deleted_name": ("in", files or [""])})
	from frappe.utils.global_search import delete_for_document

	delete_for_document(frappe.get_doc("Official Document", name))
	frappe.get_doc("Official Document", name).add_comment(
		"Info", _("Destroyed under Retention Review {0}").format(review)
	)
