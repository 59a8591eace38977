"""Model fields that normalise Dutch identifiers before they are validated and stored.

Normalising in ``to_python`` means admin, model forms and ``full_clean`` all store
the same canonical form (``1234 AB``, ``12AB``, ``12345678``) and report bad input at
the field itself.
"""

from collections.abc import Callable

from django.db import models

from stagegids.validators import normalise_brin, normalise_kvk, normalise_postcode


class _NormalisedCharField(models.CharField):
    normalise: Callable[[str], str]

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        return type(self).normalise(value)


class PostcodeField(_NormalisedCharField):
    normalise = staticmethod(normalise_postcode)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 7)
        super().__init__(*args, **kwargs)


class BrinField(_NormalisedCharField):
    normalise = staticmethod(normalise_brin)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 6)
        super().__init__(*args, **kwargs)


class KvkField(_NormalisedCharField):
    normalise = staticmethod(normalise_kvk)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 8)
        super().__init__(*args, **kwargs)
