"""E-mail intake (SD-1) through Frappe's own InboundMail and an Email Account appending to Service Request."""

import re
import uuid
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import frappe
from frappe.email.receive import InboundMail
from frappe.tests.utils import FrappeTestCase
from frappe.utils import now_datetime

ACCOUNT = "Service Desk Intake Test"
INBOX = "servicedesk.intake@test.school"


def intake_account():
	if not frappe.db.exists("Email Account", ACCOUNT):
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": ACCOUNT,
				"email_id": INBOX,
				"enable_incoming": 0,
				"enable_outgoing": 0,
				"use_imap": 0,
				"append_to": "Service Request",
				"awaiting_password": 1,
			}
		).insert(ignore_permissions=True)
	return frappe.get_doc("Email Account", ACCOUNT)


def department(name: str) -> str:
	company = frappe.defaults.get_global_default("company") or frappe.get_all("Company", pluck="name")[0]
	existing = frappe.db.get_value("Department", {"department_name": name, "company": company})
	if existing:
		return existing
	return (
		frappe.get_doc(
			{
				"doctype": "Department",
				"department_name": name,
				"company": company,
				"parent_department": "All Departments",
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def raw_mail(
	subject,
	sender="parent.li@example.org",
	body="Please help.",
	in_reply_to=None,
	message_id=None,
	attachments=(),
):
	msg = EmailMessage()
	msg["From"] = f"Li Parent <{sender}>"
	msg["To"] = INBOX
	msg["Subject"] = subject
	msg["Date"] = format_datetime(now_datetime().astimezone())
	msg["Message-ID"] = message_id or make_msgid(domain="example.org")
	if in_reply_to:
		msg["In-Reply-To"] = in_reply_to
		msg["References"] = in_reply_to
	msg.set_content(body)
	for filename, content, maintype, subtype in attachments:
		msg.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)
	return msg.as_bytes(), msg["Message-ID"]


def receive(raw: bytes):
	comm = InboundMail(raw, intake_account()).process()
	return comm


def requests_with_subject(subject: str) -> list[str]:
	return frappe.get_all("Service Request", filters={"subject": subject}, pluck="name")


class TestEmailIntake(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"
		self.tag = uuid.uuid4().hex[:6]

	def test_subject_sets_department_and_type_in_english(self):
		dept = department("Academic Affairs Intake")
		subject = f"[Academic Affairs Intake]-[Repair Request]-[20261121] projector {self.tag}"
		comm = receive(raw_mail(subject)[0])
		self.assertEqual(comm.reference_doctype, "Service Request")
		doc = frappe.get_doc("Service Request", comm.reference_name)
		self.assertEqual(doc.channel, "Email")
		self.assertEqual(doc.department, dept)
		self.assertEqual(doc.service_type, "Repair Request")
		self.assertEqual(doc.service_team, "Maintenance")
		self.assertEqual(doc.subject, subject)
		self.assertEqual(doc.raised_by, "parent.li@example.org")

	def test_subject_in_chinese(self):
		dept = department("测试教务处")
		subject = f"[测试教务处]-[报修]-[20261121] 投影仪坏了 {self.tag}"
		doc = frappe.get_doc("Service Request", receive(raw_mail(subject)[0]).reference_name)
		self.assertEqual(doc.department, dept)
		self.assertEqual(doc.service_type, "Repair Request")

	def test_other_subject_lands_untyped_with_original_subject(self):
		subject = f"Question about the library hours {self.tag}"
		doc = frappe.get_doc("Service Request", receive(raw_mail(subject)[0]).reference_name)
		self.assertFalse(doc.service_type)
		self.assertFalse(doc.department)
		self.assertEqual(doc.subject, subject)
		self.assertEqual(doc.status, "Open")
		# a type that does not exist also leaves it untyped
		subject = f"[Academic Affairs Intake]-[Teleportation]-[20261121] {self.tag}"
		doc = frappe.get_doc("Service Request", receive(raw_mail(subject)[0]).reference_name)
		self.assertFalse(doc.service_type)
		self.assertEqual(doc.subject, subject)

	def test_known_sender_becomes_requester(self):
		email = "intake.teacher@test.school"
		if not frappe.db.exists("User", email):
			frappe.get_doc(
				{"doctype": "User", "email": email, "first_name": "Intake Teacher", "send_welcome_email": 0}
			).insert(ignore_permissions=True)
		doc = frappe.get_doc(
			"Service Request", receive(raw_mail(f"Broken chair {self.tag}", sender=email)[0]).reference_name
		)
		self.assertEqual(doc.requester, email)

	def test_reply_threads_into_same_request(self):
		subject = f"[Academic Affairs Intake]-[Repair Request]-[20261121] leaking tap {self.tag}"
		department("Academic Affairs Intake")
		raw, first_id = raw_mail(subject)
		first = receive(raw)
		# In-Reply-To the first message
		reply = receive(raw_mail(f"Re: {subject}", body="It got worse.", in_reply_to=first_id)[0])
		self.assertEqual(reply.reference_name, first.reference_name)
		# no threading headers, same subject and sender
		again = receive(raw_mail(f"RE: {subject}", body="Still leaking.")[0])
		self.assertEqual(again.reference_name, first.reference_name)
		self.assertEqual(
			len(frappe.get_all("Service Request", filters={"subject": ("like", f"%{self.tag}%")})), 1
		)
		self.assertEqual(
			frappe.db.count(
				"Communication",
				{
					"reference_doctype": "Service Request",
					"reference_name": first.reference_name,
					"sent_or_received": "Received",
				},
			),
			3,
		)

	def test_reply_reopens_needs_info(self):
		from school_office.service_desk import api

		subject = f"Where is my certificate {self.tag}"
		raw, first_id = raw_mail(subject)
		name = receive(raw).reference_name
		api.request_info(name, "Which certificate do you need?")
		self.assertEqual(frappe.db.get_value("Service Request", name, "status"), "Needs Info")
		receive(raw_mail(f"Re: {subject}", body="Certificate of enrolment", in_reply_to=first_id)[0])
		self.assertEqual(frappe.db.get_value("Service Request", name, "status"), "Open")

	def test_same_message_twice_makes_one_request(self):
		subject = f"Heating does not work {self.tag}"
		raw, _ = raw_mail(subject)
		first = receive(raw)
		second = receive(raw)
		self.assertEqual(first.name, second.name)
		self.assertEqual(requests_with_subject(subject), [first.reference_name])
		self.assertEqual(frappe.db.count("Communication", {"subject": subject}), 1)

	def test_refused_attachment_still_creates_request_and_tells_sender(self):
		from school_office.service_desk.doctype.service_request.test_service_request import (
			ensure_outgoing_email_account,
		)
		from school_office.service_desk.tests.test_portal import pdf_bytes

		ensure_outgoing_email_account()

		subject = f"Broken lock with files {self.tag}"
		raw, _ = raw_mail(
			subject,
			attachments=[
				("setup.exe", b"MZ-not-allowed", "application", "octet-stream"),
				("lock.pdf", pdf_bytes(), "application", "pdf"),
			],
		)
		comm = receive(raw)
		name = comm.reference_name
		self.assertTrue(name)
		self.assertEqual(requests_with_subject(subject), [name])
		kept = frappe.get_all(
			"File",
			filters={"attached_to_doctype": "Communication", "attached_to_name": comm.name},
			pluck="file_name",
		)
		# Frappe adds a random suffix to a file name already used on the site
		self.assertEqual(len(kept), 1)
		self.assertRegex(kept[0], r"^lock\w*\.pdf$")
		comments = frappe.get_all(
			"Comment",
			filters={"reference_doctype": "Service Request", "reference_name": name},
			pluck="content",
		)
		self.assertTrue(any(re.search(r"setup\w*\.exe", c) for c in comments), comments)
		queue = frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": "Service Request", "reference_name": name},
			fields=["name", "message"],
		)
		# the refusal notice, besides the intake's automatic reply (SD-9, school_office.service_desk.replies)
		self.assertEqual(len(queue), 2)
		queue = [q for q in queue if re.search(r"setup\w*\.exe", q.message.replace("=\r\n", ""))]
		self.assertEqual(len(queue), 1)
		recipients = frappe.get_all(
			"Email Queue Recipient", filters={"parent": queue[0].name}, pluck="recipient"
		)
		self.assertEqual(recipients, ["parent.li@example.org"])

	def test_oversized_attachment_refused_by_mail(self):
		from school_office.service_desk.tests.test_portal import pdf_bytes

		subject = f"Scanned forms {self.tag}"
		raw, _ = raw_mail(
			subject, attachments=[("forms.pdf", pdf_bytes(padding=6 * 1024 * 1024), "application", "pdf")]
		)
		comm = receive(raw)
		self.assertTrue(comm.reference_name)
		self.assertFalse(
			frappe.get_all(
				"File", filters={"attached_to_doctype": "Communication", "attached_to_name": comm.name}
			)
		)
		comments = frappe.get_all(
			"Comment",
			filters={"reference_doctype": "Service Request", "reference_name": comm.reference_name},
			pluck="content",
		)
		# Frappe may add a random suffix to an attachment's file name (forms<hex>.pdf)
		self.assertTrue(any("forms" in c and ".pdf" in c and "5.0 MB" in c for c in comments), comments)
