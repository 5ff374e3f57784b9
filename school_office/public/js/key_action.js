// The button of a page opened by a door QR code (/venue-check-in, /meeting-sign-in): POST the code's key to
// the page's method and show the answer. Messages come translated from the server (window.so_key_action).
(() => {
	"use strict";
	const C = window.so_key_action || {};
	const T = C.messages || {};
	const button = document.querySelector(C.button);
	const result = document.querySelector(C.result);
	if (!button || !result) return;
	const show = (text, ok) => {
		result.textContent = text;
		result.style.color = ok ? "green" : "#c0392b";
	};
	button.addEventListener("click", async () => {
		button.disabled = true;
		show(T.busy, true);
		try {
			const r = await fetch("/api/method/" + C.method, {
				method: "POST",
				headers: { "Content-Type": "application/json", Accept: "application/json", "X-Frappe-CSRF-Token": C.csrf },
				body: JSON.stringify(C.args),
			});
			const data = await r.json().catch(() => ({}));
			if (!r.ok) {
				let msg = T.error;
				try {
					msg = JSON.parse(JSON.parse(data._server_messages)[0]).message;
				} catch (e) {
					/* keep the generic message */
				}
				button.disabled = false;
				show(msg, false);
				return;
			}
			// the page's own (translated) words for what was done, or the time the server answered
			const arg = C.done_field ? String((data.message || {})[C.done_field] || "").slice(11, 16) : C.done_arg;
			show(String(T.done || "").replace("{0}", arg || ""), true);
			button.remove();
		} catch (e) {
			button.disabled = false;
			show(T.error, false);
		}
	});
})();
