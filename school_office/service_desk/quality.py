"""The service desk's quality loop (SD-8, SD-12): KPI figures, the analysis below the on-time
threshold, and the monthly audit.

KPI definitions are in ``school_office/core/quality.py`` (no Frappe). Here:

- ``track_request`` (validate of Service Request): sets ``contact_rounds`` (each Needs Info or reopening
  counts) and, at resolution, ``handling_minutes`` (working minutes from acceptance, else filing, to
  resolution on the School Calendar) — so the report only aggregates stored values.
- ``kpi_rows`` — the set-based query behind the report: one grouped pass over the period's requests, by
  month, team and type; repeat inquiries (``is_repeat``) and the completed audits' checks and findings
  (``audit_checks`` / ``audit_findings``, kept by ``store_audit_counts`` when an audit is completed or
  deleted) are stored on the request, so nothing is joined.
- ``kpi_rows_by_loop`` — the same figures request by request in Python (the benchmark's baseline).
- ``check_monthly_on_time`` (scheduled on the 1st) — last month's on-time rate below the threshold opens
  an ERPNext Quality Action (Corrective) against the Quality Goal *Service Desk KPIs*, once per month,
  assigned to the Office Managers.
- ``create_monthly_audit`` (scheduled on the 1st) — the Service Audit of last month (see the doctype).
"""

from __future__ import annotations

from datetime import date, datetime

import frappe
from frappe import _
from frappe.utils import (
	add_days,
	add_months,
	get_datetime,
	get_first_day,
	get_last_day,
	getdate,
	now_datetime,
)

from school_office.core import quality as rules

DOCTYPE = "Service Request"
GOAL = "Service Desk KPIs"
KPI_ROLES = ("Office Manager", "School Leader", "System Manager")
TARGET_FIELDS = {
	"on_time_rate": ("on_time_target", 90, "%"),
	"operator_error_rate": ("operator_error_target", 5, "%"),
	"first_contact_resolution_rate": ("first_contact_target", 70, "%"),
	"average_handling_minutes": ("handling_minutes_target", 15, "min"),
	"resolution_rate": ("resolution_target", 95, "%"),
	"repeat_inquiry_rate": ("repeat_target", 15, "%"),
}
KPI_LABELS = {
	"on_time_rate": "On-Time Rate",
	"operator_error_rate": "Operator Error Rate",
	"first_contact_resolution_rate": "First Contact Resolution Rate",
	"average_handling_minutes": "Average Handling Minutes",
	"resolution_rate": "Resolution Rate",
	"repeat_inquiry_rate": "Repeat Inquiry Rate",
}


def settings():
	return frappe.get_cached_doc("Service Quality Settings")


def targets() -> dict:
	s = settings()
	return {
		kpi: float(s.get(fieldname) or default) for kpi, (fieldname, default, _u) in TARGET_FIELDS.items()
	}


# ----------------------------------------------------------------------------- request fields


def track_request(doc, method=None):
	"""validate of Service Request: the KPI fields only the system sets."""
	before = doc.get_doc_before_save()
	old = before.status if before else None
	new = doc.status
	if old and old != new and (new == "Needs Info" or (old in rules.FINISHED and new not in rules.FINISHED)):
		doc.contact_rounds = (doc.contact_rounds or 0) + 1
	if doc.resolved_on and not (before and before.resolved_on):
		from school_office.utils.calendar import get_work_calendar

		start = get_datetime(doc.first_responded_on or doc.creation or now_datetime())
		end = get_datetime(doc.resolved_on)
		minutes = 0.0
		if end > start:
			minutes = get_work_calendar().working_time_between(start, end).total_seconds() / 60.0
		doc.handling_minutes = round(minutes, 1)
	elif not doc.resolved_on:
		doc.handling_minutes = 0
	if doc.is_new() or (before and before.service_type != doc.service_type):
		doc.is_repeat = int(is_repeat(doc))


