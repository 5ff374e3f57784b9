"""Supply Plan over 500 items and two years of Stock Ledger history: the app's grouped queries against one
ledger query per item, same run, same data.

Run with the bench's Python from the bench's sites folder, on a TEST site with ERPNext and the app (it adds
500 items "BENCH-OS-…" in the item group "BENCH Office Supplies", a warehouse "BENCH Supplies Store" and about
200,000 Stock Ledger Entries by bulk SQL insert; --cleanup removes them):

    cd ~/frappe-bench/sites && ../env/bin/python /path/to/school_office/benchmarks/office_supplies_plan.py \
        --site test.localhost [--runs 5] [--background]

It prints the median time of compute_lines() with the grouped queries (the app: one GROUP BY query for the
consumption of all items, one for stock on hand, one for departments' demand) and with a ledger query per item
(the baseline), the ratio baseline / app, and checks that both give the same lines. With --background it also
enqueues the real job (compute_plan_job on the "long" queue) and reports its wall time until the plan's lines
are stored (needs a running worker that has the app's current code: /root/restart-worker.sh or bench restart).
"""

import argparse
import random
import statistics
import time
from datetime import date, timedelta

ITEMS, PREFIX, GROUP, STORE = 500, "BENCH-OS-", "BENCH Office Supplies", "BENCH Supplies Store"
WEEKS = 104  # two years
ISSUES_PER_WEEK = 2  # about 104,000 issue rows + weekly receipts ≈ 156,000 ledger rows


def _company(frappe):
	return frappe.defaults.get_global_default("company") or frappe.get_all("Company", pluck="name")[0]


def seed(frappe):
	"""Items, a warehouse and two years of ledger entries (bulk INSERTs); idempotent."""
	company = _company(frappe)
	if not frappe.db.exists("Item Group", GROUP):
		parent = (
			frappe.db.get_single_value("Office Supplies Settings", "supply_item_group") or "All Item Groups"
		)
		frappe.get_doc(
			{"doctype": "Item Group", "item_group_name": GROUP, "parent_item_group": parent, "is_group": 0}
		).insert(ignore_permissions=True)
	store = frappe.db.get_value("Warehouse", {"warehouse_name": STORE, "company": company})
	if not store:
		store = (
			frappe.get_doc({"doctype": "Warehouse", "warehouse_name": STORE, "company": company})
			.insert(ignore_permissions=True)
			.name
		)
	codes = [f"{PREFIX}{i:04d}" for i in range(ITEMS)]
	if frappe.db.count("Item", {"name": ("like", f"{PREFIX}%")}) < ITEMS:
		now = frappe.utils.now()
		rows = [
			(c, c, c, GROUP, "Nos", 1, 0, now, now, "Administrator", "Administrator")
			for c in codes
			if not frappe.db.exists("Item", c)
		]
		frappe.db.sql(
			"""insert into `tabItem` (name, item_code, item_name, item_group, stock_uom, is_stock_item,
				disabled, creation, modified, owner, modified_by) values {}""".format(
				", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"] * len(rows))
			),
			[v for r in rows for v in r],
		)
	if not frappe.db.count("Stock Ledger Entry", {"warehouse": store}):
		rnd = random.Random(11)
		start = date.today() - timedelta(weeks=WEEKS)
		now = frappe.utils.now()
		batch, bins = [], []
		for code in codes:
			balance = 0.0
			for w in range(WEEKS):
				day = start + timedelta(weeks=w)
				receipt = rnd.randint(20, 60)
				balance += receipt
				batch.append((code, store, day, receipt, "Stock Entry", f"BENCH-REC-{code}-{w}"))
				for k in range(ISSUES_PER_WEEK):
					qty = min(balance, rnd.randint(5, 30))
					balance -= qty
					batch.append(
						(
							code,
							store,
							day + timedelta(days=k + 1),
							-qty,
							"Stock Entry",
							f"BENCH-ISS-{code}-{w}-{k}",
						)
					)
				if len(batch) >= 5000:
					_flush(frappe, batch, company, now)
			bins.append((frappe.generate_hash(length=12), code, store, balance, now, now))
		_flush(frappe, batch, company, now)
		frappe.db.sql(
			"""insert into `tabBin` (name, item_code, warehouse, actual_qty, creation, modified) values {}""".format(
				", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(bins))
			),
			[v for r in bins for v in r],
		)
	frappe.db.commit()
	return company, store, codes


