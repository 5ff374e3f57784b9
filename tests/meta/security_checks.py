"""Static security checks (issue #8): the mechanism, checked on every module the app has or gets.

- ``check_whitelisted_permissions`` — every ``@frappe.whitelist`` function calls a permission check
  (directly or through a function of the same module that does), or is a ``@doc_action``, or says
  in its docstring why it is public (a line starting ``Public:``).
- ``check_ignore_permissions_with_request_data`` — no whitelisted function saves with
  ``ignore_permissions`` a document built from its own arguments or ``frappe.form_dict``.
- ``check_template_escaping`` — every ``{{ … }}`` in portal, notification and page templates is
  escaped (Frappe's Jinja has no autoescape), and nothing uses ``|safe``.
- ``check_js_html`` — client scripts that build HTML from template literals escape what they
  interpolate.
- ``check_permlevels`` — fields only the system sets (read_only, not fetched, not a workflow state)
  are at permlevel ≥ 1, keys and tokens at permlevel 2; nobody writes level 1 or reads level 2; every
  role that reads a doctype reads its other levels.

Each takes plain data and returns a list of error strings (empty: passed).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PERMISSION_CALLS = {
	"check_permission",
	"has_permission",
	"load_for_action",
	"require_roles",
	"has_role",
	"can_see",
	"keys_match",
	"is_staff",
	"only_for",
	"validate_auth",
	"get_list",  # frappe.get_list applies the user's permissions and the app's query conditions
}
IGNORE_PERMISSION_SOURCES = {"get_doc", "new_doc", "update"}
DISPLAY_FIELDTYPES = {
	"Section Break",
	"Column Break",
	"Tab Break",
	"HTML",
	"Button",
	"Image",
	"Heading",
	"Fold",
}
KEY_FIELD = re.compile(r"(^|_)(key|token)$")


# ----------------------------------------------------------------------------- python


def _decorator_name(dec: ast.expr) -> str:
	node = dec.func if isinstance(dec, ast.Call) else dec
	if isinstance(node, ast.Attribute):
		return node.attr
	if isinstance(node, ast.Name):
		return node.id
	return ""


def _call_name(node: ast.Call) -> str:
	f = node.func
	if isinstance(f, ast.Attribute):
		return f.attr
	if isinstance(f, ast.Name):
		return f.id
	return ""


def _functions(tree: ast.Module):
	for node in ast.walk(tree):
		if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
			yield node


def _is_public(fn) -> bool:
	doc = ast.get_docstring(fn) or ""
	return any(line.strip().startswith("Public:") for line in doc.splitlines())


def _refuses(fn) -> bool:
	"""The function refuses with a PermissionError itself (frappe.throw(..., frappe.PermissionError) or raise)."""
	for node in ast.walk(fn):
		if isinstance(node, ast.Call) and _call_name(node) == "throw":
			if any(isinstance(a, ast.Attribute) and a.attr == "PermissionError" for a in node.args):
				return True
			if any(
				k.arg == "exc" and getattr(k.value, "attr", "") == "PermissionError" for k in node.keywords
			):
				return True
		if isinstance(node, ast.Raise) and "PermissionError" in ast.unparse(node.exc or ast.Constant(None)):
			return True
	return False


def _checking_functions(tree: ast.Module) -> set[str]:
	"""Names of the module's functions that (transitively, within the module) check permissions."""
	calls = {
		fn.name: {_call_name(c) for c in ast.walk(fn) if isinstance(c, ast.Call)} for fn in _functions(tree)
	}
	checking = {fn.name for fn in _functions(tree) if calls[fn.name] & PERMISSION_CALLS or _refuses(fn)}
	changed = True
	while changed:
		changed = False
		for name, called in calls.items():
			if name not in checking and called & checking:
				checking.add(name)
				changed = True
	return checking


def python_files(root: Path) -> list[Path]:
	return sorted(
		p
		for p in Path(root).rglob("*.py")
		if not p.name.startswith("test_") and "tests" not in p.relative_to(root).parts
	)


def check_whitelisted_permissions(root: Path) -> list[str]:
	errors = []
	for path in python_files(root):
		tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
		checking = _checking_functions(tree)
		for fn in _functions(tree):
			names = {_decorator_name(d) for d in fn.decorator_list}
			if "doc_action" in names or "whitelist" not in names:
				continue
			if fn.name in checking or _is_public(fn):
				continue
			errors.append(
				f"{path.relative_to(root.parent)}:{fn.lineno}: whitelisted {fn.name}() checks no permission "
				"(call load_for_action/has_permission/..., use @doc_action, or say 'Public: why' in its docstring)"
			)
	return errors


