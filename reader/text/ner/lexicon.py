"""The recogniser's dictionaries, compiled once into a compact cache file and loaded lazily.

Inputs: jieba's ``dict.txt`` (MIT, found through the installed ``jieba`` package without
importing it), the committed gazetteer under ``data/gazetteer/`` (see
``data/README-gazetteer.md``) and the project word lists under ``data/ner/``.  The compiled form
is a ``marshal`` file in the user cache directory (``$PIZHU_CACHE_DIR``, else
``$XDG_CACHE_HOME/pizhu``, else ``~/.cache/pizhu``), keyed by the sizes and modification times of
the inputs; when the cache cannot be written the lexicon is simply built in memory.

Word entries are packed integers so that the segmenter's dynamic programme works on ints:
``code = cost * TAG_SLOTS + tag`` where ``cost`` is ``round(-100 * log(freq / total))``;
prefixes of words that are not words themselves map to ``PREFIX``.
"""

from __future__ import annotations

import importlib.util
import marshal
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

CACHE_VERSION = 5  # of the lexicon's content (other caches' keys hold it: bump only for that)
TAG_SLOTS = 64
PREFIX = -1
DATA_DIR = Path(__file__).resolve().parents[3] / "data"
GAZETTEER_DIR = DATA_DIR / "gazetteer"
WORDS_DIR = DATA_DIR / "ner"

#: Part-of-speech tags known to the lexicon; the index is the tag id stored in a code.
TAGS: tuple[str, ...] = (
    "x", "n", "nr", "nrfg", "nrt", "ns", "nt", "nz", "j", "v", "vn", "a", "d", "m", "q", "t",
    "f", "p", "c", "u", "r", "s", "l", "i", "b", "z", "eng", "ng", "vg", "ag", "ad", "an", "e",
    "y", "o", "k", "h", "g", "zg", "tg", "mq", "vd", "uj", "ul", "uz", "ud", "ug", "uv", "df",
    "rr", "rz", "nrt2", "vq", "yg", "dg", "mg", "rg", "ns2", "org", "loc", "per", "title",
)
TAG_ID: dict[str, int] = {tag: i for i, tag in enumerate(TAGS)}

HOME_PROVINCE = "湖南省"  # the corpus is Hunan news: its county short forms are places
# jieba words rarer than this are dropped unless they are proper names (tags below).
MIN_FREQ = 4
_KEEP_RARE = ("nr", "ns", "nt", "nz", "j")
# Extra segmentation words of the project (data/ner/*.txt) get this frequency unless given.
PROJECT_FREQ = 3000


@dataclass
class Lexicon:
    """Everything the layers read: segmentation codes, division tree and word lists.

    ``divisions`` maps a division name or alias to the ids of the nodes it can name;
    ``parents[i]``/``levels[i]``/``names[i]`` describe node ``i`` (level 0 province .. 4 village).
    ``lists`` holds the project word lists by file stem (e.g. ``"stop-per"``); ``given_chars`` counts
    the characters seen at least twice in the given names of jieba's ``nr`` words.
    """

    codes: dict[str, int]
    unknown_cost: int
    max_word: int
    divisions: dict[str, list[int]]
    parents: list[int]
    levels: list[int]
    names: list[str]
    strong_surnames: frozenset[str]
    weak_surnames: frozenset[str]
    world: frozenset[str]
    lists: dict[str, frozenset[str]] = field(default_factory=dict)
    given_chars: dict[str, int] = field(default_factory=dict)
    _unions: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict, repr=False)
    #: Per-layer memo tables of pure functions of a word (and tag), filled on first use.
    memo: dict[str, dict] = field(default_factory=dict, repr=False)

    def tag(self, word: str) -> str:
        """Return the dictionary tag of ``word``, or ``""`` when it is not a word."""
        code = self.codes.get(word, PREFIX)
        return "" if code < 0 else TAGS[code % TAG_SLOTS]

    def cost(self, word: str) -> int:
        """Return the segmentation cost of ``word`` (``unknown_cost`` when not a word)."""
        code = self.codes.get(word, PREFIX)
        return self.unknown_cost if code < 0 else code // TAG_SLOTS

    def words(self, name: str) -> frozenset[str]:
        """Return the project word list ``data/ner/<name>.txt`` (empty when missing)."""
        return self.lists.get(name, frozenset())

    def union(self, *names: str) -> frozenset[str]:
        """Return the union of several project word lists (memoised)."""
        found = self._unions.get(names)
        if found is None:
            found = frozenset().union(*(self.words(n) for n in names))
            self._unions[names] = found
        return found


