"""A stocktake of 20,000 assets: the set-based reconciliation against a per-asset ORM loop, same run.

Run with the bench's Python from the bench's sites folder, on a TEST site with the app (it adds 20,000
assets "BENCH-A…" in 20 rooms under the location "BENCH Campus"; --cleanup removes them):

    cd ~/frappe-bench/sites && ../env/bin/python /path/to/school_office/benchmarks/campus_assets_stocktake.py \\
        --site test.localhost

What it does:
1. seeds the assets once with bulk SQL inserts (frappe.db.bulk_insert), submitted, in 20 rooms;
2. plans an annual stocktake of "BENCH Campus" and starts it (the lines: one bulk insert);
3. scripts the scans (set-based UPDATEs): 19,800 Found, 100 Found Elsewhere, 40 Damaged, 60 never scanned
   (→ Missing), and 25 surplus rows;
4. times ``stocktake.run_reconciliation`` (what the background job runs) and checks its result: 100
   assets on draft Asset Movements, 40 draft Asset Repairs, one loss review of 60 assets, 25 draft Assets,
   the loss rate; then rolls it back;
5. times the baseline — the same reconciliation written as a per-asset ORM loop (get_doc of the stocktake
   and of every asset, db_set per line, one movement per asset) — checks the same counts, rolls back;
6. prints both times and the ratio baseline / set-based. ``--baseline-limit N`` runs the baseline on the
   first N lines only and extrapolates linearly (said so in the output); ``--worker`` additionally runs
   the reconciliation through the real background worker and reports its wall time (committed; the
   stocktake is left Reconciling and is removed by --cleanup).
"""

import argparse
import time

N, ELSEWHERE, MISSING, DAMAGED, SURPLUS = 20_000, 100, 60, 40, 25
ROOMS = 20
PREFIX = "BENCH-A"
CAMPUS = "BENCH Campus"


def rooms():
	return [f"BENCH Room {i:02d}" for i in range(1, ROOMS + 1)]


def seed(frappe):
	from frappe.utils import now_datetime

	from school_office.campus_assets.install import create_defaults, ensure_item

	create_defaults()
	if not frappe.db.exists("Location", CAMPUS):
		frappe.get_doc({"doctype": "Location", "location_name": CAMPUS, "is_group": 1}).insert(
			ignore_permissions=True
		)
	for r in rooms():
		if not frappe.db.exists("Location", r):
			frappe.get_doc({"doctype": "Location", "location_name": r, "parent_location": CAMPUS}).insert(
				ignore_permissions=True
			)
	company = frappe.db.get_value("Company", {"abbr": "DS"}) or frappe.db.get_value("Company", {})
	have = frappe.db.count("Asset", {"name": ("like", f"{PREFIX}%")})
	if have >= N:
		return company
	item = ensure_item("2010105")
	category = frappe.db.get_value("Item", item, "asset_category")
	depts = frappe.get_all("Department", filters={"company": company, "is_group": 0}, pluck="name")[:6]
	now = now_datetime()
	fields = [
		"name",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"docstatus",
		"naming_series",
		"asset_name",
		"item_code",
		"item_name",
		"company",
		"asset_owner",
		"is_existing_asset",
		"location",
		"department",
		"asset_category",
		"asset_classification",
		"school_asset_number",
		"status",
		"purchase_date",
		"available_for_use_date",
		"gross_purchase_amount",
		"purchase_amount",
		"total_asset_cost",
		"asset_quantity",
		"calculate_depreciation",
	]
	rs = rooms()
	values = []
	for i in range(have, N):
		values.append(
			(
				f"{PREFIX}{i:05d}",
				now,
				now,
				"Administrator",
				"Administrator",
				1,
				"ACC-ASS-.YYYY.-",
				f"Bench desktop {i:05d}",
				item,
				"Desktop Computers",
				company,
				"Company",
				1,
				rs[i % ROOMS],
				depts[i % len(depts)] if depts else None,
				category,
				"2010105",
				f"BENCH-2010105-{i:05d}",
				"Submitted",
				"2024-09-01",
				"2024-09-01",
				4000,
				4000,
				4000,
				1,
				0,
			)
		)
	frappe.db.bulk_insert("Asset", fields, values, chunk_size=5000)
	frappe.db.commit()
	return company


