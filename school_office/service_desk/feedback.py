"""Completion (SD-7, CF-3): the requester is told and rates the service 1-5 from any phone."""

import frappe
from frappe import _
from frappe.utils import get_url


def rating_url(doc) -> str:
	return get_url(f"/service-feedback?request={doc.name}&key={doc.rating_key}")


def send_rating_request(doc):
	"""System notification to the requester with the rating link (the e-mail is the standard
	Notification "Service Request Resolved", which carries the same link)."""
	if not doc.requester or doc.requester in ("Administrator", "Guest"):
		return
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": doc.requester,
			"type": "Alert",
			"document_type": doc.doctype,
			"document_name": doc.name,
			"subject": _("Your request {0} has been resolved. Please rate the service: {1}").format(
				doc.name, rating_url(doc)
			),
			"email_content": _("Rate the service from 1 to 5 here: {0}").format(rating_url(doc)),
		}
	).insert(ignore_permissions=True)
