"""PostgreSQL and the Dapr sidecar."""
