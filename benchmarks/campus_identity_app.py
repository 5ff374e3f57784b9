"""The staff phone app (/office) against the desk's list view for the same data, same run, same user.

Run against a site with the demo loaded and the server running (it only reads, unless --seed N is given:
then it first files N consultation requests assigned to office staff, tagged "BENCH APP"):

    /root/frappe-bench/env/bin/python benchmarks/campus_identity_app.py --url http://SITE:PORT [--seed 50]

Measures, as office.staff@demo.school (demo password), median of --runs:

1. first load in Chromium at 390×844 with an empty cache: /office until My work is on screen, against
   the desk's list view /app/service-request?_assign=… until its rows are on screen;
2. the "My work" API (one call: requests assigned to me, documents waiting for me, bookings to approve)
   against the calls the desk's list views make for the same three lists (frappe.desk.reportview.get).

Prints each median, the ratios (app / desk) and whether the app's first load is under 2 s.
"""

import argparse
import json
import statistics
import time

import requests

USER, PASSWORD = "office.staff@demo.school", "SchoolOffice#2026"
MY_WORK = "/api/method/school_office.campus_identity.my_work.my_work"


def session(url, user=USER, password=PASSWORD):
	s = requests.Session()
	r = s.post(f"{url}/api/method/login", data={"usr": user, "pwd": password}, timeout=60)
	r.raise_for_status()
	return s


def seed(url, n):
	manager = session(url, "office.manager@demo.school")
	for i in range(n):
		r = manager.post(
			f"{url}/api/resource/Service Request",
			json={
				"subject": f"BENCH APP request {i}",
				"service_type": "Consultation",
				"requester": "student@demo.school",
			},
			timeout=60,
		)
		r.raise_for_status()
		name = r.json()["data"]["name"]
		manager.post(
			f"{url}/api/method/frappe.desk.form.assign_to.add",
			data={"doctype": "Service Request", "name": name, "assign_to": json.dumps([USER])},
			timeout=60,
		).raise_for_status()


def desk_list_calls(s, url):
	"""The three desk list views' data calls for the same lists as My work."""
	common = {"page_length": 20, "order_by": "`tabService Request`.`modified` desc", "with_comment_count": 1}
	calls = [
		{
			"doctype": "Service Request",
			"fields": json.dumps(
				[
					"`tabService Request`.`name`",
					"`tabService Request`.`subject`",
					"`tabService Request`.`status`",
					"`tabService Request`.`sla_resolution_by`",
					"`tabService Request`.`_assign`",
				]
			),
			"filters": json.dumps(
				[
					["Service Request", "_assign", "like", f"%{USER}%"],
					[
						"Service Request",
						"status",
						"in",
						["Open", "Needs Info", "Accepted", "In Progress", "On Hold"],
					],
				]
			),
			**common,
		},
		{
			"doctype": "Official Document",
			"fields": json.dumps(
				[
					"`tabOfficial Document`.`name`",
					"`tabOfficial Document`.`title`",
					"`tabOfficial Document`.`status`",
				]
			),
			"filters": json.dumps(
				[["Official Document", "status", "in", ["Countersigning", "In Process", "Distributed"]]]
			),
			**{**common, "order_by": "`tabOfficial Document`.`modified` desc"},
		},
		{
			"doctype": "Venue Booking",
			"fields": json.dumps(
				[
					"`tabVenue Booking`.`name`",
					"`tabVenue Booking`.`event_name`",
					"`tabVenue Booking`.`starts_on`",
				]
			),
			"filters": json.dumps([["Venue Booking", "status", "=", "Requested"]]),
			**{**common, "order_by": "`tabVenue Booking`.`modified` desc"},
		},
	]
	for data in calls:
		r = s.post(f"{url}/api/method/frappe.desk.reportview.get", data=data, timeout=60)
		r.raise_for_status()


def timed(fn, runs):
	out = []
	for _ in range(runs):
		t0 = time.perf_counter()
		fn()
		out.append(time.perf_counter() - t0)
	return statistics.median(out)


def first_loads(url, runs, chromium):
	from playwright.sync_api import sync_playwright

	app, desk = [], []
	with sync_playwright() as p:
		browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
		for _ in range(runs):
			for target, out in (("app", app), ("desk", desk)):
				ctx = browser.new_context(
					viewport={"width": 390, "height": 844}, is_mobile=True, locale="zh-CN"
				)
				ctx.request.post(f"{url}/api/method/login", form={"usr": USER, "pwd": PASSWORD})
				page = ctx.new_page()
				t0 = time.perf_counter()
				if target == "app":
					page.goto(f"{url}/office")
					page.locator("#so-work-list, .so-main .so-empty:not(:has-text('…'))").first.wait_for(
						timeout=60000
					)
				else:
					page.goto(f"{url}/app/service-request?_assign=" + json.dumps(["like", f"%{USER}%"]))
					page.locator(
						".frappe-list .list-row-container, .frappe-list .no-result:visible"
					).first.wait_for(timeout=60000)
				out.append(time.perf_counter() - t0)
				ctx.close()
		browser.close()
	return statistics.median(app), statistics.median(desk)


def main():
	ap = argparse.ArgumentParser()
	ap.add_argument("--url", required=True)
	ap.add_argument("--runs", type=int, default=5)
	ap.add_argument("--api-runs", type=int, default=30)
	ap.add_argument("--seed", type=int, default=0)
	ap.add_argument("--chromium", default="/usr/bin/chromium")
	args = ap.parse_args()
	url = args.url.rstrip("/")
	if args.seed:
		seed(url, args.seed)
	s = session(url)
	work = s.get(url + MY_WORK, timeout=60).json()["message"]
	print(f"My work: {len(work['items'])} items {work['counts']}")
	s.get(url + MY_WORK, timeout=60)
	desk_list_calls(s, url)  # warm both
	api_app = timed(lambda: s.get(url + MY_WORK, timeout=60).raise_for_status(), args.api_runs)
	api_desk = timed(lambda: desk_list_calls(s, url), args.api_runs)
	print(
		f"API   my_work {api_app * 1000:.0f} ms | desk's three list calls {api_desk * 1000:.0f} ms | ratio {api_app / api_desk:.2f}"
	)
	load_app, load_desk = first_loads(url, args.runs, args.chromium)
	print(
		f"Load  /office {load_app:.2f} s | desk list view {load_desk:.2f} s | ratio {load_app / load_desk:.2f}"
		f" | app under 2 s: {'yes' if load_app < 2 else 'NO'}"
	)


if __name__ == "__main__":
	main()
