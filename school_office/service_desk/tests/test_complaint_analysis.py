# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""CF-4: complaints and suggestions carry their nature from the service type; only the Office Manager
adopts and publishes a suggestion, with a public summary and a result; the portal page shows only what was
written for publication; the Complaint Analysis report's figures, checked by hand, for its roles only."""

from datetime import datetime

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase

from school_office.service_desk.feedback import published_suggestions
from school_office.service_desk.tests.test_hardening import make_staff
from school_office.service_desk.tests.test_portal import make_portal_user
from school_office.tests.fixtures import make_department, make_user

DT = "Service Request"
PREFIX = "CFA-FIX-"


def load_fixture(logistics, academic):
	"""Eight requests in 2016: by hand, Q3 complaints / Logistics: 3 filed, 2 closed (1 solved, 1 cannot be
	solved), plans 1 on time of 2; Q3 suggestions / Academic: 2 filed, 1 resolved, 1 adopted and
	published; Q4 complaint, unassigned: 1 filed, open. Plus one Q4 request that is no complaint at all."""
	frappe.db.delete(DT, {"name": ("like", PREFIX + "%")})
	rows = [
		# name, creation, nature, type, problem, dept, status, outcome, adopted, publish, plan_due, plan_on
		(1, datetime(2016, 7, 4), "Complaint", "Complaint", "Facilities", logistics, "Closed", "Solved", 0, 0,
		 datetime(2016, 7, 11), datetime(2016, 7, 8)),
		(2, datetime(2016, 8, 9), "Complaint", "Complaint", "Facilities", logistics, "Closed", "Cannot Be Solved",
		 0, 0, datetime(2016, 8, 16), datetime(2016, 8, 20)),
		(3, datetime(2016, 9, 1), "Complaint", "Complaint", "Facilities", logistics, "Accepted", None, 0, 0,
		 None, None),
		(4, datetime(2016, 7, 20), "Suggestion", "Suggestion", "Teaching", academic, "Resolved", "Solved", 1, 1,
		 None, None),
		(5, datetime(2016, 9, 20), "Suggestion", "Suggestion", "Teaching", academic, "Open", None, 0, 0,
		 None, None),
		(6, datetime(2016, 10, 3), "Complaint", "Complaint", "Safety", None, "Open", None, 0, 0, None, None),
		(7, datetime(2016, 10, 4), None, "Leave Slip", None, None, "Open", None, 0, 0, None, None),
	]  # fmt: skip
	fields = [
		"name", "subject", "creation", "modified", "owner", "modified_by", "feedback_nature",
		"service_type", "problem_type", "responsible_department", "status", "outcome", "adopted",
		"publish_adoption", "plan_due", "plan_on", "is_complaint",
	]  # fmt: skip
	values = [
		(
			f"{PREFIX}{n}", f"fixture {n}", c, c, "Administrator", "Administrator", nature, st, problem,
			dept, status, outcome, adopted, publish, due, on, int(bool(nature)),
		)
		for n, c, nature, st, problem, dept, status, outcome, adopted, publish, due, on in rows
	]  # fmt: skip
	frappe.db.bulk_insert(DT, fields, values)


def new_complaint():
	return frappe.get_doc(
		{
			"doctype": DT,
			"subject": "noise",
			"service_type": "Complaint",
			"problem_type": "Other",
			"contact": "x",
		}
	).insert()


