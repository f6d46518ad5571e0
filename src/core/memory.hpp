#pragma once
// The physical memory of this machine, to refuse work that cannot fit before allocating it (an
// allocation past it fails late, or the kernel kills the process without a message).
#include <unistd.h>

namespace mnsim {

inline double physical_memory_bytes() {
  return static_cast<double>(::sysconf(_SC_PHYS_PAGES)) * static_cast<double>(::sysconf(_SC_PAGE_SIZE));
}

}  // namespace mnsim
