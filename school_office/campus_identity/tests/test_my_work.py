"""My work on the bench: each provider lists what waits for the user and its action is the desk's own
method (run here as that user); a failing provider leaves the others' items; due first."""

from datetime import timedelta

import frappe
from frappe.utils import now_datetime

from school_office.campus_identity import my_work
from school_office.office_documents.doctype.official_document.test_official_document import (
	DT,
	OfficeDocumentsCase,
	act_as,
	wf,
)


def run_action(action, user):
	act_as(user)
	try:
		if action["method"] == "run_doc_method":
			doc = frappe.get_doc(action["args"]["dt"], action["args"]["dn"])
			return getattr(doc, action["args"]["method"])()
		return frappe.get_attr(action["method"])(**action["args"])
	finally:
		act_as("Administrator")


def items_of(user, kind=None):
	act_as(user)
	try:
		work = my_work.collect(user)
	finally:
		act_as("Administrator")
	return [i for i in work["items"] if not kind or i["kind"] == kind], work


class TestMyWork(OfficeDocumentsCase):
	def test_countersign_row_is_listed_and_acted_on_with_the_desks_method(self):
		act_as(self.u["office.staff"])
		doc = frappe.get_doc(
			{
				"doctype": DT,
				"direction": "Outgoing",
				"title": f"关于校园网升级的通知 {frappe.generate_hash(length=4)}",
				"number_code": frappe.generate_hash(length=6) + "发",
				"secret_level": "Public",
				"main_recipients": "各部门",
				"body": "<p>校园网升级</p>",
				"copies": 5,
				"category": "Administrative",
				"retention": "Permanent",
				"routing": [
					{
						"user": self.u["office.staff"],
						"department": self.dept["General Office"],
						"action": "Countersign",
					}
				],
			}
		).insert()
		wf(doc, "Submit for Review")
		act_as(self.u["office.manager"])
		wf(doc, "Send for Countersign")
		act_as("Administrator")

		mine, work = items_of(self.u["office.staff"], "official_document")
		item = next(i for i in mine if i["name"] == doc.name)
		self.assertEqual(item["status"], "Countersigning")
		self.assertTrue(item["due"])
		(action,) = item["actions"]
		self.assertEqual(action["method"], "school_office.office_documents.api.act")
		# somebody else (no routing row of theirs) does not get it
		others, _w = items_of(self.u["print.staff"], "official_document")
		self.assertNotIn(doc.name, [i["name"] for i in others])
		# due first across the whole list
		dues = [i["due"] for i in work["items"] if i.get("due")]
		self.assertEqual(dues, sorted(dues, key=frappe.utils.get_datetime))

		run_action(action, self.u["office.staff"])
		self.assertEqual(frappe.get_doc(DT, doc.name).countersign_complete, 1)
		after, _w = items_of(self.u["office.staff"], "official_document")
		self.assertNotIn(doc.name, [i["name"] for i in after])

	def test_a_failing_provider_leaves_the_others(self):
		bad = {
			"key": "broken",
			"label": "Broken",
			"provider": "school_office.campus_identity.tests.test_my_work.explode",
		}
		my_work.MY_WORK_PROVIDERS.append(bad)
		try:
			_items, work = items_of(self.u["office.staff"])
		finally:
			my_work.MY_WORK_PROVIDERS.remove(bad)
		self.assertEqual(work["counts"]["broken"], 0)
		self.assertIn("service_request", work["counts"])

	def test_meetings_to_approve_and_to_answer(self):
		if not frappe.db.exists("DocType", "Meeting"):
			self.skipTest("the Meetings module (issue #12) is not in this build")
		starts = (now_datetime() + timedelta(days=21)).replace(hour=10, minute=0, second=0, microsecond=0)
		act_as(self.u["office.manager"])
		meeting = frappe.get_doc(
			{
				"doctype": "Meeting",
				"title": f"协调会 {frappe.generate_hash(length=4)}",
				"meeting_type": "Coordination",
				"starts_on": starts,
				"ends_on": starts + timedelta(hours=1),
				"attendees": [{"user": self.u["office.staff"], "attendance": "Required"}],
				"agenda": [{"topic": "期末工作安排"}],
			}
		).insert()
		meeting.submit_for_approval()
		act_as("Administrator")
		pending, _w = items_of(self.u["dept.head"], "meeting_approval")
		item = next(i for i in pending if i["name"] == meeting.name)
		self.assertNotIn(
			meeting.name, [i["name"] for i in items_of(self.u["office.staff"], "meeting_approval")[0]]
		)
		run_action(item["actions"][0], self.u["dept.head"])
		self.assertEqual(frappe.db.get_value("Meeting", meeting.name, "status"), "Approved")

		answer, _w = items_of(self.u["office.staff"], "meeting_answer")
		item = next(i for i in answer if i["name"] == meeting.name)
		attend = next(a for a in item["actions"] if a["args"]["answer"] == "Accepted")
		run_action(attend, self.u["office.staff"])
		self.assertEqual(
			frappe.db.get_value(
				"Meeting Attendee", {"parent": meeting.name, "user": self.u["office.staff"]}, "rsvp"
			),
			"Accepted",
		)
		self.assertNotIn(
			meeting.name, [i["name"] for i in items_of(self.u["office.staff"], "meeting_answer")[0]]
		)


def explode(user):
	raise RuntimeError("a provider failed")
