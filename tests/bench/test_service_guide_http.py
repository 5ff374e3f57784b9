"""The service guide as people reach it: guest and zh user, desktop and phone width, REST."""

import requests

from tests.bench.conftest import URL

PHONE = {
	"User-Agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"
}


def test_guide_for_guest_in_english(site_url, demo):
	r = requests.get(f"{URL}/service-guide", headers={"Accept-Language": "en"}, timeout=30)
	assert r.status_code == 200
	assert "Required Materials" in r.text
	assert 'name="viewport"' in r.text and "width=device-width" in r.text


def test_guide_in_chinese_for_zh_user_at_phone_width(site_url, demo):
	s = demo["login"]("student")  # demo student's language is zh
	r = s.get(f"{URL}/service-guide", headers=PHONE, timeout=30)
	assert r.status_code == 200
	for text in ("办事指南", "所需材料", "办理时限", "投诉与建议"):
		assert text in r.text, text


def test_page_per_service_and_unpublished_hidden(site_url, admin, demo):
	rest = f"{URL}/api/resource/Service Type"
	name = "HTTP Test Service"
	admin.delete(f"{rest}/{name}")
	r = admin.post(
		rest,
		json={
			"service_type_name": name,
			"service_category": "Academic",
			"is_published": 1,
			"time_limit_hours": 6,
			"required_materials": [{"material": "Photo ID", "is_mandatory": 1}],
		},
		timeout=30,
	)
	assert r.status_code == 200, r.text
	route = r.json()["data"]["route"]
	try:
		page = requests.get(f"{URL}/{route}", timeout=30)
		assert page.status_code == 200 and "Photo ID" in page.text and "6 working hours" in page.text
		guide = requests.get(f"{URL}/service-guide", timeout=30).text
		assert name in guide
		assert admin.put(f"{rest}/{name}", json={"is_published": 0}, timeout=30).status_code == 200
		assert requests.get(f"{URL}/{route}", timeout=30).status_code == 404
		assert name not in requests.get(f"{URL}/service-guide", timeout=30).text
	finally:
		admin.delete(f"{rest}/{name}", timeout=30)


def test_guest_cannot_edit_catalogue_over_rest(site_url, demo):
	r = requests.post(
		f"{URL}/api/resource/Service Type",
		json={"service_type_name": "Hack", "service_category": "Academic"},
		timeout=30,
	)
	assert r.status_code in (401, 403)
	student = demo["login"]("student")
	r = student.post(f"{URL}/api/resource/Service Category", json={"category_name": "Hack"}, timeout=30)
	assert r.status_code == 403
