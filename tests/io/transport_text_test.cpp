// The transport lines `mnsim simulate` prints: amounts with their 5-95 % ranges when sampled,
// and for a product of which nothing measurable leaves the skin, the amount the skin holds
// instead of a ratio of two negligible amounts.
#include <gtest/gtest.h>

#include <string>

#include "io/transport_output.hpp"

namespace {

using mnsim::transport::ProductExposure;

ProductExposure serum(double cumulative, double intact_cumulative) {
  ProductExposure p;
  p.name = "serum";
  p.compound = "caffeine";
  p.destination = "blood";
  p.cumulative_ug_per_cm2 = cumulative;
  p.intact_cumulative_ug_per_cm2 = intact_cumulative;
  p.enhancement_ratio = intact_cumulative > 0.0 ? cumulative / intact_cumulative : 0.0;
  p.skin_ug_per_cm2 = 9.6;
  p.intact_skin_ug_per_cm2 = 0.73;
  p.window_h = 2.8;
  return p;
}

TEST(TransportText, GivesTheAmountsTheEnhancementAndTheRanges) {
  auto p = serum(12.5, 2.5);
  p.uncertainty.samples = 40;
  p.uncertainty.enhancement_ratio = {1.5, 4.0, 30.0};
  const auto text = mnsim::io::transport_text({p});
  EXPECT_NE(text.find("12.5"), std::string::npos) << text;
  EXPECT_NE(text.find("enhancement x5 [p5-p95 1.5-30]"), std::string::npos) << text;
  EXPECT_NE(text.find("9.6 ug/cm2 held in the skin"), std::string::npos) << text;
}

TEST(TransportText, NamesWhatTheSkinHoldsWhenNothingMeasurableGetsThrough) {
  const auto text = mnsim::io::transport_text({serum(6e-45, 9e-47)});
  EXPECT_NE(text.find("nothing measurable reaches the blood"), std::string::npos) << text;
  EXPECT_NE(text.find("9.6 ug/cm2 held in the skin at the end (0.73 intact)"), std::string::npos) << text;
  EXPECT_EQ(text.find("enhancement"), std::string::npos) << text;
}

TEST(TransportText, SaysWhatIsLeftOnTheSurfaceAndWhenTheFilmDries) {
  auto p = serum(12.5, 2.5);
  EXPECT_EQ(mnsim::io::transport_text({p}).find("surface"), std::string::npos) << "an infinite dose has no surface";
  p.surface_ug_per_cm2 = 0.42;
  p.film_dry_h = 0.18;
  const auto text = mnsim::io::transport_text({p});
  EXPECT_NE(text.find("(0.73 intact), 0.42 ug/cm2 left on the surface;"), std::string::npos) << text;
  EXPECT_NE(text.find("evaporates in 0.18 h"), std::string::npos) << text;
}

}  // namespace
