"""Layout repair for newspaper page dumps: a pipeline of small steps, each tested on its own.

1. ``units``     page text -> one unit per printed line (blank-line gap, markdown level, bold),
                 hard wrapping undone, duplicated blocks dropped;
2. ``classify``  ``shape`` (a line alone: byline, credit, photo credit, note, dateline,
                 subtitle, head-shaped) then ``roles`` (in context: captions, article heads with
                 kicker/column/title/subtitle, section headings, broken lines that are text);
3. ``skeleton``  article skeletons in page order (heads, titleless bylines, orphan runs);
4. ``rejoin``    paragraphs broken at a column end joined (across captions), unless the next
                 paragraph rather continues an article end elsewhere (held for step 5);
5. ``jumps``     continuations re-attached (open ends, orphan runs, jump heads, place-named
                 tails), then ``skeleton.split_foreign_credits`` and a second ``rejoin``;
6. ``finish``    skeletons -> :class:`reader.text.article.Article`; column labels inherited.

``lexicon`` (jieba dictionary, names), ``affinity`` (bigram content affinity, place names) and
``text`` (punctuation predicates) are shared helpers; ``synth`` lays articles out again for the
generated tests and ``bench/recovery.py``.  Steps are deterministic and do no I/O; the repair
steps (4, 5) update the skeletons they are given in place and log their evidence.
"""
