"""The staff phone app (/office) at 390×844 in zh: office staff open it (installable: manifest, service
worker registered), see My work, accept a request and approve a venue booking from it (the desk's own
methods), see a newly assigned request arrive by Frappe's realtime, and scan — the scan page opens a
venue check-in link and refuses a foreign one."""

import json
import re
from datetime import timedelta

import pytest

from tests.browser.data import site_now, tag
from tests.browser.harness import Api

VENUE_CATEGORY = "Normal"  # needs approval


def _setup(admin_api, playwright_instance, site_url, demo, t):
	"""Setup (not the path under test): a request assigned to office staff, a booking waiting for approval."""
	staff = demo["email"]("office.staff")
	request = admin_api.insert(
		{
			"doctype": "Service Request",
			"subject": f"咨询办事流程 {t}",
			"service_type": "Consultation",
			"requester": demo["email"]("student"),
		}
	)["name"]
	admin_api.call(
		"frappe.desk.form.assign_to.add", doctype="Service Request", name=request, assign_to=[staff]
	)
	venue = admin_api.insert(
		{
			"doctype": "Venue",
			"venue_name": f"报告厅 {t}",
			"venue_category": VENUE_CATEGORY,
			"capacity": 80,
			"is_bookable": 1,
		}
	)["name"]
	teacher = Api(playwright_instance, site_url)
	teacher.login(demo["email"]("teacher"), demo["password"])
	starts = (site_now(admin_api) + timedelta(days=14)).replace(hour=15, minute=0, second=0, microsecond=0)
	booking = teacher.call(
		"school_office.venues.api.request_booking",
		venue=venue,
		starts_on=f"{starts:%Y-%m-%d %H:%M:%S}",
		ends_on=f"{starts + timedelta(hours=1):%Y-%m-%d %H:%M:%S}",
		purpose="家长会",
		event_name=f"家长会 {t}",
		headcount=40,
		safety_commitment=1,
	)["name"]
	return request, booking, teacher


def test_staff_accept_and_approve_from_the_phone_app_and_scan(
	walks, admin_api, playwright_instance, site_url, demo
):
	t = tag()
	request, booking, teacher = _setup(admin_api, playwright_instance, site_url, demo, t)
	staff = walks("office.staff")
	page = staff.page

	with staff.step("open the app: installable, My work lists the request and the booking"):
		staff.goto("/office")
		page.locator("#so-work-list").wait_for(state="visible")
		assert page.locator('link[rel="manifest"]').get_attribute("href") == "/office/manifest.webmanifest"
		scope = page.evaluate("() => navigator.serviceWorker.ready.then(r => r.active ? r.scope : null)")
		assert scope and scope.endswith("/office"), scope
		assert page.locator(".so-tab.active").inner_text().strip() == "我的工作"
		page.locator(f'.so-item[data-name="{request}"]').wait_for(state="visible")
		page.locator(f'.so-item[data-name="{booking}"]').wait_for(state="visible")
		staff.settle()

	with staff.step("accept the request from its card"):
		card = page.locator(f'.so-item[data-name="{request}"]')
		with page.expect_response(lambda r: "service_desk.api.accept" in r.url) as resp:
			card.locator('button[data-action="accept"]').click()
		assert resp.value.status == 200, resp.value.text()[:500]
		card.locator('button[data-action="start"]').wait_for(state="visible")  # the list came back
		assert admin_api.get_doc("Service Request", request)["status"] == "Accepted"
		assert card.locator(".so-pill").inner_text().strip() == "已受理"

	with staff.step("approve the booking from its card"):
		card = page.locator(f'.so-item[data-name="{booking}"]')
		with page.expect_response(lambda r: "apply_workflow" in r.url) as resp:
			card.locator('button[data-action="Approve"]').click()
		assert resp.value.status == 200, resp.value.text()[:500]
		card.wait_for(state="detached")  # no longer waiting for approval
		assert admin_api.get_doc("Venue Booking", booking)["status"] == "Approved"

	with staff.step("a request assigned while the app is open appears without reloading (realtime)"):
		page.evaluate("() => { window.__soNoReload = true; }")
		late = admin_api.insert(
			{
				"doctype": "Service Request",
				"subject": f"实时推送 {t}",
				"service_type": "Consultation",
				"requester": demo["email"]("student"),
			}
		)["name"]
		admin_api.call(
			"frappe.desk.form.assign_to.add",
			doctype="Service Request",
			name=late,
			assign_to=[demo["email"]("office.staff")],
		)
		admin_api.update("Service Request", late, {"contact": "13900000000"})
		page.locator(f'.so-item[data-name="{late}"]').wait_for(state="visible", timeout=30000)
		assert page.evaluate("() => window.__soNoReload === true"), "the page was reloaded"

	mine = next(b for b in teacher.call("school_office.venues.api.my_bookings") if b["name"] == booking)
	link = mine["check_in_url"]
	teacher.close()
	assert "/venue-check-in?" in link

	with staff.step("scan: a foreign code is refused, the booking's check-in code opens its page"):
		page.locator('.so-tab[data-tab="scan"]').click()
		field = page.locator("#so-code-link")
		field.wait_for(state="visible")
		field.fill("https://evil.example/venue-check-in?booking=" + booking)
		page.locator(".so-paste button[type=submit]").click()
		page.locator(".so-toast.error").filter(has_text="这不是本办公室的二维码").wait_for()
		field.fill(link)
		page.locator(".so-paste button[type=submit]").click()
		page.wait_for_url(re.compile(r"/venue-check-in\?booking="))
		staff.settle()
		assert booking in page.content() or json.dumps(booking)[1:-1] in page.content()
	walks.done(staff)


