"""find_free_venues over 500 venues and 100,000 bookings, against a naive per-venue scan, same run.

Run with the bench's Python from the bench's sites folder, on a TEST site (it adds 500 venues named
"BENCH V…" and 100,000 bookings to it; --cleanup removes them):

    cd ~/frappe-bench/sites && ../env/bin/python /path/to/school_office/benchmarks/venues_find_free.py --site test-venues.localhost

Prints the median time of each (in-process on the server, i.e. the server time of the call without
HTTP), the ratio naive / find_free_venues, and checks that both give the same venues.
"""

import argparse
import random
import statistics
import time
from datetime import datetime, timedelta

VENUES, BOOKINGS, PREFIX = 500, 100_000, "BENCH V"
EQUIPMENT = ["Projector", "Microphone", "Whiteboard", "Speakers", "Camera", "Fume Hood"]


def seed(frappe):
	categories = frappe.get_all("Venue Category", fields=["name", "buffer_minutes"])
	have = frappe.db.count("Venue", {"name": ("like", f"{PREFIX}%")})
	rnd = random.Random(42)
	now = datetime.now().replace(microsecond=0)
	if have < VENUES:
		vrows, erows = [], []
		for i in range(VENUES):
			name = f"{PREFIX}{i:04d}"
			vrows.append(
				(
					name,
					name,
					rnd.choice(categories).name,
					rnd.choice([10, 20, 30, 40, 60, 100, 200]),
					1,
					1,
					now,
					now,
					"Administrator",
					"Administrator",
				)
			)
			for j, e in enumerate(rnd.sample(EQUIPMENT, rnd.randint(0, 3))):
				erows.append(
					(
						frappe.generate_hash(length=12),
						name,
						"Venue",
						"equipment",
						j + 1,
						e,
						1,
						now,
						now,
						"Administrator",
						"Administrator",
					)
				)
		frappe.db.sql(f"delete from `tabVenue` where name like '{PREFIX}%%'")
		frappe.db.sql(f"delete from `tabVenue Equipment` where parent like '{PREFIX}%%'")
		frappe.db.bulk_insert(
			"Venue",
			[
				"name",
				"venue_name",
				"venue_category",
				"capacity",
				"is_bookable",
				"check_in_required",
				"creation",
				"modified",
				"owner",
				"modified_by",
			],
			vrows,
		)
		frappe.db.bulk_insert(
			"Venue Equipment",
			[
				"name",
				"parent",
				"parenttype",
				"parentfield",
				"idx",
				"equipment",
				"quantity",
				"creation",
				"modified",
				"owner",
				"modified_by",
			],
			erows,
		)
		frappe.db.commit()
	have = frappe.db.count("Venue Booking", {"venue": ("like", f"{PREFIX}%")})
	if have < BOOKINGS:
		frappe.db.sql(f"delete from `tabVenue Booking` where venue like '{PREFIX}%%'")
		base = now.replace(hour=8, minute=0, second=0) - timedelta(days=180)
		rows = []
		for k in range(BOOKINGS):
			venue = f"{PREFIX}{k % VENUES:04d}"
			start = base + timedelta(days=rnd.randint(0, 365), minutes=30 * rnd.randint(0, 20))
			end = start + timedelta(minutes=30 * rnd.randint(1, 6))
			status = rnd.choices(
				["Approved", "Completed", "Requested", "Cancelled", "Checked In"], [60, 20, 10, 8, 2]
			)[0]
			rows.append(
				(
					frappe.generate_hash(length=12),
					venue,
					start,
					end,
					status,
					"Meeting",
					10,
					"bench",
					now,
					now,
					"Administrator",
					"Administrator",
					"Administrator",
				)
			)
		frappe.db.bulk_insert(
			"Venue Booking",
			[
				"name",
				"venue",
				"starts_on",
				"ends_on",
				"status",
				"activity_class",
				"headcount",
				"purpose",
				"creation",
				"modified",
				"owner",
				"modified_by",
				"requester",
			],
			rows,
			chunk_size=5000,
		)
		frappe.db.commit()
	frappe.cache.delete_value("venue_booking_longest_minutes")


def naive(frappe, s, e, capacity, equipment):
	"""The obvious implementation: every bookable venue, then its bookings one venue at a time."""
	out = []
	need = {x.lower() for x in equipment}
	for v in frappe.get_all(
		"Venue", filters={"is_bookable": 1}, fields=["name", "capacity", "venue_category"]
	):
		if capacity and v.capacity < capacity:
			continue
		have = {
			x.lower()
			for x in frappe.get_all(
				"Venue Equipment", filters={"parent": v.name, "parenttype": "Venue"}, pluck="equipment"
			)
		}
		if not need <= have:
			continue
		buf = timedelta(
			minutes=frappe.get_cached_value("Venue Category", v.venue_category, "buffer_minutes") or 0
		)
		busy = frappe.get_all(
			"Venue Booking",
			filters={"venue": v.name, "status": ("in", ["Approved", "Checked In"])},
			fields=["starts_on", "ends_on"],
		)
		if not any(b.starts_on < e + buf and b.ends_on > s - buf for b in busy):
			out.append(v.name)
	return out


def main():
	ap = argparse.ArgumentParser()
	ap.add_argument("--site", required=True)
	ap.add_argument("--runs", type=int, default=30)
	ap.add_argument("--cleanup", action="store_true")
	args = ap.parse_args()
	import frappe

	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	from school_office.venues.api import find_free_venues

	if args.cleanup:
		for t, col in (("Venue Booking", "venue"), ("Venue Equipment", "parent"), ("Venue", "name")):
			frappe.db.sql(f"delete from `tab{t}` where {col} like '{PREFIX}%%'")
		frappe.db.commit()
		print("removed the benchmark data")
		return
	t0 = time.perf_counter()
	seed(frappe)
	print(
		f"data: {frappe.db.count('Venue')} venues, {frappe.db.count('Venue Booking')} bookings (seeded in {time.perf_counter() - t0:.1f} s)"
	)
	rnd = random.Random(7)
	fast, slow = [], []
	base = datetime.now().replace(hour=0, minute=0, second=0, microsecond=0)
	for _ in range(args.runs):
		s = base + timedelta(
			days=rnd.randint(-170, 170), hours=rnd.randint(8, 17), minutes=rnd.choice([0, 30])
		)
		e = s + timedelta(hours=rnd.randint(1, 3))
		cap = rnd.choice([None, 20, 40])
		eq = rnd.choice([[], ["Projector"], ["Projector", "Microphone"]])
		t = time.perf_counter()
		got = find_free_venues(s, e, capacity=cap, equipment=eq)
		fast.append(time.perf_counter() - t)
		t = time.perf_counter()
		want = naive(frappe, s, e, cap, eq)
		slow.append(time.perf_counter() - t)
		assert sorted(v["name"] for v in got) == sorted(want), (s, e, cap, eq)
	mf, ms = statistics.median(fast) * 1000, statistics.median(slow) * 1000
	print(f"find_free_venues: median {mf:.1f} ms over {args.runs} searches (target <= 25 ms)")
	print(f"naive per-venue scan: median {ms:.1f} ms")
	print(f"ratio naive / find_free_venues: {ms / mf:.1f}x (same results in every run)")
	frappe.destroy()


if __name__ == "__main__":
	main()
