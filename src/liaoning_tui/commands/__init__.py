"""One module per `liaoning-tui` command; each registers its own arguments."""
