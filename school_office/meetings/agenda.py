"""MT-5: agenda items that overrun are Deferred and carried into the next meeting's agenda.

The next meeting is the next one of the same type and requesting department that can still change
(Draft … Notified); when none exists yet, the first such meeting created later takes the items."""

from __future__ import annotations

import frappe
from frappe import _

from school_office.core import meetings as rules


def defer_open_items(doc):
	"""At the end of the meeting: items not discussed are Deferred."""
	for item in doc.agenda or []:
		if item.status == "Pending":
			item.status = "Deferred"


def _carried(source: str) -> set[str]:
	return set(
		frappe.get_all(
			"Meeting Agenda Item",
			filters={"parenttype": "Meeting", "carried_from": source},
			pluck="topic",
		)
	)


def _append_deferred(target, source) -> int:
	done = _carried(source.name)
	n = 0
	for item in source.agenda or []:
		if item.status == "Deferred" and item.topic not in done:
			target.append(
				"agenda",
				{
					"topic": item.topic,
					"presenter": item.presenter,
					"minutes_allotted": item.minutes_allotted,
					"status": "Pending",
					"carried_from": source.name,
				},
			)
			n += 1
	return n


def carry_to_next(doc):
	"""After a meeting ends: its deferred items go into the next meeting of its kind, if there is one."""
	if not any(i.status == "Deferred" for i in doc.agenda or []):
		return None
	nxt = frappe.get_all(
		"Meeting",
		filters={
			"meeting_type": doc.meeting_type,
			"requesting_department": doc.requesting_department or ("is", "not set"),
			"status": ("in", rules.EDITABLE_STATUSES),
			"starts_on": (">", doc.starts_on),
			"name": ("!=", doc.name),
		},
		order_by="starts_on asc",
		pluck="name",
		limit=1,
	)
	if not nxt:
		return None
	target = frappe.get_doc("Meeting", nxt[0])
	if _append_deferred(target, doc):
		target.flags.ignore_permissions = True
		target.flags.quiet = True
		target.save()
		target.add_comment("Info", _("Deferred agenda items carried from {0}").format(doc.name))
	return target.name


def carry_deferred_into(doc):
	"""A new meeting takes the deferred items of the last held meeting of its kind not yet carried."""
	prev = frappe.get_all(
		"Meeting",
		filters={
			"meeting_type": doc.meeting_type,
			"requesting_department": doc.requesting_department or ("is", "not set"),
			"status": ("in", ("Held", "Minutes Review", "Minutes Published")),
			"starts_on": ("<", doc.starts_on),
			"name": ("!=", doc.name),
		},
		order_by="starts_on desc",
		pluck="name",
		limit=1,
	)
	if not prev:
		return
	source = frappe.get_doc("Meeting", prev[0])
	if _append_deferred(doc, source):
		doc.flags.ignore_permissions = True
		doc.flags.quiet = True
		doc.save()
