"""Static checks on the app's metadata: what Frappe would reject or a user would trip on.

Every check takes plain data (loaded by :func:`load_app`) and returns a list of error
strings; an empty list means the check passed. tests/meta/test_app.py runs them on the app,
tests/meta/test_checks.py feeds each one a broken sample and sees it fail.
"""

from __future__ import annotations

import ast
import csv
import json
import keyword
import re
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).parent / "data"

DATA_FIELDTYPES = {
	"Currency",
	"Int",
	"Long Int",
	"Float",
	"Percent",
	"Check",
	"Small Text",
	"Long Text",
	"Code",
	"Text Editor",
	"Markdown Editor",
	"HTML Editor",
	"Date",
	"Datetime",
	"Time",
	"Text",
	"Data",
	"Link",
	"Dynamic Link",
	"Password",
	"Select",
	"Rating",
	"Read Only",
	"Attach",
	"Attach Image",
	"Signature",
	"Color",
	"Barcode",
	"Geolocation",
	"Duration",
	"Icon",
	"Phone",
	"Autocomplete",
	"JSON",
}
NO_VALUE_FIELDTYPES = {
	"Section Break",
	"Column Break",
	"Tab Break",
	"HTML",
	"Table",
	"Table MultiSelect",
	"Button",
	"Image",
	"Fold",
	"Heading",
}
FIELDTYPES = DATA_FIELDTYPES | NO_VALUE_FIELDTYPES
LAYOUT_FIELDTYPES = {"Section Break", "Column Break", "Tab Break", "Fold"}
RESERVED_FIELDNAMES = {
	"name",
	"owner",
	"creation",
	"modified",
	"modified_by",
	"docstatus",
	"idx",
	"parent",
	"parentfield",
	"parenttype",
	"doctype",
	"_user_tags",
	"_comments",
	"_assign",
	"_liked_by",
	"_seen",
}
BUILTIN_ROLES = {"Administrator", "Guest", "All", "System Manager", "Desk User"}
DATA_FIELD_OPTIONS = {"", "Email", "Name", "Phone", "URL", "Barcode", "IBAN"}


def read_names(filename: str) -> set[str]:
	out = set()
	for line in (DATA / filename).read_text(encoding="utf-8").splitlines():
		line = line.strip()
		if line and not line.startswith("#"):
			out.add(line)
	return out


def frappe_erpnext_doctypes() -> set[str]:
	return read_names("frappe15_doctypes.txt") | read_names("erpnext15_doctypes.txt")


def reserved_doctype_names() -> dict[str, str]:
	"""DocType name -> the app that already defines it (schools install these too)."""
	out = {}
	for app, fname in (
		("Frappe", "frappe15_doctypes.txt"),
		("ERPNext", "erpnext15_doctypes.txt"),
		("HRMS", "hrms_doctypes.txt"),
		("Education", "education_doctypes.txt"),
		("Helpdesk", "helpdesk_doctypes.txt"),
	):
		for n in read_names(fname):
			out.setdefault(n, app)
	return out


def known_roles(app_roles) -> set[str]:
	return read_names("frappe15_erpnext15_roles.txt") | BUILTIN_ROLES | set(app_roles)


def scrub(text: str) -> str:
	return text.strip().replace(" ", "_").replace("-", "_").lower()


# ----------------------------------------------------------------------------- loading


@dataclass
class App:
	root: Path  # the package directory, e.g. <repo>/school_office
	name: str
	modules: list[str] = field(default_factory=list)
	doctypes: dict[str, dict] = field(default_factory=dict)  # name -> json
	doctype_paths: dict[str, Path] = field(default_factory=dict)
	records: list[tuple[Path, dict]] = field(
		default_factory=list
	)  # other standard records (Workflow, Notification, ...)
	hooks: dict = field(default_factory=dict)
	patches: list[str] = field(default_factory=list)
	templates: list[Path] = field(default_factory=list)
	translations: dict[str, str] = field(default_factory=dict)

	def of_type(self, doctype: str) -> list[tuple[Path, dict]]:
		return [(p, d) for p, d in self.records if d.get("doctype") == doctype]


def parse_hooks(path: Path) -> dict:
	"""Top-level literal assignments of hooks.py (never imports it)."""
	tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
	out = {}
	for node in tree.body:
		if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
			try:
				out[node.targets[0].id] = ast.literal_eval(node.value)
			except ValueError:
				out[node.targets[0].id] = None
	return out


