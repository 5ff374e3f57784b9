"""Campus Assets over HTTP on a served site, as the demo users and as hostile ones: the guarded scrap
endpoint, forged states on Asset Disposal / Asset Transfer, a transfer's movement submitted past its
approvals, who lists which assets, the label sheet PDF and the phone scan page (GET changes nothing)."""

import json
import re
import uuid

import pytest

from tests.bench.conftest import URL

PHONE = {
	"User-Agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"
}
SCRAP = "/api/method/erpnext.assets.doctype.asset.depreciation.scrap_asset"


def _logistics(admin):
	r = admin.get(
		f"{URL}/api/resource/Department",
		params={"filters": json.dumps([["department_name", "=", "Logistics"]]), "limit_page_length": 1},
		timeout=30,
	)
	return r.json()["data"][0]["name"]


def _company(admin):
	return admin.get(f"{URL}/api/resource/Company", params={"limit_page_length": 1}, timeout=30).json()[
		"data"
	][0]["name"]


@pytest.fixture()
def asset(admin, demo):
	"""A fresh submitted printer of Logistics (the demo asset administrator's department)."""
	r = admin.post(
		f"{URL}/api/resource/Asset",
		json={
			"asset_name": f"HTTP Printer {uuid.uuid4().hex[:6]}",
			"asset_classification": "2010601",
			"company": _company(admin),
			"location": "Meeting Room 201",
			"department": _logistics(admin),
			"purchase_date": "2025-09-01",
			"available_for_use_date": "2025-09-01",
			"gross_purchase_amount": 1500,
			"purchase_amount": 1500,
			"is_existing_asset": 1,
		},
		timeout=60,
	)
	assert r.status_code == 200, r.text[:800]
	doc = r.json()["data"]
	r = admin.post(f"{URL}/api/method/frappe.client.submit", json={"doc": doc}, timeout=60)
	assert r.status_code == 200, r.text[:800]
	return r.json()["message"]


def _status(admin, name):
	return admin.get(f"{URL}/api/resource/Asset/{name}", timeout=30).json()["data"]["status"]


def test_scrap_endpoint_refuses_everyone_without_an_approved_disposal(admin, demo, asset):
	for local in ("student", "office.staff", "asset.admin", "office.manager"):
		s = demo["login"](local)
		r = s.post(f"{URL}{SCRAP}", data={"asset_name": asset["name"]}, timeout=60)
		assert r.status_code == 403, (local, r.status_code, r.text[:300])
	assert _status(admin, asset["name"]) == "Submitted"


def test_disposal_forged_state_then_approval_then_scrap(admin, demo, asset):
	keeper = demo["login"]("asset.admin")
	r = keeper.post(
		f"{URL}/api/resource/Asset Disposal",
		json={
			"reason": "Broken",
			"status": "Approved",
			"approved_by": "asset.admin@demo.school",
			"items": [{"asset": asset["name"], "scrapped": 1}],
		},
		timeout=60,
	)
	assert r.status_code == 200, r.text[:500]
	d = r.json()["data"]
	assert d["status"] == "Requested" and not d.get("approved_by") and not d["items"][0]["scrapped"]
	# the requester cannot approve, nor rewrite the request
	r = keeper.post(
		f"{URL}/api/method/school_office.campus_assets.api.approve_disposal", data={"name": d["name"]}
	)
	assert r.status_code == 403
	r = keeper.put(f"{URL}/api/resource/Asset Disposal/{d['name']}", json={"reason": "x"}, timeout=60)
	assert r.status_code in (403, 417), r.status_code
	manager = demo["login"]("office.manager")
	r = manager.post(
		f"{URL}/api/method/school_office.campus_assets.api.approve_disposal", data={"name": d["name"]}
	)
	assert r.status_code == 200, r.text[:500]
	# now the Asset form's own Scrap button (the guarded endpoint) goes through ERPNext
	r = keeper.post(f"{URL}{SCRAP}", data={"asset_name": asset["name"]}, timeout=120)
	assert r.status_code == 200, r.text[:800]
	assert _status(admin, asset["name"]) == "Scrapped"


def test_stocktake_department_rows_cannot_be_forged(admin, demo, asset):
	manager = demo["login"]("office.manager")
	r = manager.post(
		f"{URL}/api/resource/Asset Stocktake",
		json={
			"title": "HTTP forged sign-off",
			"stocktake_type": "Annual",
			"company": _company(admin),
			"planned_on": "2026-12-01",
			"due_by": "2026-12-31",
			"status": "Completed",
			"loss_rate": 0,
			"departments": [
				{"department": _logistics(admin), "signed_off_by": "asset.admin@demo.school", "missing": 0}
			],
			"lines": [{"asset": asset["name"], "result": "Found"}],
		},
		timeout=60,
	)
	assert r.status_code == 200, r.text[:500]
	d = r.json()["data"]
	assert d["status"] == "Draft" and not d["lines"]
	assert not d["departments"][0].get("signed_off_by")
	admin.delete(f"{URL}/api/resource/Asset Stocktake/{d['name']}", timeout=30)


