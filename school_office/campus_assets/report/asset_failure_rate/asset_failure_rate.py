# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

"""Asset Failure Rate (AS-4): repairs per asset, by classification and month, against the seeds' targets
(8 % now → 5 % → 3 %)."""

import frappe
from frappe import _

from school_office.campus_assets.maintenance import failure_rates


def execute(filters=None):
	filters = frappe._dict(filters or {})
	data = failure_rates(filters.get("from_date"), filters.get("to_date"))
	for r in data:
		r["classification_name"] = _(
			frappe.db.get_value("Asset Classification", r["classification"], "classification_name") or ""
		)
	columns = [
		{"fieldname": "month", "label": _("Month"), "fieldtype": "Data", "width": 90},
		{
			"fieldname": "classification",
			"label": _("Classification"),
			"fieldtype": "Link",
			"options": "Asset Classification",
			"width": 110,
		},
		{
			"fieldname": "classification_name",
			"label": _("Classification Name"),
			"fieldtype": "Data",
			"width": 160,
		},
		{"fieldname": "repairs", "label": _("Repairs"), "fieldtype": "Int", "width": 90},
		{"fieldname": "assets", "label": _("Assets in Use"), "fieldtype": "Int", "width": 110},
		{"fieldname": "failure_rate", "label": _("Failure Rate"), "fieldtype": "Percent", "width": 110},
		{"fieldname": "target_1", "label": _("Target (Stage 1)"), "fieldtype": "Percent", "width": 120},
		{"fieldname": "target_2", "label": _("Target (Stage 2)"), "fieldtype": "Percent", "width": 120},
		{"fieldname": "target_3", "label": _("Target (Stage 3)"), "fieldtype": "Percent", "width": 120},
	]
	return columns, data
