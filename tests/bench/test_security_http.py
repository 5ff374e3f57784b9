"""Tier 3, issue #8: the attacks of a hostile logged-in user, over HTTP, as that user.

A student, a teacher, a clerk without clearance and a plain office staff member try REST,
``run_doc_method``, the portal and the desk's own endpoints. Every attack must fail with a refusal
(403/417 with a message, never a 500) and leave nothing destroyed, read or stored as forged.
"""

import json
import uuid
from datetime import datetime, timedelta

import pytest
import requests

from tests.bench.conftest import SITE, URL, bench, ensure_clerk, login

OD = "Official Document"
SR = "Service Request"
REFUSED = (403, 417)


def call(s, endpoint, **data):
	return s.post(
		f"{URL}/api/method/{endpoint}",
		data={k: v if isinstance(v, str) else json.dumps(v) for k, v in data.items()},
		timeout=120,
	)


def stored(admin, doctype, name):
	r = admin.get(f"{URL}/api/resource/{doctype}/{name}", timeout=60)
	assert r.status_code == 200, r.text[:500]
	return r.json()["data"]


def refused(r, what):
	assert r.status_code in REFUSED, f"{what}: {r.status_code} {r.text[:400]}"


@pytest.fixture(scope="module")
def people(site_url, demo, admin):
	"""The demo users, plus a clerk cleared for Top Secret and one without clearance."""
	tag = uuid.uuid4().hex[:6]
	users = {}
	for key, level in (("cleared", "Top Secret"), ("uncleared", None)):
		users[key] = ensure_clerk(admin, f"sec-{key}@test.school", f"Sec {key}", demo["password"], level)
	sessions = {k: login(v, demo["password"]) for k, v in users.items()}
	for local in ("student", "student.en", "teacher", "office.staff", "office.manager", "school.leader"):
		sessions[local] = demo["login"](local)
		users[local] = f"{local}@{demo['domain']}"
	return {"tag": tag, "users": users, "s": sessions}


def secret_document(admin, tag, level="Secret", **extra):
	r = admin.post(
		f"{URL}/api/resource/{OD}",
		json={
			"direction": "Incoming",
			"title": f"机密HTTP {tag} {uuid.uuid4().hex[:4]}",
			"secret_level": level,
			"source_organization": "市委",
			"pages": 1,
			"body": "<p>secret body text</p>",
			**extra,
		},
		timeout=60,
	)
	assert r.status_code == 200, r.text[:500]
	return r.json()["data"]


# ----------------------------------------------------------------------------- 1. destruction


def test_destroy_through_run_doc_method_with_forged_approval_is_refused(admin, people):
	clerk = people["s"]["cleared"]
	doc = secret_document(admin, people["tag"])
	r = clerk.post(
		f"{URL}/api/resource/Retention Review",
		json={"review_period": "HTTP", "items": [{"official_document": doc["name"], "decision": "Destroy"}]},
		timeout=60,
	)
	assert r.status_code == 200, r.text[:500]
	review = r.json()["data"]
	assert review["status"] == "Draft"
	forged = dict(review, status="Approved", approved_by=people["users"]["school.leader"])
	r = call(clerk, "run_doc_method", docs=json.dumps(forged), method="destroy")
	assert r.status_code in REFUSED, r.text[:500]
	after = stored(admin, OD, doc["name"])
	assert after["status"] != "Destroyed" and "secret body text" in (after["body"] or "")
	assert stored(admin, "Retention Review", review["name"])["status"] == "Draft"
	# writing the status or the approver directly does not approve either
	r = clerk.put(
		f"{URL}/api/resource/Retention Review/{review['name']}",
		json={"status": "Approved", "approved_by": people["users"]["school.leader"]},
		timeout=60,
	)
	now = stored(admin, "Retention Review", review["name"])
	assert now["status"] == "Draft" and not now.get("approved_by")
	r = call(
		clerk,
		"frappe.client.set_value",
		doctype="Retention Review",
		name=review["name"],
		fieldname="status",
		value="Approved",
	)
	assert stored(admin, "Retention Review", review["name"])["status"] == "Draft"
	# a document whose retention has not run out cannot even be submitted for destruction
	r = call(clerk, "run_doc_method", dt="Retention Review", dn=review["name"], method="submit_for_approval")
	assert r.status_code in REFUSED, r.text[:500]
	assert stored(admin, "Retention Review", review["name"])["status"] == "Draft"