def plan_and_scan(frappe, company):
	from frappe.utils import add_days, now_datetime, today

	from school_office.campus_assets import stocktake

	st = frappe.get_doc(
		{
			"doctype": "Asset Stocktake",
			"title": "BENCH stocktake",
			"stocktake_type": "Annual",
			"company": company,
			"planned_on": today(),
			"due_by": add_days(today(), 30),
			"locations": [{"location": CAMPUS}],
		}
	).insert(ignore_permissions=True)
	t0 = time.perf_counter()
	out = stocktake.start_stocktake(st.name)
	t_start = time.perf_counter() - t0
	assert out["lines"] == N, out
	lines = frappe.db.sql(
		"select name, asset, expected_location from `tabAsset Stocktake Line` where parent=%s order by idx",
		st.name,
		as_dict=True,
	)
	now = now_datetime()
	missing = {l.name for l in lines[:MISSING]}
	damaged = [l.name for l in lines[MISSING : MISSING + DAMAGED]]
	elsewhere = lines[MISSING + DAMAGED : MISSING + DAMAGED + ELSEWHERE]
	frappe.db.sql(
		"""update `tabAsset Stocktake Line` set result='Found', found_location=expected_location,
		scanned_by='Administrator', scanned_on=%s where parent=%s""",
		(now, st.name),
	)
	# a scan (api.record_scan) writes last seen on the asset at once, as well as the line
	frappe.db.sql(
		"""update `tabAsset` a join `tabAsset Stocktake Line` l on l.asset = a.name
		set a.last_seen_on = l.scanned_on, a.last_seen_by = l.scanned_by, a.last_seen_location = l.found_location
		where l.parent = %s""",
		st.name,
	)
	frappe.db.sql(
		"update `tabAsset Stocktake Line` set result='Pending', found_location=null, scanned_on=null, "
		"scanned_by=null where name in %s",
		(list(missing),),
	)
	frappe.db.sql(
		"""update `tabAsset` a join `tabAsset Stocktake Line` l on l.asset = a.name
		set a.last_seen_on = null, a.last_seen_by = null, a.last_seen_location = null where l.name in %s""",
		(list(missing),),
	)
	frappe.db.sql(
		"update `tabAsset Stocktake Line` set result='Damaged', note='Screen cracked' where name in %s",
		(damaged,),
	)
	rs = rooms()
	for l in elsewhere:
		other = rs[(rs.index(l.expected_location) + 1) % ROOMS]
		frappe.db.set_value(
			"Asset Stocktake Line",
			l.name,
			{"result": "Found Elsewhere", "found_location": other},
			update_modified=False,
		)
	for i in range(SURPLUS):
		stocktake.add_surplus(st.name, f"Unregistered chair {i}", rs[i % ROOMS], "50103", None, 150)
	frappe.db.set_value("Asset Stocktake", st.name, "status", "Reconciling")
	frappe.db.commit()
	return st.name, t_start


def check(frappe, name, per_asset_movements=False):
	movements = frappe.get_all(
		"Asset Movement",
		filters={"reference_doctype": "Asset Stocktake", "reference_name": name},
		pluck="name",
	)
	moved = frappe.db.count("Asset Movement Item", {"parent": ("in", movements)}) if movements else 0
	repairs = frappe.db.sql(
		"""select count(*) from `tabAsset Repair` r join `tabAsset Stocktake Line` l on l.asset = r.asset
		where l.parent=%s and l.result='Damaged' and r.docstatus=0""",
		name,
	)[0][0]
	review = frappe.db.get_value("Asset Stocktake", name, "loss_review")
	lost = frappe.db.count("Asset Disposal Item", {"parent": review}) if review else 0
	drafts = frappe.db.sql(
		"""select count(*) from `tabAsset Stocktake Surplus` s join `tabAsset` a on a.name = s.new_asset
		where s.parent=%s and a.docstatus=0""",
		name,
	)[0][0]
	st = frappe.db.get_value(
		"Asset Stocktake",
		name,
		["missing_count", "found_count", "loss_rate", "elsewhere_count"],
		as_dict=True,
	)
	got = {
		"moved": moved,
		"repairs": repairs,
		"lost": lost,
		"surplus_drafts": drafts,
		"missing": st.missing_count,
		"found": st.found_count,
		"elsewhere": st.elsewhere_count,
		"loss_rate": float(st.loss_rate or 0),
	}
	want = {
		"moved": ELSEWHERE,
		"repairs": DAMAGED,
		"lost": MISSING,
		"surplus_drafts": SURPLUS,
		"missing": MISSING,
		"found": N - MISSING - DAMAGED - ELSEWHERE,
		"elsewhere": ELSEWHERE,
		"loss_rate": round(100.0 * MISSING / N, 3),
	}
	assert got == want, (got, want)
	return got, len(movements)


