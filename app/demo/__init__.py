"""Demo content loader. Each feature contributes app/<feature>/demo.py with load(); order matters
(cities before accounts before shops ...). Every loader upserts by natural keys, so a second run
changes nothing."""
import importlib
import importlib.util
import json
from pathlib import Path

from sqlalchemy import func, select

from app.extensions import db

FACTS_FILE = Path(__file__).parent / "cities.json"


def city_facts() -> list[dict]:
    """Reference facts (names, coordinates) copied from the programme's city data."""
    return json.loads(FACTS_FILE.read_text(encoding="utf-8"))["cities"]


def load_demo() -> dict[str, int]:
    from app import FEATURES
    for name in FEATURES:
        if importlib.util.find_spec(f"app.{name}.demo") is None:
            continue
        importlib.import_module(f"app.{name}.demo").load()
        db.session.commit()
    return row_counts()


def row_counts() -> dict[str, int]:
    counts = {}
    for table in db.metadata.sorted_tables:
        counts[table.name] = db.session.execute(select(func.count()).select_from(table)).scalar_one()
    return counts
