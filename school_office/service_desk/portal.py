"""The requester's side of the service desk (SD-1, SD-2, SD-7): portal pages and their methods.

- /service-request        pick a published service (by category), see its materials, fill in the
                           request (+ the Leave Slip / Venue Application fields), attach files, submit
- /my-requests            the user's own requests; /my-requests/<number> its progress timeline, where
                           the requester replies / supplements materials
- /service-feedback       1-5 star rating from the link in the "resolved" message (no login needed)

Built as www pages + whitelisted methods instead of a Web Form: a Web Form cannot show the
catalogue grouped by category with its materials, switch the extra fields per service type, check
several uploads against School Office Settings before anything is saved, or show a timeline built
from the request's versions and messages. The request itself is saved through the Service Request
controller, so channel, SLA, team assignment and complaint milestones behave as on the desk.
"""

import base64
import json
from urllib.parse import quote

import frappe
from frappe import _
from frappe.utils import cint, escape_html, get_datetime
from frappe.utils.html_utils import sanitize_html

DOCTYPE = "Service Request"
MAX_FILES = 10
MAX_SIGNATURE_CHARS = 400_000
FINAL_STATUSES = ("Closed", "Rejected", "Referred")

FORM_FIELDS = {
	"Leave Slip": ("leave_start", "leave_end", "leave_reason", "counsellor", "counsellor_signature"),
	"Venue Application": (
		"event_name",
		"event_start",
		"event_end",
		"headcount",
		"equipment_needed",
		"safety_commitment",
		"safety_signature",
	),
}
DATETIME_FIELDS = {"leave_start", "leave_end", "event_start", "event_end"}
SIGNATURE_FIELDS = {"counsellor_signature", "safety_signature"}
# fields whose change the requester sees on the timeline, with the note they carry
TIMELINE_NOTES = {
	"Needs Info": "needs_info_message",
	"Rejected": "rejection_reason",
	"Referred": "referral_reason",
	"Resolved": "resolution_details",
	"Closed": "resolution_details",
}
STATUS_INDICATOR = {
	"Open": "blue",
	"Needs Info": "orange",
	"Accepted": "blue",
	"In Progress": "yellow",
	"On Hold": "gray",
	"Resolved": "green",
	"Closed": "green",
	"Rejected": "red",
	"Referred": "purple",
}


# ---------------------------------------------------------------------------------------- helpers
def require_login(redirect_to: str):
	"""Guests are sent to the login page and come back afterwards."""
	if frappe.session.user == "Guest":
		from urllib.parse import urlencode

		frappe.local.flags.redirect_location = "/login?" + urlencode({"redirect-to": redirect_to})
		raise frappe.Redirect


def _settings():
	return frappe.get_cached_doc("School Office Settings")


def allow_anonymous_complaints() -> bool:
	return bool(cint(_settings().get("allow_anonymous_complaints")))


def attachment_rules() -> dict:
	from school_office.service_desk.intake import attachment_policy

	allowed, max_mb = attachment_policy()
	return {"allowed": list(allowed), "max_mb": max_mb, "max_files": MAX_FILES}


def problem_types() -> list[str]:
	options = frappe.get_meta(DOCTYPE).get_field("problem_type").options or ""
	return [o for o in options.split("\n") if o.strip()]


