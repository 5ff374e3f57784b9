"""Portal page /print-request: send a file to the print room from a phone and follow one's jobs (SU-6)."""

import frappe
from frappe import _

from school_office.office_supplies.api import my_departments, my_jobs

no_cache = 1


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/print-request"
		raise frappe.Redirect
	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("Print Request")
	context.csrf_token = frappe.sessions.get_csrf_token()
	context.departments = my_departments()
	context.jobs = my_jobs()
	context.sides = [("Single", _("Single")), ("Double", _("Double"))]
	context.colours = [("Black and White", _("Black and White")), ("Colour", _("Colour"))]
	context.sizes = ["A4", "A3", "B5", "A5"]
	context.bindings = [
		("", _("None")),
		("Staple", _("Staple")),
		("Comb Binding", _("Comb Binding")),
		("Thermal Binding", _("Thermal Binding")),
	]
	context.messages = {
		"uploading": _("Uploading..."),
		"sent": _("Print request sent: {0} ({1})."),
		"error": _("Something went wrong. Please try again."),
		"due": _("Due by {0}"),
	}
	return context
