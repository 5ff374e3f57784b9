"""What every browser path shares: a logged-in phone-width browser per demo user that records every
problem a user would meet, steps that fail on them, and the few desk and portal gestures the paths use.

A path fails on, at any moment of a step:
- a browser console error or an uncaught page error;
- a failed request (HTTP status >= 400, or a request that never got an answer), except those a step says
  it expects;
- a server-error dialog: Frappe's message dialog with a red indicator, "Server Error" / a traceback, or a red
  alert toast (recorded the moment it appears, so short-lived ones count too);
- visible English from untranslated.txt (word-boundary match on the visible text, input values and
  selected options; e-mail addresses, record numbers, file names and the demo users' names are left out).

The only noise filtered out: `bench serve` does not serve /socket.io (realtime), so each page logs 404s and
"xhr poll error" for it; requests to /socket.io/ and console messages about them are ignored (see
BENCH-FACTS, "Browser tests"). Navigations that abort requests in flight (net::ERR_ABORTED) are not failures.

Known bugs: a step may name items of issue #9 still being fixed (`known={"9.6": r"regex"}`); a problem whose
text matches the regex is recorded as that known bug instead of failing the step, the path goes on, and the
test ends as xfail listing them. Any other problem fails the test.
"""

import json
import re
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent

# items of issue #9 the tier knows about (short names, used in xfail reasons)
ISSUE_9 = {
	"9.1": "issue #9 item 1: school roles cannot pick a Department in link fields (403 on the link search)",
	"9.2": "issue #9 item 2: incoming flow stalls at Registered/Reviewed (fields not editable)",
	"9.3": "issue #9 item 3: School Office workspace server error",
	"9.4": "issue #9 item 4: portal users land on /me without links; service pages have no apply link",
	"9.5": "issue #9 item 5: Accept ignores unsaved material ticks",
	"9.6": "issue #9 item 6: red 'set up a default outgoing e-mail account' on Resolve / Needs Info",
	"9.7": "issue #9 item 7: requester does not see the office's resolution on /my-requests",
	"9.8": "issue #9 item 8: malformed PDF gives HTTP 500",
	"9.9": "issue #9 item 9: incoming documents print with the wrong/standard print format",
	"9.10": "issue #9 item 10: venue booking labels/number/results/reject",
	"9.11": "issue #9 item 11: portal accepts a request without its mandatory materials / says accepted",
	"9.12": "issue #9 item 12: English left for zh users",
	"9.13": "issue #9 item 13: phone width: workflow button has no label / actions hidden",
	"9.14": "issue #9 item 14: portal alerts stay, rating offered again, times with seconds",
}

_ID_RE = re.compile(
	r"[\w.+-]+@[\w-]+(\.[\w-]+)+"  # e-mail addresses
	r"|\b[A-Z]{1,4}-\d{4}-\d+\b"  # record numbers SR-2026-00001
	r"|\b[\w-]+\.(pdf|docx?|png|jpe?g)\b"  # file names
	r"|\b[0-9a-f]{10}\b"  # hash names
	r"|\bBT[0-9a-z]{6,}\b"  # the tier's own unique tags
)


def untranslated_words() -> list[str]:
	words = []
	for line in (HERE / "untranslated.txt").read_text(encoding="utf-8").splitlines():
		line = line.split("#", 1)[0].strip()
		if line:
			words.append(line)
	# longer phrases first, so "Needs Info" is reported as itself and not as a shorter word inside it
	return sorted(set(words), key=len, reverse=True)


_SENTENCE_RE = re.compile(r"(?<![\w/.-])[A-Z][a-z]+(?:[ ,'’()-]+[A-Za-z][A-Za-z]*){3,}")


def find_english_sentences(texts, ignore=()) -> list[str]:
	"""Runs of four or more English words (help texts, descriptions, messages left in English)."""
	out = []
	for raw in texts:
		text = raw
		for name in ignore:
			text = text.replace(name, " ")
		text = _ID_RE.sub(" ", text)
		for m in _SENTENCE_RE.finditer(text):
			if m.group(0) not in out:
				out.append(m.group(0))
	return out


