"""Patterns contributors add to content_rules.yml: compiled by the `regex` engine and run with a time limit.

Python's `re` cannot stop a search, so one badly nested pattern such as (a+)+$ could hold a build
for hours; `regex` takes a timeout and otherwise reads the same syntax (lookbehind included).
"""
import regex

MAX_LENGTH = 300
TIMEOUT = 0.05  # seconds per line searched; the longest real line takes well under a millisecond
ORDINARY_LINE = 200  # characters: a rule too slow on this much text is at fault, not the line it met


class TooSlow(Exception):
    """The time limit was reached; `rule_at_fault` is False when the rule is quick on an ordinary line,
    so it is the length of this line (a run of 15,000 digits) that the contributor must fix."""

    def __init__(self, rule_at_fault):
        super().__init__()
        self.rule_at_fault = rule_at_fault


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
    return regex.compile(value)


def search(pattern, text):
    """The first match in `text`, or None; TooSlow when the pattern backtracks past the time limit."""
    try:
        return pattern.search(text, timeout=TIMEOUT)
    except TimeoutError:
        raise TooSlow(len(text) <= ORDINARY_LINE or _times_out(pattern, text[:ORDINARY_LINE])) from None


def _times_out(pattern, text):
    try:
        pattern.search(text, timeout=TIMEOUT)
    except TimeoutError:
        return True
    return False
