"""``make bench``: the portal's main pages under load, on the generated scale data.

``python -m stagegids.workspace.bench`` (``run``) seeds a throwaway database with
``seed_scale`` at each size asked for, serves it with gunicorn and the production
settings, and drives one page at a time with locust (``locustfile``); ``pages`` says
which pages, as whom, and counts each page's queries; ``explain`` prints the query plans
of the main lists on PostgreSQL; ``report`` draws the tables.
"""
