"""The rule layers run together on one line: tokens and every layer's candidates.

Contract: :func:`rule_candidates` returns the line's tokens (:func:`reader.text.ner.segment.segment`,
repaired by :func:`repair_titles`) and the candidates of every rule layer, unresolved (they may
overlap), with offsets relative to the line.  User entries and rejections are not applied here.
"""

from __future__ import annotations

from itertools import compress
from operator import itemgetter

from reader.text.ner import orgs, patterns, persons, places, segment, streets, townships
from reader.text.ner.candidate import Candidate
from reader.text.ner.lexicon import Lexicon
from reader.text.ner.segment import Token

# Organisation heads that take 长 to make a title: 部 + 长 = 部长, 处 + 处长.
_HEADS = frozenset("部局厅处科院所站队室组行社校")
_TRIGGERS = _HEADS | {h + h for h in _HEADS}
_TEXT = itemgetter(2)  # Token.text


def repair_titles(tokens: list[Token], lexicon: Lexicon) -> list[Token]:
    """Give back the title the dictionary route glued to a name or a word.

    ``组织部/部/长江/小/忠`` becomes ``组织部/部长/江/小/忠`` (the title 部长 before the name
    江小忠, not the river 长江), and ``体育/处处/长`` becomes ``体育/处/处长``.  Tokens still tile
    the line.
    """
    out: list[Token] | None = None
    for i in compress(range(len(tokens) - 1), map(_TRIGGERS.__contains__, map(_TEXT, tokens))):
        tok, nxt = tokens[i], tokens[i + 1]
        if tok.text in _HEADS and len(nxt.text) >= 2 and nxt.text[0] == "长" and (
                nxt.text[1] in lexicon.strong_surnames or nxt.text[1] in lexicon.weak_surnames):
            rest = nxt.text[1:]
            pair = (Token(tok.start, tok.end + 1, tok.text + "长", "title"),
                    Token(nxt.start + 1, nxt.end, rest, lexicon.tag(rest) or "nr"))
        elif len(tok.text) == 2 and tok.text[0] == tok.text[1] in _HEADS and nxt.text == "长":
            pair = (Token(tok.start, tok.start + 1, tok.text[0], "n"),
                    Token(tok.start + 1, nxt.end, tok.text[1] + "长", "title"))
        else:
            continue
        if out is None:
            out = list(tokens)
        out[i], out[i + 1] = pair
    return tokens if out is None else out


def rule_candidates(line: str, lexicon: Lexicon) -> tuple[list[Token], list[Candidate]]:
    """The tokens of ``line`` and all rule candidates (see module docstring)."""
    tokens = repair_titles(segment.segment(line, lexicon), lexicon)
    cands: list[Candidate] = []
    cands += [Candidate(s, e, "DATE", "pattern:date", 85) for s, e in patterns.find_dates(line)]
    cands += [Candidate(s, e, "NUM", "pattern:num", 84) for s, e in patterns.find_numbers(line)]
    locs = places.find_places(tokens, lexicon)
    locs += townships.find_townships(line, tokens, lexicon)
    locs += places.find_communities(tokens, lexicon)
    locs += places.find_old_settlements(tokens)
    cands += locs
    cands += places.find_abbreviations(line, tokens)
    cands += places.find_routes(line, tokens)
    cands += streets.find_roads(line, tokens)
    cands += orgs.find_orgs(tokens, lexicon, locs)
    cands += persons.byline(line, 0, lexicon)
    cands += persons.credits(line, lexicon)
    cands += persons.familiar(line, lexicon)
    cands += persons.foreign_names(line, tokens)
    cands += persons.find_persons(tokens, lexicon)
    return tokens, cands
