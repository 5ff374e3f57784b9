"""Official documents over HTTP against a served site, each demo role acting as itself:
30 parallel registrations of outgoing documents, both flows, and 密级 access on every path."""

import json
import threading
import time
import uuid

import pytest
import requests

from tests.bench.conftest import SITE, URL, bench, ensure_clerk, login

DT = "Official Document"
REST = f"{URL}/api/resource/{DT}"
LEVELS = ("Public", "Internal", "Secret", "Confidential", "Top Secret")


def docx_bytes(text: str) -> bytes:
	"""A minimal Word .docx holding ``text`` (so the full-text search reads a Word attachment)."""
	import io
	import zipfile

	buf = io.BytesIO()
	with zipfile.ZipFile(buf, "w") as z:
		z.writestr(
			"[Content_Types].xml",
			'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
			'<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
			'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
		)
		z.writestr(
			"word/document.xml",
			'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
			f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>",
		)
	return buf.getvalue()


def call(s, method, **data):
	r = s.post(
		f"{URL}/api/method/{method}",
		data={k: v if isinstance(v, str) else json.dumps(v) for k, v in data.items()},
		timeout=120,
	)
	return r


def get_doc(s, name, tries=6):
	"""GET with retries: the dev server (bench serve) restarts when files of the shared tree change."""
	for i in range(tries):
		try:
			return s.get(f"{REST}/{name}", timeout=60).json()["data"]
		except requests.exceptions.ConnectionError:
			if i == tries - 1:
				raise
			time.sleep(2)


def wf(s, name, action, expect=200):
	doc = get_doc(s, name)
	for i in range(4):
		try:
			r = call(s, "frappe.model.workflow.apply_workflow", doc=json.dumps(doc), action=action)
			break
		except requests.exceptions.ConnectionError:
			# the server went away mid-request: if the transition happened, take the stored document
			time.sleep(2)
			now = get_doc(s, name)
			if now["status"] != doc["status"]:
				return now
			if i == 3:
				raise
	assert r.status_code == expect, f"{action}: {r.status_code} {r.text[:600]}"
	return r.json().get("message") if r.status_code == 200 else None


def create(s, **data):
	r = s.post(REST, json=data, timeout=60)
	assert r.status_code == 200, r.text[:600]
	return r.json()["data"]


@pytest.fixture(scope="module")
def roles(site_url, demo):
	return {
		k: demo["login"](k)
		for k in ("office.staff", "office.manager", "doc.clerk", "dept.head", "school.leader")
	}


@pytest.fixture(scope="module")
def depts(admin, site_url):
	r = admin.get(
		f"{URL}/api/resource/Department",
		params={"fields": json.dumps(["name", "department_name"]), "limit_page_length": 100},
		timeout=60,
	)
	return {d["department_name"]: d["name"] for d in r.json()["data"]}


def signed_outgoing(roles, code, **kw):
	d = create(
		roles["office.staff"],
		direction="Outgoing",
		title=f"并发测试 {uuid.uuid4().hex[:6]}",
		number_code=code,
		secret_level="Public",
		main_recipients="各部门",
		**kw,
	)
	wf(roles["office.staff"], d["name"], "Submit for Review")
	wf(roles["office.manager"], d["name"], "Send for Sign-off")
	wf(roles["office.manager"], d["name"], "Sign")
	return d["name"]


def test_thirty_parallel_registrations_get_gap_free_numbers(roles):
	code = "并" + uuid.uuid4().hex[:5] + "发"
	names = [signed_outgoing(roles, code) for _ in range(30)]
	clerk = roles["doc.clerk"]
	results, errors = {}, []
	barrier = threading.Barrier(30)

	def register(name):
		s = requests.Session()
		s.cookies.update(clerk.cookies)
		doc = get_doc(s, name)
		barrier.wait()
		try:
			r = call(s, "frappe.model.workflow.apply_workflow", doc=json.dumps(doc), action="Register")
		except requests.exceptions.ConnectionError:
			time.sleep(3)  # the dev server restarted: register again unless it was done
			doc = get_doc(s, name)
			r = (
				None
				if doc["document_number"]
				else call(s, "frappe.model.workflow.apply_workflow", doc=json.dumps(doc), action="Register")
			)
		if r is None:
			results[name] = doc["document_number"]
		elif r.status_code == 200:
			results[name] = r.json()["message"]["document_number"]
		else:
			errors.append(r.text[:300])

	threads = [threading.Thread(target=register, args=(n,)) for n in names]
	for t in threads:
		t.start()
	for t in threads:
		t.join()
	assert not errors, errors
	numbers = sorted(results.values(), key=lambda x: int(x.split("〕")[1][:-1]))
	year = numbers[0].split("〔")[1][:4]
	assert numbers == [f"{code}〔{year}〕{i}号" for i in range(1, 31)]
	assert len(set(results.values())) == 30
	# stored as registered, one number each
	for name in names:
		assert get_doc(clerk, name)["document_number"] == results[name]


