""" "My work" of the staff phone app: one list, due first, gathered from every module.

MY_WORK_PROVIDERS is a registry, like portal_home.PORTAL_PAGES: each module appends a provider

	key        a short name (also the item's `kind` and the count's key)
	label      what the items are, plural (English; translated when shown)
	provider   dotted path of a function(user) -> list of items
	realtime   doctypes whose changes refresh the list (the app subscribes to their list_update)

An item is a dict:

	doctype, name   the record
	title           one line; subtitle: a second line (optional)
	status          its status as stored (translated when shown)
	due             a datetime (or None): the list is sorted on it, overdue first
	route           the desk form, e.g. /app/service-request/SR-0001
	actions         [{label, method, args, prompt?, workflow?}] — each is a server method the desk
	                itself calls (service_desk.api.accept, office_documents.api.act, Frappe's
	                workflow apply_workflow); the app posts them as they are, so the rules are the desk's
	                (prompt: the action needs a text, sent as args[prompt])

Providers read with frappe.get_list (the user's own permissions, 密级 included) and offer an action only
where the desk would show it to the same user; the server method checks again in any case.
"""

import frappe
from frappe import _
from frappe.utils import get_datetime, now_datetime

from school_office.utils.actions import has_role

MY_WORK_PROVIDERS = [
	{
		"key": "service_request",
		"label": "Requests assigned to me",
		"provider": "school_office.campus_identity.my_work.service_requests",
		"realtime": ["Service Request"],
	},
	{
		"key": "official_document",
		"label": "Documents to handle, read or countersign",
		"provider": "school_office.campus_identity.my_work.official_documents",
		"realtime": ["Official Document"],
	},
	{
		"key": "venue_booking",
		"label": "Bookings to approve",
		"provider": "school_office.campus_identity.my_work.venue_bookings",
		"realtime": ["Venue Booking"],
	},
	# Meetings (issue #12): the providers return nothing on a build without the Meeting doctype
	{
		"key": "meeting_answer",
		"label": "Meetings awaiting my answer",
		"provider": "school_office.campus_identity.my_work.meetings_to_answer",
		"realtime": ["Meeting"],
	},
	{
		"key": "meeting_approval",
		"label": "Meetings to approve",
		"provider": "school_office.campus_identity.my_work.meetings_to_approve",
		"realtime": ["Meeting"],
	},
]

LIMIT = 100  # items per provider
OPEN_REQUEST = ("Open", "Needs Info", "Accepted", "In Progress", "On Hold")
REQUEST_STAFF = {"Office Manager", "Office Staff", "System Manager"}


def _route(doctype: str, name: str) -> str:
	return f"/app/{frappe.scrub(doctype).replace('_', '-')}/{name}"


def _sort_key(item):
	due = item.get("due")
	return (due is None, get_datetime(due) if due else None, item.get("title") or "")


def collect(user: str | None = None) -> dict:
	user = user or frappe.session.user
	items, counts, labels = [], {}, {}
	for entry in MY_WORK_PROVIDERS:
		try:
			found = frappe.get_attr(entry["provider"])(user) or []
		except Exception:
			# one module's failure must not empty everybody's list
			frappe.log_error(title=f"My work: provider {entry['key']} failed")
			found = []
		for item in found:
			item["kind"] = entry["key"]
		items.extend(found)
		counts[entry["key"]] = len(found)
		labels[entry["key"]] = _(entry["label"])
	items.sort(key=_sort_key)
	now = now_datetime()
	overdue = 0
	for item in items:
		item["status_label"] = _(item.get("status") or "")
		if item.get("due"):
			item["overdue"] = get_datetime(item["due"]) < now
			overdue += item["overdue"]
			item["due"] = str(item["due"])
		for action in item.get("actions") or []:
			action["label"] = _(action["label"])
	return {
		"items": items,
		"counts": counts,
		"labels": labels,
		"overdue": overdue,
		"now": str(now),
		"realtime": sorted({d for e in MY_WORK_PROVIDERS for d in e.get("realtime") or []}),
	}


