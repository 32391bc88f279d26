"""From text to candidates: the gazetteer, entity mentions and candidate claims for review."""
