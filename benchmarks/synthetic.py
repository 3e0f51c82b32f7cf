"""A synthetic library of any size, made from the shipped library's own sentences.

Each plan and snippet recombines real sentences (so the text is realistic Chinese that passes the
content check), every paragraph is unique and no two paragraphs share more than one sentence (so the
copy check passes), no sentence appears twice in a plan (so the repeated-measure check passes), every
sector is used, and there are three snippets for each plan, as in the shipped library.
"""
import itertools
import json
import random
import re
import shutil
from collections import Counter
from pathlib import Path

import yaml

from unionplans import consistency, edition as editions, patterns
from unionplans.families import FamilyWords
from unionplans.content import strings
from unionplans.library import load_library
from unionplans.measures import MONTHS as measures_months

SENTENCE = re.compile(r"[^。！？\n]+[。！？]")
SNIPPETS_PER_PLAN = 3
SIMILAR = consistency.COPY_SIMILARITY * 0.8
STUDY = {"id": "study", "when": "11月", "lead": "工会委员会", "do": "以工会小组为单位{学习宣传贯彻}。"}  # an annual plan's Q4 theme
MEASURES_PER_PLAN = 8
OWN_SENTENCES = 90  # a plan's own 11 paragraphs of 3 sentences and its measures, with room to keep pairs apart


def sentences(text):
    return [s.strip() for s in SENTENCE.findall(text) if 12 <= len(s.strip()) <= 80 and not s.strip().startswith(("#", "-"))]


def make_library(shipped, target, plans, seed=7):
    """Write a library with `plans` plans and 3 × `plans` snippets into `target`/templates_data."""
    library = load_library(shipped, content=False)  # its sentences are the material; rule breakers are left out below
    rng = random.Random(seed)
    data = Path(target) / "templates_data"
    data.mkdir(parents=True)
    for path in Path(shipped).glob("*.*"):
        shutil.copy(path, data / path.name)
    # Every synthetic plan is an annual plan: the sectors are marked as still collecting their special plans.
    sectors = data / "sectors.yml"
    sectors.write_text(re.sub(r"^- id: .*$", r"\g<0>\n  collecting: true", sectors.read_text(encoding="utf-8"), flags=re.M),
                       encoding="utf-8")
    (data / "snippets").mkdir()  # the real snippets stay out: their sentences are recombined into new ones
    real = [sentences(line.strip().lstrip("#- ")) for text in [
        *(t for s in library.snippets.values() for t in [s.body, *(s.get("variants") or {}).values()]),
        *(t for p in library.plans.values() for t in strings(p))] for line in text.split("\n")]
    pairs = {pair for said in real for pair in itertools.combinations(sorted(said), 2)}  # real paragraphs stay apart
    whole = {said[0] for said in real if len(said) == 1}  # a sentence that is a whole real paragraph is not reused
    pools = {sector: [s for s in pool if s not in whole] for sector, pool in _pools(library).items()}

    normal = consistency.Normaliser(library)
    written = {}  # sentence → the shingles of each paragraph written with it

    def paragraph(sector, count, avoid=()):
        """`count` sentences no other paragraph has put together, none over two fifths of the paragraph, none of them
        in `avoid` (the plan so far), and the paragraph well under the copy check's similarity to any paragraph
        that shares a sentence with it (their other sentences may share stock wording)."""
        available = [s for s in pools[sector] if s not in avoid]
        for _ in range(10000):
            chosen = rng.sample(available, count)
            together = set(itertools.combinations(sorted(chosen), 2))
            longest = max(len(s) for s in chosen) * 5 <= sum(len(s) for s in chosen) * 2  # one shared sentence is no copy
            if not longest or together & pairs:
                continue
            text = "".join(chosen)
            shingles = consistency.shingles(normal(text))
            if all(consistency.similarity(shingles, other) < SIMILAR for s in chosen for other in written.get(s, ())):
                pairs.update(together)
                for s in chosen:
                    written.setdefault(s, []).append(shingles)
                return text
        raise SystemExit(f"{sector}: 行业句子不够组成互不雷同的段落（{len(available)} 句可用）。")

    snippets = _write_snippets(library, data / "snippets", plans * SNIPPETS_PER_PLAN, rng, paragraph)
    _write_plans(library, data / "plans", plans, snippets, rng, paragraph, pools)
    return data


