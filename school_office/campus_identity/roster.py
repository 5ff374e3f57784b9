"""Roster import: students and staff from a spreadsheet (the template) into Frappe Users.

The rules of a row live in school_office/core/roster.py. Here each valid row becomes a User, found by
its number (User.username) first and its e-mail second, so a second import of the same file updates the
same users and never adds one: name, language, department or class, and the missing roles are set; a role
the user already has is never taken away, and an existing desk user is never turned into a portal user.
Students and teachers are portal users (Website User), staff are desk users (System User) with the
roles or role profiles of the row. The number becomes the username, so they sign in with it (System
Settings → Allow Login using User Name, set by the install).
"""

import frappe
from frappe import _
from frappe.utils import escape_html

from school_office.core import roster as rules
from school_office.setup.roles import APP_ROLES, ROLE_PROFILES

GROUP_FIELD = "school_group"  # Custom Field on User: the department or class of the roster
DEFAULT_DOMAIN = "students.invalid"  # e-mail of a row without one (site config roster_email_domain)
# roles an import may give (app roles, and Frappe's own for the school's IT)
EXTRA_ROLES = ("Employee",)


def known_roles() -> set[str]:
	return set(APP_ROLES) | {r for r in EXTRA_ROLES if frappe.db.exists("Role", r)}


def role_profiles() -> dict:
	out = {}
	for profile in ROLE_PROFILES:
		if frappe.db.exists("Role Profile", profile):
			out[profile] = [
				r.role for r in frappe.get_doc("Role Profile", profile).roles if r.role in known_roles()
			]
	return out


def read_table(file_url: str) -> list[list]:
	"""The sheet of an uploaded .csv or .xlsx file, as rows of cells."""
	name = frappe.db.get_value("File", {"file_url": file_url}, "name")
	if not name:
		frappe.throw(_("Attach the roster file first."))
	file = frappe.get_doc("File", name)
	if not file.has_permission("read"):
		# another's private file is not read through an import (its rows would show in the log)
		frappe.throw(_("You cannot read the file {0}.").format(file.file_name), frappe.PermissionError)
	content = file.get_content()
	name = (file.file_name or file_url or "").lower()
	if name.endswith(".xlsx"):
		from frappe.utils.xlsxutils import read_xlsx_file_from_attached_file

		return read_xlsx_file_from_attached_file(fcontent=content)
	if name.endswith(".csv"):
		from frappe.utils.csvutils import read_csv_content

		if isinstance(content, str):
			content = content.encode("utf-8")
		return read_csv_content(content)
	frappe.throw(_("Upload the roster as a .csv or .xlsx file (see the template)."))


def import_file(path: str) -> dict:
	"""The bench command's import of a roster file on the server's disk (run by the school's IT)."""
	with open(path, "rb") as f:
		content = f.read()
	if path.lower().endswith(".xlsx"):
		from frappe.utils.xlsxutils import read_xlsx_file_from_attached_file

		table = read_xlsx_file_from_attached_file(fcontent=content)
	elif path.lower().endswith(".csv"):
		from frappe.utils.csvutils import read_csv_content

		table = read_csv_content(content)
	else:
		frappe.throw(_("Upload the roster as a .csv or .xlsx file (see the template)."))
	return import_table(table)


def _find_user(row: rules.RosterRow) -> str | None:
	return frappe.db.get_value("User", {"username": row.number}) or frappe.db.get_value(
		"User", {"name": row.email}
	)


def _apply(row: rules.RosterRow) -> str:
	"""Create or update the row's user; 'created' or 'updated' (or 'unchanged')."""
	name = _find_user(row)
	holder = frappe.db.get_value("User", {"username": row.number})
	by_email = frappe.db.get_value("User", {"name": row.email})
	if holder and by_email and holder != by_email:
		frappe.throw(
			_("the number {0} is the username of {1}, the e-mail {2} another user's").format(
				row.number, holder, row.email
			)
		)
	if name in ("Administrator", "Guest"):
		frappe.throw(_("{0} cannot be changed by an import").format(name))
	if name:
		user = frappe.get_doc("User", name)
		before = (user.username, user.first_name, user.last_name, user.language, user.get(GROUP_FIELD))
		before_roles = {r.role for r in user.roles}
	else:
		user = frappe.new_doc("User")
		user.email = row.email
		user.send_welcome_email = 0
		user.enabled = 1
		before, before_roles = None, set()
	user.username = row.number
	user.first_name = row.full_name
	user.last_name = ""
	user.language = row.language
	if user.meta.has_field(GROUP_FIELD):
		user.set(GROUP_FIELD, row.group)
	if row.desk_user:
		user.user_type = "System User"
		for role in row.roles:
			if role not in before_roles:
				user.append("roles", {"role": role})
	elif not name:
		user.user_type = "Website User"
	after = (user.username, user.first_name, user.last_name, user.language, user.get(GROUP_FIELD))
	if name and before == after and before_roles == {r.role for r in user.roles}:
		return "unchanged"
	user.flags.ignore_permissions = True  # the importer was checked by run_import (Office Manager)
	user.flags.no_welcome_mail = True
	user.save() if name else user.insert()
	if user.username != row.number:  # Frappe clears a username another user holds
		frappe.throw(_("the number {0} is already the username of another user").format(row.number))
	_set_department(user.name, row)
	return "updated" if name else "created"


def _set_department(user: str, row: rules.RosterRow):
	"""Staff: the department of their Employee record (department routing and heads read it)."""
	if not row.desk_user or not row.group or not frappe.db.table_exists("Employee"):
		return
	department = frappe.db.get_value("Department", row.group, "name") or frappe.db.get_value(
		"Department", {"department_name": row.group}, "name"
	)
	employee = frappe.db.get_value("Employee", {"user_id": user}, "name")
	if department and employee:
		frappe.db.set_value("Employee", employee, "department", department)


def import_table(table) -> dict:
	"""Import a sheet; each row in its own savepoint, so one bad row leaves the others imported."""
	domain = frappe.conf.get("roster_email_domain") or DEFAULT_DOMAIN
	rows, errors = rules.parse_rows(table, known_roles(), role_profiles(), domain)
	counts = {"created": 0, "updated": 0, "unchanged": 0}
	messages = [_(e.message).format(*e.args) for e in errors]
	for row in rows:
		savepoint = f"roster_{row.line}"
		frappe.db.savepoint(savepoint)
		try:
			counts[_apply(row)] += 1
		except Exception as e:
			frappe.db.rollback(save_point=savepoint)
			frappe.clear_messages()
			messages.append(_("Row {0}: {1}").format(row.line, escape_html(str(e))))
	counts["errors"] = len(messages)
	counts["messages"] = messages
	return counts
