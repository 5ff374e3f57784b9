"""密级 access (DOC-6): a user sees an official document only if their clearance reaches its secret level.

Enforced in one place for every path: ``permission_query_conditions`` (lists, report view, REST
lists, link search, script reports that use frappe.get_list), ``has_permission`` (forms, REST,
print, attachments: Frappe's File permission asks the attached document) and a File hook (a
private file attached to an official document is refused even to its uploader without
clearance). Global search is filtered by :func:`school_office.office_documents.search.global_search`.

Besides clearance, staff who are not office managers, clerks or leaders see only what they
drafted or what is routed to them (their user or their department).
"""

import frappe

from school_office.core.numbering import has_clearance, levels_up_to

DOCTYPE = "Official Document"
FULL_VIEW_ROLES = {"System Manager", "Office Manager", "Document Clerk", "School Leader"}


def get_clearance(user: str | None = None) -> str | None:
	user = user or frappe.session.user
	if user == "Administrator":
		return "Top Secret"
	cache = getattr(frappe.local, "doc_clearance_cache", None)
	if cache is None:
		cache = frappe.local.doc_clearance_cache = {}
	if user not in cache:
		cache[user] = frappe.db.get_value("Document Clearance", user, "clearance_level")
	return cache[user]


def clear_clearance_cache(*args, **kwargs):
	frappe.local.doc_clearance_cache = {}


def user_departments(user: str) -> list[str]:
	from school_office.utils.people import employee_departments

	depts = set(employee_departments(user))
	depts |= set(
		frappe.get_all(
			"Document Department Code",
			filters={"head": user, "parenttype": "Office Document Settings"},
			pluck="department",
		)
	)
	return sorted(d for d in depts if d)


def sees_all(user: str) -> bool:
	return user == "Administrator" or bool(FULL_VIEW_ROLES & set(frappe.get_roles(user)))


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	levels = ", ".join(frappe.db.escape(level) for level in levels_up_to(get_clearance(user)))
	cond = f"ifnull(`tabOfficial Document`.secret_level, 'Public') in ({levels})"
	if not sees_all(user):
		u = frappe.db.escape(user)
		depts = user_departments(user)
		dept_cond = f" or r.department in ({', '.join(frappe.db.escape(d) for d in depts)})" if depts else ""
		cond += (
			f" and (`tabOfficial Document`.owner = {u} or exists (select 1 from `tabDocument Routing` r"
			f" where r.parent = `tabOfficial Document`.name and r.parenttype = 'Official Document'"
			f" and (r.user = {u}{dept_cond})))"
		)
	return f"({cond})"


def is_routed_to(doc, user: str) -> bool:
	depts = set(user_departments(user))
	return any(r.user == user or (r.department and r.department in depts) for r in doc.get("routing") or [])


def can_see(doc, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if user == "Administrator":
		return True
	if not has_clearance(get_clearance(user), doc.get("secret_level")):
		return False
	return sees_all(user) or doc.get("owner") == user or is_routed_to(doc, user)


def has_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if ptype == "create" or doc.is_new():
		return (
			None
			if has_clearance(get_clearance(user), doc.get("secret_level")) or not doc.get("secret_level")
			else False
		)
	if not can_see(doc, user):
		return False
	if ptype in ("write", "delete", "cancel", "submit", "amend") and not sees_all(user):
		# staff outside the office's records roles change only their own drafts; routing rows are
		# acted on through school_office.office_documents.api
		stored = frappe.db.get_value(DOCTYPE, doc.name, "status") if doc.get("name") else None
		return None if doc.get("owner") == user and stored in (None, "", "Draft") else False
	return None


def file_has_permission(doc, ptype=None, user=None, debug=False):
	"""A file attached to an official document follows the document, even for its uploader."""
	if doc.get("attached_to_doctype") != DOCTYPE or not doc.get("attached_to_name"):
		return None
	user = user or frappe.session.user
	if user == "Administrator":
		return None
	try:
		ref = frappe.get_doc(DOCTYPE, doc.attached_to_name)
	except frappe.DoesNotExistError:
		frappe.clear_last_message()
		return None
	return None if can_see(ref, user) else False