def test_rows_cannot_be_added_after_approval(admin, people):
	clerk, leader = people["s"]["cleared"], people["s"]["school.leader"]
	keep = secret_document(admin, people["tag"], level="Public")
	extra = secret_document(admin, people["tag"], level="Public")
	r = clerk.post(
		f"{URL}/api/resource/Retention Review",
		json={"review_period": "HTTP", "items": [{"official_document": keep["name"], "decision": "Keep"}]},
		timeout=60,
	)
	name = r.json()["data"]["name"]
	assert (
		call(
			clerk, "run_doc_method", dt="Retention Review", dn=name, method="submit_for_approval"
		).status_code
		== 200
	)
	r = call(leader, "run_doc_method", dt="Retention Review", dn=name, method="approve")
	assert r.status_code == 200, r.text[:500]
	review = stored(admin, "Retention Review", name)
	assert review["status"] == "Approved"
	items = [*review["items"], {"official_document": extra["name"], "decision": "Destroy"}]
	r = clerk.put(f"{URL}/api/resource/Retention Review/{name}", json={"items": items}, timeout=60)
	refused(r, "adding a row after approval")
	assert [i["official_document"] for i in stored(admin, "Retention Review", name)["items"]] == [
		keep["name"]
	]
	r = call(clerk, "run_doc_method", dt="Retention Review", dn=name, method="destroy")
	assert r.status_code == 200, r.text[:500]
	assert stored(admin, OD, extra["name"])["status"] != "Destroyed"
	assert stored(admin, OD, keep["name"])["status"] != "Destroyed"


# ----------------------------------------------------------------------------- 2-3. 密级 side doors


def test_secret_document_cannot_be_shared_or_assigned_past_clearance(admin, people):
	clerk, staff = people["s"]["cleared"], people["s"]["office.staff"]
	doc = secret_document(admin, people["tag"])
	staff_user = people["users"]["office.staff"]
	refused(
		call(clerk, "frappe.share.add", doctype=OD, name=doc["name"], user=staff_user, read=1),
		"share to a user without clearance",
	)
	refused(
		call(clerk, "frappe.share.add", doctype=OD, name=doc["name"], everyone=1, read=1),
		"share with everyone",
	)
	refused(
		call(
			clerk,
			"frappe.desk.form.assign_to.add",
			doctype=OD,
			name=doc["name"],
			assign_to=json.dumps([staff_user]),
		),
		"assign to a user without clearance",
	)
	assert staff.get(f"{URL}/api/resource/{OD}/{doc['name']}", timeout=60).status_code == 403
	r = staff.get(
		f"{URL}/api/resource/{OD}",
		params={"filters": json.dumps([["name", "=", doc["name"]]])},
		timeout=60,
	)
	assert r.status_code == 200 and r.json()["data"] == []
	# link titles, counts, group-by counts
	r = call(staff, "frappe.desk.search.get_link_title", doctype=OD, docname=doc["name"])
	assert r.status_code == 200 and r.json()["message"] == doc["name"] != doc["title"]
	r = call(clerk, "frappe.desk.search.get_link_title", doctype=OD, docname=doc["name"])
	assert r.json()["message"] == doc["title"]
	r = call(staff, "frappe.client.get_count", doctype=OD, filters=json.dumps({"name": doc["name"]}))
	assert r.status_code == 200 and r.json()["message"] == 0
	# a cleared user may be assigned; the count by assignee then shows only to those who may read it
	r = call(
		clerk,
		"frappe.desk.form.assign_to.add",
		doctype=OD,
		name=doc["name"],
		assign_to=json.dumps([people["users"]["cleared"]]),
	)
	assert r.status_code == 200, r.text[:500]
	args = {"doctype": OD, "current_filters": json.dumps({"name": doc["name"]}), "field": "assigned_to"}
	mine = call(clerk, "frappe.desk.listview.get_group_by_count", **args).json()["message"]
	assert [row["count"] for row in mine] == [1]
	r = call(people["s"]["uncleared"], "frappe.desk.listview.get_group_by_count", **args)
	assert r.status_code == 200 and r.json()["message"] == []


