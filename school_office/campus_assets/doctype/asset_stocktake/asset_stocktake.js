// Asset Stocktake: start (lines for the scope), reconcile (background job with progress), sign off
frappe.ui.form.on("Asset Stocktake", {
	refresh(frm) {
		if (frm.is_new()) return;
		const call = (method, args, label) =>
			frappe
				.call({ method: "school_office.campus_assets.stocktake." + method, args: args, freeze: true })
				.then(() => {
					frappe.show_alert({ message: label, indicator: "green" });
					frm.reload_doc();
				});
		if (frm.doc.status === "Draft") {
			frm.add_custom_button(__("Start Stocktake"), () =>
				call("start_stocktake", { name: frm.doc.name }, __("Stocktake started"))
			);
		}
		if (frm.doc.status === "In Progress") {
			const pending = (frm.doc.__onload || {}).pending_lines || 0;
			frm.dashboard.set_headline(__("{0} lines not yet scanned", [pending]));
			frm.add_custom_button(__("Reconcile"), () =>
				frappe.confirm(__("Lines not scanned are counted as missing. Reconcile now?"), () =>
					call("reconcile_stocktake", { name: frm.doc.name }, __("Reconciliation started"))
				)
			);
		}
		if (frm.doc.status === "Reconciling" && frm.doc.reconciled_on) {
			frm.add_custom_button(__("Sign Off"), () => {
				const open = (frm.doc.departments || []).filter((d) => !d.signed_off_on).map((d) => d.department);
				frappe.prompt(
					[{ fieldname: "department", fieldtype: "Select", label: __("Department"), options: open, reqd: 1 }],
					(v) => call("sign_off", { name: frm.doc.name, department: v.department }, __("Signed off")),
					__("Sign Off")
				);
			});
		}
		if (frm.doc.status === "Reconciling" && !frm.doc.reconciled_on) {
			frm.dashboard.show_progress(__("Reconciling"), frm.doc.progress || 0);
			setTimeout(() => frm.reload_doc(), 3000);
		}
	},
});
