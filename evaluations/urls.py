from django.urls import path

from evaluations.views import documents, edit

app_name = "evaluations"

urlpatterns = [
    path("download/", documents.bulk_download, name="bulk"),
    path("forms/<int:version>/blank.pdf", documents.blank_pdf, name="blank_pdf"),
    path("<uuid:public_id>/summary.pdf", documents.summary_pdf, name="summary_pdf"),
    path("<uuid:public_id>/<slug:kind>/", edit.evaluation_edit, name="edit"),
    path("<uuid:public_id>/<slug:kind>/submit/", edit.evaluation_submit, name="submit"),
    path("<uuid:public_id>/<slug:kind>/review/", edit.evaluation_review, name="review"),
    path("<uuid:public_id>/<slug:kind>/pdf/", documents.evaluation_pdf, name="pdf"),
]
