"""DingTalk and WeCom delivery (PF-1): group robots and per-user work notifications, in the background.

Every system notification — a Notification Log, whoever made it (a Notification of any module, an
assignment, a mention, Frappe itself) — of a user whose DingTalk or WeCom user id is set on the User is
also sent to the enabled work-notice channels (``on_notification_log``, a doc event next to the 密级
check), and notifications about a team's service requests are posted to the team's group robot. Each
message is a Collaboration Delivery Log row (Queued → Sent, or Retrying → Failed with the reason),
delivered by a background job after the commit; a failed attempt is retried by the scheduler
(``retry_due``) with a growing pause, up to the attempts of the Notice Settings. Nothing here raises into
the save that caused it.

The vendors' base URLs are Notice Settings (System Manager only), so a test points them at a local server.
"""

from __future__ import annotations

import time
from urllib.parse import quote

import frappe
from frappe.utils import add_to_date, cint, get_url, now_datetime, strip_html

from school_office.core import notices as rules

LOG = "Collaboration Delivery Log"
CHANNEL = "Collaboration Channel"
USER_ID_FIELD = {"DingTalk Work Notice": "dingtalk_user_id", "WeCom App Message": "wecom_user_id"}
TIMEOUT = 10


def settings():
	s = frappe.get_cached_doc("Notice Settings")
	return frappe._dict(
		dingtalk_robot_url=(s.dingtalk_robot_url or "https://oapi.dingtalk.com/robot/send").rstrip("/"),
		dingtalk_api_url=(s.dingtalk_api_url or "https://oapi.dingtalk.com").rstrip("/"),
		wecom_api_url=(s.wecom_api_url or "https://qyapi.weixin.qq.com").rstrip("/"),
		max_attempts=cint(s.max_delivery_attempts) or 3,
		retry_minutes=cint(s.retry_after_minutes) if s.retry_after_minutes is not None else 5,
	)


def enabled_channels(**filters) -> list:
	if not frappe.db.table_exists(CHANNEL):
		return []
	return frappe.get_all(CHANNEL, filters={"enabled": 1, **filters}, fields=["*"])


def user_ids(users, channel_type: str) -> dict[str, str]:
	"""user -> their id in the tool (only mapped, enabled users)."""
	field = USER_ID_FIELD[channel_type]
	if not users or not frappe.get_meta("User").has_field(field):
		return {}
	rows = frappe.get_all("User", filters={"name": ("in", list(users)), "enabled": 1}, fields=["name", field])
	return {r.name: r.get(field).strip() for r in rows if (r.get(field) or "").strip()}


# ----------------------------------------------------------------------------- queueing
def queue(
	channel,
	subject: str,
	text: str,
	url: str | None = None,
	recipient_user: str | None = None,
	recipient_ids: list[str] | None = None,
	reference_doctype: str | None = None,
	reference_name: str | None = None,
	notification_log: str | None = None,
):
	"""Record one message for a channel and deliver it in the background after the commit."""
	log = frappe.get_doc(
		{
			"doctype": LOG,
			"channel": channel.name,
			"channel_type": channel.channel_type,
			"status": "Queued",
			"attempts": 0,
			"recipient_user": recipient_user,
			"recipient_ids": "\n".join(recipient_ids or []),
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
			"notification_log": notification_log,
			"subject": rules.clip(subject or "", 300),
			"message": rules.markdown_text(subject or "", text or "", url),
		}
	)
	log.flags.ignore_permissions = True
	log.insert()
	frappe.enqueue(
		"school_office.notices.delivery.deliver",
		queue="short",
		log_name=log.name,
		enqueue_after_commit=True,
		now=bool(frappe.flags.in_test),
	)
	return log.name


def on_notification_log(doc, method=None):
	"""Notification Log after_insert: the notification also goes to the user's DingTalk / WeCom (and a team's
	group robot). Never fails the save that made the notification."""
	try:
		queue_for_notification(doc)
	except Exception:
		frappe.log_error(title="School Office: DingTalk/WeCom delivery not queued")


