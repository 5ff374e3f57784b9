"""Web routes for catalogue pages."""

from __future__ import annotations

import hashlib
import re
import unicodedata


def slugify(text: str, fallback_prefix: str = "item") -> str:
	"""ASCII slug for a URL; names without ASCII letters (e.g. Chinese) get a stable short hash."""
	norm = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
	slug = re.sub(r"[^a-z0-9]+", "-", norm.lower()).strip("-")
	if not slug:
		digest = hashlib.sha1((text or "").encode("utf-8")).hexdigest()[:8]
		slug = f"{fallback_prefix}-{digest}"
	return slug[:100].strip("-")
