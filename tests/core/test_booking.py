"""Venue booking rules (school_office/core/booking.py), no Frappe."""

from datetime import date, datetime, timedelta

from school_office.core import booking as b

T = datetime(2026, 3, 2, 9, 0)  # a Monday


def h(n):
	return timedelta(hours=n)


def m(n):
	return timedelta(minutes=n)


# ---------------------------------------------------------------- overlap


def test_overlap_half_open_without_buffer():
	assert b.overlaps(T, T + h(1), T + m(30), T + h(2))
	assert not b.overlaps(T, T + h(1), T + h(1), T + h(2))  # back to back is fine
	assert not b.overlaps(T + h(1), T + h(2), T, T + h(1))
	assert b.overlaps(T, T + h(3), T + h(1), T + h(2))  # containment


def test_overlap_with_buffer_both_sides():
	assert b.overlaps(T, T + h(1), T + h(1), T + h(2), buffer_minutes=10)
	assert not b.overlaps(T, T + h(1), T + h(1) + m(10), T + h(2), buffer_minutes=10)
	assert b.overlaps(T + h(1) + m(5), T + h(2), T, T + h(1), buffer_minutes=10)  # before, too
	assert not b.overlaps(T + h(1) + m(10), T + h(2), T, T + h(1), buffer_minutes=10)


def test_blocking_window_ignores_negative_buffer():
	assert b.blocking_window(T, T + h(1), -5) == (T, T + h(1))
	assert b.blocking_window(T, T + h(1), 15) == (T - m(15), T + h(1) + m(15))


# ---------------------------------------------------------------- rules


def rules(**kw):
	args = dict(starts_on=T + timedelta(days=3), ends_on=T + timedelta(days=3, hours=2), now=T)
	args.update(kw)
	return {f.rule: f.params for f in b.check_rules(**args)}


def test_valid_booking_breaks_no_rule():
	assert rules(headcount=30, capacity=40, min_advance_days=3, max_duration_hours=4) == {}


def test_end_before_start_and_past():
	r = rules(starts_on=T - h(1), ends_on=T - h(2))
	assert "end_before_start" in r and r["in_past"]["earliest"] == T
	assert "end_before_start" in rules(ends_on=T + timedelta(days=3))  # equal is not after


def test_advance_days_by_calendar_date_and_what_would_pass():
	late_evening = datetime(2026, 3, 2, 23, 0)
	ok = rules(
		now=late_evening,
		starts_on=datetime(2026, 3, 3, 8),
		ends_on=datetime(2026, 3, 3, 9),
		min_advance_days=1,
	)
	assert ok == {}
	r = rules(now=T, starts_on=T + h(3), ends_on=T + h(4), min_advance_days=1)
	assert r["advance"] == {"days": 1, "earliest_date": date(2026, 3, 3)}
	r = rules(starts_on=datetime(2026, 3, 4, 8), ends_on=datetime(2026, 3, 4, 9), min_advance_days=3)
	assert r["advance"]["earliest_date"] == date(2026, 3, 5)
	assert "advance" not in rules(
		starts_on=datetime(2026, 3, 5, 8), ends_on=datetime(2026, 3, 5, 9), min_advance_days=3
	)


def test_max_duration_and_latest_end():
	s = T + timedelta(days=1)
	r = rules(starts_on=s, ends_on=s + h(5), max_duration_hours=4)
	assert r["duration"] == {"hours": 4.0, "latest_end": s + h(4)}
	assert rules(starts_on=s, ends_on=s + h(4), max_duration_hours=4) == {}
	assert rules(starts_on=s, ends_on=s + h(50), max_duration_hours=0) == {}  # 0 = no limit


def test_capacity_and_not_bookable():
	r = rules(headcount=41, capacity=40, is_bookable=False)
	assert r["capacity"] == {"capacity": 40, "headcount": 41} and "not_bookable" in r
	assert rules(headcount=40, capacity=40) == {}
	assert rules(headcount=0, capacity=0) == {}


# ---------------------------------------------------------------- priority and conflicts


