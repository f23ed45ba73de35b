// Errors as values, shared by every module.
//
// A Status is either ok or carries a stable `code` (the word users and scripts
// see, e.g. "dimensions_too_large"), an English `message` that says what happened
// and what to do, and `details`: the figures behind the message as key/value pairs,
// so that a page can say the same thing in Korean (see gallery's Localize).
// Result<T> is a T or a non-ok Status. Neither throws.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace poster {

struct Detail {
  std::string key;
  std::string value;
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(std::string code, std::string message, std::vector<Detail> details = {})
      : code_(std::move(code)), message_(std::move(message)), details_(std::move(details)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_.empty(); }
  const std::string& code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::vector<Detail>& details() const { return details_; }

  // The value of detail `key`, or "" when it has none.
  std::string_view detail(std::string_view key) const {
    for (const auto& d : details_) {
      if (d.key == key) return d.value;
    }
    return {};
  }

 private:
  std::string code_;
  std::string message_;
  std::vector<Detail> details_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Status error) : state_(std::move(error)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(state_).ok() && "a Result holds a value or an error");
  }

  bool ok() const { return std::holds_alternative<T>(state_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(state_);
  }

  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace poster

// Returns the Status of `expr` from the enclosing function when it is not ok.
#define POSTER_RETURN_IF_ERROR(expr)   \
  do {                                 \
    ::poster::Status status_ = (expr); \
    if (!status_.ok()) return status_; \
  } while (false)

// Declares `lhs` from the value of the Result `expr`, or returns its Status
// from the enclosing function when it failed:
//   POSTER_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
// A type with a comma in it is spelt `auto`.
#define POSTER_ASSIGN_OR_RETURN(lhs, ...) \
  POSTER_ASSIGN_OR_RETURN_(POSTER_CONCAT_(result_, __COUNTER__), lhs, __VA_ARGS__)
#define POSTER_ASSIGN_OR_RETURN_(result, lhs, ...) \
  auto result = (__VA_ARGS__);                     \
  if (!result.ok()) return result.status();        \
  lhs = std::move(result).value()
#define POSTER_CONCAT_(a, b) POSTER_CONCAT_INNER_(a, b)
#define POSTER_CONCAT_INNER_(a, b) a##b