def _argument_names(fn) -> set[str]:
	a = fn.args
	names = {x.arg for x in a.args + a.kwonlyargs + a.posonlyargs}
	if a.vararg:
		names.add(a.vararg.arg)
	if a.kwarg:
		names.add(a.kwarg.arg)
	return names - {"self"}


def _is_request_data(node: ast.expr, args: set[str]) -> bool:
	if isinstance(node, ast.Name) and node.id in args:
		return True
	return isinstance(node, ast.Attribute) and node.attr == "form_dict"


def check_ignore_permissions_with_request_data(root: Path) -> list[str]:
	errors = []
	for path in python_files(root):
		tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
		for fn in _functions(tree):
			if "whitelist" not in {_decorator_name(d) for d in fn.decorator_list}:
				continue
			args = _argument_names(fn)
			ignores = any(
				(
					isinstance(n, ast.keyword)
					and n.arg == "ignore_permissions"
					and getattr(n.value, "value", None) is True
				)
				or (
					isinstance(n, ast.Assign)
					and any(
						isinstance(t, ast.Attribute) and t.attr == "ignore_permissions" for t in n.targets
					)
					and getattr(n.value, "value", None) is True
				)
				for n in ast.walk(fn)
			)
			if not ignores:
				continue
			for call in (c for c in ast.walk(fn) if isinstance(c, ast.Call)):
				if _call_name(call) not in IGNORE_PERMISSION_SOURCES:
					continue
				single = (
					call.args[:1] if len(call.args) == 1 else []
				)  # get_doc(dict), not get_doc(doctype, name)
				fed = [a for a in single if _is_request_data(a, args)] + [
					k.value for k in call.keywords if k.arg is None and _is_request_data(k.value, args)
				]
				if fed:
					errors.append(
						f"{path.relative_to(root.parent)}:{call.lineno}: {fn.name}() saves request data "
						f"({_call_name(call)} of an argument) with ignore_permissions"
					)
	return errors


# ----------------------------------------------------------------------------- templates

JINJA_EXPR = re.compile(r"\{\{-?(.*?)-?\}\}", re.S)
SAFE_JINJA = (
	re.compile(r".*\|\s*(e|escape|tojson|int|length|urlencode)\s*$", re.S),
	re.compile(r"""_\(\s*("[^"\\]*"|'[^'\\]*')\s*\)"""),
	re.compile(r"[\w.]*_html"),
	re.compile(r"rich_text\(.*\)", re.S),
)


def escaped_template_errors(source: str, where: str) -> list[str]:
	errors = []
	if re.search(r"\|\s*safe\b", source) or re.search(r"autoescape\s+false", source):
		errors.append(f"{where}: uses |safe or turns autoescape off")
	for m in JINJA_EXPR.finditer(source):
		expr = m.group(1).strip()
		if not any(p.fullmatch(expr) for p in SAFE_JINJA):
			line = source[: m.start()].count("\n") + 1
			errors.append(f"{where}:{line}: unescaped {{{{ {expr[:60]} }}}} (add | e)")
	return errors


def portal_templates(root: Path) -> list[Path]:
	root = Path(root)
	out = []
	for p in root.rglob("*"):
		if p.suffix not in (".html", ".md") or not p.is_file():
			continue
		parts = p.relative_to(root).parts
		if "www" in parts or "templates" in parts or "notification" in parts:
			out.append(p)
	return sorted(out)


def check_template_escaping(root: Path) -> list[str]:
	errors = []
	for p in portal_templates(root):
		errors += escaped_template_errors(
			p.read_text(encoding="utf-8"), str(p.relative_to(Path(root).parent))
		)
	return errors


JS_LITERAL = re.compile(r"`([^`]*)`", re.S)
JS_INTERP = re.compile(r"\$\{((?:[^{}]|\{[^{}]*\})*)\}")
JS_SAFE = re.compile(
	r"""(__\(.*\)|[\w.]*(esc|escape)\w*\(.*\)|cint\(.*\)|flt\(.*\)|pct\(.*\)|[\w.]*_html|[\w.]*Html|\d+|"""
	r"""[\w.]*\.length|encodeURIComponent\(.*\)|[^?]*\?\s*("[^"]*"|'[^']*'|__\([^)]*\))\s*:\s*("[^"]*"|'[^']*'|__\([^)]*\)))""",
	re.S,
)
JS_ASSIGN = re.compile(r"\b(?:const|let|var)\s+(\w+)\s*=\s*([^;\n]+)")


