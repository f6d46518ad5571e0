# Run at every build (cmake -P): writes the source tree's git commit into a header, rewriting it
# only when the commit or the dirty state changed, so that an unchanged tree recompiles nothing.
# A tree without git (a release tarball, an unpacked .deb source) records "unknown".
# Inputs: SOURCE_DIR, OUTPUT.
set(commit "unknown")
set(dirty "false")
find_package(Git QUIET)
if(GIT_FOUND AND EXISTS "${SOURCE_DIR}/.git")
  execute_process(COMMAND "${GIT_EXECUTABLE}" rev-parse HEAD WORKING_DIRECTORY "${SOURCE_DIR}"
                  OUTPUT_VARIABLE head RESULT_VARIABLE head_rc OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(head_rc EQUAL 0)
    set(commit "${head}")
    # Tracked files changed since the commit: the binary is not exactly that commit.
    execute_process(COMMAND "${GIT_EXECUTABLE}" status --porcelain --untracked-files=no
                    WORKING_DIRECTORY "${SOURCE_DIR}" OUTPUT_VARIABLE changes ERROR_QUIET)
    if(NOT changes STREQUAL "")
      set(dirty "true")
    endif()
  endif()
endif()
set(text "#pragma once\n// Generated at build time by cmake/git_commit.cmake.\nnamespace mnsim {\ninline constexpr const char* git_commit = \"${commit}\";\ninline constexpr bool git_dirty = ${dirty};\n}  // namespace mnsim\n")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
endif()
if(NOT old STREQUAL text)
  file(WRITE "${OUTPUT}" "${text}")
endif()
