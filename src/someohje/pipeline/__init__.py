"""The build: options in, files in ``build/`` out.

Takes in a project and the options of a run and gives out the bytes of
every output in every format (:mod:`.session`, :mod:`.formats`), laid out
on both cores (:mod:`.workers`), written as one atomic set
(:mod:`.output`).
"""
