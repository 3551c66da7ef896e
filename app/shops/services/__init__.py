"""Shops business rules, one module per operation family; each public operation commits once.

profiles       a merchant's own shops: lookups, the working copy, create, edit, photos, sending for review
review         the city's marketers decide: approve, reject, suspend, reinstate, spotlight, the review diff
public         what visitors see: approved shops, their opening status and the week's hours
notifications  messages to a merchant about their shop (a row on the dashboard and a mail)
staff          the shop staff role: who may serve at a shop, the merchant area in the menu
claims         an imported shop claimed by its merchant through an invitation
imports        shops a city imports from a CSV file
"""
