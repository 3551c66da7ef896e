"""Trails' HTML pages: `public` (blueprint "trails": lists, trail pages, downloads) and `studio`
(blueprint "trails_studio": the marketers' editor)."""