def js_html_errors(source: str, where: str) -> list[str]:
	safe_names = {
		name
		for name, value in JS_ASSIGN.findall(source)
		if JS_SAFE.fullmatch(value.strip()) or "default_formatter(" in value
	}
	errors = []
	for m in JS_LITERAL.finditer(source):
		literal = m.group(1)
		if "<" not in literal:
			continue
		start_line = source[: m.start()].count("\n") + 1
		lines = source.splitlines()
		if any("html-safe:" in lines[i] for i in (start_line - 2, start_line - 1) if 0 <= i < len(lines)):
			continue
		for e in JS_INTERP.finditer(literal):
			expr = e.group(1).strip()
			if expr in safe_names or JS_SAFE.fullmatch(expr):
				continue
			if "value" == expr and "default_formatter(" in source:
				continue
			errors.append(f"{where}:{start_line}: HTML built with unescaped ${{{expr[:60]}}}")
	return errors


def check_js_html(root: Path) -> list[str]:
	errors = []
	for p in sorted(Path(root).rglob("*.js")):
		if "node_modules" in p.parts or "dist" in p.parts:
			continue
		errors += js_html_errors(p.read_text(encoding="utf-8"), str(p.relative_to(Path(root).parent)))
	return errors


# ----------------------------------------------------------------------------- permlevels


def _workflow_state_fields(records) -> dict[str, set[str]]:
	out: dict[str, set[str]] = {}
	for _path, rec in records:
		if rec.get("doctype") == "Workflow" and rec.get("document_type"):
			out.setdefault(rec["document_type"], set()).add(
				rec.get("workflow_state_field") or "workflow_state"
			)
	return out


def check_permlevels(doctypes: dict[str, dict], records, extra_state_fields=None) -> list[str]:
	errors = []
	state_fields = _workflow_state_fields(records)
	for dt, fields in (extra_state_fields or {}).items():
		state_fields.setdefault(dt, set()).update(fields)
	parents: dict[str, list[str]] = {}
	for name, dt in doctypes.items():
		for f in dt.get("fields", []):
			if f.get("fieldtype") in ("Table", "Table MultiSelect") and f.get("options"):
				parents.setdefault(f["options"], []).append(name)
	for name, dt in doctypes.items():
		levels = set()
		for f in dt.get("fields", []):
			if f.get("fieldtype") in DISPLAY_FIELDTYPES:
				continue
			level = int(f.get("permlevel") or 0)
			levels.add(level)
			fn = f.get("fieldname", "")
			if KEY_FIELD.search(fn) and level != 2:
				errors.append(
					f"{name}.{fn}: a key or token must be at permlevel 2 (nobody reads it over REST)"
				)
			if (
				f.get("read_only")
				and not f.get("fetch_from")
				and level == 0
				and fn not in state_fields.get(name, set())
			):
				errors.append(
					f"{name}.{fn}: read-only field at permlevel 0 — a client can still write it over REST; "
					"put it at permlevel 1"
				)
		holders = [name] if not dt.get("istable") else parents.get(name, [])
		for holder in holders:
			perms = doctypes[holder].get("permissions", [])
			for p in perms if holder == name else []:
				lvl = int(p.get("permlevel") or 0)
				if lvl == 1 and any(
					p.get(k) for k in ("write", "create", "delete", "submit", "cancel", "amend")
				):
					errors.append(f"{holder}: role {p.get('role')} writes permlevel 1 (system fields)")
				if lvl == 2 and any(p.get(k) for k in ("read", "write")):
					errors.append(f"{holder}: role {p.get('role')} reads or writes permlevel 2 (secrets)")
			readers = {p.get("role") for p in perms if not p.get("permlevel") and p.get("read")}
			for lvl in sorted(levels - {0, 2}):
				have = {p.get("role") for p in perms if int(p.get("permlevel") or 0) == lvl and p.get("read")}
				for role in sorted(readers - have):
					errors.append(
						f"{holder}: role {role} reads the doctype but not permlevel {lvl}"
						+ (f" (used by child table {name})" if holder != name else "")
					)
	return errors
