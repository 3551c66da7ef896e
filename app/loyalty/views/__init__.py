"""HTML pages of loyalty: the shopper's (public), the merchant's and shop staff's (merchant), the city's
marketers' and desk's (studio). Each module holds one blueprint; endpoint names are the blueprints'."""
