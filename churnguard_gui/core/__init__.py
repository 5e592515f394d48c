"""Pure Python rules, records and parsing: no Qt, no database."""
