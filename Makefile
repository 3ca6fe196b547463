# Convenience wrappers; the README's two commands (./run.sh, ./test.sh) need no make.
.PHONY: run test test-full bench lint
run:
	./run.sh
test:
	./test.sh
# Full-size reliability harnesses (200 kills, 200 tamper flips, …): about 45 minutes.
test-full:
	packaging/setup-venv.sh
	SELFCARE_FULL=1 SELFCARE_FUZZ_EXAMPLES=2000 QT_QPA_PLATFORM=offscreen \
		.venv/bin/pytest tests/reliability tests/data/test_exchange.py -q -o faulthandler_timeout=0
bench:
	packaging/setup-venv.sh
	.venv/bin/python benchmarks/run.py
lint:
	.venv/bin/ruff check src tests benchmarks scripts packaging && .venv/bin/mypy && .venv/bin/lint-imports --no-cache --no-logo
