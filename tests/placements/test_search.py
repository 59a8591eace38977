"""#9: the one pupil search behind the pupil list, the propose form and the overview."""

import pytest

from placements.models import Placement, Student
from placements.selectors.search import pupil_words_q
from tests.factories import PlacementFactory, StudentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pupils(school_a):
    return {
        "emma": StudentFactory(
            school=school_a,
            given_name="Emma",
            surname_prefix="van der",
            surname="Berg",
            class_name="3B",
            student_number="240101",
        ),
        "ruben": StudentFactory(
            school=school_a,
            given_name="Ruben",
            surname="Visser",
            class_name="2K",
            student_number="240102",
        ),
    }


def _found(**search):
    return sorted(s.given_name for s in Student.objects.filter(pupil_words_q(**search)))


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["Emma", "Berg"], ["Emma"]),
        (["berg", "EMMA"], ["Emma"]),  # any order, any case
        (["van", "der", "berg"], ["Emma"]),  # the prefix is part of the name
        (["3b"], ["Emma"]),
        (["240102"], ["Ruben"]),
        (["2401"], []),  # a student number is matched whole...
        (["Emma", "2K"], []),  # ...and every word must match
        (["nobody"], []),
        ([], ["Emma", "Ruben"]),
    ],
)
def test_every_word_must_match_the_pupil(pupils, words, expected):
    assert _found(words=words) == expected


def test_a_part_of_the_number_matches_where_asked_for(pupils):
    assert _found(words=["2401"], partial_number=True) == ["Emma", "Ruben"]
    assert _found(words=["0102"], partial_number=True) == ["Ruben"]


def test_placements_are_searched_through_their_pupil_and_also_their_company(pupils, company_a):
    emma = PlacementFactory(student=pupils["emma"], company=company_a)
    ruben = PlacementFactory(student=pupils["ruben"])

    def found(words):
        condition = pupil_words_q(words, via="student", also=("company__name__icontains",))
        return sorted(Placement.objects.filter(condition).values_list("pk", flat=True))

    assert found(["240101"]) == [emma.pk]
    assert found(["visser"]) == [ruben.pk]
    assert found([company_a.name.upper(), "emma"]) == [emma.pk]
    assert found(["240101", "visser"]) == []