def is_repeat(doc) -> bool:
	"""The requester filed a request of the same service type within the repeat window before this one."""
	if not (doc.requester and doc.service_type):
		return False
	filed = get_datetime(doc.creation or now_datetime())
	window = int(settings().repeat_window_days or 30)
	filters = [
		["requester", "=", doc.requester],
		["service_type", "=", doc.service_type],
		["creation", ">=", add_days(filed, -window)],
		["creation", "<=", filed],
	]
	if not doc.is_new():
		filters.append(["name", "!=", doc.name])
	return bool(frappe.get_all(DOCTYPE, filters=filters, limit=1, pluck="name", ignore_permissions=True))


# ----------------------------------------------------------------------------- KPI queries


def _period(from_date, to_date) -> tuple[datetime, datetime]:
	start = get_datetime(getdate(from_date))
	end = get_datetime(add_days(getdate(to_date), 1))
	return start, end


def kpi_rows(from_date, to_date, service_team=None, service_type=None, now=None) -> list[dict]:
	"""Counts per (month, team, service type) for requests filed from ``from_date`` to ``to_date``:
	one grouped scan of the period's requests (the audits' checks and findings are kept on the requests by
	``store_audit_counts``)."""
	start, end = _period(from_date, to_date)
	values = {
		"start": start,
		"end": end,
		"now": now or now_datetime(),
		"team": service_team,
		"type": service_type,
	}
	extra = ""
	if service_team:
		extra += " and sr.service_team = %(team)s"
	if service_type:
		extra += " and sr.service_type = %(type)s"
	return frappe.db.sql(
		f"""
		select
			date_format(sr.creation, '%%Y-%%m') as month,
			ifnull(sr.service_team, '') as service_team,
			ifnull(sr.service_type, '') as service_type,
			count(*) as requests,
			sum(sr.sla_resolution_by is not null
				and (sr.resolved_on is not null and sr.status in ('Resolved', 'Closed')
					or sr.sla_resolution_by < %(now)s)) as due,
			sum(sr.sla_resolution_by is not null and sr.resolved_on <= sr.sla_resolution_by
				and sr.status in ('Resolved', 'Closed')) as on_time,
			sum(sr.resolved_on is not null and sr.status in ('Resolved', 'Closed')) as resolved,
			sum(sr.resolved_on is not null and sr.status in ('Resolved', 'Closed')
				and ifnull(sr.contact_rounds, 0) = 0) as first_contact,
			sum(if(sr.resolved_on is not null and sr.status in ('Resolved', 'Closed'),
				ifnull(sr.handling_minutes, 0), 0)) as handling_total,
			sum(sr.status not in ('Rejected', 'Referred')) as resolvable,
			sum(sr.resolved_on is not null and sr.status in ('Resolved', 'Closed')
				and ifnull(sr.outcome, '') != 'Cannot Be Solved') as solved,
			sum(ifnull(sr.is_repeat, 0)) as repeats,
			sum(ifnull(sr.audit_checks, 0)) as audited,
			sum(ifnull(sr.audit_findings, 0)) as errors
		from `tabService Request` sr
		where sr.creation >= %(start)s and sr.creation < %(end)s {extra}
		group by 1, 2, 3
		order by 1, 2, 3
		""",
		values,
		as_dict=True,
	)


def store_audit_counts(requests: list[str]):
	"""The requests' checks and findings in completed Service Audits, kept on the request (``audit_checks``,
	``audit_findings``) when an audit is completed or deleted, so the KPI report reads them in its one scan."""
	requests = list(requests)
	for k in range(0, len(requests), 5000):
		_store_audit_counts(requests[k : k + 5000])


