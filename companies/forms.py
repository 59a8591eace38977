"""Forms for companies. Forms validate; nothing here saves."""

from django.utils.translation import gettext_lazy as _

from stagegids.core.forms import SearchForm


class CompanySearchForm(SearchForm):
    """The companies directory's search box."""

    label = _("Name, city or KvK number")
