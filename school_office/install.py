"""Install and uninstall hooks.

before_install records which of the app's roles and role profiles the site had already (Frappe creates
the roles named in the app's doctype permissions while it syncs the doctypes, before after_install, so
this is the only moment to tell). after_install creates the admin-editable defaults once (roles, role
profiles, issue priorities, settings, the service catalogue) and records what the app created.
before_uninstall removes what the app created outside its own modules — only the roles and role
profiles it created, never ones that existed before it — without committing half-way (Frappe commits
once the app's doctypes are gone); frappe itself drops the app's doctypes, pages, print formats, web
forms and workspaces.

The record is a global default (school_office.utils.store), which lives outside the app's doctypes and
so is still there when before_uninstall reads it.
"""

import frappe

from school_office.setup import defaults
from school_office.setup.roles import APP_ROLES, ROLE_PROFILES
from school_office.utils import store

INSTALL_RECORD = "school_office_install_record"


def read_record() -> dict:
	return store.read_json(INSTALL_RECORD, {}) or {}


def write_record(record: dict):
	store.write_json(INSTALL_RECORD, record)


def _existing(doctype: str, names) -> list[str]:
	return sorted(n for n in names if frappe.db.exists(doctype, n))


def record_existing_before_install():
	"""The app's roles and role profiles that exist before the app is installed (they are not the app's)."""
	write_record(
		{
			"roles_before": _existing("Role", APP_ROLES),
			"profiles_before": _existing("Role Profile", ROLE_PROFILES),
		}
	)


def record_created_by_install():
	"""After installing: the app's roles and role profiles that exist now and did not before."""
	record = read_record()
	if "roles_before" not in record:
		# installed without before_install (an older version of the app): nothing is known to be the app's
		record.update(roles_before=list(APP_ROLES), profiles_before=list(ROLE_PROFILES))
	record["roles_created"] = [r for r in _existing("Role", APP_ROLES) if r not in record["roles_before"]]
	record["profiles_created"] = [
		p for p in _existing("Role Profile", ROLE_PROFILES) if p not in record["profiles_before"]
	]
	write_record(record)
	return record


def created_roles_and_profiles() -> tuple[list[str], list[str]]:
	"""(roles, role profiles) the app created, as recorded at install; ([], []) when nothing was recorded."""
	record = read_record()
	return list(record.get("roles_created") or []), list(record.get("profiles_created") or [])


def before_install():
	record_existing_before_install()


def after_install():
	defaults.create_all()
	record_created_by_install()
	frappe.db.commit()


def remove_created_roles():
	"""Delete the role profiles and roles the app created (and their assignments); no commit."""
	roles, profiles = created_roles_and_profiles()
	for profile in profiles:
		if frappe.db.exists("Role Profile", profile):
			frappe.delete_doc("Role Profile", profile, ignore_permissions=True, force=True)
	for role in roles:
		if frappe.db.exists("Role", role):
			# Has Role rows of users and permission rows of other doctypes go with the role
			frappe.db.delete("Has Role", {"role": role})
			frappe.db.delete("Custom DocPerm", {"role": role})
			frappe.delete_doc("Role", role, ignore_permissions=True, force=True)
	return roles, profiles


def before_uninstall():
	for module in defaults.module_setups():
		if hasattr(module, "remove_defaults"):
			module.remove_defaults()
	remove_created_roles()
	store.clear(INSTALL_RECORD)
	# no commit here: Frappe commits once it has removed the app's modules


def after_uninstall():
	frappe.clear_cache()
