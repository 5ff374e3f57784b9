"""Runs the Frappe integration tests of the app (in the doctype folders) on the test site."""

import re

from tests.bench.conftest import TEST_SITE, bench, need


def test_bench_run_tests_for_the_app():
	need("SCHOOL_OFFICE_BENCH", "SCHOOL_OFFICE_TEST_SITE")
	proc = bench("--site", TEST_SITE, "run-tests", "--app", "school_office", check=False, timeout=3000)
	out = proc.stdout + proc.stderr
	print(out[-3000:])
	ran = re.search(r"Ran (\d+) tests?", out)
	assert ran and int(ran.group(1)) > 0, "the Frappe test runner ran no test"
	assert proc.returncode == 0 and re.search(r"^OK", out, re.M), out[-6000:]
