"""Plain-Python rules of the quality loop and inspections (school_office/core/quality.py, inspections.py)."""

from datetime import date, datetime, time

from school_office.core import inspections as ins
from school_office.core import quality as q


def test_sample_size_rounds_up_and_keeps_one():
	assert q.sample_size(0, 20) == 0
	assert q.sample_size(1, 20) == 1
	assert q.sample_size(10, 20) == 2
	assert q.sample_size(11, 20) == 3  # 2.2 -> 3
	assert q.sample_size(5, 100) == 5


def test_draw_sample_is_reproducible_and_seed_dependent():
	names = [f"SR-{i:03d}" for i in range(100)]
	a = q.draw_sample(names, 20, "seed-1")
	assert a == q.draw_sample(list(reversed(names)), 20, "seed-1")  # order of input does not matter
	assert len(a) == 20 and set(a) <= set(names) and a == sorted(a)
	assert a != q.draw_sample(names, 20, "seed-2")


def test_has_finding():
	assert not q.has_finding(1, 1, 1, "")
	assert q.has_finding(1, 1, 0, "")
	assert q.has_finding(1, 1, 1, "wrong ledger entry")


def test_counts_give_rates():
	c = q.Counts(
		requests=4,
		due=4,
		on_time=3,
		resolved=3,
		first_contact=2,
		handling_total=45,
		resolvable=4,
		solved=3,
		repeats=1,
		audited=2,
		errors=1,
	)
	k = c.kpis()
	assert k == {
		"requests": 4,
		"on_time_rate": 75.0,
		"operator_error_rate": 50.0,
		"first_contact_resolution_rate": 66.7,
		"average_handling_minutes": 15.0,
		"resolution_rate": 75.0,
		"repeat_inquiry_rate": 25.0,
	}
	assert q.Counts().kpis()["on_time_rate"] is None
	assert q.meets_target("on_time_rate", 75.0, 90) is False
	assert q.meets_target("operator_error_rate", 4.0, 5) is True


def test_repeat_flags():
	rows = [
		{"requester": "a", "service_type": "T", "creation": datetime(2026, 1, 1)},
		{"requester": "a", "service_type": "T", "creation": datetime(2026, 1, 20)},
		{"requester": "a", "service_type": "T", "creation": datetime(2026, 3, 1)},
		{"requester": "a", "service_type": "U", "creation": datetime(2026, 3, 2)},
		{"requester": "", "service_type": "U", "creation": datetime(2026, 3, 3)},
	]
	assert q.repeat_flags(rows, 30) == [False, True, False, False, False]


def test_slots():
	s = q.Slot("u", "Monday", time(8), time(12), date(2026, 11, 1), date(2026, 11, 30))
	assert s.covers(datetime(2026, 11, 30, 8, 0))
	assert not s.covers(datetime(2026, 11, 30, 12, 0))
	assert not s.covers(datetime(2026, 12, 7, 9, 0))  # after valid_to
	assert not s.covers(datetime(2026, 12, 1, 9, 0))  # a Tuesday
	assert q.validate_slot(q.Slot("u", "Monday", time(12), time(8))) == ["times"]
	assert q.weekly_minutes([s, q.Slot("u", "Tuesday", time(13), time(14, 30))]) == {"u": 330}


def test_inspection_lateness_and_rates():
	today = date(2026, 4, 1)
	on_time = ins.FindingFacts(date(2026, 3, 9), datetime(2026, 3, 9, 17))
	late = ins.FindingFacts(date(2026, 3, 9), datetime(2026, 3, 10, 9))
	open_past = ins.FindingFacts(date(2026, 3, 9), None)
	open_future = ins.FindingFacts(date(2026, 4, 9), None)
	assert not ins.is_late(on_time.due_by, on_time.rectified_on, today)
	assert ins.is_late(late.due_by, late.rectified_on, today)
	assert ins.is_late(open_past.due_by, None, today)
	assert not ins.is_late(open_future.due_by, None, today)
	# due: the first three (the fourth is open before its deadline); on time: one
	assert ins.rectification_rate([on_time, late, open_past, open_future], today) == 33.3
	assert ins.discovery_rate(9, 1) == 90.0
	assert ins.discovery_rate(0, 0) is None
	assert ins.points_lost([on_time, late, open_past], today, 2, 5) == 3 * 2 + 2 * 5
