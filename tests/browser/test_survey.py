"""The satisfaction survey in the browser (SD-13), at 390 px in zh: a student answers the semester survey on
the phone (a missing answer is named before anything is sent), the page remembers the answer; the Office
Manager publishes the results on the desk; the student reads the results page with its bar charts. The
Office Manager adopts and publishes a suggestion on the desk, and a guest reads it (CF-4)."""

from tests.browser.data import tag, zh

QUESTIONS = (
	"How satisfied are you with the staff's service attitude?",
	"How satisfied are you with how quickly your matters were handled?",
)


def no_sideways_scroll(page):
	width = page.evaluate("() => document.scrollingElement.scrollWidth")
	assert width <= 392, f"the page scrolls sideways at 390 px ({width} px wide)"


def test_student_answers_the_survey_and_reads_the_results(walks, admin_api):
	t = tag()
	manager = walks("office.manager")
	with manager.step("the Office Manager sets up the semester survey on the desk"):
		manager.new_form("Satisfaction Survey")
		manager.fill("title", f"满意度调查 {t}")
		manager.fill("semester", "2026-2027学年第一学期")
		manager.check("published")
		manager.save()
		doc = manager.doc()
		assert [q["question"] for q in doc["questions"]][:2] == [zh(q) for q in QUESTIONS]
		assert doc["status"] == "Accepting Answers" and doc["anonymous"] == 1
		survey = doc["name"]
	student = walks("student")
	page = student.page
	with student.step("the survey on the phone: the five questions and the open one, in Chinese"):
		student.goto(f"/satisfaction-survey?survey={survey}")
		form = page.locator("#so-survey-form")
		form.wait_for(state="visible")
		legends = page.locator(".so-survey-question legend")
		assert legends.count() == 5
		assert zh(QUESTIONS[0]) in legends.nth(0).inner_text()
		assert zh(QUESTIONS[1]) in legends.nth(1).inner_text()
		assert page.locator(".so-survey-question").nth(0).locator(".so-choice").nth(
			0
		).inner_text().strip() == zh("Very Satisfied")
		box = page.locator(".so-choice").first.bounding_box()
		assert box["height"] >= 40, f"a choice is too small to tap ({box['height']} px)"
		no_sideways_scroll(page)
	with student.step("sending with a question unanswered names it, nothing is sent"):
		sent = []
		page.on("request", lambda r: sent.append(r.url) if "submit_response" in r.url else None)
		page.locator(".so-survey-question").nth(0).locator(".so-choice").nth(0).click()
		form.locator("button[type=submit]").click()
		alert = form.locator(".so-alert")
		alert.wait_for(state="visible")
		assert alert.inner_text().strip() == zh("Please answer every question.")
		assert page.locator(".so-survey-question.so-missing").count() == 4
		assert not sent
	with student.step("answer every question and send"):
		for i in range(1, 5):
			page.locator(".so-survey-question").nth(i).locator(".so-choice").nth(1).click()
		assert page.locator(".so-survey-question.so-missing").count() == 0
		page.fill("#so-open-answer", "希望中午窗口也能办理业务。")
		with page.expect_response(lambda r: "submit_response" in r.url) as resp:
			form.locator("button[type=submit]").click()
		assert resp.value.status == 200, resp.value.text()[:300]
		thanks = page.locator("#so-survey-thanks")
		thanks.wait_for(state="visible")
		assert thanks.inner_text().strip().startswith(zh("Thank you. Your answers have been recorded."))
	with student.step("the page remembers: no second answer"):
		student.goto(f"/satisfaction-survey?survey={survey}")
		page.locator("#so-survey-done").wait_for(state="visible")
		assert page.locator("#so-survey-form").count() == 0
	with student.step("the results are not shown before they are published"):
		student.goto(f"/survey-results?survey={survey}")
		assert page.locator(".so-error").inner_text().strip() == zh(
			"The results of this survey are not published."
		)

	with manager.step("the Office Manager publishes the results on the desk"):
		manager.open_form("Satisfaction Survey", survey)
		assert manager.doc()["response_count"] == 1
		manager.check("results_published")
		manager.save()
		assert manager.doc()["results_published"] == 1

	with student.step("the results page with a bar chart per question"):
		student.goto(f"/survey-results?survey={survey}")
		charts = page.locator(".so-survey-chart")
		charts.first.wait_for(state="visible")
		assert charts.count() == 5
		figures = page.locator("#so-survey-figures").inner_text()
		assert "100.0 %" in figures and "80.0" in figures  # satisfied: all in the top two; (100 + 4×75) / 5
		first = charts.nth(0).locator(".so-bar span").nth(0)
		assert first.evaluate("el => parseFloat(el.style.width)") == 100
		assert (
			charts.nth(1).locator(".so-bar span").nth(1).evaluate("el => parseFloat(el.style.width)") == 100
		)
		assert "希望中午窗口" not in page.inner_text("body")  # open answers stay with the office
		no_sideways_scroll(page)
	admin_api.update("Satisfaction Survey", survey, {"published": 0})  # cleanup: off the portal again
	walks.done(student)


def test_manager_publishes_an_adopted_suggestion_and_a_guest_reads_it(walks, admin_api):
	t = tag()
	summary = f"图书馆延长开放时间 {t}"
	request = admin_api.insert(
		{
			"doctype": "Service Request",
			"subject": f"建议 {t}",
			"service_type": "Suggestion",
			"problem_type": "Facilities",
			"contact": "13900000000",
		}
	)["name"]
	manager = walks("office.manager")
	page = manager.page
	with manager.step("the Office Manager adopts the suggestion and publishes it on the desk"):
		manager.open_form("Service Request", request)
		head = page.locator(".form-section .section-head:visible").filter(has_text=zh("Adoption"))
		head.first.click()
		manager.settle()
		manager.check("adopted")
		manager.fill("public_summary", summary)
		manager.fill("adoption_result", "自三月起开放到22:30。")
		manager.check("publish_adoption")
		manager.save()
		doc = manager.doc()
		assert (doc["adopted"], doc["publish_adoption"]) == (1, 1) and doc["adoption_published_on"]
	guest = walks("Guest", login=False)
	page = guest.page
	with guest.step("the adopted suggestions on the phone"):
		guest.goto("/adopted-suggestions")
		item = page.locator(".so-suggestion").filter(has_text=summary)
		item.wait_for(state="visible")
		assert "自三月起开放到22:30。" in item.inner_text()
		assert f"建议 {t}" not in page.inner_text("body")
		no_sideways_scroll(page)
	walks.done(guest)
