"""Seams between the parts of a plan, and between plans: one pass over every plan's text feeds three checks.

- the same commitment written twice in one plan (near-duplicate sentences);
- one subject given two frequencies in one plan (委员会会议 每月 here, 每季度 there; frequencies.yml);
- a paragraph that closely matches another file's paragraph, sector words swapped or not.

Text is compared as character shingles (every run of SHINGLE characters) by the Jaccard coefficient:
shared shingles over all shingles of the two. Sector terms are turned back into their {名称} first, so
“教代会” in one plan and “职代会” in another count as the same word; placeholders and cited titles count
as one character each.
"""
import math
import re
from collections import Counter
from dataclasses import dataclass

from . import patterns, wording
from .scaffold import SAMPLES

SHINGLE = 3
COPY_MIN_HAN = 40        # shorter lines (a heading, a routine meeting) may recur without being copied text
COPY_SIMILARITY = 0.5    # documented in CONTRIBUTING.md and on the 数据格式 page
REPEAT_MIN_HAN = 15      # within a plan, a sentence this long says one concrete thing
REPEAT_SIMILARITY = 0.7
MAX_SHARED = 10          # a shingle in this many paragraphs is stock wording: a copy is found by its rarer ones
                         # (a passing library holds no paragraph 10 times, so a copy's own wording is rarer)
RESTATED = 0.6           # a body sentence holding this share of a measure's shingles says the measure again
SENTENCE = re.compile(r"[^。；！？\n]+")
CLAUSE = re.compile(r"[^，。；！？\n]+")
NOT_TEXT = re.compile(r"[^\u3400-\u9fff\ue000-\uf8ff]")
ORDINAL = re.compile(r"[\d一二三四五六七八九十上下第]")  # 第一次/第二次, 上半年/下半年: a recurrence, not a repeat
TERM_MARK = 0xE000  # each {术语} becomes one private-use character, whatever the sector calls it
# A placeholder or a cited title (《基层工会经费收支管理办法》) is one mark: citing the same rule is not copying.
PLACEHOLDER_MARK = "\uf8ff"
CITATION = re.compile(r"《[^》\n]*》")


@dataclass
class Piece:
    file: str
    line: int
    text: str
    shingles: frozenset
    kind: str = "text"  # a sentence's passage kind (Library.passages): "text", "goal" or "measure"


class Normaliser:
    """Text as the comparisons see it: Chinese characters only, each sector's term value as its {名称}."""

    def __init__(self, library):
        names = {}
        for sector in library.sectors.values():
            for key, value in sector["terms"].items():
                names.setdefault(value, key)
            for word in (sector["name"], sector["short"]):
                names.setdefault(word, "行业")
        keys = sorted({*names.values(), *library.terms})
        self.marks = {key: chr(TERM_MARK + n) for n, key in enumerate(keys)}
        self.values = {value: self.marks[key] for value, key in names.items() if wording.count_han(value) >= 2}
        self.words = re.compile("|".join(sorted(map(re.escape, self.values), key=len, reverse=True)))

    def __call__(self, text):
        text = CITATION.sub(PLACEHOLDER_MARK, wording.PLACEHOLDER.sub(PLACEHOLDER_MARK, text))
        text = wording.TERM.sub(lambda m: self.marks.get(m.group(1), ""), text)
        return NOT_TEXT.sub("", self.words.sub(lambda m: self.values[m.group(0)], text))


def shingles(text):
    return frozenset(text[i:i + SHINGLE] for i in range(len(text) - SHINGLE + 1))


def similarity(a, b):
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def check(library, report):
    """Every plan's passages are read once; each check takes the pieces it needs from that pass."""
    normal = Normaliser(library)
    frequencies = Frequencies(library.frequencies)
    paragraphs = _shared_paragraphs(library, normal)
    seen = {}  # sentence → (normalised, shingles): a snippet's sentences are read once, whichever plans use it
    within = ordering()  # a plan's few hundred sentences need no rarity to be compared quickly
    for plan in library.plans.values():
        values = library.plan_values(plan)
        sentences = []
        for passage in library.passages(plan):
            for offset, row in enumerate(passage.text.split("\n")):
                line = passage.line + offset
                texts = []  # the row's sentences normalised; joined, they are the row normalised
                for sentence in SENTENCE.findall(row.lstrip("#- ")):
                    if sentence not in seen:
                        text = normal(sentence)
                        seen[sentence] = text, shingles(text) if len(text) >= REPEAT_MIN_HAN else None
                    text, sentence_shingles = seen[sentence]
                    texts.append(text)
                    filled = wording.fill(sentence, values) if "{" in sentence else sentence
                    if sentence_shingles:
                        sentences.append(Piece(passage.file, line, filled, sentence_shingles, passage.kind))
                    frequencies.read(filled, passage.file, line)
                text = "".join(texts)
                if passage.own and len(text) >= COPY_MIN_HAN and not _sample(row):
                    paragraphs.append(Piece(passage.file, line, wording.fill(row.strip().lstrip("#- "), values), shingles(text)))
        frequencies.report(report)
        _check_repeats(sentences, within, report)
        _check_restated([p for p in sentences if p.kind == "measure"], [p for p in sentences if p.kind == "text"],
                        within, report)
    _check_copies(paragraphs, ordering(rarity(paragraphs)), report)


