"""A synthetic library of any size, made from the shipped library's own sentences.

Each plan and snippet recombines real sentences (so the text is realistic Chinese that passes the
content check), every paragraph is unique (so the repeated-paragraph check passes), every sector
is used, and there are three snippets for each plan, as in the shipped library.
"""
import json
import random
import re
import shutil
from pathlib import Path

import yaml

from unionplans.content import strings
from unionplans.library import load_library

SENTENCE = re.compile(r"[^。！？\n]+[。！？]")
SNIPPETS_PER_PLAN = 3


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
    shutil.copytree(Path(shipped) / "snippets", data / "snippets")  # the shared ones (safeguards-basic…)
    pools = _pools(library)
    used = {line.strip().lstrip("#- ") for text in [*(s.body for s in library.snippets.values()),
                                                      *(t for p in library.plans.values() for t in strings(p))]
            for line in text.split("\n")}  # no synthetic paragraph may repeat a real one

    def paragraph(sector, count):
        while True:
            text = "".join(rng.sample(pools[sector], count))
            if text not in used:
                used.add(text)
                return text

    snippets = _write_snippets(library, data / "snippets", plans * SNIPPETS_PER_PLAN, rng, paragraph)
    _write_plans(library, data / "plans", plans, snippets, rng, paragraph)
    return data


def _pools(library):
    """Sentences each sector may use: its plans' own text, and snippet text written with sector terms."""
    pools = {sector: [] for sector in library.sectors}
    for plan in library.plans.values():
        pools[plan["sector"]] += sentences("\n".join(strings(plan)))
    for snippet in library.snippets.values():
        for sector in library.snippet_sectors(snippet):
            pools[sector] += sentences(library.snippet_body(snippet, sector))
    return {sector: sorted(set(pool)) for sector, pool in pools.items()}


def _write_snippets(library, folder, count, rng, paragraph):
    real = sorted(library.snippets.values(), key=lambda s: s["id"])
    written = []
    for n in range(count):
        model = real[n % len(real)]
        sectors = library.snippet_sectors(model)
        sector = sectors[n % len(sectors)]
        body = [paragraph(sector, 2)]
        for child in range(3):
            body += ["", f"# {model['title']}之{'一二三'[child]}", "", paragraph(sector, 3)]
        head = {"id": f"s{n:05d}", "title": f"{model['title']}（{n}）", "category": model["category"],
                "sectors": [sector], "summary": f"{model['summary']}（示例{n}）"}
        (folder / f"s{n:05d}.md").write_text(f"---\n{_yaml(head)}---\n" + "\n".join(body) + "\n",
                                            encoding="utf-8")
        written.append((head["id"], [sector]))
    return written


def _write_plans(library, folder, count, snippets, rng, paragraph):
    sectors = list(library.sectors)
    # Each sector's real annual measures, festival anchors (春节前) and all: a synthetic plan takes one plan's whole
    # set (its month table is generated from them), each sentence marked as its own so no line repeats.
    annual = [p for p in library.plans.values() if p["type"] == "annual"]
    family = {s: library.sectors[s]["family"] for s in sectors}
    measures = {s: [library.measures(p) for p in annual if p["sector"] == s]
                or [library.measures(p) for p in annual if family[p["sector"]] == family[s]] for s in sectors}
    by_sector = {s: [sid for sid, fits in snippets if s in fits] for s in sectors}
    for n in range(count):
        sector = sectors[n % len(sectors)]
        own = [{"title": title, "text": "\n\n".join(paragraph(sector, 3) for _ in range(2))}
               for title in ("指导思想", "工作目标", "做好女职工工作", "加强自身建设", "做好服务工作")]
        own[0]["text"] = "以{年度主线}为主线。" + own[0]["text"]
        picked = rng.sample(by_sector[sector], min(4, len(by_sector[sector])))
        plan = {
            "id": f"p{n:05d}", "name": f"示例{library.sectors[sector]['name']}工会年度工作计划{n}",
            "title": "【工会名称】【年度】年工作计划", "sector": sector, "type": "annual",
            "summary": f"用于性能测试的第{n}篇示例范本。", "preamble": paragraph(sector, 3),
            "profile": {"union": "已建立", "self": "本单位", "congress": "春季", "level": "基层"},
            "sections": own[:2] + [{"snippet": sid} for sid in picked] + own[2:4],
            "safeguards": own[4],
        }
        own[3]["measures"] = [{"id": m.id, "when": m.when, "lead": m.lead, "do": f"{m.do}（示例{n}）"}
                              for m in rng.choice(measures[sector])]
        target = folder / sector
        target.mkdir(parents=True, exist_ok=True)
        (target / f"p{n:05d}.yml").write_text(_yaml(plan), encoding="utf-8")


def _yaml(data):
    """YAML from data read by the library (its strings carry line numbers, so go through JSON first)."""
    return yaml.safe_dump(json.loads(json.dumps(data, ensure_ascii=False)), allow_unicode=True, sort_keys=False, width=10**6)
