"""Never store worse text: garbled text is recognised, and a worse re-fetch is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import shared_path
from crawler.quality import garbled_reason, worse_text_reason

FIXTURES = Path(__file__).parent / "fixtures"

KK = ("Облыс әкімдігінің мәліметінше, биыл ауданда жаңа мектеп салынып, оған 600 оқушы қабылданады. "
      "Құрылыс жұмыстары жоспар бойынша жүріп жатыр, мердігер нысанды қыркүйекке дейін тапсыруға уәде берді. "
      "Һәр сыныпта интерактивті тақта орнатылады, ал ұстаздарға жатақханадан пәтер бөлінеді.")
KK_LATN = ("Oblys äkımdıgınıñ mälımetınşe, biyl audanda jaña mektep salynyp, oğan 600 oquşy qabyldanady. "
           "Qūrylys jūmystary josparğa säikes jürıp jatyr.")
RU = ("ПЕТРОПАВЛОВСК. КАЗИНФОРМ – Бройлерную птицефабрику и молочно-товарную ферму на три тысячи голов "
      "намерены построить в Северо-Казахстанской области, сообщает корреспондент «Казинформа». "
      "По словам акима района, проект обеспечит регион мясом птицы и создаст 120 рабочих мест.")
DE = "Die Aufregung nach dem Aufmarsch von Islamisten in Hamburg bleibt groß; die Behörden prüfen ein Verbot."

CLEAN = [KK, KK_LATN, RU, DE, "Жаңа мектеп ашылды", "«ЖКТ» туралы", "Қонаев қаласында", ""]


def fixture_texts():
    for path in sorted(FIXTURES.rglob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(truth, dict) and "body_paragraphs" in truth:
            yield path.name, truth.get("title") or "", "\n".join(truth["body_paragraphs"])


@pytest.mark.parametrize("text", CLEAN)
def test_real_passages_are_clean(text):
    assert garbled_reason(text) is None


def test_every_fixture_article_is_clean():
    texts = list(fixture_texts())
    assert len(texts) >= 20
    for name, title, body in texts:
        assert garbled_reason(title) is None, name
        assert garbled_reason(body) is None, name


def test_every_corpus_truth_text_is_clean():
    """The hand-written truth of ../shared/corpus (titles, first and last body lines; kk, ru and
    foreign pages). The thresholds were calibrated on the extracted text of all 1,752 article pages
    under ../shared/corpus and tests/ (0 flagged), too slow to extract here."""
    truth = json.loads(shared_path("corpus", "truth.json").read_text(encoding="utf-8"))
    for page in truth:
        for key in ("title", "body_first", "body_last"):
            assert garbled_reason(page.get(key)) is None, (page["file"], key)


WRONG_CODEC = [
    # what the bytes were, what they were read as
    ("utf-8", "cp1251"),        # "Р°" / "СЃ"
    ("utf-8", "cp1252"),        # "Ð°" / "Ã©"
    ("utf-8", "latin-1"),
    ("cp1251", "utf-8"),        # replacement characters
    ("cp1251", "cp1252"),       # "Æèòåëè"
    ("koi8_r", "cp1251"),       # "жИТЕЛИ"
    ("cp1251", "koi8_r"),
    ("kz1048", "utf-8"),
]


# Kazakh letters do not exist in cp1251 or KOI8-R: those pairs are left out, not skipped.
@pytest.mark.parametrize("passage, written, read", [
    pytest.param(text, written, read, id=f"{lang}-{written}-as-{read}")
    for lang, text in (("kk", KK), ("ru", RU)) for written, read in WRONG_CODEC
    if not (lang == "kk" and written in ("cp1251", "koi8_r"))])
def test_passages_through_the_wrong_codec_are_garbled(passage, written, read):
    garbled = passage.encode(written, "replace").decode(read, "replace")
    assert garbled != passage
    assert garbled_reason(garbled) is not None


def test_utf8_latin_read_as_latin1_is_garbled():
    assert garbled_reason(DE.encode().decode("cp1252")) is not None
    assert garbled_reason(KK_LATN.encode().decode("cp1252")) is not None


def test_a_few_replacement_characters_in_a_long_text_are_not_garbled():
    text = (RU + " ") * 10
    assert garbled_reason(text.replace("птицы", "пт\ufffdцы", 2)) is None
    assert garbled_reason("\ufffd\ufffd\ufffd" + RU[:100]) is not None


LONG = (RU + "\n\n") * 4                      # ~1,300 characters: substantial
WORSE = [
    # new_title, new_body, old_title, old_body, reason expected (a substring), or None
    ("Жаңа мектеп", LONG, "Жаңа мектеп", LONG, None),
    ("Жаңа мектеп", LONG + RU, "Жаңа мектеп", LONG, None),                 # an update adds text
    ("Жаңа мектеп", LONG[: int(len(LONG) * 0.6)], "Жаңа мектеп", LONG, None),   # trimmed by an edit
    ("Жаңа мектеп", RU, "Жаңа мектеп", LONG, "characters where"),          # cut to a quarter
    ("Жаңа мектеп", "", "Жаңа мектеп", LONG, "empty"),
    ("", LONG, "Жаңа мектеп", LONG, "title is empty"),
    ("Жаңа мектеп", LONG.encode().decode("cp1251", "replace"), "Жаңа мектеп", LONG, "garbled"),
    ("Р–Р°ТЈР° РјРµРєС‚РµРї", LONG, "Жаңа мектеп", LONG, "title is garbled"),
    ("Жаңа мектеп", LONG.replace("птицы", "пт\ufffdцы", 1), "Жаңа мектеп", LONG, "replacement"),
    # A brief (under 500 characters) may be halved by an edit.
    ("Жаңа мектеп", RU[:100], "Жаңа мектеп", RU[:300], None),
    # Nothing stored yet, or the stored text was itself garbled: the new one may replace it.
    ("Жаңа мектеп", LONG, None, None, None),
    ("Жаңа мектеп", LONG, "Жаңа мектеп", LONG.encode().decode("cp1251", "replace"), None),
]


@pytest.mark.parametrize("new_title, new_body, old_title, old_body, expected", WORSE)
def test_worse_text_reason(new_title, new_body, old_title, old_body, expected):
    reason = worse_text_reason(new_title, new_body, old_title, old_body)
    if expected is None:
        assert reason is None
    else:
        assert reason is not None and expected in reason, reason
