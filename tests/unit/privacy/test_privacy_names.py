"""Person names in the hubs' languages, from the shipped name lists, measured per language."""

from __future__ import annotations

from pathlib import Path

import pytest

from fairshore.privacy.detection import PiiDetector
from fairshore.privacy.name_lists import forms, is_given_name, is_surname
from fairshore.privacy.names import PersonNameFinder
from fairshore.privacy.quality import load_corpus, recall_by_language

DATA = Path(__file__).resolve().parents[2] / "data" / "privacy"


def _names(text: str) -> list[str]:
    return [text[d.start : d.end] for d in PersonNameFinder().find(text)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mi supervisora María Fernández nos grita.", "María Fernández"),
        ("María Fernández me negó el permiso.", "María Fernández"),
        ("Kierownik Piotr Nowak krzyczy.", "Piotr Nowak"),  # "Kierownik Piotr" first
        ("Pracuję z Tomaszem Zającem od roku.", "Tomaszem Zającem"),  # instrumental case
        ("El coordinador Andrés Felipe Gómez cambia los turnos.", "Andrés Felipe Gómez"),
        ("Sharma ji roz der tak rokte hain.", "Sharma"),
        ("Bartek Sikora dostaje lepsze zmiany.", "Bartek Sikora"),
    ],
)
def test_names_in_the_hubs_languages(text: str, name: str) -> None:
    assert name in _names(text)


@pytest.mark.parametrize(
    "text",
    [
        "No hay aire acondicionado en la sede de Bogotá desde enero.",
        "Bank Pekao nie dostaje naszych pensji na czas, a Dział Kadr nie odpowiada.",
        "The Premium Support team at 468 Bonifacio Street works Easter Sunday.",
        "HDFC Bank mein salary time par nahi aati aur HR jawab nahi deta.",
    ],
)
def test_capitalised_words_that_are_not_names_are_left(text: str) -> None:
    assert _names(text) == []


def test_lookups_fold_case_diacritics_and_polish_case_endings() -> None:
    assert is_given_name("MARÍA") and is_given_name("Łukasz") and is_given_name("Dariusza")
    assert is_surname("Fernández") and is_surname("Witkowskiego") and is_surname("Wiśniewska")
    assert "witkowski" in forms("Witkowskiego") and forms("Zającem")[-1] == "zajac"
    assert not is_given_name("Bank") and not is_surname("Premium")


@pytest.mark.parametrize("corpus", ["voice_names.jsonl", "voice_names_held_out.jsonl"])
def test_name_recall_per_language_on_worker_voice_grievances(corpus: str) -> None:
    # The held-out file was written after the finder was tuned, and never tuned on.
    by_lang = {
        r.lang: r
        for r in recall_by_language(load_corpus(DATA / corpus), PiiDetector(), entity="PERSON")
    }
    assert set(by_lang) == {"en", "es", "hi", "pl"}
    for lang in ("es", "pl", "hi"):
        assert by_lang[lang].support >= 10
        assert (by_lang[lang].covered_recall or 0) >= 0.9, by_lang[lang]
    assert sum(r.false_alarms for r in by_lang.values()) <= 1


def test_a_capitalised_word_before_a_name_is_not_part_of_it() -> None:
    assert _names("Wczoraj Piotr Nowak krzyczał na nas.") == ["Piotr Nowak"]
    assert _names("Ayer María Fernández gritó.") == ["María Fernández"]
