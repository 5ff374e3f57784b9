"""E-mail without an outgoing account: skipped quietly instead of a red error on every staff action.

Frappe's Notification throws "Please setup default outgoing Email Account" inside the action that fired
it: the message reaches the staff member as an error although the status did change, and the system
notification that the Notification also sends is lost with it. School Office's Notification class skips
the e-mail when no outgoing account exists (logged once a day, not on every action) and still creates the
system notification; the app's own mails ask `outgoing_mail_ready` first.
"""

import frappe
from frappe.email.doctype.notification.notification import Notification, get_reference_doctype

SKIP_LOG_TITLE = "E-mail not sent: no outgoing Email Account"
SKIP_LOG_SECONDS = 24 * 3600


def outgoing_mail_ready(doctype: str | None = None) -> bool:
	"""True when Frappe would find an outgoing Email Account for mail about `doctype` (an account with
	Append To = doctype, the default outgoing one, or one from the site config; muted e-mails count as
	ready, as Frappe then queues without sending)."""
	from frappe.email.doctype.email_account.email_account import EmailAccount

	if doctype:
		return bool(EmailAccount.find_outgoing(match_by_doctype=doctype))
	return bool(EmailAccount.find_outgoing())


def note_mail_skipped(what: str):
	"""Log once a day that mail is being skipped (an Error Log the administrator can act on). The day's
	log is looked up in the Error Log itself: a cache key would be lost whenever the cache is cleared."""
	from frappe.utils import add_to_date, now_datetime

	frappe.logger("school_office").info(f"e-mail skipped, no outgoing Email Account: {what}")
	since = add_to_date(now_datetime(), seconds=-SKIP_LOG_SECONDS)
	if frappe.db.exists("Error Log", {"method": SKIP_LOG_TITLE, "creation": (">", since)}):
		return
	frappe.log_error(
		title=SKIP_LOG_TITLE,
		message=(
			"School Office skipped e-mail because no outgoing Email Account is set up "
			f"(first skipped: {what}). Set up one in Email Account (Default Outgoing) to send e-mail; "
			"system notifications are still created. This is logged once a day."
		),
	)


class SchoolOfficeNotification(Notification):
	def send_an_email(self, doc, context):
		if not outgoing_mail_ready(get_reference_doctype(doc)):
			note_mail_skipped(f"Notification {self.name} for {doc.doctype} {doc.name}")
			return
		return super().send_an_email(doc, context)