def is_own(doc, user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user not in ("Guest",) and user in (doc.requester, doc.owner)


def get_own_request(name: str):
	"""The request if the session user raised it; anything else is 'not permitted' (never its content,
	and the same answer for a number that does not exist, so numbers cannot be probed)."""
	if frappe.session.user == "Guest":
		frappe.throw(_("Please log in to see your requests."), frappe.PermissionError)
	owner = frappe.db.get_value(DOCTYPE, name, ["requester", "owner"], as_dict=True) if name else None
	if not owner or frappe.session.user not in (owner.requester, owner.owner):
		frappe.throw(_("You are not permitted to see this request."), frappe.PermissionError)
	return frappe.get_doc(DOCTYPE, name)


# ---------------------------------------------------------------------------------------- catalogue
def portal_categories() -> list[dict]:
	"""Published services grouped by category (as the service guide shows them), with form and flags."""
	from school_office.utils.service_guide import guide_categories

	categories = guide_categories()
	names = [s.name for c in categories for s in c.services]
	extra = {
		r.name: r
		for r in frappe.get_all(
			"Service Type",
			filters={"name": ("in", names or [""])},
			fields=["name", "form_template", "is_complaint"],
		)
	}
	for c in categories:
		for s in c.services:
			s.form_template = extra[s.name].form_template if s.name in extra else None
			s.is_complaint = extra[s.name].is_complaint if s.name in extra else 0
	return categories


def portal_messages() -> dict:
	"""Messages the page script shows, translated on the server in the reader's language."""
	return {
		"type": _("{0}: files of type {1} are not accepted. Allowed types: {2}."),
		"size": _("{0} is {1} MB; the limit is {2} MB."),
		"empty": _("{0} is empty."),
		"too_many": _("You can attach at most {0} files."),
		"sending": _("Sending..."),
		"failed": _("The request could not be sent. Please check your connection and try again."),
		"required": _("Please fill in: {0}"),
		"choose_service": _("Please choose a service."),
		"thanks": _("Thank you for your feedback."),
		"choose_rating": _("Please choose 1 to 5 stars."),
		"clear": _("Clear"),
	}


# ---------------------------------------------------------------------------------------- files
def _incoming_files(files) -> list[dict]:
	"""Files sent with a request: multipart uploads of this HTTP request, or a list of
	{"filename", "content" (base64), "material" (1-based row of the required materials, optional)}."""
	out = []
	if isinstance(files, str):
		files = json.loads(files or "[]")
	for f in files or []:
		content = f.get("content") or ""
		if isinstance(content, str):
			if "," in content and content.startswith("data:"):
				content = content.split(",", 1)[1]
			try:
				content = base64.b64decode(content, validate=True)
			except Exception:
				frappe.throw(_("{0} could not be read.").format(escape_html(f.get("filename") or "?")))
		out.append(
			{"filename": f.get("filename") or "", "content": content, "material": cint(f.get("material"))}
		)
	request = getattr(frappe.local, "request", None)
	uploads = getattr(request, "files", None) if request else None
	if uploads:
		for key in uploads:
			material = cint(key.split(":", 1)[1]) if key.startswith("material:") else 0
			for upload in uploads.getlist(key):
				if not upload or not upload.filename:
					continue
				out.append(
					{"filename": upload.filename, "content": upload.stream.read(), "material": material}
				)
	return out


def check_files(files: list[dict]):
	"""Refuse the whole submission, before anything is saved, if one file breaks the policy (type, size,
	and a PDF that cannot be read: Frappe's own PDF check would answer a malformed one with a 500)."""
	from school_office.service_desk.intake import attachment_error, content_error

	if len(files) > MAX_FILES:
		frappe.throw(
			_("You can attach at most {0} files.").format(MAX_FILES), title=_("Attachment Not Accepted")
		)
	errors = [
		e
		for e in (
			attachment_error(f["filename"], len(f["content"])) or content_error(f["filename"], f["content"])
			for f in files
		)
		if e
	]
	if errors:
		frappe.throw("<br>".join(escape_html(e) for e in errors), title=_("Attachment Not Accepted"))


def check_mandatory_files(service_type: str, files: list[dict]):
	"""On the portal every mandatory material of the service comes as a file (material:<row>) unless it
	is given in the form (the description or application form, service_desk/materials.py), so the
	office receives a complete request; the desk checks them again on Accept."""
	given = {f["material"] for f in files if f.get("material")}
	missing = [
		m.material
		for m in frappe.get_all(
			"Service Type Material",
			filters={
				"parenttype": "Service Type",
				"parent": service_type,
				"is_mandatory": 1,
				"given_in_form": 0,
			},
			fields=["material", "idx"],
			order_by="idx asc",
		)
		if m.idx not in given
	]
	if missing:
		frappe.throw(
			_("Please attach the mandatory materials: {0}").format(
				", ".join(escape_html(_(m)) for m in missing)
			),
			title=_("Materials Missing"),
		)


def save_files(doc, files: list[dict], replace: bool = False) -> list:
	"""Attach the files to the request; a file for a material (material:<row>) goes to that row's
	attachment (a reply may replace the file of a material the office has not marked received)."""
	saved = []
	for f in files:
		file_doc = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f["filename"],
				"attached_to_doctype": DOCTYPE,
				"attached_to_name": doc.name,
				"is_private": 1,
				"content": f["content"],
			}
		)
		file_doc.insert(ignore_permissions=True)
		saved.append(file_doc)
		if f.get("material"):
			row = next((m for m in doc.materials if m.idx == f["material"]), None)
			if row and (not row.attachment or (replace and not row.received)):
				row.db_set("attachment", file_doc.file_url, update_modified=False)
				file_doc.material = row.material
	return saved


