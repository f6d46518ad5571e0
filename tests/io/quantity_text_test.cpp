// Issue #26 (4), (8): what `mnsim compare` and `mnsim simulate` print for a person to read. The
// models' tails are not findings: a saturated probability reads ">99", a range whose ends agree is
// one value, a duration that ran to the end of its simulated window is a lower bound; and every
// row of the comparison says how many sessions it stands for.
#include "io/quantity_text.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io/response_output.hpp"

namespace mnsim::io {
namespace {

TEST(QuantityText, WritesProbabilitiesRangesAndCutOffDurationsForWhatTheyAre) {
  const Reading probability{.probability = true};
  EXPECT_EQ(value_text(1.0, probability), ">99");
  EXPECT_EQ(value_text(0.995, probability), ">99");
  EXPECT_EQ(value_text(0.99, probability), "99");
  EXPECT_EQ(value_text(0.1234, probability), "12.3");
  EXPECT_EQ(value_text(9.9e-7, probability), "<0.01");
  EXPECT_EQ(value_text(0.0, probability), "0");
  EXPECT_EQ(bracketed(range_text(1.0, 1.0, 1.0, probability)), ">99");
  EXPECT_EQ(bracketed(range_text(0.0059, 0.0043, 1.0, probability)), "0.59 [0.43 to >99]");
  EXPECT_EQ(bracketed(range_text(0.2, 0.1, 0.3, probability)), "20 [10-30]");
  EXPECT_EQ(bracketed(range_text(4.0, 4.0, 4.0, {})), "4");

  // Windows of 720 h (to the next session) and 6600 h (the last session to the end of the run).
  const Reading duration{.windows = {720.0, 6600.0}};
  EXPECT_EQ(value_text(6600.0, duration), "> 6600");
  EXPECT_EQ(value_text(720.0, duration), "> 720");
  EXPECT_EQ(value_text(5000.0, duration), "5000");  // shorter than its window: a real value
  EXPECT_EQ(bracketed(range_text(3000.0, 1000.0, 6600.0, duration)), "3000 [1000 to > 6600]");
  EXPECT_EQ(bracketed(range_text(6600.0, 6600.0, 6600.0, duration)), "> 6600");
  EXPECT_EQ(value_text(2500.4, {}), "2500");  // whole numbers from 1000: no exponent
  EXPECT_EQ(value_text(1234567.0, {}), "1.23e+06");
}

response::ProcedureResponse procedure(const std::string& name, const std::string& label, int sessions,
                                      double interval_d, double erythema_h) {
  response::ProcedureResponse r;
  r.treatment.procedure = name;
  r.treatment.label = label;
  r.treatment.sessions = sessions;
  r.treatment.interval_d = interval_d;
  // Recorded course from the first session to day 365.
  r.course.time_h = {0.0, 24.0, 365.0 * 24.0};
  r.point = {{"downtime_d", erythema_h / 24.0},    {"erythema_duration_h", erythema_h}, {"reepithelialisation_h", 40.0},
             {"collagen_change_pct.180", 20.0},    {"scar_probability", 0.0059},        {"pih_probability", 0.3},
             {"infection_probability", 0.02},      {"bleeding_probability", 1.0},       {"barrier_recovery_h", 100.0},
             {"channel_closure_half_life_h", 1.0}, {"oedema_duration_h", 60.0}};
  r.samples = 20;
  for (const auto& [key, value] : r.point) {
    const double p5 = key == "scar_probability" ? 0.0043 : 0.5 * value;
    const double p95 = key == "scar_probability" || key == "bleeding_probability" ? 1.0 : value;
    r.intervals.push_back({key, {value, key == "bleeding_probability" ? 1.0 : p5, p95}});
  }
  return r;
}

TEST(CompareTable, SaysWhatEachRowStandsForAndDoesNotPrintTailsAsFindings) {
  // Microneedling four times 30 d apart: its last session has 365 - 90 = 275 d of simulated time,
  // and redness that lasts all of them is a lower bound. Dermabrasion once.
  const std::vector<response::ProcedureResponse> procedures = {
      procedure("microneedling", "Microneedling", 4, 30.0, 275.0 * 24.0),
      procedure("dermabrasion", "Dermabrasion", 1, 30.0, 700.0)};
  const auto text = comparison_text(procedures);
  EXPECT_NE(text.find("procedure      sessions"), std::string::npos) << text;
  EXPECT_NE(text.find("Microneedling  4 x 30 d"), std::string::npos) << text;
  EXPECT_NE(text.find("Dermabrasion   1 "), std::string::npos) << text;
  EXPECT_NE(text.find("Microneedling: 4 sessions 30 d apart; Dermabrasion: 1 session."), std::string::npos) << text;
  EXPECT_NE(text.find("> 275 [138 to > 275]"), std::string::npos) << text;     // downtime (d), cut off at day 275
  EXPECT_NE(text.find("> 6600 [3300 to > 6600]"), std::string::npos) << text;  // redness (h)
  EXPECT_NE(text.find("0.59 [0.43 to >99]"), std::string::npos) << text;
  EXPECT_NE(text.find("lower bound"), std::string::npos) << text;
  EXPECT_EQ(text.find("100 [100-100]"), std::string::npos) << text;
  EXPECT_EQ(text.find("x4"), std::string::npos) << text;

  const auto csv = comparison_csv(procedures);
  EXPECT_EQ(csv.rfind("procedure,label,sessions,downtime_d,", 0), 0U) << csv;
  EXPECT_NE(csv.find(",bleeding_probability_p95,interval_d\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("microneedling,\"Microneedling\",4,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",1,30\n"), std::string::npos) << csv;  // microneedling: bleeding p95, then 30 d
  EXPECT_EQ(csv.substr(csv.size() - 4), ",1,\n") << csv;     // dermabrasion: no interval for one session

  EXPECT_EQ(protocol_text(procedures[0].treatment), "4 sessions 30 d apart");
  EXPECT_EQ(protocol_text(procedures[1].treatment), "1 session");
}

TEST(CompareTable, WithoutARecordedCourseNoDurationIsMarkedAsCutOff) {
  auto r = procedure("microneedling", "Microneedling", 4, 30.0, 275.0 * 24.0);
  r.course.time_h.clear();  // where the simulated time ends is then unknown
  const auto text = response_text(r);
  EXPECT_EQ(text.find("> "), std::string::npos) << text;
  EXPECT_NE(text.find("bleeding probability         >99 %"), std::string::npos) << text;
}

}  // namespace
}  // namespace mnsim::io