def find_untranslated(texts, words, ignore=()) -> list[tuple[str, str]]:
	"""(word, context) for each listed English word visible in `texts` (word-boundary, case-sensitive)."""
	found, seen = [], set()
	for raw in texts:
		text = raw
		for name in ignore:
			text = text.replace(name, " ")
		text = _ID_RE.sub(" ", text)
		for w in words:
			pattern = r"(?<![A-Za-z])" + re.escape(w) + r"(?![A-Za-z])"
			m = re.search(pattern, text)
			if m and w not in seen:
				seen.add(w)
				start = max(0, m.start() - 40)
				found.append((w, text[start : m.end() + 40].replace("\n", " ")))
				text = re.sub(pattern, " ", text)
	return found


# recorded in the page the moment it appears: red message dialogs, "Server Error", red toasts
_PROBLEM_OBSERVER = r"""
(() => {
	if (window.__soObserver) return;
	const report = (text) => { try { window.__soReport(text); } catch (e) {} };
	let queued = false;
	const check = () => {
		queued = false;
		document.querySelectorAll(".modal.show").forEach((m) => {
			const title = ((m.querySelector(".modal-title") || {}).innerText || "").trim();
			const body = ((m.querySelector(".modal-body") || {}).innerText || "").trim();
			const red = m.querySelector(".modal-header .indicator.red");
			if (red || /Server Error|服务器错误|Traceback/.test(title + " " + body)) {
				const text = `${title}: ${body}`.slice(0, 800);
				if (m.__soText !== text) { m.__soText = text; report("error dialog: " + text); }
			}
		});
		document.querySelectorAll(".desk-alert.red, .alert.desk-alert.red").forEach((a) => {
			if (!a.__soSeen) { a.__soSeen = true; report("red alert: " + (a.innerText || "").trim().slice(0, 500)); }
		});
	};
	const queue = () => { if (!queued) { queued = true; setTimeout(check, 50); } };
	window.__soObserver = new MutationObserver(queue);
	window.__soObserver.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["class"] });
})();
"""

_VISIBLE_TEXT = r"""
() => {
	const skip = "script,style,code,pre,kbd,samp,noscript,textarea,svg,[data-so-ignore],.ace_editor,.CodeMirror,.ql-editor,.visually-hidden,.sr-only";
	const W = window.innerWidth;
	const shown = (el) => {
		if (el.checkVisibility && !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
		const r = el.getBoundingClientRect();
		return r.width > 0 && r.height > 0 && r.right > 0 && r.left < W;
	};
	const out = [];
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	while (walker.nextNode()) {
		const n = walker.currentNode;
		const el = n.parentElement;
		const t = (n.nodeValue || "").trim();
		if (!t || !el || el.closest(skip) || !shown(el)) continue;
		out.push(t);
	}
	document.querySelectorAll("input:not([type]), input[type=text], select").forEach((el) => {
		if (el.closest(skip) || !shown(el)) return;
		if (el.tagName === "SELECT") {
			const o = el.options[el.selectedIndex];
			if (o && o.text.trim()) out.push(o.text.trim());
		} else if (el.value && el !== document.activeElement) {
			out.push(el.value);
		}
	});
	return out;
}
"""


# a Link field's suggestions (Frappe 15: div[role=option] in the awesomplete list)
SUGGESTIONS = ".awesomplete [role=option]:visible, .awesomplete li:visible"


def _is_realtime(url: str) -> bool:
	return "/socket.io/" in url


class StepProblem(AssertionError):
	pass


