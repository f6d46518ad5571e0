#pragma once
// Running the mnsim command from a test, as a user runs it: through the shell, stdout and stderr
// captured, the exit code kept. Test programs that use it define MNSIM_EXE (the built binary).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace mnsim::test {

struct Result {
  int exit_code = -1;
  std::string output;  // what the command printed (streams as redirected)
};

inline Result run_shell(const std::string& command) {
  Result r;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buffer{};
  while (const auto n = std::fread(buffer.data(), 1, buffer.size(), pipe)) r.output.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// Runs `mnsim ARGS` through the shell; args are passed as written (tests quote what needs it).
inline Result mnsim(const std::string& args, const std::string& redirect = "2>&1") {
  return run_shell(std::string("'") + MNSIM_EXE + "' " + args + " " + redirect);
}

// Bad requests: for each (arguments, message), `mnsim COMMAND ARGUMENTS -o OUT` exits with 2, says
// `message`, and leaves no OUT behind.
inline void expect_refused(const std::string& command, const std::vector<std::pair<std::string, std::string>>& cases,
                           const std::filesystem::path& out) {
  for (const auto& [arguments, message] : cases) {
    const auto r = mnsim(command + " " + arguments + " -o '" + out.string() + "'");
    EXPECT_EQ(r.exit_code, 2) << arguments << "\n" << r.output;
    EXPECT_NE(r.output.find(message), std::string::npos) << arguments << "\n" << r.output;
    EXPECT_FALSE(std::filesystem::exists(out)) << arguments;
  }
}

}  // namespace mnsim::test
