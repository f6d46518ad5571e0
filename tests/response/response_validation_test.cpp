// Validation of the reduced tissue course against published courses
// (data/validation/healing_course.csv, a citation and a role on every row). Each row names a treatment case
// (loads.hpp) and a scalar output; the model must fall within [low, high] (an empty bound is open),
// except on a row whose known_miss gives the reason it misses: there it must miss, so a model that
// comes to reproduce it says so and the row is updated. Roller studies run the roller.
#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "core/csv_table.hpp"
#include "loads.hpp"
#include "response/uncertainty.hpp"
#include "test_support.hpp"

namespace mnsim::response {
namespace {

const std::map<std::string, std::function<std::vector<SessionInput>()>>& cases() {
  static const std::map<std::string, std::function<std::vector<SessionInput>()>> c{
      {"small_array", [] { return test::protocol(test::small_array(), 1, 0); }},
      {"fractional_laser_zones", [] { return test::protocol(test::fractional_laser_zones(), 1, 0); }},
      {"pen_0.25", [] { return test::protocol(test::pen(0.25), 1, 0); }},
      {"pen_0.5", [] { return test::protocol(test::pen(0.5), 1, 0); }},
      {"pen_1.5", [] { return test::protocol(test::pen(1.5), 1, 0); }},
      {"roller_1.5", [] { return test::protocol(test::home_roller(1.5), 1, 0); }},
      {"roller_1.5_5x30d", [] { return test::protocol(test::home_roller(1.5), 5, 30); }},
      {"pen_1.5_4x30d", [] { return test::protocol(test::pen(1.5), 4, 30); }},
      {"roller_1.5_6x14d", [] { return test::protocol(test::home_roller(1.5), 6, 14); }},
      {"dermabrasion", [] { return test::protocol(test::dermabrasion(), 1, 0); }},
  };
  return c;
}

TEST(ResponseValidation, CourseMatchesPublishedObservations) {
  const PatientFactors person{.age_y = 35, .fitzpatrick = 3};
  const CourseParameters p;
  int checked = 0;
  int known_misses = 0;
  read_csv_table<9>(
      test::data_dir() / "validation" / "healing_course.csv",
      {"case", "quantity", "low", "high", "reported", "source", "tag", "role", "known_miss"},
      [&](const auto& f, const CsvRowContext& where) {
        ASSERT_TRUE(cases().contains(f[0])) << where.line << ": unknown case " << f[0];
        ASSERT_FALSE(f[5].empty()) << where.line << ": row without a source";
        // The role of the row's comparison in data/validation/comparisons/ (README there).
        ASSERT_TRUE(f[7] == "calibration" || f[7] == "validation") << where.line << ": role " << f[7];
        const auto metrics = simulate_course(cases().at(f[0])(), person, p).metrics;
        double model = -1.0;
        for (const auto& [name, value] : scalar_metrics(metrics)) {
          if (name == f[1]) model = value;
        }
        ASSERT_GE(model, 0.0) << where.line << ": unknown quantity " << f[1];
        const auto low = csv_optional_number(f[2], where, "low");
        const auto high = csv_optional_number(f[3], where, "high");
        const bool within = (!low || model >= *low) && (!high || model <= *high);
        if (!f[8].empty()) {
          EXPECT_FALSE(within) << "healing_course.csv line " << where.line << ": " << f[0] << " " << f[1] << " = "
                               << model << " is now within its bounds: clear known_miss";
          ++known_misses;
        } else {
          if (low) {
            EXPECT_GE(model, *low) << "healing_course.csv line " << where.line << ": " << f[0] << " " << f[1];
          }
          if (high) {
            EXPECT_LE(model, *high) << "healing_course.csv line " << where.line << ": " << f[0] << " " << f[1];
          }
        }
        ++checked;
      });
  EXPECT_GE(checked, 15);
  EXPECT_LE(known_misses, 2);
}

}  // namespace
}  // namespace mnsim::response
