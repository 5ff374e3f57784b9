"""Browser tier: the demo users' daily paths in headless Chromium, at phone width (390×844), in zh.

Needs a served site with the app and the demo, and a browser:

  SCHOOL_OFFICE_URL        e.g. http://office.localhost:8000
  SCHOOL_OFFICE_SITE       e.g. office.localhost
  SCHOOL_OFFICE_BENCH      e.g. ~/frappe-bench (the demo command is run once, it is idempotent)
  SCHOOL_OFFICE_ADMIN_PASSWORD   Administrator's password (default: admin), for setup only
  SCHOOL_OFFICE_CHROMIUM   the Chromium binary (default: /usr/bin/chromium)

and Playwright for Python (`pip install playwright`; never `playwright install`: the system Chromium is
used). Without any of them every test here is skipped with the reason. Screenshots of each path's last
screen go to tests/browser/artifacts/ (not committed).

A path that met the site unreachable (connection reset, empty response, database gone: the bench restarting
under other work) is walked once more, and says so; an answer from the app is never a reason to walk again.
"""

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

URL = (os.environ.get("SCHOOL_OFFICE_URL") or "").rstrip("/")
SITE = os.environ.get("SCHOOL_OFFICE_SITE")
BENCH = os.environ.get("SCHOOL_OFFICE_BENCH")
ADMIN_PASSWORD = os.environ.get("SCHOOL_OFFICE_ADMIN_PASSWORD", "admin")
CHROMIUM = os.environ.get("SCHOOL_OFFICE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def pytest_configure(config):
	config.addinivalue_line(
		"markers",
		"browser: walks the app in headless Chromium (Playwright) against a running site; skipped with a reason otherwise",
	)


def pytest_collection_modifyitems(config, items):
	for item in items:
		if "tests/browser" in str(item.fspath).replace(os.sep, "/"):
			item.add_marker(pytest.mark.browser)


# the bench's web server or database restarting under a path (other work on the same bench): the path is
# walked once more; an app error is never a reason to walk again
_RESTART = re.compile(
	r"ERR_EMPTY_RESPONSE|ERR_CONNECTION_REFUSED|ERR_CONNECTION_RESET|ECONNRESET|ECONNREFUSED|socket hang up"
	r"|Lost connection to MySQL|MySQL server has gone away|Can't connect to MySQL|does not answer"
)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item, nextitem):
	if "tests/browser" not in str(item.fspath).replace(os.sep, "/") or not os.environ.get(
		"SCHOOL_OFFICE_URL"
	):
		return None
	from _pytest.runner import runtestprotocol

	item.ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
	reports = runtestprotocol(item, nextitem=item, log=False)
	restarted = [r for r in reports if r.failed and _RESTART.search(str(r.longrepr))]
	if restarted:
		print(f"\n{item.nodeid}: the site was unreachable during the path (restart?); walking it once more")
		_wait_for_site()
		reports = runtestprotocol(item, nextitem=nextitem, log=False)
	else:
		item.session._setupstate.teardown_exact(nextitem)
	for r in reports:
		item.ihook.pytest_runtest_logreport(report=r)
	item.ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
	return True


def _wait_for_site(seconds=120):
	from urllib.request import urlopen

	deadline = time.monotonic() + seconds
	while time.monotonic() < deadline:
		try:
			urlopen(f"{URL}/api/method/ping", timeout=15).read()
			return True
		except Exception:
			time.sleep(3)
	return False


def _why_not() -> str | None:
	missing = [
		n for n in ("SCHOOL_OFFICE_URL", "SCHOOL_OFFICE_SITE", "SCHOOL_OFFICE_BENCH") if not os.environ.get(n)
	]
	if missing:
		return f"no bench configured: set {', '.join(missing)} (see README, 'Tests')"
	if not (Path(BENCH).expanduser() / "apps" / "frappe").is_dir():
		return f"SCHOOL_OFFICE_BENCH={BENCH} is not a bench"
	if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
		return f"no Chromium at {CHROMIUM} (apt-get install chromium fonts-noto-cjk, or set SCHOOL_OFFICE_CHROMIUM)"
	try:
		import playwright.sync_api  # noqa: F401
	except ImportError:
		return "Playwright for Python is not installed (pip install playwright; the system Chromium is used)"
	return None


@pytest.fixture(scope="session")
def site_url():
	reason = _why_not()
	if reason:
		pytest.skip(reason)
	if not _wait_for_site(90):  # a configured but stopped site is an error, not a skip
		raise AssertionError(f"{URL} does not answer")
	return URL


@pytest.fixture(scope="session")
def demo(site_url):
	"""The demo school is on the site as the README describes it: the (idempotent) demo command runs, which
	also puts back what other work on a shared site may have changed (e.g. a team's members)."""
	from school_office.setup.demo_data import DEMO_DOMAIN, DEMO_PASSWORD, USERS

	for _attempt in range(3):  # a concurrent save elsewhere on the site can make one run fail
		proc = subprocess.run(
			["bench", "--site", SITE, "school-office-demo"],
			cwd=str(Path(BENCH).expanduser()),
			capture_output=True,
			text=True,
			timeout=900,
		)
		if proc.returncode == 0:
			break
		time.sleep(5)
	if proc.returncode != 0 and not all(
		_can_log_in(f"{local}@{DEMO_DOMAIN}", DEMO_PASSWORD) for local in ("office.staff", "student")
	):
		raise AssertionError(f"school-office-demo failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
	if proc.returncode != 0:
		print(
			f"school-office-demo failed three times; going on with the demo as it is:\n{proc.stderr[-1500:]}"
		)
	return {
		"password": DEMO_PASSWORD,
		"email": lambda local: f"{local}@{DEMO_DOMAIN}",
		"names": [f"{first} {last}" for _l, first, last, *_ in USERS],
	}


def _can_log_in(user, password) -> bool:
	from urllib.error import HTTPError
	from urllib.parse import urlencode
	from urllib.request import urlopen

	try:
		urlopen(
			f"{URL}/api/method/login", data=urlencode({"usr": user, "pwd": password}).encode(), timeout=30
		)
		return True
	except HTTPError:
		return False


@pytest.fixture(scope="session")
def playwright_instance(site_url):
	from playwright.sync_api import sync_playwright

	with sync_playwright() as p:
		yield p


@pytest.fixture(scope="session")
def browser(playwright_instance):
	b = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
	yield b
	b.close()


@pytest.fixture(scope="session")
def admin_api(playwright_instance, site_url):
	"""Administrator over REST, for setup that is not the path under test (never for the steps)."""
	from tests.browser.harness import Api

	api = Api(playwright_instance, site_url)
	api.login("Administrator", ADMIN_PASSWORD)
	yield api
	api.close()


@pytest.fixture
def walks(request, browser, site_url, demo):
	"""walks("office.staff") → a logged-in Walk (browser context at 390×844 in zh) for that demo user;
	walks.done(walk) at the end of the path: its screenshot, and xfail if a known bug was met."""
	from tests.browser.harness import Walk, Walks

	ARTIFACTS.mkdir(exist_ok=True)

	def make(local, known_log):
		return Walk(
			browser,
			site_url,
			user=demo["email"](local) if local != "Guest" else "Guest",
			password=demo["password"],
			label=f"{request.node.name}-{local}",
			artifacts=ARTIFACTS,
			ignore_names=demo["names"],
			known_log=known_log,
		)

	w = Walks(make)
	yield w
	for walk in w.opened:
		walk.close()
