"""What the sidecar delivers: the usage stream."""
