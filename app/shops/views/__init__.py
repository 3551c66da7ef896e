"""HTML pages of the shops feature: the visitors' shop list and shop pages (public), the merchant's own shops and
their staff (merchant, under /merchant/), the city studio's review, spotlights and CSV import (studio)."""
