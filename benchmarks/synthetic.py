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
from pathlib import Path

import yaml

from unionplans import consistency, wording
from unionplans.content import strings
from unionplans.library import load_library

SENTENCE = re.compile(r"[^。！？\n]+[。！？]")
SNIPPETS_PER_PLAN = 3
OWN_SENTENCES = 80  # a plan's own 11 paragraphs of 3 sentences, with room to keep their pairs apart


def sentences(text):
    return [s.strip() for s in SENTENCE.findall(text) if 12 <= len(s.strip()) <= 80 and not s.strip().startswith(("#", "-"))]


def make_library(shipped, target, plans, seed=7):
    """Write a library with `plans` plans and 3 × `plans` snippets into `target`/templates_data."""
    library = load_library(shipped)
    rng = random.Random(seed)
    data = Path(target) / "templates_data"
    data.mkdir(parents=True)
    for path in Path(shipped).glob("*.*"):
        shutil.copy(path, data / path.name)
    (data / "snippets").mkdir()  # the real snippets stay out: their sentences are recombined into new ones
    real = [sentences(line.strip().lstrip("#- ")) for text in [
        *(t for s in library.snippets.values() for t in [s.body, *(s.get("variants") or {}).values()]),
        *(t for p in library.plans.values() for t in strings(p))] for line in text.split("\n")]
    pairs = {pair for said in real for pair in itertools.combinations(sorted(said), 2)}  # real paragraphs stay apart
    whole = {said[0] for said in real if len(said) == 1}  # a sentence that is a whole real paragraph is not reused
    pools = {sector: [s for s in pool if s not in whole] for sector, pool in _pools(library).items()}

    def paragraph(sector, count, avoid=()):
        """`count` sentences no other paragraph has put together, none over two fifths of the paragraph, none of them
        in `avoid` (the plan so far)."""
        available = [s for s in pools[sector] if s not in avoid]
        for _ in range(10000):
            chosen = rng.sample(available, count)
            together = set(itertools.combinations(sorted(chosen), 2))
            longest = max(len(s) for s in chosen) * 5 <= sum(len(s) for s in chosen) * 2  # one shared sentence is no copy
            if longest and not together & pairs:
                pairs.update(together)
                return "".join(chosen)
        raise SystemExit(f"{sector}: 行业句子不够组成互不雷同的段落（{len(available)} 句可用）。")

    snippets = _write_snippets(library, data / "snippets", plans * SNIPPETS_PER_PLAN, rng, paragraph)
    _write_plans(library, data / "plans", plans, snippets, rng, paragraph, pools)
    return data


def _pools(library):
    """Sentences each sector may use: its family's plans' own text, and snippet text written with terms.

    Left out: sentences that give a frequency (two plans' 每月 and 每季度 would meet in one synthetic plan)
    and sentences that restate an item of a schedule a synthetic plan may take whole.
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
    items = [item for plan in library.plans.values() if plan["type"] == "annual"
             for entry in plan["schedule"] for item in entry["items"]]
    return {sector: _apart([s for s in sorted(set(pool)) if not frequency.search(s)], items, normal)
            for sector, pool in pools.items()}


def _apart(pool, items, normal):
    """The pool without sentences (or parts of them) close to a schedule item or to a sentence kept before."""
    pieces = [consistency.Piece("", -1, item, consistency.shingles(normal(item))) for item in items]
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
    # Each sector's real annual measures, festival anchors (春节前) and all: a synthetic plan takes one plan's whole
    # set (its month table is generated from them), each sentence marked as its own so no line repeats.
    annual = [p for p in library.plans.values() if p["type"] == "annual"]
    family = {s: library.sectors[s]["family"] for s in sectors}
    measures = {s: [library.measures(p) for p in annual if p["sector"] == s]
                or [library.measures(p) for p in annual if family[p["sector"]] == family[s]] for s in sectors}
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
        plan = {
            "id": f"p{n:05d}", "name": f"示例{library.sectors[sector]['name']}工会年度工作计划{n}",
            "title": "【工会名称】【年度】年工作计划", "sector": sector, "type": "annual",
            "summary": f"用于性能测试的第{n}篇示例范本。", "preamble": paragraph(sector, 3, said),
            "sections": own[:2] + [{"snippet": sid} for sid in picked] + own[2:4],
            "profile": {"union": "已建立", "self": "本单位", "congress": "春季", "level": "基层"},
            "safeguards": own[4],
        }
        own[3]["measures"] = [{"id": m.id, "when": m.when, "lead": m.lead, "do": f"{m.do}（示例{n}）"}
                              for m in rng.choice(measures[sector])]
        target = folder / sector
        target.mkdir(parents=True, exist_ok=True)
        (target / f"p{n:05d}.yml").write_text(_yaml(plan), encoding="utf-8")


def _short(schedule):
    """A real schedule with long items cut to the clauses that fit under the copy check's length (an item
    whose {术语} would be cut off is left out), so plans that share a schedule copy no paragraph."""
    entries = []
    for entry in schedule:
        items = [_clauses(item) for item in entry["items"]]
        entries.append({**entry, "items": [item for item in items if item] or entry["items"][:1]})
    return entries


def _clauses(item):
    if wording.count_han(item) < consistency.COPY_MIN_HAN:
        return item
    kept = ""
    for clause in re.split(r"(?<=[，；])", item):
        if wording.count_han(kept + clause) >= consistency.COPY_MIN_HAN:
            break
        kept += clause
    if not kept or wording.TERM.findall(item) != wording.TERM.findall(kept):
        return None
    return kept[:-1] + "。"


def _yaml(data):
    """YAML from data read by the library (its strings carry line numbers, so go through JSON first)."""
    return yaml.safe_dump(json.loads(json.dumps(data, ensure_ascii=False)), allow_unicode=True, sort_keys=False, width=10**6)
