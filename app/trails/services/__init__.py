"""Trail business rules, one module per operation family; every write commits once (through saving).

reading      the public lists and pages, the studio's lookups (drafts included), shops to link a stop to
validation   what a trail may hold: limits, web addresses, points inside the city, kinds, surfaces
saving       the one way to save: metrics, version bump (a stale writer gets a 409), revision, commit
editing      create, edit and delete a trail; its cover photo and drawn path
stops        add, edit, move, reorder and remove a trail's stops (and their photos)
publishing   publish and unpublish
revisions    the history of saved versions and bringing one back
imports      a trail from a GPX file
exports      GPX 1.1 and GeoJSON documents built from plain data
"""
