"""HTML pages of the figures feature: the studio (dashboard, footfall import, counter tokens), the merchant's
shop figures."""