@frappe.whitelist()
def my_work():
	"""The session user's work, due first. Desk users only (the portal has its own home)."""
	if (
		frappe.session.user == "Guest"
		or frappe.get_cached_value("User", frappe.session.user, "user_type") != "System User"
	):
		frappe.throw(_("The office app is for the office's staff."), frappe.PermissionError)
	return collect()


# ----------------------------------------------------------------------------- providers


def service_requests(user: str) -> list[dict]:
	"""Service requests assigned to me and still open; due = the SLA's resolution time."""
	rows = frappe.get_list(
		"Service Request",
		filters={"status": ("in", OPEN_REQUEST), "_assign": ("like", f'%"{user}"%')},
		fields=[
			"name",
			"subject",
			"status",
			"requester_name",
			"sla_resolution_by",
			"response_by",
			"service_type",
		],
		order_by="sla_resolution_by asc",
		limit_page_length=LIMIT,
	)
	staff = has_role(REQUEST_STAFF, user)
	out = []
	for r in rows:
		actions = []
		if staff and r.status == "Open":
			actions.append(
				{
					"label": "Accept",
					"method": "school_office.service_desk.api.accept",
					"args": {"name": r.name},
				}
			)
		if staff and r.status == "Accepted":
			actions.append(
				{"label": "Start", "method": "school_office.service_desk.api.start", "args": {"name": r.name}}
			)
		if staff and r.status == "In Progress":
			actions.append(
				{
					"label": "Resolve",
					"method": "school_office.service_desk.api.resolve",
					"args": {"name": r.name},
					"prompt": "resolution",
					"prompt_label": _("Resolution"),
				}
			)
		out.append(
			{
				"doctype": "Service Request",
				"name": r.name,
				"title": r.subject or r.name,
				"subtitle": " · ".join(x for x in (_(r.service_type or ""), r.requester_name or "") if x),
				"status": r.status,
				"due": r.sla_resolution_by or r.response_by,
				"route": _route("Service Request", r.name),
				"actions": actions,
			}
		)
	return out


DOC_ACTION_LABEL = {"Countersign": "Countersign", "Handle": "Give Feedback", "Read": "Confirm Read"}


def official_documents(user: str) -> list[dict]:
	"""Routing rows waiting for me (or my department, as its head): countersign, handle, read."""
	from school_office.office_documents.api import ACT_STATES, may_act
	from school_office.office_documents.permissions import user_departments

	departments = list(user_departments(user))
	cond = ["r.user = %(user)s"]
	if departments:
		cond.append("(ifnull(r.user, '') = '' and r.department in %(departments)s)")
	rows = frappe.db.sql(
		f"""select r.name, r.parent, r.action, r.due_by, r.user, r.department
		from `tabDocument Routing` r
		where r.parenttype = 'Official Document' and r.status = 'Pending' and ({" or ".join(cond)})
		order by r.due_by is null, r.due_by limit {LIMIT * 2}""",
		{"user": user, "departments": tuple(departments) or ("",)},
		as_dict=True,
	)
	if not rows:
		return []
	# the documents this user may read (permission query: 密级, routing) and in a state to act on
	docs = {
		d.name: d
		for d in frappe.get_list(
			"Official Document",
			filters={"name": ("in", sorted({r.parent for r in rows}))},
			fields=["name", "title", "status", "document_number", "secret_level"],
			limit_page_length=LIMIT * 2,
		)
	}
	out = []
	for r in rows:
		doc = docs.get(r.parent)
		if not doc or doc.status not in ACT_STATES.get(r.action, ()) or not may_act(r, user):
			continue
		action = {
			"label": DOC_ACTION_LABEL.get(r.action, r.action),
			"method": "school_office.office_documents.api.act",
			"args": {"name": doc.name, "row": r.name},
		}
		if r.action == "Handle":
			action.update(prompt="comment", prompt_label=_("Execution feedback"))
		out.append(
			{
				"doctype": "Official Document",
				"name": doc.name,
				"title": doc.title or doc.name,
				"subtitle": " · ".join(
					x for x in (_(r.action), doc.document_number or "", _(doc.secret_level or "")) if x
				),
				"status": doc.status,
				"due": r.due_by,
				"route": _route("Official Document", doc.name),
				"actions": [action],
			}
		)
		if len(out) >= LIMIT:
			break
	return out