def read_translations(path: Path) -> dict[str, str]:
	out = {}
	if not path.exists():
		return out
	with path.open(encoding="utf-8", newline="") as fh:
		for row in csv.reader(fh):
			if len(row) >= 2 and row[0]:
				key = row[0] if len(row) < 3 or not row[2] else f"{row[0]}:{row[2]}"
				out[key] = row[1]
	return out


def load_app(root: Path, lang: str = "zh") -> App:
	root = Path(root)
	app = App(root=root, name=root.name)
	mt = root / "modules.txt"
	if mt.exists():
		app.modules = [m.strip() for m in mt.read_text(encoding="utf-8").splitlines() if m.strip()]
	for p in sorted(root.rglob("*.json")):
		if "node_modules" in p.parts or "public" in p.relative_to(root).parts:
			continue
		try:
			data = json.loads(p.read_text(encoding="utf-8"))
		except json.JSONDecodeError as e:
			app.records.append((p, {"doctype": "__invalid_json__", "error": str(e)}))
			continue
		if not isinstance(data, dict):
			continue
		if data.get("doctype") == "DocType" and p.parent.name == p.stem:
			app.doctypes[data.get("name", p.stem)] = data
			app.doctype_paths[data.get("name", p.stem)] = p
		elif data.get("doctype"):
			app.records.append((p, data))
	if (root / "hooks.py").exists():
		app.hooks = parse_hooks(root / "hooks.py")
	pt = root / "patches.txt"
	if pt.exists():
		for line in pt.read_text(encoding="utf-8").splitlines():
			line = line.strip()
			if line and not line.startswith("#") and not line.startswith("["):
				app.patches.append(line)
	app.templates = sorted(
		p for p in root.rglob("*.html") if "node_modules" not in p.parts and "dist" not in p.parts
	)
	app.translations = read_translations(root / "translations" / f"{lang}.csv")
	return app


# ----------------------------------------------------------------------------- doctype checks


def _fields(dt: dict) -> list[dict]:
	return [f for f in dt.get("fields", []) if isinstance(f, dict)]


def check_fieldtypes(doctypes: dict[str, dict]) -> list[str]:
	errors = []
	for name, dt in doctypes.items():
		for f in _fields(dt):
			if f.get("fieldtype", "Data") not in FIELDTYPES:
				errors.append(f"{name}.{f.get('fieldname')}: unknown fieldtype {f.get('fieldtype')!r}")
	return errors


def check_fieldnames(doctypes: dict[str, dict]) -> list[str]:
	errors = []
	for name, dt in doctypes.items():
		seen = set()
		for f in _fields(dt):
			fn = f.get("fieldname")
			if not fn:
				errors.append(f"{name}: a field has no fieldname")
				continue
			if fn in seen:
				errors.append(f"{name}: duplicate fieldname {fn!r}")
			seen.add(fn)
			if not re.fullmatch(r"[a-z][a-z0-9_]*", fn) or keyword.iskeyword(fn):
				errors.append(f"{name}: invalid fieldname {fn!r}")
			if fn in RESERVED_FIELDNAMES:
				errors.append(f"{name}: fieldname {fn!r} is reserved by Frappe")
		order = dt.get("field_order")
		if order is not None and sorted(order) != sorted(seen):
			errors.append(f"{name}: field_order does not list exactly the fields")
	return errors


def check_link_targets(doctypes: dict[str, dict], known: set[str]) -> list[str]:
	errors = []
	defined = set(doctypes) | known
	for name, dt in doctypes.items():
		for f in _fields(dt):
			ft = f.get("fieldtype")
			if ft in ("Link", "Table", "Table MultiSelect"):
				target = (f.get("options") or "").strip()
				if not target:
					errors.append(f"{name}.{f['fieldname']}: {ft} without options")
				elif target not in defined:
					errors.append(f"{name}.{f['fieldname']}: {ft} to undefined doctype {target!r}")
				elif ft != "Link" and target in doctypes and not doctypes[target].get("istable"):
					errors.append(f"{name}.{f['fieldname']}: {ft} to {target!r}, which is not a child table")
			if ft == "Dynamic Link":
				opt = f.get("options")
				if not any(g.get("fieldname") == opt for g in _fields(dt)):
					errors.append(f"{name}.{f['fieldname']}: Dynamic Link options {opt!r} is not a field")
			if ft == "Data" and (f.get("options") or "") not in DATA_FIELD_OPTIONS:
				errors.append(
					f"{name}.{f['fieldname']}: Data options {f.get('options')!r} not one of {sorted(DATA_FIELD_OPTIONS)}"
				)
			if ft == "Select":
				opts = (f.get("options") or "").split("\n")
				default = f.get("default")
				if default and default not in opts:
					errors.append(f"{name}.{f['fieldname']}: default {default!r} is not an option")
			fetch = f.get("fetch_from")
			if fetch:
				link = fetch.split(".")[0]
				if not any(
					g.get("fieldname") == link and g.get("fieldtype") in ("Link", "Dynamic Link")
					for g in _fields(dt)
				):
					errors.append(
						f"{name}.{f['fieldname']}: fetch_from {fetch!r} does not start with a Link field"
					)
	return errors


