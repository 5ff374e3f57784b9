"""Office Supplies over HTTP on a served site, as the users themselves (and as a hostile user would try):
the three-quote rule refusing a Purchase Order over REST, the exception only the Office Manager grants, print
jobs with forged fields, another's job, approvals through run_doc_method, supply plans' system fields, and the
pick-up and print request pages at phone width in Chinese."""

import json
import uuid
from datetime import date, timedelta

import pytest

from tests.bench.conftest import URL, login

PHONE = {
	"User-Agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"
}
REFUSED = (403, 417)
BUYER = "os.http.buyer@demo.school"
BUYER_PASSWORD = "OsHttpBuyer#2026!"


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


def _doc_method(session, doc, method, **args):
	return session.post(
		f"{URL}/api/method/run_doc_method",
		data={"docs": json.dumps(doc), "method": method, "args": json.dumps(args)},
		timeout=60,
	)


@pytest.fixture(scope="module")
def people(admin, demo):
	if admin.get(f"{URL}/api/resource/User/{BUYER}", timeout=60).status_code != 200:
		r = admin.post(
			f"{URL}/api/resource/User",
			json={
				"email": BUYER,
				"first_name": "Buyer",
				"send_welcome_email": 0,
				"new_password": BUYER_PASSWORD,
				"roles": [{"role": "Purchase User"}, {"role": "Purchase Manager"}],
			},
			timeout=60,
		)
		assert r.status_code == 200, r.text[:500]
	return {
		"buyer": login(BUYER, BUYER_PASSWORD),
		"teacher": demo["login"]("teacher"),
		"student": demo["login"]("student"),
		"head": demo["login"]("dept.head"),
		"staff": demo["login"]("office.staff"),
		"print": demo["login"]("print.staff"),
		"manager": demo["login"]("office.manager"),
		"domain": demo["domain"],
	}


@pytest.fixture(scope="module")
def supply(admin, people):
	code = f"HTTP-OS-{uuid.uuid4().hex[:6].upper()}"
	r = admin.post(
		f"{URL}/api/resource/Item",
		json={
			"item_code": code,
			"item_name": code,
			"item_group": "Office Supplies",
			"stock_uom": "Nos",
			"is_stock_item": 1,
		},
		timeout=60,
	)
	assert r.status_code == 200, r.text[:500]
	supplier = "HTTP OS Supplier"
	if admin.get(f"{URL}/api/resource/Supplier/{supplier}", timeout=60).status_code != 200:
		r = admin.post(f"{URL}/api/resource/Supplier", json={"supplier_name": supplier}, timeout=60)
		assert r.status_code == 200, r.text[:500]
	return {"item": code, "supplier": supplier}


def _po(supply, **extra):
	when = (date.today() + timedelta(days=7)).isoformat()
	return {
		"supplier": supply["supplier"],
		"company": "Demo School",
		"schedule_date": when,
		"items": [
			{
				"item_code": supply["item"],
				"qty": 5,
				"rate": 3,
				"warehouse": "Stores - DS",
				"schedule_date": when,
			}
		],
		**extra,
	}


def _count_orders(admin, item):
	r = admin.get(
		f"{URL}/api/resource/Purchase Order Item",
		params={
			"filters": json.dumps([["item_code", "=", item]]),
			"fields": json.dumps(["parent"]),
			"limit_page_length": 0,
		},
		timeout=60,
	)
	if r.status_code != 200:  # child doctypes are not listed over REST: ask the report view
		r = admin.get(
			f"{URL}/api/resource/Purchase Order",
			params={
				"filters": json.dumps([["Purchase Order Item", "item_code", "=", item]]),
				"limit_page_length": 0,
			},
			timeout=60,
		)
	return len(r.json()["data"])