def test_staff_answer_a_meeting_and_sign_in_from_the_phone_app(walks, admin_api):
	"""Office staff (an attendee) answer the meeting's notice from My work, then at the door scan its
	sign-in code in the app (the code's link pasted: headless Chromium has no camera) and sign in."""
	if not admin_api.get_list("DocType", [["name", "=", "Meeting"]]):
		pytest.skip("the Meetings module (issue #12) is not in this build")
	from tests.browser.test_meetings import make_meeting

	t = tag()
	name, sign_in_url = make_meeting(admin_api, t)
	staff = walks("office.staff")
	page = staff.page

	with staff.step("My work lists the meeting awaiting my answer; accept it"):
		staff.goto("/office")
		card = page.locator(f'.so-item[data-name="{name}"]')
		card.wait_for(state="visible")
		with page.expect_response(lambda r: "meetings.api.rsvp" in r.url) as resp:
			card.locator('button[data-action="Accepted"]').click()
		assert resp.value.status == 200, resp.value.text()[:500]
		card.wait_for(state="detached")
		row = next(
			a
			for a in admin_api.get_doc("Meeting", name)["attendees"]
			if a["user"].startswith("office.staff@")
		)
		assert row["rsvp"] == "Accepted", row

	with staff.step("scan the door code in the app and sign in"):
		page.locator('.so-tab[data-tab="scan"]').click()
		page.locator("#so-code-link").fill(sign_in_url)
		page.locator(".so-paste button[type=submit]").click()
		page.wait_for_url(re.compile(r"/meeting-sign-in\?meeting="))
		page.locator(".so-sign-in-meeting").filter(has_text=t).wait_for(state="visible")
		with page.expect_response(lambda r: "meetings.api.sign_in" in r.url) as resp:
			page.locator(".so-sign-in-button").click()
		assert resp.value.status == 200, resp.value.text()[:500]
		staff.settle()
		row = next(
			a
			for a in admin_api.get_doc("Meeting", name)["attendees"]
			if a["user"].startswith("office.staff@")
		)
		assert row["signed_in_at"], row
	walks.done(staff)


def test_offline_the_app_shows_its_offline_page_and_caches_no_data(browser, site_url, demo):
	"""The service worker caches the shell only: after a visit, its cache holds no /api response and no page
	with data; offline, /office shows the offline page."""
	ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="zh-CN")
	try:
		ctx.add_cookies([{"name": "preferred_language", "value": "zh", "url": site_url}])
		r = ctx.request.post(
			f"{site_url}/api/method/login",
			form={"usr": demo["email"]("office.staff"), "pwd": demo["password"]},
		)
		assert r.ok
		page = ctx.new_page()
		page.goto(f"{site_url}/office")
		page.locator("#so-work-list, .so-main .so-empty").first.wait_for()
		page.evaluate("() => navigator.serviceWorker.ready")
		page.reload()  # now controlled by the worker
		page.locator("#so-work-list, .so-main .so-empty").first.wait_for()
		cached = page.evaluate(
			"""async () => { const out = [];
			for (const name of await caches.keys()) {
				for (const req of await (await caches.open(name)).keys()) out.push(new URL(req.url).pathname);
			}
			return out; }"""
		)
		assert cached and "/office/offline" in cached, cached
		assert all(p.startswith("/assets/") or p == "/office/offline" for p in cached), cached
		ctx.set_offline(True)
		page.goto(f"{site_url}/office")
		assert "当前处于离线状态" in page.content()
		assert "so-boot" not in page.content()
	finally:
		ctx.close()
