<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Pizhu</source>
        <translation>关于批注</translation>
    </message>
    <message>
        <source>A reader and annotator for Chinese news corpora: clean articles from newspaper pages, entities highlighted, passages coded, corpus search and statistics, exports to QDA tools.</source>
        <translation>中文新闻语料库的阅读与标注工具：从报纸版面整理出干净的文章，高亮实体，为片段编码，检索与统计语料库，并导出到质性分析（QDA）软件。</translation>
    </message>
    <message>
        <source>Corpus: %s (schema %d)</source>
        <translation>语料库：%s（数据库结构版本 %d）</translation>
    </message>
    <message>
        <source>Bundled: Noto Sans CJK SC subset (SIL Open Font License); place gazetteer from JioNLP (Apache-2.0).</source>
        <translation>随附：Noto Sans CJK SC 字体子集（SIL Open Font License）；地名词表来自 JioNLP（Apache-2.0）。</translation>
    </message>
</context>
<context>
    <name>AgreementDialog</name>
    <message>
        <source>Inter-coder agreement</source>
        <translation>编码员间一致性</translation>
    </message>
    <message>
        <source>tags (empty: every tag they used)</source>
        <translation>代码（留空：他们用过的所有代码）</translation>
    </message>
    <message>
        <source>Open article only</source>
        <translation>仅当前文章</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Overall and per tag</source>
        <translation>总体及各代码</translation>
    </message>
    <message>
        <source>Per article</source>
        <translation>各篇文章</translation>
    </message>
    <message>
        <source>Confusion (characters)</source>
        <translation>混淆矩阵（字符）</translation>
    </message>
    <message>
        <source>Coders</source>
        <translation>编码员</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Units per coder</source>
        <translation>各编码员的单元数</translation>
    </message>
    <message>
        <source>overall</source>
        <translation>总体</translation>
    </message>
    <message>
        <source>(nothing)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>%s. Double-click an article to compare it side by side.</source>
        <translation>%s。双击一篇文章可并排比较。</translation>
    </message>
    <message numerus="yes">
        <source>%n coder(s)</source>
        <translation>
            <numerusform>%n 位编码员</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tag(s)</source>
        <translation>
            <numerusform>%n 个代码</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n 篇文章</numerusform>
        </translation>
    </message>
    <message>
        <source>alpha_u: Krippendorff&apos;s unitized alpha; alpha_coded / alpha_text: character-level alpha over the text anyone coded / the whole text; f1_exact / f1_overlap: span F1, exact or overlapping matches; kappa: Cohen&apos;s kappa on segments (pieces between coding boundaries).</source>
        <translation>alpha_u：Krippendorff 单元化 α 系数；alpha_coded / alpha_text：在任一编码员编码过的文本 / 全部文本上按字符计算的 α；f1_exact / f1_overlap：片段 F1，精确匹配 / 重叠匹配；kappa：按分段（编码边界之间的文本）计算的 Cohen κ 系数。</translation>
    </message>