def _jieba_dict() -> Path:
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise RuntimeError("jieba is not installed")
    return Path(spec.origin).parent / "dict.txt"


def _inputs() -> list[Path]:
    files = [_jieba_dict(), Path(__file__)]
    files += sorted(GAZETTEER_DIR.glob("*.t*"))
    files += sorted(WORDS_DIR.glob("*.txt"))
    return files


def cache_dir() -> Path:
    """The folder of the compiled lexicon (and the inflated model): see the module docstring."""
    if os.environ.get("PIZHU_CACHE_DIR"):
        return Path(os.environ["PIZHU_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError):  # no home directory: use the temporary directory
            import tempfile

            base = tempfile.gettempdir()
    return Path(base) / "pizhu"


def _cache_key(files: list[Path]) -> str:
    parts = [str(CACHE_VERSION)]
    for path in files:
        st = path.stat()
        parts.append(f"{path.name}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


def _read_list(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _build() -> tuple:
    """Compile the inputs into the tuple that is cached (see :func:`load`)."""
    freq: dict[str, tuple[int, str]] = {}
    with open(_jieba_dict(), encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2:
                f, tag = int(parts[1]), parts[2] if len(parts) > 2 else "x"
                if f < MIN_FREQ and not tag.startswith(_KEEP_RARE):
                    continue  # rare common words: smaller cache, same routes in practice
                freq[parts[0]] = (f, tag)
    lists: dict[str, list[str]] = {}
    for path in sorted(WORDS_DIR.glob("*.txt")):
        lists[path.stem] = _read_list(path)
    # Project segmentation words: "word [freq] [tag]" per line.
    for entry in lists.get("orgs", []):
        freq[entry] = (max(freq.get(entry, (0, ""))[0], PROJECT_FREQ), "nt")
    for entry in lists.get("persons", []):
        freq[entry] = (max(freq.get(entry, (0, ""))[0], PROJECT_FREQ), "nr")
    for word in [w for w in freq if len(w) >= 4]:  # 邓小平理论 -> 邓小平 + 理论
        for k in range(2, len(word) - 1):
            if word[:k] in lists.get("persons", ()) and word[k:] in freq:
                del freq[word]
                break
    for entry in lists.get("places", []):
        freq[entry] = (max(freq.get(entry, (0, ""))[0], PROJECT_FREQ), "ns")
    for entry in lists.get("words", []):
        parts = entry.split()
        word = parts[0]
        f = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else PROJECT_FREQ
        tag = parts[-1] if len(parts) > 1 and not parts[-1].isdigit() else "n"
        freq[word] = (f, tag)
    # Gazetteer: division tree, names and aliases.
    divisions: dict[str, list[int]] = {}
    parents: list[int] = []
    levels: list[int] = []
    names: list[str] = []
    stack: list[int] = []
    province = ""
    for line in (GAZETTEER_DIR / "divisions.tsv").read_text(encoding="utf-8").splitlines():
        depth_s, name, alias = line.split("\t")
        depth = int(depth_s)
        if depth == 0:
            province = name
        del stack[depth:]
        node = len(names)
        parents.append(stack[-1] if stack else -1)
        levels.append(depth)
        names.append(name)
        stack.append(node)
        keys = [name, alias]
        if alias and depth <= 2 and name.endswith(("自治州", "自治县")):
            keys.append(alias + name[-1])  # 湘西土家族苗族自治州 is also 湘西州
            freq.setdefault(alias + name[-1], (800, "ns"))
        for key in keys:
            if key:
                divisions.setdefault(key, []).append(node)
        old = freq.get(name)
        if old is None or old[1] != "ns":
            freq[name] = (max(old[0] if old else 0, 800 if depth <= 2 else 300), "ns")
        if alias and depth <= 2:
            old = freq.get(alias)
            if old is None:
                freq[alias] = (800, "ns")
            elif depth <= 1 or old[1] in _NAME_TAGS or (
                province == HOME_PROVINCE and alias not in lists.get("stop-loc", ())
            ):  # jieba: 娄底/nr, 常德/nr, 怀化/v, 资兴/b
                freq[alias] = (old[0], "ns")
    for word, (f, tag) in list(freq.items()):  # jieba's 湖南建设/ns, 湖南投资/nz: 湖南 + 建设
        if tag not in _KEEP_COMPOUND and word not in divisions and len(word) >= 4:
            for k in (2, 3):
                head = divisions.get(word[:k])
                if head and any(levels[m] <= 1 for m in head) and word[k:] in freq:
                    del freq[word]
                    break
    for word in [w for w in freq if len(w) == 3 and w[2] == "人" and freq[w][1] not in _KEEP_COMPOUND]:
        head = divisions.get(word[:2])  # 长沙人 is 长沙 + 人: the place is seen (龙山人 -> 龙山)
        if head and any(levels[m] <= 2 for m in head):
            del freq[word]
    for node, name in enumerate(names):  # 长沙市区 is 长沙 + 市区, not 长 + 沙市区
        if levels[node] == 1 and name.endswith("市") and name + "区" not in divisions:
            old_f = freq.get(name + "区", (0, ""))[0]
            freq[name + "区"] = (max(old_f, PROJECT_FREQ), "ns")
    world = _read_list(GAZETTEER_DIR / "world.txt")
    _split_country_compounds(freq, set(world) | set(lists.get("places", [])), divisions)
    for name in world:
        if name not in freq:
            freq[name] = (1000, "ns")
    _split_title_compounds(freq, lists)
    strong: list[str] = []
    weak: list[str] = []
    surname_lines = _read_list(GAZETTEER_DIR / "surnames.tsv") + lists.get("surnames-extra", [])
    for line in surname_lines:
        surname, kind = line.split("\t")
        (strong if kind == "strong" else weak).append(surname)
    given = _given_name_chars(freq, set(strong) | set(weak))
    total = sum(f for f, _ in freq.values())
    codes: dict[str, int] = {}
    max_word = 0
    for word, (f, tag) in freq.items():
        cost = round(-100 * math.log(max(f, 1) / total))
        codes[word] = cost * TAG_SLOTS + TAG_ID.get(tag, 0)
        max_word = max(max_word, len(word))
    for word in list(codes):
        for k in range(1, len(word)):
            codes.setdefault(word[:k], PREFIX)
    unknown = round(-100 * math.log(1 / total))
    codes = _hot_first(codes)
    return (codes, unknown, max_word, divisions, parents, levels, names, strong, weak, world,
            lists, given)


def _hot_first(codes: dict[str, int]) -> dict[str, int]:
    """The same codes, frequent words and their prefixes first.

    The cached codes are loaded in this order, so the entries and key strings the segmenter
    looks up most sit together in memory: fewer cache misses per look-up.  Look-ups and every
    result are unchanged (nothing depends on the order of ``codes``).
    """
    hot: dict[str, int] = {}
    for word, code in codes.items():
        if code >= 0:
            cost = code // TAG_SLOTS
            for k in range(1, len(word) + 1):
                prefix = word[:k]
                if hot.get(prefix, cost + 1) > cost:
                    hot[prefix] = cost
    never = 1 << 30
    order = sorted(codes, key=lambda w: (hot.get(w, never), len(w)))
    return {word: codes[word] for word in order}


_NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "nz"})
# Words that start with a province or city name and are kept whole: organisations and names
# (中国银行/nt); every other such word is split so the place is seen (湖南投资 = 湖南 + 投资).
_KEEP_COMPOUND = frozenset({"nt", "nr", "nrt", "nrfg", "org", "title", "per"})
_HEAD_TITLES = frozenset("局长 厅长 部长 处长 科长 所长 院长 行长 社长 站长 队长 委员".split())


def _split_title_compounds(freq: dict[str, tuple[int, str]], lists: dict[str, list[str]]) -> None:
    """Drop jieba words that glue an organisation to a title (区委书记, 纪委书记, 党委书记).

    Without them the segmenter yields ``区委`` + ``书记``, so the ORG and the title are both seen.
    """
    titles = {t for t in lists.get("titles", []) if len(t) >= 2}
    heads = set(lists.get("org-standalone", [])) | set(lists.get("org-suffix", []))
    for word in [w for w in freq if len(w) >= 4]:
        if word[-2:] in _HEAD_TITLES and word[-2] in heads:  # 公安局长 = 公安局 + 长
            del freq[word]
            continue
        for k in range(2, len(word) - 1):
            if word[k:] in titles and (word[:k] in heads or word[k - 1] in heads):
                del freq[word]
                break


_GENERIC_AFTER_COUNTRY = frozenset("政府 当局 方面 公司 企业 人民 航天 政策 经济 社会".split())


def _split_country_compounds(
    freq: dict[str, tuple[int, str]], countries: set[str], divisions: dict[str, list[int]]
) -> None:
    """Drop jieba words made of a country and a word (中国政府, 中国画, 中华民族).

    The segmenter then yields the country as a token of its own, so it is tagged LOC.  Real
    organisation names that start with a country (中国银行/nt) are kept.
    """
    for word in [w for w, (_, tag) in freq.items() if len(w) >= 3 and w not in divisions]:
        tag = freq[word][1]
        for k in (2, 3, 4):
            rest = word[k:]
            if word[:k] in countries and rest and rest in freq and (
                tag != "nt" or rest in _GENERIC_AFTER_COUNTRY
            ):
                del freq[word]
                break


def _given_name_chars(freq: dict[str, tuple[int, str]], surnames: set[str]) -> dict[str, int]:
    """How often each character is a given-name character in jieba's three-character ``nr`` words.

    Only characters seen at least twice are kept.
    """
    counts: dict[str, int] = {}
    for word, (_, tag) in freq.items():
        if tag == "nr" and len(word) == 3 and word[0] in surnames:
            for ch in word[1:]:
                counts[ch] = counts.get(ch, 0) + 1
    return {ch: n for ch, n in counts.items() if n >= 2}


_PACK = 2048  # words per joined string of the packed codes


def _packed_codes(codes: dict[str, int]) -> tuple[list[str], bytes]:
    """``codes`` as they are cached: the words joined by newlines (no word holds one), 2,048 to a
    string, and the codes as 32-bit integers.  Loading them is a UTF-8 decode and a split per
    2,048 words, not a decode per word as for a marshalled dict: a quarter fewer instructions,
    and no more cache misses (each piece's words go into the dict while they are fresh; one
    split of all of them would touch every word again, cold, to insert it and to free the list)."""
    import array

    if any("\n" in word for word in codes):
        raise ValueError("a word holds a newline")
    words = list(codes)
    return (["\n".join(words[k:k + _PACK]) for k in range(0, len(words), _PACK)],
            array.array("i", codes.values()).tobytes())


def _unpacked_codes(packed: tuple[list[str], bytes]) -> dict[str, int]:
    import array
    from itertools import islice

    pieces, raw = packed
    values = array.array("i")
    values.frombytes(raw)
    out: dict[str, int] = {}
    rest = iter(values)
    count = 0
    for piece in pieces:
        words = piece.split("\n")
        count += len(words)
        out.update(zip(words, islice(rest, len(words))))
    if count != len(values) or len(out) != count:
        raise ValueError("cached codes do not match their words")
    return out


def load() -> Lexicon:
    """Return the lexicon, from the cache when it is current, else built (and cached)."""
    files = _inputs()
    key = _cache_key(files)
    cache = cache_dir() / f"ner-lexicon-v{CACHE_VERSION}-packed.marshal"  # codes as _packed_codes
    data = None
    try:
        with open(cache, "rb") as fh:
            stored_key, payload = marshal.loads(fh.read())  # much faster than marshal.load
        if stored_key == key:
            data = (_unpacked_codes(payload[0]), *payload[1:])
    except (OSError, ValueError, EOFError, TypeError):
        data = None
    if data is None:
        data = _build()
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            with open(tmp, "wb") as fh:
                marshal.dump((key, (_packed_codes(data[0]), *data[1:])), fh)
            os.replace(tmp, cache)
        except (OSError, ValueError):
            pass
    (codes, unknown, max_word, divisions, parents, levels, names, strong, weak, world, lists,
     given) = data
    return Lexicon(
        codes=codes, unknown_cost=unknown, max_word=max_word, divisions=divisions,
        parents=parents, levels=levels, names=names, strong_surnames=frozenset(strong),
        weak_surnames=frozenset(weak), world=frozenset(world),
        lists={k: frozenset(v) for k, v in lists.items()},
        given_chars=given,
    )
