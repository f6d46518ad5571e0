#include "io/field_output.hpp"

#include <fmt/format.h>
#include <hdf5.h>

#include <array>
#include <cmath>
#include <fstream>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <utility>

#include "io/csv_writer.hpp"
#include "io/markup_escape.hpp"

namespace mnsim::io {

namespace fs = std::filesystem;

namespace {

// One lock for every HDF5 call of this file: correct also with an HDF5 built without its own
// thread safety, and it makes the error-printing switch below safe to flip.
std::mutex& hdf5_mutex() {
  static std::mutex mutex;
  return mutex;
}

// Holds the lock and stops HDF5 from printing its error stack to stderr: failures become
// exceptions that carry the innermost HDF5 message instead.
class Hdf5Guard {
 public:
  Hdf5Guard() : lock_(hdf5_mutex()) {
    H5Eget_auto2(H5E_DEFAULT, &print_, &print_data_);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  ~Hdf5Guard() { H5Eset_auto2(H5E_DEFAULT, print_, print_data_); }
  Hdf5Guard(const Hdf5Guard&) = delete;
  Hdf5Guard& operator=(const Hdf5Guard&) = delete;

 private:
  std::lock_guard<std::mutex> lock_;
  H5E_auto2_t print_ = nullptr;
  void* print_data_ = nullptr;
};

// The most specific message on the HDF5 error stack, e.g. the operating system's reason.
std::string hdf5_reason() {
  std::string reason;
  H5Ewalk2(
      H5E_DEFAULT, H5E_WALK_UPWARD,
      [](unsigned n, const H5E_error2_t* error, void* out) -> herr_t {
        if (n == 0 && error->desc != nullptr) *static_cast<std::string*>(out) = error->desc;
        return 0;
      },
      &reason);
  return reason;
}

[[noreturn]] void fail(const fs::path& file, std::string_view what) {
  const auto reason = hdf5_reason();
  throw std::runtime_error(fmt::format("{}: {} failed{}{}", file.string(), what, reason.empty() ? "" : ": ", reason));
}

void check(herr_t status, const fs::path& file, std::string_view what) {
  if (status < 0) fail(file, what);
}

// An HDF5 identifier that closes itself.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)), closer_(other.closer_) {}
  Handle& operator=(Handle&& other) noexcept {
    reset();
    id_ = std::exchange(other.id_, H5I_INVALID_HID);
    closer_ = other.closer_;
    return *this;
  }
  ~Handle() { reset(); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  [[nodiscard]] hid_t get() const { return id_; }
  // Closes now; the status matters for the file, whose close flushes it.
  herr_t reset() {
    const herr_t status = id_ >= 0 ? closer_(id_) : 0;
    id_ = H5I_INVALID_HID;
    return status;
  }

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

Handle opened(hid_t id, Handle::Closer closer, const fs::path& file, std::string_view what) {
  if (id < 0) fail(file, what);
  return {id, closer};
}

void write_double_attribute(hid_t object, const char* name, double value, const fs::path& file) {
  const auto space = opened(H5Screate(H5S_SCALAR), H5Sclose, file, "creating a scalar dataspace");
  const auto attribute = opened(H5Acreate2(object, name, H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                                H5Aclose, file, fmt::format("creating attribute {}", name));
  check(H5Awrite(attribute.get(), H5T_NATIVE_DOUBLE, &value), file, fmt::format("writing attribute {}", name));
}

void write_string_attribute(hid_t object, const char* name, std::string_view value, const fs::path& file) {
  const auto type = opened(H5Tcopy(H5T_C_S1), H5Tclose, file, "creating a string type");
  check(H5Tset_size(type.get(), value.size()), file, "sizing a string type");
  const auto space = opened(H5Screate(H5S_SCALAR), H5Sclose, file, "creating a scalar dataspace");
  const auto attribute = opened(H5Acreate2(object, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                                file, fmt::format("creating attribute {}", name));
  check(H5Awrite(attribute.get(), type.get(), value.data()), file, fmt::format("writing attribute {}", name));
}

void write_axis(hid_t group, const char* name, const std::vector<double>& nodes_um, const fs::path& file) {
  const hsize_t n = nodes_um.size();
  const auto space = opened(H5Screate_simple(1, &n, nullptr), H5Sclose, file, "creating a dataspace");
  const auto dataset =
      opened(H5Dcreate2(group, name, H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Dclose,
             file, fmt::format("creating dataset /grid/{}", name));
  check(H5Dwrite(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, nodes_um.data()), file,
        fmt::format("writing dataset /grid/{}", name));
  write_string_attribute(dataset.get(), "units", "um", file);
}

// gzip needs zlib in the HDF5 build, and the filter may be present for reading only.
bool deflate_available() {
  if (H5Zfilter_avail(H5Z_FILTER_DEFLATE) <= 0) return false;
  unsigned int config = 0;
  return H5Zget_filter_info(H5Z_FILTER_DEFLATE, &config) >= 0 && (config & H5Z_FILTER_CONFIG_ENCODE_ENABLED) != 0;
}

// Chunks of at most ~1 MiB (HDF5's default chunk cache), cut along z first, then y, then x, so
// that a reader wanting a few depth slices does not inflate the whole field.
std::array<hsize_t, 3> chunk_dims(std::array<hsize_t, 3> dims, std::size_t value_bytes) {
  constexpr hsize_t target_bytes = hsize_t{1} << 20;
  const auto bytes = [&] { return dims[0] * dims[1] * dims[2] * value_bytes; };
  for (auto& d : dims) {
    while (bytes() > target_bytes && d > 1) d = (d + 1) / 2;
  }
  return dims;
}

void check_axis(const std::vector<double>& nodes, char axis, const fs::path& file) {
  if (nodes.size() < 2) {
    throw std::runtime_error(
        fmt::format("{}: grid axis {} needs at least 2 nodes (cell faces), got {}", file.string(), axis, nodes.size()));
  }
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (!std::isfinite(nodes[i]) || (i > 0 && !(nodes[i] > nodes[i - 1]))) {
      throw std::runtime_error(
          fmt::format("{}: grid axis {}: nodes must be finite and strictly increasing, node {} is {}", file.string(),
                      axis, i, nodes[i]));
    }
  }
}

bool valid_field_name(std::string_view name) {
  const auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (name.empty() || !letter(name.front())) return false;
  for (const char c : name) {
    if (!letter(c) && !digit(c)) return false;
  }
  return true;
}

// Writes under a temporary name and renames, so the file is either absent or complete.
void write_file_atomically(const fs::path& file, const std::string& text) {
  auto partial = file;
  partial += ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) throw std::runtime_error(fmt::format("{}: cannot write the file", partial.string()));
  }
  std::error_code error;
  fs::rename(partial, file, error);
  if (error) {
    fs::remove(partial, error);
    throw std::runtime_error(fmt::format("{}: cannot move the finished file into place", file.string()));
  }
}

}  // namespace

std::size_t RectilinearGrid::cell_count() const {
  const auto cells = [](const std::vector<double>& nodes) { return nodes.empty() ? 0 : nodes.size() - 1; };
  return cells(x_nodes_um) * cells(y_nodes_um) * cells(z_nodes_um);
}

struct FieldWriter::State {
  struct Step {
    std::string group;
    double time_h = 0.0;
    std::vector<std::string> fields;
  };

