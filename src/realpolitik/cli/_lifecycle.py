"""Child processes that die with the command that started them.

Why: the extractor's workers (`extract.parallel`, forked from the command) wait on a queue for work.
If the command is killed (`kill -9`, an out-of-memory kill, a closed terminal), nothing ever tells them
to stop, and each one keeps its model in memory (~190 MB) until someone finds it. On Linux a forked child
can ask the kernel for a signal when its parent dies (`PR_SET_PDEATHSIG`); this module asks for SIGTERM in
every child forked after `die_with_parent()`, without touching the code that forks them.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

#: prctl(2) option: the signal the calling process gets when its parent thread dies.
PR_SET_PDEATHSIG = 1

_installed = False
_parent_pid = 0


def die_with_parent() -> bool:
    """Make every process forked from now on get SIGTERM when this process dies; True where supported."""
    global _installed
    if not sys.platform.startswith("linux"):
        return False
    if not _installed:
        os.register_at_fork(before=_remember_parent, after_in_child=_ask_for_signal)
        _installed = True
    return True


def _remember_parent() -> None:
    global _parent_pid
    _parent_pid = os.getpid()


def _ask_for_signal() -> None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
    except (OSError, AttributeError):  # no prctl: the child lives as before
        return
    if os.getppid() != _parent_pid:  # the parent died between fork and prctl: no signal will come
        os._exit(1)
