"""Hostile input: how soon the explorer answers after a flood, how big it gets, and how fast
another SSH reader's keys are answered while eight readers paste."""

from __future__ import annotations

import asyncio
import io
import statistics
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from programs import MARKER, explorer
from report import Row, at_most, mib, ms, under
from terminal import ESCAPE, Terminal

if TYPE_CHECKING:
    import asyncssh

SECTION = "hostile input"
ANSWER_LIMIT = 2.0
MEMORY_LIMIT_MIB = 300
OTHER_READER_P95 = 0.2
SETTLED = 0.5
"""Seconds without output after which a session counts as settled: the explorer lays out its
detail pane just after its first frame, start-up work the floods are not meant to measure."""
HELP = "esc to close"
PASTE_START, PASTE_END = b"\x1b[200~", b"\x1b[201~"
FLOODS = {
    "1 MB typed": b"j" * 1_000_000,
    "1 MB CSI parameters": b"\x1b[" + b"1;" * 500_000 + b"H",
    "0.5 MB unterminated OSC": b"\x1b]0;" + b"x" * 500_000,
    "1 MB paste into search": b"/" + PASTE_START + b"Liaoning " * 111_111 + PASTE_END,
}


@dataclass(frozen=True, slots=True)
class Floods:
    answers: dict[str, float]
    """Seconds from `?` after each flood to the help on screen."""
    peak_kib: int


def measure_floods(env: Mapping[str, str], quiet: float) -> Floods:
    answers: dict[str, float] = {}
    with Terminal(explorer(), env=env) as terminal:
        shown = terminal.wait_for(lambda screen: MARKER in screen, 300)
        terminal.settle(quiet, shown)
        for name, data in FLOODS.items():
            terminal.feed(data)
            terminal.settle(0.5, time.perf_counter())
            if name.endswith("search"):
                terminal.press(ESCAPE, quiet)
            answered = terminal.press("?", quiet, until=lambda screen: HELP in screen)
            answers[name] = answered.answered
            terminal.press(ESCAPE, quiet, until=lambda screen: HELP not in screen)
        peak = terminal.quit()
    return Floods(answers, peak)


def measure_other_reader(pasters: int, keys: int) -> list[float]:
    """Seconds from each key of one SSH reader to its first answer, while `pasters` other
    readers each paste 250 kB three times (not bracketed)."""
    return asyncio.run(_other_reader(pasters, keys))


async def _other_reader(pasters: int, keys: int) -> list[float]:
    import asyncssh

    from liaoning_tui.serve.address import ListenAddress
    from liaoning_tui.serve.config import ServeConfig
    from liaoning_tui.serve.log import Log
    from liaoning_tui.serve.ssh import Server

    config = ServeConfig(
        command=tuple(explorer()),
        anonymous=True,
        listen=ListenAddress("127.0.0.1", 0),
        log=Log(io.StringIO()),
        max_per_address=pasters + 1,
    )
    server = Server(config, asyncssh.generate_private_key("ssh-ed25519"))
    await server.start()
    connections = [
        await asyncssh.connect(
            "127.0.0.1",
            server.port,
            username="reader",
            known_hosts=None,
            client_keys=None,
            agent_path=None,
        )
        for _ in range(pasters + 1)
    ]
    try:
        processes = [
            await connection.create_process(
                term_type="xterm-256color", term_size=(80, 24), encoding=None
            )
            for connection in connections
        ]
        for process in processes:
            seen = b""
            while MARKER.encode() not in seen:
                seen += await asyncio.wait_for(process.stdout.read(65536), 120)
        for process in processes:
            await _settle(process, SETTLED)
        readers = [asyncio.create_task(_drain(process)) for process in processes[:-1]]
        paste = b"Liaoning robotics " * (250_000 // 18)
        pasting = asyncio.gather(*(_paste(process, paste) for process in processes[:-1]))
        latencies = [await _answer(processes[-1], index) for index in range(keys)]
        await pasting
        for reader in readers:
            reader.cancel()
        return latencies
    finally:
        for connection in connections:
            connection.close()
        await server.shutdown()


async def _settle(process: asyncssh.SSHClientProcess[bytes], quiet: float) -> None:
    """Read until `process` has written nothing for `quiet` seconds (at most 30 s)."""
    deadline = time.perf_counter() + 30
    while time.perf_counter() < deadline:
        try:
            await asyncio.wait_for(process.stdout.read(65536), quiet)
        except TimeoutError:
            return


async def _drain(process: asyncssh.SSHClientProcess[bytes]) -> None:
    while await process.stdout.read(65536):
        pass


async def _paste(process: asyncssh.SSHClientProcess[bytes], paste: bytes) -> None:
    for _ in range(3):
        process.stdin.write(paste)
        await asyncio.sleep(0.5)


async def _answer(process: asyncssh.SSHClientProcess[bytes], index: int) -> float:
    await asyncio.sleep(0.1)
    while True:
        try:
            await asyncio.wait_for(process.stdout.read(65536), 0.05)
        except TimeoutError:
            break
    sent = time.perf_counter()
    process.stdin.write(b"\x1b[B" if index % 2 == 0 else b"\x1b[A")
    await asyncio.wait_for(process.stdout.read(65536), 10)
    return time.perf_counter() - sent


def rows(floods: Floods, latencies: list[float]) -> list[Row]:
    found = [
        at_most(SECTION, f"`?` answered after {name}", seconds, ANSWER_LIMIT, " s")
        for name, seconds in floods.answers.items()
    ]
    found.append(
        under(
            SECTION,
            "explorer peak memory, all floods",
            mib(floods.peak_kib),
            MEMORY_LIMIT_MIB,
            "MiB",
        )
    )
    ordered = sorted(latencies)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    found.append(
        Row(
            SECTION,
            f"another reader's key, {len(ordered)} keys, p95",
            ms(p95),
            f"< {OTHER_READER_P95 * 1000:g} ms",
            p95 < OTHER_READER_P95,
        )
    )
    found.append(Row(SECTION, "another reader's key, median", ms(statistics.median(ordered))))
    return found


if __name__ == "__main__":
    sys.exit("run it through bench/run.py")
