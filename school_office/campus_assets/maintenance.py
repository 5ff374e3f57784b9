"""Maintenance (AS-4) on ERPNext's Asset Maintenance (+ Team, Log).

- A default plan per classification: the classification's periodicity and task (seeded: printers checked
  weekly, copiers and multifunction devices serviced monthly; an administrator edits them on the
  classification). When an Asset of such a classification is submitted, ERPNext's Asset Maintenance is
  created for it with that task, assigned to the least-loaded member of the maintenance team (the Asset
  Maintenance Team "School Maintenance", made from the service desk's Service Team "Maintenance").
  ERPNext then makes the Maintenance Log, the ToDo and the next due dates, and marks logs Overdue daily.
- ``remind_overdue`` (daily): each overdue log's assignee gets a system notification, once a day.
- ``failure_rates``: repairs per asset per classification and month, against the seeds' targets
  (8 % → 5 % → 3 %), for the report Asset Failure Rate.
"""

import frappe
from frappe import _
from frappe.utils import getdate, today

TEAM = "School Maintenance"
SERVICE_TEAM = "Maintenance"
FAILURE_TARGETS = (8.0, 5.0, 3.0)


def team_members() -> list[str]:
	users = []
	if frappe.db.exists("DocType", "Service Team") and frappe.db.exists("Service Team", SERVICE_TEAM):
		users = frappe.get_all(
			"Service Team Member",
			filters={"parent": SERVICE_TEAM, "parenttype": "Service Team"},
			pluck="user",
		)
	users = [u for u in users if u and frappe.db.get_value("User", u, "enabled")]
	if not users:
		users = frappe.get_all(
			"Has Role",
			filters={"role": "Maintenance Technician", "parenttype": "User"},
			pluck="parent",
			distinct=True,
		)
	return sorted(set(users))


def ensure_team(company: str) -> str | None:
	name = frappe.db.get_value("Asset Maintenance Team", {"maintenance_team_name": TEAM})
	members = team_members()
	if name:
		team = frappe.get_doc("Asset Maintenance Team", name)
		present = {m.team_member for m in team.maintenance_team_members}
		missing = [u for u in members if u not in present]
		if missing:
			for u in missing:
				team.append(
					"maintenance_team_members",
					{"team_member": u, "maintenance_role": "Maintenance Technician"},
				)
			team.flags.ignore_permissions = True
			team.save()
		return name
	if not members:
		return None
	team = frappe.get_doc(
		{
			"doctype": "Asset Maintenance Team",
			"maintenance_team_name": TEAM,
			"company": company,
			"maintenance_manager": members[0],
			"maintenance_team_members": [
				{"team_member": u, "maintenance_role": "Maintenance Technician"} for u in members
			],
		}
	)
	team.flags.ignore_permissions = True
	team.insert()
	return team.name


def least_loaded(team: str) -> str | None:
	members = frappe.get_all(
		"Maintenance Team Member",
		filters={"parent": team, "parenttype": "Asset Maintenance Team"},
		pluck="team_member",
	)
	if not members:
		return None
	load = dict(
		frappe.db.sql(
			"""select assign_to, count(*) from `tabAsset Maintenance Task`
			where maintenance_status != 'Cancelled' and assign_to in %s group by assign_to""",
			(members,),
		)
	)
	return min(sorted(members), key=lambda u: load.get(u, 0))


