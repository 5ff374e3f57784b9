"""Attachment policy (School Office Settings: types and 5 MB) on desk and portal, messages in zh."""

import base64

import frappe
from frappe.tests.utils import FrappeTestCase

from school_office.service_desk import portal
from school_office.service_desk.tests.test_portal import image_bytes, make_portal_user, pdf_bytes

SIX_MB_PDF = pdf_bytes(padding=6 * 1024 * 1024)


def b64(data: bytes) -> str:
	return base64.b64encode(data).decode()


class TestAttachmentPolicy(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.student = make_portal_user("attach.student@test.school", "Attach Student", lang="zh")
		frappe.db.set_value("Service Type", "Repair Request", "is_published", 1)
		frappe.set_user("Administrator")
		cls.request = frappe.get_doc(
			{
				"doctype": "Service Request",
				"subject": "Desk attachment test",
				"service_type": "Repair Request",
				"requester": cls.student,
				"channel": "Window",
			}
		).insert()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"

	def attach(self, filename, content):
		return frappe.get_doc(
			{
				"doctype": "File",
				"file_name": filename,
				"attached_to_doctype": "Service Request",
				"attached_to_name": self.request.name,
				"is_private": 1,
				"content": content,
			}
		).insert()

	# ------------------------------------------------------------------ desk
	def test_desk_allowed_types_pass(self):
		self.assertTrue(self.attach("scan.pdf", pdf_bytes()).name)
		self.assertTrue(self.attach("photo.jpg", image_bytes()).name)

	def test_desk_exe_refused(self):
		with self.assertRaises(frappe.ValidationError) as cm:
			self.attach("tool.exe", b"MZ\x90\x00")
		self.assertIn("exe", str(cm.exception))
		self.assertFalse(
			frappe.db.exists("File", {"attached_to_name": self.request.name, "file_name": "tool.exe"})
		)

	def test_desk_six_mb_pdf_refused(self):
		with self.assertRaises(frappe.ValidationError) as cm:
			self.attach("big.pdf", SIX_MB_PDF)
		self.assertIn("5", str(cm.exception))
		self.assertFalse(
			frappe.db.exists("File", {"attached_to_name": self.request.name, "file_name": "big.pdf"})
		)

	def test_desk_message_in_chinese(self):
		frappe.local.lang = "zh"
		with self.assertRaises(frappe.ValidationError) as cm:
			self.attach("tool.exe", b"MZ\x90\x00")
		self.assertIn("不接受", str(cm.exception))
		with self.assertRaises(frappe.ValidationError) as cm:
			self.attach("big.pdf", SIX_MB_PDF)
		self.assertIn("上限为", str(cm.exception))

	def test_settings_change_the_policy(self):
		settings = frappe.get_single("School Office Settings")
		old_types, old_size = settings.allowed_attachment_types, settings.max_attachment_size_mb
		try:
			frappe.db.set_single_value(
				"School Office Settings",
				{"allowed_attachment_types": "pdf, txt", "max_attachment_size_mb": 7},
			)
			frappe.clear_document_cache("School Office Settings", "School Office Settings")
			self.assertTrue(self.attach("notes.txt", b"plain text notes").name)
			self.assertTrue(self.attach("big-ok.pdf", SIX_MB_PDF).name)
			with self.assertRaises(frappe.ValidationError):
				self.attach("photo2.jpg", image_bytes())
		finally:
			frappe.db.set_single_value(
				"School Office Settings",
				{"allowed_attachment_types": old_types, "max_attachment_size_mb": old_size},
			)
			frappe.clear_document_cache("School Office Settings", "School Office Settings")

	# ------------------------------------------------------------------ portal
	def portal_submit(self, files, subject):
		frappe.set_user(self.student)
		return portal.submit_request(
			service_type="Repair Request",
			subject=subject,
			description="Room 12: the lamp is broken",
			files=files,
		)

	def test_portal_allowed_file_passes(self):
		res = self.portal_submit(
			[{"filename": "fault.pdf", "content": b64(pdf_bytes()), "material": 1}], "Portal allowed file"
		)
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.get_all("File", filters={"attached_to_name": res["name"]}, pluck="file_name"),
			["fault.pdf"],
		)

	def test_portal_bad_files_refuse_the_whole_submission(self):
		for filename, content in (("tool.exe", b"MZ\x90\x00"), ("big.pdf", SIX_MB_PDF)):
			subject = f"Portal refused {filename}"
			with self.assertRaises(frappe.ValidationError) as cm:
				self.portal_submit(
					[
						{"filename": "ok.pdf", "content": b64(pdf_bytes())},
						{"filename": filename, "content": b64(content)},
					],
					subject,
				)
			self.assertIn(filename, str(cm.exception))
			frappe.set_user("Administrator")
			# nothing half-saved: no request and no file
			self.assertFalse(frappe.db.exists("Service Request", {"subject": subject}))

	def test_portal_message_in_chinese(self):
		frappe.local.lang = "zh"
		with self.assertRaises(frappe.ValidationError) as cm:
			self.portal_submit([{"filename": "tool.exe", "content": b64(b"MZ")}], "zh refused")
		self.assertIn("不接受", str(cm.exception))
		self.assertIn("tool.exe", str(cm.exception))

	def test_portal_too_many_files(self):
		files = [{"filename": f"p{i}.pdf", "content": b64(pdf_bytes())} for i in range(portal.MAX_FILES + 1)]
		with self.assertRaises(frappe.ValidationError):
			self.portal_submit(files, "too many files")
