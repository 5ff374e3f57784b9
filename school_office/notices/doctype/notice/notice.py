# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""A notice (信息发布): drafted by office staff, reviewed by the office head, Major ones signed off by a
school leader (the Workflow "Notice Review"), then published on the channels it chose."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cstr, get_datetime, now_datetime, strip_html

from school_office.core import notices as rules
from school_office.utils.actions import doc_action, system_save

PUBLISHER_ROLES = ("Office Staff", "Office Manager", "School Leader")
PENDING = ("Pending Review", "Pending Sign-off")
ACK_SYSTEM_FIELDS = ("acknowledged_by", "acknowledged_on", "reminded_on", "escalated_on")


class Notice(Document):
	def before_validate(self):
		if self.flags.in_insert:
			# system fields, after Frappe's reset of permlevel fields on insert
			self.status = "Draft"
			self.set_deadline()
		elif self.notice_type == "Emergency" and not self.publish_deadline:
			self.set_deadline()
		if not self.flags.ignore_permissions:
			self.keep_stored_acknowledgements()

	def keep_stored_acknowledgements(self):
		"""Who acknowledged and when is set only by the acknowledge action: Frappe resets permlevel fields of
		child rows neither on insert nor on rows added later, so they are put back (or cleared) here."""
		stored = {}
		if not self.is_new() and not self.flags.in_insert:
			stored = {
				r.name: r
				for r in frappe.get_all(
					"Notice Acknowledgement",
					filters={"parent": self.name, "parenttype": "Notice"},
					fields=["name", *ACK_SYSTEM_FIELDS],
				)
			}
		for row in self.acknowledgements:
			before = stored.get(row.name)
			for field in ACK_SYSTEM_FIELDS:
				row.set(field, before.get(field) if before else None)

	def set_deadline(self):
		if self.notice_type != "Emergency":
			self.publish_deadline = None
			return
		minutes = frappe.db.get_single_value("Notice Settings", "emergency_publish_minutes") or 60
		self.publish_deadline = rules.publish_deadline(get_datetime(self.creation or now_datetime()), minutes)

	def validate(self):
		self.validate_audience()
		self.validate_channels()
		self.validate_window()
		if self.requires_acknowledgement and not self.acknowledgements:
			frappe.throw(_("List the departments that must acknowledge this notice."))
		seen = set()
		for row in self.acknowledgements:
			if row.department in seen:
				frappe.throw(
					_("Department {0} is listed twice for acknowledgement.").format(_(row.department))
				)
			seen.add(row.department)
		self.record_transition()

	def validate_audience(self):
		for row in self.audience:
			field = {"Department": "department", "Role": "role", "User": "user"}.get(row.audience_type)
			if not field or not row.get(field):
				frappe.throw(
					_("Audience row {0}: choose the {1}.").format(
						row.idx, _(row.audience_type or "Department")
					)
				)
			for other in ("department", "role", "user"):
				if other != field:
					row.set(other, None)

	def validate_channels(self):
		seen, rows = set(), []
		for row in self.channels:
			if row.channel in seen:
				continue
			seen.add(row.channel)
			rows.append(row)
		self.set("channels", rows)
		if not self.channels:
			self.append("channels", {"channel": "Notice Board"})

	def validate_window(self):
		if (
			self.publish_from
			and self.publish_until
			and get_datetime(self.publish_until) <= get_datetime(self.publish_from)
		):
			frappe.throw(_("Publish Until must be after Publish From."))

	def channel_names(self) -> set[str]:
		return {row.channel for row in self.channels}

	def record_transition(self):
		before = self.get_doc_before_save()
		old = before.status if before else None
		if not before or old == self.status:
			return
		reason = cstr(self.rejection_reason).strip()
		action = {
			("Draft", "Pending Review"): "Submit for Review",
			("Draft", "Published"): "Publish",
			("Pending Review", "Published"): "Approve",
			("Pending Review", "Pending Sign-off"): "Approve",
			("Pending Sign-off", "Published"): "Sign Off",
			("Published", "Withdrawn"): "Withdraw",
			("Published", "Expired"): "Expire",
		}.get((old, self.status))
		if old in PENDING and self.status == "Draft":
			action = "Reject"
			if not reason:
				frappe.throw(
					_("Give the reason for the rejection (Reason for Rejection) before rejecting."),
					title=_("Reason Required"),
				)
		self.append(
			"review_log",
			{
				"action": action or self.status,
				"from_state": old,
				"to_state": self.status,
				"reviewed_by": frappe.session.user,
				"reviewed_on": now_datetime(),
				"reason": reason if action == "Reject" else None,
			},
		)
		self.rejection_reason = None
		if self.status == "Published":
			self.published_on = now_datetime()
			self.published_by = frappe.session.user
			if not self.publish_from:
				self.publish_from = self.published_on
		elif self.status == "Withdrawn":
			self.withdrawn_on = now_datetime()
		self.flags.notice_transition = (old, self.status, action, reason)

	def on_update(self):
		from school_office.notices.files import privatise_attachments

		privatise_attachments(self)
		transition = self.flags.pop("notice_transition", None)
		if not transition:
			return
		from school_office.notices import publishing

		_old, new, action, reason = transition
		if new == "Published":
			publishing.enqueue_publication(self.name)
		elif new == "Pending Review":
			publishing.notify_role("Office Manager", self, _("Notice to review: {0}").format(self.title))
		elif new == "Pending Sign-off":
			publishing.notify_role("School Leader", self, _("Notice to sign off: {0}").format(self.title))
		elif action == "Reject":
			publishing.notify_users(
				[self.owner],
				self,
				_("Notice rejected: {0}").format(self.title),
				_("Reason: {0}").format(reason),
			)

	# ------------------------------------------------------------------ actions
	@doc_action(ptype="read")
	def acknowledge(self):
		"""The caller confirms receipt for their department(s) listed on the notice (AN-3)."""
		return acknowledge_notice(self)

	@doc_action(
		roles=PUBLISHER_ROLES, ptype="read", message=_("Only the office may post updates to a notice.")
	)
	def post_update(self, text: str):
		"""Add an update to a published notice and push it on every channel of the notice (AN-4)."""
		return post_notice_update(self, text)


def acknowledge_notice(doc):
	from school_office.notices.permissions import user_departments

	if doc.status != "Published":
		frappe.throw(_("Only a published notice can be acknowledged."))
	if not doc.requires_acknowledgement:
		frappe.throw(_("This notice does not ask for acknowledgement."))
	user = frappe.session.user
	mine = set(user_departments(user))
	rows = [r for r in doc.acknowledgements if r.department in mine]
	if not rows:
		frappe.throw(
			_("None of your departments is asked to acknowledge this notice."), frappe.PermissionError
		)
	pending = [r for r in rows if not r.acknowledged_by]
	if not pending:
		frappe.throw(_("Your department has already acknowledged this notice."))
	now = now_datetime()
	for row in pending:
		row.acknowledged_by = user
		row.acknowledged_on = now
	system_save(doc)
	return {"acknowledged": [r.department for r in pending], "acknowledged_on": str(now)}


def post_notice_update(doc, text: str):
	text = strip_html(cstr(text)).strip()
	if not text:
		frappe.throw(_("Write the update first."))
	if doc.status != "Published":
		frappe.throw(_("Updates are posted to published notices only."))
	doc.append("updates", {"posted_on": now_datetime(), "text": text, "posted_by": frappe.session.user})
	system_save(doc)
	from school_office.notices import publishing

	publishing.enqueue_publication(doc.name, update_idx=doc.updates[-1].idx)
	return {"updates": len(doc.updates)}
