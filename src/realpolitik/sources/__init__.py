"""sources: readers for articles, event files and reference data. Nothing here interprets text."""
