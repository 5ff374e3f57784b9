"""Venues in the browser: a teacher finds a free venue on the portal and requests it, office staff approve
it on the desk, the teacher checks in from the booking's check-in link. The path's own venue (unique name)
in a same-day category that needs approval, so the booking can start in a few minutes and be checked in."""

import re
import time
from datetime import timedelta

from tests.browser.data import next_minute, site_now, tag, zh

CATEGORY = "当日审批（浏览器测试）"


def make_venue(admin_api, t):
	"""Setup (not the path under test): a same-day category that needs approval and a venue in it."""
	if not admin_api.get_list("Venue Category", [["name", "=", CATEGORY]]):
		admin_api.insert(
			{
				"doctype": "Venue Category",
				"category_name": CATEGORY,
				"requires_approval": 1,
				"min_advance_days": 0,
				"max_duration_hours": 4,
				"buffer_minutes": 0,
			}
		)
	venue = admin_api.insert(
		{
			"doctype": "Venue",
			"venue_name": f"小会议室 {t}",
			"venue_category": CATEGORY,
			"capacity": 12,
			"function_zone": "Meeting",
			"is_bookable": 1,
			"check_in_required": 1,
		}
	)
	return venue["name"]


def next_slot(now, opens):
	"""A slot starting in a few minutes (inside the check-in window) and ending the same day; close to
	midnight the slot starts just after midnight, which is still inside the window."""
	starts = next_minute(now, min(4, max(opens - 2, 1)))
	ends = min(starts + timedelta(minutes=45), starts.replace(hour=23, minute=59))
	if ends - starts < timedelta(minutes=10):
		starts = (starts + timedelta(days=1)).replace(hour=0, minute=1)
		ends = starts + timedelta(minutes=45)
	return starts, ends


def test_booking_from_search_to_approval_and_check_in(walks, admin_api):
	t = tag()
	venue = make_venue(admin_api, t)
	settings = admin_api.get_doc("Venue Settings", "Venue Settings")
	opens = int(settings.get("check_in_opens_minutes") or 0)
	starts, ends = next_slot(site_now(admin_api), opens)

	teacher = walks("teacher")
	page = teacher.page
	label_known = {
		"9.10": r"请示|random hash|stay active",
		"9.12": r"untranslated '(Meeting|Teaching|Classroom|Projector|Microphone|Whiteboard|Meeting Room|Lecture Hall|Physics Lab|Auditorium)'",
	}

	with teacher.step("search a free venue for the next hour", known=label_known):
		teacher.goto("/venue-booking")
		search = page.locator("#vb-search")
		search.wait_for(state="visible")
		search.locator("[name=date]").fill(starts.strftime("%Y-%m-%d"))
		search.locator("[name=from]").fill(starts.strftime("%H:%M"))
		search.locator("[name=to]").fill(ends.strftime("%H:%M"))
		search.locator("[name=capacity]").fill("8")
		search.locator("[name=category]").select_option(CATEGORY)
		with page.expect_response(lambda r: "find_free_venues" in r.url):
			search.locator("button[type=submit]").click()
		result = page.locator("#vb-results .so-item").filter(has_text=venue)
		result.wait_for(state="visible")
		teacher.settle()

	with teacher.step("request it with the safety commitment", known=label_known):
		result.locator("button").first.click()
		form = page.locator("#vb-request")
		form.wait_for(state="visible")
		form.locator("[name=event_name]").fill(f"教研组会议 {t}")
		form.locator("[name=purpose]").fill("讨论期末命题安排")
		form.locator("[name=safety_commitment]").check()
		with page.expect_response(lambda r: "request_booking" in r.url) as resp:
			form.locator("button[type=submit]").click()
		assert resp.value.status == 200, resp.value.text()[:500]
		booking = resp.value.json()["message"]["name"]
		page.locator("#vb-message").filter(has_text=re.compile(r"\S")).wait_for()
		teacher.settle()

	with teacher.step("the answer names the booking by a readable number", known=label_known):
		message = page.locator("#vb-message").inner_text()
		assert not re.search(r"\b[0-9a-f]{10}\b", message), f"booking number is a random hash: {message}"
		stale = page.locator("#vb-results button:visible")
		assert not stale.count() or stale.first.is_disabled(), "search results stay active after submitting"

	staff = walks("office.staff")
	with staff.step(
		"office staff approve it on the desk",
		known={"9.12": label_known["9.12"]},
	):
		staff.open_form("Venue Booking", booking)
		assert staff.doc()["status"] == "Requested"
		staff.workflow("Approve")
		assert staff.doc()["status"] == "Approved", staff.doc()["status"]

	# close to midnight the slot is just after it: check-in opens `opens` minutes before (a clock, not the UI)
	opens_at = starts - timedelta(minutes=opens)
	while site_now(admin_api) < opens_at:
		time.sleep(5)

	with teacher.step("check in from the booking's check-in link", known=label_known):
		teacher.goto("/venue-booking")
		mine = page.locator("#vb-mine .so-item").filter(has_text=venue)
		mine.wait_for(state="visible")
		assert zh("Approved") in mine.inner_text()
		mine.locator('a[href*="/venue-check-in"]').click()
		page.wait_for_url(re.compile(r"/venue-check-in\?"))
		teacher.settle()
		assert venue in page.locator(".so-check-in-booking").inner_text()
		with page.expect_response(lambda r: "api.check_in" in r.url) as resp:
			page.locator(
				".so-check-in-button"
			).click()  # the page itself changes nothing (no state change on GET)
		assert resp.value.status == 200, resp.value.text()[:500]
		result = page.locator(".so-check-in-result")
		result.filter(has_text=venue).wait_for()
		teacher.settle()
		assert admin_api.get_doc("Venue Booking", booking)["status"] == "Checked In"

	with teacher.step("times on the check-in page show no seconds", known={"9.14": r"times with seconds"}):
		text = page.locator(".so-venues").first.inner_text()
		with_seconds = re.findall(r"\d{1,2}:\d{2}:\d{2}", text)
		assert not with_seconds, f"times with seconds on the check-in page: {with_seconds}"
	walks.done(teacher)
