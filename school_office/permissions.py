"""Permission helpers shared by hooks and whitelisted methods."""

import frappe

from school_office.setup.roles import APP_ROLES


def has_app_permission() -> bool:
	"""Show School Office on the apps screen to its staff roles and system managers."""
	if frappe.session.user == "Administrator":
		return True
	roles = set(frappe.get_roles())
	return bool(roles & (set(APP_ROLES) | {"System Manager"}))
