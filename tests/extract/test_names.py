"""Names within a document: a short mention is the full name given earlier, titles and
honorifics are not part of a name, a surname two people share stays as written.

Sentences are written for these tests; none is copied from an article."""

from analysis.extract import names


def test_a_surname_is_the_full_name_given_earlier():
    text = "Defense Secretary Jane Roe spoke first. Later Roe said more, and Ms. Roe left."
    assert names.full_name("Roe", text) == "Jane Roe"
    assert names.full_name("Ms. Roe", text) == "Jane Roe"
    assert names.is_known("Roe", text) and not names.is_known("Doe", text)


def test_titles_and_openers_are_not_part_of_a_name():
    assert names.strip_titles("Defence Secretary Jane Roe") == "Jane Roe"
    assert names.strip_titles("Brig. Gen. Jane Roe") == "Jane Roe"
    assert names.strip_titles("Mr Roe") == "Roe"
    text = "Later Secretary Jane Roe said it. The Pentagon agreed."
    assert names.registry(text).get("Roe") == "Jane Roe"


def test_a_surname_two_people_share_stays_as_written():
    text = "Jane Roe and Mark Roe both spoke. Roe said nothing else."
    assert names.full_name("Roe", text) == "Roe"


def test_places_are_not_names():
    assert "Arabia" not in names.registry("Officials in Saudi Arabia said so.")


def test_a_possessive_ends_a_name_and_an_office_is_not_part_of_it():
    text = "Secretary of State Jane Roe's envoy, John Doe, spoke first."
    assert names.registry(text) == {"Roe": "Jane Roe", "Doe": "John Doe"}
