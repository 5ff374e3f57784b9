"""Dispatch (AS-6): the dispatcher's board of open repairs and emergency plans.

- ``open_repairs``: open repair Service Requests about assets (the service desk's requests; the area, the
  priority as urgency, the asset's classification as the skill needed), with their Asset Repair clocks and
  who is assigned — the report *Repair Dispatch Board* shows it with each technician's load.
- ``dispatch``: the dispatcher (Office Manager / Office Staff) assigns a technician (Frappe's assignment, as
  the service desk does) and every dispatch is recorded on the request's timeline.
- ``launch_emergency_plan``: an Emergency Plan (power cut, burst pipe, … : tasks for named roles with a
  time limit) becomes ToDos for the users of each role, due in the plan's minutes, and the launch is
  recorded. Frappe/ERPNext have no dispatch board or emergency checklist; the assignments and ToDos are
  Frappe's own.
"""

import frappe
from frappe import _
from frappe.utils import add_to_date, now_datetime

from school_office.campus_assets.repairs import REPAIR_SERVICE_TYPES
from school_office.utils.actions import load_for_action, require_roles

DISPATCHERS = ("Office Manager", "Office Staff", "System Manager")
OPEN = ("Open", "Accepted", "In Progress", "On Hold", "Needs Info")


def open_repairs() -> list[dict]:
	rows = frappe.db.sql(
		"""select s.name as service_request, s.subject, s.area, s.priority, s.status, s._assign,
			s.reference_name as asset, a.asset_name, a.asset_classification, a.location,
			r.name as asset_repair, r.respond_by, r.on_site_by, r.fix_by, r.arrived_on, r.is_major_fault
		from `tabService Request` s
		left join `tabAsset` a on s.reference_doctype = 'Asset' and a.name = s.reference_name
		left join `tabAsset Repair` r on r.service_request = s.name and r.docstatus < 2
		where s.status in %(open)s and (s.service_type in %(types)s or s.reference_doctype = 'Asset')
		order by r.is_major_fault desc, r.respond_by is null, r.respond_by, s.creation""",
		{"open": OPEN, "types": REPAIR_SERVICE_TYPES},
		as_dict=True,
	)
	for r in rows:
		r["assigned_to"] = ", ".join(frappe.parse_json(r.pop("_assign") or "[]"))
	return rows


def technician_load() -> dict[str, int]:
	techs = frappe.get_all(
		"Has Role",
		filters={"role": "Maintenance Technician", "parenttype": "User"},
		pluck="parent",
		distinct=True,
	)
	load = dict.fromkeys(sorted(t for t in techs if t not in ("Administrator",)), 0)
	for r in open_repairs():
		for u in filter(None, (x.strip() for x in r["assigned_to"].split(","))):
			if u in load:
				load[u] += 1
	return load


@frappe.whitelist(methods=["POST"])
def dispatch(service_request, technician):
	"""Assign a technician to an open repair request; recorded on the request's timeline."""
	doc = load_for_action(
		"Service Request",
		service_request,
		"write",
		roles=DISPATCHERS,
		message=_("Only the dispatcher (office staff) dispatches repairs."),
	)
	if doc.status not in OPEN:
		frappe.throw(_("Request {0} is {1}: nothing to dispatch.").format(doc.name, _(doc.status)))
	if "Maintenance Technician" not in frappe.get_roles(technician) or not frappe.db.get_value(
		"User", technician, "enabled"
	):
		frappe.throw(_("{0} is not an active maintenance technician.").format(technician))
	from frappe.desk.form.assign_to import add as assign

	assigned = frappe.parse_json(doc.get("_assign") or "[]")
	if technician not in assigned:
		assign(
			{
				"doctype": doc.doctype,
				"name": doc.name,
				"assign_to": [technician],
				"description": doc.subject,
			},
			ignore_permissions=True,
		)
	doc.add_comment("Info", _("Dispatched to {0} by {1}").format(technician, frappe.session.user))
	return {"service_request": doc.name, "technician": technician}


@frappe.whitelist(methods=["POST"])
def launch_emergency_plan(plan, note=None):
	"""Every task of the plan becomes a ToDo for each user of its role, due in the task's minutes."""
	require_roles(DISPATCHERS, _("Only the dispatcher launches emergency plans."))
	doc = load_for_action("Emergency Plan", plan, "read")
	now = now_datetime()
	made = 0
	for t in doc.tasks:
		due = add_to_date(now, minutes=int(t.due_minutes or 0))
		users = frappe.get_all(
			"Has Role", filters={"role": t.role, "parenttype": "User"}, pluck="parent", distinct=True
		)
		for u in users:
			if u in ("Administrator", "Guest") or not frappe.db.get_value("User", u, "enabled"):
				continue
			frappe.get_doc(
				{
					"doctype": "ToDo",
					"allocated_to": u,
					"description": _("{0}: {1} (due by {2})").format(
						_(doc.plan_name), _(t.task), due.strftime("%Y-%m-%d %H:%M")
					)
					+ (f" — {frappe.utils.escape_html(note)}" if note else ""),
					"date": due.date(),
					"priority": "High",
					"reference_type": doc.doctype,
					"reference_name": doc.name,
					"assigned_by": frappe.session.user,
				}
			).insert(ignore_permissions=True)
			made += 1
	frappe.db.set_value(
		doc.doctype,
		doc.name,
		{"last_launched_on": now, "last_launched_by": frappe.session.user},
		update_modified=False,
	)
	doc.add_comment("Info", _("Launched by {0}: {1} tasks").format(frappe.session.user, made))
	return made


PLANS = {
	"Power Cut": (
		"停电应急预案: restore power and keep the school safe",
		(
			("Check the distribution room and report the cause", "Maintenance Technician", 15),
			("Start the standby generator for key rooms", "Maintenance Technician", 30),
			("Inform the school leaders and the departments", "Office Manager", 15),
			("Post a notice of the outage and its expected end", "Office Staff", 30),
		),
	),
	"Burst Pipe": (
		"爆管应急预案: stop the water and protect rooms and equipment",
		(
			("Close the water valve of the area", "Maintenance Technician", 10),
			("Move equipment out of the water's way", "Asset Administrator", 30),
			("Inform the departments of the rooms affected", "Office Staff", 20),
			("Arrange the repair and cleaning", "Office Manager", 60),
		),
	),
}


def create_plans():
	for name, (description, tasks) in PLANS.items():
		if frappe.db.exists("Emergency Plan", name):
			continue
		frappe.get_doc(
			{
				"doctype": "Emergency Plan",
				"plan_name": name,
				"description": description,
				"tasks": [{"task": t, "role": r, "due_minutes": m} for t, r, m in tasks],
			}
		).insert(ignore_permissions=True)
