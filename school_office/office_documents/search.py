"""Full-text search over official documents (DOC-6).

``full_text`` of an Official Document (a hidden field in Frappe's global search index) holds its
title, numbers, source, recipients, body and the text of its attached PDF (pdftotext of
poppler-utils) and Word .docx files (read from the document's XML with the standard library, so
python-docx is not needed). :func:`search_documents` searches it through ``frappe.get_list``, so
the 密级 rules apply; :func:`global_search` replaces Frappe's ``global_search.search`` and drops the
hits a user may not open (Frappe's own search only checks read access to the doctype).
"""

import re
import subprocess
import zipfile

import frappe
from frappe import _

DOCTYPE = "Official Document"
MAX_TEXT = 200000


def file_text(path: str, ext: str) -> str:
	ext = (ext or "").lower().lstrip(".")
	try:
		if ext == "pdf":
			out = subprocess.run(["pdftotext", "-q", "-layout", path, "-"], capture_output=True, timeout=60)
			return out.stdout.decode("utf-8", "ignore")[:MAX_TEXT]
		if ext == "docx":
			with zipfile.ZipFile(path) as z:
				xml = z.read("word/document.xml").decode("utf-8", "ignore")
			xml = re.sub(r"</w:p>", "\n", xml)
			return re.sub(r"<[^>]+>", "", xml)[:MAX_TEXT]
		if ext in ("txt", "md", "csv"):
			with open(path, encoding="utf-8", errors="ignore") as fh:
				return fh.read(MAX_TEXT)
	except (OSError, zipfile.BadZipFile, KeyError, subprocess.SubprocessError):
		return ""
	return ""


def attachment_text(doctype: str, name: str) -> str:
	texts = []
	for f in frappe.get_all(
		"File",
		filters={"attached_to_doctype": doctype, "attached_to_name": name, "is_folder": 0},
		fields=["name", "file_url", "file_name", "modified"],
	):
		key = f"school_office:file_text:{f.name}:{f.modified}"
		text = frappe.cache.get_value(key)
		if text is None:
			ext = (f.file_name or f.file_url or "").rsplit(".", 1)[-1]
			try:
				path = frappe.get_doc("File", f.name).get_full_path()
			except Exception:
				path = None
			text = file_text(path, ext) if path else ""
			frappe.cache.set_value(key, text, expires_in_sec=7 * 24 * 3600)
		if text:
			texts.append(text)
	return "\n".join(texts)


def on_file_change(doc, method=None):
	"""A file attached to (or removed from) an official document refreshes the document's full text."""
	if doc.attached_to_doctype != DOCTYPE or not doc.attached_to_name:
		return
	if not frappe.db.exists(DOCTYPE, doc.attached_to_name):
		return
	od = frappe.get_doc(DOCTYPE, doc.attached_to_name)
	text = od.build_full_text()
	if method == "on_trash":
		text = text.replace(attachment_text_of(doc), "") if attachment_text_of(doc) else text
	frappe.db.set_value(DOCTYPE, od.name, "full_text", text, update_modified=False)
	od.full_text = text
	from frappe.utils.global_search import update_global_search

	update_global_search(od)


def attachment_text_of(doc) -> str:
	try:
		return file_text(doc.get_full_path(), (doc.file_name or doc.file_url or "").rsplit(".", 1)[-1])
	except Exception:
		return ""


@frappe.whitelist()
def search_documents(text: str, limit: int = 20):
	"""Official documents whose title, numbers, source or attached text contain ``text``."""
	text = (text or "").strip()
	if len(text) < 2:
		frappe.throw(_("Type at least two characters to search"))
	like = f"%{text}%"
	return frappe.get_list(
		DOCTYPE,
		or_filters={
			"title": ["like", like],
			"registration_number": ["like", like],
			"document_number": ["like", like],
			"source_organization": ["like", like],
			"archive_code": ["like", like],
			"full_text": ["like", like],
		},
		fields=[
			"name",
			"title",
			"direction",
			"status",
			"secret_level",
			"registration_number",
			"document_number",
			"archive_code",
		],
		limit_page_length=min(int(limit or 20), 100),
		order_by="modified desc",
	)


@frappe.whitelist()
def global_search(text, start=0, limit=20, doctype=""):
	"""Frappe's global search, without the official documents the user may not open."""
	from frappe.utils.global_search import search

	results = search(text, start=start, limit=limit, doctype=doctype)
	out = []
	for r in results:
		if r.get("doctype") == DOCTYPE:
			if not frappe.db.exists(DOCTYPE, r.get("name")) or not frappe.has_permission(
				DOCTYPE, "read", r.get("name")
			):
				continue
		out.append(r)
	return out
