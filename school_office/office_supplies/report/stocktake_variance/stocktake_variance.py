# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""Stocktake variance per item and warehouse: each counted line of the submitted Stock Reconciliations in the
period against the books (its current_qty); a variance above the settings' threshold (3 %) is flagged."""

import frappe
from frappe import _
from frappe.utils import flt, get_first_day, get_last_day, nowdate

from school_office.core.supplies import variance_flagged, variance_percent


def execute(filters=None):
	filters = filters or {}
	threshold = flt(frappe.db.get_single_value("Office Supplies Settings", "variance_threshold_percent") or 3)
	values = {
		"from_date": filters.get("from_date") or get_first_day(nowdate()),
		"to_date": filters.get("to_date") or get_last_day(nowdate()),
	}
	cond = ""
	if filters.get("warehouse"):
		values["warehouse"] = filters["warehouse"]
		cond = "and sri.warehouse = %(warehouse)s"
	lines = frappe.db.sql(
		f"""select sr.name as reconciliation, sr.posting_date, sri.item_code, sri.item_name, sri.warehouse,
			sri.current_qty as book_qty, sri.qty as counted_qty
		from `tabStock Reconciliation Item` sri join `tabStock Reconciliation` sr on sr.name = sri.parent
		where sr.docstatus = 1 and sr.purpose = 'Stock Reconciliation'
			and sr.posting_date between %(from_date)s and %(to_date)s {cond}
		order by sr.posting_date, sri.warehouse, sri.item_code""",
		values,
		as_dict=True,
	)
	rows = []
	for r in lines:
		r.variance_qty = flt(r.counted_qty) - flt(r.book_qty)
		r.variance_percent = variance_percent(r.book_qty, r.counted_qty)
		r.flagged = 1 if variance_flagged(r.book_qty, r.counted_qty, threshold) else 0
		r.flag_label = _("Above {0} %").format(threshold) if r.flagged else ""
		if r.flagged or not filters.get("only_flagged"):
			rows.append(r)
	columns = [
		{"fieldname": "posting_date", "label": _("Date"), "fieldtype": "Date", "width": 100},
		{
			"fieldname": "warehouse",
			"label": _("Warehouse"),
			"fieldtype": "Link",
			"options": "Warehouse",
			"width": 140,
		},
		{"fieldname": "item_code", "label": _("Item"), "fieldtype": "Link", "options": "Item", "width": 140},
		{"fieldname": "item_name", "label": _("Item Name"), "fieldtype": "Data", "width": 150},
		{"fieldname": "book_qty", "label": _("Book Qty"), "fieldtype": "Float", "width": 90},
		{"fieldname": "counted_qty", "label": _("Counted Qty"), "fieldtype": "Float", "width": 90},
		{"fieldname": "variance_qty", "label": _("Variance Qty"), "fieldtype": "Float", "width": 90},
		{"fieldname": "variance_percent", "label": _("Variance (%)"), "fieldtype": "Percent", "width": 90},
		{"fieldname": "flag_label", "label": _("Flag"), "fieldtype": "Data", "width": 100},
		{
			"fieldname": "reconciliation",
			"label": _("Stock Reconciliation"),
			"fieldtype": "Link",
			"options": "Stock Reconciliation",
			"width": 150,
		},
	]
	return columns, rows
