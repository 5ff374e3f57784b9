"""Office supplies and printing rules that need no database (issue #11, SU-1…SU-6).

Controllers in ``school_office.office_supplies`` read the site and call these.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

PERIOD = re.compile(r"^\s*(\d{4})\s*-?\s*Q([1-4])\s*$", re.I)


def quarter_bounds(period: str) -> tuple[date, date]:
	"""'2027-Q1' -> (2027-01-01, 2027-03-31). Raises ValueError on anything else."""
	m = PERIOD.match(period or "")
	if not m:
		raise ValueError(f"not a quarter: {period!r} (expected e.g. 2027-Q1)")
	year, q = int(m.group(1)), int(m.group(2))
	start = date(year, 3 * (q - 1) + 1, 1)
	end_month = 3 * q
	end = (date(year + 1, 1, 1) if end_month == 12 else date(year, end_month + 1, 1)) - timedelta(days=1)
	return start, end


def normalise_period(period: str) -> str:
	start, _end = quarter_bounds(period)
	return f"{start.year}-Q{(start.month - 1) // 3 + 1}"


def history_window(period_start: date, quarters: int) -> tuple[date, date]:
	"""The ``quarters`` whole quarters before the plan's quarter: (first day, last day)."""
	if quarters < 1:
		raise ValueError("at least one quarter of history")
	y, m = period_start.year, period_start.month - 3 * quarters
	while m < 1:
		m += 12
		y -= 1
	return date(y, m, 1), period_start - timedelta(days=1)


@dataclass(frozen=True)
class PlanLine:
	department_demand: float
	history_consumption: float
	buffer_qty: float
	on_hand: float
	proposed_qty: float


def plan_line(demand: float, history_total: float, quarters: int, buffer_percent: float, on_hand: float):
	"""One line of a quarterly plan.

	The quarter's need is the larger of what departments asked for and the average quarterly consumption
	of the history (departments that forget to file demand do not empty the store); the buffer is a
	percentage of that need; what is on hand is subtracted. Quantities are whole units, rounded up.
	"""
	demand = max(float(demand or 0), 0.0)
	history = max(float(history_total or 0), 0.0) / max(int(quarters or 1), 1)
	need = max(demand, history)
	buffer_qty = math.ceil(need * float(buffer_percent or 0) / 100.0 - 1e-9) if need else 0
	on_hand = float(on_hand or 0)
	proposed = max(0, math.ceil(need + buffer_qty - max(on_hand, 0.0) - 1e-9))
	return PlanLine(demand, round(history, 3), float(buffer_qty), on_hand, float(proposed))


@dataclass(frozen=True)
class Quote:
	supplier: str
	rate: float
	sample_provided: bool
	warranty_years: int


def quote_problems(
	item: str,
	quotes: list[Quote],
	ordered_supplier: str,
	min_quotations: int = 3,
	min_warranty_years: int = 3,
	require_sample: bool = True,
) -> list[tuple[str, tuple]]:
	"""What keeps a Purchase Order line of a planned item from meeting the three-quote rule.

	Returns (message, args) pairs (English messages with {0}-style placeholders, translated by the caller):
	too few suppliers quoted, or the ordered supplier did not quote, or its quote fails the criteria
	(sample provided, warranty of at least ``min_warranty_years``).
	"""
	problems = []
	suppliers = {q.supplier for q in quotes}
	if len(suppliers) < min_quotations:
		problems.append(
			(
				"{0}: only {1} supplier quotation(s), at least {2} are needed",
				(item, len(suppliers), min_quotations),
			)
		)
	own = [q for q in quotes if q.supplier == ordered_supplier]
	if not own:
		problems.append(("{0}: the supplier {1} has no submitted quotation for it", (item, ordered_supplier)))
	elif not any(
		(q.sample_provided or not require_sample) and (q.warranty_years or 0) >= min_warranty_years
		for q in own
	):
		problems.append(
			(
				"{0}: the quotation of {1} does not meet the criteria (sample provided, warranty of at least {2} years)",
				(item, ordered_supplier, min_warranty_years),
			)
		)
	return problems


def rank_quotes(quotes: list[Quote], min_warranty_years: int = 3, require_sample: bool = True) -> list[Quote]:
	"""Side by side: quotes meeting the criteria first, then by price."""

	def ok(q):
		return (q.sample_provided or not require_sample) and (q.warranty_years or 0) >= min_warranty_years

	return sorted(quotes, key=lambda q: (not ok(q), q.rate, q.supplier))


# ----------------------------------------------------------------------------- printing


def quota_pages(pages: int, copies: int) -> int:
	"""Pages charged to a department's quota: every printed page (a double-sided sheet is two pages)."""
	if int(pages or 0) < 1 or int(copies or 0) < 1:
		raise ValueError("pages and copies must be at least 1")
	return int(pages) * int(copies)


def over_quota(allowed: int | None, used: int, wanted: int) -> bool:
	"""None: no quota set for the period (not limited)."""
	if allowed is None:
		return False
	return int(used or 0) + int(wanted) > int(allowed or 0)


def approval_reasons(colour: bool, is_over_quota: bool) -> list[str]:
	out = []
	if colour:
		out.append("Colour printing needs the department head's approval")
	if is_over_quota:
		out.append("Over the department's print quota: needs the Office Manager's approval")
	return out


def queue_key(urgent: bool, due_by: datetime) -> str:
	"""Sort key of the print room's queue: the urgent lane first, then the earliest due."""
	return f"{0 if urgent else 1}|{due_by:%Y-%m-%d %H:%M:%S}"


# ----------------------------------------------------------------------------- pick-up


def pickup_slots(day: date, start: time, end: time, minutes: int) -> list[datetime]:
	"""The pick-up slots of a day in the desk's window (start of each slot)."""
	if minutes < 1:
		raise ValueError("a slot is at least one minute")
	out, cur = [], datetime.combine(day, start)
	last = datetime.combine(day, end)
	while cur + timedelta(minutes=minutes) <= last:
		out.append(cur)
		cur += timedelta(minutes=minutes)
	return out


def in_window(moment: datetime, start: time, end: time) -> bool:
	return start <= moment.time() < end


# ----------------------------------------------------------------------------- stocktake


def variance_percent(expected: float, counted: float) -> float:
	"""Variance of a count against the books, in % of the books (100 when the books say zero and
	something was counted)."""
	expected, counted = float(expected or 0), float(counted or 0)
	if expected == 0:
		return 0.0 if counted == 0 else 100.0
	return round(abs(counted - expected) / abs(expected) * 100.0, 2)


def variance_flagged(expected: float, counted: float, threshold_percent: float) -> bool:
	return variance_percent(expected, counted) > float(threshold_percent)