def _shared_paragraphs(library, normal):
    """Snippet bodies and variants, so a plan that copies a snippet's text is found too."""
    pieces = []
    for snippet in library.snippets.values():
        for body in [snippet.body, *(snippet.get("variants") or {}).values()]:
            for offset, row in enumerate(body.split("\n")):
                text = normal(row)
                if len(text) >= COPY_MIN_HAN:
                    pieces.append(Piece(snippet.file, body.line + offset, row.strip().lstrip("#- "), shingles(text)))
    return pieces


def rarity(pieces):
    counts = Counter()
    for piece in pieces:
        counts.update(piece.shingles)
    return counts


def ordering(counts=None):
    """A function giving a set of shingles in one fixed order: rarest first when `counts` are given (an index then
    meets few pieces per shingle), else code-point order. Each distinct set is sorted once (a snippet's sentences
    recur in every plan that uses it)."""
    key = None
    if counts is not None:
        key = {shingle: n for n, shingle in enumerate(sorted(counts, key=counts.__getitem__))}.__getitem__
    cache = {}

    def ordered(shingles):
        found = cache.get(shingles)
        if found is None:
            found = cache[shingles] = sorted(shingles, key=key)
        return found
    return ordered


def prefix(shingles, ordered, share):
    """The rarest shingles of a set, as many as a set holding `share` of it must meet: len − ⌈share × len⌉ + 1."""
    return ordered(shingles)[:len(shingles) - math.ceil(share * len(shingles)) + 1]


def similar_pairs(pieces, threshold, ordered=None, stock=None):
    """(earlier, later) pieces at least `threshold` alike (Jaccard), found by prefix filtering: two pieces that
    alike share threshold × the larger one's shingles, so their prefixes (above) meet, and only prefixes are
    indexed; a candidate is compared only if it shares as many prefix shingles as two such pieces must
    (_least_met). Every pair is found, except where `stock` is given: a shingle already in that many pieces is
    common wording and proposes no more pairs (a copied paragraph is still found by its rarer shingles).
    """
    ordered = ordered or ordering(rarity(pieces))
    stock = stock or math.inf
    index = {}
    for n, piece in enumerate(pieces):
        size = len(piece.shingles)
        found = []
        for shingle in prefix(piece.shingles, ordered, threshold):
            postings = index.get(shingle)
            if postings is None:
                index[shingle] = [n]
            elif len(postings) < stock:  # a full list is never read again: it needs no more entries
                found += postings
                postings.append(n)
        if not found:
            continue  # most pieces meet no earlier one
        smallest = threshold * size
        for m, met in Counter(found).items():  # met: how many prefix shingles piece m shares with this one
            other = pieces[m].shingles
            if smallest <= len(other) and threshold * len(other) <= size and met >= _least_met(size, len(other), threshold) \
                    and similarity(piece.shingles, other) >= threshold:
                yield pieces[m], piece


def _least_met(a, b, threshold):
    """Shingles two sets at least `threshold` alike share within both prefixes: they share ⌈t/(1+t)·(a+b)⌉, the
    common ones come in the same order in both, and each prefix leaves out only ⌈t·len⌉ − 1 of its set's."""
    return math.ceil(threshold / (1 + threshold) * (a + b)) - math.ceil(threshold * max(a, b)) + 1


