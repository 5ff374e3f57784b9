"""Numbers and levels of official documents (公文), without a database.

- registration number of a received document (收文登记号): ``<office code>-YYYYMMDD-NNN``, e.g.
  ``校办-20241026-001``; the sequence restarts every day and is zero-padded to three digits
  (it grows past 999 rather than wrapping).
- document number of an outgoing document (发文字号, GB/T 9704-2012 7.2.4): ``<code>〔YYYY〕N号``,
  e.g. ``校办发〔2024〕12号``: the year in hexagonal brackets 〔〕, the sequence without zero padding
  and without 第. The sequence is per code and year; the database keeps the counter.
- archive code (档号, DA/T 22-2015 文书档案): ``fonds-category·year-retention-department-item``,
  e.g. ``0001-WS·2024-Y-BGS-0012``: 全宗号, 门类代码 (WS), 年度, 保管期限代码 (Y 永久, D30 定期30年,
  D10 定期10年), 机构(问题)代码, 件号 (four digits).
- secrecy levels (密级) in order, and whether a user's clearance reaches a document's level.
- retention: when a document's retention runs out.
"""

from __future__ import annotations

import re
from datetime import date, datetime

SECRET_LEVELS = ("Public", "Internal", "Secret", "Confidential", "Top Secret")
SECRET_LEVEL_ZH = {
	"Public": "非密",
	"Internal": "内部",
	"Secret": "秘密",
	"Confidential": "机密",
	"Top Secret": "绝密",
}
URGENCIES = ("Normal", "Urgent", "Very Urgent")
URGENCY_ZH = {"Normal": "平件", "Urgent": "加急", "Very Urgent": "特急"}
RETENTIONS = ("Permanent", "30 Years", "10 Years")
RETENTION_CODE = {"Permanent": "Y", "30 Years": "D30", "10 Years": "D10"}
RETENTION_ZH = {"Permanent": "永久", "30 Years": "定期30年", "10 Years": "定期10年"}
RETENTION_YEARS = {"Permanent": None, "30 Years": 30, "10 Years": 10}

# working hours a routing row gets, by urgency (DOC-8: normal 12 h, urgent 2 h)
DUE_HOURS = {"Normal": 12, "Urgent": 2, "Very Urgent": 2}

_CODE_RE = re.compile(r"^[^\s〔〕\[\]]{1,20}$")


def _check_code(code: str, what: str = "code") -> str:
	code = (code or "").strip()
	if not _CODE_RE.match(code):
		raise ValueError(f"invalid {what}: {code!r}")
	return code


def _check_seq(seq: int) -> int:
	if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
		raise ValueError(f"sequence must be a positive integer, not {seq!r}")
	return seq


def registration_number(office_code: str, day: date | datetime, seq: int) -> str:
	"""``校办-20241026-001``."""
	office_code = _check_code(office_code, "office code")
	if isinstance(day, datetime):
		day = day.date()
	return f"{office_code}-{day:%Y%m%d}-{_check_seq(seq):03d}"


def registration_period(day: date | datetime) -> str:
	"""The counter period of registration numbers: one per day."""
	if isinstance(day, datetime):
		day = day.date()
	return f"{day:%Y%m%d}"


def document_number(code: str, year: int, seq: int) -> str:
	"""``校办发〔2024〕12号`` (no zero padding)."""
	code = _check_code(code, "document code")
	if not 1900 <= int(year) <= 9999:
		raise ValueError(f"invalid year {year!r}")
	return f"{code}〔{int(year)}〕{_check_seq(seq)}号"


DOCUMENT_NUMBER_RE = re.compile(r"^(?P<code>[^〔〕]+)〔(?P<year>\d{4})〕(?P<seq>[1-9]\d*)号$")


def parse_document_number(text: str) -> tuple[str, int, int]:
	m = DOCUMENT_NUMBER_RE.match((text or "").strip())
	if not m:
		raise ValueError(f"not a document number: {text!r}")
	return m["code"], int(m["year"]), int(m["seq"])


def item_number(seq: int) -> str:
	"""件号: four digits, ``0012``."""
	seq = _check_seq(seq)
	if seq > 9999:
		raise ValueError("item number above 9999")
	return f"{seq:04d}"


def archive_prefix(fonds: str, category: str, year: int, retention: str, department: str) -> str:
	"""The part of a 档号 before the item number: ``0001-WS·2024-Y-BGS``; also the counter key of items."""
	fonds = _check_code(fonds, "fonds code")
	category = _check_code(category, "category code")
	department = _check_code(department, "department code")
	if retention not in RETENTION_CODE:
		raise ValueError(f"unknown retention {retention!r}")
	if "-" in fonds or "-" in category or "-" in department:
		raise ValueError("codes of an archive code may not contain '-'")
	return f"{fonds}-{category}·{int(year)}-{RETENTION_CODE[retention]}-{department}"


def archive_code(fonds: str, category: str, year: int, retention: str, department: str, seq: int) -> str:
	"""``0001-WS·2024-Y-BGS-0012`` (DA/T 22-2015)."""
	return f"{archive_prefix(fonds, category, year, retention, department)}-{item_number(seq)}"


def secret_rank(level: str | None) -> int:
	"""0 for Public … 4 for Top Secret; empty counts as Public."""
	level = level or "Public"
	if level not in SECRET_LEVELS:
		raise ValueError(f"unknown secret level {level!r}")
	return SECRET_LEVELS.index(level)


def has_clearance(clearance: str | None, level: str | None) -> bool:
	"""Does a user with ``clearance`` (None: Public only) see a document of ``level``?"""
	return secret_rank(clearance) >= secret_rank(level)


def levels_up_to(clearance: str | None) -> tuple[str, ...]:
	"""The secret levels a clearance sees, lowest first."""
	return SECRET_LEVELS[: secret_rank(clearance) + 1]


def retention_expiry(filed_on: date | datetime, retention: str) -> date | None:
	"""The day a document's retention runs out: the retention counts in whole years from 1 January
	of the year after the document's year (the usual 档案 practice); None for Permanent."""
	if retention not in RETENTION_YEARS:
		raise ValueError(f"unknown retention {retention!r}")
	years = RETENTION_YEARS[retention]
	if years is None:
		return None
	year = filed_on.year
	return date(year + 1 + years, 1, 1)


def is_retention_expired(filed_on: date | datetime, retention: str, today: date) -> bool:
	expiry = retention_expiry(filed_on, retention)
	return expiry is not None and today >= expiry


def due_hours(urgency: str | None) -> int:
	return DUE_HOURS.get(urgency or "Normal", DUE_HOURS["Normal"])


def quarter_label(day: date) -> str:
	return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
