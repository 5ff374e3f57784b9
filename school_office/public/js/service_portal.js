// School Office portal: new service request, reply on my request, rating page.
// Messages come translated from the server (window.so_portal.messages), so no __() is needed here.
(function () {
	"use strict";
	const cfg = window.so_portal || {};
	const M = cfg.messages || {};
	const rules = cfg.rules || { allowed: [], max_mb: 5, max_files: 10 };

	function fmt(text, args) {
		return String(text || "").replace(/\{(\d+)\}/g, (m, i) => (args[i] !== undefined ? args[i] : m));
	}

	function fileError(file) {
		const dot = file.name.lastIndexOf(".");
		const ext = dot > -1 ? file.name.slice(dot + 1).toLowerCase() : "";
		if (!ext || rules.allowed.indexOf(ext) === -1) {
			return fmt(M.type, [file.name, ext || "-", rules.allowed.join(", ")]);
		}
		if (file.size > rules.max_mb * 1024 * 1024) {
			return fmt(M.size, [file.name, (file.size / 1024 / 1024).toFixed(2), rules.max_mb]);
		}
		if (file.size === 0) return fmt(M.empty, [file.name]);
		return null;
	}

	function serverError(data) {
		if (data && data._server_messages) {
			try {
				return JSON.parse(data._server_messages)
					.map((m) => {
						let text;
						try {
							text = JSON.parse(m).message;
						} catch (e) {
							text = m;
						}
						// the server's messages may carry <br> between lines; anything else is text
						return String(text || "")
							.split(/<br\s*\/?>/i)
							.map((line) => esc(decodeEntities(line)))
							.join("<br>");
					})
					.join("<br>");
			} catch (e) {
				/* fall through */
			}
		}
		if (data && data.exception) return esc(String(data.exception).split(":").slice(1).join(":"));
		return esc(M.failed);
	}

	// text the server already escaped (escape_html) is shown once, not as &amp;lt;
	function decodeEntities(text) {
		const el = document.createElement("textarea");
		el.innerHTML = text;
		return el.value;
	}

	function post(method, body) {
		return fetch("/api/method/" + method, {
			method: "POST",
			body: body,
			credentials: "same-origin",
			headers: { Accept: "application/json", "X-Frappe-CSRF-Token": (window.frappe && frappe.csrf_token) || "" },
		}).then((r) =>
			r
				.json()
				.catch(() => ({}))
				.then((data) => {
					if (!r.ok) throw data;
					return data.message;
				})
		);
	}

	function esc(text) {
		return String(text === undefined || text === null ? "" : text).replace(
			/[&<>"']/g,
			(c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]
		);
	}

	// an alert goes as soon as the user changes what it was about (file inputs check themselves)
	function clearAlertOnChange(form) {
		const clear = (ev) => {
			if (ev.target && ev.target.type === "file") return;
			showAlert(form, "");
		};
		form.addEventListener("input", clear);
		form.addEventListener("change", clear);
	}

	function showAlert(form, html) {
		const box = form.querySelector(".so-alert");
		if (!box) return;
		box.innerHTML = html || "";
		box.hidden = !html;
		if (html) box.scrollIntoView({ behavior: "smooth", block: "center" });
	}

	// files chosen in the visible inputs of a form, checked against the policy
	function chosenFiles(form) {
		const out = [];
		const errors = [];
		form.querySelectorAll("input[type=file]").forEach((input) => {
			if (input.closest("[hidden]")) return;
			Array.from(input.files || []).forEach((f) => {
				const err = fileError(f);
				if (err) errors.push(err);
				out.push({ key: input.name, file: f });
			});
		});
		if (out.length > rules.max_files) errors.push(fmt(M.too_many, [rules.max_files]));
		return { files: out, errors: errors };
	}

	// check each file as soon as it is chosen
	document.querySelectorAll("input.so-file").forEach((input) => {
		input.addEventListener("change", () => {
			const form = input.closest("form");
			const errs = Array.from(input.files || []).map(fileError).filter(Boolean);
			if (errs.length) input.value = "";
			if (form) showAlert(form, errs.map(esc).join("<br>"));
		});
	});

	// signature pads
	function setupSignature(box) {
		const canvas = box.querySelector("canvas");
		const ctx = canvas.getContext("2d");
		let drawing = false;
		box.dataset.signed = "";
		function size() {
			canvas.width = box.clientWidth || 300;
			canvas.height = 140;
			ctx.lineWidth = 2;
			ctx.lineCap = "round";
			ctx.strokeStyle = "#111";
		}
		function pos(e) {
			const r = canvas.getBoundingClientRect();
			const p = e.touches ? e.touches[0] : e;
			return [p.clientX - r.left, p.clientY - r.top];
		}
		function start(e) {
			drawing = true;
			const [x, y] = pos(e);
			ctx.beginPath();
			ctx.moveTo(x, y);
			e.preventDefault();
		}
		function move(e) {
			if (!drawing) return;
			const [x, y] = pos(e);
			ctx.lineTo(x, y);
			ctx.stroke();
			box.dataset.signed = "1";
			e.preventDefault();
		}
		function end() {
			drawing = false;
		}
		size();
		canvas.addEventListener("mousedown", start);
		canvas.addEventListener("mousemove", move);
		window.addEventListener("mouseup", end);
		canvas.addEventListener("touchstart", start, { passive: false });
		canvas.addEventListener("touchmove", move, { passive: false });
		canvas.addEventListener("touchend", end);
		box.querySelector(".so-sig-clear").addEventListener("click", () => {
			size();
			box.dataset.signed = "";
		});
		box.value = () => (box.dataset.signed ? canvas.toDataURL("image/png") : "");
	}
	document.querySelectorAll(".so-signature").forEach(setupSignature);

	// ------------------------------------------------------------------ new request
	const form = document.getElementById("so-request-form");
	if (form) {
		const select = form.querySelector("#so-service");
		const contactLabel = form.querySelector("#so-contact-label");
		function refresh() {
			const opt = select.options[select.selectedIndex];
			const service = select.value;
			const formTemplate = opt ? opt.dataset.form : "";
			const complaint = opt && opt.dataset.complaint === "1";
			form.querySelectorAll("[data-service-info]").forEach((el) => {
				el.hidden = el.dataset.serviceInfo !== service;
			});
			form.querySelectorAll(".so-extra").forEach((el) => {
				const block = el.dataset.block;
				el.hidden = !((block === "complaint" && complaint) || (block && block === formTemplate));
			});
			// a venue is applied for on the venue booking page (one path for venues)
			const elsewhere = !!form.querySelector(`.so-extra[data-only="1"][data-block="${formTemplate || "-"}"]`);
			form.querySelector(".so-common").hidden = elsewhere;
			if (elsewhere) {
				form.querySelectorAll("[data-service-info]").forEach((el) => {
					el.hidden = true;
				});
			}
			showAlert(form, "");
			const anon = form.querySelector("#so-anonymous");
			contactLabel.classList.toggle("so-required", complaint && !(anon && anon.checked));
			form.querySelectorAll(".so-signature").forEach((box) => {
				if (!box.closest("[hidden]") && box.querySelector("canvas").width !== box.clientWidth) {
					box.querySelector(".so-sig-clear").click();
				}
			});
		}
		select.addEventListener("change", refresh);
		clearAlertOnChange(form);
		const anon = form.querySelector("#so-anonymous");
		if (anon) anon.addEventListener("change", refresh);
		refresh();

		form.addEventListener("submit", (ev) => {
			ev.preventDefault();
			showAlert(form, "");
			if (!select.value) return showAlert(form, esc(M.choose_service));
			const missing = [];
			form.querySelectorAll("label.so-required").forEach((label) => {
				if (label.closest("[hidden]")) return;
				const id = label.getAttribute("for");
				const input = id ? form.querySelector("#" + id) : label.parentElement.querySelector(".so-signature");
				if (!input) return;
				const empty = input.classList && input.classList.contains("so-signature") ? !input.value() : input.type === "checkbox" ? !input.checked : !String(input.value || "").trim();
				if (empty) missing.push(label.textContent.trim());
			});
			if (missing.length) return showAlert(form, esc(fmt(M.required, [missing.join(", ")])));
			const chosen = chosenFiles(form);
			if (chosen.errors.length) return showAlert(form, chosen.errors.map(esc).join("<br>"));

			const body = new FormData();
			form.querySelectorAll("input, select, textarea").forEach((el) => {
				if (!el.name || el.type === "file" || el.closest("[hidden]")) return;
				if (el.type === "checkbox") {
					if (el.checked) body.append(el.name, "1");
				} else if (el.value !== "") {
					body.append(el.name, el.value);
				}
			});
			form.querySelectorAll(".so-signature").forEach((box) => {
				if (!box.closest("[hidden]") && box.value()) body.append(box.dataset.field, box.value());
			});
			chosen.files.forEach((f) => body.append(f.key, f.file, f.file.name));

			const button = form.querySelector(".so-submit");
			const label = button.textContent;
			button.disabled = true;
			button.textContent = M.sending;
			post("school_office.service_desk.portal.submit_request", body)
				.then((res) => {
					form.hidden = true;
					const result = document.querySelector(".so-result");
					result.querySelector(".so-result-message").textContent = res.message;
					result.querySelector(".so-result-link").href = res.url;
					result.hidden = false;
					result.scrollIntoView({ behavior: "smooth" });
				})
				.catch((data) => showAlert(form, serverError(data)))
				.finally(() => {
					button.disabled = false;
					button.textContent = label;
				});
		});
	}

	// ------------------------------------------------------------------ reply on my request
	const reply = document.getElementById("so-reply-form");
	if (reply) {
		clearAlertOnChange(reply);
		reply.addEventListener("submit", (ev) => {
			ev.preventDefault();
			showAlert(reply, "");
			const chosen = chosenFiles(reply);
			if (chosen.errors.length) return showAlert(reply, chosen.errors.map(esc).join("<br>"));
			const body = new FormData();
			body.append("name", reply.dataset.request);
			body.append("message", reply.querySelector("textarea").value);
			// "material:<row>" files go to that material of the request, "files" are other attachments
			chosen.files.forEach((f) => body.append(f.key, f.file, f.file.name));
			const button = reply.querySelector("button[type=submit]");
			button.disabled = true;
			post("school_office.service_desk.portal.add_reply", body)
				.then(() => window.location.reload())
				.catch((data) => {
					showAlert(reply, serverError(data));
					button.disabled = false;
				});
		});
	}

	// ------------------------------------------------------------------ rating
	const rating = document.getElementById("so-rating-form");
	if (rating) {
		const stars = rating.querySelectorAll(".so-star");
		function paint(n) {
			stars.forEach((s) => s.classList.toggle("on", Number(s.dataset.value) <= n));
		}
		paint(Number(rating.dataset.rating || 0));
		stars.forEach((s) =>
			s.addEventListener("click", () => {
				rating.dataset.rating = s.dataset.value;
				paint(Number(s.dataset.value));
				showAlert(rating, "");
			})
		);
		clearAlertOnChange(rating);
		rating.addEventListener("submit", (ev) => {
			ev.preventDefault();
			showAlert(rating, "");
			const n = Number(rating.dataset.rating || 0);
			if (n < 1 || n > 5) return showAlert(rating, esc(M.choose_rating));
			const body = new FormData();
			body.append("name", rating.dataset.request);
			body.append("key", rating.dataset.key);
			body.append("rating", String(n));
			body.append("comment", rating.querySelector("textarea").value);
			post("school_office.service_desk.api.rate", body)
				.then(() => {
					rating.hidden = true;
					const done = document.querySelector(".so-result");
					if (done) done.hidden = false;
				})
				.catch((data) => showAlert(rating, serverError(data)));
		});
	}
})();
