"""Entity dossiers: everything the graph says about one actor or place, as a self-contained HTML page
and as Markdown (``coi-graph dossier``).

``gather`` asks the graph and returns a typed ``Dossier`` (``model``); ``charts`` draws its timeline
and map as SVG; ``html`` and ``markdown`` write the pages; ``write`` puts them, and the index of
``--all``, in a directory. See docs/dossiers.md.
"""
