"""Asset labels (AS-2): a QR code of the scan URL, a Code 128 barcode of the school number, the number,
name and department — one label per Asset (print format "Asset Label") or a sheet of labels on A4 for the
assets selected in the list (``label_sheet``, rendered to PDF by Frappe's wkhtmltopdf)."""

import base64
import html
import io

import frappe
from frappe import _
from frappe.utils import escape_html

from school_office.campus_assets.api import scan_url
from school_office.core.campus_assets import code128_svg


def qr_data_uri(text: str) -> str:
	import pyqrcode

	buf = io.BytesIO()
	pyqrcode.create(text, error="M").png(buf, scale=4, quiet_zone=2)
	return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def svg_data_uri(svg: str) -> str:
	return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def label_data(asset: str) -> dict:
	"""Jinja method ``campus_asset_label(name)``: the label's parts, escaped (``*_html``) or data URIs."""
	frappe.has_permission("Asset", "read", asset, throw=True)
	a = frappe.db.get_value(
		"Asset", asset, ["name", "asset_name", "school_asset_number", "department"], as_dict=True
	)
	number = a.school_asset_number or a.name
	try:
		barcode = svg_data_uri(code128_svg(number))
	except ValueError:
		barcode = svg_data_uri(code128_svg(a.name))
	department = _(frappe.db.get_value("Department", a.department, "department_name")) if a.department else ""
	return {
		"url": scan_url(a.name),
		"qr_uri": qr_data_uri(scan_url(a.name)),
		"barcode_uri": barcode,
		# Frappe stores Data fields HTML-escaped already: unescape first so nothing is escaped twice
		"number_html": escape_html(html.unescape(number)),
		"name_html": escape_html(html.unescape(a.asset_name or "")),
		"department_html": escape_html(department or ""),
		"school_html": escape_html(_(frappe.db.get_value("Company", {}, "company_name") or "")),
	}


LABEL_CSS = """
.ca-sheet { width: 180mm; }
.ca-label { display: inline-block; width: 86mm; height: 36mm; border: 1px dashed #999; margin: 0 2mm 3mm 0;
  padding: 2mm; box-sizing: border-box; vertical-align: top; overflow: hidden; page-break-inside: avoid;
  font-family: "Noto Sans CJK SC", "Noto Sans SC", sans-serif; }
.ca-label .ca-qr { float: left; width: 30mm; height: 30mm; margin-right: 2mm; }
.ca-label .ca-no { font-size: 12px; font-weight: bold; }
.ca-label .ca-name { font-size: 11px; }
.ca-label .ca-dept { font-size: 10px; color: #444; }
.ca-label .ca-bar { height: 9mm; max-width: 50mm; margin-top: 1mm; }
"""


def label_html(d: dict) -> str:
	return (
		'<div class="ca-label">'
		f'<img class="ca-qr" src="{d["qr_uri"]}">'
		f'<div class="ca-no">{d["number_html"]}</div>'
		f'<div class="ca-name">{d["name_html"]}</div>'
		f'<div class="ca-dept">{d["department_html"]}</div>'
		f'<img class="ca-bar" src="{d["barcode_uri"]}">'
		"</div>"
	)


def sheet_html(assets) -> str:
	labels = "".join(label_html(label_data(a)) for a in assets)
	return f'<style>{LABEL_CSS}</style><div class="ca-sheet">{labels}</div>'


@frappe.whitelist()
def label_sheet(assets, pdf=1):
	"""A4 sheet of labels (two columns) for the selected assets, as PDF (or HTML with pdf=0)."""
	names = frappe.parse_json(assets) if isinstance(assets, str) else assets
	if not names or not isinstance(names, list) or len(names) > 500:
		frappe.throw(_("Select between 1 and 500 assets."))
	for n in names:
		frappe.has_permission("Asset", "print", n, throw=True)
	out = sheet_html(names)
	if not int(pdf):
		return out
	from frappe.utils.pdf import get_pdf

	frappe.local.response.filename = "asset-labels.pdf"
	frappe.local.response.filecontent = get_pdf(out, {"page-size": "A4", "margin-top": "10mm"})
	frappe.local.response.type = "pdf"


def campus_asset_label(asset: str) -> dict:
	"""Jinja method for the print format "Asset Label"."""
	return label_data(asset)
