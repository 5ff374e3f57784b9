from datetime import date, datetime, time, timedelta

import pytest

from school_office.core.worktime import WorkCalendar, calendar_from_settings, format_remaining

# 2026 official arrangement fragment: National Day 10-01..10-07 off; Sat 09-26? use 10-10 (Sat) as make-up day
CAL = WorkCalendar(
	holidays=frozenset(date(2026, 10, d) for d in range(1, 8)),
	workdays=frozenset({date(2026, 10, 10), date(2026, 9, 26)}),
)


def dt(*a):
	return datetime(*a)


def test_within_the_day():
	assert CAL.add_working_hours(dt(2026, 11, 17, 9, 0), 2) == dt(2026, 11, 17, 11, 0)


def test_friday_afternoon_rolls_to_monday():
	# 30 minutes on Friday, 90 on Monday
	assert CAL.add_working_hours(dt(2026, 11, 20, 17, 0), 2) == dt(2026, 11, 23, 10, 0)


def test_outside_hours_starts_next_working_morning():
	assert CAL.clock_start(dt(2026, 11, 17, 7, 0)) == dt(2026, 11, 17, 8, 30)
	assert CAL.clock_start(dt(2026, 11, 17, 18, 0)) == dt(2026, 11, 18, 8, 30)
	assert CAL.clock_start(dt(2026, 11, 21, 10, 0)) == dt(2026, 11, 23, 8, 30)  # Saturday


def test_make_up_saturday_counts():
	# 2026-10-10 is a Saturday worked in exchange for the holiday
	assert date(2026, 10, 10).weekday() == 5
	assert CAL.is_working_day(date(2026, 10, 10))
	assert CAL.add_working_hours(dt(2026, 10, 10, 9, 0), 2) == dt(2026, 10, 10, 11, 0)


def test_statutory_holiday_does_not_count():
	# filed on 10-02 (a Friday, holiday) -> clock starts on the next working day 10-08
	assert date(2026, 10, 2).weekday() == 4
	assert not CAL.is_working_day(date(2026, 10, 2))
	assert CAL.add_working_hours(dt(2026, 10, 2, 9, 0), 2) == dt(2026, 10, 8, 10, 30)


def test_exact_end_of_day():
	assert CAL.add_working_hours(dt(2026, 11, 17, 8, 30), 9) == dt(2026, 11, 17, 17, 30)
	assert CAL.add_working_hours(dt(2026, 11, 17, 8, 30), 9.5) == dt(2026, 11, 18, 9, 0)


def test_working_days_and_between():
	assert CAL.add_working_days(dt(2026, 11, 20, 10, 0), 1) == dt(2026, 11, 20, 17, 30)
	assert CAL.add_working_days(dt(2026, 11, 20, 10, 0), 2) == dt(2026, 11, 23, 17, 30)
	assert CAL.working_time_between(dt(2026, 11, 20, 17, 0), dt(2026, 11, 23, 10, 0)) == timedelta(hours=2)
	assert CAL.working_time_between(dt(2026, 11, 23, 10, 0), dt(2026, 11, 20, 17, 0)) == -timedelta(hours=2)


def test_add_and_between_are_inverse():
	start = dt(2026, 9, 30, 16, 0)
	for hours in (0.5, 1, 3, 9, 17, 40):
		end = CAL.add_working_hours(start, hours)
		assert CAL.working_time_between(start, end) == timedelta(hours=hours)


def test_invalid_calendars():
	with pytest.raises(ValueError):
		WorkCalendar(start=time(18), end=time(9))
	with pytest.raises(ValueError):
		WorkCalendar(holidays=frozenset({date(2026, 1, 1)}), workdays=frozenset({date(2026, 1, 1)}))
	with pytest.raises(ValueError):
		CAL.add_working_hours(dt(2026, 1, 1), -1)


def test_calendar_from_settings_values():
	cal = calendar_from_settings("09:00:00", timedelta(hours=17), [0, 1, 2, 3, 4, 5])
	assert cal.start == time(9) and cal.end == time(17)
	assert cal.is_working_day(date(2026, 11, 21))  # Saturday worked


def test_format_remaining():
	assert format_remaining(timedelta(hours=2, minutes=5)) == ("due", 2, 5)
	assert format_remaining(-timedelta(minutes=90)) == ("overdue", 1, 30)
