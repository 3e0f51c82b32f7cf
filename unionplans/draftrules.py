"""The rules a reader's own draft is checked by, exported once per build as check/rules.json.

The page “检查自己的计划” (docs/javascripts/draftcheck.js) and `python -m unionplans draft` read this same
export: content_rules.yml (every rule without `drafts: false`, with its `advice` for readers, not the `message`
contributors read in `check`), the placeholder patterns below, the
families' words as each sector should write them, the lunar festivals of every calendar year and the
numbering hierarchy of render.number. Nothing in the browser is a copy of a rule.
"""
import json
from pathlib import Path

from . import content, edition, measures, render, wording
from .families import FamilyWords

URL = "check/rules.json"
# What only a reader's draft can contain: the library writes its own placeholders as 【名称】 on purpose.
DRAFT_RULES = [
    {"class": "未填或过时的占位", "pattern": wording.PLACEHOLDER.pattern,
     "advice": "这是没有填写的占位符。请换成本单位的实际内容。"},
    {"class": "未填或过时的占位", "pattern": r"_{3,}|＿{2,}|(?<![A-Za-z0-9])[Xx]{2,}(?![A-Za-z0-9])|○{2,}",
     "advice": "这里留着空格线或 XX、○○，是没有填写的地方。请填上本单位的内容，或删去。"},
]
# Typed numbering at the start of a line, level by level (render.number writes 一、（一）1.（1）).
NUMBER_LEVELS = [
    {"level": 1, "pattern": r"^[ \t\u3000]*([一二三四五六七八九十]{1,3})[ \t]*([、.．，,])"},
    {"level": 2, "pattern": r"^[ \t\u3000]*([（(])[ \t]*([一二三四五六七八九十]{1,3})[ \t]*([）)])"},
    {"level": 3, "pattern": r"^[ \t\u3000]*(\d{1,2})[ \t]*([.．、，,])(?!\d+(?:[.．%]|$))"},  # 1.1月 is 1., 2.5% is not
    {"level": 4, "pattern": r"^[ \t\u3000]*([（(])[ \t]*(\d{1,2})[ \t]*([）)])"},
]
# A line that names a month of a schedule (“九月份：”, a table's “3月” or “次年1月”), not prose (“3月底前”, “3月8日”).
MONTH_LABEL = (r"^[ \t\u3000]*(?:(?:上年|次年)?(\d{1,2}|十[一二]?|[一二三四五六七八九])月份?|" + measures.FREQUENT_ROW  # a table's 经常性工作 row too
               + r")[ \t]*(?:[：:、]|$)")
# A legal text cited with its year (工会法（2021年修正）) is not a stale year.
CITED_YEAR = r"^(?:\d{1,2}月(?:\d{1,2}日)?起?)?(?:修正|修订|施行|通过|印发|发布|颁布)"

# Characters pasted drafts often carry invisibly (a subset of safetext.HIDDEN that JavaScript's RegExp reads too).
INVISIBLE = "[\u00a0\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u3000]"


def export(library):
    """Everything the draft check needs, as plain JSON data."""
    names = edition.festival_names(library.calendar)
    return {
        "year": library.year,
        "rules": [{"class": r["class"], "pattern": r["pattern"], "advice": content.reader_advice(library, r),
                   "sectors": library.covered(r["sectors"]) if r.get("sectors") else None}
                  for r in library.content_rules if r.get("drafts", True)] + DRAFT_RULES,
        "festivals": {name: {str(y["year"]): [y["dates"][name].month, y["dates"][name].day]
                             for y in library.calendar["lunar_festivals"] if name in y["dates"]} for name in names},
        "sectors": {sid: _sector(library, sid) for sid in library.sectors},
        "numbering": {"levels": NUMBER_LEVELS, "labels": {str(level): [render.number(level, n) for n in range(1, 100)]
                                                            for level in range(1, 5)}},
        "monthLabel": MONTH_LABEL, "citedYear": CITED_YEAR, "bookTitle": content.BOOK_TITLE.pattern,
        "invisible": INVISIBLE,  # a line with these is left to the library's own report of them
    }


def _sector(library, sector_id):
    """A sector's words: the signs that it is this sector, and the other families' words with the fix."""
    words = FamilyWords(library, sector_id)
    sector, family = words.sector, words.family
    # A sign tells this sector's family from the others: no other family's sector writes it, even inside a word
    # (职工 is in 教职工, so it tells nothing).
    elsewhere = [v for s in library.sectors.values() if s["family"] != family["id"]
                 for v in (s["name"], s["short"], *s["terms"].values())]
    signs = {sign for sign in {sector["name"], sector["short"], *sector["terms"].values(), *(family.get("words") or [])}
             if not any(sign in value for value in elsewhere)}
    misfits = {}
    for word, owner in words.words.items():
        term = words.term_of.get(word)
        fix = sector["terms"].get(term) if term else None
        whose = f"是{owner['name']}类单位的说法" if owner else f"不适用于{family['name']}类单位"
        misfits[word] = {"fix": fix, "message": f"“{word}”{whose}，{sector['name']}（{family['name']}）"
                                                + (f"写作“{fix}”。" if fix else "不这样写。请按本单位的实际改写或删去。")}
    return {"name": sector["name"], "family": family["name"], "signs": sorted(s for s in signs if len(s) > 1),
            "own": words.own, "misfits": misfits}


def write_rules(library, site_dir):
    path = Path(site_dir) / URL
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(export(library), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
