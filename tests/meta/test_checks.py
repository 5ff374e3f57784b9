"""Tier 2: each metadata check fails on a broken sample (and passes on the clean one)."""

import json
import textwrap
from pathlib import Path

import pytest

from tests.meta import checks

KNOWN = checks.frappe_erpnext_doctypes()
ROLES = checks.known_roles(["Sample Role"])


def write(path: Path, text: str):
	path.parent.mkdir(parents=True, exist_ok=True)
	path.write_text(textwrap.dedent(text), encoding="utf-8")


def doctype_json(name, module="Sample Module", fields=None, **extra):
	fields = fields or [
		{"fieldname": "title", "fieldtype": "Data", "label": "Title"},
		{"fieldname": "owner_user", "fieldtype": "Link", "label": "Owner User", "options": "User"},
	]
	d = {
		"doctype": "DocType",
		"name": name,
		"module": module,
		"fields": fields,
		"field_order": [f["fieldname"] for f in fields],
		"permissions": [{"role": "Sample Role", "read": 1}],
	}
	d.update(extra)
	return d


def add_doctype(root: Path, data: dict, module_folder="sample_module"):
	folder = root / module_folder / "doctype" / checks.scrub(data["name"])
	for p in (root / module_folder, root / module_folder / "doctype", folder):
		p.mkdir(parents=True, exist_ok=True)
		(p / "__init__.py").touch()
	(folder / f"{folder.name}.json").write_text(json.dumps(data), encoding="utf-8")
	cls = data["name"].replace(" ", "")
	(folder / f"{folder.name}.py").write_text(f"class {cls}:\n\tpass\n", encoding="utf-8")
	return folder


@pytest.fixture
def app_root(tmp_path):
	root = tmp_path / "sample_app"
	root.mkdir()
	(root / "__init__.py").touch()
	write(root / "modules.txt", "Sample Module\n")
	write(
		root / "hooks.py",
		"""
		app_name = "sample_app"
		required_apps = ["frappe/erpnext"]
		after_install = "sample_app.install.after_install"
		scheduler_events = {"daily": ["sample_app.tasks.daily"]}
		""",
	)
	write(root / "install.py", "def after_install():\n\tpass\n")
	write(root / "tasks.py", "def daily():\n\tpass\n")
	write(root / "patches.txt", "[pre_model_sync]\n\n[post_model_sync]\nsample_app.patches.fix_it\n")
	write(root / "patches" / "__init__.py", "")
	write(root / "patches" / "fix_it.py", "def execute():\n\tpass\n")
	write(root / "templates" / "page.html", "{% if x %}<p>{{ _('Hello') }}</p>{% endif %}\n")
	write(root / "translations" / "zh.csv", "Sample Thing,示例\nTitle,标题\nOwner User,所有者\nHello,你好\n")
	add_doctype(root, doctype_json("Sample Thing"))
	return root


def load(root):
	return checks.load_app(root)


def test_clean_sample_passes_everything(app_root):
	results = checks.run_all(load(app_root), ["Sample Role"])
	assert {k: v for k, v in results.items() if k != "check_name_clashes"} == {
		k: [] for k in results if k != "check_name_clashes"
	}


def test_unknown_fieldtype(app_root):
	add_doctype(
		app_root,
		doctype_json("Sample Thing", fields=[{"fieldname": "title", "fieldtype": "Strng", "label": "Title"}]),
	)
	errors = checks.check_fieldtypes(load(app_root).doctypes)
	assert errors and "unknown fieldtype 'Strng'" in errors[0]


def test_duplicate_fieldname(app_root):
	f = {"fieldname": "title", "fieldtype": "Data", "label": "Title"}
	add_doctype(app_root, doctype_json("Sample Thing", fields=[f, dict(f)]))
	errors = checks.check_fieldnames(load(app_root).doctypes)
	assert any("duplicate fieldname 'title'" in e for e in errors)


