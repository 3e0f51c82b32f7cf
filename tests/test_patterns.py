"""A content rule runs only on text holding one of its needles: the strings every match of it contains.
The needles must never hide a match, whatever the pattern, and the shipped rules must have them."""
import regex

from conftest import LIBRARY
from unionplans import content, patterns


def test_needles_are_read_from_the_pattern():
    assert patterns.needles("要约[^。；]{0,12}(?:当天|当日)").pattern == "要约"
    assert set(patterns.needles("十九大|脱贫攻坚").pattern.split("|")) == {"十九大", "脱贫攻坚"}
    assert patterns.needles("(?<!不)得").pattern == "得"  # a look-behind's words need not be there
    assert patterns.needles("(\\d{1,2})月x\\1月").pattern == "月x"  # a back-reference is read as its group


def test_a_pattern_whose_words_cannot_be_named_runs_on_every_line():
    for value in ["x|y*", "(?i)abc", "foo{e<=1}", "\\p{Han}+", "[[:alpha:]]x", "(?|(a)|(b))"]:
        assert patterns.needles(value) is None, value


def test_needles_never_hide_a_match_of_a_shipped_rule():
    """Every shipped rule against every line of the shipped library and its own example: where the rule matches,
    the line holds one of its needles."""
    lines = {row for plan in LIBRARY.plans.values() for text in content.strings(plan) for row in text.split("\n")}
    lines |= {row for snippet in LIBRARY.snippets.values() for row in snippet.body.split("\n")}
    named = 0
    for rule in LIBRARY.content_rules:
        pattern = patterns.compile(rule["pattern"])
        named += pattern.needles is not None
        for line in [*lines, rule.get("example") or ""]:
            if regex.search(rule["pattern"], line):
                assert pattern.needles is None or pattern.needles.search(line), (rule["class"], line)
    assert named >= len(LIBRARY.content_rules) - 2  # all but a rule or two are screened by their words
