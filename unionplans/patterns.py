"""Patterns contributors add to content_rules.yml: compiled by the `regex` engine and run with time limits.

Python's `re` cannot stop a search, so one badly nested pattern such as (a+)+$ could hold a build
for hours; `regex` takes a timeout and otherwise reads the same syntax (lookbehind included). A
pattern just under the limit on every line would still add up over a large library, so each pattern
also has an average it may not exceed, and the whole run has its budget (budget.py).
"""
from time import perf_counter

import regex

from . import budget

MAX_LENGTH = 300
TIMEOUT = 0.05     # seconds per line searched; the longest real line takes well under a millisecond
AVERAGE = 0.001    # seconds per line on average, once a pattern has spent GRACE; the slowest shipped rule
                   # averages 0.1 ms on two cores shared by eight jobs
GRACE = 1.0        # seconds a pattern may spend in all before its average counts (one slow line is not a slow rule)
ORDINARY_LINE = 200  # characters: a rule too slow on this much text is at fault, not the line it met


class TooSlow(Exception):
    """`where` says which limit it passed: 一行文字上 or 全部文字上平均每行. `rule_at_fault` is False when the
    rule is quick on an ordinary line, so it is the length of this line (a run of 15,000 digits) that the
    contributor must fix."""

    def __init__(self, where, rule_at_fault=True):
        super().__init__(where)
        self.where, self.rule_at_fault = where, rule_at_fault


class Pattern:
    """A compiled pattern that keeps count of the lines it has searched and the time it has taken."""

    def __init__(self, value):
        self.compiled = regex.compile(value)
        self.lines, self.spent = 0, 0.0


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
    """The first match in `text`, or None; TooSlow past the line's limit or the pattern's average, OverBudget
    past the run's budget."""
    start = perf_counter()
    try:
        found = pattern.compiled.search(text, timeout=min(TIMEOUT, budget.remaining()))
    except TimeoutError:
        budget.at()
        raise TooSlow("一行文字上", len(text) <= ORDINARY_LINE or _times_out(pattern, text[:ORDINARY_LINE])) from None
    pattern.lines, pattern.spent = pattern.lines + 1, pattern.spent + perf_counter() - start
    if pattern.spent > GRACE + AVERAGE * pattern.lines:
        raise TooSlow("全部文字上平均每行")
    return found


def _times_out(pattern, text):
    try:
        pattern.compiled.search(text, timeout=TIMEOUT)
    except TimeoutError:
        return True
    return False
