"""SU-6: print jobs against the department's quota, colour approved by the department head, over-quota by
the Office Manager, due in working minutes with the urgent lane first, worked by the print room; each role
acting as itself, and nobody seeing another department's jobs."""

from datetime import timedelta

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime, get_first_day, get_last_day, nowdate

from school_office.office_supplies.tests import fixtures as fx
from school_office.utils.calendar import get_work_calendar


class TestPrintJob(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		from school_office.office_supplies.install import create_defaults

		create_defaults()
		cls.dept = fx.make_department("OS Test Print A")
		cls.other_dept = fx.make_department("OS Test Print B")
		cls.teacher = fx.make_user("printteacher")
		cls.colleague = fx.make_user("printcolleague")
		cls.outsider = fx.make_user("printoutsider")
		cls.head = fx.make_user("printhead", ["Department Head"])
		cls.other_head = fx.make_user("printotherhead", ["Department Head"])
		cls.room = fx.make_user("printroom", ["Office Staff"])
		cls.manager = fx.make_user("printmanager", ["Office Manager"])
		for user, dept in (
			(cls.teacher, cls.dept),
			(cls.colleague, cls.dept),
			(cls.head, cls.dept),
			(cls.outsider, cls.other_dept),
			(cls.other_head, cls.other_dept),
		):
			fx.make_employee(user, dept)
		frappe.db.delete("Print Quota", {"department": ("in", [cls.dept, cls.other_dept])})
		cls.quota = frappe.get_doc(
			{
				"doctype": "Print Quota",
				"department": cls.dept,
				"period_type": "Month",
				"period": "test-month",
				"from_date": get_first_day(nowdate()),
				"to_date": get_last_day(nowdate()),
				"bw_pages": 100,
				"colour_pages": 10,
			}
		).insert(ignore_permissions=True)

	def setUp(self):
		frappe.db.set_value("Print Quota", self.quota.name, {"used_bw": 0, "used_colour": 0})

	def tearDown(self):
		frappe.set_user("Administrator")

	def job(self, user=None, **values):
		frappe.set_user(user or self.teacher)
		doc = {"doctype": "Print Job", "attachment": "/private/files/handout.pdf", "pages": 10, "copies": 3}
		doc.update(values)
		return frappe.get_doc(doc).insert()

	def used(self):
		return frappe.db.get_value("Print Quota", self.quota.name, ["used_bw", "used_colour"])

	def test_black_and_white_goes_to_the_queue_and_is_charged(self):
		job = self.job(status="Collected", requester=self.manager, approved_by=self.manager)
		self.assertEqual((job.status, job.requester, job.department), ("Submitted", self.teacher, self.dept))
		self.assertIsNone(job.approved_by)
		self.assertEqual(job.quota_pages, 30)
		self.assertEqual(self.used(), (30, 0))
		expected = get_work_calendar().add_working_time(get_datetime(job.queued_on), timedelta(minutes=30))
		self.assertEqual(get_datetime(job.due_by), expected)
		# what was charged cannot change
		job = frappe.get_doc("Print Job", job.name)
		job.copies = 1
		self.assertRaises(frappe.ValidationError, job.save)

	def test_urgent_lane_first(self):
		first = self.job()
		urgent = self.job(urgent=1)
		self.assertLess(urgent.queue_order, first.queue_order)
		frappe.set_user(self.room)
		queue = frappe.get_list(
			"Print Job",
			filters={"name": ("in", [first.name, urgent.name])},
			order_by="queue_order asc",
			pluck="name",
		)
		self.assertEqual(queue, [urgent.name, first.name])

	def test_colour_needs_the_department_head(self):
		job = self.job(colour="Colour", pages=2, copies=2)
		self.assertEqual(job.status, "Pending Approval")
		self.assertIsNone(job.due_by)
		self.assertEqual(self.used(), (0, 0))
		# the requester, the print room and another department's head cannot approve
		for user in (self.teacher, self.room, self.other_head):
			frappe.set_user(user)
			self.assertRaises(frappe.PermissionError, frappe.get_doc("Print Job", job.name).approve)
		frappe.set_user(self.head)
		frappe.get_doc("Print Job", job.name).approve()
		stored = frappe.get_doc("Print Job", job.name)
		self.assertEqual((stored.status, stored.approved_by), ("Approved", self.head))
		self.assertTrue(stored.due_by)
		self.assertEqual(self.used(), (0, 4))

	def test_over_quota_refused_with_message_then_approved_by_the_office_manager(self):
		self.job(pages=10, copies=9)  # 90 of 100
		with self.assertRaisesRegex(frappe.ValidationError, "10 .* pages left"):
			self.job(pages=20, copies=1)
		job = self.job(pages=20, copies=1, ask_approval_over_quota=1)
		self.assertEqual((job.status, job.over_quota), ("Pending Approval", 1))
		frappe.set_user(self.head)
		self.assertRaises(frappe.PermissionError, frappe.get_doc("Print Job", job.name).approve)
		frappe.set_user(self.manager)
		frappe.get_doc("Print Job", job.name).approve()
		self.assertEqual(self.used(), (110, 0))

	def test_reject_needs_reason(self):
		job = self.job(colour="Colour", pages=1, copies=1)
		frappe.set_user(self.head)
		self.assertRaises(frappe.ValidationError, frappe.get_doc("Print Job", job.name).reject, "")
		frappe.get_doc("Print Job", job.name).reject("Use black and white")
		self.assertEqual(frappe.db.get_value("Print Job", job.name, "status"), "Rejected")
		self.assertEqual(self.used(), (0, 0))

	def test_print_room_works_the_queue(self):
		job = self.job()
		frappe.set_user(self.teacher)
		self.assertRaises(frappe.PermissionError, frappe.get_doc("Print Job", job.name).start)
		frappe.set_user(self.room)
		doc = frappe.get_doc("Print Job", job.name)
		doc.start()
		doc = frappe.get_doc("Print Job", job.name)
		doc.mark_ready()
		frappe.get_doc("Print Job", job.name).mark_collected()
		stored = frappe.get_doc("Print Job", job.name)
		self.assertEqual((stored.status, stored.operator), ("Collected", self.room))
		self.assertTrue(stored.completed_on and stored.collected_on)

	def test_who_sees_what(self):
		job = self.job()
		frappe.set_user(self.outsider)
		self.assertFalse(frappe.has_permission("Print Job", "read", job.name))
		self.assertNotIn(job.name, frappe.get_list("Print Job", pluck="name"))
		self.assertRaises(frappe.PermissionError, self.job, self.outsider, department=self.dept)
		frappe.set_user(self.colleague)
		self.assertFalse(frappe.has_permission("Print Job", "read", job.name))
		frappe.set_user(self.head)
		self.assertIn(job.name, frappe.get_list("Print Job", pluck="name"))
		frappe.set_user(self.other_head)
		self.assertNotIn(job.name, frappe.get_list("Print Job", pluck="name"))
		self.assertNotIn(self.quota.name, frappe.get_list("Print Quota", pluck="name"))
		frappe.set_user(self.head)
		self.assertIn(self.quota.name, frappe.get_list("Print Quota", pluck="name"))
		frappe.set_user(self.teacher)
		self.assertRaises(frappe.PermissionError, frappe.get_list, "Print Quota")
		self.assertTrue(frappe.has_permission("Print Job", "read", job.name))


class TestPrintJobFromServiceRequest(FrappeTestCase):
	def test_print_room_makes_a_job_from_a_request(self):
		frappe.set_user("Administrator")
		from school_office.office_supplies.api import print_job_from_service_request

		dept = fx.make_department("OS Test Print SR")
		teacher = fx.make_user("srteacher")
		fx.make_employee(teacher, dept)
		room = fx.make_user("srroom", ["Office Staff"])
		stranger = fx.make_user("srstranger")
		sr = frappe.get_doc(
			{
				"doctype": "Service Request",
				"subject": "Print the exam papers",
				"requester": teacher,
				"department": dept,
				"description": "30 copies",
			}
		)
		sr.flags.ignore_permissions = True
		sr.insert()
		import io

		from pypdf import PdfWriter

		buf = io.BytesIO()
		writer = PdfWriter()
		writer.add_blank_page(595, 842)
		writer.write(buf)
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "exam.pdf",
				"content": buf.getvalue(),
				"attached_to_doctype": "Service Request",
				"attached_to_name": sr.name,
				"is_private": 1,
			}
		).insert(ignore_permissions=True)
		frappe.set_user(stranger)
		self.assertRaises(frappe.PermissionError, print_job_from_service_request, sr.name, 4, 30)
		frappe.set_user(room)
		out = print_job_from_service_request(sr.name, 4, 30)
		job = frappe.get_doc("Print Job", out["name"])
		self.assertEqual(
			(job.requester, job.department, job.quota_pages, job.service_request),
			(teacher, dept, 120, sr.name),
		)
		self.assertRaises(frappe.ValidationError, print_job_from_service_request, sr.name, 4, 30)
		frappe.set_user("Administrator")