def test_lowered_level_of_clearance_withdraws_a_share(admin, people):
	"""A share given while the document was Public is withdrawn when it is raised to Secret."""
	clerk = people["s"]["cleared"]
	staff_user = people["users"]["office.staff"]
	doc = secret_document(admin, people["tag"], level="Public")
	assert (
		call(clerk, "frappe.share.add", doctype=OD, name=doc["name"], user=staff_user, read=1).status_code
		== 200
	)
	assert (
		people["s"]["office.staff"].get(f"{URL}/api/resource/{OD}/{doc['name']}", timeout=60).status_code
		== 200
	)
	r = admin.put(f"{URL}/api/resource/{OD}/{doc['name']}", json={"secret_level": "Secret"}, timeout=60)
	assert r.status_code == 200, r.text[:500]
	assert (
		people["s"]["office.staff"].get(f"{URL}/api/resource/{OD}/{doc['name']}", timeout=60).status_code
		== 403
	)


def test_mail_of_a_secret_document_goes_only_to_cleared_users(admin, people):
	doc = secret_document(admin, people["tag"])
	r = call(
		people["s"]["cleared"],
		"frappe.core.doctype.communication.email.make",
		doctype=OD,
		name=doc["name"],
		recipients="outsider@example.org",
		subject="fwd",
		content="see attached",
		send_email=0,
	)
	refused(r, "mail to an outside address")


def test_attachments_of_official_documents_are_private(admin, people):
	doc = secret_document(admin, people["tag"])
	r = people["s"]["cleared"].post(
		f"{URL}/api/method/upload_file",
		files={
			"file": (f"note-{uuid.uuid4().hex[:6]}.txt", b"secret attachment " + uuid.uuid4().hex.encode())
		},
		data={"is_private": 0, "doctype": OD, "docname": doc["name"]},
		timeout=60,
	)
	assert r.status_code == 200, r.text[:500]
	f = r.json()["message"]
	assert f["is_private"] == 1 and f["file_url"].startswith("/private/")
	anon = requests.get(f"{URL}{f['file_url']}", timeout=60)
	assert anon.status_code == 403 and b"secret attachment" not in anon.content
	# no public copy is left behind (bench serve answers a missing static file with its debugger page)
	public = requests.get(f"{URL}/files/{f['file_url'].rsplit('/', 1)[1]}", timeout=60)
	assert b"secret attachment" not in public.content


# ----------------------------------------------------------------------------- 4. reflected markup


def test_check_in_page_escapes_the_booking_parameter(site_url, demo):
	payload = "<script>alert(1)</script>"
	# a session of its own: the page puts a CSRF token into the session it renders for
	for s in (demo["login"]("student"), requests.Session()):
		r = s.get(f"{URL}/venue-check-in", params={"booking": payload, "key": payload}, timeout=60)
		assert r.status_code < 500, r.text[:500]
		assert payload not in r.text


# ----------------------------------------------------------------------------- 5-6. forged requests, keys


