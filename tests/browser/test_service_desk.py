"""Service desk in the browser: the student's request from the guide to the rating, and the office staff
member's accept → resolve on the desk. Each path creates its own request (unique subject)."""

import re

from tests.browser.data import pdf_bytes, tag, zh

PRINTING = "Printing and Copying"  # one mandatory material: the document file; team Print Room
CERTIFICATE = "Certificate Issuance"  # two mandatory materials; team Coordination (office.staff)
# issue #9 item 12 names these as English left for zh users on the desk (priorities, SLA banner, materials)
EN_12 = (
	r"untranslated (?:sentence «)?'?(?:Medium|Low|High|Urgent|Response|Resolution|due in|overdue by"
	r"|Application form|Student ID card|Student or staff ID card|Certificate Issuance)"
)


def staff_api(playwright_instance, site_url, demo, local):
	"""A demo staff user over REST, for the part of a path another test walks in the browser."""
	from tests.browser.harness import Api

	api = Api(playwright_instance, site_url)
	api.login(demo["email"](local), demo["password"])
	return api


def test_student_request_from_guide_to_rating(walks, playwright_instance, site_url, demo, tmp_path):
	t = tag()
	subject = f"打印期末复习资料 {t}"
	pdf = tmp_path / f"handout-{t}.pdf"
	pdf.write_bytes(pdf_bytes())
	student = walks("student", login=False)
	page = student.page

	with student.step("log in and land on the portal home"):
		student.login_ui()
		links = page.locator('a[href*="/service-guide"]:visible')
		assert links.count(), f"no link to the service guide after login (landed on {page.url})"

	with student.step("service guide lists the service"):
		student.goto("/service-guide")
		card = page.locator(f'article[data-service="{PRINTING}"]')
		card.wait_for(state="visible")
		assert zh(PRINTING) in card.inner_text()
		card.locator("h3 a").click()
		page.wait_for_load_state("load")
		student.settle()
		assert page.locator("h1.so-title").inner_text().strip() == zh(PRINTING)

	with student.step("apply from the service page"):
		apply = page.locator('a[href*="/service-request"]:visible')
		assert apply.count(), "no apply link on the service page"
		apply.first.click()
		page.wait_for_load_state("load")
		student.settle()

	with student.step(
		"without its mandatory material the request is refused; the alert goes once the file is chosen",
		expect=["417 submit_request"],
	):
		form = page.locator("#so-request-form")
		form.wait_for(state="visible")
		assert page.locator("#so-service").input_value() == PRINTING, (
			"the apply link did not choose the service"
		)
		info = page.locator(f'[data-service-info="{PRINTING}"]')
		info.wait_for(state="visible")
		page.fill("#so-subject", subject)
		page.locator(".so-submit").click()
		alert = form.locator(".so-alert")
		alert.wait_for(state="visible")
		assert zh("Document file (PDF or Word)") in alert.inner_text(), alert.inner_text()
		assert page.locator(".so-result").is_hidden()
		student.look()
		info.locator("input[type=file]").first.set_input_files(str(pdf))
		student.settle()
		assert alert.is_hidden(), f"the alert stays after the file was chosen: {alert.inner_text()}"

	with student.step("submit the request with its mandatory material"):
		page.fill("#so-description", "期末复习资料，双面打印 30 份。")
		with page.expect_response(lambda r: "submit_request" in r.url) as resp:
			page.locator(".so-submit").click()
		assert resp.value.status == 200, resp.value.text()[:500]
		result = page.locator(".so-result")
		result.wait_for(state="visible")
		number = resp.value.json()["message"]["name"]
		assert number in result.inner_text()

	with student.step("the answer does not claim the request was accepted"):
		message = page.locator(".so-result-message").inner_text()
		assert zh("Accepted") not in message, (
			f"submission result claims accepted while the request is open: {message}"
		)

	with student.step("my requests lists it, the detail shows it"):
		student.goto("/my-requests")
		item = page.locator(f'[data-request="{number}"]')
		item.wait_for(state="visible")
		assert subject in item.inner_text()
		assert zh("Open") in item.inner_text()
		item.locator("a").first.click()
		page.wait_for_url(re.compile(rf"/my-requests/{number}$"))
		student.settle()
		assert page.locator("h1.so-title").inner_text().strip() == subject
		assert pdf.name.split(".")[0] in page.locator("#so-request-detail").inner_text()

	# the print room resolves it (walked in the browser by the staff path; here over REST as print.staff)
	printer = staff_api(playwright_instance, site_url, demo, "print.staff")
	try:
		printer.call("school_office.service_desk.api.accept", name=number)
		printer.call(
			"school_office.service_desk.api.resolve", name=number, resolution="已打印 30 份，请到文印室领取。"
		)
	finally:
		printer.close()

	with student.step("the detail shows the office's answer"):
		student.goto(f"/my-requests/{number}")
		detail = page.locator("#so-request-detail").inner_text()
		assert zh("Resolved") in detail
		assert "已打印 30 份" in detail, "resolution not shown to the requester on /my-requests"

	with student.step("times show no seconds"):
		when = [w.strip() for w in page.locator(".so-when, .so-dates, .so-facts dd").all_inner_texts()]
		with_seconds = [w for w in when if re.search(r"\d{1,2}:\d{2}:\d{2}", w)]
		assert not with_seconds, f"times with seconds on the request detail: {with_seconds}"

	with student.step("rate the service from the rating link"):
		page.locator(f'a[href*="/service-feedback"]:has-text("{zh("Rate the Service")}")').click()
		page.wait_for_url(re.compile(r"/service-feedback\?"))
		student.settle()
		rating = page.locator("#so-rating-form")
		rating.wait_for(state="visible")
		rating.locator('.so-star[data-value="5"]').click()
		page.fill("#so-comment", "打印清晰，领取方便。")
		with page.expect_response(lambda r: "api.rate" in r.url) as resp:
			rating.locator("button[type=submit]").click()
		assert resp.value.status == 200, resp.value.text()[:500]
		page.locator(".so-result").wait_for(state="visible")

	with student.step("the rating link does not offer an empty form again"):
		page.reload(wait_until="load")
		student.settle()
		form = page.locator("#so-rating-form:visible")
		stars_on = page.locator(".so-star.on").count()
		assert not (form.count() and stars_on == 0), "rating form offered again, empty, after rating"

	with student.step("the detail shows the rating"):
		student.goto(f"/my-requests/{number}")
		assert "★★★★★" in page.locator("#so-request-detail").inner_text()
	walks.done(student)