def test_reserved_and_invalid_fieldnames(app_root):
	add_doctype(
		app_root,
		doctype_json(
			"Sample Thing",
			fields=[
				{"fieldname": "owner", "fieldtype": "Data", "label": "Owner"},
				{"fieldname": "Bad Name", "fieldtype": "Data", "label": "Bad"},
			],
		),
	)
	errors = checks.check_fieldnames(load(app_root).doctypes)
	assert any("reserved" in e for e in errors) and any("invalid fieldname" in e for e in errors)


def test_link_to_undefined_doctype(app_root):
	add_doctype(
		app_root,
		doctype_json(
			"Sample Thing",
			fields=[
				{"fieldname": "ok", "fieldtype": "Link", "label": "Ok", "options": "Holiday List"},
				{"fieldname": "bad", "fieldtype": "Link", "label": "Bad", "options": "Holiday Calendar"},
			],
		),
	)
	errors = checks.check_link_targets(load(app_root).doctypes, KNOWN)
	assert errors == ["Sample Thing.bad: Link to undefined doctype 'Holiday Calendar'"]


def test_table_must_point_to_child_table(app_root):
	add_doctype(
		app_root,
		doctype_json(
			"Sample Thing",
			fields=[{"fieldname": "rows", "fieldtype": "Table", "label": "Rows", "options": "Other Thing"}],
		),
	)
	add_doctype(app_root, doctype_json("Other Thing"))
	errors = checks.check_link_targets(load(app_root).doctypes, KNOWN)
	assert any("not a child table" in e for e in errors)


def test_select_default_and_fetch_from(app_root):
	add_doctype(
		app_root,
		doctype_json(
			"Sample Thing",
			fields=[
				{
					"fieldname": "status",
					"fieldtype": "Select",
					"label": "Status",
					"options": "Open\nClosed",
					"default": "Opened",
				},
				{
					"fieldname": "user_name",
					"fieldtype": "Data",
					"label": "User Name",
					"fetch_from": "user.full_name",
				},
			],
		),
	)
	errors = checks.check_link_targets(load(app_root).doctypes, KNOWN)
	assert any("default 'Opened'" in e for e in errors) and any("fetch_from" in e for e in errors)


def test_permission_with_undefined_role(app_root):
	add_doctype(app_root, doctype_json("Sample Thing", permissions=[{"role": "Ofice Manager", "read": 1}]))
	errors = checks.check_permission_roles(load(app_root), ROLES)
	assert errors == ["Sample Thing: permission row names undefined role 'Ofice Manager'"]


def test_doctype_module_not_in_modules_txt(app_root):
	add_doctype(app_root, doctype_json("Stray Thing", module="Other Module"), module_folder="other_module")
	errors = checks.check_modules(load(app_root))
	assert any("module 'Other Module' is not in modules.txt" in e for e in errors)


def test_module_without_folder(app_root):
	write(app_root / "modules.txt", "Sample Module\nGhost Module\n")
	assert any("Ghost Module" in e for e in checks.check_modules(load(app_root)))


def test_controller_class_missing(app_root):
	folder = app_root / "sample_module" / "doctype" / "sample_thing"
	(folder / "sample_thing.py").write_text("class SampleThng:\n\tpass\n")
	assert checks.check_controllers(load(app_root)) == [
		"Sample Thing: sample_thing.py has no class SampleThing"
	]


@pytest.mark.parametrize(
	"hook",
	[
		'after_install = "sample_app.install.after_instal"',  # no such function
		'after_install = "sample_app.instal.after_install"',  # no such module
		'scheduler_events = {"daily": ["sample_app.tasks.weekly"]}',
		'doc_events = {"*": {"on_update": "sample_app.tasks.missing"}}',
	],
)
def test_hook_path_that_does_not_resolve(app_root, hook):
	hooks = app_root / "hooks.py"
	hooks.write_text(hooks.read_text() + "\n" + hook + "\n")
	errors = checks.check_hooks(load(app_root))
	assert errors, hook


def test_hook_asset_file_missing(app_root):
	hooks = app_root / "hooks.py"
	hooks.write_text(hooks.read_text() + '\nweb_include_css = "/assets/sample_app/css/missing.css"\n')
	assert any("missing.css" in e for e in checks.check_hooks(load(app_root)))


