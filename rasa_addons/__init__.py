"""Custom Rasa 3.6 NLU components, loaded by the Rasa server in ``.venv-rasa``.

This package runs under Python 3.10 inside the Rasa process (Rasa puts the
project directory on ``sys.path``), so it imports nothing from ``knowledge/``:
the two venvs must stay independent.
"""
