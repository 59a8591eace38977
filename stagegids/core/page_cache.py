"""Rendered page content kept in the shared cache, and the version stamps that retire it.

The busiest pages (the dashboards, the overview, the placement page, the companies
directory, the pupils list) cost tens of milliseconds to build and are read far more
often than what they show changes. Their main content is kept in the shared cache under
a key made of everything it depends on:

- who asks (the user's id) and the browser's CSRF secret, so content holding a form's
  token only ever reaches the browser it was made for (the secret changes at each login);
- the language, today's date (the attention lists count days) and the full path with its
  query string (filters, order, page);
- the version **stamps** of the scopes the page reads from: ``user:<id>`` (their
  memberships, their name), ``school:<id>`` and ``company:<id>`` (everything belonging to
  a placement of that school or company), ``all`` (in every key: the guide's checklists,
  the task catalogue, the assessment forms, or anything without a narrower scope), and
  ``any`` (for staff, who see every school: renewed by every change).

A change renews the stamps of the scopes it touches (``touch``), so every key built from
the old stamps is never asked for again and its content ages out after
``PAGE_CACHE_TIMEOUT`` seconds. Receivers in the apps call ``touch`` for every row they
save or delete (``placements.stamps``, ``evaluations.stamps``); the few bulk writes that
send no signals call it themselves. A stamp the cache lost is made anew: a miss, never
stale content.

Stamps are renewed when the transaction commits: a page built from the data before the
commit is stored under the old stamps and never read. (The test suite's transactions
never commit; ``PAGE_CACHE_TOUCH_AT_ONCE`` renews them at once as well.)

Only the page's main content is kept: the frame around it (navigation, messages, the
logout and language forms) is rendered for each request.
"""

import copy
import hashlib
import pickle
import secrets
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import post_init, post_save, pre_delete, pre_save
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language

#: In every key; renewed for changes that have no narrower scope.
ALL = "all"
#: Renewed by every change; the scope of staff, who see every school and company.
ANY = "any"
_STAMP_PREFIX = "stamp:"
_CONTENT_PREFIX = "page:"
#: Stamps outlive the content they key, so a stamp is not lost while its pages live.
_STAMP_TIMEOUT = 24 * 60 * 60

_pending = threading.local()


def user_scope(user_id: int) -> str:
    return f"user:{user_id}"


def school_scope(school_id: int) -> str:
    return f"school:{school_id}"


def company_scope(company_id: int) -> str:
    return f"company:{company_id}"


def touch(scopes: Iterable[str]) -> None:
    """Retire the cached pages of ``scopes`` (and of staff): their stamps are renewed
    when the current transaction commits (at once outside one)."""
    names = set(scopes) | {ANY}
    if settings.PAGE_CACHE_TOUCH_AT_ONCE:
        _renew(names)
    waiting = getattr(_pending, "scopes", None)
    if waiting is None:
        waiting = _pending.scopes = set()
    waiting |= names
    # One callback per transaction renews everything waiting, so a transaction of many
    # saves writes its stamps once. (A rolled back transaction drops its callback; what
    # it left waiting is renewed with the next one: a few pages too many, never too few.)
    connection = transaction.get_connection()
    if not any(callback is _renew_pending for _ids, callback, _robust in connection.run_on_commit):
        transaction.on_commit(_renew_pending, robust=True)


def touch_all() -> None:
    """Retire every cached page."""
    touch([ALL])


#: What a saved or deleted row touches (``watch``); ``None``: it shows on no cached page.
ScopesOf = Callable[[Any], Iterable[str]] | None
_watched: dict[type[models.Model], ScopesOf] = {}


