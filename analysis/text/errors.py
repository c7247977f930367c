"""The two kinds of problem a user can fix, and how each is shown: an error is one line
`error: <file>: <problem>` and exit 2, a warning one line `warning: <file>: <problem>`.
Operating-system errors are put in the same words (`os_problem`), never as a traceback."""

from __future__ import annotations

import errno
import re

from analysis.paths import display_path

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")

# What to do about an errno, added to the system's own words for it.
_HINTS = {
    errno.ENAMETOOLONG: "; shorten the file name or the path",
    errno.ELOOP: "; a symbolic link on the way points back at itself",
    errno.EACCES: "; a folder on the way cannot be entered, or the file cannot be read",
}


def one_line(text) -> str:
    """Escape control characters (newlines included) and lone surrogates, so that a
    hostile file name or YAML value cannot break the one-line message format."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), str(text))


def os_problem(exc: OSError) -> str:
    """An OSError in plain words, without the path it names (the message names it)."""
    return (exc.strerror or type(exc).__name__) + _HINTS.get(exc.errno, "")


class InputError(Exception):
    """Bad input a user can fix: reported as one line naming the file, exit code 2."""

    def __init__(self, path, problem: str):
        self.path = one_line(display_path(path) if path is not None else "-")
        self.problem = one_line(problem)
        super().__init__(f"{self.path}: {self.problem}")


class InputWarning(str):
    """A recoverable problem, printed as `warning: <file>: <problem>`; a str (so warning
    lists stay lists of text) that keeps its parts for --strict to report as an error."""

    def __new__(cls, path, problem: str):
        self = super().__new__(cls, f"{one_line(display_path(path))}: {one_line(problem)}")
        self.path, self.problem = path, problem
        return self
