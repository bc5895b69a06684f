"""Output documents: the trees each kind of output is made of.

Takes in the stage texts of the record and gives out an
:class:`~someohje.tree.OutputDocument`: the guideline at a stage or on a
date, the agenda attachment, the minutes extract with its appeal
instructions, the redline between two stages. The status mark, the
identification lines and the links between documents are decided here,
once, for every renderer.
"""
