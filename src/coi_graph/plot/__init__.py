"""Pictures for reports: the network, a timeline of claims, a map of places and events."""
