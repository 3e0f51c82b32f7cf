"""Budgets for a whole run: `check` and the build stop past their time and say where, never hang.

The per-file bounds (yamlio.MAX_FILE_BYTES, schema.MAX_TEXT, patterns.TIMEOUT a line) cap each input;
these cap what the inputs add up to. Work that can grow with the library calls `at(file)` as it moves on,
so the run stops between files with the problems found so far and the file it had reached.
"""
from contextlib import contextmanager
from dataclasses import dataclass
from time import monotonic

CHECK_SECONDS = 300     # 1,000 synthetic plans: 13 s of CPU, 80 s on two cores shared by eight jobs
BUILD_SECONDS = 1200    # 1,000 synthetic plans build in about a minute on two idle cores
MAX_EXPANDED = 100_000  # characters of a plan, or of a snippet in one sector, once its references and
                        # terms are filled in; the longest shipped plan has about 14,000


@dataclass
class Limit:
    seconds: float
    what: str           # 检查 or 构建, as the message says it
    end: float
    file: str = ""      # the file the run had reached


class OverBudget(Exception):
    def __init__(self, limit):
        self.file = limit.file
        self.message = (f"{limit.what}超过了 {limit.seconds} 秒的时限，停在这个文件（此前发现的问题列在上面）。"
                        "多半是这个文件里有极长的行、大量重复的引用，或 content_rules.yml 里有很慢的规则："
                        "请缩短或拆分这个文件，或改写规则。")
        super().__init__(f"{self.file}: {self.message}")


_active = None


def start(seconds, what, file=""):
    """Start the run's clock; `file` names where it is until the first `at`."""
    global _active
    _active = Limit(seconds, what, monotonic() + seconds, str(file))


def stop():
    global _active
    _active = None


@contextmanager
def limit(seconds, what, file=""):
    start(seconds, what, file)
    try:
        yield
    finally:
        stop()


def at(file=None):
    """Note the file the run has reached; raise OverBudget once the time is spent."""
    if _active is None:
        return
    if file is not None:
        _active.file = str(file)
    if monotonic() >= _active.end:
        raise OverBudget(_active)


def remaining():
    """Seconds left in the run (infinite outside a budget)."""
    return float("inf") if _active is None else max(0.0, _active.end - monotonic())
