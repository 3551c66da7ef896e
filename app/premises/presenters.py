"""The vacancy analysis as the API answers it and as the studio's CSV tables write it (one shape)."""
from app.premises.services.vacancy import Analysis, Rate


def rate_json(rate: Rate) -> dict:
    return {"units": {"total": rate.total, "vacant": rate.vacant, "rate": rate.rate},
            "floor_area": {"total_m2": rate.total_m2, "vacant_m2": rate.vacant_m2, "rate": rate.area_rate}}


def analysis_json(analysis: Analysis) -> dict:
    return {**rate_json(analysis.centre),
            "duration": dict(analysis.duration),
            "streets": [{"street": street, **rate_json(rate)} for street, rate in analysis.streets.items()],
            "months": [{"date": day, **rate_json(rate)} for day, rate in analysis.series],
            "assumed_area_m2": analysis.assumed_area_m2}


def percent(value) -> str:
    """0.0833 -> "8,3" (a Belgian decimal comma), None -> "" (no units)."""
    return "" if value is None else f"{value * 100:.1f}".replace(".", ",")
