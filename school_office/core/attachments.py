"""Attachment policy: allowed file types and size limit (School Office Settings)."""

from __future__ import annotations

import os

DEFAULT_ALLOWED = ("pdf", "doc", "docx", "jpg", "jpeg", "png")
DEFAULT_MAX_MB = 5.0


def parse_allowed_types(value: str | None) -> tuple[str, ...]:
	"""'PDF, .docx  jpg' -> ('pdf', 'docx', 'jpg'); empty -> defaults."""
	if not value:
		return DEFAULT_ALLOWED
	items = []
	for raw in value.replace(";", ",").replace("\n", ",").replace(" ", ",").split(","):
		ext = raw.strip().lower().lstrip(".")
		if ext and ext not in items:
			items.append(ext)
	return tuple(items) or DEFAULT_ALLOWED


def extension(filename: str) -> str:
	return os.path.splitext(filename or "")[1].lower().lstrip(".")


def check_attachment(
	filename: str, size_bytes: int, allowed: tuple[str, ...], max_mb: float
) -> tuple[str, dict] | None:
	"""Return None when the file may be attached, else (reason_code, details).

	reason codes: 'type' (extension not allowed), 'size' (over the limit), 'empty'.
	"""
	ext = extension(filename)
	if not ext or ext not in allowed:
		return "type", {"filename": filename, "extension": ext or "-", "allowed": ", ".join(allowed)}
	if size_bytes is not None and max_mb and size_bytes > max_mb * 1024 * 1024:
		return "size", {"filename": filename, "size_mb": round(size_bytes / 1024 / 1024, 2), "max_mb": max_mb}
	if size_bytes == 0:
		return "empty", {"filename": filename}
	return None