def test_patch_line_without_module(app_root):
	write(
		app_root / "patches.txt", "[post_model_sync]\nsample_app.patches.fix_it\nsample_app.patches.v2.gone\n"
	)
	errors = checks.check_patches(load(app_root))
	assert errors == ["patches.txt: 'sample_app.patches.v2.gone' has no module in the package"]


def test_patch_without_execute(app_root):
	write(app_root / "patches" / "fix_it.py", "def run():\n\tpass\n")
	assert checks.check_patches(load(app_root)) == [
		"patches.txt: 'sample_app.patches.fix_it' has no execute()"
	]


def workflow(**overrides):
	wf = {
		"doctype": "Workflow",
		"workflow_name": "Sample Flow",
		"document_type": "Sample Thing",
		"workflow_state_field": "status",
		"states": [
			{"state": "Requested", "doc_status": "0", "allow_edit": "Sample Role"},
			{"state": "Approved", "doc_status": "0", "allow_edit": "Sample Role"},
		],
		"transitions": [
			{"state": "Requested", "action": "Approve", "next_state": "Approved", "allowed": "Sample Role"}
		],
	}
	wf.update(overrides)
	return wf


def add_workflow_sample(root, wf):
	add_doctype(
		root,
		doctype_json(
			"Sample Thing",
			fields=[
				{
					"fieldname": "status",
					"fieldtype": "Select",
					"label": "Status",
					"options": "Requested\nApproved\nRejected",
				},
			],
		),
	)
	write(root / "setup" / "workflows" / "sample_flow.json", json.dumps(wf))


def test_workflow_clean(app_root):
	add_workflow_sample(app_root, workflow())
	assert checks.check_workflows(load(app_root), KNOWN) == []


def test_workflow_transition_to_unknown_state(app_root):
	wf = workflow()
	wf["transitions"].append(
		{"state": "Approved", "action": "Close", "next_state": "Closed", "allowed": "Sample Role"}
	)
	add_workflow_sample(app_root, wf)
	errors = checks.check_workflows(load(app_root), KNOWN)
	assert any("next_state 'Closed' is not a state" in e for e in errors)


def test_workflow_unreachable_state(app_root):
	wf = workflow()
	wf["states"].append({"state": "Rejected", "doc_status": "0", "allow_edit": "Sample Role"})
	add_workflow_sample(app_root, wf)
	errors = checks.check_workflows(load(app_root), KNOWN)
	assert any("'Rejected' is never reached" in e for e in errors)


def test_workflow_state_not_an_option_and_bad_docstatus(app_root):
	wf = workflow()
	wf["states"][1] = {"state": "Done", "doc_status": "1", "allow_edit": "Sample Role"}
	wf["transitions"][0]["next_state"] = "Done"
	add_workflow_sample(app_root, wf)
	errors = checks.check_workflows(load(app_root), KNOWN)
	assert any("not an option" in e for e in errors) and any("non-submittable" in e for e in errors)


def test_workflow_role_undefined(app_root):
	wf = workflow()
	wf["transitions"][0]["allowed"] = "Nobody Role"
	add_workflow_sample(app_root, wf)
	assert any("Nobody Role" in e for e in checks.check_permission_roles(load(app_root), ROLES))


def test_jinja_template_that_does_not_compile(app_root):
	write(app_root / "templates" / "broken.html", "{% for x in items %}<p>{{ x }}</p>\n")
	errors = checks.check_templates(load(app_root))
	assert len(errors) == 1 and "broken.html" in errors[0]


def test_jinja_in_print_format_json(app_root):
	write(
		app_root / "sample_module" / "print_format" / "pf" / "pf.json",
		json.dumps(
			{
				"doctype": "Print Format",
				"name": "pf",
				"doc_type": "Sample Thing",
				"module": "Sample Module",
				"html": "{{ doc.name }",
			}
		),
	)
	assert any("pf.json:html" in e for e in checks.check_templates(load(app_root)))


