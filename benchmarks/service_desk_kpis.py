"""Service Desk KPIs over 200,000 service requests: the report's grouped SQL against a per-request
Python loop over the same rows, same run.

Run with the bench's Python from the bench's sites folder, on a TEST site (it bulk-inserts 200,000
requests named "KPIB-…" filed in 2015, with assignees' audits, through frappe.db.bulk_insert;
--cleanup removes them):

    cd ~/frappe-bench/sites && ../env/bin/python /path/to/school_office/benchmarks/service_desk_kpis.py --site SITE

Both compute every KPI of the Service Desk KPIs report (month x team x service type, the whole of 2015):

- report: ``school_office.service_desk.quality.kpi_rows`` + ``figures`` — one grouped query over the
  requests (repeat flags and the completed audits' checks and findings are stored on each request);
- baseline: ``kpi_rows_by_loop`` — the same rows fetched, then every request looked at in Python
  (``school_office.core.quality.kpis_from_rows``).

Prints the median time of each (in-process, server time without HTTP), the ratio loop / report, and
checks that both give the same figures. Target: the report ≤ 1.5 s.
"""

import argparse
import random
import statistics
import time
from datetime import datetime, timedelta

N, PREFIX, YEAR = 200_000, "KPIB-", 2015
TEAMS = ["Print Room", "Meeting Team", "Coordination", "Maintenance"]
TYPES = {
	"Print Room": ["Printing and Copying"],
	"Meeting Team": ["Venue Application", "Meeting Support"],
	"Coordination": ["Leave Slip", "Consultation", "Certificate Issuance", "Transcript Request", "Complaint"],
	"Maintenance": ["Repair Request"],
}
STATUSES = (
	["Resolved"] * 50
	+ ["Closed"] * 30
	+ ["In Progress"] * 8
	+ ["Open"] * 5
	+ ["Rejected"] * 4
	+ ["Referred"] * 3
)
AUDIT = f"SA-KPIB-{YEAR}"


def seed(frappe, n, reseed=False):
	from school_office.core.quality import repeat_flags
	from school_office.service_desk.tests import kpi_data

	have = frappe.db.count("Service Request", {"name": ("like", f"{PREFIX}%")})
	if have >= n and not reseed:
		return have
	kpi_data.remove(PREFIX, AUDIT)
	rnd = random.Random(14)
	start = datetime(YEAR, 1, 1, 8, 0)
	span = (datetime(YEAR + 1, 1, 1) - start).total_seconds()
	requesters = [f"kpib.requester{i}@bench.school" for i in range(20_000)]
	rows, audit_items = [], []
	for i in range(n):
		name = f"{PREFIX}{i:07d}"
		team = rnd.choice(TEAMS)
		created = start + timedelta(seconds=rnd.random() * span)
		status = rnd.choice(STATUSES)
		sla = created + timedelta(hours=rnd.choice([4, 12, 24, 48])) if rnd.random() < 0.9 else None
		resolved = None
		if status in ("Resolved", "Closed"):
			resolved = created + timedelta(hours=rnd.expovariate(1 / 20))
		rows.append(
			(
				name,
				rnd.choice(requesters),
				created,
				status,
				resolved,
				sla,
				rnd.choice([0, 0, 0, 1, 2]),
				round(rnd.uniform(3, 40), 1) if resolved else 0,
				rnd.choice(["Solved", "Solved", "Partly Solved", "Cannot Be Solved"]) if resolved else None,
				0,
				rnd.choice(TYPES[team]),
				team,
			)
		)
		if rnd.random() < 0.2:
			audit_items.append((f"KPIB-A{i:07d}", name, int(rnd.random() < 0.06)))
	# is_repeat as the rule sets it at filing (same requester and type within 30 days before)
	order = sorted(range(n), key=lambda i: rows[i][2])
	flags = repeat_flags(
		[{"requester": rows[i][1], "service_type": rows[i][10], "creation": rows[i][2]} for i in order]
	)
	for i, flag in zip(order, flags, strict=True):
		rows[i] = (*rows[i][:9], int(flag), *rows[i][10:])
	kpi_data.insert_requests(rows)
	kpi_data.insert_audit(AUDIT, f"{YEAR}-12", datetime.now(), audit_items)
	frappe.db.commit()
	return n


def timed(fn, runs):
	times, result = [], None
	for _ in range(runs):
		t = time.perf_counter()
		result = fn()
		times.append(time.perf_counter() - t)
	return statistics.median(times), result


def main():
	ap = argparse.ArgumentParser()
	ap.add_argument("--site", required=True)
	ap.add_argument("--n", type=int, default=N)
	ap.add_argument("--runs", type=int, default=5)
	ap.add_argument("--cleanup", action="store_true")
	ap.add_argument("--reseed", action="store_true", help="delete and insert the requests again")
	args = ap.parse_args()
	import frappe

	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	from school_office.service_desk import quality

	try:
		if args.cleanup:
			from school_office.service_desk.tests import kpi_data

			kpi_data.remove(PREFIX, AUDIT)
			frappe.db.commit()
			print("removed the benchmark's requests")
			return
		t = time.perf_counter()
		count = seed(frappe, args.n, args.reseed)
		print(f"{count} benchmark requests ready ({time.perf_counter() - t:.1f} s)")
		period = (f"{YEAR}-01-01", f"{YEAR}-12-31")
		now = datetime(YEAR + 2, 1, 1)
		total = frappe.db.count(
			"Service Request", {"creation": ("between", [f"{YEAR}-01-01", f"{YEAR}-12-31 23:59:59"])}
		)
		print(f"requests in the period: {total}")
		sql_time, sql_rows = timed(lambda: quality.figures(quality.kpi_rows(*period, now=now)), args.runs)
		loop_time, loop_rows = timed(
			lambda: quality.figures(quality.kpi_rows_by_loop(*period, now=now)), max(1, args.runs // 2)
		)
		if sql_rows != loop_rows:
			raise SystemExit("the report and the loop disagree")
		t = quality.total(quality.kpi_rows(*period, now=now))
		print(f"groups: {len(sql_rows)}; totals: {t}")
		print(f"report (grouped SQL): median {sql_time:.3f} s over {args.runs} runs")
		print(f"baseline (per-request loop): median {loop_time:.3f} s over {max(1, args.runs // 2)} runs")
		print(
			f"ratio loop / report: {loop_time / sql_time:.1f}x; target report <= 1.5 s: "
			f"{'met' if sql_time <= 1.5 else 'NOT met'}"
		)
	finally:
		frappe.destroy()


if __name__ == "__main__":
	main()
