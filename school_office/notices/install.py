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


DEMO_SCREEN = "Main Lobby"
# title, type, channels, audience departments, acknowledgement departments, final state, department
DEMO_NOTICES = (
	(
		"考试周图书馆开放时间调整",
		"General",
		("Notice Board", "Screens", "Website"),
		(),
		(),
		"Published",
		"General Office",
		"<p>考试周（第 18–19 周）图书馆开放时间延长至 22:30，自习室同步开放。</p>",
	),
	(
		"周五消防安全检查",
		"Important",
		("Notice Board", "Screens"),
		(),
		("Academic Affairs", "Student Affairs"),
		"Published",
		"Logistics",
		"<p>本周五 14:00 起对教学楼、宿舍楼进行消防安全检查，请各部门做好准备并确认收到。</p>",
	),
	(
		"教务处：期末监考安排",
		"General",
		("Notice Board",),
		("Academic Affairs",),
		(),
		"Published",
		"Academic Affairs",
		"<p>期末考试监考安排已发布，请各位老师登录查看本人监考场次。</p>",
	),
	(
		"寒假放假安排",
		"Major",
		("Notice Board", "Screens", "Website", "E-mail"),
		(),
		(),
		"Pending Sign-off",
		"General Office",
		"<p>根据校历，寒假自 1 月 20 日起至 2 月 24 日止，2 月 25 日正式上课。</p>",
	),
	(
		"办公楼电梯维保通知（草稿）",
		"General",
		("Notice Board",),
		(),
		(),
		"Draft",
		"Logistics",
		"<p>办公楼电梯将于下周二进行维保。</p>",
	),
)
PATHS = {
	"Published": {
		"General": ["Submit for Review", "Approve"],
		"Important": ["Submit for Review", "Approve"],
		"Major": ["Submit for Review", "Approve", "Sign Off"],
	},
	"Pending Sign-off": {"Major": ["Submit for Review", "Approve"]},
	"Draft": {},
}


def _demo_employees(ctx):
	depts = ctx.get("departments") or {}
	users = ctx.get("users") or {}
	company = ctx.get("company")
	if not company or not frappe.db.table_exists("Employee"):
		return
	for local, dept in (("dept.head", "Academic Affairs"), ("teacher", "Academic Affairs")):
		user = users.get(local)
		if not user or not depts.get(dept) or frappe.db.exists("Employee", {"user_id": user}):
			continue
		frappe.get_doc(
			{
				"doctype": "Employee",
				"first_name": local,
				"company": company,
				"gender": "Female",
				"date_of_birth": "1985-01-01",
				"date_of_joining": "2015-09-01",
				"department": depts[dept],
				"user_id": user,
				"status": "Active",
			}
		).insert(ignore_permissions=True)


def make_demo(ctx=None):
	"""A lobby screen and a few notices in each state (one for a department only, one asking for
	acknowledgements, a Major one waiting for the leader's sign-off)."""
	from frappe.model.workflow import apply_workflow

	ctx = ctx or {}
	depts = ctx.get("departments") or {}
	users = ctx.get("users") or {}
	_demo_employees(ctx)
	if not frappe.db.exists("Signage Screen", DEMO_SCREEN):
		frappe.get_doc(
			{
				"doctype": "Signage Screen",
				"screen_name": DEMO_SCREEN,
				"location": "行政楼一楼大厅",
			}
		).insert(ignore_permissions=True)
	staff = users.get("office.staff") or "Administrator"
	for title, kind, channels, audience, acks, state, dept, body in DEMO_NOTICES:
		if frappe.db.exists("Notice", {"title": title}):
			continue
		doc = frappe.get_doc(
			{
				"doctype": "Notice",
				"title": title,
				"notice_type": kind,
				"body": body,
				"department": depts.get(dept),
				"channels": [{"channel": c} for c in channels],
				"audience": [
					{"audience_type": "Department", "department": depts[d]} for d in audience if depts.get(d)
				],
				"requires_acknowledgement": int(bool(acks)),
				"acknowledgements": [{"department": depts[d]} for d in acks if depts.get(d)],
			}
		)
		if doc.requires_acknowledgement and not doc.acknowledgements:
			doc.requires_acknowledgement = 0
		doc.insert(ignore_permissions=True)
		frappe.db.set_value("Notice", doc.name, "owner", staff, update_modified=False)
		for action in PATHS.get(state, {}).get(kind, []):
			apply_workflow(frappe.get_doc("Notice", doc.name).as_dict(), action)
