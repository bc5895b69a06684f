"""The record: what each handling decided, and the text it decided on.

Takes in the model (the base text, the handlings, the amendments as insert,
replace and delete operations, the seals) and gives out the text of any
stage or date: the text proposed to a meeting, the text approved, the text
in force on a day, each passage with its provenance, each sealed stage
checked against its digest.
"""
