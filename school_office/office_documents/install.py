"""Defaults of Official Documents, created once: document categories, Office Document Settings, the
Workflow "Official Document Flow" (setup/official_document_flow.json) with its states and actions,
the Print Formats' fonts need nothing. remove_defaults() takes the Workflow away on uninstall;
make_demo(ctx) gives the demo users clearances and department codes."""

import json
from pathlib import Path

import frappe

CATEGORIES = (("Administrative", "WS"), ("Teaching", "WS"), ("Finance", "WS"))
WORKFLOW_FILE = Path(__file__).parent / "setup" / "official_document_flow.json"
STATE_STYLES = {
	"Draft": "",
	"Received": "Info",
	"Returned": "Danger",
	"Registered": "Primary",
	"Reviewed": "Info",
	"In Process": "Warning",
	"Completed": "Success",
	"Office Review": "Info",
	"Countersigning": "Warning",
	"Pending Sign-off": "Warning",
	"Signed": "Success",
	"Sealed": "Primary",
	"Distributed": "Info",
	"Archived": "Success",
}
SETTINGS_DEFAULTS = {
	"office_code": "校办",
	"default_document_code": "校办发",
	"issuing_body": "学校办公室文件",
	"printing_office": "学校办公室",
	"fonds_code": "0001",
	"default_department_code": "BGS",
}
# demo department -> archive department code (pinyin initials, as archives usually do)
DEMO_DEPARTMENT_CODES = {
	"General Office": "BGS",
	"Academic Affairs": "JWC",
	"Student Affairs": "XSC",
	"Logistics": "HQC",
	"Finance": "CWC",
	"Information Center": "XXZX",
}
DEMO_CLEARANCES = {
	"office.manager": "Top Secret",
	"school.leader": "Top Secret",
	"doc.clerk": "Confidential",
	"dept.head": "Internal",
	"office.staff": "Internal",
	"print.staff": "Public",
}


# Who may edit the form in a state: the JSON has one row per state (its first actor); a state where a second
# role must fill what its step demands gets more rows (Frappe's Workflow Document State allows several rows for
# one state, the form is editable for every role listed; the server still checks the doctype's permissions and
# permlevels). Incoming and outgoing documents share Draft and Registered with different actors.
EXTRA_EDIT_ROLES = {
	# incoming: the clerk enters the document, its receipt checks or the reason and photo of a return
	"Draft": ("Document Clerk",),
	# incoming: the office head writes the review opinion (拟办意见) that Review demands
	"Registered": ("Office Manager",),
}
# rows shipped by earlier versions that the patch replaces when an administrator has not changed them
SHIPPED_BEFORE = {"Reviewed": "Office Manager"}


def workflow_json() -> dict:
	"""The Workflow as created: the JSON file with the EXTRA_EDIT_ROLES rows after their state's row."""
	wf = json.loads(WORKFLOW_FILE.read_text(encoding="utf-8"))
	states = []
	for row in wf["states"]:
		states.append(row)
		for role in EXTRA_EDIT_ROLES.get(row["state"], ()):
			states.append({**row, "allow_edit": role})
	wf["states"] = states
	return wf


def edit_roles(state: str, workflow: dict | None = None) -> set[str]:
	"""The roles that may edit the form of a document in a state of the (shipped) workflow."""
	wf = workflow or workflow_json()
	return {s["allow_edit"] for s in wf["states"] if s["state"] == state}


