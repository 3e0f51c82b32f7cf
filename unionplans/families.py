"""Sector families in the content check: words of another family in a sector's text (厂务公开 in a school).

The words come from families.yml, the same data the sectors' terms come from, so a new sector is checked
by its family's rules without anyone writing them. A sector's family itself is confirmed by what its own
plans say (family_fit).
"""
import re


class FamilyWords:
    """Words of other sector families that must not appear in one sector's text (厂务公开 in a school)."""

    def __init__(self, library, sector_id):
        sector = library.sectors[sector_id]
        family = library.families[sector["family"]]
        self.sector, self.family = sector, family
        allowed = {family["id"], *(family.get("accepts") or [])}
        self.words = {word: other for other in library.families.values() if other["id"] not in allowed
                      for word in other.get("words") or []}
        self.words.update({word: None for word in family.get("excludes") or []})
        # The sector's own terms are right by definition: 教职工代表大会 hides the 职工代表大会 inside it.
        self.own = sorted(set(sector["terms"].values()), key=len, reverse=True)
        self.term_of = {value: key for other in library.families.values() for key, value in other["terms"].items()}

    def misfits(self, row):
        for value in self.own:
            row = row.replace(value, "□" * len(value))
        return [word for word in self.words if word in row]

    @staticmethod
    def message(word, sectors):
        """One message for a word that is wrong in several sectors: who it belongs to, where it is wrong, the fix."""
        owner = sectors[0].words[word]
        whose = f"是{owner['name']}类单位的说法" if owner else f"不适用于{sectors[0].family['name']}类单位"
        where = "、".join(f"{s.sector['name']}（{s.family['name']}）" for s in sectors)
        term = sectors[0].term_of.get(word)
        fix = (f"请写 {{{term}}}，各行业会读作自己的说法（如{sectors[0].sector['name']}读作“{sectors[0].sector['terms'][term]}”）"
               if term else "请改写，或为这些行业（或它们的大类）写变体 variants")
        return f"【行业用错称谓】“{word}”{whose}，不适用于：{where}。{fix}。"


FAMILY_EVIDENCE = 3  # places in a sector's own plans pointing to one other family: a single slip is only its line's message
TERM = re.compile(r"\{[^{}\n]*\}")


def family_fit(library, report):
    """A sector whose own plans keep writing another family's words was likely given the wrong family.

    The line-by-line check cannot see it when the sector's family accepts the words (a 区域 union guides the
    企业 it serves, so 职代会 and 厂务公开 are right in its text), and a fix that only silences the lines (adding the
    sector to a snippet's `sectors`) leaves the plans reading another family's wording. So the sector's own
    plans are read as evidence: each place names a word of another family; for an accepted family only its
    own terms count (职代会, 厂务公开: what a unit of that family has), and not where the row speaks of that
    family's units (企业) as others. The message goes on the sector's line in sectors.yml.
    """
    places = {}  # (sector, other family) → [(word, file, line)]
    for plan in library.plans.values():
        sector = library.sectors[plan["sector"]]
        evidence = _Evidence(library, sector)
        for passage in library.passages(plan):
            if passage.own:
                for offset, row in enumerate(passage.text.split("\n")):
                    for family_id, word in evidence.words(row):
                        places.setdefault((sector["id"], family_id), []).append((word, passage.file, passage.line + offset))
    best = {}
    for (sector_id, family_id), found in places.items():
        found = list(dict.fromkeys(found))
        if len(found) >= FAMILY_EVIDENCE and len(found) > len(best.get(sector_id, ((), []))[1]):
            best[sector_id] = (family_id, found)
    for sector_id, (family_id, found) in best.items():
        sector = library.sectors[sector_id]
        report(sector.file, sector.line, _wrong_family(library, sector, library.families[family_id], found))


class _Evidence:
    def __init__(self, library, sector):
        family = library.families[sector["family"]]
        accepted = set(family.get("accepts") or [])
        own = set(sector["terms"].values())
        self.own = sorted(own, key=len, reverse=True)
        self.families = []  # (family id, its words to look for, the names of its units when it is accepted)
        for other in library.families.values():
            if other["id"] == family["id"]:
                continue
            if other["id"] in accepted:
                words = [w for w in other.get("words") or [] if w in other["terms"].values() and w not in own]
                units = {other["terms"][key] for key in ("单位", "单位类别") if key in other["terms"]}
            else:
                words, units = list(other.get("words") or []), set()
            self.families.append((other["id"], words, units))

    def words(self, row):
        row = TERM.sub("□", row)  # a {term} reads right in every sector
        for value in self.own:
            row = row.replace(value, "□" * len(value))
        for family_id, words, units in self.families:
            for word in words:
                if word in row and not any(unit in row.replace(word, "") for unit in units):
                    yield family_id, word


def _wrong_family(library, sector, other, found):
    family = library.families[sector["family"]]
    words = {}
    for word, file, line in found:
        words.setdefault(word, []).append(f"{file}:{line}")
    listed = "、".join(f"“{word}”（{'、'.join(where[:3])}{'等' if len(where) > 3 else ''}）" for word, where in words.items())
    term = next((key for key, value in other["terms"].items() if value in words), None)
    reads = (f"：{{{term}}} 在{other['name']}类读作“{other['terms'][term]}”，在{family['name']}类读作“{family['terms'][term]}”"
             if term and family["terms"].get(term) != other["terms"][term] else "")
    return (f"【行业大类可能选错】行业“{sector['name']}”的大类是{family['name']}（{family['id']}），可是它的范本自己写的文字里"
            f"有 {len(found)} 处{other['name']}类单位的说法：{listed}。大类决定共用段落和 {{术语}} 在这个行业怎样读{reads}。"
            f"如果{sector['name']}是{other['name']}类单位，请把这一项的 family 改为 {other['id']}；"
            f"如果大类没错，请把这些词改写成{family['name']}类的说法（写成 {{术语}}）。"
            "不要为了让检查通过而把这个行业加进别的大类的段落的 sectors：页面会读作别的大类的说法。")
