# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""Service Team Load (SD-14): per team and person — on duty now (roster), rostered hours a week, open
requests assigned to them and requests assigned in the last seven days — so the Office Manager matches
rosters to load (and adds temporary staff at peaks)."""

import frappe
from frappe import _
from frappe.utils import add_days, now_datetime

from school_office.core import quality as rules
from school_office.service_desk.roster import on_duty, team_slots


def execute(filters=None):
	filters = frappe._dict(filters or {})
	teams = (
		[filters.service_team]
		if filters.get("service_team")
		else frappe.get_all("Service Team", pluck="name")
	)
	return columns(), rows(teams)


def rows(teams, moment=None):
	moment = moment or now_datetime()
	week_ago = add_days(moment, -7)
	out = []
	for team in sorted(teams):
		members = frappe.get_all(
			"Service Team Member",
			filters={"parent": team, "parenttype": "Service Team"},
			fields=["user", "full_name", "skill_level"],
			order_by="idx",
		)
		slots = team_slots(team)
		duty = on_duty(team, moment)
		minutes = rules.weekly_minutes(slots or [])
		people = [(m.user, m.full_name, m.skill_level, False) for m in members]
		for s in slots or []:
			if s.extra.get("temporary") and s.user not in {p[0] for p in people}:
				people.append((s.user, frappe.db.get_value("User", s.user, "full_name"), "", True))
		for user, name, skill, temporary in people:
			open_count = frappe.db.sql(
				"""select count(*) from `tabToDo` t join `tabService Request` r on r.name = t.reference_name
				where t.reference_type = 'Service Request' and t.allocated_to = %s and t.status = 'Open'
				and r.service_team = %s""",
				(user, team),
			)[0][0]
			recent = frappe.db.sql(
				"""select count(*) from `tabToDo` t join `tabService Request` r on r.name = t.reference_name
				where t.reference_type = 'Service Request' and t.allocated_to = %s and t.creation >= %s
				and r.service_team = %s""",
				(user, week_ago, team),
			)[0][0]
			if duty is None:
				now_on = None
			else:
				now_on = user in duty.members or user in duty.temporary
			out.append(
				{
					"service_team": team,
					"user": user,
					"full_name": name,
					"skill_level": skill,
					"temporary": int(temporary),
					"on_duty": "" if now_on is None else (_("Yes") if now_on else _("No")),
					"rostered_hours": round(minutes.get(user, 0) / 60, 1) if slots is not None else None,
					"open_requests": int(open_count),
					"assigned_last_7_days": int(recent),
				}
			)
	return out


def columns():
	return [
		{
			"fieldname": "service_team",
			"label": _("Service Team"),
			"fieldtype": "Link",
			"options": "Service Team",
			"width": 130,
		},
		{"fieldname": "user", "label": _("User"), "fieldtype": "Link", "options": "User", "width": 180},
		{"fieldname": "full_name", "label": _("Full Name"), "fieldtype": "Data", "width": 120},
		{"fieldname": "skill_level", "label": _("Skill Level"), "fieldtype": "Data", "width": 100},
		{"fieldname": "temporary", "label": _("Temporary Staff"), "fieldtype": "Check", "width": 90},
		{"fieldname": "on_duty", "label": _("On Duty Now"), "fieldtype": "Data", "width": 90},
		{
			"fieldname": "rostered_hours",
			"label": _("Rostered Hours a Week"),
			"fieldtype": "Float",
			"width": 120,
		},
		{"fieldname": "open_requests", "label": _("Open Requests"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "assigned_last_7_days",
			"label": _("Assigned in 7 Days"),
			"fieldtype": "Int",
			"width": 120,
		},
	]