def _pools(library):
    """Sentences each sector may use: its family's plans' own text, and snippet text written with terms.

    Left out: sentences that give a frequency (two plans' 每月 and 每季度 would meet in one synthetic plan),
    sentences a content rule finds, and sentences close to one kept before (the repeat check would meet them).
    """
    pools = {sector: [] for sector in library.sectors}
    for plan in library.plans.values():
        pools[plan["sector"]] += sentences("\n".join(strings(plan)))
    for snippet in library.snippets.values():
        for sector in library.snippet_sectors(snippet):
            pools[sector] += sentences(library.snippet_body(snippet, sector))
    family = {}  # a sector draws on its whole family: one sector's own sentences are too few to keep apart
    for sector, pool in pools.items():
        family.setdefault(library.sectors[sector]["family"], []).extend(pool)
    pools = {sector: family[library.sectors[sector]["family"]] for sector in pools}
    normal = consistency.Normaliser(library)
    frequency = re.compile("|".join(library.frequencies["frequencies"]))
    rules = [patterns.compile(rule["pattern"]) for rule in library.content_rules]
    fits = {s for pool in pools.values() for s in pool
            if not frequency.search(s) and not any(rule.compiled.search(s) for rule in rules)}
    apart = {}  # sectors of one family share their pool: it is thinned once, then each sector drops its misfits
    return {sector: [s for s in apart.setdefault(id(pool), _apart(sorted(fits.intersection(pool)), normal))
                     if not FamilyWords(library, sector).misfits(s)]
            for sector, pool in pools.items()}


def _apart(pool, normal):
    """The pool without sentences (or parts of them) close to a sentence kept before."""
    pieces = []
    for n, sentence in enumerate(pool):
        pieces += [consistency.Piece("", n, part, consistency.shingles(normal(part)))
                   for part in consistency.SENTENCE.findall(sentence)]
    close = {later.line for _, later in consistency.similar_pairs(pieces, consistency.COPY_SIMILARITY * 0.6)}
    return [sentence for n, sentence in enumerate(pool) if n not in close]


def _write_snippets(library, folder, count, rng, paragraph):
    real = sorted(library.snippets.values(), key=lambda s: s["id"])
    written = []
    for n in range(count):
        model = real[n % len(real)]
        sectors = library.snippet_sectors(model)
        sector = sectors[n % len(sectors)]
        body = [paragraph(sector, 3)]
        for child in range(3):
            body += ["", f"# {model['title']}之{'一二三'[child]}", "", paragraph(sector, 3)]
        head = {"id": f"s{n:05d}", "title": f"{model['title']}（{n}）", "category": model["category"],
                "sectors": [sector], "summary": f"{model['summary']}（示例{n}）"}
        (folder / f"s{n:05d}.md").write_text(f"---\n{_yaml(head)}---\n" + "\n".join(body) + "\n",
                                            encoding="utf-8")
        written.append((head["id"], [sector], {s for text in body for s in sentences(text)}))
    return written


def _disjoint(snippets, texts, rng, budget):
    """Up to 4 of a sector's snippets that share no sentence, so a plan never says one thing twice, using at
    most `budget` of the sector's sentences (the plan's own paragraphs need the rest)."""
    chosen, said = [], set()
    for sid in rng.sample(snippets, len(snippets)):
        if not texts[sid] & said and len(said | texts[sid]) <= budget:
            chosen.append(sid)
            said |= texts[sid]
            if len(chosen) == 4:
                break
    return chosen


