"""A municipality's collection: many documents at once.

Takes in every document of a project and gives out what spans them: the
index (``index.html`` for people, ``index.json`` for systems), a meeting's
package, incremental builds that rebuild only what changed, and new
projects and documents (``new``, ``new-document``).
"""
