"""Serving the explorer over SSH: one explorer process on its own terminal per session.

Only `address` and `environment` import nothing beyond the standard library; the rest need the
`ssh` extra (asyncssh), so the command imports them only once it knows asyncssh is there.
"""
