from school_office.core.attachments import DEFAULT_ALLOWED, check_attachment, parse_allowed_types
from school_office.core.slug import slugify


def test_parse_allowed_types():
	assert parse_allowed_types("PDF, .docx  jpg;png\npdf") == ("pdf", "docx", "jpg", "png")
	assert parse_allowed_types("") == DEFAULT_ALLOWED


def test_check_attachment():
	allowed = ("pdf", "docx")
	assert check_attachment("a.PDF", 1000, allowed, 5) is None
	assert check_attachment("a.exe", 10, allowed, 5)[0] == "type"
	assert check_attachment("noext", 10, allowed, 5)[0] == "type"
	code, info = check_attachment("big.pdf", 6 * 1024 * 1024, allowed, 5)
	assert code == "size" and info["max_mb"] == 5
	assert check_attachment("exact.pdf", 5 * 1024 * 1024, allowed, 5) is None
	assert check_attachment("empty.pdf", 0, allowed, 5)[0] == "empty"


def test_slugify():
	assert slugify("Printing and Copying") == "printing-and-copying"
	assert slugify("  Café / Repair!! ") == "cafe-repair"
	zh = slugify("请假条", "service")
	assert (
		zh.startswith("service-") and zh == slugify("请假条", "service") and zh != slugify("报修", "service")
	)
