"""Figures services by operation family: collecting events, importing footfall, rolling up, reading."""
