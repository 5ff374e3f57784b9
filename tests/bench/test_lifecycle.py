"""migrate keeps an administrator's edits; uninstall leaves nothing behind (on a throwaway site)."""

import json

from tests.bench.conftest import DESTRUCTIVE_SITE, SITE, URL, bench, need
from tests.conftest import ROOT
from tests.meta.checks import load_app

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
	checks = {
		"doctypes": "select count(*) from tabDocType where module in ('School Office','Service Desk','Office Documents','Meetings','Venues','Campus Assets','Office Supplies','Notices')",
		"roles": "select count(*) from tabRole where name in ('Office Manager','Office Staff','Department Head','School Leader','Document Clerk','Maintenance Technician','Asset Administrator')",
		"profiles": "select count(*) from `tabRole Profile` where name like 'School %'",
		"modules": "select count(*) from `tabModule Def` where app_name='school_office'",
		"workspaces": "select count(*) from tabWorkspace where module in ('School Office','Service Desk')",
		"print formats": "select count(*) from `tabPrint Format` where module in ('School Office','Service Desk')",
		"tables": "select count(*) from information_schema.tables where table_schema=database() and table_name in ("
		+ ", ".join(f"'tab{name}'" for name in APP_DOCTYPES)
		+ ")",
		"workflows": "select count(*) from tabWorkflow where document_type in ("
		+ ", ".join(f"'{n}'" for n in APP_DOCTYPES)
		+ ")",
		"notifications": "select count(*) from tabNotification where module in ('School Office','Service Desk','Office Documents','Venues')",
		"custom fields": "select count(*) from `tabCustom Field` where dt in ("
		+ ", ".join(f"'{n}'" for n in APP_DOCTYPES)
		+ ")",
		"property setters": "select count(*) from `tabProperty Setter` where doc_type in ("
		+ ", ".join(f"'{n}'" for n in APP_DOCTYPES)
		+ ")",
		"slas": "select count(*) from `tabService Level Agreement` where document_type in ("
		+ ", ".join(f"'{n}'" for n in APP_DOCTYPES)
		+ ")",
		"pages": "select count(*) from tabPage where module in ('School Office','Service Desk','Office Documents','Venues')",
		"reports": "select count(*) from tabReport where module in ('School Office','Service Desk','Office Documents','Venues')",
	}
	left = {k: _count(site, q) for k, q in checks.items()}
	assert left == {k: 0 for k in checks}, left
	bench("--site", site, "install-app", "school_office")
	assert _count(site, "select count(*) from `tabService Type`") == 12  # the seeded catalogue, once
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
