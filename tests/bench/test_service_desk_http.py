"""The service desk over REST and the desk API, as each role reaches it."""

import json

import requests

from tests.bench.conftest import URL

RES = f"{URL}/api/resource/Service Request"
API = f"{URL}/api/method/school_office.service_desk.api"


def create(session, **values):
	r = session.post(RES, json=values, timeout=60)
	assert r.status_code == 200, r.text
	return r.json()["data"]


def test_walk_in_by_staff_and_who_can_read_it(site_url, demo):
	staff = demo["login"]("office.staff")
	d = demo["domain"]
	doc = create(
		staff,
		subject="HTTP walk-in: lamp broken",
		service_type="Repair Request",
		requester=f"student@{d}",
		area="Teaching Building",
		contact="13800000000",
	)
	assert doc["channel"] == "Window" and doc["status"] == "Open"
	assert doc["name"].startswith("SR-")
	assert doc["service_team"] == "Maintenance" and doc["response_by"] and doc["sla_resolution_by"]

	student = demo["login"]("student")
	assert student.get(f"{RES}/{doc['name']}", timeout=30).status_code == 200  # recorded for them
	teacher = demo["login"]("teacher")
	r = teacher.get(f"{RES}/{doc['name']}", timeout=30)
	assert r.status_code == 403 and "HTTP walk-in" not in r.text
	listed = teacher.get(
		RES, params={"fields": '["name","subject"]', "limit_page_length": 0}, timeout=30
	).json()["data"]
	assert doc["name"] not in {x["name"] for x in listed}
	# a requester cannot work their own request
	r = student.post(f"{API}.accept", data={"name": doc["name"]}, timeout=30)
	assert r.status_code == 403
	r = student.put(f"{RES}/{doc['name']}", json={"status": "Closed"}, timeout=30)
	assert r.status_code == 403


def test_staff_actions_over_the_api(site_url, demo, admin):
	staff = demo["login"]("office.staff")
	doc = create(
		staff, subject="HTTP consultation", service_type="Consultation", requester=f"student@{demo['domain']}"
	)
	r = staff.post(f"{API}.reject", data={"name": doc["name"], "reason": ""}, timeout=30)
	assert r.status_code == 417 and "reason" in r.text.lower()
	r = staff.post(
		f"{API}.request_info", data={"name": doc["name"], "message": "Your student number?"}, timeout=30
	)
	assert r.status_code == 200 and r.json()["message"]["status"] == "Needs Info"
	r = staff.post(f"{API}.accept", data={"name": doc["name"]}, timeout=30)
	assert r.json()["message"]["status"] == "Accepted"
	r = staff.post(f"{API}.resolve", data={"name": doc["name"], "resolution": "Answered"}, timeout=30)
	assert r.json()["message"]["status"] == "Resolved"
	full = admin.get(f"{RES}/{doc['name']}", timeout=30).json()["data"]
	assert full["first_responded_on"] and full["resolved_on"] and full["rating_key"]
	# the requester rates from the link, without logging in
	r = requests.post(f"{API}.rate", data={"name": doc["name"], "key": "nope", "rating": 5}, timeout=30)
	assert r.status_code == 403
	r = requests.post(
		f"{API}.rate",
		data={"name": doc["name"], "key": full["rating_key"], "rating": 5, "comment": "Great"},
		timeout=30,
	)
	assert r.status_code == 200 and r.json()["message"]["rating"] == 5


def test_error_messages_are_translated_for_zh_staff(site_url, demo):
	staff = demo["login"]("office.staff")  # language zh
	doc = create(
		staff,
		subject="HTTP certificate",
		service_type="Certificate Issuance",
		requester=f"student@{demo['domain']}",
	)
	r = staff.post(f"{API}.accept", data={"name": doc["name"]}, timeout=30)
	assert r.status_code == 417
	messages = " ".join(json.loads(m)["message"] for m in json.loads(r.json()["_server_messages"]))
	assert "以下必需材料尚未收到" in messages and "申请表" in messages
