"""Inspection rules without Frappe (IN-1, IN-2): deadlines, lateness, rates and contractor credit points.

- discovery_rate (%): of the month's facility problems, the share the inspections found themselves —
  findings / (findings + facility problems others reported: repair requests not made from a finding).
- rectification_rate (%): of the month's findings whose deadline has passed or that were rectified, the
  share rectified by the deadline (a finding rectified late, or still open past it, is not).
- credit points lost by a contractor in a period: ``points_per_finding`` for each finding against it
  plus ``points_per_late_rectification`` for each of those rectified late or open past the deadline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

SEVERITIES = ("Minor", "Major", "Critical")
PRIORITY_OF_SEVERITY = {"Minor": "Medium", "Major": "High", "Critical": "Urgent"}


def rate(part: float, whole: float) -> float | None:
	if not whole:
		return None
	return round(100.0 * part / whole, 1)


def _day(value) -> date | None:
	if value is None:
		return None
	return value.date() if isinstance(value, datetime) else value


def is_late(due_by, rectified_on, today: date) -> bool:
	"""Rectified after the deadline day, or not rectified and the deadline day is over."""
	due = _day(due_by)
	if due is None:
		return False
	done = _day(rectified_on)
	return done > due if done is not None else today > due


def is_due(due_by, rectified_on, today: date) -> bool:
	"""Counts in the rectification rate: rectified, or its deadline is over."""
	return rectified_on is not None or (due_by is not None and today > _day(due_by))


@dataclass
class FindingFacts:
	due_by: object
	rectified_on: object
	contractor: str | None = None


def rectification_rate(findings, today: date) -> float | None:
	due = [f for f in findings if is_due(f.due_by, f.rectified_on, today)]
	on_time = [f for f in due if f.rectified_on is not None and not is_late(f.due_by, f.rectified_on, today)]
	return rate(len(on_time), len(due))


def discovery_rate(found: int, reported_by_others: int) -> float | None:
	return rate(found, found + reported_by_others)


def points_lost(findings, today: date, per_finding: float, per_late: float) -> float:
	late = sum(1 for f in findings if is_late(f.due_by, f.rectified_on, today))
	return round(len(findings) * per_finding + late * per_late, 2)


def due_days(severity: str, days: dict) -> int:
	return int(days.get(severity) or days.get("Minor") or 5)
