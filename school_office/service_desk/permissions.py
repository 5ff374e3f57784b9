"""Row-level access to Service Requests.

- Office Manager, School Leader, System Manager: all requests.
- Office Staff: requests of the teams they belong to and untyped requests waiting for triage.
- Anyone a request is assigned to (e.g. a Maintenance Technician): that request.
- Department Head: requests of their department (as requester's department, lead, referral or
  responsible department). Their department is the Employee record linked to their user.
- Everyone else (students, teachers): the requests they raised or that were recorded for them.
"""

import frappe

ALL_ROLES = {"Office Manager", "School Leader", "System Manager"}


def user_teams(user: str) -> list[str]:
	return frappe.get_all(
		"Service Team Member", filters={"user": user, "parenttype": "Service Team"}, pluck="parent"
	)


def user_departments(user: str) -> list[str]:
	from school_office.utils.people import employee_departments

	return employee_departments(user)


def _sql_list(values) -> str:
	return ", ".join(frappe.db.escape(v) for v in values) or "''"


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	roles = set(frappe.get_roles(user))
	if roles & ALL_ROLES:
		return ""
	t = "`tabService Request`"
	u = frappe.db.escape(user)
	assigned = frappe.db.escape('%"' + user + '"%')
	parts = [f"{t}.requester = {u}", f"{t}.owner = {u}", f"{t}._assign like {assigned}"]
	if "Office Staff" in roles:
		parts.append(f"{t}.service_team in ({_sql_list(user_teams(user))})")
		parts.append(f"ifnull({t}.service_team, '') = ''")
	if "Department Head" in roles:
		depts = _sql_list(user_departments(user))
		for field in ("department", "lead_department", "referred_to", "responsible_department"):
			parts.append(f"{t}.{field} in ({depts})")
	return "(" + " or ".join(parts) + ")"


def has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if user == "Administrator":
		return True
	roles = set(frappe.get_roles(user))
	if roles & ALL_ROLES:
		return True
	if user in (doc.requester, doc.owner):
		# requesters read and create their own; changes go through the actions and the rating link.
		# No "email": the system's mail account is not theirs to send from (their replies are
		# Communications made by the portal).
		return ptype in (None, "read", "create", "print", "share") or "Office Staff" in roles
	if user in (frappe.parse_json(doc._assign) if doc.get("_assign") else []):
		return True
	if "Office Staff" in roles:
		if not doc.service_team or doc.service_team in user_teams(user):
			return True
	if "Department Head" in roles and ptype in (None, "read", "print"):
		depts = set(user_departments(user))
		if depts & {doc.department, doc.lead_department, doc.referred_to, doc.responsible_department}:
			return True
	return False
