"""Digests (AN-5): the day's notices (web and e-mail, daily) and the departments' news of the week and month.

The web digest (/notice-digest?period=daily|weekly|monthly&date=YYYY-MM-DD) reads through
``frappe.get_list``, so a reader sees only the notices of their audience. The e-mail digests are built per
recipient from each notice's audience (the same rule), so nobody receives a notice that is not theirs.
"""

from __future__ import annotations

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import cint, get_datetime, getdate, now_datetime

from school_office.core import notices as rules

DOCTYPE = "Notice"
PERIODS = ("daily", "weekly", "monthly")
FIELDS = ["name", "title", "notice_type", "department", "published_on", "publish_from"]


def window(period: str, day=None):
	day = get_datetime(day) if day else now_datetime()
	return rules.digest_window(period, day)


def notices_for_user(period: str, day=None) -> list[dict]:
	"""The notices published in the window that the session user may read (department news only for the
	weekly and monthly digests)."""
	start, end = window(period, day)
	filters = {"published_on": ("between", (start, end)), "status": "Published"}
	if period != "daily":
		filters["department"] = ("is", "set")
	return frappe.get_list(DOCTYPE, filters=filters, fields=FIELDS, order_by="published_on desc", limit=500)


def group_by_department(rows) -> list[tuple[str, list]]:
	groups = defaultdict(list)
	for r in rows:
		groups[r.get("department") or ""].append(r)
	return sorted(groups.items(), key=lambda kv: kv[0])


def _published_between(start, end, department_news: bool):
	filters = {"published_on": ("between", (start, end)), "status": "Published"}
	if department_news:
		filters["department"] = ("is", "set")
	return frappe.get_all(DOCTYPE, filters=filters, pluck="name", order_by="published_on asc")


def build_mailing(start, end, department_news: bool) -> dict[str, list]:
	"""user -> the notices of the window in their audience."""
	from school_office.notices.publishing import audience_users

	per_user = defaultdict(list)
	for name in _published_between(start, end, department_news):
		doc = frappe.get_doc(DOCTYPE, name)
		for user in audience_users(doc):
			per_user[user].append(doc)
	return per_user


def send_digest(period: str, start, end, department_news: bool) -> int:
	from school_office.utils.mail import note_mail_skipped, outgoing_mail_ready

	per_user = build_mailing(start, end, department_news)
	if not per_user:
		return 0
	if not outgoing_mail_ready(DOCTYPE) and not frappe.flags.in_test:
		note_mail_skipped(f"{period} notice digest")
		return 0
	titles = {
		"daily": _("Today's notices ({0})"),
		"weekly": _("Department news of the week ({0})"),
		"monthly": _("Department news of the month ({0})"),
	}
	sent = 0
	emails = dict(
		frappe.get_all("User", filters={"name": ("in", list(per_user))}, fields=["name", "email"], as_list=1)
	)
	url = frappe.utils.get_url(f"/notice-digest?period={period}&date={getdate(start)}")
	for user, docs in sorted(per_user.items()):
		email = emails.get(user)
		if not email:
			continue
		groups = defaultdict(list)
		for d in docs:
			groups[d.department or ""].append(d)
		message = frappe.render_template(
			"school_office/notices/templates/digest_email.html",
			{"groups": sorted(groups.items()), "url": url, "department_news": department_news},
		)
		frappe.sendmail(
			recipients=[email], subject=titles[period].format(getdate(start)), message=message, now=False
		)
		sent += 1
	return sent


def _enabled(field: str) -> bool:
	return bool(cint(frappe.db.get_single_value("Notice Settings", field)))


def send_daily_digest(day=None):
	"""Daily at 18:00: each user's notices of the day."""
	if not _enabled("send_daily_digest"):
		return 0
	start, end = window("daily", day)
	return send_digest("daily", start, end, department_news=False)


def send_weekly_digest(day=None):
	"""Mondays: last week's department news."""
	if not _enabled("send_department_digests"):
		return 0
	start, end = rules.previous_window("weekly", get_datetime(day) if day else now_datetime())
	return send_digest("weekly", start, end, department_news=True)


def send_monthly_digest(day=None):
	"""The 1st of the month: last month's department news."""
	if not _enabled("send_department_digests"):
		return 0
	start, end = rules.previous_window("monthly", get_datetime(day) if day else now_datetime())
	return send_digest("monthly", start, end, department_news=True)
