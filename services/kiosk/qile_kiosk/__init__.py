"""Qile kiosk: the pygame client that runs on each screen."""
