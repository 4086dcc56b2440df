"""Screens of the explorer: the main explorer and the views pushed over it."""