def _write_plans(library, folder, count, snippets, rng, paragraph, pools):
    sectors = list(library.sectors)
    # Measures take the real plans' leads and months, and a sentence of the family's pool as what is done, so
    # their text repeats nowhere (a short sentence, under the copy check's length, naming no festival: a
    # festival's measure is dated by its anchor, not a month).
    real = [m for p in library.plans.values() for m in library.measures(p) if measures_months.match(str(m.when))]
    leads = {s: sorted({m.lead for m in real if not FamilyWords(library, s).misfits(m.lead)}) for s in sectors}
    whens = sorted({m.when for m in real})
    festival = re.compile("|".join(f[:2] for f in editions.festival_names(library.calendar)))
    normal = consistency.Normaliser(library)
    short = {s: _unsaid([t for t in pool if len(t) < consistency.COPY_MIN_HAN and not festival.search(t)], pool, normal)
             for s, pool in pools.items()}
    by_sector = {s: [sid for sid, fits, _ in snippets if s in fits] for s in sectors}
    texts = {sid: said for sid, _, said in snippets}
    for n in range(count):
        sector = sectors[n % len(sectors)]
        picked = _disjoint(by_sector[sector], texts, rng, len(pools[sector]) - OWN_SENTENCES)
        said = {s for sid in picked for s in texts[sid]}
        own = []
        for title in ("指导思想", "工作目标", "做好女职工工作", "加强自身建设", "做好服务工作"):
            paragraphs = []
            for _ in range(2):
                paragraphs.append(paragraph(sector, 3, said))
                said.update(sentences(paragraphs[-1]))
            own.append({"title": title, "text": "\n\n".join(paragraphs)})
        own[0]["text"] = "【年度】年是{规划年份}，以{年度主线}为主线。" + own[0]["text"]
        preamble = paragraph(sector, 3, said)
        said.update(sentences(preamble))
        plan = {
            "id": f"p{n:05d}", "name": f"示例{library.sectors[sector]['name']}工会年度工作计划{n}",
            "title": "【工会名称】【年度】年工作计划", "sector": sector, "type": "annual",
            "summary": f"用于性能测试的第{n}篇示例范本。", "preamble": preamble,
            "sections": own[:2] + [{"snippet": sid} for sid in picked] + own[2:4],
            "profile": {"union": "已建立", "self": "本单位", "congress": "春季", "level": "基层"},
            "safeguards": own[4],
        }
        dos = rng.sample([t for t in short[sector] if t not in said], MEASURES_PER_PLAN)
        own[3]["measures"] = [{"id": f"m{k}", "when": rng.choice(whens), "lead": rng.choice(leads[sector]), "do": do}
                              for k, do in enumerate(dos)] + [STUDY]
        target = folder / sector
        target.mkdir(parents=True, exist_ok=True)
        (target / f"p{n:05d}.yml").write_text(_yaml(plan), encoding="utf-8")


def _unsaid(candidates, pool, normal):
    """The candidate measures no other sentence of the pool restates (consistency.RESTATED of its shingles):
    a plan's paragraphs are drawn from the same pool, and its body must not say a measure again."""
    said = [consistency.shingles(normal(s)) for s in pool]
    index = {}
    for n, shingles in enumerate(said):
        for shingle in shingles:
            index.setdefault(shingle, []).append(n)
    kept = []
    for text in candidates:
        mine = consistency.shingles(normal(text))
        shared = Counter(n for shingle in mine for n in index.get(shingle, ()) if pool[n] != text)
        if not any(count >= consistency.RESTATED * len(mine) for count in shared.values()):
            kept.append(text)
    return kept


def _yaml(data):
    """YAML from data read by the library (its strings carry line numbers, so go through JSON first)."""
    return yaml.safe_dump(json.loads(json.dumps(data, ensure_ascii=False)), allow_unicode=True, sort_keys=False, width=10**6)