def check_permission_roles(app: App, roles: set[str]) -> list[str]:
	errors = []
	for name, dt in app.doctypes.items():
		if dt.get("istable") and dt.get("permissions"):
			errors.append(f"{name}: a child table must not carry permissions")
		if not dt.get("istable") and not dt.get("permissions"):
			errors.append(f"{name}: no permission rows, nobody but Administrator can use it")
		for p in dt.get("permissions", []):
			if p.get("role") not in roles:
				errors.append(f"{name}: permission row names undefined role {p.get('role')!r}")
	for path, rec in app.records:
		for r in rec.get("roles", []) or []:
			if isinstance(r, dict) and r.get("role") and r["role"] not in roles:
				errors.append(f"{path.name}: names undefined role {r['role']!r}")
		for t in rec.get("transitions", []) or []:
			if t.get("allowed") and t["allowed"] not in roles:
				errors.append(f"{path.name}: transition allowed for undefined role {t['allowed']!r}")
		for s in rec.get("states", []) or []:
			if isinstance(s, dict) and s.get("allow_edit") and s["allow_edit"] not in roles:
				errors.append(f"{path.name}: state editable by undefined role {s['allow_edit']!r}")
	return errors


def check_modules(app: App) -> list[str]:
	errors = []
	modules = set(app.modules)
	for name, dt in app.doctypes.items():
		mod = dt.get("module")
		if mod not in modules:
			errors.append(f"{name}: module {mod!r} is not in modules.txt")
		else:
			expected = app.root / scrub(mod) / "doctype" / scrub(name) / f"{scrub(name)}.json"
			if app.doctype_paths.get(name) and app.doctype_paths[name].resolve() != expected.resolve():
				errors.append(f"{name}: JSON lives at {app.doctype_paths[name]}, Frappe expects {expected}")
	for path, rec in app.records:
		if (
			rec.get("module")
			and rec.get("doctype")
			in (
				"Workspace",
				"Report",
				"Page",
				"Web Form",
				"Notification",
				"Print Format",
				"Dashboard Chart",
				"Number Card",
			)
			and rec["module"] not in modules
		):
			errors.append(f"{path.name}: module {rec['module']!r} is not in modules.txt")
	for mod in modules:
		if not (app.root / scrub(mod)).is_dir():
			errors.append(f"module {mod!r} in modules.txt has no folder {scrub(mod)}/")
	return errors


def check_controllers(app: App) -> list[str]:
	"""Each doctype has a controller module whose class Frappe will find."""
	errors = []
	for name, path in app.doctype_paths.items():
		py = path.with_suffix(".py")
		if not py.exists():
			errors.append(f"{name}: controller {py.name} missing")
			continue
		cls = name.replace(" ", "").replace("-", "")
		tree = ast.parse(py.read_text(encoding="utf-8"))
		if not any(isinstance(n, ast.ClassDef) and n.name == cls for n in tree.body):
			errors.append(f"{name}: {py.name} has no class {cls}")
		for folder in (path.parent, path.parent.parent, path.parent.parent.parent):
			if not (folder / "__init__.py").exists():
				errors.append(f"{name}: {folder} is not a package (no __init__.py)")
	return errors


def check_name_clashes(doctypes: dict[str, dict], reserved: dict[str, str]) -> list[str]:
	return [f"{name}: DocType name already used by {reserved[name]}" for name in doctypes if name in reserved]


# ----------------------------------------------------------------------------- hooks and patches


