"""Links to Wikidata: decisions kept as data, the reconciliation client, enrichment and exports."""
