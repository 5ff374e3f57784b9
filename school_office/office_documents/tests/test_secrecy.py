# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""密级 is absolute (issue #8): shares, assignments, mail, notifications, link titles, group-by counts
and files never reach a user below a document's level; forged approvals never destroy; destroyed
content is gone. Each test acts as the role it is about."""

import json

import frappe
from frappe.desk.form.assign_to import add as assign
from frappe.share import add as share

from school_office.office_documents import secrecy
from school_office.office_documents.doctype.official_document.test_official_document import (
	DT,
	OfficeDocumentsCase,
	act_as,
)


class TestSecrecySideDoors(OfficeDocumentsCase):
	def setUp(self):
		act_as("Administrator")
		self.doc = frappe.get_doc(
			{
				"doctype": DT,
				"direction": "Incoming",
				"title": "机密测试 " + frappe.generate_hash(length=6),
				"secret_level": "Secret",
				"source_organization": "市委",
				"pages": 1,
				"body": "<p>secret body</p>",
			}
		).insert()
		self.staff = self.u["office.staff"]  # cleared for Internal only
		self.clerk = self.u["doc.clerk"]  # cleared for Confidential

	def tearDown(self):
		act_as("Administrator")

	def test_share_and_everyone_share_refused_below_level(self):
		act_as(self.clerk)
		with self.assertRaises(frappe.PermissionError):
			share(DT, self.doc.name, self.staff, read=1)
		with self.assertRaises(frappe.PermissionError):
			share(DT, self.doc.name, everyone=1, read=1)
		self.assertFalse(frappe.db.exists("DocShare", {"share_doctype": DT, "share_name": self.doc.name}))
		act_as(self.staff)
		self.assertFalse(frappe.has_permission(DT, "read", self.doc.name))
		self.assertNotIn(self.doc.name, frappe.get_list(DT, pluck="name", limit_page_length=0))

	def test_assignment_refused_below_level_and_allowed_above(self):
		act_as(self.clerk)
		with self.assertRaises(frappe.PermissionError):
			assign({"doctype": DT, "name": self.doc.name, "assign_to": [self.staff]})
		self.assertFalse(
			frappe.db.exists("ToDo", {"reference_name": self.doc.name, "allocated_to": self.staff})
		)
		assign({"doctype": DT, "name": self.doc.name, "assign_to": [self.u["office.manager"]]})
		self.assertTrue(
			frappe.db.exists(
				"ToDo", {"reference_name": self.doc.name, "allocated_to": self.u["office.manager"]}
			)
		)

	def test_raising_the_level_withdraws_shares_and_assignments(self):
		self.doc.db_set("secret_level", "Public")
		act_as(self.clerk)
		share(DT, self.doc.name, self.staff, read=1)
		act_as(self.staff)
		self.assertTrue(frappe.has_permission(DT, "read", self.doc.name))
		act_as("Administrator")
		doc = frappe.get_doc(DT, self.doc.name)
		doc.secret_level = "Secret"
		doc.save()
		self.assertFalse(frappe.db.exists("DocShare", {"share_name": self.doc.name, "user": self.staff}))
		act_as(self.staff)
		self.assertFalse(frappe.has_permission(DT, "read", self.doc.name))

	def test_lowered_clearance_withdraws_shares(self):
		act_as(self.clerk)
		assign({"doctype": DT, "name": self.doc.name, "assign_to": [self.clerk]})
		act_as("Administrator")
		clearance = frappe.get_doc("Document Clearance", self.clerk)
		clearance.clearance_level = "Internal"
		clearance.save()
		try:
			self.assertEqual(
				frappe.db.get_value(
					"ToDo", {"reference_name": self.doc.name, "allocated_to": self.clerk}, "status"
				),
				"Cancelled",
			)
			self.assertNotIn(
				self.clerk, json.loads(frappe.db.get_value(DT, self.doc.name, "_assign") or "[]")
			)
		finally:
			clearance.clearance_level = "Confidential"
			clearance.save()

	def test_mail_and_notifications_only_to_cleared_users(self):
		# as Frappe's e-mail composer does for the clerk: it inserts with ignore_permissions
		act_as(self.clerk)
		comm = frappe.get_doc(
			{
				"doctype": "Communication",
				"communication_type": "Communication",
				"sent_or_received": "Sent",
				"subject": "fwd",
				"content": "x",
				"recipients": "outsider@example.org",
				"reference_doctype": DT,
				"reference_name": self.doc.name,
			}
		)
		with self.assertRaises(frappe.PermissionError):
			comm.insert(ignore_permissions=True)
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc(
				{
					"doctype": "Notification Log",
					"for_user": self.staff,
					"subject": self.doc.title,
					"document_type": DT,
					"document_name": self.doc.name,
				}
			).insert(ignore_permissions=True)

	def test_link_title_and_group_by_count(self):
		act_as(self.staff)
		self.assertEqual(secrecy.get_link_title(DT, self.doc.name), self.doc.name)
		act_as(self.clerk)
		self.assertEqual(secrecy.get_link_title(DT, self.doc.name), self.doc.title)
		assign({"doctype": DT, "name": self.doc.name, "assign_to": [self.clerk]})
		filters = json.dumps({"name": self.doc.name})
		self.assertEqual([r["count"] for r in secrecy.get_group_by_count(DT, filters, "assigned_to")], [1])
		act_as(self.staff)
		self.assertEqual(secrecy.get_group_by_count(DT, filters, "assigned_to"), [])

	def test_no_link_to_a_document_one_may_not_open(self):
		"""A link would show the secret title on the linking form (Frappe's link titles)."""
		act_as(self.staff)
		request = frappe.get_doc(
			{
				"doctype": "Service Request",
				"subject": "about a document",
				"reference_doctype": DT,
				"reference_name": self.doc.name,
			}
		)
		with self.assertRaises(frappe.PermissionError):
			request.insert()
		act_as(self.u["office.manager"])
		request = frappe.get_doc(
			{
				"doctype": "Service Request",
				"subject": "about a document",
				"reference_doctype": DT,
				"reference_name": self.doc.name,
			}
		).insert()
		self.assertEqual(request.reference_name, self.doc.name)

	def test_attachments_are_forced_private(self):
		act_as(self.clerk)
		f = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "note.txt",
				"content": b"secret",
				"is_private": 0,
				"attached_to_doctype": DT,
				"attached_to_name": self.doc.name,
			}
		).insert()
		self.assertEqual(f.is_private, 1)
		self.assertTrue(f.file_url.startswith("/private/"))


