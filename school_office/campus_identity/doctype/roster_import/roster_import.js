// Roster Import: download the template, attach the filled-in sheet, import (again: updates, never duplicates)
frappe.ui.form.on("Roster Import", {
	refresh(frm) {
		frm.add_custom_button(__("Download Template"), () => {
			window.open("/assets/school_office/campus_identity/roster_template.csv");
		});
		if (!frm.is_new() && frm.doc.import_file) {
			frm.add_custom_button(frm.doc.status === "Draft" ? __("Import") : __("Import Again"), () => {
				frm.call({ doc: frm.doc, method: "run_import", freeze: true }).then((r) => {
					frm.reload_doc();
					const m = r.message || {};
					frappe.show_alert({
						message: __("{0} created, {1} updated, {2} unchanged, {3} errors", [
							m.created || 0,
							m.updated || 0,
							m.unchanged || 0,
							m.errors || 0,
						]),
						indicator: m.errors ? "orange" : "green",
					});
				});
			}).addClass("btn-primary");
		}
	},
});
