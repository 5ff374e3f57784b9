"""Whitelisted functions of the notices: the board, acknowledgements, updates, signage screens.

Each acts on the stored record after the caller's permission (school_office.utils.actions); guest
functions (the signage feed) say why they are public and are rate limited.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import cint, get_datetime, now_datetime, sanitize_html

from school_office.core import notices as rules
from school_office.utils.actions import keys_match, load_for_action, require_roles

DOCTYPE = "Notice"
SCREEN = "Signage Screen"
BOARD_FIELDS = [
	"name",
	"title",
	"notice_type",
	"department",
	"published_on",
	"publish_from",
	"publish_until",
	"requires_acknowledgement",
]


# ----------------------------------------------------------------------------- board
def public_notices(limit: int = 50) -> list[dict]:
	"""Notices for everyone (no audience) published on the Website channel: what a guest sees."""
	now = now_datetime()
	names = frappe.get_all(
		"Notice Channel",
		filters={"parenttype": DOCTYPE, "channel": "Website"},
		pluck="parent",
	)
	restricted = set(frappe.get_all("Notice Audience", filters={"parenttype": DOCTYPE}, pluck="parent"))
	names = [n for n in set(names) if n not in restricted]
	if not names:
		return []
	rows = frappe.get_all(
		DOCTYPE,
		filters={"name": ("in", names), "status": "Published"},
		fields=BOARD_FIELDS,
		order_by="published_on desc",
		limit=limit,
	)
	return [r for r in rows if rules.is_current("Published", _dt(r.publish_from), _dt(r.publish_until), now)]


def _dt(value):
	return get_datetime(value) if value else None


def board_notices(user: str | None = None, limit: int = 50) -> list[dict]:
	"""The board of the session user: the published, current notices of their audience (permission query),
	on the Notice Board or Website channel."""
	user = user or frappe.session.user
	if user == "Guest":
		return public_notices(limit)
	now = now_datetime()
	rows = frappe.get_list(
		DOCTYPE,
		filters={"status": "Published"},
		fields=BOARD_FIELDS,
		order_by="published_on desc",
		limit_page_length=limit * 2,
	)
	names = [r.name for r in rows]
	on_board = set(
		frappe.get_all(
			"Notice Channel",
			filters={
				"parenttype": DOCTYPE,
				"parent": ("in", names or [""]),
				"channel": ("in", ("Notice Board", "Website")),
			},
			pluck="parent",
		)
	)
	out = []
	for r in rows:
		if r.name in on_board and rules.is_current(
			"Published", _dt(r.publish_from), _dt(r.publish_until), now
		):
			out.append(r)
	return out[:limit]


def readable_notice(name: str):
	"""The notice if the session user may read it (guests: public website notices), else None."""
	if not name or not frappe.db.exists(DOCTYPE, name):
		return None
	if frappe.session.user == "Guest":
		if name not in {r.name for r in public_notices(500)}:
			return None
		return frappe.get_doc(DOCTYPE, name)
	doc = frappe.get_doc(DOCTYPE, name)
	return doc if doc.has_permission("read") else None


def my_pending_acknowledgements(doc, user: str | None = None) -> list[str]:
	from school_office.notices.permissions import user_departments

	user = user or frappe.session.user
	if doc.status != "Published" or not doc.requires_acknowledgement or user == "Guest":
		return []
	mine = set(user_departments(user))
	return [r.department for r in doc.acknowledgements if r.department in mine and not r.acknowledged_by]


@frappe.whitelist()
def get_board(limit: int = 50):
	"""The caller's notice board (read through the permission query)."""
	frappe.has_permission(DOCTYPE, "read", throw=True)
	return board_notices(limit=min(cint(limit) or 50, 200))


@frappe.whitelist(methods=["POST"])
def acknowledge(notice: str):
	"""Confirm receipt of a notice for the caller's department(s) listed on it (desk, phone, e-mail link)."""
	from school_office.notices.doctype.notice.notice import acknowledge_notice

	doc = load_for_action(DOCTYPE, notice, ptype="read")
	return acknowledge_notice(doc)


@frappe.whitelist(methods=["POST"])
def post_update(notice: str, text: str):
	"""Post an update to a published notice; it is pushed on every channel of the notice."""
	from school_office.notices.doctype.notice.notice import PUBLISHER_ROLES, post_notice_update

	doc = load_for_action(
		DOCTYPE,
		notice,
		ptype="read",
		roles=PUBLISHER_ROLES,
		message=_("Only the office may post updates to a notice."),
	)
	return post_notice_update(doc, text)


@frappe.whitelist(methods=["POST"])
def reject(notice: str, reason: str):
	"""Reject a notice waiting for review or sign-off, with the reason (kept in its review log)."""
	from frappe.model.workflow import apply_workflow

	reason = (reason or "").strip()
	if not reason:
		frappe.throw(_("Give the reason for the rejection (Reason for Rejection) before rejecting."))
	doc = load_for_action(DOCTYPE, notice, ptype="write")
	if doc.status not in ("Pending Review", "Pending Sign-off"):
		frappe.throw(_("Only a notice waiting for review or sign-off can be rejected."))
	frappe.db.set_value(DOCTYPE, doc.name, "rejection_reason", reason[:2000], update_modified=False)
	return apply_workflow(frappe.get_doc(DOCTYPE, doc.name).as_dict(), "Reject").status


# ----------------------------------------------------------------------------- signage screens
def screen_for_key(screen: str, key: str):
	"""The enabled screen whose key matches (constant time), else None."""
	if not screen or not key:
		return None
	row = frappe.db.get_value(SCREEN, screen, ["name", "enabled", "access_key"], as_dict=True)
	if not row or not row.enabled or not keys_match(key, row.access_key):
		return None
	return frappe.get_doc(SCREEN, row.name)


