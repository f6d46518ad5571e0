#pragma once
// 3-D cell fields on a rectilinear grid over time, written as HDF5 (the numbers) plus an XDMF file
// (the description ParaView opens). Layout of both files: docs/outputs.md, "Fields".
#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace mnsim::io {

// Cell faces (nodes) along each axis in micrometres, strictly increasing, at least two per axis;
// an axis with n nodes has n - 1 cells. z is depth below the skin surface (it grows into the
// skin). Spacing may be non-uniform.
struct RectilinearGrid {
  std::vector<double> x_nodes_um, y_nodes_um, z_nodes_um;

  // (nx - 1)(ny - 1)(nz - 1)
  [[nodiscard]] std::size_t cell_count() const;
};

// The fields at one output time. Each value array holds one number per cell, x fastest, then y,
// then z (index = i + nx_cells * (j + ny_cells * k)), cell_count() numbers in all. Names are
// [A-Za-z_][A-Za-z0-9_]* and carry their unit, e.g. concentration_ug_per_cm3.
struct FieldFrame {
  double time_h = 0.0;
  std::vector<std::pair<std::string, std::span<const double>>> cell_values;
};

// How the values are stored: float32 halves the file size at about 7 significant digits.
// The grid is always stored in double precision.
enum class FieldPrecision { float64, float32 };

// Writes <stem>.h5 and, at close(), <stem>.xmf. Frames must come in strictly increasing time.
// The .xmf refers to the .h5 by file name only, so the pair can be moved together (the run
// directory is renamed when a run succeeds). Every failure throws std::runtime_error naming the
// file; a frame refused for its content (time, names, sizes) leaves the files as they were.
// Calls from several threads, on one writer or on several, are serialised.
class FieldWriter {
 public:
  FieldWriter(std::filesystem::path stem, RectilinearGrid grid, FieldPrecision precision = FieldPrecision::float64);
  // Closes if close() was not called, swallowing errors: call close() to learn about them.
  ~FieldWriter();
  FieldWriter(const FieldWriter&) = delete;
  FieldWriter& operator=(const FieldWriter&) = delete;

  void write(const FieldFrame& frame);
  // Closes the .h5 and writes the .xmf (to a temporary name, then renamed, so that no reader
  // ever sees a partial XML file). Further calls do nothing; write() after close() throws.
  void close();

  [[nodiscard]] const std::filesystem::path& h5_path() const;
  [[nodiscard]] const std::filesystem::path& xmf_path() const;

 private:
  struct State;  // keeps hdf5.h out of this header
  std::unique_ptr<State> state_;
};

}  // namespace mnsim::io
