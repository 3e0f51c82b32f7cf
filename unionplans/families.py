"""Sector families in the content check: words of another family in a sector's text (厂务公开 in a school).

The words come from families.yml, the same data the sectors' terms come from, so a new sector is checked
by its family's rules without anyone writing them.
"""


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
