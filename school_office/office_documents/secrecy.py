"""密级 is absolute: Frappe's side doors closed for official documents (DOC-6).

:mod:`school_office.office_documents.permissions` decides who may open a document. Frappe has
paths around a ``has_permission`` hook, and each is closed here:

- **Share** — ``frappe.permissions.has_permission`` grants read to a user the document is shared
  with even when the controller hook said no, and list queries OR the shared names past
  ``permission_query_conditions``. A DocShare of a document to a user below its level (or to
  everyone, for anything above Public) is refused, and shares and assignments that fall below a
  level (the level raised, a clearance lowered or removed) are withdrawn.
- **Assignment** — ``assign_to.add`` writes a ToDo (whose description carries the title) and
  shares the document: refused for a user below the level.
- **E-mail** — a Communication about a document above Public goes only to users cleared for it.
- **Notification Log** — never created for a user below the level.
- **Link titles** — ``frappe.desk.search.get_link_title`` reads the title without a permission
  check: replaced by :func:`get_link_title`.
- **Group-by counts** — ``frappe.desk.listview.get_group_by_count`` counts "Assigned To" with no
  permission check at all: replaced by :func:`get_group_by_count`.
- **Attachments** — files attached to an official document are always private (public files are
  served without any check).

Lists, reports, counts, export, print, search and forms go through ``permission_query_conditions``
and ``has_permission`` (permissions.py); destroyed content is removed by
``retention_review.destroy_document``.
"""

import os

import frappe
from frappe import _
from frappe.utils import cint

from school_office.core.numbering import has_clearance, levels_up_to
from school_office.office_documents.permissions import DOCTYPE, can_see, get_clearance


def _level(name: str) -> str:
	return frappe.db.get_value(DOCTYPE, name, "secret_level") or "Public"


def cleared(user: str, level: str) -> bool:
	if user == "Administrator":
		return True
	return has_clearance(get_clearance(user), level or "Public")


def _refuse(user: str, name: str):
	frappe.throw(
		_(
			"{0} has no clearance for the secret level of {1}: it cannot be shared with or sent to them."
		).format(frappe.bold(user), name),
		frappe.PermissionError,
		title=_("Not Cleared"),
	)


# ------------------------------------------------------------------ doc events
def validate_share(doc, method=None):
	"""DocShare.validate: no share of a document to someone below its level."""
	if doc.share_doctype != DOCTYPE or not doc.share_name:
		return
	level = _level(doc.share_name)
	if doc.everyone and level != "Public":
		frappe.throw(
			_("A document above Public cannot be shared with everyone."),
			frappe.PermissionError,
			title=_("Not Cleared"),
		)
	if doc.user and not cleared(doc.user, level):
		_refuse(doc.user, doc.share_name)


def validate_todo(doc, method=None):
	"""ToDo.validate: no assignment of a document to someone below its level."""
	if doc.reference_type != DOCTYPE or not doc.reference_name or doc.status == "Cancelled":
		return
	if doc.allocated_to and not cleared(doc.allocated_to, _level(doc.reference_name)):
		_refuse(doc.allocated_to, doc.reference_name)


def _addresses(value) -> list[str]:
	from frappe.utils import parse_addr, split_emails

	return [(parse_addr(e)[1] or e).strip().lower() for e in split_emails(value or "") if e.strip()]


def validate_communication(doc, method=None):
	"""Communication.validate: mail about a document above Public goes only to cleared users."""
	if doc.reference_doctype != DOCTYPE or not doc.reference_name or doc.sent_or_received != "Sent":
		return
	level = _level(doc.reference_name)
	if level == "Public":
		return
	for address in _addresses(doc.recipients) + _addresses(doc.cc) + _addresses(doc.bcc):
		user = frappe.db.get_value("User", {"email": address, "enabled": 1}, "name")
		if not user or not cleared(user, level):
			_refuse(user or address, doc.reference_name)


def validate_notification_log(doc, method=None):
	"""Notification Log.validate: nobody is notified of a document above their level."""
	if doc.document_type != DOCTYPE or not doc.document_name or not doc.for_user:
		return
	if not cleared(doc.for_user, _level(doc.document_name)):
		_refuse(doc.for_user, doc.document_name)


def force_private(doc, method=None):
	"""File.before_validate: attachments of official documents are private, whoever uploads them.

	Frappe has written a new file's content by now (File.before_insert), so a public upload is
	written again as a private file and the public copy removed unless another File uses it."""
	if doc.attached_to_doctype != DOCTYPE or doc.is_folder or cint(doc.is_private):
		return
	old_url = doc.file_url or ""
	doc.is_private = 1
	if not old_url.startswith("/files/"):
		return
	content = doc.get_content()
	# no URL: save_file then writes (or reuses) a private copy instead of keeping the public one
	doc.file_url = None
	doc.save_file(content=content)
	if not frappe.db.exists("File", {"file_url": old_url, "name": ("!=", doc.name or "")}):
		try:
			os.remove(frappe.get_site_path("public", "files", *old_url.split("/files/", 1)[1].split("/")))
		except OSError:
			pass


def on_document_update(doc, method=None):
	"""Official Document.on_update: a raised level withdraws shares and assignments below it."""
	before = doc.get_doc_before_save()
	if before and (before.secret_level or "Public") == (doc.secret_level or "Public"):
		return
	withdraw(doc.name, doc.secret_level or "Public")


