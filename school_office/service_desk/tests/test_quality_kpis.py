# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""SD-8 KPIs on a small fixed set of requests (hand-computed figures), the per-request loop agreeing
with the grouped SQL, the KPI fields the system sets, the Quality Action below 85 % (once), and who
may read the figures."""

from datetime import datetime

import frappe
from frappe.tests.utils import FrappeTestCase

from school_office.service_desk import quality
from school_office.service_desk.quality_setup import create_defaults
from school_office.service_desk.tests import kpi_data
from school_office.service_desk.tests.test_hardening import make_staff
from school_office.service_desk.tests.test_portal import make_portal_user

TYPE = "KPI Fixture Type"
TEAM = "KPI Fixture Team"
MONTH = datetime(2019, 3, 1)


def dt(day, hour=9, minute=0, month=3):
	return datetime(2019, month, day, hour, minute)


# name, requester, creation, status, resolved_on, sla_resolution_by, contact_rounds, handling, outcome,
# is_repeat (2 after 1, 5 after 3 (15 days), 7 after 6 in February (9 days))
FIXTURE = (
	("KPI-FIX-1", "a@kpi", dt(2), "Resolved", dt(2, 10), dt(3), 0, 20, "Solved", 0),
	("KPI-FIX-2", "a@kpi", dt(10), "Closed", dt(12, 12), dt(11), 1, 40, "Solved", 1),
	("KPI-FIX-3", "b@kpi", dt(5), "In Progress", None, dt(6), 0, 0, None, 0),
	("KPI-FIX-4", "c@kpi", dt(6), "Rejected", None, None, 0, 0, None, 0),
	("KPI-FIX-5", "b@kpi", dt(20), "Resolved", dt(20, 11), dt(21), 0, 10, "Cannot Be Solved", 1),
	("KPI-FIX-6", "d@kpi", dt(20, month=2), "Closed", dt(20, 10, month=2), None, 0, 5, "Solved", 0),
	("KPI-FIX-7", "d@kpi", dt(1), "Open", None, None, 0, 0, None, 1),
)


def load_fixture():
	kpi_data.remove("KPI-FIX-", "SA-KPI-FIXTURE")
	kpi_data.insert_requests([(*row, TYPE, TEAM) for row in FIXTURE])
	kpi_data.insert_audit(
		"SA-KPI-FIXTURE",
		"2019-03",
		MONTH,
		[("KPI-FIX-A1", "KPI-FIX-1", 1), ("KPI-FIX-A2", "KPI-FIX-2", 0), ("KPI-FIX-A3", "KPI-FIX-5", 0)],
	)


class TestServiceDeskKPIs(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		create_defaults()
		load_fixture()
		cls.manager = make_staff("kpi.manager@test.school")  # Office Staff + Office Manager
		cls.staff = "kpi.staff@test.school"
		if not frappe.db.exists("User", cls.staff):
			frappe.get_doc(
				{
					"doctype": "User",
					"email": cls.staff,
					"first_name": "KPI Staff",
					"send_welcome_email": 0,
					"roles": [{"role": "Office Staff"}],
				}
			).insert(ignore_permissions=True)
		cls.student = make_portal_user("kpi.student@test.school", "KPI Student")

	def tearDown(self):
		frappe.set_user("Administrator")

	def figures(self, by_loop=False):
		fn = quality.kpi_rows_by_loop if by_loop else quality.kpi_rows
		rows = fn("2019-03-01", "2019-03-31", service_type=TYPE, now=datetime(2026, 1, 1))
		self.assertEqual(len(rows), 1)
		return quality.figures(rows)[0]

	def test_figures_match_hand_computed_values(self):
		f = self.figures()
		self.assertEqual((f["month"], f["service_team"], f["service_type"]), ("2019-03", TEAM, TYPE))
		self.assertEqual(f["requests"], 6)  # FIX-6 (February) only counts as the earlier request of d
		# due: 1, 2, 5 (resolved with a deadline) and 3 (past its deadline); on time: 1 and 5
		self.assertEqual(f["on_time_rate"], 50.0)
		# resolved: 1, 2, 5; without a second contact: 1 and 5
		self.assertEqual(f["first_contact_resolution_rate"], 66.7)
		self.assertEqual(f["average_handling_minutes"], 23.3)  # (20 + 40 + 10) / 3
		# resolvable: all but the rejected 4 (5); solved: 1 and 2 (5 cannot be solved)
		self.assertEqual(f["resolution_rate"], 40.0)
		# repeats: 2 (after 1), 5 (after 3, 15 days), 7 (after 6 in February, 9 days)
		self.assertEqual(f["repeat_inquiry_rate"], 50.0)
		# audited 1, 2, 5; finding on 1
		self.assertEqual(f["operator_error_rate"], 33.3)

	def test_loop_gives_the_same_figures(self):
		self.assertEqual(self.figures(by_loop=True), self.figures())

	def test_team_filter_and_empty_period(self):
		self.assertEqual(quality.kpi_rows("2019-03-01", "2019-03-31", service_team="No Such Team"), [])
		rows = quality.kpi_rows("2019-03-01", "2019-03-31", service_team=TEAM)
		self.assertEqual(sum(r["requests"] for r in rows), 6)

	def test_report_as_office_manager_and_refused_to_staff(self):
		from frappe.desk.query_report import run

		frappe.set_user(self.manager)
		result = run(
			"Service Desk KPIs",
			filters={"from_date": "2019-03-01", "to_date": "2019-03-31", "service_type": TYPE},
		)
		rows = [r for r in result["result"] if isinstance(r, dict) and r.get("service_type") == TYPE]
		self.assertEqual(rows[0]["on_time_rate"], 50.0)
		self.assertIn("on_time_rate", rows[0]["missed"])  # 50 < 90
		frappe.set_user(self.staff)
		self.assertRaises(frappe.PermissionError, run, "Service Desk KPIs", filters={})
		frappe.set_user(self.student)
		self.assertRaises(frappe.PermissionError, quality.on_time_rate_card)

	def test_quality_action_below_threshold_once(self):
		frappe.db.delete("Quality Action", {"date": "2019-03-01"})
		first = quality.check_monthly_on_time(MONTH.date())
		self.assertTrue(first)
		action = frappe.get_doc("Quality Action", first)
		self.assertEqual(action.goal, quality.GOAL)
		self.assertEqual(action.corrective_preventive, "Corrective")
		self.assertIn("2019-03", action.resolutions[0].problem)
		todos = frappe.get_all(
			"ToDo",
			filters={"reference_type": "Quality Action", "reference_name": first, "status": "Open"},
			pluck="allocated_to",
		)
		self.assertIn(self.manager, todos)
		self.assertEqual(quality.check_monthly_on_time(MONTH.date()), first)
		self.assertEqual(frappe.db.count("Quality Action", {"date": "2019-03-01"}), 1)
		# the office manager reads it (the assignment shares it)
		frappe.set_user(self.manager)
		self.assertTrue(frappe.has_permission("Quality Action", "read", first))

	def test_quarterly_review_gets_the_figures(self):
		frappe.db.delete("Quality Review", {"goal": quality.GOAL, "date": "2019-04-01"})
		review = frappe.get_doc({"doctype": "Quality Review", "goal": quality.GOAL, "date": "2019-04-01"})
		review.insert(ignore_permissions=True)
		rows = {r.objective: r for r in review.reviews}
		# Q1 2019: the seven fixture requests (FIX-6 in February has no deadline): on time 2 of 4
		on_time = rows["On-Time Rate"]
		self.assertEqual(on_time.review, "2019-01-01 to 2019-03-31: 50 % (target 90 %)")
		self.assertEqual(on_time.status, "Failed")
		# resolved 1, 2, 5, 6; first contact 1, 5, 6 -> 75 % (target 70 %)
		self.assertEqual(
			rows["First Contact Resolution Rate"].review, "2019-01-01 to 2019-03-31: 75 % (target 70 %)"
		)
		self.assertEqual(rows["First Contact Resolution Rate"].status, "Passed")
		self.assertEqual(review.status, "Failed")
		self.assertIn("7", review.additional_information)

	def test_no_action_when_on_time(self):
		frappe.db.delete("Quality Action", {"date": "2019-02-01"})
		# February: KPI-FIX-6 only, no deadline -> no figure, no action
		self.assertIsNone(quality.check_monthly_on_time(datetime(2019, 2, 1).date()))
		self.assertEqual(frappe.db.count("Quality Action", {"date": "2019-02-01"}), 0)

	def test_kpi_fields_set_by_the_system(self):
		doc = frappe.new_doc("Service Request")
		doc.status = "Resolved"
		doc.creation = datetime(2026, 11, 30, 8, 0)
		doc.first_responded_on = datetime(2026, 11, 30, 9, 0)  # a Monday
		doc.resolved_on = datetime(2026, 11, 30, 9, 25)
		quality.track_request(doc)
		self.assertEqual(doc.handling_minutes, 25.0)
		# Friday 17:20 -> Monday 08:40 on a 08:30-17:30 day: 10 + 10 working minutes
		doc = frappe.new_doc("Service Request")
		doc.status = "Resolved"
		doc.first_responded_on = datetime(2026, 11, 27, 17, 20)
		doc.resolved_on = datetime(2026, 11, 30, 8, 40)
		quality.track_request(doc)
		self.assertEqual(doc.handling_minutes, 20.0)

	def test_repeat_flags_of_the_fixture_follow_the_rule(self):
		from school_office.core.quality import repeat_flags

		rows = sorted(
			({"requester": f[1], "service_type": TYPE, "creation": f[2], "name": f[0]} for f in FIXTURE),
			key=lambda r: r["creation"],
		)
		flags = dict(zip((r["name"] for r in rows), repeat_flags(rows, 30), strict=True))
		self.assertEqual({n for n, f in flags.items() if f}, {"KPI-FIX-2", "KPI-FIX-5", "KPI-FIX-7"})

	def test_second_request_of_the_same_type_is_a_repeat(self):
		types = frappe.get_all("Service Type", pluck="name", limit=2, order_by="name")
		student = make_portal_user(f"kpi.repeat.{frappe.generate_hash(length=6)}@test.school", "Repeat")

		def file(stype):
			doc = frappe.get_doc(
				{
					"doctype": "Service Request",
					"subject": "kpi repeat",
					"service_type": stype,
					"description": "x",
				}
			)
			doc.flags.ignore_mandatory = True
			return doc.insert().name

		frappe.set_user(student)
		first, second, other = file(types[0]), file(types[0]), file(types[1])
		frappe.set_user("Administrator")
		flags = {n: frappe.db.get_value("Service Request", n, "is_repeat") for n in (first, second, other)}
		self.assertEqual(flags, {first: 0, second: 1, other: 0})

	def test_contact_rounds_count_needs_info_and_reopening(self):
		from school_office.service_desk import api

		frappe.set_user(self.student)
		doc = frappe.get_doc(
			{"doctype": "Service Request", "subject": "kpi contact " + frappe.generate_hash(length=5)}
		).insert()
		frappe.set_user("Administrator")
		api.request_info(doc.name, "Please add your student number.")
		doc.reload()
		self.assertEqual(doc.contact_rounds, 1)
		doc.reopen_after_reply()
		api.resolve(doc.name, resolution="Done")
		doc.reload()
		self.assertEqual(doc.contact_rounds, 1)
		self.assertTrue(doc.resolved_on)
		# a client cannot set the KPI fields
		frappe.set_user(self.student)
		doc2 = frappe.get_doc(
			{
				"doctype": "Service Request",
				"subject": "kpi forged " + frappe.generate_hash(length=5),
				"contact_rounds": 0,
				"handling_minutes": 1,
			}
		).insert()
		self.assertEqual(frappe.db.get_value("Service Request", doc2.name, "handling_minutes"), 0)
