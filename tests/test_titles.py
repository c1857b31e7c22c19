"""The job-title normaliser: its tables, its rules, and its packaging."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from icpspec.diagnostics import IcpspecError
from icpspec.model import Department, Seniority
from icpspec.titles import (
    DEPARTMENTS,
    SENIORITIES,
    TitleNormalizer,
    fold,
    normalize_title,
    parse_table,
    read_table,
)
from icpspec.titles._tables import shipped_entries

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "data" / "titles_labelled.txt"


def test_vocabularies_are_the_models() -> None:
    assert tuple(s.value for s in Seniority) == SENIORITIES
    assert tuple(d.value for d in Department) == DEPARTMENTS


def test_every_shipped_entry_is_reachable_from_its_own_phrase() -> None:
    unreachable = []
    for entry in shipped_entries():
        info = normalize_title(entry.phrase)
        if not any(m.entry == entry for m in info.matched):
            unreachable.append(
                f"{entry.source}: {entry.phrase!r} -> {[m.entry.source for m in info.matched]}"
            )
    assert unreachable == []


def test_no_two_shipped_entries_share_a_phrase() -> None:
    seen: dict[str, str] = {}
    clashes = []
    for entry in shipped_entries():
        if entry.key in seen:
            clashes.append(f"{entry.source} repeats {seen[entry.key]} ({entry.key!r})")
        seen[entry.key] = entry.source
    assert clashes == []
    # Every language is there.
    assert {e.source.split(":")[0] for e in shipped_entries()} >= {"en.tsv", "de.tsv", "fr.tsv", "es.tsv"}


def test_a_contradiction_is_refused_naming_both_lines() -> None:
    entries = list(parse_table("Leiter | head | -\nleiter | manager | -\n", "mine.tsv"))
    with pytest.raises(IcpspecError, match=r"mine\.tsv:2: 'leiter' is already in the tables at mine\.tsv:1"):
        TitleNormalizer(entries)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("just a phrase", "expected 'phrase | seniority | department"),
        ("ceo | king | executive", "unknown seniority 'king'"),
        ("ceo | c_level | royalty", "unknown department 'royalty'"),
        ("ceo | c_level | executive | shiny", "unknown flag 'shiny'"),
        ("--- | c_level | executive", "has no words"),
    ],
)
def test_bad_table_lines_name_file_and_line(line: str, message: str) -> None:
    with pytest.raises(IcpspecError, match=rf"^t\.tsv:2: .*{message}"):
        list(parse_table(f"# a comment\n{line}\n", "t.tsv"))


@pytest.mark.parametrize(
    ("title", "seniority", "departments"),
    [
        ("Sr. VP, Sales & Marketing", "vp", ("sales", "marketing")),
        ("Head of RevOps", "head", ("operations",)),
        ("CEO & Co-Founder", "owner", ("executive",)),
        ("Co-Founder & CTO", "owner", ("engineering",)),
        ("Geschäftsführer", "c_level", ("executive",)),
        ("GESCHAEFTSFUEHRERIN", "c_level", ("executive",)),
        ("Vorstand Finanzen", "c_level", ("finance",)),
        ("Leiterin Einkauf", "head", ("purchasing",)),
        ("Einkaufsleiterin", "head", ("purchasing",)),
        ("Vertriebsleiter*in", "head", ("sales",)),
        ("Marketingmanager", "manager", ("marketing",)),
        ("Responsable marketing digital", "manager", ("marketing",)),
        ("Directora de Recursos Humanos", "director", ("human_resources",)),
        ("IT-Projektleiter (m/w/d)", "manager", ("project_management", "information_technology")),
        ("Executive Assistant to the CEO", "entry", ("administrative",)),
        ("Assistentin der Geschäftsführung", "entry", ("administrative",)),
        ("Account Executive", "professional", ("sales",)),
        ("Apprenti développeur", "intern", ("engineering",)),
        ("Associate Product Manager", "entry", ("product",)),
        ("Senior Associate", "senior", ("other",)),
        ("Chargé(e) de communication (H/F)", "professional", ("marketing",)),
        ("SWE @ Data Corp", "professional", ("engineering",)),
        ("S.V.P., Mktg", "vp", ("marketing",)),
        ("Founder @ Acme | Building the future of analytics | Investor", "owner", ("executive",)),
        ("Ninja", None, ()),
        ("", None, ()),
    ],
)
def test_titles(title: str, seniority: str | None, departments: tuple[str, ...]) -> None:
    info = normalize_title(title)
    assert (info.seniority, info.departments) == (seniority, departments)
    assert info.department == (departments[0] if departments else None)


def test_what_matched_is_shown_with_its_source_line() -> None:
    info = normalize_title("Vertriebsleiterin")
    assert [(m.text, m.entry.phrase) for m in info.matched] == [
        ("vertriebsleiterin", "vertriebs"),
        ("vertriebsleiterin", "leiter"),
    ]
    assert info.matched[1].entry.source.startswith("de.tsv:")
    assert info.to_dict()["matched"][1]["seniority"] == "head"


def test_fold_drops_case_accents_and_gender_marks() -> None:
    assert fold("Directrice Générale (h/f)").split() == ["directrice", "generale"]
    assert fold("Leiter/-in Einkauf (m/w/d)").split() == ["leiter", "einkauf"]
    assert fold("Director/a R&D").split() == ["director", "rnd"]


def test_user_tables_extend_and_override(tmp_path: Path) -> None:
    path = tmp_path / "ours.tsv"
    path.write_text("# our words\nrevenue architect | senior | sales\naccount executive | senior | sales\n")
    n = TitleNormalizer(read_table(path))
    assert n.normalize("Revenue Architect").seniority == "senior"
    assert n.normalize("Account Executive").seniority == "senior"
    assert normalize_title("Account Executive").seniority == "professional"  # the default is untouched
    again = TitleNormalizer().extended(read_table(path))
    assert again.normalize("Account Executive").seniority == "senior"


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"\xff\xfe bad", "not UTF-8"), (b"x" * 1_000_001, "larger than")],
)
def test_unreadable_user_tables_are_clear_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "t.tsv"
    path.write_bytes(content)
    with pytest.raises(IcpspecError, match=message):
        read_table(path)
    with pytest.raises(IcpspecError, match="cannot read"):
        read_table(tmp_path / "missing.tsv")


@given(st.text(max_size=400))
def test_any_text_gives_an_answer_from_the_vocabularies(title: str) -> None:
    info = normalize_title(title)
    assert info.seniority is None or info.seniority in SENIORITIES
    assert set(info.departments) <= set(DEPARTMENTS)
    assert (info.department is None) == (not info.departments)
    assert (info.seniority is None) == (info.department is None)


_UNCACHED = TitleNormalizer(cache_size=0)
_WORDS = [
    "Senior",
    "Leiterin",
    "Vertrieb",
    "Sales",
    "Acme",
    "EMEA",
    "of",
    "Head",
    "Vice",
    "President",
    "|",
    "@",
]


@given(st.lists(st.sampled_from(_WORDS), max_size=7))
def test_cached_reads_equal_uncached_ones(words: list[str]) -> None:
    # The caches key titles by their known words; a title must read the same either way.
    title = " ".join(words)
    warm = normalize_title(title)
    cold = _UNCACHED.normalize(title)
    assert (warm.seniority, warm.departments, warm.matched) == (
        cold.seniority,
        cold.departments,
        cold.matched,
    )


def test_unknown_words_do_not_change_the_reading() -> None:
    for title in ["Head of Sales", "Vertriebsleiterin", "Responsable marketing digital"]:
        a, b = normalize_title(title), normalize_title(f"{title} Zyxwvut Qqq")
        assert (a.seniority, a.departments) == (b.seniority, b.departments)


def test_non_text_gives_no_signal() -> None:
    assert normalize_title(None).seniority is None  # type: ignore[arg-type]


def test_the_labelled_set_is_large_and_scores_well() -> None:
    # The accuracy script's own figures; a floor that catches a broken table, not a target.
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import bench_titles_accuracy as bench
    finally:
        sys.path.pop(0)
    rows = bench.read_labelled(LABELLED)
    langs = {r[0] for r in rows}
    assert len(rows) >= 600
    assert langs == {"en", "de", "fr", "es", "mixed"}
    results = bench.evaluate(rows)
    assert results["all"]["seniority_accuracy"] > 0.9
    assert results["all"]["department_accuracy"] > 0.9
    assert bench.macro_f1(["a", "b"], ["a", "a"]) == pytest.approx((2 / 3 + 0) / 2)


def test_import_icpspec_does_not_read_the_tables() -> None:
    code = (
        "import sys, icpspec\n"
        "icpspec.__all__\n"
        "print('icpspec.titles' in sys.modules, 'icpspec.titles._tables' in sys.modules)\n"
        "icpspec.normalize_title('CEO')\n"
        "print('icpspec.titles._tables' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False", "True"]


def test_the_tables_ship_in_the_wheel_and_load_from_it(tmp_path: Path) -> None:
    hatchling = pytest.importorskip("hatchling.builders.wheel")
    (wheel,) = hatchling.WheelBuilder(str(ROOT)).build(directory=str(tmp_path), versions=["standard"])
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    code = (
        f"import sys; sys.path.insert(0, {str(site)!r})\n"
        "import icpspec\n"
        "print(icpspec.__file__)\n"
        "print(icpspec.normalize_title('Einkaufsleiterin').department)\n"
    )
    out = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True, check=True)
    where, department = out.stdout.split()
    assert where.startswith(str(site))
    assert department == "purchasing"
