"""收文登记簿: incoming documents registered in a period, one line each, as the paper register has them.

Rows come from frappe.get_list, so the 密级 rules and routing visibility of Official Document apply.
The Print button uses incoming_register.html (a register page in Chinese, A4 landscape)."""

import frappe
from frappe import _
from frappe.utils import add_days, getdate, today


def execute(filters=None):
	filters = frappe._dict(filters or {})
	from_date = getdate(filters.from_date or add_days(today(), -30))
	to_date = getdate(filters.to_date or today())
	columns = [
		{
			"fieldname": "registration_number",
			"label": _("Registration Number"),
			"fieldtype": "Data",
			"width": 170,
		},
		{"fieldname": "received_on", "label": _("Received On"), "fieldtype": "Datetime", "width": 150},
		{
			"fieldname": "source_organization",
			"label": _("Source Organization"),
			"fieldtype": "Data",
			"width": 140,
		},
		{
			"fieldname": "source_document_number",
			"label": _("Source Document Number"),
			"fieldtype": "Data",
			"width": 140,
		},
		{"fieldname": "title", "label": _("Title"), "fieldtype": "Data", "width": 240},
		{"fieldname": "secret_level", "label": _("Secret Level"), "fieldtype": "Data", "width": 80},
		{"fieldname": "urgency", "label": _("Urgency"), "fieldtype": "Data", "width": 80},
		{"fieldname": "pages", "label": _("Pages"), "fieldtype": "Int", "width": 60},
		{"fieldname": "copies", "label": _("Copies"), "fieldtype": "Int", "width": 60},
		{"fieldname": "handlers", "label": _("Handled By"), "fieldtype": "Data", "width": 160},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 90},
		{
			"fieldname": "name",
			"label": _("Official Document"),
			"fieldtype": "Link",
			"options": "Official Document",
			"width": 130,
		},
	]
	docs = frappe.get_list(
		"Official Document",
		filters=[
			["direction", "=", "Incoming"],
			["registration_number", "is", "set"],
			["received_on", ">=", f"{from_date} 00:00:00"],
			["received_on", "<=", f"{to_date} 23:59:59"],
		],
		fields=[
			"name",
			"registration_number",
			"received_on",
			"source_organization",
			"source_document_number",
			"title",
			"secret_level",
			"urgency",
			"pages",
			"copies",
			"status",
		],
		order_by="registration_number asc",
		limit_page_length=0,
	)
	routing = {}
	if docs:
		for r in frappe.get_all(
			"Document Routing",
			filters={
				"parenttype": "Official Document",
				"parent": ["in", [d.name for d in docs]],
				"action": "Handle",
			},
			fields=["parent", "department", "user"],
			order_by="idx asc",
		):
			routing.setdefault(r.parent, []).append(r.department or r.user)
	for d in docs:
		d.handlers = "、".join(routing.get(d.name, []))
		for f in ("secret_level", "urgency", "status"):
			d[f] = _(d[f]) if d[f] else d[f]
	return columns, docs