class TestComplaintAnalysis(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.manager = make_staff("cfa.manager@test.school")
		cls.staff = make_user("cfa.staff@test.school", ["Office Staff"])
		team = frappe.get_doc("Service Team", "Coordination")  # the team of complaints and suggestions
		if cls.staff not in [m.user for m in team.members]:
			team.append("members", {"user": cls.staff})
			team.save(ignore_permissions=True)
		cls.student = make_portal_user("cfa.student@test.school", "CFA Student")
		cls.logistics = make_department("CFA Logistics")
		cls.academic = make_department("CFA Academic")
		load_fixture(cls.logistics, cls.academic)

	def tearDown(self):
		frappe.set_user("Administrator")

	def suggestion(self):
		frappe.set_user(self.student)
		doc = frappe.get_doc(
			{
				"doctype": DT,
				"subject": "Suggestion: longer library hours, call me at 138",
				"service_type": "Suggestion",
				"problem_type": "Facilities",
				"contact": "138 0000 0000",
				"description": "Open the library until 23:00.",
				# forged: a portal user cannot adopt or publish their own suggestion
				"adopted": 1,
				"publish_adoption": 1,
				"public_summary": "forged",
				"adoption_result": "forged",
				"feedback_nature": "Complaint",
			}
		).insert()
		frappe.set_user("Administrator")
		return doc

	def test_nature_comes_from_the_service_type_and_forged_adoption_is_dropped(self):
		doc = self.suggestion()
		self.assertEqual(doc.feedback_nature, "Suggestion")
		stored = frappe.db.get_value(
			DT,
			doc.name,
			["adopted", "publish_adoption", "public_summary", "adoption_published_on"],
			as_dict=True,
		)
		self.assertEqual((stored.adopted, stored.publish_adoption), (0, 0))
		self.assertFalse(stored.public_summary or stored.adoption_published_on)
		frappe.set_user(self.staff)
		complaint = new_complaint()
		self.assertEqual(complaint.feedback_nature, "Complaint")
		leave = frappe.get_doc({"doctype": DT, "subject": "leave", "service_type": "Consultation"}).insert()
		self.assertFalse(leave.feedback_nature)

	def test_only_the_office_manager_adopts_and_publishes(self):
		doc = self.suggestion()
		frappe.set_user(self.staff)
		staff_copy = frappe.get_doc(DT, doc.name)
		staff_copy.update(
			{"adopted": 1, "public_summary": "s", "adoption_result": "r", "publish_adoption": 1}
		)
		staff_copy.save()  # Frappe resets the level-4 fields the staff member may not write
		self.assertEqual(frappe.db.get_value(DT, doc.name, ["adopted", "publish_adoption"]), (0, 0))
		frappe.set_user(self.manager)
		mine = frappe.get_doc(DT, doc.name)
		mine.publish_adoption = 1
		with self.assertRaisesRegex(frappe.ValidationError, "adopted suggestion"):
			mine.save()
		mine.reload()
		mine.update({"adopted": 1, "publish_adoption": 1})
		with self.assertRaisesRegex(frappe.ValidationError, "public summary"):
			mine.save()
		mine.reload()
		mine.update(
			{
				"adopted": 1,
				"public_summary": "Longer library opening hours",
				"adoption_result": "The library opens until 22:30 from March.",
				"publish_adoption": 1,
				"adoption_published_on": "2000-01-01 00:00:00",  # the system's, not the client's
			}
		)
		mine.save()
		self.assertGreater(str(mine.adoption_published_on), "2020")
		shown = [s for s in published_suggestions() if s["summary"] == "Longer library opening hours"]
		self.assertEqual(len(shown), 1)
		self.assertEqual(set(shown[0]), {"summary", "result", "department", "problem_type", "published_on"})
		self.assertNotIn("138", frappe.as_json(published_suggestions()))
		mine.reload()
		mine.publish_adoption = 0
		mine.save()
		self.assertIsNone(mine.adoption_published_on)
		self.assertFalse(
			[s for s in published_suggestions() if s["summary"] == "Longer library opening hours"]
		)

	def test_a_complaint_cannot_be_adopted(self):
		frappe.set_user(self.manager)
		doc = new_complaint()
		doc.adopted = 1
		with self.assertRaisesRegex(frappe.ValidationError, "Only suggestions"):
			doc.save()

	def report(self, **filters):
		return run(
			"Complaint Analysis", filters={"from_date": "2016-01-01", "to_date": "2016-12-31", **filters}
		)

	def test_report_figures_by_hand(self):
		frappe.set_user(self.manager)
		got = self.report(period="Quarter")
		rows = [r for r in got["result"] if r["period"].startswith("2016")]
		keyed = {(r["period"], r["nature"], r["department"]): r for r in rows}
		self.assertEqual(
			sorted(keyed),
			sorted(
				[
					("2016 Q3", "Complaint", self.logistics),
					("2016 Q3", "Suggestion", self.academic),
					("2016 Q4", "Complaint", "Not Assigned"),
				]
			),
		)
		c = keyed[("2016 Q3", "Complaint", self.logistics)]
		self.assertEqual(
			(c["received"], c["resolved"], c["solved"], c["cannot_be_solved"], c["plan_on_time_rate"]),
			(3, 2, 1, 1, 50.0),
		)
		self.assertEqual(c["resolution_rate"], 66.7)
		s = keyed[("2016 Q3", "Suggestion", self.academic)]
		self.assertEqual((s["received"], s["resolved"], s["adopted"], s["published"]), (2, 1, 1, 1))
		self.assertIsNone(s["plan_on_time_rate"])
		self.assertEqual(keyed[("2016 Q4", "Complaint", "Not Assigned")]["received"], 1)
		self.assertEqual(sum(r["received"] for r in rows), 6)  # the leave slip is not counted
		only = self.report(period="Year", nature="Suggestion")["result"]
		self.assertEqual([(r["period"], r["received"]) for r in only], [("2016", 2)])
		dept = self.report(period="Year", department=self.logistics)["result"]
		self.assertEqual([(r["nature"], r["received"]) for r in dept], [("Complaint", 3)])
		self.assertEqual(got["chart"]["data"]["labels"], ["2016 Q3", "2016 Q4"])

	def test_report_is_for_the_office_manager_and_leaders_only(self):
		for user in (self.staff, self.student):
			frappe.set_user(user)
			with self.assertRaises(frappe.PermissionError):
				self.report()