def notification_text(doc) -> tuple[str, str, str | None]:
	subject = strip_html(doc.subject or "").strip() or (doc.document_type or "")
	body = strip_html(doc.email_content or "").strip()
	url = None
	if doc.document_type and doc.document_name:
		url = get_url(f"/app/{frappe.scrub(doc.document_type).replace('_', '-')}/{doc.document_name}")
	return subject, body, url


def queue_for_notification(doc):
	if not doc.for_user or doc.for_user in ("Guest",):
		return
	subject, body, url = notification_text(doc)
	for channel in enabled_channels(deliver_notifications=1):
		if channel.channel_type not in rules.APP_TYPES:
			continue
		ids = user_ids([doc.for_user], channel.channel_type)
		if not ids:
			continue
		queue(
			channel,
			subject,
			body,
			url,
			recipient_user=doc.for_user,
			recipient_ids=list(ids.values()),
			reference_doctype=doc.document_type,
			reference_name=doc.document_name,
			notification_log=doc.name,
		)
	queue_for_team(doc, subject, body, url)


def queue_for_team(doc, subject, body, url):
	"""A notification about a service request goes once to its team's group robot (not once per member)."""
	if doc.document_type != "Service Request" or not doc.document_name:
		return
	team = frappe.db.get_value("Service Request", doc.document_name, "service_team")
	if not team:
		return
	for channel in enabled_channels(service_team=team):
		if channel.channel_type not in rules.ROBOT_TYPES:
			continue
		recent = frappe.db.exists(
			LOG,
			{
				"channel": channel.name,
				"reference_doctype": doc.document_type,
				"reference_name": doc.document_name,
				"subject": rules.clip(subject, 300),
				"creation": (">", add_to_date(now_datetime(), minutes=-10)),
			},
		)
		if recent:
			continue
		queue(
			channel,
			subject,
			body,
			url,
			reference_doctype=doc.document_type,
			reference_name=doc.document_name,
			notification_log=doc.name,
		)


# ----------------------------------------------------------------------------- sending
class DeliveryError(Exception):
	pass


def _post(url: str, payload: dict, params: dict | None = None) -> dict:
	import requests

	try:
		r = requests.post(url, params=params, json=payload, timeout=TIMEOUT)
	except requests.RequestException as e:
		raise DeliveryError(f"{type(e).__name__}: {e}") from e
	return _answer(r)


def _get(url: str, params: dict) -> dict:
	import requests

	try:
		r = requests.get(url, params=params, timeout=TIMEOUT)
	except requests.RequestException as e:
		raise DeliveryError(f"{type(e).__name__}: {e}") from e
	return _answer(r)


def _answer(r) -> dict:
	if r.status_code >= 400:
		raise DeliveryError(f"HTTP {r.status_code}: {r.text[:200]}")
	try:
		return r.json()
	except ValueError as e:
		raise DeliveryError(f"not JSON: {r.text[:200]}") from e


def _token_cache_key(channel) -> str:
	return f"school_office:collaboration_token:{channel.name}"


def access_token(channel, refresh: bool = False) -> str:
	"""The app's access token, cached until shortly before it expires (gettoken is rate limited)."""
	key = _token_cache_key(channel)
	if not refresh:
		cached = frappe.cache.get_value(key, expires=True)
		if cached:
			return cached
	s = settings()
	secret = channel.get_password("app_secret", raise_exception=False) or ""
	if channel.channel_type == "DingTalk Work Notice":
		answer = _get(f"{s.dingtalk_api_url}/gettoken", {"appkey": channel.client_id, "appsecret": secret})
	else:
		answer = _get(
			f"{s.wecom_api_url}/cgi-bin/gettoken", {"corpid": channel.corp_id, "corpsecret": secret}
		)
	error = rules.answer_error(answer)
	if error or not answer.get("access_token"):
		raise DeliveryError(f"gettoken: {error or 'no access_token'}")
	expires = max(cint(answer.get("expires_in") or 7200) - 300, 60)
	frappe.cache.set_value(key, answer["access_token"], expires_in_sec=expires)
	return answer["access_token"]


