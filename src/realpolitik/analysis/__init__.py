"""analysis: pure functions over the store (alliances, dependence, balance, shifts, claim checks)."""
