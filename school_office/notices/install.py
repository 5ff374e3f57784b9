"""Defaults of the Notices module, created once (install, patch) and never overwritten.

create_defaults(): the Notice Settings values, the Workflow "Notice Review" (from setup/notice_workflow.json
with its Workflow State / Action records) and the User fields that map a user to DingTalk / WeCom.
remove_defaults(): the Workflow and the custom fields, which live outside this module's doctypes.
"""

import json
import os

import frappe

WORKFLOW_FILE = os.path.join(os.path.dirname(__file__), "setup", "notice_workflow.json")

USER_FIELDS = [
	{
		"fieldname": "school_office_collaboration_section",
		"fieldtype": "Section Break",
		"label": "DingTalk and WeCom",
		"insert_after": "mobile_no",
		"collapsible": 1,
	},
	{
		"fieldname": "dingtalk_user_id",
		"fieldtype": "Data",
		"label": "DingTalk User ID",
		"insert_after": "school_office_collaboration_section",
		"permlevel": 1,
		"description": "The user's userid in the school's DingTalk: system notifications also go there",
	},
	{
		"fieldname": "wecom_user_id",
		"fieldtype": "Data",
		"label": "WeCom User ID",
		"insert_after": "dingtalk_user_id",
		"permlevel": 1,
		"description": "The user's userid in the school's WeCom: system notifications also go there",
	},
]

SETTINGS = {
	"emergency_skip_review": 1,
	"emergency_publish_minutes": 60,
	"emergency_remind_minutes": 30,
	"min_seconds_per_item": 300,
	"screen_refresh_seconds": 60,
	"ack_remind_after_hours": 24,
	"ack_escalate_after_hours": 48,
	"send_daily_digest": 1,
	"send_department_digests": 1,
	"max_delivery_attempts": 3,
	"retry_after_minutes": 5,
	"dingtalk_robot_url": "https://oapi.dingtalk.com/robot/send",
	"dingtalk_api_url": "https://oapi.dingtalk.com",
	"wecom_api_url": "https://qyapi.weixin.qq.com",
}


def workflow_definition() -> dict:
	with open(WORKFLOW_FILE, encoding="utf-8") as fh:
		return json.load(fh)


def create_settings():
	"""Once per site (a flag in the defaults store), then only empty values are filled."""
	from school_office.utils import store

	first = not store.read_json("school_office_notice_settings_applied", False)
	settings = frappe.get_single("Notice Settings")
	changed = False
	for key, value in SETTINGS.items():
		if first or settings.get(key) in (None, ""):
			settings.set(key, value)
			changed = True
	if changed:
		settings.flags.ignore_permissions = True
		settings.save()
	store.write_json("school_office_notice_settings_applied", True)


def create_workflow():
	wf = workflow_definition()
	if frappe.db.exists("Workflow", wf["name"]):
		return
	for s in wf["states"]:
		if not frappe.db.exists("Workflow State", s["state"]):
			frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": s["state"]}).insert(
				ignore_permissions=True
			)
	for t in wf["transitions"]:
		if not frappe.db.exists("Workflow Action Master", t["action"]):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": t["action"]}).insert(
				ignore_permissions=True
			)
	frappe.get_doc(wf).insert(ignore_permissions=True)


def create_user_fields():
	from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

	create_custom_fields({"User": USER_FIELDS}, ignore_validate=True, update=False)


def create_defaults():
	create_settings()
	create_workflow()
	create_user_fields()


def remove_defaults():
	name = workflow_definition()["name"]
	if frappe.db.exists("Workflow", name):
		frappe.delete_doc("Workflow", name, ignore_permissions=True, force=True)
	for f in USER_FIELDS:
		cf = f"User-{f['fieldname']}"
		if frappe.db.exists("Custom Field", cf):
			frappe.delete_doc("Custom Field", cf, ignore_permissions=True, force=True)
	frappe.clear_cache(doctype="User")
	from school_office.utils import store

	store.clear("school_office_notice_settings_applied")
