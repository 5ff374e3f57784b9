"""Completion (SD-7, CF-3): the requester is told and rates the service 1-5 from any phone.
Publication (CF-4): adopted suggestions, as the Office Manager wrote them for the portal."""

import frappe
from frappe import _
from frappe.utils import format_datetime, get_url


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


def published_suggestions(limit: int = 100) -> list[dict]:
	rows = frappe.get_all(
		"Service Request",
		filters={"feedback_nature": "Suggestion", "adopted": 1, "publish_adoption": 1},
		fields=[
			"name",
			"public_summary",
			"adoption_result",
			"responsible_department",
			"lead_department",
			"problem_type",
			"adoption_published_on",
		],
		order_by="adoption_published_on desc",
		limit=limit,
		ignore_permissions=True,  # published on purpose; only the fields written for publication are read
	)
	return [
		{
			"summary": r.public_summary,
			"result": r.adoption_result,
			"department": _(r.responsible_department or r.lead_department or ""),
			"problem_type": _(r.problem_type) if r.problem_type else "",
			"published_on": format_datetime(r.adoption_published_on, "yyyy-MM-dd")
			if r.adoption_published_on
			else "",
		}
		for r in rows
	]
