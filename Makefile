.PHONY: check format lint types test install bench

install:
	python -m pip install -e ".[dev]"

format:
	ruff format rag bot tests bench

lint:
	ruff format --check rag bot tests bench
	ruff check rag bot tests bench

types:
	mypy

test:
	python -m pytest

# check never rewrites files: `make format` does
check: lint types test

bench:
	python -m bench.run
