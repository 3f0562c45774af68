"""DuckDB schema (numbered ``.sql`` migrations) and the row models every stage speaks."""