def _store_audit_counts(requests: list[str]):
	if not requests:
		return
	frappe.db.sql(
		"""update `tabService Request` sr
		left join (
			select ai.service_request, count(*) as checks, sum(ai.has_finding) as findings
			from `tabService Audit Item` ai
			join `tabService Audit` a on a.name = ai.parent and a.status = 'Completed'
			where ai.parenttype = 'Service Audit' and ai.service_request in %(names)s
			group by ai.service_request
		) au on au.service_request = sr.name
		set sr.audit_checks = ifnull(au.checks, 0), sr.audit_findings = ifnull(au.findings, 0)
		where sr.name in %(names)s""",
		{"names": tuple(requests)},
	)


def kpi_rows_by_loop(from_date, to_date, service_team=None, service_type=None, now=None) -> list[dict]:
	"""The same counts, request by request in Python over the same rows (baseline of the benchmark)."""
	start, end = _period(from_date, to_date)
	fields = [
		"name",
		"creation",
		"service_team",
		"service_type",
		"requester",
		"status",
		"outcome",
		"resolved_on",
		"sla_resolution_by",
		"contact_rounds",
		"handling_minutes",
		"is_repeat",
		"audit_checks",
		"audit_findings",
	]
	rows = frappe.get_all(
		DOCTYPE,
		filters=[["creation", ">=", start], ["creation", "<", end]],
		fields=fields,
		order_by="creation asc",
		ignore_permissions=True,
	)
	audits = {r.name: (int(r.audit_checks or 0), int(r.audit_findings or 0)) for r in rows}
	rows = [
		r
		for r in rows
		if (not service_team or r.service_team == service_team)
		and (not service_type or r.service_type == service_type)
	]
	groups = rules.kpis_from_rows(rows, audits, now or now_datetime())
	out = []
	for (month, team, stype), c in sorted(groups.items()):
		out.append({"month": month, "service_team": team, "service_type": stype, **c.__dict__})
	return out


def counts_of(row) -> rules.Counts:
	c = rules.Counts()
	for k in c.__dataclass_fields__:
		setattr(c, k, float(row.get(k) or 0) if k == "handling_total" else int(row.get(k) or 0))
	return c


def figures(rows) -> list[dict]:
	"""Rows of counts -> rows of KPI figures."""
	return [
		{"month": r["month"], "service_team": r["service_team"], "service_type": r["service_type"]}
		| counts_of(r).kpis()
		for r in rows
	]


def total(rows) -> dict:
	c = rules.Counts()
	for r in rows:
		c.add(counts_of(r))
	return c.kpis()


def month_figures(month_start: date, **filters) -> dict:
	month_start = get_first_day(month_start)
	return total(kpi_rows(month_start, get_last_day(month_start), **filters))


def kpi_card(kpi: str) -> dict:
	"""This month's figure of one KPI, for a number card (Office Manager, School Leader)."""
	from school_office.utils.actions import require_roles

	require_roles(KPI_ROLES, _("Only the Office Manager and School Leaders see the service desk KPIs."))
	value = month_figures(getdate()).get(kpi)
	return {
		"value": value or 0,
		"fieldtype": "Float" if kpi == "average_handling_minutes" else "Percent",
	}


@frappe.whitelist()
def on_time_rate_card(filters=None):
	"""Number card *On-Time Rate This Month*."""
	return kpi_card("on_time_rate")


@frappe.whitelist()
def first_contact_card(filters=None):
	"""Number card *First Contact Resolution This Month*."""
	return kpi_card("first_contact_resolution_rate")


@frappe.whitelist()
def handling_minutes_card(filters=None):
	"""Number card *Average Handling Minutes This Month*."""
	return kpi_card("average_handling_minutes")


# ----------------------------------------------------------------------------- analysis below threshold


def quality_goal() -> str | None:
	name = settings().quality_goal
	if name and frappe.db.exists("Quality Goal", name):
		return name
	return None


def check_monthly_on_time(month_start=None):
	"""On the 1st: last month's on-time rate below the threshold opens one Quality Action."""
	month_start = get_first_day(month_start or add_months(getdate(), -1))
	figures_ = month_figures(month_start)
	value = figures_.get("on_time_rate")
	threshold = float(settings().analysis_threshold or 85)
	if value is None or value >= threshold:
		return None
	return open_analysis(month_start, value, threshold)


