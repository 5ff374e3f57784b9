"""Seeded service types: the materials a requester gives by filling in the request (description,
application form) are marked Given in the Form, so the portal asks no file for them."""

import frappe

from school_office.service_desk.materials import FORM_MATERIALS


def execute():
	if not frappe.db.has_column("Service Type Material", "given_in_form"):
		frappe.reload_doc("service_desk", "doctype", "service_type_material")
	frappe.db.sql(
		"""update `tabService Type Material` set given_in_form = 1
		where parenttype = 'Service Type' and material in %(names)s""",
		{"names": tuple(FORM_MATERIALS)},
	)
	frappe.clear_cache(doctype="Service Type")
