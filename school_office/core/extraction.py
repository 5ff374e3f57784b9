"""Limits of text extraction from attachments (PDF through pdftotext, Word .docx read as a zip). No Frappe.

An uploaded file is untrusted: a .docx is a zip whose word/document.xml may unpack to gigabytes from a few
kilobytes (a zip bomb), and a crafted PDF can keep pdftotext busy for a long time. So extraction runs in
a background job, reads at most MAX_DOCX_XML_BYTES of the document XML (whatever size the zip declares),
gives pdftotext PDF_TIMEOUT_SECONDS and the first PDF_MAX_PAGES pages, skips files above MAX_FILE_BYTES
and keeps at most MAX_TEXT characters.
"""

from __future__ import annotations

import re
import zipfile

MAX_TEXT = 200_000
MAX_DOCX_XML_BYTES = 5 * 1024 * 1024
MAX_FILE_BYTES = 50 * 1024 * 1024
PDF_TIMEOUT_SECONDS = 30
PDF_MAX_PAGES = 300
DOCX_MEMBER = "word/document.xml"


def read_limit(declared_size: int | None, cap: int = MAX_DOCX_XML_BYTES) -> int:
	"""How many bytes to read of a zip member that declares ``declared_size``: never more than ``cap``."""
	return max(0, min(int(declared_size or 0), cap))


def xml_text(xml: str, max_text: int = MAX_TEXT) -> str:
	"""The text of WordprocessingML: one line per paragraph, tags dropped (a tag cut at the end goes too)."""
	xml = re.sub(r"</w:p>", "\n", xml)
	xml = re.sub(r"<[^>]*>?", "", xml)
	return xml[:max_text]


def docx_text(path, cap: int = MAX_DOCX_XML_BYTES, max_text: int = MAX_TEXT) -> str:
	"""The text of a .docx (path or file object), reading at most ``cap`` bytes of its document XML.

	Raises zipfile.BadZipFile / KeyError / OSError for a file that is not a readable .docx."""
	with zipfile.ZipFile(path) as z:
		info = z.getinfo(DOCX_MEMBER)
		with z.open(info) as fh:
			data = fh.read(read_limit(info.file_size, cap))
	return xml_text(data.decode("utf-8", "ignore"), max_text)


def pdftotext_command(path: str, max_pages: int = PDF_MAX_PAGES) -> list[str]:
	return ["pdftotext", "-q", "-layout", "-l", str(max_pages), path, "-"]


def may_extract(size: int | None) -> bool:
	"""Files above MAX_FILE_BYTES are not read (their text is not searched)."""
	return size is not None and 0 <= size <= MAX_FILE_BYTES
