frappe.query_reports["Incoming Register"] = {
	filters: [
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", default: frappe.datetime.add_days(frappe.datetime.get_today(), -30) },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.get_today() },
	],
	onload(report) {
		report.page.add_inner_button(__("Print Register (PDF)"), () => {
			const f = report.get_values() || {};
			window.open(frappe.urllib.get_full_url(
				`/api/method/school_office.office_documents.printing.incoming_register_pdf?from_date=${encodeURIComponent(f.from_date || "")}&to_date=${encodeURIComponent(f.to_date || "")}`
			));
		});
	},
};