# ---------------------------------------------------------------------------------------- intake
def _clean_form_values(form_template: str | None, values: dict) -> dict:
	out = {}
	for field in FORM_FIELDS.get(form_template or "", ()):
		value = values.get(field)
		if value in (None, ""):
			continue
		if field in DATETIME_FIELDS:
			try:
				value = get_datetime(str(value).replace("T", " "))
			except Exception:
				frappe.throw(
					_("{0} is not a valid date and time.").format(
						_(frappe.get_meta(DOCTYPE).get_label(field))
					)
				)
		elif field in SIGNATURE_FIELDS:
			value = str(value)
			if not value.startswith("data:image/") or len(value) > MAX_SIGNATURE_CHARS:
				frappe.throw(_("The signature could not be read. Please sign again."))
		elif field == "headcount":
			value = cint(value)
		elif field == "safety_commitment":
			value = 1 if str(value).lower() in ("1", "true", "on", "yes") else 0
		elif field == "counsellor":
			value = str(value).strip()
			if not frappe.db.exists("User", {"name": value, "enabled": 1}):
				frappe.throw(
					_("The counsellor {0} is not a user of the school's system.").format(escape_html(value))
				)
		else:
			value = str(value).strip()
		out[field] = value
	return out


def _check_form(form_template: str | None, v: dict):
	"""The portal asks for the whole application form at once (the desk checks it again on Accept)."""
	missing = []
	if form_template == "Leave Slip":
		for f in ("leave_start", "leave_end", "leave_reason"):
			if not v.get(f):
				missing.append(f)
		if not missing and v["leave_start"] >= v["leave_end"]:
			frappe.throw(_("The leave must end after it starts."), title=_("Application Form"))
	elif form_template == "Venue Application":
		for f in ("event_name", "event_start", "event_end", "headcount", "safety_signature"):
			if not v.get(f):
				missing.append(f)
		if not v.get("safety_commitment"):
			frappe.throw(_("The safety commitment must be accepted and signed."), title=_("Application Form"))
		if not missing and v["event_start"] >= v["event_end"]:
			frappe.throw(_("The event must end after it starts."), title=_("Application Form"))
	if missing:
		meta = frappe.get_meta(DOCTYPE)
		frappe.throw(
			_("Please fill in: {0}").format(", ".join(_(meta.get_label(f)) for f in missing)),
			title=_("Application Form"),
		)


@frappe.whitelist(methods=["POST"])
def submit_request(
	service_type: str,
	subject: str | None = None,
	description: str | None = None,
	contact: str | None = None,
	problem_type: str | None = None,
	anonymous=0,
	files=None,
	**form_values,
):
	"""Create a Service Request for the logged-in user (channel Portal) and return its number.

	The requester is always the session user: a requester, owner or channel sent by the client is
	ignored. Attachments follow School Office Settings; one bad file refuses the whole submission
	before anything is saved.
	"""
	user = frappe.session.user
	if user == "Guest":
		frappe.throw(_("Please log in to submit a request."), frappe.PermissionError)
	frappe.has_permission(DOCTYPE, "create", throw=True)

	st = frappe.db.get_value(
		"Service Type",
		service_type or "",
		["name", "is_published", "is_complaint", "form_template", "service_type_name"],
		as_dict=True,
	)
	if not st or not st.is_published:
		frappe.throw(_("Please choose a published service."), title=_("Service Not Available"))
	subject = (subject or "").strip() or _(st.service_type_name)
	contact = (contact or "").strip()
	anonymous = cint(anonymous) and st.is_complaint and allow_anonymous_complaints()
	if st.is_complaint:
		if not problem_type or problem_type not in problem_types():
			frappe.throw(_("Please choose the type of problem."), title=_("Problem Type Required"))
		if not contact and not anonymous:
			frappe.throw(
				_("Please give a contact (phone or e-mail) so that we can tell you the outcome."),
				title=_("Contact Required"),
			)
	values = _clean_form_values(st.form_template, form_values)
	_check_form(st.form_template, values)
	incoming = _incoming_files(files)
	check_files(incoming)
	check_mandatory_files(st.name, incoming)
	if not (description or "").strip() and not st.form_template:
		in_form = frappe.get_all(
			"Service Type Material",
			filters={"parenttype": "Service Type", "parent": st.name, "is_mandatory": 1, "given_in_form": 1},
			pluck="material",
		)
		if in_form:
			frappe.throw(
				_("Please describe your request: {0}").format(", ".join(escape_html(_(m)) for m in in_form)),
				title=_("Materials Missing"),
			)

	doc = frappe.new_doc(DOCTYPE)
	doc.update(values)
	doc.update(
		{
			"subject": subject[:140],
			"service_type": st.name,
			"description": escape_html(description or "").replace("\n", "<br>"),
			"contact": contact[:140],
			"channel": "Portal",
			"requester": user,
			"status": "Open",
		}
	)
	if st.is_complaint:
		doc.problem_type = problem_type
	if anonymous:
		doc.requester_name = "Anonymous"
	doc.insert(ignore_permissions=True)
	save_files(doc, incoming)
	return {
		"name": doc.name,
		"url": f"/my-requests/{doc.name}",
		# truthful: the office has not accepted it yet (status Open, 待受理)
		"message": _(
			"Your request {0} has been submitted and is waiting for the office to accept it."
		).format(doc.name),
	}


