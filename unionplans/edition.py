"""The edition: the year the library is written for, its hooks, and the dates its lunar festivals fall on.

Hooks ({年度主线}) and festivals ({春节} → 春节（2月6日）) are values like sector terms; a measure may
hang on a festival instead of a month (春节前2周) and lands in the month the edition's date gives.
"""


def festival_names(calendar):
    return sorted({name for year in calendar["lunar_festivals"] for name in year["dates"]})


def festival_dates(calendar, year):
    return next((dict(y["dates"]) for y in calendar["lunar_festivals"] if y["year"] == year), {})


def current(edition):
    return next((y for y in edition["years"] if y["year"] == edition["year"]), None)


def span_hooks(edition, span):
    """The hooks the edition words differently for a term (`spans` in edition.yml); {} for the calendar year."""
    return dict(((current(edition) or {}).get("spans") or {}).get(span) or {}) if span else {}


def values(edition, calendar):
    """{名称: 写法} for the edition's hooks and festivals."""
    hooks = dict((current(edition) or {}).get("hooks") or {})
    dates = festival_dates(calendar, edition["year"])
    return {**hooks, **{name: f"{name}（{d.month}月{d.day}日）" for name, d in dates.items()}}


def problems(edition, calendar):
    """(message) for each hook or festival date the edition year lacks."""
    year = edition["year"]
    entry = current(edition)
    if entry is None:
        yield (f"版本年度是 {year}，但 years 里没有 {year} 年的提法。请在 years 里加一项 year: {year}，"
               f"写出 {'、'.join(edition['hooks'])}。")
        return
    missing = [name for name in edition["hooks"] if name not in (entry.get("hooks") or {})]
    if missing:
        yield f"{year} 年缺少提法：{'、'.join(missing)}。请在 years 的 {year} 年一项的 hooks 里补上。"
    unknown = [name for name in entry.get("hooks") or {} if name not in edition["hooks"]]
    if unknown:
        yield f"{year} 年的提法“{'、'.join(unknown)}”没有在 hooks 里登记。请先在 hooks 里说明它。"
    terms = [term["name"] for term in calendar["terms"]]  # the terms calendar.yml defines, months and all
    for span, hooks in (entry.get("spans") or {}).items():
        if span not in terms:
            yield f"{year} 年的 spans 里有“{span}”。能单独写提法的只有学期计划：{'、'.join(terms)}。请改名或删去。"
        stray = [name for name in hooks or {} if name not in edition["hooks"]]
        if stray:
            yield f"{year} 年“{span}”的提法“{'、'.join(stray)}”没有在 hooks 里登记。请先在 hooks 里说明它。"
    dates = festival_dates(calendar, year)
    absent = [name for name in festival_names(calendar) if name not in dates]
    if absent:
        yield (f"calendar.yml 里没有 {year} 年的农历节日日期：{'、'.join(absent)}。"
               f"请在 lunar_festivals 里加上 year: {year} 和这些节日的公历日期。")


def defaults(year, term_months=None):
    """The fill-in values a reader starts with: the edition's year, and for a term plan its 学年 and 学期.

    An autumn term is the first term of year—year+1; a spring term the second term of year-1—year.
    """
    values = {"年度": str(year), "下一年度": str(year + 1)}
    if term_months:
        autumn = term_months[0] >= 8
        values["学年"] = f"{year}—{year + 1}学年" if autumn else f"{year - 1}—{year}学年"
        values["学期"] = "第一学期" if autumn else "第二学期"
    return values
