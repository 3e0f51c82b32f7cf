"""Patterns contributors add to content_rules.yml: compiled by the `regex` engine and run with time limits.

Python's `re` cannot stop a search, so one badly nested pattern such as (a+)+$ could hold a build
for hours; `regex` takes a timeout and otherwise reads the same syntax (lookbehind included). A
pattern just under the limit on every line would still add up over a large library, so each pattern
also has a total, and the whole run has its budget (budget.py).
"""
from time import perf_counter

import regex

from . import budget

MAX_LENGTH = 300
TIMEOUT = 0.05     # seconds per line searched; the longest real line takes well under a millisecond
TOTAL = 5.0        # seconds per pattern over the whole library; a shipped rule takes a few milliseconds


class TooSlow(Exception):
    """`where` says what the limit applied to: 一行文字 or 全部文字."""

    def __init__(self, where):
        super().__init__(where)
        self.where = where


class Pattern:
    """A compiled pattern that keeps count of the time it has taken."""

    def __init__(self, value):
        self.compiled = regex.compile(value)
        self.spent = 0.0


def problem(value):
    """What is wrong with a pattern, phrased as what to write instead; None when it is usable."""
    if not isinstance(value, str) or not value:
        return "一个正则表达式"
    if len(value) > MAX_LENGTH:
        return f"不超过 {MAX_LENGTH} 个字符的正则表达式；太长的规则请拆成几条"
    try:
        regex.compile(value)
    except regex.error as error:
        return f"一个正确的正则表达式（{error}）"
    return None


def compile(value):
    return Pattern(value)


def search(pattern, text):
    """The first match in `text`, or None; TooSlow past the line's or the pattern's limit, OverBudget past the run's."""
    start = perf_counter()
    try:
        return pattern.compiled.search(text, timeout=max(0.0, min(TIMEOUT, TOTAL - pattern.spent, budget.remaining())))
    except TimeoutError:
        budget.at()
        raise TooSlow("全部文字" if pattern.spent + perf_counter() - start >= TOTAL else "一行文字") from None
    finally:
        pattern.spent += perf_counter() - start