def test_transfer_forged_state_and_movement_not_submittable_past_approvals(admin, demo, asset):
	keeper = demo["login"]("asset.admin")
	r = keeper.post(
		f"{URL}/api/resource/Asset Transfer",
		json={
			"asset": asset["name"],
			"to_department": _logistics(admin),
			"to_location": "Meeting Room 305",
			"reason": "Room swap",
			"status": "Approved",
			"source_approved_by": "asset.admin@demo.school",
		},
		timeout=60,
	)
	assert r.status_code == 200, r.text[:500]
	t = r.json()["data"]
	assert t["status"] == "Pending Source Approval" and not t.get("source_approved_by")
	movement = admin.get(f"{URL}/api/resource/Asset Movement/{t['asset_movement']}", timeout=30).json()[
		"data"
	]
	for local in ("office.manager", "asset.admin"):
		s = demo["login"](local)
		r = s.post(f"{URL}/api/method/frappe.client.submit", json={"doc": movement}, timeout=60)
		assert r.status_code in (403, 417), (local, r.status_code, r.text[:300])
	assert admin.get(f"{URL}/api/resource/Asset Movement/{movement['name']}").json()["data"]["docstatus"] == 0
	# a student cannot approve it
	r = demo["login"]("student").post(
		f"{URL}/api/method/school_office.campus_assets.api.approve_transfer", data={"name": t["name"]}
	)
	assert r.status_code == 403
	r = keeper.put(f"{URL}/api/resource/Asset Transfer/{t['name']}", json={"to_location": "Auditorium"})
	assert r.status_code in (403, 417)


def test_who_lists_which_assets(admin, demo, asset):
	keeper = demo["login"]("asset.admin")
	rows = keeper.get(
		f"{URL}/api/resource/Asset",
		params={"fields": json.dumps(["name", "department"]), "limit_page_length": 0},
	).json()["data"]
	assert asset["name"] in {r["name"] for r in rows}
	assert {r["department"] for r in rows} == {_logistics(admin)}
	office_printer = admin.get(
		f"{URL}/api/resource/Asset", params={"filters": json.dumps([["asset_name", "=", "Office Printer 1"]])}
	).json()["data"]
	if office_printer:  # a General Office asset of the demo
		r = keeper.get(f"{URL}/api/resource/Asset/{office_printer[0]['name']}")
		assert r.status_code == 403
	r = demo["login"]("student").get(f"{URL}/api/resource/Asset", timeout=30)
	assert r.status_code == 403
	# the number is the system's: a forged one over REST is not stored
	r = keeper.put(f"{URL}/api/resource/Asset/{asset['name']}", json={"school_asset_number": "FORGED"})
	assert r.status_code in (403, 417)
	got = admin.get(f"{URL}/api/resource/Asset/{asset['name']}").json()["data"]["school_asset_number"]
	assert got == asset["school_asset_number"] and got.startswith("2010601-")


def test_label_sheet_pdf(admin, demo, asset):
	keeper = demo["login"]("asset.admin")
	r = keeper.get(
		f"{URL}/api/method/school_office.campus_assets.labels.label_sheet",
		params={"assets": json.dumps([asset["name"]])},
		timeout=120,
	)
	assert r.status_code == 200, r.text[:300]
	assert r.headers["Content-Type"].startswith("application/pdf")
	assert r.content.startswith(b"%PDF")
	r = demo["login"]("student").get(
		f"{URL}/api/method/school_office.campus_assets.labels.label_sheet",
		params={"assets": json.dumps([asset["name"]])},
		timeout=60,
	)
	assert r.status_code == 403


def test_scan_page_at_phone_width_in_zh_get_changes_nothing(admin, demo, asset):
	import requests

	r = requests.get(f"{URL}/asset-scan", params={"asset": asset["name"]}, allow_redirects=False, timeout=30)
	assert r.status_code in (301, 302, 303) and "/login" in r.headers["Location"]
	manager = demo["login"]("office.manager")
	r = manager.get(f"{URL}/asset-scan", params={"asset": asset["name"]}, headers=PHONE, timeout=60)
	assert r.status_code == 200
	assert "扫描资产" in r.text and asset["asset_name"] in r.text and 'name="viewport"' in r.text
	assert not admin.get(f"{URL}/api/resource/Asset/{asset['name']}").json()["data"].get("last_seen_on")
	# the page's own POST: with the CSRF token the page carries
	csrf = re.search(r'var csrf = "([^"]+)"', r.text).group(1)
	r = manager.post(
		f"{URL}/api/method/school_office.campus_assets.api.record_scan",
		data={"asset": asset["name"], "location": "Meeting Room 305"},
		headers={"X-Frappe-CSRF-Token": csrf},
		timeout=60,
	)
	assert r.status_code == 200, r.text[:300]
	got = admin.get(f"{URL}/api/resource/Asset/{asset['name']}").json()["data"]
	assert (
		got["last_seen_by"] == "office.manager@demo.school"
		and got["last_seen_location"] == "Meeting Room 305"
	)
	# GET of the scan method is refused (state changes only by POST); markup in the URL is escaped
	r = manager.get(
		f"{URL}/api/method/school_office.campus_assets.api.record_scan", params={"asset": asset["name"]}
	)
	assert r.status_code in (403, 405)
	r = manager.get(f"{URL}/asset-scan", params={"asset": "<script>alert(1)</script>"}, timeout=30)
	assert r.status_code == 200 and "<script>alert(1)</script>" not in r.text
