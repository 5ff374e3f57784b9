# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""SD-9: standard replies (Email Templates) render with the request, escaped; a request that came by
e-mail gets the automatic reply with its number, its follow-up link and the service guide's link."""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from school_office.service_desk.replies import ACK, TEMPLATES, create_templates


class TestStandardReplies(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		create_templates()

	def test_templates_exist_and_render_escaped(self):
		for name, *_rest in TEMPLATES:
			self.assertTrue(frappe.db.exists("Email Template", name))
		from frappe.email.doctype.email_template.email_template import get_email_template

		doc = frappe._dict(name="SR-2026-00001", subject="<script>x</script>", requester_name="<b>Li</b>")
		out = get_email_template("Materials Missing", doc)
		self.assertEqual(out["subject"], "[SR-2026-00001] Please supplement your materials")
		self.assertIn("&lt;b&gt;Li&lt;/b&gt;", out["message"])
		self.assertNotIn("<b>Li</b>", out["message"])

	def test_email_intake_gets_the_automatic_reply(self):
		with patch("school_office.utils.mail.outgoing_mail_ready", return_value=True):
			doc = frappe.get_doc(
				{
					"doctype": "Service Request",
					"subject": "question about transcripts " + frappe.generate_hash(length=5),
					"raised_by": "someone.outside@example.org",
					"channel": "Email",
				}
			)
			doc.flags.ignore_mandatory = True
			doc.insert(ignore_permissions=True)
		queued = frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": "Service Request", "reference_name": doc.name},
			fields=["name", "message"],
		)
		self.assertEqual(len(queued), 1)
		recipients = frappe.get_all(
			"Email Queue Recipient", filters={"parent": queued[0].name}, pluck="recipient"
		)
		self.assertEqual(recipients, ["someone.outside@example.org"])
		message = queued[0].message
		self.assertIn(doc.name, message)
		self.assertIn(f"/my-requests/{doc.name}", message)
		self.assertIn("/service-guide", message)

	def test_no_reply_for_other_channels(self):
		with patch("school_office.utils.mail.outgoing_mail_ready", return_value=True):
			doc = frappe.get_doc(
				{
					"doctype": "Service Request",
					"subject": "window " + frappe.generate_hash(length=5),
					"channel": "Window",
				}
			)
			doc.flags.ignore_mandatory = True
			doc.insert(ignore_permissions=True)
		self.assertFalse(
			frappe.db.exists("Email Queue", {"reference_name": doc.name, "subject": ("like", "%received%")})
		)
		self.assertTrue(frappe.db.exists("Email Template", ACK))
