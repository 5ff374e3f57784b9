"""Notices over HTTP on a served site with the demo: the review flow as each role, restricted notices on
every path a hostile user tries (REST, counts, link titles, search, portal pages), acknowledgements, the
signage page and its key, and the channel credentials."""

import json
import uuid
from urllib.parse import parse_qs, urlparse

import pytest

from tests.bench.conftest import URL

PHONE = {
	"User-Agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
	"Accept-Language": "zh-CN,zh;q=0.9",
}


def ok(r):
	assert r.status_code == 200, r.text[:800]
	return r.json()


def refused(r):
	assert r.status_code in (403, 417), (r.status_code, r.text[:500])


def with_csrf(session):
	"""Frappe wants the session's CSRF token on POSTs once a page was rendered for the session (as a browser
	does): read it from a page and send it with every request of the session."""
	board = session.get(f"{URL}/notices", timeout=30).text
	# a notice's page makes the session's token (the Confirm Receipt button posts with it)
	first = board.split('data-notice="', 1)[1].split('"', 1)[0]
	text = session.get(f"{URL}/notices/{first}", timeout=30).text
	marker = 'frappe.csrf_token = "'
	if marker in text:
		session.headers["X-Frappe-CSRF-Token"] = text.split(marker, 1)[1].split('"', 1)[0]
	return session


@pytest.fixture(scope="module")
def people(demo):
	return {
		k: with_csrf(demo["login"](k))
		for k in ("office.staff", "office.manager", "school.leader", "teacher", "student", "dept.head")
	}


def department(admin, name):
	r = admin.get(
		f"{URL}/api/resource/Department",
		params={"filters": json.dumps([["department_name", "=", name]]), "limit_page_length": 1},
		timeout=30,
	)
	return ok(r)["data"][0]["name"]


def workflow(session, name, action):
	doc = ok(session.get(f"{URL}/api/resource/Notice/{name}", timeout=30))["data"]
	return session.post(
		f"{URL}/api/method/frappe.model.workflow.apply_workflow",
		json={"doc": doc, "action": action},
		timeout=60,
	)


def draft(session, **kw):
	body = {
		"title": f"HTTP notice {uuid.uuid4().hex[:6]}",
		"body": "<p>HTTP test</p>",
		"notice_type": "General",
	}
	body.update(kw)
	return ok(session.post(f"{URL}/api/resource/Notice", json=body, timeout=60))["data"]


def published(people, **kw):
	doc = draft(people["office.staff"], **kw)
	ok(workflow(people["office.staff"], doc["name"], "Submit for Review"))
	out = ok(workflow(people["office.manager"], doc["name"], "Approve"))["message"]
	if out["status"] == "Pending Sign-off":
		out = ok(workflow(people["school.leader"], doc["name"], "Sign Off"))["message"]
	assert out["status"] == "Published"
	return doc["name"]


def test_forged_state_and_steps_out_of_turn_are_refused(people):
	staff, manager = people["office.staff"], people["office.manager"]
	doc = draft(
		staff,
		status="Published",
		published_by="school.leader@demo.school",
		review_log=[{"action": "Approve", "reviewed_by": "office.manager@demo.school"}],
	)
	assert doc["status"] == "Draft"
	assert not doc.get("published_by") and not doc.get("review_log")
	# PUT a state: refused by the workflow
	refused(staff.put(f"{URL}/api/resource/Notice/{doc['name']}", json={"status": "Published"}, timeout=30))
	ok(workflow(staff, doc["name"], "Submit for Review"))
	refused(workflow(staff, doc["name"], "Approve"))
	refused(
		staff.put(
			f"{URL}/api/resource/Notice/{doc['name']}", json={"title": "changed after submitting"}, timeout=30
		)
	)
	# reject needs a reason; the reason is kept
	refused(workflow(manager, doc["name"], "Reject"))
	out = ok(
		manager.post(
			f"{URL}/api/method/school_office.notices.api.reject",
			json={"notice": doc["name"], "reason": "Wrong date"},
			timeout=60,
		)
	)
	assert out["message"] == "Draft"
	log = ok(manager.get(f"{URL}/api/resource/Notice/{doc['name']}", timeout=30))["data"]["review_log"]
	assert log[-1]["action"] == "Reject" and log[-1]["reason"] == "Wrong date"


def test_major_notice_is_signed_off_by_a_leader(people):
	doc = draft(people["office.staff"], notice_type="Major", title="HTTP holiday notice")
	ok(workflow(people["office.staff"], doc["name"], "Submit for Review"))
	assert (
		ok(workflow(people["office.manager"], doc["name"], "Approve"))["message"]["status"]
		== "Pending Sign-off"
	)
	refused(workflow(people["office.manager"], doc["name"], "Sign Off"))
	assert ok(workflow(people["school.leader"], doc["name"], "Sign Off"))["message"]["status"] == "Published"


