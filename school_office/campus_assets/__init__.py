"""Campus Assets (资产, issue #10, AS-1…AS-6) — on ERPNext's Assets module, which is the record.

Reused from ERPNext, unchanged: **Asset** (the register: item, category, location, custodian, department,
purchase, depreciation), **Location** (a Venue is a Location, so a room's assets are its equipment),
**Asset Category** (accounts), **Asset Movement** (every transfer and every relocation a stocktake finds),
**Asset Repair** (repairs, from the service desk), **Asset Activity** (one timeline per asset: the
app adds its transfers, disposals and scans there) and **scrapping** (``depreciation.scrap_asset`` posts the
journal entry). Custom fields on Asset (``school_asset_number``, ``asset_classification``,
``asset_administrator``, ``last_seen_on/location/by``) and on Asset Repair (the service request and its
clocks) are created with ``create_custom_fields`` at install / by patch and removed on uninstall.

Built here because ERPNext lacks it:

- **Asset Classification** — the national coded tree GB/T 14885; ERPNext's Asset Category is flat and
  about accounts. Each classification maps to a category; the school number's pattern uses its code.
- **Asset Transfer** — ERPNext's Asset Movement has no approval; a transfer between departments needs
  both department heads. The draft Asset Movement is made with the request and submitted by the last
  approval only (a before_submit hook refuses any other submission of it, REST included).
- **Asset Disposal** — ERPNext scraps at once and its whitelisted ``scrap_asset`` is open to any logged-in
  caller; the app overrides that endpoint (``override_whitelisted_methods``) so an asset is scrapped only
  when the Office Manager approved its disposal (or its loss review after a stocktake).
- **Asset Stocktake** — ERPNext's Stock Reconciliation counts stock items, not assets in places; the
  stocktake plans annual / spot checks, generates lines in bulk, takes scans from phones and reconciles
  set-based in a background job into ERPNext documents (movements, repairs, loss review, draft assets).
- **Labels and scanning** — print format *Asset Label*, an A4 label sheet (``labels.label_sheet``) and the
  phone page ``/asset-scan?asset=<Asset name>`` (the QR code's URL; a contract with issue #15's app).
- **Campus Asset Settings** — number pattern, department asset administrators, loss-rate target, spot-check
  shares, repair clock hours.

Rules without a database are in ``school_office/core/campus_assets.py``.
"""
