// 3-D fields written as HDF5 + XDMF read back exactly, and the XDMF describes what the HDF5 holds.
#include "io/field_output.hpp"

#include <gtest/gtest.h>
#include <hdf5.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "test_support.hpp"

namespace mnsim::io {
namespace {

namespace fs = std::filesystem;

// ---- reading HDF5 back with the C API -------------------------------------------------------

class H5Reader {
 public:
  explicit H5Reader(const fs::path& file) : id_(H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT)) {
    if (id_ < 0) throw std::runtime_error("cannot open " + file.string());
  }
  ~H5Reader() { H5Fclose(id_); }
  H5Reader(const H5Reader&) = delete;
  H5Reader& operator=(const H5Reader&) = delete;

  // True when every link along the absolute path exists.
  [[nodiscard]] bool has(const std::string& path) const {
    for (auto slash = path.find('/', 1);; slash = path.find('/', slash + 1)) {
      if (H5Lexists(id_, path.substr(0, slash).c_str(), H5P_DEFAULT) <= 0) return false;
      if (slash == std::string::npos) return true;
    }
  }

  [[nodiscard]] std::vector<hsize_t> dims(const std::string& path) const {
    const hid_t dataset = open(path);
    const hid_t space = H5Dget_space(dataset);
    std::vector<hsize_t> out(static_cast<std::size_t>(H5Sget_simple_extent_ndims(space)));
    H5Sget_simple_extent_dims(space, out.data(), nullptr);
    H5Sclose(space);
    H5Dclose(dataset);
    return out;
  }

  // Bytes per value as stored in the file.
  [[nodiscard]] std::size_t stored_size(const std::string& path) const {
    const hid_t dataset = open(path);
    const hid_t type = H5Dget_type(dataset);
    const std::size_t size = H5Tget_size(type);
    H5Tclose(type);
    H5Dclose(dataset);
    return size;
  }

  template <typename T>
  [[nodiscard]] std::vector<T> read(const std::string& path) const {
    std::size_t n = 1;
    for (const auto d : dims(path)) n *= d;
    std::vector<T> out(n);
    const hid_t dataset = open(path);
    const hid_t memory_type = sizeof(T) == 4 ? H5T_NATIVE_FLOAT : H5T_NATIVE_DOUBLE;
    const herr_t status = H5Dread(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data());
    H5Dclose(dataset);
    if (status < 0) throw std::runtime_error("cannot read " + path);
    return out;
  }

  [[nodiscard]] double attribute(const std::string& object, const char* name) const {
    const hid_t attribute = H5Aopen_by_name(id_, object.c_str(), name, H5P_DEFAULT, H5P_DEFAULT);
    if (attribute < 0) throw std::runtime_error("no attribute " + object + " " + name);
    double value = NAN;
    H5Aread(attribute, H5T_NATIVE_DOUBLE, &value);
    H5Aclose(attribute);
    return value;
  }

  // Layout and filters of a dataset: {chunked, gzip}.
  [[nodiscard]] std::pair<bool, bool> chunked_and_gzip(const std::string& path) const {
    const hid_t dataset = open(path);
    const hid_t create = H5Dget_create_plist(dataset);
    const bool chunked = H5Pget_layout(create) == H5D_CHUNKED;
    unsigned flags = 0;
    std::size_t n_values = 0;
    const bool gzip =
        H5Pget_filter_by_id2(create, H5Z_FILTER_DEFLATE, &flags, &n_values, nullptr, 0, nullptr, nullptr) >= 0;
    H5Pclose(create);
    H5Dclose(dataset);
    return {chunked, gzip};
  }

 private:
  [[nodiscard]] hid_t open(const std::string& path) const {
    const hid_t dataset = H5Dopen2(id_, path.c_str(), H5P_DEFAULT);
    if (dataset < 0) throw std::runtime_error("no dataset " + path);
    return dataset;
  }
  hid_t id_;
};

bool hdf5_can_gzip() {
  unsigned config = 0;
  return H5Zfilter_avail(H5Z_FILTER_DEFLATE) > 0 && H5Zget_filter_info(H5Z_FILTER_DEFLATE, &config) >= 0 &&
         (config & H5Z_FILTER_CONFIG_ENCODE_ENABLED) != 0;
}

// ---- a minimal XML parser: the subset the writer emits, anything malformed throws ------------

struct XmlElement {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::string text;
  std::vector<XmlElement> children;

