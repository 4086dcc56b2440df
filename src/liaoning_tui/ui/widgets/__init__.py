"""Widgets of the explorer, each in its own module."""