def slot(name, start_h, end_h, cls="Meeting", status="Approved"):
	return b.Slot(name, T + h(start_h), T + h(end_h), cls, status)


def test_priority_order():
	# RM-4: teaching before exams before meetings before student activities before anything else
	assert b.priority("Teaching") == 0
	assert b.priority("Exam") == 1
	assert b.priority("Meeting") == 2
	assert b.priority("Student Activity") == 3
	assert b.priority("Other") == 4
	assert b.priority("Unknown") == 5 and b.priority(None) == 5
	assert sorted(["Other", "Meeting", "Exam", "Student Activity", "Teaching"], key=b.priority) == [
		"Teaching",
		"Exam",
		"Meeting",
		"Student Activity",
		"Other",
	]
	assert b.DISPLACING_CLASSES == ("Teaching", "Exam")


def test_no_conflict_ok():
	d = b.resolve_conflicts(slot("new", 2, 3), [slot("a", 0, 1), slot("b", 3, 4)])
	assert d.ok and d.displace == [] and d.blocking == []


def test_requested_and_cancelled_do_not_block():
	existing = [
		slot("a", 0, 3, status="Requested"),
		slot("c", 0, 3, status="Cancelled"),
		slot("d", 0, 3, status="No Show"),
	]
	assert b.resolve_conflicts(slot("new", 1, 2), existing).ok


def test_meeting_blocked_by_meeting_and_buffer_counts():
	d = b.resolve_conflicts(slot("new", 1, 2), [slot("a", 0, 1)], buffer_minutes=15)
	assert not d.ok and d.blocking == ["a"]


def test_teaching_displaces_lower_priority_approved():
	d = b.resolve_conflicts(
		slot("new", 1, 2, "Teaching"), [slot("a", 1, 2, "Meeting"), slot("s", 1, 3, "Student Activity")]
	)
	assert d.ok and d.displace == ["a", "s"]


def test_exam_does_not_displace_teaching_or_exam_and_nothing_checked_in():
	assert b.resolve_conflicts(slot("new", 1, 2, "Exam"), [slot("t", 1, 2, "Teaching")]).blocking == ["t"]
	assert b.resolve_conflicts(slot("new", 1, 2, "Exam"), [slot("e", 1, 2, "Exam")]).blocking == ["e"]
	d = b.resolve_conflicts(
		slot("new", 1, 2, "Teaching"), [slot("m", 1, 2, "Meeting", "Checked In"), slot("o", 1, 2, "Other")]
	)
	assert not d.ok and d.blocking == ["m"] and d.displace == []


def test_meeting_never_displaces_even_lower():
	assert not b.resolve_conflicts(slot("new", 1, 2, "Meeting"), [slot("o", 1, 2, "Other")]).ok


def test_force_displaces_all_approved_but_not_checked_in():
	d = b.resolve_conflicts(slot("new", 1, 2, "Other"), [slot("t", 1, 2, "Teaching")], force=True)
	assert d.ok and d.displace == ["t"]
	d = b.resolve_conflicts(
		slot("new", 1, 2, "Other"), [slot("t", 1, 2, "Teaching", "Checked In")], force=True
	)
	assert not d.ok


def test_self_is_not_a_conflict():
	assert b.resolve_conflicts(slot("x", 1, 2), [slot("x", 1, 2)]).ok


# ---------------------------------------------------------------- recurrence


def test_weekly_and_every_n_weeks_until_inclusive():
	occ = b.expand_weekly(T, T + h(1), date(2026, 3, 23))
	assert [s.date() for s, _ in occ] == [
		date(2026, 3, 2),
		date(2026, 3, 9),
		date(2026, 3, 16),
		date(2026, 3, 23),
	]
	assert all(e - s == h(1) for s, e in occ)
	occ = b.expand_weekly(T, T + h(1), date(2026, 3, 29), every_weeks=2)
	assert [s.day for s, _ in occ] == [2, 16]
	assert b.expand_weekly(T, T + h(1), date(2026, 3, 1)) == []
	assert len(b.expand_weekly(T, T + h(1), date(2030, 1, 1), limit=10)) == 10
	assert len(b.expand_weekly(T, T + h(1), date(2026, 3, 9), every_weeks=0)) == 2  # treated as 1