  [[nodiscard]] std::vector<const XmlElement*> all(const std::string& child) const {
    std::vector<const XmlElement*> out;
    for (const auto& c : children) {
      if (c.name == child) out.push_back(&c);
    }
    return out;
  }
  [[nodiscard]] const XmlElement& one(const std::string& child) const {
    const auto found = all(child);
    if (found.size() != 1) throw std::runtime_error("expected one <" + child + "> in <" + name + ">");
    return *found.front();
  }
  [[nodiscard]] const std::string& at(const std::string& attribute) const {
    const auto it = attributes.find(attribute);
    if (it == attributes.end()) throw std::runtime_error("<" + name + "> lacks " + attribute);
    return it->second;
  }
};

class XmlParser {
 public:
  explicit XmlParser(std::string text) : s_(std::move(text)) {}

  XmlElement document() {
    skip_space();
    if (s_.compare(pos_, 5, "<?xml") == 0) {
      pos_ = s_.find("?>", pos_);
      if (pos_ == std::string::npos) throw std::runtime_error("unterminated declaration");
      pos_ += 2;
    }
    skip_space();
    auto root = element();
    skip_space();
    if (pos_ != s_.size()) throw std::runtime_error("content after the root element");
    return root;
  }

 private:
  XmlElement element() {
    expect('<');
    XmlElement e{name(), {}, {}, {}};
    for (;;) {
      skip_space();
      if (s_.compare(pos_, 2, "/>") == 0) {
        pos_ += 2;
        return e;
      }
      if (peek() == '>') break;
      const auto key = name();
      expect('=');
      expect('"');
      const auto end = s_.find('"', pos_);
      if (end == std::string::npos) throw std::runtime_error("unterminated attribute");
      e.attributes[key] = s_.substr(pos_, end - pos_);
      pos_ = end + 1;
    }
    expect('>');
    for (;;) {
      if (s_.compare(pos_, 2, "</") == 0) {
        pos_ += 2;
        if (name() != e.name) throw std::runtime_error("mismatched end tag of <" + e.name + ">");
        expect('>');
        return e;
      }
      if (peek() == '<') {
        e.children.push_back(element());
      } else {
        e.text += s_[pos_++];
      }
    }
  }
  std::string name() {
    const auto start = pos_;
    while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) != 0 || s_[pos_] == '_')) ++pos_;
    if (pos_ == start) throw std::runtime_error("expected a name");
    return s_.substr(start, pos_ - start);
  }
  [[nodiscard]] char peek() const {
    if (pos_ >= s_.size()) throw std::runtime_error("unexpected end of document");
    return s_[pos_];
  }
  void expect(char c) {
    if (peek() != c) throw std::runtime_error(std::string("expected ") + c);
    ++pos_;
  }
  void skip_space() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_])) != 0) ++pos_;
  }

  std::string s_;
  std::size_t pos_ = 0;
};

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<hsize_t> parse_dims(const std::string& text) {
  std::istringstream in(text);
  std::vector<hsize_t> out;
  for (hsize_t d = 0; in >> d;) out.push_back(d);
  return out;
}

double parse_double(const std::string& text) {
  double value = NAN;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) throw std::runtime_error("not a number: " + text);
  return value;
}

// ---- the fixture: a small non-uniform grid, two fields, two times ----------------------------

RectilinearGrid small_grid() {
  return {.x_nodes_um = {0.0, 10.0, 25.0, 45.0},      // 3 cells
          .y_nodes_um = {-5.0, 5.0, 15.5},            // 2 cells
          .z_nodes_um = {0.0, 1.0, 3.0, 7.0, 15.0}};  // 4 cells, finer near the surface
}

// Distinct, non-representable-in-float values so that any reordering or precision loss shows.
std::vector<double> field_values(std::size_t n, double seed) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = seed + std::sqrt(static_cast<double>(i) + 2.0) / 3.0;
  return v;
}

struct Written {
  std::vector<double> times_h{0.5, 2.25};
  std::vector<std::vector<double>> concentration, damage;  // per time
};

Written write_small(const fs::path& stem, FieldPrecision precision) {
  const auto grid = small_grid();
  Written w;
  FieldWriter writer(stem, grid, precision);
  for (std::size_t t = 0; t < w.times_h.size(); ++t) {
    w.concentration.push_back(field_values(grid.cell_count(), 10.0 * static_cast<double>(t)));
    w.damage.push_back(field_values(grid.cell_count(), -1.0 - static_cast<double>(t)));
    writer.write(
        {.time_h = w.times_h[t],
         .cell_values = {{"concentration_ug_per_cm3", w.concentration.back()}, {"damage_fraction", w.damage.back()}}});
  }
  writer.close();
  return w;
}

