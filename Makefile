# mnsim quick start: `make demo` and `make test`. Both install missing Debian packages first.
BUILD_DIR := build
MNSIM := $(BUILD_DIR)/bin/mnsim
DEMO_DIR := runs/demo

.PHONY: deps configure build demo test asan docs format clean

deps:
	@bash scripts/install-deps.sh

configure: deps
	@cmake --preset release >/dev/null

build: configure
	@cmake --build --preset release

# The demo installs and builds only what the mnsim executable needs (tests, benchmarks and the
# Python module come with `make test`, which turns them back on in the same build folder).
demo:
	@echo "make demo: about 5 minutes on a fresh 2-core Debian 12 machine (packages about 1 min, the mnsim build about 4, then two runs); see the README, Performance."
	@bash scripts/install-deps.sh --demo
	@cmake --preset demo >/dev/null
	@cmake --build --preset demo
	@$(MNSIM) simulate examples/default.toml -o $(DEMO_DIR) --force
	@echo "Outputs of the default example are in $(DEMO_DIR)/: summary.json, scenario.resolved.toml, CSV tables, figures (PNG) and punctures.vtk for ParaView."
	@$(MNSIM) plan examples/patients/healthy_fine_lines.toml -o $(DEMO_DIR)-plan --force
	@echo "The treatment plan of the default patient is in $(DEMO_DIR)-plan/: report.html (practitioner), patient.html (patient), plan.json, aftercare.ics."

test: build
	@ctest --preset release

# Debug build with AddressSanitizer and UndefinedBehaviorSanitizer, whole suite.
asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan
	@ctest --preset asan

# Regenerates docs/scenario.md from the parameter registry and docs/validation.md with its figures
# from `mnsim validation` (tests check that both match).
docs: build
	@$(MNSIM) params --format markdown > docs/scenario.md
	@$(MNSIM) validation -o $(BUILD_DIR)/validation-docs --force >/dev/null
	@cp $(BUILD_DIR)/validation-docs/validation.md docs/validation.md
	@mkdir -p docs/validation && rm -f docs/validation/*.png
	@cp $(BUILD_DIR)/validation-docs/validation/*.png docs/validation/

format:
	@find src tests bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

clean:
	@rm -rf $(BUILD_DIR) build-asan
