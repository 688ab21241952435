"""Custom Rasa 3.6 components, loaded by the Rasa server in ``.venv-rasa``.

This package runs under Python 3.10 inside the Rasa process (Rasa puts the
project directory on ``sys.path`` and imports the components named in
config.yml), so it imports nothing from ``knowledge/``: the two venvs stay
independent.

Importing it also installs one measured fix to Rasa itself, so that every way
of running the model (``rasa run``, ``rasa shell``, ``rasa test``) gets it:
see ``action_response_validation``.
"""

from rasa_addons import action_response_validation

action_response_validation.install()