# ---------------------------------------------------------------- free venues


V = [
	b.VenueInfo("Big Hall", 300, "Hall", frozenset({"Projector", "Microphone"})),
	b.VenueInfo("Room 101", 40, "Classroom", frozenset({"Projector"})),
	b.VenueInfo("Room 102", 45, "Classroom", frozenset({"projector ", "Whiteboard"})),
	b.VenueInfo("Lab 1", 30, "Laboratory", frozenset({"Fume Hood"})),
	b.VenueInfo("Closed", 500, "Hall", frozenset({"Projector"}), is_bookable=False),
]


def test_venue_matches_filters():
	names = [v.name for v in V if b.venue_matches(v, capacity=35, equipment="projector")]
	assert names == ["Big Hall", "Room 101", "Room 102"]
	assert [v.name for v in V if b.venue_matches(v, category="Laboratory")] == ["Lab 1"]
	assert [v.name for v in V if b.venue_matches(v, equipment=["Projector", "microphone"])] == ["Big Hall"]


def test_rank_best_fit_first():
	ranked = b.rank_venues(
		[v for v in V if b.venue_matches(v, capacity=35, equipment="Projector")], 35, ["Projector"]
	)
	assert [v.name for v in ranked] == ["Room 101", "Room 102", "Big Hall"]


def test_similar_venues_for_displaced_booking():
	target = b.VenueInfo("Room 101", 40, "Classroom", frozenset({"Projector"}))
	alts = b.similar_venues(target, V, headcount=30)
	assert [v.name for v in alts] == ["Room 102", "Big Hall", "Lab 1"]
	assert [v.name for v in b.similar_venues(target, V, headcount=42)] == ["Room 102", "Big Hall"]


# ---------------------------------------------------------------- utilisation


def test_month_bounds_and_clip():
	assert b.month_bounds(2026, 12) == (datetime(2026, 12, 1), datetime(2027, 1, 1))
	s, e = b.month_bounds(2026, 2)
	assert e == datetime(2026, 3, 1)
	assert b.clip_hours(datetime(2026, 1, 31, 22), datetime(2026, 2, 1, 2), s, e) == 2.0
	assert b.clip_hours(datetime(2026, 1, 1), datetime(2026, 1, 2), s, e) == 0


def test_utilisation_flags_and_no_show_rate():
	assert b.utilisation(19, 100) == 19.0 and b.usage_flag(19.0) == "Under-used"
	assert b.usage_flag(20.0) == "" and b.usage_flag(85.0) == ""
	assert b.usage_flag(b.utilisation(86, 100)) == "Over-used"
	assert b.utilisation(5, 0) is None and b.usage_flag(None) == ""
	assert b.usage_flag(50, under=60) == "Under-used"
	assert b.no_show_rate(1, 3) == 25.0 and b.no_show_rate(0, 0) is None
	assert b.suggestion("Over-used") == "Move recurring bookings to similar venues or add capacity"
	assert b.suggestion("Under-used") == "Open it to more groups or merge its bookings with another venue"
	assert b.suggestion("") == ""


# ---------------------------------------------------------------- class periods


def test_period_span():
	from datetime import time

	grid = [(1, time(8, 0), time(8, 45)), (2, time(8, 55), time(9, 40)), (3, time(10, 0), time(10, 45))]
	d = date(2026, 3, 2)
	assert b.period_span(d, grid, 1, 3) == (datetime(2026, 3, 2, 8, 0), datetime(2026, 3, 2, 10, 45))
	assert b.period_span(d, grid, 2) == (datetime(2026, 3, 2, 8, 55), datetime(2026, 3, 2, 9, 40))
	for first, last in ((3, 1), (0, 2), (1, 9)):
		try:
			b.period_span(d, grid, first, last)
		except ValueError:
			continue
		raise AssertionError((first, last))