def test_portal_user_cannot_file_in_anothers_name_or_past_acceptance(admin, people):
	student = people["s"]["student"]
	r = student.post(
		f"{URL}/api/resource/{SR}",
		json={
			"subject": f"forged {people['tag']}",
			"requester": people["users"]["student.en"],
			"status": "Accepted",
			"rating_key": "chosen-by-me",
			"priority": "Urgent",
			"channel": "Window",
			"rating": 5,
			"resolution_details": "solved already",
		},
		timeout=60,
	)
	assert r.status_code == 200, r.text[:500]
	name = r.json()["data"]["name"]
	doc = stored(admin, SR, name)
	assert doc["requester"] == people["users"]["student"]
	assert doc["status"] == "Open" and doc["channel"] == "Portal"
	assert not doc.get("rating") and not doc.get("resolution_details")
	assert doc["priority"] != "Urgent"
	key = bench(
		"--site", SITE, "execute", "frappe.db.get_value", "--args", json.dumps([SR, name, "rating_key"])
	).stdout
	assert "chosen-by-me" not in key
	# the other student cannot read it
	assert people["s"]["student.en"].get(f"{URL}/api/resource/{SR}/{name}", timeout=60).status_code == 403


def test_keys_are_not_readable(admin, people):
	student = people["s"]["student"]
	r = student.post(f"{URL}/api/resource/{SR}", json={"subject": f"keys {people['tag']}"}, timeout=60)
	name = r.json()["data"]["name"]
	for s in (student, people["s"]["office.manager"]):
		data = s.get(f"{URL}/api/resource/{SR}/{name}", timeout=60).json()["data"]
		assert "rating_key" not in data or not data["rating_key"]
		r = s.get(
			f"{URL}/api/resource/{SR}",
			params={
				"fields": json.dumps(["name", "rating_key"]),
				"filters": json.dumps([["name", "=", name]]),
			},
			timeout=60,
		)
		rows = r.json().get("data") or []
		assert all(not row.get("rating_key") for row in rows), rows
	venues = student.get(
		f"{URL}/api/resource/Venue", params={"fields": json.dumps(["name", "check_in_key"])}, timeout=60
	)
	assert venues.status_code == 200 and venues.json()["data"], venues.text[:300]
	assert all(not v.get("check_in_key") for v in venues.json()["data"])
	one = venues.json()["data"][0]["name"]
	assert not student.get(f"{URL}/api/resource/Venue/{one}", timeout=60).json()["data"].get("check_in_key")


def _resolved_request(admin, people):
	student = people["s"]["student"]
	r = student.post(f"{URL}/api/resource/{SR}", json={"subject": f"rate {people['tag']}"}, timeout=60)
	name = r.json()["data"]["name"]
	staff = people["s"]["office.manager"]
	for method, args in (("accept", {}), ("resolve", {"resolution": "done"})):
		r = call(staff, f"school_office.service_desk.api.{method}", name=name, **args)
		assert r.status_code == 200, (method, r.text[:500])
	key = json.loads(
		bench(
			"--site", SITE, "execute", "frappe.db.get_value", "--args", json.dumps([SR, name, "rating_key"])
		).stdout
	)
	return name, key


def test_one_rating_by_the_requester_only(admin, people):
	name, key = _resolved_request(admin, people)
	r = call(people["s"]["student.en"], "school_office.service_desk.api.rate", name=name, key=key, rating=1)
	refused(r, "another user rating with the key")
	r = call(people["s"]["student"], "school_office.service_desk.api.rate", name=name, key="wrong", rating=1)
	refused(r, "wrong key")
	r = call(people["s"]["student"], "school_office.service_desk.api.rate", name=name, key=key, rating=4)
	assert r.status_code == 200, r.text[:500]
	r = call(people["s"]["student"], "school_office.service_desk.api.rate", name=name, key=key, rating=1)
	refused(r, "second rating")
	assert stored(admin, SR, name)["rating"] == 4


def test_staff_cannot_set_status_or_keys_by_set_value(admin, people):
	name, _key = _resolved_request(admin, people)
	staff = people["s"]["office.manager"]
	for field, value in (("status", "Open"), ("rated_on", "2026-01-01 00:00:00"), ("queue_score", 1)):
		call(staff, "frappe.client.set_value", doctype=SR, name=name, fieldname=field, value=value)
	doc = stored(admin, SR, name)
	assert doc["status"] == "Resolved" and not doc.get("rated_on") and doc.get("queue_score") != 1


