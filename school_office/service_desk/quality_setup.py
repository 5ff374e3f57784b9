"""Defaults of the service desk's quality loop, created once (install, patch) and never overwritten:
the Service Quality Settings values, the ERPNext Quality Goal *Service Desk KPIs* (its objectives are the
KPI targets, kept in step when the settings are saved; frequency Quarterly, so ERPNext's daily job opens
the quarterly Quality Review), the standard replies (Email Templates) and the index the KPI report's
repeat-inquiry window uses."""

import frappe

from school_office.service_desk.quality import GOAL, KPI_LABELS, TARGET_FIELDS

SETTINGS = "Service Quality Settings"
DEFAULTS = {
	"on_time_target": 90,
	"analysis_threshold": 85,
	"operator_error_target": 5,
	"first_contact_target": 70,
	"handling_minutes_target": 15,
	"resolution_target": 95,
	"repeat_target": 15,
	"repeat_window_days": 30,
	"audit_sample_percent": 20,
}
INDEX = "requester_type_creation"


def create_defaults():
	if not frappe.db.table_exists(SETTINGS) and not frappe.db.exists("DocType", SETTINGS):
		return
	for key, value in DEFAULTS.items():
		if frappe.db.get_single_value(SETTINGS, key) in (None, "", 0, 0.0):
			frappe.db.set_single_value(SETTINGS, key, value)
	frappe.clear_document_cache(SETTINGS, SETTINGS)
	ensure_quality_goal()
	ensure_index()
	from school_office.service_desk.replies import create_templates

	create_templates()


def ensure_index():
	if frappe.db.has_column("Service Request", "requester"):
		frappe.db.add_index("Service Request", ["requester", "service_type", "creation"], INDEX)
		frappe.db.add_index("Service Request", ["creation"], "creation_kpi")


def objectives(settings) -> list[dict]:
	out = []
	for kpi, (fieldname, default, unit) in TARGET_FIELDS.items():
		value = settings.get(fieldname)
		value = default if value in (None, "") else value
		out.append({"objective": KPI_LABELS[kpi], "target": f"{float(value):g} {unit}"})
	return out


def ensure_quality_goal() -> str:
	"""The Quality Goal holding the KPI targets; created once, its link kept in the settings."""
	settings = frappe.get_single(SETTINGS)
	name = settings.quality_goal if settings.quality_goal else None
	if name and frappe.db.exists("Quality Goal", name):
		return name
	if not frappe.db.exists("Quality Goal", GOAL):
		goal = frappe.get_doc(
			{
				"doctype": "Quality Goal",
				"goal": GOAL,
				"frequency": "Quarterly",
				"objectives": objectives(settings),
			}
		)
		goal.insert(ignore_permissions=True)
	frappe.db.set_single_value(SETTINGS, "quality_goal", GOAL)
	frappe.clear_document_cache(SETTINGS, SETTINGS)
	return GOAL


def sync_goal_objectives(settings):
	"""Settings saved: the goal's objectives show the new targets (other objectives stay)."""
	name = settings.quality_goal
	if not name or not frappe.db.exists("Quality Goal", name):
		return
	goal = frappe.get_doc("Quality Goal", name)
	wanted = {o["objective"]: o["target"] for o in objectives(settings)}
	seen = set()
	for row in goal.objectives:
		if row.objective in wanted:
			row.target = wanted[row.objective]
			seen.add(row.objective)
	for objective, target in wanted.items():
		if objective not in seen:
			goal.append("objectives", {"objective": objective, "target": target})
	goal.flags.ignore_permissions = True
	goal.save()


def remove_defaults():
	"""Uninstall: the goal the app created (its reviews and actions stay ERPNext records)."""
	if frappe.db.exists("Quality Goal", GOAL) and not frappe.db.exists("Quality Review", {"goal": GOAL}):
		if not frappe.db.exists("Quality Action", {"goal": GOAL}):
			frappe.delete_doc("Quality Goal", GOAL, ignore_permissions=True, force=True)


DEMO_SURVEY = "General Office Satisfaction Survey"


def make_demo(ctx):
	"""Demo: this semester's survey, open on the portal with the five standard questions (SD-13)."""
	if frappe.db.exists("Satisfaction Survey", {"title": DEMO_SURVEY}):
		return
	frappe.get_doc(
		{
			"doctype": "Satisfaction Survey",
			"title": DEMO_SURVEY,
			"semester": "2026-2027 Autumn Semester",
			"intro": "Five questions and one open question; it takes two minutes.",
			"published": 1,
			"results_published": 1,
		}
	).insert(ignore_permissions=True)
