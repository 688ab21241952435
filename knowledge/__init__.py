"""Domain library of the TTHC assistant: catalogue, retrieval, answers, dossiers.

Nothing in this package imports Rasa, so staff tools, channels and the action
server can all use it directly.
"""
