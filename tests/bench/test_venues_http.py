"""Venues over HTTP on a served site: parallel approvals of one venue (RM-4 under concurrency), the
portal page at phone width in Chinese, find_free_venues, busy slots, the ICS feed and permissions."""

import json
import threading
from datetime import datetime, timedelta

import pytest
import requests

from tests.bench.conftest import URL

PHONE = {
	"User-Agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"
}
VENUE = "HTTP Race Room"
OTHER = "HTTP Spare Room"


def _when(days=20, hour=9):
	d = (datetime.now() + timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)
	return d


def _fmt(d):
	return d.strftime("%Y-%m-%d %H:%M:%S")


def _cleanup(admin):
	for venue in (VENUE, OTHER):
		r = admin.get(
			f"{URL}/api/resource/Venue Booking",
			params={"filters": json.dumps([["venue", "=", venue]]), "limit_page_length": 0},
			timeout=30,
		)
		for row in r.json().get("data", []):
			admin.delete(f"{URL}/api/resource/Venue Booking/{row['name']}", timeout=30)
		admin.delete(f"{URL}/api/resource/Venue/{venue}", timeout=30)


@pytest.fixture()
def venues(admin, demo):
	_cleanup(admin)
	for name, cap, eq in ((VENUE, 40, ["Projector"]), (OTHER, 41, ["Projector", "HTTP Widget"])):
		r = admin.post(
			f"{URL}/api/resource/Venue",
			json={
				"venue_name": name,
				"venue_category": "Normal",
				"capacity": cap,
				"is_bookable": 1,
				"equipment": [{"equipment": e} for e in eq],
			},
			timeout=30,
		)
		assert r.status_code == 200, r.text
	yield
	_cleanup(admin)


def _message(resp):
	try:
		data = resp.json()
	except ValueError:
		return resp.text
	msgs = []
	for m in json.loads(data.get("_server_messages") or "[]"):
		try:
			msgs.append(json.loads(m).get("message", ""))
		except (ValueError, AttributeError):
			msgs.append(str(m))
	return " ".join(msgs) or data.get("exception", "") or resp.text


def test_twenty_parallel_approvals_of_one_venue_exactly_one_wins(site_url, admin, demo, venues):
	start = _when()
	names = []
	for i in range(20):
		s = start + timedelta(
			minutes=2 * i
		)  # all overlap one another (1 hour each, starts within 38 minutes)
		r = admin.post(
			f"{URL}/api/resource/Venue Booking",
			json={
				"venue": VENUE,
				"starts_on": _fmt(s),
				"ends_on": _fmt(s + timedelta(hours=1)),
				"purpose": f"race {i}",
				"activity_class": "Meeting",
				"headcount": 10,
			},
			timeout=30,
		)
		assert r.status_code == 200, r.text
		assert r.json()["data"]["status"] == "Requested"
		names.append(r.json()["data"]["name"])
	sessions = [demo["login"]("office.staff") for _ in names]
	barrier = threading.Barrier(len(names))
	results = {}

	def approve(i, name):
		doc = sessions[i].get(f"{URL}/api/resource/Venue Booking/{name}", timeout=60).json()["data"]
		barrier.wait()
		r = sessions[i].post(
			f"{URL}/api/method/frappe.model.workflow.apply_workflow",
			data={"doc": json.dumps(doc), "action": "Approve"},
			timeout=120,
		)
		results[name] = (r.status_code, _message(r))

	threads = [threading.Thread(target=approve, args=(i, n)) for i, n in enumerate(names)]
	for t in threads:
		t.start()
	for t in threads:
		t.join(180)
	assert len(results) == 20
	codes = [c for c, _ in results.values()]
	assert codes.count(200) == 1, results
	for name, (code, msg) in results.items():
		assert code in (200, 417), (name, code, msg)  # no server error
		assert "deadlock" not in msg.lower() and "Deadlock" not in msg
		if code == 417:
			assert "已被预约" in msg or "already booked" in msg, msg  # a clear conflict message
	statuses = [
		admin.get(f"{URL}/api/resource/Venue Booking/{n}", timeout=30).json()["data"]["status"] for n in names
	]
	assert statuses.count("Approved") == 1 and statuses.count("Requested") == 19
	winner = next(n for n, (c, _) in results.items() if c == 200)
	assert statuses[names.index(winner)] == "Approved"


def test_portal_page_in_chinese_at_phone_width(site_url, demo, venues):
	student = demo["login"]("student")  # zh
	r = student.get(f"{URL}/venue-booking", headers=PHONE, timeout=30)
	assert r.status_code == 200, r.text[:500]
	assert 'name="viewport"' in r.text and "width=device-width" in r.text
	for text in ("预约场地", "查找空闲场地", "本人承诺", "我的预约"):
		assert text in r.text, text
	guest = requests.get(f"{URL}/venue-booking", allow_redirects=False, timeout=30)
	assert guest.status_code in (301, 302, 303) and "login" in guest.headers.get("Location", "")