# ----------------------------------------------------------------------------- 7. approved bookings


def test_holder_cannot_rewrite_an_approved_booking(admin, people):
	venue = f"Sec Room {people['tag']}"
	r = admin.post(
		f"{URL}/api/resource/Venue",
		json={"venue_name": venue, "venue_category": "Classroom", "capacity": 30, "is_bookable": 1},
		timeout=60,
	)
	assert r.status_code == 200, r.text[:500]
	start = (datetime.now() + timedelta(days=30)).replace(hour=10, minute=0, second=0, microsecond=0)
	student = people["s"]["student"]
	r = call(
		student,
		"school_office.venues.api.request_booking",
		venue=venue,
		starts_on=start.strftime("%Y-%m-%d %H:%M:%S"),
		ends_on=(start + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M:%S"),
		purpose="Study",
		headcount=5,
		safety_commitment=1,
	)
	assert r.status_code == 200, r.text[:500]
	booking = r.json()["message"]
	assert booking["status"] == "Approved"
	before = stored(admin, "Venue Booking", booking["name"])
	r = student.put(
		f"{URL}/api/resource/Venue Booking/{booking['name']}",
		json={
			"approved_by": people["users"]["student"],
			"equipment_confirmed": 1,
			"checked_in_at": start.strftime("%Y-%m-%d %H:%M:%S"),
			"requester": people["users"]["student.en"],
		},
		timeout=60,
	)
	assert r.status_code < 500, r.text[:500]
	after = stored(admin, "Venue Booking", booking["name"])
	for field in ("approved_by", "equipment_confirmed", "checked_in_at", "requester"):
		assert after.get(field) == before.get(field), field
	mine = student.get(f"{URL}/api/resource/Venue Booking/{booking['name']}", timeout=60).json()["data"]
	assert not mine.get("check_in_key")


def test_global_search_shows_only_records_one_may_open(admin, people):
	"""Frappe's global search checks only doctype read access; an administrator who adds Service
	Request to Global Search Settings must not open every student's requests to every other."""
	gs_url = f"{URL}/api/resource/Global Search Settings/Global Search Settings"
	settings = admin.get(gs_url, timeout=60).json()["data"]
	rows = settings.get("allowed_in_global_search") or []
	added = not any(r["document_type"] == SR for r in rows)
	if added:
		r = admin.put(gs_url, json={"allowed_in_global_search": [*rows, {"document_type": SR}]}, timeout=60)
		assert r.status_code == 200, r.text[:500]
	try:
		word = f"Searchable{uuid.uuid4().hex[:8]}"
		r = people["s"]["student"].post(
			f"{URL}/api/resource/{SR}", json={"subject": f"{word} leak"}, timeout=60
		)
		assert r.status_code == 200, r.text[:500]
		name = r.json()["data"]["name"]
		bench("--site", SITE, "execute", "frappe.utils.global_search.sync_global_search")

		def hits(s):
			r = call(s, "frappe.utils.global_search.search", text=word, limit=20)
			assert r.status_code == 200, r.text[:300]
			return {h["name"] for h in r.json()["message"]}

		assert name in hits(people["s"]["student"])
		assert name not in hits(people["s"]["student.en"])
		assert name in hits(people["s"]["office.manager"])
	finally:
		if added:
			admin.put(gs_url, json={"allowed_in_global_search": rows}, timeout=60)


def test_requester_cannot_send_mail_from_the_system(admin, people):
	student = people["s"]["student"]
	r = student.post(f"{URL}/api/resource/{SR}", json={"subject": f"relay {people['tag']}"}, timeout=60)
	name = r.json()["data"]["name"]
	r = call(
		student,
		"frappe.core.doctype.communication.email.make",
		doctype=SR,
		name=name,
		recipients="anyone@example.org",
		subject="spam",
		content="spam",
		send_email=1,
	)
	refused(r, "a requester mailing through the school's account")
