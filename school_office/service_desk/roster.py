"""Rosters in routing and the team load view (SD-14)."""

from dataclasses import dataclass, field

import frappe
from frappe.utils import now_datetime

from school_office.core import quality as rules


@dataclass
class Duty:
	members: set = field(default_factory=set)
	temporary: list = field(default_factory=list)


def team_slots(team: str) -> list[rules.Slot] | None:
	"""The team's slots, or None when it has no enabled roster."""
	from school_office.service_desk.doctype.service_roster.service_roster import slot_of

	if not frappe.db.get_value("Service Roster", {"service_team": team, "enabled": 1}):
		return None
	roster = frappe.get_doc("Service Roster", {"service_team": team})
	return [slot_of(r) for r in roster.slots]


def on_duty(team: str, moment=None) -> Duty | None:
	"""Who is on duty in the team now: members, and temporary staff (in slot order). None: no roster."""
	slots = team_slots(team)
	if slots is None:
		return None
	moment = moment or now_datetime()
	duty = Duty()
	for s in slots:
		if s.covers(moment):
			if s.extra.get("temporary"):
				if s.user not in duty.temporary:
					duty.temporary.append(s.user)
			else:
				duty.members.add(s.user)
	return duty


def narrow_rule(rule, duty: Duty) -> bool:
	"""Limit an Assignment Rule (in memory) to who is on duty; False when nobody of it is.

	The team's general rule (priority 10) also takes the temporary staff on duty. For Round Robin the
	list starts after the rule's last user, so the turn passes on among those on duty."""
	users = [u.user for u in rule.users]
	wanted = [u for u in users if u in duty.members]
	if int(rule.priority or 0) <= 10:
		wanted += [u for u in duty.temporary if u not in wanted]
	if not wanted:
		return False
	if rule.rule == "Round Robin" and rule.last_user:
		order = users + [u for u in wanted if u not in users]
		if rule.last_user in order:
			start = order.index(rule.last_user) + 1
			rotated = order[start:] + order[:start]
			wanted = [u for u in rotated if u in wanted]
		rule.last_user = None  # users[0] is the next one; do_assignment records who it was
	rule.set("users", [{"user": u} for u in wanted])
	return True
