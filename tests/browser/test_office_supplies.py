"""Office supplies and printing in the browser at phone width, in zh: a teacher sends a PDF to the print room
from /print-request and sees the job; the print room starts and finishes it on the desk form; the teacher asks
for supplies on /supplies-pickup, the department head approves there, and the teacher sees the pick-up slot."""

import re

from tests.browser.data import pdf_bytes, tag, zh


def test_print_request_to_print_room(walks, admin_api, tmp_path):
	t = tag()
	pdf = tmp_path / f"handout-{t}.pdf"
	pdf.write_bytes(pdf_bytes(f"handout {t}"))

	teacher = walks("teacher")
	page = teacher.page
	with teacher.step("send a PDF to the print room from the phone"):
		teacher.goto("/print-request")
		form = page.locator("#pr-form")
		form.wait_for(state="visible")
		form.locator("input[type=file]").set_input_files(str(pdf))
		form.locator("[name=pages]").fill("3")
		form.locator("[name=copies]").fill("2")
		form.locator("[name=notes]").fill(f"期中复习资料 {t}")
		with page.expect_response(lambda r: "submit_print_job" in r.url) as resp:
			form.locator("button[type=submit]").click()
		assert resp.value.status == 200, resp.value.text()[:500]
		job = resp.value.json()["message"]
		assert job["status"] == "Submitted", job
		page.locator("#pr-message").filter(has_text=job["name"]).wait_for()
		teacher.settle()

	with teacher.step("the job is listed with its status and due time"):
		# the page reloads itself after the answer
		row = page.locator("#pr-mine .so-item").filter(has_text=job["name"])
		row.wait_for(state="visible")
		text = row.inner_text()
		assert zh("Submitted") in text and zh("Due By") in text, text
		assert not re.search(r"\d{1,2}:\d{2}:\d{2}", text), f"time with seconds: {text}"

	room = walks("print.staff")
	with room.step("the print room starts the job on the desk"):
		room.open_form("Print Job", job["name"])
		room.action("Start")
		room.page.wait_for_function(
			"name => window.cur_frm && cur_frm.doc.name === name && cur_frm.doc.status === 'In Progress'",
			arg=job["name"],
		)
	with room.step("and marks it ready"):
		room.action("Mark Ready")
		room.page.wait_for_function("() => window.cur_frm && cur_frm.doc.status === 'Ready'")
	assert admin_api.get_doc("Print Job", job["name"])["status"] == "Ready"
	walks.done(room)


def test_supplies_request_approved_with_a_pickup_slot(walks, admin_api):
	teacher = walks("teacher")
	page = teacher.page
	with teacher.step("ask for two reams of paper from the phone"):
		teacher.goto("/supplies-pickup")
		form = page.locator("#sp-form")
		form.wait_for(state="visible")
		qty = form.locator(".so-qty[data-item='OS-PAPER-A4']")
		qty.fill("2")
		with page.expect_response(lambda r: "request_supplies" in r.url) as resp:
			form.locator("button[type=submit]").click()
		assert resp.value.status == 200, resp.value.text()[:500]
		name = resp.value.json()["message"]["name"]
		page.locator("#sp-message").filter(has_text=name).wait_for()
		teacher.settle()

	head = walks("dept.head")
	hpage = head.page
	with head.step("the department head approves it on the same page"):
		head.goto("/supplies-pickup")
		row = hpage.locator(".so-item").filter(has_text=name)
		row.wait_for(state="visible")
		with hpage.expect_response(lambda r: "approve_request" in r.url) as resp:
			row.locator(".sp-approve").click()
		assert resp.value.status == 200, resp.value.text()[:500]
		hpage.locator("#sp-message").filter(has_text=zh("Approved.")).wait_for()
		head.settle()

	with teacher.step("the teacher sees the pick-up slot in the desk's window"):
		page.reload(wait_until="load")
		row = page.locator(".so-item").filter(has_text=name)
		row.wait_for(state="visible")
		text = row.inner_text()
		assert zh("Pick-up Slot") in text, text
		m = re.search(r"(\d{2}):(\d{2})", text)
		assert m and "09:00" <= f"{m.group(1)}:{m.group(2)}" <= "10:45", text
	mr = admin_api.get_doc("Material Request", name)
	assert mr["docstatus"] == 1 and mr["department_approved_by"].startswith("dept.head@")
	walks.done(teacher)
