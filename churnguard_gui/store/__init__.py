"""Storage through sqlite-utils: opening, migrations, queries and transactions; no Qt."""
