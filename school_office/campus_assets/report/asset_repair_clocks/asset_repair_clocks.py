# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

"""Asset Repair Clocks (AS-5): per month, the repairs opened from service requests, how many were responded
to, reached on site and (major faults) fixed within their clocks, and the resolution rate against 95 %."""

import frappe
from frappe import _

from school_office.campus_assets.repairs import monthly_rates
from school_office.core.campus_assets import resolution_rate

TARGET = 95.0


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = monthly_rates(filters.get("from_date"), filters.get("to_date"))
	data = []
	for r in rows:
		data.append(
			{
				**r,
				"response_rate": resolution_rate(r.repairs, int(r.responded_in_time or 0)),
				"resolution_rate": resolution_rate(r.repairs, int(r.resolved or 0)),
				"target": TARGET,
			}
		)
	columns = [
		{"fieldname": "month", "label": _("Month"), "fieldtype": "Data", "width": 90},
		{"fieldname": "repairs", "label": _("Repairs"), "fieldtype": "Int", "width": 90},
		{"fieldname": "responded_in_time", "label": _("Responded in Time"), "fieldtype": "Int", "width": 140},
		{"fieldname": "on_site_in_time", "label": _("On Site in Time"), "fieldtype": "Int", "width": 120},
		{"fieldname": "major_faults", "label": _("Major Faults"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "major_fixed_in_time",
			"label": _("Major Faults Fixed in Time"),
			"fieldtype": "Int",
			"width": 180,
		},
		{"fieldname": "resolved", "label": _("Resolved"), "fieldtype": "Int", "width": 90},
		{"fieldname": "response_rate", "label": _("Response Rate"), "fieldtype": "Percent", "width": 120},
		{"fieldname": "resolution_rate", "label": _("Resolution Rate"), "fieldtype": "Percent", "width": 130},
		{"fieldname": "target", "label": _("Target"), "fieldtype": "Percent", "width": 90},
	]
	return columns, data