def venue_bookings(user: str) -> list[dict]:
	"""Requested bookings this user may approve (the workflow's Approve / Decline; not their own)."""
	if not has_role({"Office Staff"}, user):
		return []
	rows = frappe.get_list(
		"Venue Booking",
		filters={"status": "Requested", "requester": ("!=", user), "ends_on": (">=", now_datetime())},
		fields=["name", "event_name", "venue", "starts_on", "ends_on", "status", "requester"],
		order_by="starts_on asc",
		limit_page_length=LIMIT,
	)
	out = []
	for r in rows:
		doc = {"doctype": "Venue Booking", "name": r.name}
		out.append(
			{
				"doctype": "Venue Booking",
				"name": r.name,
				"title": r.event_name or r.name,
				"subtitle": " · ".join(
					x
					for x in (_(r.venue or ""), f"{r.starts_on:%m-%d %H:%M}–{r.ends_on:%H:%M}", r.requester)
					if x
				),
				"status": r.status,
				"due": r.starts_on,
				"route": _route("Venue Booking", r.name),
				"actions": [
					{
						"label": label,
						"method": "frappe.model.workflow.apply_workflow",
						"args": {"doc": doc, "action": action},
					}
					for label, action in (("Approve", "Approve"), ("Decline", "Decline"))
				],
			}
		)
	return out


def _has_meetings() -> bool:
	return bool(frappe.db.exists("DocType", "Meeting"))


def meetings_to_answer(user: str) -> list[dict]:
	"""Notified (or approved) meetings to come where my answer (or my delegate's) is still pending."""
	if not _has_meetings():
		return []
	rows = frappe.db.sql(
		"""select distinct a.parent from `tabMeeting Attendee` a
		where a.parenttype = 'Meeting' and a.rsvp = 'Pending' and (a.user = %(user)s or a.delegate = %(user)s)""",
		{"user": user},
		pluck=True,
	)
	if not rows:
		return []
	meetings = frappe.get_list(
		"Meeting",
		filters={
			"name": ("in", rows),
			"status": ("in", ("Approved", "Notified")),
			"starts_on": (">", now_datetime()),
		},
		fields=["name", "title", "status", "starts_on", "venue"],
		order_by="starts_on asc",
		limit_page_length=LIMIT,
	)
	return [
		{
			"doctype": "Meeting",
			"name": m.name,
			"title": m.title or m.name,
			"subtitle": " · ".join(x for x in (f"{m.starts_on:%m-%d %H:%M}", _(m.venue or "")) if x),
			"status": m.status,
			"due": m.starts_on,
			"route": _route("Meeting", m.name),
			"actions": [
				{
					"label": label,
					"method": "school_office.meetings.api.rsvp",
					"args": {"meeting": m.name, "answer": answer},
				}
				for label, answer in (("Attend", "Accepted"), ("Cannot Attend", "Declined"))
			],
		}
		for m in meetings
	]


def meetings_to_approve(user: str) -> list[dict]:
	"""Meetings pending approval whose type this user's role approves (the Meeting's own approve method)."""
	if not _has_meetings():
		return []
	from school_office.core.meetings import MEETING_TYPES, approver_roles

	types = [t for t in MEETING_TYPES if has_role(set(approver_roles(t)), user)]
	if not types:
		return []
	meetings = frappe.get_list(
		"Meeting",
		filters={"status": "Pending Approval", "meeting_type": ("in", types), "organiser": ("!=", user)},
		fields=["name", "title", "status", "starts_on", "meeting_type", "requesting_department"],
		order_by="starts_on asc",
		limit_page_length=LIMIT,
	)
	return [
		{
			"doctype": "Meeting",
			"name": m.name,
			"title": m.title or m.name,
			"subtitle": " · ".join(
				x
				for x in (
					_(m.meeting_type or ""),
					_(m.requesting_department or ""),
					f"{m.starts_on:%m-%d %H:%M}",
				)
				if x
			),
			"status": m.status,
			"due": m.starts_on,
			"route": _route("Meeting", m.name),
			"actions": [
				{
					"label": "Approve",
					"method": "run_doc_method",
					"args": {"dt": "Meeting", "dn": m.name, "method": "approve"},
				}
			],
		}
		for m in meetings
	]
