"""Layout repair for newspaper page dumps: a pipeline of small steps, each tested on its own.

1. ``units``     page text -> one unit per printed line (blank-line gap, markdown level, bold,
                 indentation, source lines), hard wrapping undone, duplicated blocks dropped;
2. ``classify``  ``shape``: a line alone (byline, credit, photo credit, note, jump marker,
                 signature, box label, dateline, head-shaped; readers in ``credits`` and
                 ``markers``); then ``heads.roles`` in context: captions, *head blocks* (runs of
                 head lines; on indented pages every unindented run) that start articles, with
                 their kicker / title / subtitle / column assigned by ``headparts``, section
                 headings, broken lines that are text (``broken``); on *tight* pages (no
                 indentation, no blank lines between paragraphs) ``blocks`` reads the head
                 block after each blank line, and a blank line starts an item or stands for
                 its empty 副题 slot (skeletons, jumps, tails and topic splits follow it);
3. ``skeleton``  article skeletons in page order (heads, titleless bylines, orphan runs, jump
                 markers); ``marked`` pairs marked jumps (下转 / 上接, jump heads);
4. ``rejoin``    paragraphs broken at a column end joined (across captions), unless the next
                 paragraph rather continues an article end elsewhere (held for step 5);
                 ``topics`` splits off section headings that open another topic;
5. ``jumps``     unmarked continuations re-attached (open ends, orphan runs, jump heads;
                 ``tails``: tails after a finished sentence that name another article's places
                 and share its content, or are closed by the credit of an article with no reporter; broken lines taken for a kicker, column or title go back), then ``skeleton.split_foreign_credits`` and a second
                 ``rejoin`` (pages without indentation only), after which a paragraph repeated once its broken
                 pieces were joined is dropped (``rejoin.drop_repeats``);
6. ``finish``    skeletons -> :class:`reader.text.article.Article`; column labels inherited.

``lexicon`` (jieba dictionary, names), ``affinity`` (bigram content affinity, place names) and
``text`` (punctuation predicates) are shared helpers.  Steps are deterministic and do no I/O;
the repair steps update the skeletons they are given in place and log their evidence.  The
synthetic page generator lives with the tests (``tests/synth/layout.py``), not here.
"""
