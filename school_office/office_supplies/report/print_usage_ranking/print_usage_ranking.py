# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""Monthly print usage by department, ranked by pages printed (charged jobs), with a chart."""

import frappe
from frappe import _
from frappe.utils import add_days, get_first_day, get_last_day, getdate, nowdate

CHARGED = ("Submitted", "Approved", "In Progress", "Ready", "Collected")


def usage(from_date, to_date):
	"""One grouped query: pages per department and colour over the period (by the time jobs were queued)."""
	return frappe.db.sql(
		"""select department,
			sum(case when colour = 'Colour' then 0 else quota_pages end) as bw_pages,
			sum(case when colour = 'Colour' then quota_pages else 0 end) as colour_pages,
			sum(quota_pages) as total_pages, count(*) as jobs
		from `tabPrint Job`
		where status in %(statuses)s and queued_on >= %(from_date)s and queued_on < %(to_date)s
		group by department order by total_pages desc, department asc""",
		{"statuses": CHARGED, "from_date": getdate(from_date), "to_date": add_days(getdate(to_date), 1)},
		as_dict=True,
	)


def execute(filters=None):
	filters = filters or {}
	from_date = filters.get("from_date") or get_first_day(nowdate())
	to_date = filters.get("to_date") or get_last_day(nowdate())
	rows = usage(from_date, to_date)
	for i, r in enumerate(rows, 1):
		r.rank = i
	columns = [
		{"fieldname": "rank", "label": _("Rank"), "fieldtype": "Int", "width": 60},
		{
			"fieldname": "department",
			"label": _("Department"),
			"fieldtype": "Link",
			"options": "Department",
			"width": 180,
		},
		{"fieldname": "bw_pages", "label": _("Black and White Pages"), "fieldtype": "Int", "width": 130},
		{"fieldname": "colour_pages", "label": _("Colour Pages"), "fieldtype": "Int", "width": 110},
		{"fieldname": "total_pages", "label": _("Total Pages"), "fieldtype": "Int", "width": 110},
		{"fieldname": "jobs", "label": _("Jobs"), "fieldtype": "Int", "width": 70},
	]
	chart = {
		"data": {
			"labels": [r.department for r in rows],
			"datasets": [
				{"name": _("Black and White Pages"), "values": [r.bw_pages for r in rows]},
				{"name": _("Colour Pages"), "values": [r.colour_pages for r in rows]},
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
	}
	return columns, rows, None, chart
