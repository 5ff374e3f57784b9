"""Meetings over HTTP on a served site with the demo, each demo user acting as themselves (and as a hostile
user would): forged fields on REST insert, reading another's meeting, approval through run_doc_method,
the notice lead time, RSVP and sign-in pages at phone width in zh, the sign-in key, materials under 密级
(form, REST, file URL), and two meetings booking one room in parallel (two HTTP sessions)."""

import json
import random
import re
import threading
from datetime import datetime, timedelta

import pytest

from tests.bench.conftest import URL

PHONE = {
	"User-Agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"
}
ROOM = "HTTP Meeting Room"
D = "demo.school"


def _fmt(d):
	return d.strftime("%Y-%m-%d %H:%M:%S")


def _slot(days=None, hours=2):
	days = days or random.randint(20, 300)
	start = (datetime.now() + timedelta(days=days)).replace(
		hour=random.choice([8, 10, 13, 15]), minute=0, second=0, microsecond=0
	)
	return start, start + timedelta(hours=hours)


def _msg(r) -> str:
	try:
		body = r.json()
	except ValueError:
		return r.text
	out = body.get("exception", "") or ""
	for m in json.loads(body.get("_server_messages") or "[]"):
		try:
			out += " " + json.loads(m).get("message", "")
		except ValueError:
			out += " " + m
	return out


def csrf(page_html: str) -> dict:
	"""The page's CSRF token, as its script sends it."""
	m = re.search(r"const CSRF = \"([^\"]*)\"", page_html) or re.search(
		r"frappe.csrf_token = \"([^\"]*)\"", page_html
	)
	assert m, "no CSRF token on the page"
	return {"X-Frappe-CSRF-Token": m.group(1)}


def session_csrf(session) -> dict:
	"""The session's CSRF token (portal pages carry it once the session has one)."""
	return csrf(session.get(f"{URL}/meeting-rsvp", timeout=30).text)


def call(session, name, method, **args):
	return session.post(
		f"{URL}/api/method/run_doc_method",
		json={"dt": "Meeting", "dn": name, "method": method, "args": json.dumps(args)},
		timeout=60,
	)


@pytest.fixture(scope="module")
def people(demo):
	return {
		k: demo["login"](k)
		for k in ("dept.head", "school.leader", "office.staff", "teacher", "student", "doc.clerk")
	}


@pytest.fixture(scope="module")
def room(admin, demo):
	if admin.get(f"{URL}/api/resource/Venue/{ROOM}", timeout=30).status_code != 200:
		r = admin.post(
			f"{URL}/api/resource/Venue",
			json={
				"venue_name": ROOM,
				"venue_category": "Normal",
				"capacity": 30,
				"is_bookable": 1,
				"equipment": [{"equipment": "Projector"}],
			},
			timeout=30,
		)
		assert r.status_code == 200, r.text
	return ROOM


def new_meeting(session, days=None, **extra):
	start, end = _slot(days)
	body = {
		"title": extra.pop("title", "教研会议 HTTP"),
		"meeting_type": extra.pop("meeting_type", "Department"),
		"starts_on": _fmt(start),
		"ends_on": _fmt(end),
		"expected_headcount": 8,
		"chair": f"school.leader@{D}",
		"minute_taker": f"office.staff@{D}",
		"attendees": [{"user": f"teacher@{D}"}, {"user": f"doc.clerk@{D}"}],
		"agenda": [{"topic": "期中考试安排", "minutes_allotted": 40}],
		**extra,
	}
	r = session.post(f"{URL}/api/resource/Meeting", json=body, timeout=60)
	assert r.status_code == 200, r.text
	return r.json()["data"]


