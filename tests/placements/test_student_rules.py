import pytest
from django.core.exceptions import ValidationError

from placements.forms import StudentForm
from placements.models import Programme, SchoolRole, Student
from placements.services import student_save
from tests.factories import SchoolMembershipFactory, StudentFactory

pytestmark = pytest.mark.django_db


def student_data(school, teacher) -> dict:
    return {
        "school": school.pk,
        "given_name": "Sem",
        "surname_prefix": "de",
        "surname": "Jong",
        "programme": Programme.VMBO_B,
        "class_name": "2B",
        "year": 2,
        "teacher": teacher.pk,
    }


def test_student_form_with_teacher_of_the_school_is_valid(school_a, teacher_a):
    form = StudentForm(data=student_data(school_a, teacher_a))

    assert form.errors == {}


def test_student_form_with_teacher_of_another_school_reports_at_teacher(school_a, school_b):
    other_teacher = SchoolMembershipFactory(school=school_b, role=SchoolRole.TEACHER).user

    form = StudentForm(data=student_data(school_a, other_teacher))

    assert list(form.errors) == ["teacher"]
    assert Student.objects.count() == 0


def test_student_form_with_coordinator_as_teacher_is_refused(school_a, coordinator_a):
    form = StudentForm(data=student_data(school_a, coordinator_a))

    assert list(form.errors) == ["teacher"]


def test_student_save_refuses_teacher_of_another_school_and_saves_nothing(
    school_a, school_b, staff
):
    other_teacher = SchoolMembershipFactory(school=school_b, role=SchoolRole.TEACHER).user
    student = StudentFactory.build(school=school_a, teacher=other_teacher)

    with pytest.raises(ValidationError) as error:
        student_save(student, by=staff)

    assert list(error.value.error_dict) == ["teacher"]
    assert Student.objects.count() == 0


def test_student_save_without_teacher_saves(school_a, staff):
    student = StudentFactory.build(school=school_a, teacher=None)

    student_save(student, by=staff)

    assert Student.objects.get().school == school_a


def test_student_year_outside_one_to_six_is_refused(school_a, teacher_a):
    data = student_data(school_a, teacher_a) | {"year": 7}

    form = StudentForm(data=data)

    assert list(form.errors) == ["year"]
