"""Intake helpers shared by the desk, the portal and e-mail (SD-1, SD-2)."""

import frappe
from frappe import _

from school_office.core import service_desk as rules
from school_office.core.attachments import check_attachment, parse_allowed_types


def _translations_to(names: list[str], lang: str = "zh") -> dict[str, str]:
	from frappe.translate import get_all_translations

	table = get_all_translations(lang) or {}
	return {table[n]: n for n in names if table.get(n)}


def parse_request_subject(subject: str) -> rules.ParsedSubject:
	"""'[Department]-[Type]-[YYYYMMDD]' with department and type names in English or Chinese."""
	departments = {}
	for d in frappe.get_all("Department", fields=["name", "department_name"]):
		departments[d.name] = d.name
		departments[d.department_name] = d.name
	departments.update(
		{k: departments[v] for k, v in _translations_to(list(departments)).items() if v in departments}
	)
	types = {}
	for t in frappe.get_all("Service Type", fields=["name", "service_type_name"]):
		types[t.name] = t.name
		types[t.service_type_name] = t.name
	types.update({k: types[v] for k, v in _translations_to(list(types)).items() if v in types})
	return rules.parse_subject(subject, departments, types)


def attachment_policy() -> tuple[tuple[str, ...], float]:
	s = frappe.get_cached_doc("School Office Settings")
	return parse_allowed_types(s.allowed_attachment_types), float(s.max_attachment_size_mb or 5)


def attachment_error(filename: str, size: int | None) -> str | None:
	"""A translated message when the file may not be attached, else None."""
	allowed, max_mb = attachment_policy()
	problem = check_attachment(filename, size or 0 if size is not None else None, allowed, max_mb)
	if not problem:
		return None
	code, info = problem
	if code == "type":
		return _("{0}: files of type {1} are not accepted. Allowed types: {2}.").format(
			info["filename"], info["extension"], info["allowed"]
		)
	if code == "size":
		return _("{0} is {1} MB; the limit is {2} MB.").format(
			info["filename"], info["size_mb"], info["max_mb"]
		)
	return _("{0} is empty.").format(info["filename"])


def content_error(filename: str, content: bytes | None) -> str | None:
	"""A translated message when the file's content cannot be accepted, else None: a PDF that does not
	parse (Frappe's own check of PDFs raises pypdf's raw English error, e.g. "startxref not found",
	as an HTTP 500) or that carries JavaScript."""
	if not content or not (filename or "").lower().endswith(".pdf"):
		return None
	from frappe.utils.pdf import pdf_contains_js

	try:
		unsafe = pdf_contains_js(content)
	except Exception:
		return _(
			"{0} is not a readable PDF file. Please save or scan it again and attach the new file."
		).format(filename)
	if unsafe:
		return _("{0} cannot be accepted: the PDF contains scripts.").format(filename)
	return None


def record_refused_attachment(request: str, error: str):
	"""Log a refused e-mail attachment on the request and tell the sender (nothing is silently dropped)."""
	doc = frappe.get_doc("Service Request", request)
	doc.add_comment("Info", _("Attachment refused: {0}").format(error))
	recipient = doc.raised_by or doc.requester
	if not recipient:
		return
	from school_office.utils.mail import note_mail_skipped, outgoing_mail_ready

	if not outgoing_mail_ready(doc.doctype):
		# asked first: Frappe's error would also reach the message log of whoever triggered this
		note_mail_skipped(f"attachment refusal for {doc.name}")
		doc.add_comment(
			"Info", _("The sender could not be told by e-mail: no outgoing e-mail account is set up.")
		)
		return
	try:
		frappe.sendmail(
			recipients=[recipient],
			subject=_("Your request {0}: an attachment was not accepted").format(doc.name),
			message=_(
				"We received your request {0}, but could not accept an attachment: {1} Please send it again as an allowed file type within the size limit."
			).format(doc.name, error),
			reference_doctype=doc.doctype,
			reference_name=doc.name,
			now=False,
		)
	except frappe.OutgoingEmailError:
		# no outgoing account: the refusal stays on the request for the staff to pass on; raising here
		# would lose the whole e-mailed request
		frappe.log_error(title=_("Attachment refusal not sent"), message=frappe.get_traceback())
		doc.add_comment(
			"Info", _("The sender could not be told by e-mail: no outgoing e-mail account is set up.")
		)
