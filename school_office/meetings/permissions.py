"""Who sees and changes a meeting (issue #12, item 9) and its materials under 密级 (MT-4).

- Read: the Meeting Team, System Managers and School Leaders see every meeting; everybody else the
  meetings they organise, chair, approved, take the minutes of, attend or attend as a delegate
  (``has_permission`` for forms, REST, print and files; ``permission_query_conditions`` for lists,
  reports, counts and link search).
- Write: the organiser (until the meeting is held) and the Meeting Team; every step (approve, notice,
  sign-in, minutes) is an action in meeting.py that checks its own role.
- Minutes before publication live in a separate doctype, Meeting Minutes, readable only by the chair,
  the minute-taker and the approver (and System Managers); the Meeting's own ``minutes`` and
  ``decisions`` are filled when the minutes are published.
- Materials: a row (title and file) is shown to a user only when their Document Clearance
  (office_documents) reaches its secret level — in the form, REST, print, child-table lists and the
  file itself (``file_has_permission``, chained after official documents' in hooks.py). Files attached
  to a meeting are always private (public files are served without a check).
"""

from __future__ import annotations

import frappe

from school_office.core.meetings import LEADER_APPROVED_TYPES
from school_office.core.numbering import has_clearance, levels_up_to
from school_office.office_documents.permissions import get_clearance

DOCTYPE = "Meeting"
ALL_READ_ROLES = {"System Manager", "Meeting Team", "School Leader"}
EDIT_ROLES = {"System Manager", "Meeting Team"}
FINAL = ("Minutes Published", "Cancelled")
PEOPLE_FIELDS = ("owner", "organiser", "chair", "approver", "minute_taker")


def roles_of(user: str) -> set[str]:
	return set(frappe.get_roles(user))


def sees_all(user: str) -> bool:
	return user == "Administrator" or bool(ALL_READ_ROLES & roles_of(user))


def is_editor(user: str) -> bool:
	return user == "Administrator" or bool(EDIT_ROLES & roles_of(user))


def is_participant(doc, user: str) -> bool:
	if any(doc.get(f) == user for f in PEOPLE_FIELDS):
		return True
	return any(user in (a.user, a.delegate) for a in doc.get("attendees") or [])


def reviews(doc, user: str) -> bool:
	"""A Department Head reads the department and coordination meetings pending approval (their queue)."""
	return (
		doc.get("status") == "Pending Approval"
		and doc.get("meeting_type") not in LEADER_APPROVED_TYPES
		and "Department Head" in roles_of(user)
	)


def can_read(doc, user: str | None = None) -> bool:
	user = user or frappe.session.user
	return sees_all(user) or is_participant(doc, user) or reviews(doc, user)


def has_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if user == "Administrator":
		return None
	if ptype == "create" or doc.is_new():
		return None
	if ptype in ("read", "print", "email", "report", "export", None):
		return None if can_read(doc, user) else False
	if ptype in ("write", "submit", "cancel", "amend"):
		if is_editor(user):
			return None
		stored = frappe.db.get_value(DOCTYPE, doc.name, ["status", "organiser", "owner"], as_dict=True)
		if not stored:
			return False
		own = user in (stored.organiser, stored.owner)
		return (
			None if own and stored.status in ("Draft", "Pending Approval", "Approved", "Notified") else False
		)
	if ptype == "delete":
		if is_editor(user):
			return None
		stored = frappe.db.get_value(DOCTYPE, doc.name, ["status", "organiser", "owner"], as_dict=True)
		return (
			None
			if stored and user in (stored.organiser, stored.owner) and stored.status == "Draft"
			else False
		)
	if ptype == "share":
		return None if is_editor(user) else False
	return None if can_read(doc, user) else False


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if sees_all(user):
		return ""
	u = frappe.db.escape(user)
	people = " or ".join(f"`tabMeeting`.`{f}` = {u}" for f in PEOPLE_FIELDS)
	review = ""
	if "Department Head" in roles_of(user):
		types = ", ".join(frappe.db.escape(t) for t in LEADER_APPROVED_TYPES)
		review = (
			f" or (`tabMeeting`.status = 'Pending Approval' and `tabMeeting`.meeting_type not in ({types}))"
		)
	return (
		f"({people}{review} or exists (select 1 from `tabMeeting Attendee` a where a.parent = `tabMeeting`.name"
		f" and a.parenttype = 'Meeting' and (a.user = {u} or a.delegate = {u})))"
	)


