"""The requester's portal over HTTP: pages in zh/en at phone width, submit with files, not-permitted
detail, rating link for guests, and 50 parallel submissions that all land with distinct numbers."""

import base64
import uuid
from concurrent.futures import ThreadPoolExecutor

import requests

from tests.bench.conftest import URL, login

PHONE = {
	"User-Agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"
}
SUBMIT = f"{URL}/api/method/school_office.service_desk.portal.submit_request"
REPLY = f"{URL}/api/method/school_office.service_desk.portal.add_reply"


def csrf(session) -> str:
	"""Frappe wants the session's CSRF token on POSTs from a browser session; it is in every page."""
	html = session.get(f"{URL}/my-requests", timeout=30).text
	marker = 'frappe.csrf_token = "'
	start = html.index(marker) + len(marker)
	return html[start : html.index('"', start)]


def post(session, url, **kw):
	return session.post(
		url, headers={"X-Frappe-CSRF-Token": csrf(session), "Accept": "application/json"}, timeout=60, **kw
	)


def test_guest_is_sent_to_login(site_url, demo):
	for page in ("/service-request", "/my-requests"):
		r = requests.get(f"{URL}{page}", allow_redirects=False, timeout=30)
		assert r.status_code in (301, 302), (page, r.status_code)
		assert "/login" in r.headers["Location"]


def test_new_request_page_in_chinese_at_phone_width(site_url, demo):
	s = demo["login"]("student")  # zh
	r = s.get(f"{URL}/service-request", headers=PHONE, timeout=30)
	assert r.status_code == 200
	for text in (
		"新建服务申请",
		"所需材料",
		"提交申请",
		"报修",
		'name="viewport"',
		"width=device-width",
		"service_portal.css",
	):
		assert text in r.text, text
	css = requests.get(f"{URL}/assets/school_office/css/service_portal.css", timeout=30)
	assert css.status_code == 200 and "@media" in css.text
	assert requests.get(f"{URL}/assets/school_office/js/service_portal.js", timeout=30).status_code == 200


def test_new_request_page_in_english(site_url, demo):
	s = demo["login"]("student.en")
	r = s.get(f"{URL}/service-request", timeout=30)
	assert r.status_code == 200
	for text in (
		"New Service Request",
		"Required Materials",
		"Submit Request",
		"Repair Request",
		"Leave Slip",
	):
		assert text in r.text, text


def test_submit_with_file_then_detail_and_not_permitted(site_url, demo):
	student = demo["login"]("student")
	subject = f"HTTP portal {uuid.uuid4().hex[:8]}"
	r = post(
		student,
		SUBMIT,
		data={"service_type": "Repair Request", "subject": subject, "requester": "teacher@demo.school"},
		files={
			"material:2": (
				"fault.png",
				base64.b64decode(
					"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
				),
				"image/png",
			)
		},
	)
	assert r.status_code == 200, r.text
	name = r.json()["message"]["name"]
	detail = student.get(f"{URL}/my-requests/{name}", headers=PHONE, timeout=30)
	assert detail.status_code == 200 and subject in detail.text and "fault.png" in detail.text
	assert "办理进度" in detail.text  # zh timeline heading
	listing = student.get(f"{URL}/my-requests", timeout=30).text
	assert name in listing
	# the requester sent by the client was ignored
	admin = login("Administrator", "admin")
	doc = admin.get(f"{URL}/api/resource/Service Request/{name}", timeout=30).json()["data"]
	assert doc["requester"] == "student@demo.school" and doc["channel"] == "Portal"
	# another person: not permitted, never the content
	teacher = demo["login"]("teacher")
	other = teacher.get(f"{URL}/my-requests/{name}", timeout=30)
	assert other.status_code == 403 and subject not in other.text
	assert name not in teacher.get(f"{URL}/my-requests", timeout=30).text
	r = post(teacher, REPLY, data={"name": name, "message": "not mine"})
	assert r.status_code == 403
	# the requester supplements; a refused file is refused with a clear message
	r = post(
		student,
		REPLY,
		data={"name": name, "message": "more"},
		files={"files": ("x.exe", b"MZ", "application/octet-stream")},
	)
	assert r.status_code == 417 and "x.exe" in r.text
	r = post(student, REPLY, data={"name": name, "message": "Here is more information"})
	assert r.status_code == 200, r.text
	assert "Here is more information" in student.get(f"{URL}/my-requests/{name}", timeout=30).text


def test_portal_refuses_bad_attachment_over_http(site_url, demo):
	s = demo["login"]("student.en")
	subject = f"HTTP refused {uuid.uuid4().hex[:8]}"
	r = post(
		s,
		SUBMIT,
		data={"service_type": "Repair Request", "subject": subject},
		files={"files": ("big.pdf", b"%PDF-1.4\n" + b"0" * (6 * 1024 * 1024), "application/pdf")},
	)
	assert r.status_code == 417
	assert "big.pdf" in r.text and "5" in r.text
	admin = login("Administrator", "admin")
	found = admin.get(
		f"{URL}/api/resource/Service Request",
		params={"filters": f'[["subject","=","{subject}"]]'},
		timeout=30,
	).json()["data"]
	assert found == []


def test_feedback_page_for_guest(site_url, demo):
	r = requests.get(f"{URL}/service-feedback?request=SR-1999-00001&key=nope", headers=PHONE, timeout=30)
	assert r.status_code == 200
	assert "not valid" in r.text and 'name="viewport"' in r.text
	r = requests.post(
		f"{URL}/api/method/school_office.service_desk.api.rate",
		data={"name": "SR-1999-00001", "key": "nope", "rating": 5},
		timeout=30,
	)
	assert r.status_code == 403


def test_fifty_parallel_submissions(site_url, demo):
	users = ["student", "teacher", "student.en"]
	sessions = []
	for i in range(50):
		s = demo["login"](users[i % 3])
		sessions.append((s, csrf(s)))
	run = uuid.uuid4().hex[:8]

	def submit(i):
		s, token = sessions[i]
		r = s.post(
			SUBMIT,
			data={
				"service_type": "Repair Request",
				"subject": f"Parallel {run} #{i:02d}",
				"description": "load test",
			},
			headers={"X-Frappe-CSRF-Token": token, "Accept": "application/json"},
			timeout=120,
		)
		return r.status_code, r.json().get("message", {}).get("name") if r.status_code == 200 else r.text[
			:500
		]

	with ThreadPoolExecutor(max_workers=50) as pool:
		results = list(pool.map(submit, range(50)))
	failed = [r for r in results if r[0] != 200]
	assert not failed, failed
	names = [r[1] for r in results]
	assert len(set(names)) == 50
	admin = login("Administrator", "admin")
	stored = admin.get(
		f"{URL}/api/resource/Service Request",
		params={
			"filters": f'[["subject","like","Parallel {run} #%"]]',
			"fields": '["name","subject","requester","channel"]',
			"limit_page_length": 100,
		},
		timeout=60,
	).json()["data"]
	assert sorted(d["name"] for d in stored) == sorted(names)
	assert {d["channel"] for d in stored} == {"Portal"}
	assert len({d["subject"] for d in stored}) == 50