</context>
<context>
    <name>AnalysisView</name>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Count reprints once</source>
        <translation>转载只计一次</translation>
    </message>
    <message>
        <source>A copy printed in several papers, pages or days counts once, at its first printing (see Reprints)</source>
        <translation>刊印在多家报纸、多个版面或多天的同一稿件只在首次刊印处计一次（见“转载”）</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <source>Failed: %s</source>
        <translation>失败：%s</translation>
    </message>
    <message>
        <source>Working… %d/%d %s</source>
        <translation>正在处理… %d/%d %s</translation>
    </message>
    <message>
        <source>words %s</source>
        <translation>词 %s</translation>
    </message>
    <message>
        <source>comparing the texts</source>
        <translation>正在比较文本</translation>
    </message>
    <message>
        <source>grouping the copies</source>
        <translation>正在归并副本</translation>
    </message>
    <message>
        <source>finding the occurrences</source>
        <translation>正在查找出现位置</translation>
    </message>
    <message>
        <source>Export table</source>
        <translation>导出表格</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>AnalysisViews</name>
    <message>
        <source>&amp;Variables</source>
        <translation>变量(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Reprints</source>
        <translation>转载(&amp;R)</translation>
    </message>
    <message>
        <source>Time&amp;line</source>
        <translation>时间线(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Phrase lists</source>
        <translation>短语表(&amp;P)</translation>
    </message>
    <message>
        <source>Ke&amp;yness</source>
        <translation>关键性(&amp;Y)</translation>
    </message>
    <message>
        <source>C&amp;ollocations</source>
        <translation>搭配(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Word list</source>
        <translation>词表(&amp;W)</translation>
    </message>
    <message>
        <source>Code every &amp;occurrence…</source>
        <translation>为每处出现编码(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <source>Code these lines…</source>
        <translation>为这些行编码…</translation>
    </message>
    <message>
        <source>Set %s</source>
        <translation>设置 %s</translation>
    </message>
    <message>
        <source>Cannot set the variable</source>
        <translation>无法设置变量</translation>
    </message>
    <message>
        <source>Import variables</source>
        <translation>导入变量</translation>
    </message>
    <message>
        <source>Cannot import the variables</source>
        <translation>无法导入变量</translation>
    </message>
</context>
<context>
    <name>AnnotationPanel</name>
    <message>
        <source>Article</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>未读</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>已读</translation>
    </message>
    <message>
        <source>★ Starred</source>
        <translation>★ 星标</translation>
    </message>
    <message>
        <source>article tags, separated by commas</source>
        <translation>文章标签，用逗号分隔</translation>
    </message>
    <message>
        <source>article note</source>
        <translation>文章备注</translation>
    </message>
    <message>
        <source>Save article tags and note</source>
        <translation>保存文章标签和备注</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Tags</source>
        <comment>the article&apos;s own tags, not codes</comment>
        <translation>标签</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Re-attach to selection</source>
        <translation>重新锚定到选区</translation>
    </message>
    <message>
        <source>Anchor the chosen orphan annotation to the selected passage</source>
        <translation>把所选的孤立标注锚定到选中的片段</translation>
    </message>
    <message>
        <source>Select text in the article to annotate it.</source>
        <translation>在文章中选中文字即可标注。</translation>
    </message>
    <message>
        <source>tags, separated by commas</source>
        <translation>代码，用逗号分隔</translation>
    </message>
    <message>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Annotate selection</source>
        <translation>标注选区</translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Tags</source>
        <comment>the codes of the selected passage</comment>
        <translation>代码</translation>
    </message>
    <message numerus="yes">
        <source>Selected %n character(s): «%s»</source>
        <translation>
            <numerusform>已选 %n 个字：“%s”</numerusform>
        </translation>
    </message>
    <message>
        <source>(no tag)</source>
        <translation>（无代码）</translation>
    </message>
    <message>
        <source> [orphan]</source>
        <translation>［孤立］</translation>
    </message>
    <message>
        <source>Orphan: its passage is no longer in the text. Select the right passage and press “Re-attach to selection”.</source>
        <translation>孤立标注：它所标注的片段已不在正文中。请选中正确的片段，然后点击“重新锚定到选区”。</translation>
    </message>
    <message numerus="yes">
        <source>%n annotation(s) in this article</source>
        <translation>
            <numerusform>本文共 %n 条标注</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n orphaned</source>
        <translation>
            <numerusform>，其中 %n 条孤立</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AnnotationTableModel</name>
    <message>
        <source>Passage</source>
        <translation>片段</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Coder</source>
        <translation>编码员</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>orphan</source>
        <translation>孤立</translation>
    </message>
    <message>
        <source>anchored</source>
        <translation>已锚定</translation>
    </message>
</context>
<context>
    <name>AnnotationsView</name>
    <message>
        <source>text in passage or note</source>
        <translation>片段或备注中的文字</translation>
    </message>
    <message>
        <source>coder</source>
        <translation>编码员</translation>
    </message>
    <message>
        <source>from YYYY-MM-DD</source>
        <translation>自 YYYY-MM-DD</translation>
    </message>
    <message>
        <source>to YYYY-MM-DD</source>
        <translation>至 YYYY-MM-DD</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>Anchored</source>
        <translation>已锚定</translation>
    </message>
    <message>
        <source>Orphans</source>
        <translation>孤立标注</translation>
    </message>
    <message>
        <source>Open article only</source>
        <translation>仅当前文章</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>全部代码</translation>
    </message>
    <message>
        <source>No annotations yet: select a passage and press T.</source>
        <translation>还没有标注：选中一个片段，按 T 键。</translation>
    </message>
    <message numerus="yes">
        <source>%n annotation(s)</source>
        <translation>
            <numerusform>%n 条标注</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Cannot open the corpus</source>
        <translation>无法打开语料库</translation>
    </message>
</context>
<context>
    <name>ArticleHeader</name>
    <message>
        <source>Properties…</source>
        <translation>属性…</translation>
    </message>
    <message>
        <source>Page date, paper, page number and file (Alt+Return)</source>
        <translation>版面日期、报纸、版次和文件（Alt+Return）</translation>
    </message>
    <message>
        <source>undated</source>
        <translation>无日期</translation>
    </message>
    <message>
        <source>page %d</source>
        <translation>第 %d 版</translation>
    </message>
    <message>
        <source>Column: </source>
        <translation>栏目：</translation>
    </message>
    <message>
        <source>By </source>
        <translation>作者：</translation>
    </message>
    <message>
        <source>Photos: </source>
        <translation>摄影：</translation>
    </message>
    <message>
        <source>The page lost this title; it is taken from the text.</source>
        <translation>版面上缺少这个标题，显示的标题取自正文。</translation>
    </message>
    <message>
        <source>File: %s, article %d</source>
        <translation>文件：%s，第 %d 篇</translation>
    </message>
</context>
<context>
    <name>ArticleList</name>
    <message>
        <source>Filter by title, paper, author, tag…</source>
        <translation>按标题、报纸、作者、标签筛选…</translation>
    </message>
    <message>
        <source>Filter articles</source>
        <translation>筛选文章</translation>
    </message>
    <message>
        <source>Reading state</source>
        <translation>阅读状态</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>未读</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>已读</translation>
    </message>
    <message>
        <source>★ Starred</source>
        <translation>★ 星标</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>&amp;Descending</source>
        <translation>降序(&amp;D)</translation>
    </message>
    <message>
        <source>No article matches the filter.</source>
        <translation>没有符合筛选条件的文章。</translation>
    </message>
</context>
<context>
    <name>ArticleListModel</name>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>报纸</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>版次</translation>
    </message>
    <message>
        <source>Codes</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Entities</source>
        <translation>实体</translation>
    </message>
    <message>
        <source>Authors</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>字数</translation>
    </message>
    <message>
        <source>Coded passages in the article</source>
        <translation>文章中已编码的片段数</translation>
    </message>
    <message>
        <source>Entity mentions in the article</source>
        <translation>文章中实体出现的次数</translation>
    </message>
    <message>
        <source>The page lost this article&apos;s title: the one shown is taken from its text.</source>
        <translation>版面上缺少这篇文章的标题：显示的标题取自正文。</translation>
    </message>
    <message>
        <source>undated</source>
        <translation>无日期</translation>
    </message>
    <message>
        <source>page %d</source>
        <translation>第 %d 版</translation>
    </message>
    <message>
        <source>unread</source>
        <translation>未读</translation>
    </message>
    <message>
        <source>read</source>
        <translation>已读</translation>
    </message>
    <message>
        <source>starred</source>
        <translation>星标</translation>
    </message>
    <message numerus="yes">
        <source>%n character(s)</source>
        <translation>
            <numerusform>%n 字</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n code(s)</source>
        <translation>
            <numerusform>%n 处编码</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entities</source>
        <translation>
            <numerusform>%n 个实体</numerusform>
        </translation>
    </message>
    <message>
        <source>Article tags: %s</source>
        <translation>文章标签：%s</translation>
    </message>
    <message>
        <source>File: %s, article %d</source>
        <translation>文件：%s，第 %d 篇</translation>
    </message>
</context>
<context>
    <name>ArticleView</name>
    <message>
        <source>Article text</source>
        <translation>文章正文</translation>
    </message>
    <message>
        <source>Choose an article in the list (Alt+Down opens the next one).</source>
        <translation>在列表中选择一篇文章（Alt+↓ 打开下一篇）。</translation>
    </message>
    <message>
        <source>(no tag)</source>
        <translation>（无代码）</translation>
    </message>
</context>
<context>
    <name>AutocodeDialog</name>
    <message>
        <source>Code every occurrence</source>
        <translation>为每处出现编码</translation>
    </message>
    <message>
        <source>Search query</source>
        <translation>检索式</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>实体</translation>
    </message>
    <message>
        <source>Phrase list</source>
        <translation>短语表</translation>
    </message>
    <message>
        <source>Concordance lines</source>
        <translation>语境行</translation>
    </message>
    <message>
        <source>What to find</source>
        <translation>查找内容</translation>
    </message>
    <message>
        <source>Tag for every hit</source>
        <translation>为每处命中使用的代码</translation>
    </message>
    <message>
        <source>Only in (empty: all articles)</source>
        <translation>仅限于（留空：全部文章）</translation>
    </message>
    <message>
        <source>Find hits</source>
        <translation>查找命中</translation>
    </message>
    <message>
        <source>Accept all</source>
        <translation>全部接受</translation>
    </message>
    <message>
        <source>Reject all</source>
        <translation>全部拒绝</translation>
    </message>
    <message>
        <source>Write accepted</source>
        <translation>写入已接受的</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>代码</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) of the concordance</source>
        <translation>
            <numerusform>语境中的 %n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose or type a tag</source>
        <translation>选择或输入代码</translation>
    </message>
    <message>
        <source>Finding hits…</source>
        <translation>正在查找命中…</translation>
    </message>
    <message numerus="yes">
        <source>Code %n occurrence(s) as %s</source>
        <translation>
            <numerusform>将 %n 处出现编码为 %s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n annotation(s) with %s (Edit ▸ Undo takes them back)</source>
        <translation>
            <numerusform>已写入 %n 条标注，代码为 %s（编辑 ▸ 撤销可收回）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%s of %n hit(s) accepted</source>
        <translation>
            <numerusform>已接受 %s 处，共 %n 处命中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n already coded</source>
        <translation>
            <numerusform>；%n 处已编码</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>before a program update</source>
        <translation>程序更新前</translation>
    </message>
    <message>
        <source>before an import</source>
        <translation>导入前</translation>
    </message>
    <message>
        <source>before a merge</source>
        <translation>合并前</translation>
    </message>
    <message>
        <source>before re-ingesting pages</source>
        <translation>重新添加版面前</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>Backups are kept in %s. Restoring replaces the whole corpus with the chosen backup; the current state is backed up first, so a restore can itself be undone by restoring that backup.</source>
        <translation>备份保存在 %s。恢复会用所选备份替换整个语料库；恢复前会先备份当前状态，因此恢复本身也可以通过恢复那份备份来撤销。</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>No backups yet.</source>
        <translation>还没有备份。</translation>
    </message>
    <message>
        <source>&amp;Restore this backup…</source>
        <translation>恢复此备份(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>the backup of %s (%s: %s articles, %s annotations, %s tags)</source>
        <translation>%s 的备份（%s：%s 篇文章，%s 条标注，%s 个代码）</translation>
    </message>
</context>
<context>
    <name>CoderDialog</name>
    <message>
        <source>Who is coding?</source>
        <translation>谁在编码？</translation>
    </message>
    <message>
        <source>your name, e.g. 张三</source>
        <translation>你的名字，例如 张三</translation>
    </message>
    <message>
        <source>Pizhu records who made every annotation, so that a team can merge and compare its work. Choose your name and a colour; you can switch later.</source>
        <translation>批注会记录每条标注是谁做的，方便团队合并和比较彼此的工作。请选择你的名字和颜色，之后可以随时切换。</translation>
    </message>
    <message>
        <source>Annotations you make from now on are recorded under this name.</source>
        <translation>从现在起你所做的标注都会记在这个名字下。</translation>
    </message>
    <message>
        <source>Coder</source>
        <translation>编码员</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
</context>
<context>
    <name>CollocationsView</name>
    <message>
        <source>A word, phrase or entity</source>
        <translation>词、短语或实体</translation>
    </message>
    <message>
        <source>with its aliases</source>
        <translation>包括其别名</translation>
    </message>
    <message>
        <source> words</source>
        <translation> 个词</translation>
    </message>
    <message>
        <source>min </source>
        <translation>至少 </translation>
    </message>
    <message>
        <source>log-likelihood</source>
        <translation>对数似然</translation>
    </message>
    <message>
        <source>log-Dice</source>
        <translation>log-Dice</translation>
    </message>
    <message>
        <source>MI</source>
        <translation>互信息（MI）</translation>
    </message>
    <message>
        <source>frequency</source>
        <translation>频次</translation>
    </message>
    <message>
        <source>Hide stop words</source>
        <translation>隐藏停用词</translation>
    </message>
    <message>
        <source>Sub-corpus (empty: all)</source>
        <translation>子语料库（留空：全部）</translation>
    </message>
    <message>
        <source>Find collocates</source>
        <translation>查找搭配词</translation>
    </message>
    <message>
        <source>Collocate</source>
        <translation>搭配词</translation>
    </message>
    <message>
        <source>Together</source>
        <translation>共现</translation>
    </message>
    <message>
        <source>Frequency</source>
        <translation>频次</translation>
    </message>
    <message>
        <source>Log-likelihood</source>
        <translation>对数似然</translation>
    </message>
    <message>
        <source>sort</source>
        <translation>排序</translation>
    </message>
    <message numerus="yes">
        <source>%n collocate(s) of %s</source>
        <translation>
            <numerusform>%n 个搭配词（%s）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ColorButton</name>
    <message>
        <source>Coder colour</source>
        <translation>编码员颜色</translation>
    </message>
</context>
<context>
    <name>CorpusFiles</name>
    <message>
        <source>&amp;New corpus…</source>
        <translation>新建语料库(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open corpus…</source>
        <translation>打开语料库(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Recent corpora</source>
        <translation>最近的语料库(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Add pages…</source>
        <translation>添加版面(&amp;A)…</translation>
    </message>
    <message>
        <source>Add newspaper page files (text or Markdown) to this corpus</source>
        <translation>向这个语料库添加报纸版面文件（纯文本或 Markdown）</translation>
    </message>
    <message>
        <source>Add a &amp;folder of pages…</source>
        <translation>添加版面文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Pizhu corpora (*.sqlite3 *.pizhu *.db);;All files (*)</source>
        <translation>批注语料库 (*.sqlite3 *.pizhu *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Text pages (*.txt *.md *.markdown *.text);;All files (*)</source>
        <translation>文本版面 (*.txt *.md *.markdown *.text);;所有文件 (*)</translation>
    </message>
    <message>
        <source>That corpus is already open</source>
        <translation>这个语料库已经打开</translation>
    </message>
    <message>
        <source>New corpus</source>
        <translation>新建语料库</translation>
    </message>
    <message>
        <source>%s already exists. Choose a new name, or use Open corpus.</source>
        <translation>%s 已存在。请换一个名字，或使用“打开语料库”。</translation>
    </message>
    <message>
        <source>Open corpus</source>
        <translation>打开语料库</translation>
    </message>
    <message>
        <source>%s (server)</source>
        <translation>%s（服务器）</translation>
    </message>
    <message>
        <source>No other corpus opened yet</source>
        <translation>还没有打开过其他语料库</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>Add pages</source>
        <translation>添加版面</translation>
    </message>
    <message>
        <source>Add a folder of pages</source>
        <translation>添加版面文件夹</translation>
    </message>
    <message>
        <source>Looking for pages…</source>
        <translation>正在查找版面…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Adding pages</source>
        <translation>正在添加版面</translation>
    </message>
    <message>
        <source>Cancelling after the current page…</source>
        <translation>当前版面处理完后取消…</translation>
    </message>
    <message>
        <source>Reading page %d of %d:
%s</source>
        <translation>正在读取第 %d 个版面（共 %d 个）：
%s</translation>
    </message>
    <message>
        <source>Added: %s</source>
        <translation>已添加：%s</translation>
    </message>
    <message numerus="yes">
        <source>%n new page(s)</source>
        <translation>
            <numerusform>%n 个新版面</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>%n 个已更新</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unchanged</source>
        <translation>
            <numerusform>%n 个未变</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n 个失败</numerusform>
        </translation>
    </message>
    <message>
        <source> (cancelled)</source>
        <translation>（已取消）</translation>
    </message>
    <message>
        <source>Some files were not added</source>
        <translation>有些文件未能添加</translation>
    </message>
    <message>
        <source>Adding pages failed</source>
        <translation>添加版面失败</translation>
    </message>
</context>
<context>
    <name>CorpusPanel</name>
    <message>
        <source>Corpus views</source>
        <translation>语料库视图</translation>
    </message>
    <message>
        <source>Give the corpus views more room (Ctrl+Shift+J)</source>
        <translation>给语料库视图更多空间（Ctrl+Shift+J）</translation>
    </message>
    <message>
        <source>Expand corpus views</source>
        <translation>展开语料库视图</translation>
    </message>
    <message>
        <source>Put the corpus views away (Esc)</source>
        <translation>收起语料库视图（Esc）</translation>
    </message>
    <message>
        <source>Close corpus views</source>
        <translation>关闭语料库视图</translation>
    </message>
    <message>
        <source>Corpus &amp;views panel</source>
        <translation>语料库视图面板(&amp;V)</translation>
    </message>
    <message>
        <source>E&amp;xpand corpus views</source>
        <translation>展开语料库视图(&amp;X)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>检索语料库</translation>
    </message>
    <message>
        <source>KWIC</source>
        <translation>关键词语境</translation>
    </message>
    <message>
        <source>Entities</source>
        <translation>实体索引</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Variables</source>
        <translation>变量</translation>
    </message>
    <message>
        <source>Reprints</source>
        <translation>转载</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Phrases</source>
        <translation>短语表</translation>
    </message>
    <message>
        <source>Keyness</source>
        <translation>关键性</translation>
    </message>
    <message>
        <source>Collocates</source>
        <translation>搭配</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>词表</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>全部标注</translation>
    </message>
    <message>
        <source>Codebook</source>
        <translation>代码本</translation>
    </message>
</context>
<context>
    <name>CorpusViews</name>
    <message>
        <source>&amp;Search corpus</source>
        <translation>检索语料库(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Concordance (KWIC)</source>
        <translation>关键词语境（KWIC）(&amp;C)</translation>
    </message>
    <message>
        <source>Entity &amp;index</source>
        <translation>实体索引(&amp;I)</translation>
    </message>
    <message>
        <source>S&amp;tatistics</source>
        <translation>统计(&amp;T)</translation>
    </message>
    <message>
        <source>Next search &amp;hit</source>
        <translation>下一处检索结果(&amp;H)</translation>
    </message>
    <message>
        <source>Previous search hit</source>
        <translation>上一处检索结果</translation>
    </message>
    <message>
        <source>Cannot merge</source>
        <translation>无法合并</translation>
    </message>
</context>
<context>
    <name>CorrectionsDialog</name>
    <message>
        <source>Entity corrections</source>
        <translation>实体更正</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>always an entity</source>
        <translation>始终是实体</translation>
    </message>
    <message>
        <source>never an entity</source>
        <translation>从不是实体</translation>
    </message>
    <message>
        <source>any type</source>
        <translation>任意类型</translation>
    </message>
    <message>
        <source>%s. They apply to every article and to pages ingested later.</source>
        <translation>%s。更正适用于所有文章，也适用于以后添加的版面。</translation>
    </message>
    <message numerus="yes">
        <source>%n word(s) in the corpus dictionary</source>
        <translation>
            <numerusform>语料库词典中有 %n 个词</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected</source>
        <translation>
            <numerusform>%n 个已排除</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EditConflicts</name>
    <message>
        <source>Edit annotation</source>
        <translation>编辑标注</translation>
    </message>
    <message>
        <source>«%s» was changed by another coder since it was shown; nothing was deleted. Look at it again, then delete it if you still want to.</source>
        <translation>“%s”在显示之后已被另一位编码员修改；没有删除任何内容。请再看一遍，如果仍要删除，再删除它。</translation>
    </message>
    <message>
        <source>The annotation you were editing was deleted by another coder meanwhile.</source>
        <translation>你正在编辑的标注已被另一位编码员删除。</translation>
    </message>
    <message>
        <source>Yours: %s</source>
        <translation>你的：%s</translation>
    </message>
    <message>
        <source>«%s» was changed by %s at %s, after you began editing it; nothing of yours or theirs has been lost.</source>
        <translation>“%s”在你开始编辑之后被 %s 于 %s 修改了；你的和对方的内容都没有丢失。</translation>
    </message>
    <message>
        <source>Theirs: %s</source>
        <translation>对方的：%s</translation>
    </message>
    <message>
        <source>Changed by another coder</source>
        <translation>已被另一位编码员修改</translation>
    </message>
    <message>
        <source>(no tag)</source>
        <translation>（无代码）</translation>
    </message>
    <message>
        <source>The passage of that annotation is not known any more: select it and annotate it again.</source>
        <translation>已无法确定这条标注的片段：请重新选中它并再次标注。</translation>
    </message>
    <message>
        <source>Save mine as a new annotation</source>
        <translation>把我的保存为新标注</translation>
    </message>
    <message>
        <source>&amp;Reload theirs</source>
        <translation>重新载入对方的(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Overwrite with mine</source>
        <translation>用我的覆盖(&amp;O)</translation>
    </message>
    <message>
        <source>Save mine as a &amp;new annotation</source>
        <translation>把我的保存为新标注(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation>继续编辑(&amp;K)</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>This corpus has no articles yet</source>
        <translation>这个语料库还没有文章</translation>
    </message>
    <message>
        <source>Add newspaper pages (plain text or Markdown, one page per file, or a crawler&apos;s folder). Pizhu splits them into articles, marks people, places, organisations, dates and figures, and keeps your codes.

You can also drop files or folders onto this window.</source>
        <translation>添加报纸版面（纯文本或 Markdown，每个文件一个版面，也可以是爬虫抓取的文件夹）。批注会把版面拆分成文章，标出人名、地名、机构名、日期和数字，并保存你的编码。

也可以把文件或文件夹直接拖到这个窗口上。</translation>
    </message>
    <message>
        <source>Add pages…</source>
        <translation>添加版面…</translation>
    </message>
    <message>
        <source>Add a folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Open another corpus…</source>
        <translation>打开其他语料库…</translation>
    </message>
</context>
<context>
    <name>EntityIndexModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>出现次数</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>文章数</translation>
    </message>
    <message>
        <source>Variants</source>
        <translation>变体</translation>
    </message>
</context>
<context>
    <name>EntityIndexView</name>
    <message>
        <source>Filter names</source>
        <translation>筛选名称</translation>
    </message>
    <message>
        <source>People, places, organisations</source>
        <translation>人名、地名、机构名</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人名</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>地名</translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation>机构名</translation>
    </message>
    <message>
        <source>Merge as aliases…</source>
        <translation>合并为别名…</translation>
    </message>
    <message>
        <source>Split variants</source>
        <translation>拆分变体</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>Merge entities</source>
        <translation>合并实体</translation>
    </message>
    <message>
        <source>Canonical name for %s:</source>
        <translation>%s 的规范名称：</translation>
    </message>
    <message numerus="yes">
        <source>%n name(s)</source>
        <translation>
            <numerusform>%n 个名称</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mention(s)</source>
        <translation>
            <numerusform>出现 %n 次</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EntityLegend</name>
    <message>
        <source>Person</source>
        <translation>人名</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地名</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>机构名</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>%s (%s): show or hide highlights (Alt+%d)</source>
        <translation>%s（%s）：显示或隐藏高亮（Alt+%d）</translation>
    </message>
</context>
<context>
    <name>EntityTools</name>
    <message>
        <source>Undo: %s</source>
        <translation>撤销：%s</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人名</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地名</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>机构名</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>&amp;Corrections…</source>
        <translation>更正(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Recognise entities again</source>
        <translation>重新识别实体(&amp;R)</translation>
    </message>
    <message>
        <source>E&amp;ntities</source>
        <translation>实体(&amp;N)</translation>
    </message>
    <message>
        <source>Mark “%s” as entity</source>
        <translation>把“%s”标为实体</translation>
    </message>
    <message>
        <source>Change type</source>
        <translation>更改类型</translation>
    </message>
    <message>
        <source>Not an entity (everywhere)</source>
        <translation>不是实体（全部文章）</translation>
    </message>
    <message>
        <source>Why? (%s)</source>
        <translation>为什么？（%s）</translation>
    </message>
    <message>
        <source>Mark “%s” as %s</source>
        <translation>把“%s”标为%s</translation>
    </message>
    <message>
        <source>Change “%s” from %s to %s</source>
        <translation>把“%s”从%s改为%s</translation>
    </message>
    <message>
        <source>“%s” is not an entity</source>
        <translation>“%s”不是实体</translation>
    </message>
    <message>
        <source>Remove correction “%s”</source>
        <translation>移除更正“%s”</translation>
    </message>
    <message>
        <source>Counting what “%s” changes…</source>
        <translation>正在统计“%s”会改变什么…</translation>
    </message>
    <message>
        <source>This changes no entity in the corpus now (%s, %s); it applies to pages ingested later.</source>
        <translation>目前不会改变语料库中的任何实体（%s，%s）；它适用于以后添加的版面。</translation>
    </message>
    <message numerus="yes">
        <source>%n occurrence(s)</source>
        <translation>
            <numerusform>出现 %n 次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n article(s)</source>
        <translation>
            <numerusform>涉及 %n 篇文章</numerusform>
        </translation>
    </message>
    <message>
        <source>This changes %s (%s): %s (%s).</source>
        <translation>这会改变 %s（%s）：%s（%s）。</translation>
    </message>
    <message numerus="yes">
        <source>%n entity(ies)</source>
        <translation>
            <numerusform>%n 个实体</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>新增 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n removed</source>
        <translation>
            <numerusform>移除 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with another type</source>
        <translation>
            <numerusform>%n 个改为其他类型</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n occurrence(s) of the text</source>
        <translation>
            <numerusform>该文本共出现 %n 次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n occurrence(s) are part of a longer name and stay as they are.</source>
        <translation>
            <numerusform>有 %n 处出现属于更长的名称，保持不变。</numerusform>
        </translation>
    </message>
    <message>
        <source>Apply this correction?</source>
        <translation>应用这项更正吗？</translation>
    </message>
    <message>
        <source>Correction not applied</source>
        <translation>未应用更正</translation>
    </message>
    <message>
        <source>Cancelled: the remaining articles are updated at the next start</source>
        <translation>已取消：其余文章将在下次启动时更新</translation>
    </message>
    <message numerus="yes">
        <source>Entities updated in %n article(s)</source>
        <translation>
            <numerusform>已更新 %n 篇文章的实体</numerusform>
        </translation>
    </message>
    <message>
        <source>Entity correction failed</source>
        <translation>实体更正失败</translation>
    </message>
    <message>
        <source>your dictionary</source>
        <translation>你的词典</translation>
    </message>
    <message>
        <source>gazetteer</source>
        <translation>地名词表</translation>
    </message>
    <message>
        <source>jieba dictionary</source>
        <translation>结巴词典</translation>
    </message>
    <message>
        <source>pattern</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>trained model</source>
        <translation>训练的模型</translation>
    </message>
    <message>
        <source>your fix here</source>
        <translation>你在此处的修正</translation>
    </message>
    <message>
        <source>You added it to this corpus&apos;s dictionary; it is tagged in every article.</source>
        <translation>你把它加入了这个语料库的词典，所有文章中都会标出它。</translation>
    </message>
    <message>
        <source>You fixed this occurrence by hand; it stays so whatever the recogniser says.</source>
        <translation>你手动修正了这一处；无论识别器怎么判断，它都保持不变。</translation>
    </message>
    <message>
        <source>It is a place name in the gazetteer of administrative divisions and world places.</source>
        <translation>它是行政区划与世界地名词表中的地名。</translation>
    </message>
    <message>
        <source>jieba&apos;s dictionary marks the word as a proper noun of this type.</source>
        <translation>结巴（jieba）词典把这个词标为此类专有名词。</translation>
    </message>
    <message>
        <source>It matches a date pattern (year, month, day, period).</source>
        <translation>它符合日期模式（年、月、日、时段）。</translation>
    </message>
    <message>
        <source>It matches a number pattern (a figure with a unit or measure word).</source>
        <translation>它符合数字模式（带单位或量词的数字）。</translation>
    </message>
    <message>
        <source>It ends with an organisation word (委, 局, 厅, 银行 …) after a name or place.</source>
        <translation>它以名称或地名加机构用词（委、局、厅、银行 …）结尾。</translation>
    </message>
    <message>
        <source>It is a name next to an official title (书记, 县长 …).</source>
        <translation>它是紧挨职务称谓（书记、县长 …）的人名。</translation>
    </message>
    <message>
        <source>It is a common surname followed by a plausible given name.</source>
        <translation>它是常见姓氏加上合理的名字。</translation>
    </message>
    <message>
        <source>It is a name in a byline (记者, 通讯员 …).</source>
        <translation>它是署名中的人名（记者、通讯员 …）。</translation>
    </message>
    <message>
        <source>It is an anonymised name such as 廖某军.</source>
        <translation>它是“廖某军”这类匿名化的人名。</translation>
    </message>
    <message>
        <source>The trained sequence model found it (it reads the characters around it and what the rules say about them).</source>
        <translation>训练的序列模型识别出了它（模型读取它前后的字和规则对它们的判断）。</translation>
    </message>
    <message>
        <source>The same name was recognised elsewhere in this article.</source>
        <translation>同一名称在本文其他地方已被识别。</translation>
    </message>
    <message>
        <source>It is a short form of a name given in full in this article.</source>
        <translation>它是本文中出现过全称的某个名称的简称。</translation>
    </message>
    <message>
        <source>It is listed with 、 next to a recognised name.</source>
        <translation>它与一个已识别的名称以“、”并列。</translation>
    </message>
    <message>
        <source>It was produced by the recogniser layer “%s”.</source>
        <translation>它由识别层“%s”得出。</translation>
    </message>
    <message>
        <source>If it is wrong, right-click it and choose Change type or Not an entity; the correction applies to the whole corpus.</source>
        <translation>如果有误，请右键点击它，选择“更改类型”或“不是实体”；更正会应用于整个语料库。</translation>
    </message>
    <message>
        <source>Why is this an entity?</source>
        <translation>为什么这是实体？</translation>
    </message>
    <message>
        <source>Recognising entities…</source>
        <translation>正在识别实体…</translation>
    </message>
    <message numerus="yes">
        <source>Entities recognised again in %n article(s)</source>
        <translation>
            <numerusform>已重新识别 %n 篇文章的实体</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ErrorWords</name>
    <message>
        <source>That article is no longer in the corpus.</source>
        <translation>这篇文章已不在语料库中。</translation>
    </message>
    <message>
        <source>That annotation no longer exists.</source>
        <translation>这条标注已不存在。</translation>
    </message>
    <message>
        <source>No page file of that name has been added</source>
        <translation>没有添加过这个名字的版面文件</translation>
    </message>
    <message>
        <source>No such code in the codebook</source>
        <translation>代码本中没有这个代码</translation>
    </message>
    <message>
        <source>The quoted passage is not in the article</source>
        <translation>文章中找不到所引的片段</translation>
    </message>
    <message>
        <source>No such coder</source>
        <translation>没有这位编码员</translation>
    </message>
    <message>
        <source>A code needs a name.</source>
        <translation>代码必须有名称。</translation>
    </message>
    <message>
        <source>A code of that name already exists</source>
        <translation>已有同名的代码</translation>
    </message>
    <message>
        <source>A code cannot move under itself or one of its own children.</source>
        <translation>代码不能移到它自己或它的子代码之下。</translation>
    </message>
    <message>
        <source>A code cannot be merged into itself.</source>
        <translation>代码不能合并到它自己。</translation>
    </message>
    <message>
        <source>The passage lies outside the article&apos;s text</source>
        <translation>片段超出了文章正文的范围</translation>
    </message>
    <message>
        <source>Unknown reading state</source>
        <translation>未知的阅读状态</translation>
    </message>
    <message>
        <source>A page number is a whole number from 1 up</source>
        <translation>版次必须是从 1 开始的整数</translation>
    </message>
    <message>
        <source>That coder name cannot be used</source>
        <translation>不能使用这个编码员名称</translation>
    </message>
    <message>
        <source>A coder of that name already exists</source>
        <translation>已有同名的编码员</translation>
    </message>
    <message>
        <source>A colour is written #RRGGBB</source>
        <translation>颜色的写法是 #RRGGBB</translation>
    </message>
    <message>
        <source>Agreement needs annotations from at least two different coders.</source>
        <translation>计算一致性需要至少两位不同编码员的标注。</translation>
    </message>
    <message>
        <source>An entity is a piece of text on one line.</source>
        <translation>实体必须是同一行中的一段文字。</translation>
    </message>
    <message>
        <source>Unknown entity type</source>
        <translation>未知的实体类型</translation>
    </message>
    <message>
        <source>Unknown kind of entity correction</source>
        <translation>未知的实体更正类型</translation>
    </message>
    <message>
        <source>Unknown curation decision</source>
        <translation>未知的审定决定</translation>
    </message>
    <message>
        <source>Unknown or incomplete page fix</source>
        <translation>未知或不完整的版面修正</translation>
    </message>
    <message>
        <source>That article is no longer on its page.</source>
        <translation>那篇文章已不在它的版面上。</translation>
    </message>
    <message>
        <source>The articles of this page were stored by an older version; ingest the page again</source>
        <translation>这个版面的文章由旧版本保存；请重新添加该版面</translation>
    </message>
    <message>
        <source>Nothing to fix</source>
        <translation>没有需要修正的内容</translation>
    </message>
    <message>
        <source>The page file is gone or has changed since it was ingested, so a point of its text cannot be found; ingest it again</source>
        <translation>版面文件已不在或自导入后已更改，无法在其文字中找到该位置；请重新导入</translation>
    </message>
    <message>
        <source>The page changed since (ingested again, or another fix); nothing was changed</source>
        <translation>版面此后已改变（被重新添加或已有其他修正）；没有做任何改动</translation>
    </message>
    <message>
        <source>This would remove an article that has annotations made since; nothing was changed</source>
        <translation>这会移除一篇此后添加过标注的文章；没有做任何改动</translation>
    </message>
    <message>
        <source>A corpus kept in memory has no folder for a retrained model.</source>
        <translation>保存在内存中的语料库没有存放重新训练模型的文件夹。</translation>
    </message>
    <message>
        <source>The shipped model&apos;s training data is not there</source>
        <translation>找不到自带模型的训练数据</translation>
    </message>
    <message>
        <source>There are no corrections to learn from yet: correct some entities first.</source>
        <translation>还没有可供学习的更正：请先更正一些实体。</translation>
    </message>
    <message>
        <source>This corpus already uses the shipped model.</source>
        <translation>这个语料库已经在使用自带模型。</translation>
    </message>
    <message>
        <source>The filter is not written as key=value, comma-separated</source>
        <translation>筛选条件应写成以逗号分隔的 键=值</translation>
    </message>
    <message>
        <source>There is nothing to search for.</source>
        <translation>没有可检索的内容。</translation>
    </message>
    <message>
        <source>Unknown kind of source</source>
        <translation>未知的来源类型</translation>
    </message>
    <message>
        <source>Unknown period</source>
        <translation>未知的时段</translation>
    </message>
    <message>
        <source>A phrase list needs a name.</source>
        <translation>短语表需要名称。</translation>
    </message>
    <message>
        <source>No such phrase list</source>
        <translation>没有这个短语表</translation>
    </message>
    <message>
        <source>A phrase cannot be empty.</source>
        <translation>短语不能为空。</translation>
    </message>
    <message>
        <source>No such phrase in the list</source>
        <translation>短语表中没有这个短语</translation>
    </message>
    <message>
        <source>The similarity must be above 0 and at most 1</source>
        <translation>相似度必须大于 0 且不超过 1</translation>
    </message>
    <message>
        <source>That name cannot be used for a variable</source>
        <translation>这个名称不能用作变量名</translation>
    </message>
    <message>
        <source>That value does not fit the variable</source>
        <translation>这个值不适合该变量</translation>
    </message>
    <message>
        <source>This variable is derived from the page and cannot be set</source>
        <translation>这个变量取自版面，不能设置</translation>
    </message>
    <message>
        <source>The CSV file cannot be read</source>
        <translation>无法读取该 CSV 文件</translation>
    </message>
    <message>
        <source>The stop word list cannot be read</source>
        <translation>无法读取停用词表</translation>
    </message>
    <message>
        <source>The window must be at least one word.</source>
        <translation>窗口至少要有一个词。</translation>
    </message>
    <message>
        <source>Unknown sort order</source>
        <translation>未知的排序方式</translation>
    </message>
    <message>
        <source>The article&apos;s text changed since (was it re-ingested?); nothing was changed</source>
        <translation>文章正文此后已改变（是否被重新添加过？）；没有做任何改动</translation>
    </message>
    <message>
        <source>Someone else changed this since; nothing was changed</source>
        <translation>此后已有其他人改动过它；没有做任何改动</translation>
    </message>
    <message>
        <source>The article changed since it was shown (was it re-ingested?); nothing was written</source>
        <translation>文章在显示之后已改变（是否被重新添加过？）；没有写入任何内容</translation>
    </message>
    <message>
        <source>the file does not exist</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>it is a folder or a special file, not a page file</source>
        <translation>这是文件夹或特殊文件，不是版面文件</translation>
    </message>
    <message>
        <source>the file has no text</source>
        <translation>文件中没有文字</translation>
    </message>
    <message>
        <source>it is not a text file</source>
        <translation>这不是文本文件</translation>
    </message>
    <message>
        <source>its encoding could not be read</source>
        <translation>无法识别文件的编码</translation>
    </message>
    <message>
        <source>the file is too large for one page; split it into pages</source>
        <translation>文件太大，超出了单个版面的上限；请拆分成多个版面</translation>
    </message>
    <message>
        <source>the page could not be split into articles</source>
        <translation>无法把这个版面拆分成文章</translation>
    </message>
    <message>
        <source>the file name cannot be read (it is not valid UTF-8)</source>
        <translation>无法读取文件名（不是有效的 UTF-8）</translation>
    </message>
    <message>
        <source>the file cannot be read (no permission to read it, or a disk error)</source>
        <translation>无法读取该文件（没有读取权限，或磁盘出错）</translation>
    </message>
    <message>
        <source>the disk is full (or the file reached its size limit); the change was not stored and nothing already stored is lost. Free some space and try again.</source>
        <translation>磁盘已满（或文件已达到大小上限）；这次修改没有保存，已保存的内容不会丢失。请腾出空间后重试。</translation>
    </message>
    <message>
        <source>another program (another Pizhu window or command, a backup or sync tool) kept the corpus locked too long; nothing was changed. Try again when it has finished.</source>
        <translation>另一个程序（另一个 Pizhu 窗口或命令、备份或同步工具）锁定语料库的时间过长；没有做任何修改。请等它结束后重试。</translation>
    </message>
    <message>
        <source>the corpus is read-only (the file, its folder or the disk cannot be written). Copy it to a writable folder or fix the permissions.</source>
        <translation>语料库是只读的（文件、所在文件夹或磁盘不可写）。请把它复制到可写的文件夹，或修改权限。</translation>
    </message>
    <message>
        <source>the corpus file is damaged. Restore a backup (File → Restore from backup…; automatic backups are in the .backups folder beside it).</source>
        <translation>语料库文件已损坏。请从备份恢复（文件 → 从备份恢复…；自动备份在它旁边的 .backups 文件夹中）。</translation>
    </message>
    <message>
        <source>it is not a SQLite database (or it is encrypted).</source>
        <translation>这不是 SQLite 数据库（或已加密）。</translation>
    </message>
    <message>
        <source>the corpus file could not be read or written (a failing disk, a removed drive or a lost network share); the change was not stored.</source>
        <translation>无法读写语料库文件（磁盘故障、驱动器被移除或网络共享断开）；这次修改没有保存。</translation>
    </message>
    <message>
        <source>The corpus file %s cannot be used (%s)</source>
        <translation>语料库文件 %s 无法使用（%s）</translation>
    </message>
    <message>
        <source>%s: %s</source>
        <translation>%s：%s</translation>
    </message>
    <message>
        <source>%s (%s)</source>
        <translation>%s（%s）</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export annotations</source>
        <translation>导出标注</translation>
    </message>
    <message>
        <source>all tags (children included)</source>
        <translation>全部代码（含子代码）</translation>
    </message>
    <message>
        <source>every coder</source>
        <translation>所有编码员</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>Include entities (an Entities sheet in XLSX)</source>
        <translation>包括实体（XLSX 中的“实体”工作表）</translation>
    </message>
    <message>
        <source>Positions as NVivo counts them (UTF-16, CRLF)</source>
        <translation>按 NVivo 的方式计算位置（UTF-16、CRLF）</translation>
    </message>
    <message>
        <source>All articles</source>
        <translation>全部文章</translation>
    </message>
    <message>
        <source>The open article</source>
        <translation>当前打开的文章</translation>
    </message>
    <message>
        <source>Articles listed now (%d)</source>
        <translation>当前列出的文章（%d 篇）</translation>
    </message>
    <message>
        <source>entities</source>
        <translation>实体</translation>
    </message>
    <message>
        <source>annotation tags</source>
        <translation>标注的代码</translation>
    </message>
    <message>
        <source>What the character BIO (CoNLL) export labels</source>
        <translation>按字 BIO（CoNLL）导出时标注的内容</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>文章范围</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Coder</source>
        <translation>编码员</translation>
    </message>
    <message>
        <source>Created from</source>
        <translation>创建时间起</translation>
    </message>
    <message>
        <source>Created until</source>
        <translation>创建时间止</translation>
    </message>
    <message>
        <source>BIO labels</source>
        <translation>BIO 标签</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>保存到</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx): annotations, codebook, entities</source>
        <translation>Excel 工作簿（.xlsx）：标注、代码本、实体</translation>
    </message>
    <message>
        <source>CSV for Excel (UTF-8 with BOM)</source>
        <translation>供 Excel 使用的 CSV（带 BOM 的 UTF-8）</translation>
    </message>
    <message>
        <source>REFI-QDA project (.qdpx: NVivo, ATLAS.ti, MAXQDA)</source>
        <translation>REFI-QDA 项目（.qdpx：NVivo、ATLAS.ti、MAXQDA）</translation>
    </message>
    <message>
        <source>REFI-QDA codebook (.qdc)</source>
        <translation>REFI-QDA 代码本（.qdc）</translation>
    </message>
    <message>
        <source>W3C Web Annotation (JSON-LD)</source>
        <translation>W3C 网络标注（JSON-LD）</translation>
    </message>
    <message>
        <source>JSON Lines (doccano style)</source>
        <translation>JSON Lines（doccano 格式）</translation>
    </message>
    <message>
        <source>brat standoff (folder or .zip)</source>
        <translation>brat standoff 格式（文件夹或 .zip）</translation>
    </message>
    <message>
        <source>Character BIO / CoNLL</source>
        <translation>按字 BIO / CoNLL</translation>
    </message>
    <message>
        <source>Markdown report</source>
        <translation>Markdown 报告</translation>
    </message>
    <message>
        <source>HTML report</source>
        <translation>HTML 报告</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Choose where to save the export.</source>
        <translation>请选择导出文件的保存位置。</translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation>导出完成</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n annotation(s) to
%s</source>
        <translation>
            <numerusform>已导出 %n 条标注到
%s</numerusform>
        </translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>(any)</source>
        <translation>（任意）</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>实体</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>from YYYY-MM-DD</source>
        <translation>自 YYYY-MM-DD</translation>
    </message>
    <message>
        <source>to YYYY-MM-DD</source>
        <translation>至 YYYY-MM-DD</translation>
    </message>
    <message>
        <source>Page publication date (pages without a date are left out)</source>
        <translation>版面出版日期（没有日期的版面不计入）</translation>
    </message>
    <message>
        <source>Variables: var:region=…, paper=…</source>
        <translation>变量：var:region=…，paper=…</translation>
    </message>
    <message>
        <source>Document variables and more, comma-separated: var:NAME=VALUE, paper=…, source=pattern, reprints=first</source>
        <translation>文档变量等，以逗号分隔：var:变量名=值，paper=…，source=模式，reprints=first</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源文件</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in this article</source>
        <translation>在本文中查找</translation>
    </message>
    <message>
        <source>Find in article</source>
        <translation>在文章中查找</translation>
    </message>
    <message>
        <source>Previous (Shift+Enter)</source>
        <translation>上一个（Shift+Enter）</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>上一个匹配</translation>
    </message>
    <message>
        <source>Next (Enter)</source>
        <translation>下一个（Enter）</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>下一个匹配</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <source>Close find bar</source>
        <translation>关闭查找栏</translation>
    </message>
    <message>
        <source>no match</source>
        <translation>无匹配</translation>
    </message>
    <message>
        <source>%d of %d</source>
        <translation>第 %d 个，共 %d 个</translation>
    </message>
</context>
<context>
    <name>FixTableModel</name>
    <message>
        <source>Article</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>修正</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Coder</source>
        <translation>编码员</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>%s here (%d–%d)</source>
        <translation>此处为 %s（%d–%d）</translation>
    </message>
    <message>
        <source>not %s here</source>
        <translation>此处不是 %s</translation>
    </message>
    <message>
        <source>not an entity here</source>
        <translation>此处不是实体</translation>
    </message>
    <message>
        <source>in place</source>
        <translation>原位</translation>
    </message>
    <message>
        <source>moved with its text</source>
        <translation>随文本移动</translation>
    </message>
    <message>
        <source>text gone: ignored</source>
        <translation>文本已不在：忽略</translation>
    </message>
    <message>
        <source>article %d</source>
        <translation>文章 %d</translation>
    </message>
</context>
<context>
    <name>FixesDialog</name>
    <message>
        <source>Occurrence fixes</source>
        <translation>单处修正</translation>
    </message>
    <message>
        <source>Filter by text or article title</source>
        <translation>按文本或文章标题筛选</translation>
    </message>
    <message>
        <source>Every fix</source>
        <translation>全部修正</translation>
    </message>
    <message>
        <source>Entity set here</source>
        <translation>此处设为实体</translation>
    </message>
    <message>
        <source>Not an entity here</source>
        <translation>此处不是实体</translation>
    </message>
    <message>
        <source>&amp;Go to</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>Forget the selected fixes: the recogniser decides there again (Edit ▸ Undo brings them back)</source>
        <translation>忘记所选修正：该处重新由识别器决定（编辑 ▸ 撤销可恢复）</translation>
    </message>
    <message numerus="yes">
        <source>%n fix(es) listed</source>
        <translation>
            <numerusform>列出 %n 处修正</numerusform>
        </translation>
    </message>
    <message>
        <source>Every coder</source>
        <translation>全部编码员</translation>
    </message>
    <message>
        <source>Its text is no longer in the article, so the fix is ignored.</source>
        <translation>其文本已不在文章中，因此该修正被忽略。</translation>
    </message>
    <message>
        <source>Without this fix the recogniser reads here: %s</source>
        <translation>没有这处修正时，识别器在此处识别为：%s</translation>
    </message>
    <message>
        <source>Without this fix the recogniser finds no entity here.</source>
        <translation>没有这处修正时，识别器在此处找不到实体。</translation>
    </message>
</context>
<context>
    <name>FixesTools</name>
    <message>
        <source>Occurrence &amp;fixes…</source>
        <translation>单处修正(&amp;F)…</translation>
    </message>
    <message>
        <source>Remove the fix of “%s”</source>
        <translation>移除“%s”的修正</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n occurrence fix(es)</source>
        <translation>
            <numerusform>移除 %n 处单处修正</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HeadDialog</name>
    <message>
        <source>Edit title, subtitle and authors</source>
        <translation>编辑标题、副标题和作者</translation>
    </message>
    <message>
        <source>names separated by 、 or commas</source>
        <translation>姓名，用“、”或逗号分隔</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Subtitle:</source>
        <translation>副标题(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Authors:</source>
        <translation>作者(&amp;A)：</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>菜单</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <source>&amp;Import annotations…</source>
        <translation>导入标注(&amp;I)…</translation>
    </message>
    <message>
        <source>Import W3C JSON-LD, JSONL, REFI-QDA .qdpx projects or .qdc codebooks</source>
        <translation>导入 W3C JSON-LD、JSONL、REFI-QDA .qdpx 项目或 .qdc 代码本</translation>
    </message>
    <message>
        <source>Import annotations</source>
        <translation>导入标注</translation>
    </message>
    <message>
        <source>Annotations (*.jsonld *.json *.jsonl *.ndjson *.qdpx *.qdc *.qde);;All files (*)</source>
        <translation>标注文件 (*.jsonld *.json *.jsonl *.ndjson *.qdpx *.qdc *.qde);;所有文件 (*)</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n annotation(s)</source>
        <translation>
            <numerusform>已导入 %n 条标注</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already present</source>
        <translation>
            <numerusform>%n 条已存在</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tag(s) created</source>
        <translation>
            <numerusform>新建 %n 个代码</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unmatched</source>
        <translation>
            <numerusform>%n 条未匹配</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n 条已跳过</numerusform>
        </translation>
    </message>
    <message>
        <source>Some annotations were not imported</source>
        <translation>有些标注未能导入</translation>
    </message>
    <message>
        <source>Import failed: %s</source>
        <translation>导入失败：%s</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
</context>
<context>
    <name>KeynessView</name>
    <message>
        <source>e.g. since=2020-01-01 or paper=湖南日报 or var:region=娄底</source>
        <translation>例如 since=2020-01-01、paper=湖南日报 或 var:region=娄底</translation>
    </message>
    <message>
        <source>empty: the rest of the corpus</source>
        <translation>留空：语料库的其余部分</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>词</translation>
    </message>
    <message>
        <source>Entities</source>
        <translation>实体</translation>
    </message>
    <message>
        <source>min </source>
        <translation>至少 </translation>
    </message>
    <message>
        <source>Hide stop words</source>
        <translation>隐藏停用词</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>参照</translation>
    </message>
    <message>
        <source>Log-likelihood</source>
        <translation>对数似然</translation>
    </message>
    <message>
        <source>Log Ratio</source>
        <translation>对数比（Log Ratio）</translation>
    </message>
    <message>
        <source>Say which articles are the target (e.g. since=2020-01-01)</source>
        <translation>请指定目标文章（例如 since=2020-01-01）</translation>
    </message>
    <message>
        <source>Most key in the target (log-likelihood)</source>
        <translation>目标中关键性最高的（对数似然）</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s); positive Log Ratio: more in the target</source>
        <translation>
            <numerusform>%n 项；对数比为正：在目标中更多</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KwicModel</name>
    <message>
        <source>Left context</source>
        <translation>左侧语境</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>匹配</translation>
    </message>
    <message>
        <source>Right context</source>
        <translation>右侧语境</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>文章</translation>
    </message>
</context>
<context>
    <name>KwicView</name>
    <message>
        <source>Word, phrase, entity or tag</source>
        <translation>词、短语、实体或代码</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>实体</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Regex</source>
        <translation>正则</translation>
    </message>
    <message>
        <source> chars</source>
        <translation> 字</translation>
    </message>
    <message>
        <source>Concordance</source>
        <translation>关键词语境</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Filters apply to text and tag concordances</source>
        <translation>筛选条件适用于文字和代码的关键词语境</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>语境</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <source>Dates are written YYYY-MM-DD</source>
        <translation>日期格式为 YYYY-MM-DD</translation>
    </message>
    <message>
        <source>Sorting…</source>
        <translation>正在排序…</translation>
    </message>
    <message>
        <source>Reading more lines…</source>
        <translation>正在读取更多行…</translation>
    </message>
    <message>
        <source>Export concordance</source>
        <translation>导出关键词语境</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message numerus="yes">
        <source>%n occurrence(s)</source>
        <translation>
            <numerusform>%n 处</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> in %n article(s)</source>
        <translation>
            <numerusform>，分布在 %n 篇文章中</numerusform>
        </translation>
    </message>
    <message>
        <source> so far (scroll for more)</source>
        <translation>（目前为止；滚动查看更多）</translation>
    </message>
    <message>
        <source> (stopped at %d; narrow the query)</source>
        <translation>（已在 %d 处停止；请缩小查询范围）</translation>
    </message>
    <message>
        <source>Bad regular expression: %s</source>
        <translation>正则表达式有误：%s</translation>
    </message>
    <message>
        <source>Failed: %s</source>
        <translation>失败：%s</translation>
    </message>
</context>
<context>
    <name>Listing</name>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Pizhu 批注 — %s</source>
        <translation>批注 Pizhu — %s</translation>
    </message>
    <message>
        <source>All &amp;annotations</source>
        <translation>全部标注(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Codebook</source>
        <translation>代码本(&amp;C)</translation>
    </message>
    <message>
        <source>Corpus: %s</source>
        <translation>语料库：%s</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;No articles yet.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Add newspaper pages with &lt;i&gt;File → Add pages…&lt;/i&gt; (Ctrl+I) or drop files and folders on the window.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;还没有文章。&lt;/b&gt;&lt;/p&gt;&lt;p&gt;用&lt;i&gt;文件 → 添加版面…&lt;/i&gt;（Ctrl+I）添加报纸版面，或把文件和文件夹拖到窗口上。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Corpus</source>
        <translation>语料库(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Export annotations…</source>
        <translation>导出标注(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find in article…</source>
        <translation>在文章中查找(&amp;F)…</translation>
    </message>
    <message>
        <source>Document &amp;properties…</source>
        <translation>文档属性(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>偏好设置(&amp;P)…</translation>
    </message>
    <message>
        <source>S&amp;ort articles by</source>
        <translation>文章排序方式(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Next article</source>
        <translation>下一篇文章(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous article</source>
        <translation>上一篇文章(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Annotate</source>
        <translation>标注(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Articles (%d)</source>
        <translation>文章（%d）</translation>
    </message>
    <message>
        <source>This annotation is an orphan: select its passage and re-attach it (R).</source>
        <translation>这是一条孤立标注：请选中它的片段并重新锚定（R）。</translation>
    </message>
    <message>
        <source>Preferences saved; new annotations are recorded as by %s</source>
        <translation>偏好设置已保存；新的标注将记在 %s 名下</translation>
    </message>
</context>
<context>
    <name>Onboarding</name>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Quick &amp;tour</source>
        <translation>快速导览(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;About Pizhu</source>
        <translation>关于批注(&amp;A)</translation>
    </message>
</context>
<context>
    <name>PageDialog</name>
    <message>
        <source>Articles of the page</source>
        <translation>本版面的文章</translation>
    </message>
    <message>
        <source>&amp;Split at cursor</source>
        <translation>在光标处拆分(&amp;S)</translation>
    </message>
    <message>
        <source>Cut the parsed article at its cursor (right); the second part starts there</source>
        <translation>在解析后文章（右侧）的光标处切分文章；后一部分从光标处开始</translation>
    </message>
    <message>
        <source>Split at cursor in the p&amp;age</source>
        <translation>在原版面的光标处拆分(&amp;A)</translation>
    </message>
    <message>
        <source>Cut the article printed at the cursor of the original page (left) there; the second part starts there</source>
        <translation>在原版面（左侧）光标所在的文章处切分；后一部分从光标处开始</translation>
    </message>
    <message>
        <source>Merge with &amp;previous</source>
        <translation>与上一篇合并(&amp;P)</translation>
    </message>
    <message>
        <source>Merge with &amp;next</source>
        <translation>与下一篇合并(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Edit title, subtitle, authors…</source>
        <translation>编辑标题、副标题、作者(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Open in reader</source>
        <translation>在阅读区打开(&amp;O)</translation>
    </message>
    <message>
        <source>Original page</source>
        <translation>原始版面</translation>
    </message>
    <message>
        <source>Parsed article</source>
        <translation>拆分出的文章</translation>
    </message>
    <message>
        <source>Parts: %s — in colour and underlined: furniture (captions, credits, bylines); wavy: jump markers</source>
        <translation>各部分：%s — 彩色加下划线：版面附属内容（图片说明、来源、署名）；波浪线：转版标记</translation>
    </message>
    <message>
        <source>Page — %s</source>
        <translation>版面 — %s</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) on this page</source>
        <translation>
            <numerusform>本版面有 %n 篇文章</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n fix(es) by hand.</source>
        <translation>
            <numerusform>；手动修正 %n 处。</numerusform>
        </translation>
    </message>
    <message>
        <source>The page file has changed since it was ingested, so the page text cannot be shown with its parts; ingest it again.</source>
        <translation>版面文件在添加之后已改变，无法按各部分显示版面文字；请重新添加它。</translation>
    </message>
    <message>
        <source>The page file is no longer at %s.</source>
        <translation>版面文件已不在 %s。</translation>
    </message>
</context>
<context>
    <name>PageFixes</name>
    <message>
        <source>Show &amp;page…</source>
        <translation>显示版面(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Split article at cursor</source>
        <translation>在光标处拆分文章(&amp;S)</translation>
    </message>
    <message>
        <source>Merge with p&amp;revious article</source>
        <translation>与上一篇文章合并(&amp;R)</translation>
    </message>
    <message>
        <source>Merge with &amp;next article</source>
        <translation>与下一篇文章合并(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Edit title, subtitle and authors…</source>
        <translation>编辑标题、副标题和作者(&amp;E)…</translation>
    </message>
    <message>
        <source>The original page text with every article&apos;s parts coloured</source>
        <translation>原始版面文字，每篇文章的各部分以颜色标出</translation>
    </message>
    <message>
        <source>&amp;Page</source>
        <translation>版面(&amp;P)</translation>
    </message>
    <message>
        <source>Open an article first: its page is shown.</source>
        <translation>请先打开一篇文章：会显示它所在的版面。</translation>
    </message>
    <message>
        <source>Open an article first.</source>
        <translation>请先打开一篇文章。</translation>
    </message>
    <message>
        <source>Split article</source>
        <translation>拆分文章</translation>
    </message>
    <message>
        <source>Merge with previous article</source>
        <translation>与上一篇文章合并</translation>
    </message>
    <message>
        <source>Merge with next article</source>
        <translation>与下一篇文章合并</translation>
    </message>
    <message>
        <source>Edit title, subtitle and authors</source>
        <translation>编辑标题、副标题和作者</translation>
    </message>
    <message>
        <source>Cannot fix the page: %s</source>
        <translation>无法修正版面：%s</translation>
    </message>
    <message>
        <source>Cannot undo or redo “%s”: %s</source>
        <translation>无法撤销或重做“%s”：%s</translation>
    </message>
</context>
<context>
    <name>PageTextView</name>
    <message>
        <source>Page text</source>
        <translation>版面文字</translation>
    </message>
    <message>
        <source>%s of article %d</source>
        <translation>%s（文章 %d）</translation>
    </message>
    <message>
        <source>jump: %s</source>
        <translation>转版：%s</translation>
    </message>
</context>
<context>
    <name>PageView</name>
    <message>
        <source>kicker</source>
        <translation>引题</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>subtitle</source>
        <translation>副标题</translation>
    </message>
    <message>
        <source>column</source>
        <translation>栏目</translation>
    </message>
    <message>
        <source>byline</source>
        <translation>署名</translation>
    </message>
    <message>
        <source>body</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>heading</source>
        <translation>小标题</translation>
    </message>
    <message>
        <source>caption</source>
        <translation>图片说明</translation>
    </message>
    <message>
        <source>photo credit</source>
        <translation>摄影署名</translation>
    </message>
    <message>
        <source>credit</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>jump marker</source>
        <translation>转版标记</translation>
    </message>
    <message>
        <source>page furniture</source>
        <translation>版面附属内容</translation>
    </message>
</context>
<context>
    <name>ParsedArticleView</name>
    <message>
        <source>Parsed article</source>
        <translation>拆分出的文章</translation>
    </message>
</context>
<context>
    <name>PhrasesView</name>
    <message>
        <source>Phrase lists</source>
        <translation>短语表</translation>
    </message>
    <message>
        <source>Variants</source>
        <translation>变体</translation>
    </message>
    <message>
        <source>New list…</source>
        <translation>新建短语表…</translation>
    </message>
    <message>
        <source>Add phrase…</source>
        <translation>添加短语…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Sub-corpus (empty: all)</source>
        <translation>子语料库（留空：全部）</translation>
    </message>
    <message>
        <source>Phrase</source>
        <translation>短语</translation>
    </message>
    <message>
        <source>Hits</source>
        <translation>命中</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>First</source>
        <translation>最早</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>最晚</translation>
    </message>
    <message numerus="yes">
        <source>%n phrase(s)</source>
        <translation>
            <numerusform>%n 个短语</numerusform>
        </translation>
    </message>
    <message>
        <source>Hits per month</source>
        <translation>每月命中数</translation>
    </message>
    <message numerus="yes">
        <source>%n hit(s)</source>
        <translation>
            <numerusform>%n 处命中</numerusform>
        </translation>
    </message>
    <message>
        <source>New phrase list</source>
        <translation>新建短语表</translation>
    </message>
    <message>
        <source>Name of the list:</source>
        <translation>短语表名称：</translation>
    </message>
    <message>
        <source>Make or choose a list first</source>
        <translation>请先新建或选择一个短语表</translation>
    </message>
    <message>
        <source>Add phrase</source>
        <translation>添加短语</translation>
    </message>
    <message>
        <source>Phrase, then its variants, separated by / :</source>
        <translation>短语及其变体，以 / 分隔：</translation>
    </message>
    <message>
        <source>Remove %s?</source>
        <translation>移除 %s 吗？</translation>
    </message>
    <message>
        <source>Import phrases (one a line: phrase / variant / …)</source>
        <translation>导入短语（每行一个：短语 / 变体 / …）</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>文本文件 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>偏好设置</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>阅读</translation>
    </message>
    <message>
        <source>Highlights</source>
        <translation>高亮</translation>
    </message>
    <message>
        <source>your name</source>
        <translation>你的名字</translation>
    </message>
    <message>
        <source>Recorded as the coder of every annotation, note and tag change you make. Switch here to code as someone else (e.g. to curate as a team).</source>
        <translation>你所做的每条标注、备注和代码修改都会记在这位编码员名下。在这里切换，就能以其他人的身份编码（例如团队审定时）。</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>The window is built again in the new language; the open article, your selection, unsaved edits and undo history stay.</source>
        <translation>窗口会以新的语言重新构建；打开的文章、选区、未保存的修改和撤销记录都会保留。</translation>
    </message>
    <message>
        <source>&amp;Coder</source>
        <translation>编码员(&amp;C)</translation>
    </message>
    <message>
        <source>Co&amp;lour</source>
        <translation>颜色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>Lan&amp;guage</source>
        <translation>语言(&amp;G)</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> 磅</translation>
    </message>
    <message>
        <source>Tint coded passages in their code&apos;s colour</source>
        <translation>用代码的颜色为已编码的片段着色</translation>
    </message>
    <message>
        <source>Coding stripes with code names in the margin</source>
        <translation>在页边显示带代码名称的编码条</translation>
    </message>
    <message>
        <source>&amp;Font</source>
        <translation>字体(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Size</source>
        <translation>字号(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Line spacing</source>
        <translation>行距(&amp;L)</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人名</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>地名</translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation>机构名</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>Default colours</source>
        <translation>默认颜色</translation>
    </message>
</context>
<context>
    <name>PropertiesDialog</name>
    <message>
        <source>Document properties</source>
        <translation>文档属性</translation>
    </message>
    <message>
        <source>Page date</source>
        <translation>版面日期</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>e.g. 湖南日报</source>
        <translation>例如 湖南日报</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Date, paper and page belong to the page file and apply to all of its articles.</source>
        <translation>日期、报纸和版次属于版面文件，适用于该版面的所有文章。</translation>
    </message>
    <message>
        <source>Page &amp;date</source>
        <translation>版面日期(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Newspaper</source>
        <translation>报纸(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Page number</source>
        <translation>版次(&amp;P)</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source> (derived from the text)</source>
        <translation>（取自正文）</translation>
    </message>
    <message>
        <source>Authors</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>%d of its page</source>
        <translation>版面中的第 %d 篇</translation>
    </message>
    <message numerus="yes">
        <source>%n character(s)</source>
        <translation>
            <numerusform>%n 字</numerusform>
        </translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>编码格式</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n 字节</numerusform>
        </translation>
    </message>
    <message>
        <source>Ingested</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <source>Edit page %s</source>
        <translation>编辑版面 %s</translation>
    </message>
</context>
<context>
    <name>ProposalModel</name>
    <message>
        <source>Left context</source>
        <translation>左侧语境</translation>
    </message>
    <message>
        <source>Hit</source>
        <translation>命中</translation>
    </message>
    <message>
        <source>Right context</source>
        <translation>右侧语境</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Already coded with this tag</source>
        <translation>已用此代码编码</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>ReadingActions</name>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Actual size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <source>Coding &amp;backgrounds</source>
        <translation>编码底色(&amp;B)</translation>
    </message>
    <message>
        <source>Coding s&amp;tripes</source>
        <translation>编码条(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>Follow the &amp;system</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>Go to the article &amp;list</source>
        <translation>转到文章列表(&amp;L)</translation>
    </message>
    <message>
        <source>Go to the &amp;reader</source>
        <translation>转到阅读区(&amp;R)</translation>
    </message>
    <message>
        <source>Go to the i&amp;nspector</source>
        <translation>转到检查器(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Filter articles</source>
        <translation>筛选文章(&amp;F)</translation>
    </message>
    <message>
        <source>Highlight %s</source>
        <translation>高亮%s</translation>
    </message>
    <message>
        <source>&amp;Snap selection to words</source>
        <translation>选区对齐词语边界(&amp;S)</translation>
    </message>
    <message>
        <source>Reading size %d pt</source>
        <translation>阅读字号 %d 磅</translation>
    </message>
</context>
<context>
    <name>ReprintBar</name>
    <message>
        <source>undated</source>
        <translation>无日期</translation>
    </message>
    <message>
        <source>p. %s</source>
        <translation>第 %s 版</translation>
    </message>
    <message>
        <source>first: %s</source>
        <translation>首次：%s</translation>
    </message>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform>，另有 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>This copy was also printed %s, in %s: </source>
        <translation>这篇稿件还刊印了 %s，见于 %s：</translation>
    </message>
    <message numerus="yes">
        <source>%n time(s)</source>
        <translation>
            <numerusform>%n 次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n paper(s)</source>
        <translation>
            <numerusform>%n 家报纸</numerusform>
        </translation>
    </message>
    <message>
        <source>Near-duplicate copies found by Reprints (Corpus views)</source>
        <translation>由“转载”（语料库视图）找到的近似重复稿件</translation>
    </message>
</context>
<context>
    <name>ReprintsView</name>
    <message>
        <source>How alike two texts must be (share of character shingles)</source>
        <translation>两篇文本须有多相似（共有的字符片段所占比例）</translation>
    </message>
    <message>
        <source>Find reprints</source>
        <translation>查找转载</translation>
    </message>
    <message>
        <source>Printings</source>
        <translation>刊印次数</translation>
    </message>
    <message>
        <source>First printed</source>
        <translation>首次刊印</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>报纸</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>版次</translation>
    </message>
    <message>
        <source>Similarity</source>
        <translation>相似度</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>First</source>
        <translation>最早</translation>
    </message>
    <message>
        <source>Similarity at least</source>
        <translation>相似度至少</translation>
    </message>
    <message numerus="yes">
        <source>%n cluster(s)</source>
        <translation>
            <numerusform>%n 组</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n article(s) are copies of an earlier printing</source>
        <translation>
            <numerusform>；%n 篇文章是较早刊印稿件的副本</numerusform>
        </translation>
    </message>
    <message>
        <source>first</source>
        <translation>首次</translation>
    </message>
</context>
<context>
    <name>RetrainTools</name>
    <message>
        <source>Re&amp;train from my corrections…</source>
        <translation>根据我的更正重新训练(&amp;T)…</translation>
    </message>
    <message>
        <source>Use the &amp;shipped model again</source>
        <translation>重新使用自带模型(&amp;S)</translation>
    </message>
    <message>
        <source>This corpus uses the shipped model</source>
        <translation>这个语料库使用的是自带模型</translation>
    </message>
    <message numerus="yes">
        <source>In use: a model retrained %s from %n corrected sentence(s)</source>
        <translation>
            <numerusform>正在使用：%s 根据 %n 个更正过的句子重新训练的模型</numerusform>
        </translation>
    </message>
    <message>
        <source>Train a model for this corpus from your corrections (every sentence with an entity you marked, changed, rejected or fixed) together with %d %% of the shipped model&apos;s training data, then recognise every article again with it. It takes a minute or two and runs in the background; you can cancel it. The new model is used from then on; Entities ▸ Use the shipped model again reverts it.

Retrain now?</source>
        <translation>根据你的更正（每个含有你标出、修改、否定或修正过的实体的句子），加上自带模型 %d %% 的训练数据，为这个语料库训练一个模型，然后用它重新识别所有文章。这需要一两分钟，在后台进行，可以取消。此后使用新模型；实体 ▸ 重新使用自带模型 可以恢复。

现在重新训练吗？</translation>
    </message>
    <message>
        <source>Retrain from my corrections</source>
        <translation>根据我的更正重新训练</translation>
    </message>
    <message>
        <source>Retraining the entity model…</source>
        <translation>正在重新训练实体模型…</translation>
    </message>
    <message>
        <source>Use the shipped model again</source>
        <translation>重新使用自带模型</translation>
    </message>
    <message>
        <source>Forget the model retrained from your corrections and recognise every article again with the shipped model? Your corrections stay.</source>
        <translation>丢弃根据你的更正重新训练的模型，并用自带模型重新识别所有文章吗？你的更正会保留。</translation>
    </message>
    <message>
        <source>Going back to the shipped model…</source>
        <translation>正在恢复自带模型…</translation>
    </message>
    <message numerus="yes">
        <source>Retrained from %n corrected sentence(s)</source>
        <translation>
            <numerusform>已根据 %n 个更正过的句子重新训练</numerusform>
        </translation>
    </message>
    <message>
        <source> in %d s</source>
        <translation>，用时 %d 秒</translation>
    </message>
    <message numerus="yes">
        <source>; entities recognised again in %n article(s)</source>
        <translation>
            <numerusform>；已在 %n 篇文章中重新识别实体</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Back to the shipped model; entities recognised again in %n article(s)</source>
        <translation>
            <numerusform>已恢复自带模型；已在 %n 篇文章中重新识别实体</numerusform>
        </translation>
    </message>
    <message>
        <source> (the others are updated at the next start)</source>
        <translation>（其余文章在下次启动时更新）</translation>
    </message>
    <message>
        <source>Another coder went back to the shipped entity model; it is used from now on</source>
        <translation>另一位编码员已恢复自带实体模型，此后使用该模型</translation>
    </message>
    <message>
        <source>Another coder retrained the entity model; it is used from now on</source>
        <translation>另一位编码员重新训练了实体模型，此后使用新模型</translation>
    </message>
    <message>
        <source>Retraining cancelled: the model in use is unchanged</source>
        <translation>已取消重新训练：正在使用的模型没有改变</translation>
    </message>
    <message>
        <source>Retraining failed</source>
        <translation>重新训练失败</translation>
    </message>
</context>
<context>
    <name>SafeEditing</name>
    <message>
        <source>The article&apos;s text changed since it was shown (it was re-ingested, perhaps in another window or from the command line). Nothing was written; the article has been reloaded: select the passage again.</source>
        <translation>文章显示之后其正文已改变（它被重新添加过，可能是在另一个窗口或命令行中）。没有写入任何内容；文章已重新载入：请重新选择片段。</translation>
    </message>
    <message>
        <source>the article&apos;s text changed since (re-ingested?), so the passage is no longer there</source>
        <translation>文章正文此后已改变（被重新添加？），该片段已不在原处</translation>
    </message>
    <message>
        <source>it was changed since by another writer (another window, the command line or an import)</source>
        <translation>此后它已被其他写入者改动（另一个窗口、命令行或导入）</translation>
    </message>
    <message>
        <source>Could not undo or redo “%s”: %s. Nothing was changed, and the step was removed from the undo history.</source>
        <translation>无法撤销或重做“%s”：%s。没有做任何改动，该步骤已从撤销历史中移除。</translation>
    </message>
    <message>
        <source>Nothing deleted: select the annotation first (its row in the annotation list, or exactly its passage in the text), then press Del.</source>
        <translation>没有删除任何内容：请先选中标注（标注列表中它的那一行，或正文中恰好是它的片段），再按 Del。</translation>
    </message>
    <message>
        <source>no tag</source>
        <translation>无代码</translation>
    </message>
    <message>
        <source>Deleted the annotation «%s» (%s).</source>
        <translation>已删除标注«%s»（%s）。</translation>
    </message>
</context>
<context>
    <name>SafetyTools</name>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>Copy the whole corpus into its backups folder</source>
        <translation>把整个语料库复制到它的备份文件夹</translation>
    </message>
    <message>
        <source>&amp;Restore from backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>The open article no longer exists in the corpus.</source>
        <translation>打开的文章已不在语料库中。</translation>
    </message>
    <message>
        <source>The article&apos;s text changed (it was re-ingested); it has been reloaded.</source>
        <translation>文章正文已改变（被重新添加过）；已重新载入。</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Today&apos;s backup is made: %s</source>
        <translation>今日备份已完成：%s</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Replace the whole corpus with %s?

Everything done since is replaced; the current state is backed up first, so you can come back to it.</source>
        <translation>用%s替换整个语料库吗？

此后所做的一切都会被替换；会先备份当前状态，以便你还能回到它。</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>正在恢复…</translation>
    </message>
    <message>
        <source>Backed up to %s</source>
        <translation>已备份到 %s</translation>
    </message>
    <message>
        <source>Backup restored. The state before it was saved in %s</source>
        <translation>已恢复备份。恢复前的状态保存在 %s</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <source>Article</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Hits</source>
        <translation>命中</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Snippet</source>
        <translation>摘录</translation>
    </message>
</context>
<context>
    <name>SearchView</name>
    <message>
        <source>Search: words, &quot;exact phrase&quot;, AND / OR / NOT, -word</source>
        <translation>检索：词语、&quot;精确短语&quot;、AND / OR / NOT、-排除词</translation>
    </message>
    <message>
        <source>Regex</source>
        <translation>正则</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>检索</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop a long search and keep what it found</source>
        <translation>停止耗时较长的检索，保留已找到的结果</translation>
    </message>
    <message>
        <source>Concordance</source>
        <translation>关键词语境</translation>
    </message>
    <message>
        <source>Dates are written YYYY-MM-DD</source>
        <translation>日期格式为 YYYY-MM-DD</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在检索…</translation>
    </message>
    <message numerus="yes">
        <source>Stopped: %n article(s) found so far</source>
        <translation>
            <numerusform>已停止：目前找到 %n 篇文章</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Searching… %n article(s) found</source>
        <translation>
            <numerusform>正在检索…已找到 %n 篇文章</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n 篇文章</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hit(s)</source>
        <translation>
            <numerusform>%n 处命中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (first %n article(s) shown; scroll for more)</source>
        <translation>
            <numerusform>（显示前 %n 篇文章；滚动查看更多）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (best %n articles shown)</source>
        <translation>
            <numerusform>（仅显示最相关的 %n 篇）</numerusform>
        </translation>
    </message>
    <message>
        <source> — stopped at the time limit; results are partial</source>
        <translation> — 已到时间上限而停止，结果不完整</translation>
    </message>
    <message>
        <source> — stopped; results are partial</source>
        <translation> — 已停止，结果不完整</translation>
    </message>
    <message>
        <source>Bad regular expression: %s</source>
        <translation>正则表达式有误：%s</translation>
    </message>
    <message>
        <source>Search failed: %s</source>
        <translation>检索失败：%s</translation>
    </message>
</context>
<context>
    <name>ServerCorpus</name>
    <message>
        <source>Open &amp;server corpus…</source>
        <translation>打开服务器语料库(&amp;S)…</translation>
    </message>
    <message>
        <source>Open the team&apos;s corpus on a PostgreSQL server</source>
        <translation>打开团队放在 PostgreSQL 服务器上的语料库</translation>
    </message>
    <message>
        <source>Pizhu 批注 — %s (server)</source>
        <translation>批注 — %s（服务器）</translation>
    </message>
    <message>
        <source>Server corpus: %s</source>
        <translation>服务器语料库：%s</translation>
    </message>
    <message>
        <source>● Server %s · live</source>
        <translation>● 服务器 %s · 实时同步</translation>
    </message>
    <message>
        <source>Other coders&apos; changes appear here as they are saved</source>
        <translation>其他编码员的修改一经保存就会显示在这里</translation>
    </message>
    <message>
        <source>○ Server %s · reconnecting…</source>
        <translation>○ 服务器 %s · 正在重新连接…</translation>
    </message>
    <message>
        <source>Lost the connection for live changes: %s</source>
        <translation>实时同步的连接已断开：%s</translation>
    </message>
    <message>
        <source>○ Server %s</source>
        <translation>○ 服务器 %s</translation>
    </message>
    <message>
        <source>That corpus is already open</source>
        <translation>这个语料库已经打开</translation>
    </message>
</context>
<context>
    <name>ServerDialog</name>
    <message>
        <source>Open server corpus</source>
        <translation>打开服务器语料库</translation>
    </message>
    <message>
        <source>A corpus the team shares on a PostgreSQL server. Ask the server&apos;s administrator for an empty database you own, or for the address of the team&apos;s corpus.</source>
        <translation>团队共用的、放在 PostgreSQL 服务器上的语料库。请向服务器管理员要一个归你所有的空数据库，或者团队语料库的地址。</translation>
    </message>
    <message>
        <source>postgresql://user@host:5432/database</source>
        <comment>an example URI</comment>
        <translation>postgresql://用户@主机:5432/数据库</translation>
    </message>
    <message>
        <source>Paste a whole libpq URI here, or fill in the fields below</source>
        <translation>在这里粘贴完整的 libpq URI，或填写下面各项</translation>
    </message>
    <message>
        <source>db.example.org</source>
        <comment>an example host name</comment>
        <translation>db.example.org</translation>
    </message>
    <message>
        <source>empty: from ~/.pgpass or PGPASSWORD</source>
        <translation>留空：取自 ~/.pgpass 或 PGPASSWORD</translation>
    </message>
    <message>
        <source>&amp;Remember password (desktop keyring, else ~/.pgpass)</source>
        <translation>记住密码(&amp;R)（桌面钥匙环，没有则用 ~/.pgpass）</translation>
    </message>
    <message>
        <source>&amp;Make a Pizhu corpus here</source>
        <translation>在这里新建批注语料库(&amp;M)</translation>
    </message>
    <message>
        <source>Create Pizhu&apos;s tables in this empty database (pizhu init-server)</source>
        <translation>在这个空数据库中建立批注的数据表（pizhu init-server）</translation>
    </message>
    <message>
        <source>&amp;URI</source>
        <translation>URI(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Host</source>
        <translation>主机(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Port</source>
        <translation>端口(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Database</source>
        <translation>数据库(&amp;D)</translation>
    </message>
    <message>
        <source>U&amp;ser</source>
        <translation>用户(&amp;S)</translation>
    </message>
    <message>
        <source>Pass&amp;word</source>
        <translation>密码(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>That is not a server URI yet: postgresql://USER@HOST:PORT/DATABASE</source>
        <translation>这还不是服务器 URI：postgresql://USER@HOST:PORT/DATABASE</translation>
    </message>
    <message>
        <source>Which database? Fill in the database&apos;s name.</source>
        <translation>哪个数据库？请填写数据库名称。</translation>
    </message>
    <message>
        <source>Connecting to %s…</source>
        <translation>正在连接 %s…</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Signed in; reading the corpus&apos;s schema…</source>
        <translation>已登录，正在读取语料库的数据库结构…</translation>
    </message>
    <message>
        <source>Making the corpus&apos;s tables…</source>
        <translation>正在建立语料库的数据表…</translation>
    </message>
    <message>
        <source>Updating the corpus to this version of Pizhu…</source>
        <translation>正在把语料库更新到这个版本的批注…</translation>
    </message>
    <message>
        <source>The database %s is empty: it holds no Pizhu corpus yet. Make one there, or check the database&apos;s name.</source>
        <translation>数据库 %s 是空的：里面还没有批注语料库。可以在这里新建一个，或者检查数据库名称。</translation>
    </message>
    <message numerus="yes">
        <source>The database %s holds %n table(s) of another program, not a Pizhu corpus. Pizhu does not write there: ask for an empty database.</source>
        <translation>
            <numerusform>数据库 %s 里有其他程序的 %n 张表，不是批注语料库。批注不会往里写入：请要一个空数据库。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n 篇文章</numerusform>
        </translation>
    </message>
    <message>
        <source>Connected: a Pizhu corpus with %s (PostgreSQL %s).</source>
        <translation>已连接：批注语料库，共 %s（PostgreSQL %s）。</translation>
    </message>
    <message>
        <source>This corpus was made by a newer version of Pizhu. Update Pizhu to open it.</source>
        <translation>这个语料库是由更新版本的批注建立的。请先更新批注再打开它。</translation>
    </message>
    <message>
        <source>The server refused the password of %s. Type it again.</source>
        <translation>服务器拒绝了 %s 的密码。请重新输入。</translation>
    </message>
    <message>
        <source>The server needs a password for %s.</source>
        <translation>服务器要求 %s 提供密码。</translation>
    </message>
    <message>
        <source>No server answers at %s. Check the host and the port, and that the server is running.</source>
        <translation>%s 没有服务器应答。请检查主机和端口，并确认服务器正在运行。</translation>
    </message>
    <message>
        <source>The server at %s has no database named %s.</source>
        <translation>%s 上的服务器没有名为 %s 的数据库。</translation>
    </message>
    <message>
        <source>The server at %s has no user named %s.</source>
        <translation>%s 上的服务器没有名为 %s 的用户。</translation>
    </message>
    <message>
        <source>The server at %s does not let %s in from this computer (its access rules). Ask its administrator.</source>
        <translation>%s 上的服务器不允许 %s 从这台计算机登录（服务器的访问规则）。请询问服务器管理员。</translation>
    </message>
    <message>
        <source>The server at %s did not answer in time.</source>
        <translation>%s 上的服务器没有及时应答。</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>Cannot sign in to %s.</source>
        <translation>无法登录 %s。</translation>
    </message>
    <message>
        <source>The server said: %s</source>
        <translation>服务器的回复：%s</translation>
    </message>
    <message>
        <source>The password is kept in the desktop keyring (%s).</source>
        <translation>密码保存在桌面钥匙环中（%s）。</translation>
    </message>
    <message>
        <source>There is no desktop keyring here: the password is kept in %s, readable by you only.</source>
        <translation>这里没有桌面钥匙环：密码保存在 %s，只有你本人可以读取。</translation>
    </message>
</context>
<context>
    <name>SetVariableDialog</name>
    <message numerus="yes">
        <source>Set a variable for %n article(s)</source>
        <translation>
            <numerusform>为 %n 篇文章设置变量</numerusform>
        </translation>
    </message>
    <message>
        <source>region, genre, newspaper, …</source>
        <translation>地区、体裁、报纸…</translation>
    </message>
    <message>
        <source>empty: clear it</source>
        <translation>留空：清除</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>变量</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
</context>
<context>
    <name>SideBySideDialog</name>
    <message>
        <source>Compare coders side by side</source>
        <translation>并排比较编码员</translation>
    </message>
    <message>
        <source>◀ Previous article</source>
        <translation>◀ 上一篇</translation>
    </message>
    <message>
        <source>Next article ▶</source>
        <translation>下一篇 ▶</translation>
    </message>
    <message>
        <source>The previous article either coder coded (Alt+Left)</source>
        <translation>任一编码员编码过的上一篇文章（Alt+←）</translation>
    </message>
    <message>
        <source>The next article either coder coded (Alt+Right)</source>
        <translation>任一编码员编码过的下一篇文章（Alt+→）</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Coder A</source>
        <translation>编码员 A</translation>
    </message>
    <message>
        <source>Coder B</source>
        <translation>编码员 B</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <source>Keep A&apos;s (1)</source>
        <translation>保留 A 的（1）</translation>
    </message>
    <message>
        <source>Keep B&apos;s (2)</source>
        <translation>保留 B 的（2）</translation>
    </message>
    <message>
        <source>Keep both (3)</source>
        <translation>都保留（3）</translation>
    </message>
    <message>
        <source>Keep neither (4)</source>
        <translation>都不保留（4）</translation>
    </message>
    <message>
        <source>Write consensus</source>
        <translation>写入共识</translation>
    </message>
    <message>
        <source>Agreements and the kept annotations become the coder &apos;%s&apos; (undoable)</source>
        <translation>一致的标注和保留的标注将记在编码员“%s”名下（可撤销）</translation>
    </message>
    <message numerus="yes">
        <source>%n agreement(s)</source>
        <translation>
            <numerusform>%n 处一致</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n difference(s)</source>
        <translation>
            <numerusform>%n 处分歧</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>consensus has %n annotation(s)</source>
        <translation>
            <numerusform>共识有 %n 条标注</numerusform>
        </translation>
    </message>
    <message>
        <source>A&apos;s</source>
        <translation>A 的</translation>
    </message>
    <message>
        <source>B&apos;s</source>
        <translation>B 的</translation>
    </message>
    <message>
        <source>both</source>
        <translation>都保留</translation>
    </message>
    <message>
        <source>neither</source>
        <translation>都不保留</translation>
    </message>
    <message>
        <source>only A</source>
        <translation>仅 A</translation>
    </message>
    <message>
        <source>only B</source>
        <translation>仅 B</translation>
    </message>
    <message>
        <source>tags differ</source>
        <translation>代码不同</translation>
    </message>
    <message>
        <source>extent differs</source>
        <translation>范围不同</translation>
    </message>
    <message>
        <source>undecided</source>
        <translation>未决定</translation>
    </message>
</context>
<context>
    <name>SpanBar</name>
    <message>
        <source>This occurrence</source>
        <translation>仅此一处</translation>
    </message>
    <message>
        <source>Whole corpus</source>
        <translation>整个语料库</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>←/→ move the start, Shift+←/→ the end, or drag the ends; Enter applies, Esc cancels</source>
        <translation>←/→ 移动起点，Shift+←/→ 移动终点，或拖动两端；Enter 应用，Esc 取消</translation>
    </message>
</context>
<context>
    <name>SpanEditor</name>
    <message>
        <source>Adjust entity span</source>
        <translation>调整实体范围</translation>
    </message>
    <message>
        <source>Fix “%s” as %s here</source>
        <translation>在此处把“%s”修正为 %s</translation>
    </message>
    <message>
        <source>“%s” instead of “%s” everywhere</source>
        <translation>所有地方都用“%s”代替“%s”</translation>
    </message>
    <message>
        <source>“%s” is not an entity here</source>
        <translation>“%s”在此处不是实体</translation>
    </message>
    <message>
        <source>Adjust span… (F2)</source>
        <translation>调整范围…（F2）</translation>
    </message>
    <message>
        <source>Not an entity (here only)</source>
        <translation>不是实体（仅此处）</translation>
    </message>
    <message>
        <source>No entity at the cursor</source>
        <translation>光标处没有实体</translation>
    </message>
</context>
<context>
    <name>SpecEdit</name>
    <message>
        <source>Comma-separated: since=YYYY-MM-DD, until=YYYY-MM-DD, source=file or pattern, var:NAME=VALUE (paper=…, page=1, front=front, agency=新华社, or your own), tag=…, author=…, entity=…, reprints=first</source>
        <translation>以逗号分隔：since=YYYY-MM-DD（起始日期），until=YYYY-MM-DD（截止日期），source=文件名或模式，var:变量名=值（paper=…，page=1，front=front，agency=新华社，或你自己的变量），tag=…（代码），author=…（作者），entity=…（实体），reprints=first（转载只计首次刊印）</translation>
    </message>
</context>
<context>
    <name>StatView</name>
    <message>
        <source>Filter: text in the item</source>
        <translation>筛选：条目中含有的文字</translation>
    </message>
</context>
<context>
    <name>StatsView</name>
    <message>
        <source>Tag counts (annotations)</source>
        <translation>代码频次（标注数）</translation>
    </message>
    <message>
        <source>Entity frequencies (mentions)</source>
        <translation>实体频次（出现次数）</translation>
    </message>
    <message>
        <source>Tag × entity co-occurrence</source>
        <translation>代码 × 实体共现</translation>
    </message>
    <message>
        <source>Tag × tag co-occurrence</source>
        <translation>代码 × 代码共现</translation>
    </message>
    <message>
        <source>Article lengths (characters)</source>
        <translation>文章长度（字数）</translation>
    </message>
    <message>
        <source>Articles per source</source>
        <translation>各来源文件的文章数</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>文章数</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>实体</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>出现次数</translation>
    </message>
    <message>
        <source>First</source>
        <translation>第一项</translation>
    </message>
    <message>
        <source>Second</source>
        <translation>第二项</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Second&apos;s type</source>
        <translation>第二项类型</translation>
    </message>
    <message>
        <source>Article id</source>
        <translation>文章 ID</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源文件</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>字数</translation>
    </message>
    <message>
        <source>Co-occurrence: same annotation span</source>
        <translation>共现范围：同一标注片段</translation>
    </message>
    <message>
        <source>Co-occurrence: same article</source>
        <translation>共现范围：同一篇文章</translation>
    </message>
    <message>
        <source>Span: the entity lies inside an annotation with the tag (count: annotation–mention pairs); article: one of the article&apos;s annotations has the tag and the entity is mentioned in it (count: articles).</source>
        <translation>片段：实体位于带有该代码的标注之内（计数：标注与实体出现的配对数）；文章：文章中有标注带有该代码，且文章提到该实体（计数：文章数）。</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n 篇文章</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n character(s)</source>
        <translation>
            <numerusform>%n 字</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n source(s)</source>
        <translation>
            <numerusform>%n 个来源文件</numerusform>
        </translation>
    </message>
    <message>
        <source>Export table</source>
        <translation>导出表格</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Could not write %s</source>
        <translation>无法写入 %s</translation>
    </message>
    <message>
        <source>Statistics failed: %s</source>
        <translation>统计失败：%s</translation>
    </message>
</context>
<context>
    <name>TagPicker</name>
    <message>
        <source>Type a tag: name, pinyin initials (wz → 问责)…</source>
        <translation>输入代码：名称或拼音首字母（wz → 问责）…</translation>
    </message>
    <message>
        <source>＋ New tag “%s”</source>
        <translation>＋ 新建代码“%s”</translation>
    </message>
</context>
<context>
    <name>TagTree</name>
    <message>
        <source>Drag a tag onto another to move it there (with its children)</source>
        <translation>把一个代码拖到另一个代码上即可移到其下（连同子代码）</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>New child</source>
        <translation>新建子代码</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation>颜色…</translation>
    </message>
    <message>
        <source>Description…</source>
        <translation>说明…</translation>
    </message>
    <message>
        <source>Move to…</source>
        <translation>移到…</translation>
    </message>
    <message>
        <source>Merge into…</source>
        <translation>合并到…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>(top level)</source>
        <translation>（顶层）</translation>
    </message>
    <message>
        <source>Tag:</source>
        <translation>代码：</translation>
    </message>
    <message>
        <source>New tag</source>
        <translation>新建代码</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>New child tag</source>
        <translation>新建子代码</translation>
    </message>
    <message>
        <source>Rename tag</source>
        <translation>重命名代码</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>Tag colour</source>
        <translation>代码颜色</translation>
    </message>
    <message>
        <source>Tag description</source>
        <translation>代码说明</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>说明：</translation>
    </message>
    <message>
        <source>Move tag under…</source>
        <translation>把代码移到…之下</translation>
    </message>
    <message>
        <source>Merge tag into…</source>
        <translation>把代码合并到…</translation>
    </message>
</context>
<context>
    <name>TagTreeModel</name>
    <message>
        <source>Tag</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Uses</source>
        <translation>使用次数</translation>
    </message>
    <message>
        <source>With children</source>
        <translation>含子代码</translation>
    </message>
</context>
<context>
    <name>TaskProgress</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>TeamTools</name>
    <message>
        <source>Who is coding (click to switch)</source>
        <translation>当前编码员（点击切换）</translation>
    </message>
    <message>
        <source>&amp;Team</source>
        <translation>团队(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Switch coder…</source>
        <translation>切换编码员(&amp;S)…</translation>
    </message>
    <message>
        <source>Show &amp;coders</source>
        <translation>显示编码员(&amp;C)</translation>
    </message>
    <message>
        <source>Colour annotations by &amp;coder</source>
        <translation>按编码员为标注着色(&amp;C)</translation>
    </message>
    <message>
        <source>Compare &amp;side by side…</source>
        <translation>并排比较(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Agreement…</source>
        <translation>一致性(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Merge another coder&apos;s work…</source>
        <translation>合并其他编码员的工作(&amp;M)…</translation>
    </message>
    <message>
        <source>Add the annotations of another Pizhu corpus or a REFI-QDA project coded on the same pages</source>
        <translation>加入另一个批注语料库或 REFI-QDA 项目中针对相同版面所做的标注</translation>
    </message>
    <message>
        <source>All coders</source>
        <translation>全部编码员</translation>
    </message>
    <message>
        <source>%s — coding as %s</source>
        <translation>%s — 以 %s 的身份编码</translation>
    </message>
    <message>
        <source>Coder: %s</source>
        <translation>编码员：%s</translation>
    </message>
    <message>
        <source>Backed up to %s before merging</source>
        <translation>合并前已备份到 %s</translation>
    </message>
    <message>
        <source>Merging %s…</source>
        <translation>正在合并 %s…</translation>
    </message>
    <message>
        <source>Merge another coder&apos;s work</source>
        <translation>合并其他编码员的工作</translation>
    </message>
    <message>
        <source>Pizhu corpora and REFI-QDA projects (*.sqlite3 *.sqlite *.db *.qdpx);;All files (*)</source>
        <translation>批注语料库和 REFI-QDA 项目 (*.sqlite3 *.sqlite *.db *.qdpx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Merging: article %d of %d, %s</source>
        <translation>正在合并：第 %d 篇（共 %d 篇），%s</translation>
    </message>
    <message>
        <source>Merged: %s</source>
        <translation>已合并：%s</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) matched</source>
        <translation>
            <numerusform>%n 篇文章已对应</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n annotation(s) added</source>
        <translation>
            <numerusform>新增 %n 条标注</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already present</source>
        <translation>
            <numerusform>%n 条已存在</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not placed</source>
        <translation>
            <numerusform>%n 条无法定位</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n occurrence fix(es) added</source>
        <translation>
            <numerusform>新增 %n 处单处修正</numerusform>
        </translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Some annotations could not be placed</source>
        <translation>有些标注无法定位</translation>
    </message>
    <message>
        <source>Merge failed</source>
        <translation>合并失败</translation>
    </message>
    <message>
        <source>Recognising entities again</source>
        <translation>正在重新识别实体</translation>
    </message>
    <message>
        <source>Recognition cancelled: the other articles are brought up to date at the next start</source>
        <translation>已取消识别：其余文章将在下次启动时更新</translation>
    </message>
    <message>
        <source>Recognising entities again failed</source>
        <translation>重新识别实体失败</translation>
    </message>
    <message>
        <source>Open an article first</source>
        <translation>请先打开一篇文章</translation>
    </message>
    <message>
        <source>Consensus</source>
        <translation>共识</translation>
    </message>
    <message>
        <source>Write consensus</source>
        <translation>写入共识</translation>
    </message>
    <message numerus="yes">
        <source>Consensus: %n annotation(s) written</source>
        <translation>
            <numerusform>共识：已写入 %n 条标注</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Entity</source>
        <translation>实体</translation>
    </message>
    <message>
        <source>Search query</source>
        <translation>检索式</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Phrase list</source>
        <translation>短语表</translation>
    </message>
    <message>
        <source>习近平, a query, a tag or a phrase list</source>
        <translation>习近平、检索式、代码或短语表</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>出现次数</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Mentions per 100 articles</source>
        <translation>每 100 篇文章出现次数</translation>
    </message>
    <message>
        <source>Per 100 articles of the period: fair when periods differ in size</source>
        <translation>按该时段每 100 篇文章计：时段大小不同时更公平</translation>
    </message>
    <message>
        <source>Sub-corpus, e.g. since=2020-01-01,paper=人民日报</source>
        <translation>子语料库，例如 since=2020-01-01,paper=人民日报</translation>
    </message>
    <message>
        <source>Show timeline</source>
        <translation>显示时间线</translation>
    </message>
    <message>
        <source>Save chart…</source>
        <translation>保存图表…</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>per</source>
        <translation>按</translation>
    </message>
    <message>
        <source>split by</source>
        <translation>分组依据</translation>
    </message>
    <message>
        <source>show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>(nothing)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>headline vs body</source>
        <translation>标题与正文</translation>
    </message>
    <message>
        <source>phrase</source>
        <translation>短语</translation>
    </message>
    <message>
        <source>Type what to count</source>
        <translation>请输入要统计的内容</translation>
    </message>
    <message>
        <source>%s in %s</source>
        <translation>%s，涉及 %s</translation>
    </message>
    <message numerus="yes">
        <source>%n mention(s)</source>
        <translation>
            <numerusform>出现 %n 次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n 篇文章</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n on undated pages (in the table, not the chart)</source>
        <translation>
            <numerusform>；%n 处在无日期的版面上（列在表中，不在图中）</numerusform>
        </translation>
    </message>
    <message>
        <source>headline</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>body</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>Save chart</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
</context>
<context>
    <name>TourDialog</name>
    <message>
        <source>Welcome to Pizhu</source>
        <translation>欢迎使用批注</translation>
    </message>
    <message>
        <source>1 · Add newspaper pages</source>
        <translation>1 · 添加报纸版面</translation>
    </message>
    <message>
        <source>File → Add pages… (Ctrl+I) or drop page files and folders on the window. Pizhu splits each page into articles and marks people, places, organisations, dates and figures. The articles appear in the list on the left.</source>
        <translation>用“文件 → 添加版面…”（Ctrl+I），或把版面文件和文件夹拖到窗口上。批注会把每个版面拆分成文章，并标出人名、地名、机构名、日期和数字。文章会出现在左侧的列表中。</translation>
    </message>
    <message>
        <source>Add pages…</source>
        <translation>添加版面…</translation>
    </message>
    <message>
        <source>2 · Read and code</source>
        <translation>2 · 阅读与编码</translation>
    </message>
    <message>
        <source>Open an article, select a passage and press T to give it a code (type to find or create one), N to add a note. Coded passages are tinted in their code&apos;s colour with stripes in the margin; the inspector on the right lists them.</source>
        <translation>打开一篇文章，选中一个片段，按 T 为它编码（输入文字即可查找或新建代码），按 N 添加备注。已编码的片段会以代码的颜色着色，页边有编码条；右侧的检查器会列出它们。</translation>
    </message>
    <message>
        <source>Go to the reader</source>
        <translation>转到阅读区</translation>
    </message>
    <message>
        <source>3 · Search and compare</source>
        <translation>3 · 检索与比较</translation>
    </message>
    <message>
        <source>Ctrl+Shift+F searches the whole corpus; the corpus views below (concordance, entity index, statistics, all annotations, codebook) open when you need them and Esc puts them away. Ctrl+E exports your codes for NVivo, ATLAS.ti, MAXQDA or a spreadsheet. F1 lists every shortcut.</source>
        <translation>Ctrl+Shift+F 检索整个语料库；下方的语料库视图（关键词语境、实体索引、统计、全部标注、代码本）在需要时打开，按 Esc 收起。Ctrl+E 把你的编码导出给 NVivo、ATLAS.ti、MAXQDA 或电子表格。F1 列出所有快捷键。</translation>
    </message>
    <message>
        <source>Search the corpus</source>
        <translation>检索语料库</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>UndoNotice</name>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
</context>
<context>
    <name>Variables</name>
    <message>
        <source>newspaper</source>
        <translation>报纸</translation>
    </message>
    <message>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>page</source>
        <translation>版次</translation>
    </message>
    <message>
        <source>position</source>
        <translation>版内位置</translation>
    </message>
    <message>
        <source>section</source>
        <translation>栏目</translation>
    </message>
    <message>
        <source>agency</source>
        <translation>通讯社</translation>
    </message>
    <message>
        <source>front</source>
        <translation>头版</translation>
    </message>
</context>
<context>
    <name>VariablesView</name>
    <message>
        <source>Which articles, e.g. source=2020*,page=1 (empty: all)</source>
        <translation>哪些文章，例如 source=2020*,page=1（留空：全部）</translation>
    </message>
    <message>
        <source>Set for selected…</source>
        <translation>为所选文章设置…</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>导入 CSV…</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s); double-click a cell to edit, or select rows and Set</source>
        <translation>
            <numerusform>%n 篇文章；双击单元格编辑，或选中多行后点“设置”</numerusform>
        </translation>
    </message>
    <message>
        <source>Select the articles first</source>
        <translation>请先选择文章</translation>
    </message>
    <message>
        <source>Cannot set</source>
        <translation>无法设置</translation>
    </message>
    <message>
        <source>Import variables (columns: article or source, then variables)</source>
        <translation>导入变量（列：文章或来源文件，然后是各变量）</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>WordsView</name>
    <message>
        <source>Sub-corpus (empty: all), e.g. paper=人民日报,since=2020-01-01</source>
        <translation>子语料库（留空：全部），例如 paper=人民日报,since=2020-01-01</translation>
    </message>
    <message>
        <source>Hide stop words</source>
        <translation>隐藏停用词</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>Count words</source>
        <translation>统计词频</translation>
    </message>
    <message>
        <source>Word</source>
        <translation>词</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Most frequent words</source>
        <translation>最常见的词</translation>
    </message>
    <message numerus="yes">
        <source>%n word(s) listed</source>
        <translation>
            <numerusform>列出 %n 个词</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workbench</name>
    <message>
        <source>&amp;Tag selection…</source>
        <translation>为选区编码(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Note on annotation…</source>
        <translation>为标注添加备注(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Delete annotation</source>
        <translation>删除标注(&amp;D)</translation>
    </message>
    <message>
        <source>Ne&amp;xt annotation</source>
        <translation>下一条标注(&amp;X)</translation>
    </message>
    <message>
        <source>Pre&amp;vious annotation</source>
        <translation>上一条标注(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Re-attach orphan to selection</source>
        <translation>把孤立标注重新锚定到选区(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Star / unstar article</source>
        <translation>为文章加星标 / 取消星标(&amp;S)</translation>
    </message>
    <message>
        <source>Mark article &amp;unread</source>
        <translation>将文章标为未读(&amp;U)</translation>
    </message>
    <message>
        <source>Cannot do that</source>
        <translation>无法执行</translation>
    </message>
    <message>
        <source>New tag %s</source>
        <translation>新建代码 %s</translation>
    </message>
    <message>
        <source>Tag «%s»</source>
        <translation>为“%s”编码</translation>
    </message>
    <message>
        <source>Select a passage first (mouse or Shift+arrows), then press T.</source>
        <translation>请先选中一个片段（用鼠标或 Shift+方向键），再按 T。</translation>
    </message>
    <message>
        <source>Add a tag to «%s»</source>
        <translation>为“%s”添加代码</translation>
    </message>
    <message>
        <source>Tag passage with %s</source>
        <translation>用 %s 为片段编码</translation>
    </message>
    <message>
        <source>Add tag %s</source>
        <translation>添加代码 %s</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>编辑备注</translation>
    </message>
    <message>
        <source>Delete annotation</source>
        <translation>删除标注</translation>
    </message>
    <message>
        <source>Re-attach annotation</source>
        <translation>重新锚定标注</translation>
    </message>
    <message>
        <source>Set reading state</source>
        <translation>设置阅读状态</translation>
    </message>
    <message>
        <source>Rename tag</source>
        <translation>重命名代码</translation>
    </message>
    <message numerus="yes">
        <source>Rename “%s” to “%s”? %n annotation(s) carry this tag.</source>
        <translation>
            <numerusform>把“%s”重命名为“%s”？有 %n 条标注带有这个代码。</numerusform>
        </translation>
    </message>
    <message>
        <source>Rename tag %s</source>
        <translation>重命名代码 %s</translation>
    </message>
    <message>
        <source>the top level</source>
        <translation>顶层</translation>
    </message>
    <message>
        <source>Move tag</source>
        <translation>移动代码</translation>
    </message>
    <message numerus="yes">
        <source>Move “%s” (with its children) under %s? %n annotation(s) are tagged with it or its children.</source>
        <translation>
            <numerusform>把“%s”（连同子代码）移到 %s 之下？有 %n 条标注带有它或它的子代码。</numerusform>
        </translation>
    </message>
    <message>
        <source>Move tag %s</source>
        <translation>移动代码 %s</translation>
    </message>
    <message>
        <source>Merge tags</source>
        <translation>合并代码</translation>
    </message>
    <message numerus="yes">
        <source>Merge “%s” into “%s”? %n annotation(s) will be re-tagged and “%s” removed.</source>
        <translation>
            <numerusform>把“%s”合并到“%s”？%n 条标注将改用新代码，“%s”将被删除。</numerusform>
        </translation>
    </message>
    <message>
        <source>Merge %s into %s</source>
        <translation>把 %s 合并到 %s</translation>
    </message>
    <message>
        <source>Delete tag</source>
        <translation>删除代码</translation>
    </message>
    <message numerus="yes">
        <source>Delete “%s”? It is removed from %n annotation(s); the annotations stay. Its children move up.</source>
        <translation>
            <numerusform>删除“%s”？它将从 %n 条标注中移除，标注本身保留；它的子代码上移一级。</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete tag %s</source>
        <translation>删除代码 %s</translation>
    </message>
    <message>
        <source>Edit tag</source>
        <translation>编辑代码</translation>
    </message>
    <message>
        <source>Choose an annotation first.</source>
        <translation>请先选择一条标注。</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Annotate</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>Edit article tags and note</source>
        <translation>编辑文章标签和备注</translation>
    </message>
</context>
</TS>
