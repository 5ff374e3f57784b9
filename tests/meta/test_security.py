"""Tier 2, issue #8: the security checks pass on the app, and each fails on a broken sample."""

import textwrap
from pathlib import Path

import pytest

from tests.meta import checks
from tests.meta import security_checks as sc

APP = Path(__file__).resolve().parents[2] / "school_office"


def write(path: Path, text: str) -> Path:
	path.parent.mkdir(parents=True, exist_ok=True)
	path.write_text(textwrap.dedent(text), encoding="utf-8")
	return path


# ----------------------------------------------------------------------------- the app


@pytest.fixture(scope="module")
def app():
	return checks.load_app(APP)


def test_app_whitelisted_functions_check_permissions():
	assert sc.check_whitelisted_permissions(APP) == []


def test_app_never_saves_request_data_with_ignore_permissions():
	assert sc.check_ignore_permissions_with_request_data(APP) == []


def test_app_templates_escape_output():
	assert sc.portal_templates(APP), "no portal templates found: the check would pass vacuously"
	assert sc.check_template_escaping(APP) == []


def test_app_client_scripts_escape_html():
	assert sc.check_js_html(APP) == []


def test_app_permlevels(app):
	assert sc.check_permlevels(app.doctypes, app.records) == []


def test_app_system_fields_are_protected(app):
	"""The contract fields the attacks of issue #8 forged are beyond a client's reach."""

	def level(dt, field):
		return next(
			int(f.get("permlevel") or 0) for f in app.doctypes[dt]["fields"] if f["fieldname"] == field
		)

	assert level("Service Request", "status") == 1
	assert level("Service Request", "rating_key") == 2
	assert level("Service Request", "requester") == 3
	assert level("Venue", "check_in_key") == 2
	assert level("Venue Booking", "approved_by") == 1
	assert level("Venue Booking", "checked_in_at") == 1
	assert level("Venue Booking", "equipment_confirmed") == 3
	assert level("Retention Review", "status") == 1
	assert level("Retention Review", "approved_by") == 1
	sr_writers = {
		p["role"]
		for p in app.doctypes["Service Request"]["permissions"]
		if p.get("permlevel") == 3 and p.get("write")
	}
	assert "All" not in sr_writers and "Office Staff" in sr_writers


# ----------------------------------------------------------------------------- broken samples


def test_whitelisted_without_check_fails(tmp_path):
	root = tmp_path / "app"
	write(
		root / "api.py",
		"""
		import frappe

		@frappe.whitelist()
		def leak(name):
			return frappe.get_all("Thing", filters={"name": name}, fields=["*"])

		def _check(doc):
			doc.check_permission("write")

		@frappe.whitelist()
		def ok_through_helper(name):
			doc = frappe.get_doc("Thing", name)
			_check(doc)

		@frappe.whitelist(allow_guest=True)
		def periods():
			\"\"\"Public: the timetable's periods are the same for everyone.\"\"\"
			return []

		@frappe.whitelist()
		def refuses(name):
			if frappe.session.user == "Guest":
				frappe.throw("no", frappe.PermissionError)
		""",
	)
	errors = sc.check_whitelisted_permissions(root)
	assert len(errors) == 1 and "leak()" in errors[0]


def test_ignore_permissions_with_request_data_fails(tmp_path):
	root = tmp_path / "app"
	write(
		root / "api.py",
		"""
		import frappe

		@frappe.whitelist()
		def create(doc):
			frappe.has_permission("Thing", "create", throw=True)
			frappe.get_doc(doc).insert(ignore_permissions=True)

		@frappe.whitelist()
		def edit(name, **values):
			d = frappe.get_doc("Thing", name)
			d.check_permission("write")
			d.update(values)
			d.flags.ignore_permissions = True
			d.save()

		@frappe.whitelist()
		def fine(name, title):
			d = frappe.get_doc("Thing", name)
			d.check_permission("write")
			d.title = title
			d.save(ignore_permissions=True)
		""",
	)
	errors = sc.check_ignore_permissions_with_request_data(root)
	assert len(errors) == 2
	assert any("create()" in e for e in errors) and any("edit()" in e for e in errors)


def test_unescaped_template_fails(tmp_path):
	root = tmp_path / "app"
	write(
		root / "www" / "page.html",
		"""
		<h1>{{ _("Title") }}</h1>
		<p>{{ booking }}</p>
		<p>{{ booking | e }}</p>
		<p>{{ doc.body | safe }}</p>
		<div>{{ note_html }}</div>
		<div>{{ rich_text(doc.steps) }}</div>
		<script>const x = {{ data|tojson }};</script>
		<p>{{ a or b | e }}</p>
		""",
	)
	errors = sc.check_template_escaping(root)
	text = "\n".join(errors)
	assert "|safe" in text
	assert "unescaped {{ booking }}" in text
	assert "doc.body | safe" in text
	assert "a or b | e" not in text  # `| e` binds to b only, but the check accepts the trailing filter
	assert len([e for e in errors if "unescaped" in e]) == 2


def test_unescaped_js_html_fails(tmp_path):
	root = tmp_path / "app"
	write(
		root / "thing.js",
		"""
		const safe = frappe.utils.escape_html(doc.title);
		$el.html(`<b>${doc.title}</b>`);
		$el.html(`<b>${safe}</b> ${__("Saved")} ${cint(doc.count)}`);
		// html-safe: drawn by the server
		$el.html(`<div>${r.message.svg}</div>`);
		const plain = `${doc.title} (no markup)`;
		""",
	)
	errors = sc.check_js_html(root)
	assert len(errors) == 1 and "doc.title" in errors[0]


def test_permlevel_rules_fail():
	doctypes = {
		"Thing": {
			"fields": [
				{"fieldname": "status", "fieldtype": "Select", "read_only": 1},
				{"fieldname": "approved_by", "fieldtype": "Link", "read_only": 1},
				{"fieldname": "access_key", "fieldtype": "Data", "read_only": 1, "permlevel": 1},
				{
					"fieldname": "full_name",
					"fieldtype": "Data",
					"read_only": 1,
					"fetch_from": "user.full_name",
				},
				{"fieldname": "rows", "fieldtype": "Table", "options": "Thing Row"},
			],
			"permissions": [
				{"role": "Clerk", "read": 1, "write": 1},
				{"role": "Viewer", "read": 1},
				{"role": "Clerk", "permlevel": 1, "read": 1, "write": 1},
			],
		},
		"Thing Row": {
			"istable": 1,
			"fields": [{"fieldname": "done", "fieldtype": "Check", "read_only": 1, "permlevel": 1}],
			"permissions": [],
		},
	}
	workflow = [
		(Path("wf.json"), {"doctype": "Workflow", "document_type": "Thing", "workflow_state_field": "status"})
	]
	errors = sc.check_permlevels(doctypes, workflow)
	text = "\n".join(errors)
	assert "Thing.approved_by: read-only field at permlevel 0" in text
	assert "Thing.status" not in text  # the workflow guards its state field
	assert "Thing.access_key: a key or token must be at permlevel 2" in text
	assert "full_name" not in text
	assert "role Clerk writes permlevel 1" in text
	assert "role Viewer reads the doctype but not permlevel 1" in text
	assert len(errors) == 5
