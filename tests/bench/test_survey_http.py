"""The satisfaction survey (SD-13) and the complaint analysis (CF-4) over HTTP, as the demo users use them
and as hostile ones try: forged survey fields, answering twice (also at the same moment), reading the
responses or unpublished results through REST and Frappe's side doors, adopting one's own suggestion, and
the report for the wrong role."""

import json
import secrets
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.bench.conftest import URL

pytestmark = pytest.mark.bench
SUBMIT = f"{URL}/api/method/school_office.service_desk.survey.submit_response"
RESULTS = f"{URL}/api/method/school_office.service_desk.survey.survey_results"
RESPONSE = "Satisfaction Survey Response"
SCALE = ["Very Satisfied", "Satisfied", "Neutral", "Dissatisfied", "Very Dissatisfied"]


def answers(pick="Satisfied"):
	return json.dumps({str(i): pick for i in range(1, 6)})


@pytest.fixture
def survey(site_url, demo):
	manager = demo["login"]("office.manager")
	r = manager.post(
		f"{URL}/api/resource/Satisfaction Survey",
		json={
			"title": f"HTTP survey {secrets.token_hex(3)}",
			"semester": "2026-2027 S1",
			"published": 1,
			# forged: the system's
			"status": "Closed",
			"response_count": 99,
		},
		timeout=60,
	)
	assert r.status_code == 200, r.text[:500]
	doc = r.json()["data"]
	assert (doc["status"], doc["response_count"], len(doc["questions"])) == ("Accepting Answers", 0, 5)
	yield doc["name"], manager
	# off the portal again: the demo's students are not left with the tests' surveys to answer
	manager.put(f"{URL}/api/resource/Satisfaction Survey/{doc['name']}", json={"published": 0}, timeout=60)


def test_answer_once_on_the_portal_and_the_results(site_url, demo, admin, survey):
	name, manager = survey
	student = demo["login"]("student")
	page = student.get(f"{URL}/satisfaction-survey", params={"survey": name}, timeout=60)
	assert page.status_code == 200
	assert "so-survey-form" in page.text and "非常满意" in page.text  # zh demo student
	# the Office Manager (zh) set it up, so its questions are stored in Chinese; an English student reads
	# the standard questions in English
	stored = admin.get(f"{URL}/api/resource/Satisfaction Survey/{name}", timeout=60).json()["data"]
	assert stored["questions"][0]["question"] == "您对工作人员的服务态度是否满意？"
	english = demo["login"]("student.en").get(
		f"{URL}/satisfaction-survey", params={"survey": name}, timeout=60
	)
	assert "Very Satisfied" in english.text and "service attitude" in english.text, english.text[-2000:]
	assert "非常满意" not in english.text
	# GET does not answer
	assert student.get(SUBMIT, params={"survey": name, "answers": answers()}, timeout=60).status_code in (
		403,
		405,
	)
	r = student.post(
		SUBMIT, data={"survey": name, "answers": answers(), "open_answer": "more seats"}, timeout=60
	)
	assert r.status_code == 200, r.text[:300]
	again = student.post(SUBMIT, data={"survey": name, "answers": answers("Neutral")}, timeout=60)
	assert again.status_code == 417 and ("already" in again.text.lower() or "已参加" in again.text), (
		again.text[:300]
	)
	page = student.get(f"{URL}/satisfaction-survey", params={"survey": name}, timeout=60)
	assert "so-survey-done" in page.text and "so-survey-form" not in page.text
	# a foreign answer is refused, nothing saved
	teacher = demo["login"]("teacher")
	bad = teacher.post(SUBMIT, data={"survey": name, "answers": json.dumps({"1": "<b>x</b>"})}, timeout=60)
	assert bad.status_code == 417, bad.text[:300]
	# results: not before they are published, except for the office
	assert student.get(RESULTS, params={"survey": name}, timeout=60).status_code == 403
	assert "so-survey-figures" not in student.get(f"{URL}/survey-results?survey={name}", timeout=60).text
	office = manager.get(RESULTS, params={"survey": name}, timeout=60).json()["message"]
	assert office["responses"] == 1 and office["open_answers"][0]["open_answer"] == "more seats"
	assert (
		manager.put(
			f"{URL}/api/resource/Satisfaction Survey/{name}", json={"results_published": 1}, timeout=60
		).status_code
		== 200
	)
	public = student.get(RESULTS, params={"survey": name}, timeout=60).json()["message"]
	assert (public["responses"], public["average_score"], public["satisfaction_rate"]) == (1, 75.0, 100.0)
	assert "open_answers" not in public
	page = student.get(f"{URL}/survey-results?survey={name}", timeout=60)
	assert "so-survey-figures" in page.text and "more seats" not in page.text
	# guests are sent to the login page
	import requests

	guest = requests.get(f"{URL}/satisfaction-survey?survey={name}", allow_redirects=False, timeout=60)
	assert guest.status_code in (301, 302, 303) and "/login" in guest.headers["Location"]
	assert requests.post(SUBMIT, data={"survey": name, "answers": answers()}, timeout=60).status_code == 403


