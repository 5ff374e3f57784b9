"""Install and uninstall hooks.

after_install creates the admin-editable defaults once (roles, role profiles, issue
priorities, settings, the service catalogue). before_uninstall removes what the app created
outside its own modules (roles, role profiles), so uninstall-app leaves nothing behind;
frappe itself drops the app's doctypes, pages, print formats, web forms and workspaces.
"""

import frappe

from school_office.setup import defaults
from school_office.setup.roles import APP_ROLES, ROLE_PROFILES


def after_install():
	defaults.create_all()
	frappe.db.commit()


def before_uninstall():
	for module in defaults.module_setups():
		if hasattr(module, "remove_defaults"):
			module.remove_defaults()
	for profile in ROLE_PROFILES:
		if frappe.db.exists("Role Profile", profile):
			frappe.delete_doc("Role Profile", profile, ignore_permissions=True, force=True)
	for role in APP_ROLES:
		if frappe.db.exists("Role", role):
			# Has Role rows of users and permission rows of other doctypes go with the role
			frappe.db.delete("Has Role", {"role": role})
			frappe.db.delete("Custom DocPerm", {"role": role})
			frappe.delete_doc("Role", role, ignore_permissions=True, force=True)
	frappe.db.commit()


def after_uninstall():
	frappe.clear_cache()
