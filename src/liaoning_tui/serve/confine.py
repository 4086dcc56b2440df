"""What an explorer process may use: a lower CPU priority, CPU time, memory, no core files.

Applied between fork and exec, so the limits hold from the first instruction of the explorer;
one reader's flood then slows and stops only their own explorer, never the server or the others.
"""

from __future__ import annotations

import fcntl
import os
import resource
import termios
from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ChildLimits:
    nice: int = 10
    """Added to the server's niceness: the server answers first when the CPU is short."""
    memory_mib: int = 1024
    """Address space (RLIMIT_AS); an explorer maps about 400 MiB and keeps about 50 MiB."""
    cpu_seconds: int = 900
    """CPU time (RLIMIT_CPU) over the whole session; reading uses a few seconds an hour."""


def prepare_child(limits: ChildLimits) -> None:
    """Runs in the child between fork and exec: limits, then the PTY as controlling terminal,
    with ^C and ^\\ not yet signals (the explorer turns them into keys once it starts)."""
    limit(limits)
    take_terminal()


def limit(limits: ChildLimits) -> None:
    os.nice(limits.nice)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    memory = limits.memory_mib * MIB
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 5))


def take_terminal() -> None:
    """Make the terminal on fd 0 this session's controlling terminal, ISIG off."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    modes = termios.tcgetattr(0)
    modes[3] &= ~termios.ISIG
    termios.tcsetattr(0, termios.TCSANOW, modes)