def _flush(frappe, batch, company, now):
	if not batch:
		return
	values = []
	for code, store, day, qty, vtype, vno in batch:
		values += [
			frappe.generate_hash(length=14),
			code,
			store,
			day,
			"10:00:00",
			f"{day} 10:00:00",
			qty,
			vtype,
			vno,
			company,
			0,
			1,
			now,
			now,
		]
	frappe.db.sql(
		"""insert into `tabStock Ledger Entry` (name, item_code, warehouse, posting_date, posting_time,
			posting_datetime, actual_qty, voucher_type, voucher_no, company, is_cancelled, docstatus, creation,
			modified) values {}""".format(
			", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"] * len(batch))
		),
		values,
	)
	batch.clear()


def cleanup(frappe):
	store = frappe.db.get_value("Warehouse", {"warehouse_name": STORE})
	if store:
		frappe.db.delete("Stock Ledger Entry", {"warehouse": store})
		frappe.db.delete("Bin", {"warehouse": store})
		for name in frappe.get_all("Supply Plan", filters={"warehouse": store}, pluck="name"):
			frappe.delete_doc("Supply Plan", name, force=True, ignore_permissions=True)
	frappe.db.delete("Item", {"name": ("like", f"{PREFIX}%")})
	if frappe.db.exists("Item Group", GROUP):
		frappe.delete_doc("Item Group", GROUP, force=True, ignore_permissions=True)
	if store:
		frappe.delete_doc("Warehouse", store, force=True, ignore_permissions=True)
	frappe.db.commit()


def timed(fn, runs):
	times, out = [], None
	for _ in range(runs):
		t = time.perf_counter()
		out = fn()
		times.append(time.perf_counter() - t)
	return statistics.median(times), out


def main():
	ap = argparse.ArgumentParser()
	ap.add_argument("--site", required=True)
	ap.add_argument("--runs", type=int, default=5)
	ap.add_argument("--background", action="store_true")
	ap.add_argument("--cleanup", action="store_true")
	args = ap.parse_args()
	import frappe

	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		if args.cleanup:
			cleanup(frappe)
			print("removed the benchmark data")
			return
		from school_office.office_supplies.plan import compute_lines

		t = time.perf_counter()
		company, store, _codes = seed(frappe)
		print(
			f"data ready in {time.perf_counter() - t:.1f}s: {ITEMS} items, "
			f"{frappe.db.count('Stock Ledger Entry', {'warehouse': store})} ledger rows over {WEEKS} weeks"
		)
		today = date.today()
		q = (today.month - 1) // 3 + 1
		period = f"{today.year + (q == 4)}-Q{1 if q == 4 else q + 1}"
		plan = frappe.get_doc(
			{
				"doctype": "Supply Plan",
				"period": period,
				"company": company,
				"warehouse": store,
				"buffer_percent": 15,
			}
		)
		plan.flags.ignore_permissions = True
		plan.insert()
		frappe.db.commit()
		# warm up both (caches, buffer pool)
		compute_lines(plan, item_group=GROUP)
		compute_lines(plan, per_item=True, item_group=GROUP)
		app_t, app_lines = timed(lambda: compute_lines(plan, item_group=GROUP), args.runs)
		base_t, base_lines = timed(lambda: compute_lines(plan, per_item=True, item_group=GROUP), args.runs)
		same = app_lines == base_lines
		print(
			f"grouped queries (app):     median {app_t * 1000:.1f} ms over {args.runs} runs, {len(app_lines)} lines"
		)
		print(
			f"one query per item (base): median {base_t * 1000:.1f} ms over {args.runs} runs, {len(base_lines)} lines"
		)
		print(f"ratio baseline / app: {base_t / app_t:.1f}x; same lines: {same}")
		if args.background:
			frappe.enqueue(
				"school_office.office_supplies.plan.compute_plan_job",
				queue="long",
				plan_name=plan.name,
				item_group=GROUP,
			)
			frappe.db.commit()
			t = time.perf_counter()
			while time.perf_counter() - t < 300:
				frappe.db.rollback()
				if frappe.db.get_value("Supply Plan", plan.name, "computed_on"):
					break
				time.sleep(0.2)
			stored = frappe.db.count("Supply Plan Item", {"parent": plan.name})
			done = frappe.db.get_value("Supply Plan", plan.name, "computed_on")
			if done:
				print(
					f"background job: plan {plan.name} computed with {stored} stored lines in "
					f"{time.perf_counter() - t:.1f}s wall time (queue wait included)"
				)
			else:
				print("background job: not finished within 300 s (the long queue is busy or no worker runs)")
		frappe.delete_doc("Supply Plan", plan.name, force=True, ignore_permissions=True)
		frappe.db.commit()
		if not same:
			raise SystemExit("the two computations differ")
	finally:
		frappe.destroy()


if __name__ == "__main__":
	main()
