"""Publishing a notice on its channels (AN-1, AN-4) and the notices' clocks (AN-3, AN-4).

- ``enqueue_publication`` (on publish, and for each update) runs ``publish`` in the background after the
  commit: e-mail to the audience (Frappe's Email Queue), the chosen DingTalk / WeCom channels (group
  robots for notices without an audience — a group's members are not known, so a restricted notice never
  goes to a group — and work notices to each mapped user of the audience). Board, website and screens
  read the published notice directly.
- ``notify_users`` / ``notify_role`` write system notifications (Notification Log), which reach
  DingTalk / WeCom through :mod:`school_office.notices.delivery` like every other notification.
- Scheduler jobs: ``expire_notices``, ``emergency_clock`` (an Emergency notice not published within its
  time: the office head is reminded, then school leaders and the office head are alerted),
  ``acknowledgement_reminders`` (departments that have not confirmed are reminded, then the Office
  Manager is told).
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import cint, get_datetime, get_url, now_datetime, strip_html

from school_office.core import notices as rules

DOCTYPE = "Notice"


# ----------------------------------------------------------------------------- audience
def audience_users(doc) -> list[str]:
	"""The enabled users a notice is for (its audience rows; none = every enabled user)."""
	base = {"enabled": 1, "name": ("not in", ("Guest", "Administrator"))}
	rows = doc.get("audience") or []
	if not rows:
		return sorted(frappe.get_all("User", filters=base, pluck="name"))
	users = set()
	for r in rows:
		if r.audience_type == "User" and r.user:
			users.add(r.user)
		elif r.audience_type == "Role" and r.role:
			users |= set(
				frappe.get_all("Has Role", filters={"role": r.role, "parenttype": "User"}, pluck="parent")
			)
		elif r.audience_type == "Department" and r.department:
			users |= set(department_users(r.department))
	if not users:
		return []
	return sorted(frappe.get_all("User", filters={**base, "name": ("in", list(users))}, pluck="name"))


def department_users(department: str) -> list[str]:
	if not frappe.db.table_exists("Employee"):
		return []
	return [
		u
		for u in frappe.get_all(
			"Employee", filters={"department": department, "status": "Active"}, pluck="user_id"
		)
		if u
	]


def role_users(role: str) -> list[str]:
	users = frappe.get_all("Has Role", filters={"role": role, "parenttype": "User"}, pluck="parent")
	if not users:
		return []
	return frappe.get_all(
		"User",
		filters={"name": ("in", users), "enabled": 1, "user_type": "System User"},
		pluck="name",
	)


def notice_url(name: str) -> str:
	return get_url(f"/notices/{name}")


# ----------------------------------------------------------------------------- notifications
def notify_users(users, doc, subject: str, text: str = ""):
	"""System notifications (Notification Log) about a notice; DingTalk/WeCom follow by the Notification
	Log hook."""
	for user in sorted(set(u for u in users if u and u not in ("Guest",))):
		frappe.get_doc(
			{
				"doctype": "Notification Log",
				"for_user": user,
				"type": "Alert",
				"document_type": doc.doctype,
				"document_name": doc.name,
				"subject": frappe.utils.escape_html(subject),
				"email_content": frappe.utils.escape_html(text or ""),
			}
		).insert(ignore_permissions=True)


def notify_role(role: str, doc, subject: str, text: str = ""):
	notify_users(role_users(role), doc, subject, text)


# ----------------------------------------------------------------------------- publication
def enqueue_publication(name: str, update_idx: int | None = None):
	frappe.enqueue(
		"school_office.notices.publishing.publish",
		queue="short",
		name=name,
		update_idx=update_idx,
		enqueue_after_commit=True,
		now=bool(frappe.flags.in_test),
	)


def message_of(doc, update_idx: int | None = None) -> tuple[str, str]:
	"""(subject, plain text) of a notice, or of one of its updates."""
	type_label = _(doc.notice_type)
	if update_idx:
		row = next((u for u in doc.updates if u.idx == cint(update_idx)), None)
		text = row.text if row else ""
		return _("[{0}] Update: {1}").format(type_label, doc.title), text
	return f"[{type_label}] {doc.title}", strip_html(doc.body or "").strip()


def publish(name: str, update_idx: int | None = None):
	"""Background job: send a published notice (or one of its updates) on its e-mail and DingTalk / WeCom
	channels. Each channel is tried on its own: one failing does not stop the others."""
	if not frappe.db.exists(DOCTYPE, name):
		return
	doc = frappe.get_doc(DOCTYPE, name)
	if doc.status != "Published":
		return
	channels = doc.channel_names()
	subject, text = message_of(doc, update_idx)
	users = audience_users(doc)
	if "E-mail" in channels:
		try:
			send_email(doc, users, subject, update_idx)
		except Exception:
			frappe.log_error(title=f"School Office: notice {name} e-mail not sent")
	from school_office.notices import delivery

	for channel in delivery.enabled_channels(use_for_notices=1):
		if rules.TOOL_OF_TYPE.get(channel.channel_type) not in channels:
			continue
		try:
			if channel.channel_type in rules.ROBOT_TYPES:
				if doc.audience:
					continue  # a group's members are not known: a restricted notice never goes to a group
				delivery.queue(
					channel, subject, text, notice_url(name), reference_doctype=DOCTYPE, reference_name=name
				)
			else:
				ids = delivery.user_ids(users, channel.channel_type)
				for batch in rules.batches(sorted(ids.values()), rules.batch_size(channel.channel_type)):
					delivery.queue(
						channel,
						subject,
						text,
						notice_url(name),
						recipient_ids=batch,
						reference_doctype=DOCTYPE,
						reference_name=name,
					)
		except Exception:
			frappe.log_error(title=f"School Office: notice {name} not queued for {channel.name}")


def send_email(doc, users, subject: str, update_idx=None):
	from school_office.utils.mail import note_mail_skipped, outgoing_mail_ready

	emails = sorted(
		{
			e
			for e in frappe.get_all("User", filters={"name": ("in", users or [""])}, pluck="email")
			if e and "@" in e
		}
	)
	if not emails:
		return []
	if not outgoing_mail_ready(DOCTYPE) and not frappe.flags.in_test:
		note_mail_skipped(f"Notice {doc.name}")
		return []
	update = None
	if update_idx:
		update = next((u for u in doc.updates if u.idx == cint(update_idx)), None)
	message = frappe.render_template(
		"school_office/notices/templates/notice_email.html",
		{
			"doc": doc,
			"update": update,
			"body_html": frappe.utils.sanitize_html(doc.body or ""),
			"url": notice_url(doc.name),
			"type_label": _(doc.notice_type),
		},
	)
	frappe.sendmail(
		recipients=emails,
		subject=subject,
		message=message,
		reference_doctype=DOCTYPE,
		reference_name=doc.name,
		send_priority=0 if doc.notice_type == "Emergency" else 1,
		now=False,
	)
	return emails


# ----------------------------------------------------------------------------- clocks
def expire_notices():
	"""Published notices past their Publish Until become Expired (hourly)."""
	now = now_datetime()
	# "is set" first: Frappe compares an empty datetime as 0001-01-01, so "<" alone would expire every
	# notice published without an end
	filters = [["status", "=", "Published"], ["publish_until", "is", "set"], ["publish_until", "<", now]]
	for name in frappe.get_all(DOCTYPE, filters=filters, pluck="name"):
		frappe.db.savepoint("so_expire")
		try:
			doc = frappe.get_doc(DOCTYPE, name)
			doc.status = "Expired"
			doc.flags.ignore_permissions = True
			doc.save()
		except Exception:
			frappe.db.rollback(save_point="so_expire")
			frappe.log_error(title=f"School Office: notice {name} not expired")


def _settings():
	return frappe.get_cached_doc("Notice Settings")


def emergency_clock(now=None):
	"""Every 5 minutes: an Emergency notice not yet published is reminded to the office head, and past its
	time (1 hour unless the settings say otherwise) escalated to school leaders and the office head."""
	now = get_datetime(now) if now else now_datetime()
	s = _settings()
	out = []
	for row in frappe.get_all(
		DOCTYPE,
		filters={
			"notice_type": "Emergency",
			"status": ("in", ("Draft", "Pending Review", "Pending Sign-off")),
		},
		fields=["name", "creation", "deadline_reminded_on", "escalated_on"],
	):
		stage = rules.emergency_stage(
			get_datetime(row.creation),
			now,
			s.emergency_remind_minutes,
			s.emergency_publish_minutes,
			bool(row.deadline_reminded_on),
			bool(row.escalated_on),
		)
		if not stage:
			continue
		doc = frappe.get_doc(DOCTYPE, row.name)
		if stage == "remind":
			notify_role(
				"Office Manager",
				doc,
				_("Emergency notice waiting: {0}").format(doc.title),
				_("It must be published by {0}.").format(frappe.utils.format_datetime(doc.publish_deadline)),
			)
			frappe.db.set_value(DOCTYPE, doc.name, "deadline_reminded_on", now, update_modified=False)
		else:
			users = set(role_users("School Leader")) | set(role_users("Office Manager"))
			notify_users(
				users,
				doc,
				_("Emergency notice not published in time: {0}").format(doc.title),
				_("It had to be published by {0}.").format(
					frappe.utils.format_datetime(doc.publish_deadline)
				),
			)
			frappe.db.set_value(DOCTYPE, doc.name, "escalated_on", now, update_modified=False)
		out.append((doc.name, stage))
	return out


def acknowledgement_reminders(now=None):
	"""Hourly: departments that have not acknowledged an Important (or any) notice asking for it are
	reminded (their members), and later the Office Manager is told who is missing."""
	now = get_datetime(now) if now else now_datetime()
	s = _settings()
	out = []
	for name in frappe.get_all(
		DOCTYPE, filters={"status": "Published", "requires_acknowledgement": 1}, pluck="name"
	):
		doc = frappe.get_doc(DOCTYPE, name)
		if not doc.published_on:
			continue
		missing_escalated = []
		for row in doc.acknowledgements:
			if row.acknowledged_by:
				continue
			stage = rules.acknowledgement_stage(
				get_datetime(doc.published_on),
				now,
				s.ack_remind_after_hours,
				s.ack_escalate_after_hours,
				bool(row.reminded_on),
				bool(row.escalated_on),
			)
			if stage == "remind":
				notify_users(
					department_users(row.department),
					doc,
					_("Please acknowledge: {0}").format(doc.title),
					_("Your department ({0}) has not confirmed receipt yet.").format(_(row.department)),
				)
				frappe.db.set_value(
					"Notice Acknowledgement", row.name, "reminded_on", now, update_modified=False
				)
				out.append((name, row.department, stage))
			elif stage == "escalate":
				missing_escalated.append(row)
		if missing_escalated:
			departments = ", ".join(_(r.department) for r in missing_escalated)
			notify_role(
				"Office Manager",
				doc,
				_("Not acknowledged: {0}").format(doc.title),
				_("Departments that have not confirmed receipt: {0}").format(departments),
			)
			for r in missing_escalated:
				frappe.db.set_value(
					"Notice Acknowledgement", r.name, "escalated_on", now, update_modified=False
				)
				out.append((name, r.department, "escalate"))
	return out
