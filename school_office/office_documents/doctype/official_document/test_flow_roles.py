# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""Every step of both flows can be walked by its actor on the desk: what a transition demands is on the form the
actor sees in that state (the Workflow lets the role edit the state, the field is shown and at a permlevel the role
writes), the actor saves it as the desk does and then applies the action as himself."""

import re

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import get_datetime

from school_office.office_documents import api
from school_office.office_documents.doctype.official_document.test_official_document import (
	PNG,
	OfficeDocumentsCase,
)

DT = "Official Document"
FLOW = "Official Document Flow"

# (state, action) of every transition -> the fields the step demands of its actor on the form; a field of a row
# of the routing table is given as "routing". Steps whose demands are met elsewhere (receipt checks are the
# form's own fields at Draft; countersign and feedback through My Routing) list what the form must allow.
DEMANDS = {
	("Draft", "Receive"): [
		"sender_checked",
		"pages_checked",
		"secret_level_checked",
		"is_complete",
		"source_organization",
		"pages",
	],
	("Draft", "Return to Sender"): ["is_complete", "damage_photo", "return_reason"],
	("Returned", "Receive Again"): [],
	("Received", "Register"): [],
	("Registered", "Review"): ["review_opinion"],
	("Reviewed", "Distribute"): ["routing"],
	("In Process", "Complete"): [],  # feedback of the departments through My Routing
	("Completed", "Archive"): [],
	("Draft", "Submit for Review"): ["title", "main_recipients", "body"],
	("Office Review", "Send for Countersign"): ["routing"],
	("Office Review", "Send for Sign-off"): [],
	("Office Review", "Reject"): [],
	("Countersigning", "Send for Sign-off"): [],  # countersigned through My Routing
	("Countersigning", "Reject"): [],
	("Pending Sign-off", "Sign"): [],
	("Pending Sign-off", "Reject"): [],
	("Signed", "Register"): ["number_code"],
	("Registered", "Record Seal"): [],
	("Sealed", "Distribute"): ["routing"],
	("Distributed", "Archive"): [],
}
# the transitions that only apply to one direction share a state with the other direction
INCOMING_ACTIONS = {"Receive", "Return to Sender", "Receive Again", "Review", "Complete"}


def js_to_python(expr: str) -> str:
	"""The depends_on expressions of the doctype use ==, !=, &&, ||, ! and in_list: the same in Python."""
	expr = expr.replace("&&", " and ").replace("||", " or ")
	return re.sub(r"!(?!=)", " not ", expr)


def shown(doc, df_or_expr) -> bool:
	expr = df_or_expr if isinstance(df_or_expr, str) else df_or_expr.depends_on
	if not expr:
		return True
	assert expr.startswith("eval:"), expr
	return bool(
		eval(  # the doctype's own expressions
			js_to_python(expr[5:]),
			{"__builtins__": {}},
			{"doc": frappe._dict(doc.as_dict()), "in_list": lambda lst, v: v in lst},
		)
	)


def edit_roles(state: str) -> set[str]:
	wf = frappe.get_doc("Workflow", FLOW)
	return {s.allow_edit for s in wf.states if s.state == state}


def why_not_editable(doc, fieldname: str, user: str) -> str | None:
	"""Why the desk would not let ``user`` fill ``fieldname`` on ``doc`` (None: it would)."""
	roles = set(frappe.get_roles(user))
	if not doc.is_new() and not roles & edit_roles(doc.status):
		return (
			f"the form is read-only for {user} at {doc.status} (allow_edit {sorted(edit_roles(doc.status))})"
		)
	meta = frappe.get_meta(DT)
	section = None
	for df in meta.fields:
		if df.fieldtype == "Section Break":
			section = df
		if df.fieldname == fieldname:
			break
	else:
		return f"{fieldname} is not a field"
	if df.read_only or df.hidden:
		return f"{fieldname} is read-only or hidden"
	if section and not shown(doc, section):
		return f"section {section.fieldname} of {fieldname} is hidden at {doc.status}"
	if not shown(doc, df):
		return f"{fieldname} is hidden at {doc.status}"
	if (df.permlevel or 0) not in meta.get_permlevel_access("write", user=user):
		return f"{user} does not write permlevel {df.permlevel} ({fieldname})"
	if not doc.is_new() and not frappe.has_permission(DT, "write", doc, user=user):
		return f"{user} may not write {doc.name}"
	return None


class TestEveryStepEditableByItsActor(OfficeDocumentsCase):
	def desk_save(self, user, name, **values):
		"""Fill fields on the form as ``user`` and save it (the desk saves before it offers workflow actions)."""
		frappe.set_user(user)
		doc = frappe.get_doc(DT, name)
		for fieldname in values:
			reason = why_not_editable(doc, fieldname, user)
			self.assertIsNone(reason, reason)
		rows = values.pop("routing", None)
		doc.update(values)
		for row in rows or []:
			doc.append("routing", row)
		doc.save()
		doc.reload()
		for fieldname, value in values.items():  # not silently reset by a permlevel
			self.assertEqual(doc.get(fieldname), value, fieldname)
		return doc

	def act(self, user, name, action):
		frappe.set_user(user)
		doc = apply_workflow(frappe.get_doc(DT, name).as_dict(), action)
		return doc

	def test_every_transition_is_listed(self):
		wf = frappe.get_doc("Workflow", FLOW)
		self.assertEqual({(t.state, t.action) for t in wf.transitions}, set(DEMANDS))

	def test_what_each_transition_demands_its_role_can_edit_in_that_state(self):
		"""For every transition and every role allowed to take it: the state's form is editable for that role
		when the step demands fields, and each demanded field is at a permlevel the role writes."""
		wf = frappe.get_doc("Workflow", FLOW)
		meta = frappe.get_meta(DT)
		for t in wf.transitions:
			demanded = DEMANDS[(t.state, t.action)]
			if not demanded:
				continue
			with self.subTest(state=t.state, action=t.action, role=t.allowed):
				self.assertIn(t.allowed, edit_roles(t.state))
				levels = {
					p.permlevel for p in meta.permissions if p.role in (t.allowed, "All") and p.get("write")
				}
				for fieldname in demanded:
					self.assertIn(meta.get_field(fieldname).permlevel or 0, levels, fieldname)

	def test_incoming_walked_by_each_actor(self):
		frappe.flags.office_documents_now = "2031-03-04 09:00:00"  # a Tuesday
		clerk, head, leader = self.u["doc.clerk"], self.u["office.manager"], self.u["school.leader"]
		frappe.set_user(clerk)
		doc = frappe.get_doc(
			{
				"doctype": DT,
				"direction": "Incoming",
				"title": "市教育局关于开展防汛检查的通知",
				"secret_level": "Internal",
				"urgency": "Normal",
				"received_on": "2031-03-04 08:50:00",
			}
		).insert()
		name = doc.name
		# the clerk fills the receipt on the saved draft (Draft is the clerk's state for incoming documents)
		self.desk_save(
			clerk,
			name,
			source_organization="市教育局",
			source_document_number="市教发〔2031〕7号",
			pages=4,
			sender_checked=1,
			pages_checked=1,
			secret_level_checked=1,
			is_complete=1,
		)
		self.act(clerk, name, "Receive")
		doc = self.act(clerk, name, "Register")
		self.assertEqual(doc.status, "Registered")
		# the review opinion is not on the form before registration, and is for the office head to write
		received = frappe.get_doc(DT, name)
		received.status = "Received"
		self.assertIsNotNone(why_not_editable(received, "review_opinion", head))
		self.assertIsNotNone(why_not_editable(frappe.get_doc(DT, name), "review_opinion", clerk))
		self.desk_save(head, name, review_opinion="请教务处牵头办理，校领导阅知")
		doc = self.act(head, name, "Review")
		self.assertEqual(doc.status, "Reviewed")
		# the clerk adds the routing rows at Reviewed and distributes
		self.desk_save(
			clerk,
			name,
			routing=[
				{"department": self.dept["Academic Affairs"], "action": "Handle"},
				{"user": leader, "action": "Read"},
			],
		)
		doc = self.act(clerk, name, "Distribute")
		self.assertEqual(doc.status, "In Process")
		self.assertTrue(all(get_datetime(r.due_by) for r in doc.routing))
		frappe.set_user(self.u["dept.head"])
		row = api.my_routing(name)[0]
		api.act(name, row["name"], comment="已部署")
		doc = self.act(clerk, name, "Complete")
		doc = self.act(clerk, name, "Archive")
		self.assertEqual(doc.status, "Archived")

	def test_incoming_return_walked_by_the_clerk(self):
		clerk = self.u["doc.clerk"]
		frappe.set_user(clerk)
		doc = frappe.get_doc(
			{
				"doctype": DT,
				"direction": "Incoming",
				"title": "破损来文（逐步）",
				"source_organization": "区教委",
				"pages": 2,
			}
		).insert()
		f = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "damage-walk.png",
				"content": PNG,
				"is_private": 1,
				"attached_to_doctype": DT,
				"attached_to_name": doc.name,
				"attached_to_field": "damage_photo",
			}
		).insert()
		self.desk_save(clerk, doc.name, damage_photo=f.file_url, return_reason="第2页缺失")
		self.assertEqual(self.act(clerk, doc.name, "Return to Sender").status, "Returned")
		self.assertEqual(self.act(clerk, doc.name, "Receive Again").status, "Draft")
		# back at Draft the clerk can record the receipt checks again
		self.desk_save(clerk, doc.name, is_complete=1, sender_checked=1)

	def test_outgoing_walked_by_each_actor(self):
		staff, head, leader, clerk = (
			self.u["office.staff"],
			self.u["office.manager"],
			self.u["school.leader"],
			self.u["doc.clerk"],
		)
		frappe.set_user(staff)
		code = frappe.generate_hash(length=6) + "发"
		doc = frappe.get_doc(
			{"doctype": DT, "direction": "Outgoing", "title": "关于开展教学检查的通知", "is_policy": 1}
		).insert()
		name = doc.name
		self.desk_save(staff, name, main_recipients="各学院", body="<p>定于下周开展教学检查。</p>")
		self.act(staff, name, "Submit for Review")
		# the office head lists the countersigning department at Office Review
		self.desk_save(
			head, name, routing=[{"department": self.dept["Academic Affairs"], "action": "Countersign"}]
		)
		self.act(head, name, "Send for Countersign")
		frappe.set_user(self.u["dept.head"])
		api.act(name, api.my_routing(name)[0]["name"], comment="同意")
		self.act(head, name, "Send for Sign-off")
		doc = self.act(leader, name, "Sign")
		self.assertEqual(doc.signer, leader)
		self.desk_save(clerk, name, number_code=code)
		doc = self.act(clerk, name, "Register")
		self.assertTrue(doc.document_number.startswith(code))
		self.act(clerk, name, "Record Seal")
		self.desk_save(clerk, name, routing=[{"department": self.dept["Student Affairs"], "action": "Read"}])
		self.assertEqual(self.act(clerk, name, "Distribute").status, "Distributed")
		self.assertEqual(self.act(clerk, name, "Archive").status, "Archived")

	def test_patch_brings_an_old_workflow_to_the_new_edit_roles(self):
		from school_office.office_documents.install import update_workflow_edit_roles

		frappe.set_user("Administrator")
		wf = frappe.get_doc("Workflow", FLOW)
		saved = [(s.state, s.allow_edit) for s in wf.states]
		try:
			# as shipped before: one row per state, Reviewed edited by the office head
			wf.states = [
				s for s in wf.states if (s.state, s.allow_edit) not in {("Registered", "Office Manager")}
			]
			for s in wf.states:
				if s.state == "Reviewed":
					s.allow_edit = "Office Manager"
			wf.save()
			self.assertTrue(update_workflow_edit_roles())
			self.assertEqual(edit_roles("Registered"), {"Document Clerk", "Office Manager"})
			self.assertEqual(edit_roles("Reviewed"), {"Document Clerk"})
			self.assertFalse(update_workflow_edit_roles())  # a second run changes nothing
			# an administrator's own role on Reviewed is kept; the clerk is added next to it
			wf = frappe.get_doc("Workflow", FLOW)
			for s in wf.states:
				if s.state == "Reviewed":
					s.allow_edit = "School Leader"
			wf.save()
			update_workflow_edit_roles()
			self.assertEqual(edit_roles("Reviewed"), {"School Leader", "Document Clerk"})
		finally:
			wf = frappe.get_doc("Workflow", FLOW)
			wf.states = []
			for state, role in saved:
				wf.append("states", {"state": state, "doc_status": "0", "allow_edit": role})
			wf.save()
