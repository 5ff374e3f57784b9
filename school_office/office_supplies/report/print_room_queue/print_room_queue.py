# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""The print room's queue: jobs to print, the urgent lane first, then the earliest due (Print Job.queue_order)."""

import frappe
from frappe import _
from frappe.utils import get_datetime, now_datetime

from school_office.office_supplies.printing import QUEUE_STATUSES


def execute(filters=None):
	filters = filters or {}
	statuses = [filters["status"]] if filters.get("status") in QUEUE_STATUSES else list(QUEUE_STATUSES)
	rows = frappe.get_list(
		"Print Job",
		filters={"status": ("in", statuses)},
		fields=[
			"name",
			"urgent",
			"status",
			"department",
			"pages",
			"copies",
			"sides",
			"colour",
			"paper_size",
			"binding",
			"due_by",
			"requester",
			"attachment",
		],
		order_by="queue_order asc, creation asc",
		limit_page_length=0,
	)
	now = now_datetime()
	for r in rows:
		r.lane = _("Urgent") if r.urgent else _("Normal")
		r.overdue = 1 if r.due_by and get_datetime(r.due_by) < now else 0
		r.sides = _(r.sides) if r.sides else r.sides
		r.colour = _(r.colour) if r.colour else r.colour
	columns = [
		{"fieldname": "lane", "label": _("Lane"), "fieldtype": "Data", "width": 80},
		{
			"fieldname": "name",
			"label": _("Print Job"),
			"fieldtype": "Link",
			"options": "Print Job",
			"width": 140,
		},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 100},
		{"fieldname": "due_by", "label": _("Due By"), "fieldtype": "Datetime", "width": 150},
		{
			"fieldname": "department",
			"label": _("Department"),
			"fieldtype": "Link",
			"options": "Department",
			"width": 150,
		},
		{"fieldname": "pages", "label": _("Pages"), "fieldtype": "Int", "width": 70},
		{"fieldname": "copies", "label": _("Copies"), "fieldtype": "Int", "width": 70},
		{"fieldname": "sides", "label": _("Sides"), "fieldtype": "Data", "width": 80},
		{"fieldname": "colour", "label": _("Colour"), "fieldtype": "Data", "width": 90},
		{"fieldname": "paper_size", "label": _("Paper Size"), "fieldtype": "Data", "width": 70},
		{"fieldname": "binding", "label": _("Binding"), "fieldtype": "Data", "width": 100},
		{
			"fieldname": "requester",
			"label": _("Requester"),
			"fieldtype": "Link",
			"options": "User",
			"width": 160,
		},
	]
	return columns, rows
