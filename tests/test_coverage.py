"""The shipped library covers every sector, plan type and category, and passes its own content check."""
import re
from collections import Counter

from conftest import LIBRARY
from unionplans import render



def plans(**where):
    return [p for p in LIBRARY.plans.values() if all(p[k] == v for k, v in where.items())]


def test_counts():
    """Issue 11's targets: 18 sectors in families, 70 plans, 150 snippets."""
    assert len(LIBRARY.sectors) >= 18 and len(LIBRARY.families) >= 5
    assert len(LIBRARY.plans) >= 70
    assert len(LIBRARY.snippets) >= 150
    assert {p["sector"] for p in LIBRARY.plans.values()} == set(LIBRARY.sectors)
    assert {p["type"] for p in LIBRARY.plans.values()} == set(LIBRARY.plan_types)


def test_every_sector_has_choice():
    """At least three plans a sector: the year's plan (a 工作要点 for a union that steers others) and a 专项 plan."""
    for sector_id in LIBRARY.sectors:
        assert len(plans(sector=sector_id)) >= 3, sector_id
        assert plans(sector=sector_id, type="annual") or plans(sector=sector_id, type="key-points"), sector_id
        assert plans(sector=sector_id, type="special"), sector_id


def test_the_special_plans_officers_write_with_the_annual_plan():
    names = " ".join(p["name"] for p in plans(type="special"))
    for theme in ("送温暖", "筹备", "三八", "运动会|技能竞赛|竞赛"):
        assert re.search(theme, names), theme


def test_schools_have_autumn_and_spring_term_plans():
    terms = plans(sector="school", type="term")
    assert {p["term"] for p in terms} == {"春季学期", "秋季学期"}
    for plan in terms:  # the generated table stays within the term
        assert {label for label, _ in LIBRARY.schedule(plan)} <= {f"{m}月" for m in LIBRARY.term(plan)["months"]} | {"经常性工作"}


def test_key_points_for_education_union_and_a_group_company():
    assert plans(sector="district-education", type="key-points")
    assert any(p["sector"] in ("coal-mine", "manufacturing") for p in plans(type="key-points"))


def test_the_four_special_plan_themes():
    names = " ".join(p["name"] for p in plans(type="special"))
    for theme in ("女职工", "文体", "帮扶", "竞赛"):
        assert theme in names, theme


def test_every_category_has_snippets_and_most_snippets_serve_several_sectors():
    per_category = Counter(s["category"] for s in LIBRARY.snippets.values())
    assert set(per_category) == set(LIBRARY.categories)
    assert len(LIBRARY.categories) >= 18
    # Shared snippets have sector versions: through sector terms or a variant they read differently per sector.
    versions = [{"\n".join(render.render_item(render.snippet_item(LIBRARY, s, sector), 1, 0))
                 for sector in LIBRARY.snippet_sectors(s)} for s in LIBRARY.snippets.values()]
    assert sum(len(v) > 1 for v in versions) >= 60


def test_calendar_items_concern_known_sectors():
    assert {item["month"] for item in LIBRARY.calendar["items"]} == set(range(1, 13))