  fs::path h5_path;
  fs::path xmf_path;
  RectilinearGrid grid;
  FieldPrecision precision = FieldPrecision::float64;
  bool compress = false;
  Handle file;
  std::vector<Step> steps;
  bool closed = false;

  // HDF5 and XDMF list dimensions slowest first: z, y, x.
  [[nodiscard]] std::array<hsize_t, 3> cell_dims() const {
    return {grid.z_nodes_um.size() - 1, grid.y_nodes_um.size() - 1, grid.x_nodes_um.size() - 1};
  }
  [[nodiscard]] std::size_t value_bytes() const { return precision == FieldPrecision::float32 ? 4 : 8; }

  void check_frame(const FieldFrame& frame) const;
  [[nodiscard]] std::string xmf_text() const;
};

void FieldWriter::State::check_frame(const FieldFrame& frame) const {
  const auto where = h5_path.string();
  if (!std::isfinite(frame.time_h)) {
    throw std::runtime_error(fmt::format("{}: frame time {} h is not a finite number", where, frame.time_h));
  }
  if (!steps.empty() && !(frame.time_h > steps.back().time_h)) {
    throw std::runtime_error(fmt::format("{}: frame time {} h does not come after the previous frame's {} h", where,
                                         frame.time_h, steps.back().time_h));
  }
  if (frame.cell_values.empty()) {
    throw std::runtime_error(fmt::format("{}: the frame at {} h has no fields", where, frame.time_h));
  }
  std::set<std::string_view> names;
  for (const auto& [name, values] : frame.cell_values) {
    if (!valid_field_name(name)) {
      throw std::runtime_error(
          fmt::format("{}: field name \"{}\" is not a letter or _ followed by letters, digits or _", where, name));
    }
    if (!names.insert(name).second) {
      throw std::runtime_error(
          fmt::format("{}: field \"{}\" appears twice in the frame at {} h", where, name, frame.time_h));
    }
    if (values.size() != grid.cell_count()) {
      const auto dims = cell_dims();
      throw std::runtime_error(fmt::format("{}: field \"{}\" has {} values, the grid has {} cells ({} x {} x {})",
                                           where, name, values.size(), grid.cell_count(), dims[2], dims[1], dims[0]));
    }
  }
}

std::string FieldWriter::State::xmf_text() const {
  const auto h5 = html_escape(h5_path.filename().string());
  const auto nx = grid.x_nodes_um.size();
  const auto ny = grid.y_nodes_um.size();
  const auto nz = grid.z_nodes_um.size();
  std::string out =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<Xdmf Version=\"3.0\">\n"
      "  <Domain>\n"
      "    <Grid Name=\"fields\" GridType=\"Collection\" CollectionType=\"Temporal\">\n";
  for (const auto& step : steps) {
    out += fmt::format(
        "      <Grid Name=\"{0}\" GridType=\"Uniform\">\n"
        "        <Time Value=\"{1}\"/>\n"
        "        <Topology TopologyType=\"3DRectMesh\" Dimensions=\"{2} {3} {4}\"/>\n"
        "        <Geometry GeometryType=\"VXVYVZ\">\n"
        "          <DataItem Dimensions=\"{4}\" NumberType=\"Float\" Precision=\"8\" "
        "Format=\"HDF\">{5}:/grid/x</DataItem>\n"
        "          <DataItem Dimensions=\"{3}\" NumberType=\"Float\" Precision=\"8\" "
        "Format=\"HDF\">{5}:/grid/y</DataItem>\n"
        "          <DataItem Dimensions=\"{2}\" NumberType=\"Float\" Precision=\"8\" "
        "Format=\"HDF\">{5}:/grid/z</DataItem>\n"
        "        </Geometry>\n",
        step.group, number_text(step.time_h), nz, ny, nx, h5);
    for (const auto& field : step.fields) {
      out += fmt::format(
          "        <Attribute Name=\"{0}\" AttributeType=\"Scalar\" Center=\"Cell\">\n"
          "          <DataItem Dimensions=\"{1} {2} {3}\" NumberType=\"Float\" Precision=\"{4}\" "
          "Format=\"HDF\">{5}:/{6}/{0}</DataItem>\n"
          "        </Attribute>\n",
          field, nz - 1, ny - 1, nx - 1, value_bytes(), h5, step.group);
    }
    out += "      </Grid>\n";
  }
  out +=
      "    </Grid>\n"
      "  </Domain>\n"
      "</Xdmf>\n";
  return out;
}

FieldWriter::FieldWriter(fs::path stem, RectilinearGrid grid, FieldPrecision precision)
    : state_(std::make_unique<State>()) {
  auto& s = *state_;
  s.h5_path = stem;
  s.h5_path += ".h5";
  s.xmf_path = std::move(stem);
  s.xmf_path += ".xmf";
  // XDMF separates the file name from the dataset path with ':'.
  if (s.h5_path.filename().string().find(':') != std::string::npos) {
    throw std::runtime_error(fmt::format("{}: a field file name cannot contain ':'", s.h5_path.string()));
  }
  check_axis(grid.x_nodes_um, 'x', s.h5_path);
  check_axis(grid.y_nodes_um, 'y', s.h5_path);
  check_axis(grid.z_nodes_um, 'z', s.h5_path);
  s.grid = std::move(grid);
  s.precision = precision;

  const Hdf5Guard guard;  // before the handles, so that they close under the lock if this throws
  s.compress = deflate_available();
  auto file = opened(H5Fcreate(s.h5_path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose, s.h5_path,
                     "creating the HDF5 file");
  {
    const auto group = opened(H5Gcreate2(file.get(), "grid", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose,
                              s.h5_path, "creating group /grid");
    write_axis(group.get(), "x", s.grid.x_nodes_um, s.h5_path);
    write_axis(group.get(), "y", s.grid.y_nodes_um, s.h5_path);
    write_axis(group.get(), "z", s.grid.z_nodes_um, s.h5_path);
    write_string_attribute(group.get(), "z_axis", "depth below the skin surface", s.h5_path);
  }
  check(H5Fflush(file.get(), H5F_SCOPE_LOCAL), s.h5_path, "flushing the file");
  s.file = std::move(file);
}

FieldWriter::~FieldWriter() {
  try {
    close();
  } catch (const std::exception&) {
    // Documented: a writer destroyed without close() cannot report; close() does.
  }
}

void FieldWriter::write(const FieldFrame& frame) {
  const Hdf5Guard guard;
  auto& s = *state_;
  if (s.closed) throw std::runtime_error(fmt::format("{}: write() after close()", s.h5_path.string()));
  s.check_frame(frame);

  State::Step step{fmt::format("step_{:06d}", s.steps.size()), frame.time_h, {}};
  const auto group = opened(H5Gcreate2(s.file.get(), step.group.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                            H5Gclose, s.h5_path, fmt::format("creating group /{}", step.group));
  write_double_attribute(group.get(), "time_h", frame.time_h, s.h5_path);

  const auto dims = s.cell_dims();
  const auto space = opened(H5Screate_simple(3, dims.data(), nullptr), H5Sclose, s.h5_path, "creating a dataspace");
  const auto create = opened(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, s.h5_path, "creating dataset properties");
  if (s.compress) {
    const auto chunk = chunk_dims(dims, s.value_bytes());
    check(H5Pset_chunk(create.get(), 3, chunk.data()), s.h5_path, "setting the chunk size");
    // Shuffling the bytes of floating-point numbers first makes gzip far more effective.
    check(H5Pset_shuffle(create.get()), s.h5_path, "setting the shuffle filter");
    check(H5Pset_deflate(create.get(), 4), s.h5_path, "setting gzip compression");
  }
  // HDF5 converts the doubles to the file type while writing.
  const hid_t file_type = s.precision == FieldPrecision::float32 ? H5T_IEEE_F32LE : H5T_IEEE_F64LE;
  for (const auto& [name, values] : frame.cell_values) {
    const auto path = fmt::format("/{}/{}", step.group, name);
    const auto dataset =
        opened(H5Dcreate2(group.get(), name.c_str(), file_type, space.get(), H5P_DEFAULT, create.get(), H5P_DEFAULT),
               H5Dclose, s.h5_path, fmt::format("creating dataset {}", path));
    check(H5Dwrite(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), s.h5_path,
          fmt::format("writing dataset {}", path));
    write_double_attribute(dataset.get(), "time_h", frame.time_h, s.h5_path);
    step.fields.push_back(name);
  }
  check(H5Fflush(s.file.get(), H5F_SCOPE_LOCAL), s.h5_path, "flushing the file");
  s.steps.push_back(std::move(step));
}

void FieldWriter::close() {
  const Hdf5Guard guard;
  auto& s = *state_;
  if (s.closed) return;
  s.closed = true;
  check(s.file.reset(), s.h5_path, "closing the HDF5 file");
  write_file_atomically(s.xmf_path, s.xmf_text());
}

const fs::path& FieldWriter::h5_path() const { return state_->h5_path; }
const fs::path& FieldWriter::xmf_path() const { return state_->xmf_path; }

}  // namespace mnsim::io
