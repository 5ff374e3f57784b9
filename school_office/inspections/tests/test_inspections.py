# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""IN-1 / IN-2: rounds from templates, findings as rectification requests, verification by the
inspector, lateness, monthly rates on hand-computed data, contractor credit through the scorecard
variables."""

from datetime import date, datetime

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from school_office.inspections import rectification, scorecard
from school_office.inspections.install import TEMPLATES, create_defaults
from school_office.inspections.report.inspection_rates.inspection_rates import monthly_rates
from school_office.service_desk import api
from school_office.tests.fixtures import make_user

TEMPLATE = TEMPLATES[0][0]


def make_supplier(name):
	if not frappe.db.exists("Supplier", name):
		frappe.get_doc(
			{
				"doctype": "Supplier",
				"supplier_name": name,
				"supplier_group": frappe.get_all("Supplier Group", pluck="name", limit=1)[0],
			}
		).insert(ignore_permissions=True)
	return name


class TestInspections(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		create_defaults()
		cls.inspector = make_user("inspector@test.school", ["Office Staff"])
		cls.other_staff = make_user("inspection.other@test.school", ["Office Staff"])
		cls.student = make_user("inspection.student@test.school", [])
		frappe.db.set_value("User", cls.student, "user_type", "Website User")
		cls.contractor = make_supplier("Test Cleaning Contractor")
		cls.department = frappe.get_all("Department", filters={"is_group": 0}, pluck="name", limit=1)[0]

	def tearDown(self):
		frappe.set_user("Administrator")

	def new_round(self, **values):
		frappe.set_user(self.inspector)
		items = [i for i, _g in TEMPLATES[0][3]]
		doc = frappe.get_doc(
			{
				"doctype": "Inspection Round",
				"template": TEMPLATE,
				"inspector": self.other_staff,
				"results": [
					{"item": items[0], "result": "Fail", "note": "Broken glass on stair 2"},
					*({"item": i, "result": "Pass"} for i in items[1:]),
				],
				**values,
			}
		)
		return doc.insert()

	def test_round_from_template_with_failed_item_finding(self):
		doc = self.new_round(
			findings=[
				{
					"description": "Light out in toilet 3F",
					"severity": "Major",
					"contractor": self.contractor,
					"rectification_status": "Verified",
					"verified_by": self.inspector,
				}
			]
		)
		self.assertEqual(doc.inspector, self.inspector)  # not the forged one
		self.assertEqual(doc.round_type, "Daily Patrol")
		self.assertEqual(len(doc.results), len(TEMPLATES[0][3]))
		self.assertEqual(len(doc.findings), 2)  # the given one + the failed stair item
		given = doc.findings[0]
		self.assertIsNone(given.rectification_status)
		self.assertIsNone(given.verified_by)
		auto = doc.findings[1]
		self.assertEqual(auto.description, "Broken glass on stair 2")
		self.assertEqual(auto.checklist_item, TEMPLATES[0][3][0][0])
		self.assertTrue(auto.due_by)
		self.assertGreater(getdate(given.due_by), getdate(doc.round_date))

	def test_student_cannot_record_a_round(self):
		frappe.set_user(self.student)
		doc = frappe.get_doc({"doctype": "Inspection Round", "template": TEMPLATE})
		self.assertRaises(frappe.PermissionError, doc.insert)

	def test_submit_needs_responsible_and_creates_rectifications(self):
		doc = self.new_round()
		self.assertRaises(frappe.ValidationError, doc.submit)  # no responsible department / contractor
		doc.reload()
		doc.findings[0].responsible_department = self.department
		doc.save()
		doc.submit()
		doc.reload()
		f = doc.findings[0]
		self.assertEqual(f.rectification_status, "Open")
		req = frappe.get_doc("Service Request", f.rectification)
		self.assertEqual(req.service_type, "Inspection Rectification")
		self.assertEqual((req.reference_doctype, req.reference_name), ("Inspection Round", doc.name))
		self.assertEqual(req.responsible_department, self.department)
		self.assertEqual(req.status, "Accepted")
		self.assertEqual(doc.open_findings, 1)

	def submitted_round(self, **values):
		doc = self.new_round(**values)
		doc.findings[0].contractor = self.contractor
		doc.save()
		doc.submit()
		doc.reload()
		return doc, doc.findings[0]

	def test_rectify_reject_and_verify(self):
		doc, f = self.submitted_round()
		frappe.set_user("Administrator")
		api.resolve(f.rectification, resolution="Glass replaced")
		status, late = frappe.db.get_value("Inspection Finding", f.name, ["rectification_status", "is_late"])
		self.assertEqual((status, late), ("Rectified", 0))
		# another staff member may not verify
		frappe.set_user(self.other_staff)
		self.assertRaises(frappe.PermissionError, rectification.verify, f.name, 1)
		# the inspector rejects with a reason: the request goes back
		frappe.set_user(self.inspector)
		self.assertRaises(frappe.ValidationError, rectification.verify, f.name, 0, "")
		out = rectification.verify(f.name, 0, "Still sharp edges")
		self.assertEqual(
			out, {"finding": f.name, "rectification_status": "Open", "request_status": "In Progress"}
		)
		self.assertRaises(frappe.ValidationError, rectification.verify, f.name, 1)  # not rectified now
		frappe.set_user("Administrator")
		api.resolve(f.rectification, resolution="Edges sanded")
		frappe.set_user(self.inspector)
		out = rectification.verify(f.name, 1)
		self.assertEqual(
			out, {"finding": f.name, "rectification_status": "Verified", "request_status": "Closed"}
		)
		self.assertEqual(frappe.db.get_value("Inspection Finding", f.name, "verified_by"), self.inspector)
		self.assertEqual(frappe.db.get_value("Inspection Round", doc.name, "open_findings"), 0)

	def test_late_rectification(self):
		_doc, f = self.submitted_round(round_date="2026-01-05")
		frappe.db.set_value("Inspection Finding", f.name, "due_by", "2026-01-06")
		frappe.set_user("Administrator")
		api.resolve(f.rectification, resolution="Done late")
		self.assertEqual(frappe.db.get_value("Inspection Finding", f.name, "is_late"), 1)

	def test_rates_and_contractor_points_hand_computed(self):
		# March 2018: two findings of the contractor, one rectified on time, one open past its deadline;
		# one repair request reported by someone else in the month
		frappe.db.delete("Inspection Finding", {"parent": "IR-TEST-2018"})
		frappe.db.delete("Inspection Round", {"name": "IR-TEST-2018"})
		frappe.db.delete("Service Request", {"name": "IR-TEST-SR-2018"})
		now = datetime(2018, 3, 1)
		frappe.db.bulk_insert(
			"Inspection Round",
			["name", "round_type", "round_date", "docstatus", "owner", "modified_by", "creation", "modified"],
			[
				(
					"IR-TEST-2018",
					"Daily Patrol",
					date(2018, 3, 5),
					1,
					"Administrator",
					"Administrator",
					now,
					now,
				)
			],
		)
		frappe.db.bulk_insert(
			"Inspection Finding",
			[
				"name",
				"parent",
				"parenttype",
				"parentfield",
				"idx",
				"description",
				"contractor",
				"due_by",
				"rectified_on",
			],
			[
				(
					"IR-TEST-F1",
					"IR-TEST-2018",
					"Inspection Round",
					"findings",
					1,
					"a",
					self.contractor,
					date(2018, 3, 9),
					datetime(2018, 3, 8, 10),
				),
				(
					"IR-TEST-F2",
					"IR-TEST-2018",
					"Inspection Round",
					"findings",
					2,
					"b",
					self.contractor,
					date(2018, 3, 9),
					None,
				),
			],
		)
		frappe.db.bulk_insert(
			"Service Request",
			["name", "subject", "service_type", "status", "creation", "modified", "owner", "modified_by"],
			[
				(
					"IR-TEST-SR-2018",
					"leak",
					"Repair Request",
					"Open",
					datetime(2018, 3, 20),
					now,
					"Administrator",
					"Administrator",
				)
			],
		)
		rows = monthly_rates(date(2018, 3, 1), date(2018, 3, 31), today=date(2018, 4, 1))
		self.assertEqual(len(rows), 1)
		r = rows[0]
		self.assertEqual(
			(r["month"], r["rounds"], r["findings"], r["reported_by_others"]), ("2018-03", 1, 2, 1)
		)
		self.assertEqual(r["discovery_rate"], 66.7)  # 2 / (2 + 1)
		self.assertEqual(r["rectification_rate"], 50.0)  # F1 on time, F2 open past 9 March
		self.assertEqual(r["late"], 1)
		period = frappe._dict(
			supplier=self.contractor, start_date=date(2018, 3, 1), end_date=date(2018, 3, 31)
		)
		self.assertEqual(scorecard.get_inspection_findings(period), 2)
		self.assertEqual(scorecard.get_late_rectifications(period), 1)
		self.assertEqual(scorecard.get_points_lost(period), 2 * 2 + 5 * 1)

	def test_scorecard_period_uses_the_variables(self):
		"""ERPNext's own Supplier Scorecard Period computes the criteria through the variables' paths."""
		period = frappe.get_doc(
			{
				"doctype": "Supplier Scorecard Period",
				"supplier": self.contractor,
				"start_date": date(2018, 3, 1),
				"end_date": date(2018, 3, 31),
				"criteria": [
					{
						"criteria_name": "Inspection Credit",
						"max_score": 100,
						"formula": "100 - {inspection_points_lost}",
						"weight": 100,
					}
				],
				"variables": [
					{
						"variable_label": v,
						"param_name": p,
						"path": f"school_office.inspections.scorecard.{fn}",
					}
					for v, p, fn, _d in scorecard.VARIABLES
				],
			}
		)
		period.calculate_variables()
		period.calculate_criteria()
		values = {v.param_name: v.value for v in period.variables}
		self.assertEqual(values["inspection_points_lost"], 9)
		self.assertEqual(period.criteria[0].score, 91)

	def test_default_deadline_counts_working_days(self):
		# Friday 2026-11-27 + 1 working day (Critical) = Monday 2026-11-30
		self.assertEqual(rectification.default_due_by("2026-11-27", "Critical"), date(2026, 11, 30))
		self.assertEqual(rectification.default_due_by("2026-11-27", "Major"), date(2026, 12, 1))
