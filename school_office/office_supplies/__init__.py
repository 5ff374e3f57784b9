"""Office Supplies (办公用品与文印, issue #11: SU-1…SU-6) on ERPNext Stock and Buying.

Reused from ERPNext, as the record of everything that moves stock or money: Item and Item Group (the item
group "Office Supplies" marks what this module plans and rules), Warehouse, Material Request (type Purchase
for departments' demand and the plan's purchase, type Material Issue for pick-ups), Request for Quotation,
Supplier Quotation (with two custom fields: sample provided, warranty years), Purchase Order, Purchase
Receipt with Quality Inspection and its template (quantity, specification, packaging; rejected quantity into
a rejected warehouse), Stock Entry (issue at the desk, scrapping), Stock Reconciliation (the monthly count)
and the Stock Ledger (history of consumption). Their permissions, numbering, valuation and ledgers are
ERPNext's; this module adds custom fields (created at install and by patch v0_4.office_supplies_defaults,
removed on uninstall) and doc_events that hold on every path (desk, REST, Data Import).

Built here, because ERPNext has no such thing:

- ``Supply Plan`` — a quarter's purchase: departments' demand + the ledger's consumption (one grouped
  query, a background job) + a buffer − stock on hand, approved by the Office Manager, which makes one
  Material Request and an RFQ (plan.py). ERPNext's Production Plan and reorder levels plan from sales /
  manufacturing or a fixed level, not from departments' quarterly demand with a buffer.
- The three-quote rule on Purchase Order (quotes.py): ERPNext compares quotations (the Supplier Quotation
  Comparison report) but never requires them; the Office Manager's exception is recorded on the order.
- Pick-up approvals and slots (pickup.py): ERPNext's Material Request has no requesting department, no
  department head's approval and no pick-up window.
- Scrap approval (stocktake.py) and the Stocktake Variance report: ERPNext reconciles without a threshold.
- ``Print Job`` and ``Print Quota`` (printing.py): ERPNext has nothing for a print room; due times use the
  school calendar's working minutes (school_office.utils.calendar, core.worktime).
"""
