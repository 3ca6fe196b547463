# Convenience wrappers; the README's two commands (./run.sh, ./test.sh) need no make.
.PHONY: run test test-full bench lint
run:
	./run.sh
test:
	./test.sh
test-full:
	SELFCARE_FULL=1 ./test.sh
lint:
	.venv/bin/ruff check src tests benchmarks && .venv/bin/mypy