def test_find_free_request_busy_slots_and_feed(site_url, admin, demo, venues):
	start = _when(days=21, hour=14)
	student = demo["login"]("student")
	r = student.post(
		f"{URL}/api/method/school_office.venues.api.find_free_venues",
		data={
			"starts_on": _fmt(start),
			"ends_on": _fmt(start + timedelta(hours=1)),
			"capacity": 40,
			"equipment": "HTTP Widget",
		},
		timeout=30,
	)
	assert r.status_code == 200, r.text
	assert [v["name"] for v in r.json()["message"]] == [OTHER]
	r = student.post(
		f"{URL}/api/method/school_office.venues.api.request_booking",
		data={
			"venue": VENUE,
			"starts_on": _fmt(start),
			"ends_on": _fmt(start + timedelta(hours=1)),
			"purpose": "Club",
			"event_name": "Student Secret Club",
			"headcount": 20,
			"activity_class": "Student Activity",
			"safety_commitment": 1,
		},
		timeout=30,
	)
	assert r.status_code == 200, r.text
	name = r.json()["message"]["name"]
	staff = demo["login"]("office.staff")
	doc = staff.get(f"{URL}/api/resource/Venue Booking/{name}", timeout=30).json()["data"]
	r = staff.post(
		f"{URL}/api/method/frappe.model.workflow.apply_workflow",
		data={"doc": json.dumps(doc), "action": "Approve"},
		timeout=30,
	)
	assert r.status_code == 200, r.text
	# the venue is no longer free for that time
	r = student.post(
		f"{URL}/api/method/school_office.venues.api.find_free_venues",
		data={"starts_on": _fmt(start), "ends_on": _fmt(start + timedelta(hours=1))},
		timeout=30,
	)
	assert VENUE not in [v["name"] for v in r.json()["message"]]
	# another portal user sees only a busy slot, not the details, and cannot open the booking
	other = demo["login"]("student.en")
	r = other.post(
		f"{URL}/api/method/school_office.venues.api.venue_schedule",
		data={
			"venue": VENUE,
			"start": _fmt(start - timedelta(hours=2)),
			"end": _fmt(start + timedelta(hours=3)),
		},
		timeout=30,
	)
	slots = r.json()["message"]
	assert [s["status"] for s in slots] == ["Busy"] and "Secret" not in r.text
	assert other.get(f"{URL}/api/resource/Venue Booking/{name}", timeout=30).status_code == 403
	assert student.get(f"{URL}/api/resource/Venue Booking/{name}", timeout=30).status_code == 200
	# a student cannot approve
	r = other.post(
		f"{URL}/api/method/frappe.model.workflow.apply_workflow",
		data={"doc": json.dumps(doc), "action": "Approve"},
		timeout=30,
	)
	assert r.status_code in (403, 417)
	# the ICS feed: keyed per user, own bookings in full
	key_url = student.post(f"{URL}/api/method/school_office.venues.api.feed_url", timeout=30).json()[
		"message"
	]["url"]
	ics = requests.get(key_url + VENUE, timeout=30)
	assert ics.status_code == 200 and ics.headers["Content-Type"].startswith("text/calendar")
	assert "BEGIN:VCALENDAR" in ics.text and "Student Secret Club" in ics.text
	other_url = other.post(f"{URL}/api/method/school_office.venues.api.feed_url", timeout=30).json()[
		"message"
	]["url"]
	ics2 = requests.get(other_url + VENUE, timeout=30)
	assert ics2.status_code == 200 and "Secret" not in ics2.text and "BEGIN:VEVENT" in ics2.text
	assert (
		requests.get(
			f"{URL}/api/method/school_office.venues.api.ics",
			params={"venue": VENUE, "key": "wrong"},
			timeout=30,
		).status_code
		== 403
	)


def test_only_office_manager_reallocates(site_url, admin, demo, venues):
	start = _when(days=22, hour=10)
	r = admin.post(
		f"{URL}/api/resource/Venue Booking",
		json={
			"venue": VENUE,
			"starts_on": _fmt(start),
			"ends_on": _fmt(start + timedelta(hours=1)),
			"purpose": "urgent",
			"activity_class": "Other",
			"headcount": 5,
		},
		timeout=30,
	)
	name = r.json()["data"]["name"]
	staff = demo["login"]("office.staff")
	r = staff.post(
		f"{URL}/api/method/school_office.venues.api.reallocate",
		data={"booking": name, "reason": "x"},
		timeout=30,
	)
	assert r.status_code == 403
	manager = demo["login"]("office.manager")
	r = manager.post(
		f"{URL}/api/method/school_office.venues.api.reallocate",
		data={"booking": name, "venue": OTHER, "reason": "leak"},
		timeout=30,
	)
	assert r.status_code == 200, r.text
	assert r.json()["message"]["status"] == "Approved" and r.json()["message"]["venue"] == OTHER


