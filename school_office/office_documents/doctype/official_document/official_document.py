# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

"""An official document (公文), incoming (收文) or outgoing (发文).

The steps are a Frappe Workflow ("Official Document Flow", on ``status``); this controller does
what each step means when the status changes: checks on receipt, numbers on registration
(counters of :mod:`school_office.office_documents.counters`, formats of
:mod:`school_office.core.numbering`), due times of routing rows on the school's working calendar,
who signed and sealed, the archive code on archiving. Countersigning by every listed department
is not a Workflow step (a Workflow cannot require all of N approvers): departments sign their
routing rows through :func:`school_office.office_documents.api.act`, the controller keeps
``countersign_complete`` and the Workflow transition "Send for Sign-off" requires it.
"""

from datetime import datetime

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, getdate, now_datetime, strip_html

from school_office.core import numbering
from school_office.office_documents import counters


def doc_now() -> datetime:
	"""Now, or the moment a test pins in frappe.flags.office_documents_now."""
	return (
		get_datetime(frappe.flags.office_documents_now)
		if frappe.flags.office_documents_now
		else now_datetime()
	)


# set only by the steps of the flow, never by a client
PROTECTED = (
	"registration_number",
	"document_number",
	"number_year",
	"number_seq",
	"signer",
	"signed_on",
	"sealed_by",
	"sealed_on",
	"archive_code",
	"item_number",
	"archive_box",
	"archived_on",
	"retention_expires_on",
	"destroyed_on",
	"destroyed_by",
	"retention_review",
)
ROW_PROTECTED = ("status", "acted_on", "acted_by", "reminded_on")


def settings():
	return frappe.get_cached_doc("Office Document Settings")


