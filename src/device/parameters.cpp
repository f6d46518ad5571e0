#include "device/parameters.hpp"

#include <cstdint>
#include <string>

#include "device/puncture_map.hpp"

namespace mnsim::device {

void declare_parameters(Registry& registry) {
  registry.add({.path = "device.type",
                .type = ParamType::choice,
                .choices = {"pen", "roller", "stamp", "patch"},
                .default_value = Value{std::string("pen")},
                .description = "kind of device: motorised pen, roller, stamp or microneedle patch",
                .source = "Singh & Yadav 2016, Indian Dermatol Online J 7:244"});
  registry.add({.path = "device.model",
                .type = ParamType::string,
                .default_value = Value{std::string("")},
                .description = "catalog device (data/devices/catalog.csv); empty: the generic device of device.type",
                .source = "data/devices/catalog.csv"});
  registry.add({.path = "device.needle_length_mm",
                .type = ParamType::real,
                .unit = "mm",
                .min = 0.1,
                .max = 3.0,
                .default_value = Value{1.0},
                .description = "needle length (roller, stamp, patch) or depth setting (pen); no device goes past 3 mm. "
                               "Unset with a named device.model of fixed length: that model's length",
                .source = "rollers 0.5-3 mm: Singh & Yadav 2016, Indian Dermatol Online J 7:244; "
                          "pens 0.25-2.5 mm: FDA De Novo DEN160029 (SkinPen)"});
  // Geometry overrides of the catalog model: unset keys take the catalog value.
  auto geometry = [&](const char* key, ParamType type, const char* unit, double min, double max, const char* what) {
    registry.add({.path = std::string("device.") + key,
                  .type = type,
                  .unit = unit,
                  .min = min,
                  .max = max,
                  .optional = true,
                  .description = std::string(what) + " (unset: the catalog model's value)",
                  .source = "data/devices/catalog.csv"});
  };
  geometry("needles", ParamType::integer, "", 1, 10000, "needles per roller, pen cartridge, stamp or patch");
  geometry("gauge", ParamType::integer, "", 25, 40,
           "needle gauge; sets needle_diameter_um from data/devices/gauges.csv");
  geometry("needle_diameter_um", ParamType::real, "um", 10, 1000, "shaft (base) diameter of a needle");
  geometry("tip_radius_um", ParamType::real, "um", 0.1, 200, "radius of the needle tip");
  geometry("tip_half_angle_deg", ParamType::real, "deg", 1, 60, "half angle of the conical tip");
  geometry("pitch_mm", ParamType::real, "mm", 0.01, 20, "centre-to-centre needle spacing");
  geometry("rows", ParamType::integer, "", 1, 100, "roller: rows of needles across the drum");
  geometry("drum_diameter_mm", ParamType::real, "mm", 2, 100, "roller: drum diameter");
  geometry("drum_width_mm", ParamType::real, "mm", 2, 200, "roller: drum width");
  geometry("frequency_hz", ParamType::real, "Hz", 1, 500, "pen: strokes per second");
  geometry("max_depth_mm", ParamType::real, "mm", 0.1, 3.0, "pen: deepest setting (the stroke)");

  registry.add({.path = "protocol.sessions",
                .type = ParamType::integer,
                .min = 1,
                .max = 12,
                .default_value = Value{std::int64_t{4}},
                .description = "number of treatment sessions",
                .source = "4 sessions 30 d apart: Ablon 2018, J Clin Aesthet Dermatol 11(8):29-34"});
  registry.add({.path = "protocol.interval_d",
                .type = ParamType::real,
                .unit = "d",
                .min = 1.0,
                .max = 365.0,
                .default_value = Value{30.0},
                .description = "days between sessions (2-6 weeks in published protocols)",
                .source = "Ablon 2018, J Clin Aesthet Dermatol 11(8):29-34; El-Domyati et al. 2015, "
                          "J Clin Aesthet Dermatol 8(7):36-42 (2-week interval)"});
  registry.add({.path = "protocol.passes",
                .type = ParamType::integer,
                .min = 1,
                .max = max_passes,
                .default_value = Value{std::int64_t{4}},
                .description = "passes over each area per session",
                .source = "roller: 9 passes in 4 directions, You et al. 2010, J Drug Target 18:15"});
  registry.add({.path = "protocol.endpoint",
                .type = ParamType::choice,
                .choices = {"passes", "pinpoint_bleeding", "treatment_time"},
                .default_value = Value{std::string("passes")},
                .description = "what ends a session: protocol.passes; passes until uniform pinpoint bleeding "
                               "(hazards.visible_bleeding_points_per_cm2); or protocol.treatment_time_s_per_cm2 "
                               "spent on the area. The model converts the endpoint into passes",
                .source = "uniform pinpoint bleeding is the usual clinical endpoint for dermal-depth "
                          "microneedling (Alster & Graham 2018, Dermatol Surg 44:397; shared research "
                          "mechanics.md 5)"});
  registry.add({.path = "protocol.treatment_time_s_per_cm2",
                .type = ParamType::real,
                .unit = "s/cm2",
                .min = 0.1,
                .max = 600.0,
                .optional = true,
                .description = "time spent gliding the device over each cm2 of the area in a session "
                               "(protocol.endpoint = \"treatment_time\")",
                .source = "model input"});
  registry.add({.path = "protocol.area_cm2",
                .type = ParamType::real,
                .unit = "cm2",
                .min = 0.01,
                .max = 2000.0,
                .default_value = Value{50.0},
                .description = "treated area per session (one cheek is about 50 cm2, a full face about 300 cm2)",
                .source = "model input"});
  registry.add({.path = "protocol.glide_speed_mm_per_s",
                .type = ParamType::real,
                .unit = "mm/s",
                .min = 0.5,
                .max = 500.0,
                .default_value = Value{20.0},
                .description = "speed at which a pen glides or a roller rolls over the skin",
                .source = "model input; pens at 0.1-1 m/s stroke speed: shared research mechanics.md 2.3"});
  registry.add({.path = "protocol.application_speed_mm_per_s",
                .type = ParamType::real,
                .unit = "mm/s",
                .min = 0.01,
                .max = 20000.0,
                .default_value = Value{1.0},
                .description = "stamp or patch: speed of the needles entering the skin (about 1 mm/s by hand, "
                               "2000-10000 mm/s with an impact applicator)",
                .source = "Meliga et al. 2017, Acta Biomater 48:341 (impact at 2-10 m/s); pressing is quasi-static"});
  registry.add({.path = "protocol.application_force_N",
                .type = ParamType::real,
                .unit = "N",
                .min = 0.001,
                .max = 500.0,
                .optional = true,
                .description = "stamp, patch or roller: force pressing the device on the skin; unset: pressed "
                               "home, so the needles go as deep as their length lets them. Pens drive their "
                               "needles by the motor and take no force",
                .source = "model input; 10-50 N per array are used to mimic hand application (Larrañeta E et al. "
                          "2014, Int J Pharm 472:65, methods); the load is shared by the needles in contact "
                          "(docs/models.md, Insertion)"});
  registry.add({.path = "protocol.hold_s",
                .type = ParamType::real,
                .unit = "s",
                .min = 0.0,
                .max = 3600.0,
                .default_value = Value{0.0},
                .description = "stamp or patch under a given force (protocol.application_force_N): how long the "
                               "force is held after the push; the skin relaxes and the needles creep deeper, up "
                               "to their hub",
                .source = "model input; 30 s holds are used to mimic hand application (Larrañeta E et al. 2014, "
                          "Int J Pharm 472:65, methods)"});
  registry.add({.path = "protocol.applicator_mass_g",
                .type = ParamType::real,
                .unit = "g",
                .min = 0.01,
                .max = 2000.0,
                .optional = true,
                .description = "stamp or patch shot home by an impact applicator: the moving mass (piston and "
                               "array) that strikes the skin at protocol.application_speed_mm_per_s; the needles "
                               "go only as deep as its kinetic energy pays for (tent to puncture, then cutting "
                               "and flank friction). Unset: the press is not limited by energy",
                .source = "model input; impact applicators shoot arrays at 1-3 m/s (Verbaan FJ et al. 2008, J "
                          "Control Release 128:80, abstract) to 2-10 m/s (Meliga et al. 2017, Acta Biomater "
                          "48:341); energy balance docs/models.md, Insertion"});
  registry.add({.path = "protocol.press",
                .type = ParamType::choice,
                .choices = {"home", "displacement"},
                .default_value = Value{std::string("home")},
                .description = "stamp or patch: \"home\", pressed by hand or applicator until the base plate meets "
                               "the skin, the needles stopping at their hub; \"displacement\", a test machine "
                               "drives the needles through their length with the base kept off the skin, so the "
                               "whole skin deflects under them (mechanics.insertion_efficiency_press)",
                .source = "home: the base plate flattens the skin between the needles, which keep only their "
                          "own local tent (docs/models.md, Insertion); displacement: single steel needles "
                          "pressed into pig skin buried less than half the displacement (Lam et al. 2008, "
                          "Biodevices)"});
  registry.add({.path = "protocol.slip_fraction",
                .type = ParamType::real,
                .min = 0.0,
                .max = 1.0,
                .default_value = Value{0.0},
                .description = "roller: fraction of its travel the drum slides instead of rolling (pressed and "
                               "dragged); tears each wound along the motion",
                .source = "model input"});
  registry.add({.path = "protocol.pen_dwell_fraction",
                .type = ParamType::real,
                .min = 0.05,
                .max = 1.0,
                .default_value = Value{0.25},
                .description = "pen: fraction of each stroke period the needles stay in the skin while the pen "
                               "glides on (elongates each wound)",
                .source = "assumption: a sinusoidal stroke below the skin for about a quarter of its period"});
  registry.add({.path = "protocol.hand_jitter_mm",
                .type = ParamType::real,
                .unit = "mm",
                .min = 0.0,
                .max = 5.0,
                .default_value = Value{0.2},
                .description = "SD of hand placement noise of each stroke, swath or stamp",
                .source = "assumption"});
}

}  // namespace mnsim::device
