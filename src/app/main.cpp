// mnsim: skin microneedling simulator and treatment planner (command-line entry point).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <new>
#include <vector>

#include "app/bench_command.hpp"
#include "app/cli_suggest.hpp"
#include "app/compare_command.hpp"
#include "app/compounds_command.hpp"
#include "app/devices_command.hpp"
#include "app/fit_command.hpp"
#include "app/params_command.hpp"
#include "app/plan_command.hpp"
#include "app/session.hpp"
#include "app/simulate_command.hpp"
#include "app/skin_command.hpp"
#include "app/sweep_command.hpp"
#include "app/validate_command.hpp"
#include "app/validation_command.hpp"
#include "core/data_dir.hpp"
#include "core/error.hpp"
#include "core/version.hpp"
#include "io/interrupt_cleanup.hpp"

namespace {

int report(const char* kind, const std::string& text, mnsim::ExitCode code) {
  fmt::print(stderr, "mnsim: {}: {}\n", kind, text);
  return static_cast<int>(code);
}

// What was printed must have reached its destination: `mnsim simulate --json > /dev/full` is a
// failure, not a success.
int with_output_flushed(int code) {
  std::cout.flush();
  if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0 || !std::cout) {
    const int error = errno;
    if (code == 0)
      return report("error", fmt::format("cannot write to standard output: {}", std::strerror(error)),
                    mnsim::ExitCode::other);
  }
  return code;
}

int run_command(std::vector<std::unique_ptr<mnsim::app::Command>>& commands, mnsim::app::Session& session) {
  using mnsim::ExitCode;
  try {
    for (auto& command : commands) {
      if (command->selected()) return command->run(session);
    }
  } catch (const mnsim::InputError& e) {
    return report("error", e.what(), ExitCode::bad_input);
  } catch (const mnsim::NumericalError& e) {
    return report("numerical failure", e.what(), ExitCode::numerical);
  } catch (const mnsim::DataError& e) {
    return report("data error", std::string(e.what()) + " (set MNSIM_DATA_DIR to the data/ folder of mnsim)",
                  ExitCode::other);
  } catch (const mnsim::OutputError& e) {
    return report("cannot write the output", e.what(), ExitCode::other);
  } catch (const std::bad_alloc&) {
    return report("out of memory",
                  "the run needed more memory than this machine could give it (use a smaller transport.max_voxels or "
                  "coarser transport.grid_um, fewer response.samples or transport.samples, or a smaller "
                  "protocol.area_cm2)",
                  ExitCode::other);
  } catch (const std::exception& e) {
    return report("internal error", e.what(), ExitCode::other);
  }
  return static_cast<int>(ExitCode::other);
}

}  // namespace

int main(int argc, char** argv) {
  using mnsim::ExitCode;
  // First, before OpenMP or any other thread starts: they inherit the blocked interrupt signals.
  mnsim::io::install_interrupt_cleanup();
  CLI::App app{
      "mnsim: simulate skin microneedling, from the needle to the months after, and plan treatments.\n"
      "Outputs are model predictions for education and research, not medical advice.",
      "mnsim"};
  app.set_version_flag("--version", std::string("mnsim ") + mnsim::version_string);
  app.require_subcommand(1);
  app.fallthrough(false);

  std::vector<std::unique_ptr<mnsim::app::Command>> commands;
  commands.push_back(std::make_unique<mnsim::app::SimulateCommand>(app));
  commands.push_back(std::make_unique<mnsim::app::CompareCommand>(app));
  commands.push_back(std::make_unique<mnsim::app::SweepCommand>(app));
  commands.push_back(std::make_unique<mnsim::app::FitCommand>(app));
  commands.push_back(std::make_unique<mnsim::app::PlanCommand>(app));
  commands.push_back(std::make_unique<mnsim::app::SkinCommand>(app));
  commands.push_back(std::make_unique<mnsim::app::DevicesCommand>(app));
  commands.push_back(std::make_unique<mnsim::app::CompoundsCommand>(app));
  commands.push_back(std::make_unique<mnsim::app::ValidateCommand>(app));
  commands.push_back(std::make_unique<mnsim::app::ValidationCommand>(app));
  commands.push_back(std::make_unique<mnsim::app::ParamsCommand>(app));
  commands.push_back(std::make_unique<mnsim::app::BenchCommand>(app));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return mnsim::app::report_parse_error(app, e, argc, argv);
  }

  mnsim::app::Session session(mnsim::data_dir());
  return with_output_flushed(run_command(commands, session));
}
