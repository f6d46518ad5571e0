#pragma once
// Keeping exceptions inside OpenMP parallel regions. An exception that leaves a parallel region
// ends the process (std::terminate, SIGABRT), so each iteration catches what it throws here and
// the loop's caller rethrows it once the region is over. Of several failures the one of the
// lowest iteration is kept, so the error reported does not depend on the thread count or on
// which thread failed first.
#include <cstddef>
#include <exception>
#include <limits>
#include <mutex>

namespace mnsim {

class ParallelFailure {
 public:
  // Runs `work()` for iteration `index`; an exception it throws is recorded, not propagated.
  template <class Work>
  void run(std::size_t index, Work&& work) noexcept {
    if (failed_before(index)) return;  // a lower iteration already failed: its error is the one reported
    try {
      work();
    } catch (...) {
      record(index, std::current_exception());
    }
  }

  // After the parallel region: throws the recorded exception, if any.
  void rethrow_if_failed() const {
    if (failure_) std::rethrow_exception(failure_);
  }

  [[nodiscard]] bool failed() const {
    const std::lock_guard lock(mutex_);
    return static_cast<bool>(failure_);
  }

 private:
  bool failed_before(std::size_t index) const {
    const std::lock_guard lock(mutex_);
    return failure_ && index_ < index;
  }
  void record(std::size_t index, std::exception_ptr failure) noexcept {
    const std::lock_guard lock(mutex_);
    if (!failure_ || index < index_) {
      failure_ = std::move(failure);
      index_ = index;
    }
  }

  mutable std::mutex mutex_;
  std::exception_ptr failure_;
  std::size_t index_ = std::numeric_limits<std::size_t>::max();
};

}  // namespace mnsim
