"""Defaults of the Meetings module, created once (install, patch) and never overwritten.

create_defaults(): Meeting Settings (notice 3 / 7 days, equipment test 3 days before, minutes due in 4
working hours and at most 24 hours, sent within 2 working days) — only when never set.
create_template (projects.py): the Project Template "Cross-department" (PR-1), once.
make_demo(ctx): the demo's meeting staff (office.staff in the Meeting Team role).
"""

import frappe

SETTINGS = {
	"notice_days": 3,
	"cross_department_notice_days": 7,
	"setup_test_days": 3,
	"minutes_due_working_hours": 4,
	"minutes_max_hours": 24,
	"minutes_send_working_days": 2,
}


def create_settings():
	if frappe.db.get_single_value("Meeting Settings", "notice_days"):
		return
	settings = frappe.get_single("Meeting Settings")
	settings.update(SETTINGS)
	settings.flags.ignore_permissions = True
	settings.save()


def create_defaults():
	if not frappe.db.exists("DocType", "Meeting Settings"):
		return
	create_settings()
	from school_office.meetings.projects import create_template

	create_template()


def make_demo(ctx=None):
	from school_office.setup.demo_data import DEMO_DOMAIN

	user = f"office.staff@{DEMO_DOMAIN}"
	if frappe.db.exists("User", user) and "Meeting Team" not in frappe.get_roles(user):
		doc = frappe.get_doc("User", user)
		doc.add_roles("Meeting Team")
