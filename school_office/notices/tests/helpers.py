"""Users, departments and notices for the notices' tests (each role acts as itself)."""

import frappe
from frappe.model.workflow import apply_workflow

COMPANY = None
PREFIX = "nt."


def company() -> str:
	return (
		frappe.db.get_value("Company", {"abbr": "DS"}, "name") or frappe.get_all("Company", pluck="name")[0]
	)


def department(name: str) -> str:
	abbr = frappe.db.get_value("Company", company(), "abbr")
	full = f"{name} - {abbr}"
	if not frappe.db.exists("Department", full):
		frappe.get_doc(
			{
				"doctype": "Department",
				"department_name": name,
				"company": company(),
				"parent_department": "All Departments",
			}
		).insert(ignore_permissions=True)
	return full


def user(key: str, roles=(), dept: str | None = None, website: bool = False, **fields) -> str:
	email = f"{PREFIX}{key}@test.school"
	if not frappe.db.exists("User", email):
		doc = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": key.replace("_", " ").title(),
				"user_type": "Website User" if website else "System User",
				"send_welcome_email": 0,
				"roles": [{"role": r} for r in roles],
			}
		)
		doc.insert(ignore_permissions=True)
	for k, v in fields.items():
		frappe.db.set_value("User", email, k, v)
	if dept and not frappe.db.exists("Employee", {"user_id": email}):
		frappe.get_doc(
			{
				"doctype": "Employee",
				"first_name": key,
				"company": company(),
				"gender": "Female",
				"date_of_birth": "1985-01-01",
				"date_of_joining": "2015-09-01",
				"department": dept,
				"user_id": email,
				"status": "Active",
			}
		).insert(ignore_permissions=True)
	frappe.local.school_office_employee_departments = {}
	return email


class People:
	"""The cast: office staff (drafts), office head (reviews), school leader (signs off), teachers of two
	departments, a student (portal user)."""

	def __init__(self):
		self.dept_a = department("NT Finance")
		self.dept_b = department("NT Teaching Affairs")
		self.staff = user("staff", ("Office Staff",), wecom_user_id="wc-staff", dingtalk_user_id="dt-staff")
		self.staff2 = user("staff2", ("Office Staff",))
		self.manager = user("manager", ("Office Manager", "Office Staff"))
		self.leader = user("leader", ("School Leader",))
		self.teacher_a = user(
			"teacher_a",
			("Department Head",),
			self.dept_a,
			dingtalk_user_id="dt-teacher-a",
			wecom_user_id="wc-teacher-a",
		)
		self.teacher_b = user("teacher_b", (), self.dept_b)
		self.student = user("student", (), website=True)


def make_notice(as_user: str, **kw) -> str:
	frappe.set_user(as_user)
	doc = frappe.get_doc(
		{
			"doctype": "Notice",
			"title": kw.pop("title", "Water off in the teaching building"),
			"body": kw.pop("body", "<p>The water is off from 14:00 to 16:00.</p>"),
			"notice_type": kw.pop("notice_type", "General"),
			**kw,
		}
	)
	doc.insert()
	return doc.name


def act(user: str, name: str, action: str):
	frappe.set_user(user)
	return apply_workflow(frappe.get_doc("Notice", name).as_dict(), action)


def publish(people: People, name: str):
	"""Through the whole workflow, each step by its role."""
	doc = (
		act(people.staff, name, "Submit for Review")
		if frappe.db.get_value("Notice", name, "owner") == people.staff
		else act(frappe.db.get_value("Notice", name, "owner"), name, "Submit for Review")
	)
	doc = act(people.manager, name, "Approve")
	if doc.status == "Pending Sign-off":
		doc = act(people.leader, name, "Sign Off")
	return doc
