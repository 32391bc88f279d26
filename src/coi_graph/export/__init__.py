"""Exporters, one module per output: claims and citations tables for review."""
