"""Notices (信息发布) and delivery to DingTalk and WeCom (issue #13)."""
