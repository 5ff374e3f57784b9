"""Inspections in the browser: office staff walk a daily patrol on a phone (390 px, zh): a new Inspection
Round from a template, the checklist appears, one item fails, saving makes its finding; handing the round
in makes the rectification request (IN-1, IN-2)."""

from tests.browser.data import tag, zh

ITEMS = ("楼道和楼梯整洁畅通", "照明正常", "消防通道和灭火器完好")


def make_template(admin_api, t):
	"""Setup (not the path under test): a checklist template in Chinese, as the office would write it."""
	name = f"教学楼日常巡查 {t}"
	admin_api.insert(
		{
			"doctype": "Inspection Template",
			"template_name": name,
			"round_type": "Daily Patrol",
			"area": "一号教学楼",
			"items": [{"item": i} for i in ITEMS],
		}
	)
	return name


def set_row_result(w, grid, idx, result, note=None):
	page = w.page
	row = grid.locator(".grid-body .grid-row:visible").nth(idx)
	row.locator(".btn-open-row").first.dispatch_event("click")  # the grid scrolls sideways at 390 px
	w.settle()
	form = page.locator(".grid-row-open:visible, .grid-form-dialog:visible").first
	form.wait_for(state="visible")
	w.select("result", zh(result), scope=form)
	if note:
		w.fill("note", note, scope=form)
	form.locator(".grid-collapse-row:visible").first.click()
	w.settle()


def test_daily_patrol_on_a_phone(walks, admin_api):
	t = tag()
	template = make_template(admin_api, t)
	staff = walks("office.staff")
	page = staff.page
	with staff.step("a new round from the template: the checklist appears"):
		staff.new_form("Inspection Round")
		staff.link("template", template)
		page.wait_for_function("() => (cur_frm.doc.results || []).length === 3")
		assert [r["item"] for r in staff.doc()["results"]] == list(ITEMS)
		assert staff.doc()["area"] == "一号教学楼"
		staff.look()
	with staff.step("the results: the first item fails with a note"):
		grid = staff.control("results")
		set_row_result(staff, grid, 0, "Fail", "二楼楼梯有碎玻璃")
		for i in (1, 2):
			set_row_result(staff, grid, i, "Pass")
		staff.save()
		doc = staff.doc()
		assert doc["inspector"] == "office.staff@demo.school"
		assert [(f["checklist_item"], f["description"]) for f in doc["findings"]] == [
			(ITEMS[0], "二楼楼梯有碎玻璃")
		]
		assert doc["findings"][0]["due_by"]
	name = doc["name"]
	# the responsible contractor is set over REST (setup for the next step, not the path under test)
	group = admin_api.get_list("Supplier Group")[0]["name"]
	contractor = admin_api.insert(
		{"doctype": "Supplier", "supplier_name": f"校园保洁公司 {t}", "supplier_group": group}
	)
	stored = admin_api.get_doc("Inspection Round", name)
	stored["findings"][0]["contractor"] = contractor["name"]
	admin_api.update("Inspection Round", name, {"findings": stored["findings"]})
	with staff.step("hand the round in: the finding becomes a rectification request"):
		staff.open_form("Inspection Round", name)
		page.locator(".page-head:visible .primary-action:visible").first.click()
		staff.settle()
		dialog = page.locator(".modal.show .btn-primary:visible")
		if dialog.count():
			dialog.first.click()
		page.wait_for_function("() => cur_frm.doc.docstatus === 1 && !frappe.request.ajax_count")
		staff.settle()
	got = admin_api.get_doc("Inspection Round", name)
	request = got["findings"][0]["rectification"]
	assert request and got["findings"][0]["rectification_status"] == "Open"
	assert admin_api.get_doc("Service Request", request)["service_type"] == "Inspection Rectification"
	walks.done(staff)
