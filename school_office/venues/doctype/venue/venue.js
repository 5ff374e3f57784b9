// Copyright (c) 2026, school_office contributors
// License: MIT. See license.txt

frappe.ui.form.on("Venue", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Find Free Time"), () => frappe.set_route("calendar", "Venue Booking", { venue: frm.doc.name }));
		frm.add_custom_button(__("Get Equipment from Assets"), () =>
			frm.call("get_equipment_from_assets").then((r) => {
				frm.dirty();
				frm.refresh_field("equipment");
				frappe.show_alert(__("{0} assets added", [r.message || 0]));
			})
		);
		frm.add_custom_button(__("Door Check-in QR Code"), () =>
			frappe.call("school_office.venues.api.qr_svg", { venue: frm.doc.name }).then((r) => {
				const d = new frappe.ui.Dialog({ title: __("Door Check-in QR Code") });
				// html-safe: the SVG is drawn by the server (qrcode) from the venue's own check-in URL
				d.$body.html(`<div class="text-center">${r.message.svg}<p class="small text-muted">${frappe.utils.escape_html(r.message.url)}</p></div>`);
				d.show();
			})
		);
		frappe.call("school_office.venues.api.venue_month", { venue: frm.doc.name }).then((r) => {
			const m = r.message;
			if (!m) return;
			const pct = (v) => (v === null || v === undefined ? "–" : `${v}%`);
			frm.get_field("month_html").$wrapper.html(`
				<div class="row">
					<div class="col-sm-3"><div class="text-muted small">${__("Bookings")}</div><div class="h5">${cint(m.bookings)}</div></div>
					<div class="col-sm-3"><div class="text-muted small">${__("Booked Hours")}</div><div class="h5">${flt(m.booked_hours)} / ${flt(m.available_hours)}</div></div>
					<div class="col-sm-3"><div class="text-muted small">${__("Utilisation")}</div><div class="h5">${pct(m.utilisation)} ${m.flag ? `<span class="indicator-pill orange">${__(m.flag)}</span>` : ""}</div></div>
					<div class="col-sm-3"><div class="text-muted small">${__("No-show Rate")}</div><div class="h5">${pct(m.no_show_rate)}</div></div>
				</div>`);
		});
	},
});
