"""Residents signing up for events from a screen's QR code, and staff checking them in (issue 13)."""
