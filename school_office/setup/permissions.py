"""Select permission on the ERPNext/Frappe doctypes that the app's forms link to.

The app's forms have Link fields to doctypes the app does not own (Department, Issue Priority, Holiday
List, Location, Asset). ERPNext gives these doctypes only to HR, stock or accounts roles, so a school
role could not pick a value: the link search answered 403, the form cleared the value and the save
failed. Each role that fills such a field gets "select" and "read" on the target (search and validate a link,
see the record and its translated name; no write, create, delete, report or export); on Asset, whose records
carry purchase values, "select" only.

Frappe replaces a doctype's standard permission rows by its Custom DocPerm rows as soon as one
exists, so the rows are added with ``frappe.permissions.add_permission``, which first copies the
standard rows into Custom DocPerm (the doctype keeps every permission it had). Created once, on install
and by the patch ``v0_3.link_target_permissions``; an administrator may change them in Role Permissions
Manager afterwards. ``remove_defaults`` (before uninstall) deletes the app's rows and, when what is left is
exactly the copy of the standard rows, the copy too (the doctype is back on its standard permissions).
"""

import frappe

from school_office.setup.roles import APP_ROLES

STAFF = ("Office Manager", "Office Staff")
# target doctype -> the roles that fill a Link field to it in the app's forms and dialogs
LINK_TARGET_ROLES = {
	# Official Document routing rows, Document Department Code, Service Request (department, referred to,
	# lead / responsible department, the Refer dialog), Venue Booking's department
	"Department": APP_ROLES,
	# Service Request priority (Office Staff, Office Manager, technicians write it), Service Type default
	"Issue Priority": ("Office Manager", "Office Staff", "Maintenance Technician"),
	# School Office Settings: the school calendar
	"Holiday List": ("Office Manager",),
	# Venue: its Location; Venue Equipment: the Asset
	"Location": (*STAFF, "Asset Administrator"),
	"Asset": (*STAFF, "Asset Administrator"),
	# Notice Audience: a role the notice is for
	"Role": STAFF,
}
# targets whose records a picking role should not open: "select" only
SELECT_ONLY = ("Asset", "Role")
PERM_FLAGS = (
	"select",
	"read",
	"write",
	"create",
	"delete",
	"submit",
	"cancel",
	"amend",
	"report",
	"export",
	"import",
	"share",
	"print",
	"email",
)


def create_defaults():
	from frappe.permissions import add_permission

	changed = set()
	for doctype, roles in LINK_TARGET_ROLES.items():
		if not frappe.db.exists("DocType", doctype):
			continue
		for role in roles:
			if not frappe.db.exists("Role", role):
				continue
			existing = frappe.db.get_value(
				"Custom DocPerm",
				{"parent": doctype, "role": role, "permlevel": 0, "if_owner": 0},
				["name", "select", "read"],
				as_dict=True,
			)
			if existing:
				if not (existing.select or existing.read):
					frappe.db.set_value("Custom DocPerm", existing.name, "select", 1)
					changed.add(doctype)
				continue
			name = add_permission(doctype, role, 0, "select")
			# a new Custom DocPerm reads by default: keep that, except where select is all the role needs
			flags = dict.fromkeys(PERM_FLAGS, 0)
			flags.update({"select": 1, "read": 0 if doctype in SELECT_ONLY else 1})
			frappe.db.set_value("Custom DocPerm", name, flags)
			changed.add(doctype)
	for doctype in changed:
		frappe.clear_cache(doctype=doctype)


def _key(row) -> tuple:
	return (
		row.role,
		int(row.permlevel or 0),
		int(row.if_owner or 0),
		*(int(row.get(f) or 0) for f in PERM_FLAGS),
	)


def remove_defaults():
	for doctype, roles in LINK_TARGET_ROLES.items():
		frappe.db.delete("Custom DocPerm", {"parent": doctype, "role": ("in", list(roles))})
		custom = frappe.get_all("Custom DocPerm", filters={"parent": doctype}, fields=["*"])
		standard = frappe.get_all("DocPerm", filters={"parent": doctype}, fields=["*"])
		if custom and sorted(map(_key, custom)) == sorted(map(_key, standard)):
			frappe.db.delete("Custom DocPerm", {"parent": doctype})
		frappe.clear_cache(doctype=doctype)
