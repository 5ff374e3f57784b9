"""How far the School Calendar must reach (school_office/core/coverage.py); values worked out by hand."""

from datetime import date

from school_office.core.coverage import COVER_DAYS_AHEAD, covered_years, needs_extension


def test_at_least_this_year_and_next():
	assert COVER_DAYS_AHEAD == 366
	assert covered_years(date(2026, 12, 1)) == {2026, 2027}
	# 1 January 2027 + 366 days = 2 January 2028: the next twelve months reach into 2028
	assert covered_years(date(2027, 1, 1)) == {2027, 2028}
	# 31 December 2026 + 366 days = 1 January 2028
	assert covered_years(date(2026, 12, 31)) == {2026, 2027, 2028}


def test_keeps_old_years_arranged_years_and_fills_gaps():
	existing = (date(2025, 1, 1), date(2027, 12, 31))
	assert covered_years(date(2026, 12, 1), existing) == {2025, 2026, 2027}
	# an arrangement entered for 2030: 2028 and 2029 are covered too (their weekends are days off)
	assert covered_years(date(2026, 12, 1), arranged=[2030]) == {2026, 2027, 2028, 2029, 2030}
	assert covered_years(date(2026, 12, 1), extra=[2024]) == {2024, 2025, 2026, 2027}
	assert covered_years(date(2026, 12, 1), (None, None)) == {2026, 2027}


def test_needs_extension_when_short_of_twelve_months():
	# built in 2026 for 2026 and 2027
	assert not needs_extension(date(2027, 12, 31), date(2026, 12, 1))  # 2 December 2027 is covered
	assert not needs_extension(date(2027, 12, 31), date(2026, 12, 30))  # 31 December 2027 is the last day
	assert needs_extension(date(2027, 12, 31), date(2026, 12, 31))  # 1 January 2028 is not
	assert needs_extension(date(2027, 12, 31), date(2027, 1, 1))
	assert needs_extension(None, date(2026, 12, 1))
