"""Serving many readers over SSH: warm (forked) explorers against cold ones.

Real SSH sessions over loopback with asyncssh as the client, against the server in a process of
its own (bench/serve_process.py), so its memory is its own. Figures are medians unless named.
"""

from __future__ import annotations

import asyncio
import contextlib
import statistics
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from programs import BENCH, MARKER
from report import Row, info, median, mib, ms, under

if TYPE_CHECKING:
    import asyncssh

FIRST_FRAME_MS = 120
PSS_MIB = 12
KEY_P95_MS = 150
SETTLE_SECONDS = 2.0
"""After the last first frame, before memory is read: an explorer builds (or, forked, finds
ready) its search index half a second after it starts."""
IDLE_SECONDS = 1.0
"""Between sessions opened one at a time on a settled server: each explorer uses CPU for a few
hundred ms after its first frame (its detail pane), which the next session otherwise meets."""
GROWTH_MIB = 4.0
"""What "flat" allows: the server's resident memory may grow this much from cycle 100 on."""


@dataclass(slots=True)
class Figures:
    first_frames: list[float] = field(default_factory=list)
    pss_kib: list[int] = field(default_factory=list)
    fork_server_pss_kib: int = 0
    cpu_at_frame: list[float] = field(default_factory=list)
    """Seconds of CPU each explorer had used when its first frame reached the client."""
    cpu_settled: list[float] = field(default_factory=list)
    """... and once settled."""
    idle_first_frames: list[float] = field(default_factory=list)
    """First frames of sessions opened with the others settled (IDLE_SECONDS apart)."""


@dataclass(slots=True)
class Crowd:
    sessions: int = 0
    keys: list[float] = field(default_factory=list)


@dataclass(slots=True)
class Cycles:
    count: int = 0
    rss_kib: list[int] = field(default_factory=list)
    """The server's resident memory after the warm-up and after the last cycle."""


def pss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(child) for child in found]


def explorers(pid: int) -> set[int]:
    """The children of `pid` that have a terminal: its explorers, not a spare still waiting."""
    found = set()
    for child in children(pid):
        with contextlib.suppress(OSError):
            stat = Path(f"/proc/{child}/stat").read_text().rsplit(") ", 1)[1].split()
            if int(stat[4]) != 0:
                found.add(child)
    return found