def test_incoming_flow_each_role(roles, depts):
	clerk, manager, head, leader = (
		roles["doc.clerk"],
		roles["office.manager"],
		roles["dept.head"],
		roles["school.leader"],
	)
	d = create(
		clerk,
		direction="Incoming",
		title="市教育局关于秋季开学工作的通知",
		source_organization="市教育局",
		pages=4,
		secret_level="Internal",
		sender_checked=1,
		pages_checked=1,
		secret_level_checked=1,
		is_complete=1,
		category="Teaching",
	)
	name = d["name"]
	wf(clerk, name, "Receive")
	reg = wf(clerk, name, "Register")
	assert (
		reg["registration_number"].startswith("校办-") and len(reg["registration_number"].split("-")[-1]) == 3
	)
	# only the office head reviews
	wf(clerk, name, "Review", expect=417)
	manager.put(f"{REST}/{name}", json={"review_opinion": "请教务处、学生处办理"}, timeout=60)
	wf(manager, name, "Review")
	clerk.put(
		f"{REST}/{name}",
		json={
			"routing": [
				{"department": depts["Academic Affairs"], "action": "Handle"},
				{
					"department": depts["Student Affairs"],
					"user": "office.staff@demo.school",
					"action": "Handle",
				},
				{"user": "school.leader@demo.school", "action": "Read"},
			]
		},
		timeout=60,
	)
	doc = wf(clerk, name, "Distribute")
	assert doc["countersign_required"] == 1 and all(r["due_by"] for r in doc["routing"])
	# the department head sees it now and answers for his department
	rows = call(head, "school_office.office_documents.api.my_routing", name=name).json()["message"]
	assert [r["action"] for r in rows] == ["Handle"]
	assert (
		call(
			head, "school_office.office_documents.api.act", name=name, row=rows[0]["name"], comment="已落实"
		).status_code
		== 200
	)
	staff_row = call(
		roles["office.staff"], "school_office.office_documents.api.my_routing", name=name
	).json()["message"][0]
	assert (
		call(
			head, "school_office.office_documents.api.act", name=name, row=staff_row["name"], comment="x"
		).status_code
		== 403
	)
	assert (
		call(
			roles["office.staff"],
			"school_office.office_documents.api.act",
			name=name,
			row=staff_row["name"],
			comment="已完成",
		).status_code
		== 200
	)
	assert call(leader, "school_office.office_documents.api.mark_read", name=name).json()["message"]
	doc = clerk.get(f"{REST}/{name}", timeout=60).json()["data"]
	read = next(r for r in doc["routing"] if r["action"] == "Read")
	assert read["status"] == "Read" and read["acted_by"] == "school.leader@demo.school" and read["acted_on"]
	wf(clerk, name, "Complete")
	arc = wf(clerk, name, "Archive")
	assert arc["archive_code"].startswith("0001-WS·") and arc["archive_code"].split("-")[-1].isdigit()


def test_outgoing_flow_each_role(roles, depts):
	staff, manager, head, leader, clerk = (
		roles[k] for k in ("office.staff", "office.manager", "dept.head", "school.leader", "doc.clerk")
	)
	code = "流" + uuid.uuid4().hex[:5] + "发"
	d = create(
		staff,
		direction="Outgoing",
		title="关于印发《学校公文管理办法》的通知",
		number_code=code,
		is_policy=1,
		secret_level="Public",
		main_recipients="各学院、各部门",
		cc_recipients="校领导",
		body="<p>现将办法印发给你们。</p>",
		copies=40,
		routing=[
			{"department": depts["Academic Affairs"], "action": "Countersign"},
			{"user": "office.staff@demo.school", "action": "Countersign"},
		],
	)
	name = d["name"]
	wf(staff, name, "Submit for Review")
	wf(manager, name, "Send for Countersign")
	wf(manager, name, "Send for Sign-off", expect=417)  # not every department has signed
	row = call(head, "school_office.office_documents.api.my_routing", name=name).json()["message"][0]
	assert (
		call(
			head, "school_office.office_documents.api.act", name=name, row=row["name"], comment="同意"
		).status_code
		== 200
	)
	wf(manager, name, "Send for Sign-off", expect=417)
	row = call(staff, "school_office.office_documents.api.my_routing", name=name).json()["message"][0]
	assert (
		call(staff, "school_office.office_documents.api.act", name=name, row=row["name"]).status_code == 200
	)
	wf(manager, name, "Send for Sign-off")
	wf(manager, name, "Sign", expect=417)  # a policy document needs a School Leader
	wf(clerk, name, "Register", expect=417)  # no number before sign-off
	assert wf(leader, name, "Sign")["signer"] == "school.leader@demo.school"
	doc = wf(clerk, name, "Register")
	assert doc["document_number"].startswith(f"{code}〔") and doc["document_number"].endswith("〕1号")
	assert wf(clerk, name, "Record Seal")["sealed_by"] == "doc.clerk@demo.school"
	clerk.put(
		f"{REST}/{name}",
		json={
			"distribution_scope": "全校",
			"routing": doc["routing"] + [{"department": depts["Academic Affairs"], "action": "Read"}],
		},
		timeout=60,
	)
	wf(clerk, name, "Distribute")
	assert call(head, "school_office.office_documents.api.mark_read", name=name).json()["message"]
	assert wf(clerk, name, "Archive")["archive_code"]