def test_notification_condition_that_does_not_compile(app_root):
	write(
		app_root / "sample_module" / "notification" / "n" / "n.json",
		json.dumps(
			{
				"doctype": "Notification",
				"name": "n",
				"document_type": "Sample Thing",
				"module": "Sample Module",
				"subject": "{{ doc.name }}",
				"message": "ok",
				"condition": "doc.status = 'Open'",
			}
		),
	)
	assert any("condition does not compile" in e for e in checks.check_templates(load(app_root)))


def test_label_without_translation(app_root):
	add_doctype(
		app_root,
		doctype_json(
			"Sample Thing",
			fields=[
				{"fieldname": "title", "fieldtype": "Data", "label": "Title"},
				{"fieldname": "venue", "fieldtype": "Data", "label": "Venue Name"},
			],
		),
	)
	errors = checks.check_translations(load(app_root))
	assert errors == ["Sample Thing.venue: 'Venue Name' has no zh translation"]


def test_web_form_and_workspace_labels_need_translation(app_root):
	write(
		app_root / "sample_module" / "web_form" / "wf" / "wf.json",
		json.dumps(
			{
				"doctype": "Web Form",
				"name": "wf",
				"title": "Apply Here",
				"doc_type": "Sample Thing",
				"module": "Sample Module",
				"web_form_fields": [{"fieldname": "title", "fieldtype": "Data", "label": "Your Title"}],
			}
		),
	)
	write(
		app_root / "sample_module" / "workspace" / "ws" / "ws.json",
		json.dumps(
			{
				"doctype": "Workspace",
				"name": "ws",
				"label": "Sample Space",
				"module": "Sample Module",
				"content": "[]",
				"links": [],
				"shortcuts": [{"label": "Things", "type": "DocType", "link_to": "Sample Thing"}],
			}
		),
	)
	errors = " ".join(checks.check_translations(load(app_root)))
	for label in ("Apply Here", "Your Title", "Sample Space", "Things"):
		assert repr(label) in errors


def test_source_string_without_translation(app_root):
	write(
		app_root / "api.py",
		'from frappe import _\n\ndef f():\n\treturn _("Hello"), _("Not translated yet")\n',
	)
	assert checks.check_source_strings(load(app_root)) == [
		"api.py: 'Not translated yet' has no zh translation"
	]


def test_translation_file_problems(tmp_path):
	p = tmp_path / "zh.csv"
	p.write_text('Ok,好\n"Due in {0}",到期\nA,甲\nA,乙\nBroken\n', encoding="utf-8")
	errors = checks.check_translation_file(p)
	assert any("placeholders differ" in e for e in errors)
	assert any("translated twice" in e for e in errors)
	assert any("1 columns" in e for e in errors)


@pytest.mark.parametrize(
	"name,owner",
	[
		("Location", "ERPNext"),
		("Room", "Education"),
		("HD Ticket", "Helpdesk"),
		("Leave Application", "HRMS"),
		("Note", "Frappe"),
	],
)
def test_doctype_name_already_used(app_root, name, owner):
	add_doctype(app_root, doctype_json(name))
	errors = checks.check_name_clashes(load(app_root).doctypes, checks.reserved_doctype_names())
	assert f"{name}: DocType name already used by {owner}" in errors


def test_workspace_refers_to_missing_block_and_doctype(app_root):
	write(
		app_root / "sample_module" / "workspace" / "ws" / "ws.json",
		json.dumps(
			{
				"doctype": "Workspace",
				"name": "ws",
				"label": "ws",
				"module": "Sample Module",
				"content": json.dumps([{"type": "shortcut", "data": {"shortcut_name": "Gone"}}]),
				"links": [{"type": "Link", "link_type": "DocType", "link_to": "Nope Thing", "label": "x"}],
				"shortcuts": [],
			}
		),
	)
	errors = checks.check_records(load(app_root), KNOWN)
	assert any("'Gone'" in e for e in errors) and any("'Nope Thing'" in e for e in errors)


def test_invalid_json_is_reported(app_root):
	write(app_root / "sample_module" / "report" / "r" / "r.json", "{not json")
	assert any("invalid JSON" in e for e in checks.check_records(load(app_root), KNOWN))