def update_workflow_edit_roles():
	"""Bring the edit roles of an existing Workflow to the shipped ones: a state row still as an earlier version
	shipped it is replaced, a missing (state, role) row is added after its state's rows; everything else an
	administrator changed (other roles, transitions, conditions, removed states) stays."""
	name = workflow_json()["name"]
	if not frappe.db.exists("Workflow", name):
		create_workflow()
		return False
	wf = frappe.get_doc("Workflow", name)
	shipped = workflow_json()
	changed = False
	for state, old_role in SHIPPED_BEFORE.items():
		rows = [r for r in wf.states if r.state == state]
		new_roles = edit_roles(state, shipped)
		if len(rows) == 1 and rows[0].allow_edit == old_role and old_role not in new_roles:
			rows[0].allow_edit = sorted(new_roles)[0]
			changed = True
	ordered = []
	for row in wf.states:
		ordered.append(row)
		last_of_state = not any(r.state == row.state for r in wf.states[wf.states.index(row) + 1 :])
		if not last_of_state:
			continue
		present = {r.allow_edit for r in wf.states if r.state == row.state}
		for role in sorted(edit_roles(row.state, shipped) - present):
			ordered.append(
				frappe.get_doc(
					{
						"doctype": "Workflow Document State",
						"state": row.state,
						"doc_status": row.doc_status,
						"allow_edit": role,
						"update_field": row.update_field,
						"update_value": row.update_value,
					}
				)
			)
			changed = True
	if not changed:
		return False
	wf.states = []
	for i, row in enumerate(ordered, start=1):
		row.idx = i
		wf.append("states", row)
	wf.flags.ignore_permissions = True
	wf.save()
	return True


def create_defaults():
	for name, code in CATEGORIES:
		if not frappe.db.exists("Document Category", name):
			frappe.get_doc(
				{"doctype": "Document Category", "category_name": name, "archive_category_code": code}
			).insert(ignore_permissions=True)
	if not frappe.db.get_single_value("Office Document Settings", "office_code"):
		s = frappe.get_single("Office Document Settings")
		for k, v in SETTINGS_DEFAULTS.items():
			if not s.get(k):
				s.set(k, v)
		s.flags.ignore_permissions = True
		s.save()
	create_workflow()
	add_to_global_search()


def add_to_global_search():
	"""Official documents are found by the desk's search bar (filtered by 密级, see search.global_search)."""
	gs = frappe.get_single("Global Search Settings")
	if not any(r.document_type == "Official Document" for r in gs.allowed_in_global_search):
		gs.append("allowed_in_global_search", {"document_type": "Official Document"})
		gs.flags.ignore_permissions = True
		gs.save()
		frappe.cache.hdel("global_search", "search_priorities")


def create_workflow():
	wf = workflow_json()
	for state in wf["states"]:
		if not frappe.db.exists("Workflow State", state["state"]):
			frappe.get_doc(
				{
					"doctype": "Workflow State",
					"workflow_state_name": state["state"],
					"style": STATE_STYLES.get(state["state"], ""),
				}
			).insert(ignore_permissions=True)
	for t in wf["transitions"]:
		if not frappe.db.exists("Workflow Action Master", t["action"]):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": t["action"]}).insert(
				ignore_permissions=True
			)
	if not frappe.db.exists("Workflow", wf["name"]):
		doc = frappe.get_doc(wf)
		doc.insert(ignore_permissions=True)


def remove_defaults():
	frappe.db.delete("Global Search DocType", {"document_type": "Official Document"})
	frappe.cache.hdel("global_search", "search_priorities")
	name = workflow_json()["name"]
	if frappe.db.exists("Workflow", name):
		frappe.delete_doc("Workflow", name, ignore_permissions=True, force=True)


def make_demo(ctx):
	users = ctx.get("users") or {}
	depts = ctx.get("departments") or {}
	# the records clerk works as front-desk staff too (role profile "School Office Records")
	clerk = users.get("doc.clerk")
	if clerk and frappe.db.exists("User", clerk) and "Office Staff" not in frappe.get_roles(clerk):
		frappe.get_doc("User", clerk).add_roles("Office Staff")
	for local, level in DEMO_CLEARANCES.items():
		user = users.get(local)
		if user and frappe.db.exists("User", user) and not frappe.db.exists("Document Clearance", user):
			frappe.get_doc({"doctype": "Document Clearance", "user": user, "clearance_level": level}).insert(
				ignore_permissions=True
			)
	s = frappe.get_single("Office Document Settings")
	present = {r.department for r in s.department_codes}
	heads = {"Academic Affairs": users.get("dept.head"), "General Office": users.get("office.manager")}
	changed = False
	for dept, code in DEMO_DEPARTMENT_CODES.items():
		docname = depts.get(dept)
		if docname and docname not in present:
			s.append("department_codes", {"department": docname, "code": code, "head": heads.get(dept)})
			changed = True
	if changed:
		s.flags.ignore_permissions = True
		s.save()
