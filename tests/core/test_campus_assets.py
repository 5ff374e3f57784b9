"""Campus asset rules without a database (school_office/core/campus_assets.py)."""

import pytest

from school_office.core import campus_assets as ca


def test_number_pattern_fills_code_year_and_pads_serial():
	assert ca.format_number("{code}-{year}-{#####}", "2010601", 2026, 7) == "2010601-2026-00007"
	assert ca.format_number("XX{dept}{year}{###}", "1", "2025", 12, dept="LOG") == "XXLOG2025012"
	assert ca.number_prefix("{code}/{####}/A", "20201", 2026) == ("20201/", 4, "/A")


@pytest.mark.parametrize("bad", ["", "{code}-{year}", "{#}{##}", "{code}-{foo}-{###}"])
def test_bad_patterns_are_refused(bad):
	with pytest.raises(ca.PatternError):
		ca.validate_number_pattern(bad)


def test_scan_result_compares_the_scanner_location():
	assert ca.scan_result("Room 201", "Room 201") == "Found"
	assert ca.scan_result("Room 201", "Room 305") == "Found Elsewhere"
	assert ca.scan_result("Room 201", None) == "Found"


def test_spot_sample_is_a_reproducible_share():
	names = [f"A{i:04d}" for i in range(1000)]
	a = ca.spot_sample(names, 10, "STK-1")
	assert len(a) == 100
	assert a == ca.spot_sample(names, 10, "STK-1")
	assert a != ca.spot_sample(names, 10, "STK-2")
	assert a == sorted(a)  # kept in the register's order
	assert ca.spot_sample(["x"], 1, "s") == ["x"]
	assert ca.spot_sample([], 50, "s") == []


def test_loss_rate_and_target():
	assert ca.loss_rate(20000, 60) == 0.3
	assert ca.loss_rate(0, 0) == 0.0
	assert ca.loss_rate(200, 3) == 1.5
	assert ca.within_target(0.3, 0.5) and not ca.within_target(1.5, 0.5)


def test_repair_targets_by_kind():
	t = ca.repair_targets(office_equipment=False, major_fault=True)
	assert (t.respond_hours, t.on_site_hours, t.fix_hours) == (2, 8, 48)
	t = ca.repair_targets(office_equipment=True, major_fault=False)
	assert (t.respond_hours, t.on_site_hours, t.fix_hours) == (4, 24, None)


def test_code128_table_is_well_formed():
	assert len(ca.CODE128_PATTERNS) == 107
	assert all(sum(map(int, p)) == 11 for p in ca.CODE128_PATTERNS[:106])
	assert sum(map(int, ca.CODE128_PATTERNS[106])) == 13
	assert len(set(ca.CODE128_PATTERNS)) == 107


def test_code128_checksum_and_symbol():
	# "PJJ123C" in set B: (104 + 48·1 + 42·2 + 42·3 + 17·4 + 18·5 + 19·6 + 35·7) mod 103 = 879 mod 103 = 55
	values = ca.code128b_values("PJJ123C")
	assert values[0] == 104 and values[-1] == 106
	assert values[1:-2] == [48, 42, 42, 17, 18, 19, 35]
	assert values[-2] == 55
	mods = ca.code128b_modules("AB")
	assert len(mods) == 6 * 4 + 7  # start, two data, checksum, stop
	svg = ca.code128_svg("2010601-2026-00001")
	assert svg.startswith("<svg") and svg.count("<rect") == 3 * (1 + 18 + 1) + 4
	with pytest.raises(ValueError):
		ca.code128b_values("资产")
