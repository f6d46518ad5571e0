// The resolved scenario holds every value used and reads back to the same parameters.
#include "io/scenario_writer.hpp"

#include <gtest/gtest.h>

#include "app/session.hpp"
#include "io/scenario_reader.hpp"
#include "test_support.hpp"

namespace mnsim::io {
namespace {

TEST(ResolvedScenario, RoundTripsEveryValueIncludingDefaultsAndLists) {
  app::Session session(test::data_dir());
  const auto& registry = session.registry();
  auto original = read_scenario_file(test::source_dir() / "examples" / "default.toml", registry);
  apply_override(original, registry, "product[1].name=second product");
  apply_override(original, registry, "skin.reticular_dermis_um=1500");
  original.complete(registry, "default.toml");

  const auto text = resolved_scenario_toml(original, registry);
  auto reread = read_scenario_text(text, "scenario.resolved.toml", registry);
  reread.complete(registry, "scenario.resolved.toml");

  ASSERT_EQ(reread.entries().size(), original.entries().size());
  for (const auto& [path, entry] : original.entries()) {
    ASSERT_TRUE(reread.has(path)) << path;
    EXPECT_EQ(to_display(reread.entry(path).value), to_display(entry.value)) << path;
    // Everything is written, so nothing in the reread comes from a default.
    EXPECT_FALSE(reread.entry(path).origin.file.empty()) << path;
  }
}

}  // namespace
}  // namespace mnsim::io
