"""What the API counts for Prometheus: the instruments and the bounded set of operation names.

Below every other package (the database layer counts its errors here); what
reads and serves them lives in `observability/` (the route: `observability/route.py`).
"""
