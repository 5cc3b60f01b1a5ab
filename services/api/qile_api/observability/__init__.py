"""What operators see of a running API: Prometheus metrics and the request log's context."""
