"""Roster import rules (plain Python, no Frappe): one spreadsheet row -> one school user.

The template's columns (English or Chinese headers):

	Number             学号/工号    the student or staff number; becomes the user's username (sign-in)
	Full Name          姓名
	Email              邮箱         optional; without it the user gets <number>@<fallback domain>
	Department or Class 部门/班级
	Role               角色         Student, Teacher, or staff roles / role profiles (comma separated)
	Language           语言         zh or en (中文 / English), default zh

Messages are English with {0} placeholders; the Frappe layer translates them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

TEMPLATE_HEADERS = ("Number", "Full Name", "Email", "Department or Class", "Role", "Language")

HEADER_ALIASES = {
	"number": "number",
	"student or staff number": "number",
	"学号/工号": "number",
	"学号": "number",
	"工号": "number",
	"编号": "number",
	"full name": "full_name",
	"name": "full_name",
	"姓名": "full_name",
	"email": "email",
	"e-mail": "email",
	"邮箱": "email",
	"电子邮件": "email",
	"department or class": "group",
	"department": "group",
	"class": "group",
	"部门/班级": "group",
	"部门": "group",
	"班级": "group",
	"role": "role",
	"roles": "role",
	"角色": "role",
	"language": "language",
	"语言": "language",
}

PORTAL_KINDS = {"student": "Student", "学生": "Student", "teacher": "Teacher", "教师": "Teacher"}
LANGUAGES = {
	"": "zh",
	"zh": "zh",
	"zh-cn": "zh",
	"cn": "zh",
	"中文": "zh",
	"chinese": "zh",
	"en": "en",
	"en-us": "en",
	"english": "en",
	"英文": "en",
	"英语": "en",
}
NUMBER_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
ROLE_SPLIT = re.compile(r"[,;，；、]")


@dataclass
class RosterRow:
	line: int
	number: str
	full_name: str
	email: str
	group: str
	kind: str  # "Student", "Teacher" (portal users) or "Staff" (desk users)
	roles: list[str] = field(default_factory=list)
	language: str = "zh"

	@property
	def desk_user(self) -> bool:
		return self.kind == "Staff"


@dataclass
class RowError:
	line: int
	message: str
	args: tuple = ()


def map_headers(headers) -> dict[int, str]:
	"""Column index -> field, for the headers the template knows (case and spaces ignored)."""
	out = {}
	for i, h in enumerate(headers):
		key = HEADER_ALIASES.get(re.sub(r"\s+", " ", str(h or "")).strip().lower())
		if key and key not in out.values():
			out[i] = key
	return out


def missing_headers(mapping: dict[int, str]) -> list[str]:
	return [h for h, f in (("Number", "number"), ("Full Name", "full_name")) if f not in mapping.values()]


def fallback_email(number: str, domain: str) -> str:
	return f"{number.lower()}@{domain}"


def parse_row(values: dict, line: int, known_roles, role_profiles: dict, domain: str):
	"""A RosterRow, or a RowError saying what is wrong with the row."""
	number = str(values.get("number") or "").strip()
	if number.endswith(".0") and number[:-2].isdigit():
		number = number[:-2]  # a spreadsheet's numeric cell
	full_name = re.sub(r"\s+", " ", str(values.get("full_name") or "")).strip()
	if not number:
		return RowError(line, "Row {0}: the number is missing", (line,))
	if not NUMBER_RE.match(number):
		return RowError(
			line, "Row {0}: the number {1} may contain only letters, digits, '.', '_' and '-'", (line, number)
		)
	if not full_name:
		return RowError(line, "Row {0}: the name is missing", (line,))
	email = str(values.get("email") or "").strip().lower()
	if email and not EMAIL_RE.match(email):
		return RowError(line, "Row {0}: {1} is not an e-mail address", (line, email))
	lang_raw = str(values.get("language") or "").strip().lower()
	if lang_raw not in LANGUAGES:
		return RowError(line, "Row {0}: unknown language {1} (use zh or en)", (line, lang_raw))
	role_raw = str(values.get("role") or "").strip()
	parts = [p.strip() for p in ROLE_SPLIT.split(role_raw) if p.strip()]
	if not parts:
		return RowError(line, "Row {0}: the role is missing", (line,))
	kind = None
	roles: list[str] = []
	for part in parts:
		portal = PORTAL_KINDS.get(part.lower())
		if portal:
			kind = kind or portal
			continue
		if part in role_profiles:
			roles.extend(r for r in role_profiles[part] if r not in roles)
		elif part in known_roles:
			if part not in roles:
				roles.append(part)
		else:
			return RowError(line, "Row {0}: unknown role {1}", (line, part))
	if kind and roles:
		return RowError(
			line, "Row {0}: a student or teacher of the portal cannot also hold staff roles", (line,)
		)
	return RosterRow(
		line=line,
		number=number,
		full_name=full_name,
		email=email or fallback_email(number, domain),
		group=str(values.get("group") or "").strip(),
		kind=kind or "Staff",
		roles=roles,
		language=LANGUAGES[lang_raw],
	)


def parse_rows(table, known_roles, role_profiles: dict, domain: str):
	"""(rows, errors) of a sheet (first row: headers). A number or e-mail given twice is an error on its
	second row; blank rows are skipped."""
	table = [list(r) for r in table]
	if not table:
		return [], [RowError(0, "The file is empty")]
	mapping = map_headers(table[0])
	missing = missing_headers(mapping)
	if missing:
		return [], [RowError(1, "The file lacks the column(s): {0}", (", ".join(missing),))]
	rows, errors, numbers, emails = [], [], set(), set()
	for offset, raw in enumerate(table[1:], start=2):
		if not any(str(v or "").strip() for v in raw):
			continue
		values = {f: (raw[i] if i < len(raw) else "") for i, f in mapping.items()}
		parsed = parse_row(values, offset, known_roles, role_profiles, domain)
		if isinstance(parsed, RowError):
			errors.append(parsed)
			continue
		if parsed.number.lower() in numbers:
			errors.append(RowError(offset, "Row {0}: the number {1} is given twice", (offset, parsed.number)))
			continue
		if parsed.email in emails:
			errors.append(RowError(offset, "Row {0}: the e-mail {1} is given twice", (offset, parsed.email)))
			continue
		numbers.add(parsed.number.lower())
		emails.add(parsed.email)
		rows.append(parsed)
	return rows, errors