def watch(
    model: type[models.Model],
    scopes_of: ScopesOf,
    *,
    moves: tuple[str, ...] = (),
    quiet_fields: frozenset[str] = frozenset(),
) -> None:
    """Touch ``scopes_of(row)`` whenever a row of ``model`` is saved or deleted.

    ``moves``: the fields (attribute names) that decide the row's scopes and can change
    (a placement moved to another company): when a save changes one, the scopes of the row
    as it was loaded are touched too. A save of nothing but ``quiet_fields`` (such as the
    time of the last login) touches nothing. Rows loaded from fixtures touch ``all``. Bulk
    writes send no signals: their callers touch.
    """
    _watched[model] = scopes_of
    if scopes_of is None:
        return
    uid = f"page_cache:{model._meta.label}"

    def is_quiet(update_fields) -> bool:
        if getattr(_pending, "paused", False):
            return True
        return update_fields is not None and set(update_fields) <= quiet_fields

    def loaded(sender, instance, **kwargs) -> None:
        # Deferred fields are left out (reading them would run a query).
        values = instance.__dict__
        instance._page_cache_loaded = {name: values[name] for name in moves if name in values}

    def before_save(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
        was = getattr(instance, "_page_cache_loaded", None)
        if raw or not was or instance._state.adding or is_quiet(update_fields):
            return
        if any(instance.__dict__.get(name, value) != value for name, value in was.items()):
            before = copy.copy(instance)
            before.__dict__.update(was)
            touch(scopes_of(before))

    def after_save(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
        if moves:
            loaded(sender, instance)  # what it is now is what a next save moves from
        if is_quiet(update_fields):
            return
        touch([ALL] if raw else scopes_of(instance))

    def before_delete(sender, instance, **kwargs) -> None:
        if not getattr(_pending, "paused", False):
            touch(scopes_of(instance))

    if moves:
        post_init.connect(loaded, sender=model, dispatch_uid=uid, weak=False)
        pre_save.connect(before_save, sender=model, dispatch_uid=uid, weak=False)
    post_save.connect(after_save, sender=model, dispatch_uid=uid, weak=False)
    pre_delete.connect(before_delete, sender=model, dispatch_uid=uid, weak=False)


@contextmanager
def paused() -> Iterator[None]:
    """Mass writes (the scale data) without a touch per row; every page is retired once
    at the end instead."""
    was_paused = getattr(_pending, "paused", False)
    _pending.paused = True
    try:
        yield
    finally:
        _pending.paused = was_paused
        touch_all()


def watched_models() -> set[type[models.Model]]:
    """The models given to ``watch`` (a test checks that none of ours is missing)."""
    return set(_watched)


def _renew_pending() -> None:
    waiting = getattr(_pending, "scopes", None)
    if waiting:
        _pending.scopes = set()
        _renew(waiting)


def _renew(scopes: Iterable[str]) -> None:
    cache.set_many(
        {_STAMP_PREFIX + scope: secrets.token_hex(8) for scope in sorted(scopes)},
        _STAMP_TIMEOUT,
    )


def stamps(scopes: Iterable[str]) -> dict[str, str]:
    """The current stamp of each of ``scopes``; a missing one is made."""
    keys = {_STAMP_PREFIX + scope: scope for scope in scopes}
    found = cache.get_many(keys)
    made = {key: secrets.token_hex(8) for key in keys if key not in found}
    if made:
        cache.set_many(made, _STAMP_TIMEOUT)
    return {scope: found.get(key) or made[key] for key, scope in keys.items()}


@dataclass
class PageContent:
    """A page's main content from the cache (``html``), or the key to store it under once
    it is rendered (``key``; ``None``: this request is not cached)."""

    key: str | None = None
    html: str | None = None
    _stored: bool = field(default=False, repr=False)

    @property
    def hit(self) -> bool:
        return self.html is not None

    def store(self, html: str) -> None:
        if self.key is not None and not self._stored:
            self._stored = True
            cache.set(self.key, zlib.compress(html.encode(), 1), settings.PAGE_CACHE_TIMEOUT)


def page_content(request: HttpRequest, page: str, scopes: Iterable[str]) -> PageContent:
    """The cached content of ``page`` for this request, read from ``scopes`` (besides the
    user's own and ``all``); not cached: a request that is not a plain GET or HEAD, from
    htmx, without a user or a CSRF secret, or with the cache switched off."""
    secret = request.META.get("CSRF_COOKIE")
    user = getattr(request, "user", None)
    if (
        not settings.PAGE_CACHE_TIMEOUT
        or request.method not in ("GET", "HEAD")
        or getattr(request, "htmx", False)
        or not secret
        or user is None
        or not user.is_authenticated
    ):
        return PageContent()
    names = {ALL, user_scope(user.pk), *scopes}
    parts = [
        page,
        str(user.pk),
        hashlib.sha256(secret.encode()).hexdigest(),
        get_language() or "",
        timezone.localdate().isoformat(),
        request.get_full_path(),
        *sorted(stamps(names).items()),
    ]
    key = _CONTENT_PREFIX + hashlib.sha256(pickle.dumps(parts)).hexdigest()
    found = cache.get(key)
    if found is None:
        return PageContent(key=key)
    return PageContent(key=key, html=zlib.decompress(found).decode())


def render_cached(
    request: HttpRequest,
    template_name: str,
    *,
    page: str,
    scopes: Iterable[str],
    context: Callable[[], dict[str, Any]],
    frame: dict[str, Any] | None = None,
) -> HttpResponse:
    """``template_name`` rendered with ``context()`` (called only when the content is not
    cached) and ``frame`` (what the template uses outside its content, such as the
    title); the template wraps its content in ``{% cachedcontent %}``."""
    content = page_content(request, page, scopes)
    built = {} if content.hit else context()
    return render(request, template_name, {**(frame or {}), **built, "page_content": content})
