// School Office — the staff phone app (/office). Plain ES2017, no build step (see campus_identity/app.py).
// Every value is written with textContent / DOM nodes, never as HTML.
(function () {
	"use strict";
	const boot = JSON.parse(document.getElementById("so-boot").textContent);
	const messages = boot.messages || {};
	function __(text, args) {
		let out = messages[text] || text;
		(args || []).forEach((a, i) => {
			out = out.split("{" + i + "}").join(String(a));
		});
		return out;
	}
	const root = document.getElementById("so-app");
	const state = { work: null, tab: "work", busy: false, notifications: [], unread: 0 };

	function el(tag, attrs, children) {
		const node = document.createElement(tag);
		Object.entries(attrs || {}).forEach(([k, v]) => {
			if (v === undefined || v === null || v === false) return;
			if (k === "text") node.textContent = v;
			else if (k === "class") node.className = v;
			else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
			else node.setAttribute(k, v === true ? "" : v);
		});
		(children || []).forEach((c) => c && node.appendChild(typeof c === "string" ? document.createTextNode(c) : c));
		return node;
	}

	// ------------------------------------------------------------------ server calls
	function server_message(body) {
		try {
			if (body._server_messages) {
				const list = JSON.parse(body._server_messages).map((m) => {
					try {
						return JSON.parse(m).message;
					} catch (e) {
						return m;
					}
				});
				return list.join(" ");
			}
		} catch (e) {
			/* fall through */
		}
		return body.exception || body.exc_type || "";
	}
	function strip_tags(text) {
		// an inert document (DOMParser runs no script and loads nothing): only its text is read
		return new DOMParser().parseFromString(String(text || ""), "text/html").body.textContent || "";
	}
	async function call(method, args, http_method) {
		const get = http_method === "GET";
		let url = "/api/method/" + method;
		const options = {
			method: get ? "GET" : "POST",
			credentials: "same-origin",
			headers: { Accept: "application/json", "X-Frappe-CSRF-Token": boot.csrf_token },
		};
		if (get) {
			const q = new URLSearchParams();
			Object.entries(args || {}).forEach(([k, v]) => q.set(k, typeof v === "string" ? v : JSON.stringify(v)));
			if ([...q].length) url += "?" + q.toString();
		} else {
			options.headers["Content-Type"] = "application/json";
			options.body = JSON.stringify(args || {});
		}
		const response = await fetch(url, options);
		let body = {};
		try {
			body = await response.json();
		} catch (e) {
			body = {};
		}
		if (!response.ok) {
			if (response.status === 403 && /login/i.test(body.exc_type || "")) location.href = "/login?redirect-to=/office";
			throw new Error(strip_tags(server_message(body)) || __("Something went wrong. Please try again."));
		}
		return body.message;
	}

	// ------------------------------------------------------------------ toast
	function toast(text, kind) {
		const t = el("div", { class: "so-toast " + (kind || ""), role: "status", text: text });
		document.body.appendChild(t);
		setTimeout(() => t.remove(), 3500);
	}

	// ------------------------------------------------------------------ my work
	function due_label(item) {
		if (!item.due) return null;
		const due = new Date(item.due.replace(" ", "T"));
		const now = new Date(state.work.now.replace(" ", "T"));
		const minutes = Math.round(Math.abs(due - now) / 60000);
		const span =
			minutes < 60
				? __("{0} min", [minutes])
				: minutes < 60 * 48
				? __("{0} h", [Math.round(minutes / 60)])
				: __("{0} days", [Math.round(minutes / 1440)]);
		return item.overdue ? __("Overdue by {0}", [span]) : __("Due in {0}", [span]);
	}

	async function load_work(quiet) {
		try {
			state.work = await call("school_office.campus_identity.my_work.my_work", {}, "GET");
			state.error = null;
		} catch (e) {
			state.error = e.message;
		}
		// a refresh in the background never wipes a text the user is writing
		if (quiet && root.querySelector(".so-prompt:not([hidden])")) return;
		if (state.tab === "work" || !quiet) render();
	}

	async function act(item, action, text) {
		if (state.busy) return;
		const args = Object.assign({}, action.args);
		if (action.prompt) {
			if (!(text || "").trim()) {
				toast(__("Write the text first."), "error");
				return;
			}
			args[action.prompt] = text.trim();
		}
		state.busy = true;
		try {
			await call(action.method, args);
			toast(__("{0}: done", [action.label]), "ok");
			await load_work();
		} catch (e) {
			toast(e.message, "error");
		} finally {
			state.busy = false;
		}
	}

	function item_card(item) {
		const due = due_label(item);
		const buttons = el("div", { class: "so-actions" });
		const prompt_box = el("div", { class: "so-prompt", hidden: true });
		(item.actions || []).forEach((action) => {
			buttons.appendChild(
				el("button", {
					class: "so-btn" + (/decline|reject/i.test(action.method + action.args.action) ? " so-btn-light" : ""),
					type: "button",
					"data-action": action.args.action || action.args.answer || action.args.method || action.method.split(".").pop(),
					text: action.label,
					onclick: () => {
						if (!action.prompt) return act(item, action);
						prompt_box.textContent = "";
						const area = el("textarea", { rows: 3, "aria-label": action.prompt_label, placeholder: action.prompt_label });
						prompt_box.appendChild(area);
						prompt_box.appendChild(
							el("button", { class: "so-btn", type: "button", text: __("Send"), onclick: () => act(item, action, area.value) })
						);
						prompt_box.hidden = false;
						area.focus();
					},
				})
			);
		});
		buttons.appendChild(el("a", { class: "so-btn so-btn-light", href: item.route, text: __("Details") }));
		return el("li", { class: "so-item" + (item.overdue ? " so-overdue" : ""), "data-name": item.name, "data-kind": item.kind }, [
			el("div", { class: "so-item-head" }, [
				el("span", { class: "so-kind", text: state.work.labels[item.kind] || item.kind }),
				el("span", { class: "so-pill", text: item.status_label || item.status }),
			]),
			el("div", { class: "so-item-title", "data-so-ignore": true, text: item.title }),
			item.subtitle ? el("div", { class: "so-item-sub", text: item.subtitle }) : null,
			due ? el("div", { class: "so-due" + (item.overdue ? " so-due-over" : ""), text: due }) : null,
			buttons,
			prompt_box,
		]);
	}

	function render_work() {
		if (state.error) return el("div", { class: "so-empty", text: state.error });
		if (!state.work) return el("div", { class: "so-empty", text: __("Loading…") });
		const w = state.work;
		const tiles = el("div", { class: "so-tiles" }, [
			el("div", { class: "so-tile" + (w.overdue ? " so-tile-over" : "") }, [
				el("strong", { text: String(w.overdue) }),
				el("span", { text: __("Overdue") }),
			]),
		]);
		Object.keys(w.counts).forEach((k) =>
			tiles.appendChild(
				el("div", { class: "so-tile", "data-kind": k }, [
					el("strong", { text: String(w.counts[k]) }),
					el("span", { text: w.labels[k] }),
				])
			)
		);
		const list = el("ul", { class: "so-list", id: "so-work-list" });
		w.items.forEach((item) => list.appendChild(item_card(item)));
		return el("div", {}, [
			tiles,
			w.items.length ? list : el("div", { class: "so-empty", text: __("Nothing waiting for you. Well done!") }),
		]);
	}

	// ------------------------------------------------------------------ scan
	let scanner = null;
	function open_code(text) {
		let url;
		try {
			url = new URL(String(text || "").trim(), location.origin);
		} catch (e) {
			url = null;
		}
		if (!url || url.hostname !== location.hostname || !boot.scan_routes.includes(url.pathname.replace(/\/$/, ""))) {
			toast(__("This code is not one of the office's."), "error");
			return false;
		}
		stop_scan();
		location.href = url.pathname + url.search;
		return true;
	}
	function stop_scan() {
		if (scanner) {
			scanner.stop();
			scanner = null;
		}
	}
	async function start_camera(video_box) {
		if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
			toast(__("This browser cannot use the camera; paste the code's link instead."), "error");
			return;
		}
		if ("BarcodeDetector" in window) {
			const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
			const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
			const video = el("video", { playsinline: true, muted: true, class: "so-video" });
			video.srcObject = stream;
			video_box.textContent = "";
			video_box.appendChild(video);
			await video.play();
			let alive = true;
			scanner = { stop: () => ((alive = false), stream.getTracks().forEach((t) => t.stop())) };
			const tick = async () => {
				if (!alive) return;
				try {
					const codes = await detector.detect(video);
					if (codes.length && open_code(codes[0].rawValue)) return;
				} catch (e) {
					/* next frame */
				}
				setTimeout(tick, 250);
			};
			tick();
			return;
		}
		// Frappe's own copy of html5-qrcode (its desk scanner uses it)
		await new Promise((resolve, reject) => {
			if (window.Html5Qrcode) return resolve();
			const s = el("script", { src: "/assets/frappe/node_modules/html5-qrcode/html5-qrcode.min.js" });
			s.onload = resolve;
			s.onerror = () => reject(new Error(__("The scanner could not be loaded.")));
			document.head.appendChild(s);
		});
		video_box.textContent = "";
		video_box.id = "so-qr-reader";
		const reader = new window.Html5Qrcode("so-qr-reader");
		await reader.start({ facingMode: "environment" }, { fps: 8, qrbox: 220 }, (decoded) => open_code(decoded));
		scanner = { stop: () => reader.stop() };
	}
	function render_scan() {
		const box = el("div", { class: "so-video-box" });
		const input = el("input", { type: "url", id: "so-code-link", placeholder: __("or paste the code's link"), "aria-label": __("Code link") });
		return el("div", { class: "so-scan" }, [
			el("p", { class: "so-hint", text: __("Scan a venue check-in, meeting sign-in or asset label code.") }),
			box,
			el("button", {
				class: "so-btn",
				type: "button",
				id: "so-start-camera",
				text: __("Start Camera"),
				onclick: () => start_camera(box).catch((e) => toast(e.message || __("The camera could not be started."), "error")),
			}),
			el("form", { class: "so-paste", onsubmit: (e) => (e.preventDefault(), open_code(input.value)) }, [
				input,
				el("button", { class: "so-btn so-btn-light", type: "submit", text: __("Go") }),
			]),
		]);
	}

	// ------------------------------------------------------------------ notifications
	async function load_notifications() {
		try {
			const r = await call("frappe.desk.doctype.notification_log.notification_log.get_notification_logs", { limit: 20 }, "GET");
			state.notifications = (r && r.notification_logs) || [];
			state.unread = state.notifications.filter((n) => !n.read).length;
		} catch (e) {
			state.notifications = [];
		}
		if (state.tab === "notifications") return render();
		const tab = root.querySelector('.so-tab[data-tab="notifications"]');
		if (!tab) return;
		const old = tab.querySelector(".so-badge");
		if (old) old.remove();
		if (state.unread) tab.appendChild(el("span", { class: "so-badge", text: String(state.unread) }));
	}
	function render_notifications() {
		if (!state.notifications.length) return el("div", { class: "so-empty", text: __("No notifications.") });
		return el(
			"ul",
			{ class: "so-list" },
			state.notifications.map((n) =>
				el("li", { class: "so-item" + (n.read ? "" : " so-unread") }, [
					el("div", { class: "so-item-title", "data-so-ignore": true, text: strip_tags(n.subject) }),
					el("div", { class: "so-item-sub", text: (n.creation || "").slice(0, 16) }),
					n.document_type && n.document_name
						? el("a", {
								class: "so-btn so-btn-light",
								href: "/app/" + n.document_type.toLowerCase().replace(/ /g, "-") + "/" + encodeURIComponent(n.document_name),
								text: __("Details"),
						  })
						: null,
				])
			)
		);
	}

	function render_more() {
		return el("ul", { class: "so-list" }, [
			el("li", { class: "so-item" }, [el("a", { href: "/app", text: __("Open the desk") })]),
			...(boot.portal_pages || []).map((p) => el("li", { class: "so-item" }, [el("a", { href: p.route, text: p.title })])),
			el("li", { class: "so-item" }, [el("a", { href: "/?cmd=web_logout", text: __("Log out") })]),
		]);
	}

	// ------------------------------------------------------------------ frame
	const TABS = [
		["work", __("My Work")],
		["scan", __("Scan")],
		["notifications", __("Notifications")],
		["more", __("More")],
	];
	function render() {
		const body = { work: render_work, scan: render_scan, notifications: render_notifications, more: render_more }[state.tab]();
		const nav = el(
			"nav",
			{ class: "so-tabs" },
			TABS.map(([key, label]) =>
				el(
					"a",
					{ href: "#" + key, class: "so-tab" + (state.tab === key ? " active" : ""), "data-tab": key },
					[label, key === "notifications" && state.unread ? el("span", { class: "so-badge", text: String(state.unread) }) : null]
				)
			)
		);
		root.textContent = "";
		root.appendChild(
			el("header", { class: "so-header" }, [
				el("div", { class: "so-app-title", text: __("School Office") }),
				el("div", { class: "so-user", text: boot.full_name }),
			])
		);
		root.appendChild(el("main", { class: "so-main" }, [body]));
		root.appendChild(nav);
	}
	function route() {
		const tab = (location.hash || "#work").slice(1);
		if (state.tab === "scan" && tab !== "scan") stop_scan();
		state.tab = TABS.some(([k]) => k === tab) ? tab : "work";
		render();
		if (state.tab === "work") return load_work();
		if (state.tab === "notifications") return load_notifications();
		return load_work(true);
	}

	// ------------------------------------------------------------------ realtime (Frappe's socket.io)
	let refresh_timer = null;
	function refresh_soon() {
		clearTimeout(refresh_timer);
		refresh_timer = setTimeout(() => load_work(true), 800);
	}
	function connect_realtime() {
		const s = el("script", { src: "/assets/frappe/node_modules/socket.io-client/dist/socket.io.min.js" });
		s.onload = () => {
			let host = location.origin;
			if (location.port && boot.socketio_port) host = location.protocol + "//" + location.hostname + ":" + boot.socketio_port;
			const socket = window.io(host + "/" + boot.sitename, { withCredentials: true, reconnectionAttempts: 3 });
			socket.on("connect", () => (state.work ? state.work.realtime : []).forEach((d) => socket.emit("doctype_subscribe", d)));
			socket.on("list_update", (data) => {
				if (state.work && state.work.realtime.includes(data && data.doctype)) refresh_soon();
			});
			socket.on("notification", () => load_notifications());
			socket.on("connect_error", () => {});
		};
		document.head.appendChild(s);
	}

	window.addEventListener("hashchange", route);
	document.addEventListener("visibilitychange", () => document.visibilityState === "visible" && state.tab === "work" && load_work(true));
	document.documentElement.lang = boot.lang || "en";
	// the first screen: one call (My work); the notifications' badge and realtime come after it
	route().then(() => {
		// installable: the service worker (shell cache) is registered once the first screen is shown
		if ("serviceWorker" in navigator) {
			navigator.serviceWorker.register("/office/sw.js", { scope: "/office" }).catch(() => {});
		}
		connect_realtime();
		if (state.tab !== "notifications") load_notifications();
	});
})();
