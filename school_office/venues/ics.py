"""iCalendar (RFC 5545) text for a venue feed; busy slots of others carry no details.

Bookings are stored in the system time zone (System Settings); the feed gives every time in UTC
(``...Z``), so a calendar app shows them right wherever it is set.
"""

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from frappe.utils import get_datetime, get_system_timezone


def _esc(text) -> str:
	return str(text or "").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def utc_stamp(value, tz: str | None = None) -> str:
	"""A naive date-time of the system time zone (or ``tz``) as an iCalendar UTC time, e.g. 20300304T010000Z."""
	local = get_datetime(value).replace(tzinfo=ZoneInfo(tz or get_system_timezone()))
	return local.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _dt(value, tz: str | None = None) -> str:
	return utc_stamp(value, tz)


def _fold(line: str) -> str:
	out, b = [], line.encode()
	while len(b) > 75:
		cut = 75
		while (b[cut] & 0xC0) == 0x80:  # do not split a UTF-8 character
			cut -= 1
		out.append(b[:cut].decode())
		b = b" " + b[cut:]
	out.append(b.decode())
	return "\r\n".join(out)


def calendar(venue: str, rows: list[dict], site: str, tz: str | None = None, now=None) -> str:
	tz = tz or get_system_timezone()
	stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ") if now is None else utc_stamp(now, tz)
	lines = [
		"BEGIN:VCALENDAR",
		"VERSION:2.0",
		"PRODID:-//school_office//Venues//EN",
		"CALSCALE:GREGORIAN",
		f"X-WR-CALNAME:{_esc(venue)}",
	]
	for i, r in enumerate(rows):
		uid = f"{r.get('name') or 'busy-' + _dt(r['starts_on'], tz) + '-' + str(i)}@{site}"
		lines += [
			"BEGIN:VEVENT",
			f"UID:{_esc(uid)}",
			f"DTSTAMP:{stamp}",
			f"DTSTART:{_dt(r['starts_on'], tz)}",
			f"DTEND:{_dt(r['ends_on'], tz)}",
			f"SUMMARY:{_esc(r.get('title'))}",
			f"LOCATION:{_esc(venue)}",
			"TRANSP:OPAQUE",
			"END:VEVENT",
		]
	lines.append("END:VCALENDAR")
	return "\r\n".join(_fold(line) for line in lines) + "\r\n"