def orm_baseline(frappe, name, limit=None):
	"""The same reconciliation, one asset at a time through the ORM."""
	from frappe.utils import flt, now_datetime, today

	from school_office.core import campus_assets as rules

	st = frappe.get_doc("Asset Stocktake", name)
	now = now_datetime()
	lines = st.lines[:limit] if limit else st.lines
	per_dept, totals, lost = {}, {}, []
	split = None
	t0 = time.perf_counter()
	for i, line in enumerate(lines):
		if i == MISSING + DAMAGED + ELSEWHERE:
			split = time.perf_counter() - t0  # the exception lines come first
		asset = frappe.get_doc("Asset", line.asset)
		if line.result == "Pending":
			line.db_set("result", "Missing", update_modified=False)
		if line.result in ("Found", "Found Elsewhere", "Damaged") and line.scanned_on:
			asset.db_set(
				{
					"last_seen_on": line.scanned_on,
					"last_seen_by": line.scanned_by,
					"last_seen_location": line.found_location or line.expected_location,
				},
				update_modified=False,
			)
		if line.result == "Found Elsewhere" and line.found_location != asset.location:
			m = frappe.get_doc(
				{
					"doctype": "Asset Movement",
					"company": st.company,
					"purpose": "Transfer",
					"transaction_date": now,
					"reference_doctype": "Asset Stocktake",
					"reference_name": name,
					"assets": [
						{
							"asset": asset.name,
							"source_location": asset.location,
							"target_location": line.found_location,
						}
					],
				}
			)
			m.flags.ignore_permissions = True
			m.insert()
		if line.result == "Damaged":
			r = frappe.get_doc(
				{
					"doctype": "Asset Repair",
					"asset": asset.name,
					"company": st.company,
					"failure_date": now,
					"repair_status": "Pending",
					"description": line.note,
				}
			)
			r.flags.ignore_permissions = True
			r.insert()
		if line.result == "Missing":
			lost.append(asset.name)
		totals[line.result] = totals.get(line.result, 0) + 1
		d = per_dept.setdefault(asset.department, {})
		d[line.result] = d.get(line.result, 0) + 1
	if lost:
		review = frappe.get_doc(
			{
				"doctype": "Asset Disposal",
				"disposal_type": "Loss",
				"reason": f"Missing in stocktake {name}",
				"asset_stocktake": name,
				"items": [{"asset": a} for a in lost],
			}
		)
		review.flags.ignore_permissions = True
		review.insert()
		frappe.db.set_value("Asset Stocktake", name, "loss_review", review.name, update_modified=False)
	for s in st.surplus:
		a = frappe.get_doc(
			{
				"doctype": "Asset",
				"asset_name": s.description,
				"asset_classification": s.asset_classification,
				"company": st.company,
				"location": s.location,
				"purchase_date": today(),
				"available_for_use_date": today(),
				"is_existing_asset": 1,
				"gross_purchase_amount": flt(s.estimated_value) or 1,
				"purchase_amount": flt(s.estimated_value) or 1,
			}
		)
		a.flags.ignore_permissions = True
		a.insert()
		s.db_set("new_asset", a.name, update_modified=False)
	t_lines = time.perf_counter() - t0
	for d in st.departments:
		c = per_dept.get(d.department, {})
		exp = sum(c.values())
		d.db_set(
			{
				"expected": exp,
				"missing": c.get("Missing", 0),
				"loss_rate": rules.loss_rate(exp, c.get("Missing", 0)),
			},
			update_modified=False,
		)
	expected = sum(totals.values())
	st.db_set(
		{
			"expected_count": expected,
			"found_count": totals.get("Found", 0),
			"elsewhere_count": totals.get("Found Elsewhere", 0),
			"missing_count": totals.get("Missing", 0),
			"damaged_count": totals.get("Damaged", 0),
			"loss_rate": rules.loss_rate(expected, totals.get("Missing", 0)),
		},
		update_modified=False,
	)
	return len(lines), split, t_lines


def timed(fn):
	t0 = time.perf_counter()
	out = fn()
	return time.perf_counter() - t0, out


