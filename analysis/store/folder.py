"""The all-or-nothing replacement of the output folder: files are written to a hidden
sibling, validated there, and swapped in with one atomic rename, so a failure or a kill
at any point leaves the old folder exactly as it was. SIGINT and SIGTERM are held during
the swap itself, so an interrupt lands before it (nothing replaced) or after it."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import signal
import tempfile
from pathlib import Path

_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with Linux renameat2(RENAME_EXCHANGE); False if unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    AT_FDCWD = -100
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP if hasattr(errno, "EOPNOTSUPP") else errno.EINVAL):
        return False
    raise OSError(err, os.strerror(err), str(a))


@contextlib.contextmanager
def locked(parent: Path):
    """Serialize concurrent runs writing into the same parent folder."""
    fd = os.open(parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _cwd() -> Path | None:
    try:
        return Path(os.path.realpath(os.getcwd()))
    except OSError:  # deleted
        return None


def check_target(out: Path) -> Path:
    """Refuse, as early as possible, a target whose replacement would lose something;
    returns it with links resolved. Raises OSError with the reason as its strerror."""
    out = Path(os.path.realpath(out))  # a symlinked --out replaces its target, not the link
    _check_target(out)
    return out


def _check_target(out: Path) -> None:
    """Refuse targets whose replacement would lose something: a file, or a folder that
    is not a previous output (no datapackage.json), such as `--out seeds`; the working
    directory or a folder holding it (`--out .`), which the swap would pull from under
    the run; a symbolic link loop."""
    if not out.name:
        raise IsADirectoryError(errno.EISDIR, "refusing to replace a filesystem root", str(out))
    cwd = _cwd()
    if cwd is not None and cwd.is_relative_to(out):
        reason = "it is the working directory or holds it; refusing to replace it, name a folder inside it instead"
        raise IsADirectoryError(errno.EISDIR, reason, str(out))
    if os.path.lexists(out) and not out.exists():
        try:
            os.stat(out)
        except FileNotFoundError:
            pass  # a link to a target that does not exist yet: created
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, str(out)) from None
    for ancestor in out.parents:
        if ancestor.exists():
            if not ancestor.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, f"{ancestor.name} is a file, not a folder", str(ancestor))
            break
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "it exists and is not a folder", str(out))
    if out.is_dir() and any(out.iterdir()) and not (out / "datapackage.json").is_file():
        reason = "it holds files but no datapackage.json, so it is not a previous output; refusing to replace it"
        raise FileExistsError(errno.EEXIST, reason, str(out))
    if (out.parent.exists() and not os.access(out.parent, os.W_OK)) or (out.exists() and not os.access(out, os.W_OK)):
        raise PermissionError(errno.EACCES, "not writable", str(out))


def _clean_stale(out: Path) -> None:
    """Remove what a killed run left behind (called under the lock, so no live run owns
    it); if a kill fell between the two renames of the fallback swap, put the old folder back."""
    parent = out.parent
    names = os.listdir(parent)  # matched by prefix, never as a glob: the name may hold * ? [
    backups = [parent / n for n in names if n.startswith(f".{out.name}.old-")]
    for backup in sorted(backups, key=lambda p: p.stat().st_mtime, reverse=True):
        if not out.exists():
            os.rename(backup, out)
        else:
            shutil.rmtree(backup, ignore_errors=True)
    for stale in [parent / n for n in names if n.startswith(f".{out.name}.tmp-")]:
        shutil.rmtree(stale, ignore_errors=True)


@contextlib.contextmanager
def _signals_held():
    """Delay SIGINT and SIGTERM until the block is done (they are delivered right after)."""
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _missing_parents(out: Path) -> list[Path]:
    """The ancestors of `out` that do not exist yet, nearest last."""
    missing = []
    for ancestor in out.parents:
        if ancestor.exists():
            break
        missing.append(ancestor)
    return missing[::-1]


def _remove_empty(folders: list[Path]) -> None:
    """Remove the folders this run created, deepest first, if they are still empty."""
    for folder in reversed(folders):
        try:
            os.rmdir(folder)
        except OSError:
            return


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_folder(out: Path, files: dict[str, bytes], validate=None) -> None:
    """Write `files` (relative path -> bytes) as the new content of `out` (see staged)."""
    with staged(out, validate) as staging:
        write_files(staging, files)


def write_files(folder: Path, files: dict[str, bytes]) -> None:
    for rel, content in sorted(files.items()):
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())


@contextlib.contextmanager
def staged(out: Path, validate=None):
    """A staging folder to write the new content of `out` into; when the block ends
    normally it is validated and swapped in, and when it raises, removed.

    The staging folder is a hidden sibling `.OUT.tmp-*`, and the swap is one atomic
    rename, so a failure or a kill at any point leaves `out` exactly as it was. A lock on
    the parent, held for the whole block, serializes concurrent runs, so the folder always
    holds one run's files. Parent folders the run had to create are removed again when it
    fails.
    """
    out = check_target(out)
    parent = out.parent
    created = _missing_parents(out)
    parent.mkdir(parents=True, exist_ok=True)
    try:
        with locked(parent):
            _check_target(out)  # again: a concurrent run may have changed it while we waited
            _clean_stale(out)
            staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=parent))
            try:
                yield staging
                if validate is not None:
                    validate(staging)
                staging = _swap(staging, out)
            finally:
                if staging is not None and staging.exists():
                    shutil.rmtree(staging, ignore_errors=True)
    except BaseException:
        _remove_empty(created)
        raise


def _swap(staging: Path, out: Path) -> Path | None:
    """Put `staging` in place of `out`; returns what is left to remove (the old folder)."""
    parent = out.parent
    os.chmod(staging, 0o755)
    with _signals_held():
        if out.exists():
            if not _exchange(staging, out):
                backup = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=parent))
                os.rmdir(backup)
                os.rename(out, backup)
                os.rename(staging, out)
                staging = backup
        else:
            os.rename(staging, out)
            staging = None
    _fsync_dir(parent)
    return staging


def write_file(path: Path, content: bytes) -> None:
    """Write one file all-or-nothing: to a hidden sibling first, then renamed over `path`,
    so a reader never sees half a file and a failed run leaves the old one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.tmp-", delete=False)
    try:
        with handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, 0o644)
        os.replace(handle.name, path)
    finally:
        if os.path.exists(handle.name):
            os.unlink(handle.name)