def test_staff_accepts_and_resolves_on_the_desk(walks, playwright_instance, site_url, demo):
	t = tag()
	subject = f"开具在读证明 {t}"
	# setup: a request taken at the window (materials not yet ticked), entered by the staff member over REST
	clerk = staff_api(playwright_instance, site_url, demo, "office.staff")
	try:
		sr = clerk.insert(
			{
				"doctype": "Service Request",
				"subject": subject,
				"service_type": CERTIFICATE,
				"requester": demo["email"]("student"),
				"channel": "Window",
			}
		)
	finally:
		clerk.close()
	number = sr["name"]
	assert [m["is_mandatory"] for m in sr["materials"]] == [1, 1], sr["materials"]

	staff = walks("office.staff", login=False)
	page = staff.page

	with staff.step("log in to the desk home"):
		staff.login_ui()
		page.wait_for_url(re.compile(r"/app"))
		page.locator(".page-container:visible").first.wait_for()
		staff.settle()

	with staff.step("find the request in the list", known={"9.12": EN_12}):
		staff.goto("/app/service-request")
		page.locator(".page-container:visible .frappe-list").first.wait_for()
		name_filter = page.locator(
			'.page-container:visible .standard-filter-section [data-fieldname="name"] input'
		)
		if name_filter.count() and name_filter.first.is_visible():
			name_filter.first.fill(number)
		else:  # the ID filter hidden at phone width: the list's search of the subject
			page.locator(
				'.page-container:visible .standard-filter-section [data-fieldname="subject"] input'
			).first.fill(t)
		row = page.locator(f'.page-container:visible .list-row a[data-name="{number}"]')
		row.first.wait_for(state="visible")
		staff.settle()
		row.first.click()
		staff.wait_form("Service Request", number)

	with staff.step(
		"the form shows the request in zh",
		known={"9.12": EN_12},
	):
		assert page.locator(".page-head:visible .title-text").first.inner_text().strip()
		staff.look()

	with staff.step("tick the mandatory materials as received, save and accept", known={"9.12": EN_12}):
		grid = staff.control("materials").locator(".grid-body")
		rows = grid.locator(".grid-row:visible")
		rows.first.wait_for()
		# at phone width the grid is wider than the screen: swipe it sideways to reach "Received"
		staff.swipe(rows.first.locator('[data-fieldname="material"]').first, -300)
		for i in range(rows.count()):
			cell = rows.nth(i).locator('[data-fieldname="received"]').first
			cell.click()  # the row turns editable
			box = cell.locator(".field-area input[type=checkbox]")
			box.wait_for(state="visible")
			box.check()
		staff.settle()
		# a changed form shows only Save (Frappe hides the actions menu until it is saved)
		staff.save()
		assert all(m["received"] for m in staff.doc()["materials"]), staff.doc()["materials"]
		before = page.evaluate("() => cur_frm.doc.modified")
		staff.action("Accept", group="Actions")
		staff.wait_changed(before)
		assert staff.doc()["status"] == "Accepted", (
			f"accept refused the ticked materials: {staff.doc()['status']}"
		)

	with staff.step(
		"resolve with the resolution details",
		known={"9.12": EN_12},
	):
		before = page.evaluate("() => cur_frm.doc.modified")
		staff.action("Resolve", group="Actions")
		dialog = staff.dialog()
		dialog.locator('[data-fieldname="resolution"] textarea').fill("证明已盖章，请到窗口领取。")
		staff.look()
		staff.dialog_primary()
		staff.wait_changed(before)
		assert staff.doc()["status"] == "Resolved", staff.doc()["status"]
	staff.recover()
	with staff.step("the form shows it resolved", known={"9.12": EN_12}):
		staff.open_form("Service Request", number)
		assert staff.doc()["status"] == "Resolved"
		assert zh("Resolved") in page.locator(".page-head:visible").first.inner_text()
	walks.done(staff)
