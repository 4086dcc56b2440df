"""How the explorer's process sets up as it starts, shared by `liaoning-tui` and the SSH
server's fork server."""

START_UP_THRESHOLDS = (100_000, 10, 10)
"""The cyclic collector's thresholds, set once as the command starts.

Importing Textual and building the first screen allocates a few hundred thousand objects, none of
them garbage; at Python's default of a young collection every 700 allocations, the collector walks
them again and again. Measured from a real pty, ten or twelve start-ups of each interleaved on one
busy machine, against the way before this (the collector off until the first frame, then frozen):
at 20,000 the explorer's first frame came 1.28x as late, at 100,000 0.99x, with it off 0.99x.
A young generation of up to 100,000 objects holds at most a few MB of uncollected cycles. It is
the one setting of the collector in the product, made where an explorer's process starts
(`cli.main`, and the SSH server's fork server for the explorers it forks): nothing disables,
freezes or pauses it.
"""
