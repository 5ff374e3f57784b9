"""Rules of the campus asset office that need no database (AS-1..AS-5).

- the school's standard asset number from the pattern set in Campus Asset Settings,
- the result of a label scan during a stocktake (Found / Found Elsewhere),
- the spot-check sample of a quarterly / half-yearly stocktake,
- loss rates against the target,
- the repair clocks (respond, on site, fix) by kind of equipment,
- a Code 128 (set B) barcode for the labels, drawn as SVG.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

# ----------------------------------------------------------------------------- asset numbers

DEFAULT_NUMBER_PATTERN = "{code}-{year}-{#####}"
_SERIAL = re.compile(r"\{(#+)\}")
_TOKEN = re.compile(r"\{(code|year|dept)\}")


class PatternError(ValueError):
	pass


def validate_number_pattern(pattern: str) -> None:
	"""A pattern needs exactly one serial run ``{###…}``; the other tokens are {code}, {year}, {dept}."""
	if not pattern or len(_SERIAL.findall(pattern)) != 1:
		raise PatternError("the pattern needs exactly one serial such as {#####}")
	rest = _TOKEN.sub("", _SERIAL.sub("", pattern))
	if "{" in rest or "}" in rest:
		raise PatternError("unknown token in the pattern; use {code}, {year}, {dept} and {#####}")


def number_prefix(pattern: str, code: str, year: int | str, dept: str = "") -> tuple[str, int, str]:
	"""(prefix before the serial, serial digits, suffix after it) for one classification and year."""
	validate_number_pattern(pattern)
	values = {"code": str(code or ""), "year": str(year or ""), "dept": str(dept or "")}
	filled = _TOKEN.sub(lambda m: values[m.group(1)], pattern)
	m = _SERIAL.search(filled)
	return filled[: m.start()], len(m.group(1)), filled[m.end() :]


def format_number(pattern: str, code: str, year: int | str, serial: int, dept: str = "") -> str:
	prefix, digits, suffix = number_prefix(pattern, code, year, dept)
	return f"{prefix}{int(serial):0{digits}d}{suffix}"


# ----------------------------------------------------------------------------- stocktake

RESULTS = ("Pending", "Found", "Found Elsewhere", "Missing", "Damaged")
SPOT_TYPES = {"Half-yearly Spot Check", "Quarterly Spot Check"}


def scan_result(expected_location: str | None, scanned_at: str | None) -> str:
	"""A label scanned at ``scanned_at``: Found where it belongs, else Found Elsewhere."""
	if not scanned_at or not expected_location or scanned_at == expected_location:
		return "Found"
	return "Found Elsewhere"


def spot_sample(names, share_percent: float, seed) -> list:
	"""A reproducible random share of ``names`` (at least one when there is any), in their order."""
	names = list(names)
	if not names:
		return []
	share = max(0.0, min(100.0, float(share_percent or 0)))
	k = max(1, round(len(names) * share / 100.0))
	picked = set(random.Random(str(seed)).sample(range(len(names)), min(k, len(names))))
	return [n for i, n in enumerate(names) if i in picked]


def loss_rate(expected: int, missing: int) -> float:
	"""Missing assets as a percentage of those expected (0 when none were expected), 3 decimals."""
	if not expected:
		return 0.0
	return round(100.0 * missing / expected, 3)


def within_target(rate: float, target: float) -> bool:
	return rate <= target


# ----------------------------------------------------------------------------- repair clocks


@dataclass(frozen=True)
class RepairTargets:
	respond_hours: float
	on_site_hours: float
	fix_hours: float | None  # only major faults have a fix target


def repair_targets(
	office_equipment: bool,
	major_fault: bool,
	respond_hours: float = 2,
	office_respond_hours: float = 4,
	on_site_hours: float = 8,
	office_on_site_hours: float = 24,
	major_fix_hours: float = 48,
) -> RepairTargets:
	"""Respond 2 h (office equipment 4 h), on site 8 h (office equipment 24 h), major faults fixed in 48 h
	(AS-5; the hours are settings)."""
	return RepairTargets(
		respond_hours=office_respond_hours if office_equipment else respond_hours,
		on_site_hours=office_on_site_hours if office_equipment else on_site_hours,
		fix_hours=major_fix_hours if major_fault else None,
	)


def resolution_rate(total: int, resolved_in_time: int) -> float:
	return round(100.0 * resolved_in_time / total, 1) if total else 0.0


# ----------------------------------------------------------------------------- Code 128 (set B)

# bar/space widths of the 107 Code 128 symbols (value 0..105, then the stop symbol)
CODE128_PATTERNS = (
	"212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 "
	"221312 231212 112232 122132 122231 113222 123122 123221 223211 221132 "
	"221231 213212 223112 312131 311222 321122 321221 312212 322112 322211 "
	"212123 212321 232121 111323 131123 131321 112313 132113 132311 211313 "
	"231113 231311 112133 112331 132131 113123 113321 133121 313121 211331 "
	"231131 213113 213311 213131 311123 311321 331121 312113 312311 332111 "
	"314111 221411 431111 111224 111422 121124 121421 141122 141221 112214 "
	"112412 122114 122411 142112 142211 241211 221114 413111 241112 134111 "
	"111242 121142 121241 114212 124112 124211 411212 421112 421211 212141 "
	"214121 412121 111143 111341 131141 114113 114311 411113 411311 113141 "
	"114131 311141 411131 211412 211214 211232 2331112"
).split()
START_B = 104
STOP = 106


def code128b_values(text: str) -> list[int]:
	"""Symbol values of ``text`` in set B: start, data, checksum, stop."""
	values = []
	for ch in text:
		o = ord(ch)
		if o < 32 or o > 126:
			raise ValueError(f"character {ch!r} cannot be encoded in Code 128 set B")
		values.append(o - 32)
	check = (START_B + sum(i * v for i, v in enumerate(values, start=1))) % 103
	return [START_B, *values, check, STOP]


def code128b_modules(text: str) -> list[int]:
	"""Alternating bar/space widths (in modules) of the whole symbol, starting with a bar."""
	out = []
	for v in code128b_values(text):
		out.extend(int(c) for c in CODE128_PATTERNS[v])
	return out


def code128_svg(text: str, module: float = 1.4, height: int = 36) -> str:
	"""The barcode as a standalone SVG (only numbers and fixed markup: safe to embed as is)."""
	x = 10.0 * module  # quiet zone
	rects = []
	for i, w in enumerate(code128b_modules(text)):
		if i % 2 == 0:
			rects.append(f'<rect x="{x:.2f}" y="0" width="{w * module:.2f}" height="{height}"/>')
		x += w * module
	width = x + 10.0 * module
	return (
		f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height}" '
		f'viewBox="0 0 {width:.2f} {height}"><g fill="#000">{"".join(rects)}</g></svg>'
	)