def test_a_restricted_notice_is_invisible_outside_its_audience(admin, people):
	academic = department(admin, "Academic Affairs")
	title = f"HTTP restricted {uuid.uuid4().hex[:6]}"
	name = published(people, title=title, audience=[{"audience_type": "Department", "department": academic}])
	teacher, student = people["teacher"], people["student"]
	assert ok(teacher.get(f"{URL}/api/resource/Notice/{name}", timeout=30))["data"]["title"] == title
	assert teacher.get(f"{URL}/notices/{name}", timeout=30).status_code == 200
	assert title in teacher.get(f"{URL}/notices", timeout=30).text

	refused(student.get(f"{URL}/api/resource/Notice/{name}", timeout=30))
	rows = ok(
		student.get(
			f"{URL}/api/resource/Notice",
			params={"limit_page_length": 0, "fields": json.dumps(["name", "title"])},
			timeout=30,
		)
	)["data"]
	assert name not in [r["name"] for r in rows]
	count = ok(
		student.get(
			f"{URL}/api/method/frappe.client.get_count",
			params={"doctype": "Notice", "filters": json.dumps({"name": name})},
			timeout=30,
		)
	)
	assert count["message"] == 0
	link = ok(
		student.get(
			f"{URL}/api/method/frappe.desk.search.get_link_title",
			params={"doctype": "Notice", "docname": name},
			timeout=30,
		)
	)
	assert link["message"] != title
	search = ok(
		student.get(f"{URL}/api/method/frappe.utils.global_search.search", params={"text": title}, timeout=30)
	)
	assert name not in [r.get("name") for r in search.get("message") or []]
	page = student.get(f"{URL}/notices/{name}", timeout=30)
	assert page.status_code == 404 and title not in page.text
	assert title not in student.get(f"{URL}/notices", timeout=30).text
	value = student.get(
		f"{URL}/api/method/frappe.client.get_value",
		params={"doctype": "Notice", "filters": name, "fieldname": "title"},
		timeout=30,
	)
	assert title not in value.text
	# a guest neither
	import requests

	assert title not in requests.get(f"{URL}/notices", timeout=30).text
	refused(requests.get(f"{URL}/api/resource/Notice/{name}", timeout=30))


def test_acknowledgement_by_a_listed_department_only(admin, people):
	academic = department(admin, "Academic Affairs")
	student_affairs = department(admin, "Student Affairs")
	name = published(
		people,
		notice_type="Important",
		requires_acknowledgement=1,
		acknowledgements=[
			{"department": academic, "acknowledged_by": "student@demo.school"},
			{"department": student_affairs},
		],
	)
	doc = ok(people["office.manager"].get(f"{URL}/api/resource/Notice/{name}", timeout=30))["data"]
	assert not any(r.get("acknowledged_by") for r in doc["acknowledgements"]), "a client cannot pre-fill"
	head = people["dept.head"]
	# state changes are POST only
	refused(
		head.get(
			f"{URL}/api/method/school_office.notices.api.acknowledge", params={"notice": name}, timeout=30
		)
	)
	refused(
		people["student"].post(
			f"{URL}/api/method/school_office.notices.api.acknowledge", json={"notice": name}, timeout=30
		)
	)
	assert ok(
		head.post(
			f"{URL}/api/method/school_office.notices.api.acknowledge", json={"notice": name}, timeout=30
		)
	)["message"]["acknowledged"] == [academic]
	refused(
		head.post(
			f"{URL}/api/method/school_office.notices.api.acknowledge", json={"notice": name}, timeout=30
		)
	)
	rows = ok(people["office.manager"].get(f"{URL}/api/resource/Notice/{name}", timeout=30))["data"][
		"acknowledgements"
	]
	assert [r.get("acknowledged_by") for r in rows] == ["dept.head@demo.school", None]
	# and nobody writes the acknowledgement by PUT
	rows[1]["acknowledged_by"] = "office.manager@demo.school"
	manager = people["office.manager"]
	manager.put(f"{URL}/api/resource/Notice/{name}", json={"acknowledgements": rows}, timeout=30)
	rows = ok(manager.get(f"{URL}/api/resource/Notice/{name}", timeout=30))["data"]["acknowledgements"]
	assert rows[1].get("acknowledged_by") is None


def test_updates_only_by_the_office_and_only_by_post(people):
	name = published(people)
	for who in ("student", "teacher"):
		refused(
			people[who].post(
				f"{URL}/api/method/school_office.notices.api.post_update",
				json={"notice": name, "text": "fake"},
				timeout=30,
			)
		)
	refused(
		people["office.staff"].get(
			f"{URL}/api/method/school_office.notices.api.post_update",
			params={"notice": name, "text": "x"},
			timeout=30,
		)
	)
	ok(
		people["office.staff"].post(
			f"{URL}/api/method/school_office.notices.api.post_update",
			json={"notice": name, "text": "HTTP update"},
			timeout=60,
		)
	)
	assert "HTTP update" in people["student"].get(f"{URL}/notices/{name}", timeout=30).text


