"""Who sees a notice (AN-2, issue #13 item 7), on every path.

- System Manager, Office Manager (the office head, who reviews) and School Leader (who signs off)
  see every notice.
- Office Staff (who draft) see the notices they drafted, every notice without an audience and the
  restricted notices whose audience includes them.
- Everybody else (teachers, students, department heads) sees published notices whose audience
  includes them (their user, one of their roles or one of their departments; no audience rows =
  everyone), inside the publication window — never a draft, a withdrawn or an expired one.

Enforced by ``permission_query_conditions`` (lists, report view, counts, group-by counts, link
search, REST lists, the portal board and digests, which read through ``frappe.get_list``) and
``has_permission`` (forms, REST, print, attachments, link titles and global search, which the app
checks per record: school_office.office_documents.secrecy.get_link_title and .search.global_search).
"""

import frappe
from frappe.utils import now_datetime

from school_office.core import notices as rules

DOCTYPE = "Notice"
SEES_ALL = {"System Manager", "Office Manager", "School Leader"}
EDITORS = {"Office Staff"}


def user_departments(user: str) -> list[str]:
	from school_office.utils.people import employee_departments

	return employee_departments(user)


def sees_all(user: str) -> bool:
	return user == "Administrator" or bool(SEES_ALL & set(frappe.get_roles(user)))


def is_editor(user: str) -> bool:
	return bool(EDITORS & set(frappe.get_roles(user)))


def _audience_sql(user: str) -> str:
	u = frappe.db.escape(user)
	roles = [r for r in frappe.get_roles(user) if r not in ("Guest",)]
	depts = user_departments(user)
	parts = [f"(a.audience_type = 'User' and a.user = {u})"]
	if roles:
		parts.append(
			f"(a.audience_type = 'Role' and a.role in ({', '.join(frappe.db.escape(r) for r in roles)}))"
		)
	if depts:
		parts.append(
			f"(a.audience_type = 'Department' and a.department in ({', '.join(frappe.db.escape(d) for d in depts)}))"
		)
	return (
		"(not exists (select 1 from `tabNotice Audience` a0 where a0.parent = `tabNotice`.name"
		" and a0.parenttype = 'Notice' and a0.parentfield = 'audience')"
		" or exists (select 1 from `tabNotice Audience` a where a.parent = `tabNotice`.name"
		f" and a.parenttype = 'Notice' and a.parentfield = 'audience' and ({' or '.join(parts)})))"
	)


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if sees_all(user):
		return ""
	audience = _audience_sql(user)
	if user == "Guest":
		# guests read notices through the website board only (school_office.notices.board)
		return "(1 = 0)"
	now = frappe.db.escape(str(now_datetime()))
	current = (
		"(`tabNotice`.status = 'Published'"
		f" and (`tabNotice`.publish_from is null or `tabNotice`.publish_from <= {now})"
		f" and (`tabNotice`.publish_until is null or `tabNotice`.publish_until >= {now}))"
	)
	if is_editor(user):
		u = frappe.db.escape(user)
		return f"(`tabNotice`.owner = {u} or {audience})"
	return f"({current} and {audience})"


def audience_rows(doc) -> list[dict]:
	return [
		{"audience_type": r.audience_type, "department": r.department, "role": r.role, "user": r.user}
		for r in doc.get("audience") or []
	]


def in_audience(doc, user: str) -> bool:
	return rules.in_audience(audience_rows(doc), user, frappe.get_roles(user), user_departments(user))


def stored(doc):
	"""The notice as stored: a client's unsaved changes to status or audience decide nothing."""
	if doc.get("name") and not doc.is_new() and frappe.db.exists(DOCTYPE, doc.name):
		return frappe.get_doc(DOCTYPE, doc.name)
	return doc


def can_read(doc, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if sees_all(user):
		return True
	if user == "Guest":
		return False
	doc = stored(doc)
	if is_editor(user):
		return doc.get("owner") == user or in_audience(doc, user)
	return rules.is_current(
		doc.get("status"),
		frappe.utils.get_datetime(doc.publish_from) if doc.get("publish_from") else None,
		frappe.utils.get_datetime(doc.publish_until) if doc.get("publish_until") else None,
		now_datetime(),
	) and in_audience(doc, user)


def has_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if ptype == "create" or doc.is_new():
		return None
	if not can_read(doc, user):
		return False
	if ptype in ("write", "delete", "submit", "cancel", "amend"):
		return None if may_change(stored(doc), user, ptype) else False
	return None


def may_change(doc, user: str, ptype: str = "write") -> bool:
	"""Frappe's Workflow checks transitions on the server but not which role may edit in a state
	(allow_edit is only the form's), so the step decides here: office staff change their own drafts,
	the office head any notice, a school leader a notice waiting for sign-off."""
	if user == "Administrator":
		return True
	roles = set(frappe.get_roles(user))
	if "System Manager" in roles or "Office Manager" in roles:
		return True
	status = doc.get("status") or "Draft"
	if ptype == "write" and "School Leader" in roles and status == "Pending Sign-off":
		return True
	return bool(EDITORS & roles) and doc.get("owner") == user and status == "Draft"
