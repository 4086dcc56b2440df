"""Never serving strangers as root: refuse, or drop to a named user once the port is bound.

Standard library only, so `serve` can refuse before it imports asyncssh.
"""

from __future__ import annotations

import os
import pwd

ROOT_REFUSED = (
    "refusing to serve as root: run it as an ordinary user (e.g. systemd's DynamicUser=yes), "
    "or give --user NAME to listen, read the host key, and then run as NAME"
)


class PrivilegeError(Exception):
    """Who the server would run as is not acceptable; the message says what to do."""


def account(name: str | None) -> pwd.struct_passwd | None:
    """The account to drop to, None to stay as is; PrivilegeError when neither is safe."""
    root = os.geteuid() == 0
    if name is None:
        if root:
            raise PrivilegeError(ROOT_REFUSED)
        return None
    if not root:
        raise PrivilegeError(f"--user {name} needs the server to be started as root")
    try:
        found = pwd.getpwnam(name)
    except KeyError:
        raise PrivilegeError(f"--user {name}: there is no such user") from None
    if found.pw_uid == 0:
        raise PrivilegeError(f"--user {name} is root too; name an ordinary user")
    return found


def drop_to(user: pwd.struct_passwd) -> None:
    """Become `user` with its groups, for good (the saved ids too), and take its HOME, which
    explorers inherit."""
    os.setgroups(os.getgrouplist(user.pw_name, user.pw_gid))
    os.setgid(user.pw_gid)
    os.setuid(user.pw_uid)
    os.environ["HOME"] = user.pw_dir
