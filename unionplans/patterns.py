"""Patterns contributors add to content_rules.yml: compiled by the `regex` engine and run with time limits.

Python's `re` cannot stop a search, so one badly nested pattern such as (a+)+$ could hold a build
for hours; `regex` takes a timeout and otherwise reads the same syntax (lookbehind included). A
pattern just under the limit on every line would still add up over a large library, so each pattern
also has an average it may not exceed, and the whole run has its budget (budget.py).
"""
import re
import warnings
from time import perf_counter

import regex

try:
    from re import _constants as sre, _parser as sre_parse  # Python 3.11+
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as sre
    import sre_parse

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
        self.needles = needles(value)
        self.lines, self.spent = 0, 0.0


NOT_A_REPEAT = re.compile(r"\{(?!\d*,?\d*\})")


def needles(value):
    """A search for strings one of which every match contains (要约 for 要约[^。]{0,12}当天), or None when there
    are none to name. A line holding none of them cannot match, so the pattern is not run on it: most lines of a
    library match no rule, and looking for a few fixed strings is far quicker than running the pattern."""
    if NOT_A_REPEAT.search(value):
        return None  # `regex` reads braces re does not ({e<=1} is fuzzy matching): the pattern runs on every line
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a nested set [[:alpha:]] re would read another way
            parsed = sre_parse.parse(value)
    except (re.error, OverflowError, RecursionError, FutureWarning, DeprecationWarning):
        return None  # syntax only `regex` reads: the pattern runs on every line
    if parsed.state.flags & re.IGNORECASE:
        return None
    found = _required(list(parsed))
    # One search for any of them: C scans the text once, however many needles the rule has.
    return re.compile("|".join(map(re.escape, sorted(found)))) if found and all(found) else None


def _required(items):
    """The most selective set of strings that any match of the sequence `items` must contain one of."""
    options, run = [], ""
    for op, arg in items:
        if op is sre.LITERAL:
            run += chr(arg)
            continue
        options.append({run})
        run = ""
        if op is sre.SUBPATTERN and not (arg[1] & re.IGNORECASE):
            options.append(_required(list(arg[-1])))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)) and arg[0] >= 1:
            options.append(_required(list(arg[2])))
        elif op is sre.BRANCH:
            branches = [_required(list(branch)) for branch in arg[1]]
            options.append(set().union(*branches) if all(branches) else None)
    options.append({run})
    usable = [o for o in options if o and all(o)]
    return max(usable, key=lambda o: min(map(len, o)), default=None)


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
    if pattern.needles and not pattern.needles.search(text):
        return None
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
