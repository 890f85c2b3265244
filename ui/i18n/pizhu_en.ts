<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AgreementDialog</name>
    <message numerus="yes">
        <source>%n coder(s)</source>
        <translation>
            <numerusform>%n coder</numerusform>
            <numerusform>%n coders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tag(s)</source>
        <translation>
            <numerusform>%n tag</numerusform>
            <numerusform>%n tags</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AnnotationPanel</name>
    <message numerus="yes">
        <source>Selected %n character(s): «%s»</source>
        <translation>
            <numerusform>Selected %n character: «%s»</numerusform>
            <numerusform>Selected %n characters: «%s»</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n annotation(s) in this article</source>
        <translation>
            <numerusform>%n annotation in this article</numerusform>
            <numerusform>%n annotations in this article</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n orphaned</source>
        <translation>
            <numerusform>, %n orphaned</numerusform>
            <numerusform>, %n orphaned</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AnnotationsView</name>
    <message numerus="yes">
        <source>%n annotation(s)</source>
        <translation>
            <numerusform>%n annotation</numerusform>
            <numerusform>%n annotations</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ArticleListModel</name>
    <message numerus="yes">
        <source>%n character(s)</source>
        <translation>
            <numerusform>%n character</numerusform>
            <numerusform>%n characters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n code(s)</source>
        <translation>
            <numerusform>%n code</numerusform>
            <numerusform>%n codes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entities</source>
        <translation>
            <numerusform>%n entity</numerusform>
            <numerusform>%n entities</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AutocodeDialog</name>
    <message numerus="yes">
        <source>%n line(s) of the concordance</source>
        <translation>
            <numerusform>%n line of the concordance</numerusform>
            <numerusform>%n lines of the concordance</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Code %n occurrence(s) as %s</source>
        <translation>
            <numerusform>Code %n occurrence as %s</numerusform>
            <numerusform>Code %n occurrences as %s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n annotation(s) with %s (Edit ▸ Undo takes them back)</source>
        <translation>
            <numerusform>Wrote %n annotation with %s (Edit ▸ Undo takes it back)</numerusform>
            <numerusform>Wrote %n annotations with %s (Edit ▸ Undo takes them back)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%s of %n hit(s) accepted</source>
        <translation>
            <numerusform>%s of %n hit accepted</numerusform>
            <numerusform>%s of %n hits accepted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n already coded</source>
        <translation>
            <numerusform>; %n already coded</numerusform>
            <numerusform>; %n already coded</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CollocationsView</name>
    <message numerus="yes">
        <source>%n collocate(s) of %s</source>
        <translation>
            <numerusform>%n collocate of %s</numerusform>
            <numerusform>%n collocates of %s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CorpusFiles</name>
    <message numerus="yes">
        <source>%n new page(s)</source>
        <translation>
            <numerusform>%n new page</numerusform>
            <numerusform>%n new pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>%n updated</numerusform>
            <numerusform>%n updated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unchanged</source>
        <translation>
            <numerusform>%n unchanged</numerusform>
            <numerusform>%n unchanged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CorrectionsDialog</name>
    <message numerus="yes">
        <source>%n word(s) in the corpus dictionary</source>
        <translation>
            <numerusform>%n word in the corpus dictionary</numerusform>
            <numerusform>%n words in the corpus dictionary</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected</source>
        <translation>
            <numerusform>%n rejected</numerusform>
            <numerusform>%n rejected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EntityIndexView</name>
    <message numerus="yes">
        <source>%n name(s)</source>
        <translation>
            <numerusform>%n name</numerusform>
            <numerusform>%n names</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mention(s)</source>
        <translation>
            <numerusform>%n mention</numerusform>
            <numerusform>%n mentions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EntityTools</name>
    <message numerus="yes">
        <source>%n occurrence(s)</source>
        <translation>
            <numerusform>%n occurrence</numerusform>
            <numerusform>%n occurrences</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n article(s)</source>
        <translation>
            <numerusform>in %n article</numerusform>
            <numerusform>in %n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entity(ies)</source>
        <translation>
            <numerusform>%n entity</numerusform>
            <numerusform>%n entities</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n new</numerusform>
            <numerusform>%n new</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n removed</source>
        <translation>
            <numerusform>%n removed</numerusform>
            <numerusform>%n removed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with another type</source>
        <translation>
            <numerusform>%n with another type</numerusform>
            <numerusform>%n with another type</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n occurrence(s) of the text</source>
        <translation>
            <numerusform>%n occurrence of the text</numerusform>
            <numerusform>%n occurrences of the text</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n occurrence(s) are part of a longer name and stay as they are.</source>
        <translation>
            <numerusform>%n occurrence is part of a longer name and stays as it is.</numerusform>
            <numerusform>%n occurrences are part of a longer name and stay as they are.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Entities updated in %n article(s)</source>
        <translation>
            <numerusform>Entities updated in %n article</numerusform>
            <numerusform>Entities updated in %n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Entities recognised again in %n article(s)</source>
        <translation>
            <numerusform>Entities recognised again in %n article</numerusform>
            <numerusform>Entities recognised again in %n articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>Exported %n annotation(s) to
