"""The explorer in a browser: textual-serve behind a login, with the SSH server's limits."""
