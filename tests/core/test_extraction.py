"""Limits of attachment text extraction (school_office/core/extraction.py); sizes worked out by hand."""

import io
import zipfile

import pytest

from school_office.core import extraction as x

PARA = "<w:p><w:t>ab</w:t></w:p>"  # 5 + 5 + 2 + 6 + 6 = 24 bytes, text "ab\n"


def docx(xml: str) -> io.BytesIO:
	buf = io.BytesIO()
	with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
		z.writestr("[Content_Types].xml", "<Types/>")
		z.writestr("word/document.xml", xml)
	buf.seek(0)
	return buf


def test_limits():
	assert x.MAX_DOCX_XML_BYTES == 5 * 1024 * 1024 == 5_242_880
	assert x.read_limit(10**12) == 5_242_880
	assert x.read_limit(100) == 100
	assert x.read_limit(None) == 0
	assert x.read_limit(-5) == 0
	assert x.read_limit(100, cap=40) == 40
	assert x.pdftotext_command("/f/a.pdf") == ["pdftotext", "-q", "-layout", "-l", "300", "/f/a.pdf", "-"]
	assert x.may_extract(50 * 1024 * 1024) and not x.may_extract(50 * 1024 * 1024 + 1)
	assert not x.may_extract(None)


def test_docx_text():
	assert x.docx_text(docx("<w:document><w:body>" + PARA * 3 + "</w:body></w:document>")) == "ab\nab\nab\n"


def test_zip_bomb_reads_at_most_the_cap():
	bomb = docx(PARA * 1_000_000)  # 24 MB of XML in a zip of about 100 kB
	assert len(bomb.getvalue()) < 200_000
	# a cap of 2,400 bytes: exactly 100 paragraphs
	assert x.docx_text(bomb, cap=2400, max_text=10**9) == "ab\n" * 100
	# the default cap: 5,242,880 bytes = 218,453 paragraphs of 24 bytes and 8 bytes of a cut "<w:p><w:"
	bomb.seek(0)
	text = x.docx_text(bomb, max_text=10**9)
	assert len(text) == 218_453 * 3 == 655_359
	# and the stored text is at most MAX_TEXT characters
	bomb.seek(0)
	assert len(x.docx_text(bomb)) == x.MAX_TEXT == 200_000


def test_not_a_docx():
	with pytest.raises(zipfile.BadZipFile):
		x.docx_text(io.BytesIO(b"not a zip"))
	buf = io.BytesIO()
	with zipfile.ZipFile(buf, "w") as z:
		z.writestr("other.xml", "<x/>")
	with pytest.raises(KeyError):
		x.docx_text(buf)
