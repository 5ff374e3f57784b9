"""Rules of notices (AN-1…AN-5) and the DingTalk / WeCom request formats (PF-1) that need no database.

Request formats, as the vendors document them:

- DingTalk custom robot: ``POST {robot_url}?access_token=…[&timestamp=…&sign=…]`` with JSON
  ``{"msgtype": "markdown", "markdown": {"title": …, "text": …}}``; with the 加签 security setting
  ``sign = urlencode(base64(HMAC-SHA256(key=secret, msg=f"{timestamp}\\n{secret}")))``, the timestamp
  in milliseconds. Answer ``{"errcode": 0, "errmsg": "ok"}``.
- WeCom group robot: ``POST {api}/cgi-bin/webhook/send?key=…`` with ``{"msgtype": "markdown",
  "markdown": {"content": …}}`` (or ``text``/``content``). Answer ``{"errcode": 0, …}``.
- DingTalk work notice (corp app): ``GET {api}/gettoken?appkey=…&appsecret=…`` →
  ``{"errcode": 0, "access_token": …, "expires_in": 7200}``; then ``POST
  {api}/topapi/message/corpconversation/asyncsend_v2?access_token=…`` with ``{"agent_id": …,
  "userid_list": "id1,id2", "msg": {"msgtype": "markdown", "markdown": {"title": …, "text": …}}}``.
- WeCom app message: ``GET {api}/cgi-bin/gettoken?corpid=…&corpsecret=…`` → ``{"errcode": 0,
  "access_token": …, "expires_in": 7200}``; then ``POST {api}/cgi-bin/message/send?access_token=…``
  with ``{"touser": "id1|id2", "msgtype": "markdown", "agentid": …, "markdown": {"content": …}}``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import datetime, timedelta
from urllib.parse import quote_plus

NOTICE_TYPES = ("General", "Important", "Major", "Emergency")
STATUSES = ("Draft", "Pending Review", "Pending Sign-off", "Published", "Withdrawn", "Expired")
CHANNELS = ("Notice Board", "Screens", "Website", "E-mail", "DingTalk", "WeCom")
CHANNEL_TYPES = ("DingTalk Robot", "WeCom Robot", "DingTalk Work Notice", "WeCom App Message")
ROBOT_TYPES = ("DingTalk Robot", "WeCom Robot")
APP_TYPES = ("DingTalk Work Notice", "WeCom App Message")
# the notice channel ("DingTalk"/"WeCom") a collaboration channel type belongs to
TOOL_OF_TYPE = {
	"DingTalk Robot": "DingTalk",
	"DingTalk Work Notice": "DingTalk",
	"WeCom Robot": "WeCom",
	"WeCom App Message": "WeCom",
}
# errcodes that mean "the access token is not valid (any more)": fetch a new one and try again
TOKEN_EXPIRED = {40014, 42001, 40001, 88}
DINGTALK_BATCH = 100  # userid_list of asyncsend_v2
WECOM_BATCH = 1000  # touser of message/send
MAX_TEXT = 4000


# ----------------------------------------------------------------------------- signature
def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
	"""The DingTalk robot signature of ``timestamp_ms``, URL-encoded as it goes in the query string."""
	string_to_sign = f"{timestamp_ms}\n{secret}".encode()
	digest = hmac.new(secret.encode(), string_to_sign, digestmod=hashlib.sha256).digest()
	return quote_plus(base64.b64encode(digest))


def dingtalk_signature_valid(
	secret: str, timestamp_ms: str, sign: str, now_ms: int, window_ms=3600_000
) -> bool:
	"""How DingTalk checks a signed call (used by the test server): the same HMAC, within an hour."""
	try:
		ts = int(timestamp_ms)
	except (TypeError, ValueError):
		return False
	if abs(now_ms - ts) > window_ms:
		return False
	expected = base64.b64encode(
		hmac.new(secret.encode(), f"{ts}\n{secret}".encode(), digestmod=hashlib.sha256).digest()
	).decode()
	return hmac.compare_digest(expected, sign or "")


# ----------------------------------------------------------------------------- payloads
def clip(text: str, limit: int = MAX_TEXT) -> str:
	text = text or ""
	return text if len(text) <= limit else text[: limit - 1] + "…"


def markdown_text(title: str, text: str, url: str | None = None) -> str:
	out = f"### {title}\n\n{text}".rstrip()
	if url:
		out += f"\n\n[{url}]({url})"
	return clip(out)


def robot_body(channel_type: str, title: str, content: str) -> dict:
	"""The JSON body of a group robot's message whose markdown ``content`` is ready."""
	if channel_type == "DingTalk Robot":
		return {"msgtype": "markdown", "markdown": {"title": clip(title, 100), "text": content}}
	if channel_type == "WeCom Robot":
		return {"msgtype": "markdown", "markdown": {"content": content}}
	raise ValueError(channel_type)


def app_body(channel_type: str, agent_id, user_ids: list[str], title: str, content: str) -> dict:
	"""The JSON body of a corp app's message (DingTalk work notice, WeCom app message) to ``user_ids``."""
	agent = int(agent_id) if str(agent_id or "").isdigit() else agent_id
	if channel_type == "DingTalk Work Notice":
		return {
			"agent_id": agent,
			"userid_list": ",".join(user_ids),
			"msg": {"msgtype": "markdown", "markdown": {"title": clip(title, 100), "text": content}},
		}
	if channel_type == "WeCom App Message":
		return {
			"touser": "|".join(user_ids),
			"msgtype": "markdown",
			"agentid": agent,
			"markdown": {"content": content},
		}
	raise ValueError(channel_type)


