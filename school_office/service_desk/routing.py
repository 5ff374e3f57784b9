"""Routing inside a team (SD-4) with Frappe's Assignment Rule.

Each Service Team owns a few Assignment Rules on Service Request, rebuilt whenever the team is
saved (they are derived from the team, so the team form is where an administrator edits them):

- "<team>: urgent" (priority 30) — Urgent requests go to the team's Senior and Expert members;
- "<team>: <area>" (priority 20) — requests whose area matches go to the members covering it;
- "<team>" (priority 10) — every other request of the team goes to all its members.

Frappe applies the highest-priority rule whose condition holds, with the team's method
(Round Robin or Load Balancing), and closes the assignment when the request is done.
"""

import json

import frappe

DOCTYPE = "Service Request"
MARK = "[school_office team]"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CLOSE_CONDITION = 'status in ("Resolved", "Closed", "Rejected", "Referred")'


def _q(value: str) -> str:
	return json.dumps(value, ensure_ascii=False)


def _areas(text: str | None) -> list[str]:
	return [a.strip() for a in (text or "").replace("，", ",").replace("、", ",").split(",") if a.strip()]


def planned_rules(team) -> list[dict]:
	members = [m for m in team.members if m.user]
	if not members:
		return []
	base = f"service_team == {_q(team.name)}"
	rules = []
	senior = [m.user for m in members if m.skill_level in ("Senior", "Expert")]
	if senior:
		rules.append({"name": f"{team.name}: urgent", "priority": 30, "condition": f'{base} and priority == "Urgent"', "users": senior})
	by_area: dict[str, list[str]] = {}
	for m in members:
		for area in _areas(m.areas):
			by_area.setdefault(area, []).append(m.user)
	for area, users in sorted(by_area.items()):
		cond = f"{base} and {_q(area.lower())} in (area or '').lower()"
		rules.append({"name": f"{team.name}: {area}"[:140], "priority": 20, "condition": cond, "users": users})
	rules.append({"name": team.name, "priority": 10, "condition": base, "users": [m.user for m in members]})
	return rules


def sync_team_rules(team, method=None):
	"""Create, update or remove the team's Assignment Rules to match its members."""
	wanted = {r["name"]: r for r in planned_rules(team)}
	existing = frappe.get_all(
		"Assignment Rule",
		filters={"document_type": DOCTYPE, "description": ("like", f"{MARK} {team.name}%")},
		pluck="name",
	)
	for name in existing:
		if name not in wanted:
			frappe.delete_doc("Assignment Rule", name, ignore_permissions=True, force=True)
	for name, r in wanted.items():
		doc = frappe.get_doc("Assignment Rule", name) if frappe.db.exists("Assignment Rule", name) else frappe.new_doc("Assignment Rule")
		if doc.is_new():
			doc.name = name
			doc.set("__newname", name)
		doc.update(
			{
				"document_type": DOCTYPE,
				"priority": r["priority"],
				"description": f"{MARK} {team.name}: managed from the Service Team form",
				"assign_condition": r["condition"],
				"close_condition": CLOSE_CONDITION,
				"rule": team.assignment_method or "Round Robin",
				"disabled": 0,
			}
		)
		doc.set("users", [{"user": u} for u in r["users"]])
		if not doc.assignment_days:
			doc.set("assignment_days", [{"day": d} for d in WEEKDAYS])
		doc.flags.ignore_permissions = True
		if doc.is_new():
			doc.insert(set_name=name)
		else:
			doc.save()


def remove_team_rules(team, method=None):
	for name in frappe.get_all(
		"Assignment Rule", filters={"document_type": DOCTYPE, "description": ("like", f"{MARK} {team.name}%")}, pluck="name"
	):
		frappe.delete_doc("Assignment Rule", name, ignore_permissions=True, force=True)
