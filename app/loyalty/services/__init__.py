"""Loyalty business rules, one module per operation family; each public operation commits once.

programmes   a shop's stamp programme, its rotating counter code and its poster
scanning     turning a scanned code into a stamp (or a counted refusal)
cards        a shopper's cards and the city pass progress
redemptions  redeem codes and their confirmation at the till or the city desk
passes       the city pass set up by marketers
merge        an anonymous shopper's cards handed to the account they log in to
stats        figures for merchants
"""
