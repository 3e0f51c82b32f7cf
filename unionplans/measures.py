"""Measures: each commitment of a plan, declared once with what is done, who leads and when.

A measure's `when` is a month or months (3月、9月), a frequency (每季度), a time in the school term
(开学第1周, 期末) or a festival anchor with an offset (春节前2周, 元宵节后). The body prints each measure
as an item of its section; the month-by-month table is generated from all of them, in the plan's span.
"""
import datetime
import re
from dataclasses import dataclass

from . import wording

MONTHS = re.compile(r"^\d{1,2}月(?:、\d{1,2}月)*$")
FREQUENCIES = ("每周", "每月", "每季度", "每学期", "每半年", "每年")
FREQUENCY_WORD = re.compile("|".join(FREQUENCIES))
TERM_TIME = re.compile(r"^(?:开学第([1-9]|1[0-9])周|期中|期末)$")
OFFSET = re.compile(r"^([前后])(?:(\d{1,2})(周|天))?$")
DEFAULT_SHIFT = {"前": 14, "后": 7}  # 春节前: two weeks before; 元宵节后: the week after
MID_MONTH, MONTH_END = 15, 28  # where a bare month, 期中 and 期末 sit among a month's dated measures
FREQUENT_ROW = "经常性工作"
# The parts of a calendar year a hook may belong to (plan_types.yml dated_hooks): before the year's congress, after it.
QUARTERS = {"前三季度": range(1, 10), "第四季度": range(10, 13)}
EXAMPLES = "3月、“3月、9月”、每月、每季度、每学期、开学第1周、期末、春节前2周、元宵节后、“元宵节后、8月”"


@dataclass
class Measure:
    """One commitment as the plan declares it, with where it was written."""
    id: str
    do: str
    lead: str
    when: str
    file: str
    line: int
    data: dict  # the YAML record (its needs, its lines)


def kind(when, festivals):
    """'months', 'frequency', 'term', 'festival' or 'dates' (months and festivals joined by 、, as in
    “元宵节后、5月、8月”); None when `when` is none of these."""
    if not isinstance(when, str):
        return None
    parts = when.split("、")
    if len(parts) > 1 and not MONTHS.match(when):
        return "dates" if all(kind(p, festivals) in ("months", "festival") for p in parts) else None
    if MONTHS.match(when) and all(1 <= m <= 12 for m in months_written(when)):
        return "months"
    if when in FREQUENCIES:
        return "frequency"
    if TERM_TIME.match(when):
        return "term"
    name, rest = festival_split(when, festivals)
    if name and (rest == "" or OFFSET.match(rest)):
        return "festival"
    return None


def expected(festivals):
    return (f"措施的时间 when：一个或几个月份、频次（{'、'.join(FREQUENCIES)}）、学期里的时间（开学第N周、期中、期末）"
            f"或农历节日（{'、'.join(festivals)}，可加“前”“后”和周数或天数），如 {EXAMPLES}")


def months_written(when):
    return [int(m) for m in re.findall(r"(\d{1,2})月", when)]


def festival_split(when, festivals):
    name = max((n for n in festivals if when.startswith(n)), key=len, default=None)
    return (name, when[len(name):]) if name else (None, when)


def festival_date(when, dates):
    """The day a festival anchor falls on for the edition's dates: 春节前2周 → 春节 minus 14 days."""
    name, rest = festival_split(when, dates)
    days = 0
    if rest:
        side, count, unit = OFFSET.match(rest).groups()
        days = (int(count) * (7 if unit == "周" else 1)) if count else DEFAULT_SHIFT[side]
        days = -days if side == "前" else days
    return dates[name] + datetime.timedelta(days=days)


