"""What people do on routing rows: countersign (会签), handling feedback (答复), read receipts (传阅).

Routing rows belong to a department or a user. A row is acted on by its user, by the head of its
department (Office Document Settings → Department Codes, or an Employee of that department with the
Department Head role), or recorded by the Office Manager / Document Clerk for a paper receipt.
"""

import frappe
from frappe import _

from school_office.office_documents.doctype.official_document.official_document import doc_now
from school_office.office_documents.permissions import user_departments
from school_office.utils.actions import load_for_action

DOCTYPE = "Official Document"
RECORDING_ROLES = {"Office Manager", "Document Clerk", "System Manager"}
ACT_STATES = {
	"Countersign": ("Countersigning",),
	"Handle": ("In Process", "Distributed"),
	"Read": ("In Process", "Distributed"),
}


def may_act(row, user: str) -> bool:
	if row.user:
		if row.user == user:
			return True
	elif row.department and row.department in set(user_departments(user)):
		roles = set(frappe.get_roles(user))
		if "Department Head" in roles or frappe.db.exists(
			"Document Department Code",
			{"parenttype": "Office Document Settings", "department": row.department, "head": user},
		):
			return True
	return bool(RECORDING_ROLES & set(frappe.get_roles(user))) or user == "Administrator"


def _load_locked(name: str):
	"""The stored document, locked, for someone who may open it (密级 and routing included); what they
	may do on a row is decided by may_act."""
	return load_for_action(DOCTYPE, name, "read")


@frappe.whitelist(methods=["POST"])
def act(name: str, row: str, comment: str | None = None):
	"""Countersign a Countersign row, give feedback on a Handle row, or confirm a Read row."""
	user = frappe.session.user
	doc = _load_locked(name)
	target = next((r for r in doc.routing if r.name == row), None)
	if not target:
		frappe.throw(_("Routing row {0} is not part of {1}").format(row, name))
	if not may_act(target, user):
		frappe.throw(_("This routing row is not yours to act on"), frappe.PermissionError)
	if doc.status not in ACT_STATES[target.action]:
		frappe.throw(_("The document is {0}; this row cannot be acted on now").format(_(doc.status)))
	if target.status != "Pending" and not (target.action == "Read" and target.status == "Read"):
		frappe.throw(_("This routing row is already done"))
	if target.action == "Handle" and not (comment or "").strip():
		frappe.throw(_("Write the execution feedback"))
	target.status = "Read" if target.action == "Read" else "Done"
	target.acted_on = doc_now()
	target.acted_by = user
	if comment:
		target.comment = comment
	doc.flags.ignore_permissions = True
	doc.flags.routing_action = True
	doc.save()
	return {
		"status": target.status,
		"countersign_complete": doc.countersign_complete,
		"handling_complete": doc.handling_complete,
	}


@frappe.whitelist(methods=["POST"])
def mark_read(name: str):
	"""Read receipt: every pending Read row of the current user (or their department) becomes Read, with the time."""
	user = frappe.session.user
	doc = _load_locked(name)
	if doc.status not in ("In Process", "Distributed"):
		return []
	done = []
	for r in doc.routing:
		if (
			r.action == "Read"
			and r.status == "Pending"
			and (r.user == user or (not r.user and r.department in set(user_departments(user))))
		):
			r.status, r.acted_on, r.acted_by = "Read", doc_now(), user
			done.append(r.name)
	if done:
		doc.flags.ignore_permissions = True
		doc.flags.routing_action = True
		doc.save()
	return done


@frappe.whitelist()
def my_routing(name: str):
	"""The routing rows the current user may act on (for the form's buttons)."""
	doc = frappe.get_doc(DOCTYPE, name)
	doc.check_permission("read")
	user = frappe.session.user
	return [
		{"name": r.name, "action": r.action, "status": r.status}
		for r in doc.routing
		if r.status == "Pending"
		and doc.status in ACT_STATES[r.action]
		and may_act(r, user)
		and (r.user == user or r.department in set(user_departments(user)) or not (r.user or r.department))
	]