def test_three_quote_rule_refuses_a_purchase_order_over_rest(admin, people, supply):
	buyer = people["buyer"]
	# submitted at once (docstatus 1) without three quotations: refused, nothing stored
	r = buyer.post(f"{URL}/api/resource/Purchase Order", json=_po(supply, docstatus=1), timeout=60)
	assert r.status_code in REFUSED, r.text[:500]
	assert "3" in _message(r) and supply["item"] in _message(r)
	assert _count_orders(admin, supply["item"]) == 0
	# a forged exception on insert: refused
	forged = _po(
		supply,
		quote_exception=1,
		quote_exception_reason="x",
		quote_exception_by=f"office.manager@{people['domain']}",
	)
	r = buyer.post(f"{URL}/api/resource/Purchase Order", json=forged, timeout=60)
	assert r.status_code == 403, r.text[:500]
	# a draft saves; submitting it over REST is refused
	r = buyer.post(f"{URL}/api/resource/Purchase Order", json=_po(supply), timeout=60)
	assert r.status_code == 200, r.text[:500]
	name = r.json()["data"]["name"]
	r = buyer.put(f"{URL}/api/resource/Purchase Order/{name}", json={"docstatus": 1}, timeout=60)
	assert r.status_code in REFUSED, r.text[:500]
	r = buyer.put(
		f"{URL}/api/resource/Purchase Order/{name}",
		json={"quote_exception": 1, "quote_exception_reason": "me"},
		timeout=60,
	)
	assert r.status_code == 403, r.text[:500]
	assert admin.get(f"{URL}/api/resource/Purchase Order/{name}", timeout=60).json()["data"]["docstatus"] == 0
	# the exception is the Office Manager's, not office staff's
	grant = f"{URL}/api/method/school_office.office_supplies.quotes.grant_quote_exception"
	r = people["staff"].post(grant, data={"purchase_order": name, "reason": "urgent"}, timeout=60)
	assert r.status_code == 403, r.text[:500]
	r = people["manager"].post(grant, data={"purchase_order": name, "reason": "Sole supplier"}, timeout=60)
	assert r.status_code == 200, r.text[:500]
	r = buyer.put(f"{URL}/api/resource/Purchase Order/{name}", json={"docstatus": 1}, timeout=60)
	assert r.status_code == 200, r.text[:500]
	stored = admin.get(f"{URL}/api/resource/Purchase Order/{name}", timeout=60).json()["data"]
	assert (stored["docstatus"], stored["quote_exception_reason"], stored["quote_exception_by"]) == (
		1,
		"Sole supplier",
		f"office.manager@{people['domain']}",
	)


def _pdf() -> bytes:
	"""A small well-formed one-page PDF."""
	stream = b"BT /F1 18 Tf 50 750 Td (handout) Tj ET"
	objects = [
		b"<< /Type /Catalog /Pages 2 0 R >>",
		b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
		b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
	]
	out = bytearray(b"%PDF-1.4\n")
	offsets = []
	for i, body in enumerate(objects, 1):
		offsets.append(len(out))
		out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
	xref = len(out)
	out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
	for off in offsets:
		out += f"{off:010d} 00000 n \n".encode()
	out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
	return bytes(out)


def _upload(session):
	r = session.post(
		f"{URL}/api/method/upload_file",
		files={"file": ("handout.pdf", _pdf(), "application/pdf")},
		data={"is_private": 1},
		timeout=60,
	)
	assert r.status_code == 200, r.text[:300]
	return r.json()["message"]["file_url"]


def _job(session, **extra):
	body = {"attachment": _upload(session), "pages": 2, "copies": 2, **extra}
	return session.post(f"{URL}/api/resource/Print Job", json=body, timeout=60)


def test_print_jobs_forged_fields_others_jobs_and_approvals(admin, people):
	teacher = f"teacher@{people['domain']}"
	r = _job(
		people["teacher"],
		status="Collected",
		requester=f"student@{people['domain']}",
		approved_by=teacher,
		over_quota=0,
	)
	assert r.status_code == 200, r.text[:500]
	job = r.json()["data"]
	assert (job["status"], job["requester"], job.get("approved_by")) == ("Submitted", teacher, None)
	assert job["due_by"]
	# another user cannot read it, nor find it in a list
	r = people["student"].get(f"{URL}/api/resource/Print Job/{job['name']}", timeout=60)
	assert r.status_code == 403, r.text[:300]
	names = [
		d["name"]
		for d in people["student"].get(f"{URL}/api/resource/Print Job", timeout=60).json().get("data", [])
	]
	assert job["name"] not in names
	# nor charge a job to a department that is not theirs
	r = _job(people["student"], department=job["department"])
	assert r.status_code in REFUSED, r.text[:300]
	# the charged pages cannot be rewritten
	r = people["teacher"].put(
		f"{URL}/api/resource/Print Job/{job['name']}", json={"copies": 1, "status": "Ready"}, timeout=60
	)
	assert r.status_code in REFUSED, r.text[:300]
	# colour: pending; the requester cannot approve it through run_doc_method with a forged state
	r = _job(people["teacher"], colour="Colour", pages=1, copies=1)
	colour = r.json()["data"]
	assert colour["status"] == "Pending Approval"
	forged = dict(colour, status="Approved", approved_by=teacher)
	r = _doc_method(people["teacher"], forged, "approve")
	assert r.status_code == 403, r.text[:300]
	assert (
		admin.get(f"{URL}/api/resource/Print Job/{colour['name']}", timeout=60).json()["data"]["status"]
		== "Pending Approval"
	)
	# the print room cannot approve colour either; the department head can
	r = _doc_method(people["print"], colour, "approve")
	assert r.status_code == 403, r.text[:300]
	r = _doc_method(people["head"], colour, "approve")
	assert r.status_code == 200, r.text[:300]
	after = admin.get(f"{URL}/api/resource/Print Job/{colour['name']}", timeout=60).json()["data"]
	assert (after["status"], after["approved_by"]) == ("Approved", f"dept.head@{people['domain']}")
	# the print room works it; the teacher cannot start it
	r = _doc_method(people["teacher"], after, "start")
	assert r.status_code == 403, r.text[:300]
	r = _doc_method(people["print"], after, "start")
	assert r.status_code == 200, r.text[:300]