# ---------------------------------------------------------------------------------------- follow-up
@frappe.whitelist(methods=["POST"])
def add_reply(name: str, message: str | None = None, files=None):
	"""The requester answers or supplements their request: a received message on the request
	(which reopens a Needs Info request) plus attachments that follow the policy."""
	doc = get_own_request(name)
	if doc.status in FINAL_STATUSES:
		frappe.throw(_("This request is {0}; please submit a new request.").format(_(doc.status)))
	message = (message or "").strip()
	incoming = _incoming_files(files)
	if not message and not incoming:
		frappe.throw(_("Write a message or attach a file."))
	check_files(incoming)
	saved = save_files(doc, incoming, replace=True)
	content = escape_html(message).replace("\n", "<br>")
	if saved:
		names = [
			_("{0} (for {1})").format(f.file_name, _(f.material)) if f.get("material") else f.file_name
			for f in saved
		]
		content += "<p>" + escape_html(_("Attached: {0}").format(", ".join(names))) + "</p>"
	user = frappe.session.user
	comm = frappe.get_doc(
		{
			"doctype": "Communication",
			"communication_type": "Communication",
			"communication_medium": "Other",
			"sent_or_received": "Received",
			"subject": _("Re: {0}").format(doc.subject)[:140],
			"content": content,
			"sender": frappe.db.get_value("User", user, "email") or user,
			"sender_full_name": frappe.utils.get_fullname(user),
			"reference_doctype": DOCTYPE,
			"reference_name": doc.name,
		}
	)
	comm.insert(ignore_permissions=True)
	return {"name": doc.name, "status": frappe.db.get_value(DOCTYPE, doc.name, "status")}


# ---------------------------------------------------------------------------------------- pages
def my_requests(user: str | None = None) -> list[dict]:
	user = user or frappe.session.user
	rows = frappe.get_all(
		DOCTYPE,
		or_filters={"requester": user, "owner": user},
		fields=["name", "subject", "status", "service_type", "creation", "modified", "resolved_on", "rating"],
		order_by="creation desc",
		limit_page_length=500,
		ignore_permissions=True,
	)
	for r in rows:
		r.indicator = STATUS_INDICATOR.get(r.status, "gray")
		r.submitted_on, r.updated_on = format_when(r.creation), format_when(r.modified)
	return rows


def _status_values(owners) -> dict[str, str]:
	"""Status label -> status. Frappe's Version stores a Select's value as the acting user saw it
	(待补充材料 for a zh staff member), so the labels in the languages of those who changed the request
	are read back as the status they stand for."""
	statuses = [o for o in (frappe.get_meta(DOCTYPE).get_field("status").options or "").split("\n") if o]
	langs = {"en", frappe.local.lang or "en"}
	default_lang = frappe.db.get_default("lang") or "en"
	for user in set(owners):
		langs.add(frappe.get_cached_value("User", user, "language") or default_lang)
	out = {s: s for s in statuses}
	for lang in langs:
		for s in statuses:
			out.setdefault(_(s, lang=lang), s)
	return out


