"""Shared bits of the notices' portal pages."""

TYPE_CLASS = {"Emergency": "red", "Major": "orange", "Important": "blue", "General": "gray"}
