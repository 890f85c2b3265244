"""``reanchor`` and ``tags`` subcommands (reader.cli.annotations)."""

from __future__ import annotations

import json

from reader.cli.main import main
from reader.corpus import Corpus


def test_tags_and_reanchor_json(seeded_path, capsys) -> None:  # type: ignore[no-untyped-def]
    corpus = Corpus(seeded_path)
    aid = corpus.articles()[0].id
    parent = corpus.create_tag("监督").ids[0]
    corpus.create_tag("问责", parent_id=parent)
    corpus.annotate(aid, 0, 4, tags=["问责"])
    corpus.annotate(aid, 5, 8, tags=["问责", "监督"])
    corpus.close()
    assert main(["--db", str(seeded_path), "tags", "--json"]) == 0
    tree = json.loads(capsys.readouterr().out)
    assert [n["name"] for n in tree] == ["监督"]
    assert tree[0]["annotations"] == 1 and tree[0]["annotations_with_children"] == 2
    assert tree[0]["children"][0]["path"] == "监督/问责" and tree[0]["children"][0]["annotations"] == 2
    assert main(["--db", str(seeded_path), "tags"]) == 0
    assert "问责" in capsys.readouterr().out
    assert main(["--db", str(seeded_path), "reanchor", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["annotations"] == 2 and data["exact"] == 2 and data["orphaned"] == 0
    assert main(["--db", str(seeded_path), "reanchor", "-q"]) == 0
    assert "2 annotation(s): 2 in place" in capsys.readouterr().out
    assert main(["--db", str(seeded_path), "annotations", "--json"]) == 0
    assert {a["status"] for a in json.loads(capsys.readouterr().out)} == {"anchored"}
