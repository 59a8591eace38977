"""Views of evaluations: filling in and reviewing (``edit``), and the PDFs (``documents``)."""
