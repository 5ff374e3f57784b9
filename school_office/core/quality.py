"""Service desk quality rules without Frappe: KPI definitions, the audit sample, rosters.

KPIs of a group of requests (month of filing x team x service type), as the report
`Service Desk KPIs` computes them in SQL and `kpis_from_rows` computes them request by request:

- on_time_rate: of the requests with a resolution deadline (``sla_resolution_by``) that are resolved
  or already past the deadline, the share resolved by the deadline.
- operator_error_rate: of the requests checked in a completed Service Audit, the share with a finding.
- first_contact_resolution_rate: of the resolved requests, the share resolved without the requester
  being asked again (no Needs Info, never reopened: ``contact_rounds`` = 0).
- average_handling_minutes: mean working minutes from acceptance (or filing) to resolution, over the
  resolved requests (``handling_minutes``, set once at resolution on the school's working calendar).
- resolution_rate: of the requests filed (less those rejected or referred elsewhere), the share
  resolved or closed with an outcome other than "Cannot Be Solved".
- repeat_inquiry_rate: of the requests filed, the share whose requester had filed a request of the
  same service type within the repeat window (default 30 days) before (``is_repeat``, set when the
  request is filed or its service type changes).

Rates are percentages rounded to one decimal; a rate with an empty denominator is None.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

KPI_FIELDS = (
	"on_time_rate",
	"operator_error_rate",
	"first_contact_resolution_rate",
	"average_handling_minutes",
	"resolution_rate",
	"repeat_inquiry_rate",
)
# the figure that is good when high (True) or low (False), for target checks
HIGHER_IS_BETTER = {
	"on_time_rate": True,
	"operator_error_rate": False,
	"first_contact_resolution_rate": True,
	"average_handling_minutes": False,
	"resolution_rate": True,
	"repeat_inquiry_rate": False,
}
NOT_RESOLVABLE = ("Rejected", "Referred")
FINISHED = ("Resolved", "Closed")


def rate(part: float, whole: float) -> float | None:
	if not whole:
		return None
	return round(100.0 * part / whole, 1)


def meets_target(kpi: str, value: float | None, target: float | None) -> bool | None:
	if value is None or target is None:
		return None
	return value >= target if HIGHER_IS_BETTER[kpi] else value <= target


@dataclass
class Counts:
	requests: int = 0
	due: int = 0
	on_time: int = 0
	resolved: int = 0
	first_contact: int = 0
	handling_total: float = 0.0
	resolvable: int = 0
	solved: int = 0
	repeats: int = 0
	audited: int = 0
	errors: int = 0

	def add(self, other: Counts) -> None:
		for k in self.__dataclass_fields__:
			setattr(self, k, getattr(self, k) + getattr(other, k))

	def kpis(self) -> dict:
		return {
			"requests": self.requests,
			"on_time_rate": rate(self.on_time, self.due),
			"operator_error_rate": rate(self.errors, self.audited),
			"first_contact_resolution_rate": rate(self.first_contact, self.resolved),
			"average_handling_minutes": round(self.handling_total / self.resolved, 1)
			if self.resolved
			else None,
			"resolution_rate": rate(self.solved, self.resolvable),
			"repeat_inquiry_rate": rate(self.repeats, self.requests),
		}


def kpis_from_rows(rows, audits: dict, now: datetime) -> dict:
	"""The per-request loop: ``rows`` are dicts (name, creation, service_team, service_type, status,
	outcome, resolved_on, sla_resolution_by, contact_rounds, handling_minutes, is_repeat), ``audits`` maps
	a request to (checked, with_finding). Returns {(month, team, type): Counts}."""
	groups: dict[tuple, Counts] = {}
	for r in rows:
		c = groups.setdefault(
			(r["creation"].strftime("%Y-%m"), r.get("service_team") or "", r.get("service_type") or ""),
			Counts(),
		)
		c.requests += 1
		if r.get("is_repeat"):
			c.repeats += 1
		resolved = r.get("resolved_on") is not None and r.get("status") in FINISHED
		deadline = r.get("sla_resolution_by")
		if deadline is not None and (resolved or deadline < now):
			c.due += 1
			if resolved and r["resolved_on"] <= deadline:
				c.on_time += 1
		if resolved:
			c.resolved += 1
			c.handling_total += float(r.get("handling_minutes") or 0)
			if not r.get("contact_rounds"):
				c.first_contact += 1
		if r.get("status") not in NOT_RESOLVABLE:
			c.resolvable += 1
			if resolved and (r.get("outcome") or "") != "Cannot Be Solved":
				c.solved += 1
		checked, with_finding = audits.get(r["name"], (0, 0))
		c.audited += checked
		c.errors += with_finding
	return groups


def repeat_flags(rows, window_days: int = 30) -> list[bool]:
	"""For requests in filing order: was each a repeat inquiry (same requester and service type within
	``window_days`` before)? The rule ``is_repeat`` applies at filing, here for data loaded in bulk."""
	last: dict[tuple, datetime] = {}
	window = timedelta(days=window_days)
	out = []
	for r in rows:
		key = (r.get("requester") or "", r.get("service_type") or "")
		previous = last.get(key)
		last[key] = r["creation"]
		out.append(bool(key[0] and key[1] and previous is not None and r["creation"] - previous <= window))
	return out


# ----------------------------------------------------------------------------- audit


def sample_size(population: int, percent: float) -> int:
	"""At least one request of a non-empty month, else ``percent`` rounded up."""
	if population <= 0 or percent <= 0:
		return 0
	return min(population, max(1, math.ceil(population * percent / 100.0 - 1e-9)))


def draw_sample(names, percent: float, seed: str) -> list[str]:
	"""A reproducible random sample: the same names, percent and seed give the same sample."""
	ordered = sorted(set(names))
	k = sample_size(len(ordered), percent)
	return sorted(random.Random(str(seed)).sample(ordered, k))


def has_finding(record_complete, ledger_complete, follow_up_done, finding: str | None) -> bool:
	return not (record_complete and ledger_complete and follow_up_done) or bool((finding or "").strip())


# ----------------------------------------------------------------------------- rosters

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass
class Slot:
	user: str
	weekday: str
	from_time: time
	to_time: time
	valid_from: object = None  # date or None
	valid_to: object = None
	extra: dict = field(default_factory=dict)

	def covers(self, moment: datetime) -> bool:
		if WEEKDAYS[moment.weekday()] != self.weekday:
			return False
		d = moment.date()
		if self.valid_from and d < self.valid_from:
			return False
		if self.valid_to and d > self.valid_to:
			return False
		t = moment.time()
		return self.from_time <= t < self.to_time


def on_duty(slots, moment: datetime) -> set[str]:
	return {s.user for s in slots if s.covers(moment)}


def validate_slot(slot: Slot) -> list[str]:
	errors = []
	if slot.weekday not in WEEKDAYS:
		errors.append("weekday")
	if not slot.from_time < slot.to_time:
		errors.append("times")
	if slot.valid_from and slot.valid_to and slot.valid_from > slot.valid_to:
		errors.append("dates")
	return errors


def weekly_minutes(slots) -> dict[str, int]:
	out: dict[str, int] = {}
	for s in slots:
		a = s.from_time.hour * 60 + s.from_time.minute
		b = s.to_time.hour * 60 + s.to_time.minute
		out[s.user] = out.get(s.user, 0) + max(0, b - a)
	return out