%s</source>
        <translation>
            <numerusform>Exported %n annotation to
%s</numerusform>
            <numerusform>Exported %n annotations to
%s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FixesDialog</name>
    <message numerus="yes">
        <source>%n fix(es) listed</source>
        <translation>
            <numerusform>%n fix listed</numerusform>
            <numerusform>%n fixes listed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FixesTools</name>
    <message numerus="yes">
        <source>Remove %n occurrence fix(es)</source>
        <translation>
            <numerusform>Remove %n occurrence fix</numerusform>
            <numerusform>Remove %n occurrence fixes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message numerus="yes">
        <source>Imported %n annotation(s)</source>
        <translation>
            <numerusform>Imported %n annotation</numerusform>
            <numerusform>Imported %n annotations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already present</source>
        <translation>
            <numerusform>%n already present</numerusform>
            <numerusform>%n already present</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tag(s) created</source>
        <translation>
            <numerusform>%n tag created</numerusform>
            <numerusform>%n tags created</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unmatched</source>
        <translation>
            <numerusform>%n unmatched</numerusform>
            <numerusform>%n unmatched</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n skipped</numerusform>
            <numerusform>%n skipped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KeynessView</name>
    <message numerus="yes">
        <source>%n item(s); positive Log Ratio: more in the target</source>
        <translation>
            <numerusform>%n item; positive Log Ratio: more in the target</numerusform>
            <numerusform>%n items; positive Log Ratio: more in the target</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KwicView</name>
    <message numerus="yes">
        <source>%n occurrence(s)</source>
        <translation>
            <numerusform>%n occurrence</numerusform>
            <numerusform>%n occurrences</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> in %n article(s)</source>
        <translation>
            <numerusform> in %n article</numerusform>
            <numerusform> in %n articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PageDialog</name>
    <message numerus="yes">
        <source>%n article(s) on this page</source>
        <translation>
            <numerusform>%n article on this page</numerusform>
            <numerusform>%n articles on this page</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n fix(es) by hand.</source>
        <translation>
            <numerusform>; %n fix by hand.</numerusform>
            <numerusform>; %n fixes by hand.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PhrasesView</name>
    <message numerus="yes">
        <source>%n phrase(s)</source>
        <translation>
            <numerusform>%n phrase</numerusform>
            <numerusform>%n phrases</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hit(s)</source>
        <translation>
            <numerusform>%n hit</numerusform>
            <numerusform>%n hits</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PropertiesDialog</name>
    <message numerus="yes">
        <source>%n character(s)</source>
        <translation>
            <numerusform>%n character</numerusform>
            <numerusform>%n characters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReprintBar</name>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform> and %n more</numerusform>
            <numerusform> and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n time(s)</source>
        <translation>
            <numerusform>%n time</numerusform>
            <numerusform>%n times</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n paper(s)</source>
        <translation>
            <numerusform>%n paper</numerusform>
            <numerusform>%n papers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReprintsView</name>
    <message numerus="yes">
        <source>%n cluster(s)</source>
        <translation>
            <numerusform>%n cluster</numerusform>
            <numerusform>%n clusters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n article(s) are copies of an earlier printing</source>
        <translation>
            <numerusform>; %n article is a copy of an earlier printing</numerusform>
            <numerusform>; %n articles are copies of an earlier printing</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RetrainTools</name>
    <message numerus="yes">
        <source>In use: a model retrained %s from %n corrected sentence(s)</source>
        <translation>
            <numerusform>In use: a model retrained %s from %n corrected sentence</numerusform>
            <numerusform>In use: a model retrained %s from %n corrected sentences</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Retrained from %n corrected sentence(s)</source>
        <translation>
            <numerusform>Retrained from %n corrected sentence</numerusform>
            <numerusform>Retrained from %n corrected sentences</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; entities recognised again in %n article(s)</source>
        <translation>
            <numerusform>; entities recognised again in %n article</numerusform>
            <numerusform>; entities recognised again in %n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Back to the shipped model; entities recognised again in %n article(s)</source>
        <translation>
            <numerusform>Back to the shipped model; entities recognised again in %n article</numerusform>
            <numerusform>Back to the shipped model; entities recognised again in %n articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchView</name>
    <message numerus="yes">
        <source>Stopped: %n article(s) found so far</source>
        <translation>
            <numerusform>Stopped: %n article found so far</numerusform>
            <numerusform>Stopped: %n articles found so far</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Searching… %n article(s) found</source>
        <translation>
            <numerusform>Searching… %n article found</numerusform>
            <numerusform>Searching… %n articles found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hit(s)</source>
        <translation>
            <numerusform>%n hit</numerusform>
            <numerusform>%n hits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (first %n article(s) shown; scroll for more)</source>
        <translation>
            <numerusform> (first %n article shown; scroll for more)</numerusform>
            <numerusform> (first %n articles shown; scroll for more)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (best %n articles shown)</source>
        <translation>
            <numerusform> (best %n article shown)</numerusform>
            <numerusform> (best %n articles shown)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServerDialog</name>
    <message numerus="yes">
        <source>The database %s holds %n table(s) of another program, not a Pizhu corpus. Pizhu does not write there: ask for an empty database.</source>
        <translation>
            <numerusform>The database %s holds %n table of another program, not a Pizhu corpus. Pizhu does not write there: ask for an empty database.</numerusform>
            <numerusform>The database %s holds %n tables of another program, not a Pizhu corpus. Pizhu does not write there: ask for an empty database.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SetVariableDialog</name>
    <message numerus="yes">
        <source>Set a variable for %n article(s)</source>
        <translation>
            <numerusform>Set a variable for %n article</numerusform>
            <numerusform>Set a variable for %n articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SideBySideDialog</name>
    <message numerus="yes">
        <source>%n agreement(s)</source>
        <translation>
            <numerusform>%n agreement</numerusform>
            <numerusform>%n agreements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n difference(s)</source>
        <translation>
            <numerusform>%n difference</numerusform>
            <numerusform>%n differences</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>consensus has %n annotation(s)</source>
        <translation>
            <numerusform>consensus has %n annotation</numerusform>
            <numerusform>consensus has %n annotations</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatsView</name>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n character(s)</source>
        <translation>
            <numerusform>%n character</numerusform>
            <numerusform>%n characters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n source(s)</source>
        <translation>
            <numerusform>%n source</numerusform>
            <numerusform>%n sources</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeamTools</name>
    <message numerus="yes">
        <source>%n article(s) matched</source>
        <translation>
            <numerusform>%n article matched</numerusform>
            <numerusform>%n articles matched</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n annotation(s) added</source>
        <translation>
            <numerusform>%n annotation added</numerusform>
            <numerusform>%n annotations added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already present</source>
        <translation>
            <numerusform>%n already present</numerusform>
            <numerusform>%n already present</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not placed</source>
        <translation>
            <numerusform>%n not placed</numerusform>
            <numerusform>%n not placed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n occurrence fix(es) added</source>
        <translation>
            <numerusform>%n occurrence fix added</numerusform>
            <numerusform>%n occurrence fixes added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Consensus: %n annotation(s) written</source>
        <translation>
            <numerusform>Consensus: %n annotation written</numerusform>
            <numerusform>Consensus: %n annotations written</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message numerus="yes">
        <source>%n mention(s)</source>
        <translation>
            <numerusform>%n mention</numerusform>
            <numerusform>%n mentions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n on undated pages (in the table, not the chart)</source>
        <translation>
            <numerusform>; %n on undated pages (in the table, not the chart)</numerusform>
            <numerusform>; %n on undated pages (in the table, not the chart)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VariablesView</name>
    <message numerus="yes">
        <source>%n article(s); double-click a cell to edit, or select rows and Set</source>
        <translation>
            <numerusform>%n article; double-click a cell to edit, or select rows and Set</numerusform>
            <numerusform>%n articles; double-click a cell to edit, or select rows and Set</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WordsView</name>
    <message numerus="yes">
        <source>%n word(s) listed</source>
        <translation>
            <numerusform>%n word listed</numerusform>
            <numerusform>%n words listed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench</name>
    <message numerus="yes">
        <source>Rename “%s” to “%s”? %n annotation(s) carry this tag.</source>
        <translation>
            <numerusform>Rename “%s” to “%s”? %n annotation carries this tag.</numerusform>
            <numerusform>Rename “%s” to “%s”? %n annotations carry this tag.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move “%s” (with its children) under %s? %n annotation(s) are tagged with it or its children.</source>
        <translation>
            <numerusform>Move “%s” (with its children) under %s? %n annotation is tagged with it or its children.</numerusform>
            <numerusform>Move “%s” (with its children) under %s? %n annotations are tagged with it or its children.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merge “%s” into “%s”? %n annotation(s) will be re-tagged and “%s” removed.</source>
        <translation>
            <numerusform>Merge “%s” into “%s”? %n annotation will be re-tagged and “%s” removed.</numerusform>
            <numerusform>Merge “%s” into “%s”? %n annotations will be re-tagged and “%s” removed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete “%s”? It is removed from %n annotation(s); the annotations stay. Its children move up.</source>
        <translation>
            <numerusform>Delete “%s”? It is removed from %n annotation; the annotations stay. Its children move up.</numerusform>
            <numerusform>Delete “%s”? It is removed from %n annotations; the annotations stay. Its children move up.</numerusform>
        </translation>
    </message>
</context>
</TS>
