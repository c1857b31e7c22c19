"""Reading a job title as a seniority and departments, by table lookups over its words."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping

import attrs

from icpspec.diagnostics import IcpspecError, escape

from ._tables import SENIORITIES, TableEntry, shipped_entries, tokens

__all__ = ["TitleInfo", "TitleMatch", "TitleNormalizer", "default_normalizer", "normalize_title"]

# Highest first, except below ``senior``: an intern is an intern whatever role the
# title names (an apprentice developer), and an explicit entry-level word (junior,
# assistant, trainee) beats a role noun that only names the job (a junior developer),
# which is ``professional``.
_RANK = {s: i for i, s in enumerate(SENIORITIES)}
_RANK.update(intern=_RANK["senior"] + 1, entry=_RANK["senior"] + 2, professional=_RANK["senior"] + 3)
_BOSSES = frozenset({"owner", "c_level", "vp"})
#: Longest title read, in characters; the rest is ignored (titles are short; this bounds the work).
MAX_TITLE_LENGTH = 300
#: Shortest right-hand part of a compound split off a word that is not itself known.
_MIN_HEAD = 4


@attrs.frozen
class TitleMatch:
    """One table entry that a title's words matched, and the words it matched."""

    text: str
    entry: TableEntry

    def to_dict(self) -> dict[str, object]:
        """A JSON-compatible mapping."""
        e = self.entry
        return {
            "text": self.text,
            "phrase": e.phrase,
            "seniority": e.seniority,
            "department": e.department,
            "role": e.role,
            "source": e.source,
            "decisive": e.decisive,
        }


@attrs.frozen
class TitleInfo:
    """What a job title says about the person: seniority, departments, and why.

    ``seniority`` is the highest level any matched phrase names, ``None`` when
    the title gives no signal; ``departments`` every department named, the
    primary one (``department``) first; ``matched`` the table entries that
    matched, in title order; ``decided_by`` the decisive entry (a spec's own
    title row) that decided the reading over the highest-level rule, if any.
    """

    title: str
    seniority: str | None
    department: str | None
    departments: tuple[str, ...]
    matched: tuple[TitleMatch, ...]
    decided_by: TitleMatch | None = None

    def to_dict(self) -> dict[str, object]:
        """A JSON-compatible mapping."""
        return {
            "title": self.title,
            "seniority": self.seniority,
            "department": self.department,
            "departments": list(self.departments),
            "matched": [m.to_dict() for m in self.matched],
            "decided_by": None if self.decided_by is None else self.decided_by.to_dict(),
        }


def _merge(entries: Iterable[TableEntry], *, override: bool) -> dict[str, TableEntry]:
    table: dict[str, TableEntry] = {}
    for e in entries:
        old = table.get(e.key)
        if old is not None and not override:
            raise IcpspecError(
                f"{e.source}: {escape(e.phrase)!r} is already in the tables at {old.source}"
                " (one entry per phrase)"
            )
        table[e.key] = e
    return table