TEST(FieldWriter, GridAndFieldsReadBackExactly) {
  const auto dir = test::scratch_dir("fields-f64");
  const auto w = write_small(dir / "fields", FieldPrecision::float64);
  const auto grid = small_grid();

  const H5Reader h5(dir / "fields.h5");
  EXPECT_EQ(h5.read<double>("/grid/x"), grid.x_nodes_um);
  EXPECT_EQ(h5.read<double>("/grid/y"), grid.y_nodes_um);
  EXPECT_EQ(h5.read<double>("/grid/z"), grid.z_nodes_um);
  for (std::size_t t = 0; t < w.times_h.size(); ++t) {
    const std::string step = "/step_00000" + std::to_string(t);
    EXPECT_EQ(h5.attribute(step, "time_h"), w.times_h[t]);
    for (const auto& [name, values] : {std::pair{std::string("concentration_ug_per_cm3"), w.concentration[t]},
                                       std::pair{std::string("damage_fraction"), w.damage[t]}}) {
      const auto path = step + "/" + name;
      // Slowest first: z, y, x cells; x varies fastest in the flat array.
      EXPECT_EQ(h5.dims(path), (std::vector<hsize_t>{4, 2, 3})) << path;
      EXPECT_EQ(h5.stored_size(path), 8U) << path;
      EXPECT_EQ(h5.read<double>(path), values) << path;
      EXPECT_EQ(h5.attribute(path, "time_h"), w.times_h[t]) << path;
    }
  }
  EXPECT_FALSE(h5.has("/step_000002"));
  fs::remove_all(dir);
}

TEST(FieldWriter, SinglePrecisionStoresTheFloatOfEachValue) {
  const auto dir = test::scratch_dir("fields-f32");
  const auto w = write_small(dir / "fields", FieldPrecision::float32);
  const H5Reader h5(dir / "fields.h5");
  const std::string path = "/step_000001/damage_fraction";
  EXPECT_EQ(h5.stored_size(path), 4U);
  EXPECT_EQ(h5.stored_size("/grid/z"), 8U);  // the grid keeps double precision
  std::vector<float> expected;
  for (const double v : w.damage[1]) expected.push_back(static_cast<float>(v));
  EXPECT_EQ(h5.read<float>(path), expected);
  EXPECT_EQ(h5.read<double>("/grid/z"), small_grid().z_nodes_um);
  fs::remove_all(dir);
}

TEST(FieldWriter, FieldsAreChunkedAndGzippedWhenHdf5CanCompress) {
  const auto dir = test::scratch_dir("fields-gzip");
  write_small(dir / "fields", FieldPrecision::float64);
  const H5Reader h5(dir / "fields.h5");
  const auto [chunked, gzip] = h5.chunked_and_gzip("/step_000000/concentration_ug_per_cm3");
  EXPECT_EQ(chunked, hdf5_can_gzip());
  EXPECT_EQ(gzip, hdf5_can_gzip());
  fs::remove_all(dir);
}

// Checks one <DataItem> against the HDF5 file: relative file name, existing dataset, same shape and precision.
void expect_item_matches(const XmlElement& item, const H5Reader& h5, const std::string& expected_path) {
  const auto& text = item.text;
  const auto colon = text.find(':');
  ASSERT_NE(colon, std::string::npos) << text;
  EXPECT_EQ(text.substr(0, colon), "fields.h5");  // relative, so the run directory can move
  const auto path = text.substr(colon + 1);
  EXPECT_EQ(path, expected_path);
  ASSERT_TRUE(h5.has(path)) << path;
  EXPECT_EQ(item.at("Format"), "HDF");
  EXPECT_EQ(item.at("NumberType"), "Float");
  EXPECT_EQ(parse_dims(item.at("Dimensions")), h5.dims(path)) << path;
  EXPECT_EQ(item.at("Precision"), std::to_string(h5.stored_size(path))) << path;
}

