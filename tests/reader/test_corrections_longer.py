"""A user correction never cuts a longer entity that contains it, and the places a correction
will change are counted before it is applied (issue 10 item 6)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from reader.coding import corrections
from reader.coding.impact import preview_edit
from reader.text.entities import Recognizer
from reader.text.ner.candidate import USER, Candidate, resolve
from reader.text.ner.user import keep_user_entries

ROOT = Path(__file__).resolve().parents[2]
# "近日": the shipped model reads 常委会研究部署 as one ORG (研究 opens many names); this test is
# about corrections, not that boundary.
COUNTY = "沅陵县委召开会议，中共沅陵县委常委会近日研究部署。县委书记讲话。"
DISTRICT = "娄底市娄星区委巡察组进驻娄星区政府。娄星区人民法院。娄星是个好地方。"


def _ents(rec: Recognizer, text: str) -> list[tuple[str, str]]:
    return [(e.text, e.type) for e in rec.recognize(text)]


def test_marking_a_short_org_keeps_the_longer_orgs_that_contain_it() -> None:
    before = _ents(Recognizer(), COUNTY)
    assert ("沅陵县委", "ORG") in before and ("中共沅陵县委常委会", "ORG") in before
    after = _ents(Recognizer(user_entries=[("县委", "ORG")]), COUNTY)
    assert ("沅陵县委", "ORG") in after and ("中共沅陵县委常委会", "ORG") in after
    assert ("沅陵", "LOC") not in after
    assert after.count(("县委", "ORG")) == 1  # where it stands alone
    assert Recognizer(user_entries=[("县委", "ORG")]).recognize(COUNTY)[-1].source == "user"


def test_changing_a_place_to_org_keeps_the_longer_names_that_contain_it() -> None:
    after = _ents(Recognizer(user_entries=[("娄星", "ORG")]), DISTRICT)
    assert ("娄星区政府", "ORG") in after and ("娄星区人民法院", "ORG") in after
    assert any(t.startswith("娄底市娄星区") for t, _ in after)
    assert ("娄星", "ORG") in after  # the standalone one took the user's type


def test_a_user_entry_still_wins_over_a_span_it_contains_or_equals() -> None:
    cands = [Candidate(0, 2, "LOC", "gazetteer", 90), Candidate(0, 3, "PER", "user", USER),
             Candidate(5, 7, "LOC", "gazetteer", 90), Candidate(5, 7, "ORG", "user", USER)]
    kept = resolve(keep_user_entries(cands, resolve))
    assert [(c.start, c.end, c.type) for c in kept] == [(0, 3, "PER"), (5, 7, "ORG")]


def test_the_preview_counts_exactly_what_applying_changes(corpus) -> None:  # type: ignore[no-untyped-def]
    def stored() -> dict[int, dict[tuple[int, int], str]]:
        return {a.id: {(e.start, e.end): e.type for e in corpus.entities(a.id)} for a in corpus.articles(True)}

    for text, etype in (("县委", "ORG"), ("娄星", "ORG"), ("巡察组", "ORG")):
        edit = corrections.add_edit(text, etype)
        impact = preview_edit(corpus, edit)
        old = stored()
        corrections.apply_edit(corpus, edit)
        new = stored()
        added = sum(len(set(new[a]) - set(old[a])) for a in new)
        removed = sum(len(set(old[a]) - set(new[a])) for a in new)
        retyped = sum(1 for a in new for s in set(new[a]) & set(old[a]) if new[a][s] != old[a][s])
        assert (impact.added, impact.removed, impact.retyped) == (added, removed, retyped), text
        changed = sum(1 for a in new if new[a] != old[a])
        assert impact.changed_articles == changed
        assert impact.occurrences == sum(corpus.article(a).text.count(text) for a in new)


def test_marking_county_committee_on_the_seeds_destroys_no_longer_organisation(corpus) -> None:  # type: ignore[no-untyped-def]
    def longer() -> set[tuple[int, int, int, str]]:
        return {(a.id, e.start, e.end, e.type) for a in corpus.articles(True) for e in corpus.entities(a.id)
                if "县委" in e.text and e.text != "县委"}

    kept = longer()
    assert kept
    impact = preview_edit(corpus, corrections.add_edit("县委", "ORG"))
    assert impact.inside_longer > 0
    corrections.add_entity(corpus, "县委", "ORG")
    assert kept <= longer()


def test_cli_dry_run_prints_the_count_and_changes_nothing(seeded_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "reader", "--db", str(seeded_path), "entity", "add", "娄星",
                             "--type", "ORG", "--dry-run", "-q"], capture_output=True, text=True, cwd=ROOT,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    impact = json.loads(result.stdout)
    assert impact["retyped"] > 0 and impact["inside_longer"] > 0 and impact["examples"]
    listing = subprocess.run([sys.executable, "-m", "reader", "--db", str(seeded_path), "entity", "list", "--json"],
                             capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert json.loads(listing.stdout) == []
