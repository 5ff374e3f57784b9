# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

"""A request to the one-window service desk (SD-1..SD-7, CF-1..CF-3).

Built here because Frappe/ERPNext have no doctype for a school's one-window request: Issue is
customer-support shaped (customer, contract, project). Service Request reuses ERPNext's Service
Level Agreement (response/resolution clocks, on the school calendar), Frappe's Assignment Rule
(routing inside a team), Notification (messages), Email Account "append to" (e-mail intake).
Statuses move through the actions in school_office/service_desk/api.py; the rules of the flow
live in school_office/core/service_desk.py.
"""

import secrets

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, get_datetime, now_datetime, strip_html

from school_office.core import service_desk as rules

STAFF_ROLES = {"Office Manager", "Office Staff", "System Manager"}


def is_staff(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or bool(STAFF_ROLES & set(frappe.get_roles(user)))


class ServiceRequest(Document):
	def before_validate(self):
		if self.flags.in_insert:
			self.set_insert_values()

	def set_insert_values(self):
		"""What the system sets on a new request. It runs after Frappe has reset the fields the caller
		may not write (permlevel 1 system fields, permlevel 3 staff fields) to their defaults, so a
		requester, status or key sent by a portal user never survives."""
		user = frappe.session.user
		staff = is_staff(user)
		if not staff and user not in ("Guest", "Administrator"):
			# a student or teacher files only in their own name
			self.requester = user
		if (
			not self.requester
			and self.raised_by
			and frappe.db.exists("User", {"name": self.raised_by, "enabled": 1})
		):
			self.requester = self.raised_by
		if (
			self.raised_by
			and user == "Administrator"
			and self.flags.ignore_mandatory
			and self.channel in (None, "", "Window")
		):
			# Email Account "append to" (InboundMail._create_reference_document) creates the request as
			# Administrator with only the sender and subject set and ignore_mandatory; frappe.new_doc
			# gives the Select its first option (Window), so "not self.channel" alone never sees it.
			self.channel = "Email"
		if not staff and user not in ("Guest", "Administrator"):
			self.channel = "Portal"
		elif not self.channel:
			self.channel = "Window"
		if self.channel == "Email":
			self.apply_email_subject()
		self.apply_service_type_defaults()
		self.queue_score = rules.queue_score(self.priority, now_datetime())
		self.rating_key = secrets.token_urlsafe(24)
		if self.channel in ("Window", "Phone", "Suggestion Box"):
			# staff recorded it: that is its registration
			self.registered_on = now_datetime()

	def validate(self):
		if not self.is_new() and not self.routed_on:
			# routed in the background after this object was loaded: keep it
			self.routed_on = frappe.db.get_value(self.doctype, self.name, "routed_on")
		if self.requester and not self.requester_name:
			self.requester_name = frappe.db.get_value("User", self.requester, "full_name")
		if not self.is_new() and self.has_value_changed("service_type"):
			self.apply_service_type_defaults()
		if (
			not self.is_new()
			and self.has_value_changed("priority")
			and self.status in ("Open", "Needs Info", "Accepted")
		):
			self.queue_score = rules.queue_score(self.priority, get_datetime(self.creation))
		self.validate_status_change()
		self.validate_reasons()
		self.validate_rating()
		self.validate_adoption()
		self.set_timestamps()
		self.update_complaint_milestones()

	def get_team_emails(self) -> str:
		if not self.service_team:
			return ""
		users = frappe.get_all(
			"Service Team Member",
			filters={"parent": self.service_team, "parenttype": "Service Team"},
			pluck="user",
		)
		emails = (
			frappe.get_all("User", filters={"name": ("in", users), "enabled": 1}, pluck="email")
			if users
			else []
		)
		return ", ".join(e for e in emails if e)

	# ------------------------------------------------------------------ intake
	def apply_email_subject(self):
		from school_office.service_desk.intake import parse_request_subject

		parsed = parse_request_subject(self.subject)
		if parsed.department and not self.department:
			self.department = parsed.department
		if parsed.service_type and not self.service_type:
			self.service_type = parsed.service_type

	def apply_service_type_defaults(self):
		if not self.service_type:
			return
		st = frappe.get_cached_doc("Service Type", self.service_type)
		self.service_category = st.service_category
		self.is_complaint = st.is_complaint
		self.feedback_nature = st.feedback_nature or ("Complaint" if st.is_complaint else None)
		self.form_template = st.form_template
		if st.service_team and not self.service_team:
			self.service_team = st.service_team
		if st.default_priority and not self.priority:
			self.priority = st.default_priority
		if not self.materials:
			# materials given in the form (materials.py) arrive with a filled-in request
			filled = bool(strip_html(self.description or "").strip() or self.form_template)
			for m in st.required_materials:
				self.append(
					"materials",
					{
						"material": m.material,
						"is_mandatory": m.is_mandatory,
						"received": 1 if m.given_in_form and filled else 0,
					},
				)
		if self.is_complaint and not self.registered_due:
			self.set_complaint_dues(get_datetime(self.creation) if self.creation else now_datetime())

	# ------------------------------------------------------------------ flow
	@property
	def previous_status(self):
		before = self.get_doc_before_save()
		return before.status if before else None

	def validate_status_change(self):
		old, new = self.previous_status, self.status
		if self.is_new():
			if new not in ("Open", "Accepted", "In Progress") and not frappe.flags.in_import:
				frappe.throw(_("A new request starts as Open."), title=_("Invalid Status"))
			return
		if old == new:
			return
		if not rules.can_move(old, new):
			frappe.throw(
				_("A request cannot move from {0} to {1}.").format(_(old), _(new)), title=_("Invalid Status")
			)
		if new == "Accepted" or (old in ("Open", "Needs Info") and new in ("In Progress", "Resolved")):
			self.check_mandatory_materials()
			self.check_application_form()
		if new in rules.HOLD_STATUSES and old not in rules.HOLD_STATUSES:
			self.status_before_hold = old
		if old == "Open" and new not in rules.HOLD_STATUSES and not self.first_responded_on:
			# ERPNext's SLA counts a first response only when leaving an "open" status for a hold or
			# fulfilled one; accepting the request is the desk's first response too.
			self.first_responded_on = now_datetime()
		if new == "Accepted" and self.is_complaint and not self.registered_on:
			self.registered_on = now_datetime()

	def check_mandatory_materials(self):
		missing = [m.material for m in self.materials if m.is_mandatory and not (m.received or m.attachment)]
		if missing:
			frappe.throw(
				_(
					"These mandatory materials have not been received: {0}. Ask the requester to supplement them (Needs Info)."
				).format(", ".join(_(m) for m in missing)),
				title=_("Materials Missing"),
			)

	def check_application_form(self):
		if self.form_template == "Leave Slip":
			if not (self.leave_start and self.leave_end and self.leave_reason):
				frappe.throw(
					_("The leave slip needs the period and the reason."), title=_("Application Form")
				)
			if get_datetime(self.leave_start) >= get_datetime(self.leave_end):
				frappe.throw(_("The leave must end after it starts."), title=_("Application Form"))
		elif self.form_template == "Venue Application":
			if not (self.event_name and self.event_start and self.event_end and cint(self.headcount) > 0):
				frappe.throw(
					_("The venue application needs the event, its time and the headcount."),
					title=_("Application Form"),
				)
			if get_datetime(self.event_start) >= get_datetime(self.event_end):
				frappe.throw(_("The event must end after it starts."), title=_("Application Form"))
			if not self.safety_commitment:
				frappe.throw(
					_("The safety commitment must be accepted and signed."), title=_("Application Form")
				)

	def validate_reasons(self):
		if self.status == "Rejected" and not (self.rejection_reason or "").strip():
			frappe.throw(_("Give the reason for rejecting the request."), title=_("Reason Required"))
		if self.status == "Referred" and not (self.referred_to and (self.referral_reason or "").strip()):
			frappe.throw(
				_("Give the department the request is referred to and the reason."),
				title=_("Reason Required"),
			)
		if (
			self.status in ("Resolved", "Closed")
			and self.outcome == "Cannot Be Solved"
			and not (self.unsolvable_reason or "").strip()
		):
			frappe.throw(_("Explain to the requester why it cannot be solved."), title=_("Reason Required"))
		if self.is_complaint and self.status == "Closed" and not self.outcome:
			frappe.throw(_("Record the outcome before closing a complaint."), title=_("Outcome Required"))

	def validate_adoption(self):
		"""CF-4: an adopted suggestion, its public summary and result; publishing needs all three. Who may
		set them is the permlevel (4: Office Manager); when it was published is the system's."""
		if (self.adopted or self.publish_adoption) and self.feedback_nature != "Suggestion":
			frappe.throw(_("Only suggestions can be adopted."), title=_("Not a Suggestion"))
		if self.publish_adoption:
			if not self.adopted:
				frappe.throw(_("Only an adopted suggestion can be published."), title=_("Not Adopted"))
			if not ((self.public_summary or "").strip() and (self.adoption_result or "").strip()):
				frappe.throw(
					_("Write the public summary and the result before publishing the suggestion."),
					title=_("Summary and Result Required"),
				)
			if not self.adoption_published_on:
				self.adoption_published_on = now_datetime()
		else:
			self.adoption_published_on = None

	def validate_rating(self):
		if cint(self.rating) == 0 and not self.rated_on:
			self.rating = 0
			return
		try:
			self.rating = rules.validate_rating(self.rating)
		except ValueError:
			frappe.throw(_("The rating must be a whole number from 1 to 5."), title=_("Invalid Rating"))

	def set_timestamps(self):
		old, new = self.previous_status, self.status
		if new == "Resolved" and old != "Resolved":
			self.resolved_on = now_datetime()
		if new == "Closed" and old != "Closed":
			self.closed_on = now_datetime()
			if not self.resolved_on:
				self.resolved_on = self.closed_on
		if new in ("In Progress",) and old in ("Resolved", "Closed"):
			self.resolved_on = self.closed_on = None

	# ------------------------------------------------------------------ complaints
	def set_complaint_dues(self, received):
		from school_office.utils.calendar import get_work_calendar

		ms = rules.complaint_milestones(received, get_work_calendar(), bool(self.is_complex))
		self.registered_due, self.assigned_due, self.plan_due = (
			ms.registered_due,
			ms.assigned_due,
			ms.plan_due,
		)

	def update_complaint_milestones(self):
		if not self.is_complaint:
			return
		if not self.is_new() and self.has_value_changed("is_complex"):
			self.set_complaint_dues(get_datetime(self.creation))
		if self.responsible_department and not self.assigned_on:
			self.assigned_on = now_datetime()
		if (self.preliminary_plan or "").strip() and not self.plan_on:
			self.plan_on = now_datetime()

	def milestone_states(self) -> dict:
		now = now_datetime()
		return {
			key: rules.milestone_state(
				get_datetime(self.get(f"{key}_due")) if self.get(f"{key}_due") else None,
				get_datetime(self.get(f"{key}_on")) if self.get(f"{key}_on") else None,
				now,
			)
			for key in ("registered", "assigned", "plan")
		}

	def onload(self):
		if self.is_complaint:
			self.set_onload("milestones", self.milestone_states())

	# ------------------------------------------------------------------ after save
	def after_insert(self):
		from school_office.service_desk.routing import enqueue_routing

		enqueue_routing(self)

	def on_routed(self):
		"""Runs when the request has been routed (school_office.service_desk.routing.route_request);
		the standard Notification "Service Request New" listens to this method."""

	def on_update(self):
		old, new = self.previous_status, self.status
		if old == new:
			return
		if new in rules.FULFILLED_STATUSES and old not in rules.FULFILLED_STATUSES:
			from frappe.desk.form.assign_to import close_all_assignments

			close_all_assignments(self.doctype, self.name, ignore_permissions=True)
		if new == "Needs Info":
			self.add_comment(
				"Info",
				_("Information requested from the requester: {0}").format(self.needs_info_message or ""),
			)
		if new in ("Resolved",):
			from school_office.service_desk.feedback import send_rating_request

			send_rating_request(self)

	def reopen_after_reply(self):
		"""The requester answered a Needs Info request: it goes back where it was."""
		if self.status != "Needs Info":
			return False
		self.status = (
			self.status_before_hold
			if self.status_before_hold in ("Open", "Accepted", "In Progress")
			else "Open"
		)
		self.flags.ignore_permissions = True
		self.save()
		return True
