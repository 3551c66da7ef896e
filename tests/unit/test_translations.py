"""Every UI string has a Dutch, French and German text (English is the msgid), and no source text is left unused."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_ui_string_is_translated():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "i18n.py"), "--check"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-4000:]