void expect_xdmf_describes_h5(const fs::path& dir, const Written& w, FieldPrecision precision) {
  const auto text = read_text(dir / "fields.xmf");
  const auto root = XmlParser(text).document();
  const H5Reader h5(dir / "fields.h5");
  EXPECT_EQ(root.name, "Xdmf");
  EXPECT_EQ(root.at("Version").front(), '3');
  const auto& collection = root.one("Domain").one("Grid");
  EXPECT_EQ(collection.at("GridType"), "Collection");
  EXPECT_EQ(collection.at("CollectionType"), "Temporal");
  const auto grids = collection.all("Grid");
  ASSERT_EQ(grids.size(), w.times_h.size());
  for (std::size_t t = 0; t < grids.size(); ++t) {
    const auto& g = *grids[t];
    const std::string step = "step_00000" + std::to_string(t);
    EXPECT_EQ(g.at("GridType"), "Uniform");
    EXPECT_EQ(parse_double(g.one("Time").at("Value")), w.times_h[t]);
    EXPECT_EQ(g.one("Topology").at("TopologyType"), "3DRectMesh");
    EXPECT_EQ(parse_dims(g.one("Topology").at("Dimensions")), (std::vector<hsize_t>{5, 3, 4}));  // nodes z y x
    const auto& geometry = g.one("Geometry");
    EXPECT_EQ(geometry.at("GeometryType"), "VXVYVZ");
    const auto axes = geometry.all("DataItem");
    ASSERT_EQ(axes.size(), 3U);
    expect_item_matches(*axes[0], h5, "/grid/x");
    expect_item_matches(*axes[1], h5, "/grid/y");
    expect_item_matches(*axes[2], h5, "/grid/z");
    const auto attributes = g.all("Attribute");
    ASSERT_EQ(attributes.size(), 2U);
    const std::vector<std::string> names{"concentration_ug_per_cm3", "damage_fraction"};
    for (std::size_t a = 0; a < attributes.size(); ++a) {
      EXPECT_EQ(attributes[a]->at("Name"), names[a]);
      EXPECT_EQ(attributes[a]->at("Center"), "Cell");
      EXPECT_EQ(attributes[a]->at("AttributeType"), "Scalar");
      const auto& item = attributes[a]->one("DataItem");
      expect_item_matches(item, h5, "/" + step + "/" + names[a]);
      EXPECT_EQ(parse_dims(item.at("Dimensions")), (std::vector<hsize_t>{4, 2, 3}));  // cells z y x
      EXPECT_EQ(item.at("Precision"), precision == FieldPrecision::float32 ? "4" : "8");
    }
  }
}

TEST(FieldWriter, XdmfIsWellFormedAndPointsAtTheDatasets) {
  for (const auto precision : {FieldPrecision::float64, FieldPrecision::float32}) {
    const auto dir = test::scratch_dir("fields-xmf");
    const auto w = write_small(dir / "fields", precision);
    expect_xdmf_describes_h5(dir, w, precision);
    EXPECT_FALSE(fs::exists(dir / "fields.xmf.partial"));
    fs::remove_all(dir);
  }
}

TEST(FieldWriter, TheXmlCheckerRejectsATruncatedFile) {
  const auto dir = test::scratch_dir("fields-truncated");
  write_small(dir / "fields", FieldPrecision::float64);
  const auto text = read_text(dir / "fields.xmf");
  EXPECT_NO_THROW(XmlParser(text).document());
  EXPECT_THROW(XmlParser(text.substr(0, text.size() / 2)).document(), std::runtime_error);
  EXPECT_THROW(XmlParser(text.substr(0, text.size() - 3)).document(), std::runtime_error);
  fs::remove_all(dir);
}

TEST(FieldWriter, TheXmfAppearsAtCloseAndTheDestructorCloses) {
  const auto dir = test::scratch_dir("fields-close");
  const auto grid = small_grid();
  const auto values = field_values(grid.cell_count(), 1.0);
  {
    FieldWriter writer(dir / "fields", grid);
    writer.write({.time_h = 1.0, .cell_values = {{"c", values}}});
    EXPECT_TRUE(fs::exists(dir / "fields.h5"));
    EXPECT_FALSE(fs::exists(dir / "fields.xmf"));
  }
  EXPECT_NO_THROW(XmlParser(read_text(dir / "fields.xmf")).document());
  EXPECT_EQ(H5Reader(dir / "fields.h5").read<double>("/step_000000/c"), values);
  fs::remove_all(dir);
}

