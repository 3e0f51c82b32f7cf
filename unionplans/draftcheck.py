"""A reader's own draft checked by the library's rules: the reference for the page “检查自己的计划”.

It reads the export of draftrules.py, as the browser does, and runs the same steps line by line; the
steps that are code (numbering, the year, festival dates, punctuation through autocorrect) are written
here once more in docs/javascripts/draftcheck.js, and tests/test_draftcheck.py compares both on the
same drafts. Offsets count characters (code points).
"""
import datetime

import autocorrect_py
import regex

from . import content  # noqa: F401  (configures autocorrect as the library's own check uses it)
from . import festivals, render

# 前 or 后 a few characters after a festival (and its date, if written): 春节（2月6日）停产放假前
FESTIVAL_SIDE = r"(?:[（(][^）)\n]{0,12}[）)])?(?:[^，。；、\n]{0,6}?(前后|前|后))?"
DATE = r"([0-9]{1,2})月([0-9]{1,2})日"
CHINESE = {render.chinese_number(n): n for n in range(1, 100)}


def check(text, rules, sector=None, year=None):
    """{"sector", "guessed", "year", "findings"} for a draft; each finding has start, end, line, text, class,
    message, fix (the replacement, or None) and safe (whether one click may apply it)."""
    year = year or rules["year"]
    guessed = sector is None
    sector = sector or guess_sector(text, rules)
    compiled = [(r, regex.compile(r["pattern"])) for r in rules["rules"]]
    found, state = [], {"month": None, "numbers": []}
    at = 0
    for number, line in enumerate(text.split("\n"), start=1):
        def add(start, end, cls, message, fix=None, safe=False):
            found.append({"start": at + start, "end": at + end, "line": number, "text": line[start:end],
                          "class": cls, "message": message, "fix": fix, "safe": safe})
        masked = regex.sub(rules["bookTitle"], lambda m: "书" * len(m.group(0)), line)  # titles are quoted as published
        for rule, pattern in compiled:
            if not rule.get("sectors") or sector in rule["sectors"]:
                for m in pattern.finditer(masked):
                    if m.end() > m.start():
                        add(m.start(), m.end(), rule["class"], rule["advice"])
        if sector:
            _misfits(line, rules["sectors"][sector], add)
        _years(masked, year, rules, add)
        _festivals(line, year, rules, state, add)
        _numbering(line, rules, state, add)
        _punctuation(line, rules, add)
        at += len(line) + 1
    return {"sector": sector, "guessed": guessed and sector is not None, "year": year, "findings": _distinct(found)}


def _distinct(found):
    """Sorted by place; a finding inside a longer one of the same class (建成小康 in 全面建成小康) is left out."""
    found.sort(key=lambda f: (f["start"], -f["end"], f["class"]))
    kept, reach = [], {}  # class → the furthest end of a finding kept so far (all of them start earlier)
    for f in found:
        if reach.get(f["class"], -1) < f["end"]:
            kept.append(f)
            reach[f["class"]] = f["end"]
    return kept


def guess_sector(text, rules):
    """The sector whose signs (its name, its own terms, its family's words) the draft uses most; None if none."""
    scores = {sid: sum(text.count(sign) for sign in s["signs"]) for sid, s in rules["sectors"].items()}
    best = max(scores, key=lambda sid: scores[sid])  # the first of equals, in the order of sectors.yml
    return best if scores[best] else None


def _misfits(line, sector, add):
    masked = line
    for value in sector["own"]:
        masked = masked.replace(value, "□" * len(value))
    for word, misfit in sector["misfits"].items():
        start = masked.find(word)
        while start != -1:
            add(start, start + len(word), "行业用错称谓", misfit["message"], misfit["fix"], False)
            start = masked.find(word, start + len(word))


def _years(line, year, rules, add):
    ranges = [(int(m.group(1)), int(m.group(2)), m.span()) for m in regex.finditer(r"([0-9]{4})\s*[—–\-~～至到]\s*([0-9]{4})", line)]
    for m in regex.finditer(r"(?<![0-9０-９])((?:19|20)[0-9]{2})(?=\s*年)", line):
        y = int(m.group(1))
        if year <= y <= year + 1 or regex.match(rules["citedYear"], line[m.end() + 1:]):
            continue
        if any(a <= year <= b and s <= m.start() < e for a, b, (s, e) in ranges):
            continue
        add(m.start(), m.end(), "年份", f"这份计划是 {year} 年的，这里写的是 {y} 年。若是上一年的计划改来的，请改为 {year}；"
                                       "若是回顾往年的情况，请保留。", str(year), True)


def _festival_names(rules):
    names = sorted(rules["festivals"], key=len, reverse=True)
    return "|".join(regex.escape(n[:-1]) + "节?" if len(n) > 2 and n.endswith("节") else regex.escape(n) for n in names)


def _festival(found, rules):
    return next(n for n in rules["festivals"] if n.startswith(found.rstrip("节")))


