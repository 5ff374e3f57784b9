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


# the demo school's student and staff numbers (usernames: they sign in with them)
DEMO_NUMBERS = {
	"student": ("S20260001", "高一(3)班"),
	"student.en": ("S20260002", "Senior 1, Class 3"),
	"teacher": ("T0001", "Academic Affairs"),
	"office.manager": ("E0001", "General Office"),
	"office.staff": ("E0002", "General Office"),
	"print.staff": ("E0003", "General Office"),
	"dept.head": ("E0004", "Academic Affairs"),
	"school.leader": ("E0005", "General Office"),
	"doc.clerk": ("E0006", "General Office"),
	"technician": ("E0007", "Logistics"),
	"asset.admin": ("E0008", "Logistics"),
}


def make_demo(ctx):
	"""Give the demo users their numbers (as the roster import would); once, never taking a number
	another user already holds."""
	create_defaults()
	for local, (number, group) in DEMO_NUMBERS.items():
		user = (ctx.get("users") or {}).get(local)
		if not user or not frappe.db.exists("User", user):
			continue
		holder = frappe.db.get_value("User", {"username": number})
		if holder and holder != user:
			continue
		values = {"username": number}
		if frappe.get_meta("User").has_field(GROUP_FIELD["fieldname"]) and not frappe.db.get_value(
			"User", user, GROUP_FIELD["fieldname"]
		):
			values[GROUP_FIELD["fieldname"]] = group
		frappe.db.set_value("User", user, values, update_modified=False)
