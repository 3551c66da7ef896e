"""Voice services by operation family: targeting (who a message or questionnaire reaches), news (posting,
delivering, reading), push (Web Push subscriptions and sending)."""