class TestRetentionReviewActions(OfficeDocumentsCase):
	def expired(self, title):
		act_as("Administrator")
		doc = frappe.get_doc(
			{
				"doctype": DT,
				"direction": "Incoming",
				"title": title,
				"source_organization": "某单位",
				"pages": 1,
				"retention": "10 Years",
				"secret_level": "Secret",
				"body": "<p>old body</p>",
			}
		).insert()
		frappe.db.set_value(
			DT,
			doc.name,
			{
				"status": "Archived",
				"archive_code": "0001-WS·2001-D10-BGS-" + frappe.generate_hash(length=4),
				"retention_expires_on": "2012-01-01",
			},
		)
		return doc

	def review(self, *docs, decision="Destroy"):
		act_as(self.u["doc.clerk"])
		return frappe.get_doc(
			{
				"doctype": "Retention Review",
				"review_period": "test",
				"items": [{"official_document": d.name, "decision": decision} for d in docs],
			}
		).insert()

	def test_forged_in_memory_approval_does_not_destroy(self):
		doc = self.expired("伪造批准")
		review = self.review(doc)
		# what run_doc_method builds from the client's JSON: the same review claiming approval
		forged = frappe.get_doc(
			dict(review.as_dict(), status="Approved", approved_by=self.u["school.leader"])
		)
		with self.assertRaises(frappe.ValidationError):
			forged.destroy()
		self.assertEqual(frappe.db.get_value(DT, doc.name, "status"), "Archived")
		self.assertEqual(frappe.db.get_value("Retention Review", review.name, "status"), "Draft")

	def test_status_and_approver_cannot_be_written(self):
		review = self.review(self.expired("写状态"))
		review.status, review.approved_by = "Approved", self.u["doc.clerk"]
		review.save()
		self.assertEqual(
			frappe.db.get_value("Retention Review", review.name, ["status", "approved_by"]), ("Draft", None)
		)

	def test_rows_frozen_after_submission_and_unexpired_documents_refused(self):
		doc, late = self.expired("冻结清单"), self.expired("追加")
		review = self.review(doc)
		review.submit_for_approval()
		review = frappe.get_doc("Retention Review", review.name)
		review.append("items", {"official_document": late.name, "decision": "Destroy"})
		with self.assertRaises(frappe.PermissionError):
			review.save()
		# not expired: refused at submission
		act_as("Administrator")
		fresh = frappe.get_doc(
			{
				"doctype": DT,
				"direction": "Incoming",
				"title": "未到期",
				"source_organization": "x",
				"pages": 1,
			}
		).insert()
		review2 = self.review(fresh)
		with self.assertRaises(frappe.ValidationError):
			review2.submit_for_approval()

	def test_destroyed_content_is_gone_everywhere(self):
		doc = self.expired("销毁痕迹")
		act_as("Administrator")
		d = frappe.get_doc(DT, doc.name)
		d.body = "<p>second version of the secret</p>"
		d.save()
		d.add_comment("Comment", "secret remark")
		review = self.review(doc)
		review.submit_for_approval()
		act_as(self.u["school.leader"])
		frappe.get_doc("Retention Review", review.name).approve()
		act_as(self.u["doc.clerk"])
		frappe.get_doc("Retention Review", review.name).destroy()
		act_as("Administrator")
		self.assertEqual(frappe.db.get_value(DT, doc.name, "status"), "Destroyed")
		self.assertFalse(frappe.db.get_value(DT, doc.name, "body"))
		self.assertFalse(frappe.get_all("Version", filters={"ref_doctype": DT, "docname": doc.name}))
		self.assertFalse(
			frappe.get_all(
				"Comment",
				filters={"reference_doctype": DT, "reference_name": doc.name, "comment_type": "Comment"},
			)
		)
		self.assertFalse(
			frappe.db.sql("select name from __global_search where doctype=%s and name=%s", (DT, doc.name))
		)
