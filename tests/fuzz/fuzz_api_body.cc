// libFuzzer: a JSON request body, through the typed reader every API route
// uses (gallery/request_body.h): each getter on its own copy, so each sees the
// parsed body and not only the first failure.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>

#include "gallery/web/request_body.h"

using poster::gallery::web::Body;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Body body(std::string_view(reinterpret_cast<const char*>(data), size));
  Body text = body, optional = body, flag = body, number = body, list = body;
  (void)text.String("employee_id");
  (void)optional.OptionalString("reason", "");
  (void)flag.OptionalBool("all", false);
  (void)number.Int64("entry", 1, poster::gallery::web::kMaxId);
  (void)list.IntList("scores", std::numeric_limits<int>::min(), std::numeric_limits<int>::max(),
                     64);
  for (const Body* read : {&text, &optional, &flag, &number, &list})
    if (!read->ok() && read->status().code().empty()) __builtin_trap();  // a failure says what
  return 0;
}
