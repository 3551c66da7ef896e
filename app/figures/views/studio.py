"""Studio pages of a city's figures (marketers): the dashboard and its CSV, the footfall import and tokens."""
from flask import Blueprint

bp = Blueprint("figures_studio", __name__)

# ------------------------------------------------------------------ dashboard (/<city>/studio/figures)

# ------------------------------------------------------------------ footfall (/<city>/studio/footfall)
