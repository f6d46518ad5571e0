// Aftercare derived from a predicted course: the invariants the issue states (the exfoliant ban
// ends no earlier than barrier recovery and 24 h, protection lasts longer for darker skin,
// products wait for the channels) hold for any course, and the times move with the course.
#include "plan/aftercare.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace mnsim::plan {
namespace {

PredictedCourse course(double barrier_p95_h = 36.0) {
  PredictedCourse c;
  c.barrier_recovery_h = {20.0, 10.0, barrier_p95_h};
  c.erythema_duration_h = {30.0, 12.0, 60.0};
  c.oedema_duration_h = {12.0, 4.0, 30.0};
  c.reepithelialisation_h = {18.0, 10.0, 30.0};
  c.downtime_d = {1.5, 0.5, 3.0};
  c.channel_closure_h = {4.0, 1.0, 12.0};
  c.pih_elevated_until_h = {96.0, 48.0, 240.0};
  c.infection_window_h = {12.0, 6.0, 24.0};
  c.fitzpatrick = 2;
  return c;
}

const AftercareItem& item(const std::vector<AftercareItem>& items, const std::string& id) {
  const auto it = std::find_if(items.begin(), items.end(), [&](const AftercareItem& i) { return i.id == id; });
  if (it == items.end()) throw std::runtime_error("no aftercare item " + id);
  return *it;
}

TEST(Aftercare, ExfoliantBanEndsNoEarlierThanBarrierRecoveryAnd24Hours) {
  const AftercareSettings s;
  for (const double barrier_p95 : {2.0, 12.0, 24.0, 36.0, 80.0, 200.0}) {
    const auto items = derive_aftercare(course(barrier_p95), {}, s);
    const auto& ban = item(items, "no_exfoliants");
    EXPECT_EQ(ban.start_h, 0.0);
    EXPECT_GE(ban.end_h, 24.0) << barrier_p95;
    EXPECT_GE(ban.end_h, barrier_p95);
    EXPECT_GE(ban.end_h, course(barrier_p95).reepithelialisation_h.p95);
  }
  // Short barrier recovery: the convention decides; long: the simulation does.
  EXPECT_DOUBLE_EQ(item(derive_aftercare(course(2.0), {}, s), "no_exfoliants").end_h, 30.0);
  EXPECT_DOUBLE_EQ(item(derive_aftercare(course(80.0), {}, s), "no_exfoliants").end_h, 80.0);
}

TEST(Aftercare, SunProtectionLastsLongerForDarkerSkinAndCoversThePigmentationHazard) {
  auto light = course();
  auto dark = course();
  dark.fitzpatrick = 5;
  const AftercareSettings s;
  const auto a = item(derive_aftercare(light, {}, s), "photoprotection");
  const auto b = item(derive_aftercare(dark, {}, s), "photoprotection");
  EXPECT_GE(a.end_h, light.pih_elevated_until_h.p95);
  EXPECT_GE(a.end_h, 24.0 * s.min_photoprotection_d);
  EXPECT_GT(b.end_h, a.end_h);
  EXPECT_NE(b.instruction.find("iron oxides"), std::string::npos);
  EXPECT_EQ(a.instruction.find("iron oxides"), std::string::npos);
  // Darker skin is told what the trials found of bleaching creams and tranexamic acid.
  EXPECT_NE(item(derive_aftercare(dark, {}, s), "lightening_creams").instruction.find("hydroquinone"),
            std::string::npos);
  const auto light_items = derive_aftercare(light, {}, s);
  EXPECT_TRUE(
      std::none_of(light_items.begin(), light_items.end(), [](const auto& i) { return i.id == "lightening_creams"; }));
  // A longer predicted hazard lengthens the protection.
  auto longer = light;
  longer.pih_elevated_until_h.p95 = 900.0;
  EXPECT_GE(item(derive_aftercare(longer, {}, s), "photoprotection").end_h, 900.0);
}

TEST(Aftercare, ProductsWaitForTheChannelsUnlessMadeForIntradermalUse) {
  auto c = course();
  c.products = {{.name = "sterile serum", .compound = "hyaluronic_acid_fragment_5_10kda", .intradermal_grade = true},
                {.name = "peptide cream", .compound = "palmitoyl_pentapeptide_4"},
                {.name = "vitamin C serum", .compound = "ascorbic_acid"}};
  const auto items = derive_aftercare(c, {}, {});
  EXPECT_EQ(item(items, "product:sterile serum").start_h, 0.0);
  EXPECT_GE(item(items, "product:peptide cream").start_h, c.channel_closure_h.p95);
  EXPECT_GE(item(items, "product:vitamin C serum").start_h, item(items, "no_exfoliants").end_h);
}

// A product wiped off before the needles (a numbing cream) is one event before the session, from
// on to off, and never a product to use after it.
TEST(Aftercare, AProductWipedOffBeforeTheNeedlesIsOnlyAPreSessionStep) {
  auto c = course();
  c.products = {{.name = "numbing cream", .compound = "lidocaine", .applied_h = -0.75, .removed_h = 0.0},
                {.name = "peptide cream", .compound = "palmitoyl_pentapeptide_4", .removed_h = 2.0}};
  const auto items = derive_aftercare(c, {}, {});
  const auto& cream = item(items, "product:numbing cream");
  EXPECT_EQ(cream.kind, "before");
  EXPECT_DOUBLE_EQ(cream.start_h, -0.75);
  EXPECT_DOUBLE_EQ(cream.end_h, 0.0);
  EXPECT_NE(cream.instruction.find("wiped off completely as it starts"), std::string::npos) << cream.instruction;
  EXPECT_EQ(
      std::count_if(items.begin(), items.end(), [](const AftercareItem& a) { return a.id == "product:numbing cream"; }),
      1);
  // Wiped off only after the session: still a product that waits for the channels.
  EXPECT_EQ(item(items, "product:peptide cream").kind, "from");
  EXPECT_GE(item(items, "product:peptide cream").start_h, c.channel_closure_h.p95);
}

TEST(Aftercare, MakeupAndCleansingFollowChannelClosure) {
  auto c = course();
  const auto items = derive_aftercare(c, {}, {});
  EXPECT_DOUBLE_EQ(item(items, "makeup").start_h, 24.0);
  EXPECT_DOUBLE_EQ(item(items, "gentle_cleansing").start_h, c.channel_closure_h.p95);
  c.channel_closure_h.p95 = 50.0;
  const auto later = derive_aftercare(c, {}, {});
  EXPECT_DOUBLE_EQ(item(later, "makeup").start_h, 50.0);
  EXPECT_LE(item(later, "gentle_cleansing").start_h, item(later, "gentle_cleansing").end_h);
}

TEST(Aftercare, ConsultationThresholdsAreThe95thPercentiles) {
  const auto c = course();
  const auto items = derive_aftercare(c, {}, {});
  EXPECT_DOUBLE_EQ(item(items, "consult_redness").start_h, c.erythema_duration_h.p95);
  EXPECT_DOUBLE_EQ(item(items, "consult_swelling").start_h, c.oedema_duration_h.p95);
  EXPECT_GE(item(items, "watch_infection").end_h, c.infection_window_h.p95);
  EXPECT_NE(item(items, "bleeding").instruction.find("10 minutes"), std::string::npos);
}

TEST(Aftercare, ScreeningActionsAddTheirInstructions) {
  Verdict v;
  for (const char* action : {"herpes_prophylaxis_discussion", "bleeding_precautions", "keloid_watch"}) {
    v.triggered.push_back({.id = action, .actions = {{.name = action}}});
  }
  const auto items = derive_aftercare(course(), v, {});
  EXPECT_LT(item(items, "herpes_prophylaxis").start_h, 0.0);
  EXPECT_NE(item(items, "bleeding").instruction.find("prescriber"), std::string::npos);
  EXPECT_GE(item(items, "watch_keloid").end_h, 24.0 * 90.0);
}

TEST(Aftercare, EveryItemIsWellFormedAndInOrder) {
  const auto items = derive_aftercare(course(), {}, {});
  for (const auto& i : items) {
    EXPECT_FALSE(i.instruction.empty()) << i.id;
    EXPECT_FALSE(i.reason.empty()) << i.id;
    EXPECT_FALSE(i.source.empty()) << i.id;
    EXPECT_LE(i.start_h, i.end_h) << i.id;
  }
  EXPECT_TRUE(std::is_sorted(items.begin(), items.end(),
                             [](const AftercareItem& a, const AftercareItem& b) { return a.start_h < b.start_h; }));
}

}  // namespace
}  // namespace mnsim::plan
