"""Document parsing: verbatim text files to structure (passages, footnotes, citations) and RDF."""
