"""Figures reported by `make bench` (not timed tests: numbers to read and compare)."""