def on_clearance_change(doc, method=None):
	"""Document Clearance on_update / on_trash: a lowered clearance loses what it no longer reaches."""
	user = doc.user if doc.get("user") else doc.name
	level = None if method == "on_trash" else doc.clearance_level
	allowed = set(levels_up_to(level))
	names = frappe.get_all(
		"DocShare", filters={"share_doctype": DOCTYPE, "user": user}, pluck="share_name"
	) + frappe.get_all(
		"ToDo",
		filters={"reference_type": DOCTYPE, "allocated_to": user, "status": ("!=", "Cancelled")},
		pluck="reference_name",
	)
	for name in set(names):
		if _level(name) not in allowed:
			_withdraw_for(name, user)


def withdraw(name: str, level: str):
	users = set(
		frappe.get_all("DocShare", filters={"share_doctype": DOCTYPE, "share_name": name}, pluck="user")
	) | set(
		frappe.get_all(
			"ToDo",
			filters={"reference_type": DOCTYPE, "reference_name": name, "status": ("!=", "Cancelled")},
			pluck="allocated_to",
		)
	)
	if level != "Public":
		frappe.db.delete("DocShare", {"share_doctype": DOCTYPE, "share_name": name, "everyone": 1})
	for user in users:
		if user and not cleared(user, level):
			_withdraw_for(name, user)


def _withdraw_for(name: str, user: str):
	frappe.db.delete("DocShare", {"share_doctype": DOCTYPE, "share_name": name, "user": user})
	for todo in frappe.get_all(
		"ToDo",
		filters={
			"reference_type": DOCTYPE,
			"reference_name": name,
			"allocated_to": user,
			"status": ("!=", "Cancelled"),
		},
		pluck="name",
	):
		frappe.db.set_value("ToDo", todo, "status", "Cancelled", update_modified=False)
	frappe.db.delete("Notification Log", {"document_type": DOCTYPE, "document_name": name, "for_user": user})
	assigned = frappe.get_all(
		"ToDo",
		filters={
			"reference_type": DOCTYPE,
			"reference_name": name,
			"status": ("not in", ["Cancelled", "Closed"]),
		},
		pluck="allocated_to",
	)
	frappe.db.set_value(
		DOCTYPE, name, "_assign", frappe.as_json(sorted(set(assigned))), update_modified=False
	)
	frappe.cache.delete_value("has_shared_docs")


# ------------------------------------------------------------------ whitelisted replacements
@frappe.whitelist()
def get_link_title(doctype, docname):
	"""frappe.desk.search.get_link_title with a permission check: a title is read only by someone
	who may open the record (Frappe's reads any title of any doctype)."""
	from frappe.desk.search import get_link_title as frappe_get_link_title

	if not docname or not frappe.db.exists(doctype, docname):
		return docname
	if doctype == DOCTYPE:
		if not can_see(frappe.get_doc(DOCTYPE, docname)):
			return docname
	elif not (frappe.has_permission(doctype, "read", docname) or frappe.has_permission(doctype, "select")):
		return docname
	return frappe_get_link_title(doctype, docname)


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	"""frappe.desk.listview.get_group_by_count, with "Assigned To" counted over the records the user
	may read (Frappe's counts every record of the doctype, with no permission check)."""
	from frappe.desk.listview import get_group_by_count as frappe_group_by_count

	frappe.has_permission(doctype, "read", throw=True)
	if field != "assigned_to":
		return frappe_group_by_count(doctype, current_filters, field)
	names = frappe.get_list(
		doctype, filters=frappe.parse_json(current_filters), pluck="name", limit_page_length=0
	)
	if not names:
		return []
	ToDo = frappe.qb.DocType("ToDo")
	User = frappe.qb.DocType("User")
	from pypika import Order

	from frappe.query_builder.functions import Count

	count = Count("*").as_("count")
	return (
		frappe.qb.from_(ToDo)
		.from_(User)
		.select(ToDo.allocated_to.as_("name"), count)
		.where(
			(ToDo.status != "Cancelled")
			& (ToDo.allocated_to == User.name)
			& (User.user_type == "System User")
			& (ToDo.reference_type == doctype)
			& (ToDo.reference_name.isin(names))
		)
		.groupby(ToDo.allocated_to)
		.orderby(count, order=Order.desc)
		.limit(50)
		.run(as_dict=True)
	)


def _document_links(doctype: str) -> list:
	"""(fieldname, Link target or Dynamic Link type field) of a doctype's links that can hold an
	official document, cached per request."""
	cache = getattr(frappe.local, "so_document_links", None)
	if cache is None:
		cache = frappe.local.so_document_links = {}
	if doctype not in cache:
		meta = frappe.get_meta(doctype)
		cache[doctype] = [
			(df.fieldname, df.options if df.fieldtype == "Link" else None, df.options)
			for df in meta.get_link_fields() + meta.get_dynamic_link_fields()
			if df.fieldtype == "Dynamic Link" or df.options == DOCTYPE
		]
	return cache[doctype]


def validate_links_to_documents(doc, method=None):
	"""Every doctype's validate: a record may link to an official document only if its author may
	open that document — Frappe shows a linked record's title on the form without asking
	(``frappe.desk.form.load.set_link_titles``), so a link would otherwise read a secret title."""
	user = frappe.session.user
	if (
		user == "Administrator"
		or doc.doctype == DOCTYPE
		or frappe.flags.in_install
		or frappe.flags.in_migrate
	):
		return
	before = doc.get_doc_before_save()
	for d in [doc, *doc.get_all_children()]:
		for fieldname, link_target, type_field in _document_links(d.doctype):
			value = d.get(fieldname)
			target = link_target or d.get(type_field)
			if not value or target != DOCTYPE:
				continue
			if d is doc and before is not None and before.get(fieldname) == value:
				continue
			if not frappe.db.exists(DOCTYPE, value) or not can_see(frappe.get_doc(DOCTYPE, value), user):
				frappe.throw(
					_("You cannot link to {0}: you may not open it.").format(value),
					frappe.PermissionError,
					title=_("Not Cleared"),
				)
