"""Campus identity defaults, created once (install and patch v0_4.campus_identity_defaults).

- System Settings → Allow Login using User Name: on, so students and staff sign in with their number
  (the roster import makes it their username) as well as their e-mail. Set once: an administrator who
  turns it off later is not overruled by a migrate.
- Custom Field User.school_group ("Department or Class"), filled by the roster import.
"""

import frappe

GROUP_FIELD = {
	"fieldname": "school_group",
	"fieldtype": "Data",
	"label": "Department or Class",
	"insert_after": "username",
	"description": "From the school roster: the class of a student, the department of a teacher or staff member",
}


def enable_username_login():
	if not frappe.db.get_single_value("System Settings", "allow_login_using_user_name"):
		frappe.db.set_single_value("System Settings", "allow_login_using_user_name", 1)


def create_group_field():
	from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

	if not frappe.db.exists("Custom Field", {"dt": "User", "fieldname": GROUP_FIELD["fieldname"]}):
		create_custom_fields({"User": [GROUP_FIELD]}, update=False)


def create_defaults():
	enable_username_login()
	create_group_field()


def remove_defaults():
	name = frappe.db.get_value("Custom Field", {"dt": "User", "fieldname": GROUP_FIELD["fieldname"]})
	if name:
		frappe.delete_doc("Custom Field", name, ignore_permissions=True, force=True)
