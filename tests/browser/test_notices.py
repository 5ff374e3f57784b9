"""Notices in the browser (zh): office staff draft a notice on the desk at phone width, the office head
approves it, a teacher reads it on the portal board and confirms receipt of an Important notice, and the lobby
screen shows the current notices on a TV (1920×1080) from the URL the office head takes from the desk."""

import re

from tests.browser.data import tag, zh


def ack_notice(admin_api, t):
	"""Setup (not the path under test): a published Important notice Academic Affairs must acknowledge."""
	dept = admin_api.get_list("Department", [["department_name", "=", "Academic Affairs"]])[0]["name"]
	doc = admin_api.insert(
		{
			"doctype": "Notice",
			"title": f"期末考试安全须知 {t}",
			"notice_type": "Important",
			"body": "<p>请各部门组织学习并确认收到。</p>",
			"channels": [{"channel": "Notice Board"}],
			"requires_acknowledgement": 1,
			"acknowledgements": [{"department": dept}],
		}
	)
	for action in ("Submit for Review", "Approve"):
		current = admin_api.get_doc("Notice", doc["name"])
		admin_api.call("frappe.model.workflow.apply_workflow", doc=current, action=action)
	return doc["name"]


def test_notice_from_the_desk_to_the_board_and_the_lobby_screen(walks, admin_api, browser):
	t = tag()
	title = f"图书馆周六闭馆 {t}"
	staff = walks("office.staff")
	page = staff.page
	with staff.step("office staff draft a notice on the desk and submit it for review"):
		staff.new_form("Notice")
		staff.fill("title", title)
		staff.fill("body", "本周六图书馆闭馆一天，周日照常开放。")
		staff.save()
		name = staff.doc()["name"]
		assert staff.doc()["status"] == "Draft"
		staff.workflow("Submit for Review")
		assert staff.doc()["status"] == "Pending Review"
		assert zh("Pending Review") in page.locator(".page-head:visible").inner_text()

	manager = walks("office.manager")
	with manager.step("the office head approves it"):
		manager.open_form("Notice", name)
		manager.workflow("Approve")
		assert manager.doc()["status"] == "Published"

	ack = ack_notice(admin_api, t)
	teacher = walks("teacher")
	tpage = teacher.page
	with teacher.step("a teacher reads it on the notice board at phone width"):
		teacher.goto("/notices")
		item = tpage.locator(".so-notice-item").filter(has_text=t).filter(has_text="图书馆")
		item.wait_for(state="visible")
		assert tpage.locator("h1.so-title").inner_text().strip() == zh("Notices")
		width = tpage.evaluate("() => document.documentElement.scrollWidth")
		assert width <= 390, f"the board scrolls sideways at phone width ({width}px)"
		item.locator("a").click()
		tpage.locator(".so-notice-body").filter(has_text="闭馆一天").wait_for()
		teacher.settle()

	with teacher.step("the teacher confirms receipt of an Important notice for the department"):
		teacher.goto(f"/notices/{ack}")
		button = tpage.locator(".so-ack-button")
		button.wait_for(state="visible")
		with tpage.expect_response(lambda r: "notices.api.acknowledge" in r.url) as resp:
			button.click()
		assert resp.value.status == 200, resp.value.text()[:500]
		tpage.locator(".so-ack-result").filter(has_text=zh("Receipt confirmed. Thank you.")).wait_for()
		teacher.goto(f"/notices/{ack}")
		assert not tpage.locator(".so-ack-button").count()
		assert zh("Confirmed") in tpage.locator(".so-notice-acks").inner_text()

	with manager.step("the office head takes the lobby screen's URL from the desk"):
		manager.open_form("Signage Screen", "Main Lobby")
		manager.action("Screen URL")
		dialog = manager.dialog()
		dialog.locator("textarea, .control-value, .like-disabled-input").first.wait_for()
		url = manager.page.evaluate(
			"() => { const d = document.querySelector('.modal.show'); const t = d.querySelector('textarea');"
			" return t ? t.value : d.querySelector('.control-value, .like-disabled-input').textContent; }"
		).strip()
		assert re.search(r"/notice-screen\?screen=Main\+Lobby&key=\w{20,}", url), url

	tv = walks("Guest")
	tv.page.set_viewport_size({"width": 1920, "height": 1080})
	with tv.step("the lobby TV shows the current notices full screen without a login"):
		tv.goto(url)
		tv.page.locator(".so-screen-title").first.wait_for()
		shown = tv.page.locator("#so-screen-item").inner_text()
		assert shown.strip(), "the screen shows a notice"
		box = tv.page.locator("#so-screen").bounding_box()
		assert box["width"] >= 1900 and box["height"] >= 1000, box
		assert tv.page.evaluate("() => document.documentElement.scrollHeight") <= 1080
		types = tv.page.locator(".so-screen-type")
		if types.count():
			assert types.first.inner_text().strip() in {
				zh(k) for k in ("General", "Important", "Major", "Emergency")
			}
		tv.screenshot("tv")

	with tv.step("a wrong key shows nothing", expect=("403 /notice-screen",)):
		resp = tv.page.goto(url[:-3] + "xyz", wait_until="load")
		assert resp.status == 403
		assert tv.page.locator(".so-screen-item").count() == 0
	walks.done(teacher)


def test_lobby_screen_rotates_and_refreshes_by_itself(walks, admin_api):
	"""The screen at 1920×1080: each notice stays its time (the settings' minimum, lowered for the test and put
	back), then the next one shows; a notice published meanwhile appears without reloading the page."""
	t = tag()
	settings = admin_api.get_doc("Notice Settings", "Notice Settings")
	screen = admin_api.get_doc("Signage Screen", "Main Lobby")
	url = admin_api.call("school_office.notices.api.screen_url", screen="Main Lobby")
	admin_api.update(
		"Notice Settings", "Notice Settings", {"min_seconds_per_item": 3, "screen_refresh_seconds": 10}
	)
	admin_api.update("Signage Screen", "Main Lobby", {"seconds_per_item": 3})
	try:
		tv = walks("Guest")
		page = tv.page
		page.set_viewport_size({"width": 1920, "height": 1080})
		with tv.step("the screen shows one notice after the other"):
			tv.goto(url)
			page.locator(".so-screen-title").first.wait_for()
			first = page.locator(".so-screen-title").inner_text()
			page.wait_for_function(
				"first => document.querySelector('.so-screen-title').textContent !== first",
				arg=first,
				timeout=15000,
			)
		with tv.step("a notice published meanwhile appears without reloading"):
			doc = admin_api.insert(
				{
					"doctype": "Notice",
					"title": f"临时通知 {t}",
					"notice_type": "Emergency",
					"body": "<p>东门临时封闭。</p>",
					"channels": [{"channel": "Screens"}],
				}
			)
			current = admin_api.get_doc("Notice", doc["name"])
			admin_api.call("frappe.model.workflow.apply_workflow", doc=current, action="Publish")
			page.wait_for_function(
				"t => document.getElementById('so-screen').textContent.includes(t)", arg=t, timeout=40000
			)
			tv.screenshot("tv-refreshed")
	finally:
		admin_api.update(
			"Notice Settings",
			"Notice Settings",
			{
				"min_seconds_per_item": settings.get("min_seconds_per_item") or 300,
				"screen_refresh_seconds": settings.get("screen_refresh_seconds") or 60,
			},
		)
		admin_api.update(
			"Signage Screen", "Main Lobby", {"seconds_per_item": screen.get("seconds_per_item") or 300}
		)
	walks.done(tv)