def robot_payload(channel_type: str, title: str, text: str, url: str | None = None) -> dict:
	return robot_body(channel_type, title, markdown_text(title, text, url))


def work_notice_payload(
	channel_type: str, agent_id: str, user_ids: list[str], title: str, text: str, url=None
) -> dict:
	return app_body(channel_type, agent_id, user_ids, title, markdown_text(title, text, url))


def batches(items: list, size: int) -> list[list]:
	return [items[i : i + size] for i in range(0, len(items), size)]


def batch_size(channel_type: str) -> int:
	return DINGTALK_BATCH if channel_type == "DingTalk Work Notice" else WECOM_BATCH


def answer_error(answer) -> str | None:
	"""None when a vendor's JSON answer says OK (errcode 0), else why not."""
	if not isinstance(answer, dict):
		return "not a JSON object"
	code = answer.get("errcode", 0)
	try:
		code = int(code)
	except (TypeError, ValueError):
		return f"errcode {code!r}"
	if code != 0:
		return f"errcode {code}: {answer.get('errmsg') or ''}".strip()
	return None


def token_expired(answer) -> bool:
	try:
		return int((answer or {}).get("errcode", 0)) in TOKEN_EXPIRED
	except (TypeError, ValueError, AttributeError):
		return False


# ----------------------------------------------------------------------------- retries
def next_attempt(now: datetime, attempts: int, retry_minutes: int) -> datetime:
	"""When to try again after ``attempts`` failed tries: retry_minutes, doubled each time (at most 8×)."""
	factor = 2 ** min(max(attempts - 1, 0), 3)
	return now + timedelta(minutes=max(retry_minutes, 0) * factor)


def delivery_status_after_failure(attempts: int, max_attempts: int) -> str:
	return "Failed" if attempts >= max(max_attempts, 1) else "Retrying"


# ----------------------------------------------------------------------------- audience
def in_audience(rows, user: str, roles, departments) -> bool:
	"""Whether a user belongs to a notice's audience (rows: dicts of audience_type, department, role, user;
	no rows: everyone)."""
	rows = [r for r in rows or [] if r.get("audience_type")]
	if not rows:
		return True
	roles, departments = set(roles or ()), set(departments or ())
	for r in rows:
		kind = r.get("audience_type")
		if kind == "User" and r.get("user") == user:
			return True
		if kind == "Role" and r.get("role") in roles:
			return True
		if kind == "Department" and r.get("department") in departments:
			return True
	return False


def is_current(status: str, publish_from, publish_until, now: datetime) -> bool:
	"""A published notice inside its publication window."""
	if status != "Published":
		return False
	if publish_from and publish_from > now:
		return False
	if publish_until and publish_until < now:
		return False
	return True


def seconds_per_item(screen_seconds, minimum) -> int:
	"""Each notice stays on a screen at least the settings' minimum (5 minutes unless changed)."""
	minimum = max(int(minimum or 0), 1)
	return max(int(screen_seconds or 0), minimum)


# ----------------------------------------------------------------------------- review
def needs_sign_off(notice_type: str) -> bool:
	return notice_type == "Major"


def publish_deadline(created: datetime, minutes) -> datetime:
	return created + timedelta(minutes=int(minutes or 60))


def emergency_stage(
	created: datetime, now: datetime, remind_minutes, publish_minutes, reminded: bool, escalated: bool
):
	"""What the clock of an unpublished emergency notice asks for now: "escalate", "remind" or None."""
	publish_minutes = int(publish_minutes or 60)
	remind_minutes = int(remind_minutes or publish_minutes // 2)
	if not escalated and now >= created + timedelta(minutes=publish_minutes):
		return "escalate"
	if not reminded and not escalated and now >= created + timedelta(minutes=remind_minutes):
		return "remind"
	return None


def acknowledgement_stage(
	published_on: datetime, now: datetime, remind_hours, escalate_hours, reminded: bool, escalated: bool
):
	"""For a department that has not confirmed a notice yet: "escalate", "remind" or None."""
	if not escalated and now >= published_on + timedelta(hours=int(escalate_hours or 48)):
		return "escalate"
	if not reminded and not escalated and now >= published_on + timedelta(hours=int(remind_hours or 24)):
		return "remind"
	return None


# ----------------------------------------------------------------------------- digests
def digest_window(period: str, day: datetime) -> tuple[datetime, datetime]:
	"""[start, end) of the daily, weekly (Monday to Sunday) or monthly digest containing ``day``."""
	start = datetime(day.year, day.month, day.day)
	if period == "daily":
		return start, start + timedelta(days=1)
	if period == "weekly":
		start -= timedelta(days=start.weekday())
		return start, start + timedelta(days=7)
	if period == "monthly":
		start = start.replace(day=1)
		nxt = datetime(start.year + (start.month == 12), start.month % 12 + 1, 1)
		return start, nxt
	raise ValueError(period)


def previous_window(period: str, day: datetime) -> tuple[datetime, datetime]:
	"""The window just before the one containing ``day`` (what a digest sent at its start reports)."""
	start, _end = digest_window(period, day)
	return digest_window(period, start - timedelta(days=1))
