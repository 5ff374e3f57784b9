"""A local HTTP server (127.0.0.1 only) that implements the DingTalk and WeCom endpoints the app calls, as
the vendors document them, and checks what it receives: the DingTalk robot's HMAC-SHA256 signature, the
WeCom robot's key, the corp apps' gettoken credentials and access tokens. Tests read ``received`` and can
make an endpoint fail (``fail``: path -> number of HTTP 500 answers still to give)."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from school_office.core.notices import dingtalk_signature_valid


class Vendor:
	def __init__(
		self,
		robot_token="dt-robot-token",
		robot_secret="SECtest-secret",
		wecom_key="wc-robot-key",
		dt_client=("dt-app-key", "dt-app-secret"),
		wc_corp=("wc-corp", "wc-secret"),
	):
		self.robot_token, self.robot_secret, self.wecom_key = robot_token, robot_secret, wecom_key
		self.dt_client, self.wc_corp = dt_client, wc_corp
		self.received: list[dict] = []
		self.fail: dict[str, int] = {}
		self.tokens_issued = 0
		self.valid_tokens: set[str] = set()
		self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
		self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

	@property
	def url(self) -> str:
		return f"http://127.0.0.1:{self.server.server_address[1]}"

	def __enter__(self):
		self.thread.start()
		return self

	def __exit__(self, *exc):
		self.server.shutdown()
		self.server.server_close()

	def of(self, path: str) -> list[dict]:
		return [r for r in self.received if r["path"] == path]

	def _issue(self) -> str:
		self.tokens_issued += 1
		token = f"token-{self.tokens_issued}"
		self.valid_tokens.add(token)
		return token

	def answer(self, method: str, path: str, query: dict, body: dict | None):
		q = {k: v[0] for k, v in query.items()}
		if self.fail.get(path):
			self.fail[path] -= 1
			return 500, {"errcode": -1, "errmsg": "system busy"}
		if path == "/robot/send":
			if q.get("access_token") != self.robot_token:
				return 200, {"errcode": 300001, "errmsg": "token is not exist"}
			if not dingtalk_signature_valid(
				self.robot_secret, q.get("timestamp"), q.get("sign"), int(time.time() * 1000)
			):
				return 200, {"errcode": 310000, "errmsg": "sign not match"}
			if (body or {}).get("msgtype") not in ("text", "markdown"):
				return 200, {"errcode": 40035, "errmsg": "msgtype invalid"}
			return 200, {"errcode": 0, "errmsg": "ok"}
		if path == "/cgi-bin/webhook/send":
			if q.get("key") != self.wecom_key:
				return 200, {"errcode": 93000, "errmsg": "invalid webhook url"}
			return 200, {"errcode": 0, "errmsg": "ok"}
		if path == "/gettoken":
			if (q.get("appkey"), q.get("appsecret")) != self.dt_client:
				return 200, {"errcode": 40089, "errmsg": "invalid appkey or appsecret"}
			return 200, {"errcode": 0, "errmsg": "ok", "access_token": self._issue(), "expires_in": 7200}
		if path == "/cgi-bin/gettoken":
			if (q.get("corpid"), q.get("corpsecret")) != self.wc_corp:
				return 200, {"errcode": 40001, "errmsg": "invalid credential"}
			return 200, {"errcode": 0, "errmsg": "ok", "access_token": self._issue(), "expires_in": 7200}
		if path == "/topapi/message/corpconversation/asyncsend_v2":
			if q.get("access_token") not in self.valid_tokens:
				return 200, {"errcode": 88, "errmsg": "invalid access_token"}
			if not (body or {}).get("userid_list") or not (body or {}).get("msg"):
				return 200, {"errcode": 40035, "errmsg": "missing parameter"}
			return 200, {"errcode": 0, "errmsg": "ok", "task_id": 1, "request_id": "r1"}
		if path == "/cgi-bin/message/send":
			if q.get("access_token") not in self.valid_tokens:
				return 200, {"errcode": 42001, "errmsg": "access_token expired"}
			if not (body or {}).get("touser") or not (body or {}).get("agentid"):
				return 200, {"errcode": 40035, "errmsg": "missing parameter"}
			return 200, {"errcode": 0, "errmsg": "ok", "invaliduser": ""}
		return 404, {"errcode": 404, "errmsg": "not found"}

	def _handler(vendor):
		class Handler(BaseHTTPRequestHandler):
			def log_message(self, *args):
				pass

			def _serve(self, method):
				parsed = urlparse(self.path)
				body = None
				length = int(self.headers.get("Content-Length") or 0)
				if length:
					raw = self.rfile.read(length)
					try:
						body = json.loads(raw)
					except ValueError:
						body = {"_raw": raw.decode("utf-8", "replace")}
				query = parse_qs(parsed.query)
				status, answer = vendor.answer(method, parsed.path, query, body)
				vendor.received.append(
					{
						"method": method,
						"path": parsed.path,
						"query": {k: v[0] for k, v in query.items()},
						"body": body,
						"status": status,
						"answer": answer,
						"content_type": self.headers.get("Content-Type"),
					}
				)
				data = json.dumps(answer).encode()
				self.send_response(status)
				self.send_header("Content-Type", "application/json")
				self.send_header("Content-Length", str(len(data)))
				self.end_headers()
				self.wfile.write(data)

			def do_GET(self):
				self._serve("GET")

			def do_POST(self):
				self._serve("POST")

		return Handler
