"""Tier 3 configuration: a real bench and site, given by environment variables.

  SCHOOL_OFFICE_BENCH        path of the bench (e.g. ~/frappe-bench)
  SCHOOL_OFFICE_TEST_SITE    site for `bench run-tests` (allow_tests on; its data is test data)
  SCHOOL_OFFICE_SITE         site served over HTTP, with the app installed and the demo loaded
  SCHOOL_OFFICE_URL          its address, e.g. http://office.localhost:8000
  SCHOOL_OFFICE_ADMIN_PASSWORD   Administrator's password on SCHOOL_OFFICE_SITE (default: admin)
  SCHOOL_OFFICE_DESTRUCTIVE_SITE a throwaway site for the uninstall/reinstall test (optional)

Without them every bench-marked test is skipped with the reason.
"""

import os
import subprocess
from pathlib import Path

import pytest

BENCH = os.environ.get("SCHOOL_OFFICE_BENCH")
TEST_SITE = os.environ.get("SCHOOL_OFFICE_TEST_SITE")
SITE = os.environ.get("SCHOOL_OFFICE_SITE")
URL = (os.environ.get("SCHOOL_OFFICE_URL") or "").rstrip("/")
ADMIN_PASSWORD = os.environ.get("SCHOOL_OFFICE_ADMIN_PASSWORD", "admin")
DESTRUCTIVE_SITE = os.environ.get("SCHOOL_OFFICE_DESTRUCTIVE_SITE")


def pytest_collection_modifyitems(config, items):
	for item in items:
		if "tests/bench" in str(item.fspath).replace(os.sep, "/"):
			item.add_marker(pytest.mark.bench)


def need(*names):
	missing = [n for n in names if not os.environ.get(n)]
	if missing:
		pytest.skip(f"no bench configured: set {', '.join(missing)} (see README, 'Tests')")
	if "SCHOOL_OFFICE_BENCH" in names and not (Path(BENCH) / "apps" / "frappe").is_dir():
		pytest.skip(f"SCHOOL_OFFICE_BENCH={BENCH} is not a bench")


def bench(*args, timeout=1800, check=True, env_extra=None):
	env = dict(os.environ, CI="1")
	env.update(env_extra or {})
	proc = subprocess.run(
		["bench", *args], cwd=BENCH, capture_output=True, text=True, timeout=timeout, env=env
	)
	if check and proc.returncode != 0:
		raise AssertionError(
			f"bench {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout[-6000:]}\n{proc.stderr[-6000:]}"
		)
	return proc


@pytest.fixture(scope="session")
def site_url():
	need("SCHOOL_OFFICE_URL", "SCHOOL_OFFICE_SITE", "SCHOOL_OFFICE_BENCH")
	import requests

	try:
		requests.get(f"{URL}/api/method/ping", timeout=10).raise_for_status()
	except Exception as e:  # a configured but stopped site is an error, not a skip
		raise AssertionError(f"{URL} does not answer: {e}")
	return URL


def login(user, password):
	import requests

	s = requests.Session()
	r = s.post(f"{URL}/api/method/login", data={"usr": user, "pwd": password}, timeout=30)
	assert r.status_code == 200, r.text
	return s


@pytest.fixture(scope="session")
def admin(site_url):
	return login("Administrator", ADMIN_PASSWORD)


@pytest.fixture(scope="session")
def demo(site_url):
	"""The demo school is on the site (the demo command is idempotent, so run it)."""
	bench("--site", SITE, "school-office-demo")
	from school_office.setup.demo_data import DEMO_DOMAIN, DEMO_PASSWORD

	return {
		"domain": DEMO_DOMAIN,
		"password": DEMO_PASSWORD,
		"login": lambda local: login(f"{local}@{DEMO_DOMAIN}", DEMO_PASSWORD),
	}


def ensure_clerk(admin, email, first_name, password, clearance=None):
	"""A Document Clerk user (created once), with a Document Clearance at ``clearance`` if given."""
	if admin.get(f"{URL}/api/resource/User/{email}", timeout=60).status_code != 200:
		r = admin.post(
			f"{URL}/api/resource/User",
			json={
				"email": email,
				"first_name": first_name,
				"send_welcome_email": 0,
				"new_password": password,
				"roles": [{"role": "Document Clerk"}],
			},
			timeout=60,
		)
		assert r.status_code == 200, r.text[:500]
	if (
		clearance
		and admin.get(f"{URL}/api/resource/Document Clearance/{email}", timeout=60).status_code != 200
	):
		r = admin.post(
			f"{URL}/api/resource/Document Clearance",
			json={"user": email, "clearance_level": clearance},
			timeout=60,
		)
		assert r.status_code == 200, r.text[:500]
	return email
