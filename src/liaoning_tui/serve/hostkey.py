"""The server's ed25519 host key: made on first start, kept private, reused ever after."""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

import asyncssh
from platformdirs import user_data_dir

from liaoning_tui.atomic import write_atomically

KEY_NAME = "ssh_host_ed25519_key"


class HostKeyError(Exception):
    """The host key cannot be read, made or trusted; the message says what to do."""


@dataclass(frozen=True, slots=True)
class HostKey:
    key: asyncssh.SSHKey
    path: Path
    created: bool
    """Whether this start made the key (so readers see a new fingerprint)."""

    @property
    def fingerprint(self) -> str:
        return self.key.get_fingerprint("sha256")


def default_path() -> Path:
    return Path(user_data_dir("liaoning-tui")) / KEY_NAME


def load_or_create(path: Path) -> HostKey:
    """The key at `path`, made there first if there is none."""
    if not path.exists():
        created = _create(path)
        if created is not None:
            return HostKey(created, path, created=True)
    return HostKey(_read(path), path, created=False)


def _read(path: Path) -> asyncssh.SSHKey:
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            raise HostKeyError(
                f"host key {path} is readable by others (mode {mode:04o}); run: chmod 600 {path}"
            )
        return asyncssh.read_private_key(path)
    except (OSError, asyncssh.KeyImportError) as error:
        raise HostKeyError(f"cannot read host key {path}: {error}") from error


def _create(path: Path) -> asyncssh.SSHKey | None:
    """Write a new key whole or not at all; None if another server wrote one meanwhile."""
    key = asyncssh.generate_private_key("ssh-ed25519", comment="liaoning-tui host key")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomically(path, key.export_private_key(), mode=0o600)
    except FileExistsError:
        return None
    except OSError as error:
        raise HostKeyError(f"cannot create host key {path}: {error}") from error
    return key
