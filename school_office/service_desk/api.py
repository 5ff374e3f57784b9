"""Whitelisted actions of the service desk (desk buttons and REST).

Every action loads the request, checks the caller's permission on it, and saves through the
controller, so the status rules (school_office/core/service_desk.py), the SLA clocks and the
assignment rules all apply.
"""

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import now_datetime

from school_office.core import service_desk as rules
from school_office.service_desk.doctype.service_request.service_request import STAFF_ROLES
from school_office.utils.actions import keys_match, load_for_action, system_save

DOCTYPE = "Service Request"


def _load_for_staff(name: str):
	"""The stored request, locked, for a member of the office staff who may change it."""
	return load_for_action(
		DOCTYPE, name, "write", roles=STAFF_ROLES, message=_("Only office staff can do this.")
	)


def _move(doc, status: str, **values):
	doc.update(values)
	doc.status = status
	system_save(doc)
	return {"name": doc.name, "status": doc.status}


@frappe.whitelist()
def accept(name: str):
	"""Accept after the completeness check (mandatory materials received)."""
	return _move(_load_for_staff(name), "Accepted")


@frappe.whitelist()
def request_info(name: str, message: str):
	"""Needs Info: the requester is asked to supplement; their reply reopens the request."""
	if not (message or "").strip():
		frappe.throw(_("Say what the requester should supplement."), title=_("Message Required"))
	return _move(_load_for_staff(name), "Needs Info", needs_info_message=message.strip())


@frappe.whitelist()
def reject(name: str, reason: str):
	return _move(_load_for_staff(name), "Rejected", rejection_reason=(reason or "").strip())


@frappe.whitelist()
def refer(name: str, department: str, reason: str):
	if department and not frappe.db.exists("Department", department):
		frappe.throw(_("Department {0} does not exist.").format(department))
	return _move(
		_load_for_staff(name), "Referred", referred_to=department, referral_reason=(reason or "").strip()
	)


@frappe.whitelist()
def start(name: str):
	return _move(_load_for_staff(name), "In Progress")


@frappe.whitelist()
def hold(name: str):
	return _move(_load_for_staff(name), "On Hold")


def _filled(**values) -> dict:
	return {k: v for k, v in values.items() if v}


@frappe.whitelist()
def resolve(
	name: str, resolution: str | None = None, outcome: str | None = None, unsolvable_reason: str | None = None
):
	values = _filled(resolution_details=resolution, outcome=outcome, unsolvable_reason=unsolvable_reason)
	return _move(_load_for_staff(name), "Resolved", **values)


@frappe.whitelist()
def close(name: str, outcome: str | None = None, unsolvable_reason: str | None = None):
	return _move(
		_load_for_staff(name), "Closed", **_filled(outcome=outcome, unsolvable_reason=unsolvable_reason)
	)


@frappe.whitelist()
def move_to_front(name: str, reason: str):
	"""An important item jumps the queue (SD-4): Office Manager only, reason logged."""
	if "Office Manager" not in frappe.get_roles() and frappe.session.user != "Administrator":
		frappe.throw(
			_("Only the Office Manager can move a request to the front of the queue."), frappe.PermissionError
		)
	if not (reason or "").strip():
		frappe.throw(_("Give the reason for moving the request to the front."), title=_("Reason Required"))
	doc = frappe.get_doc(DOCTYPE, name)
	doc.check_permission("write")
	filters = {
		"status": ("in", ["Open", "Needs Info", "Accepted", "In Progress", "On Hold"]),
		"name": ("!=", name),
	}
	if doc.service_team:
		filters["service_team"] = doc.service_team
	scores = frappe.get_all(DOCTYPE, filters=filters, pluck="queue_score")
	doc.queue_score = rules.front_of_queue_score(doc.priority, [s for s in scores if s])
	system_save(doc)
	doc.add_comment("Info", _("Moved to the front of the queue: {0}").format(reason.strip()))
	return {"name": doc.name, "queue_score": doc.queue_score}


@frappe.whitelist()
def log_follow_up(name: str, outcome: str, notes: str | None = None):
	"""A follow-up call to the requester (SD-7), logged on the request."""
	doc = _load_for_staff(name)
	doc.append(
		"follow_ups",
		{"called_on": now_datetime(), "called_by": frappe.session.user, "outcome": outcome, "notes": notes},
	)
	doc.save()
	return {"name": doc.name, "follow_ups": len(doc.follow_ups)}


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(key="name", limit=10, seconds=60 * 10)
def rate(name: str, key: str, rating, comment: str | None = None):
	"""The requester rates a resolved request 1-5, once, from the link in the message (no desk
	access needed): the link's key proves it is the requester; a logged-in user other than the
	requester is refused even with the key."""
	if not name or not frappe.db.exists(DOCTYPE, name):
		frappe.throw(_("This rating link is not valid."), frappe.PermissionError)
	frappe.db.get_value(DOCTYPE, name, "name", for_update=True)
	stored = frappe.db.get_value(
		DOCTYPE, name, ["rating_key", "requester", "rated_on", "status"], as_dict=True
	)
	if not keys_match(key, stored.rating_key):
		frappe.throw(_("This rating link is not valid."), frappe.PermissionError)
	user = frappe.session.user
	if user not in ("Guest", "Administrator") and stored.requester and user != stored.requester:
		frappe.throw(_("Only the requester can rate this request."), frappe.PermissionError)
	if stored.status not in ("Resolved", "Closed"):
		frappe.throw(_("The request can be rated once it is resolved."))
	if stored.rated_on:
		frappe.throw(_("This request has already been rated. Thank you."), title=_("Already Rated"))
	try:
		stars = rules.validate_rating(rating)
	except ValueError:
		frappe.throw(_("The rating must be a whole number from 1 to 5."), title=_("Invalid Rating"))
	doc = frappe.get_doc(DOCTYPE, name)
	doc.rating = stars
	doc.feedback_comment = (comment or "").strip()[:1000]
	doc.rated_on = now_datetime()
	system_save(doc)
	return {"name": doc.name, "rating": doc.rating}
