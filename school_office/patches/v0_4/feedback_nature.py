"""Complaint analysis (issue #14, CF-4): sites that installed an earlier build get the feedback nature on
the seeded Complaint and Suggestion service types (only where an administrator has not set one), and
every complaint-type request gets the nature of its type, so the analysis counts the past too. The
seeded Suggestion's "Description of the suggestion" is given in the form (the portal asked a file for it)."""

import frappe

from school_office.setup.default_data import FEEDBACK_NATURES


def execute():
	frappe.reload_doc("service_desk", "doctype", "service_type")
	frappe.reload_doc("service_desk", "doctype", "service_request")
	for name, nature in FEEDBACK_NATURES.items():
		if frappe.db.exists("Service Type", name) and not frappe.db.get_value(
			"Service Type", name, "feedback_nature"
		):
			frappe.db.set_value("Service Type", name, "feedback_nature", nature, update_modified=False)
	for st in frappe.get_all("Service Type", filters={"is_complaint": 1}, fields=["name", "feedback_nature"]):
		frappe.db.sql(
			"""update `tabService Request` set feedback_nature = %s
			where service_type = %s and ifnull(feedback_nature, '') = ''""",
			(st.feedback_nature or "Complaint", st.name),
		)
	frappe.db.sql(
		"""update `tabService Type Material` set given_in_form = 1
		where parenttype = 'Service Type' and material = 'Description of the suggestion'"""
	)
	frappe.clear_cache(doctype="Service Type")
