"""Outputs that cannot destroy anything: staged whole, published only when the run succeeded.

- An output is written to an unnamed file (O_TMPFILE) in its target's directory and linked
  into place only when the whole run succeeded, by a rename that replaces the name itself:
  a symlink planted at the target is replaced, never followed. If the process dies, even
  by SIGKILL, the kernel frees the unnamed file: nothing is left behind. Where the file
  system has no unnamed files, a named `.comply-PID-XXXX.part` file is used instead; the
  next run sweeps away those whose process is gone.
- Scratch directories in the temporary directory are named `comply-WHAT-PID-XXXX`, for
  the same sweep.
- An output may not name an input, nor another output (by path, or by device and inode).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import secrets
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO

from .errors import OutputError
from .messages import msg

_OURS = re.compile(r"^\.?comply-(?:[a-z]+-)?(\d+)-[A-Za-z0-9_]+(?:\.part)?$")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's live process
    return True


def sweep(directory: Path) -> int:
    """Remove what killed comply runs left in `directory` (named by a PID that is gone)."""
    removed = 0
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return 0
    for entry in entries:
        match = _OURS.match(entry.name)
        if match is None or _alive(int(match.group(1))):
            continue
        with contextlib.suppress(OSError):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
            removed += 1
    return removed


@contextlib.contextmanager
def scratch_dir(what: str) -> Iterator[str]:
    """A scratch directory in the temporary directory, removed on any exit Python sees."""
    with tempfile.TemporaryDirectory(prefix=f"comply-{what}-{os.getpid()}-") as path:
        yield path


def check_target(path: Path, role: str) -> Path:
    """The path an output will be published at: a regular file or nothing there yet (a
    symlink there is replaced, not followed), in a directory that exists."""
    target = Path(os.path.abspath(path))
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise OutputError(
            msg("out_cannot_write", role=role, path=path, reason=exc.strerror)
        ) from None
    if mode is not None and not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise OutputError(msg("out_not_regular", role=role, path=path))
    if not target.parent.is_dir():
        raise OutputError(msg("out_no_directory", role=role, path=path, directory=target.parent))
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise OutputError(
            msg("out_directory_not_writable", role=role, path=path, directory=target.parent)
        )
    return target


def _same(a: Path, b: Path) -> bool:
    if os.path.abspath(a) == os.path.abspath(b):
        return True
    try:
        one, two = os.stat(a), os.stat(b)
    except OSError:
        return False
    return (one.st_dev, one.st_ino) == (two.st_dev, two.st_ino)


def check_distinct(inputs: Mapping[str, Path | None], outputs: Mapping[str, Path | None]) -> None:
    """Refuse an output that names an input, or another output (decisions are never
    written over the data they came from, nor over each other)."""
    given_outputs = [(role, path) for role, path in outputs.items() if path is not None]
    for role, path in given_outputs:
        for other, source in inputs.items():
            if source is not None and _same(path, source):
                raise OutputError(msg("out_is_input", role=role, path=path, other=other))
    for index, (role, path) in enumerate(given_outputs):
        for other, second in given_outputs[index + 1 :]:
            if _same(path, second):
                raise OutputError(
                    msg("out_same_file", role=role, path=path, other=other, second=second)
                )


class Staged:
    """An output being written: published whole by `publish`, else gone.

    `target` None stages for standard output. A workbook writes to `stream.buffer`."""

    def __init__(self, target: Path | None, role: str = "--out") -> None:
        self.role, self.path = role, target
        self.target = check_target(target, role) if target is not None else None
        self._named: str | None = None  # a .part file, where no unnamed file can be made
        directory = str(self.target.parent) if self.target is not None else None
        if self.target is not None:
            sweep(self.target.parent)
        try:
            fd = self._unnamed(directory)
        except OSError as exc:
            raise OutputError(
                msg("out_cannot_write", role=role, path=target, reason=exc.strerror)
            ) from None
        raw = open(fd, "w+b", closefd=True)  # noqa: SIM115 - closed by publish or discard
        self.binary: IO[bytes] = raw
        self.stream: IO[str] = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        self.done = False

    def _unnamed(self, directory: str | None) -> int:
        where = directory or tempfile.gettempdir()
        flags = os.O_RDWR | getattr(os, "O_CLOEXEC", 0)
        if hasattr(os, "O_TMPFILE"):
            with contextlib.suppress(OSError):
                return os.open(where, os.O_TMPFILE | flags, 0o600)
        name = os.path.join(where, f".comply-{os.getpid()}-{secrets.token_hex(6)}.part")
        fd = os.open(name, os.O_CREAT | os.O_EXCL | flags, 0o600)
        self._named = name
        return fd

    def publish(self) -> None:
        """Put the output in place (or on standard output); nothing else may fail after."""
        self.stream.flush()
        if self.target is None:
            self.stream.seek(0)
            try:
                while chunk := self.stream.read(1 << 16):
                    sys.stdout.write(chunk)
                sys.stdout.flush()
            except OSError as exc:
                raise OutputError(f"standard output: cannot write there ({exc.strerror})") from None
            finally:
                self.discard()
            return
        umask = os.umask(0)
        os.umask(umask)
        try:
            os.fchmod(self.binary.fileno(), 0o666 & ~umask)  # as a plain file would be created
            if self._named is None:
                name = f".comply-{os.getpid()}-{secrets.token_hex(6)}.part"
                directory = os.open(self.target.parent, os.O_RDONLY | os.O_DIRECTORY)
                try:  # linkat(2) with AT_SYMLINK_FOLLOW: a name for the unnamed file
                    source = f"/proc/self/fd/{self.binary.fileno()}"
                    os.link(source, name, dst_dir_fd=directory, follow_symlinks=True)
                finally:
                    os.close(directory)
                name = os.path.join(self.target.parent, name)
            else:
                name = self._named
            os.replace(name, self.target)  # replaces a symlink there, never follows it
        except OSError as exc:
            raise OutputError(
                f"{self.role} {self.path}: cannot write there ({exc.strerror})"
            ) from None
        self._named = None
        self.done = True
        self.discard()

    def discard(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.stream.close()
        if self._named is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._named)
            self._named = None
