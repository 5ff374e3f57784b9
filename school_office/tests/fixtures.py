# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""Test fixtures shared by the modules' Frappe tests: users with given roles and departments of the site's
company, made once and reused."""

import frappe


def company():
	return frappe.db.get_value("Company", {"abbr": "DS"}) or frappe.db.get_value("Company", {})


def make_user(email, roles=(), user_type="System User", first_name=None):
	"""The user, with at least these roles (added when missing)."""
	if not frappe.db.exists("User", email):
		u = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name or email.split("@")[0],
				"send_welcome_email": 0,
				"user_type": user_type,
				"roles": [{"role": r} for r in roles],
			}
		)
		u.flags.ignore_password_policy = True
		u.insert(ignore_permissions=True)
	elif roles:
		u = frappe.get_doc("User", email)
		missing = [r for r in roles if r not in {x.role for x in u.roles}]
		if missing:
			u.add_roles(*missing)
	return email


def make_department(name, comp=None):
	comp = comp or company()
	found = frappe.db.get_value("Department", {"department_name": name, "company": comp})
	if found:
		return found
	return (
		frappe.get_doc({"doctype": "Department", "department_name": name, "company": comp})
		.insert(ignore_permissions=True)
		.name
	)
