"""The pupil fields a column can fill: recognising the columns by their names, and the
programme by its common spellings."""

import functools
import re
import unicodedata
from dataclasses import dataclass

from django.utils import translation
from django.utils.text import capfirst

from placements.models import Programme, Student


@dataclass(frozen=True)
class ImportField:
    """A pupil field a column can fill, with the column names that usually hold it."""

    name: str
    required: bool
    #: Column names in ``normalise_name`` form, the likeliest first.
    synonyms: tuple[str, ...]

    @property
    def label(self) -> str:
        return capfirst(Student._meta.get_field(self.name).verbose_name)

    @property
    def max_length(self) -> int | None:
        return Student._meta.get_field(self.name).max_length


IMPORT_FIELDS = (
    ImportField(
        "student_number",
        True,
        (
            "leerlingnummer",
            "leerlingnr",
            "llnr",
            "llnummer",
            "stamnummer",
            "stamnr",
            "studentnummer",
            "studentnr",
            "leerlingid",
            "studentnumber",
            "pupilnumber",
            "studentid",
            "nummer",
            "number",
        ),
    ),
    ImportField(
        "given_name",
        True,
        (
            "roepnaam",
            "voornaam",
            "givenname",
            "firstname",
            "voornamen",
        ),
    ),
    ImportField(
        "surname_prefix",
        False,
        (
            "tussenvoegsel",
            "tussenvoegsels",
            "tussenv",
            "voorvoegsel",
            "voorvoegsels",
            "voorv",
            "surnameprefix",
            "prefix",
        ),
    ),
    ImportField(
        "surname",
        True,
        (
            "achternaam",
            "geslachtsnaam",
            "familienaam",
            "surname",
            "lastname",
            "familyname",
        ),
    ),
    ImportField(
        "class_name",
        True,
        (
            "klas",
            "klasnaam",
            "klascode",
            "stamgroep",
            "stamklas",
            "basisgroep",
            "groep",
            "lesgroep",
            "class",
            "classname",
            "group",
        ),
    ),
    ImportField(
        "programme",
        True,
        (
            "opleiding",
            "leerweg",
            "niveau",
            "studie",
            "onderwijstype",
            "schooltype",
            "programme",
            "program",
            "track",
            "opleidingscode",
            # In vmbo a profile is often the sector (PIE, BWI): the last resort.
            "profiel",
        ),
    ),
    ImportField(
        "year",
        False,
        (
            "leerjaar",
            "jaarlaag",
            "jaar",
            "schoolyear",
            "year",
            "grade",
        ),
    ),
)
FIELDS_BY_NAME = {target.name: target for target in IMPORT_FIELDS}
#: The fields whose column must be chosen before the rows can be read.
REQUIRED_FIELDS = frozenset(target.name for target in IMPORT_FIELDS if target.required)


def normalise_name(text: str) -> str:
    """Lower case letters and digits only, accents dropped: "Leerling-nr." → "leerlingnr"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if char.isascii() and char.isalnum())


def guess_mapping(header: list[str]) -> dict[str, int]:
    """Field name → column index for the columns whose names are known synonyms.

    Each column fills one field; a field takes the column with its likeliest name.
    """
    names = [normalise_name(column) for column in header]
    mapping: dict[str, int] = {}
    for target in IMPORT_FIELDS:
        ranked = [
            (target.synonyms.index(name), index)
            for index, name in enumerate(names)
            if name in target.synonyms and index not in mapping.values()
        ]
        if ranked:
            mapping[target.name] = min(ranked)[1]
    return mapping


_VMBO_TRACKS = {
    Programme.VMBO_B: ("b", "bb", "basis", "basisberoepsgericht", "basisberoepsgerichte"),
    Programme.VMBO_K: ("k", "kb", "kader", "kaderberoepsgericht", "kaderberoepsgerichte"),
    Programme.VMBO_G: ("g", "gl", "gt", "gemengd", "gemengde"),
    Programme.VMBO_T: ("t", "tl", "mavo", "theoretisch", "theoretische"),
}
_OTHER_PROGRAMMES = {
    Programme.PRO: ("pro", "praktijkonderwijs"),
    Programme.VSO: ("vso", "voortgezet speciaal onderwijs"),
    Programme.HAVO: ("havo",),
    Programme.VWO: ("vwo", "atheneum", "gymnasium"),
    Programme.OTHER: ("other", "overig", "anders"),
}
#: Normalised spelling → programme. Single letters only after "vmbo" ("vmbo-b").
PROGRAMME_SPELLINGS: dict[str, str] = {
    **{
        f"vmbo {spelling}": programme
        for programme, spellings in _VMBO_TRACKS.items()
        for spelling in spellings
    },
    **{
        spelling: programme
        for programme, spellings in _VMBO_TRACKS.items()
        for spelling in spellings
        if len(spelling) > 1
    },
    **{
        spelling: programme
        for programme, spellings in _OTHER_PROGRAMMES.items()
        for spelling in spellings
    },
    **{programme.value.replace("_", " "): programme for programme in Programme},
}
_WORDS_DROPPED = {"leerweg", "leerjaar", "jaar"}


def normalise_programme(text: str) -> str:
    """Words only, lower case, without the year: "VMBO-KB 3" and "kb3" → "vmbo kb", "kb"."""
    spaced = re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", " ", text.casefold())
    words = re.split(r"[^a-z0-9]+", spaced)
    return " ".join(
        word for word in words if word and not word.isdigit() and word not in _WORDS_DROPPED
    )


def programme_from(text: str) -> str | None:
    """The programme a spelling stands for, or None when it is not recognised: a common
    spelling, or the name the portal shows for it, in Dutch or English."""
    normalised = normalise_programme(text)
    return PROGRAMME_SPELLINGS.get(normalised) or _programme_labels().get(normalised)


@functools.cache
def _programme_labels() -> dict[str, str]:
    labels = {}
    for language in ("nl", "en"):
        with translation.override(language):
            for programme in Programme:
                labels[normalise_programme(str(programme.label))] = programme.value
    return labels
