"""HealthSync usage analytics: daily AI usage per feature, from the usage stream."""
