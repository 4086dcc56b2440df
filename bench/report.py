"""Measured figures as rows of one table, each against its target where it has one."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Row:
    """One figure: what, how much, and the target it is held to (if any)."""

    section: str
    label: str
    value: str
    target: str = ""
    passed: bool | None = None

    @property
    def verdict(self) -> str:
        if self.passed is None:
            return ""
        return "PASS" if self.passed else "FAIL"


def at_most(section: str, label: str, value: float, limit: float, unit: str) -> Row:
    """A row for a figure that must not exceed `limit`."""
    return Row(section, label, f"{value:.2f}{unit}", f"≤ {limit:g}{unit}", value <= limit)


def under(section: str, label: str, value: float, limit: float, unit: str) -> Row:
    """A row for a figure that must stay below `limit`."""
    return Row(section, label, f"{value:.1f} {unit}", f"< {limit:g} {unit}", value < limit)


def info(section: str, label: str, value: str) -> Row:
    """A row with no target."""
    return Row(section, label, value)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ms(seconds: float) -> str:
    millis = seconds * 1000
    return f"{millis:.1f} ms" if millis < 10 else f"{millis:.0f} ms"


def mib(kib: int) -> float:
    return kib / 1024


def table(rows: Iterable[Row]) -> str:
    """The rows as an aligned plain-text table, one line each."""
    header = ("benchmark", "measure", "value", "target", "result")
    cells = [header] + [
        (row.section, row.label, row.value, row.target, row.verdict) for row in rows
    ]
    widths = [max(len(line[column]) for line in cells) for column in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in cells
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def markdown(rows: Iterable[Row]) -> str:
    """The rows as a Markdown table."""
    lines = [
        "| benchmark | measure | value | target | result |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines.extend(
        f"| {row.section} | {row.label} | {row.value} | {row.target} | {row.verdict} |"
        for row in rows
    )
    return "\n".join(lines)
