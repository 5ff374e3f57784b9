"""Service quality and inspections over HTTP, as the demo users and as hostile ones: who reads the KPIs,
forged inspector / verification on a round, the verification endpoint (POST only, the inspector only),
audits and rosters written only by the Office Manager."""

import json

import pytest

from tests.bench.conftest import URL

pytestmark = pytest.mark.bench
TEMPLATE = "Public Area Daily Patrol"


def _round(session, **values):
	body = {
		"template": TEMPLATE,
		"results": [
			{
				"item": "Corridors and stairs clean and unobstructed",
				"result": "Fail",
				"note": "HTTP: bin blocks stair 1",
			},
			{"item": "Lighting works", "result": "Pass"},
			{"item": "Fire exits and extinguishers", "result": "Pass"},
			{"item": "Toilets clean and supplied", "result": "Pass"},
			{"item": "No water leaks or damage", "result": "Pass"},
		],
		**values,
	}
	return session.post(f"{URL}/api/resource/Inspection Round", json=body, timeout=60)


def test_kpis_for_the_office_manager_only(site_url, demo):
	params = {"report_name": "Service Desk KPIs", "filters": json.dumps({})}
	manager = demo["login"]("office.manager")
	r = manager.get(f"{URL}/api/method/frappe.desk.query_report.run", params=params, timeout=120)
	assert r.status_code == 200, r.text[:300]
	assert [c["fieldname"] for c in r.json()["message"]["columns"]][4:] == [
		"on_time_rate",
		"operator_error_rate",
		"first_contact_resolution_rate",
		"average_handling_minutes",
		"resolution_rate",
		"repeat_inquiry_rate",
	]
	for who in ("office.staff", "student"):
		s = demo["login"](who)
		assert (
			s.get(f"{URL}/api/method/frappe.desk.query_report.run", params=params, timeout=60).status_code
			== 403
		)
		card = s.post(f"{URL}/api/method/school_office.service_desk.quality.on_time_rate_card", timeout=60)
		assert card.status_code == 403, card.text[:300]


def test_round_forged_fields_and_rectification(site_url, demo, admin):
	staff = demo["login"]("office.staff")
	student = demo["login"]("student")
	assert _round(student).status_code == 403
	department = admin.get(
		f"{URL}/api/resource/Department", params={"filters": json.dumps([["is_group", "=", 0]])}, timeout=60
	).json()["data"][0]["name"]
	r = _round(
		staff,
		inspector=f"office.manager@{demo['domain']}",
		findings=[
			{
				"description": "HTTP: light out in corridor",
				"severity": "Major",
				"responsible_department": department,
				"rectification_status": "Verified",
				"verified_by": f"office.manager@{demo['domain']}",
			}
		],
	)
	assert r.status_code == 200, r.text[:500]
	doc = r.json()["data"]
	assert doc["inspector"] == f"office.staff@{demo['domain']}"
	assert [f.get("rectification_status") for f in doc["findings"]] == [None, None]
	assert doc["findings"][1]["description"] == "HTTP: bin blocks stair 1"
	# the auto finding needs someone responsible before the round can be handed in
	doc["findings"][1]["responsible_department"] = department
	r = staff.put(
		f"{URL}/api/resource/Inspection Round/{doc['name']}", json={"findings": doc["findings"]}, timeout=60
	)
	assert r.status_code == 200, r.text[:500]
	r = staff.post(f"{URL}/api/method/frappe.client.submit", json={"doc": r.json()["data"]}, timeout=120)
	assert r.status_code == 200, r.text[:500]
	findings = r.json()["message"]["findings"]
	assert all(f["rectification"] and f["rectification_status"] == "Open" for f in findings)
	request = findings[0]["rectification"]
	# the student cannot read the rectification request
	assert student.get(f"{URL}/api/resource/Service Request/{request}", timeout=60).status_code == 403
	verify = f"{URL}/api/method/school_office.inspections.rectification.verify"
	# GET changes nothing; another staff member is refused; not rectified yet
	assert staff.get(verify, params={"finding": findings[0]["name"]}, timeout=60).status_code in (403, 405)
	other = demo["login"]("print.staff")
	assert other.post(verify, data={"finding": findings[0]["name"]}, timeout=60).status_code == 403
	r = staff.post(verify, data={"finding": findings[0]["name"]}, timeout=60)
	assert r.status_code == 417, r.text[:300]
	# a submitted round's findings cannot be marked verified by a PUT
	r = staff.put(
		f"{URL}/api/resource/Inspection Round/{doc['name']}",
		json={"findings": [{**findings[0], "rectification_status": "Verified"}]},
		timeout=60,
	)
	stored = admin.get(f"{URL}/api/resource/Inspection Round/{doc['name']}", timeout=60).json()["data"]
	assert stored["findings"][0]["rectification_status"] == "Open"


def test_audits_and_rosters_written_by_the_office_manager_only(site_url, demo, admin):
	staff = demo["login"]("office.staff")
	assert (
		staff.post(f"{URL}/api/resource/Service Audit", json={"month": "2016-02"}, timeout=60).status_code
		== 403
	)
	admin.delete(f"{URL}/api/resource/Service Audit/SA-2016-03", timeout=60)
	manager = demo["login"]("office.manager")
	r = manager.post(
		f"{URL}/api/resource/Service Audit",
		json={"month": "2016-03", "status": "Completed", "seed": "mine"},
		timeout=120,
	)
	assert r.status_code == 200, r.text[:300]
	assert (r.json()["data"]["status"], r.json()["data"]["seed"] != "mine") == ("Draft", True)
	r = staff.post(
		f"{URL}/api/method/run_doc_method",
		data={"dt": "Service Audit", "dn": "SA-2016-03", "method": "complete"},
		timeout=60,
	)
	assert r.status_code == 403, r.text[:300]
	r = staff.post(
		f"{URL}/api/resource/Service Roster", json={"service_team": "Print Room", "slots": []}, timeout=60
	)
	assert r.status_code == 403, r.text[:300]