def _status_changes(doc) -> list[dict]:
	events = []
	versions = frappe.get_all(
		"Version",
		filters={"ref_doctype": DOCTYPE, "docname": doc.name},
		fields=["data", "creation", "owner"],
		order_by="creation asc",
	)
	status_of = _status_values(v.owner for v in versions)
	for v in versions:
		try:
			data = json.loads(v.data or "{}")
		except ValueError:
			continue
		changed = {row[0]: row[1:] for row in data.get("changed") or [] if len(row) == 3}
		if "status" not in changed:
			continue
		_old, new = changed["status"]
		new = status_of.get(new, new)
		note_field = TIMELINE_NOTES.get(new)
		note = changed.get(note_field, [None, None])[1] if note_field else None
		if new == "Referred" and changed.get("referred_to"):
			note = f"{changed['referred_to'][1]}: {note or ''}"
		if new == "Needs Info" and not note:
			# asked again with the same words: the version does not repeat them
			note = doc.needs_info_message
		events.append(
			{
				"on": v.creation,
				"kind": "status",
				"status": new,
				"indicator": STATUS_INDICATOR.get(new, "gray"),
				"title": _("Status: {0}").format(_(new)),
				"note": note,
				"html": note_field == "resolution_details",
			}
		)
	return events


def _messages(doc) -> list[dict]:
	"""Messages of this request between the office and the requester (not other people's mail)."""
	emails = {
		e
		for e in (
			doc.requester,
			doc.raised_by,
			frappe.db.get_value("User", doc.requester, "email") if doc.requester else None,
		)
		if e
	}
	events = []
	comms = frappe.get_all(
		"Communication",
		filters={
			"reference_doctype": DOCTYPE,
			"reference_name": doc.name,
			"communication_type": "Communication",
		},
		fields=[
			"name",
			"sent_or_received",
			"sender",
			"recipients",
			"subject",
			"content",
			"communication_date",
			"creation",
		],
		order_by="creation asc",
	)
	for c in comms:
		if c.sent_or_received == "Received":
			if c.sender not in emails:
				continue
			title = _("Your message")
		else:
			if not any(e in (c.recipients or "") for e in emails):
				continue
			title = _("Message from the office")
		events.append(
			{
				"on": c.communication_date or c.creation,
				"kind": "message",
				"title": title,
				"note": c.content,
				"html": True,
				"indicator": "blue",
			}
		)
	return events


def request_timeline(doc) -> list[dict]:
	events = [
		{
			"on": doc.creation,
			"kind": "created",
			"title": _("Request submitted ({0})").format(_(doc.channel))
			if doc.channel
			else _("Request submitted"),
			"note": None,
			"indicator": "blue",
		}
	]
	events += _status_changes(doc)
	events += _messages(doc)
	events.sort(key=lambda e: get_datetime(e["on"]))
	for e in events:
		e["when"] = format_when(e["on"])
		note = e.get("note")
		# notes and messages are stored sanitised (Frappe's save, escape_html of the portal's own text):
		# sanitised again here, not escaped twice
		e["note_html"] = (sanitize_html(note) if e.get("html") else _plain_html(note)) if note else ""
	return events


def format_when(value) -> str:
	return get_datetime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def request_files(doc) -> list[dict]:
	return frappe.get_all(
		"File",
		filters={"attached_to_doctype": DOCTYPE, "attached_to_name": doc.name},
		fields=["file_name", "file_url", "creation"],
		order_by="creation asc",
	)


def new_request_context(context):
	service = frappe.form_dict.get("service_type") or frappe.form_dict.get("service")
	# a guest following the guide's "Apply Online" comes back to the service chosen
	require_login("/service-request" + (f"?service_type={quote(service)}" if service else ""))
	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("New Service Request")
	context.categories = portal_categories()
	# the guide's "Apply Online" links open the page with the service chosen (?service_type=...)
	context.selected = frappe.form_dict.get("service_type") or frappe.form_dict.get("service") or ""
	context.problem_types = problem_types()
	context.allow_anonymous = allow_anonymous_complaints()
	context.rules = attachment_rules()
	context.messages = portal_messages()
	context.user_contact = frappe.db.get_value(
		"User", frappe.session.user, "mobile_no"
	) or frappe.db.get_value("User", frappe.session.user, "email")
	return context


