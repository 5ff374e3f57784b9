"""Official documents in the browser: the clerk's incoming document from receipt to distribution to a
department and its print (with the Office Manager's first review the workflow puts in between), and the
outgoing document from draft to number. Each path creates its own document (unique title)."""

import re

from tests.browser.data import tag, zh
from tests.browser.harness import SUGGESTIONS

DEPARTMENT = "Academic Affairs"  # the demo department the incoming document is routed to


def new_document(w, direction, title, extra):
	"""Fill a new Official Document's form as a user does and save it."""
	w.new_form("Official Document")
	w.select("direction", direction)
	w.fill("title", title)
	for kind, fieldname, value in extra:
		if kind == "select":
			w.select(fieldname, value)
		elif kind == "check":
			w.check(fieldname)
		elif kind == "link":
			w.link(fieldname, *value)
		else:
			w.fill(fieldname, value)
	w.save()
	return w.doc()["name"]


def test_incoming_document_receipt_to_distribution_and_print(walks):
	t = tag()
	title = f"关于做好期末考试安排的通知 {t}"
	clerk = walks("doc.clerk")
	manager = walks("office.manager")
	page = clerk.page
	english_names = (
		r"untranslated '(Administrative|Teaching|Finance|Academic Affairs|General Office|Normal|Public"
		r"|All Departments|Accounts|Customer Service|Dispatch|Human Resources|Legal|Management|Marketing"
		r"|Operations|Production|Quality Management|Research & Development|Sales|Purchase)'"
	)

	with clerk.step("enter the incoming document with its receipt checks", known={"9.12": english_names}):
		name = new_document(
			clerk,
			"Incoming",
			title,
			[
				("select", "document_type", "Notice"),
				("text", "source_organization", "市教育局"),
				("text", "source_document_number", f"教发〔2026〕{t[-3:]}号"),
				("text", "sender_name", "李明"),
				("text", "pages", "3"),
				("check", "sender_checked", None),
				("check", "pages_checked", None),
				("check", "secret_level_checked", None),
				("check", "is_complete", None),
			],
		)
		assert clerk.doc()["status"] == "Draft"

	with clerk.step("receive", known={"9.12": english_names}):
		clerk.workflow("Receive")
		assert clerk.doc()["status"] == "Received"

	with clerk.step("register: the registration number", known={"9.12": english_names}):
		clerk.workflow("Register")
		doc = clerk.doc()
		assert doc["status"] == "Registered"
		assert re.fullmatch(r".+-\d{8}-\d{3}", doc["registration_number"] or ""), doc["registration_number"]
		assert (
			doc["registration_number"]
			in page.locator(".page-container:visible .form-layout").first.inner_text()
		)

	with manager.step(
		"the Office Manager writes the review opinion and reviews",
		known={"9.12": english_names},
	):
		manager.open_form("Official Document", name)
		manager.fill("review_opinion", "请教务处牵头办理，各年级配合。")
		manager.save()
		manager.workflow("Review")
		assert manager.doc()["status"] == "Reviewed"

	with clerk.step(
		"route it to a department and distribute",
		known={"9.12": english_names},
	):
		clerk.open_form("Official Document", name)
		assert clerk.doc()["status"] == "Reviewed", clerk.doc()["status"]
		add_routing_row(clerk, DEPARTMENT, "Handle")
		clerk.save()
		clerk.workflow("Distribute")
		doc = clerk.doc()
		assert doc["status"] == "In Process", doc["status"]
		rows = [r for r in doc["routing"] if r.get("department")]
		assert rows and rows[0]["due_by"], doc["routing"]

	head = walks("dept.head")
	with head.step("the department head gives the department's feedback", known={"9.12": english_names}):
		head.open_form("Official Document", name)
		before = head.page.evaluate("() => cur_frm.doc.modified")
		head.action("Give Feedback", group="My Routing")
		feedback_in_menu = head.action_place == "menu"
		dialog = head.dialog()
		dialog.locator('[data-fieldname="comment"] textarea').fill("教务处已安排，各年级按通知执行。")
		head.look()
		head.dialog_primary()
		head.wait_changed(before)
		rows = [r for r in head.doc()["routing"] if r.get("department")]
		assert rows and rows[0]["status"] == "Done", rows

	with head.step(
		"the routing action is on the screen, not only in the … menu", known={"9.13": r"only in the"}
	):
		assert not feedback_in_menu, "phone width: My Routing → Give Feedback is only in the … menu"

	with clerk.step(
		"print the incoming document",
		known={
			"9.12": english_names + r"|untranslated 'Print' .*Official Document Print",
		},
	):
		clerk.open_form("Official Document", name)
		clerk.page.locator(".page-head:visible").first.wait_for()
		open_print(clerk)
		preview = print_preview_text(clerk)
		fmt = print_format_chosen(clerk)
		assert fmt not in ("", "Standard", "Official Document GBT 9704"), (
			f"incoming document prints with print format {fmt!r}"
		)
		for internal in ("Number Year", "Number Sequence", "Full Text"):
			shown = [label for label in (internal, zh_or_none(internal)) if label and label in preview]
			assert not shown, f"print shows the internal field {internal} ({shown})"
		assert "市教育局" in preview and title.split()[0] in preview, preview[:800]
		assert "教务处已安排" in preview, f"the department's feedback is not on the print: {preview[:800]}"
	walks.done(clerk)