def term_days(when, terms, dates):
    """(month, day) of a term-relative time in each of `terms` (one term for a term plan, both for a school year):
    开学第N周 counts weeks from the day the term opens (calendar.yml: 9月, or 元宵节后 in spring)."""
    days = []
    for term in terms:
        span = list(term["months"])
        if when == "期末":
            days.append((span[-1], MONTH_END))
        elif when == "期中":
            days.append((span[(len(span) - 1) // 2], MID_MONTH))
        else:
            opens = (festival_date(term["opens"], dates) if kind(term["opens"], dates) == "festival"
                     else datetime.date(2001, months_written(term["opens"])[0], 1))
            day = opens + datetime.timedelta(weeks=int(TERM_TIME.match(when).group(1)) - 1)
            days.append((day.month, day.day) if day.month in span else (span[-1], MONTH_END))
    return days


def days(when, dates, terms, do=""):
    """(month, day) for each time a measure falls on; a bare month reads as its middle, so within a month the
    table lists 春节（2月6日） before “2月” and 元宵节后 after it. [] for a frequency (it has its own row)."""
    found = kind(when, dates)
    if found == "dates":
        return [d for part in when.split("、") for d in days(part, dates, terms, do)]
    if found == "months":
        return [(m, _day_said(do, m)) for m in months_written(when)]
    if found == "festival":
        day = festival_date(when, dates)
        return [(day.month, day.day)]
    if found == "term":
        return term_days(when, terms, dates)
    return []


PART_OF_MONTH = re.compile(r"^(?:(\d{1,2})月)?(?:(\d{1,2})日|(上旬|月初)|(中旬)|(下旬|月底|月末))")


# The part of the month that words open with, as a row may repeat it: 下旬, 中旬前, 上旬起, 12日 (not a month).
DAY_WORD = re.compile(r"\d{1,2}日|上旬|中旬|下旬|月初|月底|月末")
EARLY_DAY = {"月初": 1, "上旬": 5}  # 月初 is the month's first days, so it sorts before 上旬
DAY_OPENING = re.compile(rf"^(?:{DAY_WORD.pattern})(?:以前|前|起|后)?")


def _day_said(do, month):
    """The day the words give for a measure dated by month alone: 月初 → 1, 上旬 → 5, 下旬 or 月底 → 25, 12日 → 12,
    “三八” → 8, “三八”节前 → 7, “五一前” in 4月 → its end, “国庆假期后” → a week after the 1st; the middle of the
    month when they give none (or give another month's)."""
    said = PART_OF_MONTH.match(do)
    if not said or (said.group(1) and int(said.group(1)) != month):
        named = named_day(do)  # “三八”当天 in 3月 is the 8th; “五一前” in 4月 is the end of April
        if named and named[0] == month:
            return named[1] + {"后": AFTER_HOLIDAY, "前": -1}.get(named[2], 0)
        return MONTH_END if named and named[2] == "前" and named[0] == month % 12 + 1 else MID_MONTH
    day, early, late = said.group(2, 3, 5)  # 中旬 is the middle, as a bare month is
    return int(day) if day else EARLY_DAY[early] if early else 25 if late else MID_MONTH


def frequency(measure_months, when):
    """How often a set of months recurs, in the words a goal would use."""
    if when in FREQUENCIES:
        return when
    if when and TERM_TIME.match(when):
        return "每学期"  # once in each term the plan covers
    return {1: "每年", 2: "每半年", 4: "每季度", 12: "每月"}.get(len(set(measure_months)))


MONTH_WORD = re.compile(r"(?<![\d年])(\d{1,2})月")  # a month in `when`, not a year's digits (2027年1月)


def phrase(when, festival_values, labels=None):
    """`when` as the body prints it: a festival carries the edition's date (春节（2月6日）前2周), and a month the
    plan's table labels across the new year reads as the table does (次年1月, 上年12月)."""
    found = kind(when, festival_values)
    if found == "dates":
        return "、".join(phrase(part, festival_values, labels) for part in when.split("、"))
    if found == "months" and labels:
        return MONTH_WORD.sub(lambda m: labels.get(int(m.group(1)), m.group(0)), when)
    if found != "festival":
        return when
    name, rest = festival_split(when, festival_values)
    return festival_values[name] + rest


def sentence(record, festival_values, labels=None):
    """The item the body prints for a measure record: 由工会主席牵头，3月召开……, or 由工会主席负责，3月配合……
    where the union assists another's work. The lead comes first, so a numbered item never reads “1.3月”; a month
    the words already open with (4月23日世界读书日) is not said twice; `labels` are the table's row labels, so a
    January past the year's turn reads 次年1月 here as it does there."""
    do = record["do"].strip()
    end = "" if do.endswith(("。", "！", "？")) else "。"
    when = phrase(record["when"], festival_values, labels)
    month = re.fullmatch(r"(\d{1,2})月", record["when"])
    if month and do.startswith("月"):
        do, said = when + do[1:], True  # “4月” + “月底前完成” reads “4月底前完成”
    else:  # words that open with their own date (9月下旬至10月中旬…, 八一前后…) say it better than `when`
        said = do.startswith(when) or re.match(r"\d{1,2}月", do) or (
            month and (named_day(do) or (0,))[0] == int(month.group(1)))
    role = "负责" if _undated(do).startswith(("配合", "协助")) else "牵头"  # who 配合s another's work does not 牵头 it
    return f"由{record['lead']}{role}，{'' if said else when}{do}{end}"


def _undated(words):
    """The words after the month and day they open with: 9月下旬，配合… → 配合…"""
    return DAY_OPENING.sub("", re.sub(r"^\d{1,2}月", "", words)).lstrip("，")


# Days whose name says their date: “8月八一前后” says the month twice, so a measure opening with one drops its
# month, and in the month's row it sits on its day (“三八”当天 before a bare 3月).
NAMED_DAYS = {"元旦": (1, 1), "三八": (3, 8), "五一": (5, 1), "五四": (5, 4), "七一": (7, 1), "八一": (8, 1),
              "国庆": (10, 1), "教师": (9, 10)}


NAMED_OPENING = re.compile(rf"^[“”\"]?({'|'.join(NAMED_DAYS)})[”\"]?节?(前后|前|(?:假期|长假)?后)?")
AFTER_HOLIDAY = 7  # “国庆假期后”, “元旦后”: the week after the day and its holiday


def named_day(words):
    """(month, day, relation) of the named day the words open with, relation 前, 后 or "" (the day itself, or
    around it): “三八”节 → (3, 8, ""), 五一前 → (5, 1, "前"), 国庆假期后 → (10, 1, "后"); None when they open with none."""
    found = NAMED_OPENING.match(words)
    if not found:
        return None
    relation = found.group(2) or ""
    return (*NAMED_DAYS[found.group(1)], "" if relation == "前后" else relation[-1:])


def table(placed, span):
    """[(row label, [items])]: one leading row for frequency measures (每周 before 每月…), then each month of
    the span (the months in reading order) that has a measure, its items by date (reading order on the same day).
    `placed` is [(days, when, text)], days as `days` gives them."""
    frequent = [text for days_, when, text in sorted((p for p in placed if not p[0]),
                                                     key=lambda p: FREQUENCIES.index(p[1]))]
    by_month = {}
    for order, (days_, _, text) in enumerate(placed):
        for month, day in days_:
            by_month.setdefault(month, []).append((day, order, text))
    rows = [(FREQUENT_ROW, frequent)] if frequent else []
    labels = month_labels(span)
    return rows + [(labels[m], [text for _, _, text in sorted(by_month[m])]) for m in span if m in by_month]


def month_labels(span):
    """Row labels for the months of a span in reading order. A span that crosses the new year says on which
    side a month lies: a plan starting in 12月 prepares the next year's festivals (上年12月, 1月…), any other
    runs on into the next year (9月…12月, 次年1月)."""
    labels = {m: f"{m}月" for m in span}
    turn = next((i for i in range(1, len(span)) if span[i] < span[i - 1]), None)
    if turn == 1 and span[0] == 12:
        labels[12] = "上年12月"
    elif turn:
        labels.update({m: f"次年{m}月" for m in span[turn:]})
    return labels


CLAUSE_END = re.compile(r"(?<=[，；。：])")
BRIEF_HAN = 6  # the table's entry runs to the first clause end after this many Chinese characters


def brief(record):
    """What the month table lists for a measure: its `brief` when the plan gives one, else the opening clause of
    `do` (召开教代会年度会议), so the table is an index of the body rather than a second copy of it. A brief
    that names no day keeps the one its measure opens with (下旬 + 组织裁判员培训), so the row says when; not
    for a measure in steps (上旬推荐，中旬评选), where the brief may name any of them."""
    if record.get("brief"):
        words = record["brief"].strip().rstrip("。；，：")
        said = DAY_OPENING.match(record["do"].strip())  # a brief keeps the day of a one-day measure
        one_day = said and len(DAY_WORD.findall(record["do"])) == 1  # “上旬推荐，中旬评选”: the brief's step is unknown
        return said.group(0) + words if one_day and not PART_OF_MONTH.match(words) else words
    words = ""
    for clause in CLAUSE_END.split(record["do"].strip()):
        words += clause
        if wording.count_han(words) >= BRIEF_HAN:
            break
    if "、" in str(record["when"]) and words.startswith("各"):
        words = words[1:]  # “4月、10月各举办1次” is one event in each month's row
    return words.rstrip("。；，：")


def row_words(record):
    """The words that place a measure in its month's row: its brief, or the measure's own words where the brief
    leaves out the one day they open with (召开“三八”节座谈会 for “三八”节当天举办…, 看望在岗女职工 for 3月8日看望…:
    both sit on the 8th)."""
    words, do = brief(record), record["do"].strip()
    if not _says_day(words) and _says_day(do) and len(DAY_WORD.findall(do)) <= 1:
        return do
    return words


def _says_day(words):
    """Whether the words open with a day of the month: 上旬, 8日, 3月8日, “三八”当天, 五一前."""
    return bool(PART_OF_MONTH.match(words) or named_day(words))


def table_text(record, festival_values):
    """A measure record in the month table: its brief and who leads, with the anchor it hangs on when that is
    not the month itself: 召开1次例会（各分工会）。"""
    do = brief(record)
    name, _ = festival_split(record["when"], festival_values)
    if not (kind(record["when"], festival_values) in ("months", "dates") or (name and name in do)):
        do = f"{phrase(record['when'], festival_values)}，{do}"  # a festival the words already name is not said twice
    return f"{do}（{record['lead']}）。"
