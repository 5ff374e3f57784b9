"""Document events of other doctypes that concern Service Requests."""

import frappe
from frappe import _

DOCTYPE = "Service Request"


def on_communication(doc, method=None):
	"""A reply from the requester reopens a request waiting for information (SD-3)."""
	if (
		doc.reference_doctype != DOCTYPE
		or not doc.reference_name
		or doc.communication_type != "Communication"
	):
		return
	if doc.sent_or_received != "Received":
		return
	req = frappe.get_doc(DOCTYPE, doc.reference_name)
	if req.status == "Needs Info":
		req.reopen_after_reply()


def _content_size(doc) -> int | None:
	if doc.file_size:
		return doc.file_size
	content = doc.get("content")
	if isinstance(content, bytes):
		return len(content)
	if isinstance(content, str):
		return len(content.encode("utf-8")) if not doc.get("decode") else len(content) * 3 // 4
	return None


def validate_file(doc, method=None):
	"""Attachments of a Service Request follow School Office Settings (types and size).

	Runs before File's own validation (before_validate), so it also sees files over Frappe's size
	limit. Desk and portal uploads are refused with a clear message. A refused e-mail attachment
	does not stop the request: the refusal is recorded on the request, the sender is told which
	attachment was refused, and the file is not kept.
	"""
	if (
		not doc.is_new()
		or doc.attached_to_doctype not in (DOCTYPE, "Communication")
		or not doc.attached_to_name
	):
		return
	request, by_email = doc.attached_to_name, False
	if doc.attached_to_doctype == "Communication":
		ref = frappe.db.get_value(
			"Communication", doc.attached_to_name, ["reference_doctype", "reference_name"], as_dict=True
		)
		if not ref or ref.reference_doctype != DOCTYPE:
			return
		request, by_email = ref.reference_name, True
	from school_office.service_desk.intake import attachment_error, record_refused_attachment

	error = attachment_error(doc.file_name or doc.file_url or "", _content_size(doc))
	if not error:
		return
	if by_email:
		record_refused_attachment(request, error)
		# InboundMail.save_attachments_in_doc skips a file that raises MaxFileSizeReachedError and
		# goes on with the message, which is what an e-mailed request needs.
		from frappe.core.doctype.file.exceptions import MaxFileSizeReachedError

		raise MaxFileSizeReachedError(error)
	frappe.throw(error, title=_("Attachment Not Accepted"))
