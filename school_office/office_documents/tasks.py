"""Scheduled jobs of official documents: reminders for overdue routing rows (催办, DOC-8) and the
quarterly gathering of documents past their retention into a Retention Review (DOC-7)."""

import frappe
from frappe import _
from frappe.utils import get_datetime, getdate

from school_office.core.numbering import quarter_label
from school_office.office_documents.doctype.official_document.official_document import doc_now
from school_office.office_documents.secrecy import cleared

ACTIVE = ("In Process", "Countersigning", "Distributed")


def _recipients(row) -> list[str]:
	if row.user:
		return [row.user]
	heads = frappe.get_all(
		"Document Department Code",
		filters={"parenttype": "Office Document Settings", "department": row.department},
		pluck="head",
	)
	heads += frappe.get_all(
		"Employee",
		filters={"department": row.department, "status": "Active", "user_id": ["is", "set"]},
		pluck="user_id",
	)
	return sorted(
		{h for h in heads if h and "Department Head" in frappe.get_roles(h)} | {h for h in heads[:1] if h}
	)


def send_reminders():
	"""Hourly: flag documents with overdue rows and remind each overdue row once."""
	now = doc_now()
	reminded = 0
	flagged = set()
	rows = frappe.get_all(
		"Document Routing",
		filters={"parenttype": "Official Document", "status": "Pending", "due_by": ["<", now]},
		fields=["name", "parent", "user", "department", "action", "due_by", "reminded_on"],
	)
	for row in rows:
		status, title, level = frappe.db.get_value(
			"Official Document", row.parent, ["status", "title", "secret_level"]
		) or (None, None, None)
		if status not in ACTIVE:
			continue
		flagged.add(row.parent)
		if row.reminded_on:
			continue
		for user in _recipients(row):
			if not cleared(user, level or "Public"):
				# 密级: a department member without clearance is not told the title
				continue
			frappe.get_doc(
				{
					"doctype": "Notification Log",
					"for_user": user,
					"type": "Alert",
					"document_type": "Official Document",
					"document_name": row.parent,
					"subject": _("Overdue: {0} ({1}) was due {2}").format(
						title, _(row.action), get_datetime(row.due_by).strftime("%Y-%m-%d %H:%M")
					),
				}
			).insert(ignore_permissions=True)
		frappe.db.set_value("Document Routing", row.name, "reminded_on", now, update_modified=False)
		reminded += 1
	for name in frappe.get_all("Official Document", filters={"has_overdue": 1}, pluck="name"):
		if name not in flagged:
			frappe.db.set_value("Official Document", name, "has_overdue", 0, update_modified=False)
	for name in flagged:
		frappe.db.set_value("Official Document", name, "has_overdue", 1, update_modified=False)
	return reminded


def gather_expired_documents():
	"""Quarterly: archived documents past their retention, not yet under review, go into a new Retention Review."""
	today = getdate(doc_now())
	open_reviews = set(
		frappe.get_all(
			"Retention Review",
			filters={"status": ["in", ["Draft", "Pending Approval", "Approved"]]},
			pluck="name",
		)
	)
	in_open = set(
		frappe.get_all(
			"Retention Review Item",
			filters={"parent": ["in", list(open_reviews) or [""]]},
			pluck="official_document",
		)
	)
	docs = frappe.get_all(
		"Official Document",
		filters={"status": "Archived", "retention_expires_on": ["<=", today]},
		fields=["name", "title", "archive_code", "retention", "retention_expires_on"],
		order_by="archive_code asc",
	)
	docs = [d for d in docs if d.name not in in_open]
	if not docs:
		return None
	review = frappe.get_doc(
		{
			"doctype": "Retention Review",
			"review_period": quarter_label(today),
			"review_date": today,
			"items": [
				{
					"official_document": d.name,
					"title": d.title,
					"archive_code": d.archive_code,
					"retention": d.retention,
					"expired_on": d.retention_expires_on,
					"decision": "Destroy",
				}
				for d in docs
			],
		}
	).insert(ignore_permissions=True)
	return review.name