def test_classroom_approved_at_once_then_qr_check_in_from_phone(site_url, admin, demo, venues):
	r = admin.put(f"{URL}/api/resource/Venue/{OTHER}", json={"venue_category": "Classroom"}, timeout=30)
	assert r.status_code == 200, r.text
	from zoneinfo import ZoneInfo

	tz = admin.get(f"{URL}/api/resource/System Settings/System Settings", timeout=30).json()["data"][
		"time_zone"
	]
	start = datetime.now(ZoneInfo(tz)).replace(microsecond=0, tzinfo=None) + timedelta(
		minutes=5
	)  # the site's local time
	student = demo["login"]("student")
	r = student.post(
		f"{URL}/api/method/school_office.venues.api.request_booking",
		data={
			"venue": OTHER,
			"starts_on": _fmt(start),
			"ends_on": _fmt(start + timedelta(hours=1)),
			"purpose": "Study group",
			"headcount": 5,
			"safety_commitment": 1,
		},
		timeout=30,
	)
	assert r.status_code == 200, r.text
	booking = r.json()["message"]
	assert booking["status"] == "Approved" and booking["check_in_url"]
	path = booking["check_in_url"].split("/venue-check-in", 1)[1]
	key = dict(p.split("=", 1) for p in path.lstrip("?").split("&"))["key"]

	def status():
		return admin.get(f"{URL}/api/resource/Venue Booking/{booking['name']}", timeout=30).json()["data"]

	def check_in(session):
		html = session.get(f"{URL}/venue-check-in{path}", headers=PHONE, timeout=30)
		assert html.status_code == 200, html.text[-1000:]
		token = (
			html.text.split('frappe.csrf_token = "', 1)[1].split('"', 1)[0]
			if "frappe.csrf_token" in html.text
			else ""
		)
		return session.post(
			f"{URL}/api/method/school_office.venues.api.check_in",
			data={"booking": booking["name"], "key": key},
			headers={"X-Frappe-CSRF-Token": token, **PHONE},
			timeout=30,
		)

	other = demo["login"]("student.en")
	page = other.get(f"{URL}/venue-check-in{path}", headers=PHONE, timeout=30)
	assert page.status_code == 200 and status()["status"] == "Approved"  # a GET changes nothing
	assert check_in(other).status_code in (403, 417)  # not the holder
	assert status()["status"] == "Approved"
	r = check_in(student)
	assert r.status_code == 200, r.text[-1000:]
	doc = status()
	assert doc["status"] == "Checked In" and doc["checked_in_at"]
	# the desk calendar: own bookings in full for the holder, busy for others
	args = {
		"start": _fmt(start - timedelta(hours=1)),
		"end": _fmt(start + timedelta(hours=2)),
		"filters": json.dumps([["Venue Booking", "venue", "=", OTHER, False]]),
	}
	mine = student.get(
		f"{URL}/api/method/school_office.venues.doctype.venue_booking.venue_booking.get_events",
		params=args,
		timeout=30,
	).json()["message"]
	assert mine[0]["name"] == booking["name"] and "Study group" in mine[0]["title"]
	theirs = other.get(
		f"{URL}/api/method/school_office.venues.doctype.venue_booking.venue_booking.get_events",
		params=args,
		timeout=30,
	).json()["message"]
	assert theirs[0]["name"] is None and "Study group" not in json.dumps(theirs)


def test_requester_cannot_approve_by_editing_status_and_report_runs(site_url, admin, demo, venues):
	start = _when(days=23, hour=15)
	student = demo["login"]("student")
	r = student.post(
		f"{URL}/api/resource/Venue Booking",
		json={
			"venue": VENUE,
			"starts_on": _fmt(start),
			"ends_on": _fmt(start + timedelta(hours=1)),
			"purpose": "sneaky",
			"headcount": 5,
			"status": "Approved",
		},
		timeout=30,
	)
	assert r.status_code in (403, 417), r.text
	r = student.post(
		f"{URL}/api/resource/Venue Booking",
		json={
			"venue": VENUE,
			"starts_on": _fmt(start),
			"ends_on": _fmt(start + timedelta(hours=1)),
			"purpose": "honest",
			"headcount": 5,
		},
		timeout=30,
	)
	assert r.status_code == 200, r.text
	name = r.json()["data"]["name"]
	r = student.put(f"{URL}/api/resource/Venue Booking/{name}", json={"status": "Approved"}, timeout=30)
	assert r.status_code in (403, 417)
	assert (
		admin.get(f"{URL}/api/resource/Venue Booking/{name}", timeout=30).json()["data"]["status"]
		== "Requested"
	)
	staff = demo["login"]("office.staff")
	r = staff.post(
		f"{URL}/api/method/frappe.desk.query_report.run",
		json={
			"report_name": "Venue Utilisation",
			"filters": {
				"from_date": start.strftime("%Y-%m-01"),
				"to_date": start.strftime("%Y-%m-%d"),
				"venue": VENUE,
			},
		},
		timeout=60,
	)
	assert r.status_code == 200, r.text
	rows = r.json()["message"]["result"]
	assert rows and rows[0]["venue"] == VENUE and rows[0]["available_hours"] > 0
	assert (
		student.post(
			f"{URL}/api/method/frappe.desk.query_report.run",
			json={"report_name": "Venue Utilisation", "filters": {}},
			timeout=60,
		).status_code
		== 403
	)
