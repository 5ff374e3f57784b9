# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

"""A meeting and its life (issue #12): Draft -> Pending Approval -> Approved -> Notified -> In Progress ->
Held -> Minutes Review -> Minutes Published, or Cancelled.

Every step is a whitelisted action (``doc_action``: the stored record, locked, the caller's permission
and role) — status, approver, organiser, room, key and minutes fields are at permlevel 1/2, so no client
writes them on any path. The rules are plain Python in school_office/core/meetings.py; the notice (ICS,
Event, notification, e-mail) in school_office/meetings/notice.py, the room through the Venues API in
school_office/meetings/rooms.py, minutes in school_office/meetings/minutes.py.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, format_datetime, get_datetime, now_datetime

from school_office.core import meetings as rules
from school_office.meetings import permissions as mperm
from school_office.utils.actions import doc_action, has_role, system_save

TIME_FIELDS = ("starts_on", "ends_on")
# a recurring meeting is created this many days before it takes place (room, approval, 7-day notice)
RECUR_AHEAD_DAYS = 14


def get_settings():
	return frappe.get_cached_doc("Meeting Settings")


def settings_int(field: str, default: int) -> int:
	value = get_settings().get(field)
	return default if value in (None, "") else cint(value)


class Meeting(Document):
	# ------------------------------------------------------------------ saving
	def before_validate(self):
		if self.flags.in_insert or self.is_new():
			# Frappe resets permlevel fields on insert after before_insert: system values are set here
			self.organiser = self.flags.recurring_organiser or (
				frappe.session.user if frappe.session.user != "Guest" else self.owner
			)
			self.status = "Draft"
			self.approver = None
			self.approved_on = None
			self.venue = None
			self.venue_booking = None
			self.notified_on = None
			self.minutes = None
			self.decisions = []
			self.sign_in_key = frappe.generate_hash(length=20)
			for a in self.attendees or []:
				a.rsvp = "Pending"
				a.delegate = None
				a.signed_in_at = None
				a.event = None
			for item in self.agenda or []:
				if not self.flags.carrying:
					item.status = "Pending"
			for s in self.setup or []:
				s.tested_on = None
				s.tested_by = None

	def validate(self):
		if self.meeting_type not in rules.MEETING_TYPES:
			frappe.throw(_("Choose a meeting type."))
		s, e = get_datetime(self.starts_on), get_datetime(self.ends_on)
		if not s or not e or e <= s:
			frappe.throw(_("The meeting must end after it starts."))
		before = self.get_doc_before_save()
		if before and before.status not in ("Draft", "Pending Approval", "Approved"):
			if any(str(before.get(f)) != str(self.get(f)) for f in TIME_FIELDS):
				frappe.throw(
					_(
						"The time of a meeting cannot change after its notice went out; cancel it and request a new one."
					)
				)
		if before and before.status in mperm.FINAL and not self.flags.system_change:
			frappe.throw(_("A {0} meeting cannot be changed.").format(_(before.status)))
		self.expected_headcount = max(cint(self.expected_headcount), 0)
		self.validate_attendees()
		self.set_agenda_slots()
		self.validate_materials()
		if not self.setup and self.expected_headcount:
			self.fill_setup()
		self.setup_test_due = rules.setup_test_due(s, settings_int("setup_test_days", 3))

	def validate_attendees(self):
		seen = set()
		for a in self.attendees or []:
			if a.user in seen:
				frappe.throw(_("{0} is listed twice among the attendees.").format(frappe.bold(a.user)))
			seen.add(a.user)
			if not a.department:
				from school_office.utils.people import employee_departments

				depts = employee_departments(a.user)
				a.department = depts[0] if depts else None
		if len(seen) > cint(self.expected_headcount):
			self.expected_headcount = len(seen)

	def set_agenda_slots(self):
		items = self.agenda or []
		slots = rules.agenda_slots(get_datetime(self.starts_on), [cint(i.minutes_allotted) for i in items])
		for item, (start, end) in zip(items, slots, strict=True):
			item.slot_starts, item.slot_ends = start, end
		over = rules.overrunning(slots, get_datetime(self.ends_on))
		if over and self.status in ("Draft", "Pending Approval") and not self.flags.quiet:
			frappe.msgprint(
				_("These agenda items do not fit in the meeting's time: {0}").format(
					", ".join(items[i].topic for i in over)
				),
				indicator="orange",
				alert=True,
			)

	def validate_materials(self):
		"""A material above Public must be a private file attached to this meeting (public files are
		served to anyone)."""
		before = self.get_doc_before_save()
		if before:
			# rows the user may not see were hidden from their form: keep them as stored
			present = {m.name for m in self.materials or []}
			for old in before.materials or []:
				if old.name not in present and not mperm.cleared_for(old.secret_level):
					self.append("materials", old.as_dict())
		for m in self.materials or []:
			if m.secret_level not in ("Public", "Internal", "Secret", "Confidential", "Top Secret"):
				frappe.throw(_("Choose the secret level of material {0}.").format(m.title))
			if not mperm.cleared_for(m.secret_level):
				old = {r.name: r for r in (before.materials if before else [])}
				prev = old.get(m.name)
				if not prev or prev.attachment != m.attachment or prev.secret_level != m.secret_level:
					frappe.throw(
						_(
							"You have no clearance for secret level {0}: you cannot add or change material {1}."
						).format(_(m.secret_level), m.title),
						frappe.PermissionError,
					)
			if m.attachment and (m.secret_level or "Public") != "Public":
				if not m.attachment.startswith("/private/files/"):
					frappe.throw(
						_("Material {0} is {1}: attach it to this meeting as a private file.").format(
							m.title, _(m.secret_level)
						)
					)

	def fill_setup(self):
		needs = [x.strip() for x in (self.room_needs or "").replace("\n", ",").split(",") if x.strip()]
		self.set("setup", [])
		for line in rules.setup_checklist(self.expected_headcount, needs):
			self.append("setup", {"item": line.item, "quantity": line.quantity})

	def on_update(self):
		mperm.attach_material_files(self)

	def after_insert(self):
		from school_office.meetings.agenda import carry_deferred_into

		carry_deferred_into(self)
		if self.flags.from_auto_repeat:
			# MT-8: the recurring meeting asks for approval by itself (same organiser, attendees and agenda)
			self.db_set("status", "Pending Approval")
			notify_users(
				[*approvers_for(self), self.organiser],
				self,
				_("Meeting {0} asks for your approval").format(self.title),
			)

	def on_recurring(self, reference_doc, auto_repeat_doc):
		"""Auto Repeat (MT-8): the copy takes the schedule's date at the reference meeting's times."""
		from datetime import datetime

		day = frappe.utils.add_days(
			frappe.utils.getdate(auto_repeat_doc.next_schedule_date), RECUR_AHEAD_DAYS
		)
		start, end = get_datetime(reference_doc.starts_on), get_datetime(reference_doc.ends_on)
		self.starts_on = datetime.combine(day, start.time())
		self.ends_on = self.starts_on + (end - start)
		self.flags.from_auto_repeat = True
		self.flags.recurring_organiser = reference_doc.organiser
		self.set("materials", [])

	# ------------------------------------------------------------------ reading
	def apply_fieldlevel_read_permissions(self):
		super().apply_fieldlevel_read_permissions()
		self.hide_uncleared_materials()

	def before_print(self, settings=None):
		self.hide_uncleared_materials()

	def hide_uncleared_materials(self):
		user = frappe.session.user
		rows = mperm.visible_materials(self.materials, user)
		if len(rows) != len(self.materials or []):
			self.set("materials", [r.as_dict() for r in rows])

	def onload(self):
		user = frappe.session.user
		mine = next((a for a in self.attendees or [] if user in (a.user, a.delegate)), None)
		self.set_onload("my_rsvp", mine.rsvp if mine else None)
		self.set_onload(
			"can_edit",
			bool(
				frappe.permissions.has_permission("Meeting", "write", self, user=user, raise_exception=False)
			),
		)
		self.set_onload("is_minute_taker", user == self.minute_taker)
		self.set_onload("can_publish", can_publish(self, user))
		self.set_onload("project_progress", project_progress(self))

	# ------------------------------------------------------------------ MT-1 request and approval
	@doc_action(ptype="write")
	def submit_for_approval(self):
		if self.status != "Draft":
			frappe.throw(
				_("Only a draft meeting can be sent for approval; this one is {0}.").format(_(self.status))
			)
		if not self.attendees:
			frappe.throw(_("Add the attendees before sending the meeting for approval."))
		if not self.agenda:
			frappe.throw(_("Add the agenda (topics) before sending the meeting for approval."))
		self.status = "Pending Approval"
		self.rejection_reason = None
		system_save(self)
		self.add_comment("Info", _("Sent for approval by {0}").format(frappe.session.user))
		notify_users(
			approvers_for(self),
			self,
			_("Meeting {0} asks for your approval").format(self.title),
		)
		return self.status

	@doc_action(ptype="read")
	def approve(self):
		if self.status != "Pending Approval":
			frappe.throw(
				_("Only a meeting pending approval can be approved; this one is {0}.").format(_(self.status))
			)
		self.check_approver()
		self.status = "Approved"
		self.approver = frappe.session.user
		self.approved_on = now_datetime()
		system_save(self)
		self.add_comment("Info", _("Approved by {0}").format(frappe.session.user))
		notify_users([self.organiser], self, _("Meeting {0} is approved").format(self.title))
		return self.status

	@doc_action(ptype="read")
	def send_back(self, reason=None):
		self.check_approver()
		if self.status != "Pending Approval":
			frappe.throw(
				_("Only a meeting pending approval can be sent back; this one is {0}.").format(_(self.status))
			)
		if not (reason or "").strip():
			frappe.throw(_("Say why the meeting is sent back (topic or attendees to change)."))
		self.status = "Draft"
		self.rejection_reason = reason.strip()
		system_save(self)
		self.add_comment(
			"Info", _("Sent back by {0}: {1}").format(frappe.session.user, self.rejection_reason)
		)
		notify_users([self.organiser], self, _("Meeting {0} was sent back: {1}").format(self.title, reason))
		return self.status

	def check_approver(self):
		roles = rules.approver_roles(self.meeting_type)
		if not has_role(roles):
			frappe.throw(
				_("A {0} meeting is approved by: {1}.").format(
					_(self.meeting_type), ", ".join(_(r) for r in roles)
				),
				frappe.PermissionError,
			)
		if frappe.session.user in (self.organiser, self.owner) and frappe.session.user != "Administrator":
			frappe.throw(_("You cannot approve a meeting you requested."), frappe.PermissionError)

	# ------------------------------------------------------------------ MT-3 room
	@doc_action(ptype="write")
	def book_room(self, venue):
		from school_office.meetings.rooms import book_room

		return book_room(self, venue)

	@doc_action(ptype="write")
	def mark_setup_tested(self, rows=None):
		if not has_role(("Meeting Team", "System Manager")):
			frappe.throw(_("Only the Meeting Team can record the equipment test."), frappe.PermissionError)
		wanted = set(
			frappe.parse_json(rows) if isinstance(rows, str) else rows or [r.name for r in self.setup]
		)
		now = now_datetime()
		for r in self.setup:
			if r.name in wanted and not r.tested_on:
				r.tested_on, r.tested_by = now, frappe.session.user
		system_save(self)
		return [r.as_dict() for r in self.setup]

	# ------------------------------------------------------------------ MT-2 notice
	@doc_action(ptype="read")
	def send_notice(self, override_reason=None):
		"""The organiser or the Meeting Team sends the notice; a School Leader too (to override the lead time)."""
		user = frappe.session.user
		if user not in (self.organiser, self.owner) and not has_role(
			("Meeting Team", "System Manager", "School Leader")
		):
			frappe.throw(
				_("Only the organiser or the Meeting Team can send the notice."), frappe.PermissionError
			)
		from school_office.meetings.notice import send_notice

		return send_notice(self, override_reason)

	# ------------------------------------------------------------------ MT-5 during the meeting
	@doc_action(ptype="read")
	def start_meeting(self):
		self.check_runner()
		if self.status != "Notified":
			frappe.throw(_("Only a notified meeting can start; this one is {0}.").format(_(self.status)))
		self.status = "In Progress"
		system_save(self)
		return self.status

	@doc_action(ptype="read")
	def set_agenda_status(self, item, status):
		self.check_runner()
		if self.status not in ("Notified", "In Progress"):
			frappe.throw(_("Agenda items are marked during the meeting."))
		if status not in ("Pending", "Discussed", "Deferred"):
			frappe.throw(_("Choose Pending, Discussed or Deferred."))
		row = next((r for r in self.agenda if r.name == item or str(r.idx) == str(item)), None)
		if not row:
			frappe.throw(_("No such agenda item."))
		row.status = status
		system_save(self)
		return row.as_dict()

	@doc_action(ptype="read")
	def end_meeting(self):
		self.check_runner()
		if self.status not in ("Notified", "In Progress"):
			frappe.throw(
				_("Only a meeting that is notified or in progress can end; this one is {0}.").format(
					_(self.status)
				)
			)
		from school_office.meetings.agenda import defer_open_items
		from school_office.meetings.minutes import start_minutes

		defer_open_items(self)
		self.status = "Held"
		start_minutes(self)
		system_save(self)
		from school_office.meetings.agenda import carry_to_next

		carry_to_next(self)
		return self.status

	def check_runner(self):
		user = frappe.session.user
		if user in (self.chair, self.minute_taker, self.organiser) or has_role(
			("Meeting Team", "System Manager")
		):
			return
		frappe.throw(
			_("Only the chair, the minute-taker or the Meeting Team can do this."), frappe.PermissionError
		)

	# ------------------------------------------------------------------ MT-6 minutes
	@doc_action(ptype="read")
	def submit_minutes(self):
		from school_office.meetings.minutes import submit_minutes

		return submit_minutes(self)

	@doc_action(ptype="read")
	def publish_minutes(self):
		from school_office.meetings.minutes import publish_minutes

		return publish_minutes(self)

	@doc_action(ptype="read")
	def return_minutes(self, comment=None):
		from school_office.meetings.minutes import return_minutes

		return return_minutes(self, comment)

	# ------------------------------------------------------------------ MT-8 monthly recurrence
	@doc_action(ptype="write")
	def repeat_monthly(self):
		"""The Meeting Team makes this meeting recur every month (Frappe Auto Repeat): each copy is created
		RECUR_AHEAD_DAYS before its date and asks for approval by itself."""
		if not has_role(("Meeting Team", "System Manager")):
			frappe.throw(_("Only the Meeting Team can make a meeting recur."), frappe.PermissionError)
		if self.auto_repeat and frappe.db.exists("Auto Repeat", self.auto_repeat):
			return self.auto_repeat
		start = frappe.utils.add_days(
			frappe.utils.add_months(get_datetime(self.starts_on).date(), 1), -RECUR_AHEAD_DAYS
		)
		ar = frappe.get_doc(
			{
				"doctype": "Auto Repeat",
				"reference_doctype": "Meeting",
				"reference_document": self.name,
				"frequency": "Monthly",
				"start_date": start,
			}
		)
		ar.flags.ignore_permissions = True
		ar.insert()
		self.db_set("auto_repeat", ar.name, update_modified=False)
		return ar.name

	# ------------------------------------------------------------------ PR-1 cross-department project
	@doc_action(ptype="read")
	def start_project(self, decision):
		"""A published decision starts an ERPNext Project from the "Cross-department" template (the chair,
		the approver, a School Leader or the Meeting Team)."""
		user = frappe.session.user
		if user not in (self.chair, self.approver) and not has_role(
			("School Leader", "Meeting Team", "System Manager")
		):
			frappe.throw(
				_("Only the chair, a leader or the Meeting Team can start a project."), frappe.PermissionError
			)
		if self.status != "Minutes Published":
			frappe.throw(_("Projects start from the decisions of published minutes."))
		row = next((d for d in self.decisions if d.name == decision or str(d.idx) == str(decision)), None)
		if not row:
			frappe.throw(_("No such decision."))
		if row.project:
			return row.project
		from school_office.meetings.projects import start_project

		return start_project(self, row)

	# ------------------------------------------------------------------ cancel
	@doc_action(ptype="write")
	def cancel_meeting(self, reason=None):
		if self.status not in rules.EDITABLE_STATUSES:
			frappe.throw(_("A {0} meeting cannot be cancelled.").format(_(self.status)))
		from school_office.meetings.notice import withdraw_events
		from school_office.meetings.rooms import release_room

		release_room(self)
		withdraw_events(self)
		was_notified = self.status == "Notified"
		self.status = "Cancelled"
		system_save(self)
		self.add_comment("Info", _("Cancelled by {0}: {1}").format(frappe.session.user, reason or ""))
		if was_notified:
			notify_users(
				[a.delegate or a.user for a in self.attendees],
				self,
				_("Meeting {0} on {1} is cancelled").format(self.title, format_datetime(self.starts_on)),
			)
		return self.status


# ---------------------------------------------------------------------- helpers
def approvers_for(doc) -> list[str]:
	roles = rules.approver_roles(doc.meeting_type)
	users = frappe.get_all(
		"Has Role",
		filters={"role": ("in", roles), "parenttype": "User"},
		pluck="parent",
		distinct=True,
	)
	enabled = (
		set(frappe.get_all("User", filters={"name": ("in", users), "enabled": 1}, pluck="name"))
		if users
		else set()
	)
	return sorted(u for u in enabled if u not in (doc.organiser, "Administrator", "Guest"))


def can_publish(doc, user: str) -> bool:
	return user in (doc.chair, doc.approver) or has_role(("School Leader",), user)


def notify_users(users, doc, subject: str, message: str | None = None):
	"""A system notification (bell) to each user about the meeting; never to the acting user."""
	from frappe.desk.doctype.notification_log.notification_log import make_notification_logs

	users = sorted({u for u in users or [] if u and u not in ("Guest", frappe.session.user)})
	if not users:
		return
	make_notification_logs(
		{
			"type": "Alert",
			"document_type": "Meeting",
			"document_name": doc.name,
			"subject": subject,
			"email_content": message or subject,
			"from_user": frappe.session.user,
		},
		users,
	)


def project_progress(doc) -> list[dict]:
	names = [d.project for d in doc.get("decisions") or [] if d.project]
	if not names:
		return []
	return frappe.get_all(
		"Project",
		filters={"name": ("in", names)},
		fields=["name", "project_name", "percent_complete", "status"],
	)