def send(channel, title: str, content: str, ids: list[str]) -> dict:
	"""Send one message on a channel; the vendor's answer, or DeliveryError."""
	s = settings()
	if channel.channel_type == "DingTalk Robot":
		token = channel.get_password("robot_credential", raise_exception=False) or ""
		secret = channel.get_password("signing_secret", raise_exception=False)
		url = f"{s.dingtalk_robot_url}?access_token={quote(token, safe='')}"
		if secret:
			# the sign is URL-encoded already (the vendor's documented form), so the query is built here
			ts = int(time.time() * 1000)
			url += f"&timestamp={ts}&sign={rules.dingtalk_sign(secret, ts)}"
		answer = _post(url, rules.robot_body(channel.channel_type, title, content))
	elif channel.channel_type == "WeCom Robot":
		answer = _post(
			f"{s.wecom_api_url}/cgi-bin/webhook/send",
			rules.robot_body(channel.channel_type, title, content),
			{"key": channel.get_password("robot_credential", raise_exception=False) or ""},
		)
	elif channel.channel_type in rules.APP_TYPES:
		if not ids:
			raise DeliveryError("no recipient ids")
		answer = None
		url = (
			f"{s.dingtalk_api_url}/topapi/message/corpconversation/asyncsend_v2"
			if channel.channel_type == "DingTalk Work Notice"
			else f"{s.wecom_api_url}/cgi-bin/message/send"
		)
		payload = rules.app_body(channel.channel_type, channel.agent_id, ids, title, content)
		for attempt in (0, 1):
			token = access_token(channel, refresh=bool(attempt))
			answer = _post(url, payload, {"access_token": token})
			if not rules.token_expired(answer):
				break
	else:
		raise DeliveryError(f"unknown channel type {channel.channel_type}")
	error = rules.answer_error(answer)
	if error:
		raise DeliveryError(error)
	return answer


def deliver(log_name: str):
	"""Background job: one attempt at a logged message. Sent, or Retrying (next attempt set) / Failed."""
	if not frappe.db.exists(LOG, log_name):
		return
	log = frappe.get_doc(LOG, log_name, for_update=True)
	if log.status in ("Sent", "Failed"):
		return
	attempts = cint(log.attempts) + 1
	values = {"attempts": attempts}
	try:
		channel = frappe.get_doc(CHANNEL, log.channel)
		if not channel.enabled:
			raise DeliveryError("the channel is disabled")
		ids = [i for i in (log.recipient_ids or "").split("\n") if i]
		answer = send(channel, log.subject or "", log.message or "", ids)
		values.update(
			status="Sent",
			sent_on=now_datetime(),
			error=None,
			next_attempt_on=None,
			response=frappe.as_json(answer)[:1000],
		)
	except Exception as e:
		s = settings()
		status = rules.delivery_status_after_failure(attempts, s.max_attempts)
		values.update(
			status=status,
			error=str(e)[:1000] or type(e).__name__,
			next_attempt_on=rules.next_attempt(now_datetime(), attempts, s.retry_minutes)
			if status == "Retrying"
			else None,
		)
	frappe.db.set_value(LOG, log.name, values, update_modified=True)
	return values["status"]


def retry_due():
	"""Scheduler (every 5 minutes): try again the messages whose next attempt is due, and queued ones
	whose job was lost (a worker restart)."""
	now = now_datetime()
	names = frappe.get_all(
		LOG, filters={"status": "Retrying", "next_attempt_on": ("<=", now)}, pluck="name", limit=200
	)
	names += frappe.get_all(
		LOG,
		filters={"status": "Queued", "creation": ("<", add_to_date(now, minutes=-10))},
		pluck="name",
		limit=200,
	)
	for name in names:
		frappe.db.savepoint("so_delivery")
		try:
			deliver(name)
		except Exception:
			frappe.db.rollback(save_point="so_delivery")
			frappe.log_error(title=f"School Office: delivery {name} failed")
	return names
