// Desk-wide, for every form (the app's and ERPNext's): Frappe's Datetime control appends the time zone to a
// field's description ("…<br>Asia/Shanghai") and only then translates the whole, which is never in any
// translation file, so zh users read every Datetime description in English. The description is
// translated first; the time zone is still appended after it.
(() => {
	"use strict";
	const Base = frappe.ui.form.ControlDatetime;
	if (!Base || Base.prototype.__so_description_translated) return;
	class ControlDatetime extends Base {
		set_description() {
			if (this.df.description && !this.df.__so_description) {
				this.df.description = __(this.df.description);
				this.df.__so_description = 1;
			}
			super.set_description();
		}
	}
	ControlDatetime.prototype.__so_description_translated = true;
	frappe.ui.form.ControlDatetime = ControlDatetime;
})();
