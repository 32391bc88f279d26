"""The knowledge graph as a networkx network: projection, analytics and styling."""
