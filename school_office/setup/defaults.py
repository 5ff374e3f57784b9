"""Admin-editable defaults, created once (after_install or a patch) and never overwritten.

Each helper inserts a record only when no record of that name exists; a record an
administrator has renamed or edited is left alone. The data is English; the zh
translation file carries the Chinese names shown to zh users.
"""

import frappe

from school_office.service_desk.materials import FORM_MATERIALS
from school_office.setup.default_data import (
	CATEGORIES,
	FEEDBACK_NATURES,
	FORM_TEMPLATES,
	ISSUE_PRIORITIES,
	SERVICE_TYPES,
	TEAMS,
)
from school_office.setup.roles import APP_ROLES, ROLE_PROFILES


def create_roles():
	for role in APP_ROLES:
		if not frappe.db.exists("Role", role):
			frappe.get_doc({"doctype": "Role", "role_name": role, "desk_access": 1}).insert(
				ignore_permissions=True
			)


def create_role_profiles():
	for profile, roles in ROLE_PROFILES.items():
		if frappe.db.exists("Role Profile", profile):
			continue
		frappe.get_doc(
			{"doctype": "Role Profile", "role_profile": profile, "roles": [{"role": r} for r in roles]}
		).insert(ignore_permissions=True)


def create_issue_priorities():
	for p in ISSUE_PRIORITIES:
		if not frappe.db.exists("Issue Priority", p):
			frappe.get_doc({"doctype": "Issue Priority", "description": p}).insert(
				ignore_permissions=True, set_name=p
			)


def create_settings():
	"""Give the Single its defaults once; afterwards fill only values that are empty.

	When Frappe syncs a Single it stores a new document's values, and a new document's Time
	fields get the current time instead of their default. So whether the defaults were applied
	is kept in a hidden flag, not read from the values.
	"""
	settings = frappe.get_single("School Office Settings")
	first_time = not settings.get("defaults_applied")
	defaults = {
		"work_start_time": "08:30:00",
		"work_end_time": "17:30:00",
		"max_attachment_size_mb": 5,
		"allowed_attachment_types": "pdf, doc, docx, jpg, jpeg, png",
		"guide_title": "Service Guide",
		"office_hours_note": "Monday to Friday, 08:30–17:30",
		"auto_close_after_days": 7,
		"escalation_threshold": 75,
		"routing_mode": "Every Minute",
	}
	changed = first_time
	if first_time:
		for day in ("monday", "tuesday", "wednesday", "thursday", "friday"):
			settings.set(day, 1)
		for day in ("saturday", "sunday"):
			settings.set(day, 0)
	for key, value in defaults.items():
		if (first_time or not settings.get(key)) and settings.meta.has_field(key):
			settings.set(key, value)
			changed = True
	if changed:
		settings.defaults_applied = 1
		settings.flags.ignore_permissions = True
		settings.save()


CATALOGUE_VERSION = 1


def create_catalogue():
	"""Seed categories, teams and service types once per site.

	The seeded version is kept in School Office Settings, so a category, team or service
	that an administrator renamed or deleted is not brought back by a later run.
	"""
	if (frappe.db.get_single_value("School Office Settings", "catalogue_version") or 0) >= CATALOGUE_VERSION:
		return
	_seed_catalogue()
	frappe.db.set_single_value("School Office Settings", "catalogue_version", CATALOGUE_VERSION)


def _seed_catalogue():
	for name, order, description in CATEGORIES:
		if not frappe.db.exists("Service Category", name):
			frappe.get_doc(
				{
					"doctype": "Service Category",
					"category_name": name,
					"sort_order": order,
					"description": description,
				}
			).insert(ignore_permissions=True)
	for name, description in TEAMS:
		if not frappe.db.exists("Service Team", name):
			frappe.get_doc({"doctype": "Service Team", "team_name": name, "description": description}).insert(
				ignore_permissions=True
			)
	for name, category, team, hours, priority, is_complaint, description, materials, steps in SERVICE_TYPES:
		if frappe.db.exists("Service Type", name):
			continue
		frappe.get_doc(
			{
				"doctype": "Service Type",
				"service_type_name": name,
				"service_category": category if frappe.db.exists("Service Category", category) else None,
				"service_team": team if frappe.db.exists("Service Team", team) else None,
				"time_limit_hours": hours,
				"default_priority": priority if frappe.db.exists("Issue Priority", priority) else None,
				"is_complaint": is_complaint,
				"feedback_nature": FEEDBACK_NATURES.get(name),
				"form_template": FORM_TEMPLATES.get(name),
				"is_published": 1,
				"description": description,
				"steps": steps,
				"required_materials": [
					{"material": m, "is_mandatory": mand, "given_in_form": int(m in FORM_MATERIALS)}
					for m, mand in materials
				],
			}
		).insert(ignore_permissions=True)


# Each module that has defaults of its own keeps them in <module>/install.py with
# create_defaults() (called on install and by its patches), optionally remove_defaults()
# (called before uninstall, for records it created outside its own doctypes) and
# make_demo(ctx) (called by the demo command).
MODULE_SETUPS = (
	"school_office.setup.permissions",
	"school_office.setup.link_display",
	"school_office.service_desk.install",
	"school_office.venues.install",
	"school_office.office_documents.install",
	"school_office.notices.install",
	"school_office.campus_assets.install",
	"school_office.office_supplies.install",
	"school_office.service_desk.quality_setup",
	"school_office.inspections.install",
	"school_office.campus_identity.install",
	"school_office.meetings.install",
)


def module_setups():
	"""The install modules of the modules present in this build."""
	import importlib
	import importlib.util

	out = []
	for dotted in MODULE_SETUPS:
		try:
			spec = importlib.util.find_spec(dotted)
		except ModuleNotFoundError:
			spec = None
		if spec is not None:
			out.append(importlib.import_module(dotted))
	return out


def create_all():
	"""Everything the office needs on its first morning; safe to call again."""
	create_roles()
	create_role_profiles()
	create_issue_priorities()
	create_settings()
	create_catalogue()
	for module in module_setups():
		if hasattr(module, "create_defaults"):
			module.create_defaults()