def _festivals(line, year, rules, state, add):
    """Festival dates of another year (春节（2月17日）in a 2027 plan), and festivals placed in the wrong month."""
    names = _festival_names(rules)
    date_of = lambda name: rules["festivals"][name].get(str(year))  # noqa: E731
    after = rf"({names})[（(]?(?:农历[^）)\n]{{0,8}}?[，,、 ]?)?{DATE}"
    before = rf"{DATE}[（(]?({names})"
    for m, name_group, day in [(m, 1, 2) for m in regex.finditer(after, line)] + [(m, 3, 1) for m in regex.finditer(before, line)]:
        name = _festival(m.group(name_group), rules)
        right = date_of(name)
        written = [int(m.group(day)), int(m.group(day + 1))]
        if right and written != right:
            others = [y for y, d in rules["festivals"][name].items() if d == written]
            where = f"（这是 {others[0]} 年的日期）" if others else ""
            add(m.start(day), m.end(day + 1) + 1, "节日日期", f"{year} 年的{name}是 {right[0]}月{right[1]}日，这里写的是 "
                f"{written[0]}月{written[1]}日{where}。", f"{right[0]}月{right[1]}日", True)
    label = regex.match(rules["monthLabel"], line)
    if label:  # a month heads its own items, as a level between 一、 and 1.
        state["month"] = _month(label.group(1)) if label.group(1) else None  # 经常性工作: no month
        state["numbers"][:] = (state["numbers"][:1] or [0]) + [0]
    elif _level(line, rules) in (1, 2):
        state["month"] = None
    month = state["month"]
    if not month or month in (11, 12):  # a November or December row prepares next year's festivals
        return
    for m in regex.finditer(rf"({names}){FESTIVAL_SIDE}", line):
        name = _festival(m.group(1), rules)
        right = date_of(name)
        side = m.group(2) or ""  # an item without 前 or 后 may also prepare the festival in the days before
        if right and not any(festivals._near_month(_date(year, right), s, month) for s in {side, side or "前"}):
            add(m.start(1), m.end(1), "节日所在月份", f"{year} 年的{name}是 {right[0]}月{right[1]}日，这一项却写在 {month} 月。"
                                                   f"请移到 {right[0]} 月（或写成“{name}前”“{name}后”的相应月份）。")


def _date(year, month_day):
    return datetime.date(year, *month_day)


def _month(label):
    return int(label) if label.isdigit() else CHINESE[label]


def _level(line, rules):
    return next((lv["level"] for lv in rules["numbering"]["levels"] if regex.match(lv["pattern"], line)), None)


def _numbering(line, rules, state, add):
    """Typed numbers in the order 一、→（一）→1.→（1）: no level skipped, each level counting from 1, one form."""
    for spec in rules["numbering"]["levels"]:
        m = regex.match(spec["pattern"], line)
        if m:
            break
    else:
        return
    level, digits = spec["level"], [g for g in m.groups() if g and (g.isdigit() or g in CHINESE)][0]
    n = int(digits) if digits.isdigit() else CHINESE.get(digits, 0)
    labels = rules["numbering"]["labels"][str(level)]
    numbers = state["numbers"]
    start = len(m.group(0)) - len(m.group(0).lstrip(" \t\u3000"))
    if level > len(numbers) + 1:
        missing = rules["numbering"]["labels"][str(len(numbers) + 1)][0]
        add(start, m.end(), "序号跳级", f"序号跳了一级：上面没有“{missing}”这一级，就用了“{labels[0]}”。"
                                       "层级依次是 一、→（一）→1.→（1）。请补上上一级，或改用上一级的序号。")
        return
    del numbers[level:]
    expected = numbers[level - 1] + 1 if len(numbers) >= level else 1
    del numbers[level - 1:]
    numbers.append(expected)
    right = labels[expected - 1] if expected <= len(labels) else None
    if right and m.group(0)[start:] != right:
        why = (f"序号不连续：这里应是“{right}”。" if n != expected else
               f"这一级的序号写作“{right}”（一、→（一）→1.→（1），全角括号，阿拉伯数字后用点）。")
        add(start, m.end(), "序号", why, right, True)


def _punctuation(line, rules, add):
    """autocorrect's corrections (half-width punctuation, full-width digits and letters), one finding each."""
    if regex.search(rules["invisible"], line):
        return
    fixed = autocorrect_py.format(line)
    for a, b, new in changes(line, fixed):
        add(a, b, "标点和空格", "中文里用全角标点（，。：！？），数字和字母用半角，汉字和标点之间不留空格。", new, True)


def changes(old, new):
    """(start, end, replacement) runs where `new` differs from `old`. autocorrect, with its spacing rules off,
    only replaces characters one for one and deletes spaces, so a walk along both strings finds them; the browser
    walks the same way."""
    runs, i, j = [], 0, 0
    while i < len(old):
        if j < len(new) and old[i] == new[j]:
            i, j = i + 1, j + 1
            continue
        start, begin = i, j
        while i < len(old) and not (j < len(new) and old[i] == new[j]):
            if old[i] in " \t\u3000" and len(old) - i > len(new) - j:
                i += 1  # a space deleted
            else:
                i, j = i + 1, j + 1
        runs.append((start, i, new[begin:j]))
    return runs
