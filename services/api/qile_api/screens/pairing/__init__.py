"""Pairing a kiosk by a code it shows, instead of copying its token by hand (flow.py)."""