class TitleNormalizer:
    """Job titles read against a set of tables, with a cache for repeated titles.

    >>> n = TitleNormalizer()
    >>> info = n.normalize("Leiterin Einkauf (m/w/d)")
    >>> info.seniority, info.department
    ('head', 'purchasing')

    ``TitleNormalizer(extra=entries)`` adds to the shipped tables (an extra
    entry replaces a shipped one with the same phrase); ``shipped=False``
    leaves the shipped tables out altogether.
    """

    __slots__ = (
        "_analyse_cached",
        "_cache_size",
        "_endings",
        "_first",
        "_known",
        "_matches",
        "_normalize_cached",
        "_pairs",
        "_reads",
        "entries",
    )

    def __init__(
        self,
        extra: Iterable[TableEntry] = (),
        *,
        shipped: bool = True,
        cache_size: int = 65536,
    ) -> None:
        base = _merge(shipped_entries(), override=False) if shipped else {}
        base.update(_merge(extra, override=False))
        #: Every entry, by normalised phrase.
        self.entries: Mapping[str, TableEntry] = base
        # For each first word, the longest phrase starting with it (in words).
        first: dict[str, int] = {}
        for key in base:
            words = key.split(" ")
            first[words[0]] = max(first.get(words[0], 1), len(words))
        self._first = first
        # The first two words of every longer phrase: most words start none.
        self._pairs = frozenset(tuple(key.split(" ")[:2]) for key in base if " " in key)
        # Matches are immutable: one object per entry, shared by every title that matches it.
        self._matches = {key: TitleMatch(key, e) for key, e in base.items()}
        # The last three letters of every word a compound can end in, in every
        # spelling _lookup tries (Leiterin, Leiterinnen, Angestellte).
        endings: set[str] = set()
        for key in base:
            if " " not in key and len(key) >= _MIN_HEAD:
                endings.update((key[-3:], (key + "in")[-3:], (key + "innen")[-3:]))
                if key.endswith("er"):
                    endings.add(key[-4:-1])
        self._endings = frozenset(endings)
        self._known = frozenset(w for key in base for w in key.split(" "))
        self._analyse_cached = functools.lru_cache(maxsize=cache_size)(self._analyse)
        self._normalize_cached = functools.lru_cache(maxsize=cache_size)(self._normalize)
        self._reads: dict[tuple[str, ...], tuple[tuple[TitleMatch, ...], _Summary]] = {}
        self._cache_size = cache_size

    def extended(self, extra: Iterable[TableEntry]) -> TitleNormalizer:
        """A normaliser with these entries added to this one's (same phrase: the new entry wins)."""
        merged = dict(self.entries)
        merged.update(_merge(extra, override=False))
        return TitleNormalizer(merged.values(), shipped=False)

    def normalize(self, title: object) -> TitleInfo:
        """Read one title. Non-text and empty titles give no signal (all ``None``)."""
        if not isinstance(title, str):
            return TitleInfo("", None, None, (), ())
        return self._normalize_cached(title[:MAX_TITLE_LENGTH])

    def _canon(self, word: str) -> str:
        """The spelling of ``word`` the tables know (Leiterin -> leiter), or the word itself."""
        if word in self._known:
            return word
        for variant in _variants(word):
            if variant in self._known:
                return variant
        return word

    def _word(self, word: str) -> tuple[TableEntry, ...]:
        """The entries an unknown word stands for as a compound (its spellings were tried already)."""
        entries = self.entries
        # A compound: the longest known right-hand part (the head noun), and what
        # the left part is (itself, without a linking -s, or split once more).
        # Most unknown words (names, employers) end in no known word: skip them fast.
        if word[-3:] not in self._endings:
            return ()
        n = len(word)
        for i in range(2, n - _MIN_HEAD + 1):
            head = _lookup(entries, word[i:])
            if head is None:
                continue
            left = word[:i].rstrip("-")
            found = _lookup(entries, left)
            if found is None and left.endswith("s"):
                found = _lookup(entries, left[:-1])
            if found is not None:
                return (found, head)
            for j in range(2, len(left) - 3):
                b = _lookup(entries, left[j:])
                if b is None and left.endswith("s"):
                    b = _lookup(entries, left[j:-1])
                if b is not None:
                    a = _lookup(entries, left[:j])
                    return (a, b, head) if a is not None else (b, head)
            if n - i >= 6:
                return (head,)
        return ()

    def _analyse(self, word: str) -> tuple[str, int, tuple[TitleMatch, ...]]:
        """A word's known spelling, the longest phrase it starts (in words), and what it matches."""
        canon = self._canon(word)
        e = self.entries.get(canon)
        if e is not None:
            own: tuple[TitleMatch, ...] = (self._matches[canon],)
        elif len(canon) > 3 and canon not in self._first:
            own = tuple(TitleMatch(canon, p) for p in self._word(canon))
        else:
            own = ()
        return canon, self._first.get(canon, 1), own

    def _normalize(self, title: str) -> TitleInfo:
        if "|" in title:
            # A headline ("Founder @ Acme | Building the future of X | Investor"): the
            # first part that says anything is the job; the rest is tagline and history.
            for part in title.split("|"):
                matched, summary = self._read(part)
                if matched:
                    return TitleInfo(title, *summary[:3], matched, summary[3])
            return TitleInfo(title, None, None, (), ())
        matched, summary = self._read(title)
        return TitleInfo(title, *summary[:3], matched, summary[3])

    def _read(self, text: str) -> tuple[tuple[TitleMatch, ...], _Summary]:
        """What ``text`` matches and says, cached by its words (unknown ones all alike)."""
        analysed = [self._analyse_cached(w) for w in tokens(text)]
        known = self._known
        # Words no table knows and that are no compound ("Acme", "EMEA") only keep
        # their neighbours apart: titles differing in such words read the same.
        key = tuple(a[0] if a[2] or a[0] in known else "" for a in analysed)
        hit = self._reads.get(key)
        if hit is None:
            matched = tuple(self._scan(analysed))
            hit = (matched, _summary(matched))
            if self._cache_size:
                if len(self._reads) >= self._cache_size:
                    self._reads.clear()
                self._reads[key] = hit
        return hit

    def _scan(self, analysed: list[tuple[str, int, tuple[TitleMatch, ...]]]) -> list[TitleMatch]:
        words = [a[0] for a in analysed]
        get = self._matches.get
        matched: list[TitleMatch] = []
        i, n = 0, len(words)
        pairs = self._pairs
        while i < n:
            w, longest, own = analysed[i]
            if longest > 1 and i + 1 < n and (w, words[i + 1]) in pairs:
                size = min(longest, n - i)
                while size > 1:
                    m = get(" ".join(words[i : i + size]))
                    if m is not None:
                        break
                    size -= 1
                if size > 1 and m is not None:
                    matched.append(m)
                    i += size
                    if m.entry.stop:
                        break
                    continue
            i += 1
            if own:
                matched.extend(own)
                if any(m.entry.stop for m in own):
                    break
        return matched


