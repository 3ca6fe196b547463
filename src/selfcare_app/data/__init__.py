"""The encrypted vault: SQLCipher connection, schema, migrations and repositories (no Qt)."""
