// Collaboration Channel: a System Manager sends a test message (logged in the delivery log).
frappe.ui.form.on("Collaboration Channel", {
	refresh(frm) {
		if (frm.is_new() || !frappe.user_roles.includes("System Manager")) return;
		frm.add_custom_button(__("Send Test Message"), () =>
			frappe.xcall("school_office.notices.api.test_channel", { channel: frm.doc.name }).then((log) => {
				frappe.show_alert({ message: __("Queued: see the delivery log"), indicator: "blue" });
				frappe.set_route("Form", "Collaboration Delivery Log", log);
			})
		);
	},
});
