"""Sites installed before the service desk get its defaults (school calendar, SLAs, team
assignment rules) and the application forms of the two standard services. Creates only what
is missing."""

import frappe

from school_office.setup.default_data import FORM_TEMPLATES


def execute():
	from school_office.service_desk.install import create_defaults

	create_defaults()
	for service, form in FORM_TEMPLATES.items():
		if frappe.db.exists("Service Type", service) and not frappe.db.get_value(
			"Service Type", service, "form_template"
		):
			frappe.db.set_value("Service Type", service, "form_template", form, update_modified=False)