def test_signage_page_needs_its_key_and_shows_public_screen_notices(admin, people):
	import requests

	manager = people["office.manager"]
	url = ok(
		manager.post(
			f"{URL}/api/method/school_office.notices.api.screen_url",
			json={"screen": "Main Lobby"},
			timeout=30,
		)
	)["message"]
	key = parse_qs(urlparse(url).query)["key"][0]
	staff_url = people["office.staff"].post(
		f"{URL}/api/method/school_office.notices.api.screen_url", json={"screen": "Main Lobby"}, timeout=30
	)
	refused(staff_url)
	evil = '<img src=x onerror="alert(1)">'
	name = published(people, title=f"Screen {evil}", channels=[{"channel": "Screens"}])
	page = requests.get(f"{URL}/notice-screen", params={"screen": "Main Lobby", "key": key}, timeout=30)
	assert page.status_code == 200
	# Frappe stores a Data field's markup escaped; the page escapes again, so no markup is ever live
	assert name in page.text and evil not in page.text and "<img src=x" not in page.text
	bad = requests.get(
		f"{URL}/notice-screen", params={"screen": "Main Lobby", "key": key[:-1] + "x"}, timeout=30
	)
	assert bad.status_code == 403 and name not in bad.text
	feed = requests.get(
		f"{URL}/api/method/school_office.notices.api.screen_feed",
		params={"screen": "Main Lobby", "key": key},
		timeout=30,
	)
	data = ok(feed)["message"]
	assert name in [n["name"] for n in data["notices"]]
	assert data["seconds_per_item"] >= 300
	refused(
		requests.get(
			f"{URL}/api/method/school_office.notices.api.screen_feed",
			params={"screen": "Main Lobby", "key": "nope"},
			timeout=30,
		)
	)
	# the key is not readable over REST, even by the office head
	screen = ok(manager.get(f"{URL}/api/resource/Signage Screen/Main Lobby", timeout=30))["data"]
	assert key not in json.dumps(screen)


def test_board_escapes_and_reads_in_zh_at_phone_width(people):
	evil = "<script>alert('x')</script>"
	name = published(people, title=f"Board {evil}")
	page = people["teacher"].get(f"{URL}/notices", headers=PHONE, timeout=30)
	assert page.status_code == 200
	assert evil not in page.text and "<script>alert" not in page.text
	assert name in page.text
	assert "今日摘要" in page.text or "Today" not in page.text


def test_channel_credentials_and_delivery_log_are_closed(admin, people):
	name = f"HTTP channel {uuid.uuid4().hex[:6]}"
	ok(
		admin.post(
			f"{URL}/api/resource/Collaboration Channel",
			json={
				"channel_name": name,
				"channel_type": "WeCom Robot",
				"robot_credential": "very-secret-key",
				"enabled": 0,
			},
			timeout=30,
		)
	)
	for who in (admin, people["office.manager"]):
		doc = ok(who.get(f"{URL}/api/resource/Collaboration Channel/{name}", timeout=30))["data"]
		assert "very-secret-key" not in json.dumps(doc)
	refused(people["office.staff"].get(f"{URL}/api/resource/Collaboration Channel/{name}", timeout=30))
	refused(people["office.manager"].get(f"{URL}/api/resource/Collaboration Delivery Log", timeout=30))
	people["office.manager"].put(
		f"{URL}/api/resource/Notice Settings/Notice Settings",
		json={"wecom_api_url": "http://evil.example"},
		timeout=30,
	)
	stored = ok(admin.get(f"{URL}/api/resource/Notice Settings/Notice Settings", timeout=30))["data"][
		"wecom_api_url"
	]
	assert stored != "http://evil.example", "only a System Manager points the app at another server"
	admin.delete(f"{URL}/api/resource/Collaboration Channel/{name}", timeout=30)


def test_digests_on_the_web_are_per_reader(admin, people):
	import requests

	academic = department(admin, "Academic Affairs")
	title = f"HTTP digest {uuid.uuid4().hex[:6]}"
	restricted = published(
		people,
		title=title,
		department=academic,
		audience=[{"audience_type": "Department", "department": academic}],
	)
	public = published(people, title=f"{title} for all", department=academic)
	daily = people["teacher"].get(f"{URL}/notice-digest", params={"period": "daily"}, timeout=30)
	assert daily.status_code == 200 and restricted in daily.text and public in daily.text
	weekly = people["student"].get(f"{URL}/notice-digest", params={"period": "weekly"}, timeout=30)
	assert weekly.status_code == 200 and public in weekly.text and restricted not in weekly.text
	assert "教务处" in weekly.text or "Academic Affairs" in weekly.text, (
		"department news grouped by department"
	)
	guest = requests.get(
		f"{URL}/notice-digest", params={"period": "daily"}, allow_redirects=False, timeout=30
	)
	assert guest.status_code in (301, 302, 303) and "/login" in guest.headers.get("Location", "")
