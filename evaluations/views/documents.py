"""PDF downloads. (Being built: each view answers 404 until its PDF exists.)"""

from django.http import Http404, HttpRequest, HttpResponse


def evaluation_pdf(request: HttpRequest, public_id, kind: str) -> HttpResponse:
    raise Http404


def summary_pdf(request: HttpRequest, public_id) -> HttpResponse:
    raise Http404


def blank_pdf(request: HttpRequest, version: int) -> HttpResponse:
    raise Http404


def bulk_download(request: HttpRequest) -> HttpResponse:
    raise Http404
