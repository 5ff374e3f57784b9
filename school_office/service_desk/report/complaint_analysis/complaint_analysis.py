# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""Complaint Analysis (CF-4): complaints and suggestions by period, nature, problem type and department.

- nature: the request's Feedback Nature, from its service type (Complaint, Suggestion).
- department: the responsible department the office assigned, else the lead department, else
  "Not Assigned".
- filed (received): requests filed in the period; resolved: of them, Resolved or Closed; solved / cannot be
  solved: by the recorded outcome; adopted / published: suggestions taken up, and shown on the portal
  page /adopted-suggestions; plan on time (%): of the requests with a preliminary plan, the share made by
  its due time (CF-2); resolution rate (%): resolved of received.

One query reads the period's complaint-type requests; the grouping is school_office.core.survey.analyse.
Send it every month with Frappe's Auto Email Report (Report → Menu → Setup Auto Email).
"""

import frappe
from frappe import _
from frappe.utils import add_days, add_months, get_datetime, get_first_day, getdate

from school_office.core import survey as rules


def execute(filters=None):
	filters = frappe._dict(filters or {})
	to_date = getdate(filters.get("to_date") or getdate())
	from_date = getdate(filters.get("from_date") or get_first_day(add_months(to_date, -11)))
	if from_date > to_date:
		frappe.throw(_("From Date must be before To Date."), title=_("Invalid Filters"))
	period = filters.get("period") or "Month"
	if period not in rules.PERIODS:
		frappe.throw(_("Choose a period: month, quarter, semester or year."), title=_("Invalid Filters"))
	data = rules.analyse(load(from_date, to_date, filters), period, unassigned=_("Not Assigned"))
	for row in data:
		row["nature"] = _(row["nature"]) if row["nature"] else ""
		row["problem_type"] = _(row["problem_type"]) if row["problem_type"] else ""
	return columns(), data, None, chart(data)


def load(from_date, to_date, filters) -> list[dict]:
	conditions = ["creation >= %(start)s", "creation < %(end)s", "ifnull(feedback_nature, '') != ''"]
	values = {"start": get_datetime(from_date), "end": get_datetime(add_days(to_date, 1))}
	if filters.get("nature"):
		conditions.append("feedback_nature = %(nature)s")
		values["nature"] = filters.nature
	if filters.get("department"):
		conditions.append("coalesce(nullif(responsible_department, ''), lead_department) = %(department)s")
		values["department"] = filters.department
	return frappe.db.sql(
		f"""select creation, feedback_nature as nature, problem_type,
			coalesce(nullif(responsible_department, ''), lead_department) as department,
			status, outcome, adopted, publish_adoption as published, plan_due, plan_on
		from `tabService Request` where {" and ".join(conditions)}""",
		values,
		as_dict=True,
	)


def columns():
	def col(fieldname, label, fieldtype="Int", width=100, **extra):
		return {"fieldname": fieldname, "label": _(label), "fieldtype": fieldtype, "width": width, **extra}

	return [
		col("period", "Period", "Data", 90),
		col("nature", "Feedback Nature", "Data", 110),
		col("problem_type", "Problem Type", "Data", 140),
		col("department", "Department", "Link", 160, options="Department"),
		col("received", "Filed"),
		col("resolved", "Resolved"),
		col("solved", "Solved"),
		col("cannot_be_solved", "Cannot Be Solved", width=120),
		col("adopted", "Adopted"),
		col("published", "Published"),
		col("plan_on_time_rate", "Plan on Time", "Percent", 110),
		col("resolution_rate", "Resolution Rate", "Percent", 120),
	]


def chart(data):
	"""Requests received per period, one bar per nature."""
	if not data:
		return None
	periods = sorted({r["period"] for r in data})
	natures = sorted({r["nature"] for r in data})
	return {
		"data": {
			"labels": periods,
			"datasets": [
				{
					"name": nature,
					"values": [
						sum(r["received"] for r in data if r["period"] == p and r["nature"] == nature)
						for p in periods
					],
				}
				for nature in natures
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
	}
