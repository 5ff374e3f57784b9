"""Full-text search over official documents (DOC-6).

``full_text`` of an Official Document (a hidden field in Frappe's global search index) holds its
title, numbers, source, recipients, body and the text of its attached PDF (pdftotext of
poppler-utils) and Word .docx files (read from the document's XML with the standard library, so
python-docx is not needed). The text is extracted in a background job after the upload's commit (inline
in tests), within the limits of :mod:`school_office.core.extraction` (a capped read of a .docx, a time
limit for pdftotext), and cached per file. :func:`search_documents` searches it through ``frappe.get_list``, so
the 密级 rules apply; :func:`global_search` replaces Frappe's ``global_search.search`` and drops the
hits a user may not open (Frappe's own search only checks read access to the doctype).
"""

import os
import subprocess
import zipfile

import frappe
from frappe import _

from school_office.core import extraction

DOCTYPE = "Official Document"
MAX_TEXT = extraction.MAX_TEXT
CACHE_SECONDS = 7 * 24 * 3600


def file_text(path: str, ext: str) -> str:
	"""The text of an attachment, within the limits of school_office.core.extraction ("" when unreadable)."""
	ext = (ext or "").lower().lstrip(".")
	try:
		if not extraction.may_extract(os.path.getsize(path)):
			return ""
		if ext == "pdf":
			out = subprocess.run(
				extraction.pdftotext_command(path),
				capture_output=True,
				timeout=extraction.PDF_TIMEOUT_SECONDS,
			)
			return out.stdout.decode("utf-8", "ignore")[:MAX_TEXT]
		if ext == "docx":
			return extraction.docx_text(path)
		if ext in ("txt", "md", "csv"):
			with open(path, encoding="utf-8", errors="ignore") as fh:
				return fh.read(MAX_TEXT)
	except (OSError, zipfile.BadZipFile, KeyError, subprocess.SubprocessError, ValueError):
		return ""
	return ""


def _cache_key(file_name: str) -> str:
	return f"school_office:file_text:{file_name}"


def _stamp(f) -> str:
	"""What the cached text was extracted from: the file's content hash (its modified time without one)."""
	from frappe.utils import get_datetime

	return f.get("content_hash") or str(get_datetime(f.get("modified")))


def cached_text(f) -> str | None:
	"""The cached text of a File row, or None when it is not cached for the file's current content."""
	# expires=True: the entry expires, so it is not kept in this process's local cache (where a miss read
	# before the extraction would hide the text set afterwards)
	entry = frappe.cache.get_value(_cache_key(f.name), expires=True)
	if isinstance(entry, dict) and entry.get("stamp") == _stamp(f):
		return entry.get("text") or ""
	return None


def _extract_here() -> bool:
	"""Extraction runs in the background job (or inline in tests), never inside a web request."""
	return bool(frappe.flags.in_test or frappe.flags.school_office_extracting)


def attachment_text(doctype: str, name: str) -> str:
	"""The extracted text of a document's attachments. Inside a web request only cached text is used; a file
	not extracted yet is queued for the background job, which then refreshes the document's full text."""
	texts, missing = [], False
	exclude = frappe.flags.school_office_exclude_files or ()
	for f in frappe.get_all(
		"File",
		filters={"attached_to_doctype": doctype, "attached_to_name": name, "is_folder": 0},
		fields=["name", "file_url", "file_name", "modified", "content_hash"],
	):
		if f.name in exclude:
			continue
		text = cached_text(f)
		if text is None and not _extract_here():
			missing = True
			continue
		if text is None:
			ext = (f.file_name or f.file_url or "").rsplit(".", 1)[-1]
			try:
				path = frappe.get_doc("File", f.name).get_full_path()
			except Exception:
				path = None
			text = file_text(path, ext) if path else ""
			frappe.cache.set_value(
				_cache_key(f.name), {"stamp": _stamp(f), "text": text}, expires_in_sec=CACHE_SECONDS
			)
		if text:
			texts.append(text)
	if missing and doctype == DOCTYPE:
		enqueue_full_text(name)
	return "\n".join(texts)


def enqueue_full_text(name: str, exclude_file: str | None = None):
	"""Refresh the document's full text in a background job after the commit (inline in tests)."""
	frappe.enqueue(
		"school_office.office_documents.search.refresh_full_text",
		queue="short",
		timeout=extraction.PDF_TIMEOUT_SECONDS * 20,
		name=name,
		exclude_file=exclude_file,
		enqueue_after_commit=True,
		now=bool(frappe.flags.in_test),
	)


def refresh_full_text(name: str, exclude_file: str | None = None):
	"""Background job: extract the text of the document's attachments (except ``exclude_file``, a file being
	deleted) and store the document's full text and its global search entry."""
	if not frappe.db.exists(DOCTYPE, name):
		return
	previous = frappe.flags.school_office_extracting, frappe.flags.school_office_exclude_files
	frappe.flags.school_office_extracting = True
	frappe.flags.school_office_exclude_files = (exclude_file,) if exclude_file else ()
	try:
		od = frappe.get_doc(DOCTYPE, name)
		text = od.build_full_text()
	finally:
		frappe.flags.school_office_extracting, frappe.flags.school_office_exclude_files = previous
	frappe.db.set_value(DOCTYPE, od.name, "full_text", text, update_modified=False)
	od.full_text = text
	from frappe.utils.global_search import update_global_search

	update_global_search(od)


def on_file_change(doc, method=None):
	"""A file attached to (or removed from) an official document: its text is extracted and the document's
	full text refreshed in a background job after the commit, not inside the upload request."""
	if doc.attached_to_doctype != DOCTYPE or not doc.attached_to_name:
		return
	if not frappe.db.exists(DOCTYPE, doc.attached_to_name):
		return
	if method == "on_trash":
		frappe.cache.delete_value(_cache_key(doc.name))  # its text goes with it
		enqueue_full_text(doc.attached_to_name, exclude_file=doc.name)
	else:
		enqueue_full_text(doc.attached_to_name)


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
	"""Frappe's global search, without the records the user may not open.

	Frappe checks only read access to the doctype, so without this a student would find other
	people's service requests and a user without clearance the titles of secret documents; every hit
	is checked against the record's own permission (row-level hooks and 密级 included)."""
	from frappe.utils.global_search import search

	results = search(text, start=start, limit=limit, doctype=doctype)
	out = []
	for r in results:
		dt, name = r.get("doctype"), r.get("name")
		if (
			not dt
			or not name
			or not frappe.db.exists(dt, name)
			or not frappe.has_permission(dt, "read", name)
		):
			continue
		out.append(r)
	return out
