"""Defaults of the Inspections module, created once (install, patch) and never overwritten: the
Inspection Settings values, the service type *Inspection Rectification* (the rectification requests),
two checklist templates, and the Supplier Scorecard Variables / Criteria of contractor credit.
remove_defaults(): the scorecard variables and criteria (their path points into this app) when no
scorecard uses them."""

import frappe

from school_office.inspections.scorecard import CRITERIA, VARIABLES

SETTINGS = "Inspection Settings"
RECTIFICATION_TYPE = "Inspection Rectification"
DEFAULTS = {
	"discovery_target": 90,
	"rectification_target": 100,
	"minor_due_days": 5,
	"major_due_days": 2,
	"critical_due_days": 1,
	"points_per_finding": 2,
	"points_per_late_rectification": 5,
}
TEMPLATES = (
	(
		"Public Area Daily Patrol",
		"Daily Patrol",
		"Teaching buildings and public areas",
		[
			("Corridors and stairs clean and unobstructed", "No rubbish, no objects blocking the way"),
			("Lighting works", "Corridor, stair and toilet lights"),
			(
				"Fire exits and extinguishers",
				"Exit signs lit, doors unlocked, extinguishers in place and in date",
			),
			("Toilets clean and supplied", "Clean floors, soap and paper, no blocked drains"),
			("No water leaks or damage", "Ceilings, pipes, windows and doors"),
		],
	),
	(
		"Monthly Joint Inspection",
		"Monthly Joint Inspection",
		"Whole campus",
		[
			("Fire safety equipment", "Alarms, hydrants, extinguishers, evacuation plans"),
			("Electrical safety", "Distribution boxes closed and labelled, no exposed wiring"),
			("Building structure", "Cracks, loose railings, damaged stairs"),
			("Canteen hygiene", "Licences, food storage, staff health certificates"),
			("Contractor services", "Cleaning, security and greening as contracted"),
		],
	),
)


def create_defaults():
	if not frappe.db.exists("DocType", SETTINGS):
		return
	for key, value in DEFAULTS.items():
		if frappe.db.get_single_value(SETTINGS, key) in (None, "", 0, 0.0):
			frappe.db.set_single_value(SETTINGS, key, value)
	if not frappe.db.get_single_value(SETTINGS, "rectification_service_type"):
		frappe.db.set_single_value(SETTINGS, "rectification_service_type", ensure_rectification_type())
	frappe.clear_document_cache(SETTINGS, SETTINGS)
	for name, round_type, area, items in TEMPLATES:
		if not frappe.db.exists("Inspection Template", name):
			frappe.get_doc(
				{
					"doctype": "Inspection Template",
					"template_name": name,
					"round_type": round_type,
					"area": area,
					"items": [{"item": i, "guidance": g} for i, g in items],
				}
			).insert(ignore_permissions=True)
	create_scorecard_records()


def ensure_rectification_type() -> str | None:
	if frappe.db.exists("Service Type", RECTIFICATION_TYPE):
		return RECTIFICATION_TYPE
	if not frappe.db.exists("DocType", "Service Type"):
		return None
	frappe.get_doc(
		{
			"doctype": "Service Type",
			"service_type_name": RECTIFICATION_TYPE,
			"service_category": "Facilities and Repairs"
			if frappe.db.exists("Service Category", "Facilities and Repairs")
			else frappe.get_all("Service Category", pluck="name", limit=1)[0],
			"service_team": "Maintenance" if frappe.db.exists("Service Team", "Maintenance") else None,
			"time_limit_hours": 40,
			"default_priority": "Medium" if frappe.db.exists("Issue Priority", "Medium") else None,
			"is_published": 0,
			"description": "Rectification of a finding of an inspection round, verified by the inspector.",
		}
	).insert(ignore_permissions=True)
	return RECTIFICATION_TYPE


def create_scorecard_records():
	if not frappe.db.exists("DocType", "Supplier Scorecard Variable"):
		return
	for label, param, fn, description in VARIABLES:
		if not frappe.db.exists("Supplier Scorecard Variable", label):
			frappe.get_doc(
				{
					"doctype": "Supplier Scorecard Variable",
					"variable_label": label,
					"is_custom": 1,
					"param_name": param,
					"path": f"school_office.inspections.scorecard.{fn}",
					"description": description,
				}
			).insert(ignore_permissions=True)
	if not frappe.db.exists("Supplier Scorecard Criteria", CRITERIA):
		frappe.get_doc(
			{
				"doctype": "Supplier Scorecard Criteria",
				"criteria_name": CRITERIA,
				"max_score": 100,
				"weight": 100,
				"formula": "100 - {inspection_points_lost}",
			}
		).insert(ignore_permissions=True)


def remove_defaults():
	if frappe.db.exists("DocType", "Supplier Scorecard Scoring Criteria") and frappe.db.exists(
		"Supplier Scorecard Scoring Criteria", {"criteria_name": CRITERIA}
	):
		return  # a scorecard uses it: the administrator decides
	if frappe.db.exists("Supplier Scorecard Criteria", CRITERIA):
		frappe.delete_doc("Supplier Scorecard Criteria", CRITERIA, ignore_permissions=True, force=True)
	for label, *_rest in VARIABLES:
		if frappe.db.exists("Supplier Scorecard Variable", label):
			frappe.delete_doc("Supplier Scorecard Variable", label, ignore_permissions=True, force=True)