TEST(FieldWriter, CloseTwiceIsHarmlessAndWriteAfterCloseIsRefused) {
  const auto dir = test::scratch_dir("fields-closed");
  const auto grid = small_grid();
  const auto values = field_values(grid.cell_count(), 1.0);
  FieldWriter writer(dir / "fields", grid);
  writer.write({.time_h = 1.0, .cell_values = {{"c", values}}});
  writer.close();
  EXPECT_NO_THROW(writer.close());
  EXPECT_THROW(writer.write({.time_h = 2.0, .cell_values = {{"c", values}}}), std::runtime_error);
  fs::remove_all(dir);
}

TEST(FieldWriter, PathsAppendTheSuffixesToTheWholeStem) {
  const auto dir = test::scratch_dir("fields-stem");
  FieldWriter writer(dir / "fields.v2", small_grid());
  EXPECT_EQ(writer.h5_path(), dir / "fields.v2.h5");
  EXPECT_EQ(writer.xmf_path(), dir / "fields.v2.xmf");
  writer.close();
  EXPECT_TRUE(fs::exists(dir / "fields.v2.h5"));
  EXPECT_TRUE(fs::exists(dir / "fields.v2.xmf"));
  fs::remove_all(dir);
}

// The message names the file and the problem.
template <typename F>
void expect_refused(F&& f, const fs::path& file, const std::string& fragment) {
  try {
    f();
    ADD_FAILURE() << "not refused: " << fragment;
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(file.string()), std::string::npos) << message;
    EXPECT_NE(message.find(fragment), std::string::npos) << message;
  }
}

TEST(FieldWriter, AFieldOfTheWrongSizeIsRefusedAndLeavesNoTrace) {
  const auto dir = test::scratch_dir("fields-size");
  const auto grid = small_grid();
  const auto right = field_values(grid.cell_count(), 1.0);
  const auto short_by_one = field_values(grid.cell_count() - 1, 1.0);
  {
    FieldWriter writer(dir / "fields", grid);
    expect_refused(
        [&] {
          writer.write({.time_h = 1.0, .cell_values = {{"a", right}, {"b", short_by_one}}});
        },
        dir / "fields.h5", "field \"b\" has 23 values, the grid has 24 cells (3 x 2 x 4)");
    writer.write({.time_h = 1.0, .cell_values = {{"a", right}}});
    writer.close();
  }
  const H5Reader h5(dir / "fields.h5");
  EXPECT_TRUE(h5.has("/step_000000/a"));
  EXPECT_FALSE(h5.has("/step_000000/b"));
  EXPECT_FALSE(h5.has("/step_000001"));
  EXPECT_EQ(h5.read<double>("/step_000000/a"), right);
  fs::remove_all(dir);
}

TEST(FieldWriter, MalformedFramesAreRefused) {
  const auto dir = test::scratch_dir("fields-frames");
  const auto grid = small_grid();
  const auto v = field_values(grid.cell_count(), 1.0);
  const auto h5 = dir / "fields.h5";
  FieldWriter writer(dir / "fields", grid);
  expect_refused([&] { writer.write({.time_h = 1.0, .cell_values = {}}); }, h5, "no fields");
  expect_refused([&] { writer.write({.time_h = NAN, .cell_values = {{"a", v}}}); }, h5, "not a finite number");
  expect_refused([&] { writer.write({.time_h = 1.0, .cell_values = {{"a", v}, {"a", v}}}); }, h5, "appears twice");
  for (const std::string bad : {"", "1a", "a/b", "a b", "a<b", "."}) {
    expect_refused([&] { writer.write({.time_h = 1.0, .cell_values = {{bad, v}}}); }, h5, "field name");
  }
  writer.write({.time_h = 1.0, .cell_values = {{"a", v}}});
  expect_refused([&] { writer.write({.time_h = 1.0, .cell_values = {{"a", v}}}); }, h5, "does not come after");
  expect_refused([&] { writer.write({.time_h = 0.5, .cell_values = {{"a", v}}}); }, h5, "does not come after");
  writer.write({.time_h = 1.5, .cell_values = {{"a", v}}});
  writer.close();
  EXPECT_EQ(XmlParser(read_text(dir / "fields.xmf")).document().one("Domain").one("Grid").all("Grid").size(), 2U);
  fs::remove_all(dir);
}

TEST(FieldWriter, MalformedGridsAreRefusedBeforeAnyFileIsCreated) {
  const auto dir = test::scratch_dir("fields-grid");
  const auto h5 = dir / "fields.h5";
  auto grid = small_grid();
  grid.y_nodes_um = {3.0};
  expect_refused([&] { FieldWriter(dir / "fields", grid); }, h5, "axis y needs at least 2 nodes");
  grid = small_grid();
  grid.z_nodes_um = {0.0, 2.0, 2.0};
  expect_refused([&] { FieldWriter(dir / "fields", grid); }, h5, "axis z");
  grid = small_grid();
  grid.x_nodes_um = {0.0, NAN};
  expect_refused([&] { FieldWriter(dir / "fields", grid); }, h5, "axis x");
  EXPECT_FALSE(fs::exists(h5));
  fs::remove_all(dir);
}

