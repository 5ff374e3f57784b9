"""An attendee's meeting list over 20,000 bulk-inserted meetings with 10 attendees each (200,000 attendee
rows): the app's permission query (``meetings.permissions.query_conditions``: the people fields and an
EXISTS on the indexed attendee rows — what the desk list, REST lists, counts and link search use) against a
naive baseline that loads the meetings and checks each with the record-level rule (``permissions.can_read``
on the document), for one attendee, same run; both lists (the latest 50) are checked equal.

Run with the bench's Python from the bench's sites folder, on a TEST site (it adds meetings titled
"BENCH MTG …"; --cleanup removes them):

    cd ~/frappe-bench/sites && ../env/bin/python ../apps/school_office/benchmarks/meetings_my_list.py --site SITE

--baseline-limit N: the naive check on the N latest meetings only, extrapolated to all (default 3,000).
"""

import argparse
import random
import statistics
import time
from datetime import datetime, timedelta

MEETINGS, PER, PREFIX, USERS = 20_000, 10, "BENCH MTG", 400


def seed(frappe):
	have = frappe.db.count("Meeting", {"title": ("like", f"{PREFIX}%")})
	if have >= MEETINGS:
		return
	rnd = random.Random(7)
	now = datetime.now().replace(microsecond=0)
	users = [f"bench.mtg{i}@example.com" for i in range(USERS)]
	mrows, arows = [], []
	for i in range(have, MEETINGS):
		name = f"BENCH-MTG-{i:06d}"
		start = now - timedelta(days=rnd.randint(-60, 600), hours=rnd.randint(0, 8))
		mrows.append(
			(
				name,
				f"{PREFIX} {i}",
				"Department",
				"Minutes Published",
				start,
				start + timedelta(hours=1),
				users[i % USERS],
				now,
				now,
				"Administrator",
				"Administrator",
				users[i % USERS],
			)
		)
		for j, u in enumerate(rnd.sample(users, PER)):
			arows.append(
				(
					frappe.generate_hash(length=12),
					name,
					"Meeting",
					"attendees",
					j + 1,
					u,
					"Required",
					"Accepted",
					now,
					now,
					"Administrator",
					"Administrator",
				)
			)
	frappe.db.bulk_insert(
		"Meeting",
		[
			"name",
			"title",
			"meeting_type",
			"status",
			"starts_on",
			"ends_on",
			"organiser",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"chair",
		],
		mrows,
		chunk_size=5000,
	)
	frappe.db.bulk_insert(
		"Meeting Attendee",
		[
			"name",
			"parent",
			"parenttype",
			"parentfield",
			"idx",
			"user",
			"attendance",
			"rsvp",
			"creation",
			"modified",
			"owner",
			"modified_by",
		],
		arows,
		chunk_size=5000,
	)
	frappe.db.commit()


def app_list(frappe, limit):
	return frappe.get_list(
		"Meeting",
		filters={"title": ("like", f"{PREFIX}%")},
		order_by="starts_on desc, name desc",
		limit=limit,
		pluck="name",
	)


def naive_list(frappe, user, limit, baseline_limit):
	from school_office.meetings.permissions import can_read

	names = frappe.get_all(
		"Meeting",
		filters={"title": ("like", f"{PREFIX}%")},
		order_by="starts_on desc, name desc",
		pluck="name",
	)
	checked, out = 0, []
	t0 = time.perf_counter()
	for n in names[:baseline_limit]:
		checked += 1
		if can_read(frappe.get_doc("Meeting", n), user):
			out.append(n)
	elapsed = time.perf_counter() - t0
	return out[:limit], elapsed * len(names) / max(checked, 1), checked, len(names)


def main():
	ap = argparse.ArgumentParser()
	ap.add_argument("--site", required=True)
	ap.add_argument("--runs", type=int, default=20)
	ap.add_argument("--limit", type=int, default=50)
	ap.add_argument("--baseline-limit", type=int, default=3000)
	ap.add_argument("--cleanup", action="store_true")
	args = ap.parse_args()
	import frappe

	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	if args.cleanup:
		frappe.db.sql("delete from `tabMeeting Attendee` where parent like 'BENCH-MTG-%%'")
		frappe.db.sql("delete from `tabMeeting` where name like 'BENCH-MTG-%%'")
		frappe.db.commit()
		print("removed the benchmark data")
		return
	t0 = time.perf_counter()
	seed(frappe)
	print(f"seeded in {time.perf_counter() - t0:.1f} s: {MEETINGS} meetings, {MEETINGS * PER} attendee rows")
	user = "bench.mtg7@example.com"
	if not frappe.db.exists("User", user):
		frappe.get_doc(
			{"doctype": "User", "email": user, "first_name": "Bench", "send_welcome_email": 0}
		).insert(ignore_permissions=True)
		frappe.db.commit()
	frappe.set_user(user)
	times = []
	for _ in range(args.runs):
		t = time.perf_counter()
		fast = app_list(frappe, args.limit)
		times.append(time.perf_counter() - t)
	app_ms = statistics.median(times) * 1000
	slow, naive_s, checked, total = naive_list(frappe, user, args.limit, args.baseline_limit)
	same = fast[: len(slow)] == slow if checked < total else fast == slow
	print(f"app (permission query), median of {args.runs}: {app_ms:.1f} ms")
	print(
		f"naive (can_read per meeting): {naive_s * 1000:.0f} ms ({checked} of {total} checked, extrapolated)"
	)
	print(f"ratio naive / app: {naive_s * 1000 / app_ms:.0f}x; same meetings: {same}")
	frappe.set_user("Administrator")
	frappe.destroy()


if __name__ == "__main__":
	main()