def screen_notices(screen_doc, now=None) -> list[dict]:
	"""The current notices for everyone (no audience) on the Screens channel, of the screen's types."""
	now = now or now_datetime()
	types = [r.notice_type for r in screen_doc.notice_types] or list(rules.NOTICE_TYPES)
	on_screens = set(
		frappe.get_all(
			"Notice Channel", filters={"parenttype": DOCTYPE, "channel": "Screens"}, pluck="parent"
		)
	)
	restricted = set(frappe.get_all("Notice Audience", filters={"parenttype": DOCTYPE}, pluck="parent"))
	names = [n for n in on_screens if n not in restricted]
	if not names:
		return []
	rows = frappe.get_all(
		DOCTYPE,
		filters={"name": ("in", names), "status": "Published", "notice_type": ("in", types)},
		fields=["name", "title", "notice_type", "body", "published_on", "publish_from", "publish_until"],
		order_by="published_on desc",
		limit=50,
	)
	order = {t: i for i, t in enumerate(("Emergency", "Major", "Important", "General"))}
	out = []
	for r in rows:
		if not rules.is_current("Published", _dt(r.publish_from), _dt(r.publish_until), now):
			continue
		updates = frappe.get_all(
			"Notice Update",
			filters={"parenttype": DOCTYPE, "parent": r.name},
			fields=["posted_on", "text"],
			order_by="idx desc",
			limit=3,
		)
		out.append(
			{
				"name": r.name,
				"title": r.title,
				"notice_type": r.notice_type,
				"type_label": _(r.notice_type),
				"body_html": sanitize_html(r.body or ""),
				"published_on": frappe.utils.format_datetime(r.published_on, "yyyy-MM-dd HH:mm"),
				"updates": [
					{
						"posted_on": frappe.utils.format_datetime(u.posted_on, "yyyy-MM-dd HH:mm"),
						"text": u.text,
					}
					for u in updates
				],
			}
		)
	out.sort(key=lambda n: order.get(n["notice_type"], 9))
	return out


def screen_payload(screen_doc) -> dict:
	s = frappe.get_cached_doc("Notice Settings")
	return {
		"screen": screen_doc.screen_name,
		"location": screen_doc.location or "",
		"seconds_per_item": rules.seconds_per_item(
			screen_doc.seconds_per_item, s.min_seconds_per_item or 300
		),
		"refresh_seconds": max(cint(s.screen_refresh_seconds) or 60, 10),
		"notices": screen_notices(screen_doc),
	}


@frappe.whitelist(allow_guest=True, methods=["GET"])
@rate_limit(limit=120, seconds=60)
def screen_feed(screen: str, key: str):
	"""Public: a signage screen (a TV with no login) reads its notices with its key; only notices for
	everyone on the Screens channel, compared in constant time, rate limited. Changes nothing but the
	screen's last-seen time."""
	doc = screen_for_key(screen, key)
	if not doc:
		frappe.throw(_("Unknown screen or wrong key."), frappe.PermissionError)
	frappe.db.set_value(SCREEN, doc.name, "last_seen_on", now_datetime(), update_modified=False)
	return screen_payload(doc)


@frappe.whitelist(methods=["POST"])
def screen_url(screen: str):
	"""The signage URL (with its key) of a screen, for the office head to open on the TV."""
	doc = load_for_action(
		SCREEN,
		screen,
		ptype="write",
		roles=("System Manager", "Office Manager"),
		message=_("Only the office head sets up signage screens."),
	)
	key = frappe.db.get_value(SCREEN, doc.name, "access_key")
	if not key:
		key = new_screen_key(doc.name)
	from urllib.parse import urlencode

	return frappe.utils.get_url("/notice-screen?" + urlencode({"screen": doc.name, "key": key}))


def new_screen_key(name: str) -> str:
	key = frappe.generate_hash(length=32)
	frappe.db.set_value(SCREEN, name, "access_key", key, update_modified=False)
	return key


@frappe.whitelist(methods=["POST"])
def regenerate_screen_key(screen: str):
	"""A new key for a screen (the old URL stops working)."""
	doc = load_for_action(
		SCREEN,
		screen,
		ptype="write",
		roles=("System Manager", "Office Manager"),
		message=_("Only the office head sets up signage screens."),
	)
	new_screen_key(doc.name)
	return screen_url(doc.name)


@frappe.whitelist(methods=["POST"])
def test_channel(channel: str):
	"""Send a test message on a collaboration channel (System Manager), logged like any other."""
	from school_office.notices import delivery

	require_roles(("System Manager",), _("Only a System Manager tests collaboration channels."))
	doc = load_for_action(delivery.CHANNEL, channel, ptype="write")
	ids = []
	if doc.channel_type in rules.APP_TYPES:
		ids = list(delivery.user_ids([frappe.session.user], doc.channel_type).values())
		if not ids:
			frappe.throw(_("Set your own DingTalk / WeCom user id on your User first."))
	name = delivery.queue(
		doc, _("Test message from School Office"), _("This channel works."), recipient_ids=ids
	)
	return name


def pending_acknowledgement_count(user: str) -> int:
	"""Portal home badge: published notices the user's departments have not confirmed yet."""
	from school_office.notices.permissions import user_departments

	depts = user_departments(user)
	if not depts:
		return 0
	rows = frappe.get_all(
		"Notice Acknowledgement",
		filters={"parenttype": DOCTYPE, "department": ("in", depts), "acknowledged_by": ("is", "not set")},
		pluck="parent",
	)
	if not rows:
		return 0
	return len(
		frappe.get_all(
			DOCTYPE,
			filters={"name": ("in", list(set(rows))), "status": "Published", "requires_acknowledgement": 1},
			pluck="name",
		)
	)
