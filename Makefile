# Two commands for a newcomer (see README):
#   make run    set up whatever is missing, then start the assistant
#   make test   set up whatever is missing, then run every test
.PHONY: run test setup prepare chat lint clean
SHELL := /bin/bash

run:
	@scripts/run.sh

test:
	@scripts/test.sh

setup:
	@scripts/setup-venvs.sh all

prepare: setup
	@scripts/prepare.sh

chat:
	@scripts/chat.sh

lint:
	@.venv/bin/ruff check .

clean:
	rm -rf var/
