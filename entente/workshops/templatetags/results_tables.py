"""The results page's per-piste tables, rendered in Python (see workshops/results_html.py)."""

from django import template

from .. import results_html

register = template.Library()
register.simple_tag(results_html.ranking_rows, name="ranking_rows")
register.simple_tag(results_html.matrix_rows, name="matrix_rows")
register.simple_tag(results_html.scatter_points, name="scatter_points")
register.simple_tag(results_html.matrix_background, name="matrix_background")
