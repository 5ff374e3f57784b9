// Copyright (c) 2026, school_office contributors
// License: MIT. See license.txt

frappe.ui.form.on("Venue Booking", {
	setup() {
		// equipment names (the venue's, seeded in English) shown translated in the grid
		const df = (frappe.meta.docfield_map["Venue Booking Equipment"] || {}).equipment;
		if (df) df.formatter = (value) => (value ? __(value) : value);
	},
	refresh(frm) {
		// the workflow's Actions button keeps its label on a phone (Frappe shows only a caret there)
		frm.page.actions_btn_group.find(".actions-btn-group-label").removeClass("hidden-xs");
		if (frm.is_new()) return;
		const call = (method, args) =>
			frappe.call(`school_office.venues.api.${method}`, args).then(() => frm.reload_doc());
		if (frm.doc.status === "Approved") {
			frm.add_custom_button(__("Check In"), () => call("check_in", { booking: frm.doc.name }));
			frm.add_custom_button(__("Check-in QR Code"), () =>
				frappe.call("school_office.venues.api.qr_svg", { booking: frm.doc.name }).then((r) => {
					const d = new frappe.ui.Dialog({ title: __("Check-in QR Code") });
					// html-safe: the SVG is drawn by the server (qrcode) from the booking's check-in URL
					d.$body.html(`<div class="text-center">${r.message.svg}<p class="small text-muted">${frappe.utils.escape_html(r.message.url)}</p></div>`);
					d.show();
				})
			);
		}
		if (frm.doc.status === "Checked In") {
			frm.add_custom_button(__("Check Out"), () => call("check_out", { booking: frm.doc.name }));
		}
		if (["Requested", "Approved"].includes(frm.doc.status) && frappe.user.has_role("Office Manager")) {
			frm.add_custom_button(__("Emergency Reallocation"), () => {
				const d = new frappe.ui.Dialog({
					title: __("Emergency Reallocation"),
					fields: [
						{ fieldname: "venue", fieldtype: "Link", options: "Venue", label: __("Venue"), default: frm.doc.venue, reqd: 1 },
						{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 },
					],
					primary_action_label: __("Reallocate"),
					primary_action(values) {
						d.hide();
						call("reallocate", { booking: frm.doc.name, venue: values.venue, reason: values.reason });
					},
				});
				d.show();
			});
		}
	},
});
