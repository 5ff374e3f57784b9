"""Printed outputs of official documents that are not a single document's print format:
the incoming register (收文登记簿) as a PDF, from the rows of the Incoming Register report (so the
密级 rules apply). The GB/T 9704 layout of one outgoing document is the Print Format
"Official Document GBT 9704"."""

import frappe
from frappe import _
from frappe.utils import add_days, getdate, today


def incoming_register_html(from_date=None, to_date=None) -> str:
	from school_office.office_documents.report.incoming_register.incoming_register import execute

	from_date = str(getdate(from_date or add_days(today(), -30)))
	to_date = str(getdate(to_date or today()))
	_columns, rows = execute({"from_date": from_date, "to_date": to_date})
	return frappe.render_template(
		"school_office/office_documents/templates/incoming_register.html",
		{"rows": rows, "from_date": from_date, "to_date": to_date},
	)


@frappe.whitelist()
def incoming_register_pdf(from_date=None, to_date=None):
	"""Download the incoming register of a period as an A4 landscape PDF."""
	if not frappe.has_permission("Official Document", "read"):
		frappe.throw(_("Not permitted"), frappe.PermissionError)
	from frappe.utils.pdf import get_pdf

	html = incoming_register_html(from_date, to_date)
	frappe.local.response.filename = f"incoming-register-{getdate(from_date or today())}.pdf"
	frappe.local.response.filecontent = get_pdf(html, {"orientation": "Landscape", "page-size": "A4"})
	frappe.local.response.type = "download"
