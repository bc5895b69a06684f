"""Content: the project folder on disk, read and validated into the model.

Takes in the files of a project (``content/project.yaml``, each
``document.yaml``, the section Markdown, the sources, ``seals.yaml``,
``templates/theme.yaml``) and gives out the typed model
(:class:`~someohje.model.Document`, :class:`~someohje.model.Collection`,
:class:`~someohje.content.theme.Theme`). Every read goes through the confined
resolver (:mod:`.confine`) and the bounded YAML reader (:mod:`.yamlsource`);
every field through one reader (:mod:`.fields`), so a check is written once.
"""