def test_forged_fields_dropped_and_rows_private(people, admin):
	head = people["dept.head"]
	doc = new_meeting(
		head,
		status="Minutes Published",
		approver=f"dept.head@{D}",
		organiser=f"school.leader@{D}",
		sign_in_key="guess",
		minutes="forged",
	)
	stored = admin.get(f"{URL}/api/resource/Meeting/{doc['name']}", timeout=30).json()["data"]
	assert stored["status"] == "Draft"
	assert stored["organiser"] == f"dept.head@{D}"
	assert not stored.get("approver") and not stored.get("minutes")
	assert stored["sign_in_key"] and stored["sign_in_key"] != "guess"  # made by the system
	own = head.get(f"{URL}/api/resource/Meeting/{doc['name']}", timeout=30).json()["data"]
	assert not own.get("sign_in_key")  # permlevel 2: the organiser does not read it over REST
	# an attendee (a portal teacher) reads it; a student does not, neither by name nor in lists
	assert people["teacher"].get(f"{URL}/api/resource/Meeting/{doc['name']}", timeout=30).status_code == 200
	assert people["student"].get(f"{URL}/api/resource/Meeting/{doc['name']}", timeout=30).status_code == 403
	r = people["student"].get(
		f"{URL}/api/resource/Meeting",
		params={"filters": json.dumps([["name", "=", doc["name"]]])},
		timeout=30,
	)
	assert r.status_code in (200, 403)
	assert r.status_code == 403 or r.json()["data"] == []
	# the attendee cannot change it, nor set its status
	r = people["teacher"].put(f"{URL}/api/resource/Meeting/{doc['name']}", json={"title": "x"}, timeout=30)
	assert r.status_code == 403, r.text
	r = head.put(
		f"{URL}/api/resource/Meeting/{doc['name']}",
		json={"status": "Approved", "approver": f"dept.head@{D}"},
		timeout=30,
	)
	assert r.status_code == 200, r.text
	again = admin.get(f"{URL}/api/resource/Meeting/{doc['name']}", timeout=30).json()["data"]
	assert (again["status"], again.get("approver")) == ("Draft", None)


def test_approval_through_run_doc_method(people):
	head = people["dept.head"]
	doc = new_meeting(head, meeting_type="Cross-department")
	assert call(head, doc["name"], "submit_for_approval").status_code == 200
	# the organiser cannot approve, with or without forged docs
	fresh = head.get(f"{URL}/api/resource/Meeting/{doc['name']}", timeout=30).json()["data"]
	r = head.post(
		f"{URL}/api/method/run_doc_method",
		json={
			"docs": json.dumps({**fresh, "status": "Pending Approval", "approver": f"dept.head@{D}"}),
			"method": "approve",
		},
		timeout=60,
	)
	assert r.status_code == 403, r.text
	assert call(people["teacher"], doc["name"], "approve").status_code == 403
	r = call(people["school.leader"], doc["name"], "approve")
	assert r.status_code == 200, r.text
	stored = head.get(f"{URL}/api/resource/Meeting/{doc['name']}", timeout=30).json()["data"]
	assert (stored["status"], stored["approver"]) == ("Approved", f"school.leader@{D}")
	# a cross-department meeting 5 days ahead: notice refused (7 days), with the date it would need
	start, end = _slot(days=5)
	r = head.put(
		f"{URL}/api/resource/Meeting/{doc['name']}",
		json={"starts_on": _fmt(start), "ends_on": _fmt(end)},
		timeout=30,
	)
	assert r.status_code == 200, r.text
	r = call(head, doc["name"], "send_notice")
	assert r.status_code == 417, r.text
	assert _fmt(start - timedelta(days=7))[:16] in _msg(r)
	r = call(people["school.leader"], doc["name"], "send_notice", override_reason="督导检查")
	assert r.status_code == 200, r.text


def _notified(people, days=None):
	head = people["dept.head"]
	doc = new_meeting(head, days=days)
	assert call(head, doc["name"], "submit_for_approval").status_code == 200
	assert call(people["school.leader"], doc["name"], "approve").status_code == 200
	r = call(head, doc["name"], "send_notice")
	assert r.status_code == 200, r.text
	return doc["name"]


