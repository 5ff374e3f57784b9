// Repair Dispatch Board: the dispatcher assigns a technician (recorded) or launches an emergency plan
frappe.query_reports["Repair Dispatch Board"] = {
	filters: [
		{ fieldname: "area", label: __("Area"), fieldtype: "Data" },
		{ fieldname: "priority", label: __("Priority"), fieldtype: "Link", options: "Issue Priority" },
	],
	onload(report) {
		report.page.add_inner_button(__("Dispatch"), () => {
			frappe.prompt(
				[
					{ fieldname: "service_request", fieldtype: "Link", options: "Service Request", label: __("Service Request"), reqd: 1 },
					{ fieldname: "technician", fieldtype: "Link", options: "User", label: __("Technician"), reqd: 1 },
				],
				(v) =>
					frappe
						.call({ method: "school_office.campus_assets.dispatch.dispatch", args: v, freeze: true })
						.then(() => report.refresh()),
				__("Dispatch")
			);
		});
		report.page.add_inner_button(__("Launch Emergency Plan"), () => {
			frappe.prompt(
				[
					{ fieldname: "plan", fieldtype: "Link", options: "Emergency Plan", label: __("Emergency Plan"), reqd: 1 },
					{ fieldname: "note", fieldtype: "Small Text", label: __("Note") },
				],
				(v) =>
					frappe
						.call({ method: "school_office.campus_assets.dispatch.launch_emergency_plan", args: v, freeze: true })
						.then((r) => frappe.show_alert({ message: __("{0} tasks created", [r.message]), indicator: "green" })),
				__("Launch Emergency Plan")
			);
		});
	},
};