class Api:
	"""REST for setup (never for the step under test)."""

	def __init__(self, playwright, base_url):
		self.base = base_url
		self.ctx = playwright.request.new_context(
			base_url=base_url, extra_http_headers={"Accept": "application/json"}
		)

	def login(self, user, password):
		r = self.ctx.post("/api/method/login", form={"usr": user, "pwd": password})
		assert r.ok, f"login {user}: {r.status} {r.text()[:300]}"

	def _json(self, r, what):
		if not r.ok:
			raise AssertionError(f"{what}: HTTP {r.status} {r.text()[:1500]}")
		return r.json()

	def call(self, method, **args):
		r = self.ctx.post(
			f"/api/method/{method}", data=json.dumps(args), headers={"Content-Type": "application/json"}
		)
		return self._json(r, method).get("message")

	def get_list(self, doctype, filters=None, fields=("name",), limit=100, order_by=None):
		params = {
			"filters": json.dumps(filters or []),
			"fields": json.dumps(list(fields)),
			"limit_page_length": limit,
		}
		if order_by:
			params["order_by"] = order_by
		r = self.ctx.get(f"/api/resource/{doctype}", params=params)
		return self._json(r, f"list {doctype}")["data"]

	def get_doc(self, doctype, name):
		r = self.ctx.get(f"/api/resource/{doctype}/{name}")
		return self._json(r, f"get {doctype} {name}")["data"]

	def insert(self, doc):
		r = self.ctx.post(
			f"/api/resource/{doc['doctype']}",
			data=json.dumps(doc),
			headers={"Content-Type": "application/json"},
		)
		return self._json(r, f"insert {doc['doctype']}")["data"]

	def update(self, doctype, name, values):
		r = self.ctx.put(
			f"/api/resource/{doctype}/{name}",
			data=json.dumps(values),
			headers={"Content-Type": "application/json"},
		)
		return self._json(r, f"update {doctype} {name}")["data"]

	def close(self):
		self.ctx.dispose()


