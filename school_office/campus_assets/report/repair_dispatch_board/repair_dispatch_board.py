# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

"""Repair Dispatch Board (AS-6): open repairs by area, urgency (priority) and skill (the asset's
classification), their clocks and assignee; each technician's load in the summary."""

import frappe
from frappe import _

from school_office.campus_assets.dispatch import open_repairs, technician_load


def execute(filters=None):
	filters = frappe._dict(filters or {})
	data = open_repairs()
	if filters.get("area"):
		data = [r for r in data if (r.area or "") == filters.area]
	if filters.get("priority"):
		data = [r for r in data if r.priority == filters.priority]
	columns = [
		{
			"fieldname": "service_request",
			"label": _("Service Request"),
			"fieldtype": "Link",
			"options": "Service Request",
			"width": 150,
		},
		{"fieldname": "subject", "label": _("Subject"), "fieldtype": "Data", "width": 200},
		{"fieldname": "area", "label": _("Area"), "fieldtype": "Data", "width": 110},
		{
			"fieldname": "priority",
			"label": _("Priority"),
			"fieldtype": "Link",
			"options": "Issue Priority",
			"width": 90,
		},
		{
			"fieldname": "asset_classification",
			"label": _("Skill"),
			"fieldtype": "Link",
			"options": "Asset Classification",
			"width": 100,
		},
		{"fieldname": "asset", "label": _("Asset"), "fieldtype": "Link", "options": "Asset", "width": 140},
		{
			"fieldname": "location",
			"label": _("Location"),
			"fieldtype": "Link",
			"options": "Location",
			"width": 130,
		},
		{"fieldname": "respond_by", "label": _("Respond By"), "fieldtype": "Datetime", "width": 150},
		{"fieldname": "on_site_by", "label": _("On Site By"), "fieldtype": "Datetime", "width": 150},
		{"fieldname": "fix_by", "label": _("Fix By"), "fieldtype": "Datetime", "width": 150},
		{"fieldname": "assigned_to", "label": _("Assigned To"), "fieldtype": "Data", "width": 180},
	]
	summary = [
		{"value": n, "label": _("Open repairs of {0}").format(user), "datatype": "Int", "indicator": "Blue"}
		for user, n in technician_load().items()
	]
	return columns, data, None, None, summary
