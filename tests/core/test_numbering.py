from datetime import date, datetime

import pytest

from school_office.core import numbering as n


def test_registration_number_daily_three_digits():
	assert n.registration_number("校办", date(2024, 10, 26), 1) == "校办-20241026-001"
	assert n.registration_number("校办", datetime(2024, 10, 26, 23, 59), 12) == "校办-20241026-012"
	assert n.registration_number("校办", date(2024, 10, 26), 1000) == "校办-20241026-1000"
	# the counter restarts daily: one period per day
	assert n.registration_period(date(2024, 10, 26)) == "20241026"
	assert n.registration_period(datetime(2024, 10, 26, 23, 59)) == "20241026"
	assert n.registration_period(date(2024, 10, 27)) == "20241027"


@pytest.mark.parametrize("bad", ["", " ", "校 办", "a〔b"])
def test_registration_number_rejects_bad_code(bad):
	with pytest.raises(ValueError):
		n.registration_number(bad, date(2024, 1, 1), 1)


@pytest.mark.parametrize("seq", [0, -1, True, 1.5])
def test_sequence_must_be_positive_int(seq):
	with pytest.raises(ValueError):
		n.document_number("校办发", 2024, seq)


def test_document_number_no_padding():
	assert n.document_number("校办发", 2024, 12) == "校办发〔2024〕12号"
	assert n.document_number("校办发", 2024, 1) == "校办发〔2024〕1号"
	assert n.document_number("校办发", 2025, 100) == "校办发〔2025〕100号"
	assert n.parse_document_number("校办发〔2024〕12号") == ("校办发", 2024, 12)
	with pytest.raises(ValueError):
		n.parse_document_number("校办发〔2024〕012号")
	with pytest.raises(ValueError):
		n.document_number("校办发", 24, 1)


def test_item_and_archive_code():
	assert n.item_number(12) == "0012"
	assert n.item_number(9999) == "9999"
	with pytest.raises(ValueError):
		n.item_number(10000)
	assert n.archive_code("0001", "WS", 2024, "Permanent", "BGS", 12) == "0001-WS·2024-Y-BGS-0012"
	assert n.archive_code("0001", "WS", 2024, "30 Years", "JWC", 1) == "0001-WS·2024-D30-JWC-0001"
	assert n.archive_prefix("0001", "WS", 2024, "10 Years", "BGS") == "0001-WS·2024-D10-BGS"
	with pytest.raises(ValueError):
		n.archive_code("0001", "WS", 2024, "Forever", "BGS", 1)
	with pytest.raises(ValueError):
		n.archive_code("00-1", "WS", 2024, "Permanent", "BGS", 1)


def test_clearance_order():
	assert n.SECRET_LEVELS == ("Public", "Internal", "Secret", "Confidential", "Top Secret")
	assert n.has_clearance("Top Secret", "Secret")
	assert n.has_clearance("Secret", "Secret")
	assert not n.has_clearance("Internal", "Secret")
	assert n.has_clearance(None, "Public") and n.has_clearance(None, None)
	assert not n.has_clearance(None, "Internal")
	assert n.levels_up_to("Secret") == ("Public", "Internal", "Secret")
	assert n.levels_up_to(None) == ("Public",)
	with pytest.raises(ValueError):
		n.secret_rank("Restricted")


def test_retention_expiry():
	assert n.retention_expiry(date(2014, 6, 1), "10 Years") == date(2025, 1, 1)
	assert n.retention_expiry(datetime(2000, 12, 31, 10), "30 Years") == date(2031, 1, 1)
	assert n.retention_expiry(date(2000, 1, 1), "Permanent") is None
	assert n.is_retention_expired(date(2014, 6, 1), "10 Years", date(2025, 1, 1))
	assert not n.is_retention_expired(date(2014, 6, 1), "10 Years", date(2024, 12, 31))
	assert not n.is_retention_expired(date(1900, 1, 1), "Permanent", date(2025, 1, 1))
	with pytest.raises(ValueError):
		n.retention_expiry(date(2000, 1, 1), "5 Years")


def test_due_hours_and_quarter():
	assert n.due_hours("Normal") == 12 and n.due_hours(None) == 12
	assert n.due_hours("Urgent") == 2 and n.due_hours("Very Urgent") == 2
	assert n.quarter_label(date(2024, 10, 26)) == "2024-Q4"
	assert n.quarter_label(date(2024, 1, 1)) == "2024-Q1"
