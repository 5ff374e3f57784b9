# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""Service Desk KPIs (SD-8): per month of filing, service team and service type.

- on_time_rate (%): of the requests with a resolution deadline (the SLA's ``sla_resolution_by``) that are
  resolved or already past it, the share resolved by the deadline.
- operator_error_rate (%): of the requests checked in a completed Service Audit, the share with a finding
  (a check not ticked or a finding written).
- first_contact_resolution_rate (%): of the resolved requests, the share resolved without asking the
  requester again (no Needs Info) and never reopened.
- average_handling_minutes: mean working minutes (School Calendar) from acceptance, or filing when there
  was none, to resolution, over the resolved requests.
- resolution_rate (%): of the requests filed, less rejected or referred ones, the share resolved or closed
  with an outcome other than "Cannot Be Solved".
- repeat_inquiry_rate (%): of the requests filed, the share whose requester filed a request of the same
  service type within the repeat window (Service Quality Settings, 30 days) before; flagged
  (``is_repeat``) when the request is filed or its service type changes.

Targets come from Service Quality Settings; a figure missing its target is shown red. One grouped SQL
query over the period's requests (school_office.service_desk.quality.kpi_rows; the audits' checks and
findings are kept on each request) computes every figure; the last row is the total.
"""

import frappe
from frappe import _
from frappe.utils import add_months, get_first_day, getdate

from school_office.core import quality as rules
from school_office.service_desk import quality


def execute(filters=None):
	filters = frappe._dict(filters or {})
	to_date = getdate(filters.get("to_date") or getdate())
	from_date = getdate(filters.get("from_date") or get_first_day(add_months(to_date, -5)))
	if from_date > to_date:
		frappe.throw(_("From Date must be before To Date."), title=_("Invalid Filters"))
	rows = quality.kpi_rows(
		from_date, to_date, service_team=filters.get("service_team"), service_type=filters.get("service_type")
	)
	data = quality.figures(rows)
	targets = quality.targets()
	if data:
		data.append({"month": _("Total"), "service_team": "", "service_type": "", **quality.total(rows)})
	for row in data:
		row["missed"] = [
			k for k in rules.KPI_FIELDS if rules.meets_target(k, row.get(k), targets[k]) is False
		]
	return columns(targets), data, None, chart(rows), summary(rows, targets)


def columns(targets):
	def pct(fieldname, label):
		return {
			"fieldname": fieldname,
			"label": _(label) + f" ({targets[fieldname]:g} %)",
			"fieldtype": "Percent",
			"width": 130,
		}

	return [
		{"fieldname": "month", "label": _("Month"), "fieldtype": "Data", "width": 90},
		{
			"fieldname": "service_team",
			"label": _("Service Team"),
			"fieldtype": "Link",
			"options": "Service Team",
			"width": 130,
		},
		{
			"fieldname": "service_type",
			"label": _("Service Type"),
			"fieldtype": "Link",
			"options": "Service Type",
			"width": 150,
		},
		{"fieldname": "requests", "label": _("Requests"), "fieldtype": "Int", "width": 90},
		pct("on_time_rate", "On-Time Rate"),
		pct("operator_error_rate", "Operator Error Rate"),
		pct("first_contact_resolution_rate", "First Contact Resolution Rate"),
		{
			"fieldname": "average_handling_minutes",
			"label": _("Average Handling Minutes") + f" ({targets['average_handling_minutes']:g})",
			"fieldtype": "Float",
			"precision": 1,
			"width": 130,
		},
		pct("resolution_rate", "Resolution Rate"),
		pct("repeat_inquiry_rate", "Repeat Inquiry Rate"),
	]


def chart(rows):
	by_month = {}
	for r in rows:
		by_month.setdefault(r["month"], []).append(r)
	months = sorted(by_month)
	if not months:
		return None
	totals = [quality.total(by_month[m]) for m in months]
	return {
		"data": {
			"labels": months,
			"datasets": [
				{"name": _("On-Time Rate"), "values": [t["on_time_rate"] or 0 for t in totals]},
				{
					"name": _("First Contact Resolution Rate"),
					"values": [t["first_contact_resolution_rate"] or 0 for t in totals],
				},
				{"name": _("Resolution Rate"), "values": [t["resolution_rate"] or 0 for t in totals]},
			],
		},
		"type": "line",
		"fieldtype": "Percent",
	}


def summary(rows, targets):
	t = quality.total(rows)
	out = []
	for kpi in rules.KPI_FIELDS:
		value = t.get(kpi)
		ok = rules.meets_target(kpi, value, targets[kpi])
		out.append(
			{
				"label": _(quality.KPI_LABELS[kpi]),
				"value": value if value is not None else "-",
				"datatype": "Float" if kpi == "average_handling_minutes" else "Percent",
				"indicator": "Green" if ok else ("Red" if ok is False else "Grey"),
			}
		)
	return out
