"""Model fields that normalise Dutch identifiers before they are validated and stored.

Normalising in ``clean`` means admin, model forms and ``full_clean`` all store the same
canonical form (``1234 AB``, ``12AB``, ``12345678``) and report bad input at the field
itself, while queries with raw values (``filter(kvk_number="1234")``) simply match
nothing instead of raising.
"""

from collections.abc import Callable

from django.db import models

from stagegids.core.validators import normalise_brin, normalise_kvk, normalise_postcode


class _NormalisedCharField(models.CharField):
    normalise: Callable[[str], str]

    def clean(self, value, model_instance):
        value = self.to_python(value)
        if value not in self.empty_values:
            value = type(self).normalise(value)
        self.validate(value, model_instance)
        self.run_validators(value)
        return value

    def formfield(self, **kwargs):
        # Input may be longer than the stored form ("1234.5678", "1234  ab"); the model
        # field checks the length after normalising.
        return super().formfield(**{"max_length": None, **kwargs})


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