_Summary = tuple[str | None, str | None, tuple[str, ...], TitleMatch | None]


def _summary(matched: tuple[TitleMatch, ...]) -> _Summary:
    """Seniority, primary department, departments and the deciding entry of a title's matches."""
    seniority: str | None = None
    junior = False
    strong: list[str] = []
    weak: list[str] = []
    head_noun: str | None = None
    assisting = False
    for m in matched:
        e = m.entry
        if assisting and e.seniority in _BOSSES:
            # "Assistenz Geschäftsführung", "EA CEO": the rest names the boss.
            break
        assisting = assisting or (e.role and e.department == "administrative")
        if e.seniority is not None and (seniority is None or _RANK[e.seniority] < _RANK[seniority]):
            seniority = e.seniority
        junior = junior or e.junior
        d = e.department
        if d is None:
            continue
        if e.role:
            if d not in weak:
                weak.append(d)
            continue
        if d not in strong:
            strong.append(d)
        if head_noun is None and e.seniority is not None:
            # A phrase naming both a level and a function ("project manager",
            # "Einkäufer") is the job itself; other words only say where it is done.
            head_noun = d
    if head_noun is not None:
        strong.remove(head_noun)
        strong.insert(0, head_noun)
    departments = tuple(strong) if strong else tuple(weak[:1])
    # The first row of the spec's own that says something decides, whatever else the
    # title names: its level over the highest one, its department first.
    decided = next((m for m in matched if m.entry.decisive and _says(m.entry)), None)
    if decided is not None and not any(m is not decided and _says(m.entry) for m in matched):
        decided = None  # nothing else to decide over: the row is simply what the title says
    if decided is not None:
        e = decided.entry
        if e.seniority is not None:
            seniority = e.seniority
        if e.department is not None:
            departments = (e.department, *(d for d in departments if d != e.department))
    if junior and seniority in ("manager", "professional"):
        seniority = "entry"
    if not departments and seniority is not None:
        departments = ("executive",) if seniority in ("owner", "c_level") else ("other",)
    if departments and seniority is None:
        # A title that names a function and no level is an individual contributor's.
        seniority = "professional"
    return seniority, departments[0] if departments else None, departments, decided


def _says(entry: TableEntry) -> bool:
    return entry.seniority is not None or entry.department is not None


def _variants(word: str) -> Iterable[str]:
    """Spellings of a word to try: German feminine endings, umlauts written as ae/oe/ue."""
    if word.endswith("innen") and len(word) > 7:
        yield word[:-5]
    if word.endswith("in") and len(word) > 5:
        yield word[:-2]
    if word.endswith("e") and len(word) > 5:
        yield word + "r"  # Angestellte -> angestellter
    if "ae" in word or "oe" in word or "ue" in word:
        plain = word.replace("ae", "a").replace("oe", "o").replace("ue", "u")
        yield plain
        if plain.endswith("in") and len(plain) > 5:
            yield plain[:-2]


def _lookup(entries: Mapping[str, TableEntry], word: str) -> TableEntry | None:
    if len(word) < 2:
        return None
    e = entries.get(word)
    if e is None:
        for variant in _variants(word):
            e = entries.get(variant)
            if e is not None:
                break
    return e


@functools.cache
def default_normalizer() -> TitleNormalizer:
    """The normaliser over the shipped tables, built on first use."""
    return TitleNormalizer()


def normalize_title(title: str) -> TitleInfo:
    """Read a job title as seniority and department, with the shipped tables.

    >>> info = normalize_title("Sr. VP, Sales & Marketing")
    >>> info.seniority, info.department, info.departments
    ('vp', 'sales', ('sales', 'marketing'))
    """
    return default_normalizer().normalize(title)