class OfficialDocument(Document):
	def validate(self):
		self.secret_level = self.secret_level or "Public"
		if (self.pages is not None and self.pages < 0) or (self.copies or 0) < 0:
			frappe.throw(_("Pages and copies cannot be negative"))
		if self.direction == "Outgoing" and not self.number_code:
			self.number_code = settings().default_document_code
		before = self.get_doc_before_save()
		self.keep_protected(before)
		self.validate_routing()
		self.update_routing_flags()
		old_status = before.status if before else None
		if old_status and before.direction != self.direction:
			frappe.throw(_("The direction of a document cannot be changed"))
		if self.status != old_status and not self.is_new():
			self.on_status_change(old_status)
		self.full_text = self.build_full_text()

	def on_trash(self):
		if self.registration_number or self.document_number or self.archive_code:
			frappe.throw(
				_("A registered document cannot be deleted: its number would leave a gap in the register")
			)

	def keep_protected(self, before):
		"""Numbers, signatures and row outcomes come from the flow; values sent by a client are ignored."""
		for field in PROTECTED:
			self.set(field, before.get(field) if before else None)
		if before and before.status == "Destroyed":
			frappe.throw(_("A destroyed document is kept as a register entry and cannot be changed"))
		old_rows = {r.name: r for r in (before.routing if before else [])}
		for row in self.routing:
			old = old_rows.get(row.name)
			if self.flags.routing_action and old:
				continue
			for field in ROW_PROTECTED:
				row.set(field, old.get(field) if old else None)
			if not old:
				row.status = "Pending"
			elif old.status != "Pending" and (old.user, old.department, old.action) != (
				row.user,
				row.department,
				row.action,
			):
				frappe.throw(_("Routing row {0} is done and cannot be changed").format(row.idx))
		if before:
			kept = {r.name for r in self.routing}
			for name, old in old_rows.items():
				if name not in kept and old.status != "Pending":
					frappe.throw(_("Routing row {0} is done and cannot be removed").format(old.idx))

	# ------------------------------------------------------------------ routing
	def validate_routing(self):
		for row in self.routing:
			if not row.department and not row.user:
				frappe.throw(_("Routing row {0}: give a department or a user").format(row.idx))
			if row.action == "Countersign" and self.direction != "Outgoing":
				frappe.throw(_("Routing row {0}: only outgoing documents are countersigned").format(row.idx))

	def update_routing_flags(self):
		sign_rows = [r for r in self.routing if r.action == "Countersign"]
		handle_rows = [r for r in self.routing if r.action == "Handle"]
		if self.direction == "Outgoing":
			self.countersign_required = 1 if sign_rows else 0
		else:
			self.countersign_required = (
				1 if len({r.department for r in handle_rows if r.department}) >= 2 else 0
			)
		self.countersign_complete = 1 if sign_rows and all(r.status == "Done" for r in sign_rows) else 0
		self.handling_complete = 1 if all(r.status == "Done" for r in handle_rows) else 0
		now = doc_now()
		self.has_overdue = (
			1
			if any(r.status == "Pending" and r.due_by and get_datetime(r.due_by) < now for r in self.routing)
			and self.status in ("In Process", "Countersigning", "Distributed")
			else 0
		)

	def set_due_times(self, actions):
		from school_office.utils.calendar import get_work_calendar

		cal = get_work_calendar()
		due = cal.add_working_hours(doc_now(), numbering.due_hours(self.urgency))
		for row in self.routing:
			if row.action in actions and row.status == "Pending" and not row.due_by:
				row.due_by = due

	# ------------------------------------------------------------------ steps
	def on_status_change(self, old_status):
		step = {
			"Received": self.on_receive,
			"Returned": self.on_return,
			"Registered": self.on_register,
			"Reviewed": self.on_review,
			"In Process": self.on_distribute_incoming,
			"Completed": self.on_complete,
			"Countersigning": self.on_countersigning,
			"Pending Sign-off": self.on_pending_signoff,
			"Signed": self.on_sign,
			"Sealed": self.on_seal,
			"Distributed": self.on_distribute_outgoing,
			"Archived": self.on_archive,
		}.get(self.status)
		if step:
			step()

	def on_receive(self):
		missing = [
			label
			for field, label in (
				("sender_checked", _("Sender Checked")),
				("pages_checked", _("Pages Counted")),
				("secret_level_checked", _("Secret Level Checked")),
				("is_complete", _("Complete and Undamaged")),
			)
			if not self.get(field)
		]
		if missing:
			frappe.throw(_("Receipt checks not done: {0}").format(", ".join(missing)))
		if not self.source_organization or not self.pages:
			frappe.throw(_("Record the source organization and the number of pages on receipt"))
		self.received_on = self.received_on or doc_now()

	def on_return(self):
		if self.is_complete:
			frappe.throw(_("Only a damaged or incomplete document is returned to its sender"))
		if not self.damage_photo or not (self.return_reason or "").strip():
			frappe.throw(_("Attach a photo of the damage and give the reason before returning the document"))

	def on_register(self):
		# lock the document's own row: a second registration of the same document waits and then sees the number
		frappe.db.get_value(self.doctype, self.name, "name", for_update=True)
		now = doc_now()
		if self.direction == "Incoming":
			if frappe.db.get_value(self.doctype, self.name, "registration_number"):
				frappe.throw(_("This document is already registered"))
			code = settings().office_code
			period = numbering.registration_period(now)
			seq = counters.next_number("Registration", code, period)
			self.registration_number = numbering.registration_number(code, now, seq)
		else:
			if not self.signer:
				frappe.throw(_("An outgoing document gets its number only after sign-off"))
			if frappe.db.get_value(self.doctype, self.name, "document_number"):
				frappe.throw(_("This document already has a document number"))
			code = (self.number_code or settings().default_document_code).strip()
			seq = counters.next_number("Document Number", code, str(now.year))
			self.document_number = numbering.document_number(code, now.year, seq)
			self.number_year, self.number_seq = now.year, seq

	def on_review(self):
		if not (self.review_opinion or "").strip():
			frappe.throw(_("Write the review opinion before finishing the first review"))

	def on_distribute_incoming(self):
		if not any(r.action in ("Handle", "Read") for r in self.routing):
			frappe.throw(
				_("Add the departments or people who handle or read the document before distributing it")
			)
		self.set_due_times(("Handle", "Read"))

	def on_complete(self):
		if not self.handling_complete:
			frappe.throw(_("Every department handling the document must give feedback first"))

	def on_countersigning(self):
		if not self.countersign_required:
			frappe.throw(_("No department is listed to countersign"))
		self.set_due_times(("Countersign",))

	def on_pending_signoff(self):
		if self.countersign_required and not self.countersign_complete:
			frappe.throw(_("Every listed department must countersign first"))

	def on_sign(self):
		roles = set(frappe.get_roles())
		if self.is_policy and "School Leader" not in roles and frappe.session.user != "Administrator":
			frappe.throw(_("A policy document is signed off by a School Leader"))
		self.signer = frappe.session.user
		self.signed_on = doc_now()

	def on_seal(self):
		if not self.document_number:
			frappe.throw(_("Register the document number before sealing"))
		self.seal_name = self.seal_name or settings().printing_office
		self.sealed_by = frappe.session.user
		self.sealed_on = doc_now()

	def on_distribute_outgoing(self):
		if not any(r.action in ("Handle", "Read") for r in self.routing):
			frappe.throw(_("Add the recipients of the distribution before distributing the document"))
		self.printed_on = self.printed_on or getdate(doc_now())
		self.set_due_times(("Handle", "Read"))

	def on_archive(self):
		if self.archive_code:
			return
		s = settings()
		now = doc_now()
		year = self.number_year or getdate(self.received_on or self.creation or now).year
		category = (
			frappe.db.get_value("Document Category", self.category, "archive_category_code")
			if self.category
			else None
		) or "WS"
		dept = self.archive_department_code(s)
		prefix = numbering.archive_prefix(s.fonds_code, category, year, self.retention, dept)
		seq = counters.next_number("Archive Item", prefix, str(year))
		self.item_number = numbering.item_number(seq)
		self.archive_code = f"{prefix}-{self.item_number}"
		self.archive_box = f"{year}-{numbering.RETENTION_CODE[self.retention]}"
		self.archived_on = getdate(now)
		expiry = numbering.retention_expiry(datetime(year, 1, 1), self.retention)
		self.retention_expires_on = expiry

	def archive_department_code(self, s):
		"""The department code of the archive: the first handling/drafting department with a code, else the default."""
		codes = {r.department: r.code for r in s.department_codes}
		for r in self.routing:
			if r.action == "Handle" and r.department in codes:
				return codes[r.department]
		return s.default_department_code

	# ------------------------------------------------------------------ search
	def build_full_text(self):
		parts = [
			self.title,
			self.registration_number,
			self.document_number,
			self.source_document_number,
			self.archive_code,
			self.source_organization,
			self.main_recipients,
			strip_html(self.body or ""),
		]
		if not self.is_new():
			from school_office.office_documents.search import attachment_text

			parts.append(attachment_text(self.doctype, self.name))
		return "\n".join(p for p in parts if p)[:500000]