def _module_file(root: Path, app_name: str, dotted_module: str) -> Path | None:
	parts = dotted_module.split(".")
	if parts[0] != app_name:
		return None
	base = root.joinpath(*parts[1:]) if len(parts) > 1 else root
	if base.with_suffix(".py").is_file():
		return base.with_suffix(".py")
	if (base / "__init__.py").is_file():
		return base / "__init__.py"
	return None


def resolve_callable(root: Path, app_name: str, dotted: str, allow_class: bool = False) -> str | None:
	"""None if `dotted` names a function (or class) defined in the package, else why not."""
	parts = dotted.split(".")
	for i in range(len(parts) - 1, 0, -1):
		mod = _module_file(root, app_name, ".".join(parts[:i]))
		if mod is None:
			continue
		attr = parts[i:]
		if len(attr) != 1:
			return f"{dotted}: {'.'.join(attr)} is not a top-level name of {mod.name}"
		tree = ast.parse(mod.read_text(encoding="utf-8"))
		for node in tree.body:
			if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == attr[0]:
				return None
			if isinstance(node, ast.ClassDef) and node.name == attr[0]:
				return None if allow_class else f"{dotted}: is a class, a function is expected"
			if isinstance(node, ast.ImportFrom) and any((a.asname or a.name) == attr[0] for a in node.names):
				return None
		return f"{dotted}: {mod.relative_to(root.parent)} defines no function {attr[0]!r}"
	return f"{dotted}: no such module in the package"


def _strings(value, path="") -> list[tuple[str, str]]:
	if isinstance(value, str):
		return [(path, value)]
	if isinstance(value, dict):
		out = []
		for k, v in value.items():
			out += _strings(v, f"{path}.{k}" if path else str(k))
		return out
	if isinstance(value, list | tuple):
		out = []
		for v in value:
			out += _strings(v, path)
		return out
	return []


NON_PATH_HOOKS = {
	"app_name",
	"app_title",
	"app_publisher",
	"app_description",
	"app_email",
	"app_license",
	"app_logo_url",
	"required_apps",
	"website_route_rules",
	"fixtures",
	"app_include_js",
	"app_include_css",
	"web_include_js",
	"web_include_css",
	"doctype_js",
	"doctype_list_js",
	"standard_portal_menu_items",
	"portal_menu_items",
	"global_search_doctypes",
	"ignore_links_on_delete",
	"auto_cancel_exempted_doctypes",
	"default_mail_footer",
	"home_page",
	"role_home_page",
	"website_redirects",
	"export_python_type_annotations",
	"sounds",
}


def check_hooks(app: App) -> list[str]:
	errors = []
	hooks = app.hooks
	for key, value in hooks.items():
		if value is None:
			errors.append(f"hooks.{key}: not a literal value")
			continue
		if key in NON_PATH_HOOKS:
			continue
		for where, s in _strings(value, key):
			if (
				where.endswith(".name")
				or where.endswith(".title")
				or where.endswith(".logo")
				or where.endswith(".route")
			):
				continue
			if re.fullmatch(r"[A-Za-z_]\w*(\.\w+)+", s) and s.split(".")[0] == app.name:
				err = resolve_callable(
					app.root,
					app.name,
					s,
					allow_class=key in ("override_doctype_class", "extend_doctype_class", "page_renderer"),
				)
				if err:
					errors.append(f"hooks.{where}: {err}")
			elif key in (
				"scheduler_events",
				"doc_events",
				"after_install",
				"before_uninstall",
				"after_uninstall",
				"on_session_creation",
				"boot_session",
				"has_permission",
				"permission_query_conditions",
				"has_website_permission",
				"jinja",
			):
				if not re.fullmatch(r"[A-Za-z_]\w*(\.\w+)+", s):
					errors.append(f"hooks.{where}: {s!r} is not a dotted path")
	for key in ("app_include_js", "app_include_css", "web_include_js", "web_include_css"):
		for _, s in _strings(hooks.get(key) or [], key):
			prefix = f"/assets/{app.name}/"
			if s.startswith(prefix) and not (app.root / "public" / s[len(prefix) :]).exists():
				errors.append(f"hooks.{key}: {s} has no file in public/")
	logo = hooks.get("app_logo_url")
	if (
		isinstance(logo, str)
		and logo.startswith(f"/assets/{app.name}/")
		and not (app.root / "public" / logo[len(f"/assets/{app.name}/") :]).exists()
	):
		errors.append(f"hooks.app_logo_url: {logo} has no file in public/")
	for key in ("required_apps",):
		if key in hooks and not isinstance(hooks[key], list):
			errors.append(f"hooks.{key}: must be a list")
	return errors