@pytest.fixture(scope="module")
def clearance_setup(admin, site_url, demo):
	tag = "密级HTTP" + uuid.uuid4().hex[:6]
	users = {}
	for level in (None, *LEVELS):
		users[level] = ensure_clerk(
			admin,
			f"od-http-{(level or 'none').replace(' ', '-').lower()}@test.school",
			level or "None",
			demo["password"],
			level,
		)
	docs, files = {}, {}
	for level in LEVELS:
		d = create(
			admin,
			direction="Incoming",
			title=f"{tag} {level}",
			secret_level=level,
			source_organization="市委",
			pages=1,
		)
		docs[level] = d["name"]
		r = admin.post(
			f"{URL}/api/method/upload_file",
			files={"file": (f"{level}.docx", docx_bytes(f"{tag} body {level}"))},
			data={"is_private": 1, "doctype": DT, "docname": d["name"]},
			timeout=60,
		)
		assert r.status_code == 200, r.text[:500]
		files[level] = r.json()["message"]["file_url"]
	bench("--site", SITE, "execute", "frappe.utils.global_search.sync_global_search")
	return tag, users, docs, files


@pytest.mark.parametrize("clearance", [None, *LEVELS])
def test_clearance_on_every_path(clearance_setup, clearance, demo):
	tag, users, docs, files = clearance_setup
	s = login(users[clearance], demo["password"])
	rank = LEVELS.index(clearance) if clearance else 0
	want = {docs[lv] for lv in LEVELS[: rank + 1]}
	# list (REST)
	r = s.get(
		REST,
		params={"filters": json.dumps([["title", "like", f"{tag}%"]]), "limit_page_length": 50},
		timeout=60,
	)
	assert {d["name"] for d in r.json()["data"]} == want
	# form (REST document) and print
	for level, name in docs.items():
		assert s.get(f"{REST}/{name}", timeout=60).status_code == (200 if name in want else 403), level
		p = s.get(
			f"{URL}/api/method/frappe.www.printview.get_html_and_style",
			params={"doc": DT, "name": name},
			timeout=60,
		)
		assert (p.status_code == 200) == (name in want), level
	# report view
	r = call(
		s,
		"frappe.desk.reportview.get",
		doctype=DT,
		fields=json.dumps(["`tabOfficial Document`.`name`"]),
		filters=json.dumps([[DT, "title", "like", f"{tag}%"]]),
	)
	msg = r.json().get("message") or {}
	assert {v[0] for v in msg.get("values", [])} == want
	# global search and the module's full-text search (attachment text included)
	r = call(s, "frappe.utils.global_search.search", text=tag, limit=50)
	assert {h["name"] for h in r.json()["message"] if h["doctype"] == DT} == want
	r = call(s, "school_office.office_documents.search.search_documents", text=f"{tag} body")
	assert {h["name"] for h in r.json()["message"]} == want
	# attachment download (private files)
	for level, url in files.items():
		code = s.get(f"{URL}{url}", timeout=60).status_code
		assert (code == 200) == (docs[level] in want), (level, code)


def test_clerk_dashboard_and_register_pdf(roles):
	clerk = roles["doc.clerk"]
	create(
		clerk, direction="Incoming", title="今日来文", source_organization="区教委", pages=1, received_on=None
	)
	card = clerk.get(f"{URL}/api/resource/Number Card/Documents Received Today", timeout=60)
	assert card.status_code == 200, card.text[:300]
	doc = card.json()["data"]
	r = call(
		clerk,
		"frappe.desk.doctype.number_card.number_card.get_result",
		doc=json.dumps(doc),
		filters=doc["filters_json"],
	)
	assert r.status_code == 200, r.text[:300]
	ws = clerk.get(
		f"{URL}/api/method/frappe.desk.desktop.get_desktop_page",
		params={"page": json.dumps({"name": "Office Documents", "title": "Office Documents", "public": 1})},
		timeout=60,
	)
	assert ws.status_code == 200, ws.text[:300]
	pdf = clerk.get(
		f"{URL}/api/method/school_office.office_documents.printing.incoming_register_pdf", timeout=120
	)
	assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"