def test_rsvp_page_phone_zh_and_answer(people):
	name = _notified(people)
	teacher = people["teacher"]
	r = teacher.get(f"{URL}/meeting-rsvp", params={"meeting": name, "_lang": "zh"}, headers=PHONE, timeout=30)
	assert r.status_code == 200
	assert "我的会议" in r.text and "教研会议 HTTP" in r.text and "期中考试安排" in r.text
	assert 'name="viewport"' in r.text
	r = teacher.post(
		f"{URL}/api/method/school_office.meetings.api.rsvp",
		json={"meeting": name, "answer": "Accepted"},
		headers=csrf(r.text),
		timeout=30,
	)
	assert r.status_code == 200, r.text
	assert r.json()["message"]["rsvp"] == "Accepted"
	r = people["student"].post(
		f"{URL}/api/method/school_office.meetings.api.rsvp",
		json={"meeting": name, "answer": "Accepted"},
		headers=session_csrf(people["student"]),
		timeout=30,
	)
	assert r.status_code == 403
	# an attendee's own desk Event exists (the teacher is a portal user: the organiser's list shows it through Meeting)
	r = people["doc.clerk"].get(
		f"{URL}/api/resource/Event",
		params={"filters": json.dumps([["reference_docname", "=", name]]), "fields": json.dumps(["owner"])},
		timeout=30,
	)
	assert r.status_code == 200 and [e["owner"] for e in r.json()["data"]] == [f"doc.clerk@{D}"]


def test_sign_in_page_and_key(people, admin):
	name = _notified(people)
	# the organiser gets the QR's URL (the format other apps parse); the key itself is not readable over REST
	r = people["dept.head"].get(
		f"{URL}/api/method/school_office.meetings.api.qr_svg", params={"meeting": name}, timeout=30
	)
	assert r.status_code == 200, r.text
	url = r.json()["message"]["url"]
	m = re.fullmatch(r"https?://[^/]+/meeting-sign-in\?meeting=([^&]+)&key=([0-9a-f]+)", url)
	assert m and m.group(1) == name, url
	key = m.group(2)
	assert (
		people["teacher"]
		.get(f"{URL}/api/method/school_office.meetings.api.qr_svg", params={"meeting": name}, timeout=30)
		.status_code
		== 403
	)
	# opening the page changes nothing and escapes what it shows
	r = people["teacher"].get(
		f"{URL}/meeting-sign-in",
		params={"meeting": name, "key": key, "_lang": "zh"},
		headers=PHONE,
		timeout=30,
	)
	assert r.status_code == 200 and "会议签到" in r.text and "签到于" in r.text  # not open yet: "签到于…开放"
	token = session_csrf(people["teacher"])
	r = people["teacher"].get(
		f"{URL}/meeting-sign-in", params={"meeting": "<script>alert(1)</script>", "key": "x"}, timeout=30
	)
	assert "<script>alert(1)</script>" not in r.text
	# a wrong key is refused; the right key before the window is refused with the opening time
	r = people["teacher"].post(
		f"{URL}/api/method/school_office.meetings.api.sign_in",
		json={"meeting": name, "key": "0" * 20},
		headers=token,
		timeout=30,
	)
	assert r.status_code == 403
	r = people["teacher"].post(
		f"{URL}/api/method/school_office.meetings.api.sign_in",
		json={"meeting": name, "key": key},
		headers=token,
		timeout=30,
	)
	assert r.status_code == 417, r.text
	assert "opens" in _msg(r).lower() or "开放" in _msg(r)
	# GET on the sign-in endpoint changes nothing
	r = people["teacher"].get(
		f"{URL}/api/method/school_office.meetings.api.sign_in",
		params={"meeting": name, "key": key},
		timeout=30,
	)
	assert r.status_code in (403, 405)