def check_patches(app: App) -> list[str]:
	errors = []
	for line in app.patches:
		if line.startswith("execute:"):
			try:
				compile(line[len("execute:") :], "patches.txt", "exec")
			except SyntaxError as e:
				errors.append(f"patches.txt: {line!r}: {e}")
			continue
		dotted = line.split()[0]
		mod = _module_file(app.root, app.name, dotted)
		if mod is None:
			errors.append(f"patches.txt: {dotted!r} has no module in the package")
			continue
		tree = ast.parse(mod.read_text(encoding="utf-8"))
		if not any(isinstance(n, ast.FunctionDef) and n.name == "execute" for n in tree.body):
			errors.append(f"patches.txt: {dotted!r} has no execute()")
	if len(set(app.patches)) != len(app.patches):
		errors.append("patches.txt: a patch is listed twice (it would run only once)")
	return errors


# ----------------------------------------------------------------------------- workflows


def check_workflows(app: App, known_doctypes: set[str]) -> list[str]:
	errors = []
	for path, wf in app.of_type("Workflow"):
		tag = f"{path.name} ({wf.get('workflow_name') or wf.get('name')})"
		dt_name = wf.get("document_type")
		dt = app.doctypes.get(dt_name)
		if dt is None and dt_name not in known_doctypes:
			errors.append(f"{tag}: document_type {dt_name!r} is not a doctype")
		states = [s.get("state") for s in wf.get("states", [])]
		if not states:
			errors.append(f"{tag}: no states")
		if len(set(states)) != len(states):
			errors.append(f"{tag}: a state is listed twice")
		docstatus = {s.get("state"): int(s.get("doc_status") or 0) for s in wf.get("states", [])}
		submittable = bool(dt and dt.get("is_submittable"))
		for s in wf.get("states", []):
			if dt is not None and not submittable and int(s.get("doc_status") or 0) != 0:
				errors.append(
					f"{tag}: state {s.get('state')!r} has doc_status {s.get('doc_status')} on a non-submittable doctype"
				)
			uf = s.get("update_field")
			if uf and dt is not None and not any(f.get("fieldname") == uf for f in _fields(dt)):
				errors.append(f"{tag}: state {s.get('state')!r} updates unknown field {uf!r}")
		reached = {states[0]} if states else set()
		for t in wf.get("transitions", []):
			for key in ("state", "next_state"):
				if t.get(key) not in docstatus:
					errors.append(
						f"{tag}: transition {t.get('action')!r} {key} {t.get(key)!r} is not a state"
					)
			if not t.get("action"):
				errors.append(f"{tag}: transition from {t.get('state')!r} has no action")
			if t.get("state") in docstatus and t.get("next_state") in docstatus:
				a, b = docstatus[t["state"]], docstatus[t["next_state"]]
				if (a, b) not in {(0, 0), (0, 1), (1, 1), (1, 2), (2, 2)}:
					errors.append(
						f"{tag}: transition {t['state']!r} -> {t['next_state']!r} moves docstatus {a} -> {b}"
					)
			reached.add(t.get("next_state"))
		for s in states[1:]:
			if s not in reached:
				errors.append(f"{tag}: state {s!r} is never reached by a transition")
		wsf = wf.get("workflow_state_field")
		if wsf and dt is not None and not any(f.get("fieldname") == wsf for f in _fields(dt)):
			errors.append(f"{tag}: workflow_state_field {wsf!r} is not a field of {dt_name}")
		if wsf and dt is not None:
			for f in _fields(dt):
				if f.get("fieldname") == wsf and f.get("fieldtype") == "Select":
					opts = set((f.get("options") or "").split("\n"))
					for s in states:
						if s not in opts:
							errors.append(f"{tag}: state {s!r} is not an option of {dt_name}.{wsf}")
	return errors


# ----------------------------------------------------------------------------- templates


