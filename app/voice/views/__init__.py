"""HTML pages of the voice feature: the studio (news), the merchant's news."""