def zh_or_none(source):
	try:
		return zh(source)
	except KeyError:
		return None


def add_routing_row(w, department, action):
	"""Add a routing row in the form's grid as a user does (phone width: the row opens as a form)."""
	page = w.page
	grid = w.control("routing")
	grid.locator(".grid-add-row").click()
	w.settle()
	row_form = page.locator(".grid-row-open:visible, .grid-form-dialog:visible")
	if row_form.count():
		scope = row_form.first
	else:
		scope = grid.locator(".grid-row:visible").last
		scope.locator('[data-fieldname="department"]').first.click()
	dept_ctl = scope.locator(
		'.frappe-control[data-fieldname="department"]:visible, [data-fieldname="department"]:visible'
	).first
	field = dept_ctl.locator("input").first
	field.click()
	# tapping the field lists the departments before anything is typed: what the clerk reads first
	page.locator(SUGGESTIONS).first.wait_for(state="visible")
	w.settle()
	w.look()
	for typed in (zh(department), department):
		field.fill("")
		field.press_sequentially(typed, delay=40)
		w.settle()
		options = page.locator(SUGGESTIONS).filter(
			has_text=re.compile(f"{re.escape(zh(department))}|{re.escape(department)}")
		)
		try:
			options.first.wait_for(state="visible", timeout=10000)
		except Exception:
			continue
		w.look()  # the suggestions as the user sees them
		options.first.click()
		break
	else:
		raise AssertionError(f"no Department suggestion for {department!r}")
	w.settle()
	act = scope.locator('[data-fieldname="action"] select').first
	if act.count():
		act.select_option(action)
	w.settle()
	if row_form.count():
		page.keyboard.press("Escape")
		w.settle()


def open_print(w):
	"""The form's print icon / menu item → the print view."""
	page = w.page
	icon = page.locator(
		".page-head:visible .page-icon-group button:visible, .page-head:visible [data-original-title]"
	).filter(has=page.locator("use[href='#icon-printer']"))
	if icon.count() and icon.first.is_visible():
		icon.first.click()
	else:
		w.menu_item(w.tr("Print"))
	page.wait_for_url(re.compile(r"/app/print/"))
	w.settle()


def print_preview_text(w):
	"""The text of the print preview (Frappe 15 renders it into an iframe)."""
	page = w.page
	page.locator("iframe.print-format-container").wait_for(state="attached")
	frame = page.frame_locator("iframe.print-format-container")
	frame.locator(".print-format").first.wait_for()
	w.settle()
	return frame.locator("body").inner_text()


def print_format_chosen(w):
	return w.page.evaluate(
		"() => { const i = document.querySelector('.print-preview-sidebar [data-fieldname=\"print_format\"] input');"
		" return i ? i.value : ''; }"
	)


def test_outgoing_document_draft_to_number(walks):
	t = tag()
	title = f"关于开展校园安全检查的通知 {t}"
	staff = walks("office.staff")
	manager = walks("office.manager")
	clerk = walks("doc.clerk")
	english_names = r"untranslated '(Administrative|Teaching|Finance|Normal|Public)'"

	with staff.step("draft the outgoing document", known={"9.12": english_names}):
		name = new_document(
			staff,
			"Outgoing",
			title,
			[
				("select", "document_type", "Notice"),
				("text", "main_recipients", "各处室、各年级"),
				("text", "body", "为保障师生安全，学校定于下周开展校园安全检查。"),
			],
		)
		assert staff.doc()["status"] == "Draft"

	with staff.step("submit for review", known={"9.12": english_names}):
		staff.workflow("Submit for Review")
		assert staff.doc()["status"] == "Office Review"

	with manager.step("the Office Manager sends it for sign-off and signs", known={"9.12": english_names}):
		manager.open_form("Official Document", name)
		manager.workflow("Send for Sign-off")
		assert manager.doc()["status"] == "Pending Sign-off"
		manager.workflow("Sign")
		doc = manager.doc()
		assert doc["status"] == "Signed" and doc["signer"] == manager.user, (doc["status"], doc["signer"])

	with clerk.step("the clerk registers the document number", known={"9.12": english_names}):
		clerk.open_form("Official Document", name)
		clerk.workflow("Register")
		doc = clerk.doc()
		assert doc["status"] == "Registered", doc["status"]
		assert re.fullmatch(r".+〔\d{4}〕[1-9]\d*号", doc["document_number"] or ""), doc["document_number"]
		assert (
			doc["document_number"]
			in clerk.page.locator(".page-container:visible .form-layout").first.inner_text()
		)
		clerk.control("document_number").scroll_into_view_if_needed()
	walks.done(clerk)
