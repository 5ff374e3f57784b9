"""Service Request insert through REST (SLA + team assignment on) against an ERPNext Issue insert with
an SLA on the same site; medians of N each (interleaved), printed as a ratio. Target: <= 1.15.

    python3 benchmarks/service_request_insert.py [--url http://office.localhost:8000] [--n 200] [--keep]

Needs the demo (Repair Request -> team Maintenance, which has a member, so the Assignment Rule
assigns every request), a running scheduler and worker: routing (assignment, ToDo, the team's
e-mail) runs in the background (School Office Settings, Route New Requests: every minute by default,
or right after saving), and the benchmark checks that the first request did get assigned. An Issue SLA ("School Office Benchmark Issue SLA", default for Issue) is
created if Issue has no enabled SLA. The inserted records are deleted afterwards unless --keep.
"""

import argparse
import json
import os
import statistics
import sys
import time
import uuid

import requests

ISSUE_SLA = "School Office Benchmark Issue SLA"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def login(url, user, password):
	s = requests.Session()
	r = s.post(f"{url}/api/method/login", data={"usr": user, "pwd": password}, timeout=30)
	r.raise_for_status()
	return s


def ensure_issue_sla(s, url):
	r = s.get(
		f"{url}/api/resource/Service Level Agreement",
		params={"filters": json.dumps([["document_type", "=", "Issue"], ["enabled", "=", 1]])},
		timeout=30,
	)
	r.raise_for_status()
	if r.json()["data"]:
		return r.json()["data"][0]["name"]
	hl = s.get(f"{url}/api/resource/Holiday List", timeout=30).json()["data"]
	holiday_list = next(
		(h["name"] for h in hl if h["name"] == "School Calendar"), hl[0]["name"] if hl else None
	)
	doc = {
		"service_level": ISSUE_SLA,
		"document_type": "Issue",
		"enabled": 1,
		"default_service_level_agreement": 1,
		"holiday_list": holiday_list,
		"apply_sla_for_resolution": 1,
		"support_and_resolution": [
			{"workday": d, "start_time": "08:30:00", "end_time": "17:30:00"} for d in WEEKDAYS
		],
		"priorities": [
			{
				"priority": p,
				"response_time": r * 3600,
				"resolution_time": res * 3600,
				"default_priority": int(p == "Medium"),
			}
			for p, (r, res) in {
				"Urgent": (4, 27),
				"High": (12, 27),
				"Medium": (24, 45),
				"Low": (24, 45),
			}.items()
		],
		"sla_fulfilled_on": [{"status": "Resolved"}, {"status": "Closed"}],
		"pause_sla_on": [{"status": "On Hold"}],
	}
	r = s.post(f"{url}/api/resource/Service Level Agreement", json=doc, timeout=60)
	if r.status_code != 200:
		sys.exit(f"could not create the Issue SLA: {r.text[:1000]}")
	return r.json()["data"]["name"]


def timed_post(s, url, doctype, doc):
	t0 = time.perf_counter()
	r = s.post(f"{url}/api/resource/{doctype}", json=doc, timeout=120)
	dt = time.perf_counter() - t0
	if r.status_code != 200:
		sys.exit(f"{doctype} insert failed: {r.status_code} {r.text[:1000]}")
	return dt, r.json()["data"]


def main():
	ap = argparse.ArgumentParser()
	ap.add_argument("--url", default=os.environ.get("SCHOOL_OFFICE_URL", "http://office.localhost:8000"))
	ap.add_argument("--user", default="Administrator")
	ap.add_argument("--password", default=os.environ.get("SCHOOL_OFFICE_ADMIN_PASSWORD", "admin"))
	ap.add_argument("--n", type=int, default=200)
	ap.add_argument("--warmup", type=int, default=10)
	ap.add_argument("--keep", action="store_true")
	ap.add_argument(
		"--settle",
		type=float,
		default=0.0,
		help="seconds to wait after each pair, so background jobs (routing) do not overlap the next timed request",
	)
	a = ap.parse_args()
	url = a.url.rstrip("/")
	s = login(url, a.user, a.password)
	sla = ensure_issue_sla(s, url)
	run = uuid.uuid4().hex[:6]
	sr_times, issue_times, made = [], [], {"Service Request": [], "Issue": []}
	for i in range(a.warmup + a.n):
		sr_t, sr = timed_post(
			s,
			url,
			"Service Request",
			{
				"subject": f"bench {run} SR {i}",
				"service_type": "Repair Request",
				"channel": "Window",
				"description": "Benchmark",
			},
		)
		is_t, issue = timed_post(
			s,
			url,
			"Issue",
			{"subject": f"bench {run} Issue {i}", "description": "Benchmark", "priority": "High"},
		)
		made["Service Request"].append(sr["name"])
		made["Issue"].append(issue["name"])
		if i == 0:
			# routing (assignment rules, team e-mail) runs in a background job right after the commit
			for _wait in range(400):  # "Every Minute" routing: up to a scheduler tick
				sr = s.get(f"{url}/api/resource/Service Request", params={"filters": json.dumps([["name", "=", sr["name"]]]),
						   "fields": json.dumps(["name", "service_level_agreement", "_assign"])}, timeout=30).json()["data"][0]  # fmt: skip
				if sr.get("_assign") and json.loads(sr["_assign"] or "[]"):
					break
				time.sleep(0.5)
			if not (
				sr.get("service_level_agreement") and sr.get("_assign") and json.loads(sr["_assign"] or "[]")
			):
				sys.exit(
					f"Service Request has no SLA or no assignment: {sr.get('service_level_agreement')!r} {sr.get('_assign')!r}"
				)
			if not issue.get("service_level_agreement"):
				sys.exit("Issue has no SLA")
			print(
				f"Service Request SLA: {sr['service_level_agreement']}, assigned to {sr['_assign']}; Issue SLA: {issue['service_level_agreement']}"
			)
		if a.settle:
			time.sleep(a.settle)
		if i >= a.warmup:
			sr_times.append(sr_t)
			issue_times.append(is_t)
	sr_med, is_med = statistics.median(sr_times), statistics.median(issue_times)
	print(
		f"Service Request insert via REST (SLA + assignment): median {sr_med * 1000:.1f} ms over {len(sr_times)}"
	)
	print(f"ERPNext Issue insert via REST (SLA {sla}): median {is_med * 1000:.1f} ms over {len(issue_times)}")
	print(f"ratio Service Request / Issue = {sr_med / is_med:.3f} (target <= 1.15)")
	if not a.keep:
		for doctype, names in made.items():
			for name in names:
				s.delete(f"{url}/api/resource/{doctype}/{name}", timeout=60)


if __name__ == "__main__":
	main()
