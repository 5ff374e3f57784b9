"""Attachment text of official documents is extracted in a background job, within limits."""

import io
import os
import zipfile
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from school_office.office_documents import search

DT = "Official Document"


def docx_bytes(text: str) -> bytes:
	buf = io.BytesIO()
	with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
		z.writestr("[Content_Types].xml", "<Types/>")
		z.writestr(
			"word/document.xml", f"<w:document><w:body><w:p><w:t>{text}</w:t></w:p></w:body></w:document>"
		)
	return buf.getvalue()


class TestAttachmentExtraction(FrappeTestCase):
	def new_document(self, title):
		return frappe.get_doc(
			{
				"doctype": DT,
				"direction": "Incoming",
				"title": title,
				"secret_level": "Public",
				"source_organization": "区教委",
				"pages": 1,
			}
		).insert(ignore_permissions=True)

	def attach(self, doc, file_name, content):
		return frappe.get_doc(
			{
				"doctype": "File",
				"file_name": file_name,
				"content": content,
				"is_private": 1,
				"attached_to_doctype": DT,
				"attached_to_name": doc.name,
			}
		).insert(ignore_permissions=True)

	def test_upload_request_only_queues_the_extraction(self):
		doc = self.new_document("抽取测试 " + frappe.generate_hash(length=6))
		queued = []
		# as in a web request (not a test): the upload must not read the file
		with (
			patch.dict(frappe.flags, {"in_test": False}),
			patch.object(frappe, "enqueue", side_effect=lambda *a, **kw: queued.append((a, kw))),
			patch.object(search, "file_text", side_effect=AssertionError("extracted inside the request")),
		):
			self.attach(doc, "plan.docx", docx_bytes("校园安全检查方案"))
			# a save of the document inside a request does not extract either
			frappe.get_doc(DT, doc.name).save(ignore_permissions=True)
		refresh = [
			kw for a, kw in queued if a == ("school_office.office_documents.search.refresh_full_text",)
		]
		self.assertEqual(len(refresh), 2)  # the upload, and the save that found no text of the file yet
		for kwargs in refresh:
			self.assertEqual(
				(kwargs["name"], kwargs["enqueue_after_commit"], kwargs["now"]), (doc.name, True, False)
			)
		self.assertNotIn("校园安全检查方案", frappe.db.get_value(DT, doc.name, "full_text") or "")
		# the job (inline here) extracts the text and makes the document searchable by it
		search.refresh_full_text(doc.name)
		self.assertIn("校园安全检查方案", frappe.db.get_value(DT, doc.name, "full_text"))
		self.assertEqual([r.name for r in search.search_documents("校园安全检查方案")], [doc.name])

	def test_in_tests_the_job_runs_inline_and_a_deleted_file_leaves_the_text(self):
		doc = self.new_document("抽取测试 " + frappe.generate_hash(length=6))
		f = self.attach(doc, "minutes.docx", docx_bytes("会议纪要正文"))
		self.assertIn("会议纪要正文", frappe.db.get_value(DT, doc.name, "full_text"))
		row = frappe.get_all("File", filters={"name": f.name}, fields=["name", "modified", "content_hash"])[0]
		self.assertEqual(search.cached_text(row), "会议纪要正文\n")
		f.delete(ignore_permissions=True)
		self.assertNotIn("会议纪要正文", frappe.db.get_value(DT, doc.name, "full_text"))
		self.assertIsNone(frappe.cache.get_value(search._cache_key(f.name), expires=True))

	def test_pdftotext_has_a_time_limit(self):
		calls = []

		def fake_run(cmd, **kw):
			calls.append((cmd, kw))
			raise search.subprocess.TimeoutExpired(cmd, kw["timeout"])

		path = frappe.get_site_path("private", "files", "so-extraction-test.pdf")
		with open(path, "wb") as fh:
			fh.write(b"%PDF-1.4\n")
		self.addCleanup(os.remove, path)
		with patch.object(search.subprocess, "run", side_effect=fake_run):
			self.assertEqual(search.file_text(path, "pdf"), "")
		self.assertEqual(calls[0][0], ["pdftotext", "-q", "-layout", "-l", "300", path, "-"])
		self.assertEqual(calls[0][1]["timeout"], 30)
