"""A throwaway OpenLDAP server (Debian's slapd) on loopback, for the LDAP sign-in tests.

`LdapServer()` writes a slapd.conf and an mdb data directory in a temporary folder, starts slapd on a
free 127.0.0.1 port and loads a school: ou=people with a student and a staff member, ou=groups with the
posixGroup `office-staff` (memberUid). `stop()` ends that slapd (by its pid file) and removes the folder.
`available()` says why it cannot run (no slapd, no ldap3).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

SLAPD = shutil.which("slapd") or ("/usr/sbin/slapd" if os.path.exists("/usr/sbin/slapd") else None)
SCHEMA_DIR = "/etc/ldap/schema"
MODULE_DIR = "/usr/lib/ldap"
SUFFIX = "dc=school,dc=test"
ROOT_DN = f"cn=admin,{SUFFIX}"
ROOT_PW = "admin-secret"
PEOPLE = f"ou=people,{SUFFIX}"
GROUPS = f"ou=groups,{SUFFIX}"

STUDENT = {
	"uid": "s2026900",
	"mail": "s2026900@ldap.school.test",
	"givenName": "小红",
	"sn": "林",
	"pw": "Stud#2026pw",
}
STAFF = {
	"uid": "e0900",
	"mail": "e0900@ldap.school.test",
	"givenName": "Ldap",
	"sn": "Staff",
	"pw": "Staff#2026pw",
}
STAFF_GROUP = "office-staff"


def available() -> str | None:
	"""None when the server can run, else the reason it cannot."""
	if not SLAPD:
		return "slapd is not installed (apt-get install slapd ldap-utils)"
	if not os.path.exists(os.path.join(SCHEMA_DIR, "inetorgperson.schema")):
		return f"OpenLDAP schema files are missing in {SCHEMA_DIR}"
	try:
		import ldap3  # noqa: F401
	except ImportError:
		return "the ldap3 python package is missing (Frappe's LDAP Settings needs it)"
	return None


def _free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


class LdapServer:
	def __init__(self):
		self.dir = tempfile.mkdtemp(prefix="school-office-slapd-")
		self.port = _free_port()
		self.url = f"ldap://127.0.0.1:{self.port}"
		self.pidfile = os.path.join(self.dir, "slapd.pid")
		data = os.path.join(self.dir, "data")
		os.makedirs(data)
		schemas = "\n".join(
			f"include {SCHEMA_DIR}/{s}.schema" for s in ("core", "cosine", "inetorgperson", "nis")
		)
		module = f"modulepath {MODULE_DIR}\nmoduleload back_mdb\n" if os.path.isdir(MODULE_DIR) else ""
		conf = os.path.join(self.dir, "slapd.conf")
		with open(conf, "w") as f:
			f.write(
				f"{schemas}\npidfile {self.pidfile}\n{module}database mdb\nmaxsize 10485760\n"
				f'suffix "{SUFFIX}"\nrootdn "{ROOT_DN}"\nrootpw {ROOT_PW}\ndirectory {data}\n'
			)
		try:
			subprocess.run(
				[SLAPD, "-f", conf, "-h", f"{self.url}/"], check=True, capture_output=True, timeout=30
			)
			self._wait()
			self._load()
		except Exception:
			self.stop()
			raise

	def _wait(self):
		deadline = time.time() + 15
		while time.time() < deadline:
			try:
				with socket.create_connection(("127.0.0.1", self.port), timeout=1):
					return
			except OSError:
				time.sleep(0.1)
		raise RuntimeError("slapd did not start")

	def connection(self):
		import ldap3

		return ldap3.Connection(ldap3.Server(self.url), user=ROOT_DN, password=ROOT_PW, auto_bind=True)

	def _load(self):
		conn = self.connection()
		conn.add(SUFFIX, ["dcObject", "organization"], {"o": "Test School", "dc": "school"})
		conn.add(PEOPLE, ["organizationalUnit"], {"ou": "people"})
		conn.add(GROUPS, ["organizationalUnit"], {"ou": "groups"})
		for person in (STUDENT, STAFF):
			conn.add(
				f"uid={person['uid']},{PEOPLE}",
				["inetOrgPerson"],
				{
					"uid": person["uid"],
					"cn": f"{person['sn']}{person['givenName']}",
					"sn": person["sn"],
					"givenName": person["givenName"],
					"mail": person["mail"],
					"userPassword": person["pw"],
				},
			)
		conn.add(
			f"cn={STAFF_GROUP},{GROUPS}",
			["posixGroup"],
			{"cn": STAFF_GROUP, "gidNumber": 5000, "memberUid": [STAFF["uid"]]},
		)
		ok = conn.search(PEOPLE, "(uid=*)")
		count = len(conn.entries)
		conn.unbind()
		if not ok or count != 2:
			raise RuntimeError("could not load the test directory into slapd")

	def stop(self):
		try:
			with open(self.pidfile) as f:
				os.kill(int(f.read().strip()), signal.SIGTERM)
			for _ in range(50):
				if not os.path.exists(self.pidfile):
					break
				time.sleep(0.1)
		except (OSError, ValueError):
			pass
		shutil.rmtree(self.dir, ignore_errors=True)
