"""The entity index as a listing: ids per (name, type) that survive updates, the difference an
update makes, sorting and filtering in SQL."""

from __future__ import annotations

from reader.analysis.entity_index import IndexEntry
from reader.analysis.entity_listing import EntityListing


def _e(name: str, etype: str, mentions: int, articles: tuple[int, ...] = (1,), variants: tuple[str, ...] = ()) -> IndexEntry:
    return IndexEntry(name, etype, mentions, articles, variants or (name,))


def test_replace_keeps_ids_and_reports_the_difference() -> None:
    listing = EntityListing()
    first = listing.replace([_e("李彦文", "PER", 4, (1, 2)), _e("娄星区", "LOC", 3), _e("永州", "LOC", 2)])
    assert len(first.added) == 3 and not first.changed and not first.removed
    ids = {e.name: i for i, e in listing.rows(listing.ids())}
    again = listing.replace([_e("李彦文", "PER", 4, (1, 2)), _e("娄底市娄星区", "LOC", 5, variants=("娄底市娄星区", "娄星区")),
                             _e("永州", "LOC", 3, (1, 7))])
    assert again.removed == (ids["娄星区"],) and again.changed == (ids["永州"],) and len(again.added) == 1
    assert listing.replace([_e("李彦文", "PER", 4, (1, 2)), _e("娄底市娄星区", "LOC", 5, variants=("娄底市娄星区", "娄星区")),
                            _e("永州", "LOC", 3, (1, 7))]).ids == ()
    assert {e.name: i for i, e in listing.rows(listing.ids())}["李彦文"] == ids["李彦文"]


def test_sorted_and_filtered_in_sql() -> None:
    listing = EntityListing()
    listing.replace([_e("李彦文", "PER", 4, (1, 2)), _e("娄底市娄星区", "LOC", 5, variants=("娄底市娄星区", "娄星区")),
                     _e("永州", "LOC", 3, (1, 7, 9)), _e("100%_x", "ORG", 1)])
    names = lambda ids: [e.name for _, e in listing.rows(ids)]  # noqa: E731
    assert names(listing.ids()) == ["娄底市娄星区", "李彦文", "永州", "100%_x"]
    assert names(listing.ids("articles")) == ["永州", "李彦文", "娄底市娄星区", "100%_x"]
    assert names(listing.ids("mentions", descending=False, limit=2, offset=1)) == ["永州", "李彦文"]
    assert names(listing.ids(text="娄星")) == ["娄底市娄星区"]  # a variant matches
    assert names(listing.ids(types=["LOC"])) == ["娄底市娄星区", "永州"]
    assert names(listing.ids(text="%_")) == ["100%_x"] and listing.ids(text="0_") == []  # no wildcards
    assert listing.totals(types=["LOC"]) == (2, 8) and listing.count() == 4
    assert listing.find("永州", "LOC") is not None and listing.find("永州", "PER") is None
