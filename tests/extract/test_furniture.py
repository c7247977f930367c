"""Page furniture: bylines, photo credits, time stamps, story codes and datelines are found
as spans and cut out of the text the claims analysis reads; nothing else is.

Sentences are written for these tests; none is copied from an article."""

import pytest

from analysis.extract import furniture


def cut(text):
    return [text[a:b] for a, b in furniture.spans(text)]


@pytest.mark.parametrize(
    "text, found",
    [
        ("By Jane Roe\nThe base was hit.", "By Jane Roe"),
        ("by John Doe and Jane Roe, Example Post\nThe base was hit.", "by John Doe and Jane Roe, Example Post"),
        ("- JANE ROE Amman\nThe base was hit.", "- JANE ROE Amman"),
        ("A convoy near the river (Photo by Spc. John Doe)", "(Photo by Spc. John Doe)"),
        ("A convoy near the river (Jane Roe/AFP)", "(Jane Roe/AFP)"),
        ("Posted at 10:32 AM EST\nThe base was hit.", "Posted at 10:32 AM EST"),
        ("Updated: 2024-01-05 14:00 GMT\nThe base was hit.", "Updated: 2024-01-05 14:00 GMT"),
        ("Story Code: 1234567\nThe base was hit.", "Story Code: 1234567"),
        ("AMMAN (Example News) – The base was hit.", "AMMAN (Example News) – "),
        ("MOSCOW, March 3 (Sputnik) - The base was hit.", "MOSCOW, March 3 (Sputnik) - "),
    ],
)
def test_furniture_is_found(text, found):
    assert cut(text) == [found]


@pytest.mark.parametrize(
    "text",
    [
        "Drone Attack Hits Base In Eastern Syria",  # a headline in title case
        "By Monday, the base had power again.",  # "By" opening a sentence
        "The convoy (three trucks) left at dawn.",  # a bracket that is no credit
        "Officials said the base was updated at 10:30 with new radars.",
    ],
)
def test_headlines_and_sentences_are_not_furniture(text):
    assert cut(text) == []


def test_outside_keeps_the_rest_trimmed():
    text = "The base was hit. (Photo by Jane Roe) Nobody was hurt."
    assert [text[a:b] for a, b in furniture.outside(text, 0, len(text), furniture.spans(text))] == [
        "The base was hit.",
        "Nobody was hurt.",
    ]
