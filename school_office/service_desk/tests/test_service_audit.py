# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""SD-12: the monthly audit draws a reproducible 20 % of the month's requests once; the sample is fixed;
only the Office Manager completes it; findings become retraining ToDos and the operator error rate."""

from datetime import date, datetime

import frappe
from frappe.tests.utils import FrappeTestCase

from school_office.core.quality import draw_sample
from school_office.service_desk import quality
from school_office.service_desk.doctype.service_audit.service_audit import create_monthly_audit
from school_office.service_desk.quality_setup import create_defaults
from school_office.service_desk.tests.test_hardening import make_staff

MONTH = "2017-05"
NAMES = [f"AUDIT-FIX-{i:02d}" for i in range(10)]


def load_requests(staff):
	frappe.db.delete("Service Request", {"name": ("like", "AUDIT-FIX-%")})
	frappe.db.delete("ToDo", {"reference_type": "Service Request", "reference_name": ("like", "AUDIT-FIX-%")})
	for name in frappe.get_all("Service Audit", filters={"month": MONTH}, pluck="name"):
		frappe.delete_doc("Service Audit", name, force=True, ignore_permissions=True)
	rows = []
	for i, n in enumerate(NAMES):
		c = datetime(2017, 5, 2 + i, 10, 0)
		rows.append((n, n, "Resolved", c, c, c, "Administrator", "Administrator", "AUDIT TYPE"))
	frappe.db.bulk_insert(
		"Service Request",
		[
			"name",
			"subject",
			"status",
			"creation",
			"modified",
			"resolved_on",
			"owner",
			"modified_by",
			"service_type",
		],
		rows,
	)
	for n in NAMES:
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"allocated_to": staff,
				"reference_type": "Service Request",
				"reference_name": n,
				"description": n,
			}
		).insert(ignore_permissions=True)


class TestServiceAudit(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		create_defaults()
		cls.manager = make_staff("audit.manager@test.school")
		cls.staff = "audit.staff@test.school"
		if not frappe.db.exists("User", cls.staff):
			frappe.get_doc(
				{
					"doctype": "User",
					"email": cls.staff,
					"first_name": "Audit Staff",
					"send_welcome_email": 0,
					"roles": [{"role": "Office Staff"}],
				}
			).insert(ignore_permissions=True)
		load_requests(cls.staff)

	def setUp(self):
		for name in frappe.get_all("Service Audit", filters={"month": MONTH}, pluck="name"):
			frappe.delete_doc("Service Audit", name, force=True, ignore_permissions=True)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_monthly_draw_is_reproducible_once_and_fixed(self):
		name = create_monthly_audit(date(2017, 5, 1))
		self.assertEqual(name, f"SA-{MONTH}")
		self.assertEqual(create_monthly_audit(date(2017, 5, 20)), name)  # once
		self.assertEqual(frappe.db.count("Service Audit", {"month": MONTH}), 1)
		audit = frappe.get_doc("Service Audit", name)
		self.assertEqual((audit.population, audit.sample_percent, audit.status), (10, 20, "Draft"))
		sample = sorted(r.service_request for r in audit.items)
		self.assertEqual(len(sample), 2)  # 20 % of 10
		self.assertEqual(sample, draw_sample(NAMES, 20, audit.seed))  # the same seed draws the same
		self.assertTrue(all(r.staff == self.staff for r in audit.items))
		# the auditor cannot change the sample
		frappe.set_user(self.manager)
		audit = frappe.get_doc("Service Audit", name)
		other = next(n for n in NAMES if n not in sample)
		audit.items[0].service_request = other
		audit.save()  # permlevel 1: the client's value is dropped
		self.assertEqual(
			sorted(r.service_request for r in frappe.get_doc("Service Audit", name).items), sample
		)
		audit = frappe.get_doc("Service Audit", name)
		audit.items = audit.items[:1]
		self.assertRaises(frappe.ValidationError, audit.save)

	def test_forged_status_and_seed_are_ignored(self):
		frappe.db.delete("Service Audit", {"name": "SA-2017-04"})
		frappe.set_user(self.manager)
		doc = frappe.get_doc(
			{"doctype": "Service Audit", "month": "2017-04", "status": "Completed", "seed": "x"}
		).insert()
		self.assertEqual(doc.status, "Draft")
		self.assertNotEqual(doc.seed, "x")
		self.assertEqual(doc.population, 0)
		self.assertRaises(
			frappe.ValidationError, frappe.get_doc({"doctype": "Service Audit", "month": "May 2017"}).insert
		)

	def test_complete_makes_retraining_todos_and_error_rate(self):
		name = create_monthly_audit(date(2017, 5, 1))
		frappe.set_user(self.manager)
		audit = frappe.get_doc("Service Audit", name)
		first, _second = audit.items
		for row in audit.items:
			row.record_complete = row.ledger_complete = row.follow_up_done = 1
		first.follow_up_done = 0
		first.finding = "No follow-up call logged"
		audit.save()
		self.assertEqual(audit.status, "In Progress")
		frappe.set_user(self.staff)
		self.assertRaises(frappe.PermissionError, frappe.get_doc("Service Audit", name).complete)
		frappe.set_user(self.manager)
		out = frappe.get_doc("Service Audit", name).complete()
		self.assertEqual(out, {"name": name, "status": "Completed", "findings": 1})
		audit.reload()
		self.assertEqual(
			(audit.status, audit.auditor, audit.findings_count, audit.error_rate),
			("Completed", self.manager, 1, 50.0),
		)
		todo = frappe.get_doc("ToDo", audit.items[0].retraining_todo)
		self.assertEqual((todo.allocated_to, todo.reference_name), (self.staff, first.service_request))
		self.assertIn("No follow-up call logged", todo.description)
		self.assertFalse(audit.items[1].retraining_todo)
		self.assertRaises(frappe.ValidationError, audit.save)  # completed: frozen
		# the KPI report: 2 audited, 1 with a finding
		rows = quality.kpi_rows("2017-05-01", "2017-05-31", service_type="AUDIT TYPE")
		self.assertEqual(quality.figures(rows)[0]["operator_error_rate"], 50.0)
		# the checks are kept on the requests; deleting the completed audit takes them back
		request = first.service_request
		self.assertEqual(
			frappe.db.get_value("Service Request", request, ["audit_checks", "audit_findings"]), (1, 1)
		)
		frappe.set_user("Administrator")
		frappe.delete_doc("Service Audit", name, force=True)
		self.assertEqual(
			frappe.db.get_value("Service Request", request, ["audit_checks", "audit_findings"]), (0, 0)
		)
		rows = quality.kpi_rows("2017-05-01", "2017-05-31", service_type="AUDIT TYPE")
		self.assertEqual(rows[0]["audited"], 0)