def list_context(context):
	require_login("/my-requests")
	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("My Requests")
	context.requests = my_requests()
	return context


def detail_context(context, name: str):
	require_login(f"/my-requests/{name}")
	doc = get_own_request(name)
	context.no_cache = 1
	context.show_sidebar = False
	context.doc = doc
	# Frappe's breadcrumbs and <title> print the title unescaped
	context.title = escape_html(f"{doc.name} · {doc.subject}")
	context.indicator = STATUS_INDICATOR.get(doc.status, "gray")
	context.timeline = request_timeline(doc)
	context.files = request_files(doc)
	context.description_html = sanitize_html(doc.description or "")
	context.submitted_on = format_when(doc.creation)
	context.can_reply = doc.status not in FINAL_STATUSES
	context.rules = attachment_rules()
	context.messages = portal_messages()
	context.answer = office_answer(doc)
	context.materials_to_send = materials_to_send(doc)
	context.rating_url = None
	if doc.status in ("Resolved", "Closed") and not cint(doc.rating):
		from school_office.service_desk.feedback import rating_url

		context.rating_url = rating_url(doc)
	context.parents = [{"route": "my-requests", "title": _("My Requests")}]
	return context


def office_answer(doc) -> dict | None:
	"""What the office answered, for the requester: the resolution (rich text, sanitised), the outcome
	and why it cannot be solved, or the reason of a rejection or referral (plain text, escaped)."""
	rows = []
	if doc.status in ("Resolved", "Closed") or doc.resolution_details:
		if doc.outcome:
			rows.append({"label": _("Outcome"), "value_html": escape_html(_(doc.outcome))})
		if (doc.resolution_details or "").strip():
			rows.append(
				{"label": _("Resolution Details"), "value_html": sanitize_html(doc.resolution_details)}
			)
		if doc.outcome == "Cannot Be Solved" and (doc.unsolvable_reason or "").strip():
			rows.append(
				{"label": _("Why It Cannot Be Solved"), "value_html": _plain_html(doc.unsolvable_reason)}
			)
	if doc.status == "Rejected" and (doc.rejection_reason or "").strip():
		rows.append({"label": _("Rejection Reason"), "value_html": _plain_html(doc.rejection_reason)})
	if doc.status == "Referred":
		if doc.referred_to:
			rows.append({"label": _("Referred To"), "value_html": escape_html(_(doc.referred_to))})
		if (doc.referral_reason or "").strip():
			rows.append({"label": _("Referral Reason"), "value_html": _plain_html(doc.referral_reason)})
	if not rows:
		return None
	return {"title": _("The Office's Answer"), "rows": rows, "on": format_when(doc.resolved_on)}


def _plain_html(text: str | None) -> str:
	"""A staff-entered text field: Frappe stores it sanitised (`<` of a tag it does not allow becomes
	&lt;), so it is shown sanitised again, never escaped a second time (which would print "&lt;")."""
	return sanitize_html(text or "").replace("\n", "<br>")


def materials_to_send(doc) -> list[dict]:
	"""Materials the office has not marked received: the reply form offers a file input for each, and
	the file goes to that material's row (so Accept sees it)."""
	return [
		{
			"idx": m.idx,
			"material": _(m.material),
			"is_mandatory": m.is_mandatory,
			"has_file": bool(m.attachment),
		}
		for m in doc.materials
		if not m.received
	]


def feedback_context(context):
	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("Rate the Service")
	name, key = frappe.form_dict.get("request") or "", frappe.form_dict.get("key") or ""
	row = (
		frappe.db.get_value(
			DOCTYPE,
			name,
			["name", "subject", "status", "rating", "feedback_comment", "rating_key", "rated_on"],
			as_dict=True,
		)
		if name
		else None
	)
	context.valid = bool(row and key and row.rating_key == key)
	context.request = None
	context.error = None
	context.messages = portal_messages()
	if not context.valid:
		context.error = _("This rating link is not valid. Please use the link in the message you received.")
		return context
	context.request = frappe._dict(
		name=row.name,
		subject=row.subject,
		status=row.status,
		rating=cint(row.rating),
		comment=row.feedback_comment,
		rated_on=format_when(row.rated_on),
	)
	context.key = key
	if row.status not in ("Resolved", "Closed"):
		context.error = _("The request can be rated once it is resolved.")
	return context
