"""migrate keeps an administrator's edits; uninstall leaves nothing behind (on a throwaway site)."""

import json

from school_office.setup.roles import APP_ROLES
from tests.bench.conftest import DESTRUCTIVE_SITE, SITE, URL, bench, need
from tests.conftest import ROOT
from tests.meta.checks import load_app

APP_MODULES = (ROOT / "school_office" / "modules.txt").read_text().split("\n")
APP_MODULES = [m.strip() for m in APP_MODULES if m.strip()]


def _foreign_custom_fields() -> list[tuple[str, str]]:
	"""(doctype, fieldname) of every custom field the modules add to Frappe's and ERPNext's doctypes."""
	from school_office.campus_assets.install import CUSTOM_FIELDS as assets
	from school_office.campus_identity.install import GROUP_FIELD
	from school_office.notices.install import USER_FIELDS
	from school_office.office_supplies.install import CUSTOM_FIELDS as supplies

	pairs = [("User", GROUP_FIELD["fieldname"])] + [("User", f["fieldname"]) for f in USER_FIELDS]
	for defs in (assets, supplies):
		for dt, fields in defs.items():
			pairs += [(dt, f["fieldname"]) for f in fields]
	assert len(pairs) > 10, pairs
	return pairs


APP_DOCTYPES = sorted(
	name for name, dt in load_app(ROOT / "school_office").doctypes.items() if not dt.get("issingle")
)


def test_migrate_twice_keeps_admin_edits(site_url, admin, demo):
	rest = f"{URL}/api/resource"
	# an administrator renames a service type and changes a team member
	old, new = "Transcript Request", "Transcript Request (Renamed)"
	if admin.get(f"{rest}/Service Type/{old}").status_code == 200:
		r = admin.post(
			f"{URL}/api/method/frappe.model.rename_doc.update_document_title",
			data={
				"doctype": "Service Type",
				"docname": old,
				"name": new,
				"title": new,
				"merge": 0,
				"freeze": 0,
			},
			timeout=60,
		)
		assert r.status_code == 200, r.text
	team = admin.get(f"{rest}/Service Team/Print Room").json()["data"]
	members = [{"user": "Administrator", "skill_level": "Expert", "areas": "Edited"}]
	assert admin.put(f"{rest}/Service Team/Print Room", json={"members": members}).status_code == 200

	bench("--site", SITE, "migrate")
	bench("--site", SITE, "migrate")

	assert admin.get(f"{rest}/Service Type/{new}").status_code == 200
	assert admin.get(f"{rest}/Service Type/{old}").status_code == 404
	team = admin.get(f"{rest}/Service Team/Print Room").json()["data"]
	assert [(m["user"], m["areas"]) for m in team["members"]] == [("Administrator", "Edited")]


def _count(site, sql):
	out = bench("--site", site, "execute", "frappe.db.sql", "--args", json.dumps([sql])).stdout
	return json.loads(out.strip().splitlines()[-1])[0][0]


def test_uninstall_leaves_nothing_and_reinstall_works():
	need("SCHOOL_OFFICE_BENCH", "SCHOOL_OFFICE_DESTRUCTIVE_SITE")
	site = DESTRUCTIVE_SITE
	installed = bench("--site", site, "list-apps").stdout
	if "school_office" not in installed:
		bench("--site", site, "install-app", "school_office")
	bench("--site", site, "uninstall-app", "school_office", "--yes", "--no-backup")
	modules = ", ".join(f"'{m}'" for m in APP_MODULES)
	checks = {
		"doctypes": f"select count(*) from tabDocType where module in ({modules})",
		"roles": "select count(*) from tabRole where name in ("
		+ ", ".join(f"'{r}'" for r in APP_ROLES)
		+ ")",
		"profiles": "select count(*) from `tabRole Profile` where name like 'School %'",
		"modules": "select count(*) from `tabModule Def` where app_name='school_office'",
		"workspaces": f"select count(*) from tabWorkspace where module in ({modules})",
		"print formats": f"select count(*) from `tabPrint Format` where module in ({modules})",
		"tables": "select count(*) from information_schema.tables where table_schema=database() and table_name in ("
		+ ", ".join(f"'tab{name}'" for name in APP_DOCTYPES)
		+ ")",
		"workflows": "select count(*) from tabWorkflow where document_type in ("
		+ ", ".join(f"'{n}'" for n in APP_DOCTYPES)
		+ ")",
		"notifications": f"select count(*) from tabNotification where module in ({modules})",
		"custom fields": "select count(*) from `tabCustom Field` where dt in ("
		+ ", ".join(f"'{n}'" for n in APP_DOCTYPES)
		+ ")",
		# the app's custom fields on Frappe's and ERPNext's doctypes (Asset, Purchase Order, User …)
		"custom fields on others' doctypes": "select count(*) from `tabCustom Field` where "
		+ " or ".join(f"(dt='{dt}' and fieldname='{f}')" for dt, f in _foreign_custom_fields()),
		"property setters": "select count(*) from `tabProperty Setter` where doc_type in ("
		+ ", ".join(f"'{n}'" for n in APP_DOCTYPES)
		+ ")",
		"slas": "select count(*) from `tabService Level Agreement` where document_type in ("
		+ ", ".join(f"'{n}'" for n in APP_DOCTYPES)
		+ ")",
		"pages": f"select count(*) from tabPage where module in ({modules})",
		"reports": f"select count(*) from tabReport where module in ({modules})",
	}
	left = {k: _count(site, q) for k, q in checks.items()}
	assert left == {k: 0 for k in checks}, left
	bench("--site", site, "install-app", "school_office")
	# the seeded catalogue (12) and the inspections' rectification type, once
	assert _count(site, "select count(*) from `tabService Type`") == 13
	# settings carry their defaults on a fresh install (not the install time Frappe gives new Time fields)
	assert _count(
		site,
		"select value from tabSingles where doctype='School Office Settings' and field='work_start_time'",
	) in ("08:30:00", "8:30:00")
	assert (
		_count(
			site,
			"select value from tabSingles where doctype='School Office Settings' and field='work_end_time'",
		)
		== "17:30:00"
	)
