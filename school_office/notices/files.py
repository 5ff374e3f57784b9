"""Files of a restricted notice are private (the "files" side door): a public file is served to anyone who has
its URL, so a file attached to a notice with an audience — an attachment or an image of its body — is written
again as a private file, which Frappe serves only to users who may read the notice. Public notices keep
public files (the website board and the signage screens show their images to guests)."""

import os

import frappe
from frappe.utils import cint

DOCTYPE = "Notice"


def is_restricted(name: str) -> bool:
	return bool(
		name
		and frappe.db.exists(
			"Notice Audience", {"parent": name, "parenttype": DOCTYPE, "parentfield": "audience"}
		)
	)


def _make_private(doc):
	old_url = doc.file_url or ""
	doc.is_private = 1
	if not old_url.startswith("/files/"):
		return
	content = doc.get_content()
	doc.file_url = None  # save_file writes (or reuses) a private copy
	doc.save_file(content=content)
	if not frappe.db.exists("File", {"file_url": old_url, "name": ("!=", doc.name or "")}):
		try:
			os.remove(frappe.get_site_path("public", "files", *old_url.split("/files/", 1)[1].split("/")))
		except OSError:
			pass


def force_private(doc, method=None):
	"""File.before_validate: a file attached to a restricted notice is private, whoever uploads it."""
	if doc.attached_to_doctype != DOCTYPE or doc.is_folder or cint(doc.is_private):
		return
	if is_restricted(doc.attached_to_name):
		_make_private(doc)


def privatise_attachments(notice):
	"""Notice.on_update: a notice that has (or now has) an audience gets its public files made private; the
	body's links to them follow."""
	if not notice.get("audience"):
		return
	body = notice.body or ""
	changed = False
	for name in frappe.get_all(
		"File",
		filters={
			"attached_to_doctype": DOCTYPE,
			"attached_to_name": notice.name,
			"is_private": 0,
			"is_folder": 0,
		},
		pluck="name",
	):
		f = frappe.get_doc("File", name)
		old_url = f.file_url
		# Frappe moves the file to the private folder and changes its URL (File.handle_is_private_changed)
		f.is_private = 1
		f.flags.ignore_permissions = True
		f.save()
		if old_url and old_url in body:
			body = body.replace(old_url, f.file_url)
			changed = True
	if changed:
		frappe.db.set_value(DOCTYPE, notice.name, "body", body, update_modified=False)
		notice.body = body
