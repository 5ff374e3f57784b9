from school_office.core import roster

ROLES = {"Office Staff", "Office Manager", "Document Clerk"}
PROFILES = {"School Office Records": ("Document Clerk", "Office Staff")}


def parse(table):
	return roster.parse_rows(table, ROLES, PROFILES, "example.edu")


def test_template_headers_in_english_and_chinese():
	rows, errors = parse(
		[
			["学号/工号", "姓名", "邮箱", "部门/班级", "角色", "语言"],
			["S2026001", "孙小明", "", "高一(3)班", "学生", "中文"],
			["T0042", "Li Staff", "LI@EXAMPLE.EDU", "General Office", "School Office Records", "English"],
		]
	)
	assert not errors
	s, t = rows
	assert (s.number, s.full_name, s.email, s.group, s.kind, s.roles, s.language) == (
		"S2026001",
		"孙小明",
		"s2026001@example.edu",
		"高一(3)班",
		"Student",
		[],
		"zh",
	)
	assert not s.desk_user
	assert (t.email, t.kind, t.roles, t.language) == (
		"li@example.edu",
		"Staff",
		["Document Clerk", "Office Staff"],
		"en",
	)
	assert t.desk_user


def test_numeric_cell_and_role_list():
	rows, errors = parse(
		[list(roster.TEMPLATE_HEADERS), [20261234.0, "A B", None, None, "Office Staff、Office Manager", None]]
	)
	assert not errors
	assert rows[0].number == "20261234"
	assert rows[0].roles == ["Office Staff", "Office Manager"]


def test_bad_rows_are_reported_by_line_and_the_rest_kept():
	rows, errors = parse(
		[
			list(roster.TEMPLATE_HEADERS),
			["S1", "One", "", "", "Student", "zh"],
			["", "No Number", "", "", "Student", "zh"],
			["S 2", "Space", "", "", "Student", "zh"],
			["S3", "", "", "", "Student", "zh"],
			["S4", "Four", "not-mail", "", "Student", "zh"],
			["S5", "Five", "", "", "Wizard", "zh"],
			["S6", "Six", "", "", "Student, Office Staff", "zh"],
			["S7", "Seven", "", "", "Student", "fr"],
			["s1", "Again", "", "", "Student", "zh"],
			["S8", "Eight", "", "", "", "zh"],
			["", "", "", "", "", ""],
		]
	)
	assert [r.number for r in rows] == ["S1"]
	assert [e.line for e in errors] == [3, 4, 5, 6, 7, 8, 9, 10, 11]
	assert errors[4].args == (7, "Wizard")
	assert "twice" in errors[7].message


def test_missing_columns_and_empty_file():
	rows, errors = parse([["Number", "Email"], ["S1", "a@b.cn"]])
	assert rows == [] and errors[0].args == ("Full Name",)
	assert parse([])[1][0].message == "The file is empty"