def test_secret_material_needs_clearance(people, admin):
	name = new_meeting(people["dept.head"])["name"]
	secret = f"secret budget {random.random()}".encode()  # Frappe shares one file URL for equal content
	r = admin.post(
		f"{URL}/api/method/upload_file",
		files={"file": ("budget.txt", secret, "text/plain")},
		data={"doctype": "Meeting", "docname": name, "is_private": "0"},
		timeout=60,
	)
	assert r.status_code == 200, r.text
	f = r.json()["message"]
	assert f["is_private"] == 1 and f["file_url"].startswith("/private/files/")
	doc = admin.get(f"{URL}/api/resource/Meeting/{name}", timeout=30).json()["data"]
	doc["materials"] = [
		{"title": "预算草案", "attachment": f["file_url"], "secret_level": "Secret"},
		{"title": "议程", "secret_level": "Public"},
	]
	r = admin.put(f"{URL}/api/resource/Meeting/{name}", json={"materials": doc["materials"]}, timeout=30)
	assert r.status_code == 200, r.text
	# the teacher (no clearance): not in the form, not the file
	t = people["teacher"]
	seen = t.get(f"{URL}/api/resource/Meeting/{name}", timeout=30).json()["data"]
	assert [m["title"] for m in seen["materials"]] == ["议程"]
	assert t.get(f"{URL}{f['file_url']}", timeout=30).status_code == 403
	assert t.get(f"{URL}/api/resource/File/{f['name']}", timeout=30).status_code == 403
	r = t.get(
		f"{URL}/api/method/frappe.desk.form.load.getdoc",
		params={"doctype": "Meeting", "name": name},
		timeout=30,
	)
	assert "预算草案" not in r.text
	r = t.get(
		f"{URL}/printview", params={"doctype": "Meeting", "name": name, "format": "Standard"}, timeout=30
	)
	assert "预算草案" not in r.text
	# the clerk (cleared for Confidential) attends: sees it and downloads the file
	c = people["doc.clerk"]
	seen = c.get(f"{URL}/api/resource/Meeting/{name}", timeout=30).json()["data"]
	assert sorted(m["title"] for m in seen["materials"]) == sorted(["预算草案", "议程"])
	r = c.get(f"{URL}{f['file_url']}", timeout=30)
	assert r.status_code == 200 and r.content == secret
	# the organiser (Internal) saves the form without the hidden row: the row stays
	head = people["dept.head"]
	mine = head.get(f"{URL}/api/resource/Meeting/{name}", timeout=30).json()["data"]
	assert [m["title"] for m in mine["materials"]] == ["议程"]
	r = head.put(f"{URL}/api/resource/Meeting/{name}", json={"materials": mine["materials"]}, timeout=30)
	assert r.status_code == 200, r.text
	again = admin.get(f"{URL}/api/resource/Meeting/{name}", timeout=30).json()["data"]
	assert sorted(m["title"] for m in again["materials"]) == sorted(["预算草案", "议程"])
	# sharing the meeting does not pass the clearance
	r = admin.post(
		f"{URL}/api/method/frappe.share.add",
		data={"doctype": "Meeting", "name": name, "user": f"student@{D}", "read": 1},
		timeout=30,
	)
	assert r.status_code == 200, r.text
	assert people["student"].get(f"{URL}{f['file_url']}", timeout=30).status_code == 403


def test_two_meetings_one_room_in_parallel(people, room):
	start, end = _slot()
	names = []
	for who in ("dept.head", "office.staff"):
		names.append(
			new_meeting(people[who], starts_on=_fmt(start), ends_on=_fmt(end + timedelta(minutes=-30)))[
				"name"
			]
		)
	out, barrier = {}, threading.Barrier(2)

	def book(who, name):
		barrier.wait()
		out[name] = call(people[who], name, "book_room", venue=room)

	threads = [
		threading.Thread(target=book, args=(w, n))
		for w, n in zip(("dept.head", "office.staff"), names, strict=True)
	]
	for t in threads:
		t.start()
	for t in threads:
		t.join(120)
	codes = sorted(r.status_code for r in out.values())
	assert codes == [200, 417], {n: (r.status_code, r.text[:300]) for n, r in out.items()}
	loser = next(n for n, r in out.items() if r.status_code == 417)
	assert room in _msg(out[loser])
	assert "VenueConflictError" in out[loser].text