def jinja_env():
	import jinja2

	return jinja2.Environment(extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"])


def check_jinja_source(source: str, where: str) -> list[str]:
	import jinja2

	try:
		jinja_env().parse(source)
	except jinja2.TemplateSyntaxError as e:
		return [f"{where}: line {e.lineno}: {e.message}"]
	return []


def check_templates(app: App) -> list[str]:
	errors = []
	for p in app.templates:
		errors += check_jinja_source(p.read_text(encoding="utf-8"), str(p.relative_to(app.root)))
	for path, rec in app.records:
		for key in ("html", "message", "subject", "response", "response_html"):
			if isinstance(rec.get(key), str):
				errors += check_jinja_source(rec[key], f"{path.name}:{key}")
		if rec.get("doctype") == "Notification":
			cond = rec.get("condition")
			if cond:
				try:
					compile(cond, path.name, "eval")
				except SyntaxError as e:
					errors.append(f"{path.name}: condition does not compile: {e.msg}")
	for p in app.root.rglob("*.md"):
		if p.parent.parent.name == "notification":
			errors += check_jinja_source(p.read_text(encoding="utf-8"), str(p.relative_to(app.root)))
	return errors


# ----------------------------------------------------------------------------- records


def check_records(app: App, known_doctypes: set[str]) -> list[str]:
	errors = []
	defined = set(app.doctypes) | known_doctypes
	for path, rec in app.records:
		dt = rec.get("doctype")
		if dt == "__invalid_json__":
			errors.append(f"{path}: invalid JSON: {rec['error']}")
			continue
		target = rec.get("doc_type") or rec.get("document_type") or rec.get("ref_doctype")
		if (
			dt in ("Print Format", "Notification", "Web Form", "Report", "Workflow")
			and target
			and target not in defined
		):
			errors.append(f"{path.name}: refers to undefined doctype {target!r}")
		if dt == "Web Form" and target in app.doctypes:
			fieldnames = {f.get("fieldname") for f in _fields(app.doctypes[target])}
			for wf in rec.get("web_form_fields", []):
				if wf.get("fieldtype") not in LAYOUT_FIELDTYPES and wf.get("fieldname") not in fieldnames:
					errors.append(
						f"{path.name}: web form field {wf.get('fieldname')!r} is not a field of {target}"
					)
		if dt == "Workspace":
			for link in rec.get("links", []):
				if (
					link.get("type") == "Link"
					and link.get("link_type") == "DocType"
					and link.get("link_to") not in defined
				):
					errors.append(f"{path.name}: workspace link to undefined doctype {link.get('link_to')!r}")
			for sc in rec.get("shortcuts", []):
				if sc.get("type") == "DocType" and sc.get("link_to") not in defined:
					errors.append(f"{path.name}: shortcut to undefined doctype {sc.get('link_to')!r}")
			names = {sc.get("label") for sc in rec.get("shortcuts", [])} | {
				link.get("label") for link in rec.get("links", []) if link.get("type") == "Card Break"
			}
			try:
				blocks = json.loads(rec.get("content") or "[]")
			except json.JSONDecodeError:
				errors.append(f"{path.name}: content is not JSON")
				blocks = []
			for b in blocks:
				ref = (b.get("data") or {}).get("shortcut_name") or (b.get("data") or {}).get("card_name")
				if ref and ref not in names:
					errors.append(f"{path.name}: content block refers to missing shortcut or card {ref!r}")
		if (
			dt in ("Print Format", "Notification", "Web Form", "Workspace", "Report")
			and path.parent.name != path.stem
		):
			errors.append(f"{path}: Frappe expects <folder>/<folder>.json")
	return errors


# ----------------------------------------------------------------------------- translations


def user_labels(app: App) -> list[tuple[str, str]]:
	"""(where, text) of every label a user sees in doctypes, web forms and workspaces."""
	out = []
	for name, dt in app.doctypes.items():
		out.append((f"DocType {name}", name))
		for f in _fields(dt):
			if f.get("hidden") or (f.get("fieldtype") == "Column Break" and not f.get("label")):
				continue
			if f.get("label"):
				out.append((f"{name}.{f['fieldname']}", f["label"]))
			if f.get("description"):
				out.append((f"{name}.{f['fieldname']} description", f["description"]))
			if f.get("fieldtype") == "Select":
				for opt in (f.get("options") or "").split("\n"):
					if opt.strip():
						out.append((f"{name}.{f['fieldname']} option", opt.strip()))
	for path, rec in app.records:
		if rec.get("doctype") == "Web Form":
			for key in ("title", "button_label", "success_title", "success_message", "introduction_text"):
				if rec.get(key) and "<" not in rec[key]:
					out.append((f"{path.name}:{key}", rec[key]))
			for wf in rec.get("web_form_fields", []):
				if wf.get("label"):
					out.append((f"{path.name}:{wf.get('fieldname')}", wf["label"]))
		if rec.get("doctype") == "Workspace":
			out.append((f"{path.name}:label", rec.get("label") or rec.get("name")))
			for link in rec.get("links", []):
				if link.get("label"):
					out.append((f"{path.name}:link", link["label"]))
			for sc in rec.get("shortcuts", []):
				if sc.get("label"):
					out.append((f"{path.name}:shortcut", sc["label"]))
			for nc in rec.get("number_cards", []) + rec.get("charts", []):
				if nc.get("label"):
					out.append((f"{path.name}:card", nc["label"]))
	return out


def check_translations(app: App) -> list[str]:
	errors = []
	if not app.translations:
		return ["no translation file, or it is empty"]
	seen = set()
	for where, text in user_labels(app):
		if text in seen:
			continue
		seen.add(text)
		if not app.translations.get(text, "").strip():
			errors.append(f"{where}: {text!r} has no zh translation")
	return errors


def check_translation_file(path: Path) -> list[str]:
	errors = []
	if not path.exists():
		return [f"{path} missing"]
	with path.open(encoding="utf-8", newline="") as fh:
		sources = {}
		for n, row in enumerate(csv.reader(fh), start=1):
			if not row:
				continue
			if len(row) not in (2, 3):
				errors.append(f"{path.name}:{n}: {len(row)} columns, Frappe reads 2 or 3")
				continue
			if not row[1].strip():
				errors.append(f"{path.name}:{n}: {row[0]!r} has an empty translation")
			key = (row[0], row[2] if len(row) == 3 else "")
			if key in sources and sources[key] != row[1]:
				errors.append(
					f"{path.name}:{n}: {row[0]!r} translated twice differently (line {sources[key]})"
				)
			sources.setdefault(key, n)
			# format placeholders must survive translation
			if sorted(re.findall(r"\{\d*\}", row[0])) != sorted(re.findall(r"\{\d*\}", row[1])):
				errors.append(f"{path.name}:{n}: placeholders differ between {row[0]!r} and {row[1]!r}")
	return errors


def source_strings(app: App) -> list[tuple[str, str]]:
	"""Strings wrapped in _() / __() in Python, JS and HTML sources (literal first argument)."""
	out = []
	pat = re.compile(r"""(?<![\w.])_{1,2}\(\s*(["'])((?:\\.|(?!\1).)*?)\1\s*[,)]""", re.S)
	for ext in ("*.py", "*.js", "*.html"):
		for p in app.root.rglob(ext):
			if ("public" in p.parts and "dist" in p.parts) or p.name.startswith("test_"):
				continue
			text = p.read_text(encoding="utf-8")
			for m in pat.finditer(text):
				s = m.group(2)
				if "\\" in s:
					s = bytes(s, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
				out.append((str(p.relative_to(app.root)), s))
	return out


def check_source_strings(app: App) -> list[str]:
	errors = []
	seen = set()
	for where, s in source_strings(app):
		if s in seen or not s.strip():
			continue
		seen.add(s)
		if not app.translations.get(s, "").strip():
			errors.append(f"{where}: {s!r} has no zh translation")
	return errors


ALL_CHECKS = (
	"check_fieldtypes",
	"check_fieldnames",
	"check_link_targets",
	"check_permission_roles",
	"check_modules",
	"check_controllers",
	"check_name_clashes",
	"check_hooks",
	"check_patches",
	"check_workflows",
	"check_templates",
	"check_records",
	"check_translations",
	"check_source_strings",
)


def run_all(app: App, app_roles) -> dict[str, list[str]]:
	known = frappe_erpnext_doctypes()
	return {
		"check_fieldtypes": check_fieldtypes(app.doctypes),
		"check_fieldnames": check_fieldnames(app.doctypes),
		"check_link_targets": check_link_targets(app.doctypes, known),
		"check_permission_roles": check_permission_roles(app, known_roles(app_roles)),
		"check_modules": check_modules(app),
		"check_controllers": check_controllers(app),
		"check_name_clashes": check_name_clashes(app.doctypes, reserved_doctype_names()),
		"check_hooks": check_hooks(app),
		"check_patches": check_patches(app),
		"check_workflows": check_workflows(app, known),
		"check_templates": check_templates(app),
		"check_records": check_records(app, known),
		"check_translations": check_translations(app),
		"check_source_strings": check_source_strings(app),
	}