def cpu_seconds(pid: int) -> float:
    """CPU time of every thread of `pid`, from the scheduler's nanosecond counts."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            total += int((task / "schedstat").read_text().split()[0])
    return total / 1e9


@contextlib.asynccontextmanager
async def server(facts: Path, sessions: int, cold: bool) -> AsyncIterator[tuple[int, int, int]]:
    """(port, server pid, fork server pid or 0)."""
    argv = [sys.executable, str(BENCH / "serve_process.py"), str(facts), str(sessions)]
    process = subprocess.Popen(
        [*argv, *(["--cold"] if cold else [])], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        port, helper = map(int, process.stdout.readline().split())
        if helper:  # warm once the fork server has loaded and forked its spare
            for _ in range(600):
                if children(helper):
                    break
                await asyncio.sleep(0.1)
        yield port, process.pid, helper
    finally:
        process.terminate()
        process.wait(30)


async def connect(port: int, source: str = "127.0.0.1") -> asyncssh.SSHClientConnection:
    import asyncssh

    return await asyncssh.connect(
        "127.0.0.1",
        port,
        local_addr=(source, 0),
        username="reader",
        known_hosts=None,
        client_keys=None,
        agent_path=None,
    )


async def open_explorer(
    connection: asyncssh.SSHClientConnection,
) -> tuple[asyncssh.SSHClientProcess[bytes], float]:
    """A session drawn to its first frame, and the seconds from the shell request to it."""
    started = time.perf_counter()
    process = await connection.create_process(
        term_type="xterm-256color", term_size=(80, 24), encoding=None
    )
    seen = b""
    while MARKER.encode() not in seen:
        seen += await asyncio.wait_for(process.stdout.read(65536), 120)
    return process, time.perf_counter() - started


async def _start_and_memory(facts: Path, runs: int, cold: bool) -> Figures:
    figures = Figures()
    async with server(facts, 2 * runs + 1, cold) as (port, pid, helper):
        parent = helper or pid
        connections = []
        for _ in range(runs):
            connection = await connect(port)
            connections.append(connection)
            before = explorers(parent)
            _, seconds = await open_explorer(connection)
            figures.first_frames.append(seconds)
            figures.cpu_at_frame += [cpu_seconds(new) for new in explorers(parent) - before]
        await asyncio.sleep(SETTLE_SECONDS)
        opened = explorers(parent)
        figures.pss_kib = [pss_kib(child) for child in opened]
        figures.cpu_settled = [cpu_seconds(child) for child in opened]
        figures.fork_server_pss_kib = pss_kib(helper) if helper else 0
        if not cold:
            for _ in range(runs):
                connection = await connect(port)
                connections.append(connection)
                _, seconds = await open_explorer(connection)
                figures.idle_first_frames.append(seconds)
                await asyncio.sleep(IDLE_SECONDS)
        for connection in connections:
            connection.close()
    return figures


async def _crowd(facts: Path, sessions: int, keys: int) -> Crowd:
    from hostile import _answer

    crowd = Crowd()
    async with server(facts, sessions, cold=False) as (port, _, _):
        # Each session is opened as its reader connects: a connection left without a session
        # is closed by the server after the login timeout.
        connections = []
        processes = []
        for _ in range(sessions):
            connections.append(await connect(port))
            process, _ = await open_explorer(connections[-1])
            processes.append(process)
        crowd.sessions = len(processes)
        crowd.keys = [await _answer(processes[-1], index) for index in range(keys)]
        for connection in connections:
            connection.close()
    return crowd


async def _cycles(facts: Path, count: int) -> Cycles:
    cycles = Cycles(count)
    warm_up = min(100, count // 2)
    async with server(facts, 8, cold=False) as (port, pid, _):
        for index in range(count):
            # Readers from many addresses, as a public server sees them (one address alone
            # would meet the rate limit).
            connection = await connect(port, f"127.0.{index // 250}.{2 + index % 250}")
            process = await connection.create_process(
                term_type="xterm-256color", term_size=(80, 24), encoding=None
            )
            await asyncio.wait_for(process.stdout.read(1), 60)
            connection.close()
            await connection.wait_closed()
            if index + 1 == warm_up:
                await asyncio.sleep(1.0)
                cycles.rss_kib.append(rss_kib(pid))
        await asyncio.sleep(1.0)
        cycles.rss_kib.append(rss_kib(pid))
    return cycles


def measure(facts: Path, runs: int, crowd: int, keys: int, cycles: int) -> list[Row]:
    warm = asyncio.run(_start_and_memory(facts, runs, cold=False))
    cold = asyncio.run(_start_and_memory(facts, max(2, runs // 3), cold=True))
    many = asyncio.run(_crowd(facts, crowd, keys))
    loop = asyncio.run(_cycles(facts, cycles))
    return rows(warm, cold, many, loop)


def rows(warm: Figures, cold: Figures, crowd: Crowd, cycles: Cycles) -> list[Row]:
    section = "serving"
    p95 = statistics.quantiles(crowd.keys, n=20)[-1] if len(crowd.keys) > 1 else float("nan")
    growth = mib(cycles.rss_kib[-1] - cycles.rss_kib[0]) if len(cycles.rss_kib) == 2 else 0.0
    return [
        under(
            section,
            f"shell request to first frame, warm (median of {len(warm.first_frames)})",
            median(warm.first_frames) * 1000,
            FIRST_FRAME_MS,
            "ms",
        ),
        info(section, "the same, cold start", ms(median(cold.first_frames))),
        info(
            section,
            f"the same, warm, each {IDLE_SECONDS:g} s after the last (median of "
            f"{len(warm.idle_first_frames)})",
            ms(median(warm.idle_first_frames)),
        ),
        info(
            section,
            "CPU of a warm explorer by its first frame / once settled",
            f"{ms(median(warm.cpu_at_frame))} / {ms(median(warm.cpu_settled))}",
        ),
        info(
            section,
            "the same, cold",
            f"{ms(median(cold.cpu_at_frame))} / {ms(median(cold.cpu_settled))}",
        ),
        under(
            section,
            f"PSS per explorer, warm ({len(warm.pss_kib)} open)",
            mib(int(median(warm.pss_kib))),
            PSS_MIB,
            "MiB",
        ),
        info(section, "the same, cold start", f"{mib(int(median(cold.pss_kib))):.1f} MiB"),
        info(section, "PSS of the fork server", f"{mib(warm.fork_server_pss_kib):.1f} MiB"),
        under(
            section,
            f"another reader's key, p95, {crowd.sessions} sessions open",
            p95 * 1000,
            KEY_P95_MS,
            "ms",
        ),
        under(
            section,
            f"server RSS growth over {cycles.count} connect/disconnect cycles",
            growth,
            GROWTH_MIB,
            "MiB",
        ),
    ]
