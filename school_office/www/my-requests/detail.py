import frappe

from school_office.service_desk.portal import detail_context

no_cache = 1


def get_context(context):
	return detail_context(context, frappe.form_dict.get("name") or "")
