// The two gates user text passes before reaching gnuplot or the file system (issue #27, S1):
// io::gnuplot_label and io::file_slug.
#include <gtest/gtest.h>

#include <string>

#include "io/file_names.hpp"
#include "io/gnuplot.hpp"

namespace mnsim::io {
namespace {

TEST(GnuplotLabel, KeepsPlainTextAndQuotesIt) {
  EXPECT_EQ(gnuplot_label("hyaluronic serum (lidocaine)"), "'hyaluronic serum (lidocaine)'");
  EXPECT_EQ(gnuplot_label("collagen_change_pct, 5-95 % [d] = 1.5/2 + 3:4"),
            "'collagen_change_pct, 5-95 % [d] = 1.5/2 + 3:4'");
  EXPECT_EQ(gnuplot_label(""), "''");
}

TEST(GnuplotLabel, NothingCanLeaveTheStringOrRunACommand) {
  EXPECT_EQ(gnuplot_label("x\nsystem(\"touch PWNED\")\n#"), "'x system(?touch PWNED?) ?'");
  EXPECT_EQ(gnuplot_label("it's `id` $(id) @m !ls | \\"), "'it?s ?id? ?(id) ?m ?ls ? ?'");
  EXPECT_EQ(gnuplot_label(std::string("a\0\t\r b", 6)), "'a b'");
  EXPECT_EQ(gnuplot_label("\xE2\x80\xAE"
                          "evil"),
            "'?evil'");  // one '?' per UTF-8 character
  EXPECT_EQ(gnuplot_label("{\\bf x}^2 & ~"), "'??bf x??2 ? ?'");
}

TEST(GnuplotLabel, LongTextIsCut) {
  const auto label = gnuplot_label(std::string(300, 'A'));
  EXPECT_EQ(label.size(), 80U + 2U);
  EXPECT_EQ(label.substr(label.size() - 4), "...'");
}

TEST(FileSlug, ExampleNamesStayAsTheyWere) {
  EXPECT_EQ(file_slug("hyaluronic serum"), "hyaluronic_serum");
  EXPECT_EQ(file_slug("cream before"), "cream_before");
  EXPECT_EQ(file_slug("donor"), "donor");
  EXPECT_EQ(file_slug("sterile_hyaluronic-serum"), "sterile_hyaluronic-serum");
}

TEST(FileSlug, HostileNamesBecomeShortSafeNames) {
  EXPECT_EQ(file_slug("Vitamin C"), "vitamin_c");
  EXPECT_EQ(file_slug("../../etc/passwd"), "etc_passwd");
  EXPECT_EQ(file_slug("/"), "unnamed");
  EXPECT_EQ(file_slug(".."), "unnamed");
  EXPECT_EQ(file_slug(""), "unnamed");
  EXPECT_EQ(file_slug("\xE2\x80\xAE"
                      "evil"),
            "evil");
  EXPECT_EQ(file_slug(std::string("a\0b", 3)), "a_b");
  EXPECT_EQ(file_slug("x\nsystem(\"touch PWNED\")\n#"), "x_system_touch_pwned");
  EXPECT_EQ(file_slug(std::string(300, 'a')), std::string(40, 'a'));
  for (const auto* text : {"a b", "../x", "$(id)", "<script>", "A_B-c"}) {
    const auto slug = file_slug(text);
    EXPECT_FALSE(slug.empty());
    EXPECT_LE(slug.size(), 40U);
    EXPECT_EQ(slug.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-"), std::string::npos) << slug;
  }
}

}  // namespace
}  // namespace mnsim::io
