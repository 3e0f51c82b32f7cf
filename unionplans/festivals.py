"""Lunar festivals in a plan's measures, checked against the calendar of every edition year the library knows.

A festival in a measure prints its date ({春节} → 春节（2月6日）); it is not dated in a November or December row,
which prepares next year's; and it is not written into a numbered month it leaves in another year.
"""
import datetime
import re

from . import edition

DATED = "（日期）"  # what a festival token reads as in the content check


def bare_pattern(calendar):
    """A festival named without its token: 春节, 中秋 or 中秋节 not followed by the date mark."""
    names = "|".join(re.escape(n[:-1]) + "节?" if len(n) > 2 and n.endswith("节") else re.escape(n)
                     for n in edition.festival_names(calendar))
    return re.compile(f"({names})(?!节?{re.escape(DATED)})")


def problems(row, library):
    """A schedule row's festivals: dated in the edition's months; not dated in a row for next year's; and not
    written into a numbered month that the festival leaves in another year (中秋 is in 9月 in 2027, 10月 in 2028)."""
    month = int(row.split("月：")[0]) if re.match(r"\d+月：", row) else None
    if month in (11, 12):  # a November or December row prepares next year's festivals
        if DATED in row:
            yield "【节日日期写死】11月、12月的安排说的是来年的节日，带日期的写法会印出今年的日期。这里请不用花括号，直接写“春节”“元旦、春节”。"
        return
    if bare := bare_pattern(library.calendar).search(row):
        name = _festival_name(bare.group(1), library)
        # Written into a month the festival leaves in another year, it would be moved as well: both fixes at once.
        moved = month is not None and list(_misplaced(row.replace(bare.group(1), name + DATED, 1), month, library))
        yield (f"【节日日期写死】措施里的“{bare.group(1)}”要带上版本年度的日期。请写成 {{{name}}}，页面上会显示为"
               f"“{library.edition_values[name]}”" + (f"；{moved[0]}" if moved else "。"))
    if month is None:
        return
    for message in _misplaced(row, month, library):
        yield f"【节日所在月份会变】{message}"


def _misplaced(row, month, library):
    """What to do about each dated festival of a numbered month's row that another year moves out of it."""
    years = sorted(y["year"] for y in library.calendar["lunar_festivals"] if y["year"] >= library.year)
    names = "|".join(map(re.escape, edition.festival_names(library.calendar)))
    # “{春节}停产放假前” is still before the festival: 前 or 后 up to a few characters after it count.
    for found in re.finditer(f"({names}){re.escape(DATED)}(?:[^，。；、]{{0,6}}?(前后|前|后))?", row):
        name, side = found.group(1), found.group(2) or ""
        dates = {y: edition.festival_dates(library.calendar, y).get(name) for y in years}
        missed = {y: d for y, d in dates.items() if d and not _near_month(d, side, month)}
        if missed:
            where = "、".join(f"{y}年是{d.month}月{d.day}日" for y, d in dates.items() if d)
            yield (f"{name}{where}，这一项写在 {month} 月里，换年后会排错月份。"
                   f"请把这项措施的时间改成 when: {name}前、when: {name} 或 when: {name}后（可加周数，如 {name}前2周），"
                   "它会按每年的日期排进相应的月份。")


def _near_month(date, side, month):
    """Whether the days a festival item speaks of (a week or so before or after the day) touch `month`."""
    before, after = {"前": (10, 0), "后": (0, 10), "前后": (10, 10)}.get(side, (3, 3))
    span = (date + datetime.timedelta(days=n) for n in range(-before, after + 1))
    return any(day.month == month for day in span)


def _festival_name(found, library):
    return next(n for n in edition.festival_names(library.calendar) if n.startswith(found.rstrip("节")))
