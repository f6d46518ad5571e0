#include "app/validation_criteria.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "core/csv_table.hpp"
#include "core/error.hpp"

namespace mnsim::app {

namespace {

CriterionMetric parse_metric(const std::string& text, const CsvRowContext& where) {
  for (const auto metric : {CriterionMetric::pass_share, CriterionMetric::within_fold_share,
                            CriterionMetric::measured_in_range_share, CriterionMetric::rmse_log10}) {
    if (text == metric_name(metric)) return metric;
  }
  throw DataError(
      fmt::format("{}:{}: column metric: unknown metric \"{}\" (pass_share, within_fold_share, "
                  "measured_in_range_share or rmse_log10)",
                  where.file, where.line, text));
}

constexpr std::string_view module_tag = "module:", quantity_tag = "quantity:";

// An id prefix, or `quantity:` and a part of the row's quantity path.
bool matches_row(const std::string& selector, const ValidationResult& r) {
  if (selector.starts_with(quantity_tag))
    return r.quantity.find(selector.substr(quantity_tag.size())) != std::string::npos;
  return r.about.id.starts_with(selector);
}

// A validation row counts when its module is one of the criterion's `module:` selectors (any
// module if it has none), it matches one of its other selectors (any row if it has none) and it
// matches no excluding selector.
bool counted(const Criterion& c, const ValidationResult& r) {
  if (r.about.role != Role::validation) return false;
  bool any_module = false, module_ok = false, any_row = false, row_ok = false;
  for (const auto& s : c.include) {
    if (s.starts_with(module_tag)) {
      any_module = true;
      module_ok = module_ok || r.about.module == s.substr(module_tag.size());
    } else {
      any_row = true;
      row_ok = row_ok || matches_row(s, r);
    }
  }
  const bool excluded = std::any_of(c.exclude.begin(), c.exclude.end(), [&](const std::string& s) {
    return s.starts_with(module_tag) ? r.about.module == s.substr(module_tag.size()) : matches_row(s, r);
  });
  return (!any_module || module_ok) && (!any_row || row_ok) && !excluded;
}

bool has_central_value(const ValidationResult& r) {
  return r.measured && *r.measured > 0.0 && r.predicted.median > 0.0 && r.band.rule != "category" &&
         r.band.rule != "upper_bound" && r.band.rule != "lower_bound";
}

}  // namespace

const char* metric_name(CriterionMetric metric) {
  switch (metric) {
    case CriterionMetric::pass_share:
      return "pass_share";
    case CriterionMetric::within_fold_share:
      return "within_fold_share";
    case CriterionMetric::measured_in_range_share:
      return "measured_in_range_share";
    case CriterionMetric::rmse_log10:
      return "rmse_log10";
  }
  return "pass_share";
}

std::vector<Criterion> read_criteria(const std::filesystem::path& file) {
  std::vector<Criterion> out;
  read_csv_table<9>(
      file,
      std::array<const char*, 9>{"id", "issue", "statement", "metric", "rows", "fold", "target", "min_rows", "source"},
      [&](const auto& f, const CsvRowContext& where) {
        Criterion c{.id = f[0], .issue = f[1], .statement = f[2], .metric = parse_metric(f[3], where)};
        std::size_t start = 0;
        while (start <= f[4].size()) {
          const auto end = std::min(f[4].find('|', start), f[4].size());
          const auto token = f[4].substr(start, end - start);
          if (token.size() > 1 && token.front() == '!') {
            c.exclude.push_back(token.substr(1));
          } else if (!token.empty() && token.front() != '!') {
            c.include.push_back(token);
          }
          start = end + 1;
        }
        if (c.id.empty() || c.statement.empty() || f[8].empty())
          throw DataError(
              fmt::format("{}:{}: every criterion has an id, a statement and a source", where.file, where.line));
        if (c.include.empty())
          throw DataError(
              fmt::format("{}:{}: column rows: no rows selected (module:<name> or id prefixes, "
                          "separated by |; !prefix excludes)",
                          where.file, where.line));
        c.fold = csv_optional_number(f[5], where, "fold").value_or(0.0);
        if (c.metric == CriterionMetric::within_fold_share && !(c.fold > 1.0))
          throw DataError(
              fmt::format("{}:{}: column fold: within_fold_share needs a fold above 1", where.file, where.line));
        c.target = csv_number(f[6], where, "target");
        c.min_rows = static_cast<int>(csv_optional_number(f[7], where, "min_rows").value_or(0.0));
        c.source = f[8];
        out.push_back(std::move(c));
      });
  return out;
}

std::vector<CriterionResult> evaluate_criteria(const std::vector<Criterion>& criteria,
                                               const std::vector<ValidationResult>& results) {
  std::vector<CriterionResult> out;
  for (const auto& c : criteria) {
    CriterionResult result{.criterion = c};
    double sum = 0.0;
    for (const auto& r : results) {
      if (!counted(c, r)) continue;
      switch (c.metric) {
        case CriterionMetric::pass_share:
          sum += r.pass ? 1.0 : 0.0;
          break;
        case CriterionMetric::within_fold_share:
          if (!has_central_value(r)) continue;
          sum += std::max(r.predicted.median / *r.measured, *r.measured / r.predicted.median) <= c.fold ? 1.0 : 0.0;
          break;
        case CriterionMetric::measured_in_range_share:
          if (!r.measured || r.band.rule == "category") continue;
          sum += *r.measured >= r.predicted.p5 && *r.measured <= r.predicted.p95 ? 1.0 : 0.0;
          break;
        case CriterionMetric::rmse_log10: {
          if (!has_central_value(r)) continue;
          const double e = std::log10(r.predicted.median / *r.measured);
          sum += e * e;
          break;
        }
      }
      ++result.rows;
    }
    if (result.rows > 0) {
      const double mean = sum / result.rows;
      result.value = c.metric == CriterionMetric::rmse_log10 ? std::sqrt(mean) : mean;
      const bool reached =
          c.metric == CriterionMetric::rmse_log10 ? *result.value <= c.target : *result.value >= c.target;
      result.holds = reached && result.rows >= c.min_rows;
    }
    out.push_back(std::move(result));
  }
  return out;
}

}  // namespace mnsim::app