def _check_repeats(sentences, ordered, report):
    for first, again in similar_pairs(sentences, REPEAT_SIMILARITY, ordered):
        if _recurrence(first.text, again.text) or (first.file, first.line) == (again.file, again.line):
            continue
        if {first.kind, again.kind} == {"measure", "text"}:
            continue  # a body sentence saying a measure again: _check_restated reports it, once, on the body
        if first.file == again.file:
            report(again.file, again.line, f"【重复的措施】“{_quote(again.text)}”与第 {first.line} 行“{_quote(first.text)}”"
                                           "说的是同一件事。一件事在计划里只写一次：请删去其中一处，或合并成一句。")
        else:
            report(again.file, again.line, f"【重复的措施】“{_quote(again.text)}”与 {first.file}:{first.line}"
                                           f"“{_quote(first.text)}”说的是同一件事（两处都在同一篇计划里）。请删去其中一处，"
                                           "或改写成另一处没有写到的安排。")


def _check_restated(measures, texts, ordered, report):
    """A body sentence that holds most of a measure (工会每月汇总群监员报告的隐患，与安全管理部门逐条核对……) is the
    measure written a second time, however much it adds around it. A sentence holding RESTATED of a measure meets
    the measure's prefix, so most sentences are cleared by one set operation."""
    prefixes = [(measure, frozenset(prefix(measure.shingles, ordered, RESTATED))) for measure in measures]
    anywhere = frozenset().union(*(p for _, p in prefixes))
    for text in texts:
        if text.shingles.isdisjoint(anywhere):
            continue
        for measure, start in prefixes:
            if not start.isdisjoint(text.shingles) and not _recurrence(measure.text, text.text) \
                    and len(measure.shingles & text.shingles) >= RESTATED * len(measure.shingles):
                where = f"第 {measure.line} 行" if measure.file == text.file else f"{measure.file}:{measure.line}"
                report(text.file, text.line, f"【重复的措施】“{_quote(text.text)}”又写了一遍{where}的措施“{_quote(measure.text)}”。"
                                             "措施只写一次：正文写为什么做、怎样做，时间、次数和具体动作只留在措施里。"
                                             "请删去这句里与措施相同的部分。")
                break


def _sample(text):
    """A starting file's sample text is reported as such (未改写的起点文字), not as a copy of another starting file."""
    return any(sample in text for sample in SAMPLES.values())


def _recurrence(a, b):
    """The same activity held again (第一次/第二次, 上半年/下半年) differs from a repeat only in its ordinal words."""
    return ORDINAL.sub("", a) == ORDINAL.sub("", b)


def _check_copies(paragraphs, ordered, report):
    """A copy is reported on both files, each naming the other: the new file's line is always among them."""
    for first, second in similar_pairs(paragraphs, COPY_SIMILARITY, ordered, stock=MAX_SHARED):
        if first.file == second.file:
            continue  # within a file: the repeat check reads it sentence by sentence
        score = round(similarity(first.shingles, second.shingles) * 100)
        for here, there in ((second, first), (first, second)):
            report(here.file, here.line, f"【与别的文件雷同】这一段与 {there.file}:{there.line} 的文字相似度 {score}%"
                                         f"（各行业的称谓换回 {{术语}} 后比较，达到 {round(COPY_SIMILARITY * 100)}% 即算雷同）："
                                         f"“{_quote(there.text)}”。两处说的是同一件事，就写成一个段落（snippet），"
                                         "行业不同的地方用 {术语} 或 variants；否则请按本单位的情况改写成自己的话。")


def _quote(text, size=24):
    text = text.strip()
    return text if len(text) <= size else text[:size] + "…"


class Frequencies:
    """Per plan: each registered subject and the first place each frequency is given for it."""

    def __init__(self, data):
        self.words = re.compile("|".join(sorted(map(re.escape, data["frequencies"]), key=len, reverse=True)))
        self.subjects = [(subject["name"], patterns.compile(subject["pattern"])) for subject in data["subjects"]]
        self.seen = {}

    def read(self, sentence, file, line):
        for clause in CLAUSE.findall(sentence):
            found = self.words.findall(clause)
            if len(set(found)) != 1:
                continue  # no frequency, or two in one clause (每月…每季度…): not a statement about one subject
            for name, pattern in self.subjects:
                if patterns.search(pattern, clause):
                    self.seen.setdefault(name, {}).setdefault(found[0], (file, line))

    def report(self, report):
        for name, places in self.seen.items():
            if len(places) > 1:
                (first, (file, line)), *others = places.items()
                for frequency, (other_file, other_line) in others:
                    report(other_file, other_line, f"【频次不一致】“{name}”在这里是“{frequency}”，在 {file}:{line} 是“{first}”。"
                                                   "同一件事在一篇计划里只有一个频次：请改成一致；确是两件事的，写明各是什么"
                                                   "（如“全体委员会议每季度、主席办公会每月”）。")
        self.seen = {}
