"""iCalendar (RFC 5545) text for a venue feed; busy slots of others carry no details."""

from frappe.utils import get_datetime


def _esc(text) -> str:
	return str(text or "").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _dt(value) -> str:
	return get_datetime(value).strftime("%Y%m%dT%H%M%S")


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


def calendar(venue: str, rows: list[dict], site: str) -> str:
	lines = [
		"BEGIN:VCALENDAR",
		"VERSION:2.0",
		"PRODID:-//school_office//Venues//EN",
		"CALSCALE:GREGORIAN",
		f"X-WR-CALNAME:{_esc(venue)}",
	]
	for i, r in enumerate(rows):
		uid = f"{r.get('name') or 'busy-' + _dt(r['starts_on']) + '-' + str(i)}@{site}"
		lines += [
			"BEGIN:VEVENT",
			f"UID:{_esc(uid)}",
			f"DTSTAMP:{_dt(r['starts_on'])}",
			f"DTSTART:{_dt(r['starts_on'])}",
			f"DTEND:{_dt(r['ends_on'])}",
			f"SUMMARY:{_esc(r.get('title'))}",
			f"LOCATION:{_esc(venue)}",
			"TRANSP:OPAQUE",
			"END:VEVENT",
		]
	lines.append("END:VCALENDAR")
	return "\r\n".join(_fold(line) for line in lines) + "\r\n"
