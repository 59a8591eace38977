"""Filling in, submitting and reviewing an evaluation. (Being built.)"""

from django.http import Http404, HttpRequest, HttpResponse


def evaluation_edit(request: HttpRequest, public_id, kind: str) -> HttpResponse:
    raise Http404


def evaluation_submit(request: HttpRequest, public_id, kind: str) -> HttpResponse:
    raise Http404


def evaluation_review(request: HttpRequest, public_id, kind: str) -> HttpResponse:
    raise Http404
