"""Meetings in the browser at phone width in zh: a teacher (portal user) opens the notice's RSVP link and
accepts, then at the door opens the meeting's sign-in QR link and signs in. Setup (not the path under test)
by REST: a meeting starting in a few minutes, approved and notified with a leader's lead-time override."""

import json
from datetime import timedelta

from tests.browser.data import next_minute, site_now, tag, zh

D = "demo.school"


def run(admin_api, name, method, **args):
	r = admin_api.ctx.post(
		"/api/method/run_doc_method",
		data=json.dumps({"dt": "Meeting", "dn": name, "method": method, "args": json.dumps(args)}),
		headers={"Content-Type": "application/json"},
	)
	assert r.ok, f"{method}: HTTP {r.status} {r.text()[:800]}"
	return r.json().get("message")


def make_meeting(admin_api, t):
	starts = next_minute(site_now(admin_api), 5)
	doc = admin_api.insert(
		{
			"doctype": "Meeting",
			"title": f"教研组例会 {t}",
			"meeting_type": "Department",
			"starts_on": starts.strftime("%Y-%m-%d %H:%M:%S"),
			"ends_on": (starts + timedelta(minutes=50)).strftime("%Y-%m-%d %H:%M:%S"),
			"expected_headcount": 5,
			"chair": f"school.leader@{D}",
			"minute_taker": f"office.staff@{D}",
			"attendees": [{"user": f"teacher@{D}"}, {"user": f"office.staff@{D}"}],
			"agenda": [
				{"topic": "期末命题安排", "minutes_allotted": 20},
				{"topic": "教研活动总结", "minutes_allotted": 20},
			],
		}
	)
	name = doc["name"]
	run(admin_api, name, "submit_for_approval")
	run(admin_api, name, "approve")
	run(admin_api, name, "send_notice", override_reason="浏览器测试：当日会议")
	url = admin_api.call("school_office.meetings.api.qr_svg", meeting=name)["url"]
	return name, url


def test_rsvp_and_sign_in_on_a_phone(walks, admin_api):
	t = tag()
	name, sign_in_url = make_meeting(admin_api, t)
	teacher = walks("teacher")
	page = teacher.page

	with teacher.step("open the notice's link and see the meeting with its agenda"):
		teacher.goto(f"/meeting-rsvp?meeting={name}")
		card = page.locator(".so-rsvp-meeting")
		card.wait_for(state="visible")
		text = card.inner_text()
		assert f"教研组例会 {t}" in text and "期末命题安排" in text, text
		assert zh("Pending") in text, text
		teacher.settle()

	with teacher.step("accept the invitation"):
		with page.expect_response(lambda r: "meetings.api.rsvp" in r.url) as resp:
			page.locator('.so-rsvp[data-answer="Accepted"]').click()
		assert resp.value.status == 200, resp.value.text()[:500]
		page.locator(".so-rsvp-result").filter(has_text=zh("Accepted")).wait_for()
		teacher.settle()
		row = next(a for a in admin_api.get_doc("Meeting", name)["attendees"] if a["user"] == f"teacher@{D}")
		assert row["rsvp"] == "Accepted"

	with teacher.step("the meeting is in the list of my meetings"):
		teacher.goto("/meeting-rsvp")
		page.locator(".so-rsvp-list a").filter(has_text=t).wait_for(state="visible")
		teacher.settle()

	with teacher.step("sign in at the door from the QR link"):
		path = sign_in_url.split("://", 1)[1].split("/", 1)[1]
		teacher.goto("/" + path)
		page.locator(".so-sign-in-meeting").filter(has_text=t).wait_for(state="visible")
		with page.expect_response(lambda r: "meetings.api.sign_in" in r.url) as resp:
			page.locator(".so-sign-in-button").click()
		assert resp.value.status == 200, resp.value.text()[:500]
		page.locator(".so-sign-in-result").filter(has_text=zh("Signed in at {0}").split("{0}")[0]).wait_for()
		teacher.settle()
		stored = admin_api.get_doc("Meeting", name)
		row = next(a for a in stored["attendees"] if a["user"] == f"teacher@{D}")
		assert row["signed_in_at"], row
		assert stored["status"] == "In Progress"

	with teacher.step("opening the link again says signed in and offers no button"):
		teacher.goto("/" + path)
		page.locator(".so-sign-in-result").filter(has_text=zh("Signed in at {0}").split("{0}")[0]).wait_for()
		assert page.locator(".so-sign-in-button").count() == 0
	walks.done(teacher)


def test_organiser_requests_and_leader_approves_on_the_desk(walks, admin_api, playwright_instance, site_url):
	"""The desk form at phone width: the organiser sends the meeting for approval, the leader approves it."""
	from tests.browser.harness import Api

	t = tag()
	starts = next_minute(site_now(admin_api), 60 * 24 * 20)
	organiser = Api(playwright_instance, site_url)
	organiser.login(f"dept.head@{D}", "SchoolOffice#2026")
	doc = organiser.insert(
		{
			"doctype": "Meeting",
			"title": f"学期工作会 {t}",
			"meeting_type": "Department",
			"starts_on": starts.strftime("%Y-%m-%d %H:%M:%S"),
			"ends_on": (starts + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M:%S"),
			"attendees": [{"user": f"teacher@{D}"}],
			"agenda": [{"topic": "工作安排", "minutes_allotted": 30}],
		}
	)
	organiser.close()
	name = doc["name"]
	head = walks("dept.head")
	with head.step("the organiser's draft opens on the desk"):
		head.open_form("Meeting", name)
		assert head.doc()["status"] == "Draft"

	with head.step("send it for approval"):
		head.action("Send for Approval")
		head.page.wait_for_function("() => cur_frm.doc.status === 'Pending Approval'")
		head.settle()

	leader = walks("school.leader")
	with leader.step("the leader approves it"):
		leader.open_form("Meeting", name)
		leader.action("Approve", group="Review")
		leader.page.wait_for_function("() => cur_frm.doc.status === 'Approved'")
		leader.settle()
		assert admin_api.get_doc("Meeting", name)["approver"] == f"school.leader@{D}"
	walks.done(head)
	walks.done(leader)
