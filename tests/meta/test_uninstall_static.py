"""Uninstall must not commit half-way: no frappe.db.commit() in before_uninstall or anything it calls in
the app (the install modules' remove_defaults, the role clean-up). Frappe commits once it has removed the
app's modules; a commit before leaves a half-uninstalled site when that fails (and makes --dry-run real)."""

import ast

from tests.conftest import ROOT

APP = ROOT / "school_office"


def _functions(path):
	tree = ast.parse(path.read_text(encoding="utf-8"))
	return {n.name: n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}


def _calls(fn) -> set[str]:
	out = set()
	for node in ast.walk(fn):
		if isinstance(node, ast.Call):
			f = node.func
			parts = []
			while isinstance(f, ast.Attribute):
				parts.append(f.attr)
				f = f.value
			if isinstance(f, ast.Name):
				parts.append(f.id)
			out.add(".".join(reversed(parts)))
	return out


def _reachable(functions: dict, start: str) -> set[str]:
	seen, todo = set(), [start]
	while todo:
		name = todo.pop()
		if name in seen or name not in functions:
			continue
		seen.add(name)
		todo += [c for c in _calls(functions[name]) if c in functions]
	return seen


def test_uninstall_never_commits():
	errors = []
	install = _functions(APP / "install.py")
	for name in _reachable(install, "before_uninstall"):
		if "frappe.db.commit" in _calls(install[name]):
			errors.append(f"install.py: {name} commits")
	for path in sorted(APP.glob("*/install.py")):
		functions = _functions(path)
		for name in _reachable(functions, "remove_defaults"):
			if "frappe.db.commit" in _calls(functions[name]):
				errors.append(f"{path.relative_to(ROOT)}: {name} commits")
	assert errors == []


def test_the_check_sees_a_commit():
	functions = {
		n.name: n
		for n in ast.walk(
			ast.parse("def before_uninstall():\n\thelper()\n\ndef helper():\n\tfrappe.db.commit()\n")
		)
		if isinstance(n, ast.FunctionDef)
	}
	assert _reachable(functions, "before_uninstall") == {"before_uninstall", "helper"}
	assert "frappe.db.commit" in _calls(functions["helper"])
