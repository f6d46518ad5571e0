#pragma once
#include <vector>

namespace mnsim {

// Quantile q in [0, 1] of a sample, linear interpolation between order statistics
// (Hyndman-Fan type 7, the default of R and NumPy). The sample is taken by value and sorted.
double quantile(std::vector<double> sample, double q);

// Several quantiles of one sample with a single sort.
std::vector<double> quantiles(std::vector<double> sample, const std::vector<double>& qs);

}  // namespace mnsim
