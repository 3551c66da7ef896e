"""The agenda's pages: public (the agenda, an event, the feeds), studio (marketers), merchant (proposals)."""