def cleanup(frappe):
	names = frappe.get_all("Asset Stocktake", filters={"title": "BENCH stocktake"}, pluck="name")
	for n in names:
		review = frappe.db.get_value("Asset Stocktake", n, "loss_review")
		frappe.db.sql(
			"delete from `tabAsset Movement Item` where parent in (select name from `tabAsset Movement` where reference_name=%s)",
			n,
		)
		frappe.db.sql("delete from `tabAsset Movement` where reference_name=%s", n)
		if review:
			frappe.db.sql("delete from `tabAsset Disposal Item` where parent=%s", review)
			frappe.db.sql("delete from `tabAsset Disposal` where name=%s", review)
		for t in (
			"Asset Stocktake Line",
			"Asset Stocktake Surplus",
			"Asset Stocktake Department",
			"Asset Stocktake Location",
		):
			frappe.db.sql(f"delete from `tab{t}` where parent=%s", n)
		frappe.db.sql("delete from `tabAsset Stocktake` where name=%s", n)
	frappe.db.sql(f"delete from `tabAsset Repair` where asset like '{PREFIX}%%'")
	frappe.db.sql(f"delete from `tabAsset Activity` where asset like '{PREFIX}%%'")
	frappe.db.sql(f"delete from `tabAsset` where name like '{PREFIX}%%'")
	frappe.db.sql("delete from `tabAsset` where asset_name like 'Unregistered chair %%'")
	frappe.db.commit()


def main():
	ap = argparse.ArgumentParser()
	ap.add_argument("--site", required=True)
	ap.add_argument("--baseline-limit", type=int, default=0)
	ap.add_argument("--worker", action="store_true")
	ap.add_argument("--cleanup", action="store_true")
	args = ap.parse_args()
	import frappe

	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	from school_office.campus_assets import stocktake

	if args.cleanup:
		cleanup(frappe)
		print("removed the benchmark's records")
		return
	company = seed(frappe)
	name, t_start = plan_and_scan(frappe, company)
	print(f"stocktake {name}: {N} lines generated in {t_start:.2f} s")

	# the first run in a fresh process imports and compiles ERPNext's controllers (a worker has them loaded)
	t_cold, _ = timed(lambda: stocktake.run_reconciliation(name, commit=False))
	frappe.db.rollback()
	print(f"set-based reconciliation, first run in this process (cold imports): {t_cold:.2f} s")
	steps = []
	t0 = time.perf_counter()
	t_app, _ = timed(lambda: stocktake.run_reconciliation(name, commit=False, timings=steps))
	got, n_movements = check(frappe, name)
	print(f"set-based reconciliation: {t_app:.2f} s  ({n_movements} draft movement(s), {got})")
	labels = {
		20: "unscanned → Missing (1 UPDATE)",
		40: "draft Asset Movement",
		60: "draft Asset Repairs",
		75: "loss review",
		90: "surplus draft Assets",
	}
	prev = t0
	for pct, at in steps:
		print(f"    {labels.get(pct, pct)}: {at - prev:.2f} s")
		prev = at
	print(f"    rates (GROUP BY) and totals: {t0 + t_app - prev:.2f} s")
	frappe.db.rollback()

	t_base, (done, split, t_lines) = timed(lambda: orm_baseline(frappe, name, args.baseline_limit or None))
	if done == N:
		check(frappe, name)
		note = ""
	else:
		# the exception lines (first 200) were all done; the Found lines are extrapolated linearly
		found_done = done - (MISSING + DAMAGED + ELSEWHERE)
		found_total = N - (MISSING + DAMAGED + ELSEWHERE)
		t_base = t_base - (t_lines - split) + (t_lines - split) * found_total / found_done
		note = f" (all {MISSING + DAMAGED + ELSEWHERE} exception lines; {found_done} of {found_total} Found lines, extrapolated)"
	frappe.db.rollback()
	print(f"per-asset ORM loop:       {t_base:.2f} s{note}")
	print(f"ratio ORM loop / set-based: {t_base / t_app:.1f}x  (target for the set-based job: <= 10 s)")

	if args.worker:
		frappe.db.set_value("Asset Stocktake", name, {"status": "Reconciling", "progress": 0})
		frappe.db.commit()
		t0 = time.perf_counter()
		frappe.enqueue(
			"school_office.campus_assets.stocktake.run_reconciliation", queue="long", timeout=1800, name=name
		)
		frappe.db.commit()
		while True:
			time.sleep(0.5)
			frappe.db.rollback()
			if frappe.db.get_value("Asset Stocktake", name, "progress") == 100:
				break
			if time.perf_counter() - t0 > 600:
				raise SystemExit("the worker did not finish in 10 minutes")
		print(
			f"through the background worker (queue long, wall time incl. pick-up): {time.perf_counter() - t0:.2f} s"
		)
		check(frappe, name)
	frappe.destroy()


if __name__ == "__main__":
	main()
