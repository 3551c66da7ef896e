"""/api/v1 figures: anonymous events from visitors' browsers, footfall pushed by a counter vendor, and the
city dashboard's figures for its marketers."""
from flask_smorest import Blueprint

blp = Blueprint("figures_api", __name__, description="City figures: anonymous counters, footfall, dashboard")

# ------------------------------------------------------------------ events (POST /events)

# ------------------------------------------------------------------ footfall (POST /cities/<city>/footfall)

# ------------------------------------------------------------------ dashboard (GET /cities/<city>/figures)