def create_plan(asset_name: str) -> str | None:
	"""ERPNext Asset Maintenance for a submitted asset whose classification has a periodicity."""
	a = frappe.db.get_value(
		"Asset", asset_name, ["name", "company", "asset_classification", "docstatus"], as_dict=True
	)
	if not a or a.docstatus != 1 or not a.asset_classification:
		return None
	c = frappe.db.get_value(
		"Asset Classification",
		a.asset_classification,
		["maintenance_periodicity", "maintenance_task", "classification_name"],
		as_dict=True,
	)
	if not c or not c.maintenance_periodicity or frappe.db.exists("Asset Maintenance", a.name):
		return None
	team = ensure_team(a.company)
	member = least_loaded(team) if team else None
	if not member:
		return None
	frappe.db.set_value("Asset", a.name, "maintenance_required", 1, update_modified=False)
	doc = frappe.get_doc(
		{
			"doctype": "Asset Maintenance",
			"asset_name": a.name,
			"company": a.company,
			"maintenance_team": team,
			"asset_maintenance_tasks": [
				{
					"maintenance_task": c.maintenance_task
					or _("{0} maintenance").format(_(c.classification_name)),
					"maintenance_type": "Preventive Maintenance",
					"maintenance_status": "Planned",
					"start_date": today(),
					"periodicity": c.maintenance_periodicity,
					"assign_to": member,
				}
			],
		}
	)
	doc.flags.ignore_permissions = True
	doc.insert()
	return doc.name


def on_asset_submit(doc, method=None):
	"""The plan is the system's: ERPNext's Asset Maintenance assigns its tasks (assign_to.add, which checks
	the session user's rights on Asset Maintenance), so it is made as Administrator whoever submits."""
	user = frappe.session.user
	frappe.set_user("Administrator")
	try:
		create_plan(doc.name)
	finally:
		frappe.set_user(user)


def remind_overdue():
	"""Daily: the assignee of each overdue maintenance log is reminded (once a day)."""
	rows = frappe.db.sql(
		"""select name, task_assignee_email, task_name, asset_name, due_date from `tabAsset Maintenance Log`
		where docstatus = 0 and maintenance_status in ('Planned', 'Overdue') and due_date < %s
		and ifnull(task_assignee_email, '') != ''""",
		today(),
		as_dict=True,
	)
	sent = 0
	for r in rows:
		user = frappe.db.get_value("User", {"email": r.task_assignee_email}, "name")
		if not user:
			continue
		if frappe.db.exists(
			"Notification Log",
			{
				"document_type": "Asset Maintenance Log",
				"document_name": r.name,
				"for_user": user,
				"creation": (">=", today()),
			},
		):
			continue
		frappe.get_doc(
			{
				"doctype": "Notification Log",
				"for_user": user,
				"type": "Alert",
				"document_type": "Asset Maintenance Log",
				"document_name": r.name,
				"subject": _("Overdue maintenance: {0} ({1}), due {2}").format(
					r.task_name or "", r.asset_name or "", r.due_date
				),
			}
		).insert(ignore_permissions=True)
		sent += 1
	return sent


def failure_rates(from_date=None, to_date=None) -> list[dict]:
	"""Per classification and month: repairs, assets in use, repairs per asset (%) and the targets."""
	conds, values = ["r.docstatus < 2"], {}
	if from_date:
		conds.append("r.failure_date >= %(from)s")
		values["from"] = getdate(from_date)
	if to_date:
		conds.append("r.failure_date < %(to)s")
		values["to"] = getdate(to_date)
	repairs = frappe.db.sql(
		f"""select a.asset_classification as classification, date_format(r.failure_date, '%%Y-%%m') as month,
			count(*) as repairs
		from `tabAsset Repair` r join `tabAsset` a on a.name = r.asset
		where a.asset_classification is not null and {" and ".join(conds)}
		group by a.asset_classification, month order by month, a.asset_classification""",
		values,
		as_dict=True,
	)
	assets = dict(
		frappe.db.sql(
			"""select asset_classification, count(*) from `tabAsset`
			where docstatus = 1 and status not in ('Scrapped', 'Sold', 'Cancelled') and asset_classification is not null
			group by asset_classification"""
		)
	)
	out = []
	for r in repairs:
		n = assets.get(r.classification, 0)
		rate = round(100.0 * r.repairs / n, 2) if n else None
		out.append(
			{
				**r,
				"assets": n,
				"failure_rate": rate,
				"target_1": FAILURE_TARGETS[0],
				"target_2": FAILURE_TARGETS[1],
				"target_3": FAILURE_TARGETS[2],
			}
		)
	return out
