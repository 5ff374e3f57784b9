"""The browser tier's own checks, without a browser: the untranslated-text match and the test PDF."""

from tests.browser.data import pdf_bytes
from tests.browser.harness import find_untranslated, untranslated_words


def test_untranslated_words_match_whole_words_only():
	words = untranslated_words()
	found = dict(
		find_untranslated(
			["优先级 Medium", "状态：Opened OpenOffice", "Needs Info", "Staff Li 已受理"],
			words,
			ignore=["Staff Li"],
		)
	)
	assert set(found) == {"Medium", "Needs Info"}


def test_ids_mails_and_files_are_not_text():
	words = untranslated_words()
	texts = ["SR-2026-00012 student@demo.school handout-Open.pdf BT1a2b3c4d", "a3f9c2d1e0 Draft-free"]
	assert [w for w, _ in find_untranslated(texts, words)] == ["Draft"]


def test_the_list_holds_the_statuses_and_priorities():
	words = set(untranslated_words())
	assert {"Open", "Resolved", "Medium", "Low", "Save", "Submit", "Status"} <= words


def test_pdf_is_well_formed():
	data = pdf_bytes("x")
	assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
	xref = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
	assert data[xref:].startswith(b"xref\n0 6\n")
	obj3 = data.index(b"3 0 obj")
	offsets = data[xref:].split(b"\n")[3:8]
	assert int(offsets[2].split()[0]) == obj3
