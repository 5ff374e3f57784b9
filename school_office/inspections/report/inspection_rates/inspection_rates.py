# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""Inspection Rates (IN-2), per month of the rounds:

- discovery_rate (%): findings / (findings + facility problems reported by others), where the others'
  reports are the month's service requests of the category *Facilities and Repairs* that are not
  rectification requests (target: Inspection Settings, 90 %);
- rectification_rate (%): of the findings rectified or past their deadline, the share rectified by the
  deadline (target 100 %);
- also rounds (daily patrols, joint inspections), findings, late and verified rectifications.
"""

import frappe
from frappe import _
from frappe.utils import add_months, get_first_day, getdate

from school_office.core import inspections as rules


def execute(filters=None):
	filters = frappe._dict(filters or {})
	to_date = getdate(filters.get("to_date") or getdate())
	from_date = getdate(filters.get("from_date") or get_first_day(add_months(to_date, -5)))
	if from_date > to_date:
		frappe.throw(_("From Date must be before To Date."), title=_("Invalid Filters"))
	data = monthly_rates(from_date, to_date)
	s = frappe.get_cached_doc("Inspection Settings")
	return columns(s), data, None, chart(data)


def monthly_rates(from_date, to_date, today=None):
	today = today or getdate()
	values = {"start": from_date, "end": to_date}
	rounds = frappe.db.sql(
		"""
		select date_format(round_date, '%%Y-%%m') as month, count(*) as rounds,
			sum(round_type = 'Daily Patrol') as daily_patrols,
			sum(round_type = 'Monthly Joint Inspection') as joint_inspections
		from `tabInspection Round`
		where docstatus = 1 and round_date between %(start)s and %(end)s
		group by 1
		""",
		values,
		as_dict=True,
	)
	findings = frappe.db.sql(
		"""
		select date_format(r.round_date, '%%Y-%%m') as month, f.due_by, f.rectified_on,
			f.rectification_status
		from `tabInspection Finding` f
		join `tabInspection Round` r on r.name = f.parent and f.parenttype = 'Inspection Round'
		where r.docstatus = 1 and r.round_date between %(start)s and %(end)s
		""",
		values,
		as_dict=True,
	)
	rectification_type = frappe.db.get_single_value("Inspection Settings", "rectification_service_type")
	others = frappe.db.sql(
		"""
		select date_format(sr.creation, '%%Y-%%m') as month, count(*) as reported
		from `tabService Request` sr
		join `tabService Type` st on st.name = sr.service_type
		where st.service_category = 'Facilities and Repairs'
			and sr.service_type != %(rtype)s
			and ifnull(sr.reference_doctype, '') != 'Inspection Round'
			and sr.creation >= %(start)s and sr.creation < date_add(%(end)s, interval 1 day)
		group by 1
		""",
		{**values, "rtype": rectification_type or ""},
		as_dict=True,
	)
	months = sorted({r.month for r in rounds} | {f.month for f in findings} | {o.month for o in others})
	by_round = {r.month: r for r in rounds}
	by_other = {o.month: int(o.reported) for o in others}
	out = []
	for m in months:
		facts = [
			rules.FindingFacts(getdate(f.due_by) if f.due_by else None, f.rectified_on)
			for f in findings
			if f.month == m
		]
		statuses = [f.rectification_status for f in findings if f.month == m]
		r = by_round.get(m) or {}
		out.append(
			{
				"month": m,
				"rounds": int(r.get("rounds") or 0),
				"daily_patrols": int(r.get("daily_patrols") or 0),
				"joint_inspections": int(r.get("joint_inspections") or 0),
				"findings": len(facts),
				"reported_by_others": by_other.get(m, 0),
				"discovery_rate": rules.discovery_rate(len(facts), by_other.get(m, 0)),
				"late": sum(1 for f in facts if rules.is_late(f.due_by, f.rectified_on, today)),
				"verified": statuses.count("Verified"),
				"rectification_rate": rules.rectification_rate(facts, today),
			}
		)
	return out


def columns(s):
	return [
		{"fieldname": "month", "label": _("Month"), "fieldtype": "Data", "width": 90},
		{"fieldname": "rounds", "label": _("Rounds"), "fieldtype": "Int", "width": 80},
		{"fieldname": "daily_patrols", "label": _("Daily Patrols"), "fieldtype": "Int", "width": 100},
		{"fieldname": "joint_inspections", "label": _("Joint Inspections"), "fieldtype": "Int", "width": 110},
		{"fieldname": "findings", "label": _("Findings"), "fieldtype": "Int", "width": 90},
		{
			"fieldname": "reported_by_others",
			"label": _("Reported by Others"),
			"fieldtype": "Int",
			"width": 120,
		},
		{
			"fieldname": "discovery_rate",
			"label": _("Discovery Rate") + f" ({float(s.discovery_target or 90):g} %)",
			"fieldtype": "Percent",
			"width": 130,
		},
		{
			"fieldname": "rectification_rate",
			"label": _("Rectification Rate") + f" ({float(s.rectification_target or 100):g} %)",
			"fieldtype": "Percent",
			"width": 140,
		},
		{"fieldname": "late", "label": _("Late Rectifications"), "fieldtype": "Int", "width": 120},
		{"fieldname": "verified", "label": _("Verified"), "fieldtype": "Int", "width": 90},
	]


def chart(data):
	if not data:
		return None
	return {
		"data": {
			"labels": [d["month"] for d in data],
			"datasets": [
				{"name": _("Discovery Rate"), "values": [d["discovery_rate"] or 0 for d in data]},
				{"name": _("Rectification Rate"), "values": [d["rectification_rate"] or 0 for d in data]},
			],
		},
		"type": "bar",
		"fieldtype": "Percent",
	}
