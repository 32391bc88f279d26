"""Build: load data/, derive the plain layer, reason, validate, write the store."""
