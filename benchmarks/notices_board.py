"""A reader's notice board over 20,000 notices: the permission query (audience as SQL, what /notices, REST
lists and counts use) against a naive baseline that loads the published notices and checks each one's
audience in Python (has_permission per record), same run, same user, results checked equal.

Run with the bench's Python from the bench's sites folder, on a TEST site with the demo loaded (it adds
20,000 notices titled "BENCH N…", a third of them restricted to a department, a role or a user; --cleanup
removes them):

    cd ~/frappe-bench/sites && ../env/bin/python /path/to/school_office/benchmarks/notices_board.py --site test.localhost

Prints the median time of each (in-process, the server time without HTTP) and the ratio naive / app.
"""

import argparse
import random
import statistics
import time
from datetime import datetime, timedelta

NOTICES, PREFIX, READER = 20_000, "BENCH N", "teacher@demo.school"


def seed(frappe):
	have = frappe.db.count("Notice", {"title": ("like", f"{PREFIX}%")})
	if have >= NOTICES:
		return
	rnd = random.Random(13)
	depts = frappe.get_all("Department", filters={"is_group": 0}, pluck="name")
	roles = ["Department Head", "Office Staff", "School Leader", "Maintenance Technician"]
	users = frappe.get_all("User", filters={"name": ("like", "%@demo.school")}, pluck="name")
	now = datetime.now().replace(microsecond=0)
	notices, audience, channels = [], [], []
	for i in range(have, NOTICES):
		name = f"BENCH-{i:06d}"
		published = now - timedelta(minutes=i)
		status = "Published" if i % 10 else "Withdrawn"
		notices.append(
			(
				name,
				f"{PREFIX}{i:05d}",
				"General",
				status,
				"<p>bench</p>",
				published,
				published,
				now,
				now,
				"Administrator",
				"Administrator",
				0,
			)
		)
		channels.append(
			(
				frappe.generate_hash(length=12),
				name,
				"Notice",
				"channels",
				1,
				"Notice Board",
				now,
				now,
				"Administrator",
				"Administrator",
			)
		)
		if i % 3 == 0:
			kind = rnd.choice(["Department", "Role", "User"])
			row = {
				"Department": (rnd.choice(depts), None, None),
				"Role": (None, rnd.choice(roles), None),
				"User": (None, None, rnd.choice(users)),
			}[kind]
			audience.append(
				(
					frappe.generate_hash(length=12),
					name,
					"Notice",
					"audience",
					1,
					kind,
					*row,
					now,
					now,
					"Administrator",
					"Administrator",
				)
			)
	frappe.db.bulk_insert(
		"Notice",
		[
			"name",
			"title",
			"notice_type",
			"status",
			"body",
			"published_on",
			"publish_from",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"docstatus",
		],
		notices,
	)
	frappe.db.bulk_insert(
		"Notice Channel",
		[
			"name",
			"parent",
			"parenttype",
			"parentfield",
			"idx",
			"channel",
			"creation",
			"modified",
			"owner",
			"modified_by",
		],
		channels,
	)
	frappe.db.bulk_insert(
		"Notice Audience",
		[
			"name",
			"parent",
			"parenttype",
			"parentfield",
			"idx",
			"audience_type",
			"department",
			"role",
			"user",
			"creation",
			"modified",
			"owner",
			"modified_by",
		],
		audience,
	)
	frappe.db.commit()


def app_board(frappe, limit):
	return [
		r.name
		for r in frappe.get_list(
			"Notice",
			filters={"status": "Published", "title": ("like", f"{PREFIX}%")},
			fields=["name"],
			order_by="published_on desc",
			limit_page_length=limit,
		)
	]


def naive_board(frappe, limit):
	from school_office.notices.permissions import can_read

	out = []
	for name in frappe.get_all(
		"Notice",
		filters={"status": "Published", "title": ("like", f"{PREFIX}%")},
		order_by="published_on desc",
		pluck="name",
	):
		if can_read(frappe.get_doc("Notice", name)):
			out.append(name)
			if len(out) >= limit:
				break
	return out


def timed(fn, *args, runs=5):
	times, result = [], None
	for _ in range(runs):
		t = time.perf_counter()
		result = fn(*args)
		times.append(time.perf_counter() - t)
	return statistics.median(times), result


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--limit", type=int, default=500, help="notices on the board (a long scroll)")
	parser.add_argument("--cleanup", action="store_true")
	args = parser.parse_args()
	import frappe

	frappe.init(site=args.site)
	frappe.connect()
	try:
		if args.cleanup:
			names = frappe.get_all("Notice", filters={"title": ("like", f"{PREFIX}%")}, pluck="name")
			for dt in ("Notice Audience", "Notice Channel"):
				frappe.db.delete(dt, {"parent": ("in", names)})
			frappe.db.delete("Notice", {"name": ("in", names)})
			frappe.db.commit()
			print(f"removed {len(names)} benchmark notices")
			return
		seed(frappe)
		if not frappe.db.exists("User", READER):
			raise SystemExit(
				f"{READER} missing: load the demo first (bench --site {args.site} school-office-demo)"
			)
		frappe.set_user(READER)
		app_t, app_r = timed(lambda: app_board(frappe, args.limit))
		naive_t, naive_r = timed(lambda: naive_board(frappe, args.limit), runs=3)
		assert app_r == naive_r, "the permission query and the per-record check disagree"
		print(f"{NOTICES} notices, {READER} (departments via Employee), board of {len(app_r)}")
		print(f"permission query (app): {app_t * 1000:.1f} ms")
		print(f"per-record has_permission (naive): {naive_t * 1000:.1f} ms")
		print(f"ratio naive / app: {naive_t / app_t:.1f}x")
	finally:
		frappe.destroy()


if __name__ == "__main__":
	main()
