"""Which algorithms the server speaks: OpenSSH 9's defaults, less SHA-1, and no compression.

asyncssh's own defaults still offer `diffie-hellman-group14-sha1`, `hmac-sha1` and the `ssh-rsa`
(SHA-1) signature; an explicit list is the only way to say no to them. Names asyncssh cannot use
here (a post-quantum exchange without its library) are left out rather than refused at start.
"""

from __future__ import annotations

from dataclasses import dataclass

from asyncssh.encryption import get_encryption_algs
from asyncssh.kex import get_kex_algs
from asyncssh.mac import get_mac_algs
from asyncssh.public_key import get_public_key_algs

KEX = (
    "mlkem768x25519-sha256",
    "curve25519-sha256",
    "curve25519-sha256@libssh.org",
    "ecdh-sha2-nistp256",
    "ecdh-sha2-nistp384",
    "ecdh-sha2-nistp521",
    "diffie-hellman-group-exchange-sha256",
    "diffie-hellman-group16-sha512",
    "diffie-hellman-group18-sha512",
    "diffie-hellman-group14-sha256",
)
CIPHERS = (
    "chacha20-poly1305@openssh.com",
    "aes128-ctr",
    "aes192-ctr",
    "aes256-ctr",
    "aes128-gcm@openssh.com",
    "aes256-gcm@openssh.com",
)
MACS = (
    "umac-64-etm@openssh.com",
    "umac-128-etm@openssh.com",
    "hmac-sha2-256-etm@openssh.com",
    "hmac-sha2-512-etm@openssh.com",
    "umac-64@openssh.com",
    "umac-128@openssh.com",
    "hmac-sha2-256",
    "hmac-sha2-512",
)
SIGNATURES = (
    "ssh-ed25519",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com",
    "rsa-sha2-512",
    "rsa-sha2-256",
)


def _usable(names: tuple[str, ...], known: list[bytes]) -> tuple[str, ...]:
    have = {name.decode() for name in known}
    return tuple(name for name in names if name in have)


@dataclass(frozen=True, slots=True)
class Algorithms:
    """What the server offers; narrow any list in `ServeConfig` to offer less."""

    kex: tuple[str, ...] = KEX
    ciphers: tuple[str, ...] = CIPHERS
    macs: tuple[str, ...] = MACS
    signatures: tuple[str, ...] = SIGNATURES
    compression: bool = False
    """zlib lets a 48 kB packet become 50 MB in memory, so it is off unless asked for."""

    def options(self) -> dict[str, object]:
        """Keyword arguments for `asyncssh.listen`."""
        return {
            "kex_algs": list(_usable(self.kex, get_kex_algs())),
            "encryption_algs": list(_usable(self.ciphers, get_encryption_algs())),
            "mac_algs": list(_usable(self.macs, get_mac_algs())),
            "signature_algs": list(_usable(self.signatures, get_public_key_algs())),
            "compression_algs": ["zlib@openssh.com", "none"] if self.compression else ["none"],
        }
