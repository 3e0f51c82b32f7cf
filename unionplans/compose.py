"""The composer's data: per sector, the items the build already makes (plans, snippets, the calendar), as JSON.

The browser only orders these items, numbers them with the rule of render.layout and writes them out;
every word, term and date in them was filled in here, so the composer reads exactly like the pages.
"""
import json
from pathlib import Path

from . import render, word, wording

FOLDER = "compose"


def data_url(sector_id):
    return f"{FOLDER}/{sector_id}.json"


def item_json(item):
    """An Item as JSON: t title, p paragraphs, c children (empty fields left out to keep the files small)."""
    data = {"t": item.title, "p": item.paragraphs, "c": [item_json(child) for child in item.children]}
    return {key: value for key, value in data.items() if value}


def sector_data(library, sector_id):
    """Everything the composer needs for one sector, in that sector's words and the edition's dates."""
    values = library.sector_values(sector_id)
    snippets = [s for s in library.snippets.values() if sector_id in library.snippet_sectors(s)]
    plans = [p for p in library.plans.values() if p["sector"] == sector_id]
    return {
        "sector": {"id": sector_id, "name": library.sectors[sector_id]["name"]},
        "year": library.year,
        "types": {tid: {"name": t["name"], "parts": t["parts"], "requires": t["requires"]}
                  for tid, t in library.plan_types.items()},
        "categories": {cid: c["name"] for cid, c in library.categories.items()
                       if any(s["category"] == cid for s in snippets)},
        "snippets": {s["id"]: {"category": s["category"], "summary": wording.fill(s["summary"], values),
                               "item": item_json(render.snippet_item(library, s, sector_id))} for s in snippets},
        "plans": {p["id"]: _plan(library, p) for p in plans},
        "calendar": [[item["month"], wording.fill(item["name"], values) + "。"] for item in library.calendar["items"]
                     if sector_id in library.covered(item["sectors"])],
    }


def _plan(library, plan):
    """A model plan as a starting composition: its parts (each with the snippet it came from, if any, so the
    composer can say when that snippet has left the library, and the safeguards marked as such, so the composer
    places the schedule and new parts before them by their role, not by a word in a title), the schedule as rows,
    the title and preamble."""
    values = library.plan_values(plan)
    items = render.plan_items(library, plan)
    schedule = next((i for i in items if i.table is not None), None)
    parts = zip(library.top_sections(plan), (i for i in items if i.table is None))
    return {
        "name": plan["name"], "type": plan["type"], "title": wording.fill(plan["title"], values),
        "preamble": wording.fill(plan["preamble"], values).strip(),
        "sections": [{"snippet": section.get("snippet", ""), "item": item_json(item),
                      **({"safeguards": True} if section is plan.get("safeguards") else {})} for section, item in parts],
        "scheduleTitle": schedule.title if schedule else "月度工作安排",
        "schedule": [[month, entries] for month, entries in schedule.table] if schedule else [],
    }


def write_composer_data(library, site_dir):
    """compose/<sector>.json for every sector, and the empty Word file in the library's layout the browser fills."""
    folder = Path(site_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for sector_id in library.sectors:
        (Path(site_dir) / data_url(sector_id)).write_text(
            json.dumps(sector_data(library, sector_id), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    (folder / "template.docx").write_bytes(word.package([render.Block("title", "")], title=""))