def test_two_submissions_at_the_same_moment_make_one_response(site_url, demo, admin, survey):
	name, _manager = survey
	users = [demo["login"]("teacher"), demo["login"]("student.en")]

	def post(session):
		return session.post(SUBMIT, data={"survey": name, "answers": answers()}, timeout=120).status_code

	with ThreadPoolExecutor(max_workers=8) as pool:
		codes = list(pool.map(post, [u for u in users for _ in range(4)]))
	assert codes.count(200) == 2, codes
	assert set(codes) <= {200, 417}, codes
	count = admin.get(
		f"{URL}/api/method/frappe.client.get_count",
		params={"doctype": RESPONSE, "filters": json.dumps({"survey": name})},
		timeout=60,
	).json()["message"]
	assert count == 2
	stored = admin.get(f"{URL}/api/resource/Satisfaction Survey/{name}", timeout=60).json()["data"]
	assert stored["response_count"] == 2


def test_responses_stay_closed_to_students_and_staff(site_url, demo, admin, survey):
	name, manager = survey
	student = demo["login"]("student")
	assert student.post(SUBMIT, data={"survey": name, "answers": answers()}, timeout=60).status_code == 200
	staff = demo["login"]("office.staff")
	for who in (student, staff):
		assert who.get(f"{URL}/api/resource/{RESPONSE}", timeout=60).status_code == 403
		r = who.get(
			f"{URL}/api/method/frappe.client.get_count",
			params={"doctype": RESPONSE, "filters": json.dumps({"survey": name})},
			timeout=60,
		)
		assert r.status_code == 403
		r = who.get(
			f"{URL}/api/method/frappe.desk.search.search_link",
			params={"doctype": RESPONSE, "txt": ""},
			timeout=60,
		)
		assert r.status_code == 403 or r.json().get("message") == [], r.text[:300]
		forged = who.post(
			f"{URL}/api/resource/{RESPONSE}",
			json={
				"survey": name,
				"respondent_key": "x",
				"answers": [{"question_no": 1, "answer": "Neutral"}],
			},
			timeout=60,
		)
		assert forged.status_code == 403
	# the student cannot edit the survey, nor count its responses up
	r = student.post(
		f"{URL}/api/method/frappe.client.set_value",
		data={"doctype": "Satisfaction Survey", "name": name, "fieldname": "results_published", "value": 1},
		timeout=60,
	)
	assert r.status_code == 403
	# the manager reads the response, which names nobody (anonymous survey)
	rows = manager.get(
		f"{URL}/api/resource/{RESPONSE}",
		params={
			"filters": json.dumps({"survey": name}),
			"fields": json.dumps(["name", "respondent", "owner"]),
		},
		timeout=60,
	).json()["data"]
	assert [(r["respondent"], r["owner"]) for r in rows] == [(None, "Guest")]
	full = manager.get(f"{URL}/api/resource/{RESPONSE}/{rows[0]['name']}", timeout=60).json()["data"]
	assert "respondent_key" not in full or not full["respondent_key"]


def test_adopted_suggestions_and_the_complaint_analysis(site_url, demo, admin):
	student = demo["login"]("student")
	tag = secrets.token_hex(3)
	r = student.post(
		f"{URL}/api/method/school_office.service_desk.portal.submit_request",
		data={
			"service_type": "Suggestion",
			"subject": f"HTTP suggestion {tag} from Sun, phone 139",
			"description": "Longer library hours",
			"problem_type": "Facilities",
			"contact": "139 0000 0000",
			"adopted": 1,
			"publish_adoption": 1,
			"public_summary": "forged",
		},
		timeout=60,
	)
	assert r.status_code == 200, r.text[:300]
	name = r.json()["message"]["name"]
	stored = admin.get(f"{URL}/api/resource/Service Request/{name}", timeout=60).json()["data"]
	assert (stored["feedback_nature"], stored["adopted"], stored["publish_adoption"]) == ("Suggestion", 0, 0)
	# office staff of the team cannot adopt (level 4 is the Office Manager's): the value stays
	staff = demo["login"]("office.staff")
	staff.post(
		f"{URL}/api/method/frappe.client.set_value",
		data={"doctype": "Service Request", "name": name, "fieldname": "adopted", "value": 1},
		timeout=60,
	)
	assert admin.get(f"{URL}/api/resource/Service Request/{name}", timeout=60).json()["data"]["adopted"] == 0
	manager = demo["login"]("office.manager")
	summary = f"Longer library hours {tag}"
	r = manager.put(
		f"{URL}/api/resource/Service Request/{name}",
		json={
			"adopted": 1,
			"public_summary": summary,
			"adoption_result": "Open until 22:30 from March",
			"publish_adoption": 1,
			"adoption_published_on": "2001-01-01 00:00:00",
		},
		timeout=60,
	)
	assert r.status_code == 200, r.text[:300]
	assert r.json()["data"]["adoption_published_on"] > "2020"
	import requests

	page = requests.get(f"{URL}/adopted-suggestions", timeout=60)  # published: guests see it
	assert page.status_code == 200 and summary in page.text
	assert f"HTTP suggestion {tag}" not in page.text and "139 0000" not in page.text
	params = {"report_name": "Complaint Analysis", "filters": json.dumps({"period": "Year"})}
	r = manager.get(f"{URL}/api/method/frappe.desk.query_report.run", params=params, timeout=120)
	assert r.status_code == 200, r.text[:300]
	rows = r.json()["message"]["result"]
	assert sum(row["adopted"] for row in rows) >= 1
	for who in (staff, student):
		assert (
			who.get(f"{URL}/api/method/frappe.desk.query_report.run", params=params, timeout=60).status_code
			== 403
		)
