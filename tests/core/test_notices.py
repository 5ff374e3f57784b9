"""Rules of notices and the DingTalk / WeCom formats (school_office.core.notices), without Frappe."""

import base64
import hashlib
import hmac
from datetime import datetime, timedelta
from urllib.parse import unquote_plus

from school_office.core import notices as n


def test_dingtalk_sign_is_the_documented_hmac_url_encoded():
	secret, ts = "SEC1234567890abcdef", 1700000000000
	sign = n.dingtalk_sign(secret, ts)
	raw = hmac.new(secret.encode(), f"{ts}\n{secret}".encode(), hashlib.sha256).digest()
	assert unquote_plus(sign) == base64.b64encode(raw).decode()
	assert "+" not in sign and "/" not in sign and "=" not in sign  # URL-encoded
	assert n.dingtalk_signature_valid(secret, str(ts), unquote_plus(sign), ts + 1000)
	assert not n.dingtalk_signature_valid("SECother", str(ts), unquote_plus(sign), ts + 1000)
	assert not n.dingtalk_signature_valid(secret, str(ts), unquote_plus(sign), ts + 2 * 3600_000), "too old"
	assert not n.dingtalk_signature_valid(secret, "not-a-number", unquote_plus(sign), ts)


def test_robot_and_work_notice_payloads_follow_the_vendors():
	assert n.robot_payload("DingTalk Robot", "T", "body") == {
		"msgtype": "markdown",
		"markdown": {"title": "T", "text": "### T\n\nbody"},
	}
	assert n.robot_payload("WeCom Robot", "T", "body", "http://x/1") == {
		"msgtype": "markdown",
		"markdown": {"content": "### T\n\nbody\n\n[http://x/1](http://x/1)"},
	}
	dt = n.work_notice_payload("DingTalk Work Notice", "1001", ["a", "b"], "T", "x")
	assert dt["agent_id"] == 1001 and dt["userid_list"] == "a,b" and dt["msg"]["msgtype"] == "markdown"
	wc = n.work_notice_payload("WeCom App Message", "1000002", ["a", "b"], "T", "x")
	assert wc["touser"] == "a|b" and wc["agentid"] == 1000002 and wc["markdown"]["content"] == "### T\n\nx"


def test_answers_and_expired_tokens():
	assert n.answer_error({"errcode": 0, "errmsg": "ok"}) is None
	assert n.answer_error({"errmsg": "ok"}) is None
	assert n.answer_error({"errcode": 310000, "errmsg": "sign not match"}) == "errcode 310000: sign not match"
	assert n.answer_error([]) == "not a JSON object"
	assert n.token_expired({"errcode": 42001}) and n.token_expired({"errcode": "40014"})
	assert not n.token_expired({"errcode": 0}) and not n.token_expired(None)


def test_batches_keep_every_recipient_within_the_vendor_limits():
	ids = [str(i) for i in range(250)]
	parts = n.batches(ids, n.batch_size("DingTalk Work Notice"))
	assert [len(p) for p in parts] == [100, 100, 50] and [i for p in parts for i in p] == ids
	assert n.batch_size("WeCom App Message") == 1000


def test_retry_waits_grow_and_end_in_failed():
	now = datetime(2026, 12, 1, 8, 0)
	assert n.next_attempt(now, 1, 5) == now + timedelta(minutes=5)
	assert n.next_attempt(now, 2, 5) == now + timedelta(minutes=10)
	assert n.next_attempt(now, 9, 5) == now + timedelta(minutes=40)
	assert n.delivery_status_after_failure(1, 3) == "Retrying"
	assert n.delivery_status_after_failure(3, 3) == "Failed"
	assert n.delivery_status_after_failure(1, 0) == "Failed"


def test_audience():
	rows = [
		{"audience_type": "Department", "department": "Finance - DS"},
		{"audience_type": "Role", "role": "Department Head"},
		{"audience_type": "User", "user": "a@x"},
	]
	assert n.in_audience([], "z@x", [], [])
	assert n.in_audience(rows, "a@x", [], [])
	assert n.in_audience(rows, "b@x", ["Department Head"], [])
	assert n.in_audience(rows, "c@x", [], ["Finance - DS"])
	assert not n.in_audience(rows, "d@x", ["Office Staff"], ["Logistics - DS"])


def test_current_window_and_screen_seconds():
	now = datetime(2026, 12, 1, 12, 0)
	assert n.is_current("Published", None, None, now)
	assert not n.is_current("Draft", None, None, now)
	assert not n.is_current("Published", now + timedelta(minutes=1), None, now)
	assert not n.is_current("Published", None, now - timedelta(seconds=1), now)
	assert n.seconds_per_item(10, 300) == 300
	assert n.seconds_per_item(600, 300) == 600
	assert n.seconds_per_item(None, None) == 1


def test_emergency_clock_and_acknowledgement_stages():
	created = datetime(2026, 12, 1, 9, 0)
	assert n.publish_deadline(created, 60) == datetime(2026, 12, 1, 10, 0)
	stage = n.emergency_stage
	assert stage(created, created + timedelta(minutes=29), 30, 60, False, False) is None
	assert stage(created, created + timedelta(minutes=30), 30, 60, False, False) == "remind"
	assert stage(created, created + timedelta(minutes=45), 30, 60, True, False) is None
	assert stage(created, created + timedelta(minutes=60), 30, 60, True, False) == "escalate"
	assert stage(created, created + timedelta(minutes=61), 30, 60, False, False) == "escalate"
	assert stage(created, created + timedelta(minutes=90), 30, 60, True, True) is None
	ack = n.acknowledgement_stage
	assert ack(created, created + timedelta(hours=23), 24, 48, False, False) is None
	assert ack(created, created + timedelta(hours=24), 24, 48, False, False) == "remind"
	assert ack(created, created + timedelta(hours=30), 24, 48, True, False) is None
	assert ack(created, created + timedelta(hours=48), 24, 48, True, False) == "escalate"
	assert ack(created, created + timedelta(hours=50), 24, 48, True, True) is None


def test_digest_windows():
	wed = datetime(2026, 12, 2, 15, 30)
	assert n.digest_window("daily", wed) == (datetime(2026, 12, 2), datetime(2026, 12, 3))
	assert n.digest_window("weekly", wed) == (datetime(2026, 11, 30), datetime(2026, 12, 7))
	assert n.digest_window("monthly", wed) == (datetime(2026, 12, 1), datetime(2027, 1, 1))
	assert n.previous_window("weekly", datetime(2026, 12, 7, 7)) == (
		datetime(2026, 11, 30),
		datetime(2026, 12, 7),
	)
	assert n.previous_window("monthly", datetime(2027, 1, 1, 7)) == (
		datetime(2026, 12, 1),
		datetime(2027, 1, 1),
	)
	assert n.needs_sign_off("Major") and not n.needs_sign_off("Emergency")
