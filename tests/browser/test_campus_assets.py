"""Campus Assets in the browser: the Office Manager scans an asset's label on a phone (390 px, zh): the QR
code's URL opens the scan page, they pick where they are and record — last seen is stored (AS-2)."""

import re

from tests.browser.data import tag, zh


def make_asset(admin_api, t):
	"""Setup (not the path under test): a submitted printer of the demo's Logistics department."""
	dept = admin_api.get_list("Department", [["department_name", "=", "Logistics"]])[0]["name"]
	company = admin_api.get_list("Company")[0]["name"]
	doc = admin_api.insert(
		{
			"doctype": "Asset",
			"asset_name": f"打印机 {t}",
			"asset_classification": "2010601",
			"company": company,
			"location": "Meeting Room 201",
			"department": dept,
			"purchase_date": "2025-09-01",
			"available_for_use_date": "2025-09-01",
			"gross_purchase_amount": 1800,
			"purchase_amount": 1800,
			"is_existing_asset": 1,
		}
	)
	admin_api.call("frappe.client.submit", doc=admin_api.get_doc("Asset", doc["name"]))
	return doc["name"]


def test_scan_a_label_on_a_phone(walks, admin_api):
	t = tag()
	asset = make_asset(admin_api, t)
	manager = walks("office.manager")
	page = manager.page
	with manager.step("open the label's link: the scan page shows the asset"):
		manager.goto(f"/asset-scan?asset={asset}")
		page.locator(".asset-scan .card").wait_for(state="visible")
		assert t in page.locator(".asset-scan .card").inner_text()
		assert re.match(r"^2010601-\d{4}-\d{5}$", page.locator(".asset-number").inner_text().strip())
		assert zh("Scan Asset") in page.locator(".asset-scan h2").inner_text()
		assert not admin_api.get_doc("Asset", asset).get("last_seen_on")  # opening it changed nothing
	with manager.step("record where it is"):
		page.locator("#scan-location").select_option("Meeting Room 305")
		with page.expect_response(lambda r: "record_scan" in r.url) as resp:
			page.locator("#scan-record").click()
		assert resp.value.status == 200, resp.value.text()[:500]
		page.locator("#scan-result.text-success").wait_for()
		assert zh("Recorded") in page.locator("#scan-result").inner_text()
	got = admin_api.get_doc("Asset", asset)
	assert got["last_seen_location"] == "Meeting Room 305"
	assert got["last_seen_by"] == "office.manager@demo.school"
	walks.done(manager)
