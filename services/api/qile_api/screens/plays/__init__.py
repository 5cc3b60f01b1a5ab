"""Proof of play: what each screen showed, and for how long."""