def open_analysis(month_start: date, value: float, threshold: float) -> str:
	goal = quality_goal()
	if not goal:
		from school_office.service_desk.quality_setup import ensure_quality_goal

		goal = ensure_quality_goal()
	frappe.db.get_value("Quality Goal", goal, "name", for_update=True)  # one run at a time
	existing = frappe.db.get_value(
		"Quality Action", {"goal": goal, "date": month_start, "corrective_preventive": "Corrective"}
	)
	if existing:
		return existing
	managers = office_managers()
	month = month_start.strftime("%Y-%m")
	problem = _("The on-time rate of {0} was {1} % (target {2} %; an analysis opens below {3} %).").format(
		month, value, targets()["on_time_rate"], threshold
	)
	action = frappe.get_doc(
		{
			"doctype": "Quality Action",
			"goal": goal,
			"date": month_start,
			"corrective_preventive": "Corrective",
			"status": "Open",
			"resolutions": [{"problem": problem, "responsible": managers[0] if managers else None}],
		}
	)
	action.insert(ignore_permissions=True)
	if managers:
		from frappe.desk.form.assign_to import add as assign

		assign(
			{
				"doctype": "Quality Action",
				"name": action.name,
				"assign_to": managers,
				"description": problem,
				"date": add_days(getdate(), 5),
			},
			ignore_permissions=True,
		)
	return action.name


def office_managers() -> list[str]:
	users = frappe.get_all(
		"Has Role",
		filters={"role": "Office Manager", "parenttype": "User"},
		pluck="parent",
		distinct=True,
	)
	enabled = frappe.get_all(
		"User",
		filters={"name": ("in", users or [""]), "enabled": 1, "user_type": "System User"},
		pluck="name",
	)
	return sorted(u for u in enabled if u not in ("Administrator", "Guest"))


# ----------------------------------------------------------------------------- quarterly review (SD-13)


def previous_quarter(day) -> tuple[date, date]:
	day = getdate(day)
	first_month = ((day.month - 1) // 3) * 3 + 1
	this_quarter = date(day.year, first_month, 1)
	start = getdate(add_months(this_quarter, -3))
	return start, getdate(add_days(this_quarter, -1))


def fill_review(doc, method=None):
	"""validate of Quality Review: a review of the goal *Service Desk KPIs* (ERPNext opens one each
	quarter) gets the previous quarter's figures against each objective, and Passed / Failed by its
	target. Rows already written by the reviewer are left alone."""
	if doc.goal != (quality_goal() or GOAL):
		return
	start, end = previous_quarter(doc.date or getdate())
	t = total(kpi_rows(start, end))
	by_label = {KPI_LABELS[k]: k for k in rules.KPI_FIELDS}
	goals = targets()
	filled = False
	for row in doc.reviews:
		kpi = by_label.get(row.objective)
		if not kpi or (row.review or "").strip():
			continue
		value = t.get(kpi)
		unit = " %" if TARGET_FIELDS[kpi][2] == "%" else _(" min")
		shown = "-" if value is None else f"{value:g}{unit}"
		row.review = _("{0} to {1}: {2} (target {3})").format(start, end, shown, row.target or goals[kpi])
		ok = rules.meets_target(kpi, value, goals[kpi])
		if ok is not None:
			row.status = "Passed" if ok else "Failed"
		filled = True
	if filled and not (doc.additional_information or "").strip():
		from school_office.service_desk.survey import quarter_line

		doc.additional_information = _(
			"Figures of {0} requests filed from {1} to {2} (report Service Desk KPIs)."
		).format(t["requests"], start, end)
		satisfaction = quarter_line(start, end)
		if satisfaction:
			doc.additional_information += "\n" + satisfaction
	if filled and hasattr(doc, "set_status"):
		doc.set_status()
