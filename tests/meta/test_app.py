"""Tier 2: the app's own metadata passes every static check."""

import pytest

from school_office.setup.roles import APP_ROLES, ROLE_PROFILES
from tests.conftest import ROOT
from tests.meta import checks

APP = checks.load_app(ROOT / "school_office")
RESULTS = checks.run_all(APP, APP_ROLES)


@pytest.mark.parametrize("name", checks.ALL_CHECKS)
def test_check(name):
	assert RESULTS[name] == [], "\n".join(RESULTS[name])


def test_app_is_loaded():
	# guards against a loader that silently finds nothing
	assert {"Service Type", "Service Category", "Service Team", "School Office Settings"} <= set(APP.doctypes)
	assert APP.modules[:2] == ["School Office", "Service Desk"]
	assert APP.hooks["app_name"] == "school_office"
	assert APP.translations, "zh.csv not read"


def test_translation_file_is_well_formed():
	assert checks.check_translation_file(ROOT / "school_office" / "translations" / "zh.csv") == []


def test_contract_modules_are_known():
	contract = {
		"School Office",
		"Service Desk",
		"Office Documents",
		"Meetings",
		"Venues",
		"Campus Assets",
		"Office Supplies",
		"Notices",
		"Inspections",
		"Campus Identity",
	}
	assert set(APP.modules) <= contract


def test_required_hooks():
	h = APP.hooks
	assert h["required_apps"] == ["frappe/erpnext"]
	for key in ("app_title", "app_publisher", "app_description", "app_license", "add_to_apps_screen"):
		assert h.get(key), key
	assert h["add_to_apps_screen"][0]["route"].startswith("/app/")


def test_roles_and_profiles_contract():
	assert set(APP_ROLES) == {
		"Office Manager",
		"Office Staff",
		"Department Head",
		"School Leader",
		"Document Clerk",
		"Maintenance Technician",
		"Asset Administrator",
		"Meeting Team",
	}
	for profile, roles in ROLE_PROFILES.items():
		assert set(roles) <= set(APP_ROLES), profile
	assert not set(APP_ROLES) & checks.read_names("frappe15_erpnext15_roles.txt")


def test_catalogue_contract_fields():
	def fields(dt):
		return {f["fieldname"]: f for f in APP.doctypes[dt]["fields"]}

	st = fields("Service Type")
	for fn in (
		"service_type_name",
		"service_category",
		"description",
		"required_materials",
		"time_limit_hours",
		"service_team",
		"contact_person",
		"default_priority",
		"is_complaint",
		"is_published",
		"route",
	):
		assert fn in st, fn
	assert st["required_materials"]["options"] == "Service Type Material"
	assert st["default_priority"]["options"] == "Issue Priority"
	mat = fields("Service Type Material")
	assert {"material", "is_mandatory"} <= set(mat)
	team = fields("Service Team")
	assert {"team_name", "members", "lead"} <= set(team)
	assert {"user", "skill_level", "areas"} <= set(fields("Service Team Member"))
	assert {"category_name", "description", "sort_order"} <= set(fields("Service Category"))
	assert APP.doctypes["School Office Settings"]["issingle"] == 1


def test_defaults_data_is_consistent():
	from school_office.setup import default_data as defaults

	cats = {c[0] for c in defaults.CATEGORIES}
	teams = {t[0] for t in defaults.TEAMS}
	assert cats == {
		"Academic",
		"Daily Life",
		"Activities",
		"Administration",
		"Facilities and Repairs",
		"Complaints and Suggestions",
	}
	assert teams == {"Print Room", "Meeting Team", "Coordination", "Maintenance"}
	assert len(defaults.SERVICE_TYPES) >= 10
	for st in defaults.SERVICE_TYPES:
		assert st[1] in cats and st[2] in teams and st[4] in defaults.ISSUE_PRIORITIES, st[0]
	# the default content is shown to zh users through the translation file
	for text in (
		[c[0] for c in defaults.CATEGORIES]
		+ [c[2] for c in defaults.CATEGORIES]
		+ [s[0] for s in defaults.SERVICE_TYPES]
		+ [s[6] for s in defaults.SERVICE_TYPES]
		+ [m for s in defaults.SERVICE_TYPES for m, _ in s[7]]
		+ [s[8] for s in defaults.SERVICE_TYPES]
	):
		assert APP.translations.get(text), f"no zh translation for default content {text!r}"
