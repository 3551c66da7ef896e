"""The agenda's services: editing (create, change, review, cancel), reading (occurrences, lists), feed (iCalendar)."""
