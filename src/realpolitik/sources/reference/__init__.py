"""Readers for reference data that analysts download: ATOP alliances, COW states, SIPRI arms transfers, UNGA
votes and ideal points. Each reader checks its file (columns, codes, emptiness) and returns a DataFrame with
canonical column names; errors name the file and the row. No interpretation here: analysis/ does that."""
