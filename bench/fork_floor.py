"""The floor under the warm start's figures: a bare Textual app forked as the explorer is.

    python bench/fork_floor.py [N]      (as root, to read page frame numbers; N defaults to 10)

Preloads as the fork server does (`forkserver.preload`, and for the explorer the fact base and
its index, frozen), then forks N copies of each app onto terminals of their own, one after
another, leaving them open. For each it prints the CPU an app had used at its first frame and
2 s later, and its memory with N open: PSS, its own pages (Private_Dirty), and those split into
pages copied from the parent (the parent's page was there and the child now has another) and
new ones. A diagnostic beside bench/run.py's serving figures, not a benchmark with a target.
"""

from __future__ import annotations

import os
import select
import signal
import statistics
import struct
import sys
import time
from collections.abc import Callable
from pathlib import Path

from liaoning_tui.facts import default_path
from liaoning_tui.serve.confine import ChildLimits, limit, take_terminal
from liaoning_tui.serve.forkserver import Base, preload
from serving import cpu_seconds

PAGE = 4096
SETTLE = 2.0
MARKER = b"Overview"


def run_app(kind: str) -> Callable[[], object]:
    if kind == "bare":
        import baseline_app

        return lambda: baseline_app.Baseline().run()
    base = Base(Path(default_path()))
    base.refresh()
    from liaoning_tui.ui.app import build_app

    return lambda: build_app(base.facts, path=base.path).run()  # type: ignore[arg-type]


def fork_on_terminal(start: Callable[[], object]) -> tuple[int, int]:
    import fcntl
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    pid = os.fork()
    if pid == 0:
        try:
            os.close(master)
            os.setsid()
            for fd in (0, 1, 2):
                os.dup2(slave, fd)
            limit(ChildLimits())
            take_terminal()
            os.environ.clear()
            os.environ.update(TERM="xterm-256color", LANG="C.UTF-8", PATH=os.defpath)
            start()
        finally:
            os._exit(0)
    os.close(slave)
    return pid, master


def drain(masters: list[int], seconds: float, until: bytes = b"", of: int = -1) -> None:
    seen = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not (until and until in seen):
        ready, _, _ = select.select(masters, [], [], 0.05)
        for fd in ready:
            data = os.read(fd, 65536)
            if fd == of:
                seen += data


def smaps(pid: int) -> dict[str, int]:
    found = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value, *_ = line.split()
        found[name.rstrip(":")] = int(value)
    return found


def frames(pid: int, low: int, high: int) -> list[int]:
    with Path(f"/proc/{pid}/pagemap").open("rb") as pagemap:
        pagemap.seek(low // PAGE * 8)
        data = pagemap.read((high - low) // PAGE * 8)
    return [entry for (entry,) in struct.iter_unpack("Q", data)]


def copied_and_new(child: int, parent: int) -> tuple[int, int]:
    """KiB of the child's own pages that were the parent's, and that are new."""
    copied = new = 0
    for line in Path(f"/proc/{child}/maps").read_text().splitlines():
        low, high = (int(end, 16) for end in line.split()[0].split("-"))
        if high - low > 1 << 31:
            continue
        try:
            mine, theirs = frames(child, low, high), frames(parent, low, high)
        except OSError:
            continue
        for entry, before in zip(mine, theirs, strict=False):
            present, exclusive = entry >> 63 & 1, entry >> 56 & 1
            if present and exclusive:
                same = before >> 63 & 1 and (before ^ entry) & ((1 << 55) - 1) == 0
                if before >> 63 & 1 and not same:
                    copied += PAGE // 1024
                elif not before >> 63 & 1:
                    new += PAGE // 1024
    return copied, new


def measure(kind: str, count: int) -> str:
    start = run_app(kind)
    opened: list[tuple[int, int]] = []
    at_frame = []
    for _ in range(count):
        pid, master = fork_on_terminal(start)
        opened.append((pid, master))
        drain([m for _, m in opened], 30, MARKER, master)
        at_frame.append(cpu_seconds(pid))
    drain([m for _, m in opened], SETTLE)
    memory = [smaps(pid) for pid, _ in opened]
    split = copied_and_new(opened[-1][0], os.getpid())
    settled = [cpu_seconds(pid) for pid, _ in opened]
    for pid, master in opened:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(master)

    def mib(name: str) -> float:
        return statistics.median(found[name] for found in memory) / 1024

    return (
        f"{kind:8} CPU at first frame {statistics.median(at_frame) * 1000:.0f} ms, "
        f"settled {statistics.median(settled) * 1000:.0f} ms; with {count} open: "
        f"PSS {mib('Pss'):.1f} MiB, own {mib('Private_Dirty'):.1f} MiB "
        f"(copied from the parent {split[0] / 1024:.1f}, new {split[1] / 1024:.1f}), "
        f"shared {mib('Shared_Dirty') + mib('Shared_Clean'):.1f} MiB"
    )


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    preload()
    for kind in ("bare", "explorer"):
        print(measure(kind, count), flush=True)


if __name__ == "__main__":
    main()
