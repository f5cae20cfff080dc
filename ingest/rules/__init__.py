"""Rule tables (data, not code): patterns of Vietnamese news language used by the stages."""
