"""Meetings (会务): request, notice, room, materials, sign-in, minutes and decisions (issue #12)."""