TEST(FieldWriter, AFileThatCannotBeCreatedIsReportedByName) {
  const auto dir = test::scratch_dir("fields-nodir");
  const auto missing = dir / "no-such-directory" / "fields";
  expect_refused([&] { FieldWriter(missing, small_grid()); }, dir / "no-such-directory" / "fields.h5",
                 "creating the HDF5 file failed");
  expect_refused([&] { FieldWriter(dir / "a:b", small_grid()); }, dir / "a:b.h5", "cannot contain ':'");
  fs::remove_all(dir);
}

TEST(FieldWriter, OneCellGrid) {
  const auto dir = test::scratch_dir("fields-one");
  const RectilinearGrid grid{.x_nodes_um = {0.0, 1.0}, .y_nodes_um = {0.0, 2.0}, .z_nodes_um = {0.0, 0.5}};
  ASSERT_EQ(grid.cell_count(), 1U);
  const std::vector<double> value{0.1};
  {
    FieldWriter writer(dir / "fields", grid);
    writer.write({.time_h = 0.0, .cell_values = {{"c", value}}});
    writer.close();
  }
  const H5Reader h5(dir / "fields.h5");
  EXPECT_EQ(h5.dims("/step_000000/c"), (std::vector<hsize_t>{1, 1, 1}));
  EXPECT_EQ(h5.read<double>("/step_000000/c"), value);
  const auto root = XmlParser(read_text(dir / "fields.xmf")).document();
  const auto& g = root.one("Domain").one("Grid").one("Grid");
  EXPECT_EQ(parse_dims(g.one("Topology").at("Dimensions")), (std::vector<hsize_t>{2, 2, 2}));
  EXPECT_EQ(parse_dims(g.one("Attribute").one("DataItem").at("Dimensions")), (std::vector<hsize_t>{1, 1, 1}));
  fs::remove_all(dir);
}

TEST(FieldWriter, ChunkingHandlesAFieldLargerThanOneChunk) {
  // 64 x 64 x 40 doubles = 1.25 MiB: more than one ~1 MiB chunk, split along z.
  const auto dir = test::scratch_dir("fields-large");
  RectilinearGrid grid;
  for (int i = 0; i <= 64; ++i) grid.x_nodes_um.push_back(2.0 * i);
  grid.y_nodes_um = grid.x_nodes_um;
  for (int k = 0; k <= 40; ++k) grid.z_nodes_um.push_back(0.25 * k * k);
  const auto values = field_values(grid.cell_count(), 0.0);
  {
    FieldWriter writer(dir / "fields", grid);
    writer.write({.time_h = 3.0, .cell_values = {{"c", values}}});
    writer.close();
  }
  const H5Reader h5(dir / "fields.h5");
  EXPECT_EQ(h5.dims("/step_000000/c"), (std::vector<hsize_t>{40, 64, 64}));
  EXPECT_EQ(h5.read<double>("/step_000000/c"), values);
  fs::remove_all(dir);
}

TEST(FieldWriter, WritersOnSeveralThreadsAtOnce) {
  const auto dir = test::scratch_dir("fields-threads");
  const auto grid = small_grid();
  constexpr int writers = 4;
  constexpr int frames = 5;
  const auto values = [&](int w, int f) { return field_values(grid.cell_count(), 100.0 * w + f); };
  std::vector<std::thread> threads;
  for (int w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      FieldWriter writer(dir / ("fields" + std::to_string(w)), grid);
      for (int f = 0; f < frames; ++f) {
        const auto v = values(w, f);
        writer.write({.time_h = static_cast<double>(f), .cell_values = {{"c", v}}});
      }
      writer.close();
    });
  }
  for (auto& t : threads) t.join();
  for (int w = 0; w < writers; ++w) {
    const H5Reader h5(dir / ("fields" + std::to_string(w) + ".h5"));
    for (int f = 0; f < frames; ++f) {
      EXPECT_EQ(h5.read<double>("/step_00000" + std::to_string(f) + "/c"), values(w, f)) << w << " " << f;
    }
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace mnsim::io
