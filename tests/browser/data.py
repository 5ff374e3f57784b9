"""Test data of the browser paths: unique tags, a valid one-page PDF, the site's clock."""

import secrets
from datetime import datetime, timedelta


def tag() -> str:
	"""A unique tag for this run's records ("BT" + 8 hex), left out of the untranslated-text check."""
	return "BT" + secrets.token_hex(4)


def pdf_bytes(text: str = "school office browser test") -> bytes:
	"""A small, well-formed PDF (correct xref offsets), as a material file."""
	stream = f"BT /F1 18 Tf 50 750 Td ({text}) Tj ET".encode()
	objects = [
		b"<< /Type /Catalog /Pages 2 0 R >>",
		b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
		b" /Resources << /Font << /F1 5 0 R >> >> >>",
		b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
		b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	]
	out = bytearray(b"%PDF-1.4\n")
	offsets = []
	for i, body in enumerate(objects, 1):
		offsets.append(len(out))
		out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
	xref = len(out)
	out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
	for off in offsets:
		out += f"{off:010d} 00000 n \n".encode()
	out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
	return bytes(out)


def site_now(api) -> datetime:
	"""The site's wall clock (its System Settings time zone), naive, as the server compares times."""
	from zoneinfo import ZoneInfo

	tz = api.get_doc("System Settings", "System Settings").get("time_zone") or "UTC"
	return datetime.now(ZoneInfo(tz)).replace(tzinfo=None)


def next_minute(dt: datetime, minutes: int) -> datetime:
	return (dt + timedelta(minutes=minutes)).replace(second=0, microsecond=0) + timedelta(minutes=1)


def zh(source: str, context: str | None = None) -> str:
	"""The app's zh translation of `source` (school_office/translations/zh.csv), with `context` if given."""
	import csv
	from pathlib import Path

	path = Path(__file__).resolve().parents[2] / "school_office" / "translations" / "zh.csv"
	plain = None
	with path.open(encoding="utf-8", newline="") as fh:
		for row in csv.reader(fh):
			if len(row) < 2 or row[0] != source:
				continue
			ctx = row[2] if len(row) > 2 else ""
			if context and ctx == context:
				return row[1]
			if not ctx and plain is None:
				plain = row[1]
	if plain is None:
		raise KeyError(f"no zh translation of {source!r} in zh.csv")
	return plain