def test_a_supply_request_over_http(admin, people):
	call = f"{URL}/api/method/school_office.office_supplies.pickup.request_supplies"
	r = people["student"].post(
		call, data={"items": json.dumps([{"item_code": "OS-PAPER-A4", "qty": 1}])}, timeout=60
	)
	assert r.status_code == 403, r.text[:300]
	r = people["staff"].post(
		call, data={"items": json.dumps([{"item_code": "OS-PAPER-A4", "qty": 2}])}, timeout=60
	)
	assert r.status_code == 200, r.text[:300]
	name = r.json()["message"]["name"]
	approve = f"{URL}/api/method/school_office.office_supplies.pickup.approve_request"
	r = people["staff"].post(approve, data={"material_request": name}, timeout=60)
	assert r.status_code == 403, r.text[:300]
	# forging the approval on the request itself
	r = admin.put(
		f"{URL}/api/resource/Material Request/{name}",
		json={"department_approved_by": f"office.staff@{people['domain']}"},
		timeout=60,
	)
	assert r.status_code == 403, r.text[:300]


def test_supply_plan_system_fields_and_approval(admin, people):
	staff = people["staff"]
	existing = admin.get(f"{URL}/api/resource/Material Request", params={"limit_page_length": 1}, timeout=60)
	real_mr = (existing.json().get("data") or [{}])[0].get("name")
	assert real_mr, "the site has a Material Request (the pick-up test makes one)"
	r = staff.post(
		f"{URL}/api/resource/Supply Plan",
		json={
			"period": "2031-Q2",
			"company": "Demo School",
			"warehouse": "Stores - DS",
			"status": "Approved",
			"material_request": real_mr,
		},
		timeout=60,
	)
	assert r.status_code == 200, r.text[:500]
	plan = r.json()["data"]
	assert (plan["status"], plan.get("material_request")) == ("Draft", None)
	r = staff.put(f"{URL}/api/resource/Supply Plan/{plan['name']}", json={"status": "Approved"}, timeout=60)
	assert r.status_code == 200 and r.json()["data"]["status"] == "Draft"
	plan = staff.get(f"{URL}/api/resource/Supply Plan/{plan['name']}", timeout=60).json()["data"]
	r = _doc_method(staff, dict(plan, status="Pending Approval"), "approve")
	assert r.status_code == 403, r.text[:300]
	r = people["teacher"].get(f"{URL}/api/resource/Supply Plan/{plan['name']}", timeout=60)
	assert r.status_code == 403
	admin.delete(f"{URL}/api/resource/Supply Plan/{plan['name']}", timeout=60)


@pytest.mark.parametrize("route", ["/print-request", "/supplies-pickup"])
def test_portal_pages_at_phone_width_in_chinese(people, route):
	r = people["teacher"].get(f"{URL}{route}", headers=PHONE, timeout=60)
	assert r.status_code == 200
	assert 'name="viewport"' in r.text
	assert ("印刷申请" if route == "/print-request" else "领用办公用品") in r.text
	import requests

	guest = requests.get(f"{URL}{route}", allow_redirects=False, timeout=60)
	assert guest.status_code in (301, 302) and "/login" in guest.headers.get("Location", "")


def test_a_new_plan_cannot_bring_its_own_figures(admin, people, supply):
	"""REST insert of a plan whose lines carry the system's figures: the app-wide child permlevel hook
	(utils/child_permlevels.py) resets them; what the planner may write (final quantity) stays."""
	staff = people["staff"]
	r = staff.post(
		f"{URL}/api/resource/Supply Plan",
		json={
			"period": "2031-Q3",
			"company": "Demo School",
			"warehouse": "Stores - DS",
			"lines": [{"item_code": supply["item"], "proposed_qty": 999, "on_hand": 555, "final_qty": 3}],
		},
		timeout=60,
	)
	assert r.status_code == 200, r.text[:500]
	plan = r.json()["data"]
	try:
		stored = admin.get(f"{URL}/api/resource/Supply Plan/{plan['name']}", timeout=60).json()["data"]
		line = stored["lines"][0]
		assert (line["proposed_qty"], line["on_hand"], line["final_qty"]) == (0, 0, 3)
	finally:
		admin.delete(f"{URL}/api/resource/Supply Plan/{plan['name']}", timeout=60)