# ------------------------------------------------------------------ materials (MT-4)
def cleared_for(level: str | None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if user == "Administrator":
		return True
	return has_clearance(get_clearance(user), level or "Public")


def visible_materials(rows, user: str | None = None) -> list:
	return [r for r in rows or [] if cleared_for(r.get("secret_level"), user)]


def material_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Meeting Material rows listed directly (child-table lists): only levels the user is cleared for,
	of meetings the user reads."""
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	levels = ", ".join(frappe.db.escape(level) for level in levels_up_to(get_clearance(user)))
	cond = f"ifnull(`tabMeeting Material`.secret_level, 'Public') in ({levels})"
	if not sees_all(user):
		cond += (
			" and `tabMeeting Material`.parent in (select `tabMeeting`.name from `tabMeeting` where "
			+ query_conditions(user)
			+ ")"
		)
	return f"({cond})"


def _material_levels(file_url: str) -> list[tuple[str, str]]:
	return frappe.db.sql(
		"""select parent, ifnull(secret_level, 'Public') from `tabMeeting Material`
		where parenttype = 'Meeting' and attachment = %s""",
		file_url,
	)


def file_has_permission(doc, ptype=None, user=None, debug=False):
	"""A file that is a meeting's material needs clearance for the material's level and read permission
	on the meeting, even for its uploader; a file attached to a meeting follows the meeting; a file of
	draft minutes follows the Meeting Minutes."""
	user = user or frappe.session.user
	if user == "Administrator":
		return None
	ref_dt, ref_name = doc.get("attached_to_doctype"), doc.get("attached_to_name")
	if ref_dt == "Meeting Minutes" and ref_name:
		from school_office.meetings.minutes import can_read_draft

		return None if can_read_draft(ref_name, user) else False
	rows = _material_levels(doc.get("file_url")) if doc.get("file_url") else []
	for parent, level in rows:
		if not cleared_for(level, user):
			return False
		if ref_dt == DOCTYPE and ref_name == parent and not _reads_meeting(parent, user):
			return False
	if ref_dt == DOCTYPE and ref_name and not _reads_meeting(ref_name, user):
		return False
	if ref_dt == "Meeting Material Access" and ref_name:
		row = frappe.db.get_value(
			"Meeting Material Access", ref_name, ["meeting", "secret_level"], as_dict=True
		)
		if not row or not cleared_for(row.secret_level, user) or not _reads_meeting(row.meeting, user):
			return False
	return None


def _reads_meeting(name: str, user: str) -> bool:
	if not frappe.db.exists(DOCTYPE, name):
		return False
	return can_read(frappe.get_doc(DOCTYPE, name), user)


def access_has_permission(doc, ptype=None, user=None, debug=False):
	"""Meeting Material Access: read by those who read the meeting and are cleared for the level; written
	by nobody (the system keeps it)."""
	user = user or frappe.session.user
	if user == "Administrator":
		return None
	if ptype not in ("read", "select", "print", None):
		return False
	if not cleared_for(doc.get("secret_level"), user):
		return False
	return None if doc.get("meeting") and _reads_meeting(doc.meeting, user) else False


def access_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Nobody lists them (they are reached only through their files)."""
	user = user or frappe.session.user
	return "" if user == "Administrator" else "1=0"


def attach_material_files(doc):
	"""Meeting.on_update: a material's file is attached to the meeting when Public, else to the meeting's
	Meeting Material Access record of its level."""
	from school_office.meetings.doctype.meeting_material_access.meeting_material_access import ensure

	for m in doc.materials or []:
		if not m.attachment:
			continue
		level = m.secret_level or "Public"
		target = (
			("Meeting", doc.name)
			if level == "Public"
			else ("Meeting Material Access", ensure(doc.name, level))
		)
		for name, dt, dn in frappe.db.sql(
			"""select name, attached_to_doctype, attached_to_name from `tabFile`
			where file_url = %(url)s and (
				(attached_to_doctype = 'Meeting' and attached_to_name = %(m)s)
				or (attached_to_doctype = 'Meeting Material Access' and attached_to_name like %(prefix)s))""",
			{"url": m.attachment, "m": doc.name, "prefix": f"{doc.name}-%"},
		):
			if (dt, dn) != target:
				frappe.db.set_value(
					"File",
					name,
					{"attached_to_doctype": target[0], "attached_to_name": target[1]},
					update_modified=False,
				)


def force_private(doc, method=None):
	"""File.before_validate: attachments of meetings and their minutes are private, whoever uploads them
	(the same rewrite as official documents': a public upload is written again as a private file)."""
	import os

	from frappe.utils import cint

	if (
		doc.attached_to_doctype not in (DOCTYPE, "Meeting Minutes", "Meeting Material Access")
		or doc.is_folder
		or cint(doc.is_private)
	):
		return
	old_url = doc.file_url or ""
	doc.is_private = 1
	if not old_url.startswith("/files/"):
		return
	content = doc.get_content()
	doc.file_url = None
	doc.save_file(content=content)
	if not frappe.db.exists("File", {"file_url": old_url, "name": ("!=", doc.name or "")}):
		try:
			os.remove(frappe.get_site_path("public", "files", *old_url.split("/files/", 1)[1].split("/")))
		except OSError:
			pass
