"""A demo school on a site: departments, a user for each role, service teams with members.

Run:  bench --site SITE school-office-demo
  or: bench --site SITE execute school_office.demo.make_demo

Idempotent: a second run finds everything in place and changes nothing. Later modules add
their own demo data through DEMO_STEPS.
"""

import frappe

from school_office.setup.demo_data import (
	DEMO_DOMAIN,
	DEMO_PASSWORD,
	DEPARTMENTS,
	TEAM_LEADS,
	TEAM_MEMBERS,
	USERS,
)

# other modules append callables taking the demo context dict
DEMO_STEPS: list = []


def email(local: str) -> str:
	return f"{local}@{DEMO_DOMAIN}"


def _company() -> str | None:
	return frappe.defaults.get_global_default("company") or frappe.db.get_value("Company", {}, "name")


def make_departments(company: str | None) -> dict[str, str]:
	out = {}
	for dept in DEPARTMENTS:
		name = frappe.db.get_value("Department", {"department_name": dept, "company": company})
		if not name:
			doc = frappe.get_doc(
				{
					"doctype": "Department",
					"department_name": dept,
					"company": company,
					"parent_department": _root(),
				}
			).insert(ignore_permissions=True)
			name = doc.name
		out[dept] = name
	return out


def _root() -> str | None:
	return frappe.db.get_value("Department", {"is_group": 1, "parent_department": ("in", ("", None))}) or None


def make_users() -> dict[str, str]:
	out = {}
	for local, first, last, roles, lang, _dept, user_type in USERS:
		mail = email(local)
		out[local] = mail
		if frappe.db.exists("User", mail):
			continue
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": mail,
				"first_name": first,
				"last_name": last,
				"language": lang,
				"send_welcome_email": 0,
				"user_type": user_type,
				"enabled": 1,
				"new_password": DEMO_PASSWORD,
				"roles": [{"role": r} for r in roles],
			}
		)
		user.flags.ignore_password_policy = True
		user.insert(ignore_permissions=True)
	return out


def make_team_members(users: dict[str, str]):
	for team, members in TEAM_MEMBERS.items():
		if not frappe.db.exists("Service Team", team):
			continue
		doc = frappe.get_doc("Service Team", team)
		present = {m.user for m in doc.members}
		changed = False
		for local, level, areas in members:
			if users[local] not in present:
				doc.append("members", {"user": users[local], "skill_level": level, "areas": areas})
				changed = True
		lead = users[TEAM_LEADS[team]]
		if not doc.lead:
			doc.lead = lead
			changed = True
		if changed:
			doc.save(ignore_permissions=True)


def make_demo(verbose: bool = True) -> dict:
	from school_office.setup.defaults import create_all

	frappe.flags.in_demo = True
	create_all()
	company = _company()
	ctx = {"company": company, "departments": make_departments(company) if company else {}}
	ctx["users"] = make_users()
	make_team_members(ctx["users"])
	from school_office.setup.defaults import module_setups

	for module in module_setups():
		if hasattr(module, "make_demo"):
			module.make_demo(ctx)
	for step in DEMO_STEPS:
		step(ctx)
	frappe.db.commit()
	if verbose:
		print(
			f"Demo school ready: {len(ctx['users'])} users (password {DEMO_PASSWORD}), {len(ctx['departments'])} departments"
		)
	return ctx