class Walk:
	"""One demo user in their own browser context: iPhone-like 390×844, zh."""

	def __init__(self, browser, base_url, user, password, label, artifacts, ignore_names, known_log):
		self.base = base_url
		self.user = user
		self.password = password
		self.label = re.sub(r"[^\w.-]+", "_", label)
		self.artifacts = artifacts
		self.ignore_names = list(ignore_names)
		self.known_log = known_log
		self.words = untranslated_words()
		self.problems: list[str] = []
		self.expected: list = []
		self.inflight: set = set()
		self.finished = False
		self.action_place = None  # where the last action() was found: button, group, actions or the "…" menu
		self.context = browser.new_context(
			viewport={"width": 390, "height": 844},
			device_scale_factor=2,
			is_mobile=True,
			has_touch=True,
			locale="zh-CN",
			extra_http_headers={"Accept-Language": "zh-CN,zh;q=0.9"},
		)
		self.context.add_cookies([{"name": "preferred_language", "value": "zh", "url": base_url}])
		self.context.expose_function("__soReport", lambda text: self.problems.append(text))
		self.context.add_init_script(_PROBLEM_OBSERVER)
		self.context.set_default_timeout(45000)
		self.page = self.context.new_page()
		self._watch(self.page)

	# ------------------------------------------------------------------ watching
	def _watch(self, page):
		page.on("console", self._on_console)
		page.on("pageerror", lambda err: self.problems.append(f"page error: {err}"))
		page.on("response", self._on_response)
		page.on("request", lambda req: self.inflight.add(req) if not _is_realtime(req.url) else None)
		page.on("requestfinished", lambda req: self.inflight.discard(req))
		page.on("requestfailed", self._on_failed)

	def _expected(self, status, url):
		for exp in self.expected:
			code, _, pattern = str(exp).partition(" ")
			if int(code) == status and (not pattern or pattern in url):
				return True
		return False

	def _on_console(self, msg):
		if msg.type != "error":
			return
		url = (msg.location or {}).get("url") or ""
		text = msg.text or ""
		if _is_realtime(url) or "socket.io" in text or "xhr poll error" in text:
			return
		m = re.search(r"status of (\d{3})", text)
		if m and self._expected(int(m.group(1)), url):
			return
		self.problems.append(f"console error: {text[:600]} ({url})")

	def _on_response(self, resp):
		if resp.status < 400 or _is_realtime(resp.url) or self._expected(resp.status, resp.url):
			return
		body = ""
		try:
			body = resp.text()[:1200]
		except Exception:
			pass
		self.problems.append(f"HTTP {resp.status} {resp.request.method} {resp.url}: {body}")

	def _on_failed(self, req):
		self.inflight.discard(req)
		failure = req.failure or ""
		if _is_realtime(req.url) or "ERR_ABORTED" in failure:
			return
		self.problems.append(f"request failed: {req.method} {req.url}: {failure}")

	# ------------------------------------------------------------------ steps
	def settle(self, timeout=20.0):
		"""Wait until no request (but realtime) is in flight and Frappe's ajax and freeze counters are 0."""
		deadline = time.monotonic() + timeout
		quiet = 0
		while time.monotonic() < deadline:
			busy = bool(self.inflight)
			if not busy:
				try:
					busy = self.page.evaluate(
						"() => !!(window.frappe && ((frappe.request && frappe.request.ajax_count) || (frappe.dom && frappe.dom.freeze_count)))"
					)
				except Exception:
					busy = True  # navigating
			quiet = 0 if busy else quiet + 1
			if quiet >= 3:
				return
			self.page.wait_for_timeout(100)

	def visible_texts(self):
		return self.page.evaluate(_VISIBLE_TEXT)

	def look(self):
		"""Record the listed English words visible now (call it where a dialog or menu is open)."""
		texts = self.visible_texts()
		for word, ctx in find_untranslated(texts, self.words, self.ignore_names):
			self.problems.append(f"untranslated '{word}' on {self.page.url}: …{ctx}…")
		for sentence in find_english_sentences(texts, self.ignore_names):
			self.problems.append(f"untranslated sentence «{sentence[:200]}» on {self.page.url}")

	@contextmanager
	def step(self, title, known=None, expect=()):
		"""A step of the path. `known`: {issue-9 item: regex} of known bugs still being fixed.
		`expect`: statuses (e.g. 417, or "417 api.accept") the step provokes on purpose."""
		# what went wrong on this page since the last step (e.g. while another user acted) counts here
		self.problems[:] = [f"(before this step) {p}" for p in self.problems]
		self.expected = list(expect)
		error = None
		try:
			yield self
		except Exception as e:
			error = e
		if error is None:
			try:
				self.settle()
				self.look()
			except Exception as e:
				error = e
		self.expected = []
		problems = list(self.problems)
		if error is not None:
			problems.insert(0, f"{type(error).__name__}: {error}")
		self.problems.clear()
		unknown = []
		for p in problems:
			item = next((k for k, rx in (known or {}).items() if re.search(rx, p, re.S)), None)
			if item:
				entry = (item, f"[{self.user}] {title}: {p[:400]}")
				if entry not in self.known_log:
					self.known_log.append(entry)
					print(f"KNOWN {item} [{self.user}] {title}: {p[:1500]}")
			else:
				unknown.append(p)
		if unknown:
			self.screenshot(f"{title}-FAILED")
			raise StepProblem(
				f"[{self.user}] step '{title}':\n  - " + "\n  - ".join(q[:2000] for q in unknown)
			)
		if error is not None and known:
			# the step's body did not complete (a known bug stopped it): the caller goes on from a known page
			self.recover()

	def recover(self):
		try:
			self.page.keyboard.press("Escape")
			self.page.evaluate("() => { if (window.frappe && frappe.msg_dialog) frappe.msg_dialog.hide(); }")
			self.page.evaluate("() => { if (window.cur_dialog) cur_dialog.hide(); }")
		except Exception:
			pass

	def screenshot(self, name=""):
		suffix = "-" + re.sub(r"[^\w.-]+", "_", name) if name else ""
		path = self.artifacts / f"{self.label}{suffix}.png"
		try:
			self.page.screenshot(path=str(path), full_page=False)
		except Exception:
			return None
		return path

	def close(self):
		if not self.finished:
			self.screenshot("end")
		self.context.close()

	# ------------------------------------------------------------------ navigation
	def url(self, path):
		return path if path.startswith("http") else self.base + path

	def goto(self, path, expect_ok=True):
		resp = self.page.goto(self.url(path), wait_until="load")
		self.settle()
		return resp

	def login_api(self):
		"""Log in over HTTP (setup; the paths that start at the login screen use login_ui)."""
		for attempt in range(10):  # the bench's web server may be restarting
			try:
				r = self.context.request.post(
					self.url("/api/method/login"), form={"usr": self.user, "pwd": self.password}
				)
				break
			except Exception:
				if attempt == 9:
					raise
				time.sleep(3)
		assert r.ok, f"login {self.user}: {r.status} {r.text()[:300]}"

	def login_ui(self):
		self.goto("/login")
		self.page.fill("#login_email", self.user)
		self.page.fill("#login_password", self.password)
		with self.page.expect_navigation(wait_until="load"):
			self.page.click(".btn-login")
		self.settle()

	# ------------------------------------------------------------------ desk
	def open_form(self, doctype, name):
		self.goto(f"/app/{doctype.lower().replace(' ', '-')}/{name}")
		self.wait_form(doctype, name)

	def wait_form(self, doctype, name=None):
		self.page.wait_for_function(
			"([dt, name]) => window.cur_frm && cur_frm.doctype === dt && (!name || cur_frm.docname === name)"
			" && cur_frm.layout && !frappe.request.ajax_count",
			arg=[doctype, name],
		)
		self.settle()

	def new_form(self, doctype):
		self.goto(f"/app/{doctype.lower().replace(' ', '-')}/new")
		self.page.wait_for_function(
			"dt => window.cur_frm && cur_frm.doctype === dt && cur_frm.is_new()", arg=doctype
		)
		self.settle()

	def doc(self):
		return self.page.evaluate("() => JSON.parse(JSON.stringify(cur_frm.doc))")

	def form_scope(self):
		return self.page.locator(".page-container:visible .form-layout").first

	def control(self, fieldname, scope=None):
		scope = scope or self.form_scope()
		return scope.locator(f'.frappe-control[data-fieldname="{fieldname}"]:visible').first

	def fill(self, fieldname, value, scope=None):
		ctl = self.control(fieldname, scope)
		field = ctl.locator("input:visible, textarea:visible, .ql-editor:visible").first
		field.click()
		field.fill(str(value))
		field.press("Tab") if field.evaluate("e => e.tagName") == "INPUT" else None
		self.settle()

	def select(self, fieldname, label_or_value, scope=None):
		sel = self.control(fieldname, scope).locator("select").first
		values = sel.evaluate("s => Array.from(s.options).map(o => [o.value, o.text])")
		value = next((v for v, t in values if label_or_value in (v, t)), label_or_value)
		sel.select_option(value)
		self.settle()

	def check(self, fieldname, scope=None):
		box = self.control(fieldname, scope).locator("input[type=checkbox]").first
		if not box.is_checked():
			box.check()
		self.settle()

	def link(self, fieldname, typed, pick=None, scope=None):
		"""Type into a Link field and pick the suggestion containing `pick` (default: `typed`)."""
		ctl = self.control(fieldname, scope)
		field = ctl.locator("input").first
		field.click()
		field.fill("")
		field.press_sequentially(typed, delay=40)
		self.settle()
		option = self.page.locator(SUGGESTIONS).filter(has_text=pick or typed)
		option.first.wait_for(state="visible", timeout=10000)
		option.first.click()
		self.settle()

	def save(self):
		"""The form's primary button (保存) as a user taps it, then wait for the saved form."""
		before = self.page.evaluate("() => cur_frm.doc.modified || ''")
		self.page.locator(".page-head:visible .primary-action:visible").first.click()
		self.page.wait_for_function(
			"before => !cur_frm.is_new() && !cur_frm.is_dirty() && (cur_frm.doc.modified || '') !== before"
			" && !frappe.request.ajax_count",
			arg=before,
		)
		self.settle()

	def tr(self, text, context=None):
		"""The page's own translation of a UI string (Frappe's __(), as the desk labels its buttons)."""
		return self.page.evaluate("([t, c]) => __(t, null, c)", [text, context])

	def action(self, label, group=None, context=None):
		"""A custom button by its English source label (translated as the page does): a button or group
		item where shown (wide screens), else the "…" menu's "group > label" item (phone width)."""
		page = self.page
		label = self.tr(label, context)
		group = self.tr(group) if group else None
		# buttons may be added after an answer from the server (e.g. the user's routing rows): wait for it
		page.wait_for_function(
			"""([label, both]) => Array.from(document.querySelectorAll('.page-head')).filter((h) => h.offsetParent)
				.some((h) => Array.from(h.querySelectorAll('button, a, .menu-item-label'))
				.some((e) => [label, both].includes((e.textContent || '').trim())))""",
			arg=[label, f"{group} > {label}" if group else label],
		)
		head = page.locator(".page-head:visible")
		if group:
			grp = head.locator(".inner-group-button:visible").filter(has_text=group)
			if grp.count():
				grp.first.locator("button").click()
				grp.first.locator(".dropdown-menu a").filter(has_text=label).first.click()
				self.action_place = "group"
				return
		btn = head.locator(".custom-actions:visible button, .inner-toolbar:visible > button").filter(
			has_text=label
		)
		if btn.count() and btn.first.is_visible():
			btn.first.click()
			self.action_place = "button"
			return
		exact = re.compile(rf"^\s*{re.escape(label)}\s*$")
		actions = head.locator(".actions-btn-group:visible")
		items = ".dropdown-menu a, .dropdown-menu .dropdown-item"
		if actions.count() and actions.first.locator(items).filter(has_text=exact).count():
			actions.first.locator("> button").click()
			self.look()
			actions.first.locator(items).filter(has_text=exact).first.click()
			self.action_place = "actions"
			return
		self.menu_item(f"{group} > {label}" if group else label, fallback=label)
		self.action_place = "menu"

	def menu_item(self, text, fallback=None):
		page = self.page
		page.locator(".page-head:visible .menu-btn-group:visible > button").first.click()
		menu = page.locator(".page-head:visible .menu-btn-group .dropdown-menu:visible")
		item = menu.locator(".dropdown-item, a").filter(has_text=text)
		if not item.count() and fallback:
			item = menu.locator(".dropdown-item, a").filter(has_text=fallback)
		self.look()
		item.first.click()

	def workflow(self, label):
		"""A workflow action (English source name) from the form's action menu, then wait for the new state."""
		page = self.page
		label = self.tr(label)
		before = page.evaluate("() => cur_frm.doc.modified")
		page.locator(".page-head:visible .actions-btn-group:visible > button").first.click()
		menu = page.locator(".page-head:visible .actions-btn-group .dropdown-menu:visible")
		self.look()
		menu.locator("a, .dropdown-item").filter(
			has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")
		).first.click()
		self.wait_changed(before)

	def wait_changed(self, before, timeout=20000):
		"""Wait until the form's record was saved anew, or a message dialog answered instead."""
		self.page.wait_for_function(
			"before => window.cur_frm && !frappe.request.ajax_count && !(frappe.dom && frappe.dom.freeze_count)"
			" && (cur_frm.doc.modified !== before || !!document.querySelector('.modal.show .msgprint'))",
			arg=before,
			timeout=timeout,
		)
		self.settle()

	def swipe(self, locator, dx, dy=0):
		"""A finger swipe starting on `locator` (e.g. a grid swiped sideways at phone width)."""
		locator.scroll_into_view_if_needed()
		box = locator.bounding_box()
		x = min(max(box["x"] + box["width"] / 2, 5), self.page.viewport_size["width"] - 5)
		y = box["y"] + box["height"] / 2
		cdp = self.context.new_cdp_session(self.page)
		try:
			cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
			steps = 8
			for i in range(1, steps + 1):
				cdp.send(
					"Input.dispatchTouchEvent",
					{
						"type": "touchMove",
						"touchPoints": [{"x": x + dx * i / steps, "y": y + dy * i / steps}],
					},
				)
			cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
		finally:
			cdp.detach()
		self.settle()

	def dialog(self):
		d = self.page.locator(".modal.show").last
		d.wait_for(state="visible")
		return d

	def dialog_primary(self):
		self.dialog().locator(".modal-footer .btn-primary:visible").first.click()
		self.settle()


class Walks:
	"""The walks of one test: walks("office.staff") → a logged-in Walk; done() ends the test."""

	def __init__(self, make):
		self._make = make
		self.opened: list[Walk] = []
		self.known: list[tuple[str, str]] = []

	def __call__(self, local, login=True):
		w = self._make(local, self.known)
		self.opened.append(w)
		if login and local != "Guest":
			w.login_api()
		return w

	def done(self, last: Walk):
		"""Screenshot of the path's last screen, then xfail if a known bug was met on the way."""
		last.settle()
		shot = last.screenshot()
		last.finished = True
		print(f"screenshot: {shot}")
		late = [f"[{w.user}] after the last step: {p[:1500]}" for w in self.opened for p in w.problems]
		if late:
			raise StepProblem("\n  - ".join(["problems after the last step:", *late]))
		if self.known:
			items = sorted({k for k, _ in self.known}, key=lambda s: [int(x) for x in s.split(".")])
			pytest.xfail(
				"known bugs still open: "
				+ "; ".join(ISSUE_9.get(i, i) for i in items)
				+ " | "
				+ " | ".join(d for _, d in self.known)[:3000]
			)
