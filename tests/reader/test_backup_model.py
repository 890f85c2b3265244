"""A retrained model travels with the corpus's backups: copied beside each backup, put back by a
restore (also to the state of a backup made with the shipped model), deleted by rotation."""

from __future__ import annotations

import json
from pathlib import Path

from reader.coding import retrain
from reader.store import backup as bk
from reader.store import backup_model


def _retrained(corpus, content: bytes) -> Path:  # type: ignore[no-untyped-def]
    """Give ``corpus`` a retrained model file (as ``entity retrain`` leaves it) holding ``content``."""
    target = retrain.model_file(corpus)
    target.write_bytes(content)
    corpus.set_meta(retrain.MODEL_KEY, json.dumps({"file": target.name, "user_sentences": 1}))
    return target


def test_a_backup_carries_the_retrained_model_and_restore_brings_it_back(corpus) -> None:  # type: ignore[no-untyped-def]
    model = _retrained(corpus, b"model one")
    made = corpus.backup()
    assert backup_model.sidecar(made).read_bytes() == b"model one"
    model.write_bytes(b"model two")  # retrained again after the backup
    before = corpus.restore(made)
    assert model.read_bytes() == b"model one"
    assert retrain.corpus_model(corpus) == model
    assert backup_model.sidecar(before).read_bytes() == b"model two"  # the state before, with its model
    corpus.restore(before)
    assert model.read_bytes() == b"model two"


def test_restoring_a_backup_made_with_the_shipped_model_goes_back_to_it(corpus) -> None:  # type: ignore[no-untyped-def]
    plain = corpus.backup()
    assert not backup_model.sidecar(plain).exists()
    model = _retrained(corpus, b"retrained")
    before = corpus.restore(plain)
    assert retrain.model_facts(corpus) is None and retrain.corpus_model(corpus) is True
    assert not model.exists()
    assert backup_model.sidecar(before).read_bytes() == b"retrained"
    corpus.restore(before)  # and undoing the restore brings the retrained model back
    assert model.read_bytes() == b"retrained" and retrain.corpus_model(corpus) == model


def test_an_explicit_backup_file_gets_the_model_beside_it(corpus, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _retrained(corpus, b"m")
    made = corpus.backup(dest=tmp_path / "mine.sqlite3")
    assert backup_model.sidecar(made).read_bytes() == b"m"


def test_a_backup_whose_model_file_is_missing_is_still_made(corpus) -> None:  # type: ignore[no-untyped-def]
    model = _retrained(corpus, b"m")
    model.unlink()
    made = corpus.backup()
    assert made.is_file() and not backup_model.sidecar(made).exists()


def test_rotation_deletes_the_model_copies_of_the_backups_it_deletes(corpus) -> None:  # type: ignore[no-untyped-def]
    folder = bk.backups_dir(corpus.path)
    folder.mkdir(exist_ok=True)
    stem = Path(corpus.path).stem
    made = []
    for i in range(bk.KEEP_RECENT + 3):
        path = folder / f"{stem}-20260101-1200{i:02d}-import.sqlite3"
        path.write_bytes(b"")
        backup_model.sidecar(path).write_bytes(b"m")
        made.append(path)
    gone = bk.rotate(folder)
    assert len(gone) == 3
    assert all(not backup_model.sidecar(p).exists() for p in gone)
    assert all(backup_model.sidecar(p).exists() for p in made if p not in gone)
    listed = [info.path.name for info in bk.list_backups(corpus.path)]
    assert listed and not any(n.endswith(backup_model.SUFFIX) for n in listed)  # copies are not backups
